"""Atomic file write: a unique temp file beside the target, fsync, then os.replace()."""

import fcntl
import json
import os
import shutil
import tempfile
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import date
from pathlib import Path
from typing import TextIO


@contextmanager
def atomic_write(path: Path, encoding: str = "utf-8") -> Iterator[TextIO]:
    # Same directory: a rename is atomic only within one file system.
    # mkstemp: a unique name, so concurrent writers never share a temp file.
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        with open(fd, "w", encoding=encoding) as f:
            yield f
            f.flush()
            os.fsync(f.fileno())  # on disk before the name points at it
        if path.exists():
            shutil.copymode(path, tmp)  # mkstemp creates 0600; keep the target's mode
        # Atomic, and it overwrites on Windows too (os.rename does not).
        os.replace(tmp, path)
    except BaseException:
        os.unlink(tmp)
        raise
    if os.name == "posix":  # make the rename itself survive a power cut
        dir_fd = os.open(path.parent, os.O_RDONLY)
        try:
            os.fsync(dir_fd)
        finally:
            os.close(dir_fd)


@contextmanager
def locked(path: Path) -> Iterator[None]:
    """One read-modify-write of path at a time, across threads and processes (POSIX)."""
    # Lock a file that is never replaced: the lock of a replaced file protects nothing.
    with open(path.with_name(f"{path.name}.lock"), "a") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)  # released when the file is closed
        yield


def add_visit(path: Path) -> None:
    with locked(path):
        visits = json.loads(path.read_text(encoding="utf-8"))["visits"]
        time.sleep(0.02)  # the other writers are ready to read the same old value
        with atomic_write(path) as f:
            json.dump({"visits": visits + 1}, f)


with tempfile.TemporaryDirectory() as tmp_dir:
    directory = Path(tmp_dir)
    path = directory / "settings.json"
    with atomic_write(path) as f:
        json.dump({"version": 1, "retries": 3}, f)

    # A failure half-way through leaves the old version and no temp file.
    try:
        with atomic_write(path) as f:
            json.dump({"version": 2, "retries": 5, "deadline": date(2030, 1, 1)}, f)
    except TypeError as exc:
        print(f"write failed: {exc}")
        #> write failed: Object of type date is not JSON serializable
    print(path.read_text(encoding="utf-8"), sorted(p.name for p in directory.iterdir()))
    #> {"version": 1, "retries": 3} ['settings.json']

    # Overlapping writers each fill their own temp file; the last replace wins whole.
    with atomic_write(path) as a:
        a.write('{"writer": "A"}')
        with atomic_write(path) as b:
            b.write('{"writer": "B", "n": 2}')
    print(path.read_text(encoding="utf-8"), sorted(p.name for p in directory.iterdir()))
    #> {"writer": "A"} ['settings.json']

    # Five threads read, change and write one file: atomic writes alone would keep
    # whole files but lose updates; the lock makes each update see the previous one.
    counter = directory / "visits.json"
    counter.write_text('{"visits": 0}', encoding="utf-8")
    writers = [threading.Thread(target=add_visit, args=(counter,)) for _ in range(5)]
    for writer in writers:
        writer.start()
    for writer in writers:
        writer.join()
    print(counter.read_text(encoding="utf-8"))
    #> {"visits": 5}
