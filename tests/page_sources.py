"""Reading pages the way the tests need them: their fences, snippet includes and inline markers."""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from sitegen import DOCS, SNIPPETS
from sitegen.frontmatter import split_front_matter

FENCE_OPEN = re.compile(r"^(?P<indent> *)(?P<fence>`{3,}|~{3,})[ \t]*(?P<lang>[\w+-]*)(?P<attrs>.*)$")
INCLUDE = re.compile(r'^ *-{1,}8<-{1,} *"(?P<target>[^"]+)" *$')
PYTHON_LANGS = {"python", "py", "python3", "py3", "pycon", "pyi"}


@dataclass(frozen=True)
class Fence:
    page: Path
    line: int
    lang: str
    body: list[str]

    @property
    def include(self) -> str | None:
        """The snippet target when the fence holds exactly one `--8<--` line."""
        lines = [line for line in self.body if line.strip()]
        if len(lines) == 1 and (m := INCLUDE.match(lines[0])):
            return m.group("target")
        return None


def pages() -> list[Path]:
    return sorted(p for p in DOCS.rglob("*.md") if "downloads" not in p.relative_to(DOCS).parts)


def fences(page: Path) -> list[Fence]:
    lines = page.read_text(encoding="utf-8").splitlines()
    found: list[Fence] = []
    i = 0
    while i < len(lines):
        m = FENCE_OPEN.match(lines[i])
        if not m:
            i += 1
            continue
        fence, start = m.group("fence"), i
        i += 1
        body = []
        while i < len(lines) and lines[i].strip() != fence:
            body.append(lines[i])
            i += 1
        found.append(Fence(page, start + 1, m.group("lang").lower(), body))
        i += 1
    return found


def split_target(target: str) -> tuple[Path, str | None]:
    file_part, _, section = target.partition(":")
    return SNIPPETS / file_part, section or None


def body_without_code(page: Path) -> str:
    """The prose of a page: no front matter, no fenced blocks, no inline code."""
    _, body = split_front_matter(page.read_text(encoding="utf-8"), page)
    out, in_fence, fence = [], False, ""
    for line in body.splitlines():
        m = FENCE_OPEN.match(line)
        if not in_fence and m:
            in_fence, fence = True, m.group("fence")
            continue
        if in_fence:
            if line.strip() == fence:
                in_fence = False
            continue
        out.append(re.sub(r"`[^`]*`", "", line))
    return "\n".join(out)
