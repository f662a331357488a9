"""Plain-text reports for the terminal: run summaries, run lists, stats."""

from __future__ import annotations

import json
from typing import Any


def _loads(value: Any) -> Any:
    return json.loads(value) if isinstance(value, str) and value else (value or {})


def run_summary(row: dict[str, Any]) -> str:
    """Return the one-screen summary of a ``crawl_runs`` row."""
    summary = _loads(row.get("summary"))
    rates = _loads(row.get("fill_rates"))
    warnings = _loads(row.get("warnings")) or []
    lines = [
        f"run {row['id']}: {row['status']} (exit {row['exit_code']}), mode {row['mode']}, "
        f"{summary.get('duration_s', '?')} s",
        f"  requests {row['requests']}, pages {row['pages']}, "
        f"not modified {summary.get('not_modified', 0)}, skipped {summary.get('skipped', 0)}",
        f"  articles: new {row['new_articles']}, updated {row['updated_articles']}, "
        f"unchanged {summary.get('unchanged', 0)}; new versions {row['new_versions']}",
        f"  errors {row['errors']}, refused {row['refused']}",
    ]
    if rates:
        lines.append("  fill rates: " + ", ".join(f"{k} {v:.0%}" for k, v in rates.items()))
    lines += [f"  WARNING: {w}" for w in warnings]
    return "\n".join(lines)
