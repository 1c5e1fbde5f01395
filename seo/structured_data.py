"""schema.org JSON-LD built from the page's own content, never typed in by hand.

Every function returns plain dicts; `seo.templatetags.seo_tags` serialises them with the same
escaping as Django's `json_script`, so a `</script>` in an editor's text cannot end the block.
"""

import json

from django.conf import settings
from django.core.serializers.json import DjangoJSONEncoder
from django.urls import reverse
from django.utils.html import format_html
from django.utils.safestring import mark_safe
from wagtail.rich_text import expand_db_html

from core.public_url import site_url
from guides.models import GuidePage
from home.models import HomePage
from seo.metadata import breadcrumb_trail, page_image_url

CONTEXT = "https://schema.org"
# The same escapes as django.utils.html.json_script: no "<", ">" or "&" reaches the HTML parser.
SCRIPT_ESCAPES = {ord(">"): "\\u003E", ord("<"): "\\u003C", ord("&"): "\\u0026"}


def to_script(data: dict) -> str:
    """A `<script type="application/ld+json">` block that content cannot break out of."""
    text = json.dumps(data, cls=DjangoJSONEncoder, ensure_ascii=False).translate(SCRIPT_ESCAPES)
    return format_html('<script type="application/ld+json">{}</script>', mark_safe(text))


def organisation() -> dict:
    return {"@type": "Organization", "name": settings.WAGTAIL_SITE_NAME}


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


def course_data(course) -> dict:
    """A Course with the site's own review and rating out of 10."""
    return {
        "@context": CONTEXT,
        "@type": "Course",
        "name": course.title,
        "description": course.review,
        # Only a web link (Course.web_url); a course with another scheme names no URL.
        **({"url": course.web_url} if course.web_url else {}),
        # A course without a provider names none (never "Other").
        **(
            {"provider": {"@type": "Organization", "name": course.get_provider_display()}}
            if course.provider_id
            else {}
        ),
        "educationalLevel": course.get_level_display(),
        "inLanguage": course.language,
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


def course_item_list(value, name: str = "") -> dict | None:
    """An ItemList for one course-list block, ranked as the reader sees it."""
    # The same rule as CourseListBlock.get_context: a retired course drops out, ranks close up.
    items = [item for item in value["items"] if item["course"] is not None and item["course"].live]
    if not items:
        return None
    data = {
        "@context": CONTEXT,
        "@type": "ItemList",
        "itemListOrder": "https://schema.org/ItemListOrderAscending",
        "numberOfItems": len(items),
        "itemListElement": [
            {
                "@type": "ListItem",
                "position": position,
                "item": without_context(course_data(item["course"])),
            }
            for position, item in enumerate(items, start=1)
        ],
    }
    if value.get("heading") or name:
        data["name"] = value.get("heading") or name
    return data


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
        "datePublished": page.first_published.isoformat(),
        "dateModified": (page.last_reviewed or page.first_published).isoformat(),
        "author": {"@type": "Person", "name": page.author},
        "publisher": organisation(),
        "mainEntityOfPage": page.get_full_url(request),
    }
    image = page_image_url(page, request)
    if image:
        data["image"] = [image]
    return data


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


def for_page(page, request, course=None, current=None) -> list[dict]:
    """Every JSON-LD object that describes `page` as it is shown (`course`: a course's route;
    `current`: the (title, URL) of another route of the page, the last breadcrumb)."""
    objects = []
    if isinstance(page, HomePage):
        objects.append(website(page, request))
    if isinstance(page, GuidePage):
        objects.append(article(page, request))
        course_lists, faqs = guide_blocks(page)
        objects += [course_item_list(value) for value in course_lists]
        objects.append(faq_page(faqs))
    if course is not None:
        objects.append(course_data(course))
    objects.append(breadcrumb_list(page, request, course, current))
    return [obj for obj in objects if obj]
