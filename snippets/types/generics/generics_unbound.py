"""The pitfall: an unbounded TypeVar accepts anything; a `list` method hides list."""

import asyncio
import textwrap
from abc import ABC, abstractmethod
from pathlib import Path
from typing import Generic, Protocol, TypeVar, get_type_hints

from mypy import api as mypy_api

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
    # replaces the builtin in the annotations of the class body.
    class UserRepository(ABC, Generic[T]):
        @abstractmethod
        async def list(self, limit: int = 100) -> list[T]: ...

        @abstractmethod
        async def ids(self) -> list[int]: ...

    # Up to 3.13 the class statement itself raises. 3.14 evaluates annotations
    # lazily: the class is built, and the first reader of its annotations raises.
    get_type_hints(UserRepository.ids)
except TypeError as exc:
    print(f"TypeError: {exc}")
    #> TypeError: 'function' object is not subscriptable

# A type checker reports both mistakes before anything runs, on every version (an
# empty --config-file keeps the settings of the project it runs in out of the check).
source = Path(__file__).read_text()
args = ["--strict", "--config-file=", "-c", source]
report, errors, status = mypy_api.run(args)
if errors or status not in (0, 1):  # a usage error or a crash is no verdict
    raise SystemExit(f"mypy exited with status {status}: {errors or report}")
wrapper = textwrap.TextWrapper(72, subsequent_indent="    ", break_on_hyphens=False)
for finding in report.replace("<string>:", "").replace("__main__.", "").splitlines():
    for part in wrapper.wrap(finding):  # long findings wrapped to fit the page
        print(part)
        #> 28: error: "T" has no attribute "id"  [attr-defined]
        #> 47: error: Function "UserRepository.list" is not valid as a type
        #>     [valid-type]
        #> 47: note: Perhaps you need "Callable[...]" or a callback protocol?
        #> Found 2 errors in 1 file (checked 1 source file)
