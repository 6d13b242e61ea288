"""One group per fact: numbers (or a judge) decide the pairs, which join into corroborations and conflicts."""

from __future__ import annotations

import asyncio
from collections.abc import Awaitable, Callable, Sequence
from dataclasses import dataclass, field
from typing import Literal

import numpy as np

from summarizer.align.confirm import times, unconfirmed
from summarizer.align.drift import quote_drift
from summarizer.align.facts import fact_groups
from summarizer.align.figures import Figure, compatible, figures, same_thing, sentence_figures
from summarizer.align.pairing import Groups, best_pairs, facts_by_meaning, figure_pairs
from summarizer.align.scoring import LexicalScorer, Scorer
from summarizer.align.store import Claims, article_order, surname
from summarizer.lang.quotes import folded
from summarizer.lang.reading import reading_of, readings
from summarizer.lang.tokens import content_words
from summarizer.models import Article, Claim, Conflict, Corroboration, Discrepancy, QuoteDrift, Side
from summarizer.offload import one_blas_thread

PairVerdict = Literal["same", "conflict", "different"]
Decide = Callable[[Claim, Claim], Awaitable[PairVerdict]]


@dataclass
class Alignment:
    """What lining the articles up found: one group per fact, quote drift, and claims it had to add."""

    corroborated: list[Corroboration] = field(default_factory=list)
    conflicts: list[Conflict] = field(default_factory=list)
    quote_drift: list[QuoteDrift] = field(default_factory=list)
    extra_claims: list[Claim] = field(default_factory=list)
    discrepancies: list[Discrepancy] = field(default_factory=list)  # disagreements not confirmed
    # Claims in an agreement only through a figure they share ("The 76-year-old Pelosi …", "Ms. Pelosi,
    # 76, …"): the rest of each sentence is its outlet's alone.
    figure_only: list[str] = field(default_factory=list)
    # The agreements the reader is shown (`listed`): `corroborated` without headlines. The ranking reads
    # all of `corroborated`: a headline marks which fact its outlet leads with.
    listed: list[Corroboration] = field(default_factory=list)
    # The headlines in agreements: an outlet's label, neither listed as agreeing nor as its alone.
    headlines: list[str] = field(default_factory=list)


def _names(ids: Sequence[str], limit: int = 4) -> str:
    ids = list(dict.fromkeys(ids))
    if len(ids) <= limit:
        return ", ".join(ids[:-1]) + (" and " if len(ids) > 1 else "") + ids[-1]
    return f"{', '.join(ids[:limit])} and {len(ids) - limit} more"


def _versions(members: list[Figure]) -> list[list[Figure]]:
    """A group of figures of the same thing as its versions: the figures of each can all hold."""
    sides: list[list[Figure]] = []
    for f in sorted(members, key=lambda f: (f.low, f.high, f.article_id)):
        for side in sides:
            if all(compatible(f, g) for g in side):
                side.append(f)
                break
        else:
            sides.append([f])
    for side in sides:
        side.sort(key=lambda f: (article_order(f.article_id), f.sentence_id))
    return sorted(sides, key=lambda side: article_order(side[0].article_id))


def _disagreement(sides: list[list[Figure]], store: Claims, why: str | None) -> Conflict | Discrepancy:
    """A conflict with one side per version, or, where it is not confirmed (`why`), a discrepancy."""
    out: list[Side] = []
    for side in sides:
        claims = [store.for_figure(f) for f in side]
        out.append(
            Side(
                article_ids=list(dict.fromkeys(f.article_id for f in side)),
                claim_ids=list(dict.fromkeys(c.id for c in claims)),
                text=side[0].excerpt(),
            )
        )
    parts = "; ".join(
        f"{_names(s.article_ids)} report{'s' if len(s.article_ids) == 1 else ''} “{s.text}”" for s in out
    )
    ids = [i for s in out for i in s.claim_ids]
    if why is None:
        return Conflict(
            description=f"The figures cannot all hold: {parts}.",
            claim_ids=ids,
            found_by="cross-check",
            sides=out,
        )
    return Discrepancy(
        description=f"Possible discrepancy, check it: {parts} ({why}).", claim_ids=ids, sides=out, why=why
    )


def _corroboration_from_figures(members: list[Figure], store: Claims) -> Corroboration:
    """One corroborated fact from the same figure in several outlets, citing each outlet's claim."""
    members = sorted(members, key=lambda f: (article_order(f.article_id), f.sentence_id, f.start))
    claims = list({c.id: c for c in (store.for_figure(f) for f in members)}.values())
    sayer = next((c for c in claims if not reading_of(c.quote).label), claims[0])  # no headline
    return Corroboration(
        fact=sayer.statement,
        claim_ids=[c.id for c in claims],
        found_by="cross-check",
        origin=_origin(claims),
        # What every member gives: the figure, not the rest of one outlet's sentence.
        shared=members[0].number(),
    )


