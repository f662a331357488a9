"""The pager's next-page decision (``next_page_step``), on plain objects: no crawl.

Each row is one listing page of the ``kinh-te`` walk: the walk before it, what the page lists,
what the archive knew, the crawl's options, and what the pager must do.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

import pytest
from scrapy.http import HtmlResponse
from scrapy.utils.test import get_crawler

from scraper.archive.memory import CrawlMemory
from scraper.items import WalkState
from scraper.spiders.dbp import SiteSpider, Walk, next_page_step, older_than

SITE = "https://en.baodienbienphu.com.vn"
KEY = "kinh-te"
NEW = frozenset({"newAAAAAA", "newBBBBBB"})
OLD = frozenset({"oldAAAAAA", "oldBBBBBB"})
KNOWN = {i: "2025-01-01T00:00:00+00:00" for i in OLD}


def pager(page: int, key: str = KEY) -> str:
    return f"{SITE}/{key}/trang-{page}.html" if page > 1 else f"{SITE}/{key}"


@dataclass(kw_only=True)
class Case:
    name: str
    page: int = 2
    ids: frozenset[str] = NEW
    links: list[str] = field(default_factory=lambda: [pager(3)])
    walk: dict[str, Any] = field(default_factory=dict)  # Walk fields before this page
    complete_section: bool = False  # walked to its end by an earlier run
    published: dict[str, str] = field(default_factory=dict)
    mode: str = "incremental"
    page_cap: int = 500
    extra_pages: int = 0
    since: str | None = None
    # expected
    stop: str | None = None
    complete: bool = False
    new_work: bool = True
    known_pages: int = 0


CASES = [
    Case(name="new articles: the next page", new_work=True),
    Case(name="new articles after new ones: no second WalkState", walk={"saw_new": True},
         new_work=False),
    Case(name="page 1 goes to trang-2", page=1, links=[pager(2)]),
    Case(name="no articles", ids=frozenset(), stop="no articles", complete=True, new_work=False),
    Case(name="page repeats the previous one", walk={"previous_ids": NEW, "saw_new": True},
         stop="page repeats the previous one", complete=True, new_work=False),
    Case(name="no next link", links=[], stop="last page", complete=True),
    Case(name="next link skips a page", links=[pager(4)], stop="last page", complete=True),
    Case(name="next link of another section", links=[pager(3, "xa-hoi")], stop="last page",
         complete=True),
    Case(name="a link back to page 1 is not next", links=[pager(1)], stop="last page",
         complete=True),
    Case(name="page cap, known section, nothing new", ids=OLD, walk={"pages": 2}, page_cap=3,
         complete_section=True, stop="page cap 3", complete=True, new_work=False),
    Case(name="page cap after new work: not complete", ids=OLD,
         walk={"pages": 2, "saw_new": True}, page_cap=3, complete_section=True,
         stop="page cap 3", complete=False, new_work=False),
    Case(name="page cap in a section never walked to its end", ids=OLD, walk={"pages": 2},
         page_cap=3, stop="page cap 3", complete=False, new_work=False),
    Case(name="page cap on the page that finds new work", walk={"pages": 2}, page_cap=3,
         complete_section=True, stop="page cap 3", complete=True, new_work=True),
    Case(name="below the cap goes on", ids=OLD, walk={"pages": 1}, page_cap=3,
         new_work=False),
    Case(name="all known in a complete section: stop", ids=OLD, complete_section=True,
         stop="all articles known", complete=True, new_work=False, known_pages=1),
    Case(name="all known, one extra page allowed", ids=OLD, complete_section=True,
         extra_pages=1, new_work=False, known_pages=1),
    Case(name="all known, extra page used up", ids=OLD, complete_section=True, extra_pages=1,
         walk={"known_pages": 1}, stop="all articles known", complete=True, new_work=False,
         known_pages=2),
    Case(name="all known in a full crawl: go on", ids=OLD, complete_section=True, mode="full",
         new_work=False),
    Case(name="all known, section never finished: go on", ids=OLD, new_work=False),
    Case(name="partly known is new work", ids=OLD | {"newAAAAAA"}, complete_section=True),
    Case(name="older than --since", ids=OLD, since="2025-06-01", published=KNOWN,
         stop="older than 2025-06-01", complete=False, new_work=False),
    Case(name="older than --since in a complete section", ids=OLD, since="2025-06-01",
         published=KNOWN, complete_section=True, mode="full", stop="older than 2025-06-01",
         complete=True, new_work=False),
    Case(name="older than --since after new work", ids=OLD, since="2025-06-01",
         published=KNOWN, complete_section=True, mode="full", walk={"saw_new": True},
         stop="older than 2025-06-01", complete=False, new_work=False),
    Case(name="same day as --since goes on", ids=OLD, since="2025-01-01", published=KNOWN,
         new_work=False),
    Case(name="no known dates: --since cannot stop", ids=NEW, since="2025-06-01"),
    Case(name="the cap wins over --since", ids=OLD, since="2025-06-01", published=KNOWN,
         walk={"pages": 4}, page_cap=5, stop="page cap 5", complete=False, new_work=False),
    Case(name="no articles wins over a missing next link", ids=frozenset(), links=[],
         stop="no articles", complete=True, new_work=False),
]  # fmt: skip


@pytest.mark.parametrize("case", CASES, ids=[c.name for c in CASES])
def test_next_page_step(case: Case) -> None:
    walk = Walk(key=KEY, **case.walk)
    memory = CrawlMemory(
        first_seen=dict(KNOWN),
        published=case.published,
        complete_sections={KEY} if case.complete_section else set(),
    )
    step = next_page_step(
        walk,
        page=case.page,
        ids=case.ids,
        listing_urls=case.links,
        memory=memory,
        mode=case.mode,
        page_cap=case.page_cap,
        extra_pages=case.extra_pages,
        since=case.since,
    )
    assert (step.stop, step.new_work, step.walk.known_pages) == (
        case.stop,
        case.new_work,
        case.known_pages,
    )
    if case.stop is None:
        assert step.next_url == pager(case.page + 1)
        assert step.complete is False
    else:
        assert step.next_url is None
        assert step.complete is case.complete
    # The walk's state after the page, whatever the decision.
    assert step.walk.pages == walk.pages + 1
    assert step.walk.previous_ids == case.ids
    assert step.walk.saw_new is (walk.saw_new or case.new_work)
    assert walk == Walk(key=KEY, **case.walk), "the walk passed in is left unchanged"


@pytest.mark.parametrize(
    ("dates", "since", "older"),
    [
        ({"a": "2025-01-01T23:59:00+07:00"}, "2025-01-02", True),
        ({"a": "2025-01-02T00:00:00+07:00"}, "2025-01-02", False),  # by day: same day is not
        ({"a": "2025-01-01", "b": "2025-03-01"}, "2025-02-01", False),  # one newer: not all
        ({}, "2025-02-01", False),  # nothing dated: never older
        ({"a": "2025-01-01"}, "2025-02-01T10:00:00", True),  # a time in --since is ignored
    ],
)
def test_older_than(dates: dict[str, str], since: str, older: bool) -> None:
    assert older_than(["a", "b", "c"], dates, since) is older


def _spider(**options: Any) -> SiteSpider:
    """Return a spider with an empty archive memory and a crawler's stats (no engine)."""
    spider = SiteSpider()
    spider.crawler = get_crawler(SiteSpider)
    for name, value in options.items():
        setattr(spider, name, value)
    return spider


