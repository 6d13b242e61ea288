"""The verdict's thresholds chosen by one rule on the SummEdits dev file and the grounding probe set.

    python benchmarks/calibrate.py --data ../shared/datasets/summedits/summedits_news_dev.json

The rule (issue 27.4): over THRESHOLD (the judge's P(Yes) at which it agrees) and SETTLE (at which it
settles a sentence whose only findings are words the sources lack) in 0.50 … 0.95 by 0.05, SETTLE above
THRESHOLD, and MAX_SETTLED in `SETTLED`, maximise the balanced accuracy on the SummEdits dev file
subject to a faithful pass of at least `FLOOR` on SummEdits and on the probe set's faithful sentences;
of settings that tie, the stricter (higher THRESHOLD, then higher SETTLE, then lower MAX_SETTLED). If
none meets the floor: the one whose lower faithful pass of the two is highest, ties again by balanced
accuracy, then the stricter. SETTLE stays above THRESHOLD because a word-only pass asks more of the
judge than a clean one (tests/test_ground.py), and a SETTLE at or below it would be the same rule as
SETTLE = THRESHOLD, since a word is settled only by a judge that agrees.

Code's findings and the judge's scores (replayed from cassettes/summedits.yaml and
cassettes/judge_probe.yaml) are computed once; each setting is applied through verdict.decide, the rule
the pipeline, `summarizer check` and `verify` use. A question a cassette did not record leaves its
sentence unjudged (code alone decides it); the count is printed.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import shlex
import sys
import time
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "benchmarks"))

import judge as judge_bench  # noqa: E402
import summedits  # noqa: E402

from summarizer import cassette  # noqa: E402
from summarizer.checks import unsupported  # noqa: E402
from summarizer.config import LOCAL_DEFAULT_MODEL, Settings  # noqa: E402
from summarizer.judge import THRESHOLD  # noqa: E402
from summarizer.models import Unsupported  # noqa: E402
from summarizer.verdict import MAX_SETTLED, SETTLE, decide  # noqa: E402

SHARED = Path(os.environ.get("SUMMARIZER_SHARED", ROOT.parent / "shared"))
DEV = SHARED / "datasets" / "summedits" / "summedits_news_dev.json"
CASSETTES = ROOT / "cassettes"
GRID = tuple(round(0.50 + 0.05 * i, 2) for i in range(10))  # THRESHOLD and SETTLE
SETTLED = (0.25, 0.5, 0.75, 1.0)  # MAX_SETTLED
FLOOR = 0.80  # the faithful pass a setting must keep, on SummEdits and on the probe set
OFFLINE = Settings(
    model=LOCAL_DEFAULT_MODEL,
    base_url="http://127.0.0.1:9/v1",
    api_key="not-needed",
    mode="json_schema",
    cache=False,
    client_retries=0,
)


@dataclass(frozen=True)
class Setting:
    """One choice of the verdict's three thresholds."""

    threshold: float
    settle: float
    max_settled: float


@dataclass(frozen=True)
class ProbeItem:
    """A probe sentence: its label, what code finds in it, and the judge's P(Yes)."""

    label: str
    sentence: str
    found: list[Unsupported]
    score: float | None


@dataclass(frozen=True)
class Data:
    """Everything a setting is applied to, computed once: code's findings and the judge's scores."""

    rows: list[dict[str, Any]]
    verdicts: list[summedits.Verdict]
    scores: list[list[float | None]]  # per SummEdits summary, per sentence
    probe: list[ProbeItem]
    calls: int  # judge answers replayed

    @property
    def unjudged(self) -> tuple[int, int]:
        """Sentences without a judge's score: on SummEdits, on the probe set."""
        return sum(s is None for ss in self.scores for s in ss), sum(p.score is None for p in self.probe)


@dataclass(frozen=True)
class Outcome:
    """A setting's verdicts, and the figures the rule reads off them."""

    setting: Setting
    supported: list[bool]  # per SummEdits summary
    probe: list[bool]  # per probe sentence
    balanced: float
    faithful: tuple[int, int]  # SummEdits consistent summaries passed, of
    probe_faithful: tuple[int, int]  # probe faithful sentences passed, of

    @property
    def passes(self) -> float:
        """The lower of the two faithful passes, the figure the floor is on."""
        return min(self.faithful[0] / self.faithful[1], self.probe_faithful[0] / self.probe_faithful[1])


