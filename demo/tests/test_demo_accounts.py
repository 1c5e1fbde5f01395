from io import StringIO

import pytest
from django.core.management import call_command

pytestmark = pytest.mark.django_db


def test_ensure_admin_creates_the_demo_role_accounts_once_and_prints_their_logins(
    client, django_user_model, tmp_path, monkeypatch, roles
):
    from demo.management.commands import ensure_admin

    monkeypatch.setattr(ensure_admin, "LOGIN_FILE", tmp_path / "admin-login.txt")
    monkeypatch.setattr(ensure_admin, "DEMO_LOGINS_FILE", tmp_path / "demo-logins.txt")
    first, second = StringIO(), StringIO()
    call_command("ensure_admin", stdout=first)
    call_command("ensure_admin", stdout=second)

    logins = dict(line.split() for line in (tmp_path / "demo-logins.txt").read_text().splitlines())
    expected = {"editor": "Editors", "moderator": "Moderators", "courseadmin": "Course admins"}
    assert set(logins) == set(expected)
    for username, group in expected.items():
        user = django_user_model.objects.get(username=username)
        assert list(user.groups.values_list("name", flat=True)) == [group]
        assert not user.is_superuser
        line = f"user: {username}  password: {logins[username]}"
        assert line in first.getvalue() and line in second.getvalue()
        assert client.login(username=username, password=logins[username])
        assert client.get("/admin/").status_code == 200
    assert django_user_model.objects.filter(username__in=expected).count() == 3


def test_ensure_admin_never_prints_a_recorded_login_that_does_not_work_here(
    django_user_model, tmp_path, monkeypatch, roles
):
    """build/admin-login.txt may come from another database (DATABASE_URL changed)."""
    from demo.management.commands import ensure_admin

    login_file = tmp_path / "admin-login.txt"
    login_file.write_text("admin from-another-database\n")
    monkeypatch.setattr(ensure_admin, "LOGIN_FILE", login_file)
    monkeypatch.setattr(ensure_admin, "DEMO_LOGINS_FILE", tmp_path / "demo-logins.txt")
    django_user_model.objects.create_superuser("admin", "a@example.com", "the-real-one")
    output = StringIO()
    call_command("ensure_admin", stdout=output)
    assert "from-another-database" not in output.getvalue()
    assert "a superuser already exists" in output.getvalue()


def test_ensure_admin_creates_one_superuser_and_prints_the_login(
    django_user_model, tmp_path, monkeypatch
):
    from demo.management.commands import ensure_admin

    monkeypatch.setattr(ensure_admin, "LOGIN_FILE", tmp_path / "admin-login.txt")
    monkeypatch.setattr(ensure_admin, "DEMO_LOGINS_FILE", tmp_path / "demo-logins.txt")
    first, second = StringIO(), StringIO()
    call_command("ensure_admin", stdout=first)
    call_command("ensure_admin", stdout=second)
    assert django_user_model.objects.filter(is_superuser=True).count() == 1
    password = (tmp_path / "admin-login.txt").read_text().split()[1]
    assert f"password: {password}" in first.getvalue()
    assert f"password: {password}" in second.getvalue()
    assert django_user_model.objects.get(username="admin").check_password(password)
