import pytest
from django.urls import reverse
from wagtail.test.utils.form_data import nested_form_data, rich_text, streamfield

from courses.factories import CourseFactory
from guides.models import GuidePage
from guides.tests.forms import guide_form


def add_url(category):
    return reverse("wagtailadmin_pages:add", args=("guides", "guidepage", category.pk))


@pytest.mark.django_db
def test_editor_creates_a_guide_with_section_course_list_and_faq(admin_client, category, client):
    course = CourseFactory(title="Flask Mega Course")
    response = admin_client.post(add_url(category), guide_form([course]))
    assert response.status_code == 302, response.content.decode()[:2000]

    guide = GuidePage.objects.get(slug="flask-for-beginners")
    assert not guide.live  # saved as a draft
    assert [b.block_type for b in guide.body] == ["section", "course_list", "faq"]
    assert guide.body[0].value["anchor"] == "why-flask"
    assert guide.body[1].value["items"][0]["course"] == course

    preview = admin_client.post(
        reverse("wagtailadmin_pages:preview_on_add", args=("guides", "guidepage", category.pk)),
        guide_form([course]),
    )
    assert preview.status_code == 200


@pytest.mark.django_db
def test_bad_input_keeps_the_edit_and_saves_nothing(admin_client, category):
    course = CourseFactory()
    response = admin_client.post(
        add_url(category),
        guide_form([course], title="Keep my words", last_reviewed="2020-01-01"),
    )
    assert response.status_code == 200
    html = response.content.decode()
    assert "The last review cannot be before the first publication date." in html
    assert "Keep my words" in html and "Flask gives you routing." in html
    assert not GuidePage.objects.filter(slug="flask-for-beginners").exists()


@pytest.mark.django_db
def test_duplicate_explicit_anchors_are_refused_with_a_message(admin_client, category):
    course = CourseFactory()
    sections = streamfield(
        [
            (
                "section",
                {
                    "heading": heading,
                    "anchor": "setup",
                    "content": streamfield([("paragraph", rich_text("<p>Text</p>"))]),
                },
            )
            for heading in ("First", "Second")
        ]
    )
    data = guide_form([course])
    data = {k: v for k, v in data.items() if not k.startswith("body-")}
    data.update(nested_form_data({"body": sections}))
    response = admin_client.post(add_url(category), data)
    assert response.status_code == 200
    assert "already uses the anchor" in response.content.decode()
    assert not GuidePage.objects.filter(slug="flask-for-beginners").exists()


@pytest.mark.django_db
@pytest.mark.parametrize("slug", ["search", "feeds", "admin", "guides"])
def test_a_category_slug_the_site_itself_uses_is_refused(admin_client, home_page, slug):
    from guides.models import GuideIndexPage

    response = admin_client.post(
        reverse("wagtailadmin_pages:add", args=("guides", "guideindexpage", home_page.pk)),
        nested_form_data({"title": "Guides", "slug": slug, "intro": rich_text("")}),
    )
    assert response.status_code == 200
    assert f"“/{slug}/” is used by the site itself" in response.content.decode()
    assert not GuideIndexPage.objects.filter(slug=slug).exists()
