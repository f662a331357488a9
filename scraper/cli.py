"""The ``dbp-archive`` command line: thin commands over the library modules.

Exit codes (``scraper.health.ExitCode``): 0 ok, 1 failed, 2 usage or bad input,
3 degraded (fill-rate alarm), 4 locked (another crawl is running), 5 interrupted (a crawl
stopped by SIGTERM/SIGINT).
"""

from __future__ import annotations

import errno
import json
import os
import re
import sys
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import click

from scraper.config import (
    ARCHIVE_ENV,
    TRACEBACK_ENV,
    CrawlConfig,
    contact_from_env,
    recheck_slice,
)
from scraper.health import ExitCode

CRAWL_DEFAULTS = CrawlConfig()
DEFAULT_DB = CRAWL_DEFAULTS.archive
DEMO_QUERIES = ("coffee", "border", "tourism")  # the demo report's attention chart
# The offline mirror the demo serves: package data (tests/fixtures/site without its JSON).
DEMO_SITE = Path(__file__).resolve().parent / "demo_site"


def fail(message: str, code: ExitCode = ExitCode.USAGE) -> None:
    """Print one line on stderr and exit with ``code``: never a traceback."""
    click.echo(f"dbp-archive: error: {message}", err=True)
    sys.exit(int(code))


class _ReaderGone(Exception):
    """Stdout's reader went away (``export | head -1``): not an error, the output was wanted."""


def quiet_stdout() -> None:
    """Point stdout at /dev/null so that Python's flush at exit cannot fail on a closed pipe."""
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        os.close(devnull)
    except (OSError, ValueError):
        pass


class Commands(click.Group):
    """The ``dbp-archive`` group: every error is one line on stderr with its documented code.

    Click's own usage errors (several lines: usage, hint, error) become one line; a closed
    pipe on stdout ends quietly with 0; Ctrl-C outside a crawl ends with ``interrupted``; an
    unexpected exception is one ``crashed:`` line and exit 1 (the environment variable
    ``scraper.config.TRACEBACK_ENV`` set to 1 shows the traceback).
    """

    def invoke(self, ctx: click.Context) -> Any:
        try:
            return super().invoke(ctx)
        except OSError as exc:  # click.main would turn EPIPE into exit 1
            if exc.errno == errno.EPIPE:
                raise _ReaderGone from exc
            raise

    def main(  # type: ignore[override]
        self,
        args: list[str] | None = None,
        prog_name: str | None = None,
        complete_var: str | None = None,
        standalone_mode: bool = True,
        **extra: Any,
    ) -> Any:
        if not standalone_mode:
            return super().main(args, prog_name, complete_var, standalone_mode, **extra)
        try:
            try:
                result = super().main(args, prog_name, complete_var, False, **extra)
            finally:
                sys.stdout.flush()  # here, where a closed pipe can still be caught
        except (_ReaderGone, BrokenPipeError):
            quiet_stdout()
            sys.exit(int(ExitCode.OK))
        except click.UsageError as exc:
            where = f" (see {exc.ctx.command_path} --help)" if exc.ctx else ""
            fail(one_line(exc.format_message()) + where, ExitCode.USAGE)
        except click.FileError as exc:  # --output in a missing folder: bad input
            fail(one_line(exc.format_message()), ExitCode.USAGE)
        except click.ClickException as exc:
            fail(one_line(exc.format_message()), ExitCode.FAILED)
        except click.Abort:
            fail("interrupted", ExitCode.INTERRUPTED)
        except Exception as exc:
            if os.environ.get(TRACEBACK_ENV):
                raise
            fail(f"crashed: {type(exc).__name__}: {one_line(str(exc))}", ExitCode.FAILED)
        sys.exit(result if isinstance(result, int) else int(ExitCode.OK))


def one_line(text: str) -> str:
    """Return ``text`` on one line (a message from a library may hold several)."""
    return "; ".join(line.strip() for line in text.strip().splitlines() if line.strip())


# What a site operator can act on: an http(s) URL with a host, or an e-mail address; printable
# ASCII only, as it goes into an HTTP header (servers read header bytes as Latin-1).
_CONTACT_URL = re.compile(r"^https?://[A-Za-z0-9.-]+(?::\d{1,5})?(?:[/?#][!-~]*)?$")
_CONTACT_EMAIL = re.compile(r"^[A-Za-z0-9.!#$%&'*+/=?^_`{|}~-]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)+$")


def check_contact(ctx: click.Context, param: click.Parameter, value: str | None) -> str | None:
    """Refuse a ``--contact`` that is neither an http(s) URL nor an e-mail address (exit 2)."""
    if value is None or _CONTACT_URL.match(value) or _CONTACT_EMAIL.match(value):
        return value
    raise click.BadParameter(
        f"{value!r} is neither an http(s) URL nor an e-mail address (ASCII, no spaces)",
        ctx=ctx,
        param=param,
    )


def check_recheck(ctx: click.Context, param: click.Parameter, value: str | None) -> str | None:
    """Accept ``auto`` or a count (0 or more) for ``--recheck``."""
    if value is None:
        return None
    try:
        recheck_slice(value, 0, cycle_runs=1, cap=0)
    except ValueError:
        raise click.BadParameter(f"give a count (0 or more) or 'auto', not {value!r}") from None
    return value.strip().lower()


def crawl_or_fail(options):  # type: ignore[no-untyped-def]
    """Run one crawl; on a lock, archive or unexpected error, exit with one line."""
    from scraper.archive import ArchiveError, BadArchiveError
    from scraper.archive.lock import LockedError
    from scraper.crawl import run_crawl

    try:
        return run_crawl(options)
    except LockedError as exc:
        fail(str(exc), ExitCode.LOCKED)
    except BadArchiveError as exc:  # --db is a folder, not SQLite, or in a missing folder
        fail(str(exc), ExitCode.USAGE)
    except ArchiveError as exc:  # read-only, or failed
        fail(str(exc), ExitCode.FAILED)
    except Exception as exc:  # noqa: BLE001 - a cron job wants one line and an exit code
        fail(f"crawl failed: {type(exc).__name__}: {exc}", ExitCode.FAILED)
    raise AssertionError("unreachable")  # fail() exits


