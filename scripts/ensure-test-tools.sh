#!/usr/bin/env bash
# The accessibility and HTML checks need axe-core and the Nu HTML checker (vnu.jar) from npm, and a
# Java runtime for vnu.jar; the compose test needs a compose client to run `config` (no engine),
# and the cache-outage test a redis-server binary.
# Install whatever is missing: npm packages into build/node (git-ignored), the rest with apt.
set -euo pipefail
AXE_VERSION=4.11.0
VNU_VERSION=26.9.27
PREFIX=build/node

apt_install() {
    export DEBIAN_FRONTEND=noninteractive
    apt-get update -q >/dev/null
    apt-get install -y -q "$@" >/dev/null
}

if ! command -v java >/dev/null; then
    echo "Java is missing (vnu.jar needs it): installing default-jre-headless with apt." >&2
    apt_install default-jre-headless
fi
if ! command -v npm >/dev/null; then
    echo "npm is missing: installing it with apt." >&2
    apt_install npm
fi
if ! docker compose version >/dev/null 2>&1 && ! command -v docker-compose >/dev/null; then
    echo "No docker compose client (the compose test runs 'config'): installing docker-compose with apt." >&2
    apt_install docker-compose
fi
if ! command -v redis-server >/dev/null; then
    # The cache-outage test stops a private redis-server mid-run (it never uses a shared one).
    echo "redis-server is missing: installing it with apt (without starting its service)." >&2
    # Only the binary is needed; policy-rc.d keeps the package from starting a daemon (which
    # could fail, and fail the install, where 6379 is taken or there is no init system).
    if [ ! -e /usr/sbin/policy-rc.d ]; then
        printf '#!/bin/sh\nexit 101\n' >/usr/sbin/policy-rc.d
        chmod +x /usr/sbin/policy-rc.d
        trap 'rm -f /usr/sbin/policy-rc.d' EXIT
    fi
    apt_install redis-server
fi
installed() {
    node -p "require('./$PREFIX/node_modules/$1/package.json').version" 2>/dev/null || true
}
if [ "$(installed axe-core)" != "$AXE_VERSION" ] || [ "$(installed vnu-jar)" != "$VNU_VERSION" ]; then
    npm install --silent --no-audit --no-fund --prefix "$PREFIX" \
        "axe-core@$AXE_VERSION" "vnu-jar@$VNU_VERSION"
fi
