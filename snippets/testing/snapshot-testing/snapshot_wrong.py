"""The pitfall: the whole response is pinned, its id and timestamp included."""

from invoices import render_invoice
from syrupy.assertion import SnapshotAssertion


def test_invoice(snapshot: SnapshotAssertion) -> None:
    invoice = render_invoice("ada@example.com", [("PEN", 3, "2.50")])
    assert invoice == snapshot
