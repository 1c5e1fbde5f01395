"""What the benchmarks share for running servers of their own on 127.0.0.1."""

import os
import signal
import socket
import subprocess
import time
import urllib.request
from pathlib import Path


def free_port() -> int:
    """A port nothing listens on now, so a benchmark never collides with a running server."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def wait_for(url: str, timeout: float = 30) -> None:
    """Return once `url` answers 200; fail after `timeout` seconds."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            with urllib.request.urlopen(url, timeout=2) as response:
                if response.status == 200:
                    return
        except OSError:  # refused, reset, or an HTTP error while the server starts
            pass
        time.sleep(0.3)
    raise RuntimeError(f"{url} did not answer within {timeout:.0f}s")


class Servers:
    """The processes a benchmark starts: each in a process group of its own (so stopping it
    stops its workers too), its output in `<work>/<name>.log`."""

    def __init__(self, cwd: Path, work: Path):
        self.cwd, self.work = cwd, work
        self.processes: list[subprocess.Popen] = []

    def start(self, args, name: str, env: dict | None = None) -> subprocess.Popen:
        out = open(self.work / f"{name}.log", "w")  # noqa: SIM115 (closed with the process)
        proc = subprocess.Popen(
            args,
            cwd=self.cwd,
            env=env,
            stdout=out,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
        self.processes.append(proc)
        return proc

    def stop_all(self) -> None:
        for proc in self.processes:
            if proc.poll() is None:
                os.killpg(proc.pid, signal.SIGTERM)
        for proc in self.processes:
            try:
                proc.wait(timeout=10)
            except subprocess.TimeoutExpired:
                os.killpg(proc.pid, signal.SIGKILL)
