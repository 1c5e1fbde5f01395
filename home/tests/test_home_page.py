import datetime
from decimal import Decimal

import pytest

from courses.factories import CourseFactory
from guides.factories import GuidePageFactory
from home.models import HomeFeaturedGuide


@pytest.mark.django_db
def test_home_page_shows_featured_latest_guides_and_top_courses(client, home_page, category):
    old = GuidePageFactory(
        parent=category, title="Older guide", first_published=datetime.date(2025, 1, 1)
    )
    new = GuidePageFactory(
        parent=category, title="Newest guide", first_published=datetime.date(2026, 9, 1)
    )
    HomeFeaturedGuide.objects.create(page=home_page, guide=old, sort_order=0)
    CourseFactory(title="Best course", rating=Decimal("9.8"))
    CourseFactory(title="Decent course", rating=Decimal("7.0"))

    html = client.get(home_page.url).content.decode()

    featured = html[html.index('id="featured-heading"') : html.index('id="latest-heading"')]
    assert "Older guide" in featured and "Newest guide" not in featured
    latest = html[html.index('id="latest-heading"') : html.index('id="courses-heading"')]
    assert latest.index("Newest guide") < latest.index("Older guide")
    courses = html[html.index('id="courses-heading"') :]
    assert courses.index("Best course") < courses.index("Decent course")
    assert "9.8/10" in courses
    assert f'href="{new.url}"' in html
    assert 'href="/web-development/"' in html  # category navigation


@pytest.mark.django_db
def test_unknown_path_gets_the_styled_404(client, home_page):
    response = client.get("/no-such-guide/")
    assert response.status_code == 404
    assert "We couldn’t find that page" in response.content.decode()


@pytest.mark.django_db
def test_a_restricted_guide_is_never_featured_on_the_home_page(
    client, home_page, category, restricted_guide
):
    secret = restricted_guide
    shown = GuidePageFactory(parent=category, title="Open guide")
    HomeFeaturedGuide.objects.create(page=home_page, guide=secret, sort_order=0)
    HomeFeaturedGuide.objects.create(page=home_page, guide=shown, sort_order=1)

    assert [g.title for g in home_page.featured_guides()] == ["Open guide"]
    response = client.get(home_page.url)
    assert response.status_code == 200
    html = response.content.decode()
    assert "Secret roadmap" not in html and "Plans only members may read." not in html
    assert "Open guide" in html
