"""Text rules of the site: whitespace and NFC, dateline, captions and credits, bylines, markers.

Pure functions on strings. The forms handled are those in ``docs/site-notes.md``; each
regular expression names the examples that needed it.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field
from typing import Final

from scraper.site import (
    BOILERPLATE_LINES,
    COMMENT_MARKERS,
    DATELINE_RE,
    END_HEADINGS,
    RELATED_HEADINGS,
    SITE_NAME_RE,
)

# C0/C1 controls except tab and newline, plus zero-width characters: never in a stored field.
_CONTROL_RE: Final = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u200b\u200c\u200d\ufeff]")

# A credit at the end of a caption: "… conference. Photo: Trần Dũng", "Photo: Mai Giáp - Trần
# Dũng", "(Photo: C.T.V)", "Ảnh: …", and "… committee. File photo".
_CREDIT_RE: Final = re.compile(
    r"(?:^|(?<=[.!?”\"')\]])\s*|\s+[-–—]\s*|\s+|\()"
    r"(?P<credit>(?:(?:Photos?|Ảnh|Image|Source)\s*:\s*[^:()]{2,80}?|File photos?|Ảnh tư liệu|"
    r"Internet photo|Illustrative (?:photo|image))\.?)\)?\s*$",
    re.I,
)
# Byline forms (last line(s) of the body).
_BY_RE: Final = re.compile(r"^(?:By|Written by|Bài)\s*:?\s+(?P<names>.+)$", re.I)
_PHOTOS_BY_RE: Final = re.compile(
    r"^(?:Photos?|Text and photos?|Story and photos?|Article and photos?|Bài và ảnh|Ảnh)"
    r"\s*:\s*(?P<names>.+)$",
    re.I,
)
_COMRADE_RE: Final = re.compile(r"^(?:Comrade|Đồng chí)\s+(?P<names>.+)$", re.I)
# A name: 1–6 capitalised words (Vietnamese letters allowed), initials like "C.T.V" too.
_NAME_WORD: Final = r"(?:[A-ZÀ-ỸĐ][a-zà-ỹđ'’]*\.?|[A-ZĐ](?:\.[A-ZĐ])+\.?)"
_NAME_RE: Final = re.compile(rf"^{_NAME_WORD}(?:[ \u00a0]{_NAME_WORD}){{0,5}}$")
_NAME_SEPARATORS_RE: Final = re.compile(r"\s+[-–—&]\s+|\s*,\s*|\s+and\s+|\s+và\s+")
# Titles line under a signed article: "Member of the Party Central Committee, Secretary of …".
_TITLES_RE: Final = re.compile(
    r"\b(?:Member|Secretary|Chairman|Chairwoman|Chair|Deputy|Vice|Director|Head|Commander|"
    r"Minister|President|Permanent|Standing|General|Colonel|Lieutenant|Major|Editor)\b"
)
MAX_BYLINE_CHARS: Final = 80
# Accounts a CMS writes as the author of everything an editor posts: never a person's name.
CMS_ACCOUNTS: Final = frozenset(
    {"super user", "administrator", "admin", "editor", "webmaster", "ban biên tập", "quản trị",
     "quản trị viên", "biên tập viên", "guest"}
)  # fmt: skip
MAX_SHARE_BAR_CHARS: Final = 80
_SHARE_WORDS_RE: Final = re.compile(
    "|".join(sorted((re.escape(w) for w in BOILERPLATE_LINES), key=len, reverse=True))
)
_INLINE_RELATED_RE: Final = re.compile(
    r"^(?:read also|read more|see also|related|xem thêm|đọc thêm|tin liên quan|tags?|keywords?"
    r"|từ khóa|từ khoá)\s*:",
    re.I,
)
_PLAYER_RE: Final = re.compile(r"^(?:listen to (?:this|the) article|nghe (?:bài|đọc))", re.I)
MAX_TITLES_CHARS: Final = 400


def clean_text(text: str | None) -> str:
    """Return ``text`` in NFC with controls removed and all whitespace runs as one space."""
    if not text:
        return ""
    if not text.isascii():
        text = unicodedata.normalize("NFC", text)
    if _CONTROL_RE.search(text):
        text = _CONTROL_RE.sub("", text)
    # str.split() splits on every Unicode space, NBSP and U+2000–U+200A included.
    return " ".join(text.split())


def strip_dateline(text: str) -> tuple[str, bool]:
    """Return ``(text without a leading "ĐBP -" dateline, whether one was there)``."""
    stripped = DATELINE_RE.sub("", text, count=1)
    return stripped, stripped != text


def has_dateline(text: str) -> bool:
    """Return True if ``text`` opens with the paper's dateline (any dash and spacing)."""
    return bool(DATELINE_RE.match(text))


def split_credit(text: str) -> tuple[str | None, str | None]:
    """Return ``(caption, credit)`` of a caption line; either may be None.

    ``"Comrade X chairs a meeting. File photo"`` -> ``("Comrade X chairs a meeting.", "File
    photo")``; ``"Photo: C.T.V"`` -> ``(None, "Photo: C.T.V")``.
    """
    text = clean_text(text)
    match = _CREDIT_RE.search(text)
    if not match:
        return (text or None), None
    caption = text[: match.start()].rstrip(" -–—(").strip()
    credit = match.group("credit").strip()
    return (caption or None), credit


def is_credit_only(text: str) -> bool:
    """Return True if the line is nothing but a photo credit (``Photo: Trần Dũng``)."""
    caption, credit = split_credit(text)
    return caption is None and credit is not None


