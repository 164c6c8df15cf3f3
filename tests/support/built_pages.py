"""Reading a built site: a page's HTML and the code blocks it shows."""

from __future__ import annotations

import html
import re
from pathlib import Path

from sitegen import DOCS
from sitegen.pages import include_text

CODE_BLOCK = re.compile(
    r'<span class="filename">(?P<title>[^<]*)</span><pre[^>]*>.*?<code[^>]*>(?P<code>.*?)</code></pre>',
    re.S,
)


def page_html(site: Path, page: Path, directory_urls: bool = True) -> str:
    rel = page.relative_to(DOCS).with_suffix("")
    if not directory_urls:
        return (site / rel.with_suffix(".html")).read_text(encoding="utf-8")
    target = site / (rel.parent if rel.name == "index" else rel) / "index.html"
    return target.read_text(encoding="utf-8")


def code_text(fragment: str) -> str:
    # Strip pymdownx.highlight's anchors and line spans: what remains is the text a reader copies.
    return html.unescape(re.sub(r"<[^>]+>", "", fragment))


def shown_snippets(built: str) -> list[str]:
    """The code of every snippet block on a built page, in order (output blocks left out)."""
    return [
        code_text(m.group("code")) for m in CODE_BLOCK.finditer(built) if not m.group("title").startswith("Output of")
    ]


def expected_code(target: str) -> str:
    return include_text(target)
