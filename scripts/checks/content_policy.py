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
The page is parsed with an HTML parser, not with the build's own pattern (hosting.INLINE_SCRIPT),
so a script the build's pattern missed is caught here.
"""
from __future__ import annotations

import base64
import hashlib
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import urlsplit

from scripts.outputs import hosting

# Attributes that make the browser fetch something, by tag.
LOADS = {"script": ["src"], "link": ["href"], "img": ["src", "srcset"], "source": ["src", "srcset"],
         "iframe": ["src"], "frame": ["src"], "embed": ["src"], "object": ["data"], "video": ["src", "poster"],
         "audio": ["src"], "track": ["src"], "input": ["src"], "form": ["action"]}
# <link> relations that only name an address, and fetch nothing.
NAMES_ONLY = {"canonical", "alternate", "author", "license", "help", "next", "prev", "search", "me"}
# Scripts of these types are data, which never runs.
DATA_TYPES = ("application/json", "application/ld+json", "text/template")


def policy_of(sent: list[tuple[str, str]]) -> dict[str, list[str]]:
    """The one Content-Security-Policy among the headers a host sends, directive -> sources."""
    policies = [value for name, value in sent if name == "Content-Security-Policy"]
    if len(policies) != 1:
        return {}
    return {words[0]: words[1:] for words in (part.split() for part in policies[0].split(";")) if words}


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


class PageReader(HTMLParser):
    """Every start tag with its attributes, and the text of every <script> and <style>, as written
    (Python's own parser, which, like a browser, reads their text raw, up to their end tag)."""

    def __init__(self, text: str):
        super().__init__()
        self.tags: list[tuple[str, dict[str, str | None]]] = []
        self.texts: list[tuple[str, dict[str, str | None], str]] = []  # script or style, attributes, text
        self._open: tuple[str, dict[str, str | None], list[str]] | None = None
        self.feed(text)
        self.close()

    def handle_starttag(self, tag, attrs):
        self.tags.append((tag, dict(attrs)))
        if tag in ("script", "style"):
            self._open = (tag, dict(attrs), [])

    def handle_data(self, data):
        if self._open:
            self._open[2].append(data)

    def handle_endtag(self, tag):
        if self._open and tag == self._open[0]:
            self.texts.append((tag, self._open[1], "".join(self._open[2])))
            self._open = None


def breaches(site: Path, path: Path) -> list[str]:
    """What on this page the policy would block, or a request to another host, or a cookie."""
    address = address_of(site, path)
    sent = hosting.headers_for(site, address)
    policy = policy_of(sent)
    if not policy:
        return [f"{address}: the host sends no single Content-Security-Policy"]
    scripts, styles = set(policy.get("script-src", [])), set(policy.get("style-src", []))
    found = []
    page = PageReader(path.read_text(encoding="utf-8"))
    for tag, attributes, text in page.texts:
        if tag == "script" and not attributes.get("src") and (attributes.get("type") or "") not in DATA_TYPES:
            if sha256(text) not in scripts:
                found.append(f"{address}: inline script {text.strip()[:60]!r} is not allowed by the policy (its hash is not in script-src)")
            if "document.cookie" in text:
                found.append(f"{address}: inline script {text.strip()[:60]!r} touches document.cookie")
        if tag == "style" and sha256(text) not in styles:
            found.append(f"{address}: inline <style> is not allowed by the policy (its hash is not in style-src)")
    for tag, attributes in page.tags:
        for name, value in attributes.items():
            if name.startswith("on"):
                found.append(f"{address}: <{tag} {name}=...> is an inline event handler, which the policy refuses")
            elif name == "style":
                found.append(f"{address}: <{tag} style=...> is an inline style, which the policy refuses")
            elif value and value.strip().lower().startswith("javascript:"):
                found.append(f"{address}: <{tag} {name}=\"javascript:...\">, which the policy refuses")
        if tag == "meta" and (attributes.get("http-equiv") or "").lower() == "set-cookie":
            found.append(f"{address}: <meta http-equiv=\"set-cookie\"> sets a cookie")
        if tag == "link" and NAMES_ONLY & set((attributes.get("rel") or "").lower().split()):
            continue
        for attribute in LOADS.get(tag, []):
            value = attributes.get(attribute)
            urls = [u.split()[0] for u in value.split(",") if u.strip()] if attribute == "srcset" and value else [value]
            for url in filter(None, urls):
                if _is_other_origin(url, tag):
                    found.append(f"{address}: <{tag} {attribute}=\"{url}\"> loads from another host")
    if any(name.lower() == "set-cookie" for name, _ in sent):
        found.append(f"{address}: the host sends Set-Cookie")
    return found


def check(site: Path) -> list[str]:
    """Every built page's breaches of its policy (an empty list: none)."""
    return [problem for path in sorted(site.rglob("*.html")) for problem in breaches(site, path)]
