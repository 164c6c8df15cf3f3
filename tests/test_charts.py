"""Charts of measured comparisons (`[[chart:...]]`, sitegen/charts.py) draw exactly the recorded figures.

The builder's geometry is checked on figures made up for the test (bars proportional to the medians,
whiskers from min to max, an outlier cut at the axis's end); bad markers stop the build with a message
naming the page; and every chart on the built site shows what benchmarks/results/ holds for its
metrics, so a re-measurement changes the picture.
"""

from __future__ import annotations

import html
import re
from pathlib import Path

import markdown
import pytest

from sitegen.charts import CHART, CLIP, PLOT_WIDTH, Bar, Chart, ChartError, figure, parse, svg
from sitegen.markdown_ext import PatternsExtension
from sitegen.measured import format_value
from sitegen.records import BenchmarkResult, MetricResult, all_results
from tests.support.built_pages import page_html
from tests.support.mini_project import edit, make_mini_project
from tests.support.page_sources import pages
from tests.support.site_build import BuiltSite, build_site

# One bar of a chart as sitegen/charts.py writes it: label, bar, optional whisker, printed median.
ROW = re.compile(
    r'<text y="[\d.]+">(?P<label>[^<]*)</text>'
    r'<rect y="[\d.]+" width="(?P<width>[\d.]+)" height="[\d.]+"/>'
    r'(?:<path d="M(?P<low>[\d.]+) [\d.]+v10M[\d.]+ [\d.]+H(?P<high>[\d.]+)(?P<tip>[^"]*)"/>)?'
    r'<text x="[\d.]+" y="[\d.]+">(?P<value>[^<]*)</text>'
)
FIGURE = re.compile(r'<figure class="pap-chart".*?</figure>', re.S)
ALTERNATIVE = re.compile(r"<li>([^<]*)</li>")
# The pages issue 18 names: each must keep a chart of its comparison.
CHARTED = [
    "async/gather.md",
    "performance/generators.md",
    "performance/memory-layout.md",
    "data/pandas-memory.md",
    "data/polars-lazy.md",
    "performance/n-plus-one-sqlalchemy.md",
]
TOLERANCE = 0.06  # coordinates are written to one decimal place


def _bench() -> BenchmarkResult:
    return all_results()["async_gather"]


def _metric(median: float, low: float, high: float, unit: str = "seconds") -> MetricResult:
    return MetricResult(unit=unit, description="made up", median=median, min=low, max=high, repetitions=5)


def _chart(*metrics: MetricResult) -> Chart:
    bars = tuple(Bar(f"made_up.m{i}", f"bar {i}", m, _bench()) for i, m in enumerate(metrics))
    return Chart("[[chart:made up]]", bars)


def _rows(fragment: str) -> list[re.Match[str]]:
    return list(ROW.finditer(fragment))


# --------------------------------------------------------------------------- the builder


def test_bars_are_proportional_to_the_medians_on_an_axis_from_zero() -> None:
    chart = _chart(_metric(0.100, 0.080, 0.120), _metric(0.050, 0.050, 0.050), _metric(0.025, 0.020, 0.030))
    rows = _rows(svg(chart))
    assert len(rows) == 3
    # The axis ends at the highest run (120 ms): a bar of 100 ms is 100/120 of the plot.
    widths = [float(r["width"]) for r in rows]
    assert widths == pytest.approx(
        [PLOT_WIDTH * 100 / 120, PLOT_WIDTH * 50 / 120, PLOT_WIDTH * 25 / 120], abs=TOLERANCE
    )
    assert 'x="' not in svg(chart).split("<rect", 1)[1].split("/>", 1)[0], "a bar must start at zero"
    assert [r["value"] for r in rows] == ["100 ms", "50 ms", "25 ms"]


def test_whiskers_end_at_the_lowest_and_highest_run() -> None:
    chart = _chart(_metric(0.100, 0.080, 0.120), _metric(0.050, 0.050, 0.050), _metric(0.025, 0.020, 0.030))
    first, same, last = _rows(svg(chart))
    assert float(first["low"]) == pytest.approx(PLOT_WIDTH * 80 / 120, abs=TOLERANCE)
    assert float(first["high"]) == pytest.approx(PLOT_WIDTH, abs=TOLERANCE)
    assert float(last["low"]) == pytest.approx(PLOT_WIDTH * 20 / 120, abs=TOLERANCE)
    assert float(last["high"]) == pytest.approx(PLOT_WIDTH * 30 / 120, abs=TOLERANCE)
    assert same["low"] is None, "no whisker where every run measured the same"
    assert "l5 4-5 4" not in svg(chart), "no whisker is cut here"


def test_an_outlier_is_cut_at_the_axis_end_with_an_arrow_and_named_in_the_caption() -> None:
    chart = _chart(_metric(0.030, 0.028, 0.040), _metric(0.005, 0.004, 0.200))
    slow, outlier = _rows(svg(chart))
    axis = CLIP * 0.030  # not 200 ms: the bars would shrink to slivers
    assert float(slow["width"]) == pytest.approx(PLOT_WIDTH * 0.030 / axis, abs=TOLERANCE)
    assert float(outlier["high"]) == pytest.approx(PLOT_WIDTH, abs=TOLERANCE)
    assert outlier["tip"].endswith("l5 4-5 4") and not slow["tip"].endswith("l5 4-5 4")
    assert "max 200 ms" in figure(chart), "the text alternative gives the cut value"


def test_a_tiny_median_stays_visible() -> None:
    rows = _rows(svg(_chart(_metric(100.0, 100.0, 100.0, "bytes"), _metric(0.01, 0.01, 0.01, "bytes"))))
    assert float(rows[1]["width"]) >= 1


