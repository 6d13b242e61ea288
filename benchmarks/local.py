"""The seeds on the bundled local model, live, from a warm model cache: the local path's figures in one run.

    python benchmarks/local.py [--out report.json]   # needs `bash scripts/setup-local.sh` once; no key

Prints the server's start, seconds and output tokens per article, output tokens per claim, tokens/s,
the merge, and the whole run's wall time against the target (under 180 s on this machine). Then what
the issue asks to measure of quality: claims kept and dropped, quotes verbatim, and whether the
10,000 vs 100,000 followers conflict was found. The model runs here, so the figures are this
machine's: run nothing else meanwhile (2 cores; another process halves the model's speed).
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


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, help="also write the report JSON here")
    args = parser.parse_args()
    if not local_available():
        print("the local model is not installed: run bash scripts/setup-local.sh first", file=sys.stderr)
        return 2
    header("local: the seeds on the bundled model, live")
    settings = Settings(model=LOCAL_DEFAULT_MODEL, api_key="not-needed", mode="json_schema", local=True)
    marks: dict[str, float] = {}
    started = time.perf_counter()

    def progress(message: str) -> None:
        if message.startswith("local model server ready"):
            marks["ready"] = time.perf_counter() - started

    report = summarize(SEEDS, settings, progress=progress)
    wall = time.perf_counter() - started
    if args.out:
        args.out.write_text(report.model_dump_json(indent=2), encoding="utf-8")

    print(f"server started and model loaded: {marks.get('ready', float('nan')):6.1f} s")
    print(
        f"{'call':<12}{'attempts':>9}{'prompt tok':>12}{'output tok':>12}"
        f"{'seconds':>9}{'tok/s':>7}{'tok/claim':>11}"
    )
    for call in report.usage.calls:
        name = f"{call.stage} {call.article_id or ''}".strip()
        made = [c for c in report.claims if c.article_id == call.article_id and c.found_by == "model"]
        per_claim = f"{call.completion_tokens / len(made):.0f}" if call.stage == "extract" and made else "-"
        rate = call.completion_tokens / call.seconds if call.seconds else 0.0
        print(
            f"{name:<12}{call.attempts:>9}{call.prompt_tokens:>12}{call.completion_tokens:>12}"
            f"{call.seconds:>9.1f}{rate:>7.1f}{per_claim:>11}"
        )
    verdict = "met" if wall < TARGET_S else "MISSED"
    print(
        f"whole run, wall (server start to verified report): {wall:.1f} s; "
        f"target < {TARGET_S:.0f} s: {verdict}"
    )
    print("(the two articles are extracted at once, in two server slots, so their seconds overlap)")

    model_claims = [c for c in report.claims if c.found_by == "model"]
    kept = sum(c.verified for c in model_claims)
    print(f"claims kept / dropped: {kept} / {len(model_claims) - kept}")
    for c in model_claims:
        if not c.verified:
            print(f"  dropped {c.id}: {c.reason}")
    verbatim = [k for k in report.checks if k.name == "quote_verbatim"]
    print(f"quotes verbatim: {sum(k.passed for k in verbatim)} of {len(verbatim)}")
    conflict = [c for c in report.conflicts if "10,000" in c.description and "100,000" in c.description]
    print(
        f"10,000 vs 100,000 followers conflict found: {bool(conflict)}"
        + (f" (by the {conflict[0].found_by})" if conflict else "")
    )
    summary_ok = sum(bool(s.verified) for s in report.summary)
    print(f"summary sentences passing every check: {summary_ok} of {len(report.summary)}")
    if GOLD.is_file():
        scores = score(report, Gold.model_validate(json.loads(GOLD.read_text(encoding="utf-8"))))
        print(
            f"against the gold: conflict recall {scores.conflict_recall}, "
            f"corroborated recall {scores.corroborated_recall}"
        )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