def db_option(func):  # type: ignore[no-untyped-def]
    return click.option(
        "--db",
        "db",
        type=click.Path(dir_okay=False, path_type=Path),
        default=DEFAULT_DB,
        show_default=True,
        envvar=ARCHIVE_ENV,
        help="The archive (SQLite) file.",
    )(func)


@click.group(
    cls=Commands,
    context_settings={"help_option_names": ["-h", "--help"], "max_content_width": 100},
)
@click.version_option(package_name="dbp-archive")
def main() -> None:
    """Archive Báo Điện Biên Phủ (English edition) into SQLite, and query it.

    \b
    Examples:
      dbp-archive demo                        # crawl the bundled offline mirror
      dbp-archive crawl                       # incremental crawl of the live site
      dbp-archive probe --save probe/         # first contact: a few live pages, judged
      dbp-archive search "Điện Biên coffee"    # full-text search, diacritics optional
      dbp-archive export --format jsonl > articles.jsonl
    """


@main.command()
@db_option
@click.option(
    "--mirror",
    metavar="URL",
    help="Fetch the site's paths from this base URL instead "
    "(offline mirror); stored URLs stay the real ones.",
)
@click.option("--full", is_flag=True, help="Walk every listing page (backfill), not just new ones.")
@click.option(
    "--since",
    metavar="DATE",
    help="Stop at listing pages whose archived articles are all older than DATE (YYYY-MM-DD).",
)
@click.option("--delay", type=click.FloatRange(0), help="Seconds between requests (default 1).")
@click.option("--concurrency", type=click.IntRange(1, 16), help="Requests in flight (default 2).")
@click.option(
    "--no-autothrottle",
    "autothrottle",
    flag_value=False,
    default=None,
    help="Disable AutoThrottle.",
)
@click.option("--max-size", type=click.IntRange(1024), help="Byte limit per response (10 MB).")
@click.option("--timeout", type=click.FloatRange(1), help="Seconds per response (default 30).")
@click.option(
    "--page-cap",
    type=click.IntRange(1),
    help=f"Listing pages per section ({CRAWL_DEFAULTS.page_cap}).",
)
@click.option(
    "--revisit-days",
    type=click.FloatRange(0),
    help="Re-fetch articles first seen this many days ago or less, conditionally "
    f"(default {CRAWL_DEFAULTS.revisit_days:g}).",
)
@click.option(
    "--recheck",
    metavar="N|auto",
    callback=check_recheck,
    help="Re-check this many archived articles of the back catalogue, oldest check first, "
    "conditionally (edits, removals: the ledger); 0 for none. Default "
    f"{CRAWL_DEFAULTS.recheck}: archived/{CRAWL_DEFAULTS.recheck_cycle_runs} a run (the "
    f"catalogue a month at 4 runs a day), at most {CRAWL_DEFAULTS.max_rechecks}.",
)
@click.option(
    "--contact",
    metavar="URL_OR_EMAIL",
    callback=check_contact,
    help="Contact put in the User-Agent.",
)
@click.option(
    "--ignore-robots",
    is_flag=True,
    help="Do not read robots.txt (only for a mirror of your own; never the live site).",
)
@click.option(
    "--log-file",
    type=click.Path(dir_okay=False, path_type=Path),
    help="Write the full log here (Scrapy's included; rotated at 5 MB, 3 backups); "
    "nothing is logged on stderr then.",
)
@click.option(
    "--fill-threshold",
    type=click.FloatRange(0, 1),
    help="Degraded below this fill rate of title/body/published_at "
    f"(default {CRAWL_DEFAULTS.fill_threshold:g}).",
)
@click.option(
    "--quiet", "-q", is_flag=True, help="No progress display: only warnings and the summary."
)
@click.option(
    "--verbose",
    "-v",
    count=True,
    help="Show Scrapy's banner and log on stderr (-vv: debug lines too).",
)
def crawl(
    db: Path,
    mirror: str | None,
    full: bool,
    since: str | None,
    delay: float | None,
    concurrency: int | None,
    autothrottle: bool | None,
    max_size: int | None,
    timeout: float | None,
    page_cap: int | None,
    revisit_days: float | None,
    recheck: str | None,
    contact: str | None,
    ignore_robots: bool,
    log_file: Path | None,
    fill_threshold: float | None,
    quiet: bool,
    verbose: int,
) -> None:
    """Crawl the site into the archive (incremental by default).

    Prints our own warnings on stderr, a progress display when stderr is a terminal (not
    with --quiet, never under cron) and the run summary on stdout. SIGTERM or Ctrl-C stores
    the pages in flight and ends the run as interrupted (exit 5); a second one stops at once.
    The next run resumes where it stopped.

    \b
    Examples:
      dbp-archive crawl
      dbp-archive crawl --full --db /data/dbp/archive.db --log-file /data/dbp/crawl.log
      dbp-archive crawl --mirror http://127.0.0.1:8123 --delay 0
      dbp-archive crawl --recheck 500     # re-check 500 archived articles this run
    \b
    Exit codes: 0 ok, 1 failed, 2 usage, 3 degraded (fill-rate alarm), 4 locked,
    5 interrupted (SIGTERM/SIGINT).
    """
    from scraper.crawl import CrawlOptions
    from scraper.reports import run_summary

    if since:
        try:
            datetime.strptime(since, "%Y-%m-%d")
        except ValueError:
            fail(f"--since must be YYYY-MM-DD, got {since!r}")
    if mirror and not mirror.startswith(("http://", "https://")):
        fail(f"--mirror must be an http(s) URL, got {mirror!r}")
    options = CrawlOptions(
        archive=db,
        mirror=mirror,
        full=full,
        since=since,
        delay=delay,
        concurrency=concurrency,
        autothrottle=autothrottle,
        max_size=max_size,
        timeout=timeout,
        page_cap=page_cap,
        revisit_days=revisit_days,
        recheck=recheck,
        contact=contact,
        robots=not ignore_robots,
        log_file=log_file,
        verbosity=verbose,
        quiet=quiet,
        fill_threshold=fill_threshold,
    )
    report = crawl_or_fail(options)
    if report.row:
        click.echo(run_summary(report.row))
    sys.exit(int(report.code))


