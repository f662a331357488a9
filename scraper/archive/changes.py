"""Edits you can read: word-level diffs between an article's stored versions, and the edits
of a period.

Every distinct content of an article is a row of ``article_versions`` (its ``record`` is the
full record as JSON). A diff compares two of them: ``title``, ``lead`` and ``body`` word by
word (``difflib.SequenceMatcher`` over word *and* whitespace tokens, so the text of either
version reassembles exactly from the operations), the other content fields (authors, dates,
images, author titles) as changed or not.

The edits of a period (``iter_changes``) come with the removals and returns the ledger
recorded in it (``iter_period``: ``scraper.archive.ledger``): each item has a ``kind``,
``edited``, ``gone``, ``redirected``, ``soft-404`` or ``returned``.

The diff itself (``word_diff``, ``diff_versions``) and its renderings (``diff_text``,
``diff_json``, ``diff_html_snippet``, ``diff_html_page``) are pure functions; the reads
(``load_diff``, ``iter_changes``) take an open ``Archive`` or a plain ``sqlite3.Connection``
(what Datasette hands its plugins).
"""

from __future__ import annotations

import csv
import difflib
import heapq
import html
import io
import json
import re
import sqlite3
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from datetime import date, timedelta
from typing import Any, Final, Literal

from scraper.archive.ledger import CHANGE_EVENTS, LedgerEvent, iter_events
from scraper.items import CONTENT_FIELDS

OpKind = Literal["equal", "insert", "delete"]
TEXT_FIELDS: Final = ("title", "lead", "body")
# Content fields compared as changed or not (lists: items added / removed).
OTHER_FIELDS: Final = tuple(f for f in CONTENT_FIELDS if f not in TEXT_FIELDS)
_TOKENS: Final = re.compile(r"\s+|\S+")
_PARAGRAPHS: Final = re.compile(r"(\n\s*\n)")  # split, the separators kept as items


class ChangeError(ValueError):
    """An unknown article or version, or a bad period (one line; bad input, exit 2)."""


@dataclass(frozen=True, slots=True)
class Op:
    """One run of a diff: ``equal``, ``insert`` (only in the newer text) or ``delete``."""

    op: OpKind
    text: str

    def to_dict(self) -> dict[str, str]:
        return {"op": self.op, "text": self.text}


def tokenize(text: str | None) -> list[str]:
    """Return ``text`` as word and whitespace tokens (``"".join`` gives it back)."""
    return _TOKENS.findall(text or "")


def word_diff(old: str | None, new: str | None) -> list[Op]:
    """Return the word-level diff of two texts: ``delete`` before ``insert`` on a replacement.

    Joining the ``equal`` and ``delete`` texts gives ``old``; ``equal`` and ``insert``,
    ``new`` (None reads as the empty text). Adjacent runs of one kind are merged.

    Paragraphs (split at blank lines) are matched first and words only within the paragraphs
    that differ, with their common first and last words set aside: SequenceMatcher is
    quadratic in the worst case, and a body's few hundred words repeat (the, of, Điện Biên):
    a whole-body word match took 20 ms, 40 s for `changes` over 2,000 edits.
    """
    ops: list[Op] = []

    def add(kind: OpKind, text: str) -> None:
        if not text:
            return
        if ops and ops[-1].op == kind:
            ops[-1] = Op(kind, ops[-1].text + text)
        else:
            ops.append(Op(kind, text))

    def words(a: list[str], b: list[str]) -> None:
        head = 0
        while head < min(len(a), len(b)) and a[head] == b[head]:
            head += 1
        tail = 0
        while tail < min(len(a), len(b)) - head and a[-1 - tail] == b[-1 - tail]:
            tail += 1
        add("equal", "".join(a[:head]))
        a_mid, b_mid = a[head : len(a) - tail], b[head : len(b) - tail]
        matcher = difflib.SequenceMatcher(None, a_mid, b_mid, autojunk=False)
        for tag, i1, i2, j1, j2 in matcher.get_opcodes():
            if tag == "equal":
                add("equal", "".join(a_mid[i1:i2]))
            else:
                add("delete", "".join(a_mid[i1:i2]))
                add("insert", "".join(b_mid[j1:j2]))
        add("equal", "".join(a[len(a) - tail :]))

    pa, pb = _PARAGRAPHS.split(old or ""), _PARAGRAPHS.split(new or "")
    matcher = difflib.SequenceMatcher(None, pa, pb, autojunk=False)
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        if tag == "equal":
            add("equal", "".join(pa[i1:i2]))
        else:
            words(tokenize("".join(pa[i1:i2])), tokenize("".join(pb[j1:j2])))
    return ops


