"""llms.txt (an index of the patterns) and llms-full.txt (every pattern with its verified code).

Written into docs/ by `python -m sitegen sync`, checked by `python -m sitegen check`, and served as
static files by whichever engine builds the site. Pages are read through `sitegen.pages`, so an
include is expanded wherever the build expands it (at any indentation, in tabs and admonitions).
"""

from __future__ import annotations

import re
import textwrap

import yaml

from .catalog import Catalog
from .charts import chart_text
from .measured import claim_lookup, claim_text, format_value, lookup, workload_text
from .pages import BENCH, BLOCK_MARKER, CLAIM, SEED, WORKLOAD, include_text, parse_page
from .project import Project


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


# A chart marker alone in its paragraph, which may wrap over several lines.
CHART_MARKER = re.compile(r"^\[\[chart:[^\[\]]+\]\]$", re.M)


def _expand(page_path: str, proj: Project) -> str:
    page = parse_page(proj.docs / page_path, proj)
    lines = page.body.splitlines()
    # Replace each include fence, last first so earlier line numbers stay valid.
    for fence, inc in reversed(page.includes):
        start = fence.line - 1 - page.body_offset
        end = start + len(fence.body) + 2
        code = textwrap.indent(include_text(inc.target, proj).rstrip("\n"), fence.indent)
        lang = fence.lang or "text"
        opening = f'{fence.indent}{fence.fence}{lang} title="{inc.target}"'
        lines[start:end] = [opening, code, f"{fence.indent}{fence.fence}"]
    body = "\n".join(lines)

    def figure(m: re.Match[str]) -> str:
        _, metric = lookup(m.group(1))
        return format_value(metric.median, metric.unit)

    def claim(m: re.Match[str]) -> str:
        _, metric, checked = claim_lookup(m.group(1))
        return claim_text(checked, metric)

    body = BENCH.sub(figure, body)
    body = CLAIM.sub(claim, body)
    body = WORKLOAD.sub(lambda m: workload_text(m.group(1), m.group(2)), body)
    body = SEED.sub(r'"\1" (claimed by the seed guide)', body)
    body = CHART_MARKER.sub(lambda m: chart_text(m.group(0)), body)  # the chart in words
    return "\n".join(line for line in body.splitlines() if not BLOCK_MARKER.match(line.strip()))


def render_full(catalog: Catalog, proj: Project) -> str:
    base = proj.site_url
    parts = ["# Python Advanced Patterns — every pattern, with its verified code", ""]
    for section in catalog.sections:
        parts += [f"# {section.meta.title}", "", section.meta.summary, ""]
        for p in section.patterns:
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
            parts += ["", _expand(p.path, proj).strip(), ""]
    return "\n".join(parts) + "\n"
