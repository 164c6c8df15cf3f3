"""MkDocs hook (mkdocs.yml `hooks:`): the site's own CSS and JavaScript ship without their comments,
and the offline build's search shim only with the offline build.

The sources in overrides/assets explain themselves at length; every page loads all of them, and their
comments were a quarter of their gzipped weight (2.7 KB a page, which put two pattern pages over the
90 KiB ceiling). Only whole comment lines go from the JavaScript (a `//` inside a line, such as a URL
in a string, stays) and `/* ... */` blocks from the CSS; the code itself is left as written.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

OWN = ("assets/javascripts", "assets/stylesheets")
COMMENT_LINE = re.compile(r"^[ \t]*//.*\n", re.MULTILINE)
CSS_COMMENT = re.compile(r"/\*.*?\*/\n?", re.DOTALL)


def on_config(config: Any, **_: Any) -> None:
    """The iframe-worker shim (extra.polyfills, our copy) lets search run from file://, in the offline
    build only; served over HTTP, search has its real worker, and every page would load the shim for
    nothing (0.8 KB)."""
    offline = [plugin for name, plugin in config.plugins.items() if name.endswith("offline")]
    if not any(plugin.config.enabled for plugin in offline):
        config.extra["polyfills"] = [s for s in config.extra.get("polyfills", []) if "iframe-worker" not in s]


def on_post_build(config: Any, **_: Any) -> None:
    site = Path(config["site_dir"])
    theme = Path(config["theme"].custom_dir or "")
    for folder in OWN:
        for source in (theme / folder).glob("*.*"):  # ours, not vendor/ or Material's
            built = site / folder / source.name
            if built.suffix == ".js":
                built.write_text(COMMENT_LINE.sub("", source.read_text(encoding="utf-8")), encoding="utf-8")
            elif built.suffix == ".css":
                built.write_text(CSS_COMMENT.sub("", source.read_text(encoding="utf-8")), encoding="utf-8")
