"""Whether a summary sentence that leaves a person to its article reads, where it stands, as that person.

"He pleaded guilty …", copied from an article, means whom the article named before it; in a summary it
reads as whom the sentence before it names. Of the 293 summary sentences of the 45 recorded BASIL
triplets, 32 left a person to their article; read after the sentence before them, 8 named someone else
("He also met with Capt. Ron Johnson" after a sentence about Michael Brown, where the article means
Holder; "“This is a debate we want to have,” he said." after an ad about Obama, where it means Ryan).
Such a sentence stands only where the two are one: the first person the summary's sentence before it
names is whom code reads its article to mean (the one speaker the article carries to its "he said", or
the first person of the nearest sentence before it naming one). Otherwise it is left out of the
summary; its facts stay listed with their articles. Code reads a person only by a title ("Mr.", "Sen.")
or a first and last name saying something: where it cannot tell, the sentence goes.
"""

from __future__ import annotations

from collections.abc import Sequence

from summarizer.lang.lexicon.words import QUOTE_MARKS
from summarizer.lang.names import Key, key, owner, surname, titled
from summarizer.lang.quotes import normalize
from summarizer.lang.reading import Reading, read, readings
from summarizer.lang.references import leans_on_person, speaks_in_first_person
from summarizer.models import Article, Claim, SummarySentence

# How far back in its article a pronoun's person may be named: a paragraph or two of "he".
BACK = 6


def _persons(r: Reading, known: frozenset[str]) -> list[str]:
    """The surnames of the persons a sentence names, in order: a name with a title, or one whose surname
    the story gives a person (`people`); no owner ("Trump's hardline approach alienated Bloomberg")."""
    out: list[str] = []
    for run in r.names:
        last = surname(run)
        if last is not None and not owner(run) and (last in known or titled(r.tokens, run)):
            out.append(last)
    return out


def people(articles: Sequence[Article]) -> frozenset[str]:
    """The surnames the story gives persons: a name with a title, or a first and last name saying
    something ("Darren Wilson said"). One word saying something may be a place ("In Ferguson, police
    said"), and is a person's only where the story names that person so elsewhere ("Holder")."""
    out: set[str] = set()
    for a in articles:
        for r in readings(a):
            for run in r.names:
                last = surname(run)
                if last is not None and (titled(r.tokens, run) or (len(run) > 1 and key(run) in r.speakers)):
                    out.add(last)
    return frozenset(out)


def _meant(article: Article, index: int, speakers: frozenset[str]) -> str | Key | None:
    """Whom the pronoun of the article's sentence `index` (0-based) stands for, as code reads it: the
    one speaker its article carries to it, else the first person (no owner: "Trump's") of the nearest
    sentence naming one that is not itself about a "he"."""
    rs = readings(article)
    # The sentence's place in this article (a copy of a story holds the same reading in another).
    context = next((p.article for p in rs[index].places if p.article.sentences is rs), None)
    carried = context.voices[index].carried if context is not None else ()
    if len(carried) == 1:
        return carried[0]
    for r in reversed(rs[max(0, index - BACK) : index]):
        # A sentence that is about its own "he" ("He did, as well, with Trump.") names others only.
        if not leans_on_person(r.text) and (found := _persons(r, speakers)):
            return found[0]
    return None


def _plain(text: str) -> str:
    """A text as compared for a copy: folded, in lower case, with no quotation marks ('a con' / "a con")."""
    return normalize(text.lower())[0].translate(_NO_MARKS)


_NO_MARKS = str.maketrans("", "", QUOTE_MARKS)


def _source(
    sentence: SummarySentence, claims: dict[str, Claim], articles: dict[str, Article]
) -> tuple[Article, int] | None:
    """The article sentence a summary sentence copies, among its citations: where its pronoun was written."""
    said = _plain(sentence.text)
    for cid in sentence.citations:
        c = claims.get(cid)
        a = articles.get(c.article_id) if c is not None else None
        if c is None or a is None or not c.sentence_ids:
            continue
        quote = _plain(c.quote)
        if said in quote or quote in said:
            return a, min(c.sentence_ids) - 1
    return None


def reads_as_meant(
    sentence: SummarySentence,
    before: SummarySentence | None,
    claims: dict[str, Claim],
    articles: dict[str, Article],
    speakers: frozenset[str],
) -> bool:
    """Whether `sentence`, read after `before`, names whom its article means (True when it leaves no one
    to its article)."""
    if speaks_in_first_person(sentence.text) and not read(sentence.text).speakers:
        return False  # someone's "I" with no one said to say it: no place makes it theirs
    if not leans_on_person(sentence.text):
        return True
    place = _source(sentence, claims, articles)
    if before is None or place is None:
        return False  # the summary's first sentence, or the model's own "he": whom it means is unknown
    first = _persons(read(before.text), speakers)[:1]
    meant = _meant(*place, speakers)
    if not first or meant is None:
        return False
    return first[0] in meant if isinstance(meant, tuple) else first[0] == meant


def read_in_order(
    summary: Sequence[SummarySentence], claims: Sequence[Claim], articles: Sequence[Article]
) -> list[bool]:
    """For each sentence in order, whether it reads as whom it means after the last one that does."""
    by_claim = {c.id: c for c in claims}
    by_article = {a.id: a for a in articles}
    known = people(articles)
    out: list[bool] = []
    before: SummarySentence | None = None
    for s in summary:
        out.append(reads_as_meant(s, before, by_claim, by_article, known))
        before = s if out[-1] else before
    return out


def as_meant(
    summary: Sequence[SummarySentence], claims: Sequence[Claim], articles: Sequence[Article]
) -> list[SummarySentence]:
    """The summary without the sentences that, where they stand, would name someone their article does
    not mean."""
    return [s for s, ok in zip(summary, read_in_order(summary, claims, articles), strict=True) if ok]
