"""All articles' verified claims → one merged summary, corroborations and conflicts."""

from __future__ import annotations

from pydantic import ValidationError

from summarizer.llm import ModelClient, SchemaFailure
from summarizer.models import Article, Call, Claim, Reconciliation
from summarizer.prompts import render


def messages(articles: list[Article], claims: list[Claim]) -> list[dict[str, str]]:
    """The chat messages that ask for the merged view; the model sees claims, never the raw articles."""
    return [
        {"role": "system", "content": render("reconcile_system.j2", n_articles=len(articles))},
        {"role": "user", "content": render("reconcile_user.j2", articles=articles, claims=claims)},
    ]


async def reconcile(
    client: ModelClient, articles: list[Article], claims: list[Claim]
) -> tuple[Reconciliation, Call, str | None]:
    """Merge verified claims; an answer that still fails validation is kept for verify to judge, with why."""
    usable = [c for c in claims if c.verified]
    try:
        rec, call = await client.structured(
            Reconciliation,
            messages(articles, usable),
            context={"claims": {c.id: c.article_id for c in usable}},
            stage="reconcile",
            max_tokens=client.settings.reconcile_max_tokens,
        )
        return rec, call, None
    except SchemaFailure as e:
        try:
            rec = Reconciliation.model_validate_json(e.last_response or "")
        except ValidationError:
            raise e from None
        kept, dropped = _drop_invalid_groups(rec, {c.id: c.article_id for c in usable})
        note = str(e) + (f"; dropped {dropped} group(s) that did not span two articles" if dropped else "")
        return kept, e.call, note


def _drop_invalid_groups(rec: Reconciliation, claims: dict[str, str]) -> tuple[Reconciliation, int]:
    """Keep only conflicts and corroborations that cite known claims from two or more articles.

    Summary sentences stay whatever they cite: the verifier marks each one, so a reader sees why.
    """

    def valid(ids: list[str]) -> bool:
        return all(i in claims for i in ids) and len({claims[i] for i in ids}) >= 2

    conflicts = [g for g in rec.conflicts if valid(g.claim_ids)]
    corroborated = [g for g in rec.corroborated if valid(g.claim_ids)]
    dropped = len(rec.conflicts) - len(conflicts) + len(rec.corroborated) - len(corroborated)
    return rec.model_copy(update={"conflicts": conflicts, "corroborated": corroborated}), dropped
