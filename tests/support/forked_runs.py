"""Snippet runs forked from a zygote that has already imported the snippet's libraries.

Most of a snippet run's CPU is starting Python and importing its libraries (65 % for the plain scripts
on 3.11: 78 of 120 CPU-seconds), and the suite runs every snippet on four Pythons plus its proofs'
mutations. On 3.12 (tests/test_install_lines.py), 3.13 and 3.14 (tests/test_python_versions.py) and
for the proofs on those versions (tests/test_proofs.py), a zygote per interpreter, environment and
start of the script's leading third-party imports (preloads) imports them once and forks a child per
run (tests/support/forked_run_server.py), which turns itself into `python -W error script.py`. The
runs one zygote serves are scheduled on one xdist worker, one after another (zygote_scope).

Why a forked run can be trusted where it is used:
- Records are never made by one: under `--update-examples` (`make verify`) every run is a real process.
- Every forked run of an unmutated snippet must print exactly what the real run recorded for that
  version; a difference a fork made would fail that test, not hide. A proof's mutated run is forked
  only on 3.13 and 3.14, whose unmutated runs are forked from the same virtualenvs (PROOFS_FORKED).
- 3.11 (tests/test_snippets.py, with the print recorder) and the load and canary runs stay real
  processes.
- What a fork cannot copy is run as a real process: a script that does not parse; a zygote whose
  imports fail (a warning turned error fails the real run the same way), hang, or print; one holding
  threads a fork may break (a Python thread, Polars' pool; numpy's OpenBLAS workers and Arrow's
  jemalloc thread are made for forks); one that imported a library keeping state from the working
  directory (CWD_AT_IMPORT); and a script whose folder holds a module named like one the zygote loaded.
- Output is read from pipes until every writer closes them, as subprocess.run does; the modules the
  server imported for itself are dropped in each child; the interpreter launcher's changes to the
  environment (the 3.14 wrapper's PATH) are applied to each run.
- tests/test_forked_runs.py holds forked runs to real ones on what differs most easily: `__main__`,
  argv, path, working directory, environment, tracebacks, exit statuses, exit handlers, threads, late
  output, /dev/stdout, recursion depth, the server's own imports, a shadowing sibling module.
`PAP_REAL_RUNS=1` makes every run a real process.

Known differences, none of which a snippet here depends on (an adversarial review tried each): the
script's frame has callers (`sys._getframe().f_back`, `traceback.print_stack`); `sys.orig_argv` names
the server; an uncaught KeyboardInterrupt exits with 1, not -SIGINT; `sys.last_value` is unset while
exit handlers run; all children of one zygote share its string hash seed; a variable of PER_RUN that
a library read at import would have the zygote's value.

The objects that existed at the fork are frozen (gc.freeze(), forked_run_server.py says why): the child's
collector neither sees nor collects them, during the run or at exit. A second review found what follows
from that, each by a probe against a real run on 3.12-3.14, and no snippet's stdout or exit status
depending on any of it: `gc.get_objects()` and `gc.get_referrers()` leave out everything from before the
fork (sys.modules, the preloaded libraries); library objects the script turns into cyclic garbage are
never collected, nor is an object of the script's own that only library state still reaches at exit, so
its `__del__` does not run (a line it would print at exit is missing); and the duckdb snippets' forked
runs on 3.12 and 3.13 print nanobind's "leaked instances" report to stderr, which no test compares and
their real runs do not print. Such a difference fails an unmutated run loudly (it is held to the real
record); it could let a proof pass falsely only where a mutation's sole visible effect went through one
of these. Without the freeze a forked run cost 3 times as much after pandas (0.21 s more per run).
"""

from __future__ import annotations

import ast
import atexit
import collections
import contextlib
import functools
import io
import json
import locale
import os
import re
import select
import selectors
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

from sitegen import SNIPPETS
from tests.support.snippet_files import SERVER_VARIABLES, is_test_module, snippet_files

SERVER = Path(__file__).with_name("forked_run_server.py")
# The versions whose runs may be forked: those on which every unmutated snippet's forked run is held to
# its real, recorded one (3.12: tests/test_install_lines.py; 3.13 and 3.14: tests/test_python_versions.py).
FORKED = ("3.12", "3.13", "3.14")
# The versions on which a proof's mutated run may be forked: those whose unmutated runs are forked from
# the same virtualenvs (3.12's are forked in the clean install-line environments, not in .venvs/3.12).
PROOFS_FORKED = ("3.13", "3.14")
# Variables that differ from run to run and that nothing reads at import: a zygote starts without them
# and each child gets the run's own (its whole environment is the run's).
PER_RUN = {*SERVER_VARIABLES, "PYTEST_CURRENT_TEST", "PAP_LOADED"}
# Libraries that fix a path from the working directory when imported (Hypothesis: its `.hypothesis`
# storage): a zygote's children would share one, where each real run has its own.
CWD_AT_IMPORT = {"hypothesis"}
# Zygotes kept per test process, least recently used first out: one holds a Python with its
# libraries imported (up to ~150 MB for pandas), and the suite runs three processes.
KEEP = 6


