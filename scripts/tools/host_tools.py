"""Netlify's and Cloudflare's own tools, which run offline from npm (tools/hosts/): Netlify's
`_headers` parser and header engine, and Cloudflare's local Pages server (`wrangler pages dev`).
The tests use them to see `_headers` as each host reads it (tests/test_hosting_hosts.py)."""
from __future__ import annotations

import contextlib
import hashlib
import json
import os
import shutil
import signal
import socket
import subprocess
import tempfile
import time
import urllib.request
from dataclasses import dataclass
from pathlib import Path

from scripts.inputs.settings import ROOT

TOOLS = ROOT / "tools" / "hosts"
LOCK = TOOLS / "package-lock.json"
INSTALLED = TOOLS / "node_modules" / ".installed-from"  # the lock file's hash, after a clean `npm ci`
NODE_AT_LEAST = (20, 6)  # @netlify/headers 2.1.11; wrangler 4.86 is the last release for Node 20 (both pinned)
# Wrangler otherwise sends usage data, checks for updates and fetches Cloudflare's request metadata.
OFFLINE = {"WRANGLER_SEND_METRICS": "false", "WRANGLER_HIDE_BANNER": "true", "CLOUDFLARE_CF_FETCH_ENABLED": "false"}
# Wrangler's workerd binary supports this date; a later one sends wrangler looking for an update.
COMPATIBILITY_DATE = "2026-04-26"


def ensure_installed() -> Path:
    """tools/hosts/node_modules, installed from the lock file with `npm ci` when it changed."""
    node, npm = shutil.which("node"), shutil.which("npm")
    version = subprocess.run([node, "--version"], capture_output=True, text=True).stdout if node else ""
    if not (npm and tuple(int(n) for n in version.lstrip("v").split(".")[:2]) >= NODE_AT_LEAST):
        raise SystemExit(f"{TOOLS / 'package.json'} needs Node.js {'.'.join(map(str, NODE_AT_LEAST))} or later "
                         f"and npm (found: {version.strip() or 'no node'}, {npm or 'no npm'}). Install them, then "
                         "run `make system-tools`.")
    digest = hashlib.sha256(LOCK.read_bytes()).hexdigest()
    if not (INSTALLED.exists() and INSTALLED.read_text() == digest):
        # --ignore-scripts: nothing downloads at install time; workerd's binary is in its own npm package.
        subprocess.run([npm, "ci", "--ignore-scripts", "--no-audit", "--no-fund", "--loglevel=error"],
                       cwd=TOOLS, check=True)
        INSTALLED.write_text(digest)
    return TOOLS / "node_modules"


def netlify_headers(site: Path, addresses: list[str]) -> dict:
    """Netlify's reading of `site/_headers`: `errors` and `rules` from its parser, and `sent`, the
    headers its engine gives each of `addresses`."""
    result = subprocess.run(["node", str(TOOLS / "netlify-headers.mjs"), str(site), *addresses],
                            capture_output=True, text=True, check=True)
    return json.loads(result.stdout)


@dataclass
class Served:
    url: str  # http://127.0.0.1:PORT/
    log: Path  # what wrangler printed: the rules it parsed, and warnings about any it skipped


@contextlib.contextmanager
def cloudflare_pages(site: Path, ready_within: float = 120):
    """Serve `site` with Cloudflare's local Pages server on 127.0.0.1; stopped afterwards."""
    # Free ports: wrangler has no "any port" choice, and its devtools port is otherwise always 9229,
    # which another wrangler (or node --inspect) on the machine may hold.
    port, inspector = _free_port(), _free_port()
    with tempfile.TemporaryDirectory(prefix="wrangler-") as work:  # wrangler writes .wrangler/ here
        work = Path(work)
        log = work / "wrangler.log"
        env = {**os.environ, **OFFLINE, "XDG_CONFIG_HOME": str(work), "WRANGLER_LOG_PATH": str(work / "logs")}
        with log.open("w") as out:
            server = subprocess.Popen(
                [str(TOOLS / "node_modules" / ".bin" / "wrangler"), "pages", "dev", str(site), "--ip", "127.0.0.1",
                 "--port", str(port), "--inspector-port", str(inspector), "--compatibility-date", COMPATIBILITY_DATE, "--log-level", "warn"],
                cwd=work, env=env, stdin=subprocess.DEVNULL, stdout=out, stderr=subprocess.STDOUT,
                start_new_session=True)  # its own process group: workerd is stopped with it
        try:
            url = f"http://127.0.0.1:{port}/"
            _wait_until_serving(server, url, log, ready_within)
            yield Served(url, log)
        finally:
            os.killpg(server.pid, signal.SIGTERM)
            try:
                server.wait(timeout=20)
            except subprocess.TimeoutExpired:
                os.killpg(server.pid, signal.SIGKILL)
                server.wait()


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def _wait_until_serving(server: subprocess.Popen, url: str, log: Path, seconds: float) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if server.poll() is not None:
            raise RuntimeError(f"wrangler pages dev stopped (exit {server.returncode}):\n{log.read_text()}")
        try:
            with urllib.request.urlopen(url, timeout=5):
                return
        except OSError:
            time.sleep(0.25)
    raise RuntimeError(f"wrangler pages dev did not answer within {seconds:.0f} s:\n{log.read_text()}")
