#!/usr/bin/env python3
"""Restart the local PostgreSQL under traffic and report the errors and the recovery time.

Serves the site with gunicorn and production settings on 127.0.0.1 (its own database, demo
content, persistent connections with health checks), sends a short bounded load of reader
requests from a few threads, restarts the PostgreSQL cluster part-way through, and reports:
requests sent, failed requests, the window in which they failed, the time from the restart to the
first good answer after it, and whether the web process survived (same PIDs throughout).

By default it makes a throwaway cluster of the installed PostgreSQL on a free port, restarts that
one and drops it afterwards, so other test runs on the shared server (port 5432) are untouched;
`--shared-cluster` restarts the main cluster instead. Not part of `make test` (it takes a minute and
needs root for pg_createcluster). Run it on purpose:  .venv/bin/python bench/db_restart.py
(`--no-restart` runs the same load without any restart, to check the script itself).
"""

import argparse
import os
import re
import secrets
import signal
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.request
from pathlib import Path

from servers import free_port, wait_for

ROOT = Path(__file__).resolve().parent.parent
PYTHON = ROOT / ".venv" / "bin" / "python"
GUNICORN = ROOT / ".venv" / "bin" / "gunicorn"


def postgres_version() -> str:
    versions = sorted(os.listdir("/etc/postgresql"), key=lambda v: [int(p) for p in v.split(".")])
    return versions[-1]


def restart_postgres(cluster: str) -> float:
    started = time.monotonic()
    subprocess.run(
        ["pg_ctlcluster", "--skip-systemctl-redirect", postgres_version(), cluster, "restart"],
        check=True,
        timeout=120,
    )
    return time.monotonic() - started


def create_cluster(name: str, port: int) -> None:
    """A throwaway cluster of the installed PostgreSQL, trusting local connections."""
    subprocess.run(
        [
            "pg_createcluster",
            postgres_version(),
            name,
            "--port",
            str(port),
            "--start",
            "--",
            "--auth=trust",
        ],
        check=True,
        stdout=subprocess.DEVNULL,
        timeout=120,
    )


def drop_cluster(name: str) -> None:
    subprocess.run(["pg_dropcluster", "--stop", postgres_version(), name], timeout=120)


def worker_pids(master: int) -> set[int]:
    children = Path(f"/proc/{master}/task/{master}/children")
    return {int(pid) for pid in children.read_text().split()} if children.exists() else set()


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--seconds", type=float, default=20, help="length of the load run")
    parser.add_argument("--restart-at", type=float, default=5, help="seconds into the run")
    parser.add_argument("--clients", type=int, default=4, help="concurrent client threads")
    parser.add_argument("--workers", type=int, default=2, help="gunicorn worker processes")
    parser.add_argument("--database", default="guides_restart_check")
    parser.add_argument("--no-restart", action="store_true", help="load only, no restart")
    parser.add_argument(
        "--shared-cluster",
        action="store_true",
        help="restart the machine's main cluster on port 5432 (breaks other test runs!) instead "
        "of a throwaway cluster of the same PostgreSQL made for this check",
    )
    args = parser.parse_args()

    if args.shared_cluster:
        cluster, db_port = "main", 5432
    else:
        cluster, db_port = f"restartcheck{os.getpid()}", free_port()
        create_cluster(cluster, db_port)
    try:
        return run(args, cluster, db_port)
    finally:
        if not args.shared_cluster:
            drop_cluster(cluster)


def run(args, cluster: str, db_port: int) -> int:

    port = free_port()
    base = f"http://127.0.0.1:{port}"
    env = {
        key: value
        for key, value in os.environ.items()
        if not key.startswith(("AWS_", "REDIS_", "DJANGO_"))
    }
    env.update(
        DJANGO_SETTINGS_MODULE="site_config.settings.production",
        SECRET_KEY=secrets.token_urlsafe(50),
        DATABASE_URL=f"postgres://postgres@127.0.0.1:{db_port}/{args.database}",
        ALLOWED_HOSTS="127.0.0.1",
        SECURE_SSL_REDIRECT="false",
        DB_CONN_MAX_AGE="60",
        PAGE_CACHE_ENABLED="false",  # every request reaches the database
        STATIC_ROOT=str(ROOT / "build" / "restart-check-static"),
        LOG_LEVEL="WARNING",
    )
    subprocess.run(
        ["createdb", "-h", "127.0.0.1", "-p", str(db_port), "-U", "postgres", args.database],
        env=env,
    )
    for command in (
        ["migrate", "--noinput"],
        ["load_demo_content"],
        ["collectstatic", "--noinput"],
    ):
        subprocess.run(
            [PYTHON, "manage.py", *command],
            cwd=ROOT,
            env=env,
            check=True,
            stdout=subprocess.DEVNULL,
        )

    server = subprocess.Popen(
        [
            GUNICORN,
            "site_config.wsgi:application",
            "--bind",
            f"127.0.0.1:{port}",
            "--workers",
            str(args.workers),
            "--timeout",
            "30",
        ],
        cwd=ROOT,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        wait_for(f"{base}/readyz", timeout=30)
        paths = ["/", "/search/?q=django", "/readyz"]
        with urllib.request.urlopen(f"{base}/sitemap.xml", timeout=5) as response:
            sitemap = response.read().decode()
        paths += re.findall(r"<loc>https?://[^/<]+(/[^<]*)</loc>", sitemap)[1:4]
        pids_before = {server.pid} | worker_pids(server.pid)

        results: list[tuple[float, bool]] = []
        lock = threading.Lock()
        start = time.monotonic()
        stop_at = start + args.seconds

        def client(offset: int) -> None:
            n = offset
            while time.monotonic() < stop_at:
                path = paths[n % len(paths)]
                n += 1
                sent = time.monotonic() - start
                try:
                    with urllib.request.urlopen(base + path, timeout=5) as response:
                        ok = response.status == 200
                except (urllib.error.URLError, OSError):
                    ok = False
                with lock:
                    results.append((sent, ok))

        threads = [threading.Thread(target=client, args=(i,)) for i in range(args.clients)]
        for thread in threads:
            thread.start()
        restart_took = None
        if not args.no_restart:
            time.sleep(args.restart_at)
            restart_took = restart_postgres(cluster)
        for thread in threads:
            thread.join()
        pids_after = {server.pid} | worker_pids(server.pid)
        survived = server.poll() is None and pids_after == pids_before
    finally:
        server.send_signal(signal.SIGTERM)
        server.wait(timeout=30)

    failures = [sent for sent, ok in results if not ok]
    print(f"pages: {', '.join(paths)}")
    print(f"requests: {len(results)} in {args.seconds:.0f} s from {args.clients} clients")
    print(f"failed: {len(failures)}")
    if restart_took is not None:
        print(
            f"PostgreSQL restart (pg_ctlcluster restart) took {restart_took:.2f} s,"
            f" started at {args.restart_at:.1f} s"
        )
    if failures:
        print(
            f"failures between {min(failures):.2f} s and {max(failures):.2f} s"
            f" ({max(failures) - min(failures):.2f} s window)"
        )
        after = [sent for sent, ok in results if ok and sent > max(failures)]
        if after:
            print(
                f"recovered: first good answer {min(after) - args.restart_at:.2f} s"
                " after the restart began"
            )
        else:
            print("NOT recovered: no good answer after the last failure")
    print(f"web process survived without a restart: {'yes' if survived else 'NO'}")
    recovered = not failures or any(ok and sent > max(failures) for sent, ok in results)
    return 0 if (recovered and survived) else 1


if __name__ == "__main__":
    sys.exit(main())
