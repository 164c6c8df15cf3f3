"""Every page's install line is proven: its snippets run in a fresh virtualenv holding only that line.

A pattern page states one `pip install ...` line (in inline code) naming every distribution its
snippets import, pinned to the versions the site is verified with. For each distinct line the suite
makes a virtualenv with exactly that line (uv, from its local cache; pages with the same line share
it) and runs every snippet of each page there: a
plain script must print what its verification records, a pytest module must end as its page
says. A distribution a snippet imports and the line lacks fails (installed only as another
package's dependency, its version would be whatever that package allows); so does one the line
names and no snippet loads. A page without a line must need nothing beyond the standard library.

The clean virtualenvs use Python 3.12, not the suite's own 3.11: this run is also the snippets'
verification on 3.12 (its one writer, see tests/support/version_runs.py), so no version runs a
snippet twice and 3.12 is verified as a reader installs it. A plain snippet's run there is forked from
a zygote started in that clean environment (tests/support/forked_runs.py), except when it records.
"""

from __future__ import annotations

import fcntl
import hashlib
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from packaging.requirements import Requirement
from packaging.utils import canonicalize_name

from sitegen.catalog import Pattern, load_catalog
from sitegen.project import project
from sitegen.verified import imported_distributions
from tests.support import shared_bytecode
from tests.support.forked_runs import run_script
from tests.support.interpreters import interpreter
from tests.support.page_plugins import INSTALL, install_line
from tests.support.pytest_snippets import expected, run_module
from tests.support.snippet_files import SERVER_VARIABLES, is_test_module
from tests.support.version_runs import check_module_ends_as_shown, check_or_record, run_of

VERSION = "3.12"
# Bytecode may be written in these venvs (unlike elsewhere in the suite, PYTHONDONTWRITEBYTECODE=1): they
# are fresh and uv does not compile, so each run would recompile every library module it imports
# (pandas alone: 1.3 s a run). An empty value unsets the variable for Python. What one environment
# compiled, the next ones start with (tests/support/shared_bytecode.py).
WRITE_BYTECODE = {"PYTHONDONTWRITEBYTECODE": ""}

# Loaded into every interpreter of the clean environment (a .pth line runs at start-up): at exit it
# writes the distributions whose modules were imported, so unused packages can be named.
RECORDER = """\
import atexit, os, sys
def _pap_loaded():
    path = os.environ.get("PAP_LOADED")
    if not path:
        return
    from importlib.metadata import packages_distributions
    names = packages_distributions()
    found = sorted({d for m in list(sys.modules) for d in names.get(m.partition(".")[0], [])})
    with open(path, "a", encoding="utf-8") as fh:
        fh.write("\\n".join(found) + "\\n")
atexit.register(_pap_loaded)
"""


def patterns() -> list[Pattern]:
    return list(load_catalog(project().docs).patterns)


def pinned_versions() -> dict[str, str]:
    pins: dict[str, str] = {}
    for line in (project().root / "requirements-docs.txt").read_text(encoding="utf-8").splitlines():
        if "==" in line and not line.startswith("#"):
            name, _, version = line.partition("==")
            pins[canonicalize_name(name)] = version.strip()
    return pins


def make_env(where: Path, requirements: list[Requirement], base: Path) -> Path:
    uv = Path(sys.executable).with_name("uv")
    subprocess.run([str(uv), "venv", "-q", "--python", str(base), str(where)], check=True, capture_output=True)
    python = where / "bin" / "python"
    if requirements:
        proc = subprocess.run(
            [str(uv), "pip", "install", "-q", "--python", str(python), *map(str, requirements)],
            capture_output=True,
            text=True,
            timeout=600,
        )
        assert proc.returncode == 0, f"`pip install {' '.join(map(str, requirements))}` failed:\n{proc.stderr}"
    site = shared_bytecode.Environment.of(python).site
    (site / "pap_loaded.py").write_text(RECORDER, encoding="utf-8")
    (site / "pap_loaded.pth").write_text("import pap_loaded\n", encoding="utf-8")
    return python


def bytecode_store(run_dir: Path) -> Path:
    """Where the clean environments leave the bytecode they compiled for the next (tests/support/shared_bytecode.py)."""
    return run_dir / "install-lines" / "bytecode"


