import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
import yaml
from django.conf import settings
from django.db import connection
from wagtail.models import Page, Site

from guides.factories import GuideIndexPageFactory, GuidePageFactory
from guides.models import GuidePage
from home.factories import HomePageFactory
from home.tests.test_scheduling import schedule

ROOT = Path(settings.BASE_DIR)


def test_compose_and_make_run_the_safe_scheduler_every_minute():
    compose = yaml.safe_load((ROOT / "docker-compose.yml").read_text())
    scheduler = compose["services"]["scheduler"]
    assert scheduler["command"].split()[-3:] == ["publish_scheduled_safely", "--every", "60"]
    web_env = compose["services"]["web"]["environment"]
    for name in ("DJANGO_SETTINGS_MODULE", "DATABASE_URL"):
        assert scheduler["environment"][name] == web_env[name]
    makefile = (ROOT / "Makefile").read_text()
    assert "scheduler: install" in makefile
    assert "manage.py publish_scheduled_safely --every 60" in makefile


@pytest.mark.django_db(transaction=True)
def test_the_scheduler_process_publishes_a_due_guide_and_stops_cleanly():
    home = HomePageFactory(parent=Page.get_first_root_node())
    Site.objects.all().delete()
    Site.objects.create(hostname="localhost", port=80, root_page=home, is_default_site=True)
    guide = GuidePageFactory(parent=GuideIndexPageFactory(parent=home), live=False)
    schedule(guide)

    db = connection.settings_dict
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "site_config.settings.test",
        "DATABASE_URL": f"postgres://{db['USER']}@{db['HOST']}:{db['PORT']}/{db['NAME']}",
    }
    process = subprocess.Popen(
        [sys.executable, "manage.py", "publish_scheduled_safely", "--every", "60"],
        cwd=ROOT,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    )
    try:
        for _ in range(300):  # poll: the process needs a moment to start
            if GuidePage.objects.filter(pk=guide.pk, live=True).exists():
                break
            if process.poll() is not None:
                break
            time.sleep(0.1)
        assert GuidePage.objects.get(pk=guide.pk).live
    finally:
        process.send_signal(signal.SIGTERM)
        try:
            output, _ = process.communicate(timeout=20)
        except subprocess.TimeoutExpired:
            process.kill()  # never leave a scheduler behind, holding the test database
            output, _ = process.communicate()
            pytest.fail(f"the scheduler did not stop on SIGTERM:\n{output}")
    assert process.returncode == 0, output
    assert "Scheduler started" in output and "Published guide" in output
    assert "Scheduler stopped" in output
