"""Edits you can read: `diff` between versions (text, JSON, HTML), `changes` of a period, and
the Datasette diff route, on an archive with edited articles."""

from __future__ import annotations

import asyncio
import csv
import io
import json
from collections.abc import Iterator
from dataclasses import replace
from pathlib import Path

import click
import pytest

from scraper.archive import Archive, open_archive
from scraper.archive.changes import (
    ChangeError,
    Op,
    diff_html,
    diff_text,
    iter_changes,
    load_diff,
    word_diff,
)
from scraper.health import ExitCode
from tests.conftest import run_cli
from tests.test_archive import make_article, save

EDITED = "edaaaaaaR"
V1 = make_article(
    EDITED,
    "Coffee harvest begins in Điện Biên",
    "Farmers pick beans.\n\nPrices rise <fast>.",
    published_at="2025-01-02T08:00:00+07:00",
)
V2 = replace(
    V1, title="Coffee harvest ends in Điện Biên", body="Farmers pick beans.\n\nPrices fall."
)
V3 = replace(V2, authors=["Hà Linh", "Trần Dũng"], lead="A new lead.")
WHEN = ("2026-01-01T00:00:00+00:00", "2026-02-01T06:00:00+00:00", "2026-03-01T06:00:00+00:00")


@pytest.fixture
def edited(tmp_path: Path) -> Iterator[Archive]:
    """An archive with one article edited twice and one never edited."""
    with open_archive(tmp_path / "archive.db") as archive:
        for version, when in zip((V1, V2, V3), WHEN, strict=True):
            assert save(archive, version, when) in {"new", "updated"}
        save(archive, make_article("plainaaaR", "Schools open", "Pupils return."), WHEN[1])
        yield archive


@pytest.mark.parametrize(
    ("old", "new"),
    [
        ("a b c", "a x c"),
        ("", "new text"),
        ("Farmers pick beans.\n\nPrices rise.", "Farmers pick red beans.\n\nPrices  rise!"),
        (None, "x"),
        ("One.\n\nTwo two.\n\nThree.", "New.\n\nOne.\n\nTwo too.\n\n\nThree"),
    ],
)
def test_the_ops_give_back_both_texts(old: str | None, new: str) -> None:
    ops = word_diff(old, new)
    assert "".join(op.text for op in ops if op.op != "insert") == (old or "")
    assert "".join(op.text for op in ops if op.op != "delete") == new


def test_word_diff_on_a_known_edit() -> None:
    assert word_diff("Coffee harvest begins in Điện Biên", "Coffee harvest ends in Điện Biên") == [
        Op("equal", "Coffee harvest "),
        Op("delete", "begins"),
        Op("insert", "ends"),
        Op("equal", " in Điện Biên"),
    ]


def test_diff_text_plain_and_coloured(edited: Archive) -> None:
    diff = load_diff(edited, EDITED)  # the last two versions: 2 -> 3
    assert (diff.old.version, diff.new.version) == (2, 3)
    older = load_diff(edited, EDITED, 1, 2)
    assert diff_text(older) == (
        f"{EDITED}: version 1 ({WHEN[0]}) -> version 2 ({WHEN[1]})\n"
        "title:\n"
        "Coffee harvest [-begins-]{+ends+} in Điện Biên\n"
        "lead: (unchanged)\n"
        "body:\n"
        "Farmers pick beans.\n\nPrices [-rise <fast>.-]{+fall.+}\n"
    )
    coloured = diff_text(older, color=True)
    assert click.style("begins", fg="red", strikethrough=True) in coloured
    assert click.style("ends", fg="green", underline=True) in coloured
    plain = diff_text(older)
    for marker in ("[-", "-]", "{+", "+}"):
        plain = plain.replace(marker, "")
    assert click.unstyle(coloured) == plain
    # Other fields: before -> after.
    assert 'authors: ["Hà Linh"] -> ["Hà Linh", "Trần Dũng"]' in diff_text(diff)


