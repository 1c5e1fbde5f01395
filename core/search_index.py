"""Keep the search index true, and no busier than it must be.

Wagtail indexes an object from its post_save signal, but django-modelcluster writes child
relations such as tags *after* that signal, so the index would hold the previous tags until the
next save, and indexing again once they are written would index every save twice. A model that
declares `search_auto_update = False` therefore calls `index_after_save` at the end of its own
`save()`, once its relations are written: one index update per save. `index_deletes` keeps
Wagtail's removal on delete.

The index holds what readers may find: a page's row as published, a course as published. A draft
save (Wagtail's `save_revision`, every autosave while an editor types), an edit lock or unlock
writes only bookkeeping to the row, so the index is left alone then, where Wagtail would index
the unchanged row again on each of them.
"""

from django.db.models.signals import post_delete
from wagtail.search import index
from wagtail.search.signal_handlers import post_delete_signal_handler

from core.drafts import draft_only


def index_after_save(instance, update_fields) -> None:
    """Index `instance` as its save left it, relations included, unless the save was a draft's."""
    if not draft_only(update_fields):
        index.insert_or_update_object(instance)


def index_deletes(model) -> None:
    """Wagtail's removal from the index when a `model` object is deleted (`model` declares
    `search_auto_update = False`, so Wagtail connects no handler of its own)."""
    label = model._meta.label_lower
    post_delete.connect(
        post_delete_signal_handler, sender=model, dispatch_uid=f"index-delete-{label}"
    )
