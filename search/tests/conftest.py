import pytest
from django.db import connection

from courses.factories import CourseFactory
from guides.body import paragraph, section
from guides.factories import GuidePageFactory


@pytest.fixture
def postgres(db):
    if connection.vendor != "postgresql":
        pytest.skip("needs PostgreSQL (full-text search, stemming, pg_trgm)")


@pytest.fixture
def make_guide(category):
    def make(title, *, standfirst="A guide.", body=None, parent=None, tags=(), **kwargs):
        guide = GuidePageFactory(
            parent=parent or category,
            title=title,
            standfirst=standfirst,
            body=body
            if body is not None
            else [section("Overview", paragraph("<p>Plain words only.</p>"))],
            **kwargs,
        )
        if tags:
            guide.tags.add(*tags)
            guide.save()
        return guide

    return make


@pytest.fixture
def make_course(db):
    def make(title, **kwargs):
        return CourseFactory(title=title, **kwargs)

    return make


def results(response):
    """(kind, title) of each result on a search page, in order."""
    return [
        (hit.kind, hit.obj.title)
        for hit in response.context["results"].object_list
        if hit.obj is not None
    ]