def test_from_and_to_select_the_versions(edited: Archive) -> None:
    whole = load_diff(edited, EDITED, 1, 3)
    assert (whole.old.captured_at, whole.new.captured_at) == (WHEN[0], WHEN[2])
    assert whole.changed == ["title", "lead", "body", "authors"]
    assert (load_diff(edited, EDITED, to_version=2).old.version) == 1
    backwards = load_diff(edited, EDITED, 3, 1)  # allowed: shows the edit undone
    assert backwards.fields["title"][1] == Op("delete", "ends")


@pytest.mark.parametrize(
    ("ident", "versions", "words"),
    [
        ("nosuchidR", (None, None), "no article 'nosuchidR'"),
        (EDITED, (1, 9), "has no version 9 (versions 1..3)"),
        ("plainaaaR", (None, None), "no version before version 1"),
    ],
)
def test_unknown_article_or_version(edited: Archive, ident: str, versions, words: str) -> None:  # type: ignore[no-untyped-def]
    with pytest.raises(ChangeError, match=words.replace("(", r"\(").replace(")", r"\)")):
        load_diff(edited, ident, *versions)


def test_diff_html_is_escaped_with_del_and_ins(edited: Archive) -> None:
    snippet = diff_html(edited, EDITED, 1, 2)
    assert snippet.startswith(f'<div class="dbp-diff" data-article-id="{EDITED}">\n<style>')
    assert "Coffee harvest <del>begins</del><ins>ends</ins> in Điện Biên" in snippet
    assert "Prices <del>rise &lt;fast&gt;.</del><ins>fall.</ins>" in snippet
    assert "<fast>" not in snippet
    assert '<div class="dbp-field dbp-unchanged">A lead.</div>' in snippet
    assert "http" not in snippet.split("</style>")[0]  # no external resources


def test_cli_diff_formats(edited: Archive) -> None:
    db = str(edited.path)
    edited.close()
    text = run_cli("diff", EDITED, "--from", "1", "--to", "2", "--db", db)
    assert text.returncode == 0, text.stderr
    assert "Coffee harvest [-begins-]{+ends+} in Điện Biên\n" in text.stdout  # not a terminal
    answer = run_cli("diff", EDITED, "--format", "json", "--db", db)
    data = json.loads(answer.stdout)
    assert (data["from_version"], data["to_version"]) == (2, 3)
    assert (data["from_captured_at"], data["to_captured_at"]) == WHEN[1:]
    assert data["changed"] == ["lead", "authors"]
    assert data["fields"]["lead"] == [
        {"op": "equal", "text": "A "},
        {"op": "insert", "text": "new "},
        {"op": "equal", "text": "lead."},
    ]
    assert data["fields"]["title"] == [{"op": "equal", "text": V2.title}]
    assert data["other"] == {"authors": {"from": ["Hà Linh"], "to": ["Hà Linh", "Trần Dũng"]}}
    page = run_cli("diff", EDITED, "--from", "1", "--format", "html", "--db", db)
    assert page.stdout.startswith("<!DOCTYPE html>") and "<ins>ends</ins>" in page.stdout
    assert page.stdout.rstrip().endswith("</html>")


@pytest.mark.parametrize(
    "args",
    [("nosuchidR",), (EDITED, "--to", "7"), (EDITED, "--from", "4"), ("plainaaaR",)],
)
def test_cli_diff_bad_input_is_one_line_exit_2(edited: Archive, args: tuple[str, ...]) -> None:
    db = str(edited.path)
    edited.close()
    result = run_cli("diff", *args, "--db", db)
    assert result.returncode == ExitCode.USAGE
    assert result.stdout == "" and result.stderr.count("\n") == 1
    assert result.stderr.startswith("dbp-archive: error: ")


