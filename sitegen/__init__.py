"""Build-time helpers for the site: one model of its sources, page metadata, navigation, records and a
Markdown extension. Everything here is plain Python and Python-Markdown, so that MkDocs and Zensical
can both use it.

`ROOT`, `DOCS` and `SNIPPETS` are the current project's folders, read from its mkdocs.yml (found
from the working directory upwards; see `sitegen.project`), never from where this package lives.
"""

from __future__ import annotations

from pathlib import Path


def __getattr__(name: str) -> Path:
    from .project import project

    if name == "ROOT":
        return project().root
    if name == "DOCS":
        return project().docs
    if name == "SNIPPETS":
        return project().snippets
    raise AttributeError(f"module 'sitegen' has no attribute {name!r}")
