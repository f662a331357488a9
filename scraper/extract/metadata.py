"""Structured metadata of a page, read once: JSON-LD, OpenGraph, ``<meta>``, canonical, base."""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from typing import Any, Final

from lxml.html import HtmlElement

from scraper.extract.text import clean_text

ARTICLE_TYPES: Final = frozenset(
    {
        "newsarticle",
        "article",
        "reportagenewsarticle",
        "analysisnewsarticle",
        "opinionnewsarticle",
        "blogposting",
        "webpage",
        "report",
    }
)
MAX_JSONLD_CHARS: Final = 200_000
MAX_AUTHOR_CHARS: Final = 120


@dataclass(kw_only=True, slots=True)
class Metadata:
    """What a page states about itself.

    jsonld: the first JSON-LD object whose @type is an article type (``NewsArticle``), or {}.
    meta: ``<meta>`` values by lower-cased ``property`` or ``name`` (first occurrence wins),
        e.g. ``og:title``, ``article:published_time``, ``description``.
    itemprops: ``itemprop`` values of ``<meta>``/``<time>`` (``datePublished``).
    microdata_authors: texts of ``itemprop="author"`` elements (their ``itemprop="name"``).
    canonical: ``<link rel=canonical>`` href as written, or None.
    base: ``<base href>`` as written, or None.
    """

    jsonld: dict[str, Any] = field(default_factory=dict)
    meta: dict[str, str] = field(default_factory=dict)
    itemprops: dict[str, str] = field(default_factory=dict)
    canonical: str | None = None
    base: str | None = None
    microdata_authors: list[str] = field(default_factory=list)


def _jsonld_objects(data: Any) -> list[dict[str, Any]]:
    """Return every object of a JSON-LD document, flattening lists and ``@graph``."""
    if isinstance(data, list):
        return [obj for item in data for obj in _jsonld_objects(item)]
    if not isinstance(data, dict):
        return []
    return [data, *_jsonld_objects(data.get("@graph", []))]


def _types(obj: dict[str, Any]) -> set[str]:
    """Return the lower-cased @type names of a JSON-LD object."""
    value = obj.get("@type", [])
    values = value if isinstance(value, list) else [value]
    return {str(v).lower() for v in values}


def read_jsonld(root: HtmlElement) -> dict[str, Any]:
    """Return the page's article JSON-LD object, or {} (malformed blocks are skipped)."""
    for script in root.iter("script"):
        if "ld+json" not in (script.get("type") or "").lower():
            continue
        text = (script.text or "").strip()
        if not text or len(text) > MAX_JSONLD_CHARS:
            continue
        try:
            data = json.loads(text)
        except ValueError:
            continue
        objects = _jsonld_objects(data)
        for obj in objects:
            if _types(obj) & (ARTICLE_TYPES - {"webpage"}):
                return obj
        for obj in objects:
            if "webpage" in _types(obj) and obj.get("datePublished"):
                return obj
    return {}


def read_metadata(root: HtmlElement) -> Metadata:
    """Return the page's ``Metadata`` (one pass over ``<head>`` and the JSON-LD scripts)."""
    found = Metadata(jsonld=read_jsonld(root))
    for el in root.iter("meta", "link", "base", "time"):
        tag = el.tag
        if tag == "meta":
            key = (el.get("property") or el.get("name") or "").strip().lower()
            value = el.get("content")
            if key and value and key not in found.meta:
                found.meta[key] = clean_text(value)
            prop = el.get("itemprop")
            if prop and value and prop not in found.itemprops:
                found.itemprops[prop] = value.strip()
        elif tag == "time":
            prop = el.get("itemprop")
            value = el.get("datetime") or el.text_content()
            if prop and value and prop not in found.itemprops:
                found.itemprops[prop] = value.strip()
        elif tag == "link" and found.canonical is None:
            if "canonical" in (el.get("rel") or "").lower().split() and el.get("href"):
                found.canonical = el.get("href", "").strip()
        elif tag == "base" and found.base is None and el.get("href"):
            found.base = el.get("href", "").strip()
    for el in root.xpath("//*[@itemprop='author']"):
        named = el.xpath(".//*[@itemprop='name']")
        value = (named[0] if named else el).get("content") or (
            named[0] if named else el
        ).text_content()
        text = clean_text(value)
        if text and len(text) <= MAX_AUTHOR_CHARS:
            found.microdata_authors.append(text)
    return found


def jsonld_text(obj: dict[str, Any], key: str) -> str | None:
    """Return a JSON-LD property as clean text (first item of a list, ``name`` of an object)."""
    value = obj.get(key)
    if isinstance(value, list):
        value = value[0] if value else None
    if isinstance(value, dict):
        value = value.get("name") or value.get("@value")
    text = clean_text(str(value)) if value is not None else ""
    return text or None


def jsonld_people(obj: dict[str, Any], key: str = "author") -> list[str]:
    """Return the names of a JSON-LD ``author``: persons only, organisations skipped."""
    value = obj.get(key)
    values = value if isinstance(value, list) else [value] if value else []
    names: list[str] = []
    for item in values:
        if isinstance(item, dict):
            if "organization" in _types(item) or "newsmediaorganization" in _types(item):
                continue
            item = item.get("name")
        text = clean_text(str(item)) if item else ""
        if text:
            names.append(text)
    return names
