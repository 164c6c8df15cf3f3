"""The pitfall: repositories that commit leave a failed transfer half-done."""

import os
import tempfile
import uuid
from collections.abc import Iterator

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
from sqlalchemy.orm import DeclarativeBase, Mapped, Session, mapped_column


class Base(DeclarativeBase):
    pass


class Account(Base):
    __tablename__ = "accounts"
    __table_args__ = (CheckConstraint("balance >= 0", name="no_overdraft"),)

    name: Mapped[str] = mapped_column(String(20), primary_key=True)
    balance: Mapped[int]


class Accounts:
    """A repository whose every write commits."""

    def __init__(self, session: Session) -> None:
        self.session = session

    def add_to_balance(self, name: str, amount: int) -> None:
        change = Account.balance + amount
        query = update(Account).filter_by(name=name).values(balance=change)
        if self.session.scalar(query.returning(Account.name)) is None:
            raise LookupError(f"no account {name!r}")
        self.session.commit()  # the mistake: only the use case knows when it is done


def transfer(session: Session, source: str, target: str, amount: int) -> None:
    accounts = Accounts(session)
    accounts.add_to_balance(target, amount)  # committed at once
    accounts.add_to_balance(source, -amount)  # the CHECK refuses an overdraft: too late


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
    with Session(engine) as session:
        rows = session.execute(
            select(Account.name, Account.balance).order_by(Account.name)
        )
        total = session.scalar(select(func.sum(Account.balance)))
        shown = " + ".join(f"{name} {balance}" for name, balance in rows)
        return f"{shown} = {total}"


def demo(engine: Engine) -> Iterator[str]:
    Base.metadata.create_all(engine)
    with Session(engine) as session:
        session.add_all(
            [Account(name="alice", balance=100), Account(name="bob", balance=100)]
        )
        session.commit()
        yield f"before: {balances(engine)}"
        try:
            transfer(session, "alice", "bob", 150)
        except IntegrityError as error:
            yield f"{type(error).__name__}: {balances(engine)}"


for database, engine in databases():
    for line in demo(engine):
        print(f"{database}: {line}")
        #> sqlite: before: alice 100 + bob 100 = 200
        #> sqlite: IntegrityError: alice 100 + bob 250 = 350
        #> postgresql: before: alice 100 + bob 100 = 200
        #> postgresql: IntegrityError: alice 100 + bob 250 = 350
