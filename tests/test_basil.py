"""Runs on BASIL triplets (real text nobody here wrote), replayed from the real local model's answers.

Re-record: bash scripts/record.sh basil   (serves the local model on 127.0.0.1, rewrites cassettes/basil/)
Skipped where ../shared/datasets/basil is absent.
"""

from __future__ import annotations

import itertools
import json
import sys
from pathlib import Path
from typing import Any

import pytest

from summarizer.evaluate import load_gold
from summarizer.ground import quoted_sentence
from summarizer.ingest import load
from summarizer.lang.quotes import find_quote
from summarizer.models import Article
from summarizer.repeats import news_first

from .conftest import CASSETTES, ROOT

sys.path.insert(0, str(ROOT / "benchmarks"))
import basil
import basil_runs
import basil_table

needs_basil = pytest.mark.skipif(not basil.available(), reason="../shared/datasets/basil is absent")

RECORDED = [u for u in basil_runs.TRIPLETS if (CASSETTES / "basil" / f"{u[:8]}.yaml").is_file()]


@needs_basil
@pytest.mark.parametrize("uuid", list(basil_runs.TRIPLETS), ids=[u[:8] for u in basil_runs.TRIPLETS])
def test_a_triplet_reads_as_three_articles_with_their_publishers(uuid: str, tmp_path: Path) -> None:
    # The dataset spells its source codes both ways: "hpo" in one triplet, "HPO" in the Wal-Mart one.
    paths = basil.write_triplet(uuid, tmp_path / uuid[:8])
    assert len(paths) == 3
    publishers = {p.read_text().rstrip().rpartition("\n")[2] for p in paths}
    assert publishers == {"foxnews.com", "nytimes.com", "huffpost.com"}