@main.command()
@click.argument("path", type=click.Path(path_type=Path))
@click.option("--url", required=True, help="The page's URL on the site (gives id and section).")
@click.option("--explain", is_flag=True, help="Show which step produced each field.")
def extract(path: Path, url: str, explain: bool) -> None:
    """Print the record of one saved article page as JSON.

    \b
    Example:
      dbp-archive extract page.html \\
        --url https://en.baodienbienphu.com.vn/kinh-te/some-title-wZVLwJQNR.html --explain
    """
    from scraper.extract import ExtractionError, extract_article
    from scraper.sniff import html_problem

    if path.is_dir():
        fail(f"{path} is a folder, not a saved page")
    if not path.exists():
        fail(f"no such file: {path}")
    try:
        data = path.read_bytes()
    except OSError as exc:
        fail(f"cannot read {path}: {exc.strerror or exc}")
    problem = html_problem(data)
    if problem:
        fail(f"{path} is not HTML: {problem}")
    try:
        result = extract_article(data, url, datetime.now(UTC))
    except ExtractionError as exc:
        fail(str(exc))
    output: dict[str, object] = result.article.to_dict()
    if explain:
        output = {"record": output, "provenance": result.provenance, "warnings": result.warnings}
    click.echo(json.dumps(output, ensure_ascii=False, indent=2, sort_keys=True))


def filter_options(func):  # type: ignore[no-untyped-def]
    """Add the filters shared by ``search`` and ``export``."""
    for option in reversed(
        [
            click.option(
                "--section",
                help="Section slug or any label it has had (kinh-te, BUSINESS, ECONOMY): "
                "the whole section. See `dbp-archive sections`.",
            ),
            click.option(
                "--author",
                help="Author name or part of it; diacritics optional ('ha linh': Hà Linh).",
            ),
            click.option("--since", metavar="YYYY-MM-DD", help="Published on or after."),
            click.option("--until", metavar="YYYY-MM-DD", help="Published on or before."),
        ]
    ):
        func = option(func)
    return func


def filters_for(archive: Any, **values: str | None) -> Any:
    """Return the search/export ``Filters`` with ``section`` resolved to its slug.

    ``--section`` takes the slug or any label the section has carried, and always means the
    whole section; an unknown one raises ``QueryError`` (``SectionError``) listing the valid ones.
    """
    from scraper.archive.search import Filters
    from scraper.archive.sections import resolve_section

    section = values.pop("section", None)
    slug = resolve_section(archive, section) if section is not None else None
    return Filters(section=slug, **values)


def check_db_writable(db: Path) -> None:
    """Exit with one line unless a crawl can write ``db``: 2 bad path, 1 read-only."""
    from scraper.archive import BadArchiveError, ReadOnlyArchiveError
    from scraper.archive.store import check_writable

    try:
        check_writable(db)
    except BadArchiveError as exc:
        fail(str(exc), ExitCode.USAGE)
    except ReadOnlyArchiveError as exc:
        fail(str(exc), ExitCode.FAILED)


def require_archive(db: Path) -> None:
    """Exit 2 with one line unless ``db`` exists in an existing folder."""
    if not db.parent.is_dir():
        fail(f"folder does not exist: {db.parent}")
    if not db.exists():
        fail(f"no archive at {db} (run `dbp-archive crawl` or `make demo` first)")


def open_existing(db: Path, *, write: bool = False):  # type: ignore[no-untyped-def]
    """Return the open archive at ``db``, or exit with a one-line error.

    Read commands open it read-only (it may be a read-only copy) and create nothing, no lock
    file either; ``write``: the caller holds the archive's lock. Exit 2 when ``db`` is no
    archive (missing, a folder, not SQLite, in a missing folder), 1 when it cannot be opened
    or, for ``write``, written.
    """
    from scraper.archive import ArchiveError, BadArchiveError, open_archive

    require_archive(db)
    try:
        return open_archive(db, readonly=not write)
    except BadArchiveError as exc:
        fail(str(exc), ExitCode.USAGE)
    except ArchiveError as exc:
        fail(str(exc), ExitCode.FAILED)


@main.command()
@db_option
@filter_options
@click.option("--query", "-q", help="Only articles matching this search query (as `search`).")
@click.option("--limit", type=click.IntRange(1), help="At most this many articles.")
@click.option("--versions", is_flag=True, help="Every stored version, not just the current one.")
@click.option(
    "--format",
    "fmt",
    type=click.Choice(["jsonl", "json", "csv", "parquet"]),
    default="jsonl",
    show_default=True,
    help="json: one array; parquet: typed columns, needs --output.",
)
@click.option(
    "--output",
    "-o",
    type=click.Path(dir_okay=False, path_type=Path),
    help="Write here instead of stdout.",
)
def export(
    db: Path,
    section: str | None,
    author: str | None,
    since: str | None,
    until: str | None,
    query: str | None,
    limit: int | None,
    versions: bool,
    fmt: str,
    output: Path | None,
) -> None:
    """Export the archived articles (current versions), oldest first, with citation columns.

    Every row is the article's record plus where it came from: archived_url, page_sha256 and
    page_fetched_at (the stored raw page, also in `export-warc`), version, version_count and
    captured_at, first_seen, last_seen, extractor_version (docs/schema.md). --section takes a
    slug or any label the section has had; --query is `search`'s query language.

    \b
    Examples:
      dbp-archive export --format jsonl > articles.jsonl
      dbp-archive export --format csv --section kinh-te --since 2025-01-01 -o economy.csv
      dbp-archive export --query "coffee" --format parquet -o coffee.parquet
      dbp-archive export --versions --section ECONOMY --limit 10 --format json
    """
    from scraper.archive.export import Selection, iter_rows, write_parquet, write_rows
    from scraper.archive.search import QueryError

    if fmt == "parquet" and output is None:
        fail("--format parquet needs --output FILE (Parquet is a binary file, not a stream)")
    if output is not None and not output.parent.is_dir():
        fail(f"folder does not exist: {output.parent}")
    with open_existing(db) as archive:
        try:
            selection = Selection(
                filters=filters_for(
                    archive, section=section, author=author, since=since, until=until
                ),
                query=query,
                limit=limit,
                versions=versions,
            )
            rows = iter_rows(archive, selection)
            first = next(rows, None)  # a bad filter or query fails here, before any output
        except QueryError as exc:
            fail(str(exc))
        every = _chain(first, rows)
        if fmt == "parquet":
            assert output is not None
            done = write_parquet(every, output)
        elif output is None:
            done = write_rows(every, sys.stdout, fmt)
        else:
            with output.open("w", encoding="utf-8", newline="") as stream:
                done = write_rows(every, stream, fmt)
    versions_of = f"{done.rows} versions of " if versions else ""
    click.echo(f"{versions_of}{done.articles} articles exported", err=True)


