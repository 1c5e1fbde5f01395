import secrets

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand

LOGIN_FILE = settings.BASE_DIR / "build" / "admin-login.txt"


class Command(BaseCommand):
    help = (
        "Create a local superuser 'admin' when no superuser exists, and print the admin login. "
        "The generated password is kept in build/admin-login.txt (never committed)."
    )

    def handle(self, *args, **options):
        user_model = get_user_model()
        if not user_model.objects.filter(is_superuser=True).exists():
            password = secrets.token_urlsafe(12)
            user_model.objects.create_superuser("admin", "admin@example.com", password)
            LOGIN_FILE.parent.mkdir(parents=True, exist_ok=True)
            LOGIN_FILE.write_text(f"admin {password}\n")
        if LOGIN_FILE.exists():
            username, password = LOGIN_FILE.read_text().split()
            self.stdout.write(
                self.style.SUCCESS(
                    f"Admin: {settings.WAGTAILADMIN_BASE_URL}/admin/  "
                    f"user: {username}  password: {password}"
                )
            )
        else:
            self.stdout.write("Admin: an account already exists; log in with it at /admin/.")
