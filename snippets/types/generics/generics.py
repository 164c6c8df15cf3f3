"""A generic async repository: one ABC, one in-memory store, any entity with an id."""

import asyncio
import textwrap
from abc import ABC, abstractmethod
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Generic, Protocol, TypeVar, reveal_type

from mypy import api as mypy_api


class Entity(Protocol):
    # A read-only property: a plain `id: int` member would demand a settable
    # attribute, and mypy would then reject frozen dataclasses.
    @property
    def id(self) -> int: ...


# Any type with an `id: int`; checked wherever E is filled in.
E = TypeVar("E", bound=Entity)


class Repository(ABC, Generic[E]):
    @abstractmethod
    async def get(self, entity_id: int) -> E | None: ...

    @abstractmethod
    async def page(self, limit: int = 100, offset: int = 0) -> list[E]: ...

    @abstractmethod
    async def add(self, entity: E) -> E: ...


class InMemoryRepository(Repository[E]):
    def __init__(self) -> None:
        self._rows: dict[int, E] = {}

    async def get(self, entity_id: int) -> E | None:
        return self._rows.get(entity_id)

    async def page(self, limit: int = 100, offset: int = 0) -> list[E]:
        return list(self._rows.values())[offset : offset + limit]

    async def add(self, entity: E) -> E:
        self._rows[entity.id] = entity  # allowed because the bound promises `.id`
        return entity


@dataclass(frozen=True)
class User:
    id: int
    email: str


@dataclass(frozen=True)
class Tag:
    name: str  # no id: not an Entity


async def email_of(repo: Repository[User], user_id: int) -> str | None:
    user = await repo.get(user_id)
    if TYPE_CHECKING:
        reveal_type(user)  # only the type checker runs this line
    return user.email if user is not None else None  # `is not None` narrows to User


async def main() -> None:
    users = InMemoryRepository[User]()
    await users.add(User(1, "ada@example.com"))
    print(await email_of(users, 1), await email_of(users, 2))
    #> ada@example.com None
    if TYPE_CHECKING:
        reveal_type(await users.page())
        InMemoryRepository[Tag]()  # rejected: Tag has no `id`
        await users.add(Tag("python"))  # rejected: a Tag is not a User


asyncio.run(main())

# Ask mypy about this very file: `-c` keeps temp paths out of its report, and an
# empty --config-file keeps the settings of the project it runs in out of the check.
source = Path(__file__).read_text()
args = ["--strict", "--config-file=", "-c", source]
report, errors, status = mypy_api.run(args)
if errors or status not in (0, 1):  # a usage error or a crash is no verdict
    raise SystemExit(f"mypy exited with status {status}: {errors or report}")
wrapper = textwrap.TextWrapper(72, subsequent_indent="    ", break_on_hyphens=False)
for finding in report.replace("<string>:", "").replace("__main__.", "").splitlines():
    for part in wrapper.wrap(finding):  # long findings wrapped to fit the page
        print(part)
        #> 64: note: Revealed type is "User | None"
        #> 74: note: Revealed type is "list[User]"
        #> 75: error: Value of type variable "E" of "InMemoryRepository" cannot be
        #>     "Tag"  [type-var]
        #> 76: error: Argument 1 to "add" of "InMemoryRepository" has incompatible
        #>     type "Tag"; expected "User"  [arg-type]
        #> Found 2 errors in 1 file (checked 1 source file)