@main.command()
@db_option
@click.option("--json", "as_json", is_flag=True, help="Print JSON.")
def sections(db: Path, as_json: bool) -> None:
    """List the sections: slug, articles, and every label each has carried, oldest first.

    Each label shows how many articles carry it and the first and last publication date
    under it: a renamed section reads as its history. Any slug or label listed here is a
    valid --section for search and export, and always means the whole section.

    \b
    Examples:
      dbp-archive sections
      dbp-archive sections --json
    """
    from scraper.archive.sections import section_history, sections_text

    with open_existing(db) as archive:
        history = section_history(archive)
    if as_json:
        click.echo(json.dumps([s.to_dict() for s in history], ensure_ascii=False, indent=2))
    else:
        click.echo(sections_text(history))


def _chain(first: Any, rest: Any) -> Any:
    """Yield ``first`` (unless None), then the rest of the iterator."""
    if first is not None:
        yield first
    yield from rest


@main.command()
@db_option
@click.argument("query")
@filter_options
@click.option("--limit", type=click.IntRange(1, 10_000), default=20, show_default=True)
@click.option(
    "--sort",
    type=click.Choice(["relevance", "newest", "oldest"]),
    default="relevance",
    show_default=True,
    help="relevance: exact form first, then title > lead > body; newest/oldest: by date.",
)
@click.option(
    "--format",
    "fmt",
    type=click.Choice(["table", "json", "csv"]),
    default="table",
    show_default=True,
    help="json: {total, results}; csv: a total column on every row.",
)
def search(
    db: Path,
    query: str,
    section: str | None,
    author: str | None,
    since: str | None,
    until: str | None,
    limit: int,
    sort: str,
    fmt: str,
) -> None:
    """Full-text search of titles, leads and bodies; Vietnamese diacritics optional.

    \b
    "Điện Biên", "Dien Bien" and "dien bien" find the same articles; a query with
    diacritics lists exact-form matches first (marked *). Every match is ranked; the
    output says how many there are ("20 of 1,234 matches").
    \b
    Query language (operators in capitals; docs/search.md):
      coffee harvest            both words (AND)
      "coffee harvest"          the exact phrase
      coffee OR tea             either word
      coffee NOT tea, coffee -tea   coffee without tea
      harv*                     words starting with harv
      title:coffee              in the title; also lead:, body:, title:"a phrase"
      (coffee OR tea) harvest   grouping
    \b
    Examples:
      dbp-archive search "Điện Biên coffee"
      dbp-archive search '"Mường Thanh" -football' --sort newest
      dbp-archive search "muong thanh" --section van-hoa --since 2025-01-01 --format json
    """
    from scraper.archive.search import QueryError
    from scraper.archive.search import search as run_search
    from scraper.reports import results_csv, results_json, results_table

    with open_existing(db) as archive:
        try:
            results = run_search(
                archive,
                query,
                limit=limit,
                sort=sort,
                filters=filters_for(
                    archive, section=section, author=author, since=since, until=until
                ),
            )
        except QueryError as exc:
            fail(str(exc))
    if fmt == "json":
        click.echo(results_json(results))
    elif fmt == "csv":
        click.echo(results_csv(results), nl=False)
    else:
        click.echo(results_table(results))


@main.command()
@db_option
@click.argument("queries", metavar="QUERY...", nargs=-1, required=True)
@click.option(
    "--by",
    type=click.Choice(["day", "week", "month", "year"]),
    default="month",
    show_default=True,
    help="Period: +07:00 calendar day, ISO week (2024-W48), month or year.",
)
@filter_options
@click.option(
    "--format",
    "fmt",
    type=click.Choice(["table", "csv", "json"]),
    default="table",
    show_default=True,
    help="csv: period,total,count:Q,ratio:Q…; json: [{period,total,counts,ratios}].",
)
def trends(
    db: Path,
    queries: tuple[str, ...],
    by: str,
    section: str | None,
    author: str | None,
    since: str | None,
    until: str | None,
    fmt: str,
) -> None:
    """Attention over time: per period, articles matching each QUERY, all articles, ratio.

    Each QUERY is in the query language of `search` (diacritics optional). Every period from
    the first to the last (or --since to --until) is listed, zeros included. Periods are
    calendar periods in +07:00; weeks are ISO weeks. Articles without a publication date
    belong to no period: how many were left out is one line on stderr.

    \b
    Examples:
      dbp-archive trends coffee border tourism
      dbp-archive trends '"Mường Thanh"' 'coffee OR tea' --by week --since 2025-01-01
      dbp-archive trends coffee --section kinh-te --by year --format csv > coffee.csv
    """
    from scraper.archive import trends as series
    from scraper.archive.search import QueryError

    with open_existing(db) as archive:
        try:
            result = series.trends(
                archive,
                list(queries),
                by=by,  # type: ignore[arg-type]
                filters=filters_for(
                    archive, section=section, author=author, since=since, until=until
                ),
            )
        except QueryError as exc:
            fail(str(exc))
    if fmt == "json":
        click.echo(series.to_json(result))
    elif fmt == "csv":
        click.echo(series.to_csv(result), nl=False)
    else:
        click.echo(series.to_table(result))
    note = series.undated_note(result)
    if note:
        click.echo(note, err=True)


def write_report(db: Path, out: Path, queries: list[str]) -> bool:
    """Write the HTML report of the archive at ``db`` to ``out``; return False if the archive
    holds no article (the page is written all the same, without charts)."""
    from scraper.archive.report_data import is_empty
    from scraper.archive.search import QueryError
    from scraper.report import build_report

    with open_existing(db) as archive:
        try:
            page = build_report(archive.conn, queries=queries, name=db.name)
        except QueryError as exc:
            fail(str(exc))
        empty = is_empty(archive.conn)
    try:
        out.write_text(page, encoding="utf-8")
    except OSError as exc:
        fail(f"cannot write {out}: {exc.strerror or exc}", ExitCode.FAILED)
    return not empty


