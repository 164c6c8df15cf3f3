"""A zygote: one Python that has imported a snippet's libraries once and forks a child per run of it.

Started by tests/support/forked_runs.py as `python -W error forked_run_server.py FD MODULE...` with the
environment a real run would have. It imports MODULE... (the third-party modules of a snippet's leading
imports), then answers on the socket FD: after preloading, {"ready": bool, "why": str}; then per request
({"argv", "cwd", "env"} and the run's stdout and stderr as passed descriptors) {"pid": int} once the child
is forked and {"status": int} when it has ended.

The child turns itself into `python -W error script.py`: the script's own `__main__` module, `sys.argv`,
`sys.path[0]`, working directory and environment, stdin from /dev/null, and Python's own handling of an
uncaught exception, SystemExit, exit handlers and finalization. Standard library only: it runs on every
version the snippets are verified on.
"""

from __future__ import annotations

import json
import os
import socket
import sys
import types
import warnings
from _thread import get_ident as threading_id
from importlib.machinery import SourceFileLoader

TYPE_CHECKING = False
if TYPE_CHECKING:  # not imported at run time: a snippet's run should not find `typing` already there
    from typing import Any

# Set by `python script.py` to the script's folder; the child puts its script's folder there.
del sys.path[0]


def send(sock: socket.socket, message: dict[str, Any]) -> None:
    sock.sendall(json.dumps(message).encode() + b"\n")


def unsafe_threads() -> list[str]:
    """The threads a fork would leave in an unknown state: any Python thread but this one, and native
    threads other than OpenBLAS's workers (named like the process; OpenBLAS stops them before a fork and
    restarts them on use) and jemalloc's background thread (Arrow's allocator, fork-safe by design)."""
    others = [f for tid, f in sys._current_frames().items() if tid != threading_id()]
    if others:  # Python threads, whether started by threading or _thread
        return [f"a Python thread in {f.f_code.co_filename}" for f in others]
    me = os.getpid()
    with open(f"/proc/{me}/comm", encoding="utf-8") as fh:
        process = fh.read().strip()
    names = []
    for task in os.listdir(f"/proc/{me}/task"):
        if int(task) != me:
            with open(f"/proc/{me}/task/{task}/comm", encoding="utf-8") as fh:
                names.append(fh.read().strip())
    return [n for n in names if n not in (process, "jemalloc_bg_thd")]


def run(request: dict[str, Any], fds: list[int]) -> None:
    """In the forked child: become the script's run; never returns (SystemExit ends the interpreter)."""
    null = os.open(os.devnull, os.O_RDONLY)
    os.dup2(null, 0)
    os.dup2(fds[0], 1)
    os.dup2(fds[1], 2)
    for fd in (null, *fds):
        os.close(fd)
    os.chdir(request["cwd"])
    os.environ.clear()
    os.environ.update(request["env"])
    sys.argv = list(request["argv"])
    path = os.path.abspath(sys.argv[0])
    sys.path.insert(0, os.path.dirname(os.path.realpath(path)))
    main = types.ModuleType("__main__")
    # What `python script.py` gives its __main__, in its order (__spec__ and __package__ stay None);
    # before 3.14 (PEP 649) that includes an empty __annotations__.
    main.__loader__ = SourceFileLoader("__main__", path)
    if sys.version_info < (3, 14):
        main.__dict__["__annotations__"] = {}
    main.__dict__.update(__builtins__=__builtins__, __file__=path, __cached__=None)
    sys.modules["__main__"] = main
    with open(path, "rb") as fh:
        code = compile(fh.read(), path, "exec", dont_inherit=True)
    try:
        exec(code, main.__dict__)
    except SystemExit:
        raise  # Python's own handling: the status, or the message printed to stderr
    except BaseException as exc:
        tb = exc.__traceback__
        while tb is not None and tb.tb_frame.f_code is not code:  # start at the script, as Python does
            tb = tb.tb_next
        sys.excepthook(type(exc), exc.with_traceback(tb), tb)
        raise SystemExit(1) from None
    raise SystemExit(0)


def serve(sock: socket.socket) -> None:
    while True:
        fds: list[int] = []
        line = b""
        while not line.endswith(b"\n"):
            chunk, got, _flags, _addr = socket.recv_fds(sock, 65536, 2)
            if not chunk:
                return  # the test process is gone: stop
            line += chunk
            fds += got
        request = json.loads(line)
        with warnings.catch_warnings():  # left in both processes before the child runs anything
            # "This process is multi-threaded, use of fork() may lead to deadlocks": see unsafe_threads().
            warnings.simplefilter("ignore", DeprecationWarning)
            pid = os.fork()
        if pid == 0:
            sock.close()
            run(request, fds)
        for fd in fds:
            os.close(fd)
        send(sock, {"pid": pid})
        _, status = os.waitpid(pid, 0)
        send(sock, {"status": os.waitstatus_to_exitcode(status)})


def main() -> None:
    sock = socket.socket(fileno=int(sys.argv[1]))
    try:
        for module in sys.argv[2:]:
            __import__(module)
    except BaseException as exc:  # an import that fails (a warning turned error) fails the real run too
        send(sock, {"ready": False, "why": f"importing {module}: {type(exc).__name__}: {exc}"})
        return
    # A fork copies only the calling thread: a library's other threads are missing in the child, and a
    # lock one of them held stays locked. Only a zygote whose threads are known to survive forks forks.
    unsafe = unsafe_threads()
    send(sock, {"ready": not unsafe, "why": f"threads {unsafe} after importing {' '.join(sys.argv[2:])}"})
    if not unsafe:
        serve(sock)


if __name__ == "__main__":
    main()
