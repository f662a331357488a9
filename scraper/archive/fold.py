"""Diacritic folding for Vietnamese search: ``Điện Biên`` -> ``dien bien``.

SQLite's ``unicode61 remove_diacritics 2`` folds every Vietnamese diacritic but ``Đ/đ``: the
letter has no Unicode decomposition. We fold it ourselves, here, for queries and for the
``search_extra`` column indexed beside the text.
"""

from __future__ import annotations

import re
import unicodedata
from typing import Final

_WORD_RE: Final = re.compile(r"\w+")


def fold(text: str) -> str:
    """Return ``text`` lower-cased with every diacritic removed, ``đ`` -> ``d`` included."""
    decomposed = unicodedata.normalize("NFD", text.replace("đ", "d").replace("Đ", "D"))
    return "".join(c for c in decomposed if not unicodedata.combining(c)).lower()


def search_extra(*texts: str | None) -> str:
    """Return the folded forms of the words holding ``đ``/``Đ`` (``Điện`` -> ``dien``).

    Indexed next to the text, they let ``dien`` find ``Điện`` while the original text
    (indexed with ``remove_diacritics 2``) lets ``Điện`` find it too.
    """
    words: dict[str, None] = {}
    for text in texts:
        for word in _WORD_RE.findall(text or ""):
            if "đ" in word or "Đ" in word:
                words[fold(word)] = None
    return " ".join(words)