@main.command()
@db_option
@click.option(
    "--out",
    "-o",
    type=click.Path(dir_okay=False, path_type=Path),
    help="The HTML file to write (default: report.html beside the archive).",
)
@click.option(
    "--query",
    "-q",
    "queries",
    multiple=True,
    help="A search query whose share of articles per month is charted (repeatable).",
)
def report(db: Path, out: Path | None, queries: tuple[str, ...]) -> None:
    """Write one self-contained HTML report of the archive: charts with their data.

    Articles per week by section, attention over time for each --query (share per month,
    counts in the table), top authors per year, each section's label history, edits per
    week and the most-edited articles, crawl health per run, the most-linked articles.
    The file opens from disk with no network (charts are inline SVG); `serve` shows the
    same page at /-/dbp/report. Prints the file's path.

    \b
    Examples:
      dbp-archive report
      dbp-archive report --query coffee --query '"Mường Thanh"' --out mt.html
    """
    out = out if out is not None else db.parent / "report.html"
    if not out.parent.is_dir():
        fail(f"folder does not exist: {out.parent}")
    if not write_report(db, out, list(queries)):
        click.echo(f"the archive holds no article yet: {out} has no chart", err=True)
    click.echo(str(out.resolve()))


@main.command()
@db_option
@click.option("--json", "as_json", is_flag=True, help="Print JSON (plain nested objects).")
def stats(db: Path, as_json: bool) -> None:
    """Show counts, date range, sections, the last run, its fill rates and warnings.

    The last run is given as `runs --json` gives it: times in UTC and local time, fill rates,
    warnings and summary as nested JSON.

    \b
    Example:
      dbp-archive stats --db archive.db
      dbp-archive stats --json | jq .last_run.fill_rates
    """
    from scraper.archive.search import stats as archive_stats
    from scraper.reports import run_record, stats_text

    with open_existing(db) as archive:
        figures = archive_stats(archive)
    if figures.get("last_run"):
        figures["last_run"] = run_record(figures["last_run"])
    click.echo(
        json.dumps(figures, ensure_ascii=False, indent=2, default=str)
        if as_json
        else stats_text(figures)
    )


@main.command()
@db_option
@click.option("--limit", type=click.IntRange(1), default=10, show_default=True)
@click.option("--json", "as_json", is_flag=True, help="Print a JSON array, newest run first.")
def runs(db: Path, limit: int, as_json: bool) -> None:
    """List recent runs: start and end times, counts, exit status, fill rates and warnings.

    Times are shown in this machine's time zone with UTC beside them (--json: started_at and
    ended_at in UTC as stored, started_at_local and ended_at_local with the local offset).
    A degraded run's warnings name the field: a fill rate that fell, or values that cannot
    all be true (implausible published_at: 28 of 30 timestamps … are the same, …).

    \b
    Example:
      dbp-archive runs --limit 5
      dbp-archive runs --json | jq '.[0].ended_at_local'
    """
    from scraper.reports import run_record, run_summary

    with open_existing(db) as archive:
        rows = archive.runs(limit=limit)
    if as_json:
        records = [run_record(row) for row in rows]
        click.echo(json.dumps(records, ensure_ascii=False, indent=2, default=str))
        return
    if not rows:
        click.echo("no runs yet")
    for row in rows:
        click.echo(run_summary(row))


@main.command()
@db_option
def reextract(db: Path) -> None:
    """Re-run the current extractor over the stored raw pages (no network).

    A record whose content changes gets a new version; others are left as they are.

    \b
    Example:
      dbp-archive reextract --db archive.db
    """
    from scraper.archive import ArchiveError, BadArchiveError
    from scraper.archive.lock import LockedError, archive_lock
    from scraper.reextract import reextract as run_reextract

    require_archive(db)  # before the lock: a missing archive gets no lock file
    try:
        with archive_lock(db.resolve()), open_existing(db, write=True) as archive:
            report = run_reextract(archive)
    except LockedError as exc:
        fail(str(exc), ExitCode.LOCKED)
    except BadArchiveError as exc:
        fail(str(exc), ExitCode.USAGE)
    except ArchiveError as exc:  # read-only: one line, nothing written
        fail(str(exc), ExitCode.FAILED)
    click.echo(
        f"{report.pages} pages re-extracted: {report.new} new, {report.updated} updated "
        f"(one version each), {report.unchanged} unchanged, {len(report.errors)} errors"
    )
    for error in report.errors[:10]:
        click.echo(f"  {error}", err=True)


