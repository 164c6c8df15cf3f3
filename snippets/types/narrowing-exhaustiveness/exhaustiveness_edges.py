"""Where assert_never and the run time disagree: alias, Flag, StrEnum by value."""

import textwrap
from enum import Enum, Flag, StrEnum, auto
from pathlib import Path
from typing import assert_never

from mypy import api as mypy_api


class Plan(Enum):
    FREE = "free"
    PRO = "pro"
    # An alias: Plan.PREMIUM is Plan.PRO, not a third member.
    PREMIUM = "pro"  # noqa: PIE796


def seats(plan: Plan) -> int:
    match plan:
        case Plan.FREE:
            return 1
        case Plan.PRO:
            return 10
        case _:
            assert_never(plan)  # mypy: reachable through the alias alone


class Access(Flag):
    READ = auto()
    WRITE = auto()


def label(access: Access) -> str:
    match access:
        case Access.READ:
            return "read"
        case Access.WRITE:
            return "write"
        case _:
            assert_never(access)  # mypy: unreachable, yet READ | WRITE gets here


class Region(StrEnum):
    EU = "eu"
    US = "us"


def bucket(region: Region) -> str:
    match region:
        case "eu":  # a value pattern: equal at run time, no narrowing for mypy
            return "s3-eu"
        case "us":
            return "s3-us"
        case _:
            assert_never(region)


print(f"{[plan.name for plan in Plan]}: {seats(Plan.PREMIUM)} seats for PREMIUM")
#> ['FREE', 'PRO']: 10 seats for PREMIUM
print(bucket(Region.US))
#> s3-us
try:
    label(Access.READ | Access.WRITE)
except AssertionError as exc:
    print(f"AssertionError: {exc}")
    #> AssertionError: Expected code to be unreachable, but got: <Access.READ|WRITE: 3>

source = Path(__file__).read_text()
argv = ["--strict", "--config-file=", "-c", source]
report, errors, exit_status = mypy_api.run(argv)
# Exit status 2 (usage error, crash) prints no findings: fail, never pass silently.
if errors or exit_status not in (0, 1):
    raise SystemExit(f"mypy exited {exit_status}: {errors}")
page = textwrap.TextWrapper(72, subsequent_indent="    ", break_on_hyphens=False)
for finding in report.replace("<string>:", "").replace("__main__.", "").splitlines():
    for part in page.wrap(finding):  # long findings wrapped to fit the page
        print(part)
        #> 25: error: Argument 1 to "assert_never" has incompatible type
        #>     "Literal[Plan.PREMIUM]"; expected "Never"  [arg-type]
        #> 55: error: Argument 1 to "assert_never" has incompatible type "Region";
        #>     expected "Never"  [arg-type]
        #> Found 2 errors in 1 file (checked 1 source file)
