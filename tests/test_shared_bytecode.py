"""The bytecode one clean environment leaves for the next (tests/support/shared_bytecode.py) is used only
for the very source it was compiled from."""

from __future__ import annotations

import dataclasses
import os
import subprocess
from pathlib import Path

from tests.support import shared_bytecode
from tests.support.interpreters import interpreter


def _run(env: shared_bytecode.Environment) -> str:
    """Import the module as a clean environment's runs do: bytecode may be written."""
    proc = subprocess.run(
        [str(env.python), "-W", "error", "-c", "import shop; print(shop.PRICE)"],
        env={k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"} | {"PYTHONPATH": str(env.site)},
        capture_output=True,
        text=True,
        check=True,
    )
    return proc.stdout.strip()


def test_stored_bytecode_is_used_for_its_source_and_only_for_it(tmp_path: Path) -> None:
    python = interpreter("3.12")
    base = shared_bytecode.Environment.of(python)
    store = tmp_path / "store"
    first, same, edited = (dataclasses.replace(base, site=tmp_path / name) for name in ("first", "same", "edited"))
    for env, price in ((first, 1), (same, 1), (edited, 2)):
        (env.site / "shop").mkdir(parents=True)
        (env.site / "shop" / "__init__.py").write_text(f"PRICE = {price}\n", encoding="utf-8")
    source_stat = (first.site / "shop" / "__init__.py").stat()
    for env in (same, edited):  # same size and mtime as the first: only the hash tells them apart
        os.utime(env.site / "shop" / "__init__.py", ns=(source_stat.st_atime_ns, source_stat.st_mtime_ns))

    assert _run(first) == "1"
    assert shared_bytecode.harvest(first, store) == 1
    assert shared_bytecode.harvest(first, store) == 0  # stored once

    compiled = f"shop/__pycache__/__init__.{base.tag}.pyc"
    stored = store / f"shop/__init__.{base.tag}.pyc"
    for env in (same, edited):
        assert shared_bytecode.seed(env, store) == 1
    assert (same.site / compiled).samefile(stored)  # the stored file itself
    assert _run(same) == "1"
    assert (same.site / compiled).samefile(stored), "Python recompiled a source the stored bytecode matches"
    assert _run(edited) == "2", "the stored bytecode of another source was run"
    assert not (edited.site / compiled).samefile(stored)  # Python wrote its own
    assert shared_bytecode.harvest(edited, store) == 0  # hash-based, and the store has that path already
