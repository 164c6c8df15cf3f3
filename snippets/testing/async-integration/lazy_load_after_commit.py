"""The pitfall: after commit, the default AsyncSession expires the row; reading it needs I/O."""

import asyncio
import gc
import warnings

from sqlalchemy import String
from sqlalchemy.exc import MissingGreenlet, StatementError
from sqlalchemy.ext.asyncio import async_sessionmaker, create_async_engine
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column


class Base(DeclarativeBase):
    pass


class User(Base):
    __tablename__ = "users"

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(100))


async def main() -> None:
    engine = create_async_engine("sqlite+aiosqlite://")
    async with engine.begin() as connection:
        await connection.run_sync(Base.metadata.create_all)
    sessions = async_sessionmaker(engine)  # expire_on_commit=True, the default
    try:
        async with sessions() as session:
            user = User(name="Ada")
            session.add(user)
            await session.commit()  # expires every attribute of `user`
            try:
                print(user.id)  # a plain attribute read: SQLAlchemy must SELECT
            except MissingGreenlet:
                print("never printed: the error is not a MissingGreenlet")
            except StatementError as error:
                print(f"{type(error).__name__}, .orig is {type(error.orig).__name__}")
                #> StatementError, .orig is MissingGreenlet
                print(str(error.orig).split(";")[0])
                #> greenlet_spawn has not been called
            await session.refresh(user)  # the explicit, awaited load works
            print(f"after await session.refresh(user): id={user.id}")
            #> after await session.refresh(user): id=1
    finally:
        await engine.dispose()


with warnings.catch_warnings(record=True) as caught:
    warnings.simplefilter("always")
    asyncio.run(main())
    gc.collect()
# The driver call the lazy load started was never awaited, and Python says so:
for warning in caught:
    print(f"{warning.category.__name__}: {warning.message}")
    #> RuntimeWarning: coroutine 'Connection.cursor' was never awaited
