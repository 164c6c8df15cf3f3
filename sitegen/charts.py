"""Measured comparisons as pictures: ``[[chart:<benchmark>.<metric>, ...]]`` becomes an inline SVG bar chart.

A block marker alone in a paragraph lists two or more measured figures of one unit, each optionally
followed by a short label in double quotes (otherwise the metric's own description labels its bar)::

    [[chart:async_gather.sequential "one after another", async_gather.gathered "asyncio.gather()"]]

The marker may wrap over several lines. The chart is built from benchmarks/results/ on every build, so
`make bench` redraws it: one horizontal bar per metric at its median, on an axis that starts at zero,
a line across each bar from the lowest to the highest recorded run, and the median printed at the
bar's end exactly as ``[[bench:...]]`` prints it. Colours are Material's CSS variables (patterns.css,
"measured charts"), so both palettes read it; a viewBox and ``width: 100%`` scale it to the content
width. The SVG is ``role="img"`` with a ``<title>``, and the figure's caption holds a text alternative
listing every value with its min and max (visually hidden) under a short visible note.

A metric that is not measured, metrics of different units, or a label too long to stay legible at
375 px stop the build with a message naming the page and the marker.
"""

from __future__ import annotations

import html
import re
import xml.etree.ElementTree as etree
from dataclasses import dataclass

from markdown.blockprocessors import BlockProcessor

from .frontmatter import PageError
from .measured import MissingMeasurement, format_value, lookup
from .project import project
from .records import BenchmarkResult, MetricResult

CHART = re.compile(r"^\[\[chart:(?P<items>[^\[\]]+)\]\]$", re.S)
# One entry: "<benchmark>.<metric>", optionally followed by "a short label", then a comma or the end.
ITEM = re.compile(r'\s*(?P<ref>[\w-]+\.[\w-]+)(?:\s+"(?P<label>[^"]+)")?\s*(?:,|$)')

# Geometry, in SVG user units. The chart is WIDTH units wide and scales to the content width (capped
# by patterns.css), so a 14-unit font is about 13 px on a 375 px phone and 16 px on a desktop.
WIDTH = 360
FONT = 14
PLOT_WIDTH = 278  # zero to the largest extent; the rest holds the value printed after the bar
ROW = 46  # a label line above each bar, then the bar
BAR = 14
LABEL_BASELINE = 14  # within a row
BAR_TOP = 20  # within a row
GAP = 6  # between a bar's (or its whisker's) end and its value
MIN_BAR = 1.0  # a non-zero median stays visible, however small beside the others
# A whisker longer than this many times the largest median (one slow outlier run) is cut at the
# axis's end and drawn with an arrowhead, so the bars stay readable; the caption gives its value.
CLIP = 1.5
# Labels sit above their bars across the whole width: about 0.52 em a character on average.
MAX_LABEL = int(WIDTH / (FONT * 0.52))  # 49 characters


class ChartError(PageError):
    """A chart marker that cannot be drawn; the message names the page and the marker."""


@dataclass(frozen=True)
class Bar:
    ref: str
    label: str
    metric: MetricResult
    bench: BenchmarkResult


@dataclass(frozen=True)
class Chart:
    marker: str
    bars: tuple[Bar, ...]

    @property
    def unit(self) -> str:
        return self.bars[0].metric.unit

    @property
    def title(self) -> str:
        titles = dict.fromkeys(b.bench.title for b in self.bars)
        return "; ".join(titles)

    @property
    def axis_max(self) -> float:
        """Where the plot ends: the highest run, unless one outlier would squash every bar."""
        highest = max(b.metric.max for b in self.bars)
        ceiling = CLIP * max(b.metric.median for b in self.bars)
        return min(highest, ceiling) if ceiling > 0 else highest


def pages_with(marker: str) -> list[str]:
    """The pages whose source holds this marker (whitespace aside), relative to the project: a
    Markdown extension is not told which page it renders, so an error finds its page this way."""
    proj = project()
    flat = " ".join(marker.split())
    found = []
    for page in sorted(proj.docs.rglob("*.md")):
        if flat in " ".join(page.read_text(encoding="utf-8").split()):
            found.append(page.relative_to(proj.root).as_posix())
    return found


def fail(marker: str, problem: str) -> ChartError:
    where = ", ".join(pages_with(marker)) or f"a page in {project().docs.name}/"
    return ChartError(f"{where}: {' '.join(marker.split())}: {problem}")