def word_counts(ops: Iterable[Op]) -> tuple[int, int]:
    """Return (words inserted, words deleted) of a diff (whitespace is not a word)."""
    inserted = deleted = 0
    for op in ops:
        words = len(op.text.split())
        if op.op == "insert":
            inserted += words
        elif op.op == "delete":
            deleted += words
    return inserted, deleted


@dataclass(kw_only=True, slots=True)
class Version:
    """One stored version: its number, capture time (UTC ISO) and record (a dict)."""

    version: int
    captured_at: str
    record: dict[str, Any]


@dataclass(kw_only=True, slots=True)
class Diff:
    """The difference between two versions of an article.

    fields: ``title``, ``lead``, ``body`` -> their ops; other: each other content field that
    changed -> ``{"from": old, "to": new}``.
    """

    article_id: str
    old: Version
    new: Version
    fields: dict[str, list[Op]]
    other: dict[str, dict[str, Any]] = field(default_factory=dict)

    @property
    def changed(self) -> list[str]:
        """The content fields that differ, in record order."""
        text = [f for f, ops in self.fields.items() if any(op.op != "equal" for op in ops)]
        return [f for f in CONTENT_FIELDS if f in text or f in self.other]


def diff_versions(article_id: str, old: Version, new: Version) -> Diff:
    """Return the diff of two versions of ``article_id``."""
    fields = {f: word_diff(old.record.get(f), new.record.get(f)) for f in TEXT_FIELDS}
    other = {
        f: {"from": old.record.get(f), "to": new.record.get(f)}
        for f in OTHER_FIELDS
        if old.record.get(f) != new.record.get(f)
    }
    return Diff(article_id=article_id, old=old, new=new, fields=fields, other=other)


# --- reads ----------------------------------------------------------------------------------


def _connection(source: Any) -> sqlite3.Connection:
    """Return the sqlite3 connection of an ``Archive`` or the connection itself."""
    return source if isinstance(source, sqlite3.Connection) else source.conn


def _version(conn: sqlite3.Connection, article_id: str, number: int) -> Version | None:
    row = conn.execute(
        "SELECT version, captured_at, record FROM article_versions"
        " WHERE article_id = ? AND version = ?",
        (article_id, number),
    ).fetchone()
    if row is None:
        return None
    return Version(version=row[0], captured_at=row[1], record=json.loads(row[2]))


def load_diff(
    source: Any,
    article_id: str,
    from_version: int | None = None,
    to_version: int | None = None,
) -> Diff:
    """Return the diff of ``article_id`` from ``from_version`` to ``to_version``.

    Defaults: ``to`` the latest version, ``from`` the one before ``to``. Raises ``ChangeError``
    for an unknown article or version, or an article with one version and nothing chosen.
    """
    conn = _connection(source)
    row = conn.execute(
        "SELECT count(*), max(version) FROM article_versions WHERE article_id = ?",
        (article_id,),
    ).fetchone()
    count, latest = row if row else (0, 0)
    if not count:
        raise ChangeError(f"no article {article_id!r} in the archive")
    to_number = int(latest) if to_version is None else to_version
    if from_version is None:
        if to_number <= 1:
            raise ChangeError(
                f"article {article_id} has no version before version {to_number}:"
                f" nothing to compare (versions 1..{latest}; choose with --from and --to)"
            )
        from_number = to_number - 1
    else:
        from_number = from_version
    versions = []
    for number in (from_number, to_number):
        found = _version(conn, article_id, number)
        if found is None:
            raise ChangeError(
                f"article {article_id} has no version {number} (versions 1..{latest})"
            )
        versions.append(found)
    return diff_versions(article_id, versions[0], versions[1])


# --- renderings -----------------------------------------------------------------------------


def _plain(ops: list[Op]) -> str:
    parts = []
    for op in ops:
        if op.op == "delete":
            parts.append(f"[-{op.text}-]")
        elif op.op == "insert":
            parts.append(f"{{+{op.text}+}}")
        else:
            parts.append(op.text)
    return "".join(parts)


