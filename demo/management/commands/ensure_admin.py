import secrets

from django.apps import apps
from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.management.base import BaseCommand

from editorial.roles import ensure_editorial_setup

LOGIN_FILE = settings.BASE_DIR / "build" / "admin-login.txt"
DEMO_LOGINS_FILE = settings.BASE_DIR / "build" / "demo-logins.txt"
# Demo accounts for the editorial roles (editorial/roles.py): username, group, full name.
DEMO_ACCOUNTS = [
    ("editor", "Editors", ("Eddie", "Editor")),
    ("moderator", "Moderators", ("Mo", "Moderator")),
    ("courseadmin", "Course admins", ("Cora", "Courses")),
]


class Command(BaseCommand):
    help = (
        "Create a local superuser 'admin' when no superuser exists, and print the admin login. "
        "The generated password is kept in build/admin-login.txt (never committed). "
        "Also creates the demo accounts editor, moderator and courseadmin (logins in "
        "build/demo-logins.txt) and prints their logins."
    )

    def handle(self, *args, **options):
        user_model = get_user_model()
        if not user_model.objects.filter(is_superuser=True).exists():
            password = secrets.token_urlsafe(12)
            user_model.objects.create_superuser("admin", "admin@example.com", password)
            LOGIN_FILE.parent.mkdir(parents=True, exist_ok=True)
            LOGIN_FILE.write_text(f"admin {password}\n")
        recorded = LOGIN_FILE.read_text().split() if LOGIN_FILE.exists() else []
        # The file may belong to another database (DATABASE_URL changed): print only a login
        # that works here.
        admin = user_model.objects.filter(username=recorded[0]).first() if recorded else None
        if admin is not None and admin.check_password(recorded[1]):
            username, password = recorded
            self.stdout.write(
                self.style.SUCCESS(
                    f"Admin: {settings.WAGTAILADMIN_BASE_URL}/admin/  "
                    f"user: {username}  password: {password}"
                )
            )
        else:
            self.stdout.write(
                "Admin: a superuser already exists; log in with it at /admin/ "
                "(or make one with `manage.py createsuperuser`)."
            )
        self.ensure_demo_accounts()

    def ensure_demo_accounts(self):
        user_model = get_user_model()
        if Group.objects.filter(name__in=[group for _, group, _ in DEMO_ACCOUNTS]).count() < 3:
            ensure_editorial_setup(apps)
        known = {}
        if DEMO_LOGINS_FILE.exists():
            known = dict(line.split() for line in DEMO_LOGINS_FILE.read_text().splitlines())
        for username, group_name, (first_name, last_name) in DEMO_ACCOUNTS:
            user = user_model.objects.filter(username=username).first()
            if user is None or username not in known or not user.check_password(known[username]):
                # New, or its recorded password is missing or belongs to another database:
                # give it a fresh one.
                password = secrets.token_urlsafe(12)
                if user is None:
                    user = user_model.objects.create_user(
                        username,
                        f"{username}@example.com",
                        password,
                        first_name=first_name,
                        last_name=last_name,
                    )
                else:
                    user.set_password(password)
                    user.save(update_fields=["password"])
                known[username] = password
            user.groups.add(Group.objects.get(name=group_name))
            self.stdout.write(
                self.style.SUCCESS(
                    f"{group_name[:-1].capitalize()}: user: {username}  password: {known[username]}"
                )
            )
        DEMO_LOGINS_FILE.parent.mkdir(parents=True, exist_ok=True)
        DEMO_LOGINS_FILE.write_text("".join(f"{name} {pw}\n" for name, pw in known.items()))
