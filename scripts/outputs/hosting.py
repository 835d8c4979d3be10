"""Safe hosting: the response headers every page should get, written for Netlify and Cloudflare
Pages (`_headers`) and nginx (`_nginx.conf`), from the built site itself; and `robots.txt`.

Content-Security-Policy allows no inline script except Material's own few and the Listen button's
loader (partials/listen.html), by their SHA-256 hashes, computed from the built pages (Material's
text differs with page depth; Listen needs nothing more). Framing: `frame-ancestors *` for
embed pages only. In `_headers` every page gets, from the rule on /*, the one policy that lets only
this site frame it; the two embed rules, which come later, take that policy away (`! Name`) and give
the one that lets any site frame them. The hosts' own tools showed what this layout avoids: Netlify's engine
lets a later rule's header replace an earlier one (a second, framing-only policy would have replaced
the whole policy), Cloudflare joins the two values with a comma (two policies, both enforced) and
reads only the first 100 rules (a rule per page left the last pages framable). So no header is set
by two rules, and the number of rules does not grow with the pages."""
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
# Offline (docs/offline.md): hosts and proxies must ask each time for the service worker, whose address
# never changes: a stale copy would keep readers on an old build's saved pages.
WORKER, FRESH = "/sw.js", {"Cache-Control": "no-cache"}


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
        "img-src 'self' data:", "font-src 'self'", "connect-src 'self'", "worker-src 'self'", "manifest-src 'self'",
        "frame-src 'none'", "object-src 'none'", "base-uri 'self'", "form-action 'self'",
        "frame-ancestors *"])


FRAME_ONLY_HERE = "frame-ancestors 'self'"


# Embed pages, in English and in every other language (`_headers` patterns; EMBED below for nginx).
EMBED_RULES = ("/embed/*", "/:lang/embed/*")
# Cloudflare Pages reads at most 100 rules from `_headers` and skips longer lines, with only a warning.
CLOUDFLARE_MAX_RULES, CLOUDFLARE_MAX_LINE = 100, 2000
EMBED = re.compile(r"^/([a-z]{2,3}(-[A-Z][a-z]{3})?(-[A-Z]{2})?/)?embed/")  # /pl/, /zh-Hans/
# Data other sites' code may read: the JSON API and the embed script.
SHARED = re.compile(r"^/(api/|embed\.js$)")


def page_addresses(site: Path) -> list[str]:
    """Every page's address (/pl/about-dit/); the 404 pages have none of their own."""
    pages = (path.relative_to(site).as_posix() for path in sorted(site.rglob("index.html")))
    return ["/" + page[: -len("index.html")] for page in pages]


def fingerprinted_files(site: Path) -> list[str]:
    """Addresses of the files whose names change with their content."""
    return sorted("/" + path.relative_to(site).as_posix() for path in site.rglob("*") if FINGERPRINTED.search(path.name))


def write_host_files(site: Path) -> None:
    """Both hosts' files, from one reading of the pages' inline scripts."""
    policy = base_policy(inline_script_hashes(site))
    write_netlify_headers(site, policy)
    write_nginx(site, policy)


def write_netlify_headers(site: Path, policy: str) -> Path:
    """`_headers` (Netlify, Cloudflare Pages): one base rule, which forbids framing by other sites,
    the embed rules that allow it, CORS for data, and a year's caching for fingerprinted files."""
    lines = ["# Written by the build (scripts/outputs/hosting.py): do not edit. See docs/hosting.md.", "/*"]
    only_here = {"Content-Security-Policy": policy.replace("frame-ancestors *", FRAME_ONLY_HERE),
                 "X-Frame-Options": "SAMEORIGIN"}
    lines += [f"  {name}: {value}" for name, value in {**COMMON, **only_here}.items()]
    for path in EMBED_RULES:  # `!` is Cloudflare's way to drop what /* set; Netlify skips the line
        lines += [path] + [f"  ! {name}" for name in only_here] + [f"  Content-Security-Policy: {policy}"]
    for path in ("/api/*", "/embed.js"):
        lines += [path] + [f"  {name}: {value}" for name, value in CORS.items()]
    for path in fingerprinted_files(site):  # exact addresses: no other rule sets Cache-Control
        lines += [path] + [f"  {name}: {value}" for name, value in KEEP.items()]
    if (site / WORKER.lstrip("/")).exists():  # offline: the worker, revalidated on every request
        lines += [WORKER] + [f"  {name}: {value}" for name, value in FRESH.items()]
    _check_cloudflare_limits(site / "_headers", lines)
    out = site / "_headers"
    out.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return out


