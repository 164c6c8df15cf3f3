"""The front-matter schema of every page, and loading it with errors that name file and field."""

from __future__ import annotations

import copy
import functools
from pathlib import Path
from typing import Annotated, Literal

import yaml
from pydantic import AfterValidator, BaseModel, ConfigDict, Field, StringConstraints, ValidationError, model_validator

from .verified import PYTHONS

NonEmpty = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1)]


def _version_key(key: str) -> str:
    """One supported Python version, "3.14", or a range of them, "3.11-3.13"."""
    ends = key.split("-")
    if len(ends) > 2 or any(end not in PYTHONS for end in ends):
        raise ValueError(
            f"{key!r}: not a supported Python version or range of them ({', '.join(PYTHONS)}; e.g. 3.11-3.13)"
        )
    if len(ends) == 2 and PYTHONS.index(ends[0]) >= PYTHONS.index(ends[1]):
        raise ValueError(f"{key!r}: a range goes from an older version to a newer one")
    return key


VersionKey = Annotated[str, AfterValidator(_version_key)]


class PageError(Exception):
    """A page whose metadata is wrong; the message names the file and the field."""


class _Meta(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class Mutation(_Meta):
    """A deliberately broken copy of a snippet: its pattern's key move removed or swapped."""

    name: Annotated[str, StringConstraints(pattern=r"^[a-z0-9][a-z0-9-]*$")]
    # Exact text that occurs once in `file` (default: the proof's snippet), and what replaces it.
    replace: Annotated[str, StringConstraints(min_length=1)]
    with_: str = Field(alias="with")
    file: str | None = None
    # For a pytest module: the node ids that must fail, and those that still pass with the break.
    caught_by: list[NonEmpty] = Field(default_factory=list)
    missed_by: list[NonEmpty] = Field(default_factory=list)
    shown: str = ""  # the page shows this run's output, headed by this line
    # Pythons on which the break does not change the printed proof, each with why: the suite checks
    # that it indeed does not there (so the entry cannot go stale), and that it does everywhere else.
    not_caught_on: dict[VersionKey, NonEmpty] = Field(default_factory=dict)


class Proof(_Meta):
    """What a right-way snippet proves, and the mutations whose printed proof must change."""

    key_move: NonEmpty  # the line, option or call the pattern depends on
    run: str | None = None  # the pytest module that runs it, for code under test
    # The pitfalls (wrong-way snippets of the page) this snippet fixes: the page shows it with the
    # lines that differ from each highlighted, and a diff view, both computed from the two files.
    fixes: list[NonEmpty] = Field(default_factory=list)
    mutations: list[Mutation] = Field(min_length=1)


class PatternMeta(_Meta):
    """A pattern page: docs/<section>/<slug>.md."""

    kind: Literal["pattern"] = "pattern"
    title: NonEmpty
    use_case: Annotated[str, StringConstraints(strip_whitespace=True, min_length=10)]
    complexity: int = Field(ge=1, le=5)
    modules: list[NonEmpty] = Field(min_length=1)
    tags: list[NonEmpty] = Field(default_factory=list)
    # What leads a reader here: the exact messages Python and the libraries print (`errors`), and the
    # problem in a reader's own words (`symptoms`). Search weighs both like the title
    # (sitegen/search_hooks.py); the page shows them under its use case.
    errors: list[NonEmpty] = Field(default_factory=list)
    symptoms: list[NonEmpty] = Field(min_length=2)
    related: list[NonEmpty] = Field(default_factory=list)
    seed: str | None = None  # where the idea comes from, e.g. "003 §1.1"
    # Every snippet of the page's folder is a proof (right way, with mutations), a pitfall
    # (wrong way: it demonstrates its failure), or a demo (shows a fact; the reason says why
    # there is nothing to mutate).
    proofs: dict[NonEmpty, Proof] = Field(default_factory=dict)
    pitfalls: list[NonEmpty] = Field(default_factory=list)
    demos: dict[NonEmpty, NonEmpty] = Field(default_factory=dict)
    # Where a snippet prints something else on another Python: {file: {"3.14": "why"}}; a key is one
    # supported version or a range of them, "3.11-3.13" (an ASCII hyphen).
    version_notes: dict[NonEmpty, dict[VersionKey, NonEmpty]] = Field(default_factory=dict)
    # Snippets that fail in the browser (Pyodide) for a reason their imports do not show: {file: why}.
    # They get no Run button (sitegen/pyodide_assets.py finds threads, sockets and the rest itself).
    not_in_browser: dict[NonEmpty, NonEmpty] = Field(default_factory=dict)

    @model_validator(mode="after")
    def _every_pitfall_fixed_once(self) -> PatternMeta:
        """Each pitfall has the one right-way snippet that fixes it (the page shows what changed)."""
        fixed_by: dict[str, list[str]] = {}
        for name, proof in self.proofs.items():
            for pitfall in proof.fixes:
                if pitfall not in self.pitfalls:
                    raise ValueError(f"proofs.{name}.fixes: '{pitfall}' is not one of the page's pitfalls")
                fixed_by.setdefault(pitfall, []).append(name)
        for pitfall in self.pitfalls:
            proofs = fixed_by.get(pitfall, [])
            if len(proofs) != 1:
                found = f"fixed by {', '.join(proofs)}" if proofs else "not in any proof's `fixes`"
                raise ValueError(f"pitfall '{pitfall}' must be fixed by exactly one proof ({found})")
        return self


class SectionMeta(_Meta):
    """A section's landing page: docs/<section>/index.md."""

    kind: Literal["section"]
    title: NonEmpty
    order: int = Field(ge=1)
    summary: NonEmpty


class PlainMeta(_Meta):
    """Any other page (home, quick reference, complexity index, reference pages)."""

    kind: Literal["page"]
    title: NonEmpty
    nav_order: int = Field(ge=0)
    description: str | None = None
    hide: list[str] = Field(default_factory=list)
    search: dict[str, object] | None = None


Meta = PatternMeta | SectionMeta | PlainMeta


@functools.lru_cache(maxsize=1024)
def _parsed_yaml(source: str) -> object:
    # The catalogue is loaded by many modules of one process (the test suite's collection parsed the same
    # 65 front matters 684 times, 3 of its 5 seconds); PyYAML's pure-Python parser is the slow part.
    return yaml.safe_load(source)


def split_front_matter(text: str, path: Path) -> tuple[dict[str, object], str]:
    """Return (front matter, body); a page without front matter is an error."""
    if not text.startswith("---\n"):
        raise PageError(f"{path}: no front matter (the page must start with a '---' line)")
    end = text.find("\n---\n", 4)
    if end == -1:
        raise PageError(f"{path}: front matter is not closed by a '---' line")
    try:
        data = copy.deepcopy(_parsed_yaml(text[4:end]))  # a copy: callers may change what they get
    except yaml.YAMLError as exc:
        raise PageError(f"{path}: front matter is not valid YAML: {exc}") from None
    if not isinstance(data, dict):
        raise PageError(f"{path}: front matter must be a mapping of fields")
    return data, text[end + 5 :]


def _field_errors(path: Path, exc: ValidationError) -> PageError:
    lines = []
    for err in exc.errors(include_url=False):
        field = ".".join(str(p) for p in err["loc"]) or "(page)"
        lines.append(f"{path}: field '{field}': {err['msg']}")
    return PageError("\n".join(lines))


def load_meta(path: Path, docs: Path) -> Meta:
    """Validate one page's front matter with the schema its location calls for."""
    data, _ = split_front_matter(path.read_text(encoding="utf-8"), path)
    rel = path.relative_to(docs)
    kind = data.get("kind")
    try:
        if len(rel.parts) == 2 and rel.name == "index.md" and kind != "page":
            return SectionMeta.model_validate(data)
        if len(rel.parts) == 2 and kind != "page":
            return PatternMeta.model_validate(data)
        return PlainMeta.model_validate(data)
    except ValidationError as exc:
        raise _field_errors(rel_display(path, docs), exc) from None


def rel_display(path: Path, docs: Path) -> Path:
    """The path as a reader of an error message wants it: relative to the project."""
    try:
        return path.relative_to(docs.parent)
    except ValueError:
        return path
