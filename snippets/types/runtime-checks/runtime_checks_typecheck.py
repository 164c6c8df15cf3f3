"""The pitfall: an isinstance()-based @typecheck decorator fails on real annotations."""

import inspect
from collections.abc import Callable
from functools import wraps
from typing import Any


def typecheck(func):  # the seed's decorator, as published
    hints = func.__annotations__

    @wraps(func)
    def wrapper(*args, **kwargs):
        sig = inspect.signature(func)
        bound = sig.bind(*args, **kwargs)

        for param, value in bound.arguments.items():
            if param in hints:
                expected = hints[param]
                if not isinstance(value, expected):
                    raise TypeError(f"{param} must be {expected}, got {type(value)}")

        return func(*args, **kwargs)

    return wrapper


@typecheck
def tag_all(names: list[str]) -> list[str]:
    return [name.upper() for name in names]


@typecheck
def total(prices: list) -> float:  # a bare `list`: the only kind isinstance accepts
    return sum(prices)


@typecheck
def double(n: int) -> int:
    return n * 2


@typecheck
def parse_port(text: str) -> int:
    return text  # type: ignore[return-value]  # a bug: the return type is never checked


@typecheck
def log(value: Any) -> None:
    pass


@typecheck
def save(user: "User") -> None:  # a forward reference: the annotation is a string
    pass


class User:
    pass


def attempt(call: Callable[[], Any]) -> str:
    try:
        return repr(call())
    except TypeError as exc:
        return f"TypeError: {exc}"


print(attempt(lambda: tag_all(["ada", "grace"])))  # a correct call, refused
#> TypeError: isinstance() argument 2 cannot be a parameterized generic
print(attempt(lambda: log("started")))
#> TypeError: typing.Any cannot be used with isinstance()
print(attempt(lambda: save(User())))
#> TypeError: isinstance() arg 2 must be a type, a tuple of types, or a union
print(attempt(lambda: total([1, "2"])))  # passes the check, fails inside sum()
#> TypeError: unsupported operand type(s) for +: 'int' and 'str'
print(attempt(lambda: double(True)))  # bool is a subclass of int
#> 2
print(attempt(lambda: parse_port("8080")))  # a str comes back from an `-> int`
#> '8080'
