"""Single-source details inside corroborated sentences: the clause only one outlet carries.

A claim is a whole reporting sentence, so a sentence that two outlets share is "corroborated" even when
one of them adds a clause the other lacks: "Pyongyang has been coy … but it is known that … missiles
… have been sent", or "… concluded that …, according to the Ukrainian Independent Information Agency".
A reader relying on that clause needs to know it rests on one outlet. Code finds it: the sentence is
cut into clauses; the clause closest to the other outlets' sentences is the shared fact; any other
clause that names someone or states a number, and that no sentence of another article mostly shares,
becomes a claim of its own, quoting the clause verbatim, marked as part of its sentence's claim.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache

from summarizer.models import Article, Claim, Conflict, Corroboration, QuoteDrift
from summarizer.text import STOP_WORDS, WORD, attribution, find_numbers, find_quote, stem

# Where a sentence falls into clauses that can stand as facts of their own: a second sentence inside
# one quotation, a contrast ("but", "while"), a semicolon, and the attribution that opens or closes a
# sentence ("In November, X reported that …", "…, according to X"). Commas in lists, dashes,
# relative clauses and inferences ("…, suggesting that …") are not cut: their parts do not stand
# alone, and an inference is most often another outlet's fact in other words.
_CUT = re.compile(
    r"(?P<stop>(?<=[.!?])[\"”’]?\s+(?=[“\"]?[A-Z]))"  # a sentence inside the claim's sentence
    r"|;\s+"
    r"|,?\s+(?=(?:but|while|whereas|although)\s)"
    r"|,\s+(?=according to\s)"
    r"|(?:(?<=said)|(?<=says)|(?<=reported)|(?<=reports)|(?<=announced)|(?<=concluded)|(?<=noted)"
    r"|(?<=claimed)|(?<=stated)|(?<=recommended))\s+(?=that\s)",
)
MIN_WORDS = 3  # content words a clause needs to stand as a fact
MAX_SHARED = 0.5  # at or above this share of its words in one other outlet's sentence, a clause is not new
MIN_NEW = 2  # content words no other outlet's sentence has


@dataclass(frozen=True)
class Clause:
    """A clause of a sentence: its text (verbatim) and its offsets in that sentence."""

    text: str
    start: int
    end: int


_LAST_WORD = re.compile(r"(\S+)[.!?]$")
_EDGE = ' ,;“”"'  # stripped from a clause's ends: the quote keeps words, not the marks around them


def _real(m: re.Match[str]) -> bool:
    """Not a full stop after an abbreviation ("Mr.", "Rep.", "U.S."): the word before it is lowercase."""
    if not m.group("stop"):
        return True
    before = _LAST_WORD.search(m.string, 0, m.start())
    return before is not None and before.group(1)[:1].islower() and "." not in before.group(1)


def clauses(sentence: str) -> list[Clause]:
    """The sentence cut at the boundaries above, each part stripped of edge punctuation and spaces."""
    out: list[Clause] = []
    at = 0
    for m in [*filter(_real, _CUT.finditer(sentence)), None]:
        end = m.start() if m else len(sentence)
        part = sentence[at:end]
        lead = len(part) - len(part.lstrip(_EDGE))
        text = part.strip(_EDGE)
        if text:
            out.append(Clause(text, at + lead, at + lead + len(text)))
        at = m.end() if m else len(sentence)
    return out


@lru_cache(maxsize=32768)  # every sentence is held against every other outlet's clauses
def _words(text: str) -> frozenset[str]:
    return frozenset(
        {
            stem(w.replace("’", "'"))
            for m in WORD.finditer(text.replace("-", " "))
            if (w := m.group(0)).lower() not in STOP_WORDS and len(w) > 2
        }
    )


_NAME = re.compile(r"(?<=\s)(?!I\b)[A-Z][\w’'.-]+")


def checkable(text: str) -> bool:
    """Whether a clause names someone or something, or states a number: a fact a checker can chase."""
    return bool(find_numbers(text)) or bool(_NAME.search(text))


def _members(group: Corroboration, by_id: dict[str, Claim]) -> list[Claim]:
    """The group's claims that exist."""
    return [c for i in group.claim_ids if (c := by_id.get(i)) is not None]


def _sentence_text(by_article: dict[str, Article], claim: Claim) -> str:
    article = by_article.get(claim.article_id)
    if article is None:
        return claim.quote
    return (
        " ".join(s.text for i in claim.sentence_ids if (s := article.sentence(i)) is not None) or claim.quote
    )


def details(
    articles: Sequence[Article],
    claims: Sequence[Claim],
    corroborated: Sequence[Corroboration],
    conflicts: Sequence[Conflict],
    drift: Sequence[QuoteDrift],
    taken: set[str],
) -> list[Claim]:
    """One claim per clause of a corroborated claim's sentence that no other article carries."""
    by_id = {c.id: c for c in claims}
    by_article = {a.id: a for a in articles}
    # Each sentence's words once: with many articles, every clause is held against all the others'.
    words_of = {a.id: [_words(s.text) for s in a.sentences] for a in articles}
    # A clause inside a disputed figure's quote, or a quotation worded differently elsewhere, is the
    # conflict's or the drift's to show, not a detail.
    disputed: dict[str, list[tuple[int, int]]] = {}
    quoted = [(c.article_id, c.quote) for g in conflicts for i in g.claim_ids if (c := by_id.get(i))]
    quoted += [(w.article_id, w.text) for g in drift for w in g.wordings]
    for article_id, quote in quoted:
        if article_id in by_article:
            disputed.setdefault(article_id, []).extend(find_quote(quote, by_article[article_id].text))
    out: list[Claim] = []
    seen: set[tuple[str, int, int]] = set()
    for group in corroborated:
        for cid in group.claim_ids:
            claim = by_id.get(cid)
            if claim is None or claim.article_id not in by_article or len(claim.sentence_ids) != 1:
                continue
            article = by_article[claim.article_id]
            sentence = article.sentence(claim.sentence_ids[0])
            if sentence is None:
                continue
            parts = clauses(sentence.text)
            if len(parts) < 2:
                continue
            # The clause closest to the other outlets' sentences in the group is the shared fact itself.
            partners = frozenset().union(
                *(
                    _words(_sentence_text(by_article, p))
                    for p in _members(group, by_id)
                    if p.article_id != claim.article_id
                )
            )
            shared = max(parts, key=lambda p: len(_words(p.text) & partners))
            k = 0
            for part in parts:
                if part is shared:
                    continue
                key = (article.id, sentence.start + part.start, sentence.start + part.end)
                words = _words(part.text)
                if key in seen or len(words) < MIN_WORDS or not checkable(part.text):
                    continue
                others = (o for b, bags in words_of.items() if b != article.id for o in bags)
                best = max(others, key=lambda o: len(words & o), default=frozenset())
                new = words - best
                if len(words & best) >= MAX_SHARED * len(words) or len(new) < MIN_NEW:
                    continue
                if any(s < key[2] and key[1] < e for s, e in disputed.get(article.id, [])):
                    continue
                seen.add(key)
                k += 1
                detail_id = f"{claim.id}.{k}"
                while detail_id in taken:
                    k += 1
                    detail_id = f"{claim.id}.{k}"
                taken.add(detail_id)
                out.append(
                    Claim(
                        id=detail_id,
                        article_id=article.id,
                        statement=part.text,
                        asserted_by=attribution(part.text) or claim.asserted_by,
                        kind="other",
                        quote=part.text,
                        sentence_ids=list(claim.sentence_ids),
                        verified=True,
                        found_by="cross-check",
                        part_of=claim.id,
                    )
                )
    return out
