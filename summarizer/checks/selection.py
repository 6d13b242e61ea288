"""Which source sentences to check a sentence against, where it cites none (a draft someone wrote)."""

from __future__ import annotations

import math
from collections.abc import Sequence

from summarizer.lang.reading import Reading, as_reading


def best_evidence(text: Reading | str, sentences: Sequence[Reading | str], k: int = 3) -> list[int]:
    """Indexes of the sentences that best support `text` (for checking a draft that cites nothing)."""
    sentence, read = as_reading(text), [as_reading(s) for s in sentences]
    want = [t for t in sentence.tokens if t.content]
    if not want or not read:
        return []
    pools = [frozenset().union(*(t.forms for t in r.tokens)) for r in read]
    values = [{n.measure()[0] for n in r.numbers} for r in read]
    # Rare words weigh most: a sentence sharing "Kovalenko" says more than one sharing "Russia".
    weight = {
        i: math.log((1 + len(sentences)) / (1 + sum(1 for p in pools if t.meanings & p))) + 1.0
        for i, t in enumerate(want)
    }
    wanted_numbers = {n.measure()[0] for n in sentence.numbers}
    chosen: list[int] = []
    covered: set[int] = set()
    covered_numbers: set[float] = set()
    while len(chosen) < k:
        best, best_gain = -1, 0.0
        for j, pool in enumerate(pools):
            if j in chosen:
                continue
            gain = sum(weight[i] for i, t in enumerate(want) if i not in covered and t.meanings & pool)
            gain += 2.0 * len((wanted_numbers - covered_numbers) & values[j])
            if gain > best_gain:
                best, best_gain = j, gain
        if best < 0:
            break
        chosen.append(best)
        covered |= {i for i, t in enumerate(want) if t.meanings & pools[best]}
        covered_numbers |= wanted_numbers & values[best]
    return chosen
