"""An async transaction context manager that also rolls back when the task is cancelled."""

import asyncio
import tempfile
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from pathlib import Path

import aiosqlite


@asynccontextmanager
async def transaction(db: aiosqlite.Connection) -> AsyncIterator[aiosqlite.Connection]:
    await db.execute("BEGIN")
    try:
        yield db
        await db.execute("COMMIT")
    except BaseException:  # CancelledError is not an Exception subclass
        if db.in_transaction:
            await db.execute("ROLLBACK")
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


async def main() -> None:
    with tempfile.TemporaryDirectory() as tmp:
        async with aiosqlite.connect(Path(tmp) / "bank.db", isolation_level=None) as db:
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


asyncio.run(main())
