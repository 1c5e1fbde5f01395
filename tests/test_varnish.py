"""Varnish in front of a live server, with the repo's VCL (deploy/varnish/policy.vcl), purged by
the site through wagtail.contrib.frontend_cache: checked over real HTTP."""

import shutil
import socket
import subprocess
import time
import urllib.error
import urllib.request
from pathlib import Path

import pytest
from django.test import Client
from wagtail.models import PageViewRestriction
from wagtail_factories import ImageFactory

from courses.factories import CourseFactory
from guides.body import course_list, section
from guides.factories import GuideIndexPageFactory, GuidePageFactory

ROOT = Path(__file__).resolve().parents[1]
POLICY = ROOT / "deploy" / "varnish" / "policy.vcl"
HOST = "localhost"  # the test site's hostname (conftest's home_page)

pytestmark = pytest.mark.varnish


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


class KeepRedirects(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):
        return None  # the redirect itself is the answer under test


NO_REDIRECTS = urllib.request.build_opener(KeepRedirects)


class Varnish:
    def __init__(self, workdir: Path, backend_port: int):
        varnishd = shutil.which("varnishd") or "/usr/sbin/varnishd"
        if not Path(varnishd).exists():
            pytest.fail("varnishd is missing: run scripts/ensure-varnish.sh (make services does)")
        self.port, self.purge_port = free_port(), free_port()
        vcl = workdir / "test.vcl"
        vcl.write_text(
            "vcl 4.1;\n"
            f'backend default {{ .host = "127.0.0.1"; .port = "{backend_port}"; }}\n'
            f'include "{POLICY}";\n'
        )
        self.process = subprocess.Popen(
            [
                varnishd,
                "-F",  # in the foreground, a child of this test run
                "-j",
                "none",  # no switch to the varnish user: the work dir is this run's own
                "-n",
                str(workdir / "instance"),
                "-a",
                f"http=127.0.0.1:{self.port}",
                "-a",
                f"purge=127.0.0.1:{self.purge_port}",
                "-f",
                str(vcl),
                "-s",
                "malloc,32m",
            ],
            stdout=subprocess.PIPE,
            stderr=subprocess.STDOUT,
        )
        deadline = time.monotonic() + 30
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                pytest.fail(f"varnishd exited: {self.process.stdout.read().decode()}")
            with socket.socket() as sock:
                if sock.connect_ex(("127.0.0.1", self.port)) == 0:
                    return
            time.sleep(0.1)
        self.stop()
        pytest.fail("varnishd did not start listening within 30 s")

    def stop(self) -> None:
        self.process.terminate()
        try:
            self.process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait()

    def request(self, path: str, method: str = "GET", port: int | None = None, cookie: str = ""):
        """(status, headers, body) of a request as a reader's browser sends it."""
        port = port or self.port
        headers = {"Host": f"{HOST}:{port}"}
        if cookie:
            headers["Cookie"] = cookie
        request = urllib.request.Request(
            f"http://127.0.0.1:{port}{path}", method=method, headers=headers
        )
        try:
            with NO_REDIRECTS.open(request, timeout=30) as response:
                return response.status, response.headers, response.read().decode()
        except urllib.error.HTTPError as error:
            return error.code, error.headers, error.read().decode()


@pytest.fixture(scope="module")
def varnish_server(live_server, tmp_path_factory):
    server = Varnish(tmp_path_factory.mktemp("varnish"), live_server.thread.port)
    yield server
    server.stop()


@pytest.fixture
def varnish(varnish_server, settings, transactional_db):
    """Varnish emptied for this test; the site marks pages shareable and purges it."""
    settings.PAGE_CACHE_ENABLED = True
    settings.WAGTAILFRONTENDCACHE = {
        "varnish": {
            "BACKEND": "pagecache.varnish.VarnishBackend",
            "LOCATION": f"http://127.0.0.1:{varnish_server.purge_port}",
        }
    }
    status, _, _ = varnish_server.request("/", method="BAN", port=varnish_server.purge_port)
    assert status == 200
    return varnish_server


def served_twice(varnish, path: str, **kwargs):
    first = varnish.request(path, **kwargs)
    second = varnish.request(path, **kwargs)
    assert first[0] == second[0] == 200, (first[0], second[0])
    return first, second


