"""A lazy pipeline of generators: one row at a time, whatever the size of the file."""

import csv
import tempfile
import tracemalloc
from collections.abc import Generator, Iterable, Iterator
from contextlib import closing
from pathlib import Path


def write_users(path: Path, rows: int) -> None:
    with path.open("w", newline="", encoding="utf-8") as f:
        writer = csv.writer(f)
        writer.writerow(["id", "email", "status"])
        for i in range(rows):
            writer.writerow(
                [i, f"User{i}@Example.com", "active" if i % 3 else "inactive"]
            )


def read_rows(path: Path) -> Iterator[dict[str, str]]:
    # The file stays open while the caller iterates and is closed when the generator
    # finishes or is closed.
    with path.open(newline="", encoding="utf-8") as f:
        yield from csv.DictReader(f)


def only_active(rows: Iterable[dict[str, str]]) -> Iterator[dict[str, str]]:
    return (row for row in rows if row["status"] == "active")


def to_users(
    rows: Iterable[dict[str, str]],
) -> Generator[dict[str, object], None, None]:
    for row in rows:
        yield {"user_id": int(row["id"]), "email": row["email"].lower()}


def active_users(path: Path) -> Generator[dict[str, object], None, None]:
    # Nothing runs yet: each stage pulls one row from the one before when asked.
    return to_users(only_active(read_rows(path)))


def peak_memory(path: Path) -> tuple[int, int]:
    """Active users in the file, and the peak bytes allocated while finding them."""
    tracemalloc.start()
    count = sum(1 for _ in active_users(path))
    _, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    return count, peak


def main() -> None:
    with tempfile.TemporaryDirectory() as tmp:
        small, large = Path(tmp, "small.csv"), Path(tmp, "large.csv")
        write_users(small, 10_000)
        write_users(large, 20_000)
        count_small, peak_small = peak_memory(small)
        count_large, peak_large = peak_memory(large)

        # Stopping early: closing() closes the pipeline, and with it the file, right away.
        with closing(active_users(large)) as users:
            print(next(users))
            #> {'user_id': 1, 'email': 'user1@example.com'}

    print(f"{count_small:,} then {count_large:,} active users")
    #> 6,666 then 13,333 active users
    # The peak is the pipeline's buffers, not the rows: it does not grow with the file.
    print(f"peak memory grows with the file: {peak_large > 1.5 * peak_small}")
    #> peak memory grows with the file: False
    print(
        f"peak memory under 256 KiB at both sizes: {max(peak_small, peak_large) < 2**18}"
    )
    #> peak memory under 256 KiB at both sizes: True


if __name__ == "__main__":  # the benchmark imports the pipeline
    main()
