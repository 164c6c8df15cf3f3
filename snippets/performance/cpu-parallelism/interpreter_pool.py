"""Pure-Python work in its own interpreters: InterpreterPoolExecutor on 3.14, processes before."""

import os
import sys
from concurrent.futures import Executor, ProcessPoolExecutor

CALLS: list[int] = []  # module state: each interpreter has its own copy


def count_primes(start: int, stop: int) -> tuple[int, int]:
    """Pure-Python CPU work; returns the count and the id of the process it ran in."""
    CALLS.append(start)
    count = sum(
        all(n % d for d in range(2, int(n**0.5) + 1)) for n in range(start, stop)
    )
    return count, os.getpid()


def import_numpy() -> str:
    import numpy  # noqa: F401 - imported in the worker, where the job runs

    return "imported"


def make_pool(workers: int) -> Executor:
    if sys.version_info >= (3, 14):
        # Threads, each running its own interpreter with its own GIL: parallel Python
        # without starting processes. Arguments and results are still pickled.
        from concurrent.futures import InterpreterPoolExecutor

        return InterpreterPoolExecutor(max_workers=workers)
    return ProcessPoolExecutor(max_workers=workers)


def main() -> None:
    with make_pool(2) as pool:
        results = list(pool.map(count_primes, (2, 10_000), (10_000, 20_000)))
        try:
            numpy = pool.submit(import_numpy).result()
        except ImportError as exc:  # an extension module must opt in to subinterpreters
            numpy = str(exc).splitlines()[-1].removeprefix("Original error was: ")
    print(f"{type(pool).__name__}: {sum(count for count, _ in results)} primes")
    #> ProcessPoolExecutor: 2262 primes
    print(f"jobs ran in this process: {all(pid == os.getpid() for _, pid in results)}")
    #> jobs ran in this process: False
    print(f"jobs changed this interpreter's module state: {bool(CALLS)}")
    #> jobs changed this interpreter's module state: False
    print(f"numpy in a worker: {numpy}")
    #> numpy in a worker: imported


# Workers started with spawn or forkserver (the default on Linux from 3.14) import
# this module: the guard keeps them from running main() again.
if __name__ == "__main__":
    main()
