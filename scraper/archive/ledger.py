"""The ledger of edits and removals: each archived article's status and the dated events that
changed it (``article_events``; ``articles.status``, ``status_since``, ``last_checked``,
``missing_since``).

Every answer to a request for an archived article (a revisit, a re-check) is an observation,
``Seen``:

* ``served``: a 304, or a 200 with the article (its content unchanged, or a first fetch);
* ``edited``: a 200 whose content is new (the archive added a version);
* ``not_found``: HTTP 404 or 410;
* ``redirected``: the request was redirected to a URL that is not this article (another
  article id, the home page, a listing): a soft removal; the target is never extracted as
  this article;
* ``no_article``: a 200 page with no article on it (no lead and no body, or a page that
  declares another address): a soft 404.

Other answers (403, 5xx, timeouts, our own extractor crashing) say nothing about the article:
no observation; ``last_checked`` does not move, but ``last_attempt`` does, so the article
waits its turn again instead of heading every run's slice.

The status rules are one pure function, ``transition(state, seen, now)``; ``observe`` applies
it through the archive's connection, inside the item's transaction (the archive pipeline
calls it right after ``Archive.save_article``). Nothing is ever deleted: a gone article keeps
its record, its pages and every version.

Statuses (``articles.status``) and the events that set them (``article_events.event``):

| status | event | when |
|---|---|---|
| ``live`` | — | archived, nothing changed since (or a ``missing`` sighting was ``cleared``) |
| ``edited`` | ``edited`` | the latest change seen: new content, a new version |
| ``missing`` | ``missing`` | one removal seen (404/410, redirect away, no article), unconfirmed |
| ``gone`` | ``gone`` | 404/410 when a removal is seen again ``CONFIRM_AFTER`` (1 day) later |
| ``redirected`` | ``redirected`` | redirected away (``final_url`` kept), confirmed the same way |
| ``soft-404`` | ``soft-404`` | a 200 page with no article, confirmed the same way |
| ``returned`` | ``returned`` | a gone, redirected or soft-404 article is served again |
| ``live`` | ``cleared`` | a ``missing`` article is served again before it was confirmed |
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from typing import Any, Final, Literal

Seen = Literal["served", "edited", "not_found", "redirected", "no_article"]

STATUSES: Final = ("live", "edited", "returned", "missing", "gone", "redirected", "soft-404")
EVENTS: Final = ("edited", "missing", "gone", "redirected", "soft-404", "returned", "cleared")
REMOVED: Final = frozenset({"gone", "redirected", "soft-404"})  # "returned" when served again
# The events `dbp-archive changes` lists beside the edits (``missing`` and ``cleared`` are
# unconfirmed sightings: in ``article_events``, not in ``changes``).
CHANGE_EVENTS: Final = ("gone", "redirected", "soft-404", "returned")
# What a check found, as the run summary counts it: an event, a removal status seen again,
# or ``unchanged``.
FOUND: Final = ("unchanged", "edited", "missing", "gone", "redirected", "soft-404", "returned",
                "cleared")  # fmt: skip
NOT_FOUND_STATUSES: Final = (404, 410, 451)  # 451: unavailable for legal reasons
CONFIRM_AFTER: Final = timedelta(days=1)  # a 404 is a deletion once seen again this much later


@dataclass(frozen=True, slots=True)
class State:
    """An article's ledger state: its ``status`` and, while a 404 awaits confirmation (or
    once it is ``gone``), ``missing_since`` (UTC ISO time of the first 404/410)."""

    status: str = "live"
    missing_since: str | None = None


@dataclass(frozen=True, slots=True)
class Transition:
    """The state after an observation, and the event to record (None: nothing changed)."""

    state: State
    event: str | None

    @property
    def found(self) -> str:
        """What the check found, for the run's counters (one of ``FOUND``)."""
        if self.event:
            return self.event
        return self.state.status if self.state.status in (*REMOVED, "missing") else "unchanged"