def test_text_alternative_lists_every_value_with_min_and_max() -> None:
    chart = _chart(_metric(0.100, 0.080, 0.120), _metric(0.050, 0.040, 0.060))
    fig = figure(chart)
    assert ALTERNATIVE.findall(fig) == [
        "bar 0: 100 ms (min 80 ms, max 120 ms)",
        "bar 1: 50 ms (min 40 ms, max 60 ms)",
    ]
    assert 'role="img"' in fig and f"<title>{html.escape(_bench().title)}</title>" in fig
    assert "viewBox=" in fig and "width=" not in fig.split("<svg", 1)[1].split(">", 1)[0]


def test_a_marker_alone_in_a_paragraph_becomes_the_figure() -> None:
    text = 'Before.\n\n[[chart:async_gather.sequential "in turn",\nasync_gather.gathered]]\n\nAfter.'
    out = markdown.markdown(text, extensions=[PatternsExtension()])
    assert "<p><figure" not in out and '<figure class="pap-chart"' in out
    labels = [html.unescape(r["label"]) for r in _rows(out)]
    gathered = all_results()["async_gather"].metrics["gathered"]
    assert labels == ["in turn", gathered.description]


@pytest.fixture
def mini(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    root = make_mini_project(tmp_path / "project")
    monkeypatch.setenv("SITEGEN_PROJECT", str(root / "mkdocs.yml"))
    return root


def _with_marker(root: Path, marker: str) -> None:
    edit(root / "docs/async/gather.md", "Measured: [[bench:async_gather.speedup]].", f"{marker}\n")


@pytest.mark.parametrize(
    ("marker", "message"),
    [
        (
            "[[chart:async_gather.sequential, async_gather.speedup]]",
            "must share a unit (async_gather.sequential is in seconds, async_gather.speedup is in ratio)",
        ),
        (
            "[[chart:async_gather.sequential, async_gather.nothing]]",
            "'async_gather.nothing' is not in benchmarks/results/",
        ),
        ("[[chart:async_gather.sequential]]", "two or more measured figures"),
        ('[[chart:async_gather.sequential "' + "x" * 60 + '", async_gather.gathered]]', "too long to read at 375 px"),
        ("[[chart:async_gather.sequential; async_gather.gathered]]", "cannot read"),
    ],
    ids=["unit-mismatch", "unknown-metric", "one-metric", "long-label", "bad-syntax"],
)
def test_a_bad_marker_fails_naming_the_page(mini: Path, marker: str, message: str) -> None:
    _with_marker(mini, marker)
    with pytest.raises(ChartError) as caught:
        parse(marker)
    assert str(caught.value).startswith(f"docs/async/gather.md: {marker}: ")
    assert message in str(caught.value)


def test_the_build_fails_on_a_unit_mismatch_naming_the_page(mini: Path) -> None:
    _with_marker(mini, "[[chart:async_gather.gathered,\nasync_gather.speedup]]")
    proc = build_site(mini / "site", mini)
    assert proc.returncode != 0
    assert "docs/async/gather.md: [[chart:async_gather.gathered, async_gather.speedup]]: the metrics" in proc.stderr


# --------------------------------------------------------------------------- the built site


def _markers(page: Path) -> list[str]:
    blocks = re.split(r"\n\s*\n", page.read_text(encoding="utf-8"))
    return [b.strip() for b in blocks if CHART.match(b.strip())]


def test_the_issue_pages_have_charts() -> None:
    charted = {p.relative_to(p.parents[1]).as_posix() for p in pages() if _markers(p)}
    assert set(CHARTED) <= charted, f"no [[chart:...]] on {sorted(set(CHARTED) - charted)}"


def test_every_chart_shows_the_recorded_figures(built_site: BuiltSite) -> None:
    results = all_results()
    seen = 0
    for page in pages():
        markers = _markers(page)
        built = FIGURE.findall(page_html(built_site.path, page))
        assert len(built) == len(markers), f"{page}: {len(markers)} chart markers, {len(built)} charts"
        for marker, fig in zip(markers, built, strict=True):
            seen += 1
            chart = parse(marker)
            metrics = [results[b.ref.rpartition(".")[0]].metrics[b.ref.rpartition(".")[2]] for b in chart.bars]
            rows = _rows(fig)
            assert [html.unescape(r["label"]) for r in rows] == [b.label for b in chart.bars], marker
            # The printed medians, formatted as [[bench:...]] formats them.
            assert [r["value"] for r in rows] == [format_value(m.median, m.unit) for m in metrics], marker
            # One scale for the chart: zero to the highest run, or CLIP times the largest median.
            top = min(max(m.max for m in metrics), CLIP * max(m.median for m in metrics))
            for row, m in zip(rows, metrics, strict=True):
                width = PLOT_WIDTH * min(m.median, top) / top
                assert float(row["width"]) == pytest.approx(max(width, 1.0), abs=TOLERANCE), (marker, m.description)
                if m.max == m.min:
                    assert row["low"] is None, (marker, m.description)
                    continue
                assert float(row["low"]) == pytest.approx(PLOT_WIDTH * m.min / top, abs=TOLERANCE), marker
                assert float(row["high"]) == pytest.approx(PLOT_WIDTH * min(m.max, top) / top, abs=TOLERANCE), marker
                assert row["tip"].endswith("l5 4-5 4") == (m.max > top), (marker, m.description)
            listed = [html.unescape(li) for li in ALTERNATIVE.findall(fig)]
            assert listed == [
                f"{b.label}: {format_value(m.median, m.unit)} (min {format_value(m.min, m.unit)},"
                f" max {format_value(m.max, m.unit)})"
                for b, m in zip(chart.bars, metrics, strict=True)
            ], marker
    assert seen >= len(CHARTED)
