"""Whether a summary sentence that leaves a person to its article reads, where it stands, as that person.

"He pleaded guilty …", copied from an article, means whom the article named before it; in a summary it
reads as whom the sentence before it names. Of the 293 summary sentences of the 45 recorded BASIL
triplets, 32 left a person to their article; read after the sentence before them, 8 named someone else
("He also met with Capt. Ron Johnson" after a sentence about Michael Brown, where the article means
Holder; "“This is a debate we want to have,” he said." after an ad about Obama, where it means Ryan).
Such a sentence stands only where two readings are one person: whom a reader takes its "he" to be (the
first person the sentence before it names outside quotation marks, or whom a standing "he" before it
stood for), and whom code reads its article to mean (the one speaker the article carries to its "he
said", or the first person of the nearest sentence before it naming one). Otherwise it gives way to a
sentence it cites that reads alone as whom it is about (`as_meant`'s stand-in: the summary's is in
`reconcile`), or, with none, is left out of the summary; its facts stay listed with their articles.
Code reads a person by a title ("Mr.", "Sen.") or a first and last name, and tells two apart by first
name and "Jr."; it reads no gender. Where it cannot tell, the sentence gives way or goes, as above. A
sentence saying "I" or "we" outside quotation marks with no speaker named goes wherever it stands.
"""

from __future__ import annotations

import weakref
from collections.abc import Callable, Sequence
from typing import NamedTuple

from summarizer.lang.lexicon.abbreviations import PERSON_SUFFIXES, PERSON_WORDS
from summarizer.lang.lexicon.words import QUOTE_MARKS
from summarizer.lang.names import Key, canon, key, owner, surname, titled
from summarizer.lang.quotes import folded
from summarizer.lang.reading import Reading, read, readings
from summarizer.lang.references import leans_on_person, speaks_in_first_person
from summarizer.lang.speech import referred_speaker, unquoted
from summarizer.lang.tokens import Token
from summarizer.models import Article, Claim, SummarySentence

# How far back in its article a pronoun's person may be named: a paragraph or two of "he".
BACK = 6


class Person(NamedTuple):
    """A person as a summary's reader tells two apart: surname, first name and suffix where given."""

    surname: str
    first: str | None
    suffix: str | None

    def same(self, other: Person) -> bool:
        """Whether two names may be one person: "Mr. Trump" is "Donald Trump"; "Donald Trump" is not
        "Donald Trump Jr.", while "Jackson" may be "Jesse Jackson Jr.", as its article calls him."""
        return _same(self, other.surname, other.first, other.suffix)

    def in_key(self, k: Key) -> bool:
        """Whether a speaker's name as the article carries it (its words, sorted) is this person."""
        if self.surname not in k:
            return False
        given = [w for w in k if w not in PERSON_WORDS and w not in PERSON_SUFFIXES and w != self.surname]
        suffix = next((w for w in k if w in PERSON_SUFFIXES), None)
        if self.first is not None and given:
            return self.first in given and _same(self, self.surname, self.first, suffix)
        return _same(self, self.surname, given[0] if len(given) == 1 else None, suffix)


def _same(a: Person, surname: str, first: str | None, suffix: str | None) -> bool:
    """Whether `a` may be the person so named: surnames agree, first names where both give one, and a
    suffix only one gives only where the other gives no first name ("Jackson" / "Jesse Jackson Jr.")."""
    if a.surname != surname or (a.first and first and a.first != first):
        return False
    if a.suffix == suffix:
        return True
    if a.suffix and suffix:
        return False  # "Jr." and "Sr."
    plain_first = a.first if suffix else first
    return plain_first is None


def _person(run: Sequence[Token], toks: Sequence[Token]) -> Person | None:
    """A name as a person, with the "Jr." after it, or None for a title alone."""
    last = surname(run)
    if last is None:
        return None
    after = [t for t in toks[run[-1].index + 1 : run[-1].index + 2] if t.capital]
    suffix = next((w for t in [*run, *after] if (w := canon(t.word)) in PERSON_SUFFIXES), None)
    if last == suffix and len(run) > 1:  # "Martin Luther King III": the surname is before it
        last = canon(run[-2].word)
    words = [canon(t.word) for t in run]
    given = [w for w in words if w not in PERSON_WORDS and w not in PERSON_SUFFIXES and w != last]
    return Person(last, given[0] if given else None, suffix)


def _runs(r: Reading) -> list[list[Token]]:
    """The sentence's names, and a capitalized word after a title that reads as opening a sentence
    ("Mr. Trump": the tokenizer takes the word after a period as a sentence's first, "trump" a word)."""
    runs = [list(run) for run in r.names]
    named = {t.index for run in runs for t in run}
    toks = r.tokens
    for n, t in enumerate(toks):
        if n and t.capital and t.index not in named and canon(toks[n - 1].word) in PERSON_WORDS:
            runs.append([t])
    return sorted(runs, key=lambda run: run[0].index)


def _persons(r: Reading, known: frozenset[str], *, loose: bool = False) -> list[Person]:
    """The persons a sentence names, in order: a name with a title, or one whose surname the story gives a
    person (`people`); `loose`, also any other name of two words or more. Never an owner ("Trump's
    hardline approach alienated Bloomberg")."""
    out: list[Person] = []
    for run in _runs(r):
        who = _person(run, r.tokens)
        if who is None or owner(run):
            continue
        if who.surname in known or titled(r.tokens, run) or (loose and len(run) > 1):
            out.append(who)
    return out


