"""A Python-Markdown extension that renders what the site generates from its sources.

- ``[[quick-reference]]``, ``[[complexity-index]]`` and ``[[section-index:<slug>]]`` (alone in a
  paragraph) become tables built from every page's front matter, validated on every build;
- a fenced block that includes a snippet (``--8<-- "async/gather.py"``) gets the file name as its
  title and, under it, the snippet's verification badge, a download link and a report link;
- ``[[bench:<benchmark>.<metric>]]`` becomes a figure read from benchmarks/results.json;
- ``[[seed:<text>]]`` marks a claim quoted from a seed guide (tests check the quote is verbatim).

It uses no MkDocs hook, so that any engine that runs Python-Markdown extensions renders the same.
"""

from __future__ import annotations

import html
import re
import urllib.parse
import xml.etree.ElementTree as etree
from pathlib import Path

from markdown import Extension, Markdown
from markdown.blockprocessors import BlockProcessor
from markdown.inlinepatterns import InlineProcessor
from markdown.postprocessors import Postprocessor
from markdown.preprocessors import Preprocessor
from markdown.util import AtomicString

from .catalog import Catalog, Pattern, current_catalog
from .change_view import Change, change, shown_with
from .charts import ChartBlocks
from .frontmatter import PageError
from .measured import claim_lookup, claim_text, format_value, lookup, provenance, workload_text
from .pages import BLOCK_MARKER, FENCE, FIGURE, INCLUDE, SEED, WORKLOAD
from .project import project
from .records import latest_releases, snippet_record

STAR, EMPTY_STAR = "★", "☆"


def stars(n: int) -> str:
    return STAR * n + EMPTY_STAR * (5 - n)


def _catalog() -> Catalog:
    try:
        return current_catalog(project().docs)
    except PageError as exc:
        # Stop the build: the message names each file and field that is wrong.
        raise PageError(f"invalid page metadata:\n{exc}") from None


# --------------------------------------------------------------------------- tables


def _stars_cell(parent: etree.Element, n: int) -> None:
    cell = etree.SubElement(parent, "td", {"data-sort": str(n)})
    span = etree.SubElement(
        cell,
        "span",
        {
            "class": "pap-stars",
            "title": f"complexity {n} of 5",
            "aria-label": f"complexity {n} of 5",
        },
    )
    span.text = stars(n)


def _link(parent: etree.Element, href: str, text: str) -> etree.Element:
    a = etree.SubElement(parent, "a", {"href": href})
    a.text = AtomicString(text)  # titles such as `__slots__` are text, not Markdown
    return a


def _modules_cell(parent: etree.Element, modules: list[str]) -> None:
    cell = etree.SubElement(parent, "td")
    for i, module in enumerate(modules):
        code = etree.SubElement(cell, "code")
        code.text = AtomicString(module)
        code.tail = ", " if i < len(modules) - 1 else ""


def _pattern_table(patterns: list[Pattern], catalog: Catalog, base: str, with_section: bool) -> etree.Element:
    titles = {s.slug: s.meta.title for s in catalog.sections}
    wrapper = etree.Element("div", {"class": "pap-table", "data-search-exclude": ""})
    table = etree.SubElement(wrapper, "table", {"class": "pap-patterns"})
    head = etree.SubElement(etree.SubElement(table, "thead"), "tr")
    columns = ["Pattern", "Use case", "Modules", "Complexity"]
    if with_section:
        columns.insert(1, "Section")
    for col in columns:
        etree.SubElement(head, "th", {"scope": "col"}).text = col
    body = etree.SubElement(table, "tbody")
    for p in patterns:
        row = etree.SubElement(
            body,
            "tr",
            {
                "data-complexity": str(p.meta.complexity),
                "data-section": p.section,
                "data-modules": " ".join(p.meta.modules),
            },
        )
        _link(etree.SubElement(row, "td"), base + p.path, p.meta.title)
        if with_section:
            _link(etree.SubElement(row, "td"), f"{base}{p.section}/index.md", titles[p.section])
        etree.SubElement(row, "td").text = AtomicString(p.meta.use_case)
        _modules_cell(row, p.meta.modules)
        _stars_cell(row, p.meta.complexity)
    return wrapper


