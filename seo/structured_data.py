"""schema.org JSON-LD built from the page's own content, never typed in by hand.

Every function returns plain dicts; `seo.templatetags.seo_tags` serialises them with the same
escaping as Django's `json_script`, so a `</script>` in an editor's text cannot end the block.
"""

import json

from django.conf import settings
from django.conf.locale import LANG_INFO
from django.core.serializers.json import DjangoJSONEncoder
from django.templatetags.static import static
from django.urls import reverse
from django.utils.html import format_html, strip_tags
from django.utils.safestring import mark_safe
from wagtail.rich_text import expand_db_html

from core.images import AUTHOR_PHOTO_SPEC
from core.public_url import site_url
from courses.models import CourseIndexPage
from guides.models import AuthorPage, GuidePage
from home.models import HomePage
from seo.metadata import article_image_urls, breadcrumb_trail, image_url

CONTEXT = "https://schema.org"
# The same escapes as django.utils.html.json_script: no "<", ">" or "&" reaches the HTML parser.
SCRIPT_ESCAPES = {ord(">"): "\\u003E", ord("<"): "\\u003C", ord("&"): "\\u0026"}


def to_script(data: dict) -> str:
    """A `<script type="application/ld+json">` block that content cannot break out of."""
    text = json.dumps(data, cls=DjangoJSONEncoder, ensure_ascii=False).translate(SCRIPT_ESCAPES)
    return format_html('<script type="application/ld+json">{}</script>', mark_safe(text))


# The publisher's logo: the site's largest square icon (Google asks for at least 112 px).
LOGO_PATH, LOGO_SIZE = "icons/icon-512.png", 512
# Language names as course records give them ("English") to BCP 47 codes ("en").
LANGUAGE_CODES = {
    info["name"].lower(): code
    for code, info in LANG_INFO.items()
    if "name" in info and "-" not in code
}


def language_code() -> str:
    """The site's language as its primary BCP 47 subtag ("en")."""
    return settings.LANGUAGE_CODE.split("-")[0]


def organisation(request=None, full: bool = False) -> dict:
    """The site as an Organization; `full` adds its URL and logo (the publisher)."""
    data = {"@type": "Organization", "name": settings.WAGTAIL_SITE_NAME}
    if full:
        data["@id"] = site_url(request, "/#organization")
        data["url"] = site_url(request, "/")
        data["logo"] = {
            "@type": "ImageObject",
            "url": site_url(request, static(LOGO_PATH)),
            "width": LOGO_SIZE,
            "height": LOGO_SIZE,
        }
    return data


def person(author_page, request, name: str) -> dict:
    """An author: their name, and their page (as `url` and `@id`) when a reader can open it."""
    data = {"@type": "Person", "name": name}
    if author_page is not None:
        url = author_page.get_full_url(request)
        data.update({"@id": url + "#person", "url": url})
    return data


def breadcrumb_list(page, request, course=None, current=None) -> dict | None:
    """The page's trail, then `course` (a course's route) or `current`, a (title, URL) pair
    naming another route of the page ("Course finder") or a view outside the page tree."""
    trail = [(crumb.title, crumb.get_full_url(request)) for crumb in breadcrumb_trail(page)]
    if course is not None:
        trail.append((course.title, site_url(request, request.path)))
    elif current is not None:
        trail.append(current)
    if len(trail) < 2:
        return None
    return {
        "@context": CONTEXT,
        "@type": "BreadcrumbList",
        "itemListElement": [
            {
                "@type": "ListItem",
                "position": position,
                "name": title,
                "item": url,
            }
            for position, (title, url) in enumerate(trail, start=1)
        ],
    }


def website(page, request) -> dict:
    return {
        "@context": CONTEXT,
        "@type": "WebSite",
        "name": settings.WAGTAIL_SITE_NAME,
        "url": page.get_full_url(request),
        "potentialAction": {
            "@type": "SearchAction",
            "target": {
                "@type": "EntryPoint",
                "urlTemplate": site_url(request, reverse("search")) + "?q={search_term_string}",
            },
            "query-input": "required name=search_term_string",
        },
    }


def course_url(course, request) -> str:
    """The course's own page on this site (absolute), or "" without a live catalogue."""
    catalogue = CourseIndexPage.live_catalogue(request)
    if catalogue is None:
        return ""
    return catalogue.get_full_url(request) + catalogue.reverse_subpage(
        "course", kwargs={"slug": course.slug}
    )


