"""Run a test-module snippet (snippets/testing/test_*.py) with pytest, as a reader would.

Each run happens in its own interpreter (`python -W error -m pytest`), in a fresh directory that
holds only the test module, the snippet modules it imports (the code under test) and the
section's `pytest.ini`, so neither the repository's pytest configuration nor another snippet can
leak in; pytest loads only the plugins the page's install line brings (tests/support/page_plugins.py),
as in the reader's environment, not every plugin the suite has installed. The output is made
deterministic (no timings, no header lines naming this machine, no absolute paths) so that it can be
committed next to the snippet and shown on its page.
"""

from __future__ import annotations

import itertools
import os
import re
import shutil
import subprocess
import sys
import sysconfig
import urllib.parse
import uuid
from collections.abc import Callable, Iterator, Mapping, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

import pytest

from sitegen import SNIPPETS
from tests.support.page_plugins import plugin_args
from tests.support.snippet_files import SERVER_VARIABLES, local_imports

SECTION = SNIPPETS / "testing"
CONFIG = SECTION / "fixtures" / "pytest.ini"  # shown on the fixtures page; every testing page runs with it
WIDTH = 80  # terminal width pytest lays its output out for

# Flags for the suite's hygiene only: they do not change what pytest prints.
HYGIENE = ["-p", "no:cacheprovider", "-p", "no:xdist", "-p", "no:randomly"]
BLOCKED = [arg.removeprefix("no:") for arg in HYGIENE if arg.startswith("no:")]  # a run may name them again

_TIMING = re.compile(r" in \d+\.\d+s(?: \(\d+:\d\d:\d\d\))?(?= =+$)")
_QUIET_TIMING = re.compile(r"^(?P<counts>\d+ \w+(?:, \d+ \w+)*) in \d+\.\d+s(?: \(\d+:\d\d:\d\d\))?$")  # -q
_SUMMARY = re.compile(r"^=+ (?P<title>.+?) =+$")
_COUNT = re.compile(r"(\d+) (passed|failed|skipped|xfailed|xpassed|errors?|deselected|warnings?)")
_OUTCOME = re.compile(r"^(FAILED|ERROR) (\S+)")
_ADDRESS = re.compile(r"\b0x[0-9a-f]{6,}\b")


@dataclass(frozen=True)
class Expected:
    """How a module's run must end, and the command line its page shows."""

    args: tuple[str, ...] = ("-v",)
    fail: tuple[str, ...] = ()  # node ids that must fail: the wrong-way demos
    # Those that fail without the servers too (the rest skip): None for all of `fail`.
    fail_without_servers: tuple[str, ...] | None = None

    def failing(self, with_servers: bool) -> tuple[str, ...]:
        return self.fail if with_servers or self.fail_without_servers is None else self.fail_without_servers


PARALLEL = ("-q", "-p", "xdist", "-n", "2", "--tb=no", "-rA")
EXPECTED: dict[str, Expected] = {
    "test_fixtures.py": Expected(args=("-v", "--setup-show")),
    "test_fixtures_wrong.py": Expected(fail=("test_fixtures_wrong.py::test_same_email_in_the_next_test",)),
    "test_parametrize.py": Expected(args=("-v", "-ra")),
    # suite-hygiene: pytest-randomly named again after HYGIENE's `-p no:randomly`, with a seed that
    # runs the dollar test first (the same order in both modules).
    "test_suite_hygiene.py": Expected(args=("-v", "-p", "randomly", "--randomly-seed=6")),
    "test_suite_hygiene_wrong.py": Expected(
        args=("-v", "-p", "randomly", "--randomly-seed=6"),
        fail=("test_suite_hygiene_wrong.py::test_label_in_euros_by_default",),
    ),
    # suite-hygiene: two xdist workers (named again after HYGIENE's `-p no:xdist`), quiet, with every
    # outcome in the summary: -v's progress lines would come in the order the workers finish.
    "test_workers.py": Expected(args=PARALLEL),
    "test_workers_wrong.py": Expected(
        args=PARALLEL,
        fail=(
            "test_workers_wrong.py::test_orders_are_counted[ada]",
            "test_workers_wrong.py::test_orders_are_counted[bob]",
        ),
        fail_without_servers=(),  # the clash needs the database
    ),
    "test_mocking_wrong.py": Expected(
        fail=(
            "test_mocking_wrong.py::test_fetch_name_with_a_real_response",
            "test_mocking_wrong.py::test_find_by_email_with_a_real_session",
            "test_mocking_wrong.py::test_read_notes_with_mock_open",
        )
    ),
    "test_doubles_wrong.py": Expected(
        args=("-v", "--tb=line"),
        fail=(
            "test_doubles_wrong.py::test_fetch_user_with_respx",
            "test_doubles_wrong.py::test_timeout_from_the_environment",
        ),
    ),
    "test_async_integration_wrong.py": Expected(
        fail=(
            "test_async_integration_wrong.py::test_with_a_plain_async_fixture",
            "test_async_integration_wrong.py::test_with_the_app_argument",
        )
    ),
}


