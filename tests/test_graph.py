"""The related-news graph: GraphML and GEXF that networkx reads back with every attribute, the
CSV edge list, unarchived targets as archived=false nodes, and the most-linked articles."""

from __future__ import annotations

import csv
import io
from collections.abc import Iterator
from pathlib import Path

import networkx as nx
import pytest

from scraper.archive import Archive, open_archive
from scraper.archive.graph import CSV_COLUMNS, most_linked, write_graph
from scraper.items import RelatedLink
from tests.conftest import run_cli
from tests.test_archive import make_article, save

SITE = "https://en.baodienbienphu.com.vn"


def link(ident: str, title: str) -> RelatedLink:
    return RelatedLink(url=f"{SITE}/xa-hoi/x-{ident}.html", title=title)


@pytest.fixture
def linked(tmp_path: Path) -> Iterator[Archive]:
    """a -> b, c (archived) and gone (not archived); b -> c; c -> a page with no article id."""
    with open_archive(tmp_path / "archive.db") as archive:
        save(
            archive,
            make_article(
                "aaaaaaaaR",
                "Coffee <harvest> & “prices”",
                "A.",
                authors=["Hà Linh", "Trần Dũng"],
                related=[
                    link("bbbbbbbbR", "B"),
                    link("goneaaaaR", "Gone news"),
                    link("ccccccccR", "C"),
                ],
            ),
        )
        save(archive, make_article("bbbbbbbbR", "Tea", "B.", related=[link("ccccccccR", "C")]))
        save(
            archive,
            make_article(
                "ccccccccR",
                "Rice",
                "C.",
                authors=[],
                category="kinh-te",
                category_label="ECONOMY",
                published_at="2025-02-03",
                related=[RelatedLink(url=f"{SITE}/about.html", title="About")],
            ),
        )
        yield archive


def check_graph(graph: nx.DiGraph) -> None:
    assert isinstance(graph, nx.DiGraph)
    assert set(graph.nodes) == {
        "aaaaaaaaR",
        "bbbbbbbbR",
        "ccccccccR",
        "goneaaaaR",
        f"{SITE}/about.html",
    }
    assert set(graph.edges) == {
        ("aaaaaaaaR", "bbbbbbbbR"),
        ("aaaaaaaaR", "goneaaaaR"),
        ("aaaaaaaaR", "ccccccccR"),
        ("bbbbbbbbR", "ccccccccR"),
        ("ccccccccR", f"{SITE}/about.html"),
    }
    a = graph.nodes["aaaaaaaaR"]
    assert a["title"] == "Coffee <harvest> & “prices”"
    assert a["authors"] == "Hà Linh; Trần Dũng"
    assert (a["section"], a["section_label"]) == ("xa-hoi", "SOCIAL AFFAIRS")
    assert a["published_at"] == "2025-01-02T08:00:00+07:00"
    assert a["url"] == f"{SITE}/xa-hoi/x-aaaaaaaaR.html"
    assert a["archived"] is True
    c = graph.nodes["ccccccccR"]
    assert (c["section"], c["published_at"], "authors" in c) == ("kinh-te", "2025-02-03", False)
    gone = graph.nodes["goneaaaaR"]
    assert gone["archived"] is False and gone["title"] == "Gone news"
    assert "section" not in gone
    edge = graph.edges["aaaaaaaaR", "ccccccccR"]
    assert edge["position"] == 2 and isinstance(edge["position"], int)
    assert edge["title"] == "C" and edge["url"] == f"{SITE}/xa-hoi/x-ccccccccR.html"


@pytest.mark.parametrize(("fmt", "read"), [("graphml", nx.read_graphml), ("gexf", nx.read_gexf)])
def test_networkx_reads_the_graph_back(linked: Archive, tmp_path: Path, fmt: str, read) -> None:  # type: ignore[no-untyped-def]
    out = tmp_path / f"related.{fmt}"
    with out.open("w", encoding="utf-8") as stream:
        counts = write_graph(linked, stream, fmt)  # type: ignore[arg-type]
    assert (counts.nodes, counts.edges, counts.missing) == (5, 5, 2)
    check_graph(read(out))


def test_the_cli_writes_each_format(linked: Archive, tmp_path: Path) -> None:
    db = str(linked.path)
    linked.close()
    for fmt, read in (("graphml", nx.read_graphml), ("gexf", nx.read_gexf)):
        out = tmp_path / f"cli.{fmt}"
        result = run_cli("graph", "--format", fmt, "--output", str(out), "--db", db)
        assert result.returncode == 0, result.stderr
        assert result.stderr == "5 nodes (2 not archived), 5 edges written\n"
        check_graph(read(out))
    edges = run_cli("graph", "--format", "csv", "--db", db)
    assert edges.returncode == 0 and edges.stderr == "5 edges written\n"
    rows = list(csv.DictReader(io.StringIO(edges.stdout)))
    assert (
        tuple(rows[0])
        == CSV_COLUMNS
        == (
            "source",
            "target",
            "position",
            "title",
            "url",
            "source_title",
            "target_title",
            "target_archived",
        )
    )
    assert rows[0] == {
        "source": "aaaaaaaaR",
        "target": "bbbbbbbbR",
        "position": "0",
        "title": "B",
        "url": f"{SITE}/xa-hoi/x-bbbbbbbbR.html",
        "source_title": "Coffee <harvest> & “prices”",
        "target_title": "Tea",
        "target_archived": "true",
    }
    assert [
        (r["target"], r["target_archived"]) for r in rows if r["target_archived"] == "false"
    ] == [
        ("goneaaaaR", "false"),
        (f"{SITE}/about.html", "false"),
    ]
    missing = run_cli("graph", "--output", str(tmp_path / "no" / "g.graphml"), "--db", db)
    assert missing.returncode == 2 and missing.stderr.count("\n") == 1


def test_most_linked_is_the_in_degree(linked: Archive) -> None:
    top = most_linked(linked, 5)
    assert [(t.article_id, t.links, t.title, t.archived) for t in top] == [
        ("ccccccccR", 2, "Rice", True),  # then ties by id
        ("bbbbbbbbR", 1, "Tea", True),
        ("goneaaaaR", 1, "Gone news", False),
        (f"{SITE}/about.html", 1, "About", False),
    ]
    assert len(most_linked(linked, 1)) == 1
    assert top[0].to_dict()["url"] == f"{SITE}/xa-hoi/x-ccccccccR.html"
