"""The archive's report: one self-contained HTML page of charts and their data.

``dbp-archive report`` writes it to a file that opens from disk with no network; ``dbp-archive
serve`` answers the same page at ``/-/dbp/report`` (``scraper/archive/datasette_plugin.py``).
Sections: articles per week by section; attention over time for the given queries (the
ratios of ``dbp-archive trends`` by month, the counts in the table); top authors per year; the
label history of each section; edits per week and the most-edited articles (with the word
diff of the most edited one); crawl health over the runs (fill rates, requests, refusals);
the most-linked articles (in-degree of the related-news links).

Charts are drawn by matplotlib as SVG and put inline: no script, no font, no image, no
stylesheet from anywhere. Each chart's ``<svg>`` has an ``id``, a ``data-marks="N"``
attribute and N elements of class ``mark`` (one ``<g>`` per bar, per line or per label span;
a bar of zero is not drawn): what ``tests/test_browser.py`` counts. matplotlib's own element
ids are prefixed with the chart's id, so the page's ids are unique. A chart is drawn only
when it has a mark; otherwise its section says why there is none. Beside every chart, its
data: a ``<details>`` table and a ``data:`` CSV link (offline too).

The only ``http(s)://`` text of the page: the archived articles' URLs on the paper's site, in
``<a href>`` links and tables. Nothing is loaded from them.

Periods are the ``+07:00`` calendar periods of ``scraper.archive.trends`` (ISO weeks); edit
times (``captured_at``, UTC) are counted on their ``+07:00`` day too.
"""

from __future__ import annotations

import csv
import html
import io
import re
import sqlite3
import urllib.parse
from dataclasses import dataclass, field
from datetime import UTC, date, datetime
from types import SimpleNamespace
from typing import Any, Final, cast

from scraper.archive import Archive
from scraper.archive.report_data import (
    TOP_AUTHORS,
    article_span,
    edits_per_week,
    most_edited,
    most_linked,
    runs_health,
    top_authors,
    weekly_sections,
)
from scraper.archive.sections import section_history
from scraper.archive.trends import trends

AUTHOR_YEARS: Final = 6  # the latest years shown as small multiples
CHART_LINKED: Final = 10
FILL_FIELDS: Final = ("title", "lead", "body", "published_at", "authors")
COLORS: Final = (
    "#4c78a8", "#f58518", "#54a24b", "#e45756", "#72b7b2", "#eeca3b",
    "#b279a2", "#ff9da6", "#9d755d", "#bab0ac",
)  # fmt: skip
CSS: Final = """
body{font:15px/1.45 system-ui,sans-serif;margin:1.5em auto;max-width:1100px;padding:0 1em;
color:#222}
h1{font-size:1.6em}h2{margin-top:2em;border-bottom:1px solid #ddd}
figure{margin:1em 0}svg{max-width:100%;height:auto}
table{border-collapse:collapse;font-size:.9em;margin:.5em 0}
th,td{border:1px solid #ddd;padding:2px 6px;text-align:left}td.n{text-align:right}
details{margin:.3em 0 1em}summary{cursor:pointer;color:#335}
p.note{color:#555}nav a{margin-right:1em}
"""


# --- data ---------------------------------------------------------------------------------


@dataclass(kw_only=True, slots=True)
class Chart:
    """One chart's data: an id, a title, table columns and rows (the chart is drawn from them)."""

    chart_id: str
    title: str
    columns: list[str]
    rows: list[list[Any]] = field(default_factory=list)


def _iso_day(value: str) -> date:
    return date.fromisoformat(value)


# --- drawing ------------------------------------------------------------------------------


def _figure(width: float, height: float) -> Any:
    from matplotlib.figure import Figure

    return Figure(figsize=(width, height), layout="constrained")


