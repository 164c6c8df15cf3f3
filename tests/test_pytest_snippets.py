"""The Testing section's snippets are pytest test modules: run each one and check what it shows.

- Every `snippets/testing/test_*.py` runs with pytest in its own process (tests/pytest_snippets.py)
  and ends the way its page says: all tests pass, or, for a wrong-way demo, exactly the tests
  named below fail. When the suite gives it a server (POSTGRES_URL), no test may be skipped.
- The page shows the run's real, normalised output: the committed `test_<x>.txt` next to the
  module must match it; `--update-examples` (`make verify`) rewrites it instead.
- A module that needs a server also runs without one, the way a reader without PostgreSQL runs
  it: its tests for that server are skipped with a reason, never silently passed
  (`test_<x>.no-server.txt`).
- Each page's tests catch a deliberately broken variant of its code under test (MUTATIONS).
"""

from __future__ import annotations

import difflib
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import pytest

from tests.support.pytest_snippets import (
    SECTION,
    PytestRun,
    output_file,
    run_module,
    snippet_test_modules,
    unstable_parts,
)
from tests.support.snippet_files import SERVER_VARIABLES, rel


@dataclass(frozen=True)
class Expected:
    """How a module's run must end, and the command line its page shows."""

    args: tuple[str, ...] = ("-v",)
    fail: tuple[str, ...] = ()  # node ids that must fail: the wrong-way demos


EXPECTED: dict[str, Expected] = {
    "test_fixtures.py": Expected(args=("-v", "--setup-show")),
    "test_fixtures_wrong.py": Expected(fail=("test_fixtures_wrong.py::test_same_email_in_the_next_test",)),
    "test_parametrize.py": Expected(args=("-v", "-ra")),
    "test_mocking_wrong.py": Expected(
        fail=(
            "test_mocking_wrong.py::test_fetch_name_with_a_real_response",
            "test_mocking_wrong.py::test_find_by_email_with_a_real_session",
            "test_mocking_wrong.py::test_read_notes_with_mock_open",
        )
    ),
    "test_async_integration_wrong.py": Expected(
        fail=(
            "test_async_integration_wrong.py::test_with_a_plain_async_fixture",
            "test_async_integration_wrong.py::test_with_the_app_argument",
        )
    ),
}


@dataclass(frozen=True)
class Mutation:
    """A named, deliberately broken variant of the code under test, and the tests that catch it."""

    name: str
    module: str  # the test module to run
    target: str  # the file of code under test to break
    edits: tuple[tuple[str, str], ...]  # (exact text, present once in the target; replacement)
    caught_by: tuple[str, ...]  # node ids that must fail
    missed_by: tuple[str, ...] = ()  # node ids that still pass: what a narrower suite would miss
    shown: str = ""  # when a page shows this run: what was broken, heading its output file

    def apply(self, source: str) -> str:
        for old, new in self.edits:
            count = source.count(old)
            assert count == 1, f"mutation {self.name!r}: {old!r} occurs {count} times in {self.target}"
            source = source.replace(old, new)
        return source


CHECK_THEN_INSERT = """\
    if await session.scalar(select(User.id).where(User.email == new.email)):
        raise HTTPException(409, "Email already registered")
    user = User(email=new.email, name=new.name)
    session.add(user)
    await session.commit()
"""

MUTATIONS = [
    Mutation(
        name="register-forgets-to-commit",
        module="test_fixtures.py",
        target="accounts.py",
        edits=(("    session.commit()\n", "    session.flush()\n"),),
        caught_by=("test_fixtures.py::test_register_commits",),
    ),
    Mutation(
        name="search-ignores-case-only-on-sqlite",
        module="test_parametrize.py",
        target="catalog.py",
        edits=(
            (
                "Product.name.icontains(text, autoescape=True)",
                "Product.name.contains(text, autoescape=True)",
            ),
        ),
        caught_by=("test_parametrize.py::test_search[postgresql-uppercase]",),
        missed_by=("test_parametrize.py::test_search[sqlite-uppercase]",),
        shown="catalog.py broken: search() uses contains() instead of icontains()",
    ),
    Mutation(
        name="search-treats-percent-as-a-wildcard",
        module="test_parametrize.py",
        target="catalog.py",
        edits=(("Product.name.icontains(text, autoescape=True)", "Product.name.icontains(text)"),),
        caught_by=(
            "test_parametrize.py::test_search[sqlite-lone-wildcard]",
            "test_parametrize.py::test_search[postgresql-lone-wildcard]",
        ),
    ),
    Mutation(
        name="retry-gives-up-at-once",
        module="test_mocking.py",
        target="profiles.py",
        edits=(("            await sleep(0.05 * 2**attempt)\n", "            raise\n"),),
        caught_by=("test_mocking.py::test_retry_recovers_from_network_errors",),
    ),
    Mutation(
        name="awaits-response-json",
        module="test_mocking.py",
        target="profiles.py",
        edits=(("return response.json()", "return await response.json()"),),
        caught_by=(
            "test_mocking.py::test_names_are_fetched_once",
            "test_mocking.py::test_greeting",
        ),
    ),
    Mutation(
        name="create-user-forgets-to-commit",
        module="test_async_integration.py",
        target="users_api.py",
        edits=(("        await session.commit()\n", "        await session.flush()\n"),),
        caught_by=(
            "test_async_integration.py::test_user_is_committed",
            "test_async_integration.py::test_create_then_read",
        ),
    ),
    Mutation(
        name="create-user-checks-then-inserts",
        module="test_async_integration.py",
        target="users_api.py",
        edits=(
            ("from sqlalchemy import String\n", "from sqlalchemy import String, select\n"),
            (
                """\
    user = User(email=new.email, name=new.name)
    session.add(user)
    try:
        await session.commit()
    except IntegrityError:
        # The unique constraint decides: of two concurrent signups, exactly one wins.
        await session.rollback()
        raise HTTPException(409, "Email already registered") from None
""",
                CHECK_THEN_INSERT,
            ),
        ),
        caught_by=("test_async_integration.py::test_concurrent_duplicates_one_wins",),
        missed_by=("test_async_integration.py::test_duplicate_email_is_a_409",),
    ),
]


