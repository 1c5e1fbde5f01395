from io import StringIO

import pytest
from django.core.management import call_command
from django.db import transaction

from courses.models import CourseIndexPage


@pytest.fixture(scope="module")
def demo_content(django_db_setup, django_db_blocker):
    """Load the demo site once per test module, inside a transaction rolled back at the end.

    Each test's own transaction nests inside it (as a savepoint), so tests still cannot see
    each other's changes, and nothing outlives the module.
    """
    with django_db_blocker.unblock(), transaction.atomic():
        call_command("load_demo_content", stdout=StringIO())
        yield
        transaction.set_rollback(True)


@pytest.fixture
def demo_site(demo_content, db):
    """The demo site exactly as `make run` loads it (33 courses, nine guides, /courses/)."""
    return CourseIndexPage.objects.get()