# BENCHMARKS.md's BASIL table, every figure a replay re-derives, by triplet: the one place they live here.
# One test checks BENCHMARKS.md shows exactly these; the replay test that each recorded run scores exactly
# these, against the gold written for it (benchmarks/gold/). `benchmarks/basil_table.py` prints both from
# `benchmarks/basil_runs.py`'s output, so neither is copied by hand.
COLUMNS = (
    "claims / sentences",
    "summary sentences passing every check",
    "repaired / replaced / removed",
    "conflicts / false",
    "conflict precision",
    "corroborated recall",
    "agreement pairs right / wrong (gold)",
    "single-source precision / recall",
    "key-fact recall",
    "outlets named that their own sentences support",
    "fragments",
    "loaded words",
    "summary words",
)
FIGURES: dict[str, tuple[str, ...]] = {
    "45bd61bc": (
        "75 / 75",
        "1.00 (6 of 6)",
        "0 / 0 / 2",
        "0 / 0",
        "n/a",
        "0.14",
        "12 / 4",
        "0.52 / 0.79",
        "0.67",
        "5 of 5",
        "0",
        "0",
        "127",
    ),
    "6f95dcb9": (
        "64 / 69",
        "1.00 (6 of 6)",
        "0 / 0 / 1",
        "0 / 0",
        "n/a",
        "0.45",
        "14 / 5",
        "0.64 / 0.81",
        "0.17",
        "6 of 6",
        "0",
        "1",
        "120",
    ),
    "85475456": (
        "79 / 80",
        "1.00 (6 of 6)",
        "0 / 1 / 1",
        "0 / 0",
        "n/a",
        "0.70",
        "11 / 1",
        "0.67 / 1.00",
        "0.67",
        "7 of 7",
        "0",
        "0",
        "173",
    ),
    "ae243a95": (
        "56 / 57",
        "1.00 (4 of 4)",
        "0 / 0 / 0",
        "0 / 0",
        "n/a",
        "0.40",
        "9 / 0",
        "0.64 / 0.82",
        "0.33",
        "3 of 3",
        "0",
        "0",
        "175",
    ),
    "df5fe55a": (
        "76 / 77",
        "1.00 (5 of 5)",
        "0 / 0 / 0",
        "0 / 0",
        "n/a",
        "0.50",
        "14 / 2",
        "0.52 / 0.92",
        "0.33",
        "4 of 4",
        "0",
        "0",
        "178",
    ),
    "005a2961": (
        "68 / 68",
        "1.00 (6 of 6)",
        "0 / 0 / 0",
        "0 / 0",
        "n/a",
        "0.71",
        "21 / 10",
        "0.82 / 0.92",
        "0.83",
        "6 of 6",
        "0",
        "0",
        "162",
    ),
    "2058ec60": (
        "125 / 126",
        "1.00 (7 of 7)",
        "0 / 0 / 0",
        "1 / 0",
        "1.00",
        "0.75",
        "19 / 1",
        "0.75 / 0.75",
        "0.50",
        "9 of 9",
        "0",
        "0",
        "153",
    ),
    "2153fb3e": (
        "53 / 53",
        "1.00 (5 of 5)",
        "0 / 0 / 0",
        "0 / 0",
        "n/a",
        "0.60",
        "12 / 6",
        "0.62 / 1.00",
        "0.20",
        "7 of 7",
        "0",
        "0",
        "158",
    ),
    "576116e5": (
        "89 / 89",
        "1.00 (5 of 5)",
        "0 / 2 / 1",
        "0 / 0",
        "n/a",
        "0.42",
        "8 / 1",
        "0.45 / 0.91",
        "0.60",
        "5 of 5",
        "0",
        "1",
        "170",
    ),
    "a28a0329": (
        "72 / 72",
        "1.00 (6 of 6)",
        "0 / 0 / 0",
        "0 / 0",
        "n/a",
        "0.24",
        "4 / 1",
        "0.54 / 0.96",
        "0.17",
        "6 of 6",
        "0",
        "0",
        "126",
    ),
    "c21cb217": (
        "86 / 87",
        "1.00 (6 of 6)",
        "0 / 0 / 1",
        "0 / 0",
        "n/a",
        "0.37",
        "18 / 2",
        "0.42 / 0.73",
        "0.33",
        "7 of 7",
        "0",
        "1",
        "158",
    ),
    "2ec04201": (
        "107 / 107",
        "1.00 (7 of 7)",
        "0 / 2 / 1",
        "0 / 0",
        "n/a",
        "0.54",
        "13 / 11",
        "0.58 / 1.00",
        "0.67",
        "7 of 7",
        "0",
        "0",
        "139",
    ),
    "b4dbeda7": (
        "46 / 49",
        "1.00 (7 of 7)",
        "0 / 0 / 0",
        "0 / 0",
        "n/a",
        "0.31",
        "8 / 0",
        "0.52 / 0.92",
        "0.67",
        "7 of 7",
        "0",
        "2",
        "171",
    ),
    "b5eefefb": (
        "135 / 136",
        "1.00 (7 of 7)",
        "0 / 1 / 0",
        "0 / 0",
        "n/a",
        "0.28",
        "11 / 2",
        "0.37 / 0.93",
        "0.33",
        "7 of 7",
        "0",
        "2",
        "164",
    ),
    "f11c2566": (
        "40 / 40",
        "1.00 (5 of 5)",
        "0 / 1 / 0",
        "0 / 0",
        "n/a",
        "0.86",
        "16 / 2",
        "1.00 / 0.90",
        "1.00",
        "5 of 5",
        "0",
        "0",
        "172",
    ),
    "1bb79cc1": (
        "90 / 92",
        "1.00 (4 of 4)",
        "0 / 2 / 1",
        "0 / 0",
        "n/a",
        "0.43",
        "11 / 1",
        "0.50 / 1.00",
        "0.50",
        "4 of 4",
        "0",
        "0",
        "165",
    ),
    "526cabb7": (
        "110 / 112",
        "1.00 (5 of 5)",
        "0 / 1 / 3",
        "0 / 0",
        "n/a",
        "0.52",
        "16 / 1",
        "0.55 / 0.78",
        "0.17",
        "5 of 5",
        "0",
        "1",
        "157",
    ),
    "84678e18": (
        "85 / 86",
        "1.00 (6 of 6)",
        "0 / 1 / 0",
        "0 / 0",
        "n/a",
        "0.36",
        "7 / 4",
        "0.62 / 1.00",
        "0.67",
        "6 of 6",
        "0",
        "1",
        "175",
    ),
    "9879bbc0": (
        "99 / 102",
        "1.00 (5 of 5)",
        "0 / 0 / 1",
        "0 / 0",
        "n/a",
        "0.31",
        "4 / 5",
        "0.48 / 0.83",
        "0.40",
        "5 of 5",
        "0",
        "0",
        "133",
    ),
    "a4f1d515": (
        "94 / 95",
        "1.00 (5 of 5)",
        "0 / 0 / 1",
        "0 / 0",
        "n/a",
        "0.21",
        "4 / 0",
        "0.48 / 1.00",
        "0.50",
        "5 of 5",
        "0",
        "1",
        "160",
    ),
    "d3a1ce0a": (
        "101 / 103",
        "1.00 (7 of 7)",
        "0 / 0 / 0",
        "0 / 0",
        "n/a",
        "0.74",
        "29 / 8",
        "0.43 / 0.60",
        "0.33",
        "6 of 6",
        "0",
        "0",
        "152",
    ),
    "f506aafc": (
        "75 / 75",
        "1.00 (7 of 7)",
        "0 / 0 / 1",
        "1 / 0",
        "1.00",
        "0.81",
        "26 / 5",
        "0.60 / 0.67",
        "0.67",
        "9 of 9",
        "0",
        "0",
        "139",
    ),
    "33521e65": (
        "61 / 61",
        "1.00 (5 of 5)",
        "0 / 2 / 1",
        "0 / 0",
        "n/a",
        "0.67",
        "26 / 2",
        "0.75 / 0.86",
        "0.33",
        "5 of 5",
        "0",
        "0",
        "143",
    ),
    "58ed2376": (
        "59 / 59",
        "1.00 (5 of 5)",
        "0 / 1 / 1",
        "0 / 0",
        "n/a",
        "0.16",
        "10 / 0",
        "0.61 / 0.90",
        "0.17",
        "5 of 5",
        "0",
        "0",
        "159",
    ),
    "c99adbdd": (
        "103 / 103",
        "1.00 (6 of 6)",
        "0 / 2 / 1",
        "0 / 0",
        "n/a",
        "0.30",
        "18 / 4",
        "0.47 / 0.76",
        "0.33",
        "6 of 6",
        "0",
        "0",
        "170",
    ),
    "ed8c136f": (
        "120 / 121",
        "1.00 (8 of 8)",
        "0 / 0 / 0",
        "0 / 0",
        "n/a",
        "0.56",
        "22 / 10",
        "0.54 / 0.59",
        "0.67",
        "8 of 8",
        "0",
        "0",
        "170",
    ),
    "ee05c9b3": (
        "69 / 71",
        "1.00 (7 of 7)",
        "0 / 0 / 1",
        "0 / 0",
        "n/a",
        "0.73",
        "11 / 2",
        "0.67 / 0.50",
        "0.80",
        "5 of 5",
        "0",
        "2",
        "155",
    ),
    "13792511": (
        "77 / 79",
        "1.00 (5 of 5)",
        "0 / 0 / 1",
        "0 / 0",
        "n/a",
        "0.12",
        "5 / 0",
        "0.38 / 0.77",
        "0.50",
        "5 of 5",
        "0",
        "0",
        "133",
    ),
    "4f473faf": (
        "84 / 84",
        "1.00 (6 of 6)",
        "0 / 1 / 1",
        "0 / 0",
        "n/a",
        "0.65",
        "21 / 11",
        "0.62 / 0.71",
        "0.00",
        "7 of 7",
        "0",
        "0",
        "175",
    ),
    "6e502405": (
        "64 / 64",
        "1.00 (6 of 6)",
        "0 / 0 / 0",
        "0 / 0",
        "n/a",
        "0.69",
        "26 / 15",
        "0.75 / 0.64",
        "0.80",
        "6 of 6",
        "0",
        "0",
        "166",
    ),
    "af4a3f41": (
        "84 / 84",
        "1.00 (7 of 7)",
        "0 / 1 / 0",
        "0 / 0",
        "n/a",
        "0.54",
        "15 / 4",
        "0.38 / 0.67",
        "0.67",
        "7 of 7",
        "0",
        "0",
        "148",
    ),
    "c5534b7e": (
        "61 / 61",
        "1.00 (7 of 7)",
        "0 / 0 / 0",
        "0 / 0",
        "n/a",
        "0.45",
        "20 / 4",
        "0.47 / 0.67",
        "0.67",
        "7 of 7",
        "0",
        "0",
        "170",
    ),
    "1b96a5db": (
        "73 / 73",
        "1.00 (7 of 7)",
        "0 / 0 / 1",
        "0 / 0",
        "n/a",
        "0.50",
        "14 / 2",
        "0.62 / 0.73",
        "0.60",
        "7 of 7",
        "0",
        "1",
        "136",
    ),
    "472158a1": (
        "65 / 68",
        "1.00 (5 of 5)",
        "0 / 0 / 2",
        "0 / 0",
        "n/a",
        "0.40",
        "10 / 1",
        "0.66 / 0.90",
        "0.17",
        "5 of 5",
        "0",
        "0",
        "147",
    ),
    "76810849": (
        "74 / 79",
        "1.00 (5 of 5)",
        "0 / 1 / 0",
        "0 / 0",
        "n/a",
        "0.33",
        "24 / 4",
        "0.65 / 0.70",
        "0.17",
        "5 of 5",
        "0",
        "1",
        "177",
    ),
    "79bf99c6": (
        "113 / 116",
        "1.00 (8 of 8)",
        "0 / 0 / 0",
        "1 / 0",
        "1.00",
        "0.83",
        "25 / 6",
        "0.57 / 0.50",
        "0.80",
        "8 of 8",
        "0",
        "1",
        "167",
    ),
    "d4a4bc34": (
        "56 / 56",
        "1.00 (7 of 7)",
        "0 / 1 / 0",
        "0 / 0",
        "n/a",
        "0.60",
        "27 / 4",
        "0.50 / 0.58",
        "0.17",
        "7 of 7",
        "0",
        "0",
        "141",
    ),
    "47a209b0": (
        "107 / 108",
        "1.00 (6 of 6)",
        "0 / 0 / 0",
        "0 / 0",
        "n/a",
        "0.17",
        "4 / 2",
        "0.42 / 0.71",
        "0.80",
        "6 of 6",
        "0",
        "2",
        "160",
    ),
    "542cd22c": (
        "77 / 77",
        "1.00 (6 of 6)",
        "0 / 1 / 0",
        "0 / 0",
        "n/a",
        "0.48",
        "17 / 5",
        "0.35 / 0.75",
        "0.67",
        "6 of 6",
        "0",
        "0",
        "165",
    ),
    "72fa9b13": (
        "70 / 70",
        "1.00 (6 of 6)",
        "0 / 0 / 2",
        "0 / 0",
        "n/a",
        "0.48",
        "18 / 4",
        "0.38 / 0.75",
        "0.50",
        "6 of 6",
        "0",
        "0",
        "138",
    ),
    "84b3c118": (
        "109 / 109",
        "1.00 (6 of 6)",
        "0 / 0 / 0",
        "1 / 0",
        "1.00",
        "0.34",
        "9 / 3",
        "0.31 / 0.75",
        "0.33",
        "7 of 7",
        "0",
        "0",
        "143",
    ),
    "be026bd1": (
        "70 / 70",
        "1.00 (6 of 6)",
        "0 / 0 / 0",
        "0 / 0",
        "n/a",
        "0.44",
        "8 / 2",
        "0.65 / 0.93",
        "0.50",
        "6 of 6",
        "0",
        "1",
        "149",
    ),
    "dd1e6e3b": (
        "82 / 84",
        "1.00 (6 of 6)",
        "0 / 0 / 1",
        "0 / 0",
        "n/a",
        "0.46",
        "20 / 17",
        "0.56 / 0.83",
        "0.67",
        "6 of 6",
        "0",
        "0",
        "150",
    ),
    "06ffda2d": (
        "53 / 56",
        "1.00 (5 of 5)",
        "0 / 0 / 1",
        "0 / 0",
        "n/a",
        "0.31",
        "15 / 14",
        "0.57 / 0.69",
        "0.60",
        "5 of 5",
        "0",
        "0",
        "139",
    ),
    "1ed4f378": (
        "80 / 83",
        "1.00 (5 of 5)",
        "0 / 0 / 0",
        "0 / 0",
        "n/a",
        "0.23",
        "5 / 1",
        "0.45 / 1.00",
        "0.33",
        "5 of 5",
        "0",
        "0",
        "178",
    ),
    "1f99798f": (
        "110 / 111",
        "1.00 (6 of 6)",
        "0 / 0 / 0",
        "0 / 0",
        "n/a",
        "0.61",
        "17 / 2",
        "0.52 / 0.93",
        "0.33",
        "6 of 6",
        "0",
        "0",
        "144",
    ),
    "2a3fde8a": (
        "93 / 93",
        "1.00 (7 of 7)",
        "0 / 0 / 0",
        "0 / 0",
        "n/a",
        "0.38",
        "25 / 7",
        "0.43 / 1.00",
        "0.33",
        "9 of 9",
        "0",
        "0",
        "172",
    ),
    "87609973": (
        "44 / 49",
        "1.00 (6 of 6)",
        "0 / 0 / 0",
        "0 / 0",
        "n/a",
        "0.58",
        "20 / 3",
        "0.73 / 0.67",
        "0.60",
        "5 of 5",
        "0",
        "1",
        "177",
    ),
    "c6a0e65c": (
        "73 / 75",
        "1.00 (7 of 7)",
        "0 / 0 / 1",
        "0 / 0",
        "n/a",
        "0.56",
        "14 / 8",
        "0.57 / 0.67",
        "0.33",
        "7 of 7",
        "0",
        "0",
        "154",
    ),
    "eb17fa36": (
        "69 / 69",
        "1.00 (6 of 6)",
        "0 / 0 / 0",
        "0 / 0",
        "n/a",
        "0.80",
        "29 / 5",
        "0.64 / 0.69",
        "0.67",
        "6 of 6",
        "0",
        "0",
        "159",
    ),
    "f688c56d": (
        "96 / 96",
        "1.00 (7 of 7)",
        "0 / 0 / 0",
        "0 / 0",
        "n/a",
        "0.38",
        "19 / 8",
        "0.40 / 0.92",
        "0.60",
        "6 of 6",
        "0",
        "1",
        "157",
    ),
}


