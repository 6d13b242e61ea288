"""The aligned facts → one merged summary: the model writes the narrative, code states the disagreements.

The model sees numbered facts (each with the outlets that carry it), never the raw articles, and cites
fact ids; code maps them back to claims. What code can write exactly, it writes: one sentence per
conflict giving each side in its outlet's own words ("A reports “…”; B reports “…”"), and one sentence
for any outlet with facts that the model's summary left out. No sentence is said twice.
"""

from __future__ import annotations

import json
import re
from collections.abc import Sequence

from pydantic import ValidationError

from summarizer.antecedents import as_meant, read_in_order
from summarizer.checks import quoted, supported
from summarizer.errors import BackendError, CassetteError
from summarizer.ingest import split_sentences
from summarizer.lang.fragments import fragment
from summarizer.lang.quotes import folded
from summarizer.lang.reading import read, reading_of
from summarizer.lang.references import leans_on_article, leans_on_person, speaks_in_first_person
from summarizer.lang.sentences import undated
from summarizer.lang.shape import ends_a_sentence
from summarizer.llm import CallFailure, ModelClient, SchemaFailure
from summarizer.models import Article, Call, Claim, Conflict, Corroboration, SummarySentence
from summarizer.prompts import render
from summarizer.ranking import MAX_FACTS, Fact, facts, heading
from summarizer.schemas import (
    MAX_SUMMARY_SENTENCES,
    SUMMARY_WORDS,
    Reconciliation,
    SummaryDraft,
    citing_listed,
)

# The summary's length for three articles, as the reader asks: a screen, not a page. Code's
# sentences (disagreements, an outlet left out) count toward it; the model's lowest-ranked go first.
SUMMARY_SENTENCES = 8
# The facts a summary states: one the model left out is stated in its chosen member's words, while the
# sentences and words allow (`capped`). All shown: the 1.5B model writes 2–5 sentences of 8 facts, and
# stating only the top three left key-fact recall at 0.57 on the 15 BASIL triplets (0.65 with all).
LEAD_FACTS = MAX_FACTS
# A sentence the model wrote (or a fact stated in a source's words): its facts' best rank, the facts it
# was written from, and the sentence.
Written = tuple[int, frozenset[str], SummarySentence]


def messages(articles: list[Article], shown: list[Fact]) -> list[dict[str, str]]:
    """The chat messages that ask for the summary of these facts."""
    system = render("reconcile_system.j2", n_articles=len(articles), max_sentences=MAX_SUMMARY_SENTENCES)
    return [
        {"role": "system", "content": system},
        {"role": "user", "content": render("reconcile_user.j2", facts=shown)},
    ]


