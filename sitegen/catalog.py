"""All pages of the site, read from their front matter: sections, patterns and their order."""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from pathlib import Path

from .frontmatter import PageError, PatternMeta, PlainMeta, SectionMeta, load_meta, rel_display


@dataclass(frozen=True)
class Pattern:
    path: str  # relative to docs/, e.g. "async/gather.md"
    section: str
    meta: PatternMeta

    @property
    def url(self) -> str:
        """Directory-style URL relative to the site root (MkDocs' use_directory_urls)."""
        return self.path.removesuffix(".md") + "/"


@dataclass(frozen=True)
class Section:
    slug: str
    meta: SectionMeta
    patterns: tuple[Pattern, ...]  # simplest first

    @property
    def path(self) -> str:
        return f"{self.slug}/index.md"


@dataclass(frozen=True)
class Catalog:
    sections: tuple[Section, ...]  # in the guide's order
    pages: tuple[tuple[str, PlainMeta], ...]  # other pages, by nav_order

    @property
    def patterns(self) -> tuple[Pattern, ...]:
        return tuple(p for s in self.sections for p in s.patterns)

    def pattern(self, path: str) -> Pattern:
        for p in self.patterns:
            if p.path == path:
                return p
        raise KeyError(path)


def _pattern_key(p: Pattern) -> tuple[int, str]:
    return (p.meta.complexity, p.meta.title.lower())


def load_catalog(docs: Path) -> Catalog:
    """Read and validate every page; all errors are reported together, each naming its file."""
    errors: list[str] = []
    sections: dict[str, SectionMeta] = {}
    patterns: dict[str, list[Pattern]] = {}
    pages: list[tuple[str, PlainMeta]] = []
    for path in sorted(docs.rglob("*.md")):
        rel = path.relative_to(docs).as_posix()
        if rel.startswith(("_", "overrides/", "downloads/")) or "/_" in rel:
            continue
        try:
            meta = load_meta(path, docs)
        except PageError as exc:
            errors.append(str(exc))
            continue
        if isinstance(meta, SectionMeta):
            sections[rel.split("/")[0]] = meta
        elif isinstance(meta, PatternMeta):
            section = rel.split("/")[0]
            patterns.setdefault(section, []).append(Pattern(rel, section, meta))
        else:
            pages.append((rel, meta))

    known = {p.path for ps in patterns.values() for p in ps}
    known |= {f"{s}/index.md" for s in sections} | {rel for rel, _ in pages}
    for ps in patterns.values():
        for p in ps:
            for i, target in enumerate(p.meta.related):
                if target not in known:
                    errors.append(
                        f"{rel_display(docs / p.path, docs)}: field 'related.{i}': "
                        f"unknown page '{target}' (give a path relative to docs/, e.g. 'async/gather.md')"
                    )
    for slug in sorted(set(patterns) - set(sections)):
        errors.append(f"docs/{slug}/index.md: missing (every section folder needs a landing page)")
    orders = [m.order for m in sections.values()]
    if len(orders) != len(set(orders)):
        errors.append("docs/*/index.md: field 'order': two sections have the same order")
    if errors:
        raise PageError("\n".join(errors))

    ordered = sorted(sections.items(), key=lambda kv: kv[1].order)
    return Catalog(
        sections=tuple(
            Section(slug, meta, tuple(sorted(patterns.get(slug, []), key=_pattern_key))) for slug, meta in ordered
        ),
        pages=tuple(sorted(pages, key=lambda kv: (kv[1].nav_order, kv[0]))),
    )


@cache
def cached_catalog(docs: Path, stamp: tuple[tuple[str, int], ...]) -> Catalog:
    """The catalog for one state of docs/ (stamp: the md files and their mtimes)."""
    return load_catalog(docs)


def current_catalog(docs: Path) -> Catalog:
    stamp = tuple((str(p), p.stat().st_mtime_ns) for p in sorted(docs.rglob("*.md")))
    return cached_catalog(docs, stamp)
