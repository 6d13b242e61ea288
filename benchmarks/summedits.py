"""Balanced accuracy of the grounding check on a SummEdits file (a JSON list of {doc, summary, label, …}).

    python benchmarks/summedits.py --data ../shared/datasets/summedits/summedits_news_dev.json --no-judge
    python benchmarks/summedits.py --data … --base-url http://127.0.0.1:8080/v1   # + the model judge, live
    python benchmarks/summedits.py --data … --replay cassettes/summedits.yaml      # + the judge, recorded

Label 1 is consistent, 0 inconsistent. Each summary sentence is checked by code against the document
sentences `best_evidence` picks for it, read in their document as `summarizer check` reads an article (who
speaks each, which are adjacent), and (unless --no-judge) scored by the judge against the whole
document, which a caching server then reads once per document. The verdict is verdict.decide's, the same
rule the pipeline and `summarizer check` use: a summary is consistent when every sentence is supported.
Both the deterministic verdict and the combined one are printed.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import shlex
import sys
import time
from collections import defaultdict
from collections.abc import Sequence
from contextlib import nullcontext
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Literal

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from judge import answered  # noqa: E402

from summarizer import cassette  # noqa: E402
from summarizer.checks import best_evidence, unsupported  # noqa: E402
from summarizer.config import LOCAL_DEFAULT_MODEL, Settings  # noqa: E402
from summarizer.ingest import make_article, split_sentences  # noqa: E402
from summarizer.judge import THRESHOLD, JudgeItem, ModelJudge  # noqa: E402
from summarizer.lang.reading import Reading, readings  # noqa: E402
from summarizer.llm import ModelClient  # noqa: E402
from summarizer.models import Article, Call, Unsupported  # noqa: E402
from summarizer.verdict import decide  # noqa: E402


@dataclass(frozen=True)
class Verdict:
    """The deterministic check's verdict on one summary: what it found, and how long it took."""

    supported: bool
    sentences: list[str]  # the summary's sentences
    findings: list[list[Unsupported]]  # per summary sentence, what code finds unsupported in it
    evidence: list[list[Reading]]  # per summary sentence, the document sentences it was checked against
    seconds: float
    document: Article  # kept, as its sentences' readings know where they stand in it while it lives

    @property
    def found(self) -> list[Unsupported]:
        """Everything code found, over all the summary's sentences."""
        return [u for f in self.findings for u in f]


def deterministic_verdicts(doc: str, summary: str, k: int = 3) -> Verdict:
    """Check each summary sentence against the `k` document sentences that best support it."""
    t0 = time.perf_counter()
    document = make_article(doc, "A", name="document")
    sentences = readings(document)
    parts = [s.text for s in split_sentences(summary)]
    findings: list[list[Unsupported]] = []
    evidence: list[list[Reading]] = []
    for sentence in parts:
        chosen = [sentences[i] for i in best_evidence(sentence, sentences, k=k)]
        evidence.append(chosen)
        findings.append(unsupported(sentence, chosen, units=[[c] for c in chosen], voiced=True))  # as `check`
    return Verdict(not any(findings), parts, findings, evidence, time.perf_counter() - t0, document)


def combined(
    verdict: Verdict,
    scores: Sequence[float | None],
    threshold: float = THRESHOLD,
    settle: float | None = None,
    max_settled: float | None = None,
) -> bool:
    """Supported when verdict.decide supports every sentence, given code's findings and the judge's scores."""
    for part, found, score in zip(verdict.sentences, verdict.findings, scores, strict=True):
        agrees = None if score is None else score >= threshold
        if decide(found, score, agrees, part, settle=settle, max_settled=max_settled)[0] != "supported":
            return False
    return True


async def judge_scores(
    rows: Sequence[dict[str, Any]], settings: Settings, slots: int, missing_ok: bool = False
) -> tuple[list[list[float | None]], float, list[Call]]:
    """The judge's score for every summary sentence against its whole document, one document per slot."""
    # missing_ok: a question the replayed cassette lacks leaves its sentence unjudged (None), not the run.
    by_doc: dict[str, list[int]] = defaultdict(list)
    for i, row in enumerate(rows):
        by_doc[row["doc"]].append(i)
    out: list[list[float | None]] = [[] for _ in rows]
    client = ModelClient(settings.with_(concurrency=1))
    gate = asyncio.Semaphore(slots)
    judges: list[ModelJudge] = []

    async def one_doc(doc: str, indexes: list[int]) -> None:
        sources = tuple(s.text for s in split_sentences(doc))
        judge = ModelJudge(client)
        judges.append(judge)
        async with gate:  # one document's items in order on one slot: its sentences are read once
            for i in indexes:
                parts = [s.text for s in split_sentences(rows[i]["summary"])]
                items = [JudgeItem(p, sources) for p in parts]
                out[i] = await (answered(judge, items) if missing_ok else judge.support(items))

    try:
        await asyncio.gather(*(one_doc(d, ix) for d, ix in by_doc.items()))
    finally:
        await client.aclose()
    return out, THRESHOLD, [c for j in judges for c in j.calls]


