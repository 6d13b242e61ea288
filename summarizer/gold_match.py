"""Which report claims stand for which gold facts: evidence overlap in the article, never wording.

A report claim stands for a gold quote when their evidence overlaps in the article: the claim's quote and
the gold quote share characters, or the claim cites a sentence the gold quote is in.
"""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path
from typing import Literal

from summarizer.gold import Gold
from summarizer.lang.numbers import find_numbers, find_tallies, same_value
from summarizer.lang.quotes import find_quote, normalize
from summarizer.models import Article, Claim, Report

Span = tuple[int, int]
Route = Literal["quote", "sentence"]


class Matcher:
    """Evidence overlap between report claims and gold quotes, gold letters mapped to report articles."""

    def __init__(self, report: Report, gold: Gold, *, by_sentence: bool) -> None:
        self.report = report
        self.gold = gold
        self.by_sentence = by_sentence
        self.article_of = map_articles(report.articles, gold.articles)
        self._gold_spans: dict[tuple[str, str], list[Span]] = {}
        self._claim_spans: dict[str, list[Span]] = {}

    def gold_spans(self, letter: str, quote: str) -> list[Span]:
        key = (letter, quote)
        if key not in self._gold_spans:
            article = self.article_of.get(letter)
            self._gold_spans[key] = find_quote(quote, article.text) if article else []
        return self._gold_spans[key]

    def claim_quote_spans(self, claim: Claim) -> list[Span]:
        if claim.id not in self._claim_spans:
            article = self.report.article(claim.article_id)
            self._claim_spans[claim.id] = find_quote(claim.quote, article.text) if article else []
        return self._claim_spans[claim.id]

    def route(self, claim: Claim, letter: str, quotes: Iterable[str]) -> Route | None:
        """How `claim` matches one of the gold `quotes` of article `letter`, or None."""
        article = self.article_of.get(letter)
        if article is None or claim.article_id != article.id:
            return None
        gold = [s for q in quotes for s in self.gold_spans(letter, q)]
        if not gold:
            return None
        if overlaps(self.claim_quote_spans(claim), gold):
            return "quote"
        if self.by_sentence:
            cited = [(s.start, s.end) for i in claim.sentence_ids if (s := article.sentence(i)) is not None]
            if overlaps(cited, gold):
                return "sentence"
        return None

    def item_quotes(self, item_id: str) -> dict[str, list[str]]:
        """The quotes by article letter of the gold corroborated, single-source or conflict fact `item_id`."""
        out: dict[str, list[str]] = {}
        for item in [*self.gold.corroborated, *self.gold.conflicts]:
            if item.id == item_id:
                for letter, qs in item.quotes.items():
                    out.setdefault(letter, []).extend(qs)
        for s in self.gold.single_source:
            if s.id == item_id:
                out.setdefault(s.article, []).append(s.quote)
        return out

    def claims(self, ids: Iterable[str]) -> list[Claim]:
        return [c for i in ids if (c := self.report.claim(i)) is not None]

    def covers(self, claim_ids: list[str], quotes: dict[str, list[str]]) -> bool:
        """Whether the cited claims match the gold quote of every article the gold item quotes."""
        claims = self.claims(claim_ids)
        return bool(quotes) and all(
            any(self.route(c, letter, qs) for c in claims) for letter, qs in quotes.items()
        )

    def uncovered(self, claim_ids: list[str], quotes: dict[str, list[str]]) -> list[str]:
        claims = self.claims(claim_ids)
        return [letter for letter, qs in quotes.items() if not any(self.route(c, letter, qs) for c in claims)]

    def gold_quotes_missing(self) -> list[str]:
        out: list[str] = []
        items: list[tuple[str, str, str]] = [
            (f"{section}:{item.id}", letter, q)
            for section, group in (
                ("conflict", self.gold.conflicts),
                ("corroborated", self.gold.corroborated),
                ("not_conflict", self.gold.not_conflicts),
            )
            for item in group
            for letter, qs in item.quotes.items()
            for q in qs
        ]
        items += [(f"single_source:{s.id}", s.article, s.quote) for s in self.gold.single_source]
        for where, letter, q in items:
            if letter in self.article_of and not self.gold_spans(letter, q):
                out.append(f"{where} {letter}: {q!r}")
        return out


def map_articles(articles: list[Article], gold_paths: dict[str, str]) -> dict[str, Article]:
    """Gold article letters → the report's articles: by file name, else by letter."""
    # File names first, since a report may list the same files in another order; the letter is the
    # fallback for articles given as text, and never takes an article a file name already claimed.
    by_name = {Path(a.path).name: a for a in articles if a.path}
    out: dict[str, Article] = {}
    for letter, path in gold_paths.items():
        if (a := by_name.get(Path(path).name)) is not None:
            out[letter] = a
    taken = {a.id for a in out.values()}
    for letter in gold_paths:
        if letter not in out:
            a = next((a for a in articles if a.id == letter and a.id not in taken), None)
            if a is not None:
                out[letter] = a
                taken.add(a.id)
    if not gold_paths:
        out = {a.id: a for a in articles}
    return out


def overlaps(a: list[Span], b: list[Span]) -> bool:
    """Whether any span of `a` shares a character with any span of `b`."""
    return any(s0 < e1 and s1 < e0 for s0, e0 in a for s1, e1 in b)


def stated_values(text: str) -> list[float]:
    """The values `text` states: its numbers, and both sides of a tally ("134-to-63" states 134 and 63)."""
    return [n.value for n in find_numbers(text)] + [x for t in find_tallies(text) for x in (t.high, t.low)]


def mentions(needle: str, text: str, numbers: list[float]) -> bool:
    """Whether `text` mentions `needle`: a bare number by value ('10000' is '10,000'), else as a substring."""
    found = find_numbers(needle)
    if len(found) == 1 and found[0].raw.strip() == needle.strip():
        return any(same_value(found[0].value, v) for v in numbers)
    return normalize(needle)[0].casefold() in normalize(text)[0].casefold()
