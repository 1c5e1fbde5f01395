"""Invalidate cached search results whenever something that can change them changes: not on a
draft save, an edit lock or unlock, which change nothing a reader can find."""

from django.db.models.signals import post_delete, post_save
from wagtail.models import PageViewRestriction
from wagtail.signals import post_page_move

from core.drafts import draft_only
from courses.models import Course
from guides.models import GuideIndexPage, GuidePage

from .models import SearchIndexVersion

WATCHED = (GuidePage, GuideIndexPage, Course, PageViewRestriction)


def bump(sender, update_fields=None, **kwargs):
    if kwargs.get("raw") or draft_only(update_fields):  # loading fixtures; a draft
        return
    SearchIndexVersion.bump()


def register():
    for model in WATCHED:
        post_save.connect(bump, sender=model, dispatch_uid=f"search-bump-save-{model.__name__}")
        post_delete.connect(bump, sender=model, dispatch_uid=f"search-bump-del-{model.__name__}")
    post_page_move.connect(bump, dispatch_uid="search-bump-move")
