"""A zygote: one Python that has imported a snippet's libraries once and forks a child per run of it.

Started by tests/support/forked_runs.py as `python -W error forked_run_server.py FD MODULE...` with the
environment a real run would have, in an empty directory of its own. It imports MODULE... (the
third-party modules of a snippet's leading imports) before anything of its own, then answers on the
socket FD: first {"ready": bool, "why": str, "env": its environment, "modules": top-level names
imported}; then per request ({"argv", "cwd", "env"} with the run's stdout and stderr pipes as passed
descriptors) {"pid": int} once the child is forked and {"status": int} when it has ended.

The child turns itself into `python -W error script.py`: the modules the server imported for itself
are dropped, so the script imports them afresh as a new process would; the script's own `__main__`,
`sys.argv`, `sys.path[0]`, working directory and environment (set before the fork, so fork handlers see
it); stdin from /dev/null; Python's own handling of an uncaught exception, SystemExit, exit handlers and
finalization; and a recursion limit raised by the frames the server adds below the script's.
Standard library only: it runs on every version the snippets are verified on.
"""

import os
import sys

# Set by `python script.py` to this file's folder; the child puts its script's folder there instead.
del sys.path[0]


def preload(modules: list[str]) -> str:
    """Import the snippet's modules first, with nothing of the server's loaded yet; '' or what failed."""
    for module in modules:
        try:
            __import__(module)
        except BaseException as exc:  # an import that fails (a warning turned error) fails the real run too
            return f"importing {module}: {type(exc).__name__}: {exc}"
    return ""


def unsafe_threads() -> list[str]:
    """Threads a fork would leave in an unknown state: any Python thread but this one, and native threads
    other than jemalloc's background thread (Arrow's allocator, fork-safe by design) and, once numpy is
    loaded, OpenBLAS's workers (unnamed, so named like the process; OpenBLAS stops them before a fork)."""
    from _thread import get_ident

    others = [f for tid, f in sys._current_frames().items() if tid != get_ident()]
    if others:  # Python threads, whether started by threading or _thread
        return [f"a Python thread in {f.f_code.co_filename}" for f in others]
    me = os.getpid()
    with open(f"/proc/{me}/comm", encoding="utf-8") as fh:
        process = fh.read().strip()
    allowed = {"jemalloc_bg_thd", *([process] if "numpy" in sys.modules else [])}
    names = []
    for task in os.listdir(f"/proc/{me}/task"):
        if int(task) != me:
            with open(f"/proc/{me}/task/{task}/comm", encoding="utf-8") as fh:
                names.append(fh.read().strip())
    return [n for n in names if n not in allowed]


def main() -> None:
    failed = preload(sys.argv[2:])
    unsafe = [] if failed else unsafe_threads()
    before = set(sys.modules)
    import gc
    import json
    import socket
    import warnings

    own = set(sys.modules) - before  # dropped in each child: a fresh process has not imported them

    def send(message: dict[str, object]) -> None:
        sock.sendall(json.dumps(message).encode() + b"\n")

    sock = socket.socket(fileno=int(sys.argv[1]))
    sys.stdout.flush()
    sys.stderr.flush()
    # A fork copies only the calling thread: a library's other threads are missing in the child, and a
    # lock one of them held stays locked. Only a zygote whose threads are known to survive forks forks.
    why = failed or (f"threads {unsafe} after importing {' '.join(sys.argv[2:])}" if unsafe else "")
    tops = sorted({name.partition(".")[0] for name in before})
    send({"ready": not why, "why": why, "env": dict(os.environ), "modules": tops})
    if why:
        return
    while True:
        fds: list[int] = []
        line = b""
        while not line.endswith(b"\n"):
            chunk, got, _flags, _addr = socket.recv_fds(sock, 1 << 20, 2)
            if not chunk:
                return  # the test process is gone: stop
            line += chunk
            fds += got
        request = json.loads(line)
        saved = dict(os.environ)
        os.environ.clear()
        os.environ.update(request["env"])
        # What exists now is left out of the child's garbage collections (the gc module's advice for a fork
        # without exec): a collection would walk every object the imports made, copying each page it
        # touches, at every collection and once more at exit (0.21 s of a 0.23 s run after pandas).
        gc.freeze()
        with warnings.catch_warnings():  # left in both processes before the child runs anything
            # "This process is multi-threaded, use of fork() may lead to deadlocks": see unsafe_threads().
            warnings.simplefilter("ignore", DeprecationWarning)
            pid = os.fork()
        if pid == 0:
            sock.close()
            for name in own:
                del sys.modules[name]
            run(request, fds)
        os.environ.clear()
        os.environ.update(saved)
        for fd in fds:
            os.close(fd)
        send({"pid": pid})
        _, status = os.waitpid(pid, 0)
        send({"status": os.waitstatus_to_exitcode(status)})


def run(request: dict[str, list[str] | str], fds: list[int]) -> None:
    """In the forked child: become the script's run; never returns (SystemExit ends the interpreter)."""
    null = os.open(os.devnull, os.O_RDONLY)
    os.dup2(null, 0)
    os.dup2(fds[0], 1)
    os.dup2(fds[1], 2)
    for fd in (null, *fds):
        os.close(fd)
    os.chdir(str(request["cwd"]))
    sys.argv = list(request["argv"])
    path = os.path.abspath(sys.argv[0])
    sys.path.insert(0, os.path.dirname(os.path.realpath(path)))
    main = type(sys)("__main__")
    # What `python script.py` gives its __main__, in its order (__spec__ and __package__ stay None);
    # before 3.14 (PEP 649) that includes an empty __annotations__.
    main.__loader__ = sys.modules["_frozen_importlib_external"].SourceFileLoader("__main__", path)
    if sys.version_info < (3, 14):
        main.__dict__["__annotations__"] = {}
    main.__dict__.update(__builtins__=__builtins__, __file__=path, __cached__=None)
    sys.modules["__main__"] = main
    with open(path, "rb") as fh:
        code = compile(fh.read(), path, "exec", dont_inherit=True)
    # The frames below the script's (this module's, exec's) would otherwise count against its recursion.
    depth, frame = 1, sys._getframe()
    while frame.f_back is not None:
        depth, frame = depth + 1, frame.f_back
    sys.setrecursionlimit(sys.getrecursionlimit() + depth)
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


if __name__ == "__main__":
    main()
