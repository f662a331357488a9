"""The related-news graph: articles as nodes, ``related_links`` as directed edges.

Written as GraphML or GEXF 1.2 (both read by Gephi, networkx, igraph, Cytoscape) or as a CSV
edge list. The XML is written here, streamed from three SQL cursors (archived articles, link
targets that are not archived, links), so memory stays flat whatever the archive's size;
networkx is not needed to write, only to read (the tests read every file back with it).

Nodes: every archived article (``archived`` true) with ``title``, ``section`` (slug),
``section_label``, ``published_at``, ``authors`` (names joined by ``"; "``) and ``url``; plus
every link target that is not archived (``archived`` false; its title as the link showed it).
A target with no article id in its URL is named by its URL.
Edges: ``source`` -> ``target`` with ``position`` (0-based, in the page's list), ``title``
(the link's text) and ``url``. The archive stores only the page's Recent news block
(``related_links``, refreshed on every visit), so where a link appeared is that block: its
position in it is what is known.
"""

from __future__ import annotations

import csv
import json
import re
import sqlite3
from collections.abc import Iterator
from dataclasses import asdict, dataclass
from typing import IO, Any, Final, Literal
from xml.sax.saxutils import escape, quoteattr

GraphFormat = Literal["graphml", "gexf", "csv"]
FORMATS: Final = ("graphml", "gexf", "csv")
# (name, GraphML type, GEXF type) of the node and edge attributes, in output order.
NODE_ATTRS: Final = (
    ("title", "string", "string"),
    ("section", "string", "string"),
    ("section_label", "string", "string"),
    ("published_at", "string", "string"),
    ("authors", "string", "string"),
    ("url", "string", "string"),
    ("archived", "boolean", "boolean"),
)
EDGE_ATTRS: Final = (
    ("position", "int", "integer"),
    ("title", "string", "string"),
    ("url", "string", "string"),
)
CSV_COLUMNS: Final = (
    "source",
    "target",
    "position",
    "title",
    "url",
    "source_title",
    "target_title",
    "target_archived",
)
_NOT_XML: Final = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")


@dataclass(kw_only=True, slots=True)
class Counts:
    """What a graph export wrote."""

    nodes: int = 0
    edges: int = 0
    missing: int = 0  # nodes for link targets that are not archived


def _connection(source: Any) -> sqlite3.Connection:
    return source if isinstance(source, sqlite3.Connection) else source.conn


def _text(value: Any) -> str:
    """Return ``value`` as XML-safe text (XML 1.0 forbids most control characters)."""
    if isinstance(value, bool):
        return "true" if value else "false"
    return _NOT_XML.sub("", str(value))


def _authors(raw: str | None) -> str | None:
    names = json.loads(raw or "[]")
    return "; ".join(names) if names else None


def iter_nodes(source: Any) -> Iterator[tuple[str, dict[str, Any]]]:
    """Yield ``(node id, attributes)``: archived articles, then unarchived link targets."""
    conn = _connection(source)
    for ident, title, slug, label, published, authors, url in conn.execute(
        "SELECT article_id, title, category, category_label, published_at, authors, url"
        " FROM articles ORDER BY article_id"
    ):
        yield (
            ident,
            {
                "title": title,
                "section": slug,
                "section_label": label,
                "published_at": published,
                "authors": _authors(authors),
                "url": url,
                "archived": True,
            },
        )
    for node, title, url in conn.execute(
        "SELECT coalesce(r.to_id, r.to_url) AS node, max(r.title), min(r.to_url)"
        " FROM related_links r LEFT JOIN articles a ON a.article_id = r.to_id"
        " WHERE a.article_id IS NULL GROUP BY node ORDER BY node"
    ):
        yield node, {"title": title, "url": url, "archived": False}


def iter_edges(source: Any) -> Iterator[tuple[str, str, dict[str, Any]]]:
    """Yield ``(source id, target id, attributes)`` of every related link, in page order."""
    conn = _connection(source)
    for from_id, to_node, position, title, url in conn.execute(
        "SELECT from_id, coalesce(to_id, to_url), position, title, to_url"
        " FROM related_links ORDER BY from_id, position"
    ):
        yield from_id, to_node, {"position": position, "title": title, "url": url}


def write_graphml(source: Any, out: IO[str]) -> Counts:
    """Write the graph as GraphML (directed); attributes with no value are left out."""
    counts = Counts()
    out.write(
        '<?xml version="1.0" encoding="UTF-8"?>\n'
        '<graphml xmlns="http://graphml.graphdrawing.org/xmlns"'
        ' xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"'
        ' xsi:schemaLocation="http://graphml.graphdrawing.org/xmlns'
        ' http://graphml.graphdrawing.org/xmlns/1.0/graphml.xsd">\n'
    )
    for name, kind, _ in NODE_ATTRS:
        out.write(f'  <key id="n_{name}" for="node" attr.name="{name}" attr.type="{kind}"/>\n')
    for name, kind, _ in EDGE_ATTRS:
        out.write(f'  <key id="e_{name}" for="edge" attr.name="{name}" attr.type="{kind}"/>\n')
    out.write('  <graph id="related" edgedefault="directed">\n')
    for node, attrs in iter_nodes(source):
        counts.nodes += 1
        counts.missing += not attrs["archived"]
        out.write(f"    <node id={quoteattr(_text(node))}>")
        for name, _, _ in NODE_ATTRS:
            if attrs.get(name) is not None:
                out.write(f'<data key="n_{name}">{escape(_text(attrs[name]))}</data>')
        out.write("</node>\n")
    for src, dst, attrs in iter_edges(source):
        counts.edges += 1
        out.write(f"    <edge source={quoteattr(_text(src))} target={quoteattr(_text(dst))}>")
        for name, _, _ in EDGE_ATTRS:
            if attrs.get(name) is not None:
                out.write(f'<data key="e_{name}">{escape(_text(attrs[name]))}</data>')
        out.write("</edge>\n")
    out.write("  </graph>\n</graphml>\n")
    return counts


