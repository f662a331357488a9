"""The Scrapy versions the private-API adapter supports, pinned: Scrapy >= 2.19, < 3.

``scraper/scrapy_compat.py`` is the only module that touches Scrapy's private names. This
test fails first when an installed Scrapy is outside the range, or when one of the private
names the adapter relies on moved, so an upgrade breaks one test here rather than a crawl.
"""

from __future__ import annotations

import inspect
import re
import subprocess
import tomllib
from pathlib import Path

import pytest
import scrapy
from scrapy import Request
from scrapy.downloadermiddlewares.robotstxt import RobotsTxtMiddleware
from scrapy.http import TextResponse
from scrapy.utils.test import get_crawler
from twisted.internet.defer import Deferred

from scraper import scrapy_compat
from scraper.middlewares import RobotsTxtRFC9309Middleware
from scraper.scrapy_compat import SUPPORTED_SCRAPY, RobotsTxtHooks, close_reason

ROOT = Path(__file__).resolve().parent.parent


def _version(text: str) -> tuple[int, ...]:
    return tuple(int(part) for part in re.findall(r"\d+", text)[:3])


def test_the_supported_range_is_pyprojects() -> None:
    """pyproject's ``scrapy>=2.19,<3`` is the adapter's ``SUPPORTED_SCRAPY``."""
    project = tomllib.loads((ROOT / "pyproject.toml").read_text("utf-8"))["project"]
    (requirement,) = [d for d in project["dependencies"] if re.match(r"scrapy\b", d)]
    low, high = SUPPORTED_SCRAPY
    assert requirement.replace(" ", "") == f"scrapy>={low},<{high}"


def test_the_installed_scrapy_is_supported() -> None:
    low, high = SUPPORTED_SCRAPY
    installed = _version(scrapy.__version__)
    assert _version(low) <= installed < _version(high), (
        f"Scrapy {scrapy.__version__} is outside {low} .. <{high}: "
        "re-check scraper/scrapy_compat.py"
    )


def test_scrapys_robots_hooks_are_still_there() -> None:
    """Scrapy calls these private hooks by name: the adapter overrides exactly them."""
    parse = inspect.signature(RobotsTxtMiddleware._parse_robots)
    error = inspect.signature(RobotsTxtMiddleware._robots_error)
    assert list(parse.parameters) == ["self", "response", "netloc", "request"]
    assert inspect.iscoroutinefunction(RobotsTxtMiddleware._parse_robots)
    assert list(error.parameters) == ["self", "exc", "netloc"]
    source = inspect.getsource(RobotsTxtMiddleware.robot_parser)
    assert "self._parse_robots(" in source and "self._robots_error(" in source
    assert issubclass(RobotsTxtRFC9309Middleware, RobotsTxtHooks)


def test_the_robots_adapter_works_on_the_installed_scrapy() -> None:
    crawler = get_crawler(settings_dict={"ROBOTSTXT_OBEY": True, "USER_AGENT": "dbp-archive"})
    hooks = RobotsTxtHooks.from_crawler(crawler)
    assert hooks.stats is crawler.stats
    # A pending robots.txt is a Deferred; setting a parser hands back the pending one.
    pending: Deferred[object] = Deferred()
    hooks.set_robots_parser("example.org", pending)
    assert hooks.robots_parser("example.org") is pending
    assert hooks.set_robots_parser("example.org", None) is pending
    # Scrapy's own handling, reached through the public names: parse and obey the rules.
    hooks.set_robots_parser("example.org", Deferred())
    response = TextResponse(
        "https://example.org/robots.txt", body=b"User-agent: *\nDisallow: /no\n", encoding="utf-8"
    )
    coroutine = hooks._parse_robots(response, "example.org", Request("https://example.org/"))
    with pytest.raises(StopIteration):  # no handler waits: it finishes at once
        coroutine.send(None)
    parser = hooks.robots_parser("example.org")
    assert parser.allowed("https://example.org/yes", "dbp-archive")
    assert not parser.allowed("https://example.org/no", "dbp-archive")
    # And the error hook: Scrapy's default settles the host with no parser (allow all).
    hooks.set_robots_parser("down.example", Deferred())
    hooks._robots_error(OSError("down"), "down.example")
    assert hooks.robots_parser("down.example") is None


def test_close_reason_on_the_installed_scrapy() -> None:
    """Scrapy 2.19's engine keeps no close reason: the adapter says None, never raises."""

    class Engine:
        pass

    assert close_reason(Engine()) is None
    assert close_reason(None) is None
    engine = Engine()
    engine._close_reason = "finished"  # type: ignore[attr-defined]  # as older Scrapy had it
    assert close_reason(engine) == "finished"


def test_private_scrapy_names_are_used_only_by_the_adapter() -> None:
    """Outside scraper/scrapy_compat.py, no module reaches for a Scrapy private name."""
    private = ("_parse_robots", "_robots_error", "_parsers", "_close_reason", "self._stats")
    found = subprocess.run(
        ["grep", "-rnwF", *(arg for name in private for arg in ("-e", name)), "scraper/"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=False,
    ).stdout.splitlines()
    adapter = Path(scrapy_compat.__file__).relative_to(ROOT).as_posix()
    assert [line for line in found if not line.startswith(adapter)] == []
