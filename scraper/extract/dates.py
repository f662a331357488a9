"""Dates: the one place where publication dates are parsed.

Output format everywhere: ISO 8601 in the paper's zone, ``2024-11-25T10:30:00+07:00`` when the
source gives a time of day, and the bare day ``2024-11-25`` when it gives none: a date shown
without a time must not read as a real midnight (``T00:00:00``).

* Structured values (``2024-11-25T10:30:00+07:00``, ``2024-11-25T03:30:00Z``, ``2024-11-25``)
  are read with ``datetime.fromisoformat``: no guessing, no dateparser.
* Visible text in day-first numeric form (``Thứ Hai, 25/11/2024 10:30``, ``25/11/2024 | 10:30``,
  ``Monday, 25/11/2024 - 10:30 (GMT+7)``, ``25-11-2024``) is read by a regular expression,
  always day first: Vietnamese sites never write month first, and dateparser with only
  ``languages`` set reads ``05/11/2024`` as 11 May.
* Anything else with a month name (``November 25, 2024``, ``25 tháng 11 năm 2024``) goes to
  dateparser, with fixed languages and settings and the caller's ``now``: the ONE call site.

A value before 2004 or later than ``now`` plus a day is implausible: None, with a reason.
"""

from __future__ import annotations

import re
from datetime import UTC, date, datetime, timedelta, timezone
from functools import lru_cache
from typing import Final

from dateparser.date import DateDataParser

PAPER_TZ: Final = timezone(timedelta(hours=7), "ICT")  # Asia/Ho_Chi_Minh: UTC+7, no DST
EARLIEST: Final = datetime(2004, 1, 1, tzinfo=PAPER_TZ)
FUTURE_SLACK: Final = timedelta(days=1)
DATEPARSER_LANGUAGES: Final = ["vi", "en"]
DATEPARSER_SETTINGS: Final = {
    "DATE_ORDER": "DMY",
    "TIMEZONE": "Asia/Ho_Chi_Minh",
    "TO_TIMEZONE": "Asia/Ho_Chi_Minh",
    "RETURN_AS_TIMEZONE_AWARE": True,
    "PREFER_DATES_FROM": "past",
    "STRICT_PARSING": False,
}
# dd/mm/yyyy (also with - or .), optionally followed (or preceded) by hh:mm[:ss].
_NUMERIC_RE: Final = re.compile(
    r"(?<!\d)(?P<d>\d{1,2})[/.\-](?P<m>\d{1,2})[/.\-](?P<y>(?:19|20)\d{2})(?!\d)"
)
_TIME_RE: Final = re.compile(
    r"(?<!\d)(?P<h>[01]?\d|2[0-3])[:hg](?P<min>[0-5]\d)(?::(?P<s>[0-5]\d))?"
)
_ISO_RE: Final = re.compile(r"^\s*\d{4}-\d{2}-\d{2}(?:[T ][\d:.]+(?:Z|[+-]\d{2}:?\d{2})?)?\s*$")
_MONTH_WORD_RE: Final = re.compile(
    r"\b(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\.?\s+\d|\d\s+(?:jan|feb|mar|apr|"
    r"may|jun|jul|aug|sep|oct|nov|dec)|tháng\s*\d{1,2}",
    re.I,
)
_AM_PM_RE: Final = re.compile(r"\d\s*(?:am|pm|a\.m\.|p\.m\.|sáng|chiều)\b", re.I)
# Longest text we hand to dateparser: a date line, not a paragraph.
MAX_DATE_TEXT: Final = 80


def to_iso(value: datetime) -> str:
    """Return ``value`` as ISO 8601 in +07:00; a naive value is taken as the paper's time."""
    if value.tzinfo is None:
        value = value.replace(tzinfo=PAPER_TZ)
    return value.astimezone(PAPER_TZ).replace(microsecond=0).isoformat()


def _plausible(value: datetime, now: datetime) -> str | None:
    """Return None if ``value`` could be a publication date seen at ``now``, else the reason."""
    if value.tzinfo is None:
        value = value.replace(tzinfo=PAPER_TZ)
    if now.tzinfo is None:
        now = now.replace(tzinfo=UTC)
    if value < EARLIEST:
        return f"implausible date {to_iso(value)}: before {EARLIEST.year}"
    if value > now + FUTURE_SLACK:
        return f"implausible date {to_iso(value)}: in the future"
    return None


def has_time(text: str) -> bool:
    """Return True if a date text gives a time of day (``10:30``, ``T03:30:00Z``, ``10 am``)."""
    return bool(_TIME_RE.search(text) or _AM_PM_RE.search(text))


