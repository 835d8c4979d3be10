"""Safe hosting: the response headers every page should get, written for Netlify and Cloudflare
Pages (`_headers`) and nginx (`_nginx.conf`), from the built site itself; and `robots.txt`.

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


def _is_embed(address: str) -> bool:
    return bool(re.match(r"^/([a-z]{2,3}/)?embed/", address))


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


def write_nginx(site: Path, policy: str) -> Path:
    """`_nginx.conf`, to `include` inside the site's nginx `server` block."""
    common = "".join(f'    add_header {name} "{value}" always;\n' for name, value in COMMON.items())
    framed = policy
    here = policy.replace("frame-ancestors *", FRAME_ONLY_HERE)
    text = (
        "# Written by the build (scripts/hosting.py): include it in the site's server block. See docs/hosting.md.\n"
        "location ~ ^/_ { deny all; }\n"
        "location ~ ^/(api/|embed\\.js$) {\n" + common +
        '    add_header Access-Control-Allow-Origin "*" always;\n'
        f'    add_header Content-Security-Policy "{framed}" always;\n' + "}\n"
        "location ~ ^/([a-z]{2,3}/)?embed/ {\n" + common +
        f'    add_header Content-Security-Policy "{framed}" always;\n' + "}\n"
        f'location ~ "{FINGERPRINTED.pattern}" {{\n' + common +
        "".join(f'    add_header {name} "{value}" always;\n' for name, value in KEEP.items()) + "}\n"
        "location / {\n" + common +
        f'    add_header Content-Security-Policy "{here}" always;\n'
        '    add_header X-Frame-Options "SAMEORIGIN" always;\n'
        "    error_page 404 /404.html;\n" + "}\n")
    out = site / "_nginx.conf"
    out.write_text(text, encoding="utf-8")
    return out


def write_robots(site: Path, site_url: str) -> Path:
    """`robots.txt`: crawlers may read everything (embed pages say noindex themselves), and the
    sitemap is named by its absolute address, as the file requires."""
    out = site / "robots.txt"
    out.write_text("# Written by the build (scripts/hosting.py).\nUser-agent: *\nAllow: /\n\n"
                   f"Sitemap: {site_url}sitemap.xml\n", encoding="utf-8")
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
