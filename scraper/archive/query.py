"""The search language analysts type, read into a tree and written as safe FTS5 expressions.

Pure functions, no SQL connection. The language (``docs/search.md``)::

    coffee harvest            both words (AND; ``AND`` may be written)
    "coffee harvest"          the exact phrase
    coffee OR tea             either (operators in capitals; ``or`` is a word)
    coffee NOT tea            coffee without tea; ``-tea`` is the same
    harv*                     a prefix
    title:coffee              in the title (``lead:``, ``body:``; also ``title:"a phrase"``,
                              ``title:(coffee OR tea)``)
    (coffee OR tea) harvest   grouping

Every term is folded (``Điện`` -> ``dien``) for the folded index and quoted: nothing the user
types reaches FTS5 as syntax. A query typed with diacritics also gets an *exact* expression,
for the index that keeps them, so exact-form matches can rank first.

Malformed input raises ``QueryError`` with one line naming the problem.

Why the ``d``/``đ`` variants: ``articles_fts`` indexes the visible text with ``unicode61
remove_diacritics 2``, which folds every Vietnamese diacritic except ``Đ/đ`` (no Unicode
decomposition), so the index holds ``Điện`` as ``đien``. A folded word with a ``d`` is
searched in both spellings (``dien`` -> ``"dien" OR "đien"``; only a first letter, see
``_spellings``): column filters and snippets
then work on the visible columns themselves, not on the hidden ``search_extra`` column.
"""

from __future__ import annotations

import html
import itertools
import re
import unicodedata
from bisect import bisect_left
from collections.abc import Mapping
from dataclasses import dataclass, replace
from typing import Final, Literal

from scraper.archive.fold import fold

COLUMNS: Final = ("title", "lead", "body")
# The columns a term without a filter searches: the visible text, never ``search_extra``.
VISIBLE: Final = "{title lead body}"
MAX_SPELLINGS: Final = 64  # d/đ spellings of one phrase: 2 ** its words starting with d
MARK_START: Final = "\x02"  # highlight markers inside a marked snippet (never in article text)
MARK_END: Final = "\x03"
SNIPPET_WORDS: Final = 24
ELLIPSIS: Final = "…"

_WORD_RE: Final = re.compile(r"\w+")
_COLUMN_RE: Final = re.compile(r"([A-Za-z_]+):")
_SPECIAL: Final = frozenset('"()')


class QueryError(ValueError):
    """A search query or filter that cannot be run (one-line message)."""


@dataclass(frozen=True, slots=True)
class Term:
    """A word or phrase: ``words`` as typed (NFC), last one a prefix if ``prefix``."""

    words: tuple[str, ...]
    prefix: bool = False
    column: str | None = None


@dataclass(frozen=True, slots=True)
class Not:
    """``NOT x`` / ``-x``: only inside an ``And`` that has a positive part."""

    node: Node


@dataclass(frozen=True, slots=True)
class And:
    parts: tuple[Node, ...]


@dataclass(frozen=True, slots=True)
class Or:
    parts: tuple[Node, ...]


Node = Term | Not | And | Or
Kind = Literal["word", "phrase", "or", "and", "not", "neg", "column", "open", "close"]


@dataclass(frozen=True, slots=True)
class Token:
    kind: Kind
    text: str = ""
    words: tuple[str, ...] = ()
    prefix: bool = False


def _lex(query: str) -> list[Token]:
    """Split ``query`` into tokens; raise ``QueryError`` for an unclosed quote or bad column."""
    tokens: list[Token] = []
    i, n = 0, len(query)
    while i < n:
        char = query[i]
        if char.isspace():
            i += 1
        elif char == '"':
            end = query.find('"', i + 1)
            if end < 0:
                raise QueryError(f"unbalanced quote: the phrase {query[i:]!r} is never closed")
            prefix = query[end + 1 : end + 2] == "*"
            words = tuple(_WORD_RE.findall(query[i + 1 : end]))
            tokens.append(Token("phrase", query[i : end + 1], words, prefix and bool(words)))
            i = end + 1 + prefix
        elif char == "(":
            tokens.append(Token("open", "("))
            i += 1
        elif char == ")":
            tokens.append(Token("close", ")"))
            i += 1
        elif char == "-" and i + 1 < n and not query[i + 1].isspace() and query[i + 1] != "-":
            tokens.append(Token("neg", "-"))
            i += 1
        else:
            end = i
            while end < n and not query[end].isspace() and query[end] not in _SPECIAL:
                end += 1
            chunk = query[i:end]
            column = _COLUMN_RE.match(chunk)
            if column:
                name = column.group(1).lower()
                if name not in COLUMNS:
                    raise QueryError(
                        f"unknown column {column.group(0)!r}: use title:, lead: or body:"
                    )
                tokens.append(Token("column", name))
                i += column.end()
                continue
            if chunk in ("OR", "AND", "NOT"):
                tokens.append(Token(chunk.lower(), chunk))  # type: ignore[arg-type]
            else:
                words = tuple(_WORD_RE.findall(chunk))
                tokens.append(Token("word", chunk, words, chunk.endswith("*") and bool(words)))
            i = end
    return tokens


