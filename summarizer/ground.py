"""Ground model-written sentences in the article sentences they cite: check, repair once, else refuse.

Each checked sentence is read against its source sentences twice: by code (checks.unsupported, strict on
numbers, comparators, dates, negation, names, roles and sources) and by a judge (judge.py). A sentence
that fails goes back to the model once, with what its sources do not say; what still fails is replaced
by the attributed source sentence itself, or left out. Every checked sentence gets a `Grounding` in
the report, so nothing is repaired, replaced or dropped without the reader being told.

How code's findings and the judge's score combine is verdict.decide, the rule `verify` applies too.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Sequence
from collections.abc import Set as AbstractSet
from dataclasses import dataclass, replace

from summarizer import offload
from summarizer.checks import unsupported
from summarizer.checks.quoted import only_quoted
from summarizer.errors import BackendError, CassetteError
from summarizer.judge import Judge, JudgeItem
from summarizer.lang.quotes import folded
from summarizer.lang.reading import Reading, readings
from summarizer.lang.references import leans_on_person
from summarizer.lang.sentences import undated
from summarizer.lang.tokens import content_words
from summarizer.llm import ModelClient
from summarizer.models import (
    Action,
    Article,
    Call,
    Claim,
    Grounding,
    SentenceRef,
    SummarySentence,
    Unsupported,
    Verdict,
)
from summarizer.prompts import render
from summarizer.repeats import arranged, news_first
from summarizer.schemas import SUMMARY_WORDS, SentenceFixes
from summarizer.verdict import HARD, decide


@dataclass(frozen=True)
class Target:
    """A model-written sentence to check: where it is shown, its text, its sources, and its fallback."""

    key: str  # 'summary:2', 'claim:A3'
    text: str
    evidence: tuple[SentenceRef, ...]
    sources: tuple[Reading, ...]  # the evidence sentences, in order, as read once with their article
    fallback: str | None = None  # the attributed source sentence to show instead, if it fails
    repairable: bool = True
    quoted: str | None = None  # the claim whose sentence the fallback quotes
    # The sources grouped by the claim they came with (its sentence and those its "he" may stand for):
    # names and numbers only another group than the main one holds are found too (the joined check).
    units: tuple[tuple[Reading, ...], ...] = ()
    # A claim's own sentence, and the article's others: a repair must stay about the one it restates.
    own: str | None = None
    others: tuple[Reading, ...] = ()
    # Shown in the summary's own voice (a claim is its outlet's): words the sources only quote are no fact.
    voiced: bool = False

    @property
    def source_texts(self) -> tuple[str, ...]:
        """The evidence sentences' text, in order."""
        return tuple(r.text for r in self.sources)


async def check(targets: Sequence[Target], judge: Judge | None) -> list[Grounding]:
    """Check every target by code and, where code leaves it open, by the judge."""
    # On the CPU thread: in a batch the event loop keeps sending the other stories' calls meanwhile.
    found = await offload.run(_findings, targets)
    ask = [i for i, f in enumerate(found) if asks_judge(f, targets[i].text, targets[i].source_texts)]
    scores: dict[int, float | None] = {}
    if judge is not None and ask:
        got = await judge.support([JudgeItem(targets[i].text, targets[i].source_texts) for i in ask])
        scores = dict(zip(ask, got, strict=True))
    threshold = judge.threshold if judge is not None else 1.0
    out: list[Grounding] = []
    for i, t in enumerate(targets):
        score = scores.get(i)
        agrees = None if score is None else score >= threshold
        verdict, failed_by = decide(found[i], score, agrees, t.text)
        label: Verdict | None = None if agrees is None else ("supported" if agrees else "unsupported")
        out.append(
            Grounding(
                target=t.key,
                text=t.text,
                evidence=list(t.evidence),
                unsupported=found[i],
                judge=label,
                judge_score=None if score is None else round(score, 4),
                verdict=verdict,
                failed_by=failed_by,
            )
        )
    return out


