"""Agreements across outlets by code alone on the annotated BASIL triplets (benchmarks/grouping.py).

No model: every kept sentence is a claim, aligned and scored against the gold. The figures are those
BENCHMARKS.md §3 gives for this code; the triplets recorded after the bar was chosen are held apart.
The model's "same fact?" on the pairs just below the bar is replayed from cassettes/pair_judge.yaml.
"""

from __future__ import annotations

import sys

import pytest

from .conftest import ROOT

sys.path.insert(0, str(ROOT / "benchmarks"))
import basil
import grouping

pytestmark = pytest.mark.skipif(not basil.available(), reason="../shared/datasets/basil is absent")


def _totals(rows: list[dict[str, object]]) -> tuple[float, int, int, float]:
    """(corroborated recall, pairs right, pairs wrong, single-source recall) over triplets, as in §3."""
    recall = sum(float(r["recall"] or 0) for r in rows) / len(rows)  # type: ignore[arg-type]
    single = sum(float(r["single_recall"] or 0) for r in rows) / len(rows)  # type: ignore[arg-type]
    right = sum(int(r["right"]) for r in rows)  # type: ignore[call-overload]
    wrong = sum(int(r["wrong"]) for r in rows)  # type: ignore[call-overload]
    return round(recall, 2), right, wrong, round(single, 2)


def test_facts_by_meaning_hold_together_on_triplets_nobody_chose_the_bar_on() -> None:
    rows = {u[:8]: grouping.triplet(u) for u in basil.triplets() if basil.gold_path(u).is_file()}
    held = {u[:8] for u in basil.triplets() if basil.held_out(u)}
    after = [r for k, r in rows.items() if k not in grouping.CHOSEN_ON and k not in held]
    assert len(after) == 6
    # Union-find chains at 0.2 (0a2453e): recall 0.57, 78 right / 51 wrong, a group of 14 sentences,
    # single-source recall 0.82. Complete link at 0.17 (b95e453): 0.58, 80 / 26, 0.76; then ages and
    # shares read as figures (this session looked at these six's misses: they are no longer unseen): 0.61,
    # 86 / 28, 0.76; then words weighed by their rarity in English, with near-ties: 0.64, 88 / 30, 0.77;
    # then a possessive read as its word (90 / 29); then titles as the page gives them, with no end mark: a
    # title the body repeats as its first line is one sentence twice, and no longer pairs as two.
    assert _totals(after) == (0.64, 89, 29, 0.76)
    assert max(int(r["largest"]) for r in rows.values()) <= 6  # type: ignore[call-overload]


# Gold written by someone who never ran the pipeline on them, first scored before any change was looked
# at on them: six at 7ba95d5 (sixth session), six at 8b941f9 (seventh), six at 069102b (eighth), six at
# 4f99c1f (tenth), six at 9172d65 (eleventh).
HELD_FIRST = ("005a2961", "c5534b7e", "84b3c118", "af4a3f41", "f688c56d", "dd1e6e3b")
HELD_SECOND = ("c6a0e65c", "1bb79cc1", "542cd22c", "72fa9b13", "87609973", "9879bbc0")
HELD_THIRD = ("33521e65", "b5eefefb", "13792511", "a4f1d515", "1f99798f", "be026bd1")
HELD_FOURTH = ("b4dbeda7", "1ed4f378", "2a3fde8a", "df5fe55a", "84678e18", "c21cb217")
HELD_FIFTH = ("58ed2376", "d4a4bc34", "6f95dcb9", "76810849", "a28a0329", "ed8c136f")
HELD_SIXTH = ("4f473faf", "c99adbdd", "ae243a95", "45bd61bc", "526cabb7", "472158a1")


def test_facts_by_meaning_on_the_triplets_annotated_after_the_code() -> None:
    # The first six: at 7ba95d5 0.46, 97 / 44, 0.71; then a possessive read as its word ("Trump's" was
    # "trump'"). Their gold lists more agreements than the fifteen's (24 a triplet against 14), weaker
    # paraphrases among them. The second six, at 8b941f9 before anything changed: 0.47, 84 / 26, 0.72.
    # The third six, at 069102b before anything changed: 0.39, 71 / 8, 0.85 (few pairs, nearly all right).
    held = {u[:8] for u in basil.triplets() if basil.held_out(u)}
    sixes = (HELD_FIRST, HELD_SECOND, HELD_THIRD, HELD_FOURTH, HELD_FIFTH, HELD_SIXTH)
    assert held == set().union(*sixes)
    first = [grouping.triplet(u) for u in basil.triplets() if u[:8] in HELD_FIRST]
    second = [grouping.triplet(u) for u in basil.triplets() if u[:8] in HELD_SECOND]
    third = [grouping.triplet(u) for u in basil.triplets() if u[:8] in HELD_THIRD]
    assert _totals(first) == (0.48, 104, 46, 0.72)
    assert _totals(second) == (0.47, 84, 26, 0.72)
    assert _totals(third) == (0.39, 71, 8, 0.85)
    # The fourth six, at 4f99c1f before anything changed: 0.36, 77 / 16.
    fourth = [grouping.triplet(u) for u in basil.triplets() if u[:8] in HELD_FOURTH]
    assert _totals(fourth) == (0.36, 77, 16, 0.86)
    # The fifth six, at 9172d65 before anything changed: 0.41, 105 / 27, 0.74; then a bill's number read
    # as its name ("Senate Bill 1062" had grouped three sentences as one fact): 105 / 25; then titles with
    # no end mark (6f95dcb9's bodies repeat each title: one title-to-title pair is one sentence twice).
    fifth = [grouping.triplet(u) for u in basil.triplets() if u[:8] in HELD_FIFTH]
    assert _totals(fifth) == (0.41, 104, 25, 0.75)
    # The sixth six, at 47de584 before anything changed, and since (nothing since moved alignment).
    sixth = [grouping.triplet(u) for u in basil.triplets() if u[:8] in HELD_SIXTH]
    assert _totals(sixth) == (0.40, 86, 21, 0.75)


def test_the_model_on_pairs_just_below_the_bar_adds_about_as_many_wrong_agreements_as_right() -> None:
    import pair_judge

    m = pair_judge.measure()  # replayed from cassettes/pair_judge.yaml
    assert (m.candidates, len(m.asked), sum(1 for x in m.asked if x.same)) == (736, 217, 50)
    (_, nine), (_, six), (_, every) = m.parts()
    model, words = pair_judge.auc(every, "p"), pair_judge.auc(every, "similarity")
    assert (round(model, 2), round(words, 2)) == (0.65, 0.60)
    added = {t: (pair_judge.adds(nine, t), pair_judge.adds(six, t)) for t in (0.5, 0.6, 0.7)}
    assert added == {0.5: ((19, 36), (9, 12)), 0.6: ((14, 15), (3, 3)), 0.7: ((9, 2), (2, 2))}
    text = " ".join((ROOT / "BENCHMARKS.md").read_text(encoding="utf-8").split())
    assert "| 0.6 | 14 / 15 | 3 / 3 |" in text and "ROC AUC 0.65 against 0.60" in text
