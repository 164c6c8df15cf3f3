"""An ABC refuses to create an instance of a subclass that lacks an abstract method."""

from abc import ABC, abstractmethod
from typing import Generic, TypeVar

T = TypeVar("T")


class DataStore(ABC, Generic[T]):
    @abstractmethod
    async def save(self, key: str, value: T) -> None: ...

    @abstractmethod
    async def load(self, key: str) -> T | None: ...

    @abstractmethod
    async def delete(self, key: str) -> bool: ...

    @abstractmethod
    async def list_keys(self) -> list[str]: ...


class Cache(DataStore[str]):  # delete() and list_keys() are forgotten
    def __init__(self) -> None:
        self.data: dict[str, str] = {}

    async def save(self, key: str, value: str) -> None:
        self.data[key] = value

    async def load(self, key: str) -> str | None:
        return self.data.get(key)


try:
    Cache()  # fails here, at start-up, not on the first call to delete()
except TypeError as exc:
    print(exc)
    #> Can't instantiate abstract class Cache with abstract methods delete, list_keys
