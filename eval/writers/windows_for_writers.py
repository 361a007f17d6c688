"""Write the list of windows a question writer reads (windows.txt): each window's names, what
it does, whom it serves, its phones and its hours, per city, from the bundled directory.

Writers of first-look rounds read this, PRODUCT.md and the seeds, and nothing of the code
(README.md here). It reads the directory's YAML itself rather than `directory.load_directory`:
the loader parses the hours into schedules, and a writer needs them as the data writes them
(月-金 8:30-17:00, 祝日 closed), which `madoguchi check` has already validated. Run from the
repository's root:

    .venv/bin/python eval/writers/windows_for_writers.py /tmp/fresh/windows.txt
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Any

import yaml

DATA = Path(__file__).resolve().parents[2] / "directory" / "data"


def hours_text(hours: dict[str, Any] | None) -> str:
    if not hours:
        return ""
    parts = []
    for key, label in (("open", "open"), ("closed", "closed"), ("holiday_open", "also open")):
        if hours.get(key):
            parts.append(f"{label} " + ", ".join(map(str, hours[key])))
    if hours.get("note"):
        parts.append(str(hours["note"]))
    return "; ".join(parts)


def window_text(resource: dict[str, Any]) -> str:
    lines = [f"- {resource['name']}"]
    if resource.get("aliases"):
        lines.append("  aliases: " + ", ".join(map(str, resource["aliases"])))
    for key in ("kind", "address"):
        if resource.get(key):
            lines.append(f"  {key}: {resource[key]}")
    if resource.get("summary"):
        lines.append("  what: " + " ".join(str(resource["summary"]).split()))
    if resource.get("serves"):
        lines.append("  serves: " + ", ".join(map(str, resource["serves"])))
    for phone in resource.get("phones") or []:
        label = phone.get("label", "")
        lines.append(f"  phone {label}: {phone['number']} ({hours_text(phone.get('hours'))})")
    if resource.get("hours"):
        lines.append("  hours: " + hours_text(resource["hours"]))
    return "\n".join(lines)


def main(out: str) -> int:
    files = [*sorted((DATA / "municipalities").glob("*.yaml")), DATA / "national.yaml"]
    sections = []
    for file in files:
        data = yaml.safe_load(file.read_text(encoding="utf-8"))
        windows = "\n".join(window_text(r) for r in data.get("resources", []))
        sections.append(f"## {data['municipality']['name']}\n\n{windows}\n")
    Path(out).write_text("\n".join(sections), encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1]))
