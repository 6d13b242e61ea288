"""The entailment judge: do these source sentences say what this sentence says? One label, no prose.

Behind one small interface (`Judge`), so a real NLI checker (a MiniCheck-style model) can replace the
language-model judge: anything with an async `judge(items)` returning one `Verdict` per item will do.
The judge can only make a verdict stricter: a sentence is supported when the deterministic check finds
nothing unsupported AND the judge agrees (ground.py), so a weak judge costs repairs, never a false ✅.
"""

from __future__ import annotations

import asyncio
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Protocol

from summarizer.errors import BackendError, CassetteError
from summarizer.llm import ModelClient
from summarizer.models import Call
from summarizer.prompts import render


@dataclass(frozen=True)
class JudgeItem:
    """A sentence to judge and the source sentences it rests on."""

    sentence: str
    sources: tuple[str, ...]


class Judge(Protocol):
    """Anything that scores sentences against their sources: a language model, or an NLI checker."""

    # The score at or above which the judge counts as agreeing that the sources support the sentence.
    threshold: float

    @property
    def name(self) -> str:
        """Which judge this is, for the report."""
        ...

    async def support(self, items: Sequence[JudgeItem]) -> list[float | None]:
        """For each item, in order, the probability that its sources support it; None where none came."""
        ...


def messages(item: JudgeItem) -> list[dict[str, str]]:
    """The chat messages that ask for one Yes or No; instructions, then sources, then the claim last.

    The claim comes last so that judgments against the same sources share the longest prompt prefix,
    which a caching server (llama-server, per slot) then reads only once.
    """
    return [
        {"role": "system", "content": render("judge_system.j2")},
        {"role": "user", "content": render("judge_user.j2", sources=item.sources, claim=item.sentence)},
    ]


# P(Yes) at or above which the model judge counts as agreeing. Chosen with verdict.SETTLE and
# verdict.MAX_SETTLED by the rule benchmarks/calibrate.py applies (see verdict.py) on the SummEdits dev
# file and the grounding probe set; tests/test_calibration.py fails if it is not the rule's choice.
THRESHOLD = 0.55


@dataclass
class ModelJudge:
    """A language model as the judge, through the same client, Instructor and cache as every call.

    It asks one token, Yes or No, and reads the probability of Yes from the token's log-probabilities.
    Items with the same sources are sent one after another, so a server that caches prompt prefixes
    reads a document's sentences once.
    """

    client: ModelClient
    model: str | None = None
    threshold: float = THRESHOLD
    calls: list[Call] = field(default_factory=list)

    @property
    def name(self) -> str:
        """The judging model's name."""
        return self.model or self.client.settings.model

    async def support(self, items: Sequence[JudgeItem]) -> list[float | None]:
        """P(Yes) for every item, a few at a time; a call that fails leaves its item without a score."""
        gate = asyncio.Semaphore(self.client.settings.concurrency)
        order = sorted(range(len(items)), key=lambda i: items[i].sources)
        out: list[float | None] = [None] * len(items)

        async def one(i: int) -> None:
            async with gate:
                try:
                    p, call = await self.client.yes_probability(
                        messages(items[i]), stage="judge", model=self.model
                    )
                except CassetteError:
                    raise  # a replay that lacks this call must fail, not pass without a verdict
                except BackendError as e:
                    # No score: code alone judges the sentence, and the run reports the judge's failure.
                    spent: Call | None = getattr(e, "call", None)
                    if spent is not None:
                        self.calls.append(spent)
                    return
                self.calls.append(call)
                out[i] = p

        await asyncio.gather(*(one(i) for i in order))
        return out
