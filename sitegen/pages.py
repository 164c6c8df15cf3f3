"""The one model of a page's source: front matter, fenced blocks, snippet includes and `[[...]]` markers.

The build extension, the llms files, the generated tables and the tests all read pages through
this module. What an include puts on a page is computed by pymdownx.snippets itself, configured
as mkdocs.yml configures it, so no second implementation of its rules can drift from the build.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

import markdown
import yaml

from .frontmatter import split_front_matter
from .project import Project, _Loader, project

# An opening fence at any indentation (inside content tabs and admonitions as well).
FENCE = re.compile(r"^(?P<indent> *)(?P<fence>`{3,}|~{3,})[ \t]*(?P<lang>[\w+-]*)(?P<attrs>[^\n]*)$")
# A snippet include line, the only line of a fenced block.
INCLUDE = re.compile(r'^ *-{1,}8<-{1,} *"(?P<target>[^"]+)" *$')
PYTHON_LANGS = {"python", "py", "python3", "py3", "pycon", "pyi"}

# Inline markers: [[bench:<benchmark>.<metric>]], [[seed:<verbatim quote>]], [[claim:<benchmark>.<claim>]],
# [[workload:<benchmark>.<PARAM>]].
BENCH = re.compile(r"\[\[bench:([\w.-]+)\]\]")
SEED = re.compile(r"\[\[seed:([^\]]+)\]\]")
CLAIM = re.compile(r"\[\[claim:([\w.-]+)\]\]")
FIGURE = re.compile(r"\[\[(bench|claim):([\w.-]+)\]\]")  # either kind of measured figure
# A benchmark's workload parameter as recorded with its result, [[workload:<benchmark>.<PARAM>]], or
# [[workload:<benchmark>.<PARAM>:seconds]] to show a duration ("50 ms"): prose that states the workload
# ("three 50 ms awaits") changes with it.
WORKLOAD = re.compile(r"\[\[workload:([\w-]+\.[A-Z][A-Z0-9_]*)(?::(seconds))?\]\]")
# Block markers, alone in a paragraph: generated tables.
BLOCK_MARKER = re.compile(r"^\[\[(quick-reference|complexity-index|sections|section-index:([a-z0-9-]+))\]\]\s*$")


@dataclass(frozen=True)
class Include:
    """`--8<-- "section/page/file.py:name"` as the only line of a fence."""

    target: str

    @property
    def file(self) -> str:
        """The file part, relative to the snippet base path."""
        return self.target.partition(":")[0]

    @property
    def section(self) -> str | None:
        return self.target.partition(":")[2] or None

    def path(self, proj: Project | None = None) -> Path:
        return (proj or project()).snippets / self.file


@dataclass(frozen=True)
class Fence:
    line: int  # 1-based line of the opening fence in the page file
    indent: str
    fence: str
    lang: str
    attrs: str
    body: tuple[str, ...]

    @property
    def include(self) -> Include | None:
        lines = [line for line in self.body if line.strip()]
        if len(lines) == 1 and (m := INCLUDE.match(lines[0])):
            return Include(m.group("target"))
        return None


@dataclass(frozen=True)
class Page:
    path: Path
    rel: str  # relative to docs/, e.g. "async/gather.md"
    front_matter: dict[str, Any]
    body: str
    body_offset: int  # lines before the body (front matter and its fences)
    fences: tuple[Fence, ...]

    @property
    def includes(self) -> list[tuple[Fence, Include]]:
        return [(f, inc) for f in self.fences if (inc := f.include) is not None]

    @property
    def section(self) -> str:
        return self.rel.split("/")[0]

    @property
    def slug(self) -> str:
        return Path(self.rel).stem

    def prose(self) -> str:
        """The body without fenced blocks and inline code: what a reader reads as text."""
        out: list[str] = []
        skip: set[int] = set()
        for f in self.fences:
            skip.update(range(f.line - 1, f.line + len(f.body) + 1))
        for i, line in enumerate(self.path.read_text(encoding="utf-8").splitlines()):
            if i < self.body_offset or i in skip:
                continue
            out.append(re.sub(r"`[^`]*`", "", line))
        return "\n".join(out)

    def markers(self, pattern: re.Pattern[str]) -> list[str]:
        return pattern.findall(self.body)


def parse_fences(lines: list[str], offset: int = 0) -> tuple[Fence, ...]:
    found: list[Fence] = []
    i = 0
    while i < len(lines):
        m = FENCE.match(lines[i])
        if not m:
            i += 1
            continue
        start, fence = i, m.group("fence")
        i += 1
        body: list[str] = []
        while i < len(lines) and lines[i].strip() != fence:
            body.append(lines[i])
            i += 1
        found.append(
            Fence(
                line=offset + start + 1,
                indent=m.group("indent"),
                fence=fence,
                lang=m.group("lang").lower(),
                attrs=m.group("attrs"),
                body=tuple(body),
            )
        )
        i += 1
    return tuple(found)


def parse_page(path: Path, proj: Project | None = None) -> Page:
    proj = proj or project()
    text = path.read_text(encoding="utf-8")
    front, body = split_front_matter(text, path)
    offset = text[: len(text) - len(body)].count("\n")
    return Page(
        path=path,
        rel=path.relative_to(proj.docs).as_posix(),
        front_matter=front,
        body=body,
        body_offset=offset,
        fences=parse_fences(body.splitlines(), offset),
    )


def page_files(proj: Project | None = None) -> list[Path]:
    """Every Markdown page (the `downloads` link to the snippets is not a page)."""
    proj = proj or project()
    return sorted(p for p in proj.docs.rglob("*.md") if "downloads" not in p.relative_to(proj.docs).parts)


def all_pages(proj: Project | None = None) -> list[Page]:
    proj = proj or project()
    return [parse_page(p, proj) for p in page_files(proj)]


# --------------------------------------------------------------------------- include text


@cache
def _snippets_config(config: Path, mtime_ns: int) -> dict[str, Any]:
    data = yaml.load(config.read_text(encoding="utf-8"), Loader=_Loader)  # a SafeLoader subclass
    for entry in data.get("markdown_extensions") or []:
        if isinstance(entry, dict) and "pymdownx.snippets" in entry:
            return dict(entry["pymdownx.snippets"] or {})
    return {}


class MissingSnippet(Exception):
    pass


def include_text(target: str, proj: Project | None = None) -> str:
    """The text `--8<-- "target"` puts on a page, computed by pymdownx.snippets as the build runs it."""
    proj = proj or project()
    inc = Include(target)
    path = inc.path(proj)
    if not path.is_file():
        raise MissingSnippet(f'--8<-- "{target}": no such file {path}')
    settings = _snippets_config(proj.config, proj.config.stat().st_mtime_ns)
    settings = {**settings, "base_path": [str(proj.snippets)], "check_paths": True}
    md = markdown.Markdown(extensions=["pymdownx.snippets"], extension_configs={"pymdownx.snippets": settings})
    try:
        lines = md.preprocessors["snippet"].run([f'--8<-- "{target}"'])
    except Exception as exc:  # pymdownx raises SnippetMissingError for a missing section
        raise MissingSnippet(f'--8<-- "{target}": {exc}') from None
    text = "\n".join(lines)
    if inc.section and not text.strip():
        raise MissingSnippet(f'--8<-- "{target}": {path} has no section "{inc.section}"')
    return text + "\n"
