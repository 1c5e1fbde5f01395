import datetime
from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from courses.factories import CourseFactory
from guides.body import course_list, faq, image, paragraph, section
from guides.factories import GuidePageFactory
from guides.models import GuidePage, RelatedGuide


def render(client, page):
    response = client.get(page.url)
    assert response.status_code == 200
    return response.content.decode()


@pytest.mark.django_db
def test_guide_shows_sections_toc_ranked_courses_and_faq(client, category):
    best = CourseFactory(title="Web Application Technologies and Django", rating=Decimal("9.7"))
    second = CourseFactory(title="Coding for Entrepreneurs", provider="udemy", rating=Decimal("9"))
    guide = GuidePageFactory(
        parent=category,
        title="Django in depth",
        body=[
            section("What Django is", paragraph("<p>A batteries-included framework.</p>")),
            course_list([best, second], heading="Top Django courses"),
            faq([("Is Django still worth learning?", "<p>Yes, it is widely used.</p>")]),
        ],
    )
    html = render(client, guide)

    assert '<a href="#what-django-is">What Django is</a>' in html
    assert 'id="what-django-is"' in html
    assert "Top Django courses" in html
    assert html.index("Web Application Technologies and Django") < html.index(
        "Coding for Entrepreneurs"
    )
    assert "9.7/10" in html and "9.0/10" in html
    assert "Udemy" in html
    assert "<summary>Is Django still worth learning?</summary>" in html
    assert "min read" in html
    assert "1 March 2026" in html and "1 October 2026" in html


@pytest.mark.django_db
def test_retired_course_drops_out_and_ranks_close_up(client, category):
    retired = CourseFactory(title="Retired course", rating=Decimal("9.9"), live=False)
    kept = CourseFactory(title="Kept course")
    guide = GuidePageFactory(parent=category, body=[course_list([retired, kept])])
    html = render(client, guide)
    assert "Retired course" not in html
    assert "Kept course" in html
    assert 'course-item__rank" aria-hidden="true">1<' in html


@pytest.mark.django_db
def test_section_anchors_are_derived_and_unique_on_the_page(category):
    guide = GuidePageFactory(
        parent=category,
        body=[
            section("Getting started", paragraph("<p>One</p>")),
            section("Getting started", paragraph("<p>Two</p>")),
            section("Custom", paragraph("<p>Three</p>"), anchor="getting-started-2"),
        ],
    )
    guide = GuidePage.objects.get(pk=guide.pk)
    anchors = [entry["anchor"] for entry in guide.table_of_contents]
    assert anchors == ["getting-started", "getting-started-3", "getting-started-2"]


@pytest.mark.django_db
def test_draft_guides_are_not_served_or_listed(client, category):
    live = GuidePageFactory(parent=category, title="Published guide")
    draft = GuidePageFactory(parent=category, title="Unfinished draft", live=False)
    assert client.get(draft.url).status_code == 404
    listing = render(client, category)
    assert "Published guide" in listing and "Unfinished draft" not in listing
    assert "Unfinished draft" not in render(client, live)


@pytest.mark.django_db
def test_related_guides_prefer_hand_picked_then_shared_tags_then_category(client, category):
    guide = GuidePageFactory(parent=category, title="Main guide")
    guide.tags.set(["django"])
    guide.save()
    sibling = GuidePageFactory(parent=category, title="Plain sibling")
    tagged = GuidePageFactory(parent=category, title="Tagged sibling")
    tagged.tags.set(["django"])
    tagged.save()
    picked = GuidePageFactory(parent=category, title="Hand picked")
    GuidePageFactory(parent=category, title="Fourth sibling")
    RelatedGuide.objects.create(page=guide, guide=picked, sort_order=0)

    related = GuidePage.objects.get(pk=guide.pk).related_guides()

    assert [g.title for g in related][:2] == ["Hand picked", "Tagged sibling"]
    assert len(related) == 3
    assert guide.pk not in [g.pk for g in related]
    assert sibling.pk in [g.pk for g in related] or related[2].title == "Fourth sibling"


@pytest.mark.django_db
def test_more_in_category_lists_latest_five_siblings(client, category):
    guides = [
        GuidePageFactory(
            parent=category,
            title=f"Sibling {n}",
            first_published=datetime.date(2026, 1, n + 1),
        )
        for n in range(10)
    ]
    html = render(client, guides[0])
    more = html[html.index('id="more-heading"') :]
    # Siblings 9, 8 and 7 are the related guides above; "more" never repeats them.
    assert "Sibling 6" in more and "Sibling 2" in more
    assert "Sibling 7" not in more and "Sibling 1" not in more


