"""Sections by any name they have had: the slug, or any label the site showed for it.

The site renames sections (``kinh-te`` was labelled ``BUSINESS``, later ``ECONOMY``) and an
article keeps the label it showed when it was fetched, so filtering on a label finds only part
of a section. Here a label always resolves to its slug, which means the whole section: every
article reached under that slug, whatever label it carries.

A section's labels come from the archive itself: the label of each article's current record
(``articles.category_label``), the label each stored version showed (``article_versions.record``)
and every label the crawler noted (the ``sections`` table, which keeps labels no current record
shows any more).
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from typing import Any

from scraper.archive.search import QueryError
from scraper.archive.store import Archive

# Every (article, slug, label) an article has carried: its current label and its versions'.
_CARRIED_SQL = """
WITH carried AS (
  SELECT article_id, category AS slug, category_label AS label
  FROM articles WHERE category IS NOT NULL AND category_label IS NOT NULL
  UNION
  SELECT v.article_id, a.category, json_extract(v.record, '$.category_label')
  FROM article_versions v JOIN articles a ON a.article_id = v.article_id
  WHERE a.category IS NOT NULL AND json_extract(v.record, '$.category_label') IS NOT NULL
)
SELECT c.slug, c.label, count(DISTINCT c.article_id), min(a.published_at), max(a.published_at)
FROM carried c JOIN articles a ON a.article_id = c.article_id
GROUP BY c.slug, c.label
"""


class SectionError(QueryError):
    """A ``--section`` value that names no section, or more than one (one-line message)."""


@dataclass(kw_only=True, slots=True)
class Label:
    """One label a section has carried: how many articles, published from when to when.

    ``first_published``/``last_published`` are the earliest and latest ``published_at`` of the
    articles that carried it (``+07:00`` ISO 8601 or a bare day; None if none has a date).
    ``first_seen``/``last_seen``: when the crawler first and last saw it on a page (UTC).
    """

    label: str
    articles: int = 0
    first_published: str | None = None
    last_published: str | None = None
    first_seen: str | None = None
    last_seen: str | None = None


@dataclass(kw_only=True, slots=True)
class Section:
    """A section: its slug, its article count, and its labels, oldest first."""

    slug: str
    articles: int
    labels: list[Label] = field(default_factory=list)

    def to_dict(self) -> dict[str, Any]:
        """Return the section as plain JSON-ready data."""
        return asdict(self)


def _label_order(label: Label) -> tuple[str, str, str]:
    """Sort key: by first publication (then first sighting), undated labels last."""
    return (label.first_published or "\uffff", label.first_seen or "\uffff", label.label)


def section_history(archive: Archive) -> list[Section]:
    """Return every section of the archive with its article count and label history.

    Sections are sorted by slug; labels by their first publication date (a rename reads in
    order: ``BUSINESS`` 2024-03-01 … 2025-06-30, then ``ECONOMY`` 2025-07-02 …).
    """
    conn = archive.conn
    sections: dict[str, Section] = {
        slug: Section(slug=slug, articles=count)
        for slug, count in conn.execute(
            "SELECT category, count(*) FROM articles WHERE category IS NOT NULL GROUP BY category"
        )
    }
    labels: dict[tuple[str, str], Label] = {}
    for slug, label, count, first, last in conn.execute(_CARRIED_SQL):
        labels[(slug, label)] = Label(
            label=label, articles=count, first_published=first, last_published=last
        )
    for slug, label, first_seen, last_seen in conn.execute(
        "SELECT slug, label, first_seen, last_seen FROM sections"
    ):
        entry = labels.setdefault((slug, label), Label(label=label))
        entry.first_seen, entry.last_seen = first_seen, last_seen
    for (slug, _), entry in labels.items():
        sections.setdefault(slug, Section(slug=slug, articles=0)).labels.append(entry)
    for section in sections.values():
        section.labels.sort(key=_label_order)
    return [sections[slug] for slug in sorted(sections)]


def _has_slug(archive: Archive, slug: str) -> bool:
    """Return True if an article or a noted label has section ``slug`` (indexed lookups)."""
    return bool(
        archive.conn.execute(
            "SELECT EXISTS (SELECT 1 FROM articles WHERE category = ?)"
            " OR EXISTS (SELECT 1 FROM sections WHERE slug = ?)",
            (slug, slug),
        ).fetchone()[0]
    )


def resolve_section(archive: Archive, value: str) -> str:
    """Return the slug that ``value`` names: a slug, or any label the section has carried.

    Case-insensitive; surrounding spaces ignored. A slug wins over a label of the same
    spelling. Raises ``SectionError`` (a ``QueryError``) naming the valid slugs and labels
    when ``value`` names no section, or the slugs when a label has been used by several.
    """
    wanted = value.strip()
    if not wanted:
        raise SectionError("--section is empty" + _valid(archive))
    for candidate in dict.fromkeys((wanted, wanted.lower())):
        if _has_slug(archive, candidate):
            return candidate
    history = section_history(archive)
    folded = wanted.casefold()
    slugs = [s.slug for s in history if s.slug.casefold() == folded] or [
        s.slug for s in history if any(lb.label.casefold() == folded for lb in s.labels)
    ]
    if len(slugs) == 1:
        return slugs[0]
    if slugs:
        raise SectionError(
            f"section label {value!r} was used by {len(slugs)} sections "
            f"({', '.join(slugs)}): give the slug"
        )
    raise SectionError(f"no section {value!r}" + _valid(archive, history))


def _valid(archive: Archive, history: list[Section] | None = None) -> str:
    """Return ``; valid sections, by slug (labels): kinh-te (BUSINESS, ECONOMY), …`` (one line)."""
    history = section_history(archive) if history is None else history
    if not history:
        return "; the archive has no sections yet"
    parts = []
    for section in history:
        names = ", ".join(label.label for label in section.labels)
        parts.append(f"{section.slug} ({names})" if names else section.slug)
    return "; valid sections, by slug (labels): " + ", ".join(parts)


def _span(first: str | None, last: str | None) -> str:
    """Return ``2024-03-01 … 2025-06-30`` (days of the publication dates), or ``no date``."""
    if not first or not last:
        return "no date"
    return first[:10] if first[:10] == last[:10] else f"{first[:10]} … {last[:10]}"


def sections_text(history: list[Section]) -> str:
    """Return the ``dbp-archive sections`` table: each slug, then its labels, oldest first."""
    if not history:
        return "no sections yet"
    width = (
        max(len(label.label) for s in history for label in s.labels)
        if any(s.labels for s in history)
        else 0
    )
    lines = []
    for section in history:
        lines.append(f"{section.slug}  {section.articles:,} articles")
        for label in section.labels:
            count = f"{label.articles:,} articles" if label.articles else "no article now"
            lines.append(
                f"  {label.label:<{width}}  {count:>14}  "
                f"published {_span(label.first_published, label.last_published)}"
            )
    return "\n".join(lines)
