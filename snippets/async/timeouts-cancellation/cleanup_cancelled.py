"""The pitfall: a deadline that lands in `finally` cuts the release short."""

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

    @property
    def in_use(self) -> int:
        return self.size - self._free.qsize()

    async def release(self, conn: Connection) -> None:
        await conn.reset()
        self._free.put_nowait(conn)

    @asynccontextmanager
    async def connection(self) -> AsyncIterator[Connection]:
        conn = await self._free.get()
        try:
            yield conn
        finally:
            # Runs on every exit, but the deadline can pass during this await too:
            # then the reset is cancelled and the connection never goes back.
            await self.release(conn)


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
    #> statuses: [504, 504], queries run: 1
    # The first request lost the connection; the second waited for it in vain.
    print(f"connections in use after the requests: {pool.in_use} of {pool.size}")
    #> connections in use after the requests: 1 of 1


asyncio.run(main())
