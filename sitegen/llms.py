"""llms.txt (an index of the patterns) and llms-full.txt (every pattern with its verified code).

Written into docs/ by `python -m sitegen sync`, checked by `python -m sitegen check`, and served as
static files by whichever engine builds the site.
"""

from __future__ import annotations

import re
from pathlib import Path

import yaml

from .catalog import Catalog
from .frontmatter import split_front_matter
from .measured import format_value, load_results, lookup
from .snippet_text import snippet_text

INCLUDE_FENCE = re.compile(
    r'^(?P<fence>`{3,}|~{3,})(?P<lang>[\w-]*)[^\n]*\n *-+8<-+ *"(?P<target>[^"]+)" *\n(?P=fence) *$',
    re.M,
)


def site_url(config: Path) -> str:
    text = config.read_text(encoding="utf-8")
    m = re.search(r"^site_url:\s*(\S+)", text, flags=re.M)
    assert m, f"{config}: no site_url"
    return m.group(1).rstrip("/") + "/"


def render_index(catalog: Catalog, base: str, description: str) -> str:
    lines = ["# Python Advanced Patterns", "", f"> {description}", ""]
    lines += [
        "Every code block on the site is a standalone Python file that the site's test suite runs,",
        "lints and output-checks; figures come from benchmarks in the repository.",
        f"The full text of every pattern, code included: {base}llms-full.txt",
        "",
    ]
    for section in catalog.sections:
        lines += [f"## {section.meta.title}", "", section.meta.summary, ""]
        for p in section.patterns:
            lines.append(f"- [{p.meta.title}]({base}{p.url}): {p.meta.use_case}")
        lines.append("")
    return "\n".join(lines)


def _expand(body: str) -> str:
    results = load_results()

    def code(m: re.Match[str]) -> str:
        target = m.group("target")
        lang = m.group("lang") or "text"
        return f'{m.group("fence")}{lang} title="{target}"\n{snippet_text(target).rstrip()}\n{m.group("fence")}'

    def figure(m: re.Match[str]) -> str:
        _, metric = lookup(results, m.group(1))
        return format_value(float(metric["median"]), str(metric["unit"]))

    body = INCLUDE_FENCE.sub(code, body)
    body = re.sub(r"\[\[bench:([\w.-]+)\]\]", figure, body)
    body = re.sub(r"\[\[seed:([^\]]+)\]\]", r'"\1" (claimed by the seed guide)', body)
    return re.sub(r"^\[\[[a-z-]+(:[a-z0-9-]+)?\]\]\s*$", "", body, flags=re.M)


def render_full(catalog: Catalog, docs: Path, base: str) -> str:
    parts = ["# Python Advanced Patterns — every pattern, with its verified code", ""]
    for section in catalog.sections:
        parts += [f"# {section.meta.title}", "", section.meta.summary, ""]
        for p in section.patterns:
            _, body = split_front_matter((docs / p.path).read_text(encoding="utf-8"), docs / p.path)
            meta = {
                "url": f"{base}{p.url}",
                "complexity": f"{p.meta.complexity} of 5",
                "modules": p.meta.modules,
                "use_case": p.meta.use_case,
            }
            parts += [
                f"## {p.meta.title}",
                "",
                yaml.safe_dump(meta, sort_keys=False, allow_unicode=True).strip(),
            ]
            parts += ["", _expand(body).strip(), ""]
    return "\n".join(parts) + "\n"
