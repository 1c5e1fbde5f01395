from django import template
from django.conf import settings
from django.urls import reverse
from django.utils.safestring import mark_safe
from wagtail.models import Page, Site

from core.public_url import site_url
from guides.models import GuideIndexPage, GuidePage
from home.models import HomePage, SiteSettings
from seo import metadata, structured_data

register = template.Library()


def _listed_guides(context) -> list:
    """The guides a listing page shows (a category's current page, the home page's latest)."""
    guides = context.get("guides")
    if guides is None and isinstance(context.get("page"), HomePage):
        return context["page"].latest_guides()
    return list(guides) if guides is not None else []


def _listing(context):
    """The page of a paginated listing the view shows (a category's guides, the catalogue's
    courses), or None."""
    for name in ("guides", "courses"):
        listing = context.get(name)
        if hasattr(listing, "paginator"):
            return listing
    return None


def _page_number(context) -> int:
    listing = _listing(context)
    return listing.number if listing is not None else 1


@register.simple_tag(takes_context=True)
def page_number_suffix(context) -> str:
    """ " – Page 2" for the second page of a listing: each page has a title of its own."""
    number = _page_number(context)
    return f" – Page {number}" if number > 1 else ""


@register.simple_tag
def site_name() -> str:
    """The site's name (WAGTAIL_SITE_NAME), for templates: one setting names the site."""
    return settings.WAGTAIL_SITE_NAME


@register.simple_tag(takes_context=True)
def site_name_suffix(context) -> str:
    """ " | Guides & Courses" after the page's title, except where that title is the site's
    name already (the home page): never "Guides & Courses | Guides & Courses"."""
    page = context.get("page")
    own_title = (
        isinstance(page, Page)
        and not context.get("course")
        and not (context.get("head_tags") or {}).get("title")
        and _page_number(context) == 1
        and (page.seo_title or page.title) == settings.WAGTAIL_SITE_NAME
    )
    return "" if own_title else f" | {settings.WAGTAIL_SITE_NAME}"


def _canonical(page, request, context) -> str:
    site_id, root_url, page_path = page.get_url_parts(request) or (None, "", request.path)
    # A route of a routable page (a course under the catalogue) is its own document.
    url = root_url + (request.path if request.path.startswith(page_path) else page_path)
    number = _page_number(context)
    # Page N of a filtered catalogue is not page N of the catalogue: its canonical is page 1.
    if number > 1 and not context.get("filters_query"):
        return f"{url}?page={number}"
    return url


def _site_root(request):
    """The root page of the request's site (the first crumb of a view outside the tree)."""
    site = Site.find_for_request(request)
    return site.root_page if site is not None else None


@register.simple_tag(takes_context=True)
def absolute_url(context, path: str) -> str:
    """`path` on the site's own root URL, as a page's canonical URL is (robots.txt's sitemap)."""
    return site_url(context.get("request"), path)


def _current_crumb(page, request, context):
    """(title, URL) of the route the view names in `head_tags` (the course finder ...)."""
    head = context.get("head_tags") or {}
    crumb = head.get("crumb") or head.get("title")
    if not crumb:
        return None
    url = site_url(request, head["path"]) if head.get("path") else None
    return crumb, url or _canonical(page, request, context)


def _share_image(page, request, listed) -> dict:
    """The share rendition's absolute URL and its real size: `fill` never upscales, so a
    small original gives a smaller image than 1200x630."""
    shared = metadata.page_share_image(page, request, listed)
    if not shared:
        return {"image": ""}
    return {
        "image": shared["url"],
        "image_width": shared["width"],
        "image_height": shared["height"],
    }


def _category_of(page):
    if isinstance(page, GuideIndexPage):
        return page
    if isinstance(page, GuidePage):
        trail = metadata.breadcrumb_trail(page)
        return trail[-2] if len(trail) > 1 else None
    return None


@register.inclusion_tag("seo/head.html", takes_context=True)
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
    if request is None:
        return data
    head = context.get("head_tags") or {}
    if not isinstance(page, Page):
        # A view outside the page tree (site search) names its title and canonical path.
        if head.get("path"):
            data.update(
                title=head["title"],
                description=metadata.clip_description(head.get("description") or tagline),
                canonical=site_url(request, head["path"]),
                image="",
                og_type="website",
            )
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
    if course:
        title, description = course.title, course.review
    else:
        # Another route of the page (the course finder) shows its own title, not the page's.
        title = (head.get("title") or page.seo_title or page.title) + page_number_suffix(context)
        description = head.get("description") or metadata.description(page, tagline)
    data.update(
        page=page,
        title=title,
        description=metadata.clip_description(description),
        canonical=_canonical(page, request, context),
        image_alt=getattr(page, "hero_alt_text", ""),
        og_type="article" if hasattr(page, "standfirst") else "website",
        **_share_image(page, request, _listed_guides(context)),
    )
    return data


@register.simple_tag(takes_context=True)
def structured_data_for_page(context):
    """The page's JSON-LD blocks (Article, FAQPage, ItemList, BreadcrumbList ...)."""
    page = context.get("page")
    request = context.get("request")
    if request is None:
        return ""
    if isinstance(page, Page):
        objects = structured_data.for_page(
            page,
            request,
            course=context.get("course"),
            current=_current_crumb(page, request, context),
            listing=_listing(context),
        )
    else:
        # A view outside the page tree: only its trail, the site's home page then the view.
        root = _site_root(request) if context.get("head_tags") else None
        current = _current_crumb(root, request, context) if root is not None else None
        objects = (
            [structured_data.breadcrumb_list(root, request, current=current)] if current else []
        )
    return mark_safe("\n".join(structured_data.to_script(obj) for obj in objects if obj))


@register.simple_tag(takes_context=True)
def breadcrumbs_for(context, page=None):
    """Ancestors below the tree root, then the page (shared with the BreadcrumbList); for a
    view outside the page tree (no page), the site's home page."""
    if not isinstance(page, Page):
        page = _site_root(context.get("request"))
        return [page] if page is not None else []
    return metadata.breadcrumb_trail(page)
