"""Write article records as JSON Lines or CSV."""

from __future__ import annotations

import csv
import json
from collections.abc import Iterable
from typing import IO, Final

from scraper.items import Article

CSV_COLUMNS: Final = (
    "article_id",
    "url",
    "title",
    "lead",
    "body",
    "authors",
    "author_titles",
    "category",
    "category_label",
    "published_at",
    "modified_at",
    "related",
    "images",
)


def record_json(article: Article) -> str:
    """Return one JSON line of ``article`` (sorted keys, UTF-8 text)."""
    return json.dumps(article.to_dict(), ensure_ascii=False, sort_keys=True)


def write_records(records: Iterable[Article], out: IO[str], fmt: str) -> int:
    """Write ``records`` to ``out`` as ``jsonl`` or ``csv``; return how many were written.

    CSV cells hold lists as JSON (``authors``, ``related``, ``images``).
    """
    count = 0
    writer = None
    if fmt == "csv":
        writer = csv.DictWriter(out, fieldnames=CSV_COLUMNS)
        writer.writeheader()
    for article in records:
        if writer is None:
            out.write(record_json(article) + "\n")
        else:
            row = article.to_dict()
            for key in ("authors", "related", "images"):
                row[key] = json.dumps(row[key], ensure_ascii=False)
            writer.writerow(row)
        count += 1
    return count
