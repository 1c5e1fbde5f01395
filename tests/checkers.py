"""Page checkers shared by the accessibility and HTML-validity tests of every app.

Both tools are installed into build/node by `make test-tools` (which `make test` runs);
A11Y_NODE_MODULES names another node_modules folder that holds them (a second checkout's).
"""

import json
import os
import subprocess
from pathlib import Path

NODE_MODULES = Path(
    os.environ.get("A11Y_NODE_MODULES")
    or Path(__file__).resolve().parents[1] / "build" / "node" / "node_modules"
)
AXE = NODE_MODULES / "axe-core" / "axe.min.js"
VNU = NODE_MODULES / "vnu-jar" / "build" / "dist" / "vnu.jar"
AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa", "best-practice"]


def axe_violations(page) -> list[str]:
    """Run axe-core in a Playwright page and describe each violation in one line."""
    assert AXE.exists(), "axe-core is missing: run `make test-tools`"
    page.add_script_tag(path=str(AXE))
    result = page.evaluate(
        "tags => axe.run(document, {runOnly: {type: 'tag', values: tags}})", AXE_TAGS
    )
    return [
        f"{v['id']} ({v['impact']}): {v['help']} at "
        + ", ".join(" ".join(node["target"]) for node in v["nodes"][:5])
        for v in result["violations"]
    ]


def nu_html_errors(files: list[Path]) -> list[str]:
    """The Nu HTML checker's errors in these files, from one JVM (Java is slow to start)."""
    assert VNU.exists(), "vnu.jar is missing: run `make test-tools`"
    run = subprocess.run(
        ["java", "-jar", str(VNU), "--errors-only", "--format", "json", *map(str, files)],
        capture_output=True,
        text=True,
        timeout=180,
    )
    messages = json.loads(run.stderr or run.stdout or '{"messages": []}')["messages"]
    return [
        f"{Path(m.get('url', '')).name}:{m.get('lastLine')}: {m['message']}"
        for m in messages
        if m["type"] == "error" or m.get("subType") == "fatal"
    ]
