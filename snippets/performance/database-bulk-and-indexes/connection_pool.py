"""One engine per process: its pool serves every request from the same few connections."""

import os
import sys

from sqlalchemy import Engine, create_engine, make_url, text

REQUESTS = 20

if not (url := os.environ.get("POSTGRES_URL")):
    sys.exit("Set POSTGRES_URL, e.g. postgresql://postgres@127.0.0.1:5432/postgres")

# Created once, at start-up, and shared: the engine owns the pool.
engine = create_engine(
    make_url(url).set(drivername="postgresql+psycopg"),
    pool_size=5,  # connections kept open between requests
    max_overflow=5,  # extra connections under a burst, closed when given back
    pool_timeout=10,  # seconds to wait for a free connection before raising
    pool_pre_ping=True,  # test a connection when it is checked out (server restarts)
    pool_recycle=1800,  # replace connections older than 30 minutes
    connect_args={"connect_timeout": 5},
)


def handle_request(engine: Engine) -> int:
    """A request: check a connection out, use it, give it back to the pool."""
    with engine.connect() as connection:
        pid = connection.scalar(text("SELECT pg_backend_pid()"))  # the server process
        assert isinstance(pid, int)
        return pid


try:
    backends = {handle_request(engine) for _ in range(REQUESTS)}
    print(f"{REQUESTS} requests, server connections opened: {len(backends)}")
    #> 20 requests, server connections opened: 1
finally:
    engine.dispose()  # on shutdown: close the pooled connections
