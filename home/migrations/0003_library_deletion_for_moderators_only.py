from django.db import migrations


def forwards(apps, schema_editor):
    """Correct the groups 0002 made: editors upload and choose images and documents (and edit
    their own uploads) but no longer edit others' or delete any; moderators delete them through
    the collection's delete permission (home/permissions.py)."""
    from editorial.roles import ensure_editorial_setup

    ensure_editorial_setup(apps)


class Migration(migrations.Migration):
    dependencies = [("home", "0002_editorial_roles_and_workflows")]

    operations = [migrations.RunPython(forwards, migrations.RunPython.noop)]
