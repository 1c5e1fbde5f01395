"""The benchmark content generator (demo/generator.py): its content is valid guide content, the
same for the same seed, and both ways of writing it give pages readers and search can reach."""

from io import StringIO

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from wagtail.models import Page

from courses.factories import CourseFactory
from courses.models import Course
from demo.generator import LONG_GUIDE, SHORT_GUIDE, ContentGenerator
from guides.models import GuidePage

pytestmark = pytest.mark.django_db


def generate(**options):
    call_command("generate_content", stdout=StringIO(), **options)


@pytest.mark.parametrize("size", [LONG_GUIDE, SHORT_GUIDE], ids=["long", "short"])
def test_a_generated_body_is_valid_guide_content(size):
    courses = [CourseFactory() for _ in range(size.courses)]
    guide = ContentGenerator(StringIO(), seed=3).guide("1", size, courses)
    stream_block = GuidePage._meta.get_field("body").stream_block
    stream_block.clean(stream_block.to_python(list(guide.body.raw_data)))
    kinds = [child["type"] for child in guide.body.raw_data]
    assert kinds.count("section") == size.sections
    assert kinds.count("course_list") == (1 if size.courses else 0)
    assert kinds[-1] == "faq"


def test_the_same_seed_generates_the_same_guide():
    courses = [CourseFactory() for _ in range(LONG_GUIDE.courses)]
    first, second, other = (
        ContentGenerator(StringIO(), seed).guide("1", LONG_GUIDE, courses) for seed in (3, 3, 4)
    )
    assert (first.title, list(first.body.raw_data)) == (second.title, list(second.body.raw_data))
    assert list(first.body.raw_data) != list(other.body.raw_data)


def test_the_page_tree_mode_adds_renderable_guides_once(client, home_page):
    generate(categories=2, guides_per_category=2, courses=6)
    guides = GuidePage.objects.filter(slug__startswith="guide-")
    assert guides.live().count() == 4
    assert Course.objects.filter(slug__startswith="generated-course-").count() == 6
    guide = guides.get(slug="guide-0-0")
    assert guide.url == "/generated-category-0/guide-0-0/"
    assert guide.tags.exists() and guide.hero_image is not None
    assert client.get(guide.url).status_code == 200

    generate(categories=2, guides_per_category=2, courses=6)
    assert guides.count() == 4
    assert Course.objects.count() == 6


def test_the_bulk_mode_adds_live_guides_that_search_finds(client, home_page):
    generate(guides=12, courses=5, no_progress=True)
    generate(guides=3, courses=0, no_progress=True)  # a second run adds beside the first
    guides = GuidePage.objects.live()
    assert guides.count() == 15
    assert Course.objects.live().count() == 5
    assert Page.find_problems() == ([], [], [], [], [])
    guide = guides.order_by("path").first()
    assert client.get(guide.url).status_code == 200
    response = client.get("/search/", {"q": guide.title.split()[0]})
    assert f'href="{guide.url}"' in response.content.decode()


def test_the_page_tree_mode_refuses_too_few_courses_with_a_message(home_page):
    with pytest.raises(CommandError, match="--courses must be at least 6"):
        generate(courses=2, categories=1, guides_per_category=1)
