"""Issue 27.3: the judge asked about the words code flagged, not only their sentence: does it settle better?

    python benchmarks/judge_span.py                                          # replays both cassettes
    python benchmarks/judge_span.py --record --base-url http://127.0.0.1:8080/v1   # span questions, live
    python benchmarks/judge_span.py --update --base-url http://127.0.0.1:8080/v1   # only new questions, live

On the SummEdits news dev file, the summaries whose verdict the judge decides: code finds only words
the sources lack (kind "word" or "joined") and nothing final. Today the judge is asked whether the
sources state every detail of each sentence (cassettes/summedits.yaml) and a sentence passes when that
score reaches verdict.SETTLE. Two questions about the flagged words are tried beside it, each with the
sentence's document as sources and one Yes/No token (cassettes/judge_span.yaml):
- **part**: the part of the sentence between commas that holds a flagged word, as the claim;
- **marked**: the whole sentence with the flagged words in «», asking whether the sources support
  those words as the sentence uses them.
A sentence passes a variant by verdict.decide, given the least of the whole-sentence score and its
variant's scores, at each bar tried for SETTLE. Printed: faithful summaries passed and edited ones
caught, per variant and bar, and the questions' cost. The questions are here, not in prompts/: the
library asks none of them (this measures whether it should).
"""

from __future__ import annotations

import argparse
import asyncio
import json
import re
import sys
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Literal

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "benchmarks"))
sys.path.insert(0, str(ROOT))

import summedits  # noqa: E402

from summarizer import cassette  # noqa: E402
from summarizer.checks import HARD  # noqa: E402
from summarizer.config import LOCAL_DEFAULT_MODEL, Settings  # noqa: E402
from summarizer.ingest import split_sentences  # noqa: E402
from summarizer.judge import THRESHOLD, JudgeItem  # noqa: E402
from summarizer.judge import messages as judge_messages  # noqa: E402
from summarizer.llm import ModelClient  # noqa: E402
from summarizer.models import Unsupported  # noqa: E402
from summarizer.verdict import SETTLE, decide  # noqa: E402

DEV = ROOT.parent / "shared" / "datasets" / "summedits" / "summedits_news_dev.json"
WHOLE = ROOT / "cassettes" / "summedits.yaml"
SPAN = ROOT / "cassettes" / "judge_span.yaml"
BARS = (0.6, SETTLE, 0.8)
_COMMA = re.compile(r"[,;]\s+")


def part_of(sentence: str, finding: Unsupported) -> str:
    """The stretch of `sentence` between commas (or semicolons) that holds the finding."""
    starts = [0, *(m.end() for m in _COMMA.finditer(sentence))]
    ends = [*(m.start() for m in _COMMA.finditer(sentence)), len(sentence)]
    for s, e in zip(starts, ends, strict=True):
        if s <= finding.start < e:
            return sentence[s:e].strip(" .")
    return sentence


def marked(sentence: str, found: list[Unsupported]) -> str:
    """The sentence with each flagged word in «»."""
    out = sentence
    for f in sorted(found, key=lambda f: f.start, reverse=True):
        out = out[: f.start] + "«" + out[f.start : f.end] + "»" + out[f.end :]
    return out


def marked_messages(
    sentence: str, found: list[Unsupported], sources: tuple[str, ...]
) -> list[dict[str, str]]:
    """The judge's messages, asking about the «» words as the sentence uses them."""
    asked = judge_messages(JudgeItem(marked(sentence, found), sources))
    question = (
        "Do the sources support the words in «» as the claim uses them (same meaning, same who and what)? "
        "Answer Yes or No."
    )
    asked[-1]["content"] = asked[-1]["content"].rsplit("\n", 1)[0] + "\n" + question
    return asked


async def ask_all(
    questions: list[list[dict[str, str]]], settings: Settings
) -> tuple[list[float | None], float]:
    """P(Yes) for each question, in order (a document's questions together: its sentences read once)."""
    client = ModelClient(settings)
    out: list[float | None] = []
    spent = 0.0
    try:
        for q in questions:
            p, call = await client.yes_probability(q, stage="judge")
            out.append(p)
            spent += call.seconds
    finally:
        await client.aclose()
    return out, spent


@dataclass
class Measured:
    """One run: how many summaries and questions, and per (bar, variant) faithful passed, edited caught."""

    faithful: int
    edited: int
    questions: int
    seconds: float
    table: dict[tuple[float, str], tuple[int, int]]


def decided(rows: list[dict[str, Any]]) -> tuple[list[summedits.Verdict], list[int]]:
    """Code's verdict on every summary, and which the judge decides (only words flagged, nothing final)."""
    verdicts = [summedits.deterministic_verdicts(r["doc"], r["summary"]) for r in rows]
    chosen = [i for i, v in enumerate(verdicts) if v.found and not any(u.kind in HARD for u in v.found)]
    return verdicts, chosen