def _attvalues(attrs: dict[str, Any], spec: tuple[tuple[str, str, str], ...]) -> str:
    values = "".join(
        f'<attvalue for="{index}" value={quoteattr(_text(attrs[name]))}/>'
        for index, (name, _, _) in enumerate(spec)
        if attrs.get(name) is not None
    )
    return f"<attvalues>{values}</attvalues>" if values else ""


def write_gexf(source: Any, out: IO[str]) -> Counts:
    """Write the graph as GEXF 1.2 (directed, static); a node's ``label`` is its title."""
    counts = Counts()
    out.write(
        '<?xml version="1.0" encoding="UTF-8"?>\n'
        '<gexf xmlns="http://www.gexf.net/1.2draft" version="1.2">\n'
        "  <meta><creator>dbp-archive</creator>"
        "<description>Related-news links of the archived articles</description></meta>\n"
        '  <graph defaultedgetype="directed" mode="static">\n'
    )
    for kind, spec in (("node", NODE_ATTRS), ("edge", EDGE_ATTRS)):
        out.write(f'    <attributes class="{kind}">\n')
        for index, (name, _, gexf_type) in enumerate(spec):
            out.write(f'      <attribute id="{index}" title="{name}" type="{gexf_type}"/>\n')
        out.write("    </attributes>\n")
    out.write("    <nodes>\n")
    for node, attrs in iter_nodes(source):
        counts.nodes += 1
        counts.missing += not attrs["archived"]
        label = quoteattr(_text(attrs.get("title") or node))
        out.write(
            f"      <node id={quoteattr(_text(node))} label={label}>"
            f"{_attvalues(attrs, NODE_ATTRS)}</node>\n"
        )
    out.write("    </nodes>\n    <edges>\n")
    for src, dst, attrs in iter_edges(source):
        out.write(
            f'      <edge id="{counts.edges}" source={quoteattr(_text(src))}'
            f" target={quoteattr(_text(dst))}>{_attvalues(attrs, EDGE_ATTRS)}</edge>\n"
        )
        counts.edges += 1
    out.write("    </edges>\n  </graph>\n</gexf>\n")
    return counts


def write_edges_csv(source: Any, out: IO[str]) -> Counts:
    """Write the edge list as CSV (``CSV_COLUMNS``; Gephi's spreadsheet import reads
    ``source``/``target``), with both ends' titles and whether the target is archived."""
    counts = Counts()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(CSV_COLUMNS)
    conn = _connection(source)
    for row in conn.execute(
        "SELECT r.from_id, coalesce(r.to_id, r.to_url), r.position, r.title, r.to_url,"
        " f.title, coalesce(t.title, r.title), t.article_id IS NOT NULL"
        " FROM related_links r LEFT JOIN articles f ON f.article_id = r.from_id"
        " LEFT JOIN articles t ON t.article_id = r.to_id ORDER BY r.from_id, r.position"
    ):
        counts.edges += 1
        writer.writerow([*row[:7], "true" if row[7] else "false"])
    return counts


def write_graph(source: Any, out: IO[str], fmt: GraphFormat) -> Counts:
    """Write the graph to ``out`` in ``fmt`` (``graphml``, ``gexf`` or ``csv``)."""
    writers = {"graphml": write_graphml, "gexf": write_gexf, "csv": write_edges_csv}
    return writers[fmt](source, out)


@dataclass(kw_only=True, slots=True)
class Linked:
    """An article (or unarchived target) and how many pages link to it."""

    article_id: str
    title: str | None
    links: int
    archived: bool
    url: str | None = None

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


def most_linked(source: Any, n: int = 20) -> list[Linked]:
    """Return the ``n`` link targets with the most incoming related links (in-degree),
    most first, ties by id; archived or not (``archived`` says)."""
    conn = _connection(source)
    rows = conn.execute(
        "SELECT coalesce(r.to_id, r.to_url) AS node, count(*) AS links,"
        " coalesce(max(a.title), max(r.title)), max(a.article_id IS NOT NULL),"
        " coalesce(max(a.url), min(r.to_url))"
        " FROM related_links r LEFT JOIN articles a ON a.article_id = r.to_id"
        " GROUP BY node ORDER BY links DESC, node LIMIT ?",
        (n,),
    )
    return [
        Linked(article_id=node, links=links, title=title, archived=bool(archived), url=url)
        for node, links, title, archived, url in rows
    ]
