"""The text a `--8<-- "file.py"` or `--8<-- "file.py:section"` include puts on a page."""

from __future__ import annotations

import textwrap

from . import SNIPPETS


class MissingSnippet(Exception):
    pass


def snippet_text(target: str) -> str:
    file_part, _, section = target.partition(":")
    path = SNIPPETS / file_part
    if not path.is_file():
        raise MissingSnippet(f'--8<-- "{target}": no such file {path}')
    text = path.read_text(encoding="utf-8")
    if not section:
        return text
    lines = text.splitlines(keepends=True)
    try:
        start = next(i for i, line in enumerate(lines) if f"[start:{section}]" in line)
        end = next(i for i, line in enumerate(lines) if f"[end:{section}]" in line)
    except StopIteration:
        raise MissingSnippet(f'--8<-- "{target}": {path} has no section "{section}"') from None
    return textwrap.dedent("".join(lines[start + 1 : end]))
