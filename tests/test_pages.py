"""Nothing untested is published and nothing tested is orphaned; the sources agree with each other."""

from __future__ import annotations

import re
import subprocess
import sys
import textwrap
from pathlib import Path

from sitegen import DOCS, ROOT, SNIPPETS
from sitegen.catalog import load_catalog
from sitegen.pages import FIGURE, SEED, all_pages, include_text
from sitegen.project import project
from sitegen.records import all_records, record_path
from tests.support.page_sources import body_without_code, fences, pages, split_target


def _rel(path: Path) -> str:
    return path.relative_to(ROOT).as_posix()


def all_includes() -> list[tuple[Path, int, str]]:
    return [(f.page, f.line, f.include) for page in pages() for f in fences(page) if f.include]


def test_every_code_block_on_a_page_is_a_snippet_include() -> None:
    # Every line of code a reader can copy is a file the suite uses: Python, and also the HTML, INI or
    # output a page shows (the CSRF page's attacker form is a file its program reads and submits).
    inline = [
        f"{_rel(f.page)}:{f.line} ({f.lang or 'no language'})"
        for page in pages()
        for f in fences(page)
        if f.include is None
    ]
    assert not inline, f"code written straight into a page (put it in snippets/ and include it): {inline}"


def test_every_include_names_an_existing_snippet_and_section() -> None:
    problems = []
    for page, line, target in all_includes():
        path, section = split_target(target)
        if not path.is_file():
            problems.append(f"{_rel(page)}:{line}: snippet {target!r} does not exist")
        elif section and f"[start:{section}]" not in path.read_text(encoding="utf-8"):
            problems.append(f"{_rel(page)}:{line}: {_rel(path)} has no section '{section}'")
    assert not problems, "\n".join(problems)


def test_snippets_are_included_only_from_pattern_pages() -> None:
    # Download links under a snippet are relative to docs/<section>/<page>.md.
    wrong = [
        f"{_rel(page)}:{line}"
        for page, line, _ in all_includes()
        if len(page.relative_to(DOCS).parts) != 2 or page.name == "index.md"
    ]
    assert not wrong, f"snippets included outside docs/<section>/<pattern>.md: {wrong}"


def test_every_snippet_file_is_shown_by_a_page() -> None:
    shown = {split_target(target)[0].resolve() for _, _, target in all_includes()}
    files = [p for p in SNIPPETS.rglob("*") if p.is_file() and "__pycache__" not in p.parts and p.name != "REVIEW.md"]
    orphans = [_rel(p) for p in files if p.resolve() not in shown]
    assert not orphans, f"snippet files no page shows (tested but never published): {orphans}"


def test_a_pages_code_lives_in_the_folder_its_name_says() -> None:
    # docs/<section>/<slug>.md shows only snippets/<section>/<slug>/*, and every such folder
    # belongs to one pattern page: a file's page is found from its path alone.
    problems = []
    for page, line, target in all_includes():
        folder = page.relative_to(DOCS).with_suffix("").as_posix()
        if not target.startswith(folder + "/") or target.count("/") != folder.count("/") + 1:
            problems.append(f"{_rel(page)}:{line}: includes {target!r}, outside snippets/{folder}/")
    pattern_folders = {p.path.removesuffix(".md") for p in load_catalog(DOCS).patterns}
    for snippet_folder in sorted(
        {p.parent for p in SNIPPETS.rglob("*") if p.is_file() and "__pycache__" not in p.parts}
    ):
        rel = snippet_folder.relative_to(SNIPPETS).as_posix()
        if rel not in pattern_folders:
            problems.append(f"snippets/{rel}/: no pattern page docs/{rel}.md")
    assert not problems, "\n".join(problems)