# Content words a sentence joined only by a figure must say beyond it, that no other member's sentence
# says, to be its outlet's own fact besides: "The final tally was 97-1." says nothing more.
MIN_OWN_WORDS = 3


def _says_more(members: list[Figure], store: Claims) -> list[str]:
    """The claims of a figure group whose sentences say, beyond the figure, what no other member's does."""
    words = {f.sentence: content_words(f.sentence) for f in members}
    out: list[str] = []
    for f in members:
        others = frozenset().union(*(words[g.sentence] for g in members if g.article_id != f.article_id))
        own = words[f.sentence] - content_words(f.sentence[f.start : f.end]) - others
        claim = store.for_figure(f)
        # Only a claim of the whole sentence says what else it says; the cross-check's own excerpt of
        # the figure is the shared part.
        if len(own) >= MIN_OWN_WORDS and claim.found_by == "model":
            out.append(claim.id)
    return list(dict.fromkeys(out))


def _evidence(c: Claim, articles: dict[str, Article]) -> str:
    article = articles[c.article_id]
    text = " ".join(s.text for i in c.sentence_ids if (s := article.sentence(i)) is not None)
    return text or c.quote


def _quotes_verdict(a: str, b: str) -> PairVerdict | None:
    """What the numbers of two quotes say: a conflict, the same figures, or nothing (None)."""
    # Read as their articles read them where a quote is its sentence (numbers and tallies read once).
    fa = sentence_figures("a", 0, reading_of(a))
    fb = sentence_figures("b", 0, reading_of(b))
    wa, wb = content_words(a), content_words(b)
    verdicts = [compatible(x, y) for x in fa for y in fb if same_thing(x, y, wa, wb)]
    if not verdicts:
        return None
    return "same" if all(verdicts) else "conflict"


def _norm_quote(text: str) -> str:
    return folded(text).casefold().strip(' .,;:"')


@dataclass
class _Candidates:
    """Everything before the judge: figure conflicts, claim pairs, and what numbers already decided."""

    store: Claims
    facts: list[list[Figure]]
    versions: list[list[list[Figure]]]  # each group of figures that cannot all hold, by version
    why: list[str | None]  # for each, why it is not confirmed (None: confirmed)
    claim_pairs: list[tuple[Claim, Claim]]  # best first
    similar: Callable[[str, str], float]  # two claims' similarity, by id
    threshold: float  # the scorer's bar for a pair
    decided: dict[tuple[str, str], PairVerdict]
    undecided: list[tuple[Claim, Claim]]
    drift: list[QuoteDrift]


@one_blas_thread()  # its products are of a story's sentences by their words: microseconds on one thread
def _candidates(articles: Sequence[Article], claims: Sequence[Claim], scorer: Scorer | None) -> _Candidates:
    by_id = {a.id: a for a in articles}
    store = Claims(by_id, [c for c in claims])
    # Numbers across every sentence: the model may have missed the claim that carries one.
    all_figs = [f for a in articles for f in figures(a)]
    words = {r.text: r.content_words for a in articles for r in readings(a)}
    facts = fact_groups(all_figs, words)
    fpairs = figure_pairs(articles, scorer, all_figs)
    index: dict[tuple[str, int, int], int] = {}
    figs: list[Figure] = []
    for p in fpairs:
        for f in (p.a, p.b):
            index.setdefault((f.article_id, f.sentence_id, f.start), len(figs))
            if len(figs) < len(index):
                figs.append(f)
    groups = Groups(len(figs))
    for p in fpairs:
        groups.join(
            index[(p.a.article_id, p.a.sentence_id, p.a.start)],
            index[(p.b.article_id, p.b.sentence_id, p.b.start)],
        )
    versions = []
    for g in groups.groups(range(len(figs))):
        members = [figs[i] for i in g]
        if any(not compatible(x, y) for x in members for y in members if x.article_id != y.article_id):
            versions.append(_versions(members))
    when = times(all_figs)
    why = [unconfirmed(sides, when) for sides in versions]

    # The cross-check's own claims are evidence for its conflicts and drift, not facts to corroborate.
    usable = [c for c in claims if c.verified and c.article_id in by_id and c.found_by == "model"]
    scorer = scorer or LexicalScorer()
    pairs: list[tuple[Claim, Claim]] = []
    sim = np.zeros((0, 0), dtype=np.float32)
    if len(usable) > 1:
        corpus = [s.text for a in articles for s in a.sentences]
        texts = [_evidence(c, by_id) for c in usable]
        # Identical evidence (copies of one article) is embedded once.
        unique = sorted(set(texts))
        vec = scorer.vectors(unique, corpus)
        rows = np.array([unique.index(t) for t in texts]) if len(unique) < 512 else None
        if rows is None:
            where = {t: i for i, t in enumerate(unique)}
            rows = np.array([where[t] for t in texts])
        full = vec[rows]
        sim = (full @ full.T).astype(np.float32)
        found = best_pairs([c.article_id for c in usable], sim, scorer.threshold, scorer.near)
        for i, j, _ in sorted(found, key=lambda p: (-p[2], p[0], p[1])):
            pairs.append((usable[i], usable[j]))
    row = {c.id: n for n, c in enumerate(usable)}

    def similar(a: str, b: str) -> float:
        return float(sim[row[a], row[b]])

    decided: dict[tuple[str, str], PairVerdict] = {}
    undecided: list[tuple[Claim, Claim]] = []
    norm = {c.id: _norm_quote(c.quote) for c in usable}
    # Copies of one story pair the same two quotes many times over: each pair is read once a run.
    read: dict[tuple[str, str], PairVerdict | None] = {}
    for a, b in pairs:
        if norm[a.id] == norm[b.id]:
            verdict: PairVerdict | None = "same"
        elif (key := (a.quote, b.quote)) in read:
            verdict = read[key]
        else:
            verdict = read[key] = _quotes_verdict(*key)
        if verdict is None:
            undecided.append((a, b))
        else:
            decided[(a.id, b.id)] = verdict
    drift = quote_drift(articles, store)
    return _Candidates(
        store, facts, versions, why, pairs, similar, scorer.threshold, decided, undecided, drift
    )


