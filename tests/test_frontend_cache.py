"""A CDN in front (wagtail.contrib.frontend_cache) is told about every page a change shows on."""

import pytest
from django.db import transaction
from wagtail.contrib.frontend_cache.backends import BaseBackend

from courses.factories import CourseFactory
from guides.body import course_list, section
from guides.factories import AuthorIndexPageFactory, AuthorPageFactory, GuidePageFactory

PURGED: list[str] = []


class RecordingBackend(BaseBackend):
    """A CDN that only remembers what it was asked to purge."""

    def purge(self, url):
        PURGED.append(url)


@pytest.fixture
def cdn(settings):
    settings.WAGTAILFRONTENDCACHE = {"test": {"BACKEND": f"{__name__}.RecordingBackend"}}
    PURGED.clear()
    yield PURGED
    PURGED.clear()


def paths(urls) -> set[str]:
    return {url.removeprefix("http://localhost") for url in urls}


@pytest.mark.django_db
def test_publishing_a_guide_purges_its_category_siblings_home_and_course_pages(
    cdn, home_page, category, catalogue, django_capture_on_commit_callbacks
):
    course = CourseFactory(slug="django-for-everybody")
    sibling = GuidePageFactory(parent=category, title="Sibling", slug="sibling")
    guide = GuidePageFactory(
        parent=category,
        title="Fresh",
        slug="fresh",
        live=False,
        body=[section("Courses", course_list([course]))],
    )
    cdn.clear()

    with django_capture_on_commit_callbacks(execute=True):
        guide.save_revision().publish()

    purged = paths(cdn)
    assert {
        "/web-development/fresh/",
        "/web-development/",
        sibling.url,
        "/",
        "/courses/django-for-everybody/",
    } <= purged


@pytest.mark.django_db
def test_a_course_change_purges_its_own_page_the_catalogue_and_the_guides_listing_it(
    cdn, home_page, category, catalogue, django_capture_on_commit_callbacks
):
    course = CourseFactory(slug="django-for-everybody")
    guide = GuidePageFactory(
        parent=category,
        slug="listing",
        body=[section("Courses", course_list([course]))],
    )
    cdn.clear()

    course.rating = "9.1"
    with django_capture_on_commit_callbacks(execute=True):
        course.save_revision().publish()

    assert {"/courses/django-for-everybody/", "/courses/", guide.url, "/"} <= paths(cdn)


@pytest.mark.django_db
def test_a_course_draft_asks_the_cdn_nothing_and_its_publish_each_page_once(
    cdn, home_page, category, catalogue, django_capture_on_commit_callbacks
):
    course = CourseFactory(slug="django-for-everybody")
    GuidePageFactory(
        parent=category, slug="listing", body=[section("Courses", course_list([course]))]
    )
    cdn.clear()

    course.rating = "9.1"
    with django_capture_on_commit_callbacks(execute=True):
        course.save_revision()
    assert cdn == []

    with django_capture_on_commit_callbacks(execute=True):
        course.get_latest_revision().publish()
    assert cdn
    assert sorted(cdn) == sorted(set(cdn))


@pytest.mark.django_db
def test_nothing_is_purged_until_the_change_is_committed(
    cdn, category, django_capture_on_commit_callbacks
):
    guide = GuidePageFactory(parent=category, live=False)
    cdn.clear()
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        with transaction.atomic():
            guide.save_revision().publish()
        purged_before_commit = list(cdn)
    assert "/web-development/" not in paths(purged_before_commit)
    for callback in callbacks:
        callback()
    assert "/web-development/" in paths(cdn)


@pytest.mark.django_db
def test_a_course_taken_out_of_a_guide_has_its_page_purged_too(
    cdn, home_page, category, catalogue, django_capture_on_commit_callbacks
):
    """Its page lists "Guides that recommend this course": the guide must leave it."""
    kept = CourseFactory(slug="kept-course")
    removed = CourseFactory(slug="removed-course")
    guide = GuidePageFactory(
        parent=category,
        slug="listing",
        body=[section("Courses", course_list([kept, removed]))],
    )
    guide.body = [section("Courses", course_list([kept]))]
    cdn.clear()

    with django_capture_on_commit_callbacks(execute=True):
        guide.save_revision().publish()

    assert {"/courses/kept-course/", "/courses/removed-course/"} <= paths(cdn)


@pytest.mark.django_db
def test_an_older_guide_leaves_its_siblings_alone_a_new_one_purges_them(
    cdn, home_page, category, catalogue, django_capture_on_commit_callbacks
):
    import datetime

    old = [
        GuidePageFactory(
            parent=category,
            slug=f"old-{n}",
            first_published=datetime.date(2020, 1, 1) + datetime.timedelta(days=n),
        )
        for n in range(8)
    ]
    cdn.clear()
    with django_capture_on_commit_callbacks(execute=True):
        old[0].save_revision().publish()  # the oldest: on no sibling's "More in this category"
    assert not {page.url for page in old[1:]} & paths(cdn)

    cdn.clear()
    fresh = GuidePageFactory(parent=category, slug="fresh", live=False)
    with django_capture_on_commit_callbacks(execute=True):
        fresh.save_revision().publish()
    assert {page.url for page in old} <= paths(cdn)


@pytest.mark.django_db
def test_publishing_an_author_purges_the_guides_carrying_their_byline(
    cdn, home_page, category, django_capture_on_commit_callbacks
):
    authors = AuthorIndexPageFactory(parent=home_page)
    author = AuthorPageFactory(parent=authors, title="Maya Okafor", slug="maya-okafor")
    theirs = GuidePageFactory(parent=category, slug="theirs", author_page=author)
    other = GuidePageFactory(parent=category, slug="someone-elses")
    cdn.clear()

    author.title = "Maya Okafor-Lee"
    with django_capture_on_commit_callbacks(execute=True):
        author.save_revision().publish()

    purged = paths(cdn)
    assert {author.url, authors.url, theirs.url} <= purged
    assert other.url not in purged
