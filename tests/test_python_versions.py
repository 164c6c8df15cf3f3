"""Every snippet on every supported Python (issue 15). 3.11 runs in tests/test_snippets.py and
tests/test_pytest_snippets.py (the suite's own interpreter), 3.12 in tests/test_install_lines.py (a
clean virtualenv per page); here 3.13 and 3.14 run, each in its virtualenv from `.ci/make-venvs`
(run by `make test`).

- A plain snippet runs as a reader runs it, `python -W error snippet.py`, and must print what its
  record holds for that version; the Output block on its page shows each version that printed
  something else in a tab of its own. `--update-examples` (`make verify`) records the run instead.
- A test module runs under pytest and must end as on 3.11: the same tests fail (the wrong-way
  demos), no other. Its shown output is 3.11's; the record notes the versions it passed on.
- Every record holds a run for every version, so every badge names all four; every version that
  prints something else has a note on its page saying why, and no note speaks of a difference that
  is not there.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from sitegen import SNIPPETS
from sitegen.catalog import load_catalog
from sitegen.markdown_ext import covered_versions, newest_releases_note
from sitegen.project import project
from sitegen.records import latest_releases, snippet_record
from sitegen.verified import key
from tests.support.forked_runs import FORKED, preloads
from tests.support.interpreters import VERSIONS, interpreter
from tests.support.pytest_snippets import expected, run_module, server_env
from tests.support.snippet_files import is_test_module, rel, snippet_files
from tests.support.version_runs import check_module_ends_as_shown, check_or_record, run_of, run_script

HERE = ("3.13", "3.14")


def _script_runs() -> list[object]:
    """Every plain snippet on each version, in the order that lets one zygote serve consecutive runs:
    by version, then by the imports a zygote preloads, each zygote's runs on one xdist worker
    (tests/support/forked_runs.py, zygote_scope)."""
    runs = [(v, s) for v in HERE for s in snippet_files() if not is_test_module(s)]
    runs.sort(key=lambda run: (run[0], preloads(run[1]) or (), run[1]))
    return [
        pytest.param(
            s,
            v,
            id=f"{rel(s)}-{v}",
        )
        for v, s in runs
    ]


@pytest.mark.parametrize(("snippet", "version"), _script_runs())
def test_snippet_on_python(snippet: Path, version: str, request: pytest.FixtureRequest, tmp_path: Path) -> None:
    python = interpreter(version)
    proc = run_script(snippet, python, request, tmp_path, fork=version in FORKED)
    if proc.returncode != 0:
        pytest.fail(f"`python{version} {rel(snippet)}` failed:\n{proc.stdout}\n{proc.stderr}", pytrace=False)
    check_or_record(snippet, version, run_of(snippet, python, proc.stdout), request)


@pytest.mark.parametrize("version", HERE)
@pytest.mark.parametrize("module", [s for s in snippet_files() if is_test_module(s)], ids=rel)
def test_module_on_python(module: Path, version: str, request: pytest.FixtureRequest, tmp_path: Path) -> None:
    want = expected(module)
    python = interpreter(version)
    run = run_module(module, tmp_path, args=want.args, env=server_env(module, request), python=str(python))
    check_module_ends_as_shown(module, run, f"{rel(module)} on Python {version}")
    check_or_record(module, version, run_of(module, python, None), request)


def test_every_snippet_is_verified_on_every_version() -> None:
    missing = {}
    for snippet in snippet_files():
        record = snippet_record(key(snippet))
        absent = [v for v in VERSIONS if record is None or v not in record.runs]
        if absent:
            missing[rel(snippet)] = absent
    assert not missing, f"not verified on every supported Python (`make verify SNIPPET=...`): {missing}"


def _differing_versions(rel_key: str) -> set[str]:
    """The versions whose output differs from the newest version's (the tabs on the page)."""
    record = snippet_record(rel_key)
    if record is None:
        return set()
    newest = record.newest().stdout
    return {v for v, run in record.runs.items() if run.stdout != newest}


def test_each_version_that_prints_something_else_has_a_note() -> None:
    problems = []
    for pattern in load_catalog(project().docs).patterns:
        folder = f"{pattern.section}/{Path(pattern.path).stem}"
        notes = pattern.meta.version_notes
        for snippet in sorted((SNIPPETS / folder).glob("*.py")):
            differing = _differing_versions(f"{folder}/{snippet.name}")
            explained = {v for k in notes.get(snippet.name, {}) for v in covered_versions(k, list(VERSIONS))}
            if differing - explained:
                problems.append(
                    f"{pattern.path}: {snippet.name} prints something else on Python "
                    f"{', '.join(sorted(differing - explained))}; add a `version_notes` entry saying why"
                )
            for note_key in notes.get(snippet.name, {}):
                stray = set(covered_versions(note_key, list(VERSIONS))) - differing
                if stray:
                    problems.append(
                        f"{pattern.path}: version_notes {snippet.name} {note_key!r}: the output on Python "
                        f"{', '.join(sorted(stray))} does not differ from the newest version's"
                    )
        unknown = set(notes) - {p.name for p in (SNIPPETS / folder).glob("*.py")}
        if unknown:
            problems.append(f"{pattern.path}: version_notes for files not in its folder: {sorted(unknown)}")
    assert not problems, "\n".join(problems)


def test_badge_says_where_the_newest_releases_pass() -> None:
    """`make test-latest` records its canary; a badge claims the newest releases only for code that passed
    with them as it is now (same source), and names each release newer than the pins."""
    latest = latest_releases()
    assert latest is not None, "no canary/latest-releases.json: run `make test-latest`"
    for rel_key, run in latest.snippets.items():
        record = snippet_record(rel_key)
        if record is None:
            continue  # a snippet deleted since the canary ran
        text = newest_releases_note(rel_key, record.sha256, record.newest().packages)
        assert bool(text) == (run.passed and run.sha256 == record.sha256), (rel_key, text)
        for name, version in run.packages.items():
            if text and record.newest().packages.get(name) != version:
                assert f"{name} {version}" in text, (rel_key, text)
