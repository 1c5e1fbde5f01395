"""Every role x every action on pages, images, documents, collections and courses, over HTTP.

ALLOWED mirrors the role table in docs/editorial.md ("Roles"). Each (role, action) pair is its own
test: an allowed action answers with a success (200 or a redirect that is not a refusal) and
its effect happened; a refused one answers 403, or a redirect to the login page or to the
dashboard with Wagtail's "no permission" message, and nothing changed.
"""

import csv
import datetime
import io

import pytest
from django.contrib.messages import get_messages
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone
from wagtail.documents import get_document_model
from wagtail.images import get_image_model
from wagtail.images.tests.utils import get_test_image_file
from wagtail.models import Collection, Page

from courses.factories import CourseFactory
from courses.importer import COLUMNS
from courses.models import Course
from courses.tests.forms import course_form
from guides.factories import GuidePageFactory
from guides.models import GuidePage
from guides.tests.forms import guide_form

pytestmark = pytest.mark.django_db

EDITOR, MODERATOR, COURSE_ADMIN, ANONYMOUS, SUPERUSER = (
    "editor",
    "moderator",
    "course admin",
    "anonymous",
    "superuser",
)
ROLES = [EDITOR, MODERATOR, COURSE_ADMIN, ANONYMOUS, SUPERUSER]
EDITORIAL = {EDITOR, MODERATOR, SUPERUSER}
PUBLISHERS = {MODERATOR, SUPERUSER}

# Who may do what: docs/editorial.md's role table, action by action. Superusers may do everything
# (the control); anonymous visitors nothing.
ALLOWED = {
    # Pages (guides).
    "page: add a draft": EDITORIAL,
    "page: edit (save a draft)": EDITORIAL,
    "page: publish": PUBLISHERS,
    "page: unpublish": PUBLISHERS,
    "page: delete a live page": PUBLISHERS,
    "page: delete a draft never published": EDITORIAL,
    "page: delete a page scheduled to go live": PUBLISHERS,
    "page: bulk-delete a page scheduled to go live": PUBLISHERS,
    "page: lock": EDITORIAL,
    "page: unlock someone else's lock": PUBLISHERS,
    "page: move a live page": PUBLISHERS,
    # Images and documents in the library.
    "image: add": EDITORIAL,
    "image: edit one you uploaded": EDITORIAL,
    "image: edit someone else's": PUBLISHERS,
    "image: delete one you uploaded": PUBLISHERS,
    "image: delete someone else's": PUBLISHERS,
    "image: choose": EDITORIAL,
    "document: add": EDITORIAL,
    "document: edit one you uploaded": EDITORIAL,
    "document: edit someone else's": PUBLISHERS,
    "document: delete one you uploaded": PUBLISHERS,
    "document: delete someone else's": PUBLISHERS,
    "document: choose": EDITORIAL,
    # Collections are managed by superusers alone.
    "collection: add": {SUPERUSER},
    "collection: edit": {SUPERUSER},
    "collection: delete": {SUPERUSER},
    # Courses (snippets). Editors and moderators see them (to choose them in a course list),
    # so they may export the list too.
    "course: add": {COURSE_ADMIN, SUPERUSER},
    "course: edit (save a draft)": {COURSE_ADMIN, SUPERUSER},
    "course: publish": {COURSE_ADMIN, SUPERUSER},
    "course: delete": {SUPERUSER},
    "course: import": {COURSE_ADMIN, SUPERUSER},
    "course: export": {EDITOR, MODERATOR, COURSE_ADMIN, SUPERUSER},
}

ACTIONS = {}
# Wagtail answers these with 404 for someone who may not do them: it looks the object up among
# those the user may act on, so it does not say that the object exists.
NOT_FOUND_WHEN_REFUSED = {"collection: delete"}
# Wagtail's bulk actions leave out the items a user may not act on: the user is sent back to the
# bulk action's page, as after a success, told that 0 pages have been deleted.
SKIPPED_WHEN_REFUSED = {"page: bulk-delete a page scheduled to go live"}


