"""Bulk loading: one INSERT for a list of rows, and COPY for the largest loads."""

import os
import sys
import uuid
from collections.abc import Iterator
from contextlib import contextmanager

import psycopg
from sqlalchemy import (
    Engine,
    String,
    create_engine,
    event,
    func,
    insert,
    make_url,
    select,
)
from sqlalchemy.orm import DeclarativeBase, Mapped, Session, mapped_column

ROWS = 100


class Base(DeclarativeBase):
    pass


class Reading(Base):
    __tablename__ = "readings"

    id: Mapped[int] = mapped_column(primary_key=True)
    sensor: Mapped[str] = mapped_column(String(20))
    value: Mapped[float]


count_rows = select(func.count()).select_from(Reading)


@contextmanager
def scratch_database() -> Iterator[Engine]:
    """An engine on POSTGRES_URL whose tables live in a new schema, dropped afterwards."""
    if not (url := os.environ.get("POSTGRES_URL")):
        sys.exit("Set POSTGRES_URL, e.g. postgresql://postgres@127.0.0.1:5432/postgres")
    schema = f"bulk_{uuid.uuid4().hex[:12]}"
    engine = create_engine(
        make_url(url).set(drivername="postgresql+psycopg"),
        connect_args={"options": f"-c search_path={schema}", "connect_timeout": 5},
    )
    with engine.begin() as connection:
        connection.exec_driver_sql(f"CREATE SCHEMA {schema}")
    try:
        Base.metadata.create_all(engine)
        yield engine
    finally:
        with engine.begin() as connection:
            connection.exec_driver_sql(f"DROP SCHEMA {schema} CASCADE")
        engine.dispose()


class Traffic:
    """Counts what SQLAlchemy asks of the driver: execute calls and commits."""

    def __init__(self, engine: Engine) -> None:
        self.calls = self.commits = 0
        event.listen(engine, "before_cursor_execute", self.on_statement)
        event.listen(engine, "commit", self.on_commit)

    def on_statement(self, *args: object) -> None:
        self.calls += 1

    def on_commit(self, *args: object) -> None:
        self.commits += 1


def load(session: Session, rows: list[dict[str, object]]) -> None:
    if not rows:  # an empty list would run one INSERT ... DEFAULT VALUES
        return
    # One call for the whole list: psycopg sends it as one pipelined executemany.
    session.execute(insert(Reading), rows)
    session.commit()  # one transaction for the whole load


def copy_load(session: Session, rows: list[dict[str, object]]) -> str | None:
    """COPY ... FROM STDIN: the rows stream to the server as one statement."""
    driver_connection = session.connection().connection.driver_connection
    assert isinstance(driver_connection, psycopg.Connection)
    with driver_connection.cursor() as cursor:
        with cursor.copy("COPY readings (sensor, value) FROM STDIN") as copy:
            for row in rows:
                copy.write_row((row["sensor"], row["value"]))
        reply = cursor.statusmessage  # what the server answered the statement
    session.commit()
    return reply


if __name__ == "__main__":
    with scratch_database() as engine, Session(engine) as session:
        rows = [{"sensor": f"s{i % 10}", "value": i / 2} for i in range(ROWS)]
        traffic = Traffic(engine)
        load(session, rows)
        load(session, [])  # an empty batch sends nothing
        print(f"execute calls: {traffic.calls}, commits: {traffic.commits}")
        #> execute calls: 1, commits: 1
        print("rows in the table:", session.scalar(count_rows))
        #> rows in the table: 100
        print("COPY, server replied:", copy_load(session, rows * 50))
        #> COPY, server replied: COPY 5000
        print("rows in the table:", session.scalar(count_rows))
        #> rows in the table: 5100
