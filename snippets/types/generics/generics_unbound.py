"""The pitfall: an unbounded TypeVar accepts anything; a `list` method hides list."""

import asyncio
from abc import ABC, abstractmethod
from typing import Generic, Protocol, TypeVar

T = TypeVar("T")  # no bound: Repository[str] is as valid as Repository[User]


class Entity(Protocol):  # declared, then never used
    id: int


class Repository(ABC, Generic[T]):
    @abstractmethod
    async def add(self, entity: T) -> T: ...


class InMemoryRepository(Repository[T]):
    def __init__(self) -> None:
        self._rows: dict[int, T] = {}

    async def add(self, entity: T) -> T:
        self._rows[entity.id] = entity  # a type checker rejects this: "T" has no "id"
        return entity


tags = InMemoryRepository[str]()  # nothing objects to a repository of strings...
try:
    asyncio.run(tags.add("python"))
except AttributeError as exc:
    print(f"AttributeError: {exc}")  # ...until the first call
    #> AttributeError: 'str' object has no attribute 'id'

try:
    # With builtin generics (list[T], not typing.List[T]), a method named `list`
    # replaces the builtin for every annotation that follows it in the class body.
    class UserRepository(ABC, Generic[T]):
        @abstractmethod
        async def list(self, limit: int = 100) -> list[T]: ...

        @abstractmethod
        async def ids(self) -> list[int]: ...

except TypeError as exc:
    print(f"TypeError: {exc}")
    #> TypeError: 'function' object is not subscriptable
