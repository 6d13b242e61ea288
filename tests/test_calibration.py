"""The verdict's thresholds are the choice of benchmarks/calibrate.py's rule, recomputed from the recordings.

The recomputation checks the SummEdits dev file by code and replays its 459 judge answers, as
tests/test_benchmarks.py does: minutes on 2 shared cores. Nothing is cached, so a change to code's
findings moves the choice here at once.
"""

from __future__ import annotations

import sys

import pytest

from summarizer.judge import THRESHOLD
from summarizer.models import Unsupported
from summarizer.verdict import MAX_SETTLED, SETTLE, decide

from .conftest import ROOT

sys.path.insert(0, str(ROOT / "benchmarks"))
import calibrate


def _outcome(
    t: float, s: float, m: float, balanced: float, faithful: int, probe: int = 30
) -> calibrate.Outcome:
    return calibrate.Outcome(calibrate.Setting(t, s, m), [], [], balanced, (faithful, 100), (probe, 30))


def test_the_rule_takes_the_best_balanced_accuracy_over_the_floor_and_the_stricter_of_a_tie() -> None:
    over = _outcome(0.6, 0.7, 0.5, 0.70, 85)
    tie = _outcome(0.65, 0.7, 0.5, 0.70, 82)  # as accurate, stricter
    better_below_floor = _outcome(0.7, 0.8, 0.5, 0.75, 79)
    probe_below_floor = _outcome(0.5, 0.6, 0.5, 0.74, 90, probe=23)
    chosen, met = calibrate.choose([over, tie, better_below_floor, probe_below_floor])
    assert (chosen, met) == (tie, True)


def test_with_no_setting_over_the_floor_the_rule_takes_the_highest_faithful_pass() -> None:
    accurate = _outcome(0.7, 0.8, 0.5, 0.68, 55)
    lenient = _outcome(0.55, 0.65, 0.5, 0.66, 66)
    chosen, met = calibrate.choose([accurate, lenient])
    assert (chosen, met) == (lenient, False)


def test_the_grid_keeps_settle_above_threshold() -> None:
    grid = calibrate.grid()
    assert all(s.settle > s.threshold for s in grid)
    assert {s.threshold for s in grid} | {s.settle for s in grid} == set(calibrate.GRID)


def test_decide_takes_the_thresholds_it_is_given_and_the_constants_by_default() -> None:
    word = Unsupported(kind="word", text="flying", start=0, end=6, detail="not in the sources")
    text = "Planes were flying over the harbour at dawn."
    assert decide([word], 0.6, True, text, settle=0.55)[0] == "supported"
    assert decide([word], 0.6, True, text, settle=0.65)[0] == "unsupported"
    assert decide([word], 0.99, True, "Flying.", max_settled=1.0)[0] == "supported"
    assert decide([word], SETTLE, True, text) == decide([word], SETTLE, True, text, settle=SETTLE)
    assert decide([word], 0.99, True, "Flying.") == decide(
        [word], 0.99, True, "Flying.", max_settled=MAX_SETTLED
    )


@pytest.mark.skipif(not calibrate.DEV.is_file(), reason="../shared/datasets/summedits is absent")
def test_the_verdicts_thresholds_are_the_rules_choice_on_the_recordings() -> None:
    chosen, _, _ = calibrate.calibrate(calibrate.load(calibrate.DEV))
    s = chosen.setting
    rule = (s.threshold, s.settle, s.max_settled)
    assert rule == (THRESHOLD, SETTLE, MAX_SETTLED), f"the rule chooses {rule}: set the constants so"
