"""`check()`: the verifier as a product. A draft someone else wrote, checked against its sources.

The draft is split into sentences; each is matched to the source sentences that best support it (no
citations needed), then judged as the pipeline judges its own summary: by code, and by a judge where code
leaves it open. Nothing is repaired: each sentence is marked supported, unsupported or contradicted, with
its evidence and what its sources do not say. The result is a `Report` (sources as articles, the draft
as its summary), so `verify`, the renderers and `summarizer verify` work on it unchanged.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from summarizer import ingest, offload
from summarizer.checks import best_evidence
from summarizer.config import Settings
from summarizer.extract import to_claim
from summarizer.ground import claim_targets, ground, summary_targets, unanswered
from summarizer.judge import Judge, ModelJudge
from summarizer.lang.reading import readings
from summarizer.llm import ModelClient
from summarizer.models import Article, Claim, Failure, Report, SummarySentence, Usage
from summarizer.runtime import serving
from summarizer.verify import verify

EVIDENCE = 3  # source sentences matched to each draft sentence


def check(
    draft: str | Path,
    sources: Sequence[str | Path],
    settings: Settings | None = None,
    *,
    judge: Judge | None = None,
    client: ModelClient | None = None,
) -> Report:
    """Check a draft (a path, or its text) against source articles; judged by `settings`' model if given."""
    return offload.drive(acheck(draft, sources, settings, judge=judge, client=client))


async def acheck(
    draft: str | Path,
    sources: Sequence[str | Path],
    settings: Settings | None = None,
    *,
    judge: Judge | None = None,
    client: ModelClient | None = None,
) -> Report:
    """The async form of `check`; with a `client` (or `settings`) and no `judge`, that model judges."""
    if client is None and judge is None and settings is not None and settings.judge:
        async with serving(settings) as own:
            return await acheck(draft, sources, judge=judge, client=own)
    articles = ingest.load(sources)
    if isinstance(draft, Path) or draft == "-" or ingest.looks_like_path(draft):
        sentences = [s.text for s in ingest.load([draft])[0].sentences]  # a file, or - for stdin
    else:
        sentences = [s.text for s in ingest.split_sentences(draft)]
    claims, summary = match(articles, sentences)
    if judge is None and client is not None and client.settings.judge:
        judge = ModelJudge(client, model=client.settings.judge_model)
    groundings, _ = await ground(summary_targets(articles, claims, summary), judge, None, refuse=False)
    calls = judge.calls if isinstance(judge, ModelJudge) else []
    report = Report(
        model=judge.name if judge is not None else None,
        articles=articles,
        claims=claims,
        summary=summary,
        groundings=groundings,
        usage=Usage(calls=calls),
    )
    return verify(report)


def match(articles: list[Article], sentences: list[str]) -> tuple[list[Claim], list[SummarySentence]]:
    """Each draft sentence citing the source sentences that best support it (as sentence claims)."""
    pool = [(a, s.id) for a in articles for s in a.sentences]
    texts = [r for a in articles for r in readings(a)]  # read once, for every draft sentence
    used: dict[str, Claim] = {}
    summary: list[SummarySentence] = []
    for sentence in sentences:
        cited: list[str] = []
        for i in best_evidence(sentence, texts, k=EVIDENCE):
            article, sid = pool[i]
            claim = used.setdefault(f"{article.id}{sid}", to_claim(article, sid))
            cited.append(claim.id)
        summary.append(SummarySentence(text=sentence, citations=cited))
    return list(used.values()), summary


async def rejudge(report: Report, judge: Judge) -> Report:
    """A report's model-written sentences judged again (no repair), then verified."""
    targets = claim_targets(report.articles, report.claims) + summary_targets(
        report.articles, report.claims, report.summary
    )
    groundings, _ = await ground(targets, judge, None, refuse=False)
    # A judge that did not answer (a 500, a dropped connection) leaves its sentences as code found them.
    unjudged = frozenset(unanswered(groundings, report.articles))
    failures = list(report.failures)
    if unjudged:
        failures.append(
            Failure(
                stage="judge",
                error=f"judge unavailable: {judge.name} did not answer for {len(unjudged)} sentence(s); "
                "what code finds in them is left unchecked",
            )
        )
    updated = report.model_copy(update={"groundings": groundings, "failures": failures})
    return verify(updated, recompute=True, unjudged=unjudged)