def action(name):
    """Register `perform(client, world) -> (response, happened)`; `happened()` says whether
    the action took effect."""

    def register(function):
        assert name in ALLOWED, name
        ACTIONS[name] = function
        return function

    return register


class World:
    """What the actions act on, made lazily (each test needs only its own)."""

    def __init__(self, category, user, other):
        self.category = category
        self.user = user  # None for the anonymous visitor
        self.other = other  # another member of staff (owner of "someone else's" items)

    def guide(self, **kwargs):
        return GuidePageFactory(parent=self.category, **kwargs)

    def image(self, owner):
        return get_image_model().objects.create(
            title="Library image",
            file=get_test_image_file(),
            uploaded_by_user=owner,
            collection=Collection.get_first_root_node(),
        )

    def document(self, owner):
        return get_document_model().objects.create(
            title="Library document",
            file=SimpleUploadedFile("notes.txt", b"Course notes."),
            uploaded_by_user=owner,
            collection=Collection.get_first_root_node(),
        )


def latest(instance):
    """The instance's latest revision, as stored now."""
    return type(instance).objects.get(pk=instance.pk).get_latest_revision_as_object()


def exists(model, **lookup):
    return lambda: model.objects.filter(**lookup).exists()


def gone(instance):
    return lambda: not type(instance).objects.filter(pk=instance.pk).exists()


# --- Pages -----------------------------------------------------------------------------------


def edit_url(page):
    return reverse("wagtailadmin_pages:edit", args=(page.pk,))


@action("page: add a draft")
def add_page(client, world):
    url = reverse("wagtailadmin_pages:add", args=("guides", "guidepage", world.category.pk))
    response = client.post(url, guide_form([CourseFactory()]))
    return response, exists(GuidePage, slug="flask-for-beginners")


@action("page: edit (save a draft)")
def edit_page(client, world):
    guide = world.guide(title="Before")
    response = client.post(edit_url(guide), guide_form([CourseFactory()], slug=guide.slug))
    return response, lambda: latest(guide).title == "Flask for beginners"


@action("page: publish")
def publish_page(client, world):
    guide = world.guide(live=False)
    data = guide_form([CourseFactory()], slug=guide.slug, **{"action-publish": "1"})
    response = client.post(edit_url(guide), data)
    return response, exists(GuidePage, pk=guide.pk, live=True)


@action("page: unpublish")
def unpublish_page(client, world):
    guide = world.guide()
    response = client.post(reverse("wagtailadmin_pages:unpublish", args=(guide.pk,)))
    return response, exists(GuidePage, pk=guide.pk, live=False)


@action("page: delete a live page")
def delete_live_page(client, world):
    guide = world.guide()
    response = client.post(reverse("wagtailadmin_pages:delete", args=(guide.pk,)))
    return response, gone(guide)


@action("page: delete a draft never published")
def delete_draft_page(client, world):
    guide = world.guide(live=False, has_unpublished_changes=True)
    response = client.post(reverse("wagtailadmin_pages:delete", args=(guide.pk,)))
    return response, gone(guide)


def scheduled_guide(world):
    guide = world.guide(live=False)
    guide.go_live_at = timezone.now() + datetime.timedelta(days=1)
    guide.save_revision().publish()
    return guide


BULK_DELETE_PAGES = reverse("wagtail_bulk_action", args=("wagtailcore", "page", "delete"))


@action("page: delete a page scheduled to go live")
def delete_scheduled_page(client, world):
    guide = scheduled_guide(world)
    response = client.post(reverse("wagtailadmin_pages:delete", args=(guide.pk,)))
    return response, gone(guide)


@action("page: bulk-delete a page scheduled to go live")
def bulk_delete_scheduled_page(client, world):
    guide = scheduled_guide(world)
    response = client.post(f"{BULK_DELETE_PAGES}?id={guide.pk}")
    return response, gone(guide)


@action("page: lock")
def lock_page(client, world):
    guide = world.guide()
    response = client.post(reverse("wagtailadmin_pages:lock", args=(guide.pk,)))
    return response, exists(Page, pk=guide.pk, locked=True)


