"""The pitfall: isinstance() with a Protocol checks names, not signatures."""

from collections.abc import Callable
from typing import Any, Protocol, Self, runtime_checkable


@runtime_checkable
class Serializable(Protocol):
    def to_dict(self) -> dict[str, Any]: ...

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Self: ...


class ExtraArg:
    def to_dict(self, fields: list[str]) -> dict[str, Any]:  # needs an argument
        return dict.fromkeys(fields)

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Self:
        return cls()


class WrongReturn:
    def to_dict(self) -> str:  # returns a string, not a dict
        return "{}"

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Self:
        return cls()


class NoClassmethod:
    def to_dict(self) -> dict[str, Any]:
        return {}

    def from_dict(self, data: dict[str, Any]) -> Self:  # needs an instance to call
        return self


for cls in (ExtraArg, WrongReturn, NoClassmethod):
    print(f"{cls.__name__}: isinstance -> {isinstance(cls(), Serializable)}")
    #> ExtraArg: isinstance -> True
    #> WrongReturn: isinstance -> True
    #> NoClassmethod: isinstance -> True


def attempt(call: Callable[[], object]) -> str:
    try:
        call()
    except TypeError as exc:  # first sentence only: Python 3.13 appends a second
        return f"TypeError: {str(exc).partition('. ')[0]}"
    return "worked"


# Each of them fails as soon as it is used the way the protocol promises.
print(attempt(lambda: ExtraArg().to_dict()))
#> TypeError: ExtraArg.to_dict() missing 1 required positional argument: 'fields'
print(attempt(lambda: WrongReturn().to_dict()["id"]))
#> TypeError: string indices must be integers, not 'str'
print(attempt(lambda: NoClassmethod.from_dict({"id": 1})))
#> TypeError: NoClassmethod.from_dict() missing 1 required positional argument: 'data'


@runtime_checkable
class Entity(Protocol):
    id: int  # a data member, not a method


class Row:
    def __init__(self) -> None:
        self.id = "not-an-int"


# isinstance() finds an `id`; that it is a str, not an int, goes unnoticed.
print(f"Row: isinstance -> {isinstance(Row(), Entity)}")
#> Row: isinstance -> True
print(attempt(lambda: issubclass(Row, Entity)))
#> TypeError: Protocols with non-method members don't support issubclass()
