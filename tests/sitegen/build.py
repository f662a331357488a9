"""Write the offline mirror: pages at their URL paths, the expected record beside each article.

    python -m tests.sitegen.build [OUTDIR]                   # the fixture mirror (43 articles)
    python -m tests.sitegen.build OUTDIR --synthetic 3000    # a generated mirror for benchmarks
        [--seed 0] [--per-page 10] [--extra-new K]

URL path -> file: ``/`` -> ``index.html``; a path naming a directory -> its ``index.html``; else
the file at the percent-decoded path. Section page 1 is ``/{cat}.html``, page N ≥ 2
``/{cat}/trang-{N}.html`` (newest first), ``/recent-article`` is ``recent-article/index.html``.
Beside each article page ``X.html`` lies ``X.json``, its expected ``Article.to_dict()``, derived
from the source data in ``content`` (never from an extractor).
"""

from __future__ import annotations

import argparse
import json
import shutil
import sys
import zlib
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from pathlib import Path
from typing import Any
from urllib.parse import unquote

from . import synthetic, templates
from .content import ARTICLES, SECTION_BY_SLUG, SECTIONS, Article, plain_text, validate
from .templates import SITE, ArticleView, Chrome, ListingView, Teaser

DEFAULT_OUTDIR = Path(__file__).resolve().parent.parent / "fixtures" / "site"
# The demo's copy of the fixture mirror, shipped as package data (pages only, no expected records).
DEMO_SITE = Path(__file__).resolve().parent.parent.parent / "scraper" / "demo_site"
PROVENANCE_FILES = "*.provenance.json"  # the extractor's, beside the pages: kept
FIXTURE_PER_PAGE = 2
FIXTURE_TODAY = date(2026, 2, 24)
RECENT_COUNT = 12
HOME_HEADLINES = 5
HOME_BLOCK = 4
MOST_READ = 5


# --- Expected records ----------------------------------------------------------------------------


def clean(text: str) -> str:
    """Collapse every whitespace run (no-break spaces included) to one space, and trim."""
    return " ".join(text.split())


def published_value(article: Article) -> str:
    """The publication time the page states, ISO 8601; a date-only form states the day only."""
    if article.date_form == "month":
        return article.published.date().isoformat()
    return article.published.isoformat()


def expected_record(article: Article, recent: Sequence[Article]) -> dict[str, Any]:
    """The record an extractor must produce from the article's page (``Article.to_dict()``)."""
    text_blocks = [block for block in article.blocks if block[0] in ("p", "h")]
    return {
        "article_id": article.id,
        "url": SITE + article.path,
        "title": clean(article.title),
        "lead": " ".join(clean(paragraph) for paragraph in article.lead),
        "body": "\n\n".join(clean(plain_text(block[1])) for block in text_blocks) or None,
        "authors": list(article.authors),
        "author_titles": article.author_titles,
        "category": unquote(article.category),
        "category_label": article.label,
        "published_at": published_value(article),
        "modified_at": article.modified.isoformat() if article.modified else None,
        "related": [{"url": SITE + other.path, "title": clean(other.title)} for other in recent],
        "images": [
            {"url": SITE + block[1], "caption": block[2], "credit": block[3]}
            for block in article.images()
        ],
    }


def dump_record(record: dict[str, Any]) -> str:
    """The expected-JSON file text."""
    return json.dumps(record, ensure_ascii=False, sort_keys=True, indent=2) + "\n"


# --- Site model ----------------------------------------------------------------------------------


def newest_first(articles: Iterable[Article]) -> list[Article]:
    """Articles by publication time, newest first (ties by id, so builds are stable)."""
    return sorted(articles, key=lambda a: (a.published, a.id), reverse=True)


def teaser(article: Article, path: str | None = None) -> Teaser:
    """How listings show ``article``; ``path``: where the link goes (default: canonical)."""
    images = article.images()
    return Teaser(
        path=path or article.path,
        title=article.title,
        label=SECTION_BY_SLUG[article.category].label,
        lead=templates.shown_lead(article),
        image=images[0][1] if images else templates.NO_IMAGE,
    )


def listing_teaser(article: Article) -> Teaser:
    """A section listing links an article under its alias path when it has one."""
    if not article.aliases:
        return teaser(article)
    return teaser(article, f"/{article.aliases[0]}/{article.slug}-{article.id}.html")


