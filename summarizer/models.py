"""The report's Pydantic contracts: articles, claims, groups, checks, usage. Data and shape only.

What the model is asked for lives in schemas.py; the rules that judge evidence in evidence.py.
"""

from __future__ import annotations

from typing import Any, Literal

from pydantic import BaseModel, Field, computed_field, field_validator

ClaimKind = Literal["event", "number", "quote", "attribution", "assessment", "other"]
FoundBy = Literal["model", "cross-check"]
# What the cited source sentences do for a checked sentence, as a careful editor would read them.
Verdict = Literal["supported", "unsupported", "contradicted"]
# What became of a model-written sentence that was checked: shown as written, rewritten by the model
# and re-checked, replaced by the attributed source sentence, or left out.
Action = Literal["kept", "repaired", "replaced", "removed"]


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


UnsupportedKind = Literal[
    "number",
    "comparator",
    "date",
    "negation",
    "entity",
    "word",
    "role",
    "source",
    "quoted",
    "incomplete",
    "joined",
]


class Unsupported(BaseModel):
    """A span of a checked sentence that its cited source sentences do not support, and why."""

    kind: UnsupportedKind
    text: str = Field(description="The sentence's own words, exactly as in the checked sentence.")
    start: int = Field(description="Character offset of `text` in the checked sentence.")
    end: int
    detail: str = Field(default="", description="Why, in a few words: 'the sources say over 100,000'.")


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

    @property
    def outlet(self) -> str:
        """How a summary names this article: its letter, and its publisher if known ("B (express.co.uk)")."""
        return f"{self.id} ({self.publisher})" if self.publisher else self.id


class Quantity(BaseModel):
    """A number a claim states, in typed slots so articles compare without parsing prose."""

    what: str = Field(description="What is counted, e.g. 'Telegram followers of Kovalenko'.")
    value: float = Field(description="The number as digits, e.g. 10000 for '10,000'.")
    qualifier: Literal["exact", "about", "over", "under"] = Field(
        default="exact",
        description="'over' for 'more than'/'over', 'under' for 'less than', 'about' for 'nearly'.",
    )


# Sentences before a restated claim's own that may hold the name its "he" or "the agency" stands for:
# the claim is checked against them too (ground.py), and verify reads it the same way.
CONTEXT = 3


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
    part_of: str | None = Field(
        default=None,
        description="For a clause only this outlet carries: the claim of the sentence it is part of.",
    )

    @property
    def restated(self) -> bool:
        """Whether the statement is the model's words, not its sentence's own: those are checked."""
        return self.statement.strip() != self.quote.strip()

    def span(self) -> range:
        """The ids of the sentences the claim rests on: its own, and `CONTEXT` before them if restated."""
        if not self.sentence_ids:
            return range(0)
        before = CONTEXT if self.restated else 0
        return range(max(1, min(self.sentence_ids) - before), max(self.sentence_ids) + 1)


class SummarySentence(BaseModel):
    """A summary sentence in the report, with its verdict once verified."""

    text: str
    citations: list[str]
    verified: bool | None = Field(default=None, description="True when every check on this sentence passed.")
    action: Action = Field(default="kept", description="Whether it is the model's sentence or a repair.")
    written_by: Literal["model", "code", "source"] = Field(
        default="model",
        description="'code' for sentences built from the sources' own words (disagreements); 'source' for "
        "a shown fact the model left out, in a source's words, checked as the model's are.",
    )
    outlets: list[str] | None = Field(
        default=None,
        description="The articles whose own cited sentences say it, each checked alone (set by verify).",
    )


class SentenceRef(BaseModel):
    """One sentence of one article."""

    article_id: str
    sentence_id: int


class Grounding(BaseModel):
    """The verdict on one model-written sentence, checked against the article sentences it cites."""

    target: str = Field(description="What was checked: 'summary:2', 'claim:A3', 'conflict:1', 'draft:4'.")
    text: str = Field(description="The sentence as the reader sees it (after any repair).")
    evidence: list[SentenceRef] = Field(default_factory=list, description="The source sentences it rests on.")
    unsupported: list[Unsupported] = Field(
        default_factory=list,
        description="What the deterministic check found the sources do not say, in the checked text: "
        "`original` when replaced or removed, else `text`.",
    )
    judge: Verdict | None = Field(default=None, description="The entailment judge's label; None: not run.")
    judge_score: float | None = Field(
        default=None, description="The judge's probability that the sources support it (P(Yes) for a model)."
    )
    verdict: Verdict
    failed_by: list[Literal["deterministic", "judge", "citation"]] = Field(default_factory=list)
    action: Action = "kept"
    original: str | None = Field(
        default=None, description="The model's text, when it was repaired, replaced or removed."
    )
    left_out: str | None = Field(
        default=None,
        description="Why a sentence that passed its checks is not shown: it says again what one above says.",
    )

    @property
    def struck(self) -> str:
        """The words a line left out shows: a repeat's as it was shown (a stand-in's), else the model's."""
        return self.text if self.left_out else self.original or self.text

    @property
    def discarded(self) -> bool:
        """Whether the findings, judge label and failed_by are about `original`, no longer shown."""
        return self.action in ("replaced", "removed") and self.original is not None


