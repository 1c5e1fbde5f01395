"""The home and category pages run a fixed number of SQL queries, however much they list."""

from decimal import Decimal

import pytest
import wagtail_factories
from django.db import connection
from django.test.utils import CaptureQueriesContext

from courses.factories import CourseFactory
from guides.factories import GuideIndexPageFactory, GuidePageFactory
from home.models import HomeFeaturedGuide

# Measured on Wagtail 8.0 with warm per-process caches; the point is that they stay flat.
HOME_PAGE_QUERY_BUDGET = 18
CATEGORY_PAGE_QUERY_BUDGET = 13


def query_count(client, url) -> int:
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200
    return len(queries)


def fill(home, category, guides: int, courses: int, categories: int):
    image = wagtail_factories.ImageFactory()
    made = [
        GuidePageFactory(parent=category, hero_image=wagtail_factories.ImageFactory())
        for _ in range(guides)
    ]
    made[0].hero_image = image
    for n, guide in enumerate(made[:4]):
        HomeFeaturedGuide.objects.get_or_create(page=home, guide=guide, defaults={"sort_order": n})
    for _ in range(courses):
        CourseFactory(rating=Decimal("8.0"))
    for _ in range(categories):
        GuideIndexPageFactory(parent=home)


@pytest.mark.django_db
def test_home_page_queries_do_not_grow_with_guides_courses_or_categories(
    client, home_page, category
):
    fill(home_page, category, guides=2, courses=2, categories=1)
    client.get("/")  # warm per-process caches (site root paths, content types, renditions)
    small = query_count(client, "/")
    fill(home_page, category, guides=10, courses=10, categories=5)
    client.get("/")
    large = query_count(client, "/")
    print(f"home page queries: {small}, {large}")
    assert small == large
    assert large <= HOME_PAGE_QUERY_BUDGET


@pytest.mark.django_db
def test_category_page_queries_do_not_grow_with_guides(client, category):
    GuidePageFactory(parent=category, hero_image=wagtail_factories.ImageFactory())
    client.get(category.url)
    small = query_count(client, category.url)
    for _ in range(12):
        GuidePageFactory(parent=category, hero_image=wagtail_factories.ImageFactory())
    client.get(category.url)
    large = query_count(client, category.url)
    print(f"category page queries: {small}, {large}")
    assert small == large
    assert large <= CATEGORY_PAGE_QUERY_BUDGET
