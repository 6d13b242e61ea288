"""Which facts a summary leads with: fact groups ranked by outlets, prominence and specificity.

A fact is a group of claims (one per outlet that carries it, or one outlet's own).
Its score is the sum of three parts, the first two in [0, 1], the third in [0, 0.5]:

   - outlets: the share of the story's outlets that carry it (what all report before what one says);
   - prominence: how early the fact stands in the articles carrying it (the headline is sentence 1, the
     lead after it), each outlet's earliest claim, averaged;
   - specificity: the distinctive figures, dates and names it adds to the facts chosen before it (a
     vote count, a sum, a day are the news; "Russia", said in every paragraph, is the story's subject).
     Facts are chosen one at a time, each losing what it repeats of those chosen (maximal marginal
     relevance), so the summary covers the story rather than one incident five times.

The words a fact is shown in are those of the member most shared with the other outlets' members:
an outlet's own adjectives ("blundering", "coy") are the words no other outlet used, so the wording
with fewest such words is the most neutral one code can choose without writing.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, replace
from functools import lru_cache

from summarizer.align.figures import sentence_figures
from summarizer.lang.lexicon.figures import NEWS_KINDS
from summarizer.lang.reading import reading_of, readings
from summarizer.lang.references import leans_on_article, opens_with_reference, refers_back
from summarizer.lang.sentences import undated
from summarizer.models import Article, Claim, Corroboration

# Facts shown to the model at most: enough for the summary's sentences, few enough to read quickly (a
# 1.5B model reads ~38 prompt tokens a second).
MAX_FACTS = 8
# Prominence reaches 0 at this sentence: a fact in the first few sentences of any article is the news.
PROMINENT_WITHIN = 12
# Distinctive figures, dates and names that make a fact fully specific, and what that is worth beside
# carrying outlets and place (1 each): details order facts of a like place; they do not unseat a headline.
SPECIFIC_AT = 3
DETAIL_WEIGHT = 0.5
# A detail said in more sentences of one article than this is what the story is about, not a detail.
DISTINCT_IN = 2
# What a fact that says again what a chosen one said loses, per share of its words said.
REPEAT = 1.0


@dataclass(frozen=True)
class Fact:
    """A fact the model may cite: its id, its claims, the outlets carrying it, its words and its rank."""

    id: str
    claim_ids: list[str]
    article_ids: list[str]
    text: str
    score: float = 0.0  # outlets and prominence; specificity is counted as facts are chosen
    details: frozenset[str] = frozenset()
    words: frozenset[str] = frozenset()  # its content words, read once for the repeats it is weighed by
    core: frozenset[str] = frozenset()  # figures and dates every outlet gives it: a sentence of it keeps them
    # The words to state it in a source's words: its own, or where they open with "It"/"He" or with what
    # the sentence before said ("The comment comes …"), another outlet's member that names what it is about
    # ("It passed 396-9." beside "The resolution passed 396-9.").
    alone: str = ""
    # Quantities every outlet carrying it gives (`_quantities`): a count, a sum, a share, a tally, a date.
    counts: frozenset[tuple[str, float, float]] = frozenset()


def prominence(members: Sequence[Claim]) -> float:
    """1.0 for a headline, falling to 0 at sentence `PROMINENT_WITHIN`, averaged over the outlets carrying it.

    Each outlet counts where it first states the fact: a fact every outlet leads with is the news; one
    outlet's headline paired with another's closing paragraph is half of it.
    """
    first: dict[str, int] = {}
    for c in members:
        if c.sentence_ids:
            first[c.article_id] = min(first.get(c.article_id, PROMINENT_WITHIN), min(c.sentence_ids))
    if not first:
        return 0.0
    return sum(max(0.0, 1.0 - (n - 1) / (PROMINENT_WITHIN - 1)) for n in first.values()) / len(first)


def distinctive(articles: Sequence[Article]) -> frozenset[str]:
    """The details no article repeats in more than `DISTINCT_IN` sentences: "234-193", not "Russia".

    A name every paragraph says is what the story is about, not a detail of one fact in it.
    """
    seen: dict[str, int] = {}
    for a in articles:
        counts: dict[str, int] = {}
        for r in readings(a):
            for d in r.details:
                counts[d] = counts.get(d, 0) + 1
        for d, n in counts.items():
            seen[d] = max(seen.get(d, 0), n)
    return frozenset(d for d, n in seen.items() if n <= DISTINCT_IN)


def _shared(member: Claim, others: Sequence[Claim]) -> float:
    """The share of a member's content words that another outlet's member also uses."""
    own = reading_of(member.statement).content_words
    if not own:
        return 0.0
    rest: set[str] = set()
    for o in others:
        if o.article_id != member.article_id:
            rest |= reading_of(o.statement).content_words
    return len(own & rest) / len(own)


def heading(claim: Claim) -> bool:
    """Whether the claim is a headline (title case, or no end mark): an outlet's label, not a sentence."""
    return reading_of(claim.quote).label


