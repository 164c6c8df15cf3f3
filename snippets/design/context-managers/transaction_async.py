"""An async transaction context manager that also rolls back when the task is cancelled."""

import asyncio
import contextlib
import sqlite3
import tempfile
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager, closing
from pathlib import Path

import aiosqlite


async def run_to_end(db: aiosqlite.Connection, sql: str) -> None:
    """BEGIN, COMMIT or ROLLBACK: wait for its outcome even if the task is cancelled."""
    # aiosqlite runs the statement in its own thread, where a cancel cannot stop it.
    step = asyncio.ensure_future(db.execute(sql))
    try:
        await asyncio.shield(step)
    except asyncio.CancelledError:
        with contextlib.suppress(Exception):  # its error, if any: in_transaction says
            await step
        raise  # the cancellation goes on, once the connection's state is known


@asynccontextmanager
async def transaction(db: aiosqlite.Connection) -> AsyncIterator[aiosqlite.Connection]:
    try:
        await run_to_end(db, "BEGIN")
        yield db
        await run_to_end(db, "COMMIT")
    except BaseException:  # CancelledError is not an Exception subclass
        if db.in_transaction:  # read while no statement runs: the answer is settled
            await run_to_end(db, "ROLLBACK")
        raise


async def transfer(db: aiosqlite.Connection, src: str, dst: str, amount: int) -> None:
    async with transaction(db):
        await db.execute(
            "UPDATE accounts SET balance = balance - ? WHERE name = ?", (amount, src)
        )
        await asyncio.sleep(0.1)  # stands in for a slow call to a payment provider
        await db.execute(
            "UPDATE accounts SET balance = balance + ? WHERE name = ?", (amount, dst)
        )


async def balances(db: aiosqlite.Connection) -> dict[str, int]:
    async with db.execute("SELECT name, balance FROM accounts ORDER BY name") as cur:
        return {name: balance async for name, balance in cur}


async def cancel_during_commit(db: aiosqlite.Connection, path: Path) -> None:
    """Cancel the task while its COMMIT waits for a lock that it then fails to get."""
    loop = asyncio.get_running_loop()
    # Another connection reads, so the COMMIT must wait for its lock (at most 0.5 s).
    with closing(sqlite3.connect(path, isolation_level=None)) as reader:
        reader.execute("BEGIN")
        reader.execute("SELECT * FROM accounts").fetchall()
        task = asyncio.create_task(transfer(db, "alice", "bob", 5))

        def cancel_soon() -> None:  # once the COMMIT is waiting for the lock
            loop.call_later(0.02, task.cancel)

        def on_statement(sql: str) -> None:  # runs in aiosqlite's thread
            if sql == "COMMIT" and not task.done():
                loop.call_soon_threadsafe(cancel_soon)

        await db.set_trace_callback(on_statement)
        try:
            await task
        except asyncio.CancelledError:
            print("cancelled during COMMIT")
            #> cancelled during COMMIT
        # The COMMIT failed (the lock never came): rolled back, no transaction left.
        print(db.in_transaction, await balances(db))
        #> False {'alice': 70, 'bob': 30}
        reader.execute("COMMIT")


async def main() -> None:
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "bank.db"
        # timeout: how long a statement waits for another connection's lock
        async with aiosqlite.connect(path, isolation_level=None, timeout=0.5) as db:
            async with transaction(db):
                await db.execute(
                    "CREATE TABLE accounts (name TEXT PRIMARY KEY, balance INTEGER)"
                )
                await db.executemany(
                    "INSERT INTO accounts VALUES (?, ?)", [("alice", 100), ("bob", 0)]
                )

            try:
                # The deadline cancels the task between the debit and the credit.
                async with asyncio.timeout(0.05):
                    await transfer(db, "alice", "bob", 30)
            except TimeoutError:
                print("transfer timed out")
                #> transfer timed out
            print(db.in_transaction, await balances(db))
            #> False {'alice': 100, 'bob': 0}

            await transfer(db, "alice", "bob", 30)
            print(await balances(db))
            #> {'alice': 70, 'bob': 30}

            await cancel_during_commit(db, path)
            await transfer(db, "alice", "bob", 10)  # the connection is usable again
            print(await balances(db))
            #> {'alice': 60, 'bob': 40}


asyncio.run(main())
