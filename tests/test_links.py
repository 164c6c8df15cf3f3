"""The built site has no broken internal link or anchor, loads nothing from elsewhere, and maps itself."""

from __future__ import annotations

import re
import urllib.parse
from html.parser import HTMLParser
from pathlib import Path

from sitegen import DOCS
from sitegen.catalog import load_catalog
from tests.support.browser_site import site_prefix
from tests.support.site_build import BuiltSite

RESOURCE_TAGS = {
    ("script", "src"),
    ("link", "href"),
    ("img", "src"),
    ("iframe", "src"),
    ("source", "src"),
}


class LinkParser(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.links: list[tuple[str, str, str]] = []  # (tag, attribute, value)
        self.resources: list[str] = []  # what the browser fetches to render the page
        self.ids: set[str] = set()

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        rel = dict(attrs).get("rel") or ""
        for name, value in attrs:
            if value is None:
                continue
            if name == "id":
                self.ids.add(value)
            if name in ("href", "src"):
                self.links.append((tag, name, value))
                # <link rel="canonical"> or "alternate" names an address; it loads nothing.
                if (tag, name) in RESOURCE_TAGS and not (tag == "link" and rel in {"canonical", "alternate"}):
                    self.resources.append(f"<{tag} {name}={value}>")


def parse(path: Path) -> LinkParser:
    parser = LinkParser()
    parser.feed(path.read_text(encoding="utf-8"))
    return parser


def resolve(site: Path, page: Path, link: str) -> tuple[Path, str]:
    parsed = urllib.parse.urlparse(link)
    path = urllib.parse.unquote(parsed.path)
    if path.startswith("/"):
        assert path.startswith(site_prefix()), f"absolute link outside the site: {link}"
        target = (site / path.removeprefix(site_prefix())).resolve()
    else:
        target = (page.parent / path).resolve() if path else page
    if target.is_dir():
        target = target / "index.html"
    return target, parsed.fragment


def test_no_broken_internal_links_or_anchors(built_site: BuiltSite) -> None:
    site = built_site.path.resolve()
    parsed_pages = {p.resolve(): parse(p) for p in site.rglob("*.html")}
    broken = []
    for page, parser in parsed_pages.items():
        for tag, _attr, link in parser.links:
            if re.match(r"^[a-z][a-z0-9+.-]*:", link) or link.startswith("//"):
                continue  # another scheme or origin: checked by the resource test below
            target, fragment = resolve(site, page, link)
            where = f"{page.relative_to(site)}: <{tag}> {link}"
            if not target.is_file():
                broken.append(f"{where} (no {target.relative_to(site) if target.is_relative_to(site) else target})")
            elif fragment and target.suffix == ".html" and fragment not in parsed_pages[target].ids:
                broken.append(f"{where} (no anchor #{fragment})")
    assert not broken, "broken links:\n" + "\n".join(broken)


def test_nothing_is_loaded_from_another_origin(built_site: BuiltSite) -> None:
    offenders = []
    for page in built_site.path.rglob("*.html"):
        for resource in parse(page).resources:
            if re.search(r"=(https?:)?//", resource):
                offenders.append(f"{page.relative_to(built_site.path)}: {resource}")
    css_js = list(built_site.path.rglob("*.css")) + list(built_site.path.rglob("*.js"))
    for asset in css_js:
        for url in re.findall(
            r"url\((['\"]?)(https?://[^)'\"]+)\1\)|@import\s+['\"](https?://[^'\"]+)",
            asset.read_text(),
        ):
            offenders.append(f"{asset.relative_to(built_site.path)}: {url}")
    assert not offenders, "third-party resources:\n" + "\n".join(offenders)


def test_sitemap_lists_every_page(built_site: BuiltSite) -> None:
    sitemap = (built_site.path / "sitemap.xml").read_text()
    catalog = load_catalog(DOCS)
    for pattern in catalog.patterns:
        assert f"/{pattern.url}</loc>" in sitemap, f"sitemap misses {pattern.path}"
    for section in catalog.sections:
        assert f"/{section.slug}/</loc>" in sitemap


def test_404_page_points_readers_somewhere_useful(built_site: BuiltSite) -> None:
    page = (built_site.path / "404.html").read_text()
    assert "Page not found" in page
    assert "quick-reference/" in page and "complexity/" in page