def _assemble(
    c: _Candidates, verdicts: dict[tuple[str, str], PairVerdict], confirmed: frozenset[int] = frozenset()
) -> Alignment:
    """The groups, with the disagreements of figures the judge confirmed (`confirmed`, by index)."""
    conflicts: list[Conflict] = []
    discrepancies: list[Discrepancy] = []
    for n, (versions, why) in enumerate(zip(c.versions, c.why, strict=True)):
        found = _disagreement(versions, c.store, None if n in confirmed else why)
        if isinstance(found, Conflict):
            conflicts.append(found)
        else:
            discrepancies.append(found)
    shared = [_corroboration_from_figures(g, c.store) for g in c.facts]
    claims = {x.id: x for x in c.store.claims + c.store.extra}
    verdict = {
        (a.id, b.id): verdicts.get((a.id, b.id), c.decided.get((a.id, b.id), "different"))
        for a, b in c.claim_pairs
    }
    same = [(a.id, b.id) for a, b in c.claim_pairs if verdict[(a.id, b.id)] == "same"]
    corroborated: list[Corroboration] = []
    place = {x: n for n, x in enumerate(claims)}
    facts = facts_by_meaning(same, lambda i: claims[i].article_id, c.similar, c.threshold)
    # A pair by meaning that a shared figure already groups says nothing more (its claims are still in an
    # agreement by meaning: `by_meaning`).
    held = [set(g.claim_ids) for g in shared]
    by_meaning = {i for f in facts for i in f}
    # A sentence carrying two facts sits in two ("blown up a SAM after believing it Ukraine's", with B's
    # lead on the SAM and with B's account of the error): the second is worded by its other member.
    worded = {g.fact for g in shared}
    for fact in sorted(facts, key=lambda f: sorted(place[i] for i in f)):  # in reading order
        if any(set(fact) <= h for h in held):
            continue
        members = sorted((claims[i] for i in fact), key=lambda x: (article_order(x.article_id), x.id))
        # A headline is an outlet's label, no wording of a fact a member sentence states.
        sayers = [m for m in members if not reading_of(m.quote).label] or members
        words = next((m for m in sayers if m.statement not in worded), sayers[0])
        worded.add(words.statement)
        corroborated.append(
            Corroboration(
                fact=words.statement,
                claim_ids=[m.id for m in members],
                found_by="cross-check",
                origin=_origin(members),
            )
        )
    # Numeric conflicts are reported from the figures above; a judged one is the judge's own finding.
    ids = list(dict.fromkeys(i for a, b in c.claim_pairs for i in (a.id, b.id)))
    at = {i: n for n, i in enumerate(ids)}
    judged = Groups(len(ids))
    judged_members: set[int] = set()
    for a, b in c.claim_pairs:
        if verdict[(a.id, b.id)] == "conflict" and (a.id, b.id) not in c.decided:
            judged.join(at[a.id], at[b.id])
            judged_members |= {at[a.id], at[b.id]}
    figure_only = [i for figs in c.facts for i in _says_more(figs, c.store) if i not in by_meaning]
    corroborated = shared + corroborated
    for g in judged.groups(sorted(judged_members)):
        members = sorted((claims[ids[i]] for i in g), key=lambda x: (article_order(x.article_id), x.id))
        sides = [Side(article_ids=[m.article_id], claim_ids=[m.id], text=m.quote) for m in members]
        parts = [f"{s.article_ids[0]} says “{s.text}”" for s in sides]
        conflicts.append(
            Conflict(
                description="Judged to disagree: " + "; ".join(parts) + ".",
                claim_ids=[m.id for m in members],
                found_by="cross-check",
                sides=sides,
            )
        )
    heads = [i for g in corroborated for i in g.claim_ids if i in claims and _headline(claims[i])]
    return Alignment(
        corroborated,
        conflicts,
        c.drift,
        c.store.extra,
        discrepancies,
        figure_only,
        listed(corroborated, claims),
        list(dict.fromkeys(heads)),
    )