class _Parser:
    """Recursive descent over the tokens: or := and (OR and)*; and := unary+; unary := NOT?
    atom; atom := column? (word | phrase | '(' or ')')."""

    def __init__(self, tokens: list[Token]) -> None:
        self.tokens = tokens
        self.pos = 0

    def peek(self) -> Token | None:
        return self.tokens[self.pos] if self.pos < len(self.tokens) else None

    def take(self) -> Token:
        token = self.tokens[self.pos]
        self.pos += 1
        return token

    def parse(self) -> Node | None:
        node = self.parse_or()
        token = self.peek()
        if token is not None:  # only a ')' stops parse_or early
            raise QueryError("unbalanced parenthesis: ')' without '('")
        return node

    def parse_or(self) -> Node | None:
        parts: list[Node | None] = [self.parse_and()]
        while (token := self.peek()) is not None and token.kind == "or":
            self.take()
            parts.append(self.parse_and())
        if len(parts) > 1 and any(part is None for part in parts):
            raise QueryError("dangling OR: OR needs a word on each side")
        found = [part for part in parts if part is not None]
        if not found:
            return None
        return found[0] if len(found) == 1 else Or(tuple(found))

    def parse_and(self) -> Node | None:
        parts: list[Node] = []
        while (token := self.peek()) is not None and token.kind not in ("or", "close"):
            if token.kind == "and":
                self.take()
                following = self.peek()
                if not parts or following is None or following.kind in ("or", "close", "and"):
                    raise QueryError("dangling AND: AND needs a word on each side")
                continue
            node = self.parse_unary()
            if node is not None:
                parts.append(node)
        if not parts:
            return None
        positive = [p for p in parts if not isinstance(p, Not)]
        if not positive:
            excluded = " ".join(_describe(p) for p in parts)
            raise QueryError(f"NOT alone: {excluded} excludes words but nothing is searched for")
        return parts[0] if len(parts) == 1 else And(tuple(parts))

    def parse_unary(self) -> Node | None:
        token = self.peek()
        if token is not None and token.kind in ("not", "neg"):
            self.take()
            operand = self.parse_atom()
            if operand is None:
                what = "NOT" if token.kind == "not" else "'-'"
                raise QueryError(f"{what} needs a word right after it")
            return Not(operand)
        return self.parse_atom()

    def parse_atom(self) -> Node | None:
        if self.peek() is None:
            return None
        token = self.take()
        if token.kind == "column":
            following = self.peek()
            if following is None or following.kind not in ("word", "phrase", "open"):
                raise QueryError(f"empty column filter: {token.text}: needs a word right after it")
            node = self.parse_atom()
            if node is None:
                raise QueryError(f"empty column filter: {token.text}: needs a word right after it")
            return _with_column(node, token.text)
        if token.kind == "open":
            node = self.parse_or()
            closing = self.peek()
            if closing is None or closing.kind != "close":
                raise QueryError("unbalanced parenthesis: '(' is never closed")
            self.take()
            return node
        if token.kind in ("word", "phrase"):
            if not token.words:
                return None  # punctuation, an empty phrase: nothing to search for
            return Term(tuple(unicodedata.normalize("NFC", w) for w in token.words), token.prefix)
        if token.kind == "close":
            raise QueryError("unbalanced parenthesis: ')' without '('")
        # "or"/"and" cannot reach here (parse_and stops on them): NOT or '-' twice in a row.
        raise QueryError("NOT needs a word right after it, not another NOT or '-'")


def _with_column(node: Node, column: str) -> Node:
    """Return ``node`` with every term restricted to ``column`` (filters cannot nest)."""
    if isinstance(node, Term):
        if node.column not in (None, column):
            raise QueryError(f"column filters cannot nest: {column}:( {node.column}:… )")
        return replace(node, column=column)
    if isinstance(node, Not):
        return Not(_with_column(node.node, column))
    return type(node)(tuple(_with_column(p, column) for p in node.parts))


