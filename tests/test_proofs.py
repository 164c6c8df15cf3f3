"""Every proof can fail: with its pattern's key move removed, a snippet's printed proof changes.

Each pattern page declares, in its front matter, what every snippet of its folder is:
- `proofs`: a right-way snippet, the key move of its pattern and mutations that remove it. The
  suite applies each mutation to a copy of the page's folder and runs the snippet again: it must
  fail or print something other than its recorded output. For code under test (the Testing
  section), the named pytest module runs instead and the named tests must fail.
- `pitfalls`: a wrong-way snippet, which demonstrates its own failure;
- `demos`: a snippet that shows a fact, with the reason there is no key move to remove.
"""

from __future__ import annotations

import difflib
import os
import shutil
import sys
from dataclasses import dataclass
from pathlib import Path

import pytest

from sitegen import SNIPPETS
from sitegen.catalog import Pattern, load_catalog
from sitegen.frontmatter import Mutation, Proof
from sitegen.markdown_ext import covered_versions
from sitegen.project import project
from sitegen.records import snippet_record
from sitegen.verified import PYTHONS, minor
from tests.support.forked_runs import PROOFS_FORKED, Run, preloads, run_script
from tests.support.interpreters import interpreter
from tests.support.pytest_snippets import PytestRun, expected, output_file, run_module
from tests.support.snippet_files import SERVER_VARIABLES, is_test_module


def patterns() -> list[Pattern]:
    return list(load_catalog(project().docs).patterns)


@dataclass(frozen=True)
class Case:
    page: str  # docs-relative
    folder: Path  # the page's snippet folder
    snippet: str  # file name of the proof's snippet
    proof: Proof
    mutation: Mutation

    @property
    def id(self) -> str:
        return f"{self.page.removesuffix('.md')}:{self.snippet}:{self.mutation.name}"

    @property
    def target(self) -> str:
        return self.mutation.file or self.snippet


def cases() -> list[Case]:
    found = []
    for p in patterns():
        folder = SNIPPETS / p.section / Path(p.path).stem
        for snippet, proof in p.meta.proofs.items():
            found += [Case(p.path, folder, snippet, proof, m) for m in proof.mutations]
    return found


def apply(mutation: Mutation, source: str, where: str) -> str:
    count = source.count(mutation.replace)
    if count != 1:
        pytest.fail(
            f"{where}: mutation {mutation.name!r} must name text that occurs exactly once; "
            f"{mutation.replace!r} occurs {count} times",
            pytrace=False,
        )
    return source.replace(mutation.replace, mutation.with_)


def server_env(sources: list[str], request: pytest.FixtureRequest) -> dict[str, str]:
    text = "\n".join(sources)
    return {var: request.getfixturevalue(fixture) for var, fixture in SERVER_VARIABLES.items() if var in text}


def python_for(version: str) -> str:
    return sys.executable if version == minor() else str(interpreter(version))


def proof_versions(case: Case) -> list[str]:
    """Where a mutation runs: the newest Python, every version its `not_caught_on` names (to check the
    excuse still holds) and every version on which the unmutated snippet prints something else than on
    the newest (where the code visibly behaves differently, the break may too).

    Every version runs every snippet unmutated. Every mutation on every version would be about 1,100
    runs; on the oldest and the newest alone it was 500 runs, half of the suite's 10-minute budget,
    with 47 pages. Where the snippet prints the same on all four, one version proves the proof can fail.
    """
    newest = PYTHONS[-1]
    chosen = {newest}
    chosen |= {v for key in case.mutation.not_caught_on for v in covered_versions(key, list(PYTHONS))}
    record = snippet_record(f"{case.folder.relative_to(SNIPPETS).as_posix()}/{case.snippet}")
    if record is not None and not case.proof.run and newest in record.runs:
        shown = record.runs[newest].stdout
        chosen |= {v for v, run in record.runs.items() if run.stdout != shown}
    return [v for v in PYTHONS if v in chosen]


def _runs() -> list[tuple[str, Case]]:
    """Each case on each of its versions, in the order that lets one zygote serve consecutive runs: by
    version, then by the imports a zygote preloads, each zygote's runs on one xdist worker
    (tests/support/forked_runs.py, zygote_scope)."""
    runs = [(v, c) for c in cases() for v in proof_versions(c)]
    runs.sort(key=lambda run: (run[0], _imports(run[1]), run[1].id))
    return runs


def _imports(case: Case) -> tuple[str, ...]:
    return () if case.proof.run else preloads(case.folder / case.snippet) or ()


