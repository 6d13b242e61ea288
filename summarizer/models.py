"""The Pydantic contracts: what the model is asked for, and what the report holds.

Field descriptions double as the model's instructions, so they are written for a small model:
short, concrete, one rule each. Checks that need the article read it from the validation context
that Instructor passes through (`{"article": Article}` or `{"claims": {claim_id: article_id}}`).
"""

from __future__ import annotations

from typing import Any, Literal

from pydantic import BaseModel, Field, ValidationInfo, computed_field, field_validator, model_validator

from summarizer.text import find_numbers, find_quote, injection_marker, quote_problem, same_value

MAX_CLAIMS = 8
MAX_SUMMARY_SENTENCES = 5

ClaimKind = Literal["event", "number", "quote", "attribution", "assessment", "other"]
FoundBy = Literal["model", "cross-check"]


class Sentence(BaseModel):
    """One numbered sentence of an article, with its character span in `Article.text`."""

    id: int
    text: str
    start: int
    end: int
    suspect: str | None = Field(
        default=None,
        description="Why the sentence reads as text aimed at a model, not reporting; kept as data.",
    )


class Article(BaseModel):
    """One input article: its id (`A`, `B`, …), where it came from, its text and its sentences."""

    id: str
    path: str | None = None
    name: str
    publisher: str | None = None
    text: str
    sentences: list[Sentence]

    def sentence(self, sentence_id: int) -> Sentence | None:
        """The sentence with this id, if any."""
        if 1 <= sentence_id <= len(self.sentences):
            return self.sentences[sentence_id - 1]
        return None


class Quantity(BaseModel):
    """A number a claim states, in typed slots so articles compare without parsing prose."""

    what: str = Field(description="What is counted, e.g. 'Telegram followers of Kovalenko'.")
    value: float = Field(description="The number as digits, e.g. 10000 for '10,000'.")
    qualifier: Literal["exact", "about", "over", "under"] = Field(
        default="exact",
        description="'over' for 'more than'/'over', 'under' for 'less than', 'about' for 'nearly'.",
    )


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


def quote_sentences(quote: str, article: Article, hint: list[int]) -> list[int]:
    """The sentences a verbatim quote actually spans, preferring its occurrence in the cited ones.

    The quote is the evidence and the sentence ids only point at it, so where the model cites a
    neighbouring sentence the pointer is corrected from the quote rather than the claim re-asked.
    """
    spans = find_quote(quote, article.text)
    if not spans:
        return hint

    def covered(span: tuple[int, int]) -> list[int]:
        return [s.id for s in article.sentences if s.start < span[1] and span[0] < s.end]

    for span in spans:
        ids = covered(span)
        if set(ids) & set(hint):
            return ids
    return covered(spans[0])


def evidence_problems(claim: ClaimDraft | Claim, article: Article) -> list[str]:
    """Why a claim's evidence does not hold in its article; empty when it does."""
    problems: list[str] = []
    n = len(article.sentences)
    if not claim.sentence_ids:
        problems.append("no sentence ids: cite the sentence that states the fact")
    missing = [i for i in claim.sentence_ids if article.sentence(i) is None]
    if missing:
        problems.append(f"sentence ids {missing} do not exist (the article has sentences 1 to {n})")
    # The sentences the quote spans (the cited ones when it is not found), looked up once for both rules.
    spanned = quote_sentences(claim.quote, article, claim.sentence_ids)
    quote_issue = quote_problem(claim.quote, article.text)
    if quote_issue:
        problems.append(quote_issue + "; copy the words exactly")
    else:
        hosts = [article.sentence(i) for i in spanned]
        markers = [injection_marker(s.text) for s in hosts if s is not None]
        if markers and all(markers):
            # An article may quote such text, but it is not evidence that anything happened.
            problems.append(
                f"the quote comes from text that reads as {markers[0]}, not reporting; "
                "take facts from the reporting only"
            )
    quoted = find_numbers(claim.quote)
    for q in claim.quantities if isinstance(claim, Claim) else []:
        if not any(same_value(q.value, m.value) for m in quoted):
            problems.append(f"quantity {q.value:g} ({q.what}) is not a number in the quote")
    # A restatement may reword, but a number it adds is the classic slip: it must be in the evidence.
    ids = sorted(set(claim.sentence_ids) | set(spanned))
    cited = [m for i in ids if (s := article.sentence(i)) for m in find_numbers(s.text)] + quoted
    stray = [
        x.raw for x in find_numbers(claim.statement) if not any(same_value(x.value, m.value) for m in cited)
    ]
    if stray:
        problems.append(f"the statement's {', '.join(stray)} is not in the cited sentences")
    return problems


class ArticleClaims(BaseModel):
    """Everything one article claims, as atomic claims with evidence."""

    # maxItems/maxLength also bound what a grammar-constrained local server may generate.
    claims: list[ClaimDraft] = Field(
        max_length=MAX_CLAIMS, description="The article's facts, one claim each, in article order."
    )


