"""The platform fixture family (tests/fixtures/platform) and its generator's variants."""

from __future__ import annotations

import json
import re
from pathlib import Path

from tests.conftest import ROOT
from tests.platformgen import content
from tests.platformgen.build import FIXED_TODAY, build
from tests.platformgen.pages import RECENT_CLOSE, RECENT_OPEN, today_line

PLATFORM_DIR = ROOT / "tests" / "fixtures" / "platform"


def _files(root: Path) -> dict[str, bytes]:
    """The generator's files under ``root`` (not the README, not the extractor's provenance)."""
    return {
        p.relative_to(root).as_posix(): p.read_bytes()
        for p in sorted(root.rglob("*"))
        if p.is_file() and p.name != "README.md" and not p.name.endswith(".provenance.json")
    }


def _split(html: str) -> tuple[str, str, str]:
    """(before, Recent news block, after) of an article page."""
    start = html.index(RECENT_OPEN)
    end = html.index(RECENT_CLOSE, start)
    return html[:start], html[start:end], html[end:]


def test_generator_is_standalone() -> None:
    for source in (ROOT / "tests" / "platformgen").glob("*.py"):
        text = source.read_text("utf-8")
        assert not re.search(r"^\s*(from|import)\s+scraper\b", text, re.M), source


def test_committed_fixtures_match_the_generator(tmp_path: Path) -> None:
    build(tmp_path, today=FIXED_TODAY)
    fresh, committed = _files(tmp_path), _files(PLATFORM_DIR)
    assert sorted(fresh) == sorted(committed)
    changed = [name for name in fresh if fresh[name] != committed[name]]
    assert not changed, f"regenerate with python -m tests.platformgen.build: {changed}"


def test_every_page_shows_today_in_the_header() -> None:
    line = today_line(FIXED_TODAY)
    pages = [p for p in PLATFORM_DIR.rglob("*.html")]
    assert len(pages) > 20
    for page in pages:
        assert line in page.read_text("utf-8"), page


def test_new_article_changes_only_recent_news(tmp_path: Path) -> None:
    build(tmp_path / "normal", today=FIXED_TODAY)
    build(tmp_path / "new", today=FIXED_TODAY, variant="new-article")
    normal, later = _files(tmp_path / "normal"), _files(tmp_path / "new")
    new = content.NEW_ARTICLE
    assert set(later) - set(normal) == {new.path, new.path.removesuffix(".html") + ".json"}
    assert set(normal) <= set(later)

    articles = content.articles("normal")
    assert len(articles) >= 12
    for art in articles:
        before, block, after = _split(normal[art.path].decode("utf-8"))
        before2, block2, after2 = _split(later[art.path].decode("utf-8"))
        assert (before, after) == (before2, after2), art.path
        assert block != block2, art.path
        links = re.findall(r'<a class="cms-link[^"]*" href="([^"]+)"', block2)
        assert links[0] == new.url, art.path
        assert new.url not in block

        rec = json.loads(normal[art.path.removesuffix(".html") + ".json"])
        rec2 = json.loads(later[art.path.removesuffix(".html") + ".json"])
        assert rec["related"] != rec2["related"]
        assert {**rec, "related": None} == {**rec2, "related": None}, art.path
        assert {"title": new.title, "url": new.url} in rec2["related"]

    # The new article heads the home page, /recent-article and its section listing.
    for listing in ("index.html", "recent-article/index.html", f"{new.cat}.html"):
        html = later[listing].decode("utf-8")
        first = re.search(r'<a class="cms-link[^"]*" href="([^"]+)"', html)
        assert first and first.group(1) == new.url, listing


def test_dateless_pages_carry_no_article_date(tmp_path: Path) -> None:
    build(tmp_path, today=FIXED_TODAY, variant="dateless")
    today = FIXED_TODAY.strftime("%d/%m/%Y")
    for art in content.articles("normal"):
        html = (tmp_path / art.path).read_text("utf-8")
        assert today_line(FIXED_TODAY) in html
        assert re.findall(r"\d{1,2}/\d{1,2}/\d{4}", html) == [today], art.path
        for value in filter(None, (art.published, art.modified)):
            for form in ("%d/%m/%Y", "%Y-%m-%d", "%Y/%m/%d", "%d-%m-%Y", "%d.%m.%Y"):
                assert value.strftime(form) not in html, (art.path, form)
        for marker in ("published_time", "modified_time", "datePublished", "dateModified", "<time"):
            assert marker not in html, (art.path, marker)
        rec = json.loads((tmp_path / art.path).with_suffix(".json").read_text("utf-8"))
        assert rec["published_at"] is None and rec["modified_at"] is None


def test_normal_pages_show_their_dates() -> None:
    for art in content.articles("normal"):
        html = (PLATFORM_DIR / art.path).read_text("utf-8")
        assert art.published.strftime("%d/%m/%Y") in html, art.path
