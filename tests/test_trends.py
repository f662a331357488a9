"""`dbp-archive trends`: planted spikes come back as exactly the expected CSV, zeros included;
periods are +07:00 calendar periods and ISO weeks; undated articles are left out and counted."""

from __future__ import annotations

import json
from collections.abc import Iterator
from datetime import date
from pathlib import Path

import pytest

from scraper.archive import Archive, open_archive
from scraper.archive import trends as series
from scraper.archive.search import Filters, QueryError
from tests.conftest import run_cli
from tests.test_archive import make_article, save

# (id, published_at, body). Planted: a coffee spike in 2024-11, a border spike in 2025-01,
# no article at all in 2024-12 (a hole that must read as zeros), two undated articles.
PLANTED = [
    ("oct1aaaaR", "2024-10-02T08:00:00+07:00", "The coffee harvest starts."),
    ("oct2aaaaR", "2024-10-09T08:00:00+07:00", "Rice terraces."),
    ("oct3aaaaR", "2024-10-15", "Rice terraces, a day-only date."),
    # 23:59 on 31 October in +07:00: October, although it is written in UTC.
    ("oct4aaaaR", "2024-10-31T16:59:00Z", "A new school."),
    # 00:00 on 1 November in +07:00 (31 October in UTC): November.
    ("nov1aaaaR", "2024-10-31T17:00:00Z", "Coffee prices rise."),
    *[
        (f"nov{n}aaaaR", f"2024-11-{n + 1:02d}T09:30:00+07:00", "Cà phê: coffee beans.")
        for n in range(2, 8)
    ],  # fmt: skip
    ("nov8aaaaR", "2024-11-25", "Coffee cooperative, a day-only date."),
    ("nov9aaaaR", "2024-11-26T10:00:00+07:00", "Border guards patrol."),
    ("novAaaaaR", "2024-11-27T10:00:00+07:00", "Rice harvest."),
    # January 2025: 2025-01-01 and -05 are in ISO week 2025-W01 (Monday 2024-12-30), the
    # 6th at ten past midnight in +07:00 in 2025-W02.
    ("jan1aaaaR", "2025-01-01T07:00:00+07:00", "Coffee for the new year."),
    ("jan2aaaaR", "2025-01-05T23:30:00+07:00", "Border gate reopens."),
    ("jan3aaaaR", "2025-01-05T17:10:00Z", "Border trade fair."),  # 2025-01-06 00:10 +07:00
    ("jan4aaaaR", "2025-01-20T08:00:00+07:00", "Border markers inspected."),
    ("jan5aaaaR", "2025-01-31T08:00:00+07:00", "Border and the Lao friends."),
    ("feb1aaaaR", "2025-02-03T08:00:00+07:00", "Rice planting."),
    ("feb2aaaaR", "2025-02-04T08:00:00+07:00", "Tourism festival."),
    ("und1aaaaR", None, "Coffee, undated."),
    ("und2aaaaR", None, "Rice, undated."),
]

# Written by hand from PLANTED: 4 + 10 + 0 + 5 + 2 dated articles.
EXPECTED_MONTHS = """\
period,total,count:coffee,ratio:coffee,count:border,ratio:border
2024-10,4,1,0.25,0,0
2024-11,10,8,0.8,1,0.1
2024-12,0,0,0,0,0
2025-01,5,1,0.2,4,0.8
2025-02,2,0,0,0,0
"""

EXPECTED_WEEKS = """\
period,total,count:coffee,ratio:coffee,count:border,ratio:border
2024-W52,0,0,0,0,0
2025-W01,2,1,0.5,1,0.5
2025-W02,1,0,0,1,1
"""

# 2024: 14 articles, 9 coffee, 1 border; 2025: 7, 1 coffee, 4 border.
EXPECTED_YEARS = """\
period,total,count:coffee,ratio:coffee,count:border,ratio:border
2024,14,9,0.642857,1,0.071429
2025,7,1,0.142857,4,0.571429
"""


@pytest.fixture
def planted(tmp_path: Path) -> Iterator[Archive]:
    with open_archive(tmp_path / "archive.db") as archive:
        for ident, published, body in PLANTED:
            save(archive, make_article(ident, f"Report {ident}", body, published_at=published))
        yield archive


@pytest.fixture
def planted_db(planted: Archive) -> Path:
    path: Path = planted.path
    planted.close()
    return path


def lf(text: str) -> str:
    return text.replace("\r\n", "\n")