@action("page: unlock someone else's lock")
def unlock_page(client, world):
    guide = world.guide(locked=True, locked_by=world.other)
    response = client.post(reverse("wagtailadmin_pages:unlock", args=(guide.pk,)))
    return response, exists(Page, pk=guide.pk, locked=False)


@action("page: move a live page")
def move_page(client, world):
    guide = world.guide()
    destination = world.category.get_parent().add_child(
        instance=type(world.category)(title="Data science", slug="data-science")
    )
    url = reverse("wagtailadmin_pages:move_confirm", args=(guide.pk, destination.pk))
    response = client.post(url)
    return response, lambda: Page.objects.get(pk=guide.pk).get_parent().pk == destination.pk


# --- Images and documents --------------------------------------------------------------------


@action("image: add")
def add_image(client, world):
    upload = SimpleUploadedFile("upload.png", get_test_image_file().file.getvalue())
    data = {"title": "Uploaded", "file": upload, "collection": root_pk()}
    response = client.post(reverse("wagtailimages:add"), data)
    return response, exists(get_image_model(), title="Uploaded")


def root_pk():
    return Collection.get_first_root_node().pk


@action("document: add")
def add_document(client, world):
    upload = SimpleUploadedFile("syllabus.txt", b"Week one: routing.")
    data = {"title": "Syllabus", "file": upload, "collection": root_pk()}
    response = client.post(reverse("wagtaildocs:add"), data)
    return response, exists(get_document_model(), title="Syllabus")


def chosen(response, item):
    return (
        response.status_code == 200
        and response.headers["Content-Type"].startswith("application/json")
        and response.json()["step"] == "chosen"
        and response.json()["result"]["id"] == str(item.pk)
    )


# Editing, deleting and choosing work alike in both libraries: one set of actions for each.
LIBRARIES = {
    # kind: (URL namespace, its chooser's namespace, the edit form's fields besides the title)
    "image": ("wagtailimages", "wagtailimages_chooser", {"tags": "", "description": ""}),
    "document": ("wagtaildocs", "wagtaildocs_chooser", {"tags": ""}),
}


def library_actions(kind, namespace, chooser, fields):
    def item(world, owner):
        return getattr(world, kind)(owner=owner)

    def edit(client, obj):
        data = {"title": "Renamed", "collection": root_pk(), **fields}
        response = client.post(reverse(f"{namespace}:edit", args=(obj.pk,)), data)
        return response, exists(type(obj), pk=obj.pk, title="Renamed")

    def delete(client, obj):
        return client.post(reverse(f"{namespace}:delete", args=(obj.pk,))), gone(obj)

    def choose(client, world):
        obj = item(world, world.other)
        response = client.get(reverse(f"{chooser}:chosen", args=(obj.pk,)))
        return response, lambda: chosen(response, obj)

    action(f"{kind}: edit one you uploaded")(lambda c, w: edit(c, item(w, w.user)))
    action(f"{kind}: edit someone else's")(lambda c, w: edit(c, item(w, w.other)))
    action(f"{kind}: delete one you uploaded")(lambda c, w: delete(c, item(w, w.user)))
    action(f"{kind}: delete someone else's")(lambda c, w: delete(c, item(w, w.other)))
    action(f"{kind}: choose")(choose)


for kind, (namespace, chooser, fields) in LIBRARIES.items():
    library_actions(kind, namespace, chooser, fields)


# --- Collections -----------------------------------------------------------------------------


@action("collection: add")
def add_collection(client, world):
    data = {"name": "Course screenshots", "parent": root_pk()}
    response = client.post(reverse("wagtailadmin_collections:add"), data)
    return response, exists(Collection, name="Course screenshots")


def child_collection():
    return Collection.get_first_root_node().add_child(name="Old screenshots")


@action("collection: edit")
def edit_collection(client, world):
    collection = child_collection()
    data = {"name": "Renamed", "parent": root_pk()}
    response = client.post(reverse("wagtailadmin_collections:edit", args=(collection.pk,)), data)
    return response, exists(Collection, pk=collection.pk, name="Renamed")


