"""Runs on BASIL triplets (real text nobody here wrote), replayed from the real local model's answers.

Re-record: bash scripts/record.sh basil   (serves the local model on 127.0.0.1, rewrites cassettes/basil/)
Skipped where ../shared/datasets/basil is absent.
"""

from __future__ import annotations

import re
import sys
from pathlib import Path

import pytest

from .conftest import CASSETTES, ROOT

sys.path.insert(0, str(ROOT / "benchmarks"))
import basil
import basil_runs

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


# BENCHMARKS.md's BASIL table, every figure a replay can re-derive, by triplet: the one place they live
# here. One test checks BENCHMARKS.md shows exactly these; the replay test that each recorded run scores
# exactly these. The "(N real)" after the cross-check flags is a human reading, not checked.
COLUMNS = (
    "claims kept / unverified",
    "quote verbatim",
    "citations resolve",
    "summary sentences passing every check",
    "numbers unsupported",
    "conflicts from the model",
    "cross-check flags",
)


def row(*cells: tuple[str, ...]) -> dict[str, tuple[str, ...]]:
    """One triplet's figures, column by column."""
    return dict(zip(COLUMNS, cells, strict=True))


FIGURES: dict[str, dict[str, tuple[str, ...]]] = {
    "f506aafc": row(("21", "3"), ("1.00",), ("1.00",), ("1.00", "5", "5"), ("0",), ("0",), ("4",)),
    "79bf99c6": row(("22", "2"), ("1.00",), ("1.00",), ("0.00", "0", "5"), ("5",), ("0",), ("3",)),
    "2058ec60": row(("23", "1"), ("1.00",), ("1.00",), ("0.80", "4", "5"), ("0",), ("0",), ("1",)),
}
_FIGURE = re.compile(r"\d[\d,]*(?:\.\d+)?")


def benchmarks_table() -> dict[str, dict[str, tuple[str, ...]]]:
    """BENCHMARKS.md's BASIL table: triplet → column → the figures it shows."""
    section = (ROOT / "BENCHMARKS.md").read_text(encoding="utf-8").split("## BASIL runs", 1)[1]
    lines = [line for line in section.split("\n## ", 1)[0].splitlines() if line.startswith("|")]
    header = [cell.split(" (")[0].strip() for cell in lines[0].strip("|").split("|")]
    table = {}
    for line in lines[2:]:
        cells = dict(zip(header, (cell.strip() for cell in line.strip("|").split("|")), strict=True))
        cells["cross-check flags"] = cells["cross-check flags"].split(" (")[0]  # "(1 real)" is a reading
        table[cells["triplet"].split(",")[0]] = {c: tuple(_FIGURE.findall(cells[c])) for c in COLUMNS}
    return table


def test_benchmarks_md_shows_the_figures_asserted_here() -> None:
    assert benchmarks_table() == FIGURES


def _rate(value: object) -> str:
    return "n/a" if value is None else f"{value:.2f}"


@needs_basil
@pytest.mark.parametrize("uuid", RECORDED, ids=[u[:8] for u in RECORDED])
def test_a_recorded_triplet_replays_to_a_sound_report_with_the_figures_benchmarks_md_gives(uuid: str) -> None:
    report = basil_runs.run(uuid, record=False, base_url=None)
    assert len(report.articles) == 3
    for claim in report.claims:
        if claim.verified:
            article = report.article(claim.article_id)
            # The article's own characters (evidence.article_words): a plain substring, not a tolerant match.
            assert article is not None and claim.quote in article.text, claim.id
    for i, sentence in enumerate(report.summary, 1):
        mine = [c for c in report.checks if c.target == f"summary:{i}"]
        assert mine and sentence.verified is all(c.passed for c in mine), sentence.text
    f = basil_runs.figures(report)
    passing = sum(1 for s in report.summary if s.verified)
    crosscheck = f["crosscheck_conflicts"]
    assert isinstance(crosscheck, list)
    assert {
        "claims kept / unverified": (str(f["claims_kept"]), str(f["claims_unverified"])),
        "quote verbatim": (_rate(f["quote_verbatim_rate"]),),
        "citations resolve": (_rate(f["citation_validity"]),),
        "summary sentences passing every check": (
            _rate(f["verified_sentence_rate"]),
            str(passing),
            str(len(report.summary)),
        ),
        "numbers unsupported": (str(f["unsupported_numbers"]),),
        "conflicts from the model": (str(f["model_conflicts"]),),
        "cross-check flags": (str(len(crosscheck)),),
    } == FIGURES[uuid[:8]]
