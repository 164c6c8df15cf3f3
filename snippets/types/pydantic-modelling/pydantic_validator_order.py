"""The pitfall: an AfterValidator that cleans input runs after the checks it should precede."""

import re
from typing import Annotated

from pydantic import AfterValidator, BaseModel, StringConstraints, ValidationError


def strip(value: str) -> str:
    return value.strip()


def slugify(value: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", value.lower()).strip("-")


# Read left to right, each looks right. But an AfterValidator runs after everything
# to its left: the length and the pattern are checked on the raw input.
NonEmptyStr = Annotated[str, StringConstraints(min_length=1), AfterValidator(strip)]
Slug = Annotated[
    str,
    StringConstraints(max_length=40, pattern=r"^[a-z0-9-]+$"),
    AfterValidator(slugify),
]


class Article(BaseModel):
    title: NonEmptyStr
    slug: Slug


article = Article(title="   ", slug="intro")  # three spaces pass min_length=1
print(repr(article.title))
#> ''
try:  # input the slugifier would have fixed is rejected before it runs
    Article(title="Pydantic tips", slug="Pydantic Tips")
except ValidationError as exc:
    print(exc.errors(include_url=False)[0]["msg"])
    #> String should match pattern '^[a-z0-9-]+$'
