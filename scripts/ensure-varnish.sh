#!/usr/bin/env bash
# The HTTP cache tests (and make bench) start a private varnishd in front of a test server;
# install Debian's varnish package when it is missing (the package's own service is not used).
set -euo pipefail
if command -v varnishd >/dev/null 2>&1 || [ -x /usr/sbin/varnishd ]; then
    exit 0
fi
echo "Varnish is not installed: installing Debian's varnish package with apt." >&2
export DEBIAN_FRONTEND=noninteractive
apt-get update -q >/dev/null
apt-get install -y -q varnish >/dev/null