class GeneratedBlocks(BlockProcessor):
    RE = BLOCK_MARKER

    def test(self, parent: etree.Element, block: str) -> bool:
        return bool(self.RE.match(block.strip()))

    def run(self, parent: etree.Element, blocks: list[str]) -> None:
        m = self.RE.match(blocks.pop(0).strip())
        assert m is not None
        catalog = _catalog()
        if m.group(1) == "quick-reference":
            parent.append(_pattern_table(list(catalog.patterns), catalog, "", with_section=True))
        elif m.group(1) == "complexity-index":
            self._complexity_index(parent, catalog)
        elif m.group(1) == "sections":
            self._sections(parent, catalog)
        else:
            slug = m.group(2)
            section = next((s for s in catalog.sections if s.slug == slug), None)
            if section is None:
                raise PageError(f"[[section-index:{slug}]]: there is no section '{slug}' in docs/")
            parent.append(_pattern_table(list(section.patterns), catalog, "../", with_section=False))

    @staticmethod
    def _sections(parent: etree.Element, catalog: Catalog) -> None:
        table = etree.SubElement(etree.SubElement(parent, "div", {"data-search-exclude": ""}), "table")
        head = etree.SubElement(etree.SubElement(table, "thead"), "tr")
        for col in ("Section", "What it covers", "Patterns"):
            etree.SubElement(head, "th", {"scope": "col"}).text = col
        body = etree.SubElement(table, "tbody")
        for section in catalog.sections:
            row = etree.SubElement(body, "tr")
            _link(etree.SubElement(row, "td"), section.path, section.meta.title)
            etree.SubElement(row, "td").text = AtomicString(section.meta.summary)
            etree.SubElement(row, "td").text = str(len(section.patterns))

    @staticmethod
    def _complexity_index(parent: etree.Element, catalog: Catalog) -> None:
        for level in range(1, 6):
            patterns = [p for p in catalog.patterns if p.meta.complexity == level]
            if not patterns:
                continue
            h2 = etree.SubElement(parent, "h2", {"id": f"complexity-{level}"})
            h2.text = f"{stars(level)} Complexity {level}"
            parent.append(_pattern_table(patterns, catalog, "", with_section=True))


# --------------------------------------------------------------------------- snippets


def version_span(versions: list[str], among: list[str]) -> str:
    """A tab's label: "3.12"; "3.11–3.13" for versions next to each other in `among` (every version
    verified); otherwise a list, "3.11, 3.13", so that no label names a version it does not hold."""

    def n(v: str) -> tuple[int, ...]:
        return tuple(int(p) for p in v.split("."))

    order = sorted(among, key=n)
    chosen = sorted(versions, key=n)
    places = [order.index(v) for v in chosen]
    if len(chosen) > 1 and places == list(range(places[0], places[0] + len(chosen))):
        return f"{chosen[0]}–{chosen[-1]}"
    return ", ".join(chosen)


def covered_versions(key: str, versions: list[str]) -> list[str]:
    """A note's key is one version ("3.11") or a range ("3.11-3.13")."""

    def n(v: str) -> tuple[int, ...]:
        return tuple(int(p) for p in v.split("."))

    first, _, last = key.partition("-")
    return [v for v in versions if n(first) <= n(v) <= n(last or first)]


def _version_notes(rel: str) -> dict[str, str]:
    """The notes the snippet's page gives for versions that print something else."""
    section, page, name = rel.split("/")
    try:
        pattern = _catalog().pattern(f"{section}/{page}.md")
    except KeyError:
        return {}
    return pattern.meta.version_notes.get(name, {})


def newest_releases_note(rel: str, digest: str, pinned: dict[str, str]) -> str:
    """ " · also passes with the newest releases …" when `make test-latest` ran this very code and it passed."""
    latest = latest_releases()
    run = latest.snippets.get(rel) if latest else None
    if latest is None or run is None or not run.passed or run.sha256 != digest:
        return ""
    newer = ", ".join(f"{n} {v}" for n, v in run.packages.items() if pinned.get(n) != v)
    if not newer:
        return f" · the newest releases pass too (checked {latest.checked_on})"
    return f" · also passes with {newer} (the newest releases, checked {latest.checked_on})"


