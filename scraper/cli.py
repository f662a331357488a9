"""The ``dbp-archive`` command line: thin commands over the library modules.

Exit codes (``scraper.health.ExitCode``): 0 ok, 1 failed, 2 usage or bad input,
3 degraded (fill-rate alarm), 4 locked (another crawl is running).
"""

from __future__ import annotations

import json
import sys
from datetime import UTC, datetime
from pathlib import Path

import click

from scraper.health import ExitCode

DEFAULT_DB = "archive.db"
FIXTURE_SITE = Path(__file__).resolve().parent.parent / "tests" / "fixtures" / "site"


def fail(message: str, code: ExitCode = ExitCode.USAGE) -> None:
    """Print one line on stderr and exit with ``code``: never a traceback."""
    click.echo(f"dbp-archive: error: {message}", err=True)
    sys.exit(int(code))


def db_option(func):  # type: ignore[no-untyped-def]
    return click.option(
        "--db", "db", type=click.Path(dir_okay=False, path_type=Path), default=DEFAULT_DB,
        show_default=True, envvar="DBP_ARCHIVE", help="The archive (SQLite) file.",
    )(func)  # fmt: skip


@click.group(context_settings={"help_option_names": ["-h", "--help"], "max_content_width": 100})
@click.version_option(package_name="dbp-archive")
def main() -> None:
    """Archive Báo Điện Biên Phủ (English edition) into SQLite, and query it.

    \b
    Examples:
      dbp-archive demo                        # crawl the bundled offline mirror
      dbp-archive crawl                       # incremental crawl of the live site
      dbp-archive search "Điện Biên coffee"    # full-text search, diacritics optional
      dbp-archive export --format jsonl > articles.jsonl
    """


@main.command()
@db_option
@click.option("--mirror", metavar="URL", help="Fetch the site's paths from this base URL instead "
              "(offline mirror); stored URLs stay the real ones.")  # fmt: skip
@click.option("--full", is_flag=True, help="Walk every listing page (backfill), not just new ones.")
@click.option("--since", metavar="DATE", help="Stop at listing pages whose archived articles are "
              "all older than DATE (YYYY-MM-DD).")  # fmt: skip
@click.option("--delay", type=float, help="Seconds between requests (default 1).")
@click.option("--concurrency", type=click.IntRange(1, 16), help="Requests in flight (default 2).")
@click.option("--no-autothrottle", "autothrottle", flag_value=False, default=None,
              help="Disable AutoThrottle.")  # fmt: skip
@click.option("--max-size", type=click.IntRange(1024), help="Byte limit per response (10 MB).")
@click.option("--timeout", type=click.FloatRange(1), help="Seconds per response (default 30).")
@click.option("--page-cap", type=click.IntRange(1), help="Listing pages per section (500).")
@click.option("--revisit-days", type=click.FloatRange(0), help="Re-fetch articles first seen "
              "this many days ago or less, conditionally (default 3).")  # fmt: skip
@click.option("--contact", metavar="URL_OR_EMAIL", help="Contact put in the User-Agent.")
@click.option("--log-file", type=click.Path(dir_okay=False, path_type=Path),
              help="Log here (rotated at 5 MB, 3 backups) instead of stderr.")  # fmt: skip
@click.option("--fill-threshold", type=click.FloatRange(0, 1), help="Degraded below this "
              "fill rate of title/body/published_at (default 0.9).")  # fmt: skip