def _headline(claim: Claim) -> bool:
    """Whether a claim is its outlet's headline: a whole line read as a label (`Reading.label`), in title
    case or its article's first. Not a list's item or a line printed without its period further down
    ("Plus Obama is nominating ATF Acting Director Todd Jones …", 526cabb7), nor the part of a sentence
    a figure's agreement cites ("The House voted 234-193 on Thursday to pass", a review's probe)."""
    if claim.found_by != "model":
        return False
    reading = reading_of(claim.quote)
    return reading.heading or (reading.label and claim.sentence_ids == [1])


def listed(groups: Sequence[Corroboration], claims: dict[str, Claim]) -> list[Corroboration]:
    """The agreements as a reader is shown them: each without its headlines, where two outlets are left.

    A headline is an outlet's label for its story, no sentence stating a fact: paired on a word or two
    with a body sentence of another outlet, it listed that outlet as reporting what it does not (editors
    found 4 of the 44 wrong Corroborated entries of six fresh triplets so, 70c744ad's "IRS extends tax
    benefits …" as reporting that civil unions are not covered), and two outlets' headlines listed their
    story's lead once more (0ffb34cd's endorsement three times).
    """
    out: list[Corroboration] = []
    for g in groups:
        kept = [claims[i] for i in g.claim_ids if i in claims and not _headline(claims[i])]
        if len({m.article_id for m in kept}) < 2:
            continue
        if len(kept) == len(g.claim_ids):
            out.append(g)
            continue
        ids = [m.id for m in kept]
        # A figure's agreement may be worded by its headline: the first sentence left words it then.
        fact = g.fact if any(m.statement == g.fact for m in kept) else kept[0].statement
        out.append(g.model_copy(update={"claim_ids": ids, "fact": fact, "origin": _origin(kept)}))
    return out


def _origin(members: Sequence[Claim]) -> str | None:
    """The one original source every outlet attributes the fact to, if they all name the same one."""
    who = {surname(m.asserted_by) for m in members}
    if len(who) == 1 and None not in who:
        return members[0].asserted_by
    return None


def align(articles: Sequence[Article], claims: Sequence[Claim], *, scorer: Scorer | None = None) -> Alignment:
    """Line up claims across articles with the deterministic rules only (no judge)."""
    c = _candidates(articles, claims, scorer)
    return _assemble(c, {(a.id, b.id): "same" for a, b in c.undecided})


async def aalign(
    articles: Sequence[Article],
    claims: Sequence[Claim],
    *,
    scorer: Scorer | None = None,
    decide: Decide | None = None,
    concurrency: int = 4,
) -> Alignment:
    """`align`, with `decide` judging the pairs numbers cannot (each distinct pair of quotes once).

    A disagreement of figures code could not confirm is put to `decide` too, as the two outlets' claims
    for its first two versions: only "conflict" states it; any other answer leaves it a discrepancy.
    """
    c = _candidates(articles, claims, scorer)
    if decide is None:
        return _assemble(c, {(a.id, b.id): "same" for a, b in c.undecided})
    gate = asyncio.Semaphore(concurrency)
    memo: dict[tuple[str, str], asyncio.Task[PairVerdict]] = {}

    async def one(a: Claim, b: Claim) -> PairVerdict:
        async with gate:
            return await decide(a, b)

    def key(a: Claim, b: Claim) -> tuple[str, str]:
        # Copies of one article ask the judge once per distinct pair of quotes.
        k = (_norm_quote(a.quote), _norm_quote(b.quote))
        if k not in memo:
            memo[k] = asyncio.ensure_future(one(a, b))
        return k

    asked = {(a.id, b.id): key(a, b) for a, b in c.undecided}
    doubted = {
        n: key(c.store.for_figure(sides[0][0]), c.store.for_figure(sides[1][0]))
        for n, (sides, why) in enumerate(zip(c.versions, c.why, strict=True))
        if why is not None
    }
    answers = await asyncio.gather(*memo.values())
    by_key = dict(zip(memo, answers, strict=True))
    verdicts = {pair: by_key[k] for pair, k in asked.items()}
    return _assemble(c, verdicts, frozenset(n for n, k in doubted.items() if by_key[k] == "conflict"))
