"""What the model is asked for: the answer schemas, whose validators check answers against what was asked.

Field descriptions double as the model's instructions, so they are written for a small model: short,
concrete, one rule each. Checks that need the request read it from the validation context Instructor
passes through (`{"asked": [sentence ids]}`, `{"groups": [group ids]}`); whether the words hold in the
sources is ground.py's job, on every answer alike. The report's own contracts live in models.py.
"""

from __future__ import annotations

from pydantic import BaseModel, Field, ValidationInfo, model_validator

MAX_SUMMARY_SENTENCES = 7
# The summary's length for three articles, as the reader asks: a screen, not a page (reconcile
# fits the model's sentences and code's to it; the checks' stand-ins keep to it too).
SUMMARY_WORDS = 180


class Restatement(BaseModel):
    """One sentence of the article, restated so that it stands alone."""

    # The id first: the model says which sentence it restates before writing it.
    id: int = Field(description="The [number] of the sentence restated, e.g. 4.")
    statement: str = Field(
        max_length=300,
        description="The same fact in one sentence with every he, she, it, they or 'the agency' replaced "
        "by the name it refers to. Add nothing else.",
    )


class Restatements(BaseModel):
    """Standalone restatements of the sentences asked for."""

    statements: list[Restatement] = Field(max_length=24, description="One per sentence asked for, in order.")

    @model_validator(mode="after")
    def _only_what_was_asked(self, info: ValidationInfo) -> Restatements:
        asked = (info.context or {}).get("asked")
        if isinstance(asked, list):
            kept = [r for r in self.statements if r.id in asked]
            # The small model often restates one sentence past the last asked ("[41]" after [40]): the
            # asked ones are used and the stray dropped, since a re-ask of a long chunk costs minutes on
            # a CPU and its answer is no better. An answer with none asked for is re-asked.
            if self.statements and not kept:
                stray = [r.id for r in self.statements]
                raise ValueError(f"sentences {stray} were not asked for: restate only sentences {asked}")
            self.statements = kept
        return self


class SummaryDraft(BaseModel):
    """One sentence of the merged summary, as the model writes it."""

    text: str = Field(
        # A cap the 1.5B model's run-on answers meet; a sentence it cuts off is repaired or replaced.
        max_length=300,
        description="One short sentence stating one fact from the list in fewer words, nothing added.",
    )
    facts: list[str] = Field(max_length=4, description="Ids of the facts it states, e.g. ['F1', 'F3'].")


class Reconciliation(BaseModel):
    """The merged summary, written from the facts the outlets report."""

    summary: list[SummaryDraft] = Field(
        max_length=MAX_SUMMARY_SENTENCES,
        description=f"The merged summary, 3 to {MAX_SUMMARY_SENTENCES} sentences, "
        "each citing the facts it states.",
    )

    @model_validator(mode="after")
    def _facts_exist(self, info: ValidationInfo) -> Reconciliation:
        """Each sentence cites listed facts: an id the model joined to a fact's outlet ("C4" for F4,
        listed "F4 | C | …") is that fact's; a sentence citing no listed fact is dropped, and the
        answer re-asked only where none is left. The 1.5B model wrote such ids in 3 of 51 recorded
        merges, and its two re-asks of each (minutes on a CPU) repeated them; what the others say is
        checked against what they cite, as any sentence is."""
        known = (info.context or {}).get("facts")
        if not isinstance(known, list):
            return self
        outlets = (info.context or {}).get("outlets") or {}
        kept = citing_listed(self.summary, known, outlets)
        if not kept and self.summary:  # every sentence cites nothing listed: named, and re-asked
            raise ValueError("; ".join(_problems(self.summary, known, outlets)))
        self.summary = kept
        return self


def _problems(drafts: list[SummaryDraft], known: list[str], outlets: dict[str, list[str]]) -> list[str]:
    """What each sentence cites that is not listed, as the re-ask names it."""
    problems = []
    for i, s in enumerate(drafts, 1):
        read = dict.fromkeys(_listed(f, known, outlets) or f for f in s.facts)
        unknown = [f for f in read if f not in known]
        if not s.facts:
            problems.append(f"summary sentence {i} cites no fact")
        elif unknown:
            problems.append(f"summary sentence {i} cites unknown facts {unknown}")
    return problems


def citing_listed(
    drafts: list[SummaryDraft], known: list[str], outlets: dict[str, list[str]]
) -> list[SummaryDraft]:
    """The sentences that cite a listed fact, each citing the listed ones only (an id joined to its
    fact's outlet read as the fact's): the validator's rule, and the salvage's of a failed answer."""
    kept = []
    for s in drafts:
        facts = [f for f in dict.fromkeys(_listed(f, known, outlets) or f for f in s.facts) if f in known]
        if facts:
            kept.append(s.model_copy(update={"facts": facts}))
    return kept


def _listed(cited: str, known: list[str], outlets: dict[str, list[str]]) -> str | None:
    """The listed fact an id means when it joins the fact's outlet to its number ("C4": F4, listed with
    outlet C), else None."""
    letter, number = cited[:1], cited[1:]
    fact = f"F{number}"
    return fact if number.isdigit() and fact in known and letter in outlets.get(fact, ()) else None


class SentenceFix(BaseModel):
    """A sentence that failed the check against its sources, rewritten to say only what they say."""

    number: int = Field(description="The number the sentence was listed under, e.g. 1.")
    text: str = Field(
        max_length=300, description="The sentence rewritten, stating only what its sources say."
    )


class SentenceFixes(BaseModel):
    """The listed sentences, each rewritten to say only what its sources say."""

    sentences: list[SentenceFix] = Field(max_length=12, description="One rewrite per listed sentence.")
