"""The Nu HTML checker (vnu.jar, run with the system Java) finds no errors on any page type."""

import json
import subprocess
from pathlib import Path

import pytest

from home.tests.site_pages import build_site

VNU = (
    Path(__file__).resolve().parents[2]
    / "build"
    / "node"
    / "node_modules"
    / "vnu-jar"
    / "build"
    / "dist"
    / "vnu.jar"
)


@pytest.mark.django_db
def test_every_page_type_is_valid_html(client, home_page, tmp_path):
    assert VNU.exists(), "vnu.jar is missing: run `make test-tools`"
    files = []
    for name, url in build_site(home_page).items():
        response = client.get(url)
        assert response.status_code == 200, url
        path = tmp_path / f"{name}.html"
        path.write_bytes(response.content)
        files.append(str(path))
    missing = client.get("/no-such-page/")
    (tmp_path / "not-found.html").write_bytes(missing.content)
    files.append(str(tmp_path / "not-found.html"))

    # One JVM for every page: starting Java is the slow part.
    run = subprocess.run(
        ["java", "-jar", str(VNU), "--errors-only", "--format", "json", *files],
        capture_output=True,
        text=True,
        timeout=180,
    )
    messages = json.loads(run.stderr or run.stdout or '{"messages": []}')["messages"]
    errors = [
        f"{Path(m.get('url', '')).name}:{m.get('lastLine')}: {m['message']}"
        for m in messages
        if m["type"] == "error" or m.get("subType") == "fatal"
    ]
    assert not errors, "\n".join(errors)
