"""All articles' verified claims → one merged summary, corroborations and conflicts."""

from __future__ import annotations

from typing import Any

from pydantic import ValidationError

from summarizer.llm import ModelClient, SchemaFailure
from summarizer.models import Article, Call, Claim
from summarizer.prompts import render
from summarizer.schemas import MAX_SUMMARY_SENTENCES, Reconciliation


def messages(articles: list[Article], claims: list[Claim]) -> list[dict[str, str]]:
    """The chat messages that ask for the merged view; the model sees claims, never the raw articles."""
    return [
        {
            "role": "system",
            "content": render(
                "reconcile_system.j2", n_articles=len(articles), max_sentences=MAX_SUMMARY_SENTENCES
            ),
        },
        {"role": "user", "content": render("reconcile_user.j2", articles=articles, claims=claims)},
    ]


async def reconcile(
    client: ModelClient, articles: list[Article], claims: list[Claim]
) -> tuple[Reconciliation, Call, str | None, list[str]]:
    """Merge verified claims: the answer, its call, why it failed validation if it did, and the groups
    dropped for citing unknown claims or one article only."""
    usable = [c for c in claims if c.verified]
    owners = {c.id: c.article_id for c in usable}
    try:
        rec, call, _ = await client.structured(
            Reconciliation,
            messages(articles, usable),
            context={"claims": owners},
            stage="reconcile",
            max_tokens=client.settings.reconcile_max_tokens,
        )
        note = None
    except SchemaFailure as e:
        try:
            rec = Reconciliation.model_validate_json(e.last_response or "")
        except ValidationError:
            raise e from None
        call, note = e.call, str(e)
    rec, dropped = drop_invalid_groups(rec, owners)
    return rec, call, note, dropped


def drop_invalid_groups(rec: Reconciliation, claims: dict[str, str]) -> tuple[Reconciliation, list[str]]:
    """Keep only conflicts and corroborations that cite known claims from two or more articles.

    Summary sentences stay whatever they cite: the verifier marks each one, so a reader sees why.
    """

    def problem(ids: list[str]) -> str | None:
        unknown = [i for i in ids if i not in claims]
        if unknown:
            return f"cites unknown claim ids {unknown}"
        if len({claims[i] for i in ids}) < 2:
            return f"cites {', '.join(ids) or 'nothing'}, from one article only"
        return None

    dropped: list[str] = []
    kept: dict[str, list[Any]] = {"conflicts": [], "corroborated": []}
    for field, label in (("conflicts", "conflict"), ("corroborated", "corroborated fact")):
        for i, group in enumerate(getattr(rec, field), 1):
            why = problem(group.claim_ids)
            if why:
                dropped.append(f"{label} {i} {why}")
            else:
                kept[field].append(group)
    return rec.model_copy(update=kept), dropped
