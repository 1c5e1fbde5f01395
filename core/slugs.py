"""Slugs a page may not take because the site's own URLs use them."""

from django.core.exceptions import ValidationError

# Paths the site's own URLs answer below the home page (site_config/urls.py): a page directly
# under the home page with one of these slugs could never be reached. A category slugged "guides"
# would have its feed shadowed by the site-wide /feeds/guides/.
RESERVED_TOP_LEVEL_SLUGS = frozenset({"admin", "documents", "search", "feeds", "static", "media"})
RESERVED_CATEGORY_SLUGS = RESERVED_TOP_LEVEL_SLUGS | {"guides"}


def refuse_reserved_slug(page, reserved=RESERVED_TOP_LEVEL_SLUGS) -> None:
    """For the clean() of page types that live directly under the home page."""
    if page.slug in reserved:
        raise ValidationError(
            {"slug": f"“/{page.slug}/” is used by the site itself; choose another slug."}
        )
