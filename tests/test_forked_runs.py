"""A forked run (tests/support/forked_runs.py) is the real `python -W error script.py`: held here to a real
process on what a fork most easily gets wrong, on every version whose runs the suite forks.

Each probe imports a third-party library, so a zygote preloads it and the child really is forked
(asserted), except the probes a zygote must refuse: a library whose threads a fork may break (Polars)
and an import that fails. numpy's and Arrow's native threads survive a fork: that probe is forked.
Output is compared exactly, with only object addresses masked.
"""

from __future__ import annotations

import os
import re
import signal
import subprocess
import textwrap
import time
from pathlib import Path

import pytest

from tests.support.forked_runs import FORKED, run_script
from tests.support.interpreters import interpreter

PROBES = {
    "main_state": '''
        """What `python script.py` sets up."""
        import os
        import sys
        import warnings

        import pydantic

        print(__name__, __file__, __doc__, __package__, __spec__, __cached__)
        print(type(__loader__).__name__, __loader__.name, __loader__.path)
        print(sys.argv, sys.path, os.getcwd(), sys.modules["__main__"] is sys.modules[__name__])
        print(list(globals()), sys.stdin.read() == "", warnings.filters[0][:2])
        print(os.environ.get("PAP_PROBE"), os.environ.get("REDIS_URL"), "PAP_UNSET" in os.environ)
        print(pydantic.VERSION == pydantic.version.VERSION, sys.flags.dev_mode, sys.executable)
    ''',
    "uncaught": """
        import pydantic


        def deeper(n: int) -> None:
            raise ValueError(f"no {n}") from KeyError("cause")


        print("before")
        deeper(3)
    """,
    "exit_message": """
        import sys

        import pydantic

        print("printed", pydantic.__name__)
        sys.exit("a message on stderr, status 1")
    """,
    "exit_status": """
        import sys

        import pydantic

        sys.stdout.write("no newline")
        sys.exit(3)
    """,
    "exit_handlers": """
        import asyncio
        import atexit
        import threading
        import time

        import pydantic


        async def never() -> None: ...


        def late() -> None:
            time.sleep(0.2)
            print("non-daemon thread joined before exit")


        atexit.register(print, "exit handler ran", pydantic.__name__)
        threading.Thread(target=late).start()
        never()  # an unawaited coroutine: with -W error, an exception Python ignores at exit
        print("main done", asyncio.__name__)
    """,
    "warning_is_error": """
        import warnings

        import pydantic

        warnings.warn("old API", DeprecationWarning, stacklevel=1)
        print("not reached", pydantic.__name__)
    """,
    "native_threads": """
        import numpy
        import pandas

        # OpenBLAS's workers and Arrow's jemalloc thread: native threads a fork survives.
        frame = pandas.DataFrame({"x": numpy.arange(300_000) % 7, "s": ["a", "b", "c"] * 100_000})
        print(frame.groupby("s")["x"].sum().to_dict(), (numpy.ones((300, 300)) @ numpy.ones(300)).sum())
    """,
    "unsafe_threads": """
        import polars

        print(polars.DataFrame({"x": [1, 2, 3]}).select(polars.col("x").sum()).item())
    """,
    "late_output": """
        import subprocess
        import sys

        import pydantic

        print("started", pydantic.__name__, flush=True)
        # Not waited for: a real run's output still ends with its line, read until the pipe closes.
        helper = subprocess.Popen([sys.executable, "-c", "import time; time.sleep(0.5); print('late')"])
        helper.returncode = 0  # keeps Popen.__del__ quiet under -W error
    """,
    "dev_stdout": """
        import os
        import stat
        import sys

        import pydantic

        print(stat.S_ISFIFO(os.fstat(1).st_mode), sys.stdout.seekable(), pydantic.__name__, flush=True)
        with open("/dev/stdout", "w") as log:  # the container idiom for logs
            print("a log line", file=log)
        print("done")
    """,
    "launcher_path": """
        import os
        import shutil

        import pydantic

        print(os.environ["PATH"].split(":")[:2], shutil.which("python") is not None, pydantic.__name__)
    """,
    "server_imports": """
        import sys

        print(sorted(m for m in ("json", "socket", "selectors", "re", "enum", "types") if m in sys.modules))
        import importlib

        print(importlib.machinery.SourceFileLoader.__name__)  # never imported: works only if loaded already
    """,
    "recursion": """
        import sys

        import pydantic


        def depth(n: int = 0) -> int:
            try:
                return depth(n + 1)
            except RecursionError:
                return n


        print(depth(), pydantic.__name__)
    """,
    "garbage": """
        import gc

        import pydantic


        class Node:
            def __init__(self) -> None:
                self.me = self  # a cycle: only the collector frees it

            def __del__(self) -> None:
                print("collected")


        Node()
        # The zygote froze what its imports made (gc.freeze()): the script's own garbage is collected as ever.
        print("found some:", gc.collect() > 0, pydantic.__name__)
    """,
    "cwd_at_import": """
        import hypothesis

        print(hypothesis.__name__)
    """,
    "missing_module": """
        import pap_no_such_module

        print(pap_no_such_module)
    """,
}
NOT_FORKED = {"unsafe_threads", "missing_module", "cwd_at_import"}
ADDRESS = re.compile(r"0x[0-9a-f]+")


def _outcome(proc: subprocess.CompletedProcess[str]) -> tuple[int, str, str]:
    return proc.returncode, ADDRESS.sub("0x…", proc.stdout), ADDRESS.sub("0x…", proc.stderr)