@action("collection: delete")
def delete_collection(client, world):
    collection = child_collection()
    response = client.post(reverse("wagtailadmin_collections:delete", args=(collection.pk,)))
    return response, gone(collection)


# --- Courses ---------------------------------------------------------------------------------

COURSE_URL = "wagtailsnippets_courses_course:"


@action("course: add")
def add_course(client, world):
    response = client.post(reverse(COURSE_URL + "add"), course_form())
    return response, exists(Course, slug="complete-flask")


@action("course: edit (save a draft)")
def edit_course(client, world):
    course = CourseFactory(title="Before", slug="complete-flask")
    response = client.post(reverse(COURSE_URL + "edit", args=(course.pk,)), course_form())
    return response, lambda: latest(course).title == course_form()["title"]


@action("course: publish")
def publish_course(client, world):
    course = CourseFactory(slug="complete-flask", live=False)
    data = course_form(**{"action-publish": "1"})
    response = client.post(reverse(COURSE_URL + "edit", args=(course.pk,)), data)
    return response, exists(Course, pk=course.pk, live=True)


@action("course: delete")
def delete_course(client, world):
    course = CourseFactory()
    return client.post(reverse(COURSE_URL + "delete", args=(course.pk,))), gone(course)


@action("course: import")
def import_course(client, world):
    row = {name: value for name, value in course_form().items() if name in COLUMNS}
    row["live"] = "True"
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=COLUMNS)
    writer.writeheader()
    writer.writerow(row)
    upload = SimpleUploadedFile("courses.csv", out.getvalue().encode(), content_type="text/csv")
    response = client.post(reverse("courses_import"), {"file": upload})
    return response, exists(Course, slug=row["slug"], live=True)


@action("course: export")
def export_courses(client, world):
    CourseFactory(title="Exported course")
    response = client.get(reverse(COURSE_URL + "list"), {"export": "csv"})
    return (
        response,
        lambda: response.status_code == 200 and "Exported course" in b"".join(response).decode(),
    )


# --- The test --------------------------------------------------------------------------------


def refused(response, role, name) -> bool:
    if response.status_code == 403:
        return True
    if response.status_code == 404 and name in NOT_FOUND_WHEN_REFUSED and role != ANONYMOUS:
        return True
    if response.status_code != 302:
        return False
    if role == ANONYMOUS:
        return response.url.startswith(reverse("wagtailadmin_login"))
    texts = [str(message) for message in get_messages(response.wsgi_request)]
    if name in SKIPPED_WHEN_REFUSED and response.url.startswith(BULK_DELETE_PAGES):
        return any(text.startswith("0 pages have been deleted") for text in texts)
    return response.url == reverse("wagtailadmin_home") and any(
        "do not have permission" in text for text in texts
    )


@pytest.fixture
def users(editor, moderator, course_admin, django_user_model):
    return {
        EDITOR: editor,
        MODERATOR: moderator,
        COURSE_ADMIN: course_admin,
        ANONYMOUS: None,
        SUPERUSER: django_user_model.objects.create_superuser("root", "root@example.com", "pw"),
    }


def test_the_table_covers_every_action():
    assert set(ACTIONS) == set(ALLOWED)
    assert all(roles <= set(ROLES) for roles in ALLOWED.values())


@pytest.mark.parametrize("name", list(ALLOWED))
@pytest.mark.parametrize("role", ROLES)
def test_each_role_may_do_exactly_what_the_readme_says(
    client, category, users, django_user_model, role, name
):
    user = users[role]
    other = django_user_model.objects.create_user("someone", "someone@example.com", "pw")
    if user is not None:
        client.force_login(user)
    response, happened = ACTIONS[name](client, World(category, user, other))

    if role in ALLOWED[name]:
        assert response.status_code in (200, 302), response.status_code
        assert not refused(response, role, name)
        assert happened(), f"{role} may {name}, but it did not happen"
    else:
        assert refused(response, role, name), (response.status_code, response.get("Location"))
        assert not happened(), f"{role} may not {name}, but it happened"