def wording(members: Sequence[Claim]) -> Claim:
    """Of each outlet's first member, the one whose words the other outlets share most; shorter on a tie.

    A headline is never the wording while a sentence says the fact: it is the outlet's framing, in title
    case ("… May Be Rigged For The Rich And Republicans.") or with no end mark, and reads as no sentence.
    """
    sentences = [c for c in members if not heading(c)] or list(members)
    leads: dict[str, Claim] = {}
    for c in sorted(sentences, key=lambda c: min(c.sentence_ids, default=0)):
        leads.setdefault(c.article_id, c)
    return max(leads.values(), key=lambda c: (_shared(c, members), -len(c.statement)))


def _fact(members: list[Claim], outlets_in_story: int, rare: frozenset[str]) -> Fact:
    shown = wording(members)
    outlets = sorted({c.article_id for c in members})
    each = [reading_of(c.statement).details & rare for c in members]
    own = frozenset().union(*each)
    # What a sentence of this fact must keep: the figures and dates every outlet carrying it gives, and
    # the names they all give (one outlet's capitals alone may be no name: "Democratic", "WASHINGTON").
    stated = [reading_of(c.statement).figures | d for c, d in zip(members, each, strict=True)]
    core = frozenset.intersection(*stated) if len(outlets) > 1 else reading_of(shown.statement).figures
    score = len(outlets) / outlets_in_story + prominence(members)
    text = undated(shown.statement)
    said = reading_of(text).content_words
    counts = _agreed_counts(members) if len(outlets) > 1 else frozenset()
    alone = _standing(text, members)
    return Fact("", [c.id for c in members], outlets, text, score, own, said, core, alone, counts)


# Cached by text: a chosen fact's words are most often one of its members' statements, read just before.
@lru_cache(maxsize=8192)
def _quantities(text: str) -> frozenset[tuple[str, float, float]]:
    """The quantities a text gives that a story may turn on (`NEWS_KINDS`), by kind and value however
    written ("$5.7 billion", "5.7 billion dollars"); a tally by both its numbers ("234-193" is not
    "234-190"); never one of anything ("1 hour") or a bare count a year could be ("2009 people")."""
    out: set[tuple[str, float, float]] = set()
    for f in sentence_figures("", 0, reading_of(text)):
        if not f.kind.startswith(NEWS_KINDS) or f.vague or f.written <= 1:
            continue
        if f.kind == "count" and 1900 <= f.value <= 2100 and "," not in f.raw:
            continue
        out.add((f.kind, f.value, f.high if f.kind == "tally" else f.value))
    return frozenset(out)


def _agreed_counts(members: Sequence[Claim]) -> frozenset[tuple[str, float, float]]:
    """The quantities every outlet among `members` gives (`_quantities` of each one's claims)."""
    by_outlet: dict[str, set[tuple[str, float, float]]] = {}
    for c in members:
        by_outlet.setdefault(c.article_id, set()).update(_quantities(c.statement))
    return frozenset.intersection(*map(frozenset, by_outlet.values())) if by_outlet else frozenset()


