"""The full-page cache: who gets a cached copy, and that publishing shows up at once."""

import pytest
from django.core.cache import cache
from django.test import Client

from courses.factories import CourseFactory
from guides.body import course_list
from guides.factories import GuideIndexPageFactory, GuidePageFactory

HIT = "X-Page-Cache"


@pytest.fixture(autouse=True)
def page_cache_on(settings):
    settings.PAGE_CACHE_ENABLED = True
    cache.clear()
    yield
    cache.clear()


def fetch(client, url, **kwargs):
    response = client.get(url, **kwargs)
    assert response.status_code == 200, url
    return response


def text(response) -> str:
    return response.content.decode()


@pytest.mark.django_db
def test_anonymous_readers_share_one_cached_copy_fit_for_a_cdn(client, category):
    guide = GuidePageFactory(parent=category, title="Cached guide")
    first = fetch(client, guide.url)
    assert first[HIT] == "MISS"
    assert first["Cache-Control"] == "public, max-age=0, s-maxage=600, must-revalidate"
    second = fetch(client, guide.url)
    assert second[HIT] == "HIT"
    assert second.content == first.content
    assert second["Cache-Control"] == first["Cache-Control"]
    assert client.head(guide.url)[HIT] == "HIT"


@pytest.mark.django_db
def test_logged_in_editors_never_get_or_fill_the_cache(admin_client, category):
    client = Client()  # an anonymous reader beside the logged-in editor
    guide = GuidePageFactory(parent=category)
    fetch(client, guide.url)  # an anonymous copy exists now

    as_editor = fetch(admin_client, guide.url)
    assert HIT not in as_editor
    assert "private" in as_editor["Cache-Control"]
    assert 'id="wagtail-userbar"' in text(as_editor) or "wagtail-userbar" in text(as_editor)

    cache.clear()
    fetch(admin_client, guide.url)
    assert fetch(client, guide.url)[HIT] == "MISS"  # the editor's page was not stored


@pytest.mark.django_db
def test_requests_with_a_session_or_unknown_query_strings_reach_the_page(
    client, category, settings
):
    settings.GUIDES_PER_PAGE = 1
    GuidePageFactory.create_batch(2, parent=category)
    fetch(client, category.url)
    client.cookies["sessionid"] = "someone"
    assert HIT not in fetch(client, category.url)
    del client.cookies["sessionid"]

    assert HIT not in fetch(client, category.url, query_params={"utm_source": "mail"})
    assert fetch(client, category.url, query_params={"page": "2"})[HIT] == "MISS"
    assert fetch(client, category.url, query_params={"page": "2"})[HIT] == "HIT"
    assert HIT not in fetch(client, "/search/", query_params={"q": "django"})


@pytest.mark.django_db
def test_publishing_unpublishing_and_moving_a_guide_show_at_once(client, home_page, category):
    GuidePageFactory(parent=category, title="Already there")
    fetch(client, category.url)
    fetch(client, "/")

    draft = GuidePageFactory(parent=category, title="Fresh guide", live=False)
    assert "Fresh guide" not in text(fetch(client, category.url))
    draft.save_revision().publish()
    assert "Fresh guide" in text(fetch(client, category.url))
    assert "Fresh guide" in text(fetch(client, "/"))

    guide = draft.specific.__class__.objects.get(pk=draft.pk)
    guide_page = fetch(client, guide.url)
    assert "Fresh guide" in text(guide_page)
    guide.unpublish()
    assert "Fresh guide" not in text(fetch(client, category.url))
    assert client.get(guide.url).status_code == 404

    other = GuideIndexPageFactory(parent=home_page, title="Data", slug="data")
    fetch(client, other.url)
    moved = GuidePageFactory(parent=category, title="Moving guide")
    moved.save_revision().publish()
    assert "Moving guide" in text(fetch(client, category.url))
    moved.move(other, pos="last-child")
    assert "Moving guide" not in text(fetch(client, category.url))
    assert "Moving guide" in text(fetch(client, other.url))


