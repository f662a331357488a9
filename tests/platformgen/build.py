"""Write the platform mini-site and its expected records.

    python -m tests.platformgen.build DEST [--variant V] [--today YYYY-MM-DD]

V is one of normal, new-article, dateless.

From Python: ``build(dest, today=date(...), variant="normal") -> list[Path]``.
"""

from __future__ import annotations

import argparse
import json
import re
from datetime import date
from pathlib import Path

from . import content, pages
from .content import SECTIONS, Article

VARIANTS = ("normal", "new-article", "dateless")
FIXED_TODAY = date(2026, 11, 23)  # the build date of tests/fixtures/platform
PER_PAGE = 4  # items per section listing page
RECENT_COUNT = 12
DATELINE = re.compile(r"^ĐBP\s*[-–—]\s*")


def recent_for(art: Article, arts: list[Article]) -> list[Article]:
    """Recent news on ``art``'s page: the site's newest articles, the page's own left out."""
    return [x for x in arts if x.aid != art.aid][:RECENT_COUNT]


def in_body_links(art: Article) -> list[str]:
    ids: list[str] = []
    for block in art.body:
        if block[0] == "readmore":
            ids.append(block[1])
        elif block[0] == "relbox":
            ids.extend(block[2])
    return ids


def record(
    art: Article, recent: list[Article], by_id: dict[str, Article], *, dateless: bool
) -> dict[str, object]:
    """The expected record of ``art``'s page, from the source data."""
    lead = [DATELINE.sub("", art.lead[0]), *art.lead[1:]]
    body = [b[1] for b in art.body if b[0] in ("p", "sub", "quote")]
    images = [
        {"url": pages.image_url(b[1].file), "caption": b[1].caption, "credit": b[1].credit}
        for b in art.body
        if b[0] == "img"
    ]
    related: list[dict[str, str]] = []
    seen: set[str] = set()
    for other in [by_id[i] for i in in_body_links(art)] + recent:
        if other.aid in seen or other.aid == art.aid:
            continue
        seen.add(other.aid)
        related.append({"title": other.title, "url": other.url})
    if dateless:
        published = modified = None
    else:
        published = art.published.date().isoformat() if art.date_only else art.published.isoformat()
        modified = art.modified.isoformat() if art.modified else None
    return {
        "article_id": art.aid,
        "url": art.url,
        "title": art.title,
        "lead": " ".join(lead),
        "body": "\n\n".join(body),
        "authors": list(art.authors),
        "author_titles": art.author_titles,
        "category": art.cat,
        "category_label": art.label,
        "published_at": published,
        "modified_at": modified,
        "related": related,
        "images": images,
    }


def build(dest: Path, *, today: date, variant: str = "normal") -> list[Path]:
    """Write the mini-site for ``variant`` under ``dest``; return the written files, sorted."""
    if variant not in VARIANTS:
        raise ValueError(f"unknown variant {variant!r}; choose from {', '.join(VARIANTS)}")
    content.validate()
    dest = Path(dest)
    arts = content.articles("new-article" if variant == "new-article" else "normal")
    by_id = {x.aid: x for x in [*content.ARTICLES, content.NEW_ARTICLE]}
    dateless = variant == "dateless"
    written: list[Path] = []

    def write(relative: str, text: str) -> None:
        path = dest / relative
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(text.encode("utf-8"))
        written.append(path)

    write("robots.txt", pages.ROBOTS)
    write("index.html", pages.home_page(arts, today))
    write("recent-article/index.html", pages.recent_page(arts, today))
    for cat, label in SECTIONS:
        items = [x for x in arts if x.cat == cat]
        chunks = [items[i : i + PER_PAGE] for i in range(0, len(items), PER_PAGE)] or [[]]
        for number, chunk in enumerate(chunks, start=1):
            relative = f"{cat}.html" if number == 1 else f"{cat}/trang-{number}.html"
            write(relative, pages.section_page(cat, label, chunk, number, len(chunks), today))
    for art in arts:
        recent = recent_for(art, arts)
        html = pages.article_page(art, recent, by_id, today=today, dateless=dateless)
        write(art.path, html)
        rec = record(art, recent, by_id, dateless=dateless)
        text = json.dumps(rec, sort_keys=True, ensure_ascii=False, indent=2) + "\n"
        write(art.path.removesuffix(".html") + ".json", text)
    return sorted(written)


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(prog="python -m tests.platformgen.build", description=__doc__)
    parser.add_argument("dest", type=Path)
    parser.add_argument("--variant", choices=VARIANTS, default="normal")
    parser.add_argument(
        "--today",
        type=date.fromisoformat,
        default=FIXED_TODAY,
        help=f"the date the header strip shows (default {FIXED_TODAY.isoformat()})",
    )
    args = parser.parse_args(argv)
    files = build(args.dest, today=args.today, variant=args.variant)
    print(f"wrote {len(files)} files under {args.dest} ({args.variant}, today {args.today})")


if __name__ == "__main__":
    main()