def most_read(articles: Sequence[Article]) -> tuple[Teaser, ...]:
    """A stable pick of articles for the sidebar's Most read list."""
    picked = sorted(articles, key=lambda a: zlib.crc32(a.id.encode()))[:MOST_READ]
    return tuple(teaser(article) for article in picked)


@dataclass(frozen=True, slots=True)
class Snapshot:
    """The site as a visit at one moment sees it: newest-first articles and page furniture."""

    articles: list[Article]
    chrome: Chrome

    @classmethod
    def of(cls, articles: Sequence[Article], today: date) -> Snapshot:
        """The snapshot of ``articles`` on ``today``."""
        return cls(newest_first(articles), Chrome(most_read=most_read(articles), today=today))

    def recent_for(self, article: Article) -> list[Article]:
        """The page's Recent news: the newest articles other than itself."""
        newest = self.articles[: RECENT_COUNT + 1]
        return [other for other in newest if other.id != article.id][:RECENT_COUNT]


def file_for(outdir: Path, url_path: str) -> Path:
    """The file serving ``url_path`` in the mirror."""
    relative = unquote(url_path).lstrip("/")
    if relative == "" or relative.endswith("/"):
        relative += "index.html"
    return outdir / relative


def write(outdir: Path, url_path: str, text: str) -> None:
    """Write one page (UTF-8) at the file serving ``url_path``."""
    path = file_for(outdir, url_path)
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")


def write_article(
    outdir: Path, article: Article, snapshot: Snapshot, paths: dict[str, str]
) -> None:
    """Write an article page and its expected record, at its canonical and alias paths."""
    recent = snapshot.recent_for(article)
    view = ArticleView(article, tuple(teaser(a) for a in recent), paths, snapshot.chrome)
    page = templates.article_page(view)
    record = dump_record(expected_record(article, recent))
    for category in (article.category, *article.aliases):
        url_path = f"/{category}/{article.slug}-{article.id}.html"
        write(outdir, url_path, page)
        write(outdir, url_path[: -len(".html")] + ".json", record)


