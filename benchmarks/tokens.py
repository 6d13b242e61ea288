"""Tokens per stage on the seeds, from the recorded cassette; and reconcile's prompt against the articles.

    python benchmarks/tokens.py [--cassette cassettes/seeds.yaml] [--no-replay]

Every recorded attempt is counted, re-asks included (a re-ask resends the whole conversation, so its
prompt is the longest). Token counts are the server's own (`usage` in each recorded response).

Reconcile sees claims, never the articles: its prompt should be smaller than the articles it stands
for. The server never counted an article on its own (an extract prompt is system prompt + article),
so article tokens are estimated two ways and both are printed:
  calibrated: article chars × the server's tokens per char over the extract prompts' first attempts
              (same tokenizer, similar text). The chat template's few tokens per message count
              in the prompt but not in the chars, so this leans a little high (by ~1-2 %);
  chars/4:    the usual rule of thumb for English with a BPE tokenizer.
With the replay (default), the report's own usage totals are checked against the cassette's.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import recorded

from summarizer import Settings, summarize
from summarizer.cassette import recorded_settings, use
from summarizer.ingest import load


def chars(messages: list[dict[str, object]]) -> int:
    return sum(len(str(m.get("content") or "")) for m in messages)


def main() -> None:
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--cassette", type=Path, default=recorded.SEEDS_CASSETTE)
    p.add_argument("--no-replay", action="store_true", help="skip checking a replayed report's usage")
    args = p.parse_args()

    recorded.header("tokens: per stage on the seeds, from the recorded cassette")
    calls = recorded.load(args.cassette)
    print(f"cassette {args.cassette.name}: {len(calls)} recorded attempts; counts are the server's `usage`\n")
    print(f"  {'stage':<9} {'article':>7} {'attempt':>7} {'messages':>8} {'prompt tok':>10} {'compl tok':>9}")
    for c in calls:
        print(
            f"  {c.stage:<9} {c.article_id or '-':>7} {c.attempt:>7} {len(c.messages):>8}"
            f" {c.prompt_tokens:>10} {c.completion_tokens:>9}"
        )

    print(f"\n  {'stage':<9} {'attempts':>8} {'re-asks':>7} {'prompt tok':>10} {'compl tok':>9} {'total':>7}")
    totals: dict[str, list[int]] = {}
    for c in calls:
        t = totals.setdefault(c.stage, [0, 0, 0, 0])
        t[0] += 1
        t[1] += c.attempt > 1
        t[2] += c.prompt_tokens
        t[3] += c.completion_tokens
    for stage, (n, re_asks, pt, ct) in totals.items():
        print(f"  {stage:<9} {n:>8} {re_asks:>7} {pt:>10} {ct:>9} {pt + ct:>7}")
    all_p = sum(t[2] for t in totals.values())
    all_c = sum(t[3] for t in totals.values())
    print(f"  {'all':<9} {len(calls):>8} {'':>7} {all_p:>10} {all_c:>9} {all_p + all_c:>7}")

    # The articles' own size, against what reconcile was sent.
    articles = load(recorded.SEEDS)
    article_chars = sum(len(a.text) for a in articles)
    firsts = [c for c in calls if c.stage == "extract" and c.attempt == 1]
    per_char = sum(c.prompt_tokens for c in firsts) / max(1, sum(chars(c.messages) for c in firsts))
    calibrated = article_chars * per_char
    rule = article_chars / 4
    rec = [c for c in calls if c.stage == "reconcile"]
    print(f"\narticles: {len(articles)}, {article_chars} chars of text (publisher lines removed)")
    print(
        f"  server tokens per char over the extract prompts' first attempts: {per_char:.3f}"
        f" (≈ {1 / per_char:.2f} chars per token)"
    )
    print(f"  article tokens, calibrated estimate: {calibrated:.0f}   chars/4 estimate: {rule:.0f}")
    if rec:
        first = rec[0]
        user_chars = len(first.user_text)
        print(
            f"reconcile prompt (first attempt, server count, system prompt included): {first.prompt_tokens}"
            f" tokens; its claims message is {user_chars} chars ≈ {user_chars * per_char:.0f} tokens"
        )
        print(
            f"ratio  reconcile prompt / article tokens (calibrated): {first.prompt_tokens / calibrated:.2f}"
        )
        print(f"ratio  reconcile prompt / article tokens (chars/4):    {first.prompt_tokens / rule:.2f}")
        print(f"ratio  reconcile claims message / article text (chars): {user_chars / article_chars:.2f}")
        if len(rec) > 1:
            print(f"  (reconcile was re-asked {len(rec) - 1} time(s); each re-ask resends the claims)")
        extract_prompts = sum(c.prompt_tokens for c in firsts)
        print(
            f"ratio  reconcile prompt / extract prompts' first attempts (both server counts): "
            f"{first.prompt_tokens / extract_prompts:.2f}"
        )

    if not args.no_replay:
        rs = recorded_settings(args.cassette)
        settings = Settings(
            model=rs["model"],
            base_url="http://127.0.0.1:9/v1",
            api_key="dummy",
            mode=rs["mode"],  # type: ignore[arg-type]
            client_retries=0,
        )
        with use(args.cassette, record=False):
            report = summarize(recorded.SEEDS, settings)
        stages = report.usage.stages
        same = all(
            stage in stages
            and (stages[stage].calls, stages[stage].prompt_tokens, stages[stage].completion_tokens)
            == (t[0], t[2], t[3])
            for stage, t in totals.items()
        )
        print(
            "\nreplayed report's usage "
            + (
                "matches the cassette per stage (attempts, prompt and completion tokens)"
                if same
                else "DIFFERS:"
            )
        )
        if not same:
            for stage, s in stages.items():
                print(
                    f"  {stage}: {s.calls} attempts, {s.prompt_tokens} prompt,"
                    f" {s.completion_tokens} completion"
                )


if __name__ == "__main__":
    main()