@pytest.mark.django_db
def test_a_course_change_updates_the_guides_that_list_it_and_only_those(
    client, category, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        course = CourseFactory(title="Old course title")
        listing = GuidePageFactory(parent=category, title="Lists it", body=[course_list([course])])
        unrelated = GuidePageFactory(parent=category, title="Does not list it")
    assert "Old course title" in text(fetch(client, listing.url))
    fetch(client, unrelated.url)

    with django_capture_on_commit_callbacks(execute=True):
        course.title = "New course title"
        course.save_revision().publish()

    updated = fetch(client, listing.url)
    assert updated[HIT] == "MISS"
    assert ">New course title<" in text(updated) and ">Old course title<" not in text(updated)
    assert fetch(client, unrelated.url)[HIT] == "HIT"

    with django_capture_on_commit_callbacks(execute=True):
        course.unpublish()
    assert ">New course title<" not in text(fetch(client, listing.url))


@pytest.mark.django_db
def test_a_course_change_updates_the_home_page_and_the_course_catalogue(
    client, home_page, django_capture_on_commit_callbacks
):
    from courses.models import CourseIndexPage

    catalogue = CourseIndexPage(title="Courses", slug="courses")
    home_page.add_child(instance=catalogue)
    course = CourseFactory(title="Catalogue course", slug="catalogue-course")
    course_url = catalogue.url + "catalogue-course/"
    assert "Catalogue course" in text(fetch(client, "/"))
    assert "Catalogue course" in text(fetch(client, catalogue.url))
    assert "Catalogue course" in text(fetch(client, course_url))

    with django_capture_on_commit_callbacks(execute=True):
        course.title = "Renamed course"
        course.save_revision().publish()

    for url in ("/", catalogue.url, course_url):
        assert "Renamed course" in text(fetch(client, url)), url


@pytest.mark.django_db
def test_previews_are_never_cached(admin_client, category):
    guide = GuidePageFactory(parent=category, title="Previewed guide")
    response = admin_client.get(f"/admin/pages/{guide.pk}/edit/preview/")
    assert response.status_code == 200
    assert HIT not in response
    assert fetch(Client(), guide.url)[HIT] == "MISS"


@pytest.mark.django_db
def test_changing_an_image_or_the_site_settings_refreshes_cached_pages(client, category):
    import wagtail_factories

    from home.models import SiteSettings

    image = wagtail_factories.ImageFactory()
    guide = GuidePageFactory(parent=category, hero_image=image, hero_alt_text="A hero")
    fetch(client, guide.url)
    assert fetch(client, guide.url)[HIT] == "HIT"
    image.focal_point_x, image.focal_point_y, image.focal_point_width = 10, 10, 5
    image.focal_point_height = 5
    image.save()
    assert fetch(client, guide.url)[HIT] == "MISS"

    settings_row = SiteSettings.objects.get()
    settings_row.footer_note = "A new footer note."
    settings_row.save()
    assert "A new footer note." in text(fetch(client, guide.url))


@pytest.mark.django_db
def test_revalidating_an_unchanged_page_gets_304_not_modified(client, category):
    guide = GuidePageFactory(parent=category)
    etag = fetch(client, guide.url)["ETag"]
    assert client.get(guide.url, headers={"if-none-match": etag}).status_code == 304
    guide.title = "A new title"
    guide.save_revision().publish()
    changed = client.get(guide.url, headers={"if-none-match": etag})
    assert changed.status_code == 200 and "A new title" in text(changed)


@pytest.mark.django_db
def test_a_publish_inside_a_transaction_renews_the_cache_again_once_committed(
    client, category, django_capture_on_commit_callbacks
):
    """The scheduler publishes inside a transaction: a reader who asks between the publish and
    the commit still sees (and caches) the old page, so the commit must make that copy stale."""
    guide = GuidePageFactory(parent=category, title="Scheduled guide", live=False)
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        guide.save_revision().publish()
    fetch(client, category.url)  # the copy a reader cached before the commit
    assert fetch(client, category.url)[HIT] == "HIT"
    for callback in callbacks:
        callback()
    assert fetch(client, category.url)[HIT] == "MISS"


@pytest.mark.django_db
def test_one_page_number_is_one_cache_entry_however_it_is_spelled(client, category, settings):
    """?page=1, ?page=01 and no page are one page; ?page=0002 is ?page=2. A crawler trying
    spellings cannot fill the cache with copies of one page."""
    settings.GUIDES_PER_PAGE = 1
    GuidePageFactory(parent=category, title="Older guide", first_published="2026-01-01")
    GuidePageFactory(parent=category, title="Newer guide", first_published="2026-02-01")
    first = fetch(client, category.url)
    assert first[HIT] == "MISS" and "Newer guide" in text(first)
    for spelling in ("1", "01", "0001"):
        response = fetch(client, category.url, query_params={"page": spelling})
        assert response[HIT] == "HIT" and response.content == first.content, spelling
    second = fetch(client, category.url, query_params={"page": "2"})
    assert second[HIT] == "MISS" and "Older guide" in text(second)
    for spelling in ("02", "0002"):
        response = fetch(client, category.url, query_params={"page": spelling})
        assert response[HIT] == "HIT" and response.content == second.content, spelling
    for missing in ("0", "3", "abc"):
        response = client.get(category.url, query_params={"page": missing})
        assert response.status_code == 404 and HIT not in response, missing


@pytest.mark.django_db
def test_an_editor_saving_drafts_leaves_readers_the_cached_page_until_the_publish(
    admin_client, category, django_capture_on_commit_callbacks
):
    """A draft save (every autosave while an editor types) and an edit lock change nothing a
    reader sees: the live guide and the pages listing a course stay cached until a publish."""
    from django.urls import reverse

    from guides.models import GuidePage
    from tests.admin_forms import unchanged_edit_form

    client = Client()  # an anonymous reader beside the editor

    with django_capture_on_commit_callbacks(execute=True):
        course = CourseFactory(title="Steady course")
        guide = GuidePageFactory(
            parent=category, title="Steady guide", body=[course_list([course])]
        )
    fetch(client, guide.url)
    assert fetch(client, guide.url)[HIT] == "HIT"

    edit = reverse("wagtailadmin_pages:edit", args=(guide.pk,))
    form = unchanged_edit_form(admin_client.get(edit).content.decode(), GuidePage)
    with django_capture_on_commit_callbacks(execute=True):
        assert admin_client.post(edit, {**form, "title": "Draft title"}).status_code == 302
        course.title = "Draft course title"
        course.save_revision()
        course.locked = True
        course.save(update_fields=["locked"])
    unchanged = fetch(client, guide.url)
    assert unchanged[HIT] == "HIT"
    assert "Steady guide" in text(unchanged) and "Steady course" in text(unchanged)

    with django_capture_on_commit_callbacks(execute=True):
        GuidePage.objects.get(pk=guide.pk).get_latest_revision().publish()
        course.get_latest_revision().publish()
    published = fetch(client, guide.url)
    assert published[HIT] == "MISS"
    assert "Draft title" in text(published) and "Draft course title" in text(published)