class Run(subprocess.CompletedProcess[str]):
    """A finished run; `forked` tells whether a zygote ran it, `stopped` whether it was killed once its
    output had left the text it was to be told apart from (run_script's `unless_prefix_of`)."""

    def __init__(
        self, args: list[str], returncode: int, stdout: str, stderr: str, forked: bool, stopped: bool = False
    ) -> None:
        super().__init__(args, returncode, stdout, stderr)
        self.forked = forked
        self.stopped = stopped


def leading_imports(script: Path) -> tuple[str, ...] | None:
    """The third-party modules the script's leading import statements name, in order: up to its first
    statement that is not an import, or an import of its own folder's modules (whose side effects the
    imports after it may depend on). None if the script does not parse (its real run says how)."""
    try:
        tree = ast.parse(script.read_text(encoding="utf-8"))
    except SyntaxError:
        return None
    local = _local_names(script.parent)
    body = tree.body[1:] if tree.body and isinstance(tree.body[0], ast.Expr) else tree.body  # the docstring
    found: list[str] = []
    for node in body:
        if isinstance(node, ast.ImportFrom) and node.module == "__future__":
            continue
        if isinstance(node, ast.ImportFrom) and not node.level and node.module:
            names = [node.module]
        elif isinstance(node, ast.Import):
            names = [alias.name for alias in node.names]
        else:
            break
        tops = {name.partition(".")[0] for name in names}
        if tops & local:
            break
        found += [n for n in names if n.partition(".")[0] not in sys.stdlib_module_names and n not in found]
    return tuple(found)


def preloads(script: Path) -> tuple[str, ...] | None:
    """What a zygote for this script imports: the longest start of its leading imports that another
    snippet's leading imports start with too (else all of them), so that one zygote serves both. The
    child imports the rest itself, in the script's own order, as a real run does after the same start.
    (A script that is not a snippet, such as a probe, counts against the snippets alone.) With every
    leading import preloaded, 76 zygotes served the 212 plain snippets of a version, 47 of them a
    single run, which a zygote only makes dearer; with the shared starts, 42 did."""
    imports = leading_imports(script)
    if not imports:
        return imports
    others = _all_leading_imports()
    for n in range(len(imports), 0, -1):
        if sum(1 for other in others if other[:n] == imports[:n]) >= 2:
            return imports[:n]
    return imports


@functools.cache
def _all_leading_imports() -> tuple[tuple[str, ...], ...]:
    return tuple(leading_imports(s) or () for s in snippet_files() if not is_test_module(s))


def _local_names(folder: Path) -> set[str]:
    """What `import NAME` would find in the script's folder, which a real run puts first on sys.path."""
    return {p.stem for p in folder.iterdir() if p.suffix == ".py" or (p / "__init__.py").exists()}


