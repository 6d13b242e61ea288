"""Issue 27.3: a short reason before the label. Does this model judge better when it says why first?

    python benchmarks/judge_reason.py                                          # replays the cassettes
    python benchmarks/judge_reason.py --record --base-url http://127.0.0.1:8080/v1   # the reasons, live
    python benchmarks/judge_reason.py --update --base-url http://127.0.0.1:8080/v1   # new questions only

The same SummEdits dev summaries as benchmarks/judge_span.py (those the judge decides: code finds
only words the sources lack). Each sentence is asked, against its document, for one short sentence of
what the sources state about the claim's details and then a true/false label, as JSON
(cassettes/judge_reason.yaml); beside it, today's one-token P(Yes) (cassettes/summedits.yaml). A
sentence passes with a reason when its label is true, by `verdict.decide` as a score of 1.0 (0.0 when
false). Printed: faithful passed and edited caught both ways, and what the reasons cost in output
tokens and seconds. The question is here, not in prompts/: the library does not ask it.
"""

from __future__ import annotations

import asyncio
import sys
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Literal

from pydantic import BaseModel, Field

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "benchmarks"))
sys.path.insert(0, str(ROOT))

import judge_span  # noqa: E402
import summedits  # noqa: E402

from summarizer import cassette  # noqa: E402
from summarizer.config import LOCAL_DEFAULT_MODEL, Settings  # noqa: E402
from summarizer.errors import BackendError  # noqa: E402
from summarizer.ingest import split_sentences  # noqa: E402
from summarizer.judge import THRESHOLD, JudgeItem  # noqa: E402
from summarizer.judge import messages as judge_messages  # noqa: E402
from summarizer.llm import ModelClient  # noqa: E402
from summarizer.models import Call  # noqa: E402
from summarizer.verdict import SETTLE, decide  # noqa: E402

REASONS = ROOT / "cassettes" / "judge_reason.yaml"
ASK = (
    "First say in one short sentence what the sources state about the claim's details, then whether "
    "they state every detail of the claim."
)


class Reasoned(BaseModel):
    """A reason, then the label."""

    reason: str = Field(max_length=300, description="One short sentence: what the sources state about it.")
    supported: bool = Field(description="true only if the sources state every detail of the claim.")


@dataclass
class Measured:
    """Faithful passed and edited caught, one token against a reason first, and the reasons' cost."""

    faithful: int
    edited: int
    one_token: tuple[int, int]
    reasoned: tuple[int, int]
    output_tokens: int
    seconds: float
    failed: int  # questions whose answer never fit the schema (judged as no label: not supported)


async def _reasons(
    questions: list[list[dict[str, str]]], settings: Settings
) -> tuple[list[bool | None], int, float]:
    client = ModelClient(settings)
    out: list[bool | None] = []
    tokens, spent = 0, 0.0
    try:
        for q in questions:
            spent_call: Call | None
            try:
                answer, spent_call, _ = await client.structured(
                    Reasoned, q, context={}, stage="judge", max_tokens=120, max_retries=0
                )
            except BackendError as e:  # an answer that never fit: no label, so not supported
                spent_call = getattr(e, "call", None)
                out.append(None)
            else:
                out.append(answer.supported)
            if spent_call is not None:
                tokens += spent_call.completion_tokens
                spent += spent_call.seconds
    finally:
        await client.aclose()
    return out, tokens, spent


def measure(
    rows: list[dict[str, Any]],
    *,
    record: bool | Literal["update"] = False,
    base_url: str = "http://127.0.0.1:9/v1",
) -> Measured:
    """Ask (or replay) a reason and a label for every sentence the judge decides; tally both ways."""
    verdicts, chosen = judge_span.decided(rows)
    settings = Settings(
        model=LOCAL_DEFAULT_MODEL,
        base_url=base_url,
        api_key="not-needed",
        cache=False,
        timeout=3600.0,
        mode="json_schema",
        client_retries=0,
    )
    with cassette.use(judge_span.WHOLE, record=False):
        whole, _, _ = asyncio.run(summedits.judge_scores([rows[i] for i in chosen], settings, 1))
    questions: list[list[dict[str, str]]] = []
    for i in chosen:
        sources = tuple(s.text for s in split_sentences(rows[i]["doc"]))
        for sentence in verdicts[i].sentences:
            asked = judge_messages(JudgeItem(sentence, sources))
            asked[-1]["content"] = asked[-1]["content"].rsplit("\n", 1)[0] + "\n" + ASK
            questions.append(asked)
    with cassette.use(REASONS, record=record):
        labels, tokens, spent = asyncio.run(_reasons(questions, settings))
    one = [0, 0]
    why = [0, 0]
    at = 0
    for n, i in enumerate(chosen):
        v = verdicts[i]
        ok_one = ok_why = True
        for k, score in enumerate(whole[n]):
            agrees = None if score is None else score >= THRESHOLD
            ok_one = ok_one and decide(v.findings[k], score, agrees, v.sentences[k])[0] == "supported"
            label = labels[at + k]
            said = 1.0 if label else 0.0
            ok_why = ok_why and decide(v.findings[k], said, bool(label), v.sentences[k])[0] == "supported"
        at += len(whole[n])
        faithful = int(rows[i]["label"]) == 1
        for tally, ok in ((one, ok_one), (why, ok_why)):
            if faithful:
                tally[0] += ok
            else:
                tally[1] += not ok
    n_faithful = sum(1 for i in chosen if int(rows[i]["label"]) == 1)
    failed = sum(1 for x in labels if x is None)
    return Measured(
        n_faithful, len(chosen) - n_faithful, (one[0], one[1]), (why[0], why[1]), tokens, spent, failed
    )


def main() -> None:
    """Print faithful passed and edited caught, one token against a reason first, and the cost."""
    args, rows = judge_span.arguments("judge_reason.py", __doc__ or "")
    started = time.perf_counter()
    m = measure(rows, record=args.record, base_url=args.base_url)
    print(
        f"{m.faithful + m.edited} summaries the judge decides ({m.faithful} faithful, {m.edited} edited); "
        f"{time.perf_counter() - started:.0f} s wall"
    )
    print(
        f"one token at SETTLE {SETTLE}: faithful passed {m.one_token[0]} of {m.faithful}, "
        f"edited caught {m.one_token[1]} of {m.edited}"
    )
    print(
        f"a reason first: faithful passed {m.reasoned[0]} of {m.faithful}, "
        f"edited caught {m.reasoned[1]} of {m.edited}; {m.failed} answers never fit"
    )
    print(f"the reasons: {m.output_tokens} output tokens, {m.seconds:.0f} s by the calls' clocks")


if __name__ == "__main__":
    main()