def seen_of(
    *,
    status: int,
    redirected_to: str | None,
    extracted: bool,
    saved: str | None,
    crashed: bool = False,
) -> Seen | None:
    """Return what an answer for an archived article shows, or None if it says nothing.

    ``status``: the HTTP status; ``redirected_to``: the final URL when a redirect led away
    from the article; ``extracted``: a record was extracted (and kept: lead or body);
    ``saved``: ``Archive.save_article``'s outcome (``updated`` is new content); ``crashed``:
    our extractor failed on the page (says nothing of the article: a bug of ours is no
    removal).
    """
    if crashed and not redirected_to:
        return None
    if redirected_to:
        return "redirected"
    if status in NOT_FOUND_STATUSES:
        return "not_found"
    if status == 304:
        return "served"
    if status == 200:
        if not extracted:
            return "no_article"
        return "edited" if saved == "updated" else "served"
    return None


# The removal each kind of sighting confirms.
REMOVAL_OF: Final[dict[str, str]] = {
    "not_found": "gone",
    "redirected": "redirected",
    "no_article": "soft-404",
}


def transition(state: State, seen: Seen, now: datetime) -> Transition:
    """Return the ledger state after observation ``seen`` at ``now`` (UTC, aware).

    Every removal (a 404/410, a redirect away, a page with no article) is ``missing`` first
    and confirmed only when a removal is seen again ``CONFIRM_AFTER`` or more after the first
    sighting: a server's bad minute, a maintenance page, a redirect while the site is being
    worked on or a response cut short is not a removal. The confirming sighting names it
    (``gone``, ``redirected``, ``soft-404``). An article served again after a removal has
    ``returned``; after an unconfirmed ``missing``, the sighting is ``cleared`` (status
    ``live``). New content is ``edited`` each time (each version). The same removal seen again
    records nothing; a confirmed removal seen as another kind is recorded as that one.
    """
    status = state.status
    if seen in ("served", "edited"):
        if status in REMOVED:
            return Transition(State("returned"), "returned")
        if seen == "edited":
            return Transition(State("edited"), "edited")
        if status == "missing":
            return Transition(State("live"), "cleared")
        return Transition(state, None)
    removal = REMOVAL_OF[seen]
    if status == removal:
        return Transition(state, None)
    if status in REMOVED:  # confirmed already: now seen as another kind of removal
        return Transition(State(removal, state.missing_since), removal)
    if status == "missing" and state.missing_since:
        first = datetime.fromisoformat(state.missing_since)
        if now - first >= CONFIRM_AFTER:
            return Transition(State(removal, state.missing_since), removal)
        return Transition(state, None)
    return Transition(State("missing", now.isoformat()), "missing")


def event_detail(
    event: str,
    before: State,
    *,
    http_status: int | None,
    final_url: str | None,
    reason: str | None = None,
    version: int | None = None,
    status_since: str | None = None,
) -> str:
    """Return the one-line ``detail`` of an event (what was seen, and what it follows)."""
    if event == "edited":
        return f"new content: version {version}" if version else "new content"
    since = f"; first seen missing {before.missing_since}" if before.missing_since else ""
    if event == "missing":
        return (
            f"{_what(http_status, final_url, reason)}; unconfirmed until a removal is seen"
            " again a day or more later"
        )
    if event == "gone":
        return f"HTTP {http_status} again{since}"
    if event == "redirected":
        return (reason or f"redirected to {final_url}: not this article") + since
    if event == "soft-404":
        return f"HTTP {http_status} with no article" + (f" ({reason})" if reason else "") + since
    if event == "returned":
        return f"served again; {before.status} since {status_since}"
    return f"served again; the HTTP 404/410 of {before.missing_since} was not confirmed"


def _what(http_status: int | None, final_url: str | None, reason: str | None) -> str:
    """Return what a removal sighting showed, in a few words."""
    if http_status in NOT_FOUND_STATUSES:
        return f"HTTP {http_status}"
    if reason and reason.startswith("redirected"):
        return reason
    if reason:
        return f"HTTP {http_status} with no article ({reason})"
    return f"HTTP {http_status}, ended at {final_url}"


def attempted(conn: sqlite3.Connection, *, article_id: str, at: str) -> None:
    """Note that a check of an archived article was made at ``at``, answered or not
    (``last_attempt``: the re-check order; a no-op for an article not archived)."""
    conn.execute(
        "UPDATE articles SET last_attempt = max(coalesce(last_attempt, ''), ?)"
        " WHERE article_id = ?",
        (at, article_id),
    )