def expected(module: Path) -> Expected:
    return EXPECTED.get(module.name, Expected())


def server_env(module: Path, request: pytest.FixtureRequest) -> dict[str, str]:
    source = module.read_text(encoding="utf-8")
    return {var: request.getfixturevalue(fixture) for var, fixture in SERVER_VARIABLES.items() if var in source}


def snippet_test_modules() -> list[Path]:
    return sorted(SECTION.glob("*/test_*.py"))


def output_file(module: Path, variant: str = "") -> Path:
    """Where a module's committed output lives: test_x.py -> test_x.txt (test_x.<variant>.txt)."""
    return module.with_name(f"{module.stem}{'.' + variant if variant else ''}.txt")


@dataclass(frozen=True)
class PytestRun:
    returncode: int
    raw: str
    output: str  # normalised: what the page shows
    counts: dict[str, int]  # from the summary line: {"passed": 3, "failed": 1, ...}
    not_passed: tuple[str, ...]  # node ids reported FAILED or ERROR

    def describe(self) -> str:
        return f"pytest exited with {self.returncode}:\n{self.raw}"


def command_line(module: Path, args: Sequence[str], unset: Sequence[str] = ()) -> str:
    """The command as a reader types it (the hygiene flags change nothing in the output)."""
    prefix = ["env", *(f"-u {var}" for var in unset)] if unset else []
    return " ".join([*prefix, "pytest", *args, module.name])


@contextmanager
def fresh_databases(env: Mapping[str, str]) -> Iterator[dict[str, str]]:
    """`env` with POSTGRES_URL pointing at a new, empty database, dropped after the run.

    A run then finds no table another snippet left on the shared server, and leaves none.
    """
    url = env.get("POSTGRES_URL")
    if url is None:
        yield dict(env)
        return
    import psycopg

    name = f"pap_test_{uuid.uuid4().hex[:12]}"
    with psycopg.connect(url, autocommit=True) as conn:
        conn.execute(f'CREATE DATABASE "{name}"')
    try:
        yield {**env, "POSTGRES_URL": urllib.parse.urlsplit(url)._replace(path=f"/{name}").geturl()}
    finally:
        with psycopg.connect(url, autocommit=True) as conn:
            conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def run_module(
    module: Path,
    workdir: Path,
    *,
    args: Sequence[str] = ("-v",),
    env: Mapping[str, str] | None = None,
    mutate: Mapping[str, Callable[[str], str]] | None = None,
    unset: Sequence[str] = (),
    label: str = "",
    timeout: float = 120,
    python: str = sys.executable,
) -> PytestRun:
    """Copy the module and its code under test into `workdir` and run pytest there.

    `mutate` maps a file name to a function applied to that file's source before the run: the
    deliberately broken variants of the code under test. `unset` names the server variables
    the run goes without, for the command line it shows; `label` heads the output as a comment.
    """
    workdir.mkdir(parents=True, exist_ok=True)
    shutil.copy(CONFIG, workdir / "pytest.ini")
    for path in [module, *local_imports(module)]:
        source = path.read_text(encoding="utf-8")
        if mutate and path.name in mutate:
            source = mutate[path.name](source)
        (workdir / path.name).write_text(source, encoding="utf-8")
    unknown = set(mutate or {}) - {p.name for p in workdir.iterdir()}
    if unknown:
        raise ValueError(f"mutation of {sorted(unknown)}: {module.name} does not import it")
    with fresh_databases(env or {}) as servers:
        proc = subprocess.run(
            # Its own --basetemp: parallel runs sharing the default one prune each other's folders, and
            # pytest then leaves a directory iterator open (a ResourceWarning, an error under -W error);
            # outside the workdir, so nothing in it is collected.
            [
                python,
                "-W",
                "error",
                "-m",
                "pytest",
                *plugin_args(module, blocked=BLOCKED),
                *HYGIENE,
                f"--basetemp={workdir.parent / (workdir.name + '-tmp')}",
                *args,
                module.name,
            ],
            cwd=workdir,
            env=_environment({**servers, "PYTEST_DISABLE_PLUGIN_AUTOLOAD": "1"}),
            capture_output=True,
            text=True,
            timeout=timeout,
        )
    raw = proc.stdout + proc.stderr
    heading = f"# {label}\n" if label else ""
    output = f"{heading}$ {command_line(module, args, unset)}\n{normalise(raw, workdir, parallel='-n' in args)}"
    return PytestRun(proc.returncode, raw, output, summary_counts(output), _not_passed(output))