def benchmarks_table() -> dict[str, tuple[str, ...]]:
    """BENCHMARKS.md's BASIL table: triplet → its cells, in COLUMNS' order."""
    section = (ROOT / "BENCHMARKS.md").read_text(encoding="utf-8").split("BASIL runs on real text", 1)[1]
    body = section.split("\n## ", 1)[0].splitlines()
    first = next(n for n, line in enumerate(body) if line.startswith("|"))
    lines = list(itertools.takewhile(lambda line: line.startswith("|"), body[first:]))  # the first table
    header = [cell.strip() for cell in lines[0].strip("|").split("|")]
    assert tuple(header[1:]) == COLUMNS
    table = {}
    for line in lines[2:]:
        cells = [cell.strip() for cell in line.strip("|").split("|")]
        table[cells[0].split(",")[0]] = tuple(cells[1:])
    return table


def test_benchmarks_md_shows_the_figures_asserted_here() -> None:
    assert benchmarks_table() == FIGURES


@needs_basil
@pytest.mark.parametrize("uuid", RECORDED, ids=[u[:8] for u in RECORDED])
def test_a_recorded_triplet_replays_to_a_sound_report_with_the_figures_benchmarks_md_gives(uuid: str) -> None:
    report = basil_runs.run(uuid, record=False, base_url=None)
    assert len(report.articles) == 3
    for claim in report.claims:
        if claim.verified:
            article = report.article(claim.article_id)
            assert article is not None and claim.quote in article.text, claim.id
    for i, sentence in enumerate(report.summary, 1):
        mine = [c for c in report.checks if c.target == f"summary:{i}"]
        assert mine and sentence.verified is all(c.passed for c in mine), sentence.text
    # The news leads: no sentence a reader would take for the news stands below a speaker's words or
    # an unresolved "he said" at the top (code's disagreements never lead in another's place).
    texts = [quoted_sentence(s.text) or s.text for s in report.summary]
    code = [s.written_by == "code" and quoted_sentence(s.text) is None for s in report.summary]
    assert news_first(range(len(texts)), texts, code) == list(range(len(texts)))
    raw = basil_runs.figures(report, uuid)
    assert tuple(basil_table.cells(raw)) == FIGURES[uuid[:8]]
    # The cross-check's precision on every recorded run, against the gold: at least 0.8 (issue 11).
    precision = raw["conflict_precision"]
    assert precision is None or float(precision) >= 0.8  # type: ignore[arg-type]


