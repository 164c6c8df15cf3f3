"""The seed's FileWriter: safe on error, but two overlapping writers share one temp file."""

import os
import tempfile
from pathlib import Path
from types import TracebackType
from typing import Literal, TextIO


class FileWriter:  # the seed's class, with type hints added
    def __init__(self, filename: Path) -> None:
        self.filename = filename
        self.file: TextIO | None = None
        self.temp_filename = f"{filename}.tmp"  # the same name for every writer

    def __enter__(self) -> TextIO:
        self.file = open(self.temp_filename, "w")
        return self.file

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc_val: BaseException | None,
        exc_tb: TracebackType | None,
    ) -> Literal[False]:
        assert self.file is not None
        self.file.close()
        if exc_type is None:
            os.rename(self.temp_filename, self.filename)  # no fsync before the rename
        else:
            os.remove(self.temp_filename)
        return False


with tempfile.TemporaryDirectory() as tmp:
    directory = Path(tmp)
    path = directory / "settings.json"
    path.write_text('{"version": 1}')

    # What it gets right: an error in the block leaves the old file and no temp file.
    try:
        with FileWriter(path) as f:
            f.write('{"version": 2, ')
            raise TypeError("Object of type date is not JSON serializable")
    except TypeError:
        pass
    print(path.read_text(), sorted(p.name for p in directory.iterdir()))
    #> {"version": 1} ['settings.json']

    # Two writers whose lifetimes overlap (threads, processes, requests); nesting
    # makes the interleaving deterministic. B truncates and renames A's temp file.
    try:
        with FileWriter(path) as a:
            a.write('{"writer": "A"}')
            with FileWriter(path) as b:
                b.write('{"writer": "B", "n": 2}')
    except FileNotFoundError as exc:
        print(f"writer A: {type(exc).__name__}: {exc.strerror}")
        #> writer A: FileNotFoundError: No such file or directory
    print(path.read_text())  # A's buffered bytes landed on top of B's renamed file
    #> {"writer": "A"} "n": 2}