def copies(text: str, sources: Iterable[str]) -> bool:
    """Whether `text` is one of its source sentences word for word (up to quotation marks, dashes and
    spacing), or one less its dateline's place: what the cited sentence says, with nothing to judge."""
    mine = folded(text.strip())
    if not mine:
        return False
    for s in sources:
        s = s.strip()
        # Only the source's dateline may go ("WASHINGTON — "): a fact is shown without it.
        if mine in (folded(s), folded(undated(s))):
            return True
    return False


def asks_judge(found: Sequence[Unsupported], text: str, sources: Iterable[str]) -> bool:
    """Whether the judge is asked about a sentence: a finding code is final on cannot be overturned, and a
    copy of a source sentence with nothing found in it needs no reading (calls saved)."""
    if any(u.kind in HARD for u in found):
        return False
    return bool(found) or not copies(text, sources)


def unanswered(groundings: Iterable[Grounding], articles: Sequence[Article]) -> list[str]:
    """The targets the judge was asked about and gave no score (a 500, a dropped connection)."""
    by_id = {a.id: a for a in articles}

    def source(ref: SentenceRef) -> str:
        a = by_id.get(ref.article_id)
        s = a.sentence(ref.sentence_id) if a is not None else None
        return s.text if s is not None else ""

    return [
        g.target
        for g in groundings
        if g.judge is None and asks_judge(g.unsupported, g.text, [source(r) for r in g.evidence])
    ]


def _findings(targets: Sequence[Target]) -> list[list[Unsupported]]:
    """What code finds unsupported in each target."""
    return [unsupported(t.text, t.sources, units=t.units, shape=True, voiced=t.voiced) for t in targets]


@dataclass(frozen=True)
class _Failing:
    text: str
    problems: list[str]
    sources: tuple[str, ...]


def repair_messages(failing: Sequence[_Failing]) -> list[dict[str, str]]:
    """The one re-ask for every failing sentence, each with what its sources do not say."""
    return [{"role": "user", "content": render("ground_repair.j2", failing=failing)}]


async def ground(
    targets: Sequence[Target], judge: Judge | None, client: ModelClient | None, *, refuse: bool = True
) -> tuple[list[Grounding], list[Call]]:
    """Check, repair once (one call for all that fail), then replace or remove what still fails.

    With `refuse=False` (someone else's text, as in `summarizer check`) the verdicts are only reported.
    """
    first = await check(targets, judge)
    if not refuse:
        return first, []
    failing = [i for i, g in enumerate(first) if g.verdict != "supported" and targets[i].repairable]
    calls: list[Call] = []
    fixes: dict[int, str] = {}
    if failing and client is not None:
        asked = [_Failing(targets[i].text, _problems(first[i]), targets[i].source_texts) for i in failing]
        try:
            answer, call, _ = await client.structured(
                SentenceFixes,
                repair_messages(asked),
                context={},
                stage="repair",
                max_tokens=client.settings.reconcile_max_tokens,
                max_retries=1,
            )
            calls.append(call)
            by_number = dict(enumerate(failing, 1))
            for fix in answer.sentences:  # matched by the number it names, never by position
                i = by_number.get(fix.number)
                if i is None or i in fixes or not fix.text.strip():
                    continue
                # A repair copying another sentence passes every check and loses the claim's own fact.
                if _about_its_own(fix.text, targets[i]):
                    fixes[i] = fix.text.strip()
        except CassetteError:
            raise
        except BackendError as e:
            # No repair came: every failing sentence goes on to be replaced or left out, as said.
            spent: Call | None = getattr(e, "call", None)
            if spent is not None:
                calls.append(spent)
    redo = [i for i in failing if i in fixes]
    second = await check([_with_text(targets[i], fixes[i]) for i in redo], judge) if redo else []
    rechecked = dict(zip(redo, second, strict=True))
    out: list[Grounding] = []
    for i, g in enumerate(first):
        if g.verdict == "supported":
            out.append(g)
            continue
        again = rechecked.get(i)
        if again is not None and again.verdict == "supported":
            out.append(again.model_copy(update={"action": "repaired", "original": targets[i].text}))
            continue
        out.append(_refuse(targets[i], again or g))
    return out, calls


# The share of its own sentence's content words a repaired restatement must keep, and how alike (Jaccard
# of content words) it may be to another sentence of the article: past that it restates that one.
KEEP_OWN = 0.5
ANOTHER = 0.8


