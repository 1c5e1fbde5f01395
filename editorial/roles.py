"""Editorial roles and review workflows.

`ensure_editorial_setup` is idempotent. The data migrations `0002_editorial_roles_and_workflows`
and `0003_library_deletion_for_moderators_only` (which corrects groups made before the library
permissions changed) run it with the historical app registry; tests run it again, because a
transactional test flushes the database (and with it the migration's data).
"""

EDITORS = "Editors"
MODERATORS = "Moderators"
COURSE_ADMINS = "Course admins"

EDITORIAL_WORKFLOW = "Editorial review"
EDITORIAL_TASK = "Moderator approval"
COURSE_WORKFLOW = "Course review"
COURSE_TASK = "Course admin approval"

# Image and document permissions, as (app_label, codename). Wagtail checks them per collection
# (GroupCollectionPermission); the same codenames are also given as model permissions.
# Editors upload and choose, and may edit what they uploaded themselves (Wagtail's "add" means
# "add, and edit your own"); editing anyone's upload or deleting goes live at once, around
# moderation, so it is left to moderators. Deleting needs the delete permission itself
# (editorial/permissions.py: Wagtail on its own treats delete as edit).
EDITOR_LIBRARY_PERMISSIONS = [
    ("wagtailimages", "add_image"),
    ("wagtailimages", "choose_image"),
    ("wagtaildocs", "add_document"),
    ("wagtaildocs", "choose_document"),
]
MODERATOR_LIBRARY_PERMISSIONS = EDITOR_LIBRARY_PERMISSIONS + [
    ("wagtailimages", "change_image"),
    ("wagtailimages", "delete_image"),
    ("wagtaildocs", "change_document"),
    ("wagtaildocs", "delete_document"),
]
MODEL_PERMISSIONS = {
    # Editors and moderators may choose courses in a guide's course list but not change them.
    EDITORS: [("wagtailadmin", "access_admin"), ("courses", "view_course")]
    + EDITOR_LIBRARY_PERMISSIONS,
    MODERATORS: [("wagtailadmin", "access_admin"), ("courses", "view_course")]
    + MODERATOR_LIBRARY_PERMISSIONS,
    # Course admins add, edit, publish and retire (unpublish) courses; deleting a course that
    # guides rank is left to superusers.
    COURSE_ADMINS: [
        ("wagtailadmin", "access_admin"),
        ("courses", "add_course"),
        ("courses", "change_course"),
        ("courses", "view_course"),
        ("courses", "publish_course"),
        ("courses", "lock_course"),
        ("courses", "unlock_course"),
        # Providers are records too (courses/models/course.py): course admins add and rename them.
        ("courses", "add_provider"),
        ("courses", "change_provider"),
        ("courses", "view_provider"),
    ],
}
# Page permissions, granted on the tree's root so they cover every category and guide.
PAGE_PERMISSIONS = {
    # Editors may lock a page while they work on it; only moderators may unlock others' locks.
    EDITORS: ["add_page", "change_page", "lock_page"],
    MODERATORS: ["add_page", "change_page", "publish_page", "lock_page", "unlock_page"],
    COURSE_ADMINS: [],
}
# Collection permissions on the root collection (Wagtail checks these for images and documents).
# Managing collections themselves (add, rename, delete) is left to superusers.
COLLECTION_PERMISSIONS = {
    EDITORS: EDITOR_LIBRARY_PERMISSIONS,
    MODERATORS: MODERATOR_LIBRARY_PERMISSIONS,
    COURSE_ADMINS: [],
}


def _permission(apps, app_label, codename):
    Permission = apps.get_model("auth", "Permission")
    return Permission.objects.get(content_type__app_label=app_label, codename=codename)