def _source_attr(source: str | None) -> str:
    """A pitfall's text for a raw-HTML attribute, newlines included (a character reference each)."""
    if source is None:
        return ""
    escaped = html.escape(source, quote=True).replace("\n", "&#10;")
    return f' data-source="{escaped}"'


class SnippetDecorator(Preprocessor):
    """Runs before pymdownx.snippets: titles snippet fences and adds the badge line under them."""

    def __init__(self, md: Markdown, config: dict[str, str]) -> None:
        super().__init__(md)
        self.repo_url = config["repo_url"].rstrip("/")

    def run(self, lines: list[str]) -> list[str]:
        out: list[str] = []
        i = 0
        while i < len(lines):
            m = FENCE.match(lines[i])
            inc = INCLUDE.match(lines[i + 1]) if m and m.group("lang") and i + 2 < len(lines) else None
            if m and inc and lines[i + 2].strip() == m.group("fence"):
                target = inc.group("target")
                file_part, _, section = target.partition(":")
                name = Path(file_part).name
                attrs = m.group("attrs")
                if "title=" not in attrs:
                    label = name if not section else f"{name} (excerpt)"
                    attrs = f'{attrs} title="{label}"'
                # Code stays out of the search index (prose, titles and tags name the APIs; every
                # page's `import asyncio` would only blur the ranking), which also halves the
                # index and the time the build spends writing it.
                changes = self._changes(file_part, lines) if file_part.endswith(".py") and not section else []
                if changes:
                    attrs = f'{attrs} hl_lines="{changes[0].hl_lines}"'
                    out.extend([*self._change_line(file_part, changes, m.group("indent")), ""])
                header = f"{{.{m.group('lang')} {attrs.strip()} data-search-exclude}}"
                out.append(f"{m.group('indent')}{m.group('fence')}{header}")
                out.extend(lines[i + 1 : i + 3])
                if file_part.endswith(".py"):
                    out.extend(["", *self._badge(file_part, bool(section), m.group("indent")), ""])
                    if not section:
                        out.extend(self._output(file_part, m.group("indent"), m.group("fence")))
                i += 3
                continue
            out.append(lines[i])
            i += 1
        return out

    @staticmethod
    def _changes(rel: str, page_lines: list[str]) -> list[Change]:
        """For a right-way snippet that fixes pitfalls (front matter `fixes`), what it changes from each."""
        section, page, name = rel.split("/")
        try:
            proofs = _catalog().pattern(f"{section}/{page}.md").meta.proofs
        except KeyError:
            return []
        pitfalls = [p for file, proof in proofs.items() for p in proof.fixes if shown_with(file, proof.run, p) == name]
        snippets = project().snippets
        changes = []
        for pitfall in pitfalls:
            other = f"{section}/{page}/{pitfall}"
            old, new = ((snippets / f).read_text(encoding="utf-8") for f in (other, rel))
            # The diff view is drawn from the pitfall's block on the page; a pitfall shown only in
            # excerpts gives its whole text to the button instead.
            whole = any((inc := INCLUDE.match(line)) and inc.group("target") == other for line in page_lines)
            changes.append(change(pitfall, old, new, source=None if whole else old))
        return changes

    @staticmethod
    def _change_line(rel: str, changes: list[Change], indent: str) -> list[str]:
        """The line above a right-way block: what its highlight means, and a diff button per pitfall.
        change-view.js draws the diff from the two blocks on the page and the hunks given here."""
        folder = rel.rsplit("/", 1)[0]
        first = changes[0].pitfall

        def button(c: Change) -> str:
            text = "Show as a diff" if len(changes) == 1 else f"Diff with {c.pitfall}"
            return (
                f'<button type="button" class="pap-diff-toggle" aria-pressed="false" data-from="{folder}/{c.pitfall}"'
                f' data-hunks="{c.encoded}"{_source_attr(c.source)}>{text}</button>'
            )

        buttons = " ".join(button(c) for c in changes)
        return [
            f"{indent}Highlighted: the lines that differ from the pitfall `{first}`. {buttons}",
            f"{indent}{{ .pap-change data-search-exclude }}",
        ]

    @staticmethod
    def _output(rel: str, indent: str, fence: str) -> list[str]:
        """What the snippet printed when the tests ran it as a script, as an output block: the newest
        Python's output, and a tab for each group of versions that printed something else, with the
        page's note on why (front matter `version_notes`)."""
        record = snippet_record(rel)
        newest = record.newest().stdout if record else None
        if record is None or not newest or not newest.strip():
            return []
        name = Path(rel).name
        groups: dict[str, list[str]] = {}
        for version, run in reversed(record.runs.items()):  # newest first
            groups.setdefault(run.stdout or "", []).append(version)

        def block(stdout: str, title: str, pad: str) -> list[str]:
            # Output and badges stay out of the search index: "True" or "fastapi 0.163" would match
            # every page, and indexing them would only slow the build.
            lines = [line.rstrip() for line in stdout.splitlines()]
            header = f'{fence}{{.text title="{title}" data-search-exclude}}'
            return [f"{pad}{header}", *(f"{pad}{line}" for line in lines), f"{pad}{fence}", ""]

        if len(groups) == 1:
            return block(newest, f"Output of python {name}", indent)
        notes = _version_notes(rel)
        # The `#>` comments in the code come from the suite's own interpreter, the oldest version.
        oldest = next(iter(record.runs.values())).python
        out: list[str] = [
            f"{indent}The `#>` comments in the code show what Python {oldest} printed; the tabs show"
            " what each version prints.",
            f"{indent}{{ .pap-versions-note data-search-exclude }}",
            "",
        ]
        for i, (stdout, versions) in enumerate(groups.items()):
            label = version_span(versions, list(record.runs))
            title = f"Output of python {name}" if i == 0 else f"Output of python {name} on Python {label}"
            out += [f'{indent}=== "Python {label}"', ""]
            out += block(stdout, title, indent + "    ")
            for key, note in notes.items():
                if i and set(covered_versions(key, list(record.runs))) & set(versions):
                    out += [f'{indent}    !!! note "On Python {key}"', "", f"{indent}        {note}", ""]
        return out

    def _badge(self, rel: str, excerpt: bool, indent: str) -> list[str]:
        path = project().snippets / rel
        if not path.is_file():
            raise PageError(f'--8<-- "{rel}": no such snippet (looked for {path})')
        record = snippet_record(rel)
        if record is None:
            raise PageError(f"snippets/{rel}: no verification record; run `make verify SNIPPET=snippets/{rel}`")
        newest = record.newest()
        pythons = " · ".join(run.python for run in record.runs.values())
        versions = ", ".join(f"{k} {v}" for k, v in newest.packages.items())
        env = f"Python {pythons}" + (f", {versions}" if versions else "")
        also = newest_releases_note(rel, record.sha256, newest.packages)
        body = urllib.parse.urlencode(
            {
                "title": f"Problem with snippets/{rel}",
                "body": f"Snippet: snippets/{rel}\nVerified with: {env} on {record.verified_on}\n\n"
                "What happened (command, Python and library versions, full output):\n",
            }
        )
        download = f"Download the whole file {Path(rel).name}" if excerpt else f"Download {Path(rel).name}"
        # A Markdown paragraph with a class (attr_list), not a raw HTML block: raw HTML is only
        # recognised at the left margin, so under a fence indented in a content tab or an
        # admonition a <div> would end up inside a <p> and apart from its code block.
        return [
            f'{indent}<span class="pap-verified" title="Run, linted and output-checked by the test suite">'
            f"✔ Verified</span> on {env} on {record.verified_on}{also} · "
            f'[{download}](../downloads/{rel}){{ download="{Path(rel).name}" }} · '
            f'[Report a problem]({self.repo_url}/issues/new?{body}){{ rel="noopener" }}',
            f"{indent}{{ .pap-snippet-meta data-search-exclude }}",
        ]