def _split_names(names: str) -> list[str]:
    """Return the names of ``A - B``, ``A, B``, ``A and B``; [] if any part is not a name."""
    parts = [clean_text(part).strip(" .") for part in _NAME_SEPARATORS_RE.split(names)]
    parts = [part for part in parts if part]
    return parts if parts and all(_NAME_RE.match(part) for part in parts) else []


@dataclass(kw_only=True, slots=True)
class Byline:
    """A byline found at the end of a body: the ``authors``, the ``titles`` line (signed
    articles) or None, ``lines``: how many trailing lines it used, ``form``: which rule."""

    authors: list[str] = field(default_factory=list)
    titles: str | None = None
    lines: int = 1
    form: str = ""


def parse_byline_line(line: str) -> Byline | None:
    """Return the byline of one line, or None if the line is not a byline.

    Forms: ``By Quang Long``; ``Photos: Trần Dũng - An Chi``; ``Comrade Trần Quốc Cường``;
    a plain name ``Hà Linh`` (or names ``A - B``).
    """
    line = clean_text(line)
    if not line or len(line) > MAX_BYLINE_CHARS:
        return None
    for form, pattern in (("by", _BY_RE), ("photos", _PHOTOS_BY_RE), ("comrade", _COMRADE_RE)):
        match = pattern.match(line)
        if match:
            names = _split_names(match.group("names"))
            return Byline(authors=names, form=form) if names else None
    names = _split_names(line)
    return Byline(authors=names, form="name") if names else None


def is_titles_line(line: str) -> bool:
    """Return True if ``line`` reads like an official's titles (``Member of …, Secretary of …``)."""
    line = clean_text(line)
    return (
        0 < len(line) <= MAX_TITLES_CHARS
        and line[0].isupper()
        and not line.endswith(("?", "!"))
        # opens with a title word, or names one in a comma-separated list of posts
        and bool(_TITLES_RE.match(line) or ("," in line and _TITLES_RE.search(line)))
    )


_LABEL_RE: Final = re.compile(r"^(?:Author|Authors|Writer|Tác giả|Reporter)\s*:?\s+", re.I)


def strip_label(text: str) -> str:
    """Return a byline without a field label (``Author Ngọc Anh`` -> ``Ngọc Anh``)."""
    return _LABEL_RE.sub("", text, count=1)


def parse_byline(lines: list[str]) -> Byline | None:
    """Return the byline at the end of ``lines`` (the body's last lines), or None.

    A signed article ends with the name line then a titles line (``Comrade X`` /
    ``Member of the Party Central Committee, …``): both belong to the byline.
    """
    if not lines:
        return None
    last = parse_byline_line(lines[-1])
    if last:
        return last
    if len(lines) >= 2 and is_titles_line(lines[-1]):
        named = parse_byline_line(lines[-2])
        if named:
            return Byline(
                authors=named.authors,
                titles=clean_text(lines[-1]),
                lines=2,
                form=named.form + "+titles",
            )
    return None


def parse_author_value(value: str) -> list[str]:
    """Return names from a structured author value (``By Quang Long``, ``Hà Linh - An Chi``).

    The paper's own name (``<meta name="author" content="Báo Điện Biên Phủ">``) is no author.
    """
    if is_site_name(value) or clean_text(value).casefold() in CMS_ACCOUNTS:
        return []
    byline = parse_byline_line(value)
    return byline.authors if byline else []


def _key(text: str) -> str:
    """Return ``text`` lower-cased without punctuation at its ends, for marker lookups."""
    return clean_text(text).lower().strip(" :.-–—!|»›>")


def is_related_heading(text: str) -> bool:
    """Return True if ``text`` is the heading of a related / Recent news block."""
    return _key(text) in RELATED_HEADINGS


def is_end_heading(text: str) -> bool:
    """Return True if ``text`` heads the site's end-of-article block (``Recent news``)."""
    return _key(text) in END_HEADINGS


def is_comment_marker(text: str) -> bool:
    """Return True if ``text`` is a line of the comment form (the body ends before it)."""
    text = clean_text(text)
    return any(pattern.match(text) for pattern in COMMENT_MARKERS)


def is_boilerplate_line(text: str) -> bool:
    """Return True for share/print/ad/player lines that are never article text.

    ``Share``, ``ShareFacebookZalo`` (a share bar's labels run together), ``Listen to this
    article 00:00 / 06:12``, ``Read also: …`` (an inline link to another article).
    """
    key = _key(text)
    if key in BOILERPLATE_LINES or _INLINE_RELATED_RE.match(key) or _PLAYER_RE.match(key):
        return True
    return len(key) <= MAX_SHARE_BAR_CHARS and not _SHARE_WORDS_RE.sub("", key).strip(" |·•-/")


def is_site_name(text: str) -> bool:
    """Return True if ``text`` is the paper's name (``Báo Điện Biên Phủ``, ``baodienbienphu``)."""
    return bool(SITE_NAME_RE.fullmatch(" - " + clean_text(text)))


def strip_site_name(title: str) -> str:
    """Return a ``<title>``/``og:title`` without its site-name suffix (`` - Báo Điện Biên Phủ``)."""
    return SITE_NAME_RE.sub("", clean_text(title)).strip()


def same_text(a: str | None, b: str | None) -> bool:
    """Return True if two texts are equal after cleaning and dateline removal, ignoring case."""
    if not a or not b:
        return False
    return (
        strip_dateline(clean_text(a))[0].casefold() == strip_dateline(clean_text(b))[0].casefold()
    )