def _about_its_own(text: str, target: Target) -> bool:
    """Whether a repaired claim still restates its own sentence, not another one that its span holds.

    Its sources are its sentence and those before it (for what a "he" stands for), so a repair copying
    one of those would pass every check while the claim's own fact is lost.
    """
    if target.own is None:
        return True
    words, own = content_words(text), content_words(target.own)
    if own and len(words & own) < KEEP_OWN * len(own):
        return False
    alike = _jaccard(words, own)
    return not any(
        (j := _jaccard(words, other.content_words)) >= ANOTHER and j > alike for other in target.others
    )


def _jaccard(a: AbstractSet[str], b: AbstractSet[str]) -> float:
    return len(a & b) / len(a | b) if a | b else 0.0


def _refuse(target: Target, failed: Grounding) -> Grounding:
    """The attributed source sentence in place of a sentence that failed twice, or nothing at all."""
    action: Action = "replaced" if target.fallback else "removed"
    return failed.model_copy(
        update={
            "text": target.fallback or "",
            "original": target.text,
            "action": action,
            # What is shown now is the source's own sentence, attributed: it says what its source says.
            "verdict": "supported" if target.fallback else failed.verdict,
        }
    )


def _with_text(target: Target, text: str) -> Target:
    return replace(target, text=text, repairable=False)  # the rest as checked before: sources, units


def _problems(g: Grounding) -> list[str]:
    problems = [f"{u.text!r}: {u.detail}" if u.detail else repr(u.text) for u in g.unsupported]
    if "judge" in g.failed_by and not problems:
        problems.append("a reader of the sources would not find this in them")
    return problems


_ATTRIBUTED = re.compile(r"^(?P<who>.+?) reports: “(?P<quote>.*)”$", re.S)


def attributed(outlet: str, sentence: str) -> str:
    """A source sentence shown as itself, attributed: 'B (express.co.uk) reports: “…”'."""
    # A quotation inside it is nested as a quotation in a quotation is ("“‘I trust in God,’ Mr. Obama
    # said”", not "““I trust in God,” …”"); the checks read either mark as a quotation mark.
    return f"{outlet} reports: “{sentence.translate(_NESTED)}”"


_NESTED = str.maketrans({"“": "‘", "”": "’", '"': "'"})


def quoted_sentence(text: str) -> str | None:
    """The source sentence inside an attributed replacement, or None for any other text."""
    m = _ATTRIBUTED.match(text)
    return m.group("quote") if m else None


def _refs(article: Article, ids: Iterable[int]) -> tuple[tuple[SentenceRef, ...], tuple[Reading, ...]]:
    sentences = [s for i in ids if (s := article.sentence(i)) is not None]
    read = readings(article)
    return (
        tuple(SentenceRef(article_id=article.id, sentence_id=s.id) for s in sentences),
        tuple(read[s.id - 1] for s in sentences),
    )


def claim_targets(articles: Sequence[Article], claims: Sequence[Claim]) -> list[Target]:
    """Every claim statement the model restated, to check against its sentence and the few before it."""
    by_id = {a.id: a for a in articles}
    out: list[Target] = []
    for c in claims:
        article = by_id.get(c.article_id)
        if article is None or not c.sentence_ids or not c.restated:
            continue  # a statement that is its own sentence is the source, not model text
        refs, sources = _refs(article, c.span())
        read = readings(article)
        others = tuple(read[s.id - 1] for s in article.sentences if s.id not in c.sentence_ids)
        out.append(
            Target(f"claim:{c.id}", c.statement, refs, sources, fallback=c.quote, own=c.quote, others=others)
        )
    return out


def apply_to_claims(claims: Sequence[Claim], groundings: Sequence[Grounding]) -> list[Claim]:
    """Claims with their statements as grounded: repaired, or the sentence's own words where it failed."""
    by_key = {g.target: g for g in groundings}
    out: list[Claim] = []
    for c in claims:
        g = by_key.get(f"claim:{c.id}")
        if g is not None and g.action != "kept":
            c = c.model_copy(update={"statement": g.text or c.quote})
        out.append(c)
    return out