def arguments(script: str, doc: str) -> tuple[argparse.Namespace, list[dict[str, Any]]]:
    """The command line of a judge experiment (--record, --update, --base-url, --data), printed, and the rows.

    The whole-sentence scores are replayed only: a summary new to the file must be in
    cassettes/summedits.yaml first (`benchmarks/summedits.py --record`)."""
    p = argparse.ArgumentParser(description=doc.splitlines()[0])
    p.add_argument("--record", action="store_true", help="record the questions against --base-url")
    p.add_argument(
        "--update",
        action="store_true",
        help="replay what the cassette holds, ask --base-url only the questions it lacks, drop the unused",
    )
    p.add_argument("--base-url", default="http://127.0.0.1:9/v1")
    p.add_argument("--data", type=Path, default=DEV)
    args = p.parse_args()
    print(
        f"command: python benchmarks/{script}"
        + (" --record" if args.record else "")
        + (" --update" if args.update else "")
    )
    if args.update:
        args.record = "update"
    return args, json.loads(args.data.read_text(encoding="utf-8"))


def measure(
    rows: list[dict[str, Any]],
    *,
    record: bool | Literal["update"] = False,
    base_url: str = "http://127.0.0.1:9/v1",
) -> Measured:
    """Score the whole sentences (replayed), ask (or replay) the span questions, tally each variant."""
    verdicts, chosen = decided(rows)
    settings = Settings(
        model=LOCAL_DEFAULT_MODEL, base_url=base_url, api_key="not-needed", cache=False, timeout=3600.0
    )
    with cassette.use(WHOLE, record=False):
        picked = [rows[i] for i in chosen]
        whole, _, _ = asyncio.run(summedits.judge_scores(picked, settings.with_(client_retries=0), 1))
    # The questions, a document's together; per sentence, the indexes of its "part" and "marked" ones.
    questions: list[list[dict[str, str]]] = []
    index: dict[str, list[list[int]]] = {"whole": [], "part": [], "marked": []}
    for i in chosen:
        v = verdicts[i]
        sources = tuple(s.text for s in split_sentences(rows[i]["doc"]))
        for sentence, found in zip(v.sentences, v.findings, strict=True):
            parts = list(dict.fromkeys(part_of(sentence, f) for f in found))
            index["whole"].append([])
            index["part"].append(list(range(len(questions), len(questions) + len(parts))))
            questions += [judge_messages(JudgeItem(x, sources)) for x in parts]
            index["marked"].append([len(questions)] if found else [])
            if found:
                questions.append(marked_messages(sentence, found, sources))
    with cassette.use(SPAN, record=record):
        answers, spent = asyncio.run(ask_all(questions, settings))
    table: dict[tuple[float, str], tuple[int, int]] = {}
    for bar in BARS:
        for variant in ("whole", "part", "marked"):
            passed = caught = at = 0
            for n, i in enumerate(chosen):
                v, ok = verdicts[i], True
                for k, score in enumerate(whole[n]):
                    got = [score, *(answers[q] for q in index[variant][at + k])]
                    least = None if any(x is None for x in got) else min(x for x in got if x is not None)
                    agrees = None if score is None else score >= THRESHOLD
                    ok = (
                        ok
                        and decide(v.findings[k], least, agrees, v.sentences[k], settle=bar)[0] == "supported"
                    )
                at += len(whole[n])
                if int(rows[i]["label"]) == 1:
                    passed += ok
                else:
                    caught += not ok
            table[(bar, variant)] = (passed, caught)
    faithful = sum(1 for i in chosen if int(rows[i]["label"]) == 1)
    return Measured(faithful, len(chosen) - faithful, len(questions), spent, table)


def main() -> None:
    """Print each variant's faithful passed and edited caught at each bar."""
    args, rows = arguments("judge_span.py", __doc__ or "")
    started = time.perf_counter()
    m = measure(rows, record=args.record, base_url=args.base_url)
    print(
        f"{m.faithful + m.edited} summaries the judge decides ({m.faithful} faithful, {m.edited} edited); "
        f"{m.questions} span questions in {time.perf_counter() - started:.0f} s wall "
        f"({m.seconds:.0f} s by the calls' clocks)"
    )
    for (bar, variant), (passed, caught) in m.table.items():
        print(
            f"bar {bar:.2f} {variant:6}: faithful passed {passed} of {m.faithful}, "
            f"edited caught {caught} of {m.edited}"
        )


if __name__ == "__main__":
    main()
