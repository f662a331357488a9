"""The archive's Datasette plugin: the search language in SQL, safe snippets, a month facet.

Registered in this process by ``register()`` (``dbp-archive serve`` does it before starting
Datasette), so no plugin folder or package entry point is needed:

* ``prepare_connection``: SQL functions over ``scraper.archive.search``, so that a canned query
  (which cannot call Python) understands the same query language as ``dbp-archive search``:
  ``dbp_match(q)`` and ``dbp_match_exact(q)`` give the FTS5 expressions of the folded and exact
  indexes, ``dbp_query_problem(q)`` the one-line reason a query cannot run (else null),
  ``dbp_snippet(q, title, lead, body)`` a snippet of the visible text as safe HTML. An empty
  or malformed query compiles to ``'""'``, which matches nothing: never an SQL error.
* ``render_cell``: a ``snippet`` column holding text whose only tags are ``<mark>``/``</mark>``
  is shown as HTML (highlighted); any other markup is escaped as usual.
* ``register_facet_classes``: ``{"month": "published_at"}`` facets by ``YYYY-MM``; choosing a
  month filters with ``published_at__startswith=YYYY-MM``.
* ``register_routes``: ``/-/dbp/diff/<article_id>?from=N&to=M``, an article's edits as a word
  diff (``dbp-archive diff --format html``).
  ``/-/dbp/report?q=QUERY``: the page of ``dbp-archive report`` (``scraper/report.py``),
  built from the served archive.
"""

from __future__ import annotations

import sqlite3
import sys
from dataclasses import dataclass
from functools import lru_cache
from typing import Any, Final

from datasette import hookimpl
from datasette.database import QueryInterrupted
from datasette.facets import Facet
from datasette.utils import escape_sqlite, path_with_added_args, path_with_removed_args
from markupsafe import Markup

from scraper.archive import search

PLUGIN_NAME: Final = "dbp-archive"
NOTHING: Final = '""'  # an FTS5 expression that is valid and matches no row
MARK_OPEN: Final = "<mark>"
MARK_CLOSE: Final = "</mark>"


@dataclass(frozen=True, slots=True)
class Compiled:
    """A user query read once: its FTS5 expressions, or the reason it cannot run."""

    node: Any = None  # the parsed query (scraper.archive.query.Node), None if none
    folded: str = NOTHING
    exact: str = NOTHING
    problem: str | None = None


@lru_cache(maxsize=256)
def compile_query(query: str) -> Compiled:
    """Return ``query`` read by the search module's parser; never raises."""
    if not query.strip():
        return Compiled()
    try:
        node = search.parse_query(query)
        folded, exact = search.match_expressions(node)
    except search.QueryError as exc:
        return Compiled(problem=str(exc))
    return Compiled(node=node, folded=folded, exact=exact or NOTHING)


def fts_match(query: str | None) -> str:
    """Return the FTS5 expression of ``query`` for ``articles_fts`` (``'""'`` if none)."""
    return compile_query(query or "").folded


def fts_match_exact(query: str | None) -> str:
    """Return the expression for ``articles_fts_exact`` (``'""'`` when the query has no
    diacritics: exact-form ranking only applies to a query typed with them)."""
    return compile_query(query or "").exact


def query_problem(query: str | None) -> str | None:
    """Return why ``query`` cannot run (one line), or None (an empty query is no problem)."""
    return compile_query(query or "").problem


def snippet(query: str | None, title: str | None, lead: str | None, body: str | None) -> str:
    """Return a passage of the visible text around the query's words as safe HTML (escaped,
    the words in ``<mark>``): ``search.snippet_html``, as ``dbp-archive search`` shows it."""
    node = compile_query(query or "").node
    if node is None:
        return ""
    return str(search.snippet_html(node, title or "", lead or "", body or ""))


def is_safe_snippet(value: object) -> bool:
    """Whether ``value`` is text whose only markup is ``<mark>``/``</mark>`` (safe to render)."""
    if not isinstance(value, str):
        return False
    bare = value.replace(MARK_OPEN, "").replace(MARK_CLOSE, "")
    return "<" not in bare and ">" not in bare


@hookimpl
def prepare_connection(conn: sqlite3.Connection) -> None:
    conn.create_function("dbp_match", 1, fts_match, deterministic=True)
    conn.create_function("dbp_match_exact", 1, fts_match_exact, deterministic=True)
    conn.create_function("dbp_query_problem", 1, query_problem, deterministic=True)
    conn.create_function("dbp_snippet", 4, snippet, deterministic=True)


@hookimpl
def render_cell(value: object, column: str) -> Markup | None:
    if column == "snippet" and is_safe_snippet(value):
        return Markup(value)
    return None


