"""Inserting rows one at a time: one INSERT and one COMMIT per row."""

import os
import sys
import uuid
from collections.abc import Iterator
from contextlib import contextmanager

from sqlalchemy import (
    Engine,
    String,
    create_engine,
    event,
    func,
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
    for row in rows:
        session.add(Reading(**row))
        session.commit()  # one transaction, and one more round trip, per row


if __name__ == "__main__":
    with scratch_database() as engine, Session(engine) as session:
        rows = [{"sensor": f"s{i % 10}", "value": i / 2} for i in range(ROWS)]
        traffic = Traffic(engine)
        load(session, rows)
        print(f"execute calls: {traffic.calls}, commits: {traffic.commits}")
        #> execute calls: 100, commits: 100
        print("rows in the table:", session.scalar(count_rows))
        #> rows in the table: 100
