"""The model judge on the grounding probe set: P(Yes) per item, and accuracy at each threshold.

    python benchmarks/judge.py --base-url http://127.0.0.1:8080/v1     # a live server (e.g. summarizer serve)
    python benchmarks/judge.py --replay cassettes/judge_probe.yaml       # the recorded run, no server

The probe set (tests/data/grounding_probe.json) holds planted errors of every kind and faithful
paraphrases over the seeds and BASIL, written before any tuning. The judge's threshold
(summarizer.judge.THRESHOLD) is chosen from this set and SummEdits by one rule (benchmarks/calibrate.py).
"""

from __future__ import annotations

import argparse
import asyncio
import json
import sys
import time
from collections.abc import Sequence
from contextlib import nullcontext
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from summarizer import cassette  # noqa: E402
from summarizer.config import LOCAL_DEFAULT_MODEL, Settings  # noqa: E402
from summarizer.errors import CassetteError  # noqa: E402
from summarizer.judge import JudgeItem, ModelJudge  # noqa: E402
from summarizer.llm import ModelClient  # noqa: E402

PROBE = ROOT / "tests" / "data" / "grounding_probe.json"


async def answered(judge: ModelJudge, items: Sequence[JudgeItem]) -> list[float | None]:
    """P(Yes) for every item, None for one the replayed cassette did not record: asked one at a time."""
    # One at a time because a replayed answer plays once: asking a batch again after a miss would find
    # the answers its first items already took gone.
    out: list[float | None] = []
    for item in items:
        try:
            out += await judge.support([item])
        except CassetteError:
            out.append(None)
    return out


async def scores(settings: Settings, missing_ok: bool = False) -> list[tuple[str, float | None]]:
    """(label, P(Yes)) for every probe item; with `missing_ok`, None for a question the cassette lacks."""
    items = json.loads(PROBE.read_text(encoding="utf-8"))["items"]
    client = ModelClient(settings)
    try:
        judge = ModelJudge(client)
        asked = [JudgeItem(it["sentence"], tuple(it["evidence"])) for it in items]
        got = await (answered(judge, asked) if missing_ok else judge.support(asked))
        return [(it["label"], p) for it, p in zip(items, got, strict=True)]
    finally:
        await client.aclose()


def main() -> None:
    """Print P(Yes) by label and the balanced accuracy at a range of thresholds."""
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--base-url", default="http://127.0.0.1:9/v1")
    parser.add_argument("--replay", type=Path)
    parser.add_argument("--record", type=Path)
    args = parser.parse_args()
    settings = Settings(
        model=LOCAL_DEFAULT_MODEL,
        base_url=args.base_url,
        api_key="not-needed",
        mode="json_schema",
        cache=False,
    )
    tape = args.record or args.replay
    started = time.perf_counter()
    with cassette.use(tape, record=bool(args.record)) if tape else nullcontext():
        got = asyncio.run(scores(settings))
    seconds = time.perf_counter() - started
    faithful = [p for label, p in got if label == "faithful"]
    planted = [p for label, p in got if label != "faithful"]
    print(f"$ python benchmarks/judge.py {' '.join(sys.argv[1:])}")
    print(f"{len(got)} items ({len(faithful)} faithful, {len(planted)} planted errors) in {seconds:.0f} s")
    for label in sorted({label for label, _ in got}):
        ps = [p for lb, p in got if lb == label and p is not None]
        print(f"  {label:12} P(Yes): " + " ".join(f"{p:.2f}" for p in sorted(ps)))
    print("threshold  faithful passed  errors caught  balanced accuracy")
    for t in (0.5, 0.6, 0.7, 0.75, 0.8, 0.85, 0.9):
        tpr = sum(p is not None and p >= t for p in faithful) / len(faithful)
        tnr = sum(p is None or p < t for p in planted) / len(planted)
        print(f"{t:9.2f}  {tpr:15.2f}  {tnr:13.2f}  {(tpr + tnr) / 2:17.3f}")


if __name__ == "__main__":
    main()