@main.command()
@db_option
@click.option(
    "--source",
    type=click.Choice(["wayback", "commoncrawl"]),
    required=True,
    help="The Internet Archive's Wayback Machine (or --wayback-url), or Common Crawl.",
)
@click.option("--since", metavar="YYYY", help="Captures from this year (or YYYY-MM[-DD]) on.")
@click.option("--until", metavar="YYYY", help="Captures up to the end of this year (or month).")
@click.option("--limit", type=click.IntRange(1), help="Fetch at most this many captures this run.")
@click.option(
    "--per-minute",
    type=click.FloatRange(min=0.1),
    help="Requests a minute to each host of the source (default: Wayback 24, Common Crawl 60).",
)
@click.option(
    "--wayback-url",
    metavar="BASE",
    help="A Wayback-compatible service: CDX at BASE/cdx/search/cdx, captures at "
    "BASE/web/TIMESTAMPid_/URL (default https://web.archive.org).",
)
@click.option("--cc-index-url", metavar="URL", help="Common Crawl's index server (collinfo.json).")
@click.option("--cc-data-url", metavar="URL", help="Common Crawl's data server (WARC files).")
@click.option(
    "--contact",
    metavar="URL_OR_EMAIL",
    callback=check_contact,
    help="Contact put in the User-Agent.",
)
@click.option("--quiet", "-q", is_flag=True, help="No progress display: only the summary.")
def backfill(
    db: Path,
    source: str,
    since: str | None,
    until: str | None,
    limit: int | None,
    per_minute: float | None,
    wayback_url: str | None,
    cc_index_url: str | None,
    cc_data_url: str | None,
    contact: str | None,
    quiet: bool,
) -> None:
    """Add the site's past from a web archive: captures become articles and versions.

    Lists the captures of the site's article and listing pages (CDX), fetches each capture
    not fetched yet (one per content digest), extracts it like a crawl and merges it: an
    article the archive lacks is added (first seen = capture time); captures older than
    anything the archive saw become versions in capture-time order; a capture never
    overwrites a newer record, and one between the archive's own sightings is kept out of the
    history (unplaced). A page that is not the article (it declares another address, an
    unknown article without a date) or is cut short adds nothing. Listing captures queue the
    articles they link to for the next crawl of the live site.

    Polite: 24 requests a minute to the Internet Archive by default; a 429 or 5xx waits
    (Retry-After honoured, else a doubling back-off); a Retry-After over 60 s, or 5 refusals
    in a row on two captures running, stop the run (exit 1). Resumable: every capture is
    committed as it is stored, so a second run (or one after a kill) fetches only what is
    missing. A listing is reused for a day. What became of each capture: table `captures`.

    \b
    Examples:
      dbp-archive backfill --source wayback --since 2019 --limit 500
      dbp-archive backfill --source commoncrawl --since 2021 --until 2023
      dbp-archive backfill --source wayback --wayback-url http://127.0.0.1:8080
    \b
    Exit codes: 0 ok, 1 the source kept refusing (run again later), 2 usage, 4 locked,
    5 interrupted.
    """
    import signal

    from scraper import user_agent
    from scraper.archive import ArchiveError, BadArchiveError, open_archive
    from scraper.archive.lock import LockedError, archive_lock
    from scraper.backfill import Backfill, cdx_bound, iso_bounds, summary_line
    from scraper.webarchive import DEFAULT_PER_MINUTE, Pace, PoliteClient, WebArchive

    for name, url in (
        ("--wayback-url", wayback_url),
        ("--cc-index-url", cc_index_url),
        ("--cc-data-url", cc_data_url),
    ):
        if url and not url.startswith(("http://", "https://")):
            fail(f"{name} must be an http(s) URL, got {url!r}")
    try:
        low, high = cdx_bound(since), cdx_bound(until)
    except ValueError as exc:
        fail(f"--since/--until: {exc}")
    start, end = iso_bounds(low, high)
    if start and end and start >= end:
        fail(f"--since {since} is after --until {until}")
    check_db_writable(db)
    pace = Pace(
        per_minute=per_minute or DEFAULT_PER_MINUTE[source],
        backoff=CRAWL_DEFAULTS.retry_backoff,
        retry_after_cap=CRAWL_DEFAULTS.retry_after_cap,
    )
    client = PoliteClient(pace=pace, user_agent=user_agent(contact or contact_from_env()))
    web = WebArchive(source=source, client=client)  # type: ignore[arg-type]
    if wayback_url:
        web.base_url = wayback_url
    if cc_index_url:
        web.cc_index_url = cc_index_url
    if cc_data_url:
        web.cc_data_url = cc_data_url
    bar = _Progress(enabled=not quiet and sys.stderr.isatty())

    def on_term(signum: int, frame: Any) -> None:
        raise KeyboardInterrupt

    previous = signal.signal(signal.SIGTERM, on_term)
    try:
        with archive_lock(db.resolve()), open_archive(db) as archive:
            job = Backfill(archive, web, since=low, until=high, limit=limit, progress=bar.step)
            report = job.run(argv=" ".join(sys.argv))
    except LockedError as exc:
        fail(str(exc), ExitCode.LOCKED)
    except BadArchiveError as exc:
        fail(str(exc), ExitCode.USAGE)
    except ArchiveError as exc:
        fail(str(exc), ExitCode.FAILED)
    finally:
        signal.signal(signal.SIGTERM, previous)
        bar.close()
    click.echo(f"backfill from {source} (run {report.run_id}):")
    click.echo(summary_line(report))
    for error in report.errors[:10]:
        click.echo(f"  {error}", err=True)
    if report.stopped:
        fail(f"{report.stopped}; what was fetched is kept", ExitCode.FAILED)
    if report.interrupted:
        fail("interrupted; run again to resume", ExitCode.INTERRUPTED)
    sys.exit(int(report.code))


class _Progress:
    """A tqdm bar over the captures to fetch, on a terminal only (never under cron)."""

    def __init__(self, *, enabled: bool) -> None:
        self.enabled = enabled
        self.bar: Any = None

    def step(self, report: Any, capture: Any) -> None:
        if not self.enabled:
            return
        if self.bar is None:
            from tqdm import tqdm

            self.bar = tqdm(total=report.to_fetch, unit="capture", file=sys.stderr)
        self.bar.update(1)

    def close(self) -> None:
        if self.bar is not None:
            self.bar.close()


@main.command(name="export-warc")
@db_option
@click.argument("out", type=click.Path(dir_okay=False, path_type=Path))
def export_warc(db: Path, out: Path) -> None:
    """Write the stored raw responses as a WARC 1.1 file (gzipped if OUT ends in .gz).

    A warcinfo record names the archive it came from (path, runs, User-Agent, robots
    policy); each stored page is a request and a response record, robots.txt included when
    the crawl stored it. DBP-Page-Sha256 on a response is the page_sha256 of `export`.

    \b
    Example:
      dbp-archive export-warc dbp.warc.gz && wb-manager add my-coll dbp.warc.gz
    """
    from scraper.archive.warc import export_warc as write_warc

    if not out.parent.exists():
        fail(f"folder does not exist: {out.parent}")
    with open_existing(db) as archive:
        counts = write_warc(archive, out)
    robots = f"robots.txt {counts.robots}" if counts.robots else "no robots.txt stored"
    click.echo(
        f"{counts.responses} response records written to {out} "
        f"(with {counts.requests} request records; {robots})"
    )


