"""One article → its claims, each checked against the article's own words."""

from __future__ import annotations

import json

from pydantic import ValidationError

from summarizer.llm import ModelClient, SchemaFailure
from summarizer.models import (
    MAX_CLAIMS,
    Article,
    ArticleClaims,
    Call,
    Claim,
    ClaimDraft,
    evidence_problems,
    quote_sentences,
)
from summarizer.prompts import render


def messages(article: Article) -> list[dict[str, str]]:
    """The chat messages that ask for one article's claims."""
    return [
        {"role": "system", "content": render("extract_system.j2", max_claims=MAX_CLAIMS)},
        {"role": "user", "content": render("extract_user.j2", article=article)},
    ]


async def extract(client: ModelClient, article: Article) -> tuple[list[Claim], Call]:
    """Extract one article's claims; claims whose evidence still fails after re-asks come back unverified."""
    try:
        result, call = await client.structured(
            ArticleClaims,
            messages(article),
            context={"article": article},
            stage="extract",
            article_id=article.id,
            max_tokens=client.settings.extract_max_tokens,
        )
        drafts: list[ClaimDraft | dict[str, object]] = list(result.claims)
    except SchemaFailure as e:
        # Keep what the last answer got right; what it got wrong is reported, not passed.
        parsed = salvage(e.last_response)
        if parsed is None:
            raise
        drafts, call = parsed, e.call
    return to_claims(article, drafts), call


def salvage(raw: str | None) -> list[ClaimDraft | dict[str, object]] | None:
    """Claims from an answer that failed validation, one by one; None when it is not even JSON claims."""
    if not raw:
        return None
    try:
        data = json.loads(raw)
    except json.JSONDecodeError:
        return None
    items = data.get("claims") if isinstance(data, dict) else None
    if not isinstance(items, list):
        return None
    out: list[ClaimDraft | dict[str, object]] = []
    for item in items:
        try:
            out.append(ClaimDraft.model_validate(item))  # no context: evidence is judged in to_claims
        except ValidationError:
            out.append(item if isinstance(item, dict) else {"statement": str(item)})
    return out


def to_claims(article: Article, drafts: list[ClaimDraft | dict[str, object]]) -> list[Claim]:
    """Number the drafts A1, A2, … and give each its verdict; repeated claims are kept once."""
    claims: list[Claim] = []
    seen: set[tuple[str, str]] = set()
    for draft in drafts:
        if isinstance(draft, dict):
            claim = Claim(
                id="",
                article_id=article.id,
                statement=str(draft.get("statement", "")),
                quote=str(draft.get("quote", "")),
                sentence_ids=[],
                verified=False,
                reason="the model's claim did not fit the schema",
            )
        else:
            problems = evidence_problems(draft, article)
            fields = draft.model_dump()
            if not problems:
                fields["sentence_ids"] = quote_sentences(draft.quote, article, draft.sentence_ids)
            claim = Claim(
                id="",
                article_id=article.id,
                verified=not problems,
                reason="; ".join(problems) or None,
                **fields,
            )
        key = (claim.statement.strip().lower(), claim.quote.strip().lower())
        if key in seen:
            continue
        seen.add(key)
        claims.append(claim.model_copy(update={"id": f"{article.id}{len(claims) + 1}"}))
    return claims