def edit_kinds(row: dict[str, Any]) -> list[str]:
    """The kinds of edit a row names; "consistent" or "inconsistent, no edit type" where it names none."""
    kinds: list[str] = row.get("edit_types") or []
    return kinds or (["consistent"] if int(row["label"]) == 1 else ["inconsistent, no edit type"])


def balanced_accuracy(pairs: Sequence[tuple[int, bool]]) -> float:
    """Mean of the accuracy on consistent (label 1) and inconsistent (label 0) summaries."""
    rates = []
    for label in (1, 0):
        items = [supported for gold, supported in pairs if gold == label]
        if items:
            rates.append(sum(1 for s in items if s == bool(label)) / len(items))
    return sum(rates) / len(rates) if rates else float("nan")


def main(argv: Sequence[str] | None = None) -> int:
    """Run the check over the file and print n, balanced accuracy, the per-edit breakdown and timing."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, required=True)
    parser.add_argument("--limit", type=int, default=None)
    parser.add_argument("--no-judge", action="store_true", help="the deterministic check only")
    parser.add_argument("--base-url", help="a live OpenAI-compatible server for the judge")
    parser.add_argument("--replay", type=Path, help="replay the judge's calls from this cassette")
    parser.add_argument("--record", type=Path, help="record the judge's calls to this cassette")
    parser.add_argument(
        "--update",
        type=Path,
        help="replay this cassette, ask --base-url only what it lacks, keep only what was used",
    )
    parser.add_argument("--slots", type=int, default=2, help="documents judged at once (server slots)")
    parser.add_argument("--show", type=int, default=0, help="print N misjudged summaries with their flags")
    args = parser.parse_args(argv)
    rows: list[dict[str, Any]] = json.loads(args.data.read_text(encoding="utf-8"))[: args.limit]
    verdicts = [deterministic_verdicts(row["doc"], row["summary"]) for row in rows]
    seconds = sum(v.seconds for v in verdicts)
    scores: list[list[float | None]] | None = None
    judge_seconds = 0.0
    calls: list[Call] = []
    threshold = THRESHOLD
    if not args.no_judge:
        if not (args.base_url or args.replay):
            print("the judge needs --base-url or --replay (or pass --no-judge)", file=sys.stderr)
            return 2
        settings = Settings(
            model=LOCAL_DEFAULT_MODEL,
            base_url=args.base_url or "http://127.0.0.1:9/v1",
            api_key="not-needed",
            mode="json_schema",
            cache=False,
            client_retries=0 if args.replay else 2,
        )
        tape = args.record or args.update or args.replay
        record: bool | Literal["update"] = "update" if args.update else bool(args.record)
        started = time.perf_counter()
        with cassette.use(tape, record=record) if tape else nullcontext():
            scores, threshold, calls = asyncio.run(judge_scores(rows, settings, args.slots))
        judge_seconds = time.perf_counter() - started
    results: dict[str, list[tuple[int, bool]]] = {"deterministic": []}
    if scores is not None:
        results["combined"] = []
    by_kind: dict[str, dict[str, list[tuple[int, bool]]]] = defaultdict(lambda: defaultdict(list))
    shown = 0
    for i, (row, verdict) in enumerate(zip(rows, verdicts, strict=True)):
        label = int(row["label"])
        got = {"deterministic": combined(verdict, [None] * len(verdict.evidence), threshold)}
        if scores is not None:
            got["combined"] = combined(verdict, scores[i], threshold)
        for name, supported in got.items():
            results[name].append((label, supported))
            for kind in edit_kinds(row):
                by_kind[name][kind].append((label, supported))
        final = got.get("combined", got["deterministic"])
        if shown < args.show and final != bool(label):
            shown += 1
            print(f"[label {label}] {row['summary']} scores={scores[i] if scores else None}")
            for f in verdict.found[:4]:
                print(f"    {f.kind}: {f.text!r} — {f.detail}")
    n = len(rows)
    print(f"command: {shlex.join([Path(sys.executable).name, *sys.argv])}")
    consistent = sum(int(r["label"]) == 1 for r in rows)
    print(f"n = {n} ({consistent} consistent, {n - consistent} not)")
    for name, pairs in results.items():
        print(f"{name}: balanced accuracy {balanced_accuracy(pairs):.3f}")
        for label in (1, 0):
            got_ = [s for g, s in pairs if g == label]
            if got_:
                right = sum(1 for s in got_ if s == bool(label))
                print(f"  accuracy on label {label}: {right / len(got_):.3f} ({right}/{len(got_)})")
        print("  per edit kind (share called inconsistent):")
        for kind, items in sorted(by_kind[name].items()):
            flagged = sum(1 for _, s in items if not s)
            print(f"    {kind:32s} n={len(items):4d}  flagged {flagged / len(items):.3f}")
    print(f"deterministic check: {seconds / max(n, 1) * 1000:.1f} ms per summary")
    if scores is not None:
        tokens = sum(c.prompt_tokens for c in calls), sum(c.completion_tokens for c in calls)
        print(
            f"judge: {len(calls)} calls, {tokens[0]} prompt + {tokens[1]} completion tokens, "
            f"{judge_seconds:.0f} s ({judge_seconds / max(n, 1):.2f} s per summary); threshold {threshold}"
        )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
