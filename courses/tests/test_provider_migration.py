"""The data migration that turns the old fixed provider choices into Provider rows (courses 0003
to 0005), run forwards and backwards on the test database (PostgreSQL in `make test`)."""

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor
from django.utils import timezone

BEFORE = ("courses", "0002_catalogue_finder_log_link_checks")
AFTER = ("courses", "0005_course_provider_foreign_key")


def migrate(target):
    executor = MigrationExecutor(connection)
    executor.migrate([target])
    executor.loader.build_graph()
    return executor.loader.project_state([target]).apps


def old_course(apps, slug, provider):
    Course = apps.get_model("courses", "Course")
    return Course.objects.create(
        title=slug.title(),
        slug=slug,
        provider=provider,
        url=f"https://example.com/{slug}",
        rating="8.0",
        review="A review.",
        level="beginner",
        price_model="paid",
    )


@pytest.mark.django_db(transaction=True)
def test_old_provider_choices_become_provider_rows_and_back():
    try:
        apps = migrate(BEFORE)
        ContentType = apps.get_model("contenttypes", "ContentType")
        Revision = apps.get_model("wagtailcore", "Revision")
        course_type, _ = ContentType.objects.get_or_create(app_label="courses", model="course")
        udemy = old_course(apps, "udemy-course", "udemy")
        other = old_course(apps, "other-course", "other")
        edx = old_course(apps, "edx-course", "edx")
        # A saved draft stores the provider too; it must still load after the migration.
        revision = Revision.objects.create(
            content_type=course_type,
            base_content_type=course_type,
            object_id=str(udemy.pk),
            object_str="Udemy course",
            created_at=timezone.now(),
            content={"pk": udemy.pk, "title": "Udemy course (draft)", "provider": "udemy"},
        )

        apps = migrate(AFTER)
        Provider = apps.get_model("courses", "Provider")
        Course = apps.get_model("courses", "Course")
        names = dict(Provider.objects.values_list("slug", "name"))
        # Every old choice but "Other", named as the old choice labels were.
        assert names == {
            "coursera": "Coursera",
            "udemy": "Udemy",
            "edx": "edX",
            "pluralsight": "Pluralsight",
            "freecodecamp": "freeCodeCamp",
        }
        providers = dict(Course.objects.values_list("slug", "provider__slug"))
        assert providers == {"udemy-course": "udemy", "other-course": None, "edx-course": "edx"}
        revision.refresh_from_db()
        assert revision.content["provider"] == Provider.objects.get(slug="udemy").pk
        # Course admins may add and edit providers from now on.
        Group = apps.get_model("auth", "Group")
        group = Group.objects.filter(name="Course admins").first()
        if group is not None:
            codenames = set(group.permissions.values_list("codename", flat=True))
            assert {"add_provider", "change_provider", "view_provider"} <= codenames

        # Reversible: back to the old choice values; a course without a provider is "other".
        apps = migrate(BEFORE)
        Course = apps.get_model("courses", "Course")
        providers = dict(Course.objects.values_list("slug", "provider"))
        assert providers == {
            "udemy-course": "udemy",
            "other-course": "other",
            "edx-course": "edx",
        }
        revision.refresh_from_db()
        assert revision.content["provider"] == "udemy"
        assert {other.pk, edx.pk} <= set(Course.objects.values_list("pk", flat=True))
    finally:
        # Leave the database fully migrated for the tests that follow.
        executor = MigrationExecutor(connection)
        executor.migrate(executor.loader.graph.leaf_nodes())
