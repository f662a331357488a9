"""Plain-text reports for the terminal: run summaries, run lists, stats."""

from __future__ import annotations

import json
from typing import Any


def _loads(value: Any) -> Any:
    return json.loads(value) if isinstance(value, str) and value else (value or {})


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
    lines = [
        f"run {row['id']}: {row['status']} (exit {row['exit_code']}), mode {row['mode']}, "
        f"{summary.get('duration_s', '?')} s",
        f"  requests {row['requests']}; fetches {sum(n or 0 for n in fetches.values())}: "
        + ", ".join(f"{name} {n or 0}" for name, n in fetches.items()),
        f"  articles: new {row['new_articles']}, updated {row['updated_articles']}, "
        f"unchanged {summary.get('unchanged', 0)}; new versions {row['new_versions']}",
    ]
    if row["status"] == "interrupted":
        lines.append("  interrupted: the next run fetches what this one had not reached")
    for outcome, kinds in sorted(summary.get("problems", {}).items()):
        detail = ", ".join(f"{kind} {n}" for kind, n in sorted(kinds.items()))
        lines.append(f"  {outcome} {sum(kinds.values())}: {detail}")
    if rates:
        lines.append("  fill rates: " + ", ".join(f"{k} {v:.0%}" for k, v in rates.items()))
    lines += [f"  WARNING: {w}" for w in warnings]
    return "\n".join(lines)


def hits_table(hits: list[Any]) -> str:
    """Return search hits as a plain-text table (date, section, title, snippet)."""
    if not hits:
        return "no match"
    lines = []
    for hit in hits:
        mark = "*" if hit.exact else " "
        lines.append(
            f"{mark} {(hit.published_at or '')[:10]:10}  {hit.category or '':18}  "
            f"{hit.title}\n    {hit.snippet}\n    {hit.url}"
        )
    return "\n".join(lines)


def hits_csv(hits: list[Any]) -> str:
    """Return search hits as CSV text with a header."""
    import csv
    import io
    from dataclasses import asdict

    out = io.StringIO()
    writer = csv.DictWriter(
        out,
        fieldnames=["article_id", "published_at", "category", "title", "url", "snippet", "exact"],
    )
    writer.writeheader()
    for hit in hits:
        writer.writerow(asdict(hit))
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
    if figures["last_run"]:
        lines.append("last run:\n" + run_summary(figures["last_run"]))
    return "\n".join(lines)
