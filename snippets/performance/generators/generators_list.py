"""The pitfall: a list-based pipeline holds every row of the file in memory at once."""

import csv
import tempfile
import tracemalloc
from pathlib import Path


def write_users(path: Path, rows: int) -> None:
    with path.open("w", newline="", encoding="utf-8") as f:
        writer = csv.writer(f)
        writer.writerow(["id", "email", "status"])
        for i in range(rows):
            writer.writerow(
                [i, f"User{i}@Example.com", "active" if i % 3 else "inactive"]
            )


def read_csv(path: Path) -> list[dict[str, str]]:
    with path.open(newline="", encoding="utf-8") as f:
        return list(csv.DictReader(f))  # every row of the file, as a dict, at once


def active_users(path: Path) -> list[dict[str, object]]:
    rows = read_csv(path)
    active = [row for row in rows if row["status"] == "active"]
    return [
        {"user_id": int(row["id"]), "email": row["email"].lower()} for row in active
    ]


def peak_memory(path: Path) -> tuple[int, int]:
    """Active users in the file, and the peak bytes allocated while finding them."""
    tracemalloc.start()
    count = len(active_users(path))
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

    print(f"{count_small:,} then {count_large:,} active users")
    #> 6,666 then 13,333 active users
    print(
        f"peak memory: {peak_small / 2**20:.0f} MiB, then {peak_large / 2**20:.0f} MiB"
    )
    #> peak memory: 5 MiB, then 11 MiB


if __name__ == "__main__":  # the benchmark imports the pipeline
    main()
