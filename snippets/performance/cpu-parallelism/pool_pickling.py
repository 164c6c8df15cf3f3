"""Large array to a process pool: few tasks, and a shared-memory name instead of the data."""

import pickle
import sys
from collections.abc import Iterator
from concurrent.futures import ProcessPoolExecutor
from contextlib import contextmanager
from multiprocessing.shared_memory import SharedMemory
from typing import NamedTuple

import numpy as np

ROWS, COLS = 128, 128  # 128 KiB of float64
STEP = ROWS // 8  # a few tasks per worker, not one per row: each is a round trip


class SharedArray(NamedTuple):
    """What a task needs to find the array: a few bytes, whatever the array's size."""

    name: str
    shape: tuple[int, ...]
    dtype: str


def attach(name: str) -> SharedMemory:
    if sys.version_info >= (3, 13):
        # Only the creator registers the segment for clean-up (track= is new in 3.13).
        return SharedMemory(name=name, track=False)
    return SharedMemory(name=name)


def row_sums(ref: SharedArray, start: int, stop: int) -> list[float]:
    """Stands in for per-row work worth a worker process."""
    shm = attach(ref.name)
    try:
        # A view of the segment, not a copy. Use it only before close(): numpy does not
        # keep the mapping alive, and reading the view after close() crashes the process.
        matrix = np.ndarray(ref.shape, dtype=ref.dtype, buffer=shm.buf)
        sums: list[float] = matrix[start:stop].sum(axis=1).tolist()
    finally:
        shm.close()
    return sums


@contextmanager
def shared(data: np.ndarray) -> Iterator[SharedArray]:
    """Copies the array into a new shared-memory segment, freed on the way out."""
    shm = SharedMemory(create=True, size=data.nbytes)
    try:
        # Copy the array in once (or build it in the segment in the first place).
        np.ndarray(data.shape, dtype=data.dtype, buffer=shm.buf)[:] = data
        yield SharedArray(shm.name, data.shape, data.dtype.str)
    finally:
        shm.close()
        shm.unlink()  # close() unmaps it here; unlink() frees the memory


def main() -> None:
    data = np.arange(ROWS * COLS, dtype=np.float64).reshape(ROWS, COLS)
    # The pool shuts down (its workers done with the segment) before the segment is freed.
    with shared(data) as ref, ProcessPoolExecutor(max_workers=2) as pool:
        tasks = [(ref, row, min(row + STEP, ROWS)) for row in range(0, ROWS, STEP)]
        futures = [pool.submit(row_sums, *task) for task in tasks]
        sums = [total for future in futures for total in future.result()]
    print(f"row sums correct: {sums == data.sum(axis=1).tolist()}")
    #> row sums correct: True
    print(f"tasks sent to the workers: {len(tasks)}")
    #> tasks sent to the workers: 8
    # Each task's arguments are pickled, written to a pipe and unpickled in a worker.
    sent = sum(len(pickle.dumps(task)) for task in tasks)
    print(f"copies of the matrix pickled for them: {sent // data.nbytes}")
    #> copies of the matrix pickled for them: 0
    try:  # attaching by name fails once the segment is unlinked
        attach(ref.name).close()
        print("segment left behind: True")
    except FileNotFoundError:
        print("segment left behind: False")
        #> segment left behind: False


# Workers started with spawn or forkserver (the default on Linux from 3.14) import
# this module: the guard keeps them from running main() again.
if __name__ == "__main__":
    main()
