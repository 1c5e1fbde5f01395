"""Keep the search index true for models with tags (guides' tags, courses' topics).

Wagtail indexes an object from its post_save signal, but django-modelcluster writes child
relations such as tags *after* that signal, so the index would hold the previous tags until
the next save. `reindex_after_save` indexes the object again once its relations are written.
"""

from wagtail.search import index


def reindex_after_save(instance, update_fields, relations) -> None:
    if update_fields is None or set(update_fields) & set(relations):
        index.insert_or_update_object(instance)
