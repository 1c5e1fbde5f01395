"""The Nu HTML checker (vnu.jar, run with the system Java) finds no errors on any page type."""

import pytest

from tests.checkers import nu_html_errors
from tests.site_pages import build_site


def save_pages(client, urls: dict[str, str], folder) -> list:
    files = []
    for name, url in urls.items():
        response = client.get(url)
        assert response.status_code == 200, url
        path = folder / f"{name.replace(' ', '-')}.html"
        path.write_bytes(response.content)
        files.append(path)
    return files


@pytest.mark.django_db
def test_every_page_type_is_valid_html(client, home_page, tmp_path):
    files = save_pages(client, build_site(home_page), tmp_path)
    guide = (tmp_path / "guide.html").read_text()
    assert 'class="embed"' in guide and "<iframe" in guide  # every block type, embeds too
    missing = client.get("/no-such-page/")
    (tmp_path / "not-found.html").write_bytes(missing.content)
    files.append(tmp_path / "not-found.html")

    errors = nu_html_errors(files)
    assert not errors, "\n".join(errors)


@pytest.mark.django_db
def test_the_demo_content_is_valid_html(client, tmp_path, demo_site):
    """The fixture site above is small; the demo guides hold the real editorial content."""
    errors = nu_html_errors(save_pages(client, demo_site, tmp_path))
    assert not errors, "\n".join(errors)
