"""One article → its claims and its coverage: every sentence considered, the model asked only what needs it.

Code reads each sentence first. A sentence that reports something becomes a claim whose evidence is the
sentence itself (its quote is the sentence, verbatim by construction), with who asserts it, its
quantities and its kind derived by code. A sentence is left out only for a stated reason: text aimed at a
model, a repeat, a question, a fragment of a sentence, or no checkable fact. The model is asked one thing,
for the sentences that need it: to restate a sentence whose "he", "it" or "the agency" only the article can
resolve, so that the claim stands alone (when `Settings.restating`: not for the bundled model, which gave
the sentence back or spoiled it). Those restatements are model text, so they are grounded (ground.py)
like any other. Long articles go to the model in chunks of at most `CHUNK` sentences, concurrently.
"""

from __future__ import annotations

import asyncio
import contextlib
import re
from dataclasses import dataclass

from summarizer.errors import BackendError
from summarizer.lang.reading import Reading, as_reading, readings
from summarizer.lang.references import boilerplate, needs_context
from summarizer.lang.sentences import fragment
from summarizer.lang.speech import said_by_pronoun
from summarizer.llm import ModelClient, SchemaFailure
from summarizer.models import CONTEXT, Article, Call, Claim, ClaimKind, Coverage, Quantity, SentenceCoverage
from summarizer.prompts import render
from summarizer.schemas import Restatements

# Sentences sent to the model in one call, at most; the CONTEXT sentences before them come along, and
# a restatement may take a name from them: Claim.span checks it against the CONTEXT before its own.
CHUNK = 12

MIN_WORDS = 4


@dataclass(frozen=True)
class Plan:
    """What code decided for each sentence before any model call."""

    coverage: list[SentenceCoverage]
    ask: list[int]  # sentence ids whose claim the model restates


def plan(article: Article) -> Plan:
    """Every sentence: a claim, or left out with its reason; and which claims need the model's restatement."""
    seen: dict[str, int] = {}
    coverage: list[SentenceCoverage] = []
    ask: list[int] = []
    for s in article.sentences:
        key = " ".join(s.text.lower().split())  # a repeat up to case and spacing (cheap: every sentence)
        why: str | None = None
        if s.suspect:
            why = f"instruction-like text ({s.suspect})"
        elif key in seen:
            why = f"duplicate of {article.id}{seen[key]}"
        elif s.text.rstrip().endswith("?"):
            why = "a question, not a statement"
        elif part := fragment(s.text):
            why = f"a fragment, not a whole sentence ({part})"
        elif len(s.text.split()) < MIN_WORDS or boilerplate(s.text):
            why = "no checkable fact"
        seen.setdefault(key, s.id)
        if why:
            coverage.append(SentenceCoverage(sentence_id=s.id, left_out=why))
            continue
        coverage.append(SentenceCoverage(sentence_id=s.id, claim_ids=[claim_id(article, s.id)]))
        if needs_context(s.text):
            ask.append(s.id)
    return Plan(coverage, ask)


def claim_id(article: Article, sentence_id: int) -> str:
    """A claim's id is its article and sentence: A3 is sentence 3 of article A, stable across runs."""
    return f"{article.id}{sentence_id}"


def chunks(ids: list[int]) -> list[list[int]]:
    """The sentence ids to restate, in runs of at most CHUNK."""
    return [ids[i : i + CHUNK] for i in range(0, len(ids), CHUNK)]


def messages(article: Article, ids: list[int]) -> list[dict[str, str]]:
    """The chat messages that ask for standalone restatements of sentences `ids`, with their context."""
    first = max(1, min(ids) - CONTEXT)
    shown = [s for s in article.sentences if first <= s.id <= max(ids)]
    return [
        {"role": "system", "content": render("extract_system.j2")},
        {"role": "user", "content": render("extract_user.j2", article=article, sentences=shown, ids=ids)},
    ]


