"""`python -m sitegen sync` writes the generated nav into mkdocs.yml; `check` fails if it is stale."""

from __future__ import annotations

import sys

from . import DOCS, ROOT
from .catalog import load_catalog
from .frontmatter import PageError, split_front_matter
from .llms import render_full, render_index, site_url
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
    base = site_url(config)
    home, _ = split_front_matter((DOCS / "index.md").read_text(encoding="utf-8"), DOCS / "index.md")
    generated = {
        config: replace_nav(text, render_nav(catalog), config),
        DOCS / "llms.txt": render_index(catalog, base, str(home["description"])),
        DOCS / "llms-full.txt": render_full(catalog, DOCS, base),
    }
    stale = [p for p, content in generated.items() if not p.exists() or p.read_text(encoding="utf-8") != content]
    if argv == ["check"]:
        for path in stale:
            print(f"{path.relative_to(ROOT)}: stale; run `python -m sitegen sync`", file=sys.stderr)
        return 1 if stale else 0
    for path in stale:
        path.write_text(generated[path], encoding="utf-8")
        print(f"{path.relative_to(ROOT)}: updated")
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