def svg_of(fig: Any, chart_id: str, marks: int) -> str:
    """Return ``fig`` as an inline ``<svg>`` with ``id``, ``data-marks`` and class ``mark``
    on every artist whose gid is ``mark-N``; matplotlib's ids prefixed with ``chart_id``."""
    import matplotlib

    out = io.StringIO()
    with matplotlib.rc_context({"svg.fonttype": "none", "svg.hashsalt": chart_id}):
        fig.savefig(out, format="svg", metadata={"Date": None, "Creator": None, "Format": None})
    text = out.getvalue()
    text = text[text.index("<svg") :]
    text = re.sub(r"<metadata>.*?</metadata>\s*", "", text, flags=re.S)
    text = re.sub(r'\s+xmlns(:xlink)?="[^"]*"', "", text, count=2)
    text = re.sub(r'\bid="([^"]+)"', rf'id="{chart_id}-\1"', text)
    text = re.sub(r"url\(#([^)]+)\)", rf"url(#{chart_id}-\1)", text)
    text = re.sub(r'href="#([^"]+)"', rf'href="#{chart_id}-\1"', text)
    text = re.sub(rf'<g id="({chart_id}-mark-\d+)"', r'<g id="\1" class="mark"', text)
    found = text.count('class="mark"')
    if found != marks:  # a drawing bug, never the data's fault
        raise AssertionError(f"chart {chart_id}: {found} marks drawn, {marks} expected")
    return text.replace(
        "<svg", f'<svg id="{chart_id}" data-marks="{marks}" role="img" class="chart"', 1
    )


