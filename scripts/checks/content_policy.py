"""Every built page keeps to the Content-Security-Policy the host sends it, read from the files
alone (a browser visits one page of each template: tests/test_hosting.py).

Per page, with the policy hosting.headers_for gives its address:
- every inline <script> that runs and every <style> has its SHA-256 hash in script-src / style-src;
  inline event handlers (onclick=), style attributes and javascript: URLs are refused outright
  (the policy has neither 'unsafe-inline' nor 'unsafe-hashes');
- every src/href that loads something (scripts, styles, icons, images, frames, forms) stays on
  this site (data: only for images, as img-src allows);
- nothing sets a cookie: no Set-Cookie header, no <meta http-equiv="set-cookie">, no
  `document.cookie` in an inline script.
The page is parsed with BeautifulSoup, not with the build's own pattern (hosting.INLINE_SCRIPT),
so a script the build's pattern missed is caught here.
"""
from __future__ import annotations

import base64
import hashlib
from pathlib import Path
from urllib.parse import urlsplit

from bs4 import BeautifulSoup

from scripts.outputs import hosting

# Attributes that make the browser fetch something, by tag.
LOADS = {"script": ["src"], "link": ["href"], "img": ["src", "srcset"], "source": ["src", "srcset"],
         "iframe": ["src"], "frame": ["src"], "embed": ["src"], "object": ["data"], "video": ["src", "poster"],
         "audio": ["src"], "track": ["src"], "input": ["src"], "form": ["action"]}
# <link> relations that only name an address, and fetch nothing.
NAMES_ONLY = {"canonical", "alternate", "author", "license", "help", "next", "prev", "search", "me"}
# Scripts of these types are data, which never runs.
DATA_TYPES = ("application/json", "application/ld+json", "text/template")


def policy_of(site: Path, address: str) -> dict[str, list[str]]:
    """The Content-Security-Policy the host sends with this address, directive -> sources."""
    sent = [value for name, value in hosting.headers_for(site, address) if name == "Content-Security-Policy"]
    if len(sent) != 1:
        return {}
    return {words[0]: words[1:] for words in (part.split() for part in sent[0].split(";")) if words}


def sha256(text: str) -> str:
    return "'sha256-" + base64.b64encode(hashlib.sha256(text.encode("utf-8")).digest()).decode() + "'"


def address_of(site: Path, path: Path) -> str:
    relative = "/" + path.relative_to(site).as_posix()
    return relative[: -len("index.html")] if relative.endswith("/index.html") else relative


def _is_other_origin(url: str, tag: str) -> bool:
    url = url.strip()
    if url.startswith("data:"):
        return tag not in ("img", "source")
    parts = urlsplit(url)
    return bool(parts.netloc) or parts.scheme not in ("", "http", "https")


def breaches(site: Path, path: Path) -> list[str]:
    """What on this page the policy would block, or a request to another host, or a cookie."""
    address = address_of(site, path)
    policy = policy_of(site, address)
    if not policy:
        return [f"{address}: the host sends no single Content-Security-Policy"]
    scripts, styles = set(policy.get("script-src", [])), set(policy.get("style-src", []))
    found = []
    soup = BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser")
    for element in soup.find_all(True):
        if element.name == "script" and not element.get("src") and (element.get("type") or "") not in DATA_TYPES:
            text = element.string or ""
            if sha256(text) not in scripts:
                found.append(f"{address}: inline script {text.strip()[:60]!r} is not allowed by the policy (its hash is not in script-src)")
            if "document.cookie" in text:
                found.append(f"{address}: inline script {text.strip()[:60]!r} touches document.cookie")
        if element.name == "style" and sha256(element.string or "") not in styles:
            found.append(f"{address}: inline <style> is not allowed by the policy (its hash is not in style-src)")
        for name, value in element.attrs.items():
            if name.startswith("on"):
                found.append(f"{address}: <{element.name} {name}=...> is an inline event handler, which the policy refuses")
            elif name == "style":
                found.append(f"{address}: <{element.name} style=...> is an inline style, which the policy refuses")
            elif isinstance(value, str) and value.strip().lower().startswith("javascript:"):
                found.append(f"{address}: <{element.name} {name}=\"javascript:...\">, which the policy refuses")
        if element.name == "meta" and (element.get("http-equiv") or "").lower() == "set-cookie":
            found.append(f"{address}: <meta http-equiv=\"set-cookie\"> sets a cookie")
        if element.name == "link" and NAMES_ONLY & set(element.get("rel") or []):
            continue
        for attribute in LOADS.get(element.name, []):
            value = element.get(attribute)
            urls = [u.split()[0] for u in value.split(",") if u.strip()] if attribute == "srcset" and value else [value]
            for url in filter(None, urls):
                if _is_other_origin(url, element.name):
                    found.append(f"{address}: <{element.name} {attribute}=\"{url}\"> loads from another host")
    if any(name.lower() == "set-cookie" for name, _ in hosting.headers_for(site, address)):
        found.append(f"{address}: the host sends Set-Cookie")
    return found


def check(site: Path) -> list[str]:
    """Every built page's breaches of its policy (an empty list: none)."""
    return [problem for path in sorted(site.rglob("*.html")) for problem in breaches(site, path)]
