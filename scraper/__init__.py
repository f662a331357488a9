"""dbp-archive: scraper and archive of Báo Điện Biên Phủ (English edition)."""

import email.utils
import time
from datetime import UTC, datetime

__version__ = "0.1.0"
# Bumped whenever extraction output can change: stored with each record, so re-extraction
# knows which records an older extractor produced.
EXTRACTOR_VERSION = "1"


def utc_now() -> str:
    """Return the current UTC time as the archive writes it: ``2026-11-23T12:00:00+00:00``."""
    return datetime.now(UTC).replace(microsecond=0).isoformat()


# What the User-Agent says when no contact was given (``--contact``, or the environment
# variable ``scraper.config.CONTACT_ENV``).
NO_CONTACT = "contact: none given"


def user_agent(contact: str | None) -> str:
    """Return the crawl's User-Agent: who we are, and how a site operator reaches us.

    Plain ASCII: servers read header bytes as Latin-1, so the paper's name in UTF-8 would reach
    their logs as ``BÃ¡o Äiá»n``; it is written without diacritics, and any character of
    ``contact`` outside printable ASCII (a control character, a space, a non-ASCII letter) is
    percent-encoded. Without a contact the agent says ``contact: none given``.
    """
    who = f"+{_ascii(contact.strip())}" if contact and contact.strip() else NO_CONTACT
    return f"dbp-archive/{__version__} (research archive of Bao Dien Bien Phu; {who})"


def has_contact(agent: str) -> bool:
    """Return True unless ``agent`` is our User-Agent without a contact."""
    return NO_CONTACT not in agent


def _ascii(text: str) -> str:
    """Return ``text`` with every character outside printable ASCII percent-encoded (UTF-8)."""
    return "".join(
        char if 32 < ord(char) < 127 else "".join(f"%{b:02X}" for b in char.encode())
        for char in text
    )


def retry_after_seconds(value: str | None, now: float | None = None) -> float | None:
    """Return the wait a ``Retry-After`` value asks for, in seconds, or None if it says nothing.

    RFC 9110: delay-seconds (``120``) or an HTTP date (``Wed, 21 Oct 2015 07:28:10 GMT``,
    counted from ``now``, a Unix time, default the clock); a date in the past is 0.
    """
    if not value:
        return None
    value = value.strip()
    if value.isdigit():
        return float(value)
    try:
        when = email.utils.parsedate_to_datetime(value)
    except (TypeError, ValueError):
        return None
    if when.tzinfo is None:
        when = when.replace(tzinfo=UTC)
    return max(0.0, when.timestamp() - (time.time() if now is None else now))