def observe(
    conn: sqlite3.Connection,
    *,
    article_id: str,
    seen: Seen | None,
    observed_at: str,
    run_id: int,
    http_status: int | None,
    final_url: str | None = None,
    reason: str | None = None,
) -> str | None:
    """Record one observation of ``article_id``; return what it found (one of ``FOUND``).

    Returns None, writing nothing, for an article that is not archived (a 404 of a URL never
    archived stays a failed fetch) or an answer that says nothing (``seen`` None). Sets
    ``last_checked`` (and ``status_since`` of a new article), applies ``transition`` and
    inserts the event, if any. Call inside the item's transaction.
    """
    row = conn.execute(
        "SELECT status, missing_since, status_since, version_count FROM articles"
        " WHERE article_id = ?",
        (article_id,),
    ).fetchone()
    if row is None or seen is None:
        return None
    before = State(row[0] or "live", row[1])
    step = transition(before, seen, datetime.fromisoformat(observed_at))
    conn.execute(
        "UPDATE articles SET last_checked = ?, status = ?, missing_since = ?,"
        " status_since = CASE WHEN ? THEN ? ELSE coalesce(status_since, ?) END"
        " WHERE article_id = ?",
        (
            observed_at,
            step.state.status,
            step.state.missing_since,
            step.event is not None,
            observed_at,
            observed_at,
            article_id,
        ),
    )
    if step.event:
        detail = event_detail(
            step.event,
            before,
            http_status=http_status,
            final_url=final_url,
            reason=reason,
            version=row[3],
            status_since=row[2],
        )
        conn.execute(
            "INSERT INTO article_events (article_id, event, observed_at, run_id, http_status,"
            " final_url, detail) VALUES (?, ?, ?, ?, ?, ?, ?)",
            (article_id, step.event, observed_at, run_id, http_status, final_url, detail),
        )
    return step.found


# --- reads ----------------------------------------------------------------------------------


@dataclass(kw_only=True, slots=True)
class LedgerEvent:
    """One ledger event, as ``dbp-archive changes`` lists it (``kind``: the event)."""

    kind: str
    captured_at: str  # when it was observed (UTC ISO): the column edits sort by, too
    article_id: str
    title: str | None
    http_status: int | None
    final_url: str | None
    detail: str | None
    run_id: int | None

    def to_dict(self) -> dict[str, Any]:
        return {
            "kind": self.kind,
            "captured_at": self.captured_at,
            "article_id": self.article_id,
            "title": self.title,
            "http_status": self.http_status,
            "final_url": self.final_url,
            "detail": self.detail,
            "run_id": self.run_id,
        }


def iter_events(
    conn: sqlite3.Connection,
    start: str | None = None,
    end: str | None = None,
    kinds: tuple[str, ...] = CHANGE_EVENTS,
) -> Iterator[LedgerEvent]:
    """Yield the events of ``kinds`` observed on or after day ``start`` and on or before day
    ``end`` (``YYYY-MM-DD``, both optional, already validated), oldest first."""
    where = [f"e.event IN ({', '.join('?' for _ in kinds)})"]
    params: list[Any] = list(kinds)
    if start:
        where.append("e.observed_at >= ?")
        params.append(start)
    if end:
        where.append("e.observed_at < ?")
        params.append((date.fromisoformat(end) + timedelta(days=1)).isoformat())
    cursor = conn.execute(
        "SELECT e.event, e.observed_at, e.article_id, a.title, e.http_status, e.final_url,"
        " e.detail, e.run_id FROM article_events e LEFT JOIN articles a USING (article_id)"
        f" WHERE {' AND '.join(where)} ORDER BY e.observed_at, e.article_id, e.id",
        params,
    )
    for kind, at, ident, title, status, final, detail, run_id in cursor:
        yield LedgerEvent(
            kind=kind,
            captured_at=at,
            article_id=ident,
            title=title,
            http_status=status,
            final_url=final,
            detail=detail,
            run_id=run_id,
        )


def status_counts(conn: sqlite3.Connection) -> dict[str, int]:
    """Return ``{status: articles}`` for every status in ``STATUSES`` order (zeros left out)."""
    counts = dict(conn.execute("SELECT status, count(*) FROM articles GROUP BY status"))
    ordered = {s: counts.pop(s) for s in STATUSES if counts.get(s)}
    return ordered | {str(k): v for k, v in counts.items() if v}