def test_planted_spikes_give_exactly_the_expected_csv(planted: Archive) -> None:
    result = series.trends(planted, ["coffee", "border"], by="month")
    assert lf(series.to_csv(result)) == EXPECTED_MONTHS
    assert result.undated == 2 and result.undated_counts == {"coffee": 1, "border": 0}
    assert series.undated_note(result) == (
        "2 articles without a publication date left out (1 matching 'coffee')"
    )


def test_iso_weeks_in_the_paper_time_zone_across_new_year(planted: Archive) -> None:
    filters = Filters(since="2024-12-28", until="2025-01-12")
    result = series.trends(planted, ["coffee", "border"], by="week", filters=filters)
    assert lf(series.to_csv(result)) == EXPECTED_WEEKS


def test_years(planted: Archive) -> None:
    assert lf(series.to_csv(series.trends(planted, ["coffee", "border"], by="year"))) == (
        EXPECTED_YEARS
    )


def test_cli_csv_is_the_expected_csv_and_stderr_counts_the_undated(planted_db: Path) -> None:
    result = run_cli("trends", "coffee", "border", "--format", "csv", "--db", str(planted_db))
    assert result.returncode == 0, result.stderr
    assert lf(result.stdout) == EXPECTED_MONTHS
    assert result.stderr.strip() == (
        "2 articles without a publication date left out (1 matching 'coffee')"
    )


def test_cli_json_shape_and_table(planted_db: Path) -> None:
    result = run_cli(
        "trends", "coffee", "--by", "year", "--format", "json", "--db", str(planted_db)
    )
    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout) == [
        {"period": "2024", "total": 14, "counts": {"coffee": 9}, "ratios": {"coffee": 0.642857}},
        {"period": "2025", "total": 7, "counts": {"coffee": 1}, "ratios": {"coffee": 0.142857}},
    ]
    table = run_cli("trends", "coffee", "border", "--db", str(planted_db))
    assert table.returncode == 0, table.stderr
    lines = table.stdout.splitlines()
    assert lines[0].split() == ["period", "total", "coffee", "%", "border", "%"]
    assert lines[3].split() == ["2024-12", "0", "0", "0.0", "0", "0.0"]
    assert len(lines) == 6


def test_diacritics_optional_and_query_language(planted: Archive) -> None:
    folded = series.trends(planted, ["ca phe"], by="year")
    exact = series.trends(planted, ["Cà phê"], by="year")
    assert [r.counts["ca phe"] for r in folded.rows] == [6, 0]
    assert [r.counts["Cà phê"] for r in exact.rows] == [6, 0]
    either = series.trends(planted, ["coffee OR border"], by="year")
    assert [r.counts["coffee OR border"] for r in either.rows] == [10, 5]


def test_bad_input_is_one_line_exit_2(planted_db: Path) -> None:
    bad = run_cli("trends", '"coffee', "--db", str(planted_db))
    assert bad.returncode == 2 and bad.stderr.count("\n") == 1 and "unbalanced quote" in bad.stderr
    bad = run_cli("trends", "coffee", "--since", "2025-13-01", "--db", str(planted_db))
    assert bad.returncode == 2 and "--since" in bad.stderr


def test_an_empty_archive_gives_the_header_alone(tmp_path: Path) -> None:
    with open_archive(tmp_path / "empty.db") as archive:
        result = series.trends(archive, ["coffee"])
        assert series.to_csv(result) == "period,total,count:coffee,ratio:coffee\r\n"
        assert series.to_json(result) == "[]"
        with pytest.raises(QueryError):
            series.trends(archive, ["coffee OR"])


@pytest.mark.parametrize(
    ("day", "by", "label"),
    [
        (date(2024, 12, 30), "week", "2025-W01"),
        (date(2021, 1, 3), "week", "2020-W53"),
        (date(2024, 11, 25), "week", "2024-W48"),
        (date(2024, 11, 25), "month", "2024-11"),
        (date(2024, 11, 25), "year", "2024"),
        (date(2024, 11, 25), "day", "2024-11-25"),
    ],
)
def test_period_labels(day: date, by: series.Period, label: str) -> None:
    assert series.period_of(day, by) == label


def test_periods_between_have_no_holes() -> None:
    assert series.periods_between(date(2024, 11, 30), date(2025, 2, 1), "month") == [
        "2024-11",
        "2024-12",
        "2025-01",
        "2025-02",
    ]
    weeks = series.periods_between(date(2020, 12, 20), date(2021, 1, 11), "week")
    assert weeks == ["2020-W51", "2020-W52", "2020-W53", "2021-W01", "2021-W02"]
