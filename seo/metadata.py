"""What search engines and link previews read about a page: description, canonical URL, image."""

from urllib.parse import urljoin

from django.utils.html import strip_tags

from core.images import ARTICLE_IMAGE_SPECS, SHARE_IMAGE_SPEC
from core.public_url import site_url
from core.templatetags.responsive_images import renditions_for

DESCRIPTION_LENGTH = 160


def breadcrumb_trail(page) -> list:
    """The page's ancestors below the tree root, then the page: one query, kept on the page;
    none for a site's root page (directly under the tree root, it has no such ancestors)."""
    if not hasattr(page, "_breadcrumb_trail"):
        ancestors = page.get_ancestors()[1:] if page.depth > 2 else []
        page._breadcrumb_trail = [*ancestors, page]
    return page._breadcrumb_trail


def description(page, fallback: str = "") -> str:
    """The search description, else the standfirst or intro, else the site tagline."""
    text = (
        getattr(page, "search_description", "")
        or getattr(page, "standfirst", "")
        or strip_tags(getattr(page, "intro", "") or "")
        or fallback
    )
    return clip_description(text)


def clip_description(text: str) -> str:
    """`text` on one line, cut at a word boundary to DESCRIPTION_LENGTH characters (the ellipsis
    included): search results cut a longer description mid-word."""
    text = " ".join(text.split())
    if len(text) <= DESCRIPTION_LENGTH:
        return text
    cut = text[:DESCRIPTION_LENGTH]  # room for the ellipsis once the partial word goes
    cut = cut.rsplit(" ", 1)[0] if " " in cut else cut[: DESCRIPTION_LENGTH - 1]
    return cut.rstrip(" ,;:–—-") + "…"


def share_image(page, listed=None):
    """The page's hero image, else the hero of the first guide it lists."""
    image = getattr(page, "hero_image", None)
    if image is None and listed:
        image = next((guide.hero_image for guide in listed if guide.hero_image), None)
    return image


def _absolute(page, request, rendition) -> str:
    """A rendition's URL made absolute on the site's own root, like the canonical (a media
    host's absolute URL stays as it is)."""
    parts = page.get_url_parts(request)
    root = parts[1] if parts else site_url(request, "")
    return urljoin(root + "/", rendition.url)


def _page_renditions(page, request, listed=None) -> dict:
    """The page's share rendition and, for an article (a page with its own standfirst and
    hero), its three JSON-LD ratios: one lookup per page and request."""
    if not hasattr(page, "_seo_renditions"):
        image = share_image(page, listed)
        specs = [SHARE_IMAGE_SPEC]
        if image is not None and hasattr(page, "standfirst"):
            specs += ARTICLE_IMAGE_SPECS
        page._seo_renditions = renditions_for(image, specs) if image else {}
    return page._seo_renditions


def page_share_image(page, request, listed=None) -> dict:
    """The share rendition as {"url" (absolute), "width", "height"}, or {} without one."""
    rendition = _page_renditions(page, request, listed).get(SHARE_IMAGE_SPEC)
    if rendition is None or not rendition.width:
        return {}
    return {
        "url": _absolute(page, request, rendition),
        "width": rendition.width,
        "height": rendition.height,
    }


def page_image_url(page, request, listed=None) -> str:
    """An absolute URL of the share rendition, or ""."""
    return page_share_image(page, request, listed).get("url", "")


def article_image_urls(page, request) -> list[str]:
    """Absolute URLs of the article's image in 16:9, 4:3 and 1:1 (renditions never upscale, so
    a small original gives smaller images of the same ratios)."""
    renditions = _page_renditions(page, request)
    found = [renditions.get(spec) for spec in ARTICLE_IMAGE_SPECS]
    return [_absolute(page, request, r) for r in found if r is not None and r.width]


def image_url(page, request, image, spec: str) -> str:
    """The absolute URL of one rendition of `image` shown on `page`, or "" without one."""
    rendition = renditions_for(image, [spec])[spec] if image is not None else None
    return _absolute(page, request, rendition) if rendition is not None and rendition.width else ""
