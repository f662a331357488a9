"""The User-Agent: plain ASCII (servers read header bytes as Latin-1), a contact the user gives,
and one warning line on a live run without one."""

from __future__ import annotations

import logging
import os
import subprocess
import sys
from pathlib import Path

import pytest
from scrapy.utils.test import get_crawler

from scraper import NO_CONTACT, has_contact, user_agent
from scraper.mirror import serve
from scraper.spiders.dbp import NO_CONTACT_WARNING, SiteSpider
from tests.conftest import ROOT, SITE_DIR, run_cli


@pytest.mark.parametrize(
    ("contact", "expected"),
    [
        (None, NO_CONTACT),
        ("", NO_CONTACT),
        ("   ", NO_CONTACT),
        ("you@example.org", "+you@example.org"),
        ("https://example.org/dbp", "+https://example.org/dbp"),
        ("trần@example.vn", "+tr%E1%BA%A7n@example.vn"),  # non-ASCII: percent-encoded
        ("a@b.org\r\nX-Evil: 1", "+a@b.org%0D%0AX-Evil:%201"),  # no header injection
    ],
)
def test_user_agent_is_ascii_and_carries_the_contact(contact: str | None, expected: str) -> None:
    agent = user_agent(contact)
    assert agent.isascii() and agent.isprintable()
    assert agent.endswith(f"; {expected})")
    assert "Bao Dien Bien Phu" in agent
    assert has_contact(agent) is (expected != NO_CONTACT)


def test_default_settings_agent_is_ascii_without_a_placeholder_contact() -> None:
    """The settings read ``DBP_CONTACT`` from the environment; nothing is made up."""
    code = "from scraper import settings; print(settings.USER_AGENT)"
    env = {k: v for k, v in os.environ.items() if k != "DBP_CONTACT"}
    for extra, expected in ((({}), NO_CONTACT), ({"DBP_CONTACT": "me@example.org"}, "+me@")):
        result = subprocess.run(
            [sys.executable, "-c", code],
            capture_output=True,
            text=True,
            cwd=ROOT,
            env={**env, **extra},
            check=True,
        )
        agent = result.stdout.strip()
        assert agent.isascii() and expected in agent and "github.com" not in agent


@pytest.mark.slow
def test_a_mirror_sees_the_user_agent_intact(tmp_path: Path) -> None:
    """The request log shows the header as a server reads it (its bytes as Latin-1)."""
    contact = "archive-test@example.org"
    with serve(SITE_DIR) as mirror:
        result = run_cli("crawl", "--db", str(tmp_path / "a.db"), "--mirror", mirror.url,
                         "--delay", "0", "--contact", contact)  # fmt: skip
        agents = {entry.user_agent for entry in mirror.log}
    assert result.returncode == 0, result.stderr[-2000:]
    assert agents == {user_agent(contact)}
    assert "contact" not in result.stderr  # a mirror run never asks for one


@pytest.mark.parametrize(
    ("settings", "warned"),
    [
        ({}, True),  # live, no contact
        ({"USER_AGENT": user_agent("me@example.org")}, False),  # live, contact given
        ({"DBP_MIRROR": "http://127.0.0.1:9"}, False),  # a mirror: nobody to reach
        ({"USER_AGENT": "someone else's agent"}, False),  # `scrapy crawl -s USER_AGENT=...`
    ],
)
def test_a_live_run_without_a_contact_warns_once(
    settings: dict[str, str],
    warned: bool,
    tmp_path: Path,
    caplog: pytest.LogCaptureFixture,
) -> None:
    crawler = get_crawler(
        SiteSpider,
        {"USER_AGENT": user_agent(None), "DBP_ARCHIVE": str(tmp_path / "a.db"), **settings},
    )
    with caplog.at_level(logging.WARNING, logger="scraper"):
        SiteSpider.from_crawler(crawler)
    messages = [r.getMessage() for r in caplog.records if r.name.startswith("scraper")]
    assert messages == ([NO_CONTACT_WARNING] if warned else [])
    assert not (tmp_path / "a.db").exists()  # reading the crawl's memory creates nothing