# --------------------------------------------------------------------------- inline figures


class MeasuredFigure(InlineProcessor):
    """A figure with its provenance, which opens on click, tap or keyboard (a disclosure button).

    `[[bench:b.m]]` shows the median; `[[claim:b.m]]` shows the claim the suite checks on that
    metric, at the strength it checks it ("at least 2.5× (measured 2.9×)").
    """

    count = 0

    def handleMatch(self, m: re.Match[str], data: str) -> tuple[etree.Element, int, int]:  # type: ignore[override]
        kind, ref = m.group(1), m.group(2)
        rows: list[tuple[str, str]] = []
        if kind == "claim":
            bench, metric, claim = claim_lookup(ref)
            text = claim_text(claim, metric)
            rows.append(("Claim", f"{claim_text(claim, metric)}: checked on the median by the suite ({claim.why})"))
        else:
            bench, metric = lookup(ref)
            text = format_value(metric.median, metric.unit)
        MeasuredFigure.count += 1
        panel_id = f"pap-figure-{MeasuredFigure.count}"
        wrapper = etree.Element("span", {"class": "pap-figure"})
        button = etree.SubElement(
            wrapper,
            "button",
            {
                "type": "button",
                "class": "pap-measured",
                "aria-expanded": "false",
                "aria-controls": panel_id,
                "title": "Measured: how, on what and when",
            },
        )
        button.text = text
        panel = etree.SubElement(
            wrapper, "span", {"class": "pap-provenance", "id": panel_id, "role": "note", "hidden": "hidden"}
        )
        for label, value in [*rows, *provenance(bench, metric)]:
            row = etree.SubElement(panel, "span", {"class": "pap-provenance-row"})
            etree.SubElement(row, "strong").text = AtomicString(f"{label}: ")
            code = label == "Re-measure"
            cell = etree.SubElement(row, "code" if code else "span")
            cell.text = AtomicString(value)
        return wrapper, m.start(0), m.end(0)


