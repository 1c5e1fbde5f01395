"""A small site with every page type and every guide block, for the accessibility checks."""

from decimal import Decimal

import wagtail_factories

from courses.factories import CourseFactory
from guides.body import (
    callout,
    code,
    course_list,
    embed,
    faq,
    image,
    paragraph,
    quote,
    section,
    table,
)
from guides.factories import (
    AuthorIndexPageFactory,
    AuthorPageFactory,
    GuideIndexPageFactory,
    GuidePageFactory,
)

# The embed in the fixture guide. Its Embed row is made below, so Wagtail never asks the
# provider for it; the browser tests also refuse every request that leaves the test server.
EMBED_URL = "https://www.youtube.com/watch?v=rHux0gMZ3Eg"
# As YouTube's oEmbed answers, obsolete frameborder included (the embed block drops it).
EMBED_HTML = (
    '<iframe width="560" height="315" src="https://www.youtube-nocookie.com/embed/rHux0gMZ3Eg" '
    'frameborder="0" title="Django in 100 seconds (video)" '
    'allow="encrypted-media; picture-in-picture" '
    'referrerpolicy="strict-origin-when-cross-origin" allowfullscreen></iframe>'
)


def stored_embed(url: str = EMBED_URL, html: str = EMBED_HTML):
    """An Embed row as Wagtail would have stored it after asking the provider."""
    from wagtail.embeds.embeds import get_embed_hash
    from wagtail.embeds.models import Embed

    embed, _ = Embed.objects.update_or_create(
        hash=get_embed_hash(url),
        defaults={
            "url": url,
            "type": "video",
            "html": html,
            "title": "Django in 100 seconds",
            "provider_name": "YouTube",
            "width": 560,
            "height": 315,
        },
    )
    return embed


def build_site(home_page) -> dict[str, str]:
    """Create the pages; return {name: URL path} for every page type a reader can reach."""
    from courses.models import CourseIndexPage

    stored_embed()

    category = GuideIndexPageFactory(parent=home_page, title="Web development", slug="web-dev")
    best = CourseFactory(title="Web Application Technologies and Django", rating=Decimal("9.7"))
    second = CourseFactory(title="Coding for Entrepreneurs", provider="udemy", rating=Decimal("9"))
    authors = AuthorIndexPageFactory(parent=home_page)
    author = AuthorPageFactory(parent=authors, slug="maya-okafor")
    guide = GuidePageFactory(
        parent=category,
        author_page=author,
        title="Django in depth",
        slug="django-in-depth",
        hero_image=wagtail_factories.ImageFactory(),
        hero_alt_text="A laptop showing a Django project",
        body=[
            section(
                "What Django is",
                paragraph("<p>A batteries-included <b>Python</b> web framework.</p>"),
                image(
                    wagtail_factories.ImageFactory(),
                    "The Django admin listing blog posts",
                    caption="The admin comes free.",
                ),
                quote("Ship small, ship often.", attribution="A Django developer"),
                code("print('hello')"),
                callout("<p>Read the official tutorial.</p>"),
                callout("<p>Never run DEBUG in production.</p>", tone="warning"),
                table(
                    [["Framework", "Best for"], ["Django", "Full web apps"], ["FastAPI", "APIs"]],
                    caption="Frameworks compared",
                ),
                embed(EMBED_URL),
                course_list(
                    [best, second], heading="Start here", notes=["Start with this one.", ""]
                ),
            ),
            course_list(
                [second, best],
                heading="All the courses we rate",
                notes=["Quicker to finish.", "Deeper."],
            ),
            faq(
                [
                    ("Is Django still worth learning?", "<p>Yes.</p>"),
                    ("Do I need Python?", "<p>Yes.</p>"),
                ]
            ),
        ],
    )
    GuidePageFactory(parent=category, title="Flask for beginners", hero_image=guide.hero_image)
    catalogue = CourseIndexPage(title="Courses", slug="courses")
    home_page.add_child(instance=catalogue)
    return {
        "home": "/",
        "category": category.url,
        "guide": guide.url,
        "search": "/search/?q=django",
        "catalogue": catalogue.url,
        "course": f"{catalogue.url}{best.slug}/",
        "authors": authors.url,
        "author": author.url,
    }