class Zygote:
    def __init__(self, python: str, modules: tuple[str, ...], env: dict[str, str], timeout: float) -> None:
        self.sock, theirs = socket.socketpair()
        # Its output is a pipe, as a real run's is: Python decides at start-up how it writes to one.
        self.log, log_w = os.pipe()
        # Its own empty working directory: what a library derives from it on import is no other run's.
        self.home = tempfile.mkdtemp(prefix="pap-zygote-")
        self.command = f"{python} -W error {SERVER.name} {' '.join(modules)}"
        self.proc = subprocess.Popen(
            [python, "-W", "error", str(SERVER), str(theirs.fileno()), *modules],
            pass_fds=[theirs.fileno()],
            env=env,
            cwd=self.home,
            stdin=subprocess.DEVNULL,
            stdout=log_w,
            stderr=log_w,
        )
        theirs.close()
        os.close(log_w)
        self.reader = self.sock.makefile("rb")
        self.sock.settimeout(timeout)  # an import that blocks: the real run that follows times out instead
        try:
            hello = self.receive()
        except TimeoutError:
            hello = {"ready": False, "why": f"its imports took over {timeout} s"}
        self.sock.settimeout(None)
        self.env: dict[str, str] = hello.get("env", {})
        self.modules = set(hello.get("modules", []))
        self.why: str = hello["why"]
        if select.select([self.log], [], [], 0)[0]:
            self.why = self.why or "it printed while importing: the real run prints that too"
        if self.modules & CWD_AT_IMPORT:
            self.why = self.why or f"{sorted(self.modules & CWD_AT_IMPORT)} keep state in the directory of the import"
        self.ready = not self.why

    def receive(self) -> dict[str, Any]:
        line = self.reader.readline()
        if not line:
            output = os.read(self.log, 1 << 16) if select.select([self.log], [], [], 0)[0] else b""
            raise RuntimeError(f"the zygote `{self.command}` ended: {output.decode(errors='replace')}")
        message: dict[str, Any] = json.loads(line)
        return message

    def env_for(self, env: dict[str, str], start_env: dict[str, str]) -> dict[str, str]:
        """The run's environment with what the interpreter's launcher changed (the 3.14 wrapper sets PATH)."""
        changed = {k: v for k, v in self.env.items() if start_env.get(k) != v}
        return {k: v for k, v in env.items() if k in self.env or k not in start_env} | changed

    def run(
        self, argv: list[str], cwd: Path, env: dict[str, str], timeout: float, unless_prefix_of: str | None = None
    ) -> tuple[int, bytes, bytes, bool]:
        """As subprocess.run(capture_output=True): the output is read from pipes until every writer has
        closed them (a process the script started may still write), then the status. With
        `unless_prefix_of`, the run and every process it started are killed as soon as its complete
        stdout lines are no longer the start of that text (the last item returned: whether it was)."""
        out_r, out_w = os.pipe()
        err_r, err_w = os.pipe()
        try:
            request = json.dumps({"argv": argv, "cwd": str(cwd), "env": env}).encode() + b"\n"
            socket.send_fds(self.sock, [request], [out_w, err_w])
        finally:
            os.close(out_w)
            os.close(err_w)
        pid = int(self.receive()["pid"])
        deadline = time.monotonic() + timeout
        chunks: dict[int, list[bytes]] = {out_r: [], err_r: []}
        stopped = False
        try:
            with selectors.DefaultSelector() as selector:
                for fd in chunks:
                    selector.register(fd, selectors.EVENT_READ)
                while selector.get_map():
                    left = deadline - time.monotonic()
                    if left <= 0:
                        os.kill(pid, signal.SIGKILL)
                        raise TimeoutError
                    for key, _ in selector.select(left):
                        data = os.read(key.fd, 1 << 16)
                        if not data:
                            selector.unregister(key.fd)
                            continue
                        chunks[key.fd].append(data)
                        if key.fd == out_r and unless_prefix_of is not None and b"\n" in data:
                            lines = b"".join(chunks[out_r])
                            if not unless_prefix_of.startswith(_text(lines[: lines.rindex(b"\n") + 1])):
                                _kill_tree(pid)
                                stopped = True
                                break
                    if stopped:
                        break
        finally:
            os.close(out_r)
            os.close(err_r)
        self.sock.settimeout(max(deadline - time.monotonic(), 0.001))
        try:
            status = int(self.receive()["status"])
        except TimeoutError:
            os.kill(pid, signal.SIGKILL)
            raise
        finally:
            self.sock.settimeout(None)
        return status, b"".join(chunks[out_r]), b"".join(chunks[err_r]), stopped

    def close(self) -> None:
        self.reader.close()
        self.sock.close()
        self.proc.kill()  # no run of its own to finish: tearing down its imported modules would be waste
        self.proc.wait(timeout=30)
        os.close(self.log)
        shutil.rmtree(self.home, ignore_errors=True)


def _kill_tree(pid: int) -> None:
    """SIGKILL a process and its descendants. Each is stopped first, until no new one appears, so none
    can start another between the look and the kill (a daemon that has left the tree is not found)."""
    stopped: set[int] = set()
    found = {pid}
    while found - stopped:
        for each in found - stopped:
            with contextlib.suppress(ProcessLookupError):
                os.kill(each, signal.SIGSTOP)
            stopped.add(each)
        found |= {child for child, parent in _parents().items() if parent in found}
    for each in stopped:
        with contextlib.suppress(ProcessLookupError):
            os.kill(each, signal.SIGKILL)


def _parents() -> dict[int, int]:
    """Every process's parent, from /proc (this kernel has no /proc/PID/task/TID/children)."""
    parents = {}
    for entry in os.listdir("/proc"):
        if entry.isdigit():
            with contextlib.suppress(FileNotFoundError, ProcessLookupError), open(f"/proc/{entry}/stat", "rb") as fh:
                # "PID (COMM) STATE PPID ...": COMM may hold spaces and parentheses, so split after the last ")"
                parents[int(entry)] = int(fh.read().rpartition(b")")[2].split()[1])
    return parents


