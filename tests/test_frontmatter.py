"""Bad metadata or a bad reference stops the build with a message naming the file and the problem."""

from __future__ import annotations

from pathlib import Path

import pytest

from sitegen.catalog import load_catalog
from sitegen.frontmatter import PageError
from tests.support.mini_project import edit, make_mini_project
from tests.support.site_build import build_site

GATHER = "docs/async/gather.md"


@pytest.fixture
def project(tmp_path: Path) -> Path:
    return make_mini_project(tmp_path / "project")


@pytest.mark.parametrize(
    ("old", "new", "message"),
    [
        (
            "complexity: 3",
            "complexity: 7",
            "docs/async/gather.md: field 'complexity': Input should be less than or equal to 5",
        ),
        (
            "use_case: Several",
            "usecase: Several",
            "docs/async/gather.md: field 'use_case': Field required",
        ),
        (
            "related: [",
            "related: [async/nowhere.md, ",
            "docs/async/gather.md: field 'related.0': unknown page 'async/nowhere.md'",
        ),
        (
            "modules: [asyncio]",
            "modules: []",
            "docs/async/gather.md: field 'modules': List should have at least 1 item",
        ),
        (
            "title: Parallel",
            "title: [Parallel",
            "docs/async/gather.md: front matter is not valid YAML",
        ),
        ("---\ntitle:", "title:", "docs/async/gather.md: no front matter"),
        (
            "symptoms: [",
            "symptoms: [] #",
            "docs/async/gather.md: field 'symptoms': List should have at least 2 items",
        ),
    ],
    ids=[
        "complexity-7",
        "missing-use-case",
        "unknown-related",
        "no-modules",
        "bad-yaml",
        "no-front-matter",
        "one-symptom-short",
    ],
)
def test_bad_front_matter_is_reported_with_file_and_field(project: Path, old: str, new: str, message: str) -> None:
    edit(project / GATHER, old, new)
    with pytest.raises(PageError) as caught:
        load_catalog(project / "docs")
    assert message in str(caught.value)


def test_valid_mini_project_builds(project: Path) -> None:
    proc = build_site(project / "site", project)
    assert proc.returncode == 0, proc.stderr
    page = (project / "site" / "async" / "gather" / "index.html").read_text()
    assert 'title="complexity 3 of 5"' in page  # stars near the title, from the front matter
    related = page[page.index('id="related-patterns"') :]
    assert 'href="../other/"' in related and "Another pattern" in related


@pytest.mark.parametrize(
    ("path", "old", "new", "message"),
    [
        (GATHER, "complexity: 3", "complexity: 7", "docs/async/gather.md: field 'complexity'"),
        (GATHER, "use_case: Several", "usecase: Several", "docs/async/gather.md: field 'use_case': Field required"),
        (GATHER, "related: [", "related: [async/nowhere.md, ", "docs/async/gather.md: field 'related.0': unknown page"),
        (GATHER, '"async/gather/gather.py"', '"async/gather/missing.py"', "async/gather/missing.py"),
        (GATHER, '"async/gather/gather.py"', '"async/gather/gather.py:nosuchsection"', "nosuchsection"),
        (
            GATHER,
            "[[bench:async_gather.speedup]]",
            "[[bench:async_gather.nothing]]",
            "'async_gather.nothing' is not in benchmarks/results/",
        ),
        (
            GATHER,
            "[[bench:async_gather.speedup]]",
            "[[claim:async_gather.sequential]]",
            "must check exactly one claim on 'sequential'",
        ),
        (
            "verified/async/gather/gather.py.json",
            '"sha256"',
            '"sha"',
            "verified/async/gather/gather.py.json: not a valid SnippetRecord",
        ),
    ],
    ids=[
        "complexity-7",
        "missing-use-case",
        "unknown-related",
        "missing-snippet",
        "missing-section",
        "unknown-figure",
        "claim-without-a-check",
        "corrupt-record",
    ],
)
def test_build_stops_on_bad_input(project: Path, path: str, old: str, new: str, message: str) -> None:
    edit(project / path, old, new)
    proc = build_site(project / "site", project)
    assert proc.returncode != 0, "the build should have failed"
    assert message in proc.stdout + proc.stderr


def test_build_stops_on_an_unverified_snippet(project: Path) -> None:
    (project / "verified" / "async" / "gather" / "gather.py.json").unlink()
    proc = build_site(project / "site", project)
    assert proc.returncode != 0, "the build should have failed"
    assert "snippets/async/gather/gather.py: no verification record" in proc.stdout + proc.stderr
