"""The pitfall: a failed operation leaves half its writes for the next commit to persist."""

import sqlite3
import tempfile
from contextlib import closing
from pathlib import Path


def transfer(conn: sqlite3.Connection, src: str, dst: str, amount: int) -> None:
    conn.execute(
        "UPDATE accounts SET balance = balance - ? WHERE name = ?", (amount, src)
    )
    credited = conn.execute(
        "UPDATE accounts SET balance = balance + ? WHERE name = ?", (amount, dst)
    )
    if credited.rowcount != 1:
        raise LookupError(f"no account {dst!r}")
    conn.commit()  # only reached on success: nothing undoes the debit on failure


def balances(db: Path) -> dict[str, int]:
    # A second connection sees only what has been committed to disk.
    with closing(sqlite3.connect(db)) as reader:
        return dict(reader.execute("SELECT name, balance FROM accounts ORDER BY name"))


with tempfile.TemporaryDirectory() as tmp:
    db = Path(tmp) / "bank.db"
    # One long-lived connection, as an application or a connection pool keeps it.
    with closing(sqlite3.connect(db)) as conn:
        conn.execute("CREATE TABLE accounts (name TEXT PRIMARY KEY, balance INTEGER)")
        conn.executemany(
            "INSERT INTO accounts VALUES (?, ?)", [("alice", 100), ("bob", 0)]
        )
        conn.commit()

        try:
            transfer(conn, "alice", "bbo", 30)  # a typo in the recipient
        except LookupError as exc:
            print(f"transfer failed: {exc}")
            #> transfer failed: no account 'bbo'

        transfer(conn, "alice", "bob", 10)  # the next operation commits...
        print(balances(db))  # ...and with it the orphaned debit of the failed one
        #> {'alice': 60, 'bob': 10}
