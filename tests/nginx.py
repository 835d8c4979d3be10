"""Serve a folder with Debian's nginx, set up as docs/hosting.md tells a user to: the server block
given there, on a free loopback port, in a throwaway prefix (its own pid, logs and temp folders).
As root (CI), nginx's workers run as `nobody`, the way a web server runs as its own user: they can
read only what other users may read."""
from __future__ import annotations

import contextlib
import http.client
import os
import re
import socket
import subprocess
import tempfile
import time
from pathlib import Path
from urllib.parse import urlsplit

from scripts.inputs.settings import ROOT
from scripts.system.system_packages import ensure_nginx

# The documented server block's folder and port, replaced by the test's own.
DOCUMENTED_ROOT, DOCUMENTED_LISTEN = "/srv/dit/site", re.compile(r"listen\s+80;")

MAIN = """\
{user}worker_processes 1;
daemon off;
pid {prefix}/nginx.pid;
lock_file {prefix}/nginx.lock;
error_log {prefix}/error.log warn;
events {{ worker_connections 64; }}
http {{
    include /etc/nginx/mime.types;
    default_type application/octet-stream;
    access_log off;
    client_body_temp_path {prefix}/body;
    proxy_temp_path {prefix}/proxy;
    fastcgi_temp_path {prefix}/fastcgi;
    uwsgi_temp_path {prefix}/uwsgi;
    scgi_temp_path {prefix}/scgi;
{server}}}
"""


@contextlib.contextmanager
def web_root():
    """A folder every user may read, like /srv/dit (pytest's own temporary folders are 0700, so
    nginx's workers could not reach a site inside them)."""
    with tempfile.TemporaryDirectory(prefix="dit-www-") as folder:
        os.chmod(folder, 0o755)
        yield Path(folder)


def copy_keeping_permissions(site: Path, folder: Path) -> Path:
    """`cp -a`, as a user copies the site to a server (`rsync -a` keeps permissions the same way)."""
    subprocess.run(["cp", "-a", str(site), str(folder / "site")], check=True)
    return folder / "site"


def documented_server_block() -> str:
    """The first ```nginx block of docs/hosting.md: what a user copies."""
    text = (ROOT / "docs" / "hosting.md").read_text(encoding="utf-8")
    return re.search(r"```nginx\n(.*?)```", text, re.S).group(1)


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def config(site: Path, prefix: Path, port: int) -> Path:
    server = documented_server_block()
    if DOCUMENTED_ROOT not in server or not DOCUMENTED_LISTEN.search(server):
        raise ValueError(f"docs/hosting.md: the nginx server block must hold `listen 80;` and {DOCUMENTED_ROOT}")
    server = DOCUMENTED_LISTEN.sub(f"listen 127.0.0.1:{port};", server.replace(DOCUMENTED_ROOT, str(site)))
    path = prefix / "nginx.conf"
    # Only root may name the workers' user (CI runs as root); otherwise they run as the test's user.
    user = "user nobody nogroup;\n" if os.geteuid() == 0 else ""
    path.write_text(MAIN.format(user=user, prefix=prefix, server=server), encoding="utf-8")
    return path


def check_config(site: Path) -> subprocess.CompletedProcess:
    """`nginx -t` on the documented setup for `site`."""
    with tempfile.TemporaryDirectory(prefix="dit-nginx-") as prefix:
        conf = config(site, Path(prefix), _free_port())
        return subprocess.run([str(ensure_nginx()), "-t", "-p", prefix, "-c", str(conf)],
                              capture_output=True, text=True)


@contextlib.contextmanager
def serve(site: Path):
    """Yield the base URL (http://127.0.0.1:PORT/) of nginx serving `site`; stopped afterwards."""
    with tempfile.TemporaryDirectory(prefix="dit-nginx-") as prefix:
        port = _free_port()
        conf = config(site, Path(prefix), port)
        logs = Path(prefix) / "stderr.log", Path(prefix) / "error.log"
        with logs[0].open("w") as stderr:
            server = subprocess.Popen([str(ensure_nginx()), "-p", prefix, "-c", str(conf)],
                                      stdout=subprocess.DEVNULL, stderr=stderr)
        try:
            _wait_until_listening(server, port, logs)
            yield f"http://127.0.0.1:{port}/"
        finally:
            server.terminate()  # SIGTERM: nginx's fast shutdown
            server.wait()


def _wait_until_listening(server: subprocess.Popen, port: int, logs: tuple[Path, ...]) -> None:
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        if server.poll() is not None:
            raise RuntimeError("nginx stopped: " + "".join(log.read_text() for log in logs if log.exists()))
        with contextlib.suppress(OSError), socket.create_connection(("127.0.0.1", port), timeout=1):
            return
        time.sleep(0.05)
    raise RuntimeError(f"nginx did not start listening on 127.0.0.1:{port}")


def fetch(base: str, address: str, **headers: str) -> tuple[int, http.client.HTTPMessage, bytes]:
    """One GET, the body exactly as sent (http.client never decompresses)."""
    where = urlsplit(base)
    connection = http.client.HTTPConnection(where.hostname, where.port, timeout=30)
    try:
        connection.request("GET", address, headers=headers)
        response = connection.getresponse()
        return response.status, response.headers, response.read()
    finally:
        connection.close()