def test_an_anonymous_page_is_served_from_varnish_the_second_time(varnish, category):
    guide = GuidePageFactory(parent=category, title="Cached in front", slug="cached")

    (_, first, body), (_, second, _) = served_twice(varnish, guide.url)

    assert "Cached in front" in body
    assert first["X-Cache"] == "MISS"
    assert second["X-Cache"] == "HIT"
    assert "s-maxage=" in second["Cache-Control"]
    # An unknown cookie (analytics) does not make a reader's copy of its own.
    _, third, _ = varnish.request(guide.url, cookie="_ga=GA1.1.1")
    assert third["X-Cache"] == "HIT"


def test_a_signed_in_editor_is_never_served_or_stored_a_shared_copy(
    varnish, category, django_user_model
):
    guide = GuidePageFactory(parent=category, title="Editors see the user bar", slug="editors")
    served_twice(varnish, guide.url)  # the anonymous copy is in Varnish
    client = Client()
    client.force_login(django_user_model.objects.create_superuser("ed", "ed@example.com", "pw"))
    session = f"sessionid={client.cookies['sessionid'].value}"

    (_, first, body), (_, second, _) = served_twice(varnish, guide.url, cookie=session)

    assert first["X-Cache"] == second["X-Cache"] == "MISS"
    assert "private" in second["Cache-Control"]
    assert "wagtail-userbar" in body
    _, anonymous, anonymous_body = varnish.request(guide.url)
    assert anonymous["X-Cache"] == "HIT"
    assert "wagtail-userbar" not in anonymous_body


@pytest.mark.parametrize(
    ("restriction", "answer"),
    [(PageViewRestriction.PASSWORD, 200), (PageViewRestriction.LOGIN, 302)],
)
def test_a_private_page_is_never_kept(varnish, category, restriction, answer):
    """A password form (which sets a CSRF cookie) or a redirect to sign in; never shared."""
    guide = GuidePageFactory(parent=category, slug="members")
    PageViewRestriction.objects.create(page=guide, restriction_type=restriction, password="letmein")

    for _ in range(2):
        status, headers, body = varnish.request(guide.url)
        assert status == answer
        assert headers["X-Cache"] == "MISS"
    if restriction == PageViewRestriction.PASSWORD:
        assert 'type="password"' in body


def test_the_admin_and_post_requests_pass_straight_through(varnish, home_page):
    for _ in range(2):
        status, headers, _ = varnish.request("/admin/login/")
        assert status == 200 and headers["X-Cache"] == "MISS"
    status, headers, _ = varnish.request("/", method="POST")
    assert headers["X-Cache"] == "MISS"


def test_purges_are_taken_only_on_the_purge_listener(varnish, category):
    guide = GuidePageFactory(parent=category, slug="guarded")
    served_twice(varnish, guide.url)

    for method in ("PURGE", "BAN"):
        status, _, _ = varnish.request(guide.url, method=method)
        assert status == 405, method
    assert varnish.request(guide.url)[1]["X-Cache"] == "HIT"
    assert varnish.request(guide.url, port=varnish.purge_port)[0] == 404

    assert varnish.request(guide.url, method="PURGE", port=varnish.purge_port)[0] == 200
    assert varnish.request(guide.url)[1]["X-Cache"] == "MISS"


def test_publishing_a_guide_purges_it_and_its_category(varnish, category):
    guide = GuidePageFactory(parent=category, title="Before the edit", slug="edited")
    served_twice(varnish, guide.url)
    served_twice(varnish, category.url)

    guide.title = "After the edit"
    guide.save_revision().publish()

    for page in (guide, category):
        _, headers, body = varnish.request(page.url)
        assert headers["X-Cache"] == "MISS", page.url
        assert "After the edit" in body and "Before the edit" not in body, page.url


def test_unpublishing_a_guide_takes_it_out_of_varnish(varnish, category):
    guide = GuidePageFactory(parent=category, slug="withdrawn")
    served_twice(varnish, guide.url)

    guide.unpublish()

    assert varnish.request(guide.url)[0] == 404


