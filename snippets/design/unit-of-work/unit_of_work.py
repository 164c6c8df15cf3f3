"""A unit of work: one transaction per use case, committed once, by the use case."""

import os
import tempfile
import uuid
from collections.abc import Iterator
from typing import Self

from sqlalchemy import (
    CheckConstraint,
    Engine,
    String,
    create_engine,
    func,
    make_url,
    select,
    update,
)
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import DeclarativeBase, Mapped, Session, mapped_column, sessionmaker
from sqlalchemy.pool import QueuePool


class Base(DeclarativeBase):
    pass


class Account(Base):
    __tablename__ = "accounts"
    __table_args__ = (CheckConstraint("balance >= 0", name="no_overdraft"),)

    name: Mapped[str] = mapped_column(String(20), primary_key=True)
    balance: Mapped[int]


class Accounts:
    """The repository: reads and writes in the session it is given; never commits."""

    def __init__(self, session: Session) -> None:
        self.session = session

    def add_to_balance(self, name: str, amount: int) -> None:
        change = Account.balance + amount  # computed by the database, in one UPDATE
        query = update(Account).filter_by(name=name).values(balance=change)
        if self.session.scalar(query.returning(Account.name)) is None:
            raise LookupError(f"no account {name!r}")


class UnitOfWork:
    """One session, one transaction: commit() keeps it; any other exit drops it."""

    def __init__(self, sessions: sessionmaker[Session]) -> None:
        self.sessions = sessions

    def __enter__(self) -> Self:
        self.session = self.sessions()
        self.accounts = Accounts(self.session)
        return self

    def __exit__(self, *exc_info: object) -> None:
        # Runs on every exit, BaseException included (Ctrl-C, a cancelled task):
        # close() rolls back whatever commit() did not keep, and frees the connection.
        self.session.close()

    def commit(self) -> None:
        self.session.commit()


def transfer(uow: UnitOfWork, source: str, target: str, amount: int) -> None:
    """The use case: both writes or neither."""
    if amount <= 0:
        raise ValueError("the amount must be positive")
    with uow:
        uow.accounts.add_to_balance(target, amount)
        uow.accounts.add_to_balance(source, -amount)  # an overdraft fails here
        uow.commit()  # once, when the whole use case has succeeded


def databases() -> Iterator[tuple[str, Engine]]:
    """A new SQLite file, then a new schema on the PostgreSQL server at POSTGRES_URL."""
    with tempfile.TemporaryDirectory() as folder:
        engine = create_engine(f"sqlite:///{folder}/bank.db")
        try:
            yield "sqlite", engine
        finally:
            engine.dispose()
    if not (url := os.environ.get("POSTGRES_URL")):
        print("postgresql: skipped, POSTGRES_URL is not set")
        return
    engine = create_engine(
        make_url(url).set(drivername="postgresql+psycopg"),
        # Wait at most 2 s for a row that another transaction holds, 5 s to connect.
        connect_args={"options": "-c lock_timeout=2s", "connect_timeout": 5},
    )
    # A schema of its own, dropped afterwards: none of your tables is touched.
    schema = f"bank_{uuid.uuid4().hex[:12]}"
    with engine.begin() as connection:
        connection.exec_driver_sql(f'CREATE SCHEMA "{schema}"')
    try:
        yield (
            "postgresql",
            engine.execution_options(schema_translate_map={None: schema}),
        )
    finally:
        with engine.begin() as connection:
            connection.exec_driver_sql(f'DROP SCHEMA "{schema}" CASCADE')
        engine.dispose()


def balances(engine: Engine) -> str:
    assert isinstance(engine.pool, QueuePool)  # the default for PostgreSQL and files
    out = engine.pool.checkedout()  # connections that no session has given back
    with Session(engine) as session:
        rows = session.execute(
            select(Account.name, Account.balance).order_by(Account.name)
        )
        total = session.scalar(select(func.sum(Account.balance)))
        shown = " + ".join(f"{name} {balance}" for name, balance in rows)
        return f"{shown} = {total}, connections out: {out}"


def demo(engine: Engine) -> Iterator[str]:
    Base.metadata.create_all(engine)
    sessions = sessionmaker(engine)
    with sessions.begin() as session:  # commits at the end of the block
        session.add_all(
            [Account(name="alice", balance=100), Account(name="bob", balance=100)]
        )
    transfer(UnitOfWork(sessions), "alice", "bob", 30)
    yield f"transferred 30: {balances(engine)}"
    try:
        transfer(UnitOfWork(sessions), "alice", "bob", 150)
    except IntegrityError as error:
        yield f"{type(error).__name__}: {balances(engine)}"
    try:
        transfer(UnitOfWork(sessions), "alcie", "bob", 20)  # a misspelt source
    except LookupError as error:
        yield f"{type(error).__name__}: {balances(engine)}"
    try:
        with UnitOfWork(sessions) as uow:
            uow.accounts.add_to_balance("bob", 50)
            raise KeyboardInterrupt  # Ctrl-C between the two writes of a transfer
    except KeyboardInterrupt:
        yield f"KeyboardInterrupt: {balances(engine)}"


for database, engine in databases():
    for line in demo(engine):
        print(f"{database}: {line}")
        #> sqlite: transferred 30: alice 70 + bob 130 = 200, connections out: 0
        #> sqlite: IntegrityError: alice 70 + bob 130 = 200, connections out: 0
        #> sqlite: LookupError: alice 70 + bob 130 = 200, connections out: 0
        #> sqlite: KeyboardInterrupt: alice 70 + bob 130 = 200, connections out: 0
        #> postgresql: transferred 30: alice 70 + bob 130 = 200, connections out: 0
        #> postgresql: IntegrityError: alice 70 + bob 130 = 200, connections out: 0
        #> postgresql: LookupError: alice 70 + bob 130 = 200, connections out: 0
        #> postgresql: KeyboardInterrupt: alice 70 + bob 130 = 200, connections out: 0