def load(data: Path = DEV) -> Data:
    """Code's findings and the judge's replayed scores on the SummEdits file and the probe set."""
    rows: list[dict[str, Any]] = json.loads(data.read_text(encoding="utf-8"))
    verdicts = [summedits.deterministic_verdicts(r["doc"], r["summary"]) for r in rows]
    with cassette.use(CASSETTES / "summedits.yaml", record=False):
        scores, _, calls = asyncio.run(summedits.judge_scores(rows, OFFLINE, 2, missing_ok=True))
    with cassette.use(CASSETTES / "judge_probe.yaml", record=False):
        got = asyncio.run(judge_bench.scores(OFFLINE, missing_ok=True))
    items = json.loads(judge_bench.PROBE.read_text(encoding="utf-8"))["items"]
    probe = [
        ProbeItem(it["label"], it["sentence"], unsupported(it["sentence"], it["evidence"], voiced=True), p)
        for it, (_, p) in zip(items, got, strict=True)
    ]
    answered = sum(p.score is not None for p in probe)
    return Data(rows, verdicts, scores, probe, len(calls) + answered)


def outcome(data: Data, s: Setting) -> Outcome:
    """The verdicts `s` gives, through verdict.decide (via summedits.combined for the summaries)."""
    supported = [
        summedits.combined(v, sc, s.threshold, s.settle, s.max_settled)
        for v, sc in zip(data.verdicts, data.scores, strict=True)
    ]
    probe = []
    for p in data.probe:
        agrees = None if p.score is None else p.score >= s.threshold
        got = decide(p.found, p.score, agrees, p.sentence, settle=s.settle, max_settled=s.max_settled)
        probe.append(got[0] == "supported")
    labels = [int(r["label"]) for r in data.rows]
    faithful = [ok for ok, label in zip(supported, labels, strict=True) if label == 1]
    probe_faithful = [ok for ok, p in zip(probe, data.probe, strict=True) if p.label == "faithful"]
    return Outcome(
        s,
        supported,
        probe,
        summedits.balanced_accuracy(list(zip(labels, supported, strict=True))),
        (sum(faithful), len(faithful)),
        (sum(probe_faithful), len(probe_faithful)),
    )


def grid() -> list[Setting]:
    """Every setting the rule considers."""
    return [Setting(t, s, m) for t in GRID for s in GRID if s > t for m in SETTLED]


def _stricter(o: Outcome) -> tuple[float, float, float]:
    return o.setting.threshold, o.setting.settle, -o.setting.max_settled


def choose(outcomes: Sequence[Outcome]) -> tuple[Outcome, bool]:
    """The rule's choice, and whether it meets the floor (if none does, the highest faithful pass)."""
    meeting = [o for o in outcomes if o.passes >= FLOOR]
    if meeting:
        return max(meeting, key=lambda o: (round(o.balanced, 9), *_stricter(o))), True
    return max(outcomes, key=lambda o: (round(o.passes, 9), round(o.balanced, 9), *_stricter(o))), False


def calibrate(data: Data) -> tuple[Outcome, bool, list[Outcome]]:
    """The rule applied to every setting of the grid: its choice, whether it meets the floor, all tried."""
    tried = [outcome(data, s) for s in grid()]
    return *choose(tried), tried


def reliability(pairs: Sequence[tuple[float, bool]]) -> list[tuple[float, int, int]]:
    """(bin's lower edge, count, faithful) per 0.1 of the judge's P(Yes); 1.0 falls in the top bin."""
    bins: dict[int, list[bool]] = defaultdict(list)
    for p, faithful in pairs:
        bins[min(int(p * 10), 9)].append(faithful)
    return [(b / 10, len(bins[b]), sum(bins[b])) for b in range(10)]


def _curve(title: str, pairs: Sequence[tuple[float, bool]]) -> None:
    print(title)
    print("  P(Yes)      n  faithful  share")
    for lo, n, ok in reliability(pairs):
        share = f"{ok / n:.2f}" if n else "   -"
        print(f"  {lo:.1f}-{lo + 0.1:.1f}  {n:4d}  {ok:8d}   {share}")


def _frac(part: int, whole: int) -> str:
    return f"{part / whole:.3f} ({part} of {whole})" if whole else "-"


