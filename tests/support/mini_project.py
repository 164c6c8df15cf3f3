"""A small copy of the project (one section, one pattern) to feed the build deliberately bad input."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

from sitegen import ROOT
from sitegen.nav import BEGIN, END

PAGES = [
    "quick-reference.md",
    "complexity.md",
    "async/index.md",
    "async/gather.md",
    "async/other.md",
]
COPIED = PAGES[:3]

# Self-contained pattern pages, so the fixture does not depend on the real pages' links.
GATHER_PAGE = """---
title: Parallel awaits with asyncio.gather()
use_case: Several independent calls whose results you need together.
complexity: 3
modules: [asyncio]
symptoms: [my async code is no faster than the sync version, awaits run one after another]
related: [async/other.md]
---

## The pattern

```python
--8<-- "async/gather/gather.py"
```

## Why it works

Measured: [[bench:async_gather.speedup]].
"""
OTHER_PAGE = """---
title: Another pattern
use_case: A second page for the first one to relate to.
complexity: 2
modules: [asyncio]
symptoms: [a second symptom page, one more symptom]
---

## The pattern

```python
--8<-- "async/gather/gather_sequential.py"
```

## Why it works

It is only here to be linked.
"""
SNIPPET_FILES = ["async/gather/gather.py", "async/gather/gather_sequential.py"]
HOOK = re.compile(r"^  - sitegen/(\w+\.py)", re.MULTILINE)


def make_mini_project(dest: Path) -> Path:
    for folder in ("overrides",):
        shutil.copytree(ROOT / folder, dest / folder, ignore=shutil.ignore_patterns("__pycache__"))
    shutil.copytree(ROOT / "benchmarks" / "results", dest / "benchmarks" / "results")
    (dest / "sitegen").mkdir()
    # mkdocs.yml's `hooks:`, loaded by path, and the pins and record the Run hook reads beside it.
    for hook in [*HOOK.findall((ROOT / "mkdocs.yml").read_text()), "pyodide-pins.toml"]:
        shutil.copy(ROOT / "sitegen" / hook, dest / "sitegen")
    for page in COPIED:
        (dest / "docs" / page).parent.mkdir(parents=True, exist_ok=True)
        shutil.copy(ROOT / "docs" / page, dest / "docs" / page)
    (dest / "docs" / "async" / "gather.md").write_text(GATHER_PAGE)
    (dest / "docs" / "async" / "other.md").write_text(OTHER_PAGE)
    for name in SNIPPET_FILES:
        (dest / "snippets" / name).parent.mkdir(parents=True, exist_ok=True)
        shutil.copy(ROOT / "snippets" / name, dest / "snippets" / name)
        (dest / "verified" / name).parent.mkdir(parents=True, exist_ok=True)
        shutil.copy(ROOT / "verified" / f"{name}.json", dest / "verified" / f"{name}.json")
    (dest / "docs" / "downloads").symlink_to("../snippets")
    config = (ROOT / "mkdocs.yml").read_text()
    start, end = config.index(BEGIN), config.index(END) + len(END)
    nav = "\n".join(["nav:", *(f"  - {p}" for p in PAGES)])
    (dest / "mkdocs.yml").write_text(config[:start] + nav + config[end:])
    return dest


def edit(path: Path, old: str, new: str) -> None:
    text = path.read_text()
    assert old in text, f"{old!r} not in {path}"
    path.write_text(text.replace(old, new, 1))