def _describe(node: Node) -> str:
    """Return a short rendering of ``node`` for error messages."""
    if isinstance(node, Term):
        text = " ".join(node.words) + ("*" if node.prefix else "")
        text = f'"{text}"' if len(node.words) > 1 else text
        return f"{node.column}:{text}" if node.column else text
    if isinstance(node, Not):
        return f"-{_describe(node.node)}"
    joiner = " OR " if isinstance(node, Or) else " "
    return "(" + joiner.join(_describe(p) for p in node.parts) + ")"


def parse_query(query: str) -> Node:
    """Return the tree of ``query``; raise ``QueryError`` (one line) when it is malformed."""
    node = _Parser(_lex(unicodedata.normalize("NFC", query))).parse()
    if node is None:
        raise QueryError(f"the query {query!r} has no word to search for")
    return node


def has_diacritics(node: Node) -> bool:
    """Whether any searched word of ``node`` was typed with diacritics (``Điện``, ``Mường``)."""
    return any(fold(word) != word.lower() for term in terms(node) for word in term.words)


def terms(node: Node, *, positive_only: bool = False) -> list[Term]:
    """Return the terms of ``node`` in order (without the excluded ones if ``positive_only``)."""
    if isinstance(node, Term):
        return [node]
    if isinstance(node, Not):
        return [] if positive_only else terms(node.node)
    return [t for part in node.parts for t in terms(part, positive_only=positive_only)]


def _spellings(word: str) -> list[str]:
    """Return the index spellings of a folded word: ``dien`` -> ``dien``, ``đien``.

    Only a word's first letter: Vietnamese writes ``đ`` only at the start of a syllable (no
    syllable ends in it), and English has none.
    """
    return [word, "đ" + word[1:]] if word.startswith("d") else [word]


def _fts_term(term: Term, *, folded: bool) -> str:
    """Return one term as FTS5 syntax: every word quoted, nothing of the user's passed through."""
    if folded:
        words = [fold(w) for w in term.words]
        if 2 ** sum(w.startswith("d") for w in words) > MAX_SPELLINGS:
            raise QueryError(f"too many words with d in {_describe(term)}: split the phrase")
        phrases = [" ".join(p) for p in itertools.product(*(_spellings(w) for w in words))]
    else:
        phrases = [" ".join(w.lower() for w in term.words)]
    star = "*" if term.prefix else ""
    quoted = [f'"{p.replace(chr(34), chr(34) * 2)}"{star}' for p in phrases]
    body = quoted[0] if len(quoted) == 1 else "(" + " OR ".join(quoted) + ")"
    if term.column:
        return f"{term.column} : {body}"
    return f"{VISIBLE} : {body}" if folded else body


def to_fts(node: Node, *, folded: bool) -> str:
    """Return ``node`` as an FTS5 expression for the folded index or (``folded=False``) the
    exact one (``articles_fts_exact`` has only the visible columns)."""
    if isinstance(node, Term):
        return _fts_term(node, folded=folded)
    if isinstance(node, Or):
        return "(" + " OR ".join(to_fts(p, folded=folded) for p in node.parts) + ")"
    if isinstance(node, Not):  # a lone Not never survives parsing; inside And only
        return to_fts(node.node, folded=folded)
    positive = [to_fts(p, folded=folded) for p in node.parts if not isinstance(p, Not)]
    negative = [to_fts(p.node, folded=folded) for p in node.parts if isinstance(p, Not)]
    text = "(" + " AND ".join(positive) + ")"
    return text + "".join(f" NOT {n}" for n in negative)


def match_expressions(query: str | Node) -> tuple[str, str | None]:
    """Return (folded FTS5 expression, exact expression or None) for a user query.

    The exact expression exists only when the query has diacritics. Raises ``QueryError``.
    """
    node = parse_query(query) if isinstance(query, str) else query
    exact = to_fts(node, folded=False) if has_diacritics(node) else None
    return to_fts(node, folded=True), exact


# --- snippets of the visible text ----------------------------------------------------------


def _fold_table() -> dict[int, str]:
    """Return a ``str.translate`` table folding Latin letters one char to one char."""
    table: dict[int, str] = {}
    for code in [*range(0x41, 0x5B), *range(0xC0, 0x250), *range(0x1E00, 0x1F00)]:
        folded = fold(chr(code))
        if len(folded) == 1 and folded != chr(code):
            table[code] = folded
    return table