@click.option("--quiet", "-q", is_flag=True, help="Log warnings only.")
def crawl(db: Path, mirror: str | None, full: bool, since: str | None, delay: float | None,
          concurrency: int | None, autothrottle: bool | None, max_size: int | None,
          timeout: float | None, page_cap: int | None, revisit_days: float | None,
          contact: str | None, log_file: Path | None, fill_threshold: float | None,
          quiet: bool) -> None:  # fmt: skip
    """Crawl the site into the archive (incremental by default).

    \b
    Examples:
      dbp-archive crawl
      dbp-archive crawl --full --db /data/dbp/archive.db --log-file /data/dbp/crawl.log
      dbp-archive crawl --mirror http://127.0.0.1:8123 --delay 0
    \b
    Exit codes: 0 ok, 1 failed, 2 usage, 3 degraded (fill-rate alarm), 4 locked.
    """
    from scraper.crawl import CrawlOptions, LockedError, run_crawl
    from scraper.reports import run_summary

    if since:
        try:
            datetime.strptime(since, "%Y-%m-%d")
        except ValueError:
            fail(f"--since must be YYYY-MM-DD, got {since!r}")
    if mirror and not mirror.startswith(("http://", "https://")):
        fail(f"--mirror must be an http(s) URL, got {mirror!r}")
    options = CrawlOptions(
        archive=db, mirror=mirror, full=full, since=since, delay=delay, concurrency=concurrency,
        autothrottle=autothrottle, max_size=max_size, timeout=timeout, page_cap=page_cap,
        revisit_days=revisit_days, contact=contact, log_file=log_file,
        log_level="WARNING" if quiet else "INFO", fill_threshold=fill_threshold,
    )  # fmt: skip
    try:
        code, row = run_crawl(options)
    except LockedError as exc:
        fail(str(exc), ExitCode.LOCKED)
    except Exception as exc:  # noqa: BLE001 - a cron job wants one line and an exit code
        fail(f"crawl failed: {type(exc).__name__}: {exc}", ExitCode.FAILED)
    if row:
        click.echo(run_summary(row))
    sys.exit(int(code))


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

    if not path.is_file():
        fail(f"no such file: {path}")
    try:
        result = extract_article(path.read_bytes(), url, datetime.now(UTC))
    except ExtractionError as exc:
        fail(str(exc))
    output: dict[str, object] = result.article.to_dict()
    if explain:
        output = {"record": output, "provenance": result.provenance, "warnings": result.warnings}
    click.echo(json.dumps(output, ensure_ascii=False, indent=2, sort_keys=True))


@main.command()
@db_option
@click.option("--format", "fmt", type=click.Choice(["jsonl", "csv"]), default="jsonl",
              show_default=True)  # fmt: skip
@click.option("--output", "-o", type=click.File("w", encoding="utf-8"), default="-",
              help="Write here instead of stdout.")  # fmt: skip
def export(db: Path, fmt: str, output: click.utils.LazyFile) -> None:
    """Export the archived articles (current versions).

    \b
    Examples:
      dbp-archive export --format jsonl > articles.jsonl
      dbp-archive export --format csv -o articles.csv
    """
    from scraper.archive import ArchiveError, open_archive
    from scraper.archive.export import write_records

    if not db.exists():
        fail(f"no archive at {db}")
    try:
        with open_archive(db) as archive:
            count = write_records(archive.records(), output, fmt)
    except ArchiveError as exc:
        fail(str(exc), ExitCode.FAILED)
    click.echo(f"{count} articles exported", err=True)


@main.command()
@db_option
@click.option("--site", type=click.Path(file_okay=False, path_type=Path), default=FIXTURE_SITE,
              show_default=True, help="Folder of the offline mirror.")  # fmt: skip
def demo(db: Path, site: Path) -> None:
    """Serve the bundled offline mirror on 127.0.0.1 and crawl it into the archive.

    \b
    Example:
      dbp-archive demo && dbp-archive export | head -1
    """
    from scraper.crawl import CrawlOptions, LockedError, run_crawl
    from scraper.mirror import serve
    from scraper.reports import run_summary

    if not site.is_dir():
        fail(f"mirror folder not found: {site}")
    with serve(site) as mirror:
        click.echo(f"serving {site} at {mirror.url}", err=True)
        options = CrawlOptions(archive=db, mirror=mirror.url, delay=0, concurrency=8,
                               autothrottle=False, log_level="WARNING")  # fmt: skip
        try:
            code, row = run_crawl(options)
        except LockedError as exc:
            fail(str(exc), ExitCode.LOCKED)
    if row:
        click.echo(run_summary(row))
    click.echo(f"\narchive: {db.resolve()}\ntry:\n  dbp-archive search 'dien bien' --db {db}\n"
               f"  dbp-archive export --db {db} | head -1")  # fmt: skip
    sys.exit(int(code))


if __name__ == "__main__":
    main()
