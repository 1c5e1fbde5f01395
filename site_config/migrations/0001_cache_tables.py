"""The tables of the database cache (settings.CACHES without REDIS_URL), made by `migrate` so that
no install, upgrade or `make run` can serve pages before they exist. Django's createcachetable
skips tables that exist and caches that are not database caches. A later switch of CACHES to
the database is covered by site_config/apps.py, which runs it again after every `migrate`."""

from django.core.management import call_command
from django.db import migrations


def create_cache_tables(apps, schema_editor):
    call_command("createcachetable", database=schema_editor.connection.alias, verbosity=0)


class Migration(migrations.Migration):
    dependencies = []

    operations = [migrations.RunPython(create_cache_tables, migrations.RunPython.noop)]
