"""`python -m sitegen sync` writes the generated nav into mkdocs.yml; `check` fails if it is stale."""

from __future__ import annotations

import sys

from . import DOCS, ROOT
from .catalog import load_catalog
from .frontmatter import PageError
from .nav import render_nav, replace_nav


def main(argv: list[str]) -> int:
    if argv not in (["sync"], ["check"]):
        print("usage: python -m sitegen sync|check", file=sys.stderr)
        return 2
    try:
        catalog = load_catalog(DOCS)
    except PageError as exc:
        print(exc, file=sys.stderr)
        return 1
    config = ROOT / "mkdocs.yml"
    text = config.read_text(encoding="utf-8")
    new = replace_nav(text, render_nav(catalog), config)
    if argv == ["check"]:
        if new != text:
            print("mkdocs.yml: the nav is stale; run `python -m sitegen sync`", file=sys.stderr)
            return 1
        return 0
    if new != text:
        config.write_text(new, encoding="utf-8")
        print("mkdocs.yml: nav updated")
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