@pytest.mark.parametrize(
    ("case", "version"),
    [pytest.param(c, v, id=f"{c.id}-{v}") for v, c in _runs()],
)
def test_mutation_changes_the_printed_proof(
    case: Case, version: str, request: pytest.FixtureRequest, tmp_path: Path
) -> None:
    where = f"docs/{case.page} (proofs.{case.snippet}) on Python {version}"
    target = case.folder / case.target
    if not target.is_file():
        pytest.fail(f"{where}: mutation {case.mutation.name!r} names {target}, which does not exist", pytrace=False)
    mutated = apply(case.mutation, target.read_text(encoding="utf-8"), where)
    python = python_for(version)
    # On a version its front matter excuses (`not_caught_on`), the break must indeed go unnoticed: once it
    # is caught there, the excuse is stale and must go.
    excused = {v for key in case.mutation.not_caught_on for v in covered_versions(key, list(PYTHONS))}
    stale = f"{where}: {case.mutation.name!r} is caught on Python {version} now: remove it from not_caught_on"
    if case.proof.run:
        module = case.folder / case.proof.run
        run = _run_mutated_module(case, module, mutated, python, request, tmp_path)
        if version in excused:
            assert run.returncode == 0, stale
            return
        assert run.returncode == 1, f"{where}: the tests did not catch {case.mutation.name!r}\n{run.describe()}"
        missed = set(case.mutation.caught_by) - set(run.not_passed)
        assert not missed, f"{where}: {case.mutation.name!r} should fail {sorted(missed)}\n{run.describe()}"
        for node in case.mutation.missed_by:
            assert f"{node} PASSED" in run.output, f"{node} should pass with {case.mutation.name!r}\n{run.describe()}"
        if case.mutation.shown and version == minor():  # the page shows the suite's own Python's run
            _check_shown(run.output, output_file(module, case.mutation.name), request)
        return

    record = snippet_record(f"{case.folder.relative_to(SNIPPETS).as_posix()}/{case.snippet}")
    # What this very Python printed unmutated: versions differ (memory sizes, error messages), so comparing
    # with another version's output would see a change the mutation did not make.
    recorded = record.runs[version].stdout if record and version in record.runs else None
    assert recorded is not None, f"{where}: no recorded output (run `make verify SNIPPET=...` first)"
    # Where the break must be noticed, the run is stopped at the first line that differs: the rest could
    # not make it print the recorded output again.
    proc = _run_mutated_script(case, mutated, version, request, tmp_path, None if version in excused else recorded)
    if version in excused:
        assert proc.returncode == 0 and proc.stdout == recorded, stale
        return
    if proc.stopped:
        assert not recorded.startswith(proc.stdout), f"{where}: stopped while printing the recorded output"
        return  # its output had left the recorded one: the proof noticed
    if proc.returncode != 0:
        return  # the break made the run fail: the proof noticed
    assert proc.stdout != recorded, (
        f"{where}: with mutation {case.mutation.name!r} ({case.proof.key_move}) the snippet prints exactly "
        f"what it prints without it; its proof proves nothing:\n{proc.stdout}"
    )


def _run_mutated_module(
    case: Case, module: Path, mutated: str, python: str, request: pytest.FixtureRequest, tmp_path: Path
) -> PytestRun:
    """The proof's test module, run against the mutated code under test."""
    env = server_env([module.read_text(encoding="utf-8"), mutated], request)
    mutate = {case.target: lambda _source: mutated}
    return run_module(
        module, tmp_path, env=env, mutate=mutate, label=case.mutation.shown, args=_args(module), python=python
    )


def _run_mutated_script(
    case: Case, mutated: str, version: str, request: pytest.FixtureRequest, tmp_path: Path, recorded: str | None
) -> Run:
    """The proof's snippet run as a script, in a copy of its folder holding the mutated file; forked from
    a zygote on the versions whose forked runs of the unmutated snippet are held to their records, and
    then stopped once its output has left `recorded` (when given)."""
    copy = tmp_path / "copy"
    shutil.copytree(case.folder, copy, ignore=shutil.ignore_patterns("__pycache__"))
    (copy / case.target).write_text(mutated, encoding="utf-8")
    env = {**os.environ, **server_env([(case.folder / case.snippet).read_text(encoding="utf-8"), mutated], request)}
    fork = version in PROOFS_FORKED and not request.config.getoption("update_examples")
    return run_script(python_for(version), Path(case.snippet), copy, env, fork=fork, unless_prefix_of=recorded)


def _args(module: Path) -> tuple[str, ...]:
    return expected(module).args


def _check_shown(output: str, committed: Path, request: pytest.FixtureRequest) -> None:
    if request.config.getoption("update_examples"):
        committed.write_text(output, encoding="utf-8")
        return
    shown = committed.read_text(encoding="utf-8") if committed.exists() else ""
    if shown != output:
        diff = "".join(difflib.unified_diff(shown.splitlines(True), output.splitlines(True), "page shows", "now"))
        pytest.fail(f"{committed} is not what pytest prints now (`make verify` rewrites it):\n{diff}", pytrace=False)


@pytest.mark.parametrize("pattern", patterns(), ids=lambda p: p.path)
def test_every_snippet_is_a_proof_a_pitfall_or_a_demo(pattern: Pattern) -> None:
    folder = SNIPPETS / pattern.section / Path(pattern.path).stem
    meta = pattern.meta
    runners = {proof.run for proof in meta.proofs.values() if proof.run}
    declared = [*meta.proofs, *meta.pitfalls, *meta.demos]
    files = sorted(p.name for p in folder.glob("*.py"))
    problems = [f"{name}: declared more than once" for name in set(declared) if declared.count(name) > 1]
    problems += [f"{name}: no such file in {folder}" for name in set(declared) - set(files)]
    problems += [
        f"{name}: not declared as a proof (with a mutation), a pitfall or a demo"
        for name in files
        if name not in declared and not (is_test_module(folder / name) and name in runners)
    ]
    assert not problems, f"docs/{pattern.path}:\n" + "\n".join(problems)
