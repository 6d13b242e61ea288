"""One article → its claims, each checked against the article's own words.

The model answers once for the whole article. Instructor re-asks that answer only when it does not
fit the schema. Evidence is then judged claim by claim, and only the claims whose quote fails go back
to the model, in a second Instructor call that validates against the article and re-asks until
`max_retries` is spent. Re-asking the whole list for one bad quote would regenerate every good claim
too: on a local model that is minutes of output spent to fix a few words.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass

from pydantic import ValidationError

from summarizer.errors import BackendError, CassetteError
from summarizer.evidence import article_words, evidence_problems, quote_sentences
from summarizer.llm import ModelClient, SchemaFailure
from summarizer.models import Article, Call, Claim, ClaimKind, Quantity, Sentence
from summarizer.prompts import render
from summarizer.schemas import MAX_CLAIMS, ArticleClaims, ClaimDraft, ClaimRepairs, RepairedClaim
from summarizer.text import attribution, find_numbers, whole_words

Draft = ClaimDraft | dict[str, object]


@dataclass(frozen=True)
class Failing:
    """A claim whose evidence failed, with why and the sentences it cited, for the re-ask prompt."""

    draft: ClaimDraft
    problems: list[str]
    sentences: list[Sentence]


def messages(article: Article) -> list[dict[str, str]]:
    """The chat messages that ask for one article's claims."""
    return [
        {"role": "system", "content": render("extract_system.j2", max_claims=MAX_CLAIMS)},
        {"role": "user", "content": render("extract_user.j2", article=article)},
    ]


def repair_messages(article: Article, answer: str, failing: list[Failing]) -> list[dict[str, str]]:
    """The conversation so far plus the re-ask for the failing claims alone.

    The first answer is replayed as the assistant's turn, as the model wrote it, so a server that
    caches prompt prefixes (llama-server does) reads none of the conversation again.
    """
    return [
        *messages(article),
        {"role": "assistant", "content": answer},
        {"role": "user", "content": render("extract_repair.j2", failing=failing)},
    ]


async def extract(client: ModelClient, article: Article) -> tuple[list[Claim], Call]:
    """Extract one article's claims; claims whose evidence still fails after re-asks come back unverified."""
    try:
        # No article in the context: this call is re-asked for its shape, not its evidence.
        result, call, text = await client.structured(
            ArticleClaims,
            messages(article),
            context={},
            stage="extract",
            article_id=article.id,
            max_tokens=client.settings.extract_max_tokens,
        )
        drafts: list[Draft] = list(result.claims)
        answer = text or result.model_dump_json()
    except SchemaFailure as e:
        # Keep what the last answer got right; what it got wrong is reported, not passed.
        parsed = salvage(e.last_response)
        if parsed is None:
            raise
        drafts, call, answer = parsed, e.call, e.last_response or ""
    notes: dict[int, str] = {}
    failing = _failing(article, drafts)
    # --max-retries is one budget for the article: re-asks of the whole answer and of failing claims
    # together make at most 1 + max_retries requests.
    left = client.settings.max_retries + 1 - call.attempts
    if failing and left > 0:
        drafts, call, notes = await _repair(client, article, answer, drafts, failing, call, left)
    return to_claims(article, drafts, notes), call


def _failing(article: Article, drafts: list[Draft]) -> dict[int, Failing]:
    out: dict[int, Failing] = {}
    for i, d in enumerate(drafts):
        if isinstance(d, ClaimDraft) and (problems := evidence_problems(d, article)):
            cited = [article.sentence(n) for n in d.sentence_ids]
            out[i] = Failing(d, problems, [s for s in cited if s is not None])
    return out