def _standing(text: str, members: Sequence[Claim]) -> str:
    """`text`, or where it opens with a reference its article resolves ("It passed …", "The comment comes
    …"), the first member sentence that does not (no headline); `text` when none does."""
    if not _leans(text):
        return text
    for c in members:
        said = undated(c.statement)
        # Nor one that leaves its speaker to its article ("“… we will fight it,” he said."), as
        # `reconcile.standing` takes none either.
        if not _leans(said) and not leans_on_article(said) and not heading(c):
            return said
    return text


def _leans(text: str) -> bool:
    """Whether `text` opens with what only its article names: "It …", "He …", "The comment …"."""
    return opens_with_reference(text) or refers_back(text)


def _counts_anew(fact: Fact, counted: set[tuple[str, float, float]]) -> bool:
    """Whether outlets agree on a quantity no chosen fact gave: "The House approved the plan 234-193." after
    "The House passed the bill." shares its words, yet the count is the news (issue 29: a vote count
    all three outlets print, the "more than 100" missiles both report, were left out as repeats).

    Only a quantity every outlet carrying the fact gives (`Fact.counts`): one outlet's new number beside
    a chosen fact is still that fact again, and an age or a year restates who and when.
    """
    return bool(fact.counts - counted)


def overlap(a: Fact, b: Fact) -> float:
    """How much of `a` a chosen fact `b` says already: the share of the shorter one's content words the
    other says, or the share of `a`'s claims `b` holds. One outlet's sentence in two groups, each with
    another outlet's words for one event ("… bowing out as the moderator …" with the NYT's lead and with
    HuffPost's), is that event twice, however few words the two leads share. 1.0 is the same story."""
    wa, wb = a.words, b.words
    words = len(wa & wb) / min(len(wa), len(wb)) if wa and wb else 0.0
    ids = set(a.claim_ids)
    return max(words, len(ids & set(b.claim_ids)) / len(ids) if ids else 0.0)


def facts(
    articles: Sequence[Article],
    claims: Sequence[Claim],
    corroborated: Sequence[Corroboration],
    single: Sequence[str],
    *,
    limit: int = MAX_FACTS,
) -> list[Fact]:
    """The facts to summarize, best first, numbered F1… in that order; at most `limit`."""
    by_id = {c.id: c for c in claims}
    rare = distinctive(articles)
    found: list[Fact] = []
    for g in corroborated:
        members = [by_id[i] for i in g.claim_ids if i in by_id]
        # Headlines agreeing with headlines are no fact to write from either: the leads say it.
        if members and not all(heading(c) for c in members):
            found.append(_fact(members, len(articles), rare))
    # A headline alone is no fact to write from: its news is in the article's lead in sentences.
    found += [_fact([by_id[i]], len(articles), rare) for i in single if i in by_id and not heading(by_id[i])]
    chosen: list[Fact] = []
    stated: set[str] = set()
    # Every quantity the chosen facts' words give, agreed or not: the summary states them already.
    counted: set[tuple[str, float, float]] = set()
    # Each fact's largest repeat of a chosen one, kept as facts are chosen (each compared with the last).
    repeats = [0.0] * len(found)

    def gain(i: int) -> float:
        # Maximal marginal relevance (Carbonell & Goldstein, 1998): a fact is worth its outlets, its
        # place and the distinctive details it adds, less what it repeats of the facts already chosen,
        # so five sentences about one incident do not crowd out the missiles, troops and treaty.
        f = found[i]
        new = DETAIL_WEIGHT * min(1.0, len(f.details - stated) / SPECIFIC_AT)
        return f.score + new - REPEAT * repeats[i] * (not _counts_anew(f, counted))

    while found and len(chosen) < limit:
        # Ties go to the earlier fact: the same input ranks the same way.
        best = max(range(len(found)), key=lambda i: (gain(i), -i))
        chosen.append(found.pop(best))
        del repeats[best]
        stated |= chosen[-1].details
        counted |= _quantities(chosen[-1].text)
        if len(chosen) < limit:
            repeats = [max(r, overlap(f, chosen[-1])) for f, r in zip(found, repeats, strict=True)]
    return [replace(f, id=f"F{n}") for n, f in enumerate(chosen, 1)]