def _check_cloudflare_limits(path: Path, lines: list[str]) -> None:
    """Cloudflare would skip these with a warning few read: a skipped policy line leaves pages with
    no Content-Security-Policy at all, a skipped rule leaves pages framable."""
    for number, line in enumerate(lines, 1):
        if len(line.strip()) > CLOUDFLARE_MAX_LINE:  # Cloudflare measures the trimmed line
            raise ValueError(f"{path}: line {number} ({line.split(':')[0].strip()}) has {len(line.strip())} characters; "
                             f"Cloudflare Pages ignores lines over {CLOUDFLARE_MAX_LINE}. Shorten it (scripts/outputs/hosting.py).")
    rules = sum(not line.startswith((" ", "#")) for line in lines)
    if rules > CLOUDFLARE_MAX_RULES:
        raise ValueError(f"{path}: {rules} rules; Cloudflare Pages reads only the first {CLOUDFLARE_MAX_RULES}. "
                         "Merge rules (scripts/outputs/hosting.py).")


def _nginx_location(match: str, headers: dict[str, str]) -> str:
    lines = "".join(f'    add_header {name} "{value}" always;\n' for name, value in {**COMMON, **headers}.items())
    return f"location {match} {{\n{lines}}}\n"


def write_nginx(site: Path, policy: str) -> Path:
    """`_nginx.conf`, to `include` inside the site's nginx `server` block (docs/hosting.md shows one).
    Every regular expression is quoted: unquoted, nginx would end it at its first `{`."""
    framed = {"Content-Security-Policy": policy}
    text = (
        "# Written by the build (scripts/outputs/hosting.py): include it in the site's server block. See docs/hosting.md.\n"
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
        + _nginx_location(f"= {WORKER}", {**FRESH, "Content-Security-Policy": policy.replace("frame-ancestors *", FRAME_ONLY_HERE),
                                          "X-Frame-Options": "SAMEORIGIN"})
        + _nginx_location("/", {"Content-Security-Policy": policy.replace("frame-ancestors *", FRAME_ONLY_HERE),
                                "X-Frame-Options": "SAMEORIGIN"}))
    out = site / "_nginx.conf"
    out.write_text(text, encoding="utf-8")
    return out


def write_robots(site: Path, site_url: str) -> Path:
    """`robots.txt`: crawlers may read everything (embed pages say noindex themselves), and the
    sitemap is named by its absolute address, as the file requires."""
    out = site / "robots.txt"
    out.write_text("# Written by the build (scripts/outputs/hosting.py).\nUser-agent: *\nAllow: /\n\n"
                   f"Sitemap: {site_url}sitemap.xml\n", encoding="utf-8")
    return out


def headers_for(site: Path, address: str) -> list[tuple[str, str]]:
    """The headers a Netlify-style host sends for `address`, as Cloudflare Pages combines the
    matching rules of `_headers`, in file order: `! Name` drops what earlier rules set, and a header
    set by two rules is sent twice. tests/test_hosting_hosts.py checks this against the hosts' tools."""
    rules, current = [], None
    for line in (site / "_headers").read_text(encoding="utf-8").splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        if not line.startswith(" "):
            current = (line.strip(), [])
            rules.append(current)
        elif line.strip().startswith("! "):
            current[1].append((line.strip()[2:], None))
        else:
            name, value = line.strip().split(":", 1)
            current[1].append((name, value.strip()))
    sent = []
    for pattern, headers in rules:
        parts = re.split(r"(\*|:\w+)", pattern)  # a splat matches anything, a :placeholder one segment
        regex = "".join(".*" if p == "*" else "[^/]+" if p.startswith(":") else re.escape(p) for p in parts)
        if re.fullmatch(regex, address):
            for name, value in headers:
                if value is None:
                    sent = [(n, v) for n, v in sent if n.lower() != name.lower()]
                else:
                    sent.append((name, value))
    return sent