def _coloured(ops: list[Op]) -> str:
    import click

    parts = []
    for op in ops:
        if op.op == "delete":
            parts.append(click.style(op.text, fg="red", strikethrough=True))
        elif op.op == "insert":
            parts.append(click.style(op.text, fg="green", underline=True))
        else:
            parts.append(op.text)
    return "".join(parts)


def _heading(diff: Diff) -> str:
    return (
        f"{diff.article_id}: version {diff.old.version} ({diff.old.captured_at})"
        f" -> version {diff.new.version} ({diff.new.captured_at})"
    )


def _value(value: Any) -> str:
    return json.dumps(value, ensure_ascii=False, sort_keys=True)


def diff_text(diff: Diff, *, color: bool = False) -> str:
    """Return the diff for a terminal: ``color`` (red deletions, green insertions) or the
    plain markers ``[-deleted-]`` and ``{+inserted+}`` (wdiff's, for a pipe or a file)."""
    render = _coloured if color else _plain
    lines = [_heading(diff)]
    for name, ops in diff.fields.items():
        if all(op.op == "equal" for op in ops):
            lines.append(f"{name}: (unchanged)")
        else:
            lines.append(f"{name}:")
            lines.append(render(ops))
    for name, change in diff.other.items():
        lines.append(f"{name}: {_value(change['from'])} -> {_value(change['to'])}")
    return "\n".join(lines) + "\n"


def diff_json(diff: Diff) -> dict[str, Any]:
    """Return the diff as plain JSON data: versions, capture times, per field its ops."""
    return {
        "article_id": diff.article_id,
        "title": diff.new.record.get("title"),
        "from_version": diff.old.version,
        "to_version": diff.new.version,
        "from_captured_at": diff.old.captured_at,
        "to_captured_at": diff.new.captured_at,
        "changed": diff.changed,
        "fields": {name: [op.to_dict() for op in ops] for name, ops in diff.fields.items()},
        "other": diff.other,
    }


DIFF_CSS: Final = (
    ".dbp-diff{font-family:system-ui,sans-serif;line-height:1.5;max-width:60em}"
    ".dbp-diff .dbp-field{white-space:pre-wrap;border-left:3px solid #ccc;padding-left:.6em}"
    ".dbp-diff del{background:#fdd;color:#900;text-decoration:line-through}"
    ".dbp-diff ins{background:#dfd;color:#060;text-decoration:none}"
    ".dbp-diff h3{font-size:1em;margin:1em 0 .2em}"
    ".dbp-diff .dbp-unchanged{color:#777}"
)


def _html_ops(ops: list[Op]) -> str:
    parts = []
    for op in ops:
        text = html.escape(op.text, quote=False)
        if op.op == "delete":
            parts.append(f"<del>{text}</del>")
        elif op.op == "insert":
            parts.append(f"<ins>{text}</ins>")
        else:
            parts.append(text)
    return "".join(parts)


def diff_html_snippet(diff: Diff) -> str:
    """Return the diff as a self-contained HTML fragment (its own ``<style>``), escaped,
    deletions in ``<del>`` and insertions in ``<ins>``."""
    out = [
        f'<div class="dbp-diff" data-article-id="{html.escape(diff.article_id)}">',
        f"<style>{DIFF_CSS}</style>",
        f'<p class="dbp-head">{html.escape(_heading(diff))}</p>',
    ]
    for name, ops in diff.fields.items():
        out.append(f"<h3>{name}</h3>")
        if all(op.op == "equal" for op in ops):
            out.append(f'<div class="dbp-field dbp-unchanged">{_html_ops(ops) or "(empty)"}</div>')
        else:
            out.append(f'<div class="dbp-field">{_html_ops(ops)}</div>')
    if diff.other:
        out.append("<h3>other fields</h3><ul>")
        for name, change in diff.other.items():
            out.append(
                f"<li>{name}: <del>{html.escape(_value(change['from']))}</del>"
                f" <ins>{html.escape(_value(change['to']))}</ins></li>"
            )
        out.append("</ul>")
    out.append("</div>")
    return "\n".join(out)


def diff_html_page(diff: Diff) -> str:
    """Return the diff as a whole HTML page (no external resources)."""
    title = html.escape(f"Edits of {diff.article_id}: {diff.new.record.get('title') or ''}")
    return (
        '<!DOCTYPE html>\n<html lang="en">\n<head>\n<meta charset="utf-8">\n'
        f"<title>{title}</title>\n</head>\n<body>\n<h1>{title}</h1>\n"
        f"{diff_html_snippet(diff)}\n</body>\n</html>\n"
    )


