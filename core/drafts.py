"""Which saves are a draft's: they write bookkeeping to a page's or snippet's row, nothing a
reader sees, so the search index, the result cache and the page cache leave them alone."""

from wagtail.models.pages import COMMENTS_RELATION_NAME

# The fields Wagtail writes to a page's or a snippet's row for a draft, an edit lock or the
# comments: none of them is shown to readers or searched.
DRAFT_FIELDS = frozenset(
    {
        "latest_revision",
        "latest_revision_created_at",
        "draft_title",
        "has_unpublished_changes",
        "locked",
        "locked_at",
        "locked_by",
        COMMENTS_RELATION_NAME,
    }
)


def draft_only(update_fields) -> bool:
    """Whether a save wrote nothing but draft bookkeeping (see DRAFT_FIELDS)."""
    return update_fields is not None and set(update_fields) <= DRAFT_FIELDS
