"""Reusable Annotated types: clean the input before the checks, add rules after them."""

import re
import unicodedata
from typing import Annotated

from pydantic import (
    AfterValidator,
    BaseModel,
    BeforeValidator,
    StringConstraints,
    TypeAdapter,
    ValidationError,
)

RESERVED = frozenset({"admin", "api", "new"})
RAW_LIMIT = 200  # cleaning costs time and memory: bound the raw input first


def slugify(value: object) -> object:
    """Before: sees the raw input, so anything of any size may arrive here."""
    if isinstance(value, str) and len(value) <= RAW_LIMIT:
        ascii_only = unicodedata.normalize("NFKD", value).encode("ascii", "ignore")
        return re.sub(r"[^a-z0-9]+", "-", ascii_only.decode().lower()).strip("-")
    return value  # not a str, or too long: left for the checks to reject


def not_reserved(slug: str) -> str:
    """After: sees a str that has passed every check to its left."""
    if slug in RESERVED:
        raise ValueError(f"{slug!r} is reserved")
    return slug


# The built-in strip runs before the length check.
NonEmptyStr = Annotated[
    str, StringConstraints(strip_whitespace=True, min_length=1, max_length=200)
]
# A BeforeValidator runs before everything to its left, an AfterValidator after it:
# slugify -> str -> length and pattern -> not_reserved.
Slug = Annotated[
    str,
    StringConstraints(min_length=1, max_length=40, pattern=r"^[a-z0-9-]+$"),
    BeforeValidator(slugify),
    AfterValidator(not_reserved),
]


class Article(BaseModel):
    title: NonEmptyStr
    slug: Slug


print(Article(title="  Pydantic tips ", slug="Pydantic Tips!"))
#> title='Pydantic tips' slug='pydantic-tips'
for title, slug in (("   ", "   "), ("News", "Admin")):
    try:
        Article(title=title, slug=slug)
    except ValidationError as exc:
        for error in exc.errors(include_url=False):
            print(error["loc"], error["msg"])
            #> ('title',) String should have at least 1 character
            #> ('slug',) String should have at least 1 character
            #> ('slug',) Value error, 'admin' is reserved

slug_in_path = TypeAdapter(Slug)  # the same rules for a URL path parameter
for raw in ("Café au lait", "Straße"):  # é splits into e and an accent; ß does not
    print(slug_in_path.validate_python(raw))
    #> cafe-au-lait
    #> strae
# Not a str, then a megabyte of punctuation: refused by its length, never cleaned.
for hostile in (42, "!" * 1_000_000):
    try:
        slug_in_path.validate_python(hostile)
    except ValidationError as exc:
        print(exc.errors(include_url=False)[0]["msg"])
        #> Input should be a valid string
        #> String should have at most 40 characters