def diff_html(
    source: Any,
    article_id: str,
    from_version: int | None = None,
    to_version: int | None = None,
) -> str:
    """Return the HTML fragment of ``article_id``'s diff (``load_diff``'s defaults and
    errors): what the report and the Datasette route show."""
    return diff_html_snippet(load_diff(source, article_id, from_version, to_version))


# --- the edits of a period ------------------------------------------------------------------


@dataclass(kw_only=True, slots=True)
class Change:
    """One edit: version ``to_version`` of an article, compared with the version before it.

    fields: the content fields that changed; words: per text field that changed,
    ``(inserted, deleted)`` word counts; items: per list field that changed (authors,
    images), ``(added, removed)`` item counts.
    """

    article_id: str
    title: str | None
    from_version: int
    to_version: int
    captured_at: str
    fields: list[str]
    words: dict[str, tuple[int, int]]
    items: dict[str, tuple[int, int]]
    kind: str = "edited"

    def to_dict(self) -> dict[str, Any]:
        return {
            "kind": self.kind,
            "captured_at": self.captured_at,
            "article_id": self.article_id,
            "title": self.title,
            "from_version": self.from_version,
            "to_version": self.to_version,
            "fields": self.fields,
            "words": {f: {"inserted": i, "deleted": d} for f, (i, d) in self.words.items()},
            "items": {f: {"added": a, "removed": r} for f, (a, r) in self.items.items()},
        }


def _day(value: str | None, what: str) -> str | None:
    if value is None:
        return None
    try:
        return date.fromisoformat(value).isoformat()
    except ValueError:
        raise ChangeError(f"{what} must be a date YYYY-MM-DD, not {value!r}") from None


def _items(old: Any, new: Any) -> tuple[int, int]:
    def keys(value: Any) -> list[str]:
        return [_value(v.get("url") if isinstance(v, dict) else v) for v in value or []]

    before, after = keys(old), keys(new)
    return len([k for k in after if k not in before]), len([k for k in before if k not in after])


def change_of(diff: Diff) -> Change:
    """Return the summary of a diff: which fields changed and how much."""
    words: dict[str, tuple[int, int]] = {
        f: word_counts(diff.fields[f]) for f in TEXT_FIELDS if f in diff.changed
    }
    if "author_titles" in diff.other:
        change = diff.other["author_titles"]
        words["author_titles"] = word_counts(word_diff(change["from"], change["to"]))
    items: dict[str, tuple[int, int]] = {
        f: _items(diff.other[f]["from"], diff.other[f]["to"])
        for f in ("authors", "images")
        if f in diff.other
    }
    return Change(
        article_id=diff.article_id,
        title=diff.new.record.get("title"),
        from_version=diff.old.version,
        to_version=diff.new.version,
        captured_at=diff.new.captured_at,
        fields=diff.changed,
        words=words,
        items=items,
    )


def iter_changes(
    source: Any, since: str | None = None, until: str | None = None
) -> Iterator[Change]:
    """Yield the edits captured in a period, oldest first: every version >= 2 whose
    ``captured_at`` (UTC) falls on or after ``since`` and on or before ``until`` (days,
    ``YYYY-MM-DD``, both optional), each compared with the version before it.

    Streams: one pair of versions in memory at a time. Raises ``ChangeError`` on a bad date.
    """
    start = _day(since, "--since")
    end = _day(until, "--until")
    where, params = ["v.version >= 2"], []
    if start:
        where.append("v.captured_at >= ?")
        params.append(start)
    if end:
        where.append("v.captured_at < ?")
        params.append((date.fromisoformat(end) + timedelta(days=1)).isoformat())
    conn = _connection(source)
    cursor = conn.execute(
        "SELECT v.article_id, p.version, p.captured_at, p.record, v.version, v.captured_at,"
        " v.record FROM article_versions v JOIN article_versions p"
        " ON p.article_id = v.article_id AND p.version = v.version - 1"
        f" WHERE {' AND '.join(where)} ORDER BY v.captured_at, v.article_id, v.version",
        params,
    )
    for ident, old_v, old_at, old_rec, new_v, new_at, new_rec in cursor:
        old = Version(version=old_v, captured_at=old_at, record=json.loads(old_rec))
        new = Version(version=new_v, captured_at=new_at, record=json.loads(new_rec))
        yield change_of(diff_versions(ident, old, new))