def test_every_snippet_has_a_verification_record_and_no_record_is_orphaned() -> None:
    records = all_records()
    files = {p.relative_to(SNIPPETS).as_posix() for p in SNIPPETS.rglob("*.py")}
    assert files - set(records) == set(), "snippets never verified: run `make sync`"
    assert set(records) - files == set(), "records of snippets that no longer exist: delete them from verified/"
    for rel, record in records.items():
        assert record_path(rel) == project().records / f"{record.snippet}.json", f"{rel}: record in the wrong file"


def test_llms_full_shows_every_include_expanded() -> None:
    text = (DOCS / "llms-full.txt").read_text(encoding="utf-8")
    raw = [line for line in text.splitlines() if "--8<--" in line]
    assert not raw, f"llms-full.txt holds includes instead of code: {raw[:3]}"
    for page in all_pages():
        for fence, inc in page.includes:
            code = textwrap.indent(include_text(inc.target).rstrip("\n"), fence.indent)
            assert code in text, f"llms-full.txt lacks the code of {inc.target} (docs/{page.rel}:{fence.line})"


def test_pattern_pages_follow_the_page_shape() -> None:
    problems = []
    for pattern in load_catalog(DOCS).patterns:
        page = DOCS / pattern.path
        headings = re.findall(r"^## (.+)$", page.read_text(encoding="utf-8"), flags=re.M)
        for required in ("The pattern", "Why it works"):
            if required not in headings:
                problems.append(f"{_rel(page)}: missing '## {required}'")
        if "The pitfall" in headings and headings.index("The pitfall") > headings.index("The pattern"):
            problems.append(f"{_rel(page)}: '## The pitfall' must come before '## The pattern'")
        if not any(f.include for f in fences(page)):
            problems.append(f"{_rel(page)}: shows no snippet")
    assert not problems, "\n".join(problems)


# A multiplier ("3.5x", "2×") or a percentage in prose is a measured claim: it must come from
# benchmarks/results.json through [[bench:...]], or be a seed quote in [[seed:...]].
CLAIM = re.compile(r"(?<![\w.])\d+(?:[.,]\d+)?\s?(?:[x×](?![\w])|%)")


def test_no_measured_figure_is_typed_into_prose() -> None:
    problems = []
    for page in pages():
        prose = SEED.sub("", FIGURE.sub("", body_without_code(page)))
        problems += [f"{_rel(page)}: '{m.group(0)}'" for m in CLAIM.finditer(prose)]
    assert not problems, "figures typed into prose (use [[bench:...]]):\n" + "\n".join(problems)


def test_seed_quotes_are_verbatim() -> None:
    seeds = " ".join(p.read_text(encoding="utf-8") for p in sorted(project().seeds.glob("*.txt")))
    assert seeds.strip(), f"{project().seeds}: the seed guides the pages quote are missing"
    flat = re.sub(r"\s+", " ", seeds)
    problems = []
    for page in pages():
        for quote in SEED.findall(page.read_text(encoding="utf-8")):
            if re.sub(r"\s+", " ", quote.strip()) not in flat:
                problems.append(f"{_rel(page)}: [[seed:{quote}]] is not in the seed guides")
    assert not problems, "\n".join(problems)


def test_generated_files_are_in_sync() -> None:
    proc = subprocess.run([sys.executable, "-m", "sitegen", "check"], cwd=ROOT, capture_output=True, text=True)
    assert proc.returncode == 0, proc.stderr


def test_front_matter_of_every_page_is_valid() -> None:
    catalog = load_catalog(DOCS)  # raises PageError naming file and field
    assert catalog.patterns, "no pattern pages found"
    assert [s.meta.order for s in catalog.sections] == sorted(s.meta.order for s in catalog.sections)


def test_every_pattern_page_has_its_adversarial_review() -> None:
    # The record of what was tried against the page sits beside its code and is linked from it.
    missing = [
        f"snippets/{p.path.removesuffix('.md')}/REVIEW.md"
        for p in load_catalog(DOCS).patterns
        if not (SNIPPETS / p.path.removesuffix(".md") / "REVIEW.md").is_file()
    ]
    assert not missing, f"pattern pages without a recorded adversarial review: {missing}"