@pytest.mark.django_db
@pytest.mark.parametrize("page_param", ["abc", "-1", "0", "999999", "1.5", ""])
def test_category_pagination_never_breaks(client, category, page_param):
    """A page that does not exist is a 404 that says why, never a 500 and never page 1 again
    (tests/test_pagination.py); an empty ?page= is page 1."""
    GuidePageFactory(parent=category, title="Only guide")
    response = client.get(category.url, {"page": page_param})
    assert response.status_code == (200 if page_param == "" else 404)
    html = response.content.decode()
    assert ("Only guide" in html) == (page_param == "")


def _guide_with(category, count):
    courses = [CourseFactory() for _ in range(count)]
    return GuidePageFactory(
        parent=category,
        body=[
            *[section(f"Part {n}", paragraph(f"<p>Text {n}</p>")) for n in range(count)],
            section(
                "Courses inside a section",
                paragraph("<p>Text</p>"),
                course_list(courses),
            ),
            course_list(courses),
            faq([(f"Question {n}?", f"<p>Answer {n}</p>") for n in range(count)]),
        ],
    )


# Measured on Wagtail 8.0. The first render after a publish computes everything: 10 (the site
# with its root page and settings, its sections, view restrictions, the route's two, one query
# per course-list level (at the top and inside sections), tags, the related guides, more in the
# category). Every later render takes the site and its sections, the head tags, the article and
# the footer links from the cache (home.site_lookup, pages/guide_page.html): 3 (the route's
# two, view restrictions). Issue 14 asks for at most 12; the point is also that both stay flat.
GUIDE_PAGE_QUERY_BUDGET_AFTER_A_PUBLISH = 10
GUIDE_PAGE_QUERY_BUDGET_WARM = 3


@pytest.mark.django_db
def test_guide_query_count_does_not_grow_with_courses_or_faq_items(client, category):
    from pagecache import page_cache

    small = _guide_with(category, 3)
    large = _guide_with(category, 30)
    client.get(small.url)  # warm per-process caches (site root paths, content types)

    after_a_publish, warm = [], []
    for guide in (small, large):
        client.get(guide.url)
        page_cache.purge_site()  # as a publish anywhere does: everything is computed again
        for counts in (after_a_publish, warm):
            with CaptureQueriesContext(connection) as queries:
                response = client.get(guide.url)
            assert response.status_code == 200
            counts.append(len(queries))

    print(f"guide page queries: after a publish {after_a_publish}, warm {warm}")
    first, second = after_a_publish
    assert first == second, f"3 courses/FAQs/sections: {first} queries, 30: {second}"
    assert warm[0] == warm[1], f"3 courses/FAQs/sections: {warm[0]} queries, 30: {warm[1]}"
    assert second <= GUIDE_PAGE_QUERY_BUDGET_AFTER_A_PUBLISH
    assert warm[1] <= GUIDE_PAGE_QUERY_BUDGET_WARM
    assert response.content.decode().count('class="course-item course-item--ranked"') == 60


@pytest.mark.django_db
def test_course_lists_link_to_the_course_page_and_out_to_the_provider(client, home_page, category):
    from courses.models import CourseIndexPage

    course = CourseFactory(title="Django Features and Libraries", slug="django-features")
    guide = GuidePageFactory(parent=category, body=[course_list([course])])
    assert f'href="{course.url}" rel="nofollow noopener">Django Features' in render(client, guide)

    home_page.add_child(instance=CourseIndexPage(title="Courses", slug="courses"))
    html = render(client, guide)
    assert '<a href="/courses/django-features/">Django Features and Libraries</a>' in html
    assert f'<a href="{course.url}" rel="nofollow noopener">Go to the course on Coursera' in html


@pytest.mark.django_db
def test_reading_time_counts_the_words_of_every_block(category):
    words = "<p>" + "<strong>word</strong> " * 300 + "</p>"
    guide = GuidePageFactory(
        parent=category,
        body=[
            section("One", paragraph(words)),
            faq([("Question?", f"<p>{'answer ' * 160}</p>")]),
        ],
    )
    # 300 + 160 + the heading, question and FAQ title words: just over two minutes at 230 wpm.
    assert GuidePage.objects.get(pk=guide.pk).reading_time == 3


@pytest.mark.django_db
def test_footer_links_follow_publishing_at_once(client, category):
    guide = GuidePageFactory(parent=category, title="Main guide")
    assert "Newly published sibling" not in render(client, guide)

    sibling = GuidePageFactory(parent=category, title="Newly published sibling", live=False)
    sibling.save_revision().publish()
    html = render(client, guide)
    # As a related guide (same category), so not again under "More in ...".
    footer = html[html.index('id="related-heading"') :]
    assert "Newly published sibling" in footer

    GuidePage.objects.get(pk=sibling.pk).unpublish()
    assert "Newly published sibling" not in render(client, guide)