def parse_iso(text: str) -> datetime | None:
    """Return the datetime of a structured ISO 8601 value (naive = +07:00), else None."""
    if not _ISO_RE.match(text):
        return None
    try:
        value = datetime.fromisoformat(text.strip().replace(" ", "T", 1))
    except ValueError:
        return None
    return value if value.tzinfo else value.replace(tzinfo=PAPER_TZ)


def parse_numeric(text: str) -> datetime | None:
    """Return the day-first ``dd/mm/yyyy [hh:mm]`` date found in ``text``, else None."""
    match = _NUMERIC_RE.search(text)
    if not match:
        return None
    rest = text[: match.start()] + " " + text[match.end() :]
    clock = _TIME_RE.search(rest)
    hour, minute, second = (0, 0, 0)
    if clock:
        hour, minute = int(clock.group("h")), int(clock.group("min"))
        second = int(clock.group("s") or 0)
    try:
        return datetime(
            int(match.group("y")),
            int(match.group("m")),
            int(match.group("d")),
            hour,
            minute,
            second,
            tzinfo=PAPER_TZ,
        )
    except ValueError:  # 31/02/2024
        return None


def parse_text(text: str, now: datetime) -> datetime | None:
    """Return the date written in a short visible text (English or Vietnamese), else None."""
    text = " ".join(text.split())
    if not text or len(text) > MAX_DATE_TEXT:
        return None
    found = parse_numeric(text)
    if found or not _MONTH_WORD_RE.search(text):
        return found
    text = _NOISE_RE.sub(" ", text)  # "Sunday, 9 March 2025 | 15:40 GMT+7": dateparser balks
    return _date_parser(now.date()).get_date_data(text).date_obj


@lru_cache(maxsize=4)
def _date_parser(today: date) -> DateDataParser:
    """Return the dateparser parser of the day: the ONE place dateparser is set up and called.

    Built once per day and reused rather than passing a settings dict on every call (the
    first calls of each settings object cost tens of milliseconds here while dateparser warms
    its per-language caches).
    """
    base = datetime(today.year, today.month, today.day)
    settings = dict(DATEPARSER_SETTINGS, RELATIVE_BASE=base)
    return DateDataParser(languages=DATEPARSER_LANGUAGES, settings=settings)


def parse_date(text: str | None, now: datetime) -> tuple[str | None, str | None]:
    """Return ``(iso, problem)``: the date in ``text`` as +07:00 ISO, or None and why not.

    ``text`` may be structured (ISO) or visible text. ``problem`` is None when a plausible date
    was found, a one-line reason when a date was found but rejected, and ``"no date"`` otherwise.
    """
    if not text or not text.strip():
        return None, "no date"
    value = parse_iso(text) or parse_text(text, now)
    if value is None:
        return None, "no date"
    problem = _plausible(value, now)
    if problem:
        return None, problem
    iso = to_iso(value)
    # A day without a time: the day as written (a UTC midnight would shift it, so no zone).
    return (iso if has_time(text) else iso[:10]), None


def page_day(moment: datetime) -> str:
    """Return the calendar day of ``moment`` in the paper's zone (``2026-11-23``)."""
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=UTC)
    return moment.astimezone(PAPER_TZ).date().isoformat()


def is_day_only(iso: str | None) -> bool:
    """Return True for a stored date that gives the day only (``2024-11-25``)."""
    return bool(iso) and len(iso or "") == len("2024-11-25")


_DATE_WORDS_RE: Final = re.compile(
    r"\b(?:thứ\s+(?:hai|ba|tư|năm|sáu|bảy)|chủ\s+nhật|(?:mon|tues|wednes|thurs|fri|satur|sun)day|"
    r"(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\.?|tháng|năm|ngày|gmt\s*[+-]?\s*\d*|"
    r"ict|am|pm|updated|posted|published|cập\s+nhật|đăng)\b|\d+|[/:|,.()+\-–—]",
    re.I,
)
MAX_DATE_LINE_WORDS: Final = 2
_NOISE_RE: Final = re.compile(
    r"\(?\s*GMT\s*[+-]\s*\d{1,2}(?::?\d{2})?\s*\)?|\(?\bICT\b\)?|[|•·]", re.I
)


def is_date_line(text: str) -> bool:
    """Return True if a line is a date and (almost) nothing else (``Thứ Hai, 25/11/2024 10:30``).

    ``The final will be played on June 2.`` holds a date but is a sentence: False.
    """
    if not looks_like_date(text):
        return False
    return len(_DATE_WORDS_RE.sub(" ", text).split()) <= MAX_DATE_LINE_WORDS


def looks_like_date(text: str) -> bool:
    """Return True if a short text holds a numeric or month-name date (a dateline/meta line)."""
    return len(text) <= MAX_DATE_TEXT and bool(
        _NUMERIC_RE.search(text) or _MONTH_WORD_RE.search(text) or _ISO_RE.match(text)
    )
