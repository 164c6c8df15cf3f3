"""A Protocol with a Self-returning classmethod, and a TypeVar bound to it."""

import json
import textwrap
from pathlib import Path
from typing import TYPE_CHECKING, Any, Protocol, Self, TypeVar, reveal_type

from mypy import api as mypy_api


class Serializable(Protocol):
    def to_dict(self) -> dict[str, Any]: ...

    # Self: called on User, it returns a User.
    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Self: ...


S = TypeVar("S", bound=Serializable)


def to_json(obj: Serializable) -> str:
    return json.dumps(obj.to_dict())


def from_json(cls: type[S], text: str) -> S:  # User in, User out
    return cls.from_dict(json.loads(text))


def from_json_seed(cls: type[Serializable], text: str) -> Serializable:  # the seed's
    return cls.from_dict(json.loads(text))


class User:  # no base class: having the right methods is enough
    def __init__(self, id: int, name: str) -> None:
        self.id = id
        self.name = name

    def to_dict(self) -> dict[str, Any]:
        return {"id": self.id, "name": self.name}

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Self:
        return cls(data["id"], data["name"])


class Legacy:
    def to_dict(self) -> str:  # wrong return type
        return "{}"


user = from_json(User, to_json(User(1, "Ada")))
print(user.name)
#> Ada
if TYPE_CHECKING:
    reveal_type(from_json(User, "{}"))
    reveal_type(from_json_seed(User, "{}"))
    print(from_json_seed(User, "{}").name)  # rejected: a Serializable has no `name`
    to_json(Legacy())  # rejected, with the reason

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
        #> 56: note: Revealed type is "User"
        #> 57: note: Revealed type is "Serializable"
        #> 58: error: "Serializable" has no attribute "name"  [attr-defined]
        #> 59: error: Argument 1 to "to_json" has incompatible type "Legacy";
        #>     expected "Serializable"  [arg-type]
        #> 59: note: "Legacy" is missing following "Serializable" protocol member:
        #> 59: note:     from_dict
        #> 59: note: Following member(s) of "Legacy" have conflicts:
        #> 59: note:     Expected:
        #> 59: note:         def to_dict(self) -> dict[str, Any]
        #> 59: note:     Got:
        #> 59: note:         def to_dict(self) -> str
        #> Found 2 errors in 1 file (checked 1 source file)
