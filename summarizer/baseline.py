"""The naive baseline: one call, "summarize these articles with citations", for the harness to score.

It is what the pipeline must beat. Its citations point at sentences (`A3` = sentence 3 of article A),
which become claims quoting those sentences, so the same verifier and the same scores apply.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from pathlib import Path

from pydantic import BaseModel, Field

from summarizer import ingest, offload
from summarizer.config import Settings
from summarizer.llm import ModelClient
from summarizer.models import Article, Claim, Conflict, Report, SummarySentence, Usage
from summarizer.prompts import render
from summarizer.verify import verify

_CITATION = re.compile(r"^([A-Z]+)(\d+)$")


class CitedSentence(BaseModel):
    """A sentence with the article sentences it rests on."""

    text: str = Field(max_length=300)
    citations: list[str] = Field(max_length=6, description="Sentence ids such as 'A3'.")


class BaselineAnswer(BaseModel):
    """What the one-shot prompt asks for."""

    summary: list[CitedSentence] = Field(max_length=8)
    disagreements: list[CitedSentence] = Field(default_factory=list, max_length=6)


def summarize_baseline(inputs: Sequence[str | Path], settings: Settings) -> Report:
    """One model call over the raw articles, turned into a verified `Report`."""
    return offload.drive(_run(ingest.load(inputs), settings))


async def _run(articles: list[Article], settings: Settings) -> Report:
    client = ModelClient(settings.with_(max_retries=0))
    try:
        answer, call, _ = await client.structured(
            BaselineAnswer,
            [{"role": "user", "content": render("baseline.j2", articles=articles)}],
            context={},
            stage="reconcile",
            max_tokens=settings.reconcile_max_tokens,
        )
    finally:
        await client.aclose()
    claims: dict[str, Claim] = {}
    for item in [*answer.summary, *answer.disagreements]:
        for cid in item.citations:
            claim = _sentence_claim(cid, articles)
            if claim is not None:
                claims.setdefault(claim.id, claim)
    report = Report(
        model=f"{settings.model} (baseline)",
        articles=articles,
        claims=list(claims.values()),
        summary=[SummarySentence(text=s.text, citations=s.citations) for s in answer.summary],
        conflicts=[Conflict(description=d.text, claim_ids=d.citations) for d in answer.disagreements],
        usage=Usage(calls=[call]),
    )
    return verify(report)


def _sentence_claim(cid: str, articles: list[Article]) -> Claim | None:
    m = _CITATION.match(cid.strip())
    article = next((a for a in articles if m and a.id == m.group(1)), None)
    sentence = article.sentence(int(m.group(2))) if article and m else None
    if article is None or sentence is None:
        return None  # an unresolvable citation: the verifier reports it
    return Claim(
        id=cid.strip(),
        article_id=article.id,
        statement=sentence.text,
        quote=sentence.text,
        sentence_ids=[sentence.id],
        verified=True,
    )