async def reconcile(
    client: ModelClient,
    articles: list[Article],
    claims: list[Claim],
    corroborated: list[Corroboration],
    conflicts: list[Conflict],
    single: list[str],
) -> tuple[list[SummarySentence], Call | None, BackendError | None]:
    """The summary (the model's sentences, then code's), its call, and how it failed if it did."""
    shown = facts(articles, claims, corroborated, single, limit=MAX_FACTS)
    written: list[Written] = []
    call: Call | None = None
    problem: BackendError | None = None
    if shown:
        by_fact = {f.id: f for f in shown}
        try:
            rec, call, _ = await client.structured(
                Reconciliation,
                messages(articles, shown),
                context={"facts": list(by_fact), "outlets": {f.id: f.article_ids for f in shown}},
                stage="reconcile",
                max_tokens=client.settings.reconcile_max_tokens,
            )
            drafts = rec.summary
        except SchemaFailure as e:
            # What the last answer said is kept only where it cites known facts; the rest is reported.
            call, problem = e.call, e
            drafts = _salvage(e.last_response, by_fact)
        except CassetteError:
            raise
        except CallFailure as e:
            # The server failed, not the facts: code's own sentences below are still stated.
            call, problem, drafts = e.call, e, []
        rank = {f.id: n for n, f in enumerate(shown)}
        wordings = {f.id: {_as_said(f.text), _as_said(f.alone or f.text)} for f in shown}  # read once
        for d in drafts:
            used = [f for f in d.facts if f in by_fact] + uncited(d.text, d.facts, shown)
            parts = model_sentences(acronyms_as_written(d.text, [by_fact[f].text for f in used]))
            # A shown fact's words copied whole are that fact's sentence, whatever the model cited: the
            # bundled model copied one fact's sentence under another's id (c21cb217), and the sentence,
            # checked against the wrong claims, went with the fact it states.
            copies = [copy_of(p, wordings, used) for p in parts]
            copied = [f for c in copies for f in c]
            cited = list(dict.fromkeys(i for f in used for i in by_fact[f].claim_ids))
            # A text of one sentence takes its fact's place; the parts of a longer one keep one place, the
            # best of what they cite or copy ("It was then praised …" reads after its sentence).
            ranked_by = copied if len(parts) == 1 and copied else [*d.facts, *copied]
            best = min((rank[f] for f in ranked_by if f in rank), default=len(shown))
            for p, c in zip(parts, copies, strict=True):
                own = by_fact[c[0]].claim_ids if c else cited
                written.append((best, frozenset(c or used), SummarySentence(text=p, citations=own)))
        # Each shown fact the model's sentences do not state is stated in its source's words: all of
        # them where the merge failed (the report says so), as the facts do not depend on the writer.
        written = standing(lead_facts(shown, written), shown, claims)
    # The model's sentences in the facts' rank, whatever order it wrote them in (a stable sort); a
    # sentence it wrote again takes no second place under the cap.
    ranked = _once([s for _, _, s in sorted(written, key=lambda x: x[0])])
    # "He …" copied from an article stands only after a sentence naming whom its article means
    # (`antecedents`, in `fitted`); else a sentence it cites that reads alone stands in for it, or it is
    # left out for the next fact. `standing` named whom it could.
    code = disagreements(articles, conflicts)
    kept = fitted(ranked, code, claims, articles)
    # An outlet whose only cited sentence fell to the cap is still named, in its own words.
    if missing := missing_outlets(articles, claims, kept, single):
        kept = fitted(ranked, code + missing, claims, articles)
    return _once(kept), call, problem


# An acronym's letters spaced out: "U. S. attorney" (the bundled model writes it so; its facts "U.S.").
_SPACED_ACRONYM = re.compile(r"\b(?:[A-Z]\. ){1,3}[A-Z]\.")


def acronyms_as_written(text: str, facts: Sequence[str]) -> str:
    """`text` with each acronym the model spaced out ("U. S.") as its facts write it ("U.S.").

    Only where a fact writes it so, as a word of its own: "J. R. R. Tolkien" stays as the model wrote
    it unless a fact has "J.R.R.".
    """
    said = " ".join(facts)

    def as_written(m: re.Match[str]) -> str:
        compact = m.group(0).replace(" ", "")
        return compact if re.search(rf"(?<![\w.]){re.escape(compact)}(?!\w)", said) else m.group(0)

    return _SPACED_ACRONYM.sub(as_written, text)


def model_sentences(text: str) -> list[str]:
    """A text the model wrote, as the sentences it is checked by.

    A last piece the length cap cut off mid-clause says nothing whole, and is dropped first; then a
    piece the splitter cut off that is no sentence alone ("Why?" inside a quotation the model marked
    with ' ') joins the one before it.
    """
    parts = [p.text for p in split_sentences(text.strip())]
    if len(parts) > 1 and not ends_a_sentence(parts[-1]):
        parts = parts[:-1]
    out: list[str] = []
    for p in parts:
        if out and fragment(p) is not None:
            out[-1] = f"{out[-1]} {p}"
        else:
            out.append(p)
    return out