class MonthFacet(Facet):  # type: ignore[misc]
    """Counts per ``YYYY-MM`` of a date column (ISO text), newest month first."""

    type = "month"

    async def suggest(self) -> list[dict[str, Any]]:
        return []

    async def facet_results(self) -> tuple[list[dict[str, Any]], list[str]]:
        results: list[dict[str, Any]] = []
        timed_out: list[str] = []
        args = dict(self.get_querystring_pairs())
        size = self.get_facet_size()
        for source_and_config in self.get_configs():
            config = source_and_config["config"]
            column = config.get("column") or config["simple"]
            col = escape_sqlite(column)
            sql = (
                f"SELECT substr({col}, 1, 7) AS value, count(*) AS count FROM ({self.sql})"
                f" WHERE {col} GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]*'"
                f" GROUP BY value ORDER BY value DESC LIMIT {size + 1}"
            )
            try:
                rows = await self.ds.execute(
                    self.database,
                    sql,
                    self.params,
                    truncate=False,
                    custom_time_limit=self.ds.setting("facet_time_limit_ms"),
                )
            except QueryInterrupted:
                timed_out.append(column)
                continue
            key = f"{column}__startswith"
            values = []
            for row in rows.rows[:size]:
                selected = args.get(key) == row["value"]
                path = (
                    path_with_removed_args(self.request, {key: row["value"]})
                    if selected
                    else path_with_added_args(self.request, {key: row["value"]})
                )
                values.append(
                    {
                        "value": row["value"],
                        "label": row["value"],
                        "count": row["count"],
                        "toggle_url": self.ds.absolute_url(self.request, path),
                        "selected": selected,
                    }
                )
            results.append(
                {
                    "name": column,
                    "type": self.type,
                    "results": values,
                    "hideable": source_and_config["source"] != "metadata",
                    "toggle_url": path_with_removed_args(self.request, {"_facet_month": column}),
                    "truncated": len(rows.rows) > size,
                }
            )
        return results, timed_out


@hookimpl
def register_facet_classes() -> list[type]:
    return [MonthFacet]


DIFF_ROUTE: Final = r"^/-/dbp/diff/(?P<article_id>[^/]+)$"


async def diff_view(datasette: Any, request: Any) -> Any:
    """``/-/dbp/diff/<article_id>?from=N&to=M``: the word diff of two versions as an HTML page
    (``dbp-archive diff --format html``); the last two versions by default. 404 for an
    unknown article or version, 400 for a version that is not a number."""
    from datasette.utils.asgi import Response

    from scraper.archive.changes import ChangeError, diff_html_page, load_diff

    article_id = request.url_vars["article_id"]
    try:
        chosen = [
            int(request.args[name]) if request.args.get(name) else None for name in ("from", "to")
        ]
    except ValueError:
        return Response.text("from and to must be version numbers\n", status=400)
    for database in datasette.databases.values():
        if await database.table_exists("article_versions"):
            break
    else:
        return Response.text("no archive is served here\n", status=404)

    def read(conn: sqlite3.Connection) -> str:
        return diff_html_page(load_diff(conn, article_id, chosen[0], chosen[1]))

    try:
        page = await database.execute_fn(read)
    except ChangeError as exc:
        return Response.text(f"{exc}\n", status=404)
    return Response.html(page)


REPORT_ROUTE: Final = r"^/-/dbp/report$"


async def report_view(datasette: Any, request: Any) -> Any:
    """``/-/dbp/report?q=coffee&q=border``: the page ``dbp-archive report`` writes, built from
    the served archive (each ``q`` a query of the attention chart). 400 for a malformed
    query, 404 when no archive is served."""
    from datasette.utils.asgi import Response

    from scraper.report import build_report

    queries = [q for q in request.args.getlist("q") if q.strip()]
    for database in datasette.databases.values():
        if await database.table_exists("article_versions"):
            break
    else:
        return Response.text("no archive is served here\n", status=404)

    def read(conn: sqlite3.Connection) -> str:
        return build_report(conn, queries=queries, name=f"{database.name}.db")

    try:
        page = await database.execute_fn(read)
    except search.QueryError as exc:
        return Response.text(f"{exc}\n", status=400)
    return Response.html(page)


@hookimpl
def register_routes() -> list[tuple[str, Any]]:
    # One hook per module: add further routes to this list.
    return [(DIFF_ROUTE, diff_view), (REPORT_ROUTE, report_view)]


def register() -> None:
    """Register this module with Datasette's plugin manager (once per process)."""
    from datasette.plugins import pm

    if pm.get_plugin(PLUGIN_NAME) is None:
        pm.register(sys.modules[__name__], name=PLUGIN_NAME)
