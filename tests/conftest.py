"""Shared fixtures: real servers, the built site and the browser (tests/servers.py, site_build.py,
browser_site.py), and `--snippet-path`, which narrows the snippet checks to some files (`make verify
SNIPPET=path`)."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from sitegen.catalog import Pattern
from sitegen.project import project

pytest_plugins = ["tests.support.servers", "tests.support.site_build", "tests.support.browser_site"]


def pytest_addoption(parser: pytest.Parser) -> None:
    parser.addoption(
        "--snippet-path",
        action="append",
        default=[],
        help="only check these snippet files (repeatable); the snippet tests deselect the others",
    )


def _paths_of(value: object) -> set[Path]:
    if isinstance(value, Path):
        return {value.resolve()}
    if isinstance(value, Pattern):  # a page: the snippets of its folder
        return {p.resolve() for p in (project().snippets / value.section / Path(value.path).stem).glob("*.py")}
    folder, names = getattr(value, "folder", None), [getattr(value, "snippet", None), getattr(value, "target", None)]
    if isinstance(folder, Path):
        return {(folder / n).resolve() for n in names if isinstance(n, str)}
    return set()


def pytest_xdist_auto_num_workers(config: pytest.Config) -> int:
    """`-n auto`: one worker more than there are cores. Most tests wait on a subprocess, a server or the
    browser; with one worker a core, the 2-core machine kept only 1.5 cores busy (723 s wall, 1,110 s of
    CPU). One worker more fills the gaps; two more cost more CPU (servers, collection) than they saved."""
    return (os.cpu_count() or 1) + 1


@pytest.fixture(scope="session", autouse=True)
def mypy_cache(tmp_path_factory: pytest.TempPathFactory) -> None:
    """The typing snippets end by running mypy on themselves, some hundred runs per suite. Without a cache
    each run parses typeshed again (2.9 s; 0.5 s with it). One cache per xdist worker: the worker runs one
    snippet at a time, so no two mypy processes write the same `__main__` entries at once. The snippets
    inherit the variable through the environment every runner passes on."""
    os.environ["MYPY_CACHE_DIR"] = str(tmp_path_factory.getbasetemp() / "mypy-cache")


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    wanted = {Path(p).resolve() for p in config.getoption("snippet_path")}
    if not wanted:
        return
    # A test module runs the code under test beside it: changing that code re-checks the module.
    wanted |= {m.resolve() for p in list(wanted) for m in p.parent.glob("test_*.py")}
    keep: list[pytest.Item] = []
    drop: list[pytest.Item] = []
    for item in items:
        callspec = getattr(item, "callspec", None)
        params = set().union(*(_paths_of(v) for v in callspec.params.values())) if callspec else set()
        (keep if params & wanted else drop).append(item)
    config.hook.pytest_deselected(items=drop)
    items[:] = keep


if os.environ.get("PAP_SUITE_PROFILE"):
    # Where the suite's time goes: `PAP_SUITE_PROFILE=/tmp/profile make test` writes one JSON line per test
    # (worker, start, wall seconds, CPU seconds of the worker and of the processes it waited for) to
    # /tmp/profile.<worker>.jsonl, for finding the modules that cost the most and the workers left idle.
    import json
    import resource
    import time
    from collections.abc import Iterator

    def _cpu() -> tuple[float, float]:
        own, children = resource.getrusage(resource.RUSAGE_SELF), resource.getrusage(resource.RUSAGE_CHILDREN)
        return own.ru_utime + own.ru_stime, children.ru_utime + children.ru_stime

    @pytest.hookimpl(hookwrapper=True)
    def pytest_runtest_protocol(item: pytest.Item, nextitem: pytest.Item | None) -> Iterator[None]:
        (own0, children0), start = _cpu(), time.time()
        yield
        (own1, children1), end = _cpu(), time.time()
        worker = os.environ.get("PYTEST_XDIST_WORKER", "main")
        line = {"id": item.nodeid, "worker": worker, "start": start, "wall": end - start}
        line |= {"cpu": own1 - own0, "children_cpu": children1 - children0}
        with open(f"{os.environ['PAP_SUITE_PROFILE']}.{worker}.jsonl", "a", encoding="utf-8") as out:
            out.write(json.dumps(line) + "\n")