def write_listings(outdir: Path, snapshot: Snapshot, per_page: int) -> None:
    """Write every section's pager pages, newest first, ``per_page`` items each."""
    for section in SECTIONS:
        items = [listing_teaser(a) for a in snapshot.articles if a.category == section.slug]
        pages = max(1, -(-len(items) // per_page))
        for page in range(1, pages + 1):
            chunk = tuple(items[(page - 1) * per_page : page * per_page])
            view = ListingView(section, page, pages, chunk, snapshot.chrome)
            write(outdir, view.path, templates.listing_page(view))


def write_front(outdir: Path, snapshot: Snapshot) -> None:
    """Write the home page, ``/recent-article`` and robots.txt."""
    newest = [teaser(a) for a in snapshot.articles]
    blocks = []
    for section in SECTIONS:
        teasers = [teaser(a) for a in snapshot.articles if a.category == section.slug][:HOME_BLOCK]
        if teasers:
            blocks.append((section, teasers))
    write(outdir, "/", templates.home_page(newest[:HOME_HEADLINES], blocks, snapshot.chrome))
    write(outdir, "/recent-article/", templates.recent_page(newest[:RECENT_COUNT], snapshot.chrome))
    write(outdir, "/robots.txt", templates.robots_txt())


def prepare(outdir: Path) -> None:
    """Empty ``outdir``, refusing to wipe a non-empty folder that is not a mirror."""
    if outdir.exists():
        if any(outdir.iterdir()) and not (outdir / "robots.txt").exists():
            raise SystemExit(f"refusing to wipe {outdir}: not empty and not a mirror")
        shutil.rmtree(outdir)
    outdir.mkdir(parents=True)


def write_mirror(
    outdir: Path,
    articles: Sequence[Article],
    *,
    per_page: int,
    today: date,
    earlier: Snapshot | None = None,
) -> None:
    """Write the whole mirror of ``articles``.

    earlier: a snapshot of a previous visit; the pages of its articles are written as that visit
    saw them (same Recent news, same furniture), so that only listings and new pages differ.
    """
    validate(list(articles))
    prepare(outdir)
    snapshot = Snapshot.of(articles, today)
    paths = {article.id: article.path for article in articles}
    known = {article.id for article in earlier.articles} if earlier else set()
    for article in articles:
        seen_by = earlier if article.id in known and earlier else snapshot
        write_article(outdir, article, seen_by, paths)
    write_listings(outdir, snapshot, per_page)
    write_front(outdir, snapshot)


# --- Entry points --------------------------------------------------------------------------------


def build_fixture(outdir: Path = DEFAULT_OUTDIR) -> None:
    """Write the fixture mirror of the hand-written articles (2 listing items per page).

    The extractor's provenance beside its pages (``X.provenance.json``, written by ``python -m
    tests.golden_provenance``) is not the builder's to remove: it is kept for the pages that are
    still there (``python -m tests.golden_provenance --check`` says what changed).
    """
    outdir = Path(outdir)
    kept = {p: p.read_bytes() for p in outdir.rglob(PROVENANCE_FILES)} if outdir.is_dir() else {}
    write_mirror(outdir, ARTICLES, per_page=FIXTURE_PER_PAGE, today=FIXTURE_TODAY)
    for path, data in kept.items():
        if path.with_name(path.name.removesuffix(".provenance.json") + ".html").is_file():
            path.write_bytes(data)


def demo_files(root: Path) -> dict[str, bytes]:
    """Return the demo's files of a mirror folder: every file but the JSON (relative path -> bytes).

    The expected records and provenance (``*.json``) are the tests'; the demo serves the pages.
    """
    return {
        path.relative_to(root).as_posix(): path.read_bytes()
        for path in sorted(root.rglob("*"))
        if path.is_file() and path.suffix != ".json"
    }


def sync_demo_site(source: Path = DEFAULT_OUTDIR, target: Path = DEMO_SITE) -> None:
    """Make ``target`` (``scraper/demo_site``) hold exactly the demo files of ``source``."""
    if target.exists():
        shutil.rmtree(target)
    for relative, data in demo_files(source).items():
        path = target / relative
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(data)


def build_synthetic(
    outdir: str | Path, n_articles: int, *, seed: int = 0, per_page: int = 10, extra_new: int = 0
) -> None:
    """Write a generated mirror of ``n_articles`` articles (deterministic for a ``seed``).

    extra_new=k: the same mirror plus k newer articles at the top of the listings, as a later
    visit would find it; the pages of the first ``n_articles`` stay byte-identical.
    """
    base = synthetic.articles(n_articles, seed=seed)
    newest = max(article.published for article in base)
    base_day = newest.date() + timedelta(days=1)
    if not extra_new:
        write_mirror(Path(outdir), base, per_page=per_page, today=base_day)
        return
    fresh = synthetic.newer_articles(extra_new, after=newest, seed=seed, taken={a.id for a in base})
    later_day = max(article.published for article in fresh).date() + timedelta(days=1)
    write_mirror(
        Path(outdir),
        [*base, *fresh],
        per_page=per_page,
        today=later_day,
        earlier=Snapshot.of(base, base_day),
    )


def main(argv: Sequence[str] | None = None) -> int:
    """Command line: see the module docstring."""
    parser = argparse.ArgumentParser(
        prog="python -m tests.sitegen.build", description=__doc__.splitlines()[0]
    )
    parser.add_argument("outdir", nargs="?", type=Path, default=DEFAULT_OUTDIR)
    parser.add_argument("--synthetic", type=int, metavar="N", help="generate N articles instead")
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument(
        "--per-page", type=int, default=10, help="listing items per page (synthetic)"
    )
    parser.add_argument(
        "--extra-new", type=int, default=0, metavar="K", help="add K newer articles"
    )
    args = parser.parse_args(argv)
    if args.synthetic:
        build_synthetic(
            args.outdir,
            args.synthetic,
            seed=args.seed,
            per_page=args.per_page,
            extra_new=args.extra_new,
        )
    else:
        build_fixture(args.outdir)
        if args.outdir.resolve() == DEFAULT_OUTDIR:
            sync_demo_site()
            print(f"demo pages written to {DEMO_SITE}", file=sys.stderr)
    print(f"mirror written to {args.outdir}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
