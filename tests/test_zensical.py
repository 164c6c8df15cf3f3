"""The same sources build with Zensical, Material's successor, with every page and every snippet."""

from __future__ import annotations

import shutil
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.support.built_pages import expected_code, page_html, shown_snippets
from tests.support.page_sources import fences, pages
from tests.support.project_copy import copy_project


@pytest.fixture(scope="module")
def zensical_site(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Path]:
    zensical = Path(sys.executable).with_name("zensical")
    if not zensical.exists():
        pytest.fail("zensical is not installed: it is pinned in requirements-docs.txt")
    project = copy_project(tmp_path_factory.mktemp("zensical") / "project")
    proc = subprocess.run(
        [str(zensical), "build", "--clean", "-f", "mkdocs.yml"],
        cwd=project,
        env={
            "PATH": "/usr/bin:/bin",
            "NO_MKDOCS_2_WARNING": "1",
            "HOME": str(project),
            "NO_COLOR": "1",
        },
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert proc.returncode == 0, f"zensical build failed:\n{proc.stdout}\n{proc.stderr}"
    site = project / "site"
    yield site
    shutil.rmtree(project, ignore_errors=True)


def test_every_page_is_built(zensical_site: Path) -> None:
    missing = [str(p) for p in pages() if "<h1" not in page_html(zensical_site, p)]
    assert not missing, f"pages Zensical did not build: {missing}"


@pytest.mark.parametrize("page", [p for p in pages() if any(f.include for f in fences(p))], ids=str)
def test_every_snippet_is_shown_as_tested(zensical_site: Path, page: Path) -> None:
    includes = [f.include for f in fences(page) if f.include]
    blocks = shown_snippets(page_html(zensical_site, page))
    assert len(blocks) == len(includes)
    for block, target in zip(blocks, includes, strict=True):
        assert block.rstrip("\n") == expected_code(target).rstrip("\n"), target