def copy_of(text: str, wordings: dict[str, set[str]], cited: list[str]) -> list[str]:
    """The shown fact whose words `text` is, word for word (one of `cited` first), if any.

    `wordings`: each shown fact's id, in rank order, with its words as said (its text and `alone`).
    """
    said = _as_said(text)
    same = [f for f, words in wordings.items() if said in words]
    return sorted(same, key=lambda f: f not in cited)[:1]


def uncited(text: str, cited: list[str], shown: list[Fact]) -> list[str]:
    """The shown facts that hold a figure, date or name of `text` that its cited facts do not: the
    model wrote them in and cited only one ("re-elected …, winning by a 134-to-63 vote" citing the
    re-election alone). Cited too, so the sentence is checked against the sentences that say it.
    """
    reading = read(text)
    said = reading.details | reading.figures
    facts = {f.id: (f, f.details | r.details | r.figures) for f in shown for r in (reading_of(f.text),)}
    have = set().union(*(facts[i][1] for i in cited if i in facts))
    out: list[str] = []
    for detail in sorted(said - have):
        holder = next((f.id for f, ds in facts.values() if detail in ds and f.id not in cited), None)
        if holder is not None and holder not in out:
            out.append(holder)
    return out


def standing(written: list[Written], shown: list[Fact], claims: list[Claim]) -> list[Written]:
    """`written` with each copy of a fact that leans on its article in a member's words that name whom.

    A sentence copied from a fact (by the model, or for a fact it left out) whose words name someone
    only their article names ("“We are disappointed …,” he said.") is shown in the words of a member of
    the fact that names them and says all the copy says ("“…,” said the statement from Grimm's
    attorney, William McGinley."), where one does. Shown alone, such a copy reads as said by the last
    person the summary named. A fact's members are alignment's, a quarter of whose pairs the gold puts
    in two facts: the member must say the copy on its own (`checks.supported`), or Nadler's "…,” he
    said." would stand as another member's "a senior administration source told NBC …". The member is
    cited already; it is checked as the model's are.
    """
    by_id = {c.id: c for c in claims}
    by_text = {_as_said(f.text): f for f in shown if leans_on_article(f.text)}
    out: list[Written] = []
    for rank, used, s in written:
        f = by_text.get(_as_said(s.text))
        said = _named_by_member(f, by_id) if f is not None and f.id in used else None
        if said is not None:
            s = SummarySentence(text=said, citations=s.citations, written_by="source")
        out.append((rank, used, s))
    return out


def _named_by_member(fact: Fact, claims: dict[str, Claim]) -> str | None:
    """The first member sentence of `fact` that names whom its words leave to their article, saying it all."""
    for c in (claims[i] for i in fact.claim_ids if i in claims):
        said = undated(c.statement)
        if not leans_on_article(said) and not heading(c) and supported(fact.text, [said]):
            return said
    return None


def lead_facts(shown: list[Fact], written: list[Written]) -> list[Written]:
    """`written` with each shown fact the model left out, or wrote without its figures, names and dates,
    stated in its member's words (checked as the model's are).

    A model sentence written from that fact alone and saying nothing its words do not ("passed the bill"
    for "passed the bill 134-63") says it again with less, and goes; one saying more stays, to be checked.
    """
    out = list(written)
    by_id = {f.id: f for f in shown}
    for n, f in enumerate(shown[:LEAD_FACTS]):
        # A sentence states the fact when it was written from it: one citing another fact that shares a
        # claim with it ("closely divided", the lead of two facts) does not state this one, nor one citing
        # several facts that says nothing of this one its others do not say. Two facts worded by one
        # member are stated once.
        citing = [
            s
            for _, used, s in out
            if f.id in used and (len(used) == 1 or _says_of(s, f, [by_id[i] for i in used]))
        ]
        if citing and not dropped_details(f, [s.text for s in citing]):
            continue
        said = f.alone or f.text
        if any(_same_text(s.text, said) or _same_text(s.text, f.text) for _, _, s in out):
            continue
        if not leans_on_person(said):  # one that does may not stand where it falls: the model's stays
            out = [(k, used, s) for k, used, s in out if not _less(s, used, f)]
        out.append(
            (n, frozenset({f.id}), SummarySentence(text=said, citations=f.claim_ids, written_by="source"))
        )
    return out


