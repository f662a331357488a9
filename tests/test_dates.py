"""Dates: structured ISO values, day-first visible text, plausibility."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from scraper.extract.dates import parse_date

NOW = datetime(2026, 11, 23, 12, 0, tzinfo=UTC)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("2024-11-25T10:30:00+07:00", "2024-11-25T10:30:00+07:00"),
        ("2024-11-25T03:30:00Z", "2024-11-25T10:30:00+07:00"),
        ("2024-11-25T10:30:00", "2024-11-25T10:30:00+07:00"),
        # A day without a time is stored as the day: never a midnight that was not shown.
        ("2024-11-25", "2024-11-25"),
        ("2024-11-25T00:00:00+07:00", "2024-11-25T00:00:00+07:00"),  # a real midnight
        ("Thứ Hai, 25/11/2024 00:00", "2024-11-25T00:00:00+07:00"),
        ("Thứ Hai, 25/11/2024 10:30", "2024-11-25T10:30:00+07:00"),
        ("25/11/2024 | 10:30", "2024-11-25T10:30:00+07:00"),
        ("Monday, 25/11/2024 - 10:30 (GMT+7)", "2024-11-25T10:30:00+07:00"),
        ("10:30 25/11/2024", "2024-11-25T10:30:00+07:00"),
        ("05/11/2024", "2024-11-05"),  # day first, never 11 May
        ("November 25, 2024", "2024-11-25"),
        ("November 25, 2024 10:30 am", "2024-11-25T10:30:00+07:00"),
        ("25 tháng 11 năm 2024", "2024-11-25"),
    ],
)
def test_parse_date(text: str, expected: str) -> None:
    assert parse_date(text, NOW) == (expected, None)


@pytest.mark.parametrize(
    ("text", "problem"),
    [
        ("31/02/2024", "no date"),
        ("not a date", "no date"),
        ("", "no date"),
        ("01/01/1999", "before 2004"),
        ("2027-06-01T00:00:00+07:00", "in the future"),
    ],
)
def test_parse_date_rejects(text: str, problem: str) -> None:
    value, reason = parse_date(text, NOW)
    assert value is None
    assert reason is not None and problem in reason
