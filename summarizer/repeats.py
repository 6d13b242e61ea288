"""Summary sentences that say again what another says, to be shown once.

Two groups of one fact, a headline and the lead it heads, or a model sentence and a source sentence
standing in for another, each pass their checks and are shown twice: "Leading Democrats called Friday
for President Trump to cancel his meeting …" under "The Democrats urge President Trump to cancel his
meeting …". An editor keeps one. A sentence is a repeat only where the other says it, as the checks
read it: sharing words is not enough ("Clinton never sent classified emails." is no repeat of "Clinton
sent classified emails …", nor "Trump fired Comey." of "Trump met Comey …").
"""

from __future__ import annotations

from collections.abc import Sequence

from summarizer.checks import supported
from summarizer.lang.reading import reading_of
from summarizer.lang.references import leans_on_article, opens_with_reference
from summarizer.lang.speakers import quoted_spans
from summarizer.lang.tokens import WORD

# The share of a sentence's content words another must hold for it to say nothing new, and how many at
# least: a short sentence shares its names with any other about the same people. Over the 27 recorded
# BASIL summaries, 12 sentences hold 0.6 or more of one above, each a repeat to an editor; the highest
# below (0.56, 0.50, 0.45) were a repeat, a new fact and a repeat.
REPEATS = 0.6
MIN_HELD = 4


def arranged(texts: Sequence[str], keep: Sequence[bool] = ()) -> tuple[list[int], dict[int, int]]:
    """The sentences to show (indices, in order), and for each one left out the one shown that says it.

    Of two sentences sharing most of the shorter one's content words, where the checks find nothing at
    all in one against the other, the one saying more is shown at the place of the first ("President
    Trump said Thursday he is “very close” to naming a new FBI director …" rather than "President Trump
    is close to naming a new FBI director …"), unless it opens with what only its article names ("He
    urged Trump …" never takes the place of "Schumer urged Trump …").
    `keep`: sentences never left out (a disagreement code wrote says what no other sentence says).
    """
    words = [reading_of(t).content_words for t in texts]
    shown: list[int] = []
    instead: dict[int, int] = {}
    for i, w in enumerate(words):
        # The shown sentence sharing most of the shorter one's words (either may say the other).
        held = [
            (len(w & words[j]) / min(len(w), len(words[j])), n) for n, j in enumerate(shown) if w and words[j]
        ]
        close = [
            n
            for share, n in sorted(held, reverse=True)
            if share >= REPEATS and len(w & words[shown[n]]) >= MIN_HELD
        ]
        if not close or (keep and keep[i]):
            shown.append(i)
            continue
        n = close[0]
        j = shown[n]
        if _says(texts[i], texts[j]) and not (keep and keep[j]) and not _refers(texts[i], texts[j]):
            shown[n] = i  # it says all the other does, and more or as much: at the first one's place
            instead = {k: i if v == j else v for k, v in instead.items()} | {j: i}
        elif _says(texts[j], texts[i]):
            instead[i] = j
        else:
            shown.append(i)
    return shown, instead


def _says(shown: str, other: str) -> bool:
    """Whether `shown` says `other`: the checks find nothing in `other` against it.

    Not even one word: "Police released the suspect" is no repeat of "Police arrested the suspect".
    """
    return supported(other, [shown])


def _refers(text: str, instead_of: str) -> bool:
    """Whether `text` opens with a reference its article resolves where `instead_of` does not."""
    return opens_with_reference(text) and not opens_with_reference(instead_of)


# A sentence whose words are at least this share someone's quoted words is theirs, not the news.
QUOTED_LEAD = 0.5


def news_first(order: Sequence[int], texts: Sequence[str], keep: Sequence[bool] = ()) -> list[int]:
    """`order` led by its first sentence in a reporter's voice that stands alone; the rest in their order.

    Where a speaker's words ("“I trust in God,” Mr. Obama said, “but …”") or a sentence only its article
    resolves ("“I don't welcome leaks,” he said.") would lead. `keep`: code's sentences, never moved
    to the front.
    """
    order = list(order)
    if not order or not _not_a_lead(texts[order[0]]):
        return order
    for n, i in enumerate(order):
        if not (keep and keep[i]) and not _not_a_lead(texts[i]):
            return [i, *order[:n], *order[n + 1 :]]
    return order


def _not_a_lead(text: str) -> bool:
    """Whether a sentence is mostly someone's quoted words, or names someone only its article names."""
    spans = quoted_spans(text)
    words = [m.start() for m in WORD.finditer(text)]
    quoted = sum(1 for w in words if any(a <= w < b for a, b in spans))
    return leans_on_article(text) or (bool(words) and quoted / len(words) >= QUOTED_LEAD)
