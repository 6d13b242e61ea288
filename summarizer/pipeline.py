"""`summarize()`: ingest → extract (concurrent) → reconcile → cross-check → verify → `Report`."""

from __future__ import annotations

import asyncio
from collections.abc import Callable, Sequence
from pathlib import Path

from summarizer import backends, crosscheck, ingest
from summarizer.cache import CallCache
from summarizer.config import Settings
from summarizer.errors import BackendError, CassetteError, ConfigError
from summarizer.extract import extract
from summarizer.llm import CallFailure, ModelClient, SchemaFailure
from summarizer.models import (
    Article,
    Call,
    Claim,
    Conflict,
    Corroboration,
    Failure,
    Report,
    SummarySentence,
    Usage,
)
from summarizer.reconcile import reconcile
from summarizer.verify import verify

Progress = Callable[[str], None]


def summarize(
    inputs: Sequence[str | Path],
    settings: Settings | None = None,
    *,
    progress: Progress | None = None,
    client: ModelClient | None = None,
) -> Report:
    """Summarize articles (paths, or texts with a line break) into a verified, cited `Report`."""
    return asyncio.run(asummarize(inputs, settings, progress=progress, client=client))


async def asummarize(
    inputs: Sequence[str | Path],
    settings: Settings | None = None,
    *,
    progress: Progress | None = None,
    client: ModelClient | None = None,
) -> Report:
    """The async form of `summarize`; `client` (e.g. a scripted model's) replaces the settings' backend."""
    articles = ingest.load(inputs)
    note = progress or (lambda _msg: None)
    if client is not None:
        return await _run(client, articles, note)
    settings = settings or Settings.resolve()
    backend = backends.get(settings.backend)
    backend.check(settings)
    # A backend that runs its own server (the bundled model) stops it however the run ends.
    calls_cache = open_cache(settings, note)
    try:
        async with backend.serve(settings, note) as served:
            own = ModelClient(served, cache=calls_cache)
            try:
                return await _run(own, articles, note)
            finally:
                await own.aclose()
    finally:
        if calls_cache is not None:
            calls_cache.close()


def open_cache(settings: Settings, note: Progress) -> CallCache | None:
    """The call cache the settings ask for; a cache that cannot be opened is skipped, and said so."""
    if not settings.cache:
        return None
    cache = CallCache(Path(settings.cache_dir) if settings.cache_dir else None)
    try:
        cache.open()
    except ConfigError as e:
        note(f"running without the call cache: {e}")
        return None
    return cache


async def _run(client: ModelClient, articles: list[Article], note: Progress) -> Report:
    gate = asyncio.Semaphore(client.settings.concurrency)
    calls: list[Call] = []
    failures: list[Failure] = []

    async def one(article: Article) -> list[Claim]:
        async with gate:
            note(f"extracting {article.id} ({article.name})")
            try:
                claims, call = await extract(client, article)
            except CassetteError:
                raise
            except BackendError as e:
                if isinstance(e, SchemaFailure | CallFailure):
                    calls.append(e.call)
                failures.append(_failure("extract", article.id, e))
                note(f"extracting {article.id} failed: {e}")
                return []
            calls.append(call)
            kept = sum(c.verified for c in claims)
            if not claims:
                # An article that contributes nothing is said to, never passed over in silence.
                n = len(article.sentences)
                problem = f"the model returned no claim from its {n} sentence{'s' if n != 1 else ''}"
                failures.append(Failure(stage="extract", article_id=article.id, error=problem))
            elif not kept:
                problem = "no claim's evidence held after re-asks"
                failures.append(Failure(stage="extract", article_id=article.id, error=problem))
            rate = call.completion_tokens / call.seconds if call.seconds else 0.0
            note(
                f"extracted {article.id}: {kept} claims verified, {len(claims) - kept} unverified "
                f"({call.completion_tokens} tokens in {call.seconds:.0f} s, {rate:.1f} tokens/s)"
            )
            return claims

    per_article = await asyncio.gather(*(one(a) for a in articles))
    claims = [c for group in per_article for c in group]
    if not claims:
        # Nothing came back at all (a run whose claims all failed their checks still reports them).
        names = {a.id: a.name for a in articles}
        why = "; ".join(
            f"{f.article_id} ({names.get(f.article_id or '', '?')}): {f.error}"
            for f in sorted(failures, key=lambda f: f.article_id or "")
        )
        raise BackendError(f"no claim could be extracted from any article: {why}")

    summary: list[SummarySentence] = []
    corroborated: list[Corroboration] = []
    conflicts: list[Conflict] = []
    if any(c.verified for c in claims):
        note("reconciling")
        try:
            rec, call, problem, dropped = await reconcile(client, articles, claims)
            calls.append(call)
            for why in dropped:
                note(f"dropped the model's {why}")
            if problem:
                failures.append(
                    Failure(stage="reconcile", error=f"{problem}; the last answer is kept and checked below")
                )
            summary = [SummarySentence(text=s.text, citations=s.citations) for s in rec.summary]
            corroborated = [Corroboration(fact=g.fact, claim_ids=g.claim_ids) for g in rec.corroborated]
            conflicts = [Conflict(description=g.description, claim_ids=g.claim_ids) for g in rec.conflicts]
        except CassetteError:
            raise
        except BackendError as e:
            if isinstance(e, SchemaFailure | CallFailure):
                calls.append(e.call)
            failures.append(_failure("reconcile", None, e))
            note(f"reconciling failed: {e}")

    found, extra_claims = crosscheck.conflicts(articles, claims)
    claims += extra_claims
    conflicts += [c for c in found if not _already_reported(c, conflicts, claims)]
    known = {frozenset(g.claim_ids) for g in corroborated}
    in_conflict = {i for g in conflicts for i in g.claim_ids}
    corroborated += [
        g
        for g in crosscheck.corroborations(articles, claims)
        if frozenset(g.claim_ids) not in known and not in_conflict.issuperset(g.claim_ids)
    ]
    grouped = {i for g in corroborated for i in g.claim_ids} | {i for g in conflicts for i in g.claim_ids}
    single = [c.id for c in claims if c.verified and c.found_by == "model" and c.id not in grouped]
    report = Report(
        model=client.settings.model,
        articles=articles,
        claims=claims,
        summary=summary,
        corroborated=corroborated,
        single_source=single,
        conflicts=conflicts,
        usage=Usage(calls=sorted(calls, key=lambda c: (c.stage != "extract", c.article_id or ""))),
        failures=sorted(failures, key=lambda f: (f.stage, f.article_id or "")),
    )
    note("verifying")
    return verify(report)


def _already_reported(found: Conflict, conflicts: list[Conflict], claims: list[Claim]) -> bool:
    """Whether the model already reported this disagreement (a conflict touching the same sentences)."""
    by_id = {c.id: c for c in claims}

    def places(ids: list[str]) -> set[tuple[str, int]]:
        return {(c.article_id, s) for i in ids if (c := by_id.get(i)) for s in c.sentence_ids}

    mine = places(found.claim_ids)
    return any(len(mine & places(c.claim_ids)) >= 2 for c in conflicts)


def _failure(stage: str, article_id: str | None, e: BackendError) -> Failure:
    return Failure(
        stage=stage,  # type: ignore[arg-type]
        article_id=article_id,
        error=str(e),
        attempts=e.attempts,
        last_response=(e.last_response or None) and e.last_response[:2000],
    )
