"""Line claims up across articles: pair by meaning, decide by numbers (or a judge), one group per fact.

Three steps, all deterministic unless a `decide` judge is plugged in:

1. Pair. A `Scorer` turns texts into unit vectors (idf-weighted words by default, sentence embeddings
   with `summarizer.embed`), computed once per run; two items from different articles are a pair when
   each is the other's most similar item in that article and the similarity clears the scorer's bar.
2. Decide. Numbers decide where they can: two figures are compared only when they count the same
   thing (same kind of quantity, the counted words and any names agree, no clashing verbs such as
   "killed"/"injured"). Embeddings pair; numbers (and a judge) decide.
3. Group. Figures of one thing join into one group, so a disagreement among many outlets is one
   `Conflict` with one `Side` per version. Sentences that agree join into facts of at most one
   sentence an outlet, each near every other (complete link, `pairing.facts_by_meaning`): an agreement
   is one `Corroboration` listing every article, and a sentence carrying two facts feeds two.

Facts, not only sentences, are aligned: a distinctive figure (a vote tally, a sum of money, a date, a
count with what it counts) that several outlets print for the same thing is one `Corroboration`,
whatever else their sentences say, and a sentence may feed several such groups (`facts`).

Quotations are handled apart: the same speaker quoted in different words by different outlets is a
`QuoteDrift`, both wordings verbatim with the differing word spans marked.

One module per step: `scoring` (vectors), `figures` (numbers as quantities), `facts` (figures shared
across outlets), `pairing`, `store` (the claims it cites), `groups` (deciding and grouping, and `align`
itself), `drift` (quotations).
"""

from __future__ import annotations

from summarizer.align.drift import DRIFT_SIMILARITY, MIN_DRIFT_WORDS, Quoted, quotations, quote_drift
from summarizer.align.facts import distinctive, fact_groups, same_fact
from summarizer.align.figures import Figure, compatible, figures, same_thing, sentence_figures
from summarizer.align.groups import Alignment, Decide, PairVerdict, aalign, align
from summarizer.align.pairing import FIGURE_THRESHOLD, FigurePair, best_pairs, figure_pairs, mutual_best
from summarizer.align.scoring import LexicalScorer, Scorer, Vectors, idf

__all__ = [
    "DRIFT_SIMILARITY",
    "FIGURE_THRESHOLD",
    "MIN_DRIFT_WORDS",
    "Alignment",
    "Decide",
    "Figure",
    "FigurePair",
    "LexicalScorer",
    "PairVerdict",
    "Quoted",
    "Scorer",
    "Vectors",
    "aalign",
    "align",
    "best_pairs",
    "compatible",
    "distinctive",
    "fact_groups",
    "figure_pairs",
    "figures",
    "idf",
    "mutual_best",
    "quotations",
    "quote_drift",
    "same_fact",
    "same_thing",
    "sentence_figures",
]