def summary_targets(
    articles: Sequence[Article], claims: Sequence[Claim], summary: Sequence[SummarySentence]
) -> list[Target]:
    """Every summary sentence the model wrote, to check against the sentences of the claims it cites."""
    by_article = {a.id: a for a in articles}
    by_claim = {c.id: c for c in claims}
    pool = _stand_in_pool(claims, by_article)
    out: list[Target] = []
    for i, s in enumerate(summary, 1):
        if s.written_by == "code":
            continue  # code's sentences quote the sources verbatim; verify checks the quotes
        refs: list[SentenceRef] = []
        sources: list[Reading] = []
        units: list[tuple[Reading, ...]] = []
        for cid in s.citations:
            c = by_claim.get(cid)
            article = by_article.get(c.article_id) if c else None
            if c is None or article is None:
                continue
            # A restated claim names what its "he" stood for from the sentences before: so may a summary.
            r, t = _refs(article, c.span())
            units.append(t)
            refs += [x for x in r if x not in refs]
            sources += [x for x in t if all(x.text != y.text for y in sources)]
        fallback = quoted = None
        if (best := _stand_in(s.text, refs, pool)) is not None:
            ref, text, quoted = best
            fallback = attributed(by_article[ref.article_id].outlet, text)
        key = f"summary:{i}"
        out.append(
            Target(
                key,
                s.text,
                tuple(refs),
                tuple(sources),
                fallback,
                quoted=quoted,
                units=tuple(units),
                voiced=True,
            )
        )
    return out


# The share of a failed sentence's content words a source sentence must hold to stand in for it; and the
# content words a failed sentence needs to have one: "He should pay for it." says only "pay", which
# sentences about anything hold ("“Who’s gonna pay?” he asks.", another man's words).
STAND_IN = 0.3
STAND_IN_WORDS = 2


def _stand_in(
    text: str, cited: Sequence[SentenceRef], pool: Sequence[_Candidate]
) -> tuple[SentenceRef, str, str] | None:
    """The source sentence that says most of what a failed sentence meant: cited ones first, then any.

    The model may cite the wrong fact, so every claim's sentence is a candidate; one holding too little
    of the sentence's words stands in for nothing, and the sentence is left out instead.
    """
    words = content_words(text)
    if len(words) < STAND_IN_WORDS:
        return None
    cited_at = {(r.article_id, r.sentence_id) for r in cited}
    best: tuple[float, _Candidate] | None = None
    for c in pool:
        bonus = 0.05 if (c.ref.article_id, c.ref.sentence_id) in cited_at else 0.0
        share = len(words & c.words) / len(words) + bonus
        if best is None or share > best[0]:
            best = (share, c)
    if best is None or best[0] < STAND_IN:
        return None
    return best[1].ref, best[1].text, best[1].claim_id


@dataclass(frozen=True)
class _Candidate:
    ref: SentenceRef
    text: str
    claim_id: str
    words: frozenset[str]


def _stand_in_pool(claims: Sequence[Claim], articles: dict[str, Article]) -> list[_Candidate]:
    """Each claim's first sentence, once per sentence (the first claim on it names it), with its words."""
    out: dict[tuple[str, int], _Candidate] = {}
    for c in claims:
        article = articles.get(c.article_id)
        sentence = article.sentence(c.sentence_ids[0]) if article and c.sentence_ids else None
        if article is None or sentence is None or (c.article_id, sentence.id) in out:
            continue
        read = readings(article)[sentence.id - 1]
        if only_quoted(read) or leans_on_person(sentence.text):
            continue  # someone's words, or acts, that name no one: shown alone, no reader could tell whose
        if read.label:
            continue  # a headline or a caption is an outlet's label for its story, no sentence to stand in
        ref = SentenceRef(article_id=c.article_id, sentence_id=sentence.id)
        out[(c.article_id, sentence.id)] = _Candidate(ref, sentence.text, c.id, read.content_words)
    return list(out.values())


