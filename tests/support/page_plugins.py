"""The pytest plugins a reader of a testing page has: those its install line brings.

pytest loads every plugin installed in the environment (entry point group `pytest11`). The suite's
environment holds the whole site's packages, so a test-module snippet run there loaded a dozen plugins
its reader never installs (hypothesis, syrupy, time-machine...), each imported at start-up: 1.2 s of CPU
for pytest to start instead of 0.3 s, in some hundred runs per suite. The runs turn autoloading off
(PYTEST_DISABLE_PLUGIN_AUTOLOAD) and name, with `-p`, the plugins of the distributions the page's
install line pulls in, dependencies included (fastapi brings anyio, whose plugin pytest loads): the
reader's set of plugins, not the suite's. The install-line runs (tests/test_install_lines.py) prove the
same line in an environment that holds nothing else.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Iterable
from importlib import metadata
from pathlib import Path

from packaging.markers import default_environment
from packaging.requirements import Requirement
from packaging.utils import canonicalize_name

from sitegen import SNIPPETS
from sitegen.frontmatter import split_front_matter
from sitegen.project import project

INSTALL = re.compile(r"`pip install ([^`]+)`")
BASE_MARKERS: dict[str, str] = {key: str(value) for key, value in default_environment().items()}


def install_line(page: Path) -> list[Requirement]:
    """The requirements of the page's one `pip install ...` line (none for the standard library)."""
    # The body only: the front matter quotes error messages, and one of them says `pip install ...`.
    _, body = split_front_matter(page.read_text(encoding="utf-8"), page)
    lines = INSTALL.findall(body)
    if len(set(lines)) > 1:
        raise ValueError(f"{page}: more than one install line: {sorted(set(lines))}")
    if not lines:
        return []
    return [Requirement(token.strip("\"'")) for token in lines[0].split()]


def page_of(module: Path) -> Path:
    """snippets/<section>/<slug>/x.py -> docs/<section>/<slug>.md"""
    section, slug = module.resolve().relative_to(SNIPPETS.resolve()).parts[:2]
    return project().docs / section / f"{slug}.md"


def _closure(requirements: list[Requirement]) -> set[str]:
    """The distributions installing `requirements` brings, as resolved in this environment."""
    seen: set[str] = set()
    todo = [(r, frozenset(r.extras)) for r in requirements]
    while todo:
        req, extras = todo.pop()
        name = canonicalize_name(req.name)
        key = f"{name}[{','.join(sorted(extras))}]"
        if key in seen:
            continue
        seen.add(key)
        seen.add(name)
        for spec in metadata.requires(name) or []:
            dep = Requirement(spec)
            wanted = [{**BASE_MARKERS, "extra": e} for e in ("", *extras)]
            if dep.marker is None or any(dep.marker.evaluate(env) for env in wanted):
                todo.append((dep, frozenset(dep.extras)))
    return {k for k in seen if "[" not in k}


@functools.cache
def plugins_of(page: Path) -> tuple[tuple[str, str], ...]:
    """(name, module) of each `pytest11` entry point of the distributions the page's install line installs."""
    closure = _closure(install_line(page))
    found = set()
    for dist in metadata.distributions():
        if canonicalize_name(dist.metadata["Name"]) in closure:
            found |= {(ep.name, ep.value) for ep in dist.entry_points if ep.group == "pytest11"}
    return tuple(sorted(found))


def plugin_args(module: Path, blocked: Iterable[str] = ()) -> list[str]:
    """`-p module` for each plugin of the module's page but those `blocked` (by name): with autoloading
    off, what the reader has. By module, not by entry-point name: `-p asyncio` would import the standard
    library's asyncio (pytest tries the name as a module first) and warn that it cannot rewrite it."""
    skip = set(blocked)
    # A blocked plugin's companions go with it (xdist.looponfail with xdist): loaded first, they would import
    # its package, and a run that names the plugin again would warn that pytest cannot rewrite it.
    return [
        arg
        for name, value in plugins_of(page_of(module))
        if name.partition(".")[0] not in skip
        for arg in ("-p", value)
    ]
