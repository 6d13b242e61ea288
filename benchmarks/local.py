"""The seeds on the bundled local model, live, from a warm model cache: the local path's figures in one run.

    python benchmarks/local.py [FILE …] [--out report.json] [--restate] [--repair]
    # default: the seeds, as `summarizer FILES` runs them (restatement and repair off); needs setup-local.sh

Prints the server's start; per call and per stage (extract, judge, repair, reconcile) the prompt and
output tokens and seconds; what the judge added to the run; and the whole run's wall time against the
target (180 s for the seeds, 480 s for a BASIL triplet on this machine). Then quality on the same run:
coverage, the conflicts, the summary's verdicts, and the gold scores where a gold file is found. The
model runs here, so the figures are this machine's: run nothing else meanwhile (2 cores).
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from recorded import SEEDS, header

from summarizer import Settings, summarize
from summarizer.config import LOCAL_DEFAULT_MODEL
from summarizer.evaluate import Gold, score
from summarizer.local import local_available

GOLD = Path(__file__).resolve().parents[2] / "shared" / "eval" / "seeds.gold.json"
TARGET_S = 180.0
_STAGE_NOTES = (
    ("extract", "extracting"),
    ("judge", "checking the restated claims"),
    ("align", "lining the claims up"),
    ("reconcile", "writing the summary"),
    ("judge", "checking the summary"),
    ("verify", "verifying"),
)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("files", nargs="*", type=Path, help="articles (default: the seeds)")
    parser.add_argument("--out", type=Path, help="also write the report JSON here")
    parser.add_argument("--target", type=float, default=None, help="seconds the run should take at most")
    parser.add_argument("--gold", type=Path, default=None, help="a gold file to score against")
    for step in ("restate", "repair"):
        parser.add_argument(f"--{step}", action="store_true", help=f"turn {step} on (off by default here)")
    args = parser.parse_args()
    files = args.files or SEEDS
    target = args.target or (TARGET_S if not args.files else 480.0)
    gold = args.gold or (GOLD if not args.files else None)
    if not local_available():
        print("the local model is not installed: run bash scripts/setup-local.sh first", file=sys.stderr)
        return 2
    header(f"local: {len(files)} articles on the bundled model, live")
    settings = Settings(
        model=LOCAL_DEFAULT_MODEL,
        api_key="not-needed",
        mode="json_schema",
        backend="local",
        cache=False,
        restate=args.restate or None,
        repair=args.repair or None,
    )
    marks: dict[str, float] = {}
    started = time.perf_counter()

    last: list[tuple[str, float]] = []

    def progress(message: str) -> None:
        now = time.perf_counter() - started
        if message.startswith("local model server ready"):
            marks["ready"] = now
        # Wall time per stage, from the pipeline's progress notes (each note starts the next stage).
        for stage, opening in _STAGE_NOTES:
            if message.startswith(opening):
                if last:
                    marks[last[-1][0]] = marks.get(last[-1][0], 0.0) + now - last[-1][1]
                last.append((stage, now))

    report = summarize(files, settings, progress=progress)
    wall = time.perf_counter() - started
    if args.out:
        args.out.write_text(report.model_dump_json(indent=2), encoding="utf-8")

    print(f"server started and model loaded: {marks.get('ready', float('nan')):6.1f} s")
    print(
        f"{'call':<14}{'attempts':>9}{'cached':>8}{'prompt tok':>12}{'output tok':>12}"
        f"{'seconds':>9}{'tok/s':>7}"
    )
    for call in report.usage.calls:
        name = f"{call.stage} {call.article_id or ''}".strip()
        rate = call.completion_tokens / call.seconds if call.seconds else 0.0
        print(
            f"{name:<14}{call.attempts:>9}{call.cached:>8}{call.prompt_tokens:>12}{call.completion_tokens:>12}"
            f"{call.seconds:>9.1f}{rate:>7.1f}"
        )
    print("per stage (calls run concurrently within a stage, so a stage's seconds can exceed its wall time):")
    for stage, u in report.usage.stages.items():
        print(
            f"  {stage:<10} {u.calls:>3} calls  {u.prompt_tokens:>7} prompt + {u.completion_tokens:>5} output"
            " tokens"
            f"  {u.seconds:>7.1f} s"
        )
    for stage in ("judge", "repair", "extract", "reconcile"):
        if stage in marks:
            print(f"  wall spent in {stage}: {marks[stage]:.1f} s")
    verdict = "met" if wall < target else "MISSED"
    print(
        f"whole run, wall (server start to verified report): {wall:.1f} s; target < {target:.0f} s: {verdict}"
    )

    print(
        "coverage: "
        + "; ".join(
            f"{c.article_id} {sum(1 for x in c.sentences if x.claim_ids)}/{len(c.sentences)} sentences"
            " are claims,"
            f" {sum(1 for x in c.sentences if x.left_out)} left out with a reason"
            for c in report.coverage
        )
    )
    for c in report.conflicts:
        print(f"conflict ({c.found_by}): {c.description}")
    for d in report.quote_drift:
        print(
            f"quote drift: {d.speaker}: " + " | ".join(f"{w.article_id}: {w.text[:60]}" for w in d.wordings)
        )
    for i, s in enumerate(report.summary, 1):
        mark = "ok" if s.verified else "FAILS"
        print(f"summary {i} [{mark}, {s.action}, {s.written_by}]: {s.text}")
    actions = [g.action for g in report.groundings]
    print(
        "groundings: "
        + ", ".join(f"{a} {actions.count(a)}" for a in ("kept", "repaired", "replaced", "removed"))
    )
    if gold is not None and gold.is_file():
        scores = score(report, Gold.model_validate(json.loads(gold.read_text(encoding="utf-8"))))
        print(
            f"against the gold: conflict recall {scores.conflict_recall}, "
            f"false conflicts {scores.false_conflicts}, "
            f"corroborated recall {scores.corroborated_recall}, single-source precision "
            f"{scores.single_source_precision} / recall {scores.single_source_recall}"
        )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
