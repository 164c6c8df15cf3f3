"""Cleanup that survives a deadline: a shielded release runs to its end."""

import asyncio
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager

BUDGET = 0.15  # each request's deadline
QUERY = 0.01  # one query's round trip
RESET = 0.4  # the round trip that resets a connection before reuse: slow today


class Connection:
    """Stands in for a database connection: each call is a round trip."""

    queries = 0  # queries run, over all connections

    async def execute(self, sql: str) -> None:
        await asyncio.sleep(QUERY)
        Connection.queries += 1

    async def reset(self) -> None:
        await asyncio.sleep(RESET)  # ROLLBACK: the next user gets a clean connection


class Pool:
    """A connection pool in miniature: a connection goes back once it is reset."""

    def __init__(self, size: int) -> None:
        self.size = size
        self._free: asyncio.Queue[Connection] = asyncio.Queue()
        for _ in range(size):
            self._free.put_nowait(Connection())
        self._releases: set[asyncio.Task[None]] = set()  # releases still running

    @property
    def in_use(self) -> int:
        return self.size - self._free.qsize()

    async def release(self, conn: Connection) -> None:
        await conn.reset()
        self._free.put_nowait(conn)

    async def close(self) -> None:
        # A release that a second cancellation stopped waiting for still runs:
        # let it finish before the pool goes (asyncio.run() would cancel it).
        if self._releases:
            await asyncio.wait(self._releases)

    @asynccontextmanager
    async def connection(self) -> AsyncIterator[Connection]:
        conn = await self._free.get()
        try:
            yield conn
        finally:
            # The deadline can pass during the reset too. Run the release as a
            # task of its own, which a cancellation of this task cannot reach...
            release = asyncio.create_task(self.release(conn))
            self._releases.add(release)  # a reference until it is done
            release.add_done_callback(self._releases.discard)
            try:
                await asyncio.shield(release)
            except asyncio.CancelledError:
                # ...let it finish (a second cancel stops only this wait),
                await asyncio.shield(release)
                raise  # then pass the cancellation on: timeout() needs to see it


async def handle(pool: Pool) -> int:
    try:
        async with asyncio.timeout(BUDGET), pool.connection() as conn:
            await conn.execute("SELECT balance FROM accounts WHERE id = 1")
    except TimeoutError:
        return 504
    return 200


async def main() -> None:
    pool = Pool(size=1)
    statuses = [await handle(pool), await handle(pool)]
    print(f"statuses: {statuses}, queries run: {Connection.queries}")
    #> statuses: [504, 504], queries run: 2
    # Both deadlines passed during a reset, and both resets finished anyway.
    print(f"connections in use after the requests: {pool.in_use} of {pool.size}")
    #> connections in use after the requests: 0 of 1
    # A shutdown cancels a third request again, past its deadline, in its reset.
    request = asyncio.create_task(handle(pool))
    await asyncio.sleep(BUDGET + 0.05)
    request.cancel()
    await asyncio.wait([request])
    await pool.close()
    print(
        f"cancelled twice: {request.cancelled()}, in use after close(): {pool.in_use}"
    )
    #> cancelled twice: True, in use after close(): 0


asyncio.run(main())
