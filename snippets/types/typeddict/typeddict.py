"""TypedDict with Required/NotRequired: mypy catches a bad dict; runtime never looks."""

import sqlite3
import textwrap
from pathlib import Path
from typing import NotRequired, Required, TypedDict

from mypy import api as mypy_api


class UserProfile(TypedDict):  # every key required...
    id: int
    email: str
    bio: NotRequired[str]  # ...except this one


class UserPatch(TypedDict, total=False):  # every key optional...
    id: Required[int]  # ...except this one
    email: str
    bio: str


def describe(user: UserProfile) -> str:
    return f"{user['email']} ({user.get('bio', 'no bio')})"  # .get: `bio` may be absent


# Mistakes that all run: only the type checker (its report at the end) sees them.
typo: UserProfile = {"id": "7", "emial": "ada@example.com"}  # three mistakes
patch: UserPatch = {"bio": "Pythonista"}  # no id
print(typo, patch)  # at runtime a TypedDict is a plain dict: nothing was checked
#> {'id': '7', 'emial': 'ada@example.com'} {'bio': 'Pythonista'}
try:
    print(describe(typo))
except KeyError as exc:
    print(f"KeyError: {exc}")  # found only when the missing key is read
    #> KeyError: 'email'
try:
    isinstance(typo, UserProfile)  # there is no class to check against either
except TypeError as exc:
    print(f"TypeError: {exc}")
    #> TypeError: TypedDict does not support instance and class checks


def invalid_key(user: UserProfile) -> object:
    return user["invalid_key"]


def users_seed(rows: list[sqlite3.Row]) -> list[UserProfile]:
    return [dict(row) for row in rows]  # the seed's "Type-safe!" line


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
        #> 28: error: Missing key "email" for TypedDict "UserProfile"
        #>     [typeddict-item]
        #> 28: error: Extra key "emial" for TypedDict "UserProfile"
        #>     [typeddict-unknown-key]
        #> 28: error: Incompatible types (expression has type "str", TypedDict item
        #>     "id" has type "int")  [typeddict-item]
        #> 29: error: Missing key "id" for TypedDict "UserPatch"  [typeddict-item]
        #> 38: error: Cannot use isinstance() with TypedDict type  [misc]
        #> 45: error: TypedDict "UserProfile" has no key "invalid_key"
        #>     [typeddict-item]
        #> 49: error: List comprehension has incompatible type List[dict[str,
        #>     Any]]; expected List[UserProfile]  [misc]
        #> Found 7 errors in 1 file (checked 1 source file)
