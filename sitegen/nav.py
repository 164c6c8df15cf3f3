"""The `nav:` of mkdocs.yml, generated from the pages' front matter and kept in sync by a test."""

from __future__ import annotations

import json
from pathlib import Path

from .catalog import Catalog

BEGIN = "# BEGIN generated nav: `python -m sitegen sync` writes it from the pages' front matter"
END = "# END generated nav"

AFTER_SECTIONS = 100  # plain pages with nav_order >= this come after the guide's sections


def _q(text: str) -> str:
    return json.dumps(text, ensure_ascii=False)  # a JSON string is a valid YAML scalar


def render_nav(catalog: Catalog) -> str:
    lines = [BEGIN, "nav:"]
    before = [(rel, m) for rel, m in catalog.pages if m.nav_order < AFTER_SECTIONS]
    after = [(rel, m) for rel, m in catalog.pages if m.nav_order >= AFTER_SECTIONS]
    for rel, meta in before:
        lines.append(f"  - {_q(meta.title)}: {rel}")
    for section in catalog.sections:
        lines.append(f"  - {_q(section.meta.title)}:")
        lines.append(f"      - {section.path}")
        lines.extend(f"      - {p.path}" for p in section.patterns)
    for rel, meta in after:
        lines.append(f"  - {_q(meta.title)}: {rel}")
    lines.append(END)
    return "\n".join(lines)


def replace_nav(config_text: str, nav: str, config: Path) -> str:
    start, end = config_text.find(BEGIN), config_text.find(END)
    if start == -1 or end == -1:
        raise SystemExit(f"{config}: the generated-nav markers are missing ('{BEGIN}' ... '{END}')")
    return config_text[:start] + nav + config_text[end + len(END) :]
