"""What search engines and link previews read about a page: description, canonical URL, image."""

from urllib.parse import urljoin

from django.utils.html import strip_tags

from core.images import SHARE_IMAGE_SPEC
from core.public_url import site_url
from core.templatetags.responsive_images import renditions_for

DESCRIPTION_LENGTH = 160


def breadcrumb_trail(page) -> list:
    """The page's ancestors below the tree root, then the page: one query, kept on the page."""
    if not hasattr(page, "_breadcrumb_trail"):
        page._breadcrumb_trail = [*page.get_ancestors()[1:], page]
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


def page_share_image(page, request, listed=None) -> dict:
    """The share rendition as {"url" (absolute), "width", "height"}, or {} without one;
    computed once per page and request."""
    if not hasattr(page, "_share_image"):
        image = share_image(page, listed)
        rendition = renditions_for(image, [SHARE_IMAGE_SPEC])[SHARE_IMAGE_SPEC] if image else None
        shared = {}
        if rendition is not None and rendition.width:
            # Relative media URLs are made absolute on the site's own root, like the canonical.
            parts = page.get_url_parts(request)
            root = parts[1] if parts else site_url(request, "")
            shared = {
                "url": urljoin(root + "/", rendition.url),
                "width": rendition.width,
                "height": rendition.height,
            }
        page._share_image = shared
    return page._share_image


def page_image_url(page, request, listed=None) -> str:
    """An absolute URL of the share rendition, or ""."""
    return page_share_image(page, request, listed).get("url", "")
