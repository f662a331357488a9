"""Plain-text reports for the terminal: run summaries, run lists, stats."""

from __future__ import annotations

import json
from datetime import UTC, datetime
from typing import Any, Final

from scraper.archive.ledger import FOUND

# The crawl_runs columns that hold JSON text.
RUN_JSON_COLUMNS: Final = {"fill_rates": dict, "warnings": list, "summary": dict}


def _loads(value: Any) -> Any:
    return json.loads(value) if isinstance(value, str) and value else (value or {})


def _local(value: str | None) -> datetime | None:
    """Return a stored UTC time (ISO 8601) in this machine's local time zone, or None."""
    if not value:
        return None
    try:
        moment = datetime.fromisoformat(value)
    except ValueError:
        return None
    return (moment if moment.tzinfo else moment.replace(tzinfo=UTC)).astimezone()


def run_record(row: dict[str, Any]) -> dict[str, Any]:
    """Return a ``crawl_runs`` row as plain nested data (``runs --json``, ``stats --json``).

    The JSON columns (fill rates, warnings, summary) are parsed, never left as JSON inside
    strings; ``started_at``/``ended_at`` stay UTC as stored, and ``started_at_local`` /
    ``ended_at_local`` give them in this machine's time zone (ISO 8601 with its offset).
    """
    record = dict(row)
    for column, kind in RUN_JSON_COLUMNS.items():
        value = _loads(record.get(column))
        record[column] = value if isinstance(value, kind) else kind()
    for column in ("started_at", "ended_at"):
        local = _local(record.get(column))
        record[f"{column}_local"] = local.isoformat(timespec="seconds") if local else None
    return record


def run_times(row: dict[str, Any]) -> str | None:
    """Return the run's start and end, local time first and UTC after, or None without them.

    ``started 2026-11-29 19:17:00+01:00 (18:17:00 UTC), ended 19:17:41+01:00 (18:17:41 UTC)``:
    a date is shown only when it differs from the start's local date (UTC: from its local date).
    """
    started = _local(row.get("started_at"))
    if started is None:
        return None
    day = started.date()

    def stamp(moment: datetime, full: bool) -> str:
        local = moment.isoformat(sep=" ", timespec="seconds")
        utc = moment.astimezone(UTC)
        local = local if full or moment.date() != day else local[11:]
        return f"{local} ({utc.strftime('%T' if utc.date() == moment.date() else '%F %T')} UTC)"

    ended = _local(row.get("ended_at"))
    end = f"ended {stamp(ended, False)}" if ended else "not ended (still running, or killed)"
    return f"started {stamp(started, True)}, {end}"


def run_summary(row: dict[str, Any]) -> str:
    """Return the one-screen summary of a ``crawl_runs`` row.

    Each counter means one thing (docs/operations.md, "Reading the run summary"): requests
    sent; fetches by outcome (ok, not modified, failed, refused, skipped: they add up to the
    run's ``fetches`` rows); articles fetched again count once, as new, updated or unchanged
    (a 304 is unchanged).
    """
    summary = _loads(row.get("summary"))
    rates = _loads(row.get("fill_rates"))
    warnings = _loads(row.get("warnings")) or []
    fetches = {
        "ok": row["pages"],
        "not modified": summary.get("not_modified", 0),
        "failed": row["errors"],
        "refused": row["refused"],
        "skipped": summary.get("skipped", 0),
    }
    if summary.get("removed"):  # archived articles answering as removed: the ledger's
        fetches["removed"] = summary["removed"]
    lines = [
        f"run {row['id']}: {row['status']} (exit {row['exit_code']}), mode {row['mode']}, "
        f"{summary.get('duration_s', '?')} s",
        f"  requests {row['requests']}; fetches {sum(n or 0 for n in fetches.values())}: "
        + ", ".join(f"{name} {n or 0}" for name, n in fetches.items()),
        f"  articles: new {row['new_articles']}, updated {row['updated_articles']}, "
        f"unchanged {summary.get('unchanged', 0)}; new versions {row['new_versions']}",
    ]
    lines += check_lines(summary)
    times = run_times(row)
    if times:
        lines.insert(1, f"  {times}")
    if row["status"] == "interrupted":
        lines.append("  interrupted: the next run fetches what this one had not reached")
    if str(row.get("mode") or "").startswith("backfill:"):
        lines.append("  " + _backfill_line(summary))
    for outcome, kinds in sorted(summary.get("problems", {}).items()):
        detail = ", ".join(f"{kind} {n}" for kind, n in sorted(kinds.items()))
        lines.append(f"  {outcome} {sum(kinds.values())}: {detail}")
    if rates:
        lines.append("  fill rates: " + ", ".join(f"{k} {v:.0%}" for k, v in rates.items()))
    lines += [f"  WARNING: {w}" for w in warnings]
    return "\n".join(lines)