async def extract(
    client: ModelClient, article: Article, gate: asyncio.Semaphore | None = None
) -> tuple[list[Claim], Coverage, Call | None]:
    """An article's claims (statements restated by the model where needed) and its coverage.

    A chunk whose answer never fits the schema keeps its sentences' own words as statements: the
    claims stand on the article either way, and the failure is raised only when nothing came back.
    """
    planned = plan(article)
    restated: dict[int, str] = {}
    calls: list[Call] = []
    errors: list[SchemaFailure] = []

    async def one(ids: list[int]) -> None:
        async with gate or contextlib.nullcontext():
            try:
                answer, call, _ = await client.structured(
                    Restatements,
                    messages(article, ids),
                    context={"asked": ids},
                    stage="extract",
                    article_id=article.id,
                    max_tokens=client.settings.extract_max_tokens,
                )
            except SchemaFailure as e:
                calls.append(e.call)
                errors.append(e)
                return
            calls.append(call)
            for r in answer.statements:
                restated.setdefault(r.id, r.statement.strip())

    # With restatement off (the bundled model's default) every claim keeps its sentence's own words.
    asked = chunks(planned.ask) if client.settings.restating else []
    await asyncio.gather(*(one(ids) for ids in asked))
    if errors and len(errors) == len(asked):
        raise errors[0]
    claims = [
        to_claim(article, c.sentence_id, restated.get(c.sentence_id)) for c in planned.coverage if c.claim_ids
    ]
    coverage = Coverage(article_id=article.id, sentences=planned.coverage)
    if errors:
        # Some chunks answered, some never fit: the report must say which sentences kept their own words.
        raise PartialExtraction(errors[0], claims, coverage, _total(article, calls))
    return claims, coverage, _total(article, calls)


class PartialExtraction(BackendError):
    """Some chunks of an article never fit the schema; their sentences keep their own words."""

    def __init__(
        self, first: SchemaFailure, claims: list[Claim], coverage: Coverage, call: Call | None
    ) -> None:
        super().__init__(f"some sentences could not be restated: {first}", attempts=first.attempts)
        self.claims, self.coverage, self.call = claims, coverage, call


def _total(article: Article, calls: list[Call]) -> Call | None:
    """One article's calls summed into one, or None when the model was not asked at all."""
    if not calls:
        return None
    return Call(
        stage="extract",
        article_id=article.id,
        attempts=sum(c.attempts for c in calls),
        cached=sum(c.cached for c in calls),
        prompt_tokens=sum(c.prompt_tokens for c in calls),
        completion_tokens=sum(c.completion_tokens for c in calls),
        seconds=round(max(c.seconds for c in calls), 3),
    )


def to_claim(article: Article, sentence_id: int, statement: str | None = None) -> Claim:
    """The claim one sentence makes: the sentence is its quote; its statement the model's or its own."""
    sentence = article.sentence(sentence_id)
    assert sentence is not None, sentence_id  # planned from the article's own sentences
    who = asserter(article, [sentence_id])
    quantities = find_quantities(readings(article)[sentence_id - 1])
    return Claim(
        id=claim_id(article, sentence_id),
        article_id=article.id,
        statement=statement or sentence.text,
        asserted_by=who,
        kind=kind_of(quantities, who),
        quote=sentence.text,
        sentence_ids=[sentence_id],
        quantities=quantities,
        verified=True,
    )


def asserter(article: Article, sentence_ids: list[int]) -> str:
    """Who asserts a claim: whom its sentence names ("Kovalenko said …", "according to X"), else the outlet.

    A sentence whose speaker is a pronoun ("“This is alarming,” he said.") takes the speaker named in
    the nearest of the three sentences before it, as a reader would.
    """
    read = readings(article)
    for i in sentence_ids:
        if not 1 <= i <= len(read):
            continue
        if who := read[i - 1].speaker:
            return who
        if said_by_pronoun(read[i - 1].text):
            for j in range(i - 1, max(0, i - 4), -1):
                if who := read[j - 1].speaker:
                    return who
    return "the outlet"


_WHAT_END = re.compile(r"[.,;:!?()\"“”]")


def find_quantities(quote: Reading | str) -> list[Quantity]:
    """The numbers a quote states, typed, each with the words after it that say what is counted.

    Derived here rather than asked of the model: code reads numbers exactly and costs no tokens.
    """
    read = as_reading(quote)
    quote = read.text
    out: list[Quantity] = []
    for n in read.numbers:
        if n.is_year:
            continue  # a date, not a count
        tail = _WHAT_END.split(quote[n.end :], maxsplit=1)[0]
        what = " ".join(tail.split()[:4]) or n.raw
        out.append(Quantity(what=what, value=n.value, qualifier=n.qualifier))
    return out[:3]


def kind_of(quantities: list[Quantity], asserted_by: str) -> ClaimKind:
    """A coarse kind read from the claim itself: a number, a sourced assertion, or an event."""
    if quantities:
        return "number"
    return "event" if asserted_by == "the outlet" else "attribution"
