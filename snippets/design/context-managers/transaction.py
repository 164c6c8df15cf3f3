"""A transaction context manager: commit when the block succeeds, roll back when it raises."""

import sqlite3
import tempfile
from collections.abc import Iterator
from contextlib import closing, contextmanager
from pathlib import Path


@contextmanager
def transaction(conn: sqlite3.Connection) -> Iterator[sqlite3.Connection]:
    conn.execute("BEGIN")
    try:
        yield conn
        conn.execute("COMMIT")
    except BaseException:  # not just Exception: Ctrl-C and cancellation too
        if conn.in_transaction:  # a failed COMMIT may already have ended it
            conn.execute("ROLLBACK")
        raise


def transfer(conn: sqlite3.Connection, src: str, dst: str, amount: int) -> None:
    with transaction(conn):
        conn.execute(
            "UPDATE accounts SET balance = balance - ? WHERE name = ?", (amount, src)
        )
        credited = conn.execute(
            "UPDATE accounts SET balance = balance + ? WHERE name = ?", (amount, dst)
        )
        if credited.rowcount != 1:
            raise LookupError(f"no account {dst!r}")


def balances(db: Path) -> dict[str, int]:
    # A second connection sees only what has been committed to disk.
    with closing(sqlite3.connect(db)) as reader:
        return dict(reader.execute("SELECT name, balance FROM accounts ORDER BY name"))


with tempfile.TemporaryDirectory() as tmp:
    db = Path(tmp) / "bank.db"
    # isolation_level=None: sqlite3 issues no implicit BEGIN/COMMIT, transaction() does.
    # closing(): `with sqlite3.connect()` alone commits or rolls back but never closes.
    with closing(sqlite3.connect(db, isolation_level=None)) as conn:
        with transaction(conn):
            conn.execute(
                "CREATE TABLE accounts (name TEXT PRIMARY KEY, balance INTEGER)"
            )
            conn.executemany(
                "INSERT INTO accounts VALUES (?, ?)", [("alice", 100), ("bob", 0)]
            )

        try:
            transfer(conn, "alice", "bbo", 30)  # a typo in the recipient
        except LookupError as exc:
            print(f"transfer failed: {exc}")
            #> transfer failed: no account 'bbo'
        print(balances(db))  # the debit was rolled back with the failed credit
        #> {'alice': 100, 'bob': 0}

        transfer(conn, "alice", "bob", 10)
        print(balances(db))
        #> {'alice': 90, 'bob': 10}
