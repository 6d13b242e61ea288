"""Model-independent cross-checks: numbers that disagree across articles, and claims two articles share.

Each number in each sentence gets a context: the content words near it, weighted by how rare
they are in this event's articles. Two mentions from different articles are a pair when each is
the other's most similar mention and the similarity clears a threshold; a pair whose values cannot
both hold ("10,000 followers" against "over 100,000 subscribers") is a conflict. Words pair, numbers decide.

Corroboration works the same way one level up: two verified claims from different articles whose
cited sentences are each other's most similar (rare words weighing most) state the same fact.
"""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass
from typing import TypeVar

from summarizer.models import Article, Claim, Conflict, Corroboration, Quantity
from summarizer.text import STOP_WORDS as _STOP
from summarizer.text import WORD as _WORD
from summarizer.text import Number, find_numbers, same_value
from summarizer.text import stem as _stem

WINDOW = 12
THRESHOLD = 0.1
CORROBORATION_THRESHOLD = 0.2


@dataclass(frozen=True)
class Mention:
    """A number in a sentence of an article, with the words around it."""

    article_id: str
    sentence_id: int
    number: Number
    sentence_text: str
    words: dict[str, float]


def _context(text: str, number: Number) -> dict[str, float]:
    """Content words near the number, weighted by nearness: the counted noun sits next to it."""
    before = [m.group(0) for m in _WORD.finditer(text[: number.start])][-WINDOW:]
    after = [m.group(0) for m in _WORD.finditer(text[number.end :])][:WINDOW]
    placed = [(w, len(before) - i) for i, w in enumerate(before)] + [(w, i + 1) for i, w in enumerate(after)]
    words: dict[str, float] = {}
    for w, distance in placed:
        if w.lower() in _STOP or len(w) < 2:
            continue
        stem = _stem(w)
        words[stem] = max(words.get(stem, 0.0), 1.0 / (1.0 + distance / 3.0))
    return words


def mentions(articles: list[Article]) -> list[Mention]:
    """Every number mention of every sentence, years included (they pair only with years)."""
    out: list[Mention] = []
    for a in articles:
        for s in a.sentences:
            for n in find_numbers(s.text):
                out.append(Mention(a.id, s.id, n, s.text, _context(s.text, n)))
    return out


def _idf(articles: list[Article]) -> dict[str, float]:
    docs = [
        frozenset(_stem(w.group(0)) for w in _WORD.finditer(s.text)) for a in articles for s in a.sentences
    ]
    df: Counter[str] = Counter(w for d in docs for w in d)
    n = len(docs)
    return {w: math.log((n + 1) / (c + 0.5)) for w, c in df.items()}


def similarity(a: Mention, b: Mention, idf: dict[str, float]) -> float:
    """Weighted Jaccard of two mentions' context words, each word weighted by rarity and nearness."""
    union = a.words.keys() | b.words.keys()
    top = sum(idf.get(w, 1.0) * min(a.words.get(w, 0.0), b.words.get(w, 0.0)) for w in union)
    bottom = sum(idf.get(w, 1.0) * max(a.words.get(w, 0.0), b.words.get(w, 0.0)) for w in union)
    return top / bottom if bottom else 0.0


T = TypeVar("T")


def mutual_best(
    items: list[T], article_of: Callable[[T], str], score: Callable[[T, T], float], threshold: float
) -> list[tuple[T, T, float]]:
    """Pairs from different articles that are each other's most similar item, scoring at least `threshold`."""
    found: list[tuple[T, T, float]] = []
    ids = list(dict.fromkeys(article_of(item) for item in items))
    for i, x in enumerate(ids):
        for y in ids[i + 1 :]:
            xs = [m for m in items if article_of(m) == x]
            ys = [m for m in items if article_of(m) == y]
            scores = {(p, q): score(xs[p], ys[q]) for p in range(len(xs)) for q in range(len(ys))}
            for p in range(len(xs)):
                q = max(range(len(ys)), key=lambda j: scores[(p, j)])
                if scores[(p, q)] < threshold:
                    continue
                if max(range(len(xs)), key=lambda r: scores[(r, q)]) != p:
                    continue  # not mutual: the other side has a closer partner
                found.append((xs[p], ys[q], scores[(p, q)]))
    return found


def disagreements(articles: list[Article]) -> list[tuple[Mention, Mention, float]]:
    """Mutually most similar number mentions from different articles whose values cannot both hold."""
    idf = _idf(articles)
    pairs = mutual_best(mentions(articles), lambda m: m.article_id, lambda a, b: _score(a, b, idf), THRESHOLD)
    return [(x, y, s) for x, y, s in pairs if not x.number.compatible(y.number)]


