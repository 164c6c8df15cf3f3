"""Check arguments and return values against annotations with validate_call."""

from typing import Any, Literal

from pydantic import ConfigDict, ValidationError, validate_call


@validate_call(validate_return=True)
def tag_all(names: list[str], case: Literal["upper", "lower"] = "upper") -> list[str]:
    return [name.upper() if case == "upper" else name.lower() for name in names]


@validate_call(config=ConfigDict(strict=True), validate_return=True)
def parse_port(text: str) -> int:
    return text  # type: ignore[return-value]  # the bug the return check catches


def summary(exc: ValidationError) -> str:
    return "; ".join(f"{e['loc']} {e['msg']}" for e in exc.errors(include_url=False))


print(tag_all(["ada", "grace"]))
#> ['ADA', 'GRACE']
bad_calls: list[dict[str, Any]] = [
    {"names": ["ada", 42]},  # an item inside the container
    {"names": ["ada"], "case": "title"},  # a Literal
    {"names": "ada"},  # a str is not a list of str
]
for kwargs in bad_calls:
    try:
        tag_all(**kwargs)
    except ValidationError as exc:
        print(summary(exc))
        #> ('names', 1) Input should be a valid string
        #> ('case',) Input should be 'upper' or 'lower'
        #> ('names',) Input should be a valid list

try:
    parse_port("8080")
except ValidationError as exc:
    print(summary(exc))  # the return value: an empty loc
    #> () Input should be a valid integer


def connect(host: str, port: int) -> str:
    return f"{host}:{port}"


lax = validate_call(connect)  # the default: "5432" is coerced to 5432
strict = validate_call(config=ConfigDict(strict=True))(connect)
# mypy flags both calls below (a str for an int): exactly what happens when the
# value comes from text -- a config file, an environment variable, a queue.
print(lax("db", "5432"))  # type: ignore[arg-type]
#> db:5432
try:
    strict("db", "5432")  # type: ignore[arg-type]
except ValidationError as exc:
    print(summary(exc))  # loc 1: the second positional argument
    #> (1,) Input should be a valid integer


@validate_call
def add_tag(tags: list[str], tag: str) -> None:
    tags.append(tag)  # appends to the validated copy, not to the caller's list


tags = ["python"]
add_tag(tags, "typing")
print(tags)
#> ['python']
