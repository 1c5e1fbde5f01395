import django.db.models.deletion
from django.db import migrations, models


def grant_course_admins(apps, schema_editor):
    """Course admins add and edit providers (home/roles.py keeps this on every setup run)."""
    ContentType = apps.get_model("contenttypes", "ContentType")
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    provider_type, _ = ContentType.objects.get_or_create(app_label="courses", model="provider")
    # Django makes model permissions only after all migrations ran; the same ones, now.
    permissions = [
        Permission.objects.get_or_create(
            content_type=provider_type,
            codename=f"{action}_provider",
            defaults={"name": f"Can {action} provider"},
        )[0]
        for action in ("add", "change", "delete", "view")
    ]
    group = Group.objects.filter(name="Course admins").first()
    if group is not None:
        group.permissions.add(*[p for p in permissions if not p.codename.startswith("delete")])


class Migration(migrations.Migration):
    dependencies = [
        ("courses", "0004_providers_from_choices"),
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    operations = [
        # A default on the old field only so that going back can re-add the column to a table
        # that has rows (0004 then fills in the values).
        migrations.AlterField(
            model_name="course",
            name="provider",
            field=models.CharField(
                choices=[
                    ("coursera", "Coursera"),
                    ("udemy", "Udemy"),
                    ("edx", "edX"),
                    ("pluralsight", "Pluralsight"),
                    ("freecodecamp", "freeCodeCamp"),
                    ("other", "Other"),
                ],
                default="other",
                max_length=20,
            ),
        ),
        migrations.RemoveField(model_name="course", name="provider"),
        migrations.RenameField(
            model_name="course", old_name="provider_record", new_name="provider"
        ),
        migrations.AlterField(
            model_name="course",
            name="provider",
            field=models.ForeignKey(
                blank=True,
                null=True,
                on_delete=django.db.models.deletion.PROTECT,
                related_name="courses",
                to="courses.provider",
            ),
        ),
        migrations.AlterField(
            model_name="course",
            name="slug",
            field=models.SlugField(
                blank=True,
                help_text=(
                    "Used in URLs and to match rows on import; made from the title when left blank."
                ),
                max_length=200,
                unique=True,
            ),
        ),
        migrations.RunPython(grant_course_admins, migrations.RunPython.noop),
    ]
