"""`summarize()`: ingest → extract → ground → align → reconcile → ground → verify → `Report`."""

from __future__ import annotations

import asyncio
from collections.abc import Callable, Sequence
from pathlib import Path

from summarizer import ingest, offload
from summarizer.align import Scorer, align
from summarizer.antecedents import read_in_order
from summarizer.config import Settings
from summarizer.details import details
from summarizer.errors import BackendError, CassetteError, InputError
from summarizer.extract import PartialExtraction, extract, plan, to_claim
from summarizer.ground import (
    apply_to_claims,
    apply_to_summary,
    claim_targets,
    ground,
    summary_targets,
    unanswered,
)
from summarizer.judge import Judge, ModelJudge
from summarizer.llm import CallFailure, ModelClient, SchemaFailure
from summarizer.models import (
    Article,
    Call,
    Claim,
    Coverage,
    Failure,
    Report,
    SummarySentence,
    Usage,
)
from summarizer.reconcile import reconcile
from summarizer.runtime import scorer_for, serving
from summarizer.verify import prechecked, verify

Progress = Callable[[str], None]


def summarize(
    inputs: Sequence[str | Path],
    settings: Settings | None = None,
    *,
    progress: Progress | None = None,
    client: ModelClient | None = None,
    judge: Judge | None = None,
) -> Report:
    """Summarize articles (paths, or texts with a line break) into a verified, cited `Report`."""
    return offload.drive(asummarize(inputs, settings, progress=progress, client=client, judge=judge))


async def asummarize(
    inputs: Sequence[str | Path],
    settings: Settings | None = None,
    *,
    progress: Progress | None = None,
    client: ModelClient | None = None,
    judge: Judge | None = None,
) -> Report:
    """The async form of `summarize`; `client` (e.g. a scripted model's) replaces the settings' backend.

    `judge` replaces the model judge (e.g. an NLI checker); by default the run's own model judges,
    unless the settings say `judge=False`.
    """
    # CPU-bound steps run off the event loop so that, in a batch, other stories' calls go out meanwhile.
    articles = await offload.run(ingest.load, inputs)
    note = progress or (lambda _msg: None)
    settings = client.settings if client is not None else settings or Settings.resolve()
    # Before any call or server start: a scorer that cannot load is said before anything is spent.
    scorer = await asyncio.to_thread(scorer_for, settings)
    if client is not None:
        return await _run(client, articles, note, judge if judge is not None else _judge(client), scorer)
    async with serving(settings, note) as own:
        return await _run(own, articles, note, judge if judge is not None else _judge(own), scorer)


def _judge(client: ModelClient) -> Judge | None:
    """The run's default judge: the same backend (or --judge-model on it), unless turned off."""
    if not client.settings.judge:
        return None
    return ModelJudge(client, model=client.settings.judge_model)