def _score(a: Mention, b: Mention, idf: dict[str, float]) -> float:
    if a.number.is_year != b.number.is_year or a.number.is_percent != b.number.is_percent:
        return 0.0
    return similarity(a, b, idf)


def conflicts(articles: list[Article], claims: list[Claim]) -> tuple[list[Conflict], list[Claim]]:
    """Conflicts the cross-check finds, citing the model's claim for a mention where one covers it,
    else a new claim quoting the sentence (marked as found by the cross-check)."""
    out: list[Conflict] = []
    new_claims: list[Claim] = []
    for mx, my, _ in disagreements(articles):
        ids = []
        for m in (mx, my):
            claim = _covering_claim(m, claims + new_claims)
            if claim is None:
                taken = {c.id for c in claims + new_claims}
                claim = _sentence_claim(m, articles, taken)
                new_claims.append(claim)
            ids.append(claim.id)
        x_words = _excerpt(mx)
        y_words = _excerpt(my)
        out.append(
            Conflict(
                description=(
                    f"The numbers differ: {mx.article_id} says “{x_words}”, {my.article_id} says “{y_words}”."
                ),
                claim_ids=ids,
                found_by="cross-check",
            )
        )
    return out, new_claims


def _covering_claim(m: Mention, claims: list[Claim]) -> Claim | None:
    for c in claims:
        if c.article_id != m.article_id or not c.verified or m.sentence_id not in c.sentence_ids:
            continue
        if any(same_value(n.value, m.number.value) for n in find_numbers(c.quote)):
            return c
    return None


def _excerpt(m: Mention) -> str:
    # The words around the number, cut at word boundaries, verbatim from the sentence.
    text = m.sentence_text
    words = list(_WORD.finditer(text))
    before = [w for w in words if w.end() <= m.number.start][-5:]
    after = [w for w in words if w.start() >= m.number.end][:4]
    start = before[0].start() if before else m.number.start
    end = after[-1].end() if after else m.number.end
    return text[start:end].strip()


def _sentence_claim(m: Mention, articles: list[Article], taken: set[str]) -> Claim:
    article = next(a for a in articles if a.id == m.article_id)
    claim_id, k = f"{article.id}.s{m.sentence_id}", 1
    while claim_id in taken:
        k += 1
        claim_id = f"{article.id}.s{m.sentence_id}-{k}"
    return Claim(
        id=claim_id,
        article_id=article.id,
        statement=m.sentence_text,
        asserted_by="the outlet",
        kind="number",
        quote=_excerpt(m),
        sentence_ids=[m.sentence_id],
        quantities=[
            Quantity(
                what=" ".join(sorted(m.words, key=lambda w: -m.words[w])[:4]),
                value=m.number.value,
                qualifier=m.number.qualifier,
            )
        ],
        verified=True,
        found_by="cross-check",
    )


def _bag(text: str) -> Counter[str]:
    return Counter(
        _stem(w.group(0))
        for w in _WORD.finditer(text)
        if w.group(0).lower() not in _STOP and len(w.group(0)) > 2
    )


def _cosine(x: Counter[str], y: Counter[str], idf: dict[str, float]) -> float:
    top = sum(idf.get(w, 1.0) ** 2 * x[w] * y[w] for w in x.keys() & y.keys())
    norm_x = math.sqrt(sum((idf.get(w, 1.0) * v) ** 2 for w, v in x.items()))
    norm_y = math.sqrt(sum((idf.get(w, 1.0) * v) ** 2 for w, v in y.items()))
    return top / (norm_x * norm_y) if norm_x and norm_y else 0.0


def corroborations(articles: list[Article], claims: list[Claim]) -> list[Corroboration]:
    """Pairs of verified claims from different articles whose cited sentences say the same thing."""
    by_id = {a.id: a for a in articles}
    idf = _idf(articles)

    def evidence(c: Claim) -> str:
        article = by_id[c.article_id]
        return " ".join(s.text for i in c.sentence_ids if (s := article.sentence(i)) is not None)

    usable = [c for c in claims if c.verified and c.article_id in by_id]
    bags = {c.id: _bag(evidence(c)) for c in usable}
    pairs = mutual_best(
        usable,
        lambda c: c.article_id,
        lambda a, b: _cosine(bags[a.id], bags[b.id], idf),
        CORROBORATION_THRESHOLD,
    )
    return [
        Corroboration(fact=a.statement, claim_ids=[a.id, b.id], found_by="cross-check")
        for a, b, _ in pairs
        if _numbers_agree(a, b)
    ]


def _numbers_agree(a: Claim, b: Claim) -> bool:
    """Claims whose quotes state numbers that cannot both hold are a conflict, never a corroboration."""
    return all(
        m.compatible(n)
        for m in find_numbers(a.quote)
        for n in find_numbers(b.quote)
        if m.is_year == n.is_year
    )
