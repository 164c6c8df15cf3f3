"""The site builds with `strict` and no warnings, and shows exactly the code that was tested."""

from __future__ import annotations

import difflib
import html
import json
import re
from pathlib import Path

import pytest

from sitegen import DOCS, SNIPPETS
from sitegen.catalog import load_catalog
from sitegen.change_view import shown_with
from sitegen.records import all_records
from sitegen.verified import recorded_stdout
from tests.support.built_pages import CODE_BLOCK, code_text, expected_code, page_html, shown_snippets
from tests.support.page_sources import fences, pages, split_target
from tests.support.site_build import BuiltSite


def test_build_is_strict_and_clean(built_site: BuiltSite) -> None:
    warnings = [line for line in built_site.log.splitlines() if "WARNING" in line or "ERROR" in line]
    assert not warnings, "\n".join(warnings)


def test_every_page_is_built(built_site: BuiltSite) -> None:
    for page in pages():
        assert page_html(built_site.path, page), page


@pytest.mark.parametrize("page", [p for p in pages() if any(f.include for f in fences(p))], ids=str)
def test_code_in_built_page_is_exactly_the_tested_file(built_site: BuiltSite, page: Path) -> None:
    built = page_html(built_site.path, page)
    blocks = shown_snippets(built)
    includes = [f.include for f in fences(page) if f.include]
    assert len(blocks) == len(includes), f"{page}: {len(includes)} snippets included, {len(blocks)} shown"
    for block, target in zip(blocks, includes, strict=True):
        assert block.rstrip("\n") == expected_code(target).rstrip("\n"), target


@pytest.mark.parametrize("page", [p for p in pages() if any(f.include for f in fences(p))], ids=str)
def test_output_block_matches_the_checked_output_comments(built_site: BuiltSite, page: Path) -> None:
    built = page_html(built_site.path, page)
    outputs = {m.group("title"): code_text(m.group("code")) for m in CODE_BLOCK.finditer(built)}
    for target in [f.include for f in fences(page) if f.include]:
        path, section = split_target(target)
        if path.suffix != ".py" or section:
            continue
        printed = recorded_stdout(path.relative_to(SNIPPETS).as_posix())
        if not printed:
            continue
        shown = outputs.get(f"Output of python {path.name}")
        assert shown is not None, f"{page}: no output block for {target}"
        assert shown.rstrip("\n").splitlines() == printed


def test_downloads_are_the_tested_files(built_site: BuiltSite) -> None:
    for snippet in SNIPPETS.rglob("*.py"):
        served = built_site.path / "downloads" / snippet.relative_to(SNIPPETS)
        assert served.read_bytes() == snippet.read_bytes(), served


def test_badges_show_the_recorded_versions(built_site: BuiltSite) -> None:
    records = all_records()
    for page in pages():
        built = page_html(built_site.path, page)
        for target in {split_target(f.include)[0] for f in fences(page) if f.include}:
            if target.suffix != ".py":
                continue
            record = records[target.relative_to(SNIPPETS).as_posix()]
            pythons = " · ".join(run.python for run in record.runs.values())
            expected = f"Python {pythons}" + "".join(
                f", {name} {version}" for name, version in record.newest().packages.items()
            )
            assert f"on {expected} on {record.verified_on}" in html.unescape(built), target


def test_generated_tables_list_every_pattern(built_site: BuiltSite) -> None:
    catalog = load_catalog(DOCS)
    quick = (built_site.path / "quick-reference" / "index.html").read_text()
    by_level = (built_site.path / "complexity" / "index.html").read_text()
    for pattern in catalog.patterns:
        link = f'href="../{pattern.url}"'
        assert link in quick, f"quick reference misses {pattern.path}"
        assert link in by_level, f"complexity index misses {pattern.path}"
        assert f'data-complexity="{pattern.meta.complexity}"' in quick


def test_api_reference_entries_are_cross_referenced_from_pattern_pages(built_site: BuiltSite) -> None:
    identifiers = re.findall(r"^::: ([\w.]+)$", (DOCS / "api-reference.md").read_text(), flags=re.M)
    assert identifiers, "the API reference documents nothing"
    reference = (built_site.path / "api-reference" / "index.html").read_text()
    linked = "".join(page_html(built_site.path, p) for p in pages() if p.name != "api-reference.md")
    for identifier in identifiers:
        assert f'id="{identifier}"' in reference, f"{identifier} is not rendered in the API reference"
        assert f'api-reference/#{identifier}"' in linked, f"no pattern page links to {identifier}"


