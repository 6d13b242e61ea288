"""The claim store: the report's claims plus the ones the cross-check adds to cite what it found."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Literal

from summarizer.align.figures import Figure
from summarizer.lang.lexicon.saying import NOT_A_SURNAME
from summarizer.lang.quotes import find_quote
from summarizer.lang.speech import attribution
from summarizer.lang.tokens import WORD
from summarizer.models import Article, Claim, Quantity


@dataclass
class Claims:
    """The report's claims plus the ones the cross-check adds, with fresh ids."""

    articles: dict[str, Article]
    claims: list[Claim]
    extra: list[Claim] = field(default_factory=list)
    taken: set[str] = field(default_factory=set)

    def __post_init__(self) -> None:
        self.taken = {c.id for c in self.claims}

    def covering(self, article_id: str, span: tuple[int, int], sentence_ids: set[int]) -> Claim | None:
        """A verified claim of this article whose quote overlaps `span` (article offsets)."""
        article = self.articles[article_id]
        for c in self.claims + self.extra:
            if c.article_id != article_id or not c.verified or not sentence_ids & set(c.sentence_ids):
                continue
            if any(s < span[1] and span[0] < e for s, e in find_quote(c.quote, article.text)):
                return c
        return None

    def add(self, article_id: str, sentence_ids: list[int], quote: str, **fields: object) -> Claim:
        """A new claim quoting the article, found by the cross-check."""
        base = f"{article_id}.s{sentence_ids[0]}"
        claim_id, k = base, 1
        while claim_id in self.taken:
            k += 1
            claim_id = f"{base}-{k}"
        self.taken.add(claim_id)
        claim = Claim.model_validate(
            {
                "id": claim_id,
                "article_id": article_id,
                "quote": quote,
                "sentence_ids": sentence_ids,
                "verified": True,
                "found_by": "cross-check",
                **fields,
            }
        )
        self.extra.append(claim)
        return claim

    def for_figure(self, f: Figure) -> Claim:
        """The claim standing for a figure: the model's if one quotes it, else a new one."""
        article = self.articles[f.article_id]
        sentence = article.sentence(f.sentence_id)
        offset = sentence.start if sentence is not None else 0
        span = (offset + f.start, offset + f.end)
        found = self.covering(f.article_id, span, {f.sentence_id})
        if found is not None:
            return found
        return self.add(
            f.article_id,
            [f.sentence_id],
            _quotable(f),
            statement=f.sentence,
            asserted_by=attribution(f.sentence) or "the outlet",
            kind="number",
            quantities=[
                Quantity(
                    what=" ".join(sorted(f.thing)) or "count",
                    value=f.value,
                    qualifier=_QUANTITY_QUALIFIER.get(f.qualifier, "exact"),
                )
            ],
        )


_QUANTITY_QUALIFIER: dict[str, Literal["exact", "about", "over", "under"]] = {
    "exact": "exact",
    "about": "about",
    "over": "over",
    "under": "under",
    "max": "under",
}


def _quotable(f: Figure) -> str:
    """A verbatim quote for a figure of at least two words (the evidence rules ask for that)."""
    text = f.excerpt()
    if len(text.split()) >= 2 and len(text) >= 8:
        return text
    words = list(WORD.finditer(f.sentence))
    before = [w for w in words if w.end() <= f.start][-3:]
    start = before[0].start() if before else f.start
    return f.sentence[start : max(f.end, start + 8)].strip(" ,;:")


def article_order(article_id: str) -> tuple[int, str]:
    return (len(article_id), article_id)


def surname(name: str) -> str | None:
    words = [w for w in re.findall(r"[\w’'-]+", name) if w.lower() not in NOT_A_SURNAME]
    if not words or name.strip().lower() == "the outlet":
        return None
    return str(words[-1]).casefold()
