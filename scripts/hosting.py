"""Safe hosting: the response headers every page should get, written for Netlify and Cloudflare
Pages (`_headers`) and nginx (`_nginx.conf`), from the built site itself.

Content-Security-Policy allows no inline script except Material's own few, by their SHA-256 hashes,
computed from the built pages (their text differs with page depth). Framing: `frame-ancestors *` for
embed pages only. Netlify and Cloudflare apply every matching rule and combine the headers, so the
base policy (on /*) allows framing, and each normal page adds a second policy that allows only this
site to frame it; browsers enforce both, and an embed page ends up with the one policy that allows it."""
from __future__ import annotations

import base64
import hashlib
import re
from pathlib import Path

INLINE_SCRIPT = re.compile(r"<script(?![^>]*\bsrc=)([^>]*)>(.*?)</script>", re.S)

COMMON = {
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "no-referrer",
    "Permissions-Policy": "accelerometer=(), camera=(), geolocation=(), gyroscope=(), magnetometer=(), "
                          "microphone=(), payment=(), usb=()",
}
CORS = {"Access-Control-Allow-Origin": "*"}
# Material's own files carry a hash of their content in their names (main.57a0d79d.min.css): a new
# version is a new address, so a reader's browser may keep them a year without asking again. Nothing
# else gets a Cache-Control header (hosts then revalidate: pages and our own assets are never stale).
FINGERPRINTED = re.compile(r"\.[0-9a-f]{8}\.min\.(css|js)$")
KEEP = {"Cache-Control": "public, max-age=31536000, immutable"}


def inline_script_hashes(site: Path) -> list[str]:
    found = set()
    for page in site.rglob("*.html"):
        for attributes, body in INLINE_SCRIPT.findall(page.read_text(encoding="utf-8")):
            if "application/json" not in attributes:  # data blocks never run
                digest = base64.b64encode(hashlib.sha256(body.encode("utf-8")).digest()).decode()
                found.add(f"'sha256-{digest}'")
    return sorted(found)


def base_policy(hashes: list[str]) -> str:
    return "; ".join([
        "default-src 'self'", f"script-src 'self' {' '.join(hashes)}".strip(), "style-src 'self'",
        "img-src 'self' data:", "font-src 'self'", "connect-src 'self'", "worker-src 'self'",
        "frame-src 'none'", "object-src 'none'", "base-uri 'self'", "form-action 'self'",
        "frame-ancestors *"])


FRAME_ONLY_HERE = "frame-ancestors 'self'"


EMBED = re.compile(r"^/([a-z]{2,3}/)?embed/")
# Data other sites' code may read: the JSON API and the embed script.
SHARED = re.compile(r"^/(api/|embed\.js$)")


def _is_embed(address: str) -> bool:
    return bool(EMBED.match(address))


def page_addresses(site: Path) -> list[str]:
    """Every page's address (/pl/about-dit/); the 404 pages have none of their own."""
    from scripts.links import pages
    return ["/" + page for page in pages(site) if not page.endswith(".html")]


def fingerprinted_files(site: Path) -> list[str]:
    """Addresses of the files whose names change with their content."""
    return sorted("/" + path.relative_to(site).as_posix() for path in site.rglob("*") if FINGERPRINTED.search(path.name))


def write_host_files(site: Path) -> None:
    """Both hosts' files, from one reading of the pages' inline scripts."""
    policy = base_policy(inline_script_hashes(site))
    write_netlify_headers(site, policy)
    write_nginx(site, policy)


def write_netlify_headers(site: Path, policy: str) -> Path:
    """`_headers` (Netlify, Cloudflare Pages): one base rule, CORS for data, and per page the
    second, framing-only policy for every page that is not an embed page."""
    lines = ["# Written by the build (scripts/hosting.py): do not edit. See docs/hosting.md.", "/*"]
    lines += [f"  {name}: {value}" for name, value in {**COMMON, "Content-Security-Policy": policy}.items()]
    for path in ("/api/*", "/embed.js"):
        lines += [path] + [f"  {name}: {value}" for name, value in CORS.items()]
    for path in fingerprinted_files(site):  # exact addresses: no other rule sets Cache-Control
        lines += [path] + [f"  {name}: {value}" for name, value in KEEP.items()]
    for address in page_addresses(site):
        if not _is_embed(address):
            lines += [address, f"  Content-Security-Policy: {FRAME_ONLY_HERE}", "  X-Frame-Options: SAMEORIGIN"]
    out = site / "_headers"
    out.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return out


def _nginx_location(match: str, headers: dict[str, str]) -> str:
    lines = "".join(f'    add_header {name} "{value}" always;\n' for name, value in {**COMMON, **headers}.items())
    return f"location {match} {{\n{lines}}}\n"


def write_nginx(site: Path, policy: str) -> Path:
    """`_nginx.conf`, to `include` inside the site's nginx `server` block (docs/hosting.md shows one).
    Every regular expression is quoted: unquoted, nginx would end it at its first `{`."""
    framed = {"Content-Security-Policy": policy}
    text = (
        "# Written by the build (scripts/hosting.py): include it in the site's server block. See docs/hosting.md.\n"
        "# Here, not in a location: a missing file under /api/ or /embed/ gets the site's 404 page too.\n"
        "error_page 404 /404.html;\n"
        "# The build's precompressed copies (index.html.gz beside index.html), for browsers that accept them.\n"
        "gzip_static on;\n"
        "gzip_vary on;\n"
        "# With the ngx_brotli module (not in Debian's nginx), uncomment to send the .br copies too:\n"
        "# brotli_static on;\n"
        'location ~ "^/_" { deny all; }\n'
        + _nginx_location(f'~ "{SHARED.pattern}"', {**CORS, **framed})
        + _nginx_location(f'~ "{EMBED.pattern}"', framed)
        + _nginx_location(f'~ "{FINGERPRINTED.pattern}"', KEEP)
        + _nginx_location("/", {"Content-Security-Policy": policy.replace("frame-ancestors *", FRAME_ONLY_HERE),
                                "X-Frame-Options": "SAMEORIGIN"}))
    out = site / "_nginx.conf"
    out.write_text(text, encoding="utf-8")
    return out


def headers_for(site: Path, address: str) -> list[tuple[str, str]]:
    """The headers a Netlify-style host sends for `address`: every matching rule of `_headers`,
    combined (a header set by two rules is sent twice)."""
    rules, current = [], None
    for line in (site / "_headers").read_text(encoding="utf-8").splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        if not line.startswith(" "):
            current = (line.strip(), [])
            rules.append(current)
        else:
            name, value = line.strip().split(":", 1)
            current[1].append((name, value.strip()))
    sent = []
    for pattern, headers in rules:
        regex = "^" + re.escape(pattern).replace(r"\*", ".*") + "$"
        if re.match(regex, address):
            sent += headers
    return sent