def _says_of(sentence: SummarySentence, fact: Fact, cited: list[Fact]) -> bool:
    """Whether a sentence citing `cited` says a word of `fact` that none of the others says: the bundled
    model cited four facts for one 19-word sentence stating one of them (2153fb3e)."""
    own = fact.words.difference(*(g.words for g in cited if g.id != fact.id))
    return not own or bool(read(sentence.text).content_words & own)


def _less(sentence: SummarySentence, used: frozenset[str], fact: Fact) -> bool:
    """Whether a model sentence was written from `fact` alone and has no word its shown words lack."""
    return (
        sentence.written_by == "model"
        and used <= {fact.id}
        and read(sentence.text).content_words <= fact.words
    )


def _as_said(text: str) -> str:
    """A sentence up to case and quotation marks: two that differ only so say the same."""
    return folded(text.lower())


def _same_text(a: str, b: str) -> bool:
    return _as_said(a) == _as_said(b)


def dropped_details(fact: Fact, said: list[str]) -> list[str]:
    """The distinctive figures, dates and names every outlet gives the fact that none of `said` states.

    What one outlet adds ("in the town of Ashford") may go: the sentence may follow another outlet.
    """
    text = " ".join(said)
    reading = read(text)
    stated = reading.details | reading.figures
    return sorted(d for d in fact.core if d not in stated and d not in text.lower())


def fitted(
    ranked: list[SummarySentence], code: list[SummarySentence], claims: list[Claim], articles: list[Article]
) -> list[SummarySentence]:
    """The ranked sentences that fit the cap beside code's and read, where they stand, as whom they mean
    (`antecedents`)."""
    # "“Or you might have a farmer from Iowa …,” he continued." led the summary, where its "he" names no
    # one: the fact all three outlets report went with it (22b6e900), though NYT's member ("Mr. Braley
    # apologized … after video emerged of him warning that “a farmer from Iowa …”") says it alone.
    by_id = {c.id: c for c in claims}
    ranked = as_meant(ranked, claims, articles, lambda s, now: _standing_member(s, by_id, now))
    kept = capped(ranked, code)
    # The cap may leave out the sentence a "he" was read after: what it keeps is read again, and the
    # next fact takes the room of one that no longer reads as whom it means (each time one fewer).
    while not all(fine := read_in_order(kept, claims, articles)):
        gone = {id(s) for s, ok in zip(kept, fine, strict=True) if not ok}
        ranked = [s for s in ranked if id(s) not in gone]
        kept = capped(ranked, code)
    return kept


# The words a stand-in shares with the sentence it stands for, at least: one shared word was a name or
# "leaks" ("I don't welcome leaks, he said." for Clapper's statement denouncing the leak).
_SHARED = 2


def _standing_member(
    sentence: SummarySentence, claims: dict[str, Claim], summary: Sequence[SummarySentence]
) -> SummarySentence | None:
    """Of the sentences `sentence` cites, the one sharing most of its words that reads alone as whom it
    is about: no "he", no "the group", no "I" or quotation with no one named saying it (it would read as
    the last person the summary named), no headline, no fragment, and not in `summary` yet.

    It cites its own claim first (its outlet is the one named after it), then what `sentence` cited: the
    outlets it left are still cited, and named only where their own sentences say it (`outlets`).
    """
    words = read(sentence.text).content_words
    shown = {_as_said(s.text) for s in summary}
    best: tuple[int, str, str] | None = None
    for c in (claims[i] for i in sentence.citations if i in claims):
        said = undated(c.statement)
        reading = read(said)
        if (
            _as_said(said) in shown
            or heading(c)
            or leans_on_person(said)
            or leans_on_article(said)
            or speaks_in_first_person(said)
            or fragment(said) is not None
            or quoted.check(reading, [])  # all quotation, or who said it and not what
        ):
            continue
        shared = len(reading.content_words & words)
        if shared >= _SHARED and (best is None or shared > best[0]):
            best = (shared, said, c.id)
    if best is None:
        return None
    _, said, own = best
    cited = [own, *(i for i in sentence.citations if i != own)]
    return SummarySentence(text=said, citations=cited, written_by="source")


