#!/usr/bin/env bash
# Check the installed Python dependencies against known advisories (pip-audit, PyPI's advisory
# data). Fails on any known vulnerability, and on any dependency it could not check (--strict).
# Where PyPI's JSON API is not reachable nothing can be checked: that fails too, unless
# AUDIT_OPTIONAL=1 (CI on machines that reach only a package mirror), which says so and passes.
set -euo pipefail
cd "$(dirname "$0")/.."

if ! .venv/bin/python - <<'PY'
import sys, urllib.request
from importlib.metadata import version
try:  # the per-release record pip-audit reads, for one dependency we know is installed
    urllib.request.urlopen(f"https://pypi.org/pypi/Django/{version('Django')}/json", timeout=15)
except Exception as error:
    print(f"PyPI's advisory data is not reachable: {error}", file=sys.stderr)
    sys.exit(1)
PY
then
    if [ "${AUDIT_OPTIONAL:-0}" = "1" ]; then
        echo "make audit: skipped, nothing was audited (AUDIT_OPTIONAL=1)." >&2
        exit 0
    fi
    echo "make audit: cannot check dependencies from this machine." >&2
    exit 2
fi
exec .venv/bin/pip-audit --strict --skip-editable --progress-spinner off "$@"
