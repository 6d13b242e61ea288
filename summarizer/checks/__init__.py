"""The deterministic grounding check: what a written sentence says that its source sentences do not.

Pure and deterministic, no model and no I/O. A reader acts on a pass, so the rules are strict where a
slip changes the facts (numbers and their hedges, dates, negation, names, who did what to whom, who
said it, new content words) and tolerant only of what does not: function words, inflection,
hyphenation, possessives, word order and a small curated table of synonyms. One module per kind of
check, each registered in `registry.CHECKS`; a check reads the sentence's `Reading` and its
evidence's, never raw text.

Decisions a careful editor would make, written down (each check's module says more):
- A number must be stated by the sources with the same value, unit and a hedge they allow.
- A share of a group may not be stronger than the one the sources give that group.
- What the sources state only under a hedge may not be stated as fact.
- Omitting an attribution is not flagged; naming the wrong speaker is.
- A demonym stands for its country word by word ("Ukrainian forces" ~ "forces of Ukraine"). This
  also lets "a Ukrainian analyst" pass against "an analyst in Ukraine", nationality for location: the
  price of not parsing, and named here so nobody relies on it.
- A content word that neither the sources nor the synonym table supply is unsupported.
"""

from summarizer.checks.registry import CHECKS, CONTRADICTING, HARD, KINDS, supported, unsupported
from summarizer.checks.selection import best_evidence

__all__ = ["CHECKS", "CONTRADICTING", "HARD", "KINDS", "best_evidence", "supported", "unsupported"]
