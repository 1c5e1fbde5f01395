import pytest
from django.apps import apps
from django.contrib.auth.models import Group

from home.roles import COURSE_ADMINS, EDITORS, MODERATORS, ensure_editorial_setup


@pytest.fixture
def roles(home_page):
    # The data migration made these, but a transactional test earlier in the run may have
    # flushed them; making them again (once the page tree has a root) is idempotent.
    return ensure_editorial_setup(apps)


def _member(django_user_model, username, group_name):
    user = django_user_model.objects.create_user(
        username, f"{username}@example.com", "pw", first_name=username.title()
    )
    user.groups.add(Group.objects.get(name=group_name))
    return user


@pytest.fixture
def editor(roles, django_user_model):
    return _member(django_user_model, "edna", EDITORS)


@pytest.fixture
def moderator(roles, django_user_model):
    return _member(django_user_model, "morgan", MODERATORS)


@pytest.fixture
def course_admin(roles, django_user_model):
    return _member(django_user_model, "cora", COURSE_ADMINS)