def page_ids(html: str) -> list[str]:
    from html.parser import HTMLParser

    class Ids(HTMLParser):
        def __init__(self):
            super().__init__()
            self.ids = []

        def handle_starttag(self, tag, attrs):
            self.ids += [value for name, value in attrs if name == "id"]

    parser = Ids()
    parser.feed(html)
    return parser.ids


@pytest.mark.django_db
def test_sections_named_like_the_page_own_parts_never_repeat_its_ids(client, category):
    guide = GuidePageFactory(
        parent=category,
        body=[
            section(heading, paragraph(f"<p>{heading}</p>"))
            for heading in ("Main", "FAQ", "Related", "More", "TOC", "Related")
        ]
        + [faq([("Why?", "<p>Because.</p>")])],
    )
    RelatedGuide.objects.create(
        page=guide, guide=GuidePageFactory(parent=category, title="Picked"), sort_order=0
    )
    # Two fill the related guides up to three; one is left for "More in ...".
    for _ in range(3):
        GuidePageFactory(parent=category)
    html = render(client, guide)

    ids = page_ids(html)
    assert len(ids) == len(set(ids)), sorted(i for i in ids if ids.count(i) > 1)
    for fixed in ("main", "faq-heading", "related-heading", "more-heading", "toc-heading"):
        assert fixed in ids
    anchors = [entry["anchor"] for entry in GuidePage.objects.get(pk=guide.pk).table_of_contents]
    # The FAQ's entry goes by its heading's id.
    assert anchors == [
        "main-2",
        "faq-2",
        "related-2",
        "more-2",
        "toc-2",
        "related-3",
        "faq-heading",
    ]
    for anchor in anchors:  # the table of contents still reaches every section
        assert f'<a href="#{anchor}">' in html and f'id="{anchor}"' in html


@pytest.mark.django_db
def test_an_anchor_stored_before_it_was_reserved_still_renders_with_unique_ids(client, category):
    guide = GuidePageFactory(parent=category, body=[section("Intro", paragraph("<p>Hi</p>"))])
    legacy = [
        section("Main", paragraph("<p>One</p>"), anchor="main"),
        section("Questions", paragraph("<p>Two</p>"), anchor="faq"),
        section("Intro", paragraph("<p>Three</p>"), anchor="intro"),
        section("Intro heading", paragraph("<p>Four</p>"), anchor="intro-heading"),
    ]
    # As stored by an older release: straight into the table, past save() and validation.
    GuidePage.objects.filter(pk=guide.pk).update(body=legacy)
    html = render(client, GuidePage.objects.get(pk=guide.pk))

    ids = page_ids(html)
    assert len(ids) == len(set(ids)), sorted(i for i in ids if ids.count(i) > 1)
    assert '<a href="#intro">' in html  # an anchor that was fine keeps its links working
    assert '<a class="skip-link" href="#main">' in html
    assert html.count('id="main"') == 1 and 'id="main" tabindex="-1"' in html


@pytest.mark.parametrize(
    "anchor", ["main", "faq", "faq-heading", "related", "more", "toc", "site-search-q"]
)
def test_a_section_refuses_an_anchor_the_page_itself_uses(anchor):
    from wagtail.blocks.struct_block import StructBlockValidationError

    from guides.blocks import SectionBlock

    block = SectionBlock()
    value = block.to_python(section("Anything", paragraph("<p>x</p>"), anchor=anchor)["value"])
    with pytest.raises(StructBlockValidationError) as refused:
        block.clean(value)
    message = " ".join(refused.value.block_errors["anchor"].messages)
    assert f"“{anchor}” is taken by the page itself" in message
    assert "leave it empty" in message


def test_an_anchor_that_repeats_another_section_heading_id_is_refused():
    from wagtail.blocks import StreamBlockValidationError

    from guides.blocks import GuideBodyBlock

    block = GuideBodyBlock()
    value = block.to_python(
        [
            section("Intro", paragraph("<p>x</p>"), anchor="intro"),
            section("About the intro", paragraph("<p>y</p>"), anchor="intro-heading"),
        ]
    )
    with pytest.raises(StreamBlockValidationError) as refused:
        block.clean(value)
    message = " ".join(refused.value.block_errors[1].block_errors["anchor"].messages)
    assert "Section 1 already uses the anchor “intro”" in message
    assert "“intro-heading” twice" in message


