"""What the data benchmarks share: the snippets' orders table and a peak-memory probe (Linux).

A helper module (the leading underscore): it defines no benchmark, and no benchmark imports
another benchmark, so each one's fingerprint covers exactly what produced its figures.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path

import numpy as np
import pyarrow as pa

COUNTRIES = ["DE", "FR", "GB", "US", "JP", "BR", "IN", "CA", "ES", "IT"]


def proc_status_bytes(field: str) -> int:
    """A memory figure of this process from /proc/self/status (Linux), in bytes."""
    status = Path("/proc/self/status").read_text()
    match = re.search(rf"^{field}:\s+(\d+) kB$", status, re.MULTILINE)
    assert match is not None, f"no {field} in /proc/self/status"
    return int(match.group(1)) * 1024


def peak_rise(run: Callable[[], object]) -> int:
    """How far this process's peak RSS rises above its current RSS while `run` runs (Linux)."""
    Path("/proc/self/clear_refs").write_text("5")  # resets VmHWM to the current VmRSS
    baseline = proc_status_bytes("VmRSS")
    run()
    return proc_status_bytes("VmHWM") - baseline


def orders_table(rows: int) -> pa.Table:
    """The snippets' orders, column for column (numpy.random.default_rng(42), same draw order)."""
    rng = np.random.default_rng(42)
    columns = {
        "order_id": np.arange(rows),
        "user_id": rng.integers(0, 50_000, rows),
        "country": rng.choice(COUNTRIES, rows),
        "status": rng.choice(["paid", "pending", "refunded"], rows, p=[0.8, 0.15, 0.05]),
        "amount": rng.integers(100, 50_000, rows) / 100,
        "quantity": rng.integers(1, 10, rows),
    }
    discount = rng.integers(5, 30, rows)
    columns["discount"] = pa.array(discount, mask=rng.random(rows) < 0.7)
    return pa.table(columns)