def edited_caught(data: Data, o: Outcome) -> dict[str, list[bool]]:
    """Per kind of edit ("all" for every edited summary), whether each edited summary was caught."""
    caught: dict[str, list[bool]] = defaultdict(list)
    for row, ok in zip(data.rows, o.supported, strict=True):
        if int(row["label"]) == 0:
            caught["all"].append(not ok)
            for kind in summedits.edit_kinds(row):
                caught[kind].append(not ok)
    return caught


def _row(data: Data, o: Outcome) -> str:
    s, caught = o.setting, edited_caught(data, o)["all"]
    return (
        f"  {s.threshold:9.2f} {s.settle:6.2f} {s.max_settled:11.2f}  {o.balanced:.3f}  "
        f"{o.faithful[0]:3d}/{o.faithful[1]}  {o.probe_faithful[0]:3d}/{o.probe_faithful[1]}  "
        f"{sum(caught):3d}/{len(caught)}"
    )


def report(data: Data, chosen: Outcome, met: bool, tried: Sequence[Outcome], seconds: float) -> None:
    """Print the choice, its figures per kind of edit, the best at each THRESHOLD, the judge's curves."""
    s = chosen.setting
    print(f"settings tried: {len(tried)}; rule: max balanced accuracy, faithful pass >= {FLOOR:.2f}")
    if not met:
        print(f"NO setting passes {FLOOR:.2f} of the faithful on both: chosen for the highest faithful pass")
    print(f"chosen: THRESHOLD = {s.threshold}, SETTLE = {s.settle}, MAX_SETTLED = {s.max_settled}")
    now = Setting(THRESHOLD, SETTLE, MAX_SETTLED)
    print(f"the constants (summarizer/judge.py, summarizer/verdict.py): {'the same' if now == s else now}")
    caught = edited_caught(data, chosen)
    planted = [ok for ok, p in zip(chosen.probe, data.probe, strict=True) if p.label != "faithful"]
    print(f"SummEdits: balanced accuracy {chosen.balanced:.3f}")
    print(f"  faithful passed {_frac(*chosen.faithful)}")
    print(f"  edited caught   {_frac(sum(caught['all']), len(caught['all']))}")
    print("  edited caught per kind of edit (a summary with two kinds counts under each):")
    for kind, got in sorted(caught.items()):
        if kind != "all":
            print(f"    {kind:32s} {_frac(sum(got), len(got))}")
    print(f"probe set: faithful passed {_frac(*chosen.probe_faithful)}")
    print(f"  planted errors caught {_frac(planted.count(False), len(planted))}")
    unjudged = data.unjudged
    print(
        f"judge: {data.calls} answers replayed; unjudged (a question the cassettes lack): "
        f"{unjudged[0]} SummEdits sentences, {unjudged[1]} probe sentences"
    )
    print(f"code's findings and the judge's replayed scores, computed once: {seconds:.0f} s")
    print("the best setting at each THRESHOLD (by the rule, floor or not; * meets the floor):")
    print("  THRESHOLD SETTLE MAX_SETTLED  b.acc  faithful  probe  edited caught")
    for t in GRID:
        at = [o for o in tried if o.setting.threshold == t]
        if at:
            best, ok = choose(at)
            print(_row(data, best) + ("  *" if ok else ""))
    # A summary passes the judge only if each sentence does: its score is its least sure sentence's.
    labels = [int(r["label"]) for r in data.rows]
    summaries = [
        (min(p for p in sc if p is not None), label == 1)
        for sc, label in zip(data.scores, labels, strict=True)
        if sc and None not in sc
    ]
    _curve(
        "reliability, SummEdits summaries (P(Yes) of the least sure sentence; faithful = label 1):", summaries
    )
    sentences = [(p.score, p.label == "faithful") for p in data.probe if p.score is not None]
    _curve("reliability, probe sentences (faithful = a paraphrase, not a planted error):", sentences)


def main(argv: Sequence[str] | None = None) -> int:
    """Compute once, apply every setting, print the rule's choice and the curves."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, default=DEV)
    args = parser.parse_args(argv)
    print(f"command: {shlex.join([Path(sys.executable).name, *sys.argv])}")
    started = time.perf_counter()
    data = load(args.data)
    seconds = time.perf_counter() - started
    chosen, met, tried = calibrate(data)
    report(data, chosen, met, tried, seconds)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