def _environment(extra: Mapping[str, str]) -> dict[str, str]:
    # A minimal environment: nothing from the outer pytest run (PYTEST_*, xdist worker
    # variables, CI, colours) may change what the inner run does or prints.
    env = {
        "PATH": os.environ.get("PATH", "/usr/bin:/bin"),
        "COLUMNS": str(WIDTH),
        "LANG": "C.UTF-8",
        "PYTHONDONTWRITEBYTECODE": "1",
        "PYTHONHASHSEED": "0",
        "NO_COLOR": "1",
    }
    if "TMPDIR" in os.environ:
        env["TMPDIR"] = os.environ["TMPDIR"]
    env.update(extra)
    return env


def _center(title: str, sepchar: str = "=") -> str:
    # pytest's own layout of a separator line (TerminalWriter.sep), for the re-titled summary.
    n = max((WIDTH - len(title) - 2) // (2 * len(sepchar)), 1)
    line = f"{sepchar * n} {title} {sepchar * n}"
    return line + sepchar if len(line) + 1 <= WIDTH else line


def normalise(raw: str, workdir: Path, parallel: bool = False) -> str:
    """Drop what depends on the machine or the clock; with `parallel` (pytest-xdist), put the short test
    summary's lines in order: pytest lists them in the order the workers finished."""
    out: list[str] = []
    in_header = False
    replacements = {
        f"{workdir}{os.sep}": "",
        str(workdir): ".",
        sysconfig.get_paths()["purelib"]: "<site-packages>",
        sysconfig.get_paths()["stdlib"]: "<stdlib>",
    }
    for line in raw.splitlines():
        if "test session starts" in line:
            in_header = True  # platform, rootdir, configfile, plugins... until "collect..."
            out.append(line)
            continue
        if in_header:
            if not line.startswith("collect"):
                continue
            in_header = False
        for old, new in replacements.items():
            line = line.replace(old, new)
        if _TIMING.search(line):
            m = _SUMMARY.match(_TIMING.sub("", line))
            assert m is not None, line
            line = _center(m.group("title"))
        elif quiet := _QUIET_TIMING.match(line):
            line = quiet.group("counts")
        out.append(line.rstrip())
    if parallel and (start := _summary_start(out)) is not None:
        end = next((i for i in range(start, len(out)) if not _OUTCOME_LINE.match(out[i])), len(out))
        # Each outcome's lines in order of their node ids; the outcomes stay in pytest's order.
        grouped = itertools.groupby(out[start:end], key=lambda line: line.split(" ", 1)[0])
        out[start:end] = [line for _, lines in grouped for line in sorted(lines)]
    return "\n".join(out).rstrip() + "\n"


_OUTCOME_LINE = re.compile(r"^(PASSED|FAILED|ERROR|SKIPPED|XFAIL|XPASS) ")


def _summary_start(lines: list[str]) -> int | None:
    """The index of the short test summary's first line, if there is one."""
    for i, line in enumerate(lines):
        if line.startswith("=") and "short test summary info" in line:
            return i + 1
    return None


def unstable_parts(output: str) -> list[str]:
    """What would differ between two runs of the same code (a page must not show it)."""
    return _ADDRESS.findall(output)


def summary_counts(output: str) -> dict[str, int]:
    last = output.rstrip().splitlines()[-1]
    counts = {}
    for number, word in _COUNT.findall(last):
        counts[{"error": "errors", "warning": "warnings"}.get(word, word)] = int(number)
    return counts


def _not_passed(output: str) -> tuple[str, ...]:
    return tuple(m.group(2) for line in output.splitlines() if (m := _OUTCOME.match(line)))