# --- the hand gold itself (benchmarks/gold/): every file there, whoever added it ----------------------

GOLD_FILES = sorted(basil.GOLD.glob("*.gold.json"))
_QUOTED = ("conflicts", "corroborated", "not_conflicts")


def _gold_articles(path: Path, out: Path) -> tuple[dict[str, Any], dict[str, Article]]:
    """A gold file as written, and its articles by letter, as the benchmark writes and loads them."""
    raw = json.loads(path.read_text(encoding="utf-8"))
    uuid = next((u for u in basil.triplets() if u.startswith(path.name.split(".")[0])), None)
    assert uuid is not None, f"{path.name} names no BASIL triplet"
    paths = basil.write_triplet(uuid, out)
    # The letters are the order the benchmark passes the articles in, and the names the files it writes.
    assert list(raw["articles"].values()) == [p.name for p in paths]
    return raw, dict(zip(raw["articles"], load(paths), strict=True))


def _quotes(raw: dict[str, Any]) -> list[tuple[str, str, str]]:
    """(item id, article letter, quote) for every quote of a gold file as written."""
    out = []
    for section in _QUOTED:
        for item in raw.get(section, []):
            for letter in raw["articles"]:
                value = item.get(letter, [])
                out += [(item["id"], letter, q) for q in ([value] if isinstance(value, str) else value)]
    return out + [(s["id"], s["article"], s["quote"]) for s in raw.get("single_source", [])]