def ensure_editorial_setup(apps):
    """Create or correct the three groups, their permissions and the two workflows."""
    from django.contrib.auth.management import create_permissions

    # Permissions are normally created after all migrations ran; make sure ours exist now.
    for app_label in ("courses", "wagtailadmin", "wagtailimages", "wagtaildocs", "wagtailcore"):
        app_config = apps.get_app_config(app_label)
        # A migration's app registry holds stubs without `models_module`, which
        # create_permissions() uses only to skip apps that have no models.
        stub = not hasattr(app_config, "models_module")
        if stub:
            app_config.models_module = True
        create_permissions(app_config, apps=apps, verbosity=0)
        if stub:
            del app_config.models_module
    # Wagtail adds the snippet permissions (publish, lock, unlock) after migrating; same names.
    Permission = apps.get_model("auth", "Permission")
    ContentType = apps.get_model("contenttypes", "ContentType")
    course_type, _ = ContentType.objects.get_or_create(app_label="courses", model="course")
    for action in ("publish", "lock", "unlock"):
        Permission.objects.get_or_create(
            content_type=course_type,
            codename=f"{action}_course",
            defaults={"name": f"Can {action} course"},
        )

    Group = apps.get_model("auth", "Group")
    Page = apps.get_model("wagtailcore", "Page")
    Collection = apps.get_model("wagtailcore", "Collection")
    GroupPagePermission = apps.get_model("wagtailcore", "GroupPagePermission")
    GroupCollectionPermission = apps.get_model("wagtailcore", "GroupCollectionPermission")

    root_page = Page.objects.filter(depth=1).first()
    root_collection = Collection.objects.filter(depth=1).first()
    if root_collection is None:  # only after a test flushed the database
        root_collection = Collection.objects.create(name="Root", path="0001", depth=1, numchild=0)
    groups = {}
    for name in (EDITORS, MODERATORS, COURSE_ADMINS):
        group, _ = Group.objects.get_or_create(name=name)
        groups[name] = group
        # A model a later migration adds (courses.Provider) has no permissions yet when an
        # early migration runs this; that migration grants them (courses 0005).
        group.permissions.set(
            [
                permission
                for app, codename in MODEL_PERMISSIONS[name]
                for permission in Permission.objects.filter(
                    content_type__app_label=app, codename=codename
                )
            ]
        )
        wanted_pages = {
            _permission(apps, "wagtailcore", codename) for codename in PAGE_PERMISSIONS[name]
        }
        GroupPagePermission.objects.filter(group=group).exclude(
            page=root_page, permission__in=wanted_pages
        ).delete()
        for permission in wanted_pages if root_page else ():
            GroupPagePermission.objects.get_or_create(
                group=group, page=root_page, permission=permission
            )
        wanted_collections = {
            _permission(apps, app, codename) for app, codename in COLLECTION_PERMISSIONS[name]
        }
        GroupCollectionPermission.objects.filter(group=group).exclude(
            collection=root_collection, permission__in=wanted_collections
        ).delete()
        for permission in wanted_collections:
            GroupCollectionPermission.objects.get_or_create(
                group=group, collection=root_collection, permission=permission
            )

    _ensure_page_workflow(apps, root_page, groups[MODERATORS])
    _ensure_course_workflow(apps, groups[COURSE_ADMINS])
    return groups


def _ensure_task(apps, name, group, rename_from=None):
    GroupApprovalTask = apps.get_model("wagtailcore", "GroupApprovalTask")
    ContentType = apps.get_model("contenttypes", "ContentType")
    task = GroupApprovalTask.objects.filter(name=name).first()
    if task is None and rename_from:
        task = GroupApprovalTask.objects.filter(name=rename_from).first()
    if task is None:
        content_type, _ = ContentType.objects.get_or_create(
            app_label="wagtailcore", model="groupapprovaltask"
        )
        task = GroupApprovalTask.objects.create(name=name, active=True, content_type=content_type)
    task.name = name
    task.active = True
    task.save()
    task.groups.set([group])
    return task


def _ensure_workflow(apps, name, task, rename_from=None):
    Workflow = apps.get_model("wagtailcore", "Workflow")
    WorkflowTask = apps.get_model("wagtailcore", "WorkflowTask")
    workflow = Workflow.objects.filter(name=name).first()
    if workflow is None and rename_from:
        workflow = Workflow.objects.filter(name=rename_from).first()
    if workflow is None:
        workflow = Workflow.objects.create(name=name, active=True)
    workflow.name = name
    workflow.active = True
    workflow.save()
    WorkflowTask.objects.filter(workflow=workflow).exclude(task=task).delete()
    WorkflowTask.objects.get_or_create(workflow=workflow, task=task, defaults={"sort_order": 0})
    return workflow


def _ensure_page_workflow(apps, root_page, moderators):
    WorkflowPage = apps.get_model("wagtailcore", "WorkflowPage")
    # Wagtail installs a "Moderators approval" workflow and task on the root page; they
    # become ours.
    task = _ensure_task(apps, EDITORIAL_TASK, moderators, rename_from="Moderators approval")
    workflow = _ensure_workflow(apps, EDITORIAL_WORKFLOW, task, rename_from="Moderators approval")
    if root_page is not None:
        WorkflowPage.objects.update_or_create(page=root_page, defaults={"workflow": workflow})


def _ensure_course_workflow(apps, course_admins):
    WorkflowContentType = apps.get_model("wagtailcore", "WorkflowContentType")
    ContentType = apps.get_model("contenttypes", "ContentType")
    task = _ensure_task(apps, COURSE_TASK, course_admins)
    workflow = _ensure_workflow(apps, COURSE_WORKFLOW, task)
    course_type, _ = ContentType.objects.get_or_create(app_label="courses", model="course")
    WorkflowContentType.objects.update_or_create(
        content_type=course_type, defaults={"workflow": workflow}
    )