def test_search_index_holds_each_patterns_errors_and_symptoms_as_tags(built_site: BuiltSite) -> None:
    docs = json.loads((built_site.path / "search" / "search_index.json").read_text())["docs"]
    tags = {d["location"]: d.get("tags", []) for d in docs}
    for pattern in load_catalog(DOCS).patterns:
        wanted = [*pattern.meta.errors, *pattern.meta.symptoms]
        missing = [w for w in wanted if w not in tags.get(pattern.url, [])]
        assert not missing, f"{pattern.path}: not search tags (sitegen/search_hooks.py): {missing}"


def test_reviews_stay_out_of_the_search_index(built_site: BuiltSite) -> None:
    docs = json.loads((built_site.path / "search" / "search_index.json").read_text())["docs"]
    indexed = sorted({d["location"].split("#")[0] for d in docs if d["location"].startswith("downloads/")})
    assert not indexed, f"the search index holds pages served with the downloads: {indexed[:5]}"
    assert (built_site.path / "downloads" / "async" / "gather" / "REVIEW" / "index.html").is_file(), "reviews are pages"


def _pairs() -> list[tuple[str, str, str]]:
    """Every (page, pitfall, right-way file) the site pairs: a pitfall with the proof that fixes it,
    or with that proof's test module for a pitfall that is a test module."""
    pairs = []
    for pattern in load_catalog(DOCS).patterns:
        for file, proof in pattern.meta.proofs.items():
            for pitfall in proof.fixes:
                right = shown_with(file, proof.run, pitfall)
                pairs.append((pattern.path, pitfall, right))
    return pairs


def test_every_pitfall_is_paired_with_its_fix() -> None:
    paired = {(page, pitfall) for page, pitfall, _ in _pairs()}
    pitfalls = {(p.path, f) for p in load_catalog(DOCS).patterns for f in p.meta.pitfalls}
    assert paired == pitfalls
    assert len(pitfalls) > 60  # the catalogue has 68: a schema change that empties `fixes` fails here


CHANGE_LINE = re.compile(
    r'<p class="pap-change"[^>]*>(?P<line>.*?)</p>\s*<div[^>]*><span class="filename">(?P<title>[^<]*)</span>', re.S
)


@pytest.mark.parametrize(("page", "pitfall", "right"), _pairs(), ids=lambda v: str(v))
def test_fix_shows_the_lines_it_changes_and_its_diff(
    built_site: BuiltSite, page: str, pitfall: str, right: str
) -> None:
    folder = page.removesuffix(".md")

    def lines(name: str) -> list[str]:
        return (SNIPPETS / folder / name).read_text(encoding="utf-8").splitlines()

    built = page_html(built_site.path, DOCS / page)
    above = [m.group("line") for m in CHANGE_LINE.finditer(built) if m.group("title") == right]
    assert len(above) == 1, f"{page}: {len(above)} change lines above {right}"
    buttons = re.findall(r'<button type="button" class="pap-diff-toggle"[^>]*>', above[0])
    button = next((b for b in buttons if f'data-from="{folder}/{pitfall}"' in b), None)
    assert button is not None, f"{page}: no diff button for {pitfall} above {right}"
    matcher = difflib.SequenceMatcher(None, lines(pitfall), lines(right), autojunk=False)
    hunks = "/".join(
        ",".join(f"{tag[0]} {i1} {i2} {j1} {j2}" for tag, i1, i2, j1, j2 in hunk)
        for hunk in matcher.get_grouped_opcodes(3)
    )
    assert f'data-hunks="{hunks}"' in button
    # The block highlights exactly the lines that differ from the first pitfall it names.
    first = re.search(r'data-from="[^"]*/([^"/]+)"', buttons[0])
    assert first is not None
    if first.group(1) == pitfall:
        code = next(m.group("code") for m in CODE_BLOCK.finditer(built) if m.group("title") == right)
        highlighted = [n for n, line in enumerate(code.split("\n"), 1) if '<span class="hll">' in line]
        changed = [
            j + 1 for t, _, _, j1, j2 in matcher.get_opcodes() if t in ("replace", "insert") for j in range(j1, j2)
        ]
        assert changed and highlighted == changed, f"{right}: lines {highlighted} highlighted, {changed} differ"
