import datetime

import factory
import wagtail_factories

from .body import paragraph, section
from .models import AuthorIndexPage, AuthorPage, GuideIndexPage, GuidePage


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
        lambda: [section("Getting started", paragraph("<p>Install Python first.</p>"))]
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