class Corroboration(BaseModel):
    """A fact the report holds as corroborated, with the claims from two or more articles."""

    fact: str
    claim_ids: list[str]
    found_by: FoundBy = "model"
    origin: str | None = Field(
        default=None,
        description="The one source every article attributes it to: then not independent corroboration.",
    )
    shared: str | None = Field(
        default=None,
        description="For a fact joined by a figure, the figure's words in the first article ('234-193'): "
        "what each article is checked as stating, where `fact` is one article's whole sentence. None for a "
        "fact found by meaning, and for a duration, an age or a day (no figure without its unit).",
    )
    stated_by: list[str] | None = Field(
        default=None,
        description="The articles whose own claims here state the fact (`shared`, else `fact`), each checked "
        "alone (set by verify).",
    )

    @property
    def stated(self) -> str:
        """What each outlet's own sentences are checked as saying: the shared figure, else the fact."""
        return self.shared or self.fact


class Side(BaseModel):
    """One version of a disputed fact: the articles that give it, their claims, and their own words."""

    article_ids: list[str]
    claim_ids: list[str]
    text: str = Field(description="The articles' words for this version, verbatim, e.g. '10,000 followers'.")


class Conflict(BaseModel):
    """A disagreement between articles, with one side per version, and who found it."""

    description: str
    claim_ids: list[str]
    found_by: FoundBy = "model"
    sides: list[Side] = Field(default_factory=list, description="One per version; empty in older reports.")


class Discrepancy(BaseModel):
    """A possible disagreement code could not confirm: for a reader to check, never stated in the summary."""

    description: str
    claim_ids: list[str]
    sides: list[Side] = Field(default_factory=list)
    why: str = Field(description="What is not confirmed: '“2020” reads as a year, and a year is no count'")


class Wording(BaseModel):
    """One outlet's wording of a quotation, verbatim, with the character spans that differ from the others."""

    article_id: str
    claim_id: str
    text: str
    changed: list[tuple[int, int]] = Field(default_factory=list, description="Spans of `text` that differ.")


class QuoteDrift(BaseModel):
    """The same speaker quoted in different words by different outlets."""

    speaker: str
    claim_ids: list[str]
    wordings: list[Wording]


class SentenceCoverage(BaseModel):
    """What became of one article sentence: the claims it fed, or why it was left out."""

    sentence_id: int
    claim_ids: list[str] = Field(default_factory=list)
    left_out: str | None = Field(
        default=None,
        description="Why no claim: 'no checkable fact', 'duplicate of A3', 'instruction-like text'.",
    )


class Coverage(BaseModel):
    """Per article, every sentence and what became of it."""

    article_id: str
    sentences: list[SentenceCoverage]

    @computed_field  # type: ignore[prop-decorator]
    @property
    def share(self) -> float:
        """The share of sentences that fed a claim or were left out for a stated reason."""
        done = sum(1 for s in self.sentences if s.claim_ids or s.left_out)
        return round(done / len(self.sentences), 3) if self.sentences else 1.0


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

    stage: Literal["extract", "reconcile", "judge", "repair"]
    article_id: str | None = None
    attempts: int = 1
    cached: int = Field(default=0, description="Attempts answered from the cache, with no request sent.")
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
    cache_hits: int = 0
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
            s.cache_hits += c.cached
            s.retries += c.retries
            s.prompt_tokens += c.prompt_tokens
            s.completion_tokens += c.completion_tokens
            s.seconds = round(s.seconds + c.seconds, 3)
        return out


class Failure(BaseModel):
    """A step that failed, kept in the report so the rest of the run is not lost."""

    stage: Literal["ingest", "extract", "reconcile", "judge", "repair"]
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
        default_factory=list,
        description="Ids of verified claims only one article makes, or whose sentence shares only a figure "
        "with another article's and says more besides.",
    )
    conflicts: list[Conflict] = Field(default_factory=list)
    discrepancies: list[Discrepancy] = Field(
        default_factory=list,
        description="Disagreements not confirmed as of one event, thing and time: to check, never stated.",
    )
    quote_drift: list[QuoteDrift] = Field(default_factory=list)
    coverage: list[Coverage] = Field(default_factory=list)
    groundings: list[Grounding] = Field(
        default_factory=list, description="The verdict on every model-written sentence a reader sees."
    )
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