@pytest.mark.django_db
def test_the_editor_is_told_why_a_reserved_anchor_is_refused(admin_client, category):
    from django.urls import reverse
    from wagtail.test.utils.form_data import nested_form_data, rich_text, streamfield

    from courses.factories import CourseFactory
    from guides.tests.forms import guide_form

    body = streamfield(
        [
            (
                "section",
                {
                    "heading": "Main points",
                    "anchor": "main",
                    "content": streamfield([("paragraph", rich_text("<p>Text</p>"))]),
                },
            )
        ]
    )
    data = {k: v for k, v in guide_form([CourseFactory()]).items() if not k.startswith("body-")}
    data.update(nested_form_data({"body": body}))
    response = admin_client.post(
        reverse("wagtailadmin_pages:add", args=("guides", "guidepage", category.pk)), data
    )
    assert response.status_code == 200
    assert "is taken by the page itself" in response.content.decode()
    assert not GuidePage.objects.filter(slug="flask-for-beginners").exists()


def _guide_with_images(home_page, count):
    """A guide with `count` image blocks and `count` related guides with hero images."""
    import wagtail_factories

    from guides.factories import GuideIndexPageFactory

    category = GuideIndexPageFactory(parent=home_page)
    guide = GuidePageFactory(
        parent=category,
        hero_image=wagtail_factories.ImageFactory(),
        body=[
            section(
                "Screenshots",
                *[
                    image(wagtail_factories.ImageFactory(), "A screenshot", caption="As it looks")
                    for _ in range(count)
                ],
            )
        ],
    )
    for _ in range(count):
        GuidePageFactory(parent=category, hero_image=wagtail_factories.ImageFactory())
    return guide


# From an empty cache (a new Redis), for this guide without course lists: what a publish
# recomputes (8), Wagtail's site root paths, the image blocks' images, and one renditions query
# for each kind (the share image, the hero, the image blocks, the related guides' cards), never
# one per image.
GUIDE_PAGE_QUERY_BUDGET_COLD_RENDITIONS = 14


@pytest.mark.django_db
def test_guide_query_count_does_not_grow_with_images_when_the_renditions_cache_is_cold(
    client, home_page
):
    from django.core.cache import cache, caches

    small = _guide_with_images(home_page, 1)
    large = _guide_with_images(home_page, 3)
    cold, links_cached = [], []
    for guide in (small, large):
        client.get(guide.url)  # makes the renditions; warms the per-process caches
        cache.clear()
        for counts in (cold, links_cached):
            caches["renditions"].clear()
            with CaptureQueriesContext(connection) as queries:
                response = client.get(guide.url)
            assert response.status_code == 200
            counts.append(len(queries))
    html = response.content.decode()
    assert html.count('<figure class="figure">') == 3 and html.count("card__image") == 3

    print(f"guide page queries, cold renditions: {cold}, footer links cached: {links_cached}")
    assert cold[0] == cold[1], f"1 image: {cold[0]} queries, 3: {cold[1]}"
    assert links_cached[0] == links_cached[1]
    assert cold[1] <= GUIDE_PAGE_QUERY_BUDGET_COLD_RENDITIONS


@pytest.mark.django_db
def test_a_restricted_guide_is_never_a_related_guide_on_a_public_page(
    client, category, restricted_guide
):
    secret = restricted_guide
    shown = GuidePageFactory(parent=category, title="Open guide")
    guide = GuidePageFactory(parent=category, title="Main guide")
    RelatedGuide.objects.create(page=guide, guide=secret, sort_order=0)
    RelatedGuide.objects.create(page=guide, guide=shown, sort_order=1)

    assert [g.title for g in GuidePage.objects.get(pk=guide.pk).related_guides()][0] == "Open guide"
    html = render(client, guide)
    assert "Secret roadmap" not in html and "Plans only members may read." not in html
    assert "Open guide" in html


@pytest.mark.django_db
def test_a_preview_with_unsaved_related_guides_also_leaves_out_restricted_ones(category):
    from wagtail.models import PageViewRestriction

    secret = GuidePageFactory(parent=category, title="Secret roadmap")
    PageViewRestriction.objects.create(
        page=secret, restriction_type=PageViewRestriction.PASSWORD, password="letmein"
    )
    shown = GuidePageFactory(parent=category, title="Open guide")
    guide = GuidePage.objects.get(pk=GuidePageFactory(parent=category).pk)
    # As the editor's preview holds them: in memory, not saved.
    guide.related_links = [RelatedGuide(guide=secret), RelatedGuide(guide=shown)]
    assert [g.title for g in guide.related_guides()][0] == "Open guide"
    assert "Secret roadmap" not in [g.title for g in guide.related_guides()]
