"""The pitfall: one task per row, each carrying the whole array to a worker process."""

import pickle
from concurrent.futures import ProcessPoolExecutor

import numpy as np

ROWS, COLS = 128, 128  # 128 KiB of float64


def row_sums(matrix: np.ndarray, start: int, stop: int) -> list[float]:
    """Stands in for per-row work worth a worker process."""
    sums: list[float] = matrix[start:stop].sum(axis=1).tolist()
    return sums


def main() -> None:
    data = np.arange(ROWS * COLS, dtype=np.float64).reshape(ROWS, COLS)
    with ProcessPoolExecutor(max_workers=2) as pool:
        # One task per row, and every task's arguments include the whole array.
        tasks = [(data, row, row + 1) for row in range(ROWS)]
        futures = [pool.submit(row_sums, *task) for task in tasks]
        sums = [total for future in futures for total in future.result()]
    print(f"row sums correct: {sums == data.sum(axis=1).tolist()}")
    #> row sums correct: True
    print(f"tasks sent to the workers: {len(tasks)}")
    #> tasks sent to the workers: 128
    # Each task's arguments are pickled, written to a pipe and unpickled in a worker.
    sent = sum(len(pickle.dumps(task)) for task in tasks)
    print(f"copies of the matrix pickled for them: {sent // data.nbytes}")
    #> copies of the matrix pickled for them: 128


# Workers started with spawn or forkserver (the default on Linux from 3.14) import
# this module: the guard keeps them from running main() again.
if __name__ == "__main__":
    main()
