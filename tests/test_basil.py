"""Runs on BASIL triplets (real text nobody here wrote), replayed from the real local model's answers.

Re-record: bash scripts/record.sh basil   (serves the local model on 127.0.0.1, rewrites cassettes/basil/)
Skipped where ../shared/datasets/basil is absent.
"""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

from summarizer.text import find_quote

from .conftest import CASSETTES, ROOT

sys.path.insert(0, str(ROOT / "benchmarks"))
import basil
import basil_runs

pytestmark = pytest.mark.skipif(not basil.available(), reason="../shared/datasets/basil is absent")

RECORDED = [u for u in basil_runs.TRIPLETS if (CASSETTES / "basil" / f"{u[:8]}.yaml").is_file()]


@pytest.mark.parametrize("uuid", list(basil_runs.TRIPLETS), ids=[u[:8] for u in basil_runs.TRIPLETS])
def test_a_triplet_reads_as_three_articles_with_their_publishers(uuid: str, tmp_path: Path) -> None:
    # The dataset spells its source codes both ways: "hpo" in one triplet, "HPO" in the Wal-Mart one.
    paths = basil.write_triplet(uuid, tmp_path / uuid[:8])
    assert len(paths) == 3
    publishers = {p.read_text().rstrip().rpartition("\n")[2] for p in paths}
    assert publishers == {"foxnews.com", "nytimes.com", "huffpost.com"}


@pytest.mark.parametrize("uuid", RECORDED, ids=[u[:8] for u in RECORDED])
def test_a_recorded_triplet_replays_to_a_sound_report(uuid: str) -> None:
    report = basil_runs.run(uuid, record=False, base_url=None)
    assert len(report.articles) == 3
    assert any(c.verified for c in report.claims)
    for claim in report.claims:
        if claim.verified:
            article = report.article(claim.article_id)
            assert article is not None and find_quote(claim.quote, article.text), claim.id
    for sentence in report.summary:
        assert sentence.verified is not None
    figures = basil_runs.figures(report)
    assert figures["quote_verbatim_rate"] == 1.0
