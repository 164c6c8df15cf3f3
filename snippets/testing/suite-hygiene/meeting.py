"""Lets each xdist worker's test into a block only when every worker's test is
there, and out of it only when every one is done."""

import os
import time
from collections.abc import Iterator
from contextlib import contextmanager

import pytest


@contextmanager
def all_workers_at_once(tmp_path_factory: pytest.TempPathFactory) -> Iterator[None]:
    # In a real suite, two workers' tests overlap by chance, so a clash between
    # them comes and goes; here they overlap every time.
    _meet(tmp_path_factory, "in")
    yield
    _meet(tmp_path_factory, "out")


def _meet(tmp_path_factory: pytest.TempPathFactory, door: str) -> None:
    workers = int(os.environ.get("PYTEST_XDIST_WORKER_COUNT", "1"))
    # The workers' basetemps (popen-gw0, popen-gw1...) share their parent.
    place = tmp_path_factory.getbasetemp().parent / f"meeting-{door}"
    place.mkdir(exist_ok=True)
    (place / os.environ.get("PYTEST_XDIST_WORKER", "main")).touch()
    deadline = time.monotonic() + 10
    while len(list(place.iterdir())) < workers:
        if time.monotonic() > deadline:
            pytest.fail(f"the other workers' tests did not come {door} within 10 s")
        time.sleep(0.01)