def shared_env(requirements: list[Requirement], base: Path, run_dir: Path) -> Path:
    """make_env() once per distinct install line in this run: pages that state the same line (and the
    xdist workers running them) share one clean environment, made under a lock, with the bytecode its
    first runs compile."""
    key = hashlib.sha256("\n".join([str(base), *sorted(map(str, requirements))]).encode()).hexdigest()[:16]
    where = run_dir / "install-lines" / key
    where.parent.mkdir(parents=True, exist_ok=True)
    with (where.parent / f"{key}.lock").open("w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        if not (where / "ready").exists():
            shutil.rmtree(where, ignore_errors=True)  # a make_env() that failed half-way
            python = make_env(where / "venv", requirements, base)
            shared_bytecode.seed(shared_bytecode.Environment.of(python), bytecode_store(run_dir))
            (where / "ready").touch()
    return where / "venv" / "bin" / "python"


@pytest.fixture(scope="session")
def run_dir(tmp_path_factory: pytest.TempPathFactory, worker_id: str) -> Path:
    """This run's directory: shared by the xdist workers, the process's own without xdist."""
    base = tmp_path_factory.getbasetemp()
    return base if worker_id == "master" else base.parent


@pytest.mark.parametrize("pattern", patterns(), ids=lambda p: p.path)
def test_install_line_is_exact(pattern: Pattern, request: pytest.FixtureRequest, tmp_path: Path, run_dir: Path) -> None:
    proj = project()
    page = proj.docs / pattern.path
    where = f"docs/{pattern.path}"
    requirements = install_line(page)
    pins = pinned_versions()
    for req in requirements:
        pinned = pins.get(canonicalize_name(req.name))
        assert pinned is not None, f"{where}: installs {req.name}, which requirements-docs.txt does not pin"
        assert str(req.specifier) == f"=={pinned}", f"{where}: {req} must be pinned to the verified {pinned}"
    folder = proj.snippets / pattern.section / Path(pattern.path).stem
    snippets = sorted(folder.glob("*.py"))
    imported = {canonicalize_name(n) for s in snippets for n in imported_distributions(s.read_text(encoding="utf-8"))}
    unnamed = sorted(imported - {canonicalize_name(r.name) for r in requirements})
    assert not unnamed, (
        f"{where}: its snippets import {unnamed}, which its install line does not name "
        f"(add them, pinned as in requirements-docs.txt)"
    )

    python = shared_env(requirements, interpreter(VERSION), run_dir)
    line = f"`pip install {' '.join(map(str, requirements)) or '(nothing)'}` on Python {VERSION}"
    loaded_file = tmp_path / "loaded.txt"
    env = {k: v for k, v in os.environ.items() if k not in ("PYTHONPATH", "VIRTUAL_ENV")} | WRITE_BYTECODE
    env["PAP_LOADED"] = str(loaded_file)
    for snippet in snippets:
        text = snippet.read_text(encoding="utf-8")
        servers = {var: request.getfixturevalue(f) for var, f in SERVER_VARIABLES.items() if var in text}
        if is_test_module(snippet):
            want = expected(snippet)
            module_env = {**servers, "PAP_LOADED": str(loaded_file), **WRITE_BYTECODE}
            run = run_module(snippet, tmp_path / snippet.stem, args=want.args, env=module_env, python=str(python))
            check_module_ends_as_shown(snippet, run, f"{where}: with only {line}, {snippet.name}")
            check_or_record(snippet, VERSION, run_of(snippet, python, None), request)
            continue
        workdir = tmp_path / "run" / snippet.stem
        shutil.copytree(folder, workdir)
        fork = not request.config.getoption("update_examples")  # records come from real processes
        proc = run_script(python, Path(snippet.name), workdir, {**env, **servers}, fork=fork)
        assert proc.returncode == 0, f"{where}: {snippet.name} fails with only {line}:\n{proc.stderr[-2000:]}"
        check_or_record(snippet, VERSION, run_of(snippet, python, proc.stdout), request)
    shared_bytecode.harvest(shared_bytecode.Environment.of(python), bytecode_store(run_dir))
    loaded = {canonicalize_name(n) for n in loaded_file.read_text().split()} if loaded_file.exists() else set()
    unused = [str(r) for r in requirements if canonicalize_name(r.name) not in loaded]
    assert not unused, f"{where}: the install line names {unused}, which none of the page's snippets imports"


INSTALL_BOX = re.compile(r'^!!! info "Install"\n((?:    .*\n|\n)+)', re.M)


@pytest.mark.parametrize("pattern", patterns(), ids=lambda p: p.path)
def test_every_page_shows_what_to_install(pattern: Pattern) -> None:
    # A reader copies the snippet and its install line together: the box must be there and say
    # either the one line (proven above) or that the standard library is enough.
    where = f"docs/{pattern.path}"
    boxes = INSTALL_BOX.findall((project().docs / pattern.path).read_text(encoding="utf-8"))
    assert boxes, f'{where}: no `!!! info "Install"` box'
    text = "".join(boxes)
    lines = INSTALL.findall(text)
    assert len(lines) == 1 or (not lines and "Standard library only" in text), (
        f'{where}: its "Install" box must hold one `pip install ...` line, or say "Standard library only"'
    )