# Each probe on each version; `main_state` also with the script named relative to the working directory
# (as tests/test_install_lines.py and tests/test_proofs.py name it), the others with an absolute path.
RUNS = [(p, v, False) for p in PROBES for v in FORKED] + [("main_state", v, True) for v in FORKED]


@pytest.mark.parametrize(
    ("probe", "version", "relative"),
    [pytest.param(*run, id=f"{run[0]}-{run[1]}{'-relative' * run[2]}") for run in RUNS],
)
def test_forked_run_is_the_real_run(probe: str, version: str, relative: bool, tmp_path: Path) -> None:
    python = interpreter(version)
    folder = tmp_path / "probe"
    folder.mkdir()
    (folder / f"{probe}.py").write_text(textwrap.dedent(PROBES[probe]).lstrip(), encoding="utf-8")
    script = Path(f"{probe}.py") if relative else folder / f"{probe}.py"
    env = {k: v for k, v in os.environ.items() if k != "PAP_UNSET"} | {
        "PAP_PROBE": "from the request",
        "REDIS_URL": "redis://127.0.0.1:1/0",  # a server variable: not part of the zygote's key
    }
    real = run_script(python, script, folder, env, fork=False)
    forked = run_script(python, script, folder, env, fork=True)
    assert not real.forked
    assert forked.forked == (probe not in NOT_FORKED), f"{probe}: forked={forked.forked}"
    assert _outcome(forked) == _outcome(real)
    if probe == "main_state":
        assert real.returncode == 0 and "from the request" in real.stdout, real.stderr


@pytest.mark.parametrize("version", FORKED)
def test_a_forked_run_that_overruns_is_killed(version: str, tmp_path: Path) -> None:
    python = interpreter(version)
    (tmp_path / "slow.py").write_text("import time\n\nimport pydantic\n\ntime.sleep(60)\n", encoding="utf-8")
    (tmp_path / "quick.py").write_text("import pydantic\n\nprint(pydantic.__name__)\n", encoding="utf-8")
    with pytest.raises(subprocess.TimeoutExpired):
        run_script(python, tmp_path / "slow.py", tmp_path, dict(os.environ), fork=True, timeout=1)
    after = run_script(python, tmp_path / "quick.py", tmp_path, dict(os.environ), fork=True)
    assert (after.forked, after.returncode, after.stdout) == (True, 0, "pydantic\n"), after.stderr


@pytest.mark.parametrize("version", FORKED)
def test_a_folder_module_named_like_a_preloaded_one_is_imported_as_in_a_real_run(version: str, tmp_path: Path) -> None:
    # A sibling types.py: a real run's `import dataclasses` finds it on 3.12+ (not loaded at start-up there).
    python = interpreter(version)
    (tmp_path / "types.py").write_text("shadow = True\n", encoding="utf-8")
    (tmp_path / "orders.py").write_text("import pydantic\n\nprint(pydantic.__name__)\n", encoding="utf-8")
    real = run_script(python, tmp_path / "orders.py", tmp_path, dict(os.environ), fork=False)
    forked = run_script(python, tmp_path / "orders.py", tmp_path, dict(os.environ), fork=True)
    assert _outcome(forked) == _outcome(real)


STOPPABLE = """\
import os
import pathlib
import subprocess
import sys
import time

import pydantic

helper = subprocess.Popen([sys.executable, "-c", "import time; time.sleep(60)"])
pathlib.Path("helper.pid").write_text(str(helper.pid))
print("sa", end="", flush=True)  # half a line is no difference yet
time.sleep(0.5)
print("me", flush=True)
print(os.environ["PAP_PROBE"], flush=True)
if os.environ["PAP_PROBE"] == "other" and "REDIS_URL" not in os.environ:
    time.sleep(60)
helper.kill()
"""


@pytest.mark.parametrize(
    ("probe", "server", "stopped", "stdout"),
    [
        ("other", False, True, "same\nother\n"),
        ("same", False, False, "same\nsame\n"),
        ("other", True, False, "same\nother\n"),
    ],
    ids=["differs", "same", "differs-with-a-server"],
)
def test_a_run_is_stopped_with_its_processes_once_its_output_differs(
    probe: str, server: bool, stopped: bool, stdout: str, tmp_path: Path
) -> None:
    # The proofs only ask whether a mutated run prints something else (tests/test_proofs.py): the run and
    # what it started are killed at the first complete line that differs, not after its 60 s sleep. A run
    # with a server is not stopped: killed half-way, it could leave state there for the next.
    (tmp_path / "stoppable.py").write_text(STOPPABLE, encoding="utf-8")
    env = dict(os.environ) | {"PAP_PROBE": probe} | ({"REDIS_URL": "redis://127.0.0.1:1/0"} if server else {})
    proc = run_script(
        interpreter(FORKED[-1]), tmp_path / "stoppable.py", tmp_path, env, fork=True, timeout=30,
        unless_prefix_of="same\nsame\n",
    )  # fmt: skip
    assert (proc.forked, proc.stopped, proc.stdout) == (True, stopped, stdout), proc.stderr
    assert proc.returncode == (-signal.SIGKILL if stopped else 0), proc.stderr
    helper = int((tmp_path / "helper.pid").read_text())
    deadline = time.monotonic() + 10
    while _alive(helper) and time.monotonic() < deadline:
        time.sleep(0.05)
    assert not _alive(helper), f"the run's helper process {helper} outlived it"


def _alive(pid: int) -> bool:
    """Running or sleeping: not gone and not a zombie waiting for init to reap it."""
    try:
        with open(f"/proc/{pid}/stat", "rb") as fh:
            return fh.read().rpartition(b")")[2].split()[0] != b"Z"
    except FileNotFoundError:
        return False