def expected(module: Path) -> Expected:
    return EXPECTED.get(module.name, Expected())


def server_env(module: Path, request: pytest.FixtureRequest) -> dict[str, str]:
    source = module.read_text(encoding="utf-8")
    return {var: request.getfixturevalue(fixture) for var, fixture in SERVER_VARIABLES.items() if var in source}


def check_output(run: PytestRun, committed: Path, request: pytest.FixtureRequest) -> None:
    unstable = unstable_parts(run.output)
    assert not unstable, f"the output shows memory addresses {unstable}: it would change on every run\n{run.output}"
    if request.config.getoption("update_examples"):
        committed.write_text(run.output, encoding="utf-8")
        return
    if not committed.exists():
        pytest.fail(f"{rel(committed)} is missing: run `make verify` to record it", pytrace=False)
    shown = committed.read_text(encoding="utf-8")
    if shown != run.output:
        diff = "".join(
            difflib.unified_diff(
                shown.splitlines(keepends=True),
                run.output.splitlines(keepends=True),
                "page shows",
                "pytest printed",
            )
        )
        pytest.fail(
            f"{rel(committed)} is not what pytest prints now (`make verify` rewrites it):\n{diff}",
            pytrace=False,
        )


@pytest.mark.parametrize("module", snippet_test_modules(), ids=rel)
def test_module_passes_and_shows_its_output(module: Path, request: pytest.FixtureRequest, tmp_path: Path) -> None:
    want = expected(module)
    env = server_env(module, request)
    run = run_module(module, tmp_path, args=want.args, env=env)
    assert run.returncode in (0, 1), run.describe()  # 2-5: interrupted, internal or usage error
    assert sorted(run.not_passed) == sorted(want.fail), (
        f"expected {'failures of ' + ', '.join(want.fail) if want.fail else 'every test to pass'}; "
        f"got {run.counts}\n{run.describe()}"
    )
    if env:
        assert not run.counts.get("skipped"), (
            f"tests were skipped although {', '.join(env)} was given\n{run.describe()}"
        )
    assert not run.counts.get("xpassed"), run.describe()
    check_output(run, output_file(module), request)


def needs_servers(module: Path) -> bool:
    return any(var in module.read_text(encoding="utf-8") for var in SERVER_VARIABLES)


@pytest.mark.parametrize("module", [m for m in snippet_test_modules() if needs_servers(m)], ids=rel)
def test_module_without_servers_skips_with_a_reason(
    module: Path, request: pytest.FixtureRequest, tmp_path: Path
) -> None:
    source = module.read_text(encoding="utf-8")
    unset = [var for var in SERVER_VARIABLES if var in source]
    run = run_module(module, tmp_path, args=expected(module).args, unset=unset)
    assert sorted(run.not_passed) == sorted(expected(module).fail), run.describe()
    assert run.counts.get("skipped"), f"nothing was skipped without a server: was the server really used?\n{run.raw}"
    for var in unset:
        assert f"{var} is not set" in run.output, f"the skip reason does not say that {var} is not set\n{run.raw}"
    check_output(run, output_file(module, "no-server"), request)


@pytest.mark.parametrize("mutation", MUTATIONS, ids=lambda m: m.name)
def test_broken_code_under_test_fails_the_page_tests(
    mutation: Mutation, request: pytest.FixtureRequest, tmp_path: Path
) -> None:
    module = next(m for m in snippet_test_modules() if m.name == mutation.module)
    mutate: dict[str, Callable[[str], str]] = {mutation.target: mutation.apply}
    env = server_env(module, request)
    run = run_module(module, tmp_path, args=expected(module).args, env=env, mutate=mutate, label=mutation.shown)
    assert run.returncode == 1, f"the tests did not catch {mutation.name!r}\n{run.describe()}"
    missed = set(mutation.caught_by) - set(run.not_passed)
    assert not missed, f"{mutation.name!r} should fail {sorted(missed)}\n{run.describe()}"
    for node in mutation.missed_by:
        assert f"{node} PASSED" in run.output, f"{node} should pass even with {mutation.name!r}\n{run.describe()}"
    if mutation.shown:
        check_output(run, output_file(module, mutation.name), request)


def test_every_output_file_belongs_to_a_run() -> None:
    runs = {output_file(m) for m in snippet_test_modules()}
    runs |= {output_file(m, "no-server") for m in snippet_test_modules() if needs_servers(m)}
    modules = {m.name: m for m in snippet_test_modules()}
    runs |= {output_file(modules[m.module], m.name) for m in MUTATIONS if m.shown}
    orphans = [rel(p) for p in SECTION.glob("*/test_*.txt") if p not in runs]
    assert not orphans, f"outputs of runs the suite no longer makes: {orphans}"


def test_every_page_module_has_a_broken_variant() -> None:
    # Wrong-way demos (expected to fail) prove themselves; every other module must show that
    # it catches a named break in its code under test.
    proven = {m.module for m in MUTATIONS}
    unproven = [rel(m) for m in snippet_test_modules() if not expected(m).fail and m.name not in proven]
    assert not unproven, f"test modules no MUTATIONS entry breaks the code of: {unproven}"