def people(articles: Sequence[Article]) -> frozenset[str]:
    """The surnames the story gives persons: a name with a title, or a first and last name saying
    something ("Darren Wilson said"). One word saying something may be a place ("In Ferguson, police
    said"), and is a person's only where the story names that person so elsewhere ("Holder")."""
    return frozenset(name for a in articles for r in readings(a) for name in _gives(r))


def _gives(r: Reading) -> tuple[str, ...]:
    """The surnames one sentence gives persons, read once and kept as long as its reading: a story's
    summary asks for them three times (as it is capped, checked and shown), over every sentence of its
    articles (12% of a batch's CPU when read each time)."""
    found = _GIVEN.get(r)
    if found is None:
        out: list[str] = []
        for run in _runs(r):
            who = _person(run, r.tokens)
            if who is not None and (titled(r.tokens, run) or (len(run) > 1 and key(run) in r.speakers)):
                out.append(who.surname)
        found = _GIVEN[r] = tuple(out)
    return found


_GIVEN: weakref.WeakKeyDictionary[Reading, tuple[str, ...]] = weakref.WeakKeyDictionary()


def _meant(article: Article, index: int, known: frozenset[str]) -> Person | Key | None:
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
        if not leans_on_person(r.text) and (found := _persons(r, known, loose=True)):
            return found[0]
    return None


def _plain(text: str) -> str:
    """A text as compared for a copy: folded, in lower case, with no quotation marks ('a con' / "a con")."""
    return folded(text.lower()).translate(_NO_MARKS)


_NO_MARKS = str.maketrans("", "", QUOTE_MARKS)


def _source(
    sentence: SummarySentence, claims: dict[str, Claim], articles: dict[str, Article]
) -> tuple[Article, int] | None:
    """The article sentence a summary sentence copies, among its citations (0-based): where its pronoun
    was written. Of a claim of several sentences, the one the copy holds or is held by."""
    said = _plain(sentence.text)
    for cid in sentence.citations:
        c = claims.get(cid)
        a = articles.get(c.article_id) if c is not None else None
        if c is None or a is None:
            continue
        for i in c.sentence_ids:
            own = a.sentence(i)
            text = _plain(own.text) if own is not None else ""
            if text and (said in text or text in said):
                return a, i - 1
    return None


def reads_as_meant(
    sentence: SummarySentence,
    before: Person | None,
    claims: dict[str, Claim],
    articles: dict[str, Article],
    known: frozenset[str],
) -> Person | bool:
    """Whether `sentence`, read after a sentence whose first person is `before`, names whom its article
    means: True when it leaves no one to its article, the person it means when it stands for them, else
    False."""
    said = read(sentence.text)
    leans = leans_on_person(sentence.text)
    described = referred_speaker(unquoted(sentence.text)) is not None  # "…, the company said."
    if speaks_in_first_person(sentence.text) and not (
        said.speakers or said.attributions or leans or described
    ):
        return False  # someone's "I" with no one said to say it: no place makes it theirs
    if not leans:
        return True  # ("'We will win,' he said." is a "he said": read below)
    place = _source(sentence, claims, articles)
    if before is None or place is None:
        return False  # the summary's first sentence, or the model's own "he": whom it means is unknown
    meant = _meant(*place, known)
    if isinstance(meant, Person):
        return before if before.same(meant) else False
    return before if meant is not None and before.in_key(meant) else False


def _subject(text: str, known: frozenset[str]) -> Person | None:
    """The person a reader takes a "he" after `text` to be: the first it names outside quotation marks
    ("“…,” Clinton said."), else inside them (a stand-in, all quotation)."""
    for part in (unquoted(text), text):
        if found := _persons(read(part), known, loose=True):
            return found[0]
    return None


def read_in_order(
    summary: Sequence[SummarySentence], claims: Sequence[Claim], articles: Sequence[Article]
) -> list[bool]:
    """For each sentence in order, whether it reads as whom it means after the last one that does.

    Code's own sentences (a disagreement, an attributed stand-in) always stand, and are read as what
    precedes the next. A "he" that stands passes on whom it stands for: "He and his wife …" then
    "“I did these things,” he said." both read as Jackson.
    """
    by_claim = {c.id: c for c in claims}
    by_article = {a.id: a for a in articles}
    known = people(articles)
    out: list[bool] = []
    before: Person | None = None
    for s in summary:
        got = True if s.written_by == "code" else reads_as_meant(s, before, by_claim, by_article, known)
        out.append(got is not False)
        if isinstance(got, Person):
            before = got
        elif got:
            before = _subject(s.text, known)
    return out


# Words standing in for a summary sentence that does not read as whom it means (given the summary as it
# is then), or None.
StandIn = Callable[[SummarySentence, Sequence[SummarySentence]], SummarySentence | None]


def as_meant(
    summary: Sequence[SummarySentence],
    claims: Sequence[Claim],
    articles: Sequence[Article],
    stand_in: StandIn | None = None,
) -> list[SummarySentence]:
    """The summary without the sentences that, where they stand, would name someone their article does
    not mean; each in `stand_in`'s words instead where it gives some, read again where it stands."""
    out = list(summary)
    fine = read_in_order(out, claims, articles)
    if stand_in is not None:
        # One at a time, first to last: what stands before a sentence decides how it reads. (A sentence
        # left out passes on no one, so leaving out all at once, as below, is the same.)
        for _ in range(2 * len(out)):
            if all(fine):
                break
            n = fine.index(False)
            said = stand_in(out[n], out)
            out[n : n + 1] = [said] if said is not None else []
            fine = read_in_order(out, claims, articles)
    return [s for s, ok in zip(out, fine, strict=True) if ok]