_zygotes: collections.OrderedDict[tuple[object, ...], Zygote] = collections.OrderedDict()
_refused: dict[tuple[object, ...], str] = {}  # keys whose zygote could not fork, and why


def _zygote(python: str, modules: tuple[str, ...], env: dict[str, str], timeout: float) -> Zygote | None:
    """A ready zygote for these imports, or None when one cannot fork (asked once per key)."""
    key = (python, modules, tuple(sorted(env.items())))
    if key in _refused:
        return None
    if key in _zygotes:
        _zygotes.move_to_end(key)
        return _zygotes[key]
    zygote = Zygote(python, modules, env, timeout)
    if not zygote.ready:
        _refused[key] = zygote.why
        zygote.close()
        return None
    while len(_zygotes) >= KEEP:
        _zygotes.popitem(last=False)[1].close()
    _zygotes[key] = zygote
    return zygote


@atexit.register
def _close_all() -> None:
    while _zygotes:
        _zygotes.popitem()[1].close()


def _text(data: bytes) -> str:
    # As subprocess.run(text=True) decodes: the locale's encoding, universal newlines.
    return io.TextIOWrapper(io.BytesIO(data), encoding=locale.getpreferredencoding(False)).read()


# The tests whose runs are forked, and where their node ids name the script and the version.
_SCRIPT_RUN = re.compile(
    r"^tests/test_python_versions\.py::test_snippet_on_python\[snippets/(?P<path>.+\.py)-(?P<v>[\d.]+)\]$"
)
_PROOF_RUN = re.compile(
    r"^tests/test_proofs\.py::test_mutation_changes_the_printed_proof\[(?P<page>[^:]+):(?P<file>[^:]+):.*-(?P<v>[\d.]+)\]$"
)


def zygote_scope(nodeid: str) -> str | None:
    """The xdist scheduling unit of a test that forks its run: every run one zygote serves goes to the
    same worker, one after another, so the zygote imports once (tests/support/site_build.py's scheduler)."""
    match = _SCRIPT_RUN.match(nodeid) or _PROOF_RUN.match(nodeid)
    if match is None or match["v"] not in (FORKED if "path" in match.groupdict() else PROOFS_FORKED):
        return None
    parts = match.groupdict()
    path = SNIPPETS / (parts["path"] if "path" in parts else f"{parts['page']}/{parts['file']}")
    if not path.is_file():
        return None
    return f"zygote {match['v']} {' '.join(preloads(path) or ())}"


def run_script(
    python: str | Path,
    script: Path,
    cwd: Path,
    env: dict[str, str],
    *,
    fork: bool,
    timeout: float = 240,
    unless_prefix_of: str | None = None,
) -> Run:
    """`python -W error script` in `cwd` with `env` (script relative to cwd or absolute), forked from a
    zygote when `fork` is true and one can run it, else as a real process.

    `unless_prefix_of`: the caller only needs to know whether the run prints something else than this
    text, so a forked run is stopped (`Run.stopped`) once a complete line of its stdout has shown that it
    does. Its stdout is then the part printed so far, which is not a prefix of the text, so it cannot
    equal it either. A run that uses a server (SERVER_VARIABLES) is never stopped: one killed half-way
    could leave state there that the next run reads."""
    argv = [str(script)]
    args = [str(python), "-W", "error", *argv]
    path = script if script.is_absolute() else cwd / script
    imports = preloads(path) if fork and not os.environ.get("PAP_REAL_RUNS") else None
    if imports is not None:
        start_env = {k: v for k, v in env.items() if k not in PER_RUN}
        zygote = _zygote(str(python), imports, start_env, timeout)
        # A module of the script's folder that a preloaded one shadows: the real run imports the folder's.
        if zygote is not None and not zygote.modules & _local_names(path.parent):
            try:
                stop = None if any(var in env for var in SERVER_VARIABLES) else unless_prefix_of
                status, out, err, stopped = zygote.run(argv, cwd, zygote.env_for(env, start_env), timeout, stop)
            except TimeoutError:
                del _zygotes[next(k for k, z in _zygotes.items() if z is zygote)]
                zygote.close()
                raise subprocess.TimeoutExpired(args, timeout) from None
            return Run(args, status, _text(out), _text(err), forked=True, stopped=stopped)
    proc = subprocess.run(args, cwd=cwd, env=env, capture_output=True, text=True, timeout=timeout)
    return Run(args, proc.returncode, proc.stdout, proc.stderr, forked=False)