def _backfill_line(summary: dict[str, Any]) -> str:
    """Return what a backfill run did with the captures (``scraper.backfill``'s summary)."""
    listed = summary.get("listed")
    outcomes = summary.get("outcomes") or {}
    done = ", ".join(f"{name} {n}" for name, n in sorted(outcomes.items())) or "none"
    return (
        f"captures: {'listing reused' if listed is None else f'{listed} listed'}, "
        f"{summary.get('to_fetch', 0)} to fetch, {summary.get('fetched', 0)} fetched, "
        f"{summary.get('from_twin', 0)} read back; outcomes: {done}; "
        f"{summary.get('queued', 0)} article URLs queued"
    )


def check_lines(summary: dict[str, Any]) -> list[str]:
    """Return the summary's lines on the checks of archived articles, when there were any:
    ``  rechecks 17: unchanged 15, edited 1, missing 1`` (a re-check that got no answer, a
    timeout or a 5xx, is counted as ``no answer``) and ``  revisits 3: unchanged 3``."""
    lines = []
    rechecks = dict(summary.get("rechecks") or {})
    requested = int(rechecks.pop("requested", 0) or 0)
    revisits = dict(summary.get("revisits") or {})
    for name, total, found in (
        ("rechecks", requested, rechecks),
        ("revisits", sum(revisits.values()), revisits),
    ):
        if not total:
            continue
        order = {key: i for i, key in enumerate(FOUND)}
        ranked = sorted(found.items(), key=lambda kv: (order.get(kv[0], len(order)), kv[0]))
        parts = [f"{key} {n}" for key, n in ranked if n]
        missing = total - sum(found.values())
        if missing > 0:
            parts.append(f"no answer {missing}")
        lines.append(f"  {name} {total}: " + ", ".join(parts))
    return lines


def _styled(marked: str) -> str:
    """Return a marked search snippet with its matches in bold (plain when not a terminal:
    ``click.echo`` drops the styles)."""
    import click

    from scraper.archive.query import MARK_END, MARK_START

    out = []
    for i, part in enumerate(marked.split(MARK_START)):
        match, _, rest = part.partition(MARK_END) if i else ("", "", part)
        out.append((click.style(match, bold=True) if match else "") + rest)
    return "".join(out)


def results_table(results: Any) -> str:
    """Return search results as a table: a header, one block per hit, then "20 of N matches".

    Each hit: ``*`` when it holds the query's exact form, date, section, title; its snippet
    (matches in bold on a terminal); its URL.
    """
    total, shown = results.total, len(results.hits)
    if not total:
        return "no match (0 matches)"
    lines = [f"  {'date':10}  {'section':18}  title / snippet / url"]
    for hit in results.hits:
        mark = "*" if hit.exact else " "
        lines.append(
            f"{mark} {(hit.published_at or '')[:10]:10}  {hit.category or '':18}  "
            f"{hit.title}\n    {_styled(hit.snippet)}\n    {hit.url}"
        )
    noun = "match" if total == 1 else "matches"
    footer = f"{shown:,} of {total:,} {noun}, by {results.sort}"
    if any(hit.exact for hit in results.hits):
        footer += " (* exact form)"
    lines.append(footer)
    return "\n".join(lines)


def results_json(results: Any) -> str:
    """Return search results as one JSON object: ``{"total", "query", "sort", "results"}``."""
    return json.dumps(
        {
            "total": results.total,
            "query": results.query,
            "sort": results.sort,
            "results": [hit.to_dict() for hit in results.hits],
        },
        ensure_ascii=False,
        indent=2,
    )


SEARCH_CSV_COLUMNS: Final = (
    "total",
    "article_id",
    "published_at",
    "category",
    "title",
    "url",
    "snippet",
    "exact",
)


def results_csv(results: Any) -> str:
    """Return search results as CSV with a header; ``total`` (all matches) on every row.

    A column rather than a ``# total`` comment line, so any CSV reader takes the file as
    is; no match gives the header alone.
    """
    import csv
    import io

    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=SEARCH_CSV_COLUMNS, extrasaction="ignore")
    writer.writeheader()
    for hit in results.hits:
        writer.writerow({"total": results.total, **hit.to_dict()})
    return out.getvalue()


def stats_text(figures: dict[str, Any]) -> str:
    """Return ``search.stats`` figures as text."""
    lines = [
        f"articles {figures['articles']} (versions {figures['versions']}, pages "
        f"{figures['pages']}, fetches {figures['fetches']}, pending {figures['pending']})",
        f"published {figures['published_from']} .. {figures['published_to']}"
        f" ({figures['no_date']} without a date)",
        "sections: " + ", ".join(f"{k} {v}" for k, v in figures["sections"].items()),
    ]
    if figures.get("statuses"):  # the ledger (docs/operations.md): live, edited, gone …
        lines.append("status: " + ", ".join(f"{k} {v}" for k, v in figures["statuses"].items()))
    for source, n in (figures.get("captures") or {}).items():  # backfills (docs/operations.md)
        lines.append(
            f"captures from {source}: {n['listed']} listed, {n['done']} done,"
            f" {n['to_fetch']} to fetch, {n['failed']} given up"
        )
    if figures["last_run"]:
        lines.append("last run:\n" + run_summary(figures["last_run"]))
    return "\n".join(lines)