_FOLD: Final = _fold_table()


def _term_hits(term: Term, words: list[str]) -> list[tuple[int, int]]:
    """Return (first, last) word indexes where ``term`` occurs among folded ``words``."""
    wanted = [fold(w) for w in term.words]
    size, head, tail = len(wanted), wanted[0], wanted[-1]
    if size == 1:
        if term.prefix:
            return [(i, i) for i, word in enumerate(words) if word.startswith(head)]
        return [(i, i) for i, word in enumerate(words) if word == head]
    hits = []
    for i in [i for i, word in enumerate(words[: len(words) - size + 1]) if word == head]:
        last = words[i + size - 1]
        if words[i + 1 : i + size - 1] == wanted[1:-1] and (
            last.startswith(tail) if term.prefix else last == tail
        ):
            hits.append((i, i + size - 1))
    return hits


@dataclass(slots=True)
class _Passage:
    """A window of words of one field: ``marked`` are the word indexes to highlight."""

    text: str
    words: list[re.Match[str]]
    start: int
    end: int
    covered: int
    marked: set[int]


def _best_passage(text: str, wanted: list[Term], column: str) -> _Passage | None:
    """Return the window of ``text`` covering most distinct terms (the first such), or None."""
    words = list(_WORD_RE.finditer(text))
    folded_text = text.translate(_FOLD)
    folded = [folded_text[m.start() : m.end()].lower() for m in words]
    hits: list[tuple[int, int, int]] = []  # (first word, last word, term index)
    for index, term in enumerate(wanted):
        if term.column in (None, column):
            hits += [(a, b, index) for a, b in _term_hits(term, folded)]
    hits.sort()
    firsts = [h[0] for h in hits]
    best: _Passage | None = None
    for first, _last, _index in hits:
        start = max(0, first - SNIPPET_WORDS // 4)
        end = min(len(words), start + SNIPPET_WORDS)
        inside = [
            h for h in hits[bisect_left(firsts, start) : bisect_left(firsts, end)] if h[1] < end
        ]
        covered = len({h[2] for h in inside})
        if best is None or covered > best.covered:
            marked = {w for h in inside for w in range(h[0], h[1] + 1)}
            best = _Passage(text, words, start, end, covered, marked)
    return best


def marked_snippet(node: Node, fields: Mapping[str, str | None]) -> str:
    """Return a passage of the visible text around the query's words, marked.

    ``fields`` maps ``title``/``lead``/``body`` to the article's text. The passage comes from
    the field holding most of the query's (non-excluded) terms in a window of
    ``SNIPPET_WORDS`` words, lead before body before title on a tie; matches are wrapped in
    ``MARK_START``/``MARK_END`` (render with ``snippet_plain``, ``marked_to_html`` or
    terminal styling). With no match in the text, the lead's or body's opening, unmarked.
    """
    wanted = terms(node, positive_only=True)
    best: _Passage | None = None
    for column in ("lead", "body", "title"):
        passage = _best_passage(fields.get(column) or "", wanted, column)
        if passage is not None and (best is None or passage.covered > best.covered):
            best = passage
    if best is None:
        text = fields.get("lead") or fields.get("body") or fields.get("title") or ""
        opening = text.split()
        more = ELLIPSIS if len(opening) > SNIPPET_WORDS else ""
        return " ".join(opening[:SNIPPET_WORDS]) + more
    text, words = best.text, best.words
    out: list[str] = [ELLIPSIS] if best.start > 0 else []
    pos = words[best.start].start()
    for index in range(best.start, best.end):
        if index in best.marked:
            match = words[index]
            out += [text[pos : match.start()], MARK_START, match.group(), MARK_END]
            pos = match.end()
    out.append(text[pos : words[best.end - 1].end()])
    if best.end < len(words):
        out.append(ELLIPSIS)
    return " ".join("".join(out).split())


def snippet_plain(marked: str) -> str:
    """Return a marked snippet as plain text."""
    return marked.replace(MARK_START, "").replace(MARK_END, "")


def marked_to_html(marked: str) -> str:
    """Return a marked snippet as safe HTML: the text escaped, matches in ``<mark>``."""
    return (
        html.escape(marked, quote=False).replace(MARK_START, "<mark>").replace(MARK_END, "</mark>")
    )
