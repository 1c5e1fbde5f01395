#!/usr/bin/env bash
# `make bench-search`: a throwaway PostgreSQL database with the demo content plus 10,000 guides and
# 2,000 courses, then p50/p95 search latency into docs/benchmarks.md. Reuses the database when it
# is already filled, so a second run only re-measures.
set -euo pipefail
cd "$(dirname "$0")/.."
: "${BENCH_DATABASE_URL:=postgres://postgres@127.0.0.1:5432/guides_search_bench}"
: "${BENCH_GUIDES:=10000}"
: "${BENCH_COURSES:=2000}"
db_name="${BENCH_DATABASE_URL##*/}"
server_url="${BENCH_DATABASE_URL%/*}/postgres"
if ! psql "$server_url" -tAc "SELECT 1 FROM pg_database WHERE datname = '$db_name'" | grep -q 1; then
    psql "$server_url" -qc "CREATE DATABASE \"$db_name\""
fi
export DATABASE_URL="$BENCH_DATABASE_URL" DEBUG=false LOG_LEVEL=WARNING
PY=.venv/bin/python
$PY manage.py migrate --noinput >/dev/null
$PY manage.py load_demo_content
$PY manage.py bench_search --guides "$BENCH_GUIDES" --courses "$BENCH_COURSES" \
    --output docs/benchmarks.md "$@"
