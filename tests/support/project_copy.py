"""A copy of the project's site sources, for builds that must not write into the work tree."""

from __future__ import annotations

import shutil
from pathlib import Path

from sitegen import ROOT

SOURCES = ("docs", "snippets", "verified", "overrides")


def copy_project(dest: Path) -> Path:
    ignore = shutil.ignore_patterns("__pycache__", "*.pyc")
    for folder in SOURCES:
        shutil.copytree(ROOT / folder, dest / folder, ignore=ignore, symlinks=True)
    shutil.copytree(ROOT / "benchmarks" / "results", dest / "benchmarks" / "results")
    shutil.copy(ROOT / "mkdocs.yml", dest / "mkdocs.yml")
    return dest