def test_changes_of_a_period(edited: Archive) -> None:
    every = list(iter_changes(edited))
    assert [(c.article_id, c.to_version) for c in every] == [(EDITED, 2), (EDITED, 3)]
    first, second = every
    assert first.fields == ["title", "body"]
    assert first.words == {"title": (1, 1), "body": (1, 2)}
    assert (second.fields, second.words, second.items) == (
        ["lead", "authors"],
        {"lead": (1, 0)},
        {"authors": (1, 0)},
    )
    february = list(iter_changes(edited, "2026-02-01", "2026-02-01"))
    assert [c.to_version for c in february] == [2]
    assert list(iter_changes(edited, since="2026-03-02")) == []
    with pytest.raises(ChangeError, match="--since must be a date"):
        list(iter_changes(edited, since="March"))


def test_cli_changes_formats(edited: Archive) -> None:
    db = str(edited.path)
    edited.close()
    table = run_cli("changes", "--db", db)
    assert table.returncode == 0, table.stderr
    assert table.stdout.splitlines() == [
        f"2026-02-01 06:00:00  {EDITED}  v1->v2  title +1/-1, body +1/-2  {V2.title}",
        f"2026-03-01 06:00:00  {EDITED}  v2->v3  lead +1/-0, authors +1/-0  {V2.title}",
        "2 edits",
    ]
    answer = json.loads(
        run_cli("changes", "--since", "2026-03-01", "--format", "json", "--db", db).stdout
    )
    assert answer == [
        {
            "kind": "edited",
            "captured_at": WHEN[2],
            "article_id": EDITED,
            "title": V2.title,
            "from_version": 2,
            "to_version": 3,
            "fields": ["lead", "authors"],
            "words": {"lead": {"inserted": 1, "deleted": 0}},
            "items": {"authors": {"added": 1, "removed": 0}},
        }
    ]
    rows = list(
        csv.DictReader(io.StringIO(run_cli("changes", "--format", "csv", "--db", db).stdout))
    )
    assert list(rows[0]) == [
        "captured_at",
        "article_id",
        "from_version",
        "to_version",
        "title",
        "fields",
        "title_inserted",
        "title_deleted",
        "lead_inserted",
        "lead_deleted",
        "body_inserted",
        "body_deleted",
        "authors_added",
        "authors_removed",
        "images_added",
        "images_removed",
        "kind",
        "http_status",
        "final_url",
        "detail",
    ]
    assert rows[0]["fields"] == "title;body" and rows[0]["body_deleted"] == "2"
    assert rows[1]["authors_added"] == "1" and rows[1]["title_inserted"] == "0"
    bad = run_cli("changes", "--until", "yesterday", "--db", db)
    assert bad.returncode == ExitCode.USAGE and bad.stderr.count("\n") == 1


def test_datasette_diff_route(edited: Archive) -> None:
    from datasette.app import Datasette

    from scraper.archive.datasette_plugin import register

    register()
    path = edited.path
    edited.close()

    async def fetch(url: str) -> tuple[int, str]:
        ds = Datasette([str(path)])
        response = await ds.client.get(url)
        return response.status_code, response.text

    status, text = asyncio.run(fetch(f"/-/dbp/diff/{EDITED}?from=1&to=2"))
    assert status == 200, text
    assert "Coffee harvest <del>begins</del><ins>ends</ins> in Điện Biên" in text
    assert text == load_page(path, 1, 2)
    assert asyncio.run(fetch(f"/-/dbp/diff/{EDITED}"))[0] == 200
    assert asyncio.run(fetch("/-/dbp/diff/nosuchidR"))[0] == 404
    assert asyncio.run(fetch(f"/-/dbp/diff/{EDITED}?to=9"))[0] == 404
    assert asyncio.run(fetch(f"/-/dbp/diff/{EDITED}?from=x"))[0] == 400


def load_page(path: Path, old: int, new: int) -> str:
    from scraper.archive.changes import diff_html_page

    with open_archive(path, readonly=True) as archive:
        return diff_html_page(load_diff(archive, EDITED, old, new))
