from io import StringIO

import pytest
from django.core.management import call_command


def test_system_checks_pass():
    call_command("check", fail_level="WARNING", stdout=StringIO())


@pytest.mark.django_db
def test_no_model_change_is_missing_a_migration():
    call_command("makemigrations", check=True, dry_run=True, stdout=StringIO())
