"""Summary sentences that say again what one above them says, to be left out.

Two groups of one fact, a headline and the lead it heads, or a model sentence and a source sentence
standing in for another, each pass their checks and are shown twice: "Leading Democrats called Friday
for President Trump to cancel his meeting …" under "The Democrats urge President Trump to cancel his
meeting …". An editor keeps the first (the higher ranked) and drops the second, unless it adds a figure.
"""

from __future__ import annotations

from collections.abc import Sequence

from summarizer.lang.numbers import find_numbers
from summarizer.lang.tokens import content_words

# The share of a sentence's content words one sentence above must hold for it to say nothing new. Over
# the 27 recorded BASIL summaries, 12 sentences hold 0.6 or more of one above, each a repeat to an
# editor; the highest below it (0.56, 0.50, 0.45) were a repeat, a new fact and a repeat.
REPEATS = 0.6


def arranged(texts: Sequence[str], keep: Sequence[bool] = ()) -> tuple[list[int], dict[int, int]]:
    """The sentences to show (indices, in order), and for each one left out the one that says it instead.

    Of two sentences that say the same, the fuller is shown (it holds more of the other than the other
    holds of it), at the place of the first: "President Trump said Thursday he is “very close” to naming
    a new FBI director …" rather than "President Trump is close to naming a new FBI director …" above it.
    `keep`: sentences never left out (a disagreement code wrote says what no other sentence says). A
    sentence giving a figure the other does not ("It takes two-thirds of the Senate to override a veto"
    under "The Senate voted 97-1 to override …") says something new.
    """
    words = [content_words(t) for t in texts]
    shown: list[int] = []
    instead: dict[int, int] = {}
    for i, w in enumerate(words):
        held = [(len(w & words[j]) / len(w), n) for n, j in enumerate(shown)] if w else []
        share, n = max(held, default=(0.0, -1))
        if (keep and keep[i]) or share < REPEATS or _new_figure(texts[i], texts[shown[n]]):
            shown.append(i)
            continue
        j = shown[n]
        if len(w) > len(words[j]) and not (keep and keep[j]) and not _new_figure(texts[j], texts[i]):
            shown[n], instead[j] = i, i  # the fuller one, at the first one's place
        else:
            instead[i] = j
    return shown, instead


def _new_figure(text: str, above: str) -> bool:
    """Whether a sentence gives a number the one above does not."""
    theirs = {(n.value, n.is_percent) for n in find_numbers(above) if not n.is_year}
    return any((n.value, n.is_percent) not in theirs for n in find_numbers(text) if not n.is_year)
