"""Verification records: which Python and library versions each snippet was last verified with,
and what it printed when run as a plain script (the Output block under it on the site).

The snippet tests compute the record from the test environment and compare it with the
committed one (`snippets/verified.json`); `--update-examples` rewrites it with today's date.
The build reads it to print the badge under each snippet.
"""

from __future__ import annotations

import ast
import datetime as dt
import fcntl
import hashlib
import importlib.metadata as md
import json
import sys
from functools import cache
from pathlib import Path

from . import SNIPPETS

RECORDS = SNIPPETS / "verified.json"


def imported_distributions(source: str) -> dict[str, str]:
    """The installed distributions (name -> version) that a module's imports come from."""
    top_level: set[str] = set()
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.Import):
            top_level |= {alias.name.split(".")[0] for alias in node.names}
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            top_level.add(node.module.split(".")[0])
    mapping = md.packages_distributions()
    found: dict[str, str] = {}
    for name in sorted(top_level - set(sys.stdlib_module_names)):
        for dist in mapping.get(name, []):
            found[md.metadata(dist)["Name"].lower()] = md.version(dist)
    return dict(sorted(found.items()))


def current_record(snippet: Path, stdout: str | None) -> dict[str, object]:
    """What the record must say now; `stdout` is what `python <snippet>` printed (None: not a script)."""
    source = snippet.read_text(encoding="utf-8")
    record: dict[str, object] = {
        "sha256": hashlib.sha256(source.encode()).hexdigest(),
        "python": f"{sys.version_info.major}.{sys.version_info.minor}",
        "packages": imported_distributions(source),
    }
    if stdout is not None:
        record["stdout"] = stdout
    return record


def key(snippet: Path) -> str:
    return snippet.resolve().relative_to(SNIPPETS).as_posix()


def load_records() -> dict[str, dict[str, object]]:
    if not RECORDS.exists():
        return {}
    return _parsed(RECORDS, RECORDS.stat().st_mtime_ns)


@cache
def _parsed(path: Path, mtime_ns: int) -> dict[str, dict[str, object]]:
    """One parse per version of the file (the build asks once per snippet on every page)."""
    return json.loads(path.read_text(encoding="utf-8"))


def stale_fields(snippet: Path, stdout: str | None) -> list[str]:
    """What differs between the committed record and the environment ([] when up to date)."""
    record = load_records().get(key(snippet))
    if record is None:
        return ["no record"]
    now = current_record(snippet, stdout)
    return [f"{k}: recorded {record.get(k)!r}, now {v!r}" for k, v in now.items() if record.get(k) != v]


def write_record(snippet: Path, stdout: str | None) -> None:
    """Record that the snippet was verified today in this environment (safe under pytest-xdist)."""
    RECORDS.touch()
    with RECORDS.open("r+", encoding="utf-8") as fh:
        fcntl.flock(fh, fcntl.LOCK_EX)
        text = fh.read()
        records = json.loads(text) if text.strip() else {}
        records[key(snippet)] = {
            **current_record(snippet, stdout),
            "verified_on": dt.date.today().isoformat(),
        }
        fh.seek(0)
        fh.truncate()
        fh.write(json.dumps(dict(sorted(records.items())), indent=2) + "\n")
