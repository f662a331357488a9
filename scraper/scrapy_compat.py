"""The one place that touches Scrapy's private APIs (names with a leading underscore).

Scrapy does not promise them between releases, so every use is here, each checked against the
versions in ``SUPPORTED_SCRAPY`` (pyproject: ``scrapy>=2.19,<3``; checked on 2.19.0).
``tests/test_scrapy_compat.py`` pins that range and asserts each function below still works on
the installed Scrapy: when an upgrade breaks one, that test names it, not a crawl.
"""

from __future__ import annotations

from typing import Any, Final

from scrapy.downloadermiddlewares.robotstxt import RobotsTxtMiddleware
from scrapy.http import Request, Response

# The Scrapy releases these adapters were checked against: [lowest, next unsupported).
SUPPORTED_SCRAPY: Final = ("2.19", "3")


class RobotsTxtHooks(RobotsTxtMiddleware):
    """``RobotsTxtMiddleware`` with its private hooks under public names.

    Checked on Scrapy 2.19: ``robot_parser()`` calls ``_parse_robots(response, netloc,
    request)`` (async) when robots.txt answers and ``_robots_error(exc, netloc)`` when it
    cannot be fetched; ``_parsers`` maps a netloc to a parser, or to the ``Deferred`` every
    request to that netloc waits on until one is set; ``_stats`` is the crawler's stats.
    Subclasses override ``on_robots_response`` and ``on_robots_error``.
    """

    async def _parse_robots(self, response: Response, netloc: str, request: Request) -> None:
        await self.on_robots_response(response, netloc, request)

    def _robots_error(self, exc: Exception, netloc: str) -> None:
        self.on_robots_error(exc, netloc)

    async def on_robots_response(self, response: Response, netloc: str, request: Request) -> None:
        """Handle robots.txt's answer (Scrapy's own handling: parse it, allow what it allows)."""
        await super()._parse_robots(response, netloc, request)

    def on_robots_error(self, exc: Exception, netloc: str) -> None:
        """Handle a robots.txt that could not be fetched (Scrapy's own handling: allow all)."""
        super()._robots_error(exc, netloc)

    @property
    def stats(self) -> Any:
        """Return the crawler's stats collector (Scrapy keeps it as ``_stats``)."""
        return self._stats

    def robots_parser(self, netloc: str) -> Any:
        """Return what ``netloc`` has: a parser, a pending ``Deferred``, None, or KeyError."""
        return self._parsers[netloc]

    def set_robots_parser(self, netloc: str, parser: Any) -> Any:
        """Set ``netloc``'s parser (any object with ``allowed(url, user_agent)``); return the
        previous entry (a ``Deferred`` the caller must fire if robots.txt was still pending)."""
        previous = self._parsers.get(netloc)
        self._parsers[netloc] = parser
        return previous


def close_reason(engine: Any) -> str | None:
    """Return the reason the engine is closing the spider with, when Scrapy exposes it.

    Read from ``engine._close_reason``, which no Scrapy release checked here has (2.19 passes
    the reason only to ``spider_closed``, after item pipelines are closed): on those versions
    this returns None, and the run's ``finish_reason`` comes from the stats when set.
    """
    return getattr(engine, "_close_reason", None)