def _listing(page: int, articles: list[str], links: list[str]) -> HtmlResponse:
    body = "".join(f'<a href="{u}">x</a>' for u in [*articles, *links])
    return HtmlResponse(
        pager(page), body=f"<html><body>{body}</body></html>".encode(), encoding="utf-8"
    )


def test_the_spider_yields_what_the_step_decides() -> None:
    """The spider's pager follows ``next_page_step``: WalkState for new work, then the request."""
    spider = _spider()
    walk = spider.walks.setdefault(KEY, Walk(key=KEY))
    article = f"{SITE}/{KEY}/a-story-wZVLwJQNR.html"
    out = list(spider._next_page(_listing(2, [article], []), walk, [pager(3)], [article]))
    assert out[0] == WalkState(section=KEY, complete=False, page=2)
    assert out[1].url == pager(3) and out[1].meta["walk"] == KEY
    assert spider.walks[KEY].pages == 1 and spider.walks[KEY].saw_new
    # The same page again: a repeat ends the walk, complete.
    out = list(spider._next_page(_listing(3, [article], []), spider.walks[KEY], [], [article]))
    assert out == [WalkState(section=KEY, complete=True, page=3)]


def test_the_spider_stops_at_its_page_cap() -> None:
    spider = _spider(page_cap=1)
    walk = spider.walks.setdefault(KEY, Walk(key=KEY))
    article = f"{SITE}/{KEY}/a-story-wZVLwJQNR.html"
    out = list(spider._next_page(_listing(1, [article], []), walk, [pager(2)], [article]))
    # New work, then the cap: a section never finished is not complete.
    assert out == [
        WalkState(section=KEY, complete=False, page=1),
        WalkState(section=KEY, complete=False, page=1),
    ]