@needs_basil
@pytest.mark.parametrize("path", GOLD_FILES, ids=[p.name.split(".")[0] for p in GOLD_FILES])
def test_every_gold_quote_is_verbatim_in_its_basil_article(path: Path, tmp_path: Path) -> None:
    raw, articles = _gold_articles(path, tmp_path)
    gold = load_gold(path)
    quotes = _quotes(raw)
    # The loader must have picked up every article-keyed quote of the file.
    loaded = sum(len(qs) for sec in _QUOTED for it in getattr(gold, sec) for qs in it.quotes.values())
    assert loaded + len(gold.single_source) == len(quotes)
    missing = [(i, letter, q) for i, letter, q in quotes if not find_quote(q, articles[letter].text)]
    assert not missing, missing


@needs_basil
@pytest.mark.parametrize("path", GOLD_FILES, ids=[p.name.split(".")[0] for p in GOLD_FILES])
def test_every_gold_key_fact_rests_on_gold_items_whose_sentences_carry_its_must_mention(
    path: Path, tmp_path: Path
) -> None:
    raw, articles = _gold_articles(path, tmp_path)
    ids = [item["id"] for sec in (*_QUOTED, "single_source") for item in raw.get(sec, [])]
    assert len(ids) == len(set(ids)), "an id is used twice"
    facts = raw.get("key_facts", [])
    assert 3 <= len(facts) <= 6, "a summary of the story must state 3 to 6 key facts"
    carriers = {x["id"] for sec in ("conflicts", "corroborated", "single_source") for x in raw.get(sec, [])}
    by_item: dict[str, list[str]] = {}
    for item_id, letter, q in _quotes(raw):
        a = articles[letter]
        spans = find_quote(q, a.text)
        held = [s.text for s in a.sentences for b, e in spans if s.start < e and b < s.end]
        by_item.setdefault(item_id, []).extend(held)
    for fact in facts:
        assert fact["fact"].strip() and fact["refs"], fact["id"]
        assert set(fact["refs"]) <= carriers, (fact["id"], set(fact["refs"]) - carriers)
        # A summary sentence stating the fact must contain these, so the sentences it would cite must too.
        evidence = " ".join(t for r in fact["refs"] for t in by_item.get(r, [])).casefold()
        absent = [m for m in fact["must_mention"] if m.casefold() not in evidence]
        assert not absent, (fact["id"], absent)


@needs_basil
def test_the_readme_gives_the_totals_of_the_recorded_triplets() -> None:
    runs = {u[:8]: basil_runs.figures(basil_runs.run(u, record=False, base_url=None), u) for u in RECORDED}
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    shown = readme.split("<!-- basil-totals -->\n", 1)[1].split("\n<!-- /basil-totals -->", 1)[0]
    assert shown == basil_table.totals(runs)