def course_data(course, request) -> dict:
    """A Course, identified by its page on this site, with the site's review and rating."""
    url = course_url(course, request)
    language = LANGUAGE_CODES.get(course.language.strip().lower())
    return {
        "@context": CONTEXT,
        "@type": "Course",
        **({"@id": url + "#course", "url": url} if url else {}),
        "name": course.title,
        "description": course.review,
        # The provider's own page for it: only a web link (Course.web_url).
        **({"sameAs": course.web_url} if course.web_url else {}),
        # A course without a provider names none (never "Other").
        **(
            {"provider": {"@type": "Organization", "name": course.get_provider_display()}}
            if course.provider_id
            else {}
        ),
        "educationalLevel": course.get_level_display(),
        # A BCP 47 code; a language Django does not know by name is left out.
        **({"inLanguage": language} if language else {}),
        "review": {
            "@type": "Review",
            "author": organisation(),
            "reviewBody": course.review,
            "reviewRating": {
                "@type": "Rating",
                "ratingValue": str(course.rating),
                "bestRating": "10",
                "worstRating": "0",
            },
        },
    }


def without_context(data: dict) -> dict:
    return {key: value for key, value in data.items() if key != "@context"}


def item_list(courses, request, name: str = "", start: int = 1) -> dict | None:
    """An ItemList of courses in the order shown, each item at the course's page on this site
    (`start`: the first position, for page N of a listing)."""
    if not courses:
        return None
    elements = []
    for position, course in enumerate(courses, start=start):
        item = without_context(course_data(course, request))
        element = {"@type": "ListItem", "position": position, "item": item}
        if "url" in item:
            element["url"] = item["url"]
        elements.append(element)
    data = {
        "@context": CONTEXT,
        "@type": "ItemList",
        "itemListOrder": "https://schema.org/ItemListOrderAscending",
        "numberOfItems": len(elements),
        "itemListElement": elements,
    }
    if name:
        data["name"] = name
    return data


def course_item_list(value, request, name: str = "") -> dict | None:
    """An ItemList for one course-list block, ranked as the reader sees it."""
    # The same rule as CourseListBlock.get_context: a retired course drops out, ranks close up.
    courses = [
        item["course"]
        for item in value["items"]
        if item["course"] is not None and item["course"].live
    ]
    return item_list(courses, request, value.get("heading") or name)


def catalogue_item_list(page, request, listing) -> dict | None:
    """The catalogue's courses on the page of the listing shown, numbered across pages."""
    return item_list(list(listing), request, page.title, start=listing.start_index())


def faq_page(faq_values) -> dict | None:
    questions = [
        {
            "@type": "Question",
            "name": item["question"],
            "acceptedAnswer": {"@type": "Answer", "text": expand_db_html(item["answer"].source)},
        }
        for value in faq_values
        for item in value["items"]
    ]
    if not questions:
        return None
    return {"@context": CONTEXT, "@type": "FAQPage", "mainEntity": questions}


def article(page, request) -> dict:
    data = {
        "@context": CONTEXT,
        "@type": "Article",
        "headline": page.title,
        "description": page.standfirst,
        "inLanguage": language_code(),
        "datePublished": page.published_moment.isoformat(),
        "dateModified": page.modified_moment.isoformat(),
        "author": person(page.live_author_page, request, page.byline),
        "publisher": organisation(request, full=True),
        "mainEntityOfPage": page.get_full_url(request),
    }
    images = article_image_urls(page, request)
    if images:
        data["image"] = images
    return data


def profile_page(page, request) -> dict:
    """An author's page: a ProfilePage about the Person."""
    url = page.get_full_url(request)
    author = person(page, request, page.title)
    if page.role:
        author["jobTitle"] = page.role
    if page.bio:
        author["description"] = " ".join(strip_tags(page.bio).split())
    photo = image_url(page, request, page.photo, AUTHOR_PHOTO_SPEC)
    if photo:
        author["image"] = photo
    return {
        "@context": CONTEXT,
        "@type": "ProfilePage",
        "url": url,
        "inLanguage": language_code(),
        "mainEntity": author,
    }


def guide_blocks(page):
    """The course-list and FAQ block values of a guide, top level and inside sections."""
    course_lists, faqs = [], []
    for block in page.body:
        if block.block_type == "course_list":
            course_lists.append(block.value)
        elif block.block_type == "faq":
            faqs.append(block.value)
        elif block.block_type == "section":
            for child in block.value["content"]:
                if child.block_type == "course_list":
                    course_lists.append(child.value)
    return course_lists, faqs


def for_page(page, request, course=None, current=None, listing=None) -> list[dict]:
    """Every JSON-LD object that describes `page` as it is shown (`course`: a course's route;
    `current`: the (title, URL) of another route of the page, the last breadcrumb; `listing`:
    the page of courses the catalogue shows)."""
    objects = []
    if isinstance(page, HomePage):
        objects.append(website(page, request))
    if isinstance(page, GuidePage):
        objects.append(article(page, request))
        course_lists, faqs = guide_blocks(page)
        objects += [course_item_list(value, request) for value in course_lists]
        objects.append(faq_page(faqs))
    if isinstance(page, AuthorPage):
        objects.append(profile_page(page, request))
    if isinstance(page, CourseIndexPage) and listing is not None and current is None:
        objects.append(catalogue_item_list(page, request, listing))
    if course is not None:
        objects.append(course_data(course, request))
    objects.append(breadcrumb_list(page, request, course, current))
    return [obj for obj in objects if obj]
