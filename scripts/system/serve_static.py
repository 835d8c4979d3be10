"""Serve a built site on localhost for browser checks, the way a static host would."""
from __future__ import annotations

import contextlib
import functools
import threading
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Callable


class _Quiet(SimpleHTTPRequestHandler):
    # Headers for every response: a dict, or a function of the request path giving (name, value) pairs.
    extra_headers: dict[str, str] | Callable[[str], list[tuple[str, str]]] = {}

    def log_message(self, *args) -> None:  # keep test output readable
        pass

    def end_headers(self) -> None:
        headers = self.extra_headers
        pairs = headers(self.path.split("?")[0]) if callable(headers) else headers.items()
        for name, value in pairs:
            self.send_header(name, value)
        super().end_headers()

    def send_error(self, code, message=None, explain=None):
        # Like a static host: a missing page gets the site's own 404 page.
        page = Path(self.directory) / "404.html"
        if code == 404 and page.exists():
            body = page.read_bytes()
            self.send_response(404)
            self.send_header("Content-Type", "text/html; charset=utf-8")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            if self.command != "HEAD":
                self.wfile.write(body)
            return
        super().send_error(code, message, explain)


@contextlib.contextmanager
def serve(site: Path, headers=None, port: int = 0):
    """Yield the base URL (http://127.0.0.1:PORT/) of a server for `site`, stopped afterwards.
    `headers`: sent with every response (a dict, or a function of the path, as in _Quiet); `port` 0
    takes any free port."""
    handler = type("Handler", (_Quiet,), {"extra_headers": staticmethod(headers) if callable(headers) else (headers or {})})
    server = ThreadingHTTPServer(("127.0.0.1", port), functools.partial(handler, directory=str(site)))
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/"
    finally:
        server.shutdown()
        server.server_close()
