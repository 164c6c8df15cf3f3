"""Two seed details: @abstractmethod on a Protocol checks nothing, and .dict() is deprecated."""

import asyncio
import warnings
from abc import abstractmethod
from typing import Protocol

from pydantic import BaseModel


class User(BaseModel):
    email: str
    name: str


class UserRepository(Protocol):  # as in the seed
    @abstractmethod
    async def get(self, user_id: int) -> User | None: ...

    @abstractmethod
    async def create(self, user: User) -> User: ...


class HalfRepository:  # matches by shape, like the seed's classes; create() is missing
    async def get(self, user_id: int) -> User | None:
        return None


repo: UserRepository = HalfRepository()  # only a type checker objects; Python does not
try:
    asyncio.run(repo.create(User(email="ada@example.org", name="Ada")))
except AttributeError as exc:
    print(f"AttributeError: {exc}")  # found when called, not when created
    #> AttributeError: 'HalfRepository' object has no attribute 'create'


class ExplicitHalf(UserRepository):  # only explicit subclasses get the ABC check
    async def get(self, user_id: int) -> User | None:
        return None


try:
    ExplicitHalf()
except TypeError as exc:
    print(exc)
    #> Can't instantiate abstract class ExplicitHalf with abstract method create

with warnings.catch_warnings():
    warnings.simplefilter("error")  # raise it, however Python was started
    try:
        User(email="ada@example.org", name="Ada").dict()  # the seed's user_data.dict()
    except DeprecationWarning as warning:
        print(f"{type(warning).__name__}: {str(warning).split(';')[0]}")
        #> PydanticDeprecatedSince20: The `dict` method is deprecated