async def _run(
    client: ModelClient, articles: list[Article], note: Progress, judge: Judge | None, scorer: Scorer | None
) -> Report:
    gate = asyncio.Semaphore(client.settings.concurrency)
    calls: list[Call] = []
    failures: list[Failure] = []

    async def one(article: Article) -> tuple[list[Claim], Coverage]:
        note(f"extracting {article.id} ({article.name})")
        try:
            claims, coverage, call = await extract(client, article, gate)
        except CassetteError:
            raise
        except PartialExtraction as e:
            if e.call is not None:
                calls.append(e.call)
            failures.append(_failure("extract", article.id, e))
            return e.claims, e.coverage
        except BackendError as e:
            # The claims stand on the article's own sentences; only their restatements are lost.
            if isinstance(e, SchemaFailure | CallFailure):
                calls.append(e.call)
            failures.append(_failure("extract", article.id, e))
            note(f"restating {article.id}'s sentences failed: {e}; its claims keep the sentences' words")
            planned = plan(article)
            claims = [to_claim(article, c.sentence_id) for c in planned.coverage if c.claim_ids]
            return claims, Coverage(article_id=article.id, sentences=planned.coverage)
        if call is not None:
            calls.append(call)
        if not claims:
            # An article that contributes nothing is said to, never passed over in silence.
            failures.append(
                Failure(stage="extract", article_id=article.id, error=_no_claim(article, coverage))
            )
        rate = call.completion_tokens / call.seconds if call and call.seconds else 0.0
        spent = (
            f"{call.completion_tokens} tokens in {call.seconds:.0f} s, {rate:.1f} tokens/s"
            if call
            else "no call"
        )
        note(f"extracted {article.id}: {len(claims)} claims ({spent})")
        return claims, coverage

    per_article = await asyncio.gather(*(one(a) for a in articles))
    claims = [c for got, _ in per_article for c in got]
    coverage = [cov for _, cov in per_article]
    if not claims:
        why = "; ".join(
            f"{a.id} ({a.name}): {_no_claim(a, cov)}" for a, cov in zip(articles, coverage, strict=True)
        )
        raise InputError(f"no article has a checkable claim: {why}")

    if client.settings.restating:
        note("checking the restated claims against their sentences")
    # With repair off, what fails is replaced by its source's words with no second ask.
    repairer = client if client.settings.repairing else None
    claim_groundings, spent = await ground(claim_targets(articles, claims), judge, repairer)
    calls += spent
    claims = apply_to_claims(claims, claim_groundings)

    note("lining the claims up across articles")
    aligned = await offload.run(align, articles, claims, scorer=scorer)
    claims += aligned.extra_claims
    disputed = {i for g in aligned.conflicts for i in g.claim_ids}
    grouped = {i for g in aligned.corroborated for i in g.claim_ids} | disputed
    single = [c.id for c in claims if c.verified and c.id not in grouped]
    # What rests on one outlet, for the reader: also a sentence that shares only a figure with another
    # outlet's (the merge is written from `single` as it was: the shared figure is a fact of its own).
    figure_only = set(aligned.figure_only) - disputed
    # As the reader is shown the agreements (`Alignment.listed`): a sentence agreeing only with another
    # outlet's headline is its outlet's alone; a headline is neither.
    shown = {i for g in aligned.listed for i in g.claim_ids} | set(aligned.headlines) | disputed
    alone = [c.id for c in claims if c.verified and (c.id not in shown or c.id in figure_only)]

    note("writing the summary")
    # The merge is written from whole sentences, so the model-free work it does not need (clauses only
    # one outlet carries, the claims' and groups' checks) runs while its call is out.
    merge = asyncio.ensure_future(
        reconcile(client, articles, claims, aligned.corroborated, aligned.conflicts, single)
    )
    try:
        parts = await offload.run(
            details,
            articles,
            claims,
            aligned.listed,
            aligned.conflicts,
            aligned.quote_drift,
            {c.id for c in claims},
        )
        claims = [*claims, *parts]  # a new list: the merge's task holds the one it was given
        draft = Report(
            model=client.settings.model,
            articles=articles,
            claims=claims,
            corroborated=aligned.listed,
            conflicts=aligned.conflicts,
            quote_drift=aligned.quote_drift,
            groundings=claim_groundings,
        )
        checked = await offload.run(prechecked, draft)
    except BaseException:
        merge.cancel()
        raise
    summary: list[SummarySentence] = []
    try:
        summary, call, problem = await merge
        if call is not None:
            calls.append(call)
        if problem:
            failure = _failure("reconcile", None, problem)
            failures.append(
                failure.model_copy(update={"error": f"{problem}; the sentences code writes are kept"})
            )
    except CassetteError:
        raise
    except BackendError as e:
        if isinstance(e, SchemaFailure | CallFailure):
            calls.append(e.call)
        failures.append(_failure("reconcile", None, e))
        note(f"writing the summary failed: {e}")

    note("checking the summary against the source sentences")
    targets = summary_targets(articles, claims, summary)
    summary_groundings, spent = await ground(targets, judge, repairer)
    calls += spent
    summary, summary_groundings = apply_to_summary(
        summary, summary_groundings, targets, lambda said: read_in_order(said, claims, articles)
    )
    if isinstance(judge, ModelJudge):
        calls += judge.calls
        if missed := len(unanswered(claim_groundings + summary_groundings, articles)):
            # A judge that did not answer leaves those sentences judged by code alone: the run says so.
            failures.append(
                Failure(
                    stage="judge",
                    error=f"the judge did not answer for {missed} sentence(s); code alone judged them",
                )
            )
    report = Report(
        model=client.settings.model,
        articles=articles,
        claims=claims,
        summary=summary,
        corroborated=aligned.listed,
        single_source=alone + [c.id for c in parts],
        conflicts=aligned.conflicts,
        discrepancies=aligned.discrepancies,
        quote_drift=aligned.quote_drift,
        coverage=coverage,
        groundings=claim_groundings + summary_groundings,
        usage=Usage(calls=sorted(calls, key=_call_order)),
        failures=sorted(failures, key=lambda f: (f.stage, f.article_id or "")),
    )
    note("verifying")
    return await offload.run(verify, report, checked)


_STAGES = ("extract", "judge", "repair", "reconcile")


def _call_order(c: Call) -> tuple[int, str, int, int]:
    # Concurrent calls finish in any order; the report lists them in one that does not depend on it.
    stage = _STAGES.index(c.stage) if c.stage in _STAGES else len(_STAGES)
    return (stage, c.article_id or "", c.prompt_tokens, c.completion_tokens)


def _no_claim(article: Article, coverage: Coverage) -> str:
    reasons = sorted({s.left_out for s in coverage.sentences if s.left_out})
    n = len(article.sentences)
    return f"none of its {n} sentence{'s' if n != 1 else ''} reports a checkable fact ({'; '.join(reasons)})"


def _failure(stage: str, article_id: str | None, e: BackendError) -> Failure:
    return Failure(
        stage=stage,  # type: ignore[arg-type]
        article_id=article_id,
        error=str(e),
        attempts=e.attempts,
        last_response=(e.last_response or None) and e.last_response[:2000],
    )
