"""MkDocs hooks for search (mkdocs.yml `hooks:`).

A pattern page's `errors` and `symptoms` (the messages Python prints and the problems in a reader's
words that lead to it) join its tags in the search index, which weighs a tag like a title: a reader who pastes
`RuntimeWarning: coroutine 'main' was never awaited` finds the page that explains it. Tags are not
rendered on pages (the tags plugin is off); the page shows its symptoms under its use case.

The pages under downloads/ (each pattern's review, served beside its code) stay out of the index: they
name every API and error of their pattern page, in a third of the index's text, and outranked it.
"""

from __future__ import annotations

from typing import Any

from mkdocs.structure.pages import Page


def on_page_markdown(markdown: str, page: Page, **_: Any) -> str:
    if page.file.src_uri.startswith("downloads/"):
        page.meta["search"] = {"exclude": True}
    found = [str(s) for key in ("errors", "symptoms") for s in page.meta.get(key) or []]
    if found:
        page.meta["tags"] = [*page.meta.get("tags", []), *found]
    return markdown
