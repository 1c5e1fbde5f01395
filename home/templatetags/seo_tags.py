from django import template
from django.urls import reverse
from django.utils.safestring import mark_safe
from wagtail.models import Page

from home import seo, structured_data
from home.models import HomePage, SiteSettings

register = template.Library()


def _listed_guides(context) -> list:
    """The guides a listing page shows (a category's current page, the home page's latest)."""
    guides = context.get("guides")
    if guides is None and isinstance(context.get("page"), HomePage):
        return context["page"].latest_guides()
    return list(guides) if guides is not None else []


def _canonical(page, request, context) -> str:
    site_id, root_url, page_path = page.get_url_parts(request) or (None, "", request.path)
    # A route of a routable page (a course under the catalogue) is its own document.
    url = root_url + (request.path if request.path.startswith(page_path) else page_path)
    listing = context.get("guides")
    number = getattr(listing, "number", 1)
    return f"{url}?page={number}" if number and number > 1 else url


def _category_of(page):
    from guides.models import GuideIndexPage, GuidePage

    if isinstance(page, GuideIndexPage):
        return page
    if isinstance(page, GuidePage):
        trail = seo.breadcrumb_trail(page)
        return trail[-2] if len(trail) > 1 else None
    return None


@register.inclusion_tag("includes/seo_head.html", takes_context=True)
def seo_head(context):
    """Description, canonical URL, Open Graph and Twitter tags, feed links, for the <head>."""
    request = context.get("request")
    page = context.get("page")
    tagline = SiteSettings.for_request(request).tagline if request is not None else ""
    data = {"description": tagline, "feeds": []}
    if request is not None:
        data["feeds"].append(
            {"title": "Latest guides", "url": reverse("feed_latest")},
        )
    if not isinstance(page, Page) or request is None:
        return data

    category = _category_of(page)
    if category is not None:
        data["feeds"].append(
            {
                "title": f"Latest guides in {category.title}",
                "url": reverse("feed_category", args=[category.slug]),
            }
        )
    course = context.get("course")
    data.update(
        page=page,
        title=course.title if course else (page.seo_title or page.title),
        description=course.review if course else seo.description(page, tagline),
        canonical=_canonical(page, request, context),
        image=seo.page_image_url(page, request, _listed_guides(context)),
        image_alt=getattr(page, "hero_alt_text", ""),
        og_type="article" if hasattr(page, "standfirst") else "website",
    )
    return data


@register.simple_tag(takes_context=True)
def structured_data_for_page(context):
    """The page's JSON-LD blocks (Article, FAQPage, ItemList, BreadcrumbList ...)."""
    page = context.get("page")
    request = context.get("request")
    if not isinstance(page, Page) or request is None:
        return ""
    objects = structured_data.for_page(page, request, course=context.get("course"))
    return mark_safe("\n".join(structured_data.to_script(obj) for obj in objects))


@register.simple_tag
def breadcrumbs_for(page):
    """Ancestors below the tree root, then the page (shared with the BreadcrumbList)."""
    return seo.breadcrumb_trail(page)