def iter_period(
    source: Any, since: str | None = None, until: str | None = None
) -> Iterator[Change | LedgerEvent]:
    """Yield the edits (``iter_changes``) and the ledger's removals and returns
    (``ledger.iter_events``: gone, redirected, soft-404, returned) of a period, merged oldest
    first by their time (``captured_at``). Raises ``ChangeError`` on a bad date."""
    start = _day(since, "--since")
    end = _day(until, "--until")
    events = iter_events(_connection(source), start, end)
    return heapq.merge(iter_changes(source, start, end), events, key=lambda c: c.captured_at)


def _amounts(change: Change) -> str:
    parts = []
    for name in change.fields:
        if name in change.words:
            inserted, deleted = change.words[name]
            parts.append(f"{name} +{inserted}/-{deleted}")
        elif name in change.items:
            added, removed = change.items[name]
            parts.append(f"{name} +{added}/-{removed}")
        else:
            parts.append(name)
    return ", ".join(parts)


def changes_table(changes: Iterable[Change | LedgerEvent]) -> Iterator[str]:
    """Yield the edits and removals as table lines, then their counts.

    An edit: when, article, versions, what changed (+words/-words), title; a removal or
    return: when, article, its kind, the ledger's detail, title. The last line counts the
    edits (``2 edits``), and the removals and returns when there are any
    (``2 edits; gone 1, redirected 1``, in the order of ``ledger.CHANGE_EVENTS``).
    """
    count = 0
    kinds: dict[str, int] = {}
    for change in changes:
        when = change.captured_at[:19].replace("T", " ")
        if isinstance(change, LedgerEvent):
            kinds[change.kind] = kinds.get(change.kind, 0) + 1
            yield (
                f"{when}  {change.article_id}  {change.kind}  {change.detail or ''}"
                f"  {change.title or ''}"
            )
            continue
        count += 1
        yield (
            f"{when}  {change.article_id}"
            f"  v{change.from_version}->v{change.to_version}  {_amounts(change)}"
            f"  {change.title or ''}"
        )
    tail = "; " + ", ".join(f"{k} {kinds[k]}" for k in CHANGE_EVENTS if k in kinds) if kinds else ""
    yield f"{count} edits{tail}"


CSV_COLUMNS: Final = (
    "captured_at",
    "article_id",
    "from_version",
    "to_version",
    "title",
    "fields",
    *(f"{f}_{k}" for f in TEXT_FIELDS for k in ("inserted", "deleted")),
    *(f"{f}_{k}" for f in ("authors", "images") for k in ("added", "removed")),
    # The ledger's columns (empty for an edit, whose kind is "edited").
    "kind",
    "http_status",
    "final_url",
    "detail",
)


def changes_csv(changes: Iterable[Change]) -> Iterator[str]:
    """Yield CSV text, a header then one row per edit or removal (``CSV_COLUMNS``).

    An edit: ``fields`` joined by ``;``, the word and item counts 0 for a field that did not
    change, ``kind`` ``edited``. A removal or return: its time, article, title, ``kind`` and
    the ledger's ``http_status``, ``final_url``, ``detail``; the edit columns empty."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")

    def flush() -> str:
        text = buffer.getvalue()
        buffer.seek(0)
        buffer.truncate()
        return text

    writer.writerow(CSV_COLUMNS)
    yield flush()
    for change in changes:
        if isinstance(change, LedgerEvent):
            no_counts = [""] * (len(TEXT_FIELDS) * 2 + 4)
            writer.writerow(
                [
                    change.captured_at,
                    change.article_id,
                    "",  # from_version
                    "",  # to_version
                    change.title or "",
                    "",  # fields
                    *no_counts,
                    change.kind,
                    change.http_status if change.http_status is not None else "",
                    change.final_url or "",
                    change.detail or "",
                ]
            )
            yield flush()
            continue
        counts: list[int] = []
        for name in TEXT_FIELDS:
            counts.extend(change.words.get(name, (0, 0)))
        for name in ("authors", "images"):
            counts.extend(change.items.get(name, (0, 0)))
        writer.writerow(
            [
                change.captured_at,
                change.article_id,
                change.from_version,
                change.to_version,
                change.title or "",
                ";".join(change.fields),
                *counts,
                change.kind,
                "",
                "",
                "",
            ]
        )
        yield flush()