def capped(ranked: list[SummarySentence], code: list[SummarySentence]) -> list[SummarySentence]:
    """The ranked sentences that fit `SUMMARY_SENTENCES` and `SUMMARY_WORDS` beside code's, then code's."""
    budget = SUMMARY_SENTENCES - len(code)
    words = SUMMARY_WORDS - sum(len(s.text.split()) for s in code)
    kept: list[SummarySentence] = []
    skipped: list[SummarySentence] = []
    for s in ranked:
        n = len(s.text.split())
        # The first sentence always stands: a summary that states nothing is no summary. One too long for
        # the words left gives way to a shorter fact ranked after it; the rest of the model's text it
        # began goes with it ("It now goes to the Senate." says nothing alone).
        if kept and len(kept) >= budget:
            break
        if kept and (n > words or any(_same_draft(s, x) for x in skipped)):
            skipped.append(s)
            continue
        kept.append(s)
        words -= n
    return kept + code


def _same_draft(a: SummarySentence, b: SummarySentence) -> bool:
    """Whether two sentences are parts of one text the model wrote: its parts share their citations."""
    return a.written_by == b.written_by == "model" and a.citations == b.citations


def disagreements(articles: list[Article], conflicts: list[Conflict]) -> list[SummarySentence]:
    """One sentence per conflict, each side in its outlets' own words, attributed."""
    names = {a.id: a.outlet for a in articles}
    out: list[SummarySentence] = []
    for c in conflicts:
        if len(c.sides) < 2:
            continue
        parts = []
        for side in c.sides:
            who = " and ".join(names.get(a, a) for a in side.article_ids)
            parts.append(f"{who} report{'s' if len(side.article_ids) == 1 else ''} “{side.text}”")
        out.append(
            SummarySentence(
                text="The outlets disagree: " + "; ".join(parts) + ".",
                citations=[i for side in c.sides for i in side.claim_ids],
                written_by="code",
            )
        )
    return out


def missing_outlets(
    articles: list[Article], claims: list[Claim], written: list[SummarySentence], single: list[str]
) -> list[SummarySentence]:
    """For each outlet with facts that no sentence cites, its first fact in its own words, attributed."""
    by_id = {c.id: c for c in claims}
    cited = {by_id[i].article_id for s in written for i in s.citations if i in by_id}
    out: list[SummarySentence] = []
    for a in articles:
        own = [
            c
            for i in single
            if (c := by_id.get(i)) is not None
            and c.article_id == a.id
            and not heading(c)
            and not leans_on_person(c.quote)
        ]
        if a.id in cited or not own:
            continue
        out.append(
            SummarySentence(
                text=f"Only {a.outlet} reports: “{own[0].quote}”", citations=[own[0].id], written_by="code"
            )
        )
    return out


def _once(sentences: list[SummarySentence]) -> list[SummarySentence]:
    """Each sentence once: a repeat (up to case, spacing and quote marks) is dropped."""
    seen: set[str] = set()
    out: list[SummarySentence] = []
    for s in sentences:
        key = _as_said(s.text)
        if key and key not in seen:
            seen.add(key)
            out.append(s)
    return out


def _salvage(raw: str | None, known: dict[str, Fact]) -> list[SummaryDraft]:
    try:
        data = json.loads(raw or "")
    except json.JSONDecodeError:
        return []
    items = data.get("summary") if isinstance(data, dict) else None
    out: list[SummaryDraft] = []
    for item in items if isinstance(items, list) else []:
        try:
            out.append(SummaryDraft.model_validate(item))
        except ValidationError:
            continue
    return citing_listed(out, list(known), {f.id: f.article_ids for f in known.values()})