class WorkloadValue(InlineProcessor):
    """A benchmark's workload parameter, from its recorded result: prose about the workload stays true."""

    def handleMatch(self, m: re.Match[str], data: str) -> tuple[etree.Element, int, int]:  # type: ignore[override]
        el = etree.Element("span", {"class": "pap-workload", "title": f"benchmark workload: {m.group(1)}"})
        el.text = AtomicString(workload_text(m.group(1), m.group(2)))
        return el, m.start(0), m.end(0)


class SeedClaim(InlineProcessor):
    def handleMatch(self, m: re.Match[str], data: str) -> tuple[etree.Element, int, int]:  # type: ignore[override]
        el = etree.Element("q", {"class": "pap-seed-claim", "title": "claimed by the seed guide, not measured"})
        el.text = AtomicString(m.group(1))  # quoted verbatim: `__slots__` is not bold
        return el, m.start(0), m.end(0)


# Pygments wraps every plain name of highlighted code in <span class="n">, which Material colours
# with --md-code-hl-name-color: the code's own foreground colour, in both palettes. The span changes
# nothing a reader sees or copies, and makes up about a tenth of a pattern page's gzipped HTML.
NAME_SPAN = re.compile(r'<span class="n">([^<]*)</span>')


class PlainNames(Postprocessor):
    def run(self, text: str) -> str:
        return NAME_SPAN.sub(r"\1", text)


class PatternsExtension(Extension):
    def __init__(self, **kwargs: object) -> None:
        self.config = {"repo_url": ["https://github.com/python-advanced-patterns/site", "for report links"]}
        super().__init__(**kwargs)

    def extendMarkdown(self, md: Markdown) -> None:
        md.preprocessors.register(SnippetDecorator(md, self.getConfigs()), "pap_snippets", 33)
        md.parser.blockprocessors.register(GeneratedBlocks(md.parser), "pap_generated", 95)
        md.parser.blockprocessors.register(ChartBlocks(md.parser), "pap_chart", 94)
        md.inlinePatterns.register(MeasuredFigure(FIGURE.pattern, md), "pap_bench", 180)
        md.inlinePatterns.register(SeedClaim(SEED.pattern, md), "pap_seed", 181)
        md.inlinePatterns.register(WorkloadValue(WORKLOAD.pattern, md), "pap_workload", 182)
        # After the raw-HTML postprocessor (30) has put the highlighted code blocks back in.
        md.postprocessors.register(PlainNames(md), "pap_plain_names", 5)


def makeExtension(**kwargs: object) -> PatternsExtension:
    return PatternsExtension(**kwargs)
