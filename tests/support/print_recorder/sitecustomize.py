"""The print recorder: loaded at start-up (on PYTHONPATH) into a snippet's run when PAP_PRINTS names a file.

The run stays the reader's `python -W error snippet.py`: every print still prints. This module also notes each
print to stdout called from the snippet file itself (its line, `sep` and arguments, as pytest-examples renders them)
and each exception Python had to ignore (an unawaited coroutine, an unclosed file: warnings that `-W error`
turns into exceptions inside `__del__`, which leave the exit status 0). At exit, after a garbage collection
that surfaces those, it writes both to the file; tests/support/snippet_check.py compares the prints with
the snippet's `#>` comments through pytest-examples.
"""

from __future__ import annotations

import atexit
import builtins
import gc
import json
import os
import re
import sys
from typing import Any


def _arg(value: object) -> list[Any]:
    # pytest_examples.run_code.Arg: how a print's argument appears in a `#>` comment.
    if isinstance(value, str):
        return [value, True]
    if isinstance(value, set):
        return ["{" + ", ".join(repr(x) for x in sorted(value)) + "}", False]
    return [re.sub("0x[a-f0-9]{8,12}>", "0x0123456789ab>", str(value)), False]


def _install(out: str, snippet: str) -> None:
    owner = os.getpid()  # a forked child inherits this module: only the snippet's own process records
    target = os.path.realpath(snippet)
    same: dict[str, bool] = {}
    prints: list[list[Any]] = []
    ignored: list[str] = []
    real_print = builtins.print
    real_hook = sys.unraisablehook

    def print(  # replaces the builtin on purpose
        *args: object, sep: str | None = " ", end: str | None = "\n", file: Any = None, flush: bool = False
    ) -> None:
        caller = sys._getframe(1).f_code.co_filename
        if caller not in same:
            same[caller] = os.path.realpath(caller) == target
        # Only what reaches stdout is output. A print to a file can look like the snippet's own: code
        # compiled with mypyc has no frames, so mypy's writing of its cache's .gitignore seemed to come
        # from the snippet line that called mypy.
        to_stdout = file is None or file is sys.stdout
        if same[caller] and to_stdout and os.getpid() == owner:
            prints.append([sys._getframe(1).f_lineno, sep, [_arg(a) for a in args]])
        real_print(*args, sep=sep, end=end, file=file, flush=flush)

    def hook(unraisable: Any) -> None:
        ignored.append(
            f"{unraisable.err_msg or 'Exception ignored in'}: {unraisable.exc_type.__name__}: {unraisable.exc_value}"
        )
        real_hook(unraisable)

    def dump() -> None:
        if os.getpid() != owner:
            return
        gc.collect()
        with open(out, "w", encoding="utf-8") as fh:
            json.dump({"prints": prints, "ignored": ignored}, fh)

    builtins.print = print
    sys.unraisablehook = hook
    atexit.register(dump)  # registered first, so it runs after the snippet's own exit handlers


# Popped: child processes (subprocess, multiprocessing) inherit the environment, and must not record.
_out = os.environ.pop("PAP_PRINTS", None)
_snippet = os.environ.pop("PAP_PRINTS_FROM", None)
if _out and _snippet:
    _install(_out, _snippet)
del _out, _snippet
