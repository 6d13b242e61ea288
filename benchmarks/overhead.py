"""Our own code's time per article, with the model's time taken out: the seeds run replayed from its cassette.

    python benchmarks/overhead.py [--runs 5] [--repeat 20] [--cassette cassettes/seeds.yaml]

Replay answers every model call from the cassette in ~0 s, so a replayed run's wall time is the
pipeline's own cost (ingest, prompts, Instructor/pydantic validation, quote checks, cross-check,
verify) plus vcrpy's matching. That is set against the model time of the original recording,
read from llama-server's `timings` (prompt_ms + predicted_ms) in each recorded response.
Then ingest / cross-check / verify / render are timed on their own, called directly.
"""

from __future__ import annotations

import argparse
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))

import recorded

from summarizer import Settings, summarize
from summarizer.align import align
from summarizer.cassette import recorded_settings, use
from summarizer.evidence import evidence_problems
from summarizer.ingest import load
from summarizer.render import to_markdown
from summarizer.verify import verify


def timed(fn: Callable[[], Any], repeat: int) -> tuple[float, float, Any]:
    """(first call's seconds, median of the next `repeat` calls' seconds, the last result)."""
    t = time.perf_counter()
    out = fn()
    first = time.perf_counter() - t
    times = []
    for _ in range(repeat):
        t = time.perf_counter()
        out = fn()
        times.append(time.perf_counter() - t)
    return first, recorded.median(times), out


def main() -> None:
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--runs", type=int, default=5, help="replayed runs (the first is also reported cold)")
    p.add_argument("--repeat", type=int, default=20, help="calls per stage in the breakdown")
    p.add_argument("--cassette", type=Path, default=recorded.SEEDS_CASSETTE)
    args = p.parse_args()

    recorded.header("overhead: the replayed seeds run, model time excluded")
    rec = recorded_settings(args.cassette)
    settings = Settings(
        model=rec["model"],
        base_url="http://127.0.0.1:9/v1",  # never reached: the cassette answers
        api_key="dummy",
        mode=rec["mode"],  # type: ignore[arg-type]
        client_retries=0,
    )
    n = len(recorded.SEEDS)
    calls = recorded.load(args.cassette)

    walls: list[float] = []
    report = None
    for _ in range(args.runs):
        t = time.perf_counter()
        with use(args.cassette, record=False):
            report = summarize(recorded.SEEDS, settings)
        walls.append(time.perf_counter() - t)
    assert report is not None
    warm = walls[1:] or walls
    run = recorded.median(warm)

    print(f"\nseeds: {n} articles, cassette {args.cassette.name}: {len(calls)} recorded attempts")
    print(
        f"replayed runs (s): {', '.join(f'{w:.3f}' for w in walls)}  (run 1 is cold: imports, pysbd, jinja)"
    )
    print(f"wall per run, median of warm runs: {run:.3f} s   per article: {run / n * 1000:.1f} ms")
    replayed = sum(c.seconds for c in report.usage.calls)
    print(f"replayed calls' own `seconds` in the report: {replayed:.3f} s (vcrpy + client, not the model)")

    model_ms = [c.model_ms for c in calls]
    if all(m is not None for m in model_ms):
        total = sum(m for m in model_ms if m is not None) / 1000
        per_article: dict[str | None, float] = {}
        for c in calls:
            if c.stage == "extract":  # an article's re-asks run one after another
                per_article[c.article_id] = per_article.get(c.article_id, 0.0) + (c.model_ms or 0.0)
        ext = list(per_article.values())
        rcn = [c.model_ms or 0.0 for c in calls if c.stage == "reconcile"]
        critical = (max(ext, default=0.0) + sum(rcn)) / 1000
        print(
            "recorded model time (llama-server timings, prompt_ms + predicted_ms, all attempts):"
            f" {total:.1f} s"
            f"  (extract {sum(ext) / 1000:.1f} s, reconcile {sum(rcn) / 1000:.1f} s)"
        )
        print(
            f"ratio  our overhead / recorded model time:      {run / total:.4f}  ({run / total * 100:.2f} %)"
        )
        print(
            f"ratio  our overhead / model critical path:      {run / critical:.4f}"
            "  (slowest article's extract + reconcile)"
        )
    else:
        toks = sum(c.completion_tokens for c in calls)
        print(f"the cassette has no `timings`: no recorded model time; {toks} completion tokens recorded")

    # The stages that never call the model, one by one (the same inputs the run used).
    model_claims = [c for c in report.claims if c.found_by == "model"]
    stages: list[tuple[str, Callable[[], Any]]] = [
        ("ingest.load", lambda: load(recorded.SEEDS)),
        ("align.align", lambda: align(report.articles, list(model_claims))),
        ("verify.verify", lambda: verify(report)),
        ("render.to_markdown", lambda: to_markdown(report)),
    ]
    print(f"\nbreakdown (median of {args.repeat} calls after one more; share of the warm run's wall):")
    print(f"  {'stage':<26} {'first ms':>9} {'median ms':>10} {'per article ms':>15} {'share':>7}")
    total_stages = 0.0
    for name, fn in stages:
        first, med, _ = timed(fn, args.repeat)
        total_stages += med
        print(f"  {name:<26} {first * 1000:9.2f} {med * 1000:10.2f} {med / n * 1000:15.2f} {med / run:7.1%}")
    rest = run - total_stages
    print(
        f"  {'rest (client, Instructor, pydantic, quote checks, vcrpy)':<62} {rest * 1000:8.2f} ms"
        f" {rest / run:7.1%}"
    )
    # Inside "rest": each claim's quote check, which verify runs once per claim.
    by_id = {a.id: a for a in report.articles}
    _, med, _ = timed(lambda: [evidence_problems(c, by_id[c.article_id]) for c in model_claims], args.repeat)
    print(
        f"  of which one quote check per claim (evidence.evidence_problems, {len(model_claims)} claims):"
        f" {med * 1000:.2f} ms, {med / run:.1%} of the run; verify runs it once per claim"
    )
    stats = report.usage.stages
    print(
        "\nreport: "
        + ", ".join(f"{k}: {s.calls} calls ({s.retries} re-asks)" for k, s in stats.items())
        + f"; {len(report.claims)} claims, {len(report.checks)} checks, {len(report.failures)} failures"
    )


if __name__ == "__main__":
    main()
