"""`python -m sitegen sync|check|stale`: the generated files, written, checked or listed.

- `sync` writes every file generated from the sources: the nav block in mkdocs.yml, llms.txt,
  llms-full.txt and the README's site-speed table (from the benchmark results). `make sync` runs
  it after re-verifying the snippets whose verification is stale (`stale`).
- `check` fails naming each stale generated file and the command that fixes it.
- `stale` prints the snippets whose verification record no longer matches their source.
"""

from __future__ import annotations

import sys
from pathlib import Path

from .catalog import load_catalog
from .frontmatter import PageError, split_front_matter
from .llms import render_full, render_index
from .nav import render_nav, replace_nav
from .project import project
from .readme_table import readme_text
from .records import snippet_record
from .verified import PYTHONS, sha256


def generated_files() -> dict[Path, str]:
    """Every generated file and the content it must have now."""
    proj = project()
    catalog = load_catalog(proj.docs)
    home_path = proj.docs / "index.md"
    home, _ = split_front_matter(home_path.read_text(encoding="utf-8"), home_path)
    return {
        proj.config: replace_nav(proj.config.read_text(encoding="utf-8"), render_nav(catalog), proj.config),
        proj.docs / "llms.txt": render_index(catalog, proj.site_url, str(home["description"])),
        proj.docs / "llms-full.txt": render_full(catalog, proj),
        proj.readme: readme_text(),
    }


def stale_snippets() -> list[Path]:
    """Snippets with no record, one that lacks a supported Python, or whose source changed since."""
    proj = project()
    found = []
    for path in sorted(proj.snippets.rglob("*.py")):
        if "__pycache__" in path.parts:
            continue
        record = snippet_record(path.relative_to(proj.snippets).as_posix())
        if record is None or record.sha256 != sha256(path) or set(PYTHONS) - set(record.runs):
            found.append(path)
    return found


def main(argv: list[str]) -> int:
    if argv not in (["sync"], ["check"], ["stale"]):
        print("usage: python -m sitegen sync|check|stale", file=sys.stderr)
        return 2
    proj = project()
    if argv == ["stale"]:
        for path in stale_snippets():
            print(path.relative_to(proj.root))
        return 0
    try:
        generated = generated_files()
    except (PageError, ValueError) as exc:
        print(exc, file=sys.stderr)
        return 1
    stale = [p for p, content in generated.items() if not p.exists() or p.read_text(encoding="utf-8") != content]
    if argv == ["check"]:
        for path in stale:
            print(f"{path.relative_to(proj.root)}: stale; run `make sync`", file=sys.stderr)
        for path in stale_snippets():
            print(f"{path.relative_to(proj.root)}: changed since it was verified; run `make sync`", file=sys.stderr)
        return 1 if stale or stale_snippets() else 0
    for path in stale:
        path.write_text(generated[path], encoding="utf-8")
        print(f"{path.relative_to(proj.root)}: updated")
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