def _ticks(ax: Any, labels: list[str], most: int = 14) -> None:
    """Label at most ``most`` evenly spaced x positions with ``labels``."""
    step = max(1, -(-len(labels) // most))
    ax.set_xticks(range(0, len(labels), step))
    ax.set_xticklabels(labels[::step], rotation=45, ha="right", fontsize=8)


def draw_stacked(
    chart_id: str, periods: list[str], series: dict[str, list[int]], ylabel: str = "articles"
) -> str:
    """Return stacked bars per period, one colour per series; zero bars are not drawn."""
    fig = _figure(11, 4)
    ax = fig.add_subplot()
    bottom = [0] * len(periods)
    marks = 0
    for k, (name, values) in enumerate(series.items()):
        xs = [i for i, v in enumerate(values) if v]
        bars = ax.bar(
            xs,
            [values[i] for i in xs],
            bottom=[bottom[i] for i in xs],
            width=0.85,
            color=COLORS[k % len(COLORS)],
            label=name if xs else f"_{name}",  # a series with no bar has no legend entry
        )
        for bar in bars:
            bar.set_gid(f"mark-{marks}")
            marks += 1
        bottom = [b + v for b, v in zip(bottom, values, strict=True)]
    ax.set_xlim(-0.6, len(periods) - 0.4)
    _ticks(ax, periods)
    ax.set_ylabel(ylabel)
    ax.legend(fontsize=8, ncols=min(len(series), 5), loc="upper left")
    return svg_of(fig, chart_id, marks)


def draw_bars(chart_id: str, labels: list[str], values: list[int], ylabel: str) -> str:
    """Return vertical bars (zero bars not drawn)."""
    fig = _figure(11, 3)
    ax = fig.add_subplot()
    xs = [i for i, v in enumerate(values) if v]
    bars = ax.bar(xs, [values[i] for i in xs], width=0.85, color=COLORS[0])
    for n, bar in enumerate(bars):
        bar.set_gid(f"mark-{n}")
    ax.set_xlim(-0.6, len(labels) - 0.4)
    _ticks(ax, labels)
    ax.set_ylabel(ylabel)
    return svg_of(fig, chart_id, len(bars))


def draw_lines(
    chart_id: str, xs: list[str], lines: dict[str, list[float]], ylabel: str, percent: bool
) -> str:
    """Return one line (with point markers) per series."""
    fig = _figure(11, 3.5)
    ax = fig.add_subplot()
    for k, (name, values) in enumerate(lines.items()):
        (line,) = ax.plot(
            range(len(xs)),
            [100 * v for v in values] if percent else values,
            marker="o",
            markersize=3,
            color=COLORS[k % len(COLORS)],
            label=name,
        )
        line.set_gid(f"mark-{k}")
    _ticks(ax, xs)
    ax.set_ylabel(ylabel)
    ax.set_ylim(bottom=0)
    ax.legend(fontsize=8, loc="upper left")
    return svg_of(fig, chart_id, len(lines))


def draw_hbars(chart_id: str, labels: list[str], values: list[int], xlabel: str) -> str:
    """Return horizontal bars, the first label on top."""
    fig = _figure(11, 0.6 + 0.3 * len(labels))
    ax = fig.add_subplot()
    bars = ax.barh(range(len(labels)), values, color=COLORS[0])
    for n, bar in enumerate(bars):
        bar.set_gid(f"mark-{n}")
    ax.set_yticks(range(len(labels)))
    ax.set_yticklabels([label[:70] for label in labels], fontsize=8)
    ax.invert_yaxis()
    ax.set_xlabel(xlabel)
    return svg_of(fig, chart_id, len(bars))


def draw_author_years(chart_id: str, years: dict[str, list[tuple[str, int]]]) -> str:
    """Return one small panel of horizontal bars per year (the latest years)."""
    shown = sorted(years)[-AUTHOR_YEARS:]
    fig = _figure(11, 0.9 + 0.28 * TOP_AUTHORS * -(-len(shown) // 3))
    axes = fig.subplots(-(-len(shown) // 3), min(3, len(shown)), squeeze=False).ravel()
    marks = 0
    for ax, year in zip(axes, shown, strict=False):
        names = [name for name, _ in years[year]]
        bars = ax.barh(range(len(names)), [n for _, n in years[year]], color=COLORS[1])
        for bar in bars:
            bar.set_gid(f"mark-{marks}")
            marks += 1
        ax.set_yticks(range(len(names)))
        ax.set_yticklabels(names, fontsize=8)
        ax.invert_yaxis()
        ax.set_title(year, fontsize=9)
    for ax in axes[len(shown) :]:
        ax.set_visible(False)
    return svg_of(fig, chart_id, marks)


def draw_spans(chart_id: str, spans: list[tuple[str, date, date]]) -> str:
    """Return one horizontal span per (name, first day, last day), a day wide at least."""
    from matplotlib.dates import date2num

    fig = _figure(11, 0.8 + 0.32 * len(spans))
    ax = fig.add_subplot()
    for n, (_, first, last) in enumerate(spans):
        start = date2num(first)
        bars = ax.barh([n], [max(1.0, date2num(last) - start + 1)], left=[start], color=COLORS[2])
        bars[0].set_gid(f"mark-{n}")
    ax.set_yticks(range(len(spans)))
    ax.set_yticklabels([name for name, _, _ in spans], fontsize=8)
    ax.invert_yaxis()
    ax.xaxis_date()
    return svg_of(fig, chart_id, len(spans))


# --- HTML ---------------------------------------------------------------------------------


def _cell(value: Any) -> str:
    if isinstance(value, Link):
        return f'<td><a href="{html.escape(value.url)}">{html.escape(value.text)}</a></td>'
    if isinstance(value, int | float):
        return (
            f'<td class="n">{value:,}</td>'
            if isinstance(value, int)
            else (f'<td class="n">{value:.4g}</td>')
        )
    return f"<td>{html.escape('' if value is None else str(value))}</td>"


@dataclass(frozen=True, slots=True)
class Link:
    """A table cell that links to an archived article's page on the site."""

    url: str
    text: str

    def __str__(self) -> str:
        return self.text


def table_html(columns: list[str], rows: list[list[Any]]) -> str:
    """Return an HTML table (escaped)."""
    head = "".join(f"<th>{html.escape(c)}</th>" for c in columns)
    body = "".join("<tr>" + "".join(_cell(v) for v in row) + "</tr>" for row in rows)
    return f"<table><thead><tr>{head}</tr></thead><tbody>{body}</tbody></table>"


def csv_link(name: str, columns: list[str], rows: list[list[Any]]) -> str:
    """Return a ``data:`` link that downloads the table as ``name``.csv (offline)."""
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(columns)
    writer.writerows([[getattr(v, "url", v) for v in row] for row in rows])
    href = "data:text/csv;charset=utf-8," + urllib.parse.quote(out.getvalue(), safe="")
    return f'<a download="{name}.csv" href="{href}">{name}.csv</a>'


def figure_html(svg: str | None, chart: Chart, note: str = "") -> str:
    """Return a chart (if any) with its data: a ``<details>`` table and a CSV link."""
    parts = ["<figure>"]
    if svg:
        parts.append(svg)
    parts.append(
        f"<details><summary>Data: {html.escape(chart.title)} ({len(chart.rows):,} rows)"
        f"</summary>{table_html(chart.columns, chart.rows)}</details>"
        f"<p>Download {csv_link(chart.chart_id, chart.columns, chart.rows)}</p>"
    )
    if note:
        parts.append(f'<p class="note">{html.escape(note)}</p>')
    parts.append("</figure>")
    return "".join(parts)


def section_html(anchor: str, title: str, body: str) -> str:
    return f'<section id="{anchor}"><h2>{html.escape(title)}</h2>{body}</section>'


def _none(text: str) -> str:
    return f'<p class="note">{html.escape(text)}</p>'


# --- the page -----------------------------------------------------------------------------


def _articles_section(conn: sqlite3.Connection) -> str:
    weeks, sections, counts = weekly_sections(conn)
    if not weeks:
        return _none("No dated article yet.")
    chart = Chart(
        chart_id="articles-per-week",
        title="articles per ISO week (+07:00) by section",
        columns=["week", *sections, "total"],
        rows=[
            [week, *(counts[s][i] for s in sections), sum(counts[s][i] for s in sections)]
            for i, week in enumerate(weeks)
        ],
    )
    return figure_html(draw_stacked(chart.chart_id, weeks, counts), chart)


def _attention_section(conn: sqlite3.Connection, queries: list[str]) -> str:
    if not queries:
        return _none(
            "No query given: `dbp-archive report --query coffee --query border` draws the "
            "share of articles matching each query per month."
        )
    result = trends(cast(Archive, SimpleNamespace(conn=conn)), queries, by="month")
    if not result.rows:
        return _none("No dated article yet.")
    columns = ["month", "total"]
    for query in result.queries:
        columns += [f"count:{query}", f"ratio:{query}"]
    rows = []
    for row in result.rows:
        cells: list[Any] = [row.period, row.total]
        for query, ratio in row.ratios().items():
            cells += [row.counts[query], ratio]
        rows.append(cells)
    chart = Chart(
        chart_id="attention", title="share of articles matching each query", columns=columns,
        rows=rows,
    )  # fmt: skip
    lines = {q: [r.ratios()[q] for r in result.rows] for q in result.queries}
    svg = draw_lines(
        chart.chart_id, [r.period for r in result.rows], lines, "% of the month's articles", True
    )
    note = (
        f"{result.undated:,} articles without a publication date are left out."
        if result.undated
        else ""
    )
    return figure_html(svg, chart, note)


def _authors_section(conn: sqlite3.Connection) -> str:
    years = top_authors(conn)
    if not years:
        return _none("No signed, dated article yet.")
    chart = Chart(
        chart_id="top-authors",
        title=f"top {TOP_AUTHORS} authors per year",
        columns=["year", "rank", "author", "articles"],
        rows=[
            [year, rank, name, n]
            for year in sorted(years, reverse=True)
            for rank, (name, n) in enumerate(years[year], 1)
        ],
    )
    note = f"The chart shows the latest {AUTHOR_YEARS} years; the table every year."
    return figure_html(
        draw_author_years(chart.chart_id, years), chart, note if len(years) > AUTHOR_YEARS else ""
    )


def _labels_section(archive: Archive) -> str:
    history = section_history(archive)
    if not history:
        return _none("No section yet.")
    rows: list[list[Any]] = []
    spans: list[tuple[str, date, date]] = []
    for section in history:
        for label in section.labels:
            rows.append(
                [
                    section.slug,
                    label.label,
                    label.articles,
                    (label.first_published or "")[:10],
                    (label.last_published or "")[:10],
                    label.first_seen,
                    label.last_seen,
                ]
            )
            try:
                first = _iso_day((label.first_published or "")[:10])
                last = _iso_day((label.last_published or "")[:10])
            except ValueError:
                continue
            spans.append((f"{section.slug}: {label.label}", first, last))
    chart = Chart(
        chart_id="section-labels",
        title="labels of each section",
        columns=["section", "label", "articles", "first published", "last published",
                 "first seen (UTC)", "last seen (UTC)"],
        rows=rows,
    )  # fmt: skip
    svg = draw_spans(chart.chart_id, spans) if spans else None
    return figure_html(svg, chart, "" if spans else "No label has a dated article.")


def _edits_section(conn: sqlite3.Connection) -> str:
    weeks, counts = edits_per_week(conn)
    edited = most_edited(conn)
    if not weeks:
        return _none("No edit yet: every archived article has one version.")
    chart = Chart(
        chart_id="edits-per-week",
        title="new versions per ISO week (+07:00)",
        columns=["week", "new versions"],
        rows=[[w, n] for w, n in zip(weeks, counts, strict=True)],
    )
    parts = [figure_html(draw_bars(chart.chart_id, weeks, counts, "new versions"), chart)]
    parts.append("<h3>Most-edited articles</h3>")
    parts.append(
        table_html(
            ["article", "versions", "last seen (UTC)"],
            [[Link(url, title or ident), n, seen] for ident, title, url, n, seen in edited],
        )
    )
    if edited:
        parts.append(_diff_of(conn, edited[0][0]))
    return "".join(parts)


def _diff_of(conn: sqlite3.Connection, article_id: str) -> str:
    """Return the word diff of the article's last edit, if the changes module is there."""
    try:
        from scraper.archive.changes import ChangeError, diff_html
    except ImportError:
        return ""
    try:
        fragment = diff_html(conn, article_id)
    except ChangeError as exc:
        return _none(str(exc))
    return f"<h3>The last edit of the most-edited article</h3>{fragment}"


def _health_section(conn: sqlite3.Connection) -> str:
    runs = runs_health(conn)
    if not runs:
        return _none("No crawl run yet.")
    labels = [f"run {r['run']}" for r in runs]
    fields = [f for f in FILL_FIELDS if any(f in r["fill_rates"] for r in runs)]
    fill = Chart(
        chart_id="fill-rates",
        title="fill rate of each field per run",
        columns=["run", "started (UTC)", "status", *fields],
        rows=[
            [r["run"], r["started_at"], r["status"], *(r["fill_rates"].get(f) for f in fields)]
            for r in runs
        ],
    )
    parts = []
    if fields:
        lines = {f: [float(r["fill_rates"].get(f) or 0) for r in runs] for f in fields}
        parts.append(figure_html(draw_lines(fill.chart_id, labels, lines, "% filled", True), fill))
    requests = Chart(
        chart_id="requests",
        title="requests, refusals and errors per run",
        columns=["run", "requests", "refused", "errors"],
        rows=[[r["run"], r["requests"], r["refused"], r["errors"]] for r in runs],
    )
    series = {k: [r[k] for r in runs] for k in ("requests", "refused", "errors")}
    drawn = any(any(v) for v in series.values())
    svg = draw_stacked(requests.chart_id, labels, series, "requests") if drawn else None
    parts.append(figure_html(svg, requests))
    return "".join(parts)


def _linked_section(conn: sqlite3.Connection) -> str:
    linked = most_linked(conn)
    if not linked:
        return _none("No related-news link yet.")
    chart = Chart(
        chart_id="most-linked",
        title="articles linked from the most others (related news)",
        columns=["article", "article id", "linked from"],
        rows=[[Link(url, title) if url else title, ident, n] for ident, title, url, n in linked],
    )
    top = linked[:CHART_LINKED]
    svg = draw_hbars(chart.chart_id, [t for _, t, _, _ in top], [n for *_, n in top], "articles")
    return figure_html(svg, chart)


def build_report(conn: sqlite3.Connection, *, queries: list[str], name: str) -> str:
    """Return the report of the archive open on ``conn`` as a whole HTML page.

    ``queries``: the search queries of the attention chart (may be empty); ``name``: what
    the heading calls the archive. Raises ``QueryError`` for a malformed query.
    """
    archive = cast(Archive, SimpleNamespace(conn=conn))
    articles, first, last = article_span(conn)
    parts = [
        ("articles", "Articles per week, by section", _articles_section(conn)),
        ("attention", "Attention over time", _attention_section(conn, queries)),
        ("authors", "Top authors per year", _authors_section(conn)),
        ("labels", "Section labels over time", _labels_section(archive)),
        ("edits", "Edits", _edits_section(conn)),
        ("health", "Crawl health", _health_section(conn)),
        ("linked", "Most-linked articles", _linked_section(conn)),
    ]
    nav = "".join(f'<a href="#{a}">{html.escape(t)}</a>' for a, t, _ in parts)
    now = datetime.now(UTC).strftime("%Y-%m-%d %H:%M UTC")
    span = f", published {first[:10]} … {last[:10]}" if first and last else ""
    title = f"Report: {name}"
    return (
        '<!DOCTYPE html>\n<html lang="en">\n<head>\n<meta charset="utf-8">\n'
        '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
        f"<title>{html.escape(title)}</title>\n<style>{CSS}</style>\n</head>\n<body>\n"
        f"<h1>{html.escape(title)}</h1>\n"
        f'<p class="note">{articles:,} articles{html.escape(span)}; written {now} by '
        "dbp-archive report. Charts by matplotlib; each chart's data is in the table under "
        "it and as CSV.</p>\n"
        f"<nav>{nav}</nav>\n"
        + "\n".join(section_html(a, t, body) for a, t, body in parts)
        + "\n</body>\n</html>\n"
    )