async def _repair(
    client: ModelClient,
    article: Article,
    answer: str,
    drafts: list[Draft],
    failing: dict[int, Failing],
    first: Call,
    attempts: int,
) -> tuple[list[Draft], Call, dict[int, str]]:
    """Re-ask the failing claims in at most `attempts` requests; each fix replaces the claim it names."""
    indexes = list(failing)
    notes: dict[int, str] = {}
    fixed: list[Draft]
    try:
        result, call, _ = await client.structured(
            ClaimRepairs,
            repair_messages(article, answer, list(failing.values())),
            context={"article": article},
            stage="extract",
            article_id=article.id,
            max_tokens=client.settings.extract_max_tokens,
            # Instructor makes max_retries + 1 attempts; the budget is shared with the first call.
            max_retries=attempts - 1,
        )
        fixed = list(result.claims)
    except SchemaFailure as e:
        fixed, call = salvage(e.last_response, RepairedClaim) or [], e.call
    except CassetteError:
        raise
    except BackendError as e:
        # The claims that passed are kept; the failing ones stay unverified and say why no fix came.
        fixed = []
        call = getattr(e, "call", None) or Call(stage="extract", article_id=article.id, attempts=0)
        for i in indexes:
            notes[i] = f"the re-ask failed: {e}"
    out = list(drafts)
    # The prompt lists the failing claims as 1, 2, …: a fix names the number it corrects.
    by_number = dict(enumerate(indexes, 1))
    taken: set[int] = set()
    for new in fixed:
        if not isinstance(new, RepairedClaim):
            continue  # an item that does not fit the schema fixes nothing
        slot = by_number.get(new.number)
        if slot is None or slot in taken:
            continue
        candidate = ClaimDraft.model_validate(new.model_dump(exclude={"number"}))
        if not evidence_problems(candidate, article):
            out[slot] = candidate
            taken.add(slot)
    merged = first.model_copy(
        update={
            "attempts": first.attempts + call.attempts,
            "prompt_tokens": first.prompt_tokens + call.prompt_tokens,
            "completion_tokens": first.completion_tokens + call.completion_tokens,
            "seconds": round(first.seconds + call.seconds, 3),
        }
    )
    return out, merged, notes


def salvage(raw: str | None, model: type[ClaimDraft] = ClaimDraft) -> list[Draft] | None:
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
    out: list[Draft] = []
    for item in items:
        try:
            out.append(model.model_validate(item))  # no context: evidence is judged in to_claims
        except ValidationError:
            out.append(item if isinstance(item, dict) else {"statement": str(item)})
    return out


def to_claims(article: Article, drafts: list[Draft], notes: dict[int, str] | None = None) -> list[Claim]:
    """Number the drafts A1, A2, … and give each its verdict; repeated claims are kept once."""
    notes = notes or {}
    claims: list[Claim] = []
    seen: set[tuple[str, str]] = set()
    for i, draft in enumerate(drafts):
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
            if problems and i in notes:
                problems.append(notes[i])
            fields = draft.model_dump()
            if not problems:
                kept = whole_words(draft.quote, article.text)
                fields["quote"] = article_words(kept, article, draft.sentence_ids)
                fields["sentence_ids"] = quote_sentences(kept, article, draft.sentence_ids)
            fields["asserted_by"] = asserter(article, fields["sentence_ids"])
            quantities = find_quantities(fields["quote"])  # the quote as kept, whole words only
            claim = Claim(
                id="",
                article_id=article.id,
                kind=kind_of(quantities, fields["asserted_by"]),
                quantities=quantities,
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


def asserter(article: Article, sentence_ids: list[int]) -> str:
    """Who asserts a claim: whom its sentence names ("Kovalenko said …", "according to X"), else the outlet.

    A sentence whose speaker is a pronoun ("“This is alarming,” he said.") takes the speaker named in
    the nearest of the three sentences before it, as a reader would.
    """
    for i in sentence_ids:
        sentence = article.sentence(i)
        if sentence is None:
            continue
        if who := attribution(sentence.text):
            return who
        if _PRONOUN_SPEAKER.search(sentence.text):
            for j in range(i - 1, max(0, i - 4), -1):
                before = article.sentence(j)
                if before is not None and (who := attribution(before.text)):
                    return who
    return "the outlet"


_PRONOUN_SPEAKER = re.compile(r"\b(?:he|she|they)\s+(?:said|says|told|added|noted|wrote|warned)\b", re.I)


_WHAT_END = re.compile(r"[.,;:!?()\"“”]")


def find_quantities(quote: str) -> list[Quantity]:
    """The numbers a quote states, typed, each with the words after it that say what is counted.

    Derived here rather than asked of the model: code reads numbers exactly and costs no tokens.
    """
    out: list[Quantity] = []
    for n in find_numbers(quote):
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