class ClaimRepairs(BaseModel):
    """The claims that failed the evidence check, asked for again, corrected, in the order given."""

    claims: list[ClaimDraft] = Field(
        max_length=MAX_CLAIMS, description="The listed claims again, corrected, in the same order."
    )


class Claim(BaseModel):
    """A claim in the report: the model's draft plus its id, its article and its verdict."""

    id: str
    article_id: str
    statement: str
    asserted_by: str = "the outlet"
    kind: ClaimKind = "other"
    quote: str
    sentence_ids: list[int]
    quantities: list[Quantity] = Field(default_factory=list)
    verified: bool
    reason: str | None = Field(default=None, description="Why the claim failed verification, when it did.")
    found_by: FoundBy = "model"


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


class SummarySentence(BaseModel):
    """A summary sentence in the report, with its verdict once verified."""

    text: str
    citations: list[str]
    verified: bool | None = Field(default=None, description="True when every check on this sentence passed.")


class Corroboration(BaseModel):
    """A fact the report holds as corroborated, with the claims from two or more articles."""

    fact: str
    claim_ids: list[str]
    found_by: FoundBy = "model"


class Conflict(BaseModel):
    """A disagreement between articles, and who found it."""

    description: str
    claim_ids: list[str]
    found_by: FoundBy = "model"


class Check(BaseModel):
    """One named deterministic check and its result on one target."""

    name: str
    passed: bool
    detail: str = ""
    target: str | None = Field(
        default=None, description="What was checked: 'summary:2', 'claim:A3', 'conflict:1'."
    )


class Call(BaseModel):
    """One logical model call (with its re-asks): where, how long, how many tokens."""

    stage: Literal["extract", "reconcile"]
    article_id: str | None = None
    attempts: int = 1
    prompt_tokens: int = 0
    completion_tokens: int = 0
    seconds: float = 0.0

    @computed_field  # type: ignore[prop-decorator]
    @property
    def retries(self) -> int:
        """Re-asks after the first attempt."""
        return max(0, self.attempts - 1)


class StageUsage(BaseModel):
    """Totals for one stage."""

    calls: int = 0
    retries: int = 0
    prompt_tokens: int = 0
    completion_tokens: int = 0
    seconds: float = 0.0


class Usage(BaseModel):
    """Every model call of a run, and totals per stage."""

    calls: list[Call] = Field(default_factory=list)

    @computed_field  # type: ignore[prop-decorator]
    @property
    def stages(self) -> dict[str, StageUsage]:
        """Totals per stage: calls, retries, prompt and completion tokens, seconds."""
        out: dict[str, StageUsage] = {}
        for c in self.calls:
            s = out.setdefault(c.stage, StageUsage())
            s.calls += c.attempts
            s.retries += c.retries
            s.prompt_tokens += c.prompt_tokens
            s.completion_tokens += c.completion_tokens
            s.seconds = round(s.seconds + c.seconds, 3)
        return out


class Failure(BaseModel):
    """A step that failed, kept in the report so the rest of the run is not lost."""

    stage: Literal["ingest", "extract", "reconcile"]
    article_id: str | None = None
    error: str
    attempts: int | None = None
    last_response: str | None = None


class Report(BaseModel):
    """The whole result of a run: inputs, claims, summary, groups, checks, usage and failures."""

    model: str | None = None
    articles: list[Article]
    claims: list[Claim] = Field(default_factory=list)
    summary: list[SummarySentence] = Field(default_factory=list)
    corroborated: list[Corroboration] = Field(default_factory=list)
    single_source: list[str] = Field(
        default_factory=list, description="Ids of verified claims only one article makes."
    )
    conflicts: list[Conflict] = Field(default_factory=list)
    checks: list[Check] = Field(default_factory=list)
    usage: Usage = Field(default_factory=Usage)
    failures: list[Failure] = Field(default_factory=list)

    @field_validator("articles")
    @classmethod
    def _unique_article_ids(cls, articles: list[Article]) -> list[Article]:
        ids = [a.id for a in articles]
        if len(ids) != len(set(ids)):
            raise ValueError(f"article ids repeat: {ids}")
        return articles

    def claim(self, claim_id: str) -> Claim | None:
        """The claim with this id, if any."""
        return self._claims_by_id().get(claim_id)

    def article(self, article_id: str) -> Article | None:
        """The article with this id, if any."""
        return next((a for a in self.articles if a.id == article_id), None)

    def _claims_by_id(self) -> dict[str, Claim]:
        return {c.id: c for c in self.claims}

    @property
    def passed(self) -> bool:
        """True when every check passed."""
        return all(c.passed for c in self.checks)


def schema() -> dict[str, Any]:
    """The JSON Schema of the report."""
    return Report.model_json_schema()
