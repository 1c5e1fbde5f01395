"""Keep the search index true, and no busier than it must be.

Wagtail indexes an object from its post_save signal, but django-modelcluster writes child
relations such as tags *after* that signal, so the index would hold the previous tags until
the next save. `reindex_after_save` indexes the object again once its relations are written.

The index holds what readers may find: a page's row as published, a course as published. A draft
save (Wagtail's `save_revision`, every autosave while an editor types), an edit lock or unlock
writes only bookkeeping to the row, so `index_except_draft_saves` leaves the index alone then,
where Wagtail would index the unchanged row again on each of them.
"""

from django.db.models.signals import post_delete, post_save
from wagtail.models.pages import COMMENTS_RELATION_NAME
from wagtail.search import index
from wagtail.search.signal_handlers import post_delete_signal_handler, post_save_signal_handler

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


def reindex_after_save(instance, update_fields, relations) -> None:
    if update_fields is None or set(update_fields) & set(relations):
        index.insert_or_update_object(instance)


def _index_unless_draft_only(sender, instance, update_fields=None, **kwargs):
    if not draft_only(update_fields):
        post_save_signal_handler(instance, update_fields=update_fields, **kwargs)


def index_except_draft_saves(model) -> None:
    """Wagtail's own index updates for `model` (declared with `search_auto_update = False`, so
    Wagtail connects none), except on a draft-only save."""
    label = model._meta.label_lower
    post_save.connect(_index_unless_draft_only, sender=model, dispatch_uid=f"index-save-{label}")
    post_delete.connect(
        post_delete_signal_handler, sender=model, dispatch_uid=f"index-delete-{label}"
    )
