"""The pattern: pin every meaningful value; match the volatile ones by type."""

from datetime import datetime

from invoices import render_invoice
from syrupy.assertion import SnapshotAssertion
from syrupy.matchers import path_type


def test_invoice(snapshot: SnapshotAssertion) -> None:
    invoice = render_invoice("ada@example.com", [("PEN", 3, "2.50")])
    # New on every run: the snapshot stores their type, never their value.
    volatile = path_type({"id": (str,), "issued_at": (datetime,)})
    assert invoice == snapshot(matcher=volatile)
