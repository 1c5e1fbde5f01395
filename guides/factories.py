import datetime

import factory
import wagtail_factories

from .models import AuthorIndexPage, AuthorPage, GuideIndexPage, GuidePage


def section(heading, *content, anchor=""):
    """Raw StreamField data for a section; `content` holds (block_type, value) pairs."""
    return {
        "type": "section",
        "value": {
            "heading": heading,
            "anchor": anchor,
            "content": [{"type": kind, "value": value} for kind, value in content],
        },
    }


def course_list(courses, heading="Top courses"):
    return {
        "type": "course_list",
        "value": {
            "heading": heading,
            "items": [
                {"course": course.pk, "note": f"Note on {course.title}"} for course in courses
            ],
        },
    }


def faq(pairs, heading="Frequently asked questions"):
    return {
        "type": "faq",
        "value": {
            "heading": heading,
            "items": [{"question": q, "answer": f"<p>{a}</p>"} for q, a in pairs],
        },
    }


class GuideIndexPageFactory(wagtail_factories.PageFactory):
    class Meta:
        model = GuideIndexPage

    title = factory.Sequence(lambda n: f"Category {n}")
    intro = "<p>Guides about one subject.</p>"


class GuidePageFactory(wagtail_factories.PageFactory):
    class Meta:
        model = GuidePage

    title = factory.Sequence(lambda n: f"Guide number {n}")
    standfirst = "What this guide covers and who it is for."
    author = "Ada Writer"
    first_published = datetime.date(2026, 3, 1)
    last_reviewed = datetime.date(2026, 10, 1)
    body = factory.LazyFunction(
        lambda: [section("Getting started", ("paragraph", "<p>Install Python first.</p>"))]
    )


class AuthorIndexPageFactory(wagtail_factories.PageFactory):
    class Meta:
        model = AuthorIndexPage

    title = "Authors"
    slug = "authors"


class AuthorPageFactory(wagtail_factories.PageFactory):
    class Meta:
        model = AuthorPage

    title = "Maya Okafor"
    role = "Senior editor"
    bio = "<p>Maya writes about Django.</p>"
    photo = factory.SubFactory(wagtail_factories.ImageFactory)
