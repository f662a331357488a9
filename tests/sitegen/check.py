"""Check a written mirror for consistency: ``python -m tests.sitegen.check [MIRROR]``.

Every on-site link (outside robots.txt's disallowed paths) resolves to a file of the mirror;
every section has at least three listing pages; every article page has its expected record,
with the record's keys, 12 Recent news links that exist and appear on the page, and a
canonical URL the mirror serves. Prints one line per problem; exit status 1 if any.
"""

from __future__ import annotations

import json
import re
import sys
from collections.abc import Iterator
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urljoin, urlsplit

from .build import DEFAULT_OUTDIR, RECENT_COUNT
from .content import SECTIONS
from .templates import SITE

RECORD_KEYS = {
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
}
DISALLOWED = ("/admin/", "/search")
ARTICLE_RE = re.compile(r"^/[^/]+/[^/]*-[A-Za-z0-9]{9}\.html$")


class _Links(HTMLParser):
    """Collects the href of every ``<a>``."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.hrefs: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        href = dict(attrs).get("href")
        if tag == "a" and href:
            self.hrefs.append(href)


def page_url(root: Path, path: Path) -> str:
    """The site URL a mirror file answers (a folder's index.html answers the folder's path)."""
    relative = path.relative_to(root).as_posix().replace(" ", "%20")
    if relative == "index.html":
        return SITE + "/"
    return SITE + "/" + relative.removesuffix("/index.html")


def served(root: Path, url: str) -> bool:
    """Whether the mirror serves ``url`` (same rule as ``scraper.mirror.resolve_path``)."""
    target = root / unquote(urlsplit(url).path).lstrip("/")
    return (target / "index.html").is_file() if target.is_dir() else target.is_file()


def on_site_links(root: Path, path: Path) -> Iterator[str]:
    """Absolute on-site URLs (fragment dropped) linked from a page, except disallowed ones."""
    parser = _Links()
    parser.feed(path.read_text("utf-8"))
    base = page_url(root, path)
    for href in parser.hrefs:
        url = urljoin(base, href).split("#")[0]
        parts = urlsplit(url)
        if url.startswith(SITE + "/") and not parts.path.startswith(DISALLOWED):
            yield url


def problems(root: Path) -> Iterator[str]:
    """Yield one line per inconsistency of the mirror at ``root``."""
    for path in sorted(root.rglob("*.html")):
        for url in sorted(set(on_site_links(root, path))):
            if not served(root, url):
                yield f"{path.relative_to(root)}: broken link {url}"
    for section in SECTIONS:
        pages = [root / f"{section.slug}.html", *(root / section.slug).glob("trang-*.html")]
        if sum(page.is_file() for page in pages) < 3:
            yield f"section {section.slug}: fewer than 3 listing pages"
    for record_path in sorted(root.rglob("*.json")):
        if not record_path.name.endswith(".provenance.json"):  # the extractor's, not a record
            yield from _record_problems(root, record_path)


def _record_problems(root: Path, record_path: Path) -> Iterator[str]:
    name = record_path.relative_to(root)
    record = json.loads(record_path.read_text("utf-8"))
    page = record_path.with_suffix(".html")
    if set(record) != RECORD_KEYS:
        yield f"{name}: keys differ from Article.to_dict()"
    if not page.is_file() or not ARTICLE_RE.match(urlsplit(page_url(root, page)).path):
        yield f"{name}: no article page beside it"
        return
    if not served(root, record["url"]):
        yield f"{name}: canonical URL not in the mirror"
    related = record["related"]
    linked = set(on_site_links(root, page))
    if len(related) != RECENT_COUNT:
        yield f"{name}: {len(related)} Recent news items"
    for item in related:
        if item["url"] not in linked or not served(root, item["url"]):
            yield f"{name}: Recent news link {item['url']} missing"


def main(argv: list[str] | None = None) -> int:
    """Command line: check the mirror folder given (default: the fixture mirror)."""
    args = sys.argv[1:] if argv is None else argv
    root = Path(args[0]) if args else DEFAULT_OUTDIR
    found = list(problems(root))
    for line in found:
        print(line)
    print(f"{len(found)} problem(s) in {root}", file=sys.stderr)
    return 1 if found else 0


if __name__ == "__main__":
    raise SystemExit(main())