@main.command()
@db_option
@click.argument("article_id")
@click.option(
    "--from",
    "from_version",
    type=click.IntRange(1),
    help="The older version (default: the one before --to).",
)
@click.option(
    "--to", "to_version", type=click.IntRange(1), help="The newer version (default: the latest)."
)
@click.option(
    "--format",
    "fmt",
    type=click.Choice(["text", "json", "html"]),
    default="text",
    show_default=True,
    help="text: coloured on a terminal, [-deleted-]{+inserted+} otherwise; html: a page.",
)
def diff(
    db: Path, article_id: str, from_version: int | None, to_version: int | None, fmt: str
) -> None:
    """Show what changed between two versions of an article, word by word.

    Title, lead and body are compared word by word (deletions red and struck through,
    insertions green on a terminal; `[-old-]{+new+}` in a pipe or file); authors, dates,
    images and author titles are shown as before -> after when they changed. By default the
    last two versions; `dbp-archive changes` lists the edited articles.

    \b
    Examples:
      dbp-archive diff wZVLwJQNR
      dbp-archive diff wZVLwJQNR --from 1 --to 3 --format json
      dbp-archive diff wZVLwJQNR --format html > edits.html
    """
    from scraper.archive.changes import (
        ChangeError,
        diff_html_page,
        diff_json,
        diff_text,
        load_diff,
    )

    with open_existing(db) as archive:
        try:
            found = load_diff(archive, article_id, from_version, to_version)
        except ChangeError as exc:
            fail(str(exc))
    if fmt == "json":
        click.echo(json.dumps(diff_json(found), ensure_ascii=False, indent=2))
    elif fmt == "html":
        click.echo(diff_html_page(found), nl=False)
    else:
        click.echo(diff_text(found, color=sys.stdout.isatty()), nl=False)


@main.command()
@db_option
@click.option(
    "--since", metavar="YYYY-MM-DD", help="Edits and removals seen on or after (UTC day)."
)
@click.option(
    "--until", metavar="YYYY-MM-DD", help="Edits and removals seen on or before (UTC day)."
)
@click.option(
    "--format",
    "fmt",
    type=click.Choice(["table", "json", "csv"]),
    default="table",
    show_default=True,
)
def changes(db: Path, since: str | None, until: str | None, fmt: str) -> None:
    """List the edits and removals of a period: when, which article, what changed.

    One line per new version (2 and up) captured in the period, compared with the version
    before it: the fields that changed (title, lead, body, authors, author_titles,
    published_at, modified_at, images) with words inserted/deleted (+n/-m) for the texts and
    items added/removed for authors and images. `dbp-archive diff ID` shows an edit in full.

    And one line per removal or return the re-checks found in the period (the ledger,
    docs/operations.md): gone (HTTP 404/410 seen twice a day or more apart), redirected (to
    a page that is not the article), soft-404 (a page with no article), returned (served
    again). An unconfirmed first 404 ("missing") is not listed: see the article_events table.
    csv and json give each row its kind (edited for an edit).

    \b
    Examples:
      dbp-archive changes --since 2025-01-01
      dbp-archive changes --since 2025-01-01 --until 2025-01-31 --format csv > edits.csv
      dbp-archive changes --format json | jq '.[] | select(.kind == "gone")'
    """
    from scraper.archive.changes import ChangeError, changes_csv, changes_table, iter_period

    with open_existing(db) as archive:
        try:
            found = iter_period(archive, since, until)
            first = next(found, None)  # a bad date fails here, before any output
        except ChangeError as exc:
            fail(str(exc))
        every = _chain(first, found)
        if fmt == "json":
            click.echo(json.dumps([c.to_dict() for c in every], ensure_ascii=False, indent=2))
        elif fmt == "csv":
            for text in changes_csv(every):
                click.echo(text, nl=False)
        else:
            for line in changes_table(every):
                click.echo(line)


@main.command()
@db_option
@click.option(
    "--format",
    "fmt",
    type=click.Choice(["graphml", "gexf", "csv"]),
    default="graphml",
    show_default=True,
    help="graphml/gexf: nodes and edges (Gephi, networkx); csv: the edge list.",
)
@click.option(
    "--output",
    "-o",
    type=click.Path(dir_okay=False, path_type=Path),
    help="Write here instead of stdout.",
)
def graph(db: Path, fmt: str, output: Path | None) -> None:
    """Export the related-news graph: articles as nodes, related links as edges.

    Nodes carry title, section, section_label, published_at, authors and url; link targets
    that are not archived are nodes too, with archived=false. Edges (directed, from the page
    to the linked article) carry the link's position in the page's Recent news list, its
    text and URL. csv: one row per edge (source, target, position, title, url, source_title,
    target_title, target_archived). Streamed: memory stays flat on a large archive.

    \b
    Examples:
      dbp-archive graph --format gexf -o related.gexf       # open in Gephi
      dbp-archive graph --format graphml -o related.graphml # networkx.read_graphml
      dbp-archive graph --format csv > edges.csv
    """
    from scraper.archive.graph import write_graph

    if output is not None and not output.parent.is_dir():
        fail(f"folder does not exist: {output.parent}")
    with open_existing(db) as archive:
        if output is None:
            done = write_graph(archive, sys.stdout, fmt)  # type: ignore[arg-type]
        else:
            with output.open("w", encoding="utf-8", newline="") as stream:
                done = write_graph(archive, stream, fmt)  # type: ignore[arg-type]
    what = f"{done.nodes} nodes ({done.missing} not archived), " if fmt != "csv" else ""
    click.echo(f"{what}{done.edges} edges written", err=True)


def check_host(ctx: click.Context, param: click.Parameter, value: str) -> str:
    """Refuse a ``--host`` that is neither an IP address nor a host name (exit 2)."""
    from scraper.serve import host_problem

    problem = host_problem(value)
    if problem:
        raise click.BadParameter(problem, ctx=ctx, param=param)
    return value


@main.command()
@db_option
@click.option(
    "--host",
    default="127.0.0.1",
    show_default=True,
    callback=check_host,
    help="Address to listen on (0.0.0.0: every interface).",
)
@click.option("--port", type=click.IntRange(1, 65535), default=8001, show_default=True)
def serve(db: Path, host: str, port: int) -> None:
    """Browse the archive in Datasette (descriptions, canned queries, full-text search).

    Datasette runs in this process until Ctrl-C or SIGTERM (exit 0); it leaves no child
    process and no file behind. A port already taken is exit 1.

    \b
    Example:
      dbp-archive serve --port 8001    # then open http://127.0.0.1:8001
    """
    from scraper.archive.datasette import metadata
    from scraper.serve import ServeError, datasette_app, listen, serve_app

    open_existing(db).close()  # one-line errors for a missing or broken archive
    try:
        sock = listen(host, port)
    except ServeError as exc:
        fail(str(exc), ExitCode.FAILED)
    url_host = f"[{host}]" if ":" in host else host
    serve_app(
        datasette_app(db, metadata(db)),
        sock,
        ready=lambda: click.echo(
            f"serving {db} at http://{url_host}:{port}/ (Ctrl-C to stop)", err=True
        ),
    )


