"""The Nu HTML checker (vnu.jar, run with the system Java) finds no errors on any page type."""

import pytest

from home.tests.checkers import nu_html_errors
from home.tests.site_pages import build_site


@pytest.mark.django_db
def test_every_page_type_is_valid_html(client, home_page, tmp_path):
    files = []
    for name, url in build_site(home_page).items():
        response = client.get(url)
        assert response.status_code == 200, url
        path = tmp_path / f"{name}.html"
        path.write_bytes(response.content)
        files.append(path)
    missing = client.get("/no-such-page/")
    (tmp_path / "not-found.html").write_bytes(missing.content)
    files.append(tmp_path / "not-found.html")

    errors = nu_html_errors(files)
    assert not errors, "\n".join(errors)
