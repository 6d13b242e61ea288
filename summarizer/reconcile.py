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
        return rec, e.call, str(e)