def test_moving_a_guide_empties_its_old_address_and_both_categories(varnish, category, home_page):
    other = GuideIndexPageFactory(parent=home_page, title="Data science", slug="data-science")
    guide = GuidePageFactory(parent=category, title="Moving guide", slug="moving")
    old_url = guide.url
    for page in (guide, category, other):
        served_twice(varnish, page.url)

    guide.move(other, pos="last-child")

    guide.refresh_from_db()
    status, headers, _ = varnish.request(old_url)  # Wagtail redirects the old address
    assert (status, headers["X-Cache"]) == (301, "MISS")
    assert headers["Location"].endswith(guide.url)
    assert "Moving guide" not in varnish.request(category.url)[2]
    assert "Moving guide" in varnish.request(other.url)[2]


def test_a_course_change_purges_the_guides_listing_it(varnish, category, catalogue):
    course = CourseFactory(title="Django for Everybody", slug="django-for-everybody")
    guide = GuidePageFactory(
        parent=category,
        slug="listing",
        body=[section("Courses", course_list([course]))],
    )
    _, (_, second, body) = served_twice(varnish, guide.url)
    assert second["X-Cache"] == "HIT" and "Django for Everyone" not in body

    course.title = "Django for Everyone"
    course.save_revision().publish()

    _, headers, body = varnish.request(guide.url)
    assert headers["X-Cache"] == "MISS"
    assert "Django for Everyone" in body


def test_an_image_change_empties_varnish(varnish, category):
    """New renditions mean new image URLs on every page that shows the image."""
    image = ImageFactory()
    guide = GuidePageFactory(parent=category, slug="illustrated")
    served_twice(varnish, guide.url)

    image.focal_point_x, image.focal_point_y = 10, 10
    image.focal_point_width = image.focal_point_height = 5
    image.save()

    assert varnish.request(guide.url)[1]["X-Cache"] == "MISS"


def test_the_compose_vcl_compiles(tmp_path):
    """default.vcl as docker-compose.yml loads it; its backend's name resolves only in compose."""
    for name in ("default.vcl", "policy.vcl"):
        text = (POLICY.parent / name).read_text()
        (tmp_path / name).write_text(text.replace('.host = "web";', '.host = "127.0.0.1";'))
    result = subprocess.run(
        [
            shutil.which("varnishd") or "/usr/sbin/varnishd",
            "-C",
            "-j",
            "none",
            "-n",
            str(tmp_path / "instance"),
            "-p",
            f"vcl_path={tmp_path}",
            "-f",
            str(tmp_path / "default.vcl"),
        ],
        capture_output=True,
        text=True,
    )
    assert result.returncode == 0, result.stderr
    assert '.host = "web";' in (POLICY.parent / "default.vcl").read_text()


@pytest.mark.django_db
def test_a_varnish_that_cannot_be_reached_is_logged_and_the_publish_goes_through(
    settings, category, caplog, django_capture_on_commit_callbacks
):
    settings.WAGTAILFRONTENDCACHE = {
        "varnish": {
            "BACKEND": "pagecache.varnish.VarnishBackend",
            "LOCATION": f"http://127.0.0.1:{free_port()}",  # nothing listens there
        }
    }
    guide = GuidePageFactory(parent=category, slug="published-anyway", live=False)

    with django_capture_on_commit_callbacks(execute=True):
        guide.save_revision().publish()

    guide.refresh_from_db()
    assert guide.live
    assert "Could not BAN" in caplog.text


@pytest.mark.django_db
def test_a_hung_varnish_delays_a_publish_by_one_timeout_per_batch(
    settings, category, caplog, django_capture_on_commit_callbacks
):
    """A server that takes connections and never answers: each batch of purges gives up at its
    first timeout instead of waiting once per URL, and the publish goes through."""
    with socket.socket() as hung:
        hung.bind(("127.0.0.1", 0))
        hung.listen(64)  # connections complete in the kernel; nothing ever answers
        settings.WAGTAILFRONTENDCACHE = {
            "varnish": {
                "BACKEND": "pagecache.varnish.VarnishBackend",
                "LOCATION": f"http://127.0.0.1:{hung.getsockname()[1]}",
                "TIMEOUT": 0.2,
            }
        }
        GuidePageFactory(parent=category, slug="sibling")
        guide = GuidePageFactory(parent=category, slug="published-anyway", live=False)

        with django_capture_on_commit_callbacks(execute=True):
            guide.save_revision().publish()

    guide.refresh_from_db()
    assert guide.live
    assert "more purges skipped" in caplog.text
    assert "Could not BAN" in caplog.text