@main.command()
@db_option
@click.option("--every", default="6h", show_default=True, help="30m, 6h, 1d ...")
@click.option(
    "--log-file",
    type=click.Path(dir_okay=False, path_type=Path),
    default="logs/crawl.log",
    show_default=True,
)
@click.option("--install", is_flag=True, help="Add the line to your crontab.")
def schedule(db: Path, every: str, log_file: Path, install: bool) -> None:
    """Print a crontab line and a systemd timer/service pair for scheduled crawls.

    An interval cron cannot keep exactly (7h: */7 runs at 21:17 and again at 0:17; 2d) gets
    the systemd timer only, and --install refuses it.

    \b
    Examples:
      dbp-archive schedule --every 6h
      dbp-archive schedule --every 12h --db /data/dbp/archive.db --install
    """
    import shutil

    from scraper import schedule as sched

    invoked = Path(sys.argv[0])
    installed = str(invoked.resolve()) if invoked.name == "dbp-archive" else None
    installed = installed or shutil.which("dbp-archive")
    program = [installed] if installed else [sys.executable, "-m", "scraper.cli"]
    command = sched.crawl_command(program, db.resolve(), log_file.resolve())
    try:
        problem = sched.cron_problem(every)
        service, timer = sched.systemd_units(every, command, Path.cwd())
    except ValueError as exc:
        fail(str(exc))
    if install:
        if problem:
            fail(f"{problem}: no crontab line installed (use the systemd timer it prints)")
        line = sched.crontab_line(every, command)
        try:
            sched.install_crontab(line)
        except sched.ScheduleError as exc:
            fail(f"cannot install the crontab entry: {exc}", ExitCode.FAILED)
        click.echo(f"installed in your crontab:\n{line}")
        return
    if problem:
        click.echo(f"# no crontab line: {problem}; use the systemd timer below\n")
    else:
        click.echo(f"# crontab (crontab -e):\n{sched.crontab_line(every, command)}\n")
    click.echo(f"# ~/.config/systemd/user/dbp-archive.service\n{service}")
    click.echo(f"# ~/.config/systemd/user/dbp-archive.timer\n{timer}")
    click.echo(
        "# then: systemctl --user daemon-reload && systemctl --user enable --now dbp-archive.timer"
    )
    click.echo(sched.LINGER_NOTE)


@main.command()
@click.option(
    "--pages", type=click.IntRange(1, 50), default=5, show_default=True, help="Article pages."
)
@click.option(
    "--save",
    type=click.Path(file_okay=False, path_type=Path),
    help="Write each article page, its record and provenance here (fixture candidates).",
)
@click.option(
    "--mirror",
    metavar="URL",
    help="Fetch the site's paths from this base URL instead (offline mirror).",
)
@click.option(
    "--delay",
    type=click.FloatRange(0),
    default=1.0,
    show_default=True,
    help="Seconds between requests.",
)
@click.option(
    "--contact",
    metavar="URL_OR_EMAIL",
    callback=check_contact,
    help="Contact put in the User-Agent.",
)
def probe(
    pages: int, save: Path | None, mirror: str | None, delay: float, contact: str | None
) -> None:
    """Fetch a few live pages politely, extract them and judge every field.

    Robots.txt, the home page, one listing page per section linked from it, and PAGES
    article pages spread over the sections, one request at a time. Prints per field the fill
    rate, the cascade steps that produced it and anything suspicious.

    \b
    Examples:
      dbp-archive probe
      dbp-archive probe --pages 10 --save probe-pages/ --contact you@example.org
      dbp-archive probe --mirror http://127.0.0.1:8123 --delay 0
    \b
    Exit codes: 0 ok, 1 site unreachable, 2 usage, 3 something suspicious or under-filled.
    """
    from scraper.probe import ProbeError, ProbeOptions, judge, render_report, run_probe

    if mirror and not mirror.startswith(("http://", "https://")):
        fail(f"--mirror must be an http(s) URL, got {mirror!r}")
    if save and save.exists() and not save.is_dir():
        fail(f"--save must be a folder: {save}")
    options = ProbeOptions(pages=pages, save=save, mirror=mirror, delay=delay, contact=contact)
    try:
        report = run_probe(options, progress=lambda line: click.echo(line, err=True))
    except ProbeError as exc:
        fail(str(exc), ExitCode.FAILED)
    except OSError as exc:  # --save not writable
        fail(f"cannot write: {exc}", ExitCode.USAGE)
    click.echo(render_report(report))
    if save:
        click.echo(f"\nfixture candidates written to {save}/ (read {save}/README.md first)")
    sys.exit(int(judge(report)))


@main.command()
@db_option
@click.option(
    "--site",
    type=click.Path(file_okay=False, path_type=Path),
    default=DEMO_SITE,
    show_default="scraper/demo_site, installed with the package",
    help="Folder of the offline mirror.",
)
def demo(db: Path, site: Path) -> None:
    """Serve the bundled offline mirror on 127.0.0.1, crawl it into the archive, and write
    the archive's HTML report (report.html beside it; attention to coffee, border, tourism).

    \b
    Example:
      dbp-archive demo && dbp-archive export | head -1
    """
    from scraper.crawl import CrawlOptions
    from scraper.mirror import serve
    from scraper.reports import run_summary

    if not site.is_dir():
        fail(f"mirror folder not found: {site}")
    check_db_writable(db)
    with serve(site) as mirror:
        click.echo(f"serving {site} at {mirror.url}", err=True)
        options = CrawlOptions(
            archive=db,
            mirror=mirror.url,
            delay=0,
            concurrency=8,
            autothrottle=False,
        )
        report = crawl_or_fail(options)
    if report.row:
        click.echo(run_summary(report.row))
    program = sys.argv[0] if sys.argv[0].endswith("dbp-archive") else "dbp-archive"
    click.echo(
        f"\narchive: {db.resolve()}\ntry:\n  {program} search 'dien bien' --db {db}\n"
        f"  {program} export --db {db} | head -1\n  {program} serve --db {db}"
        f"\n  {program} trends coffee border --by year --db {db}"
    )
    report_path = db.parent / "report.html"
    write_report(db, report_path, list(DEMO_QUERIES))
    click.echo(f"report: {report_path.resolve()}")
    sys.exit(int(report.code))


if __name__ == "__main__":
    main()
