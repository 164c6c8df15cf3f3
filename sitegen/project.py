"""Where the project's sources are, read from its configuration (mkdocs.yml), not from this file's place.

The project is the folder holding `mkdocs.yml`, found from the working directory upwards: the
same rule MkDocs, Zensical and pymdownx.snippets (whose `base_path` is relative to the working
directory) follow, so the package works installed in a virtualenv as well as from a checkout.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

import yaml

CONFIG_NAME = "mkdocs.yml"


class _Loader(yaml.SafeLoader):
    """mkdocs.yml uses tags such as `!ENV`; their values do not matter for paths."""


_Loader.add_multi_constructor("!", lambda loader, suffix, node: None)


@dataclass(frozen=True)
class Project:
    root: Path
    config: Path
    docs: Path  # mkdocs.yml's docs_dir
    snippets: Path  # the first base_path of pymdownx.snippets
    site_url: str  # always ends with "/"

    @property
    def benchmarks(self) -> Path:
        return self.root / "benchmarks"

    @property
    def results(self) -> Path:
        """One JSON file per benchmark: what it measured, with what, from which inputs."""
        return self.benchmarks / "results"

    @property
    def records(self) -> Path:
        """One JSON file per snippet: how and where it was verified, and what it printed."""
        return self.root / "verified"

    @property
    def readme(self) -> Path:
        return self.root / "README.md"

    @property
    def seeds(self) -> Path:
        """The seed guides the pages quote (checked verbatim by the tests)."""
        return self.root / "tests" / "seed_guides"


def _snippets_base(config: dict[str, Any], root: Path) -> Path:
    for entry in config.get("markdown_extensions") or []:
        if isinstance(entry, dict) and "pymdownx.snippets" in entry:
            base = (entry["pymdownx.snippets"] or {}).get("base_path", ["."])
            first = base[0] if isinstance(base, list) else base
            return (root / str(first)).resolve()
    raise ValueError(f"{root / CONFIG_NAME}: pymdownx.snippets is not configured (no snippet base_path)")


def load_project(config_path: Path) -> Project:
    config_path = config_path.resolve()
    data = yaml.load(config_path.read_text(encoding="utf-8"), Loader=_Loader)  # a SafeLoader subclass
    if not isinstance(data, dict):
        raise ValueError(f"{config_path}: not a mapping")
    root = config_path.parent
    site_url = str(data.get("site_url") or "/")
    return Project(
        root=root,
        config=config_path,
        docs=(root / str(data.get("docs_dir", "docs"))).resolve(),
        snippets=_snippets_base(data, root),
        site_url=site_url.rstrip("/") + "/",
    )


def find_config(start: Path) -> Path:
    for folder in (start, *start.parents):
        candidate = folder / CONFIG_NAME
        if candidate.is_file():
            return candidate
    raise FileNotFoundError(f"no {CONFIG_NAME} in {start} or any folder above it: run from the project")


@cache
def _project_at(config: Path, mtime_ns: int) -> Project:
    return load_project(config)


def project() -> Project:
    """The project of the working directory (or of SITEGEN_PROJECT, a path to its mkdocs.yml)."""
    configured = os.environ.get("SITEGEN_PROJECT")
    config = Path(configured).resolve() if configured else find_config(Path.cwd().resolve())
    return _project_at(config, config.stat().st_mtime_ns)
