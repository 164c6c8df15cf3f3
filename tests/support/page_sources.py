"""The pages as the tests need them, read through the one page model the build uses (sitegen.pages)."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from sitegen.pages import PYTHON_LANGS, Fence, Include, page_files, parse_page
from sitegen.project import project

__all__ = ["PYTHON_LANGS", "PageFence", "body_without_code", "fences", "pages", "split_target"]


@dataclass(frozen=True)
class PageFence:
    """A fenced block of a page, with the page it is on."""

    page: Path
    fence: Fence

    @property
    def line(self) -> int:
        return self.fence.line

    @property
    def lang(self) -> str:
        return self.fence.lang

    @property
    def include(self) -> str | None:
        inc = self.fence.include
        return inc.target if inc else None


def pages() -> list[Path]:
    return page_files()


def fences(page: Path) -> list[PageFence]:
    return [PageFence(page, f) for f in parse_page(page).fences]


def split_target(target: str) -> tuple[Path, str | None]:
    inc = Include(target)
    return project().snippets / inc.file, inc.section


def body_without_code(page: Path) -> str:
    """The prose of a page: no front matter, no fenced blocks, no inline code."""
    return parse_page(page).prose()