def parse(marker: str) -> Chart:
    """Read a marker (the whole ``[[chart:...]]`` text) against benchmarks/results/."""
    m = CHART.match(marker.strip())
    if m is None:
        raise fail(marker, 'not a chart marker: write [[chart:<benchmark>.<metric> "label", ...]]')
    items, pos, bars = m.group("items"), 0, []
    while pos < len(items):
        item = ITEM.match(items, pos)
        if item is None or item.end() == pos:
            raise fail(marker, f'cannot read {items[pos:].strip()!r}: expected <benchmark>.<metric> "label"')
        pos = item.end()
        ref = item.group("ref")
        try:
            bench, metric = lookup(ref)
        except MissingMeasurement as exc:
            raise fail(marker, str(exc)) from None
        label = " ".join((item.group("label") or metric.description).split())
        if len(label) > MAX_LABEL:
            raise fail(
                marker,
                f"the label of {ref} ({label!r}) is {len(label)} characters, too long to read at 375 px"
                f' (at most {MAX_LABEL}): write a short one after it, {ref} "short label"',
            )
        bars.append(Bar(ref, label, metric, bench))
    if len(bars) < 2:
        raise fail(marker, "a chart compares two or more measured figures")
    units = {b.metric.unit for b in bars}
    if len(units) > 1:
        listed = ", ".join(f"{b.ref} is in {b.metric.unit}" for b in bars)
        raise fail(marker, f"the metrics of one chart must share a unit ({listed})")
    return Chart(marker, tuple(bars))


def _n(x: float) -> str:
    """A coordinate: one decimal place, no trailing zero."""
    text = f"{x:.1f}"
    return text[:-2] if text.endswith(".0") else text


def scale(chart: Chart, value: float) -> float:
    top = chart.axis_max
    return min(value, top) / top * PLOT_WIDTH if top > 0 else 0.0


def value_text(bar: Bar) -> str:
    m = bar.metric
    return f"{format_value(m.median, m.unit)} (min {format_value(m.min, m.unit)}, max {format_value(m.max, m.unit)})"


def text_alternative(chart: Chart) -> list[str]:
    """One line a bar: what the picture shows, in words."""
    return [f"{bar.label}: {value_text(bar)}" for bar in chart.bars]


def note(chart: Chart) -> str:
    runs = sorted({b.metric.repetitions for b in chart.bars})
    count = f"{runs[0]}" if len(runs) == 1 else f"{runs[0]}–{runs[-1]}"
    if all(b.metric.min == b.metric.max for b in chart.bars):
        return f"Median of {count} runs; every run measured the same."
    clipped = (
        " (an arrow: the highest run is off the scale)"
        if any(b.metric.max > chart.axis_max for b in chart.bars)
        else ""
    )
    return f"Bars: median of {count} runs; lines: lowest to highest run{clipped}."


def svg(chart: Chart) -> str:
    e = html.escape
    height = ROW * len(chart.bars) + 4
    parts = [
        f'<svg viewBox="0 0 {WIDTH} {height}" role="img" font-size="{FONT}">',
        f"<title>{e(chart.title)}</title>",
    ]
    axis = []
    for i, bar in enumerate(chart.bars):
        top = i * ROW
        m = bar.metric
        width = scale(chart, m.median)
        if m.median > 0:
            width = max(width, MIN_BAR)
        mid = top + BAR_TOP + BAR / 2
        parts.append(f'<text y="{top + LABEL_BASELINE}">{e(bar.label)}</text>')
        parts.append(f'<rect y="{top + BAR_TOP}" width="{_n(width)}" height="{BAR}"/>')
        end = width
        if m.max > m.min:
            low, high = scale(chart, m.min), scale(chart, m.max)
            tip = (
                f"M{_n(high - 5)} {_n(mid - 4)}l5 4-5 4" if m.max > chart.axis_max else f"M{_n(high)} {_n(mid - 5)}v10"
            )
            parts.append(f'<path d="M{_n(low)} {_n(mid - 5)}v10M{_n(low)} {_n(mid)}H{_n(high)}{tip}"/>')
            end = max(end, high)
        parts.append(f'<text x="{_n(end + GAP)}" y="{_n(mid + 5)}">{e(format_value(m.median, m.unit))}</text>')
        axis.append(f"M.5 {top + BAR_TOP - 3}v{BAR + 6}")
    parts.append(f'<path d="{"".join(axis)}"/>')
    parts.append("</svg>")
    return "".join(parts)


def figure(chart: Chart) -> str:
    items = "".join(f"<li>{html.escape(line)}</li>" for line in text_alternative(chart))
    return (
        f'<figure class="pap-chart" data-search-exclude>{svg(chart)}'
        f'<figcaption>{html.escape(note(chart))}<ul class="pap-sr">{items}</ul></figcaption></figure>'
    )


def chart_text(marker: str) -> str:
    """The chart in words, for plain-text renderings of a page (llms-full.txt)."""
    chart = parse(marker)
    return "\n".join(f"- {line}" for line in text_alternative(chart))


class ChartBlocks(BlockProcessor):
    """``[[chart:...]]`` alone in a paragraph: the figure, stored as raw HTML (no serializer padding)."""

    def test(self, parent: etree.Element, block: str) -> bool:
        return bool(CHART.match(block.strip()))

    def run(self, parent: etree.Element, blocks: list[str]) -> None:
        marker = blocks.pop(0).strip()
        placeholder = self.parser.md.htmlStash.store(figure(parse(marker)))
        etree.SubElement(parent, "p").text = placeholder
