"""The built site, made once per test run by `mkdocs build --strict` and shared by the xdist workers."""

from __future__ import annotations

import fcntl
import json
import subprocess
import sys
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest

from sitegen import ROOT
from tests.support.forked_runs import zygote_scope


@dataclass(frozen=True)
class BuiltSite:
    path: Path
    log: str


def build_site(site_dir: Path, project: Path = ROOT) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [str(Path(sys.executable).with_name("mkdocs")), "build", "--strict", "--site-dir", str(site_dir)],
        cwd=project,
        capture_output=True,
        text=True,
        timeout=600,
        env={
            "PATH": "/usr/bin:/bin",
            "NO_MKDOCS_2_WARNING": "1",
            "HOME": str(site_dir.parent),
        },
    )


@pytest.fixture(scope="session")
def built_site(tmp_path_factory: pytest.TempPathFactory, worker_id: str) -> Iterator[BuiltSite]:
    """One build for the whole run. Under pytest-xdist the first worker to ask builds it, under a lock,
    into the run's directory that all workers share; the others wait and read the same site.

    """
    if worker_id == "master":  # no xdist: this process alone
        site = tmp_path_factory.mktemp("built") / "site"
        proc = build_site(site)
        failed, log = proc.returncode != 0, proc.stdout + proc.stderr
    else:
        shared = tmp_path_factory.getbasetemp().parent / "built"
        shared.mkdir(exist_ok=True)
        site, result = shared / "site", shared / "build.json"
        with (shared / "build.lock").open("w") as lock:
            fcntl.flock(lock, fcntl.LOCK_EX)
            if not result.exists():
                proc = build_site(site)
                result.write_text(json.dumps({"failed": proc.returncode != 0, "log": proc.stdout + proc.stderr}))
        outcome = json.loads(result.read_text())
        failed, log = outcome["failed"], outcome["log"]
    if failed:
        pytest.fail(f"mkdocs build --strict failed:\n{log}", pytrace=False)
    yield BuiltSite(site, log)


# The modules that test the built site: their tests run on one xdist worker, with one browser (Playwright
# allows one per process), one search index loaded and one Python loaded in the page for Run. The
# `xdist_group` mark would do this, but pytest-xdist 3.8 applies it by renaming items through an
# attribute pytest 9.2 no longer reads, so it is silently ignored; a scheduler is xdist's public hook.
SITE_MODULES = {
    "tests/test_browser.py",
    "tests/test_run_in_browser.py",
    "tests/test_build.py",
    "tests/test_charts.py",
    "tests/test_offline.py",
}


def pytest_xdist_make_scheduler(config: pytest.Config, log: object) -> object:
    """pytest-xdist's load scheduling, with the site's modules as one unit and each zygote's runs as one
    (LoadGroupScheduling's scopes)."""
    from xdist.scheduler import LoadScopeScheduling

    class SiteScheduling(LoadScopeScheduling):  # type: ignore[misc]  # xdist is untyped
        def _split_scope(self, nodeid: str) -> str:
            module = nodeid.split("::")[0]
            if module in SITE_MODULES:
                return "site"
            # Its module fixture builds the site with Zensical: once, not once per worker.
            if module == "tests/test_zensical.py":
                return module
            return zygote_scope(nodeid) or nodeid

    return SiteScheduling(config, log)
