"""The README's "How fast" table, rendered from the benchmark results (never typed by hand)."""

from __future__ import annotations

from .measured import format_value
from .project import project
from .records import BenchmarkResult, all_results

BEGIN, END = (
    "<!-- BEGIN site speed: written by `make sync` from benchmarks/results/ -->",
    "<!-- END site speed -->",
)

ROWS = [
    ("site_build", "build_seconds", "Full build (`mkdocs build`, CPU time)"),
    ("site_build", "per_page", "Build time per page (CPU time)"),
    ("site_build", "bare_per_page", "…a bare Material build of the same pages, per page"),
    ("site_build", "vs_bare", "Our build / bare Material build, same run (target ≤ 1.3×, guarded at 1.4×)"),
    ("site_build", "fastapi_speedup", "Faster per page than FastAPI's docs (target ≥ 2×; theirs measured elsewhere)"),
    ("site_build", "pydantic_speedup", "Faster per page than Pydantic's docs (target ≥ 2×; theirs measured elsewhere)"),
    ("site_build", "max_pattern_page_gz", "Heaviest pattern page, HTML + CSS + JS gzipped (target < 70 KiB)"),
    ("site_build", "median_pattern_page_gz", "Median pattern page, HTML + CSS + JS gzipped"),
    ("site_build", "min_pattern_page_gz", "Lightest pattern page, HTML + CSS + JS gzipped"),
    ("site_build", "material_assets_gz", "…of which Material's own CSS and JS, the same on every page"),
    ("site_build", "own_assets_gz", "…of which this site's own CSS and JS, the same on every page"),
    ("site_build", "search_index_bytes", "Search index"),
    ("site_build", "search_index_gz", "Search index, gzipped"),
    (
        "site_search",
        "median_wait",
        "Search: last keystroke to results on screen, Chromium, median of the readers' queries (target < 100 ms)",
    ),
    ("site_suite", "seconds", "Whole test suite on Python 3.11–3.14, `make test` minus set-up (target < 10 min)"),
]


def render(results: dict[str, BenchmarkResult]) -> str:
    lines = [BEGIN, "| What | Measured |", "| --- | --- |"]
    env = None
    for bench_id, metric, label in ROWS:
        bench = results.get(bench_id)
        if bench is None:
            lines.append(f"| {label} | not measured yet: run `python -m benchmarks {bench_id}` |")
            continue
        m = bench.metrics[metric]
        lines.append(f"| {label} | {format_value(m.median, m.unit)} |")
        env = bench.environment
    if env:
        lines.append("")
        lines.append(f"Medians measured {env.date} on {env.cpu} ({env.cores} cores), Python {env.python}.")
    lines.append(END)
    return "\n".join(lines)


def replace(readme_text: str, table: str) -> str:
    start, end = readme_text.index(BEGIN), readme_text.index(END) + len(END)
    return readme_text[:start] + table + readme_text[end:]


def readme_text() -> str:
    """README.md as it must be: its site-speed table rendered from the current results."""
    text = project().readme.read_text(encoding="utf-8")
    if BEGIN not in text or END not in text:
        raise ValueError(f"{project().readme}: the generated site-speed table markers are missing ({BEGIN} … {END})")
    return replace(text, render(all_results()))


def sync_readme() -> bool:
    new = readme_text()
    if new == project().readme.read_text(encoding="utf-8"):
        return False
    project().readme.write_text(new, encoding="utf-8")
    return True
