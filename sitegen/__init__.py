"""Build-time helpers for the site: page metadata, navigation and a Markdown extension.

Everything here is plain Python and Python-Markdown, so that MkDocs and Zensical can both use it.
"""

from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DOCS = ROOT / "docs"
SNIPPETS = ROOT / "snippets"