def apply_to_summary(
    summary: Sequence[SummarySentence],
    groundings: Sequence[Grounding],
    targets: Sequence[Target],
    stands: Callable[[list[SummarySentence]], list[bool]] | None = None,
) -> tuple[list[SummarySentence], list[Grounding]]:
    """The summary as grounded, and its groundings keyed to the sentences' final places.

    A repaired sentence takes its new text; a replaced one becomes the attributed source sentence,
    citing the claim it quotes; a removed one leaves, and its grounding is kept under 'removed:N'.
    `stands`: for the summary in its final order, whether each sentence may stand where it is
    (`antecedents.read_in_order`); a checked one that may not leaves.
    """
    by_key = {g.target: g for g in groundings}
    quotes = {t.key: t.quoted for t in targets}
    kept: list[tuple[int, SummarySentence, Grounding | None]] = []
    gone: list[tuple[int, Grounding]] = []  # by the place each stood in
    for i, s in enumerate(summary, 1):
        g = by_key.get(f"summary:{i}")
        if g is None:
            kept.append((i, s, None))
            continue
        if g.action == "removed":
            gone.append((i, g.model_copy(update={"target": f"removed:{i}"})))
            continue
        update: dict[str, object] = {"action": g.action}
        if g.action == "repaired":
            update["text"] = g.text
        elif g.action == "replaced":
            if any(o.text == g.text for _, o, _ in kept):
                # The same source sentence already stands in the summary: said once, this one is left out.
                gone.append((i, g.model_copy(update={"target": f"removed:{i}", "action": "removed"})))
                continue
            quoted = quotes.get(f"summary:{i}")
            update |= {"text": g.text, "written_by": "code", "citations": [quoted] if quoted else s.citations}
        kept.append((i, s.model_copy(update=update), g))
    # A stand-in is a whole source sentence, often longer than the one it replaces: the summary keeps its
    # length after the checks too, the last stand-ins (the lowest ranked) leaving first.
    while sum(len(s.text.split()) for _, s, _ in kept) > SUMMARY_WORDS:
        late = [n for n, (_, s, g) in enumerate(kept) if n > 0 and g is not None and s.action == "replaced"]
        if not late:
            break
        i, _, g = kept.pop(late[-1])
        if g is not None:
            gone.append((i, g.model_copy(update={"target": f"removed:{i}", "action": "removed"})))
    # Two sentences of one fact (two groups of it, a headline and its lead) are shown once; after the cap,
    # so a fuller stand-in taking a sentence's place is never the one the cap then drops.
    said = [quoted_sentence(s.text) or s.text for _, s, _ in kept]
    code = [g is None for _, _, g in kept]  # code's own sentences: never left out, never moved to lead
    order, instead = arranged(said, code)
    for n, other in instead.items():
        i, left, g = kept[n]
        if g is not None:  # only a checked sentence is left out (`arranged` keeps the rest)
            why = f"says again what “{said[other]}” says"
            gone.append(
                (i, g.model_copy(update={"target": f"removed:{i}", "action": "removed", "left_out": why}))
            )
        # What the one left out cited is evidence for the one shown: each outlet is still checked alone.
        at, s, shown_g = kept[other]
        cites = list(dict.fromkeys([*s.citations, *left.citations]))
        kept[other] = (at, s.model_copy(update={"citations": cites}), shown_g)
    # The news leads, in a reporter's voice: never a speaker's words or an unresolved "he said".
    kept = [kept[n] for n in news_first(order, said, code)]
    if stands is not None:
        # Sentences left out or moved above may leave a "he" after another person's sentence.
        fine = stands([s for _, s, _ in kept])
        for (i, _, g), ok in zip(kept, fine, strict=True):
            if not ok and g is not None:
                why = "names someone by a pronoun that, where it stands, reads as another person"
                update = {"target": f"removed:{i}", "action": "removed", "left_out": why}
                gone.append((i, g.model_copy(update=update)))
        kept = [k for k, ok in zip(kept, fine, strict=True) if ok or k[2] is None]
    keyed = [(i, g.model_copy(update={"target": f"summary:{n}"})) for n, (i, _, g) in enumerate(kept, 1) if g]
    return [s for _, s, _ in kept], [g for _, g in sorted(keyed + gone, key=lambda x: x[0])]
