"""Lets the xdist workers' tests into a block only when every worker with a test
is there, and out of it only when every one is done."""

import os
import time
from collections.abc import Iterator
from contextlib import contextmanager

import pytest


@contextmanager
def all_workers_at_once(request: pytest.FixtureRequest) -> Iterator[None]:
    # In a real suite, two workers' tests overlap by chance, so a clash between
    # them comes and goes; here they overlap every time.
    _meet(request, "in")
    yield
    _meet(request, "out")


def _meet(request: pytest.FixtureRequest, door: str) -> None:
    # xdist's default (--dist load) hands the tests out one by one: as many
    # workers get a test as there are tests, up to -n. (With --dist loadfile or
    # loadscope, one worker gets both tests and waits here in vain.)
    workers = int(os.environ.get("PYTEST_XDIST_WORKER_COUNT", "1"))
    expected = min(workers, len(request.session.items))
    # The workers' basetemps (popen-gw0, popen-gw1...) share their parent: the
    # run's own folder, new for every run (emptied first, with --basetemp).
    factory: pytest.TempPathFactory = request.getfixturevalue("tmp_path_factory")
    place = factory.getbasetemp().parent / f"meeting-{door}"
    place.mkdir(exist_ok=True)
    (place / os.environ.get("PYTEST_XDIST_WORKER", "main")).touch()
    deadline = time.monotonic() + 10
    while len(list(place.iterdir())) < expected:
        if time.monotonic() > deadline:
            pytest.fail(f"the other workers' tests did not come {door} within 10 s")
        time.sleep(0.01)
