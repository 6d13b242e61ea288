"""The verdict rule, shared by grounding (with a judge), `verify` (no model) and the benchmarks.

Code is final on the kinds the checks' registry marks final (`checks.registry.KINDS`: numbers,
comparators, dates, negation, names, roles, sources, a sentence that breaks off): no judge can argue
them into the sources. The calls code cannot make are a content word the sources lack (kind
"word": a synonym, or an invention) and a name or number that only another citation than the main
one holds (kind "joined": two facts rightly put together, or wrongly). Either fails unless a judge
is confident, beyond `SETTLE`, that the sources say it. A judge that disagrees fails a sentence code
found nothing wrong with.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Literal

from summarizer.checks import CONTRADICTING, HARD
from summarizer.lang.tokens import content_words
from summarizer.models import Unsupported, Verdict

__all__ = ["CONTRADICTING", "HARD", "MAX_SETTLED", "SETTLE", "decide"]
# SETTLE, MAX_SETTLED and judge.THRESHOLD are what one rule chooses (benchmarks/calibrate.py; asserted
# by tests/test_calibration.py): the highest balanced accuracy on the SummEdits dev file that passes at
# least 0.8 of its faithful summaries and of the grounding probe set's faithful sentences, SETTLE above
# THRESHOLD; where no setting passes 0.8 (none did when last chosen: code is final on 42 of the 128
# faithful summaries), the highest faithful pass. Change them only by rerunning the rule.
# The judge's score at which a sentence whose only flags are words the sources lack passes (treating
# every such word as a failure failed 96 % of SummEdits' faithful summaries).
SETTLE = 0.7
# At most this share of a sentence's content words may be settled by the judge: a sentence most of whose
# words its sources lack ("Officials remain silent.") is no paraphrase, however confident the judge.
MAX_SETTLED = 0.5

FailedBy = Literal["deterministic", "judge", "citation"]


def decide(
    found: Sequence[Unsupported],
    score: float | None,
    agrees: bool | None,
    text: str = "",
    *,
    settle: float | None = None,
    max_settled: float | None = None,
) -> tuple[Verdict, list[FailedBy]]:
    """The verdict from code's findings and the judge's score and label (None: no judge), and who failed."""
    # Only the calibration (benchmarks/calibrate.py) passes `settle` and `max_settled`, to try other
    # values; every verdict a user sees takes SETTLE and MAX_SETTLED.
    settle = SETTLE if settle is None else settle
    max_settled = MAX_SETTLED if max_settled is None else max_settled
    hard = [u for u in found if u.kind in HARD]
    judge_fails = agrees is False
    if hard:
        verdict: Verdict = "contradicted" if any(u.kind in CONTRADICTING for u in hard) else "unsupported"
        return verdict, ["deterministic", *(["judge"] if judge_fails else [])]  # type: ignore[list-item]
    if found:  # only words the sources lack, or hold only in other sentences than the rest
        words = len(content_words(text)) or len(found)
        if score is not None and agrees and score >= settle and len(found) <= max_settled * words:
            return "supported", []
        return "unsupported", ["deterministic", *(["judge"] if judge_fails else [])]  # type: ignore[list-item]
    if judge_fails:
        return "unsupported", ["judge"]
    return "supported", []
