"""What the model is asked for: the answer schemas, whose validators check answers against the source.

Field descriptions double as the model's instructions, so they are written for a small model:
short, concrete, one rule each. Checks that need the article read it from the validation context
that Instructor passes through (`{"article": Article}` or `{"claims": {claim_id: article_id}}`).
The report's own contracts live in models.py.
"""

from __future__ import annotations

from pydantic import BaseModel, Field, ValidationInfo, model_validator

from summarizer.evidence import evidence_problems
from summarizer.models import Article

MAX_CLAIMS = 8
MAX_SUMMARY_SENTENCES = 5


class ClaimDraft(BaseModel):
    """One atomic claim as the model extracts it; ids, who asserts it, kind and quantities are derived."""

    # Field order is generation order: pick the sentence, copy from it, then restate it. Every field
    # is output the local model pays for at ~14 tokens/s, so nothing is asked that code can derive.
    sentence_ids: list[int] = Field(
        max_length=3, description="Ids of the article sentences that state it, e.g. [3]."
    )
    quote: str = Field(
        # A hard cap, as the 1.5B model copies whole sentences whatever it is told; a word the cap cuts
        # in half is trimmed afterwards (text.whole_words), and the sentence ids point at the rest.
        max_length=100,
        description="The few words of that sentence that carry the fact, copied exactly.",
    )
    statement: str = Field(
        max_length=240,
        description="The fact in one short sentence that stands alone: full names, no pronouns.",
    )
    # Who asserts it is not asked: code reads it from the sentence (extract.asserter). The 1.5B model
    # answered "The article" or "Article B (newsweek.com)" for nearly every claim, at ~10 tokens each.

    @model_validator(mode="after")
    def _evidence_is_in_the_article(self, info: ValidationInfo) -> ClaimDraft:
        article = (info.context or {}).get("article")
        if isinstance(article, Article):
            problems = evidence_problems(self, article)
            if problems:
                raise ValueError("; ".join(problems))
        return self


class ArticleClaims(BaseModel):
    """Everything one article claims, as atomic claims with evidence."""

    # maxItems/maxLength also bound what a grammar-constrained local server may generate.
    claims: list[ClaimDraft] = Field(
        max_length=MAX_CLAIMS, description="The article's facts, one claim each, in article order."
    )


class RepairedClaim(ClaimDraft):
    """A failing claim asked for again, corrected, with the number it was listed under."""

    # First, so the model says which claim it corrects before writing it; fixes are matched by this
    # number, never by position: a reordered or shorter answer must not replace the wrong claim.
    number: int = Field(description="The number the claim was listed under, e.g. 1.")


class ClaimRepairs(BaseModel):
    """The claims that failed the evidence check, asked for again, corrected, each with its number."""

    claims: list[RepairedClaim] = Field(
        max_length=MAX_CLAIMS, description="The listed claims again, corrected, each with its number."
    )


class SummaryDraft(BaseModel):
    """One sentence of the merged summary, as the model writes it."""

    text: str = Field(
        # Generous: a sentence the cap cuts in half is worse than a few more tokens (sentence_complete).
        max_length=300,
        description="One sentence of the merged summary, stating only what its claims say.",
    )
    citations: list[str] = Field(
        max_length=6, description="Ids of the claims that support this sentence, e.g. ['A3', 'B2']."
    )


class ConflictDraft(BaseModel):
    """Claims from different articles that cannot all be true."""

    description: str = Field(
        max_length=240, description="One line: what the articles disagree on, with both versions."
    )
    claim_ids: list[str] = Field(
        max_length=6, description="The disagreeing claims, from at least two articles."
    )


class CorroborationDraft(BaseModel):
    """One fact that two or more articles state."""

    fact: str = Field(max_length=200, description="The shared fact in one short sentence.")
    claim_ids: list[str] = Field(
        max_length=6, description="The claims stating it, from at least two articles."
    )


class Reconciliation(BaseModel):
    """The merged view of all articles' claims, as the model writes it."""

    summary: list[SummaryDraft] = Field(
        max_length=MAX_SUMMARY_SENTENCES,
        description="The merged summary, 3 to 5 sentences, each citing claims.",
    )
    corroborated: list[CorroborationDraft] = Field(
        default_factory=list, max_length=8, description="Facts stated by two or more articles."
    )
    conflicts: list[ConflictDraft] = Field(
        default_factory=list,
        max_length=6,
        description="Points where the articles disagree, e.g. different numbers.",
    )

    @model_validator(mode="after")
    def _citations_resolve(self, info: ValidationInfo) -> Reconciliation:
        claims = (info.context or {}).get("claims")
        if isinstance(claims, dict):
            problems = reconciliation_problems(self, claims)
            if problems:
                raise ValueError("; ".join(problems))
        return self


def reconciliation_problems(rec: Reconciliation, claims: dict[str, str]) -> list[str]:
    """Why a reconciliation's summary does not fit the claims it was given (claim id → article id).

    Only the summary is judged here, so only the summary is re-asked. A conflict or corroboration that
    cites an unknown claim or one article only is dropped afterwards (reconcile.drop_invalid_groups)
    and the drop reported: re-asking the whole answer to lose a bad group costs minutes on a local
    model and, measured, brought the same bad group back.
    """
    problems: list[str] = []
    for i, s in enumerate(rec.summary, 1):
        if not s.citations:
            problems.append(f"summary sentence {i} cites no claim")
        unknown = [c for c in s.citations if c not in claims]
        if unknown:
            problems.append(f"summary sentence {i} cites unknown claim ids {unknown}")
    return problems


class SentenceFix(BaseModel):
    """A sentence that failed the check against its sources, rewritten to say only what they say."""

    number: int = Field(description="The number the sentence was listed under, e.g. 1.")
    text: str = Field(
        max_length=300, description="The sentence rewritten, stating only what its sources say."
    )


class SentenceFixes(BaseModel):
    """The listed sentences, each rewritten to say only what its sources say."""

    sentences: list[SentenceFix] = Field(max_length=12, description="One rewrite per listed sentence.")
