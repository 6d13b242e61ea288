"""Pairs across articles: mutual bests by similarity, figures of the same thing, and groups of pairs."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass

import numpy as np
from numpy.typing import NDArray

from summarizer.align.figures import Figure, compatible, figures, same_thing
from summarizer.align.scoring import LexicalScorer, Scorer, idf, matrix
from summarizer.lang.tokens import content_words
from summarizer.models import Article


def mutual_best(
    labels: Sequence[str], sim: NDArray[np.float32], threshold: float
) -> list[tuple[int, int, float]]:
    """Index pairs (i, j) from different articles that are each other's best in the other's article."""
    order = list(dict.fromkeys(labels))
    where = {a: np.array([i for i, x in enumerate(labels) if x == a]) for a in order}
    found: list[tuple[int, int, float]] = []
    for n, x in enumerate(order):
        xs = where[x]
        for y in order[n + 1 :]:
            ys = where[y]
            block = sim[np.ix_(xs, ys)]
            if block.size == 0 or float(block.max()) < threshold:
                continue
            row_best = block.argmax(axis=1)
            col_best = block.argmax(axis=0)
            for p, q in enumerate(row_best):
                score = float(block[p, q])
                if score >= threshold and col_best[q] == p:
                    found.append((int(xs[p]), int(ys[q]), score))
    return found


def best_pairs(
    labels: Sequence[str], sim: NDArray[np.float32], threshold: float, near: float = 1.0
) -> list[tuple[int, int, float]]:
    """Mutual bests, plus each item's best in every other article, and any within `near` of that best
    (`LexicalScorer.near`), when it clears the bar.

    A sentence often carries two facts that another outlet states in two sentences ("blew up a SAM after
    mistaking it for Ukraine's"): mutual-best alone gives it one partner and loses the other fact.
    Complete link (`facts_by_meaning`) then decides which pairs make one fact.
    Figures keep to mutual bests (figure_pairs), where a wrong pair would be a false conflict.
    """
    found = mutual_best(labels, sim, threshold)
    have = {(i, j) for i, j, _ in found}
    order = list(dict.fromkeys(labels))
    where = {a: np.array([i for i, x in enumerate(labels) if x == a]) for a in order}
    # Every item's best score in each article at once (one max per article, not per item and article).
    best = {b: sim[:, where[b]].max(axis=1).tolist() for b in order}
    for i, a in enumerate(labels):
        for b in order:
            top = best[b][i]
            if b == a or top < threshold:
                continue
            ys = where[b]
            for j in ys[sim[i, ys].astype(np.float64) >= max(threshold, near * top)].tolist():
                score = float(sim[i, j])
                pair = (min(i, j), max(i, j))
                if pair not in have:
                    have.add(pair)
                    found.append((*pair, score))
    return found


class Groups:
    """Union-find over item indices: pairs join into one group per fact."""

    def __init__(self, n: int) -> None:
        self.parent = list(range(n))

    def find(self, i: int) -> int:
        while self.parent[i] != i:
            self.parent[i] = self.parent[self.parent[i]]
            i = self.parent[i]
        return i

    def join(self, i: int, j: int) -> None:
        a, b = self.find(i), self.find(j)
        if a != b:
            self.parent[max(a, b)] = min(a, b)

    def groups(self, members: Iterable[int]) -> list[list[int]]:
        out: dict[int, list[int]] = {}
        for i in members:
            out.setdefault(self.find(i), []).append(i)
        return sorted(out.values(), key=lambda g: g[0])


# A pair joins a fact already holding one of its two items only if the other is at least this share of the
# pairing bar similar to every member: complete link, so a fact cannot drift along a chain of neighbours.
JOIN = 0.75


def facts_by_meaning(
    pairs: Sequence[tuple[str, str]],
    article: Callable[[str], str],
    similar: Callable[[str, str], float],
    bar: float,
) -> list[list[str]]:
    """Items grouped into facts: at most one per article, every member near every other.

    `pairs` are taken in order (best first). A pair joins a fact holding one of its items when the
    other's article is not in it yet and the other is at least JOIN × `bar` similar to each member;
    otherwise it is a fact of its own. An item may sit in several facts: a sentence often carries two.
    Union-find over the same pairs chained sentences of one topic into "facts" of up to 16 sentences,
    half of whose pairs stated different facts (BENCHMARKS §3).
    """
    facts: list[list[str]] = []
    for a, b in pairs:
        if any(a in f and b in f for f in facts):
            continue
        for f in facts:
            joined = next(
                (
                    new
                    for old, new in ((a, b), (b, a))
                    if old in f
                    and article(new) not in {article(x) for x in f}
                    and all(similar(new, x) >= JOIN * bar for x in f)
                ),
                None,
            )
            if joined is not None:
                f.append(joined)
                break
        else:
            facts.append([a, b])
    # Copies of one story fill one fact from two ends: a fact inside another says nothing more.
    sets = [frozenset(f) for f in facts]
    return [
        f
        for n, f in enumerate(facts)
        if not any(sets[n] < o or (sets[n] == o and m < n) for m, o in enumerate(sets))
    ]


FIGURE_THRESHOLD = 0.08


@dataclass
class FigurePair:
    """Two figures from different articles that count the same thing, and whether they agree."""

    a: Figure
    b: Figure
    score: float
    agree: bool


def figure_pairs(
    articles: Sequence[Article], scorer: Scorer | None = None, figs: Sequence[Figure] | None = None
) -> list[FigurePair]:
    """Mutually best pairs of figures that count the same thing, each marked agreeing or not.

    `figs`: the articles' figures, when the caller has read them already.
    """
    figs = [f for a in articles for f in figures(a)] if figs is None else list(figs)
    if len(figs) < 2:
        return []
    corpus = [s.text for a in articles for s in a.sentences]
    weights = idf(corpus)
    vec = matrix([dict(f.context) for f in figs], weights)
    sim = vec @ vec.T
    if scorer is not None and not isinstance(scorer, LexicalScorer):
        # Meaning helps pair sentences that word differently; the figure's own words still weigh half.
        sentences = sorted({f.sentence for f in figs})
        index = {s: i for i, s in enumerate(sentences)}
        emb = scorer.vectors(sentences, corpus)
        rows = np.array([index[f.sentence] for f in figs])
        sim = 0.5 * sim + 0.5 * (emb @ emb.T)[np.ix_(rows, rows)]
    words = {s: content_words(s) for s in {f.sentence for f in figs}}
    # Only candidates above the bar are checked for counting the same thing (sparse, cached per text).
    cache: dict[tuple[tuple[str, int], tuple[str, int]], bool] = {}
    cand = np.argwhere(sim >= FIGURE_THRESHOLD)
    mask = np.zeros_like(sim)
    for i, j in cand:
        if i >= j or figs[i].article_id == figs[j].article_id:
            continue
        key = (figs[i].key, figs[j].key)
        ok = cache.get(key)
        if ok is None:
            ok = cache[key] = same_thing(figs[i], figs[j], words[figs[i].sentence], words[figs[j].sentence])
        if ok:
            mask[i, j] = mask[j, i] = 1.0
    sim = sim * mask
    pairs = mutual_best([f.article_id for f in figs], sim.astype(np.float32), FIGURE_THRESHOLD)
    return [FigurePair(figs[i], figs[j], s, compatible(figs[i], figs[j])) for i, j, s in pairs]
