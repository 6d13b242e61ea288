"""The evidence rules: whether a claim's sentence ids and verbatim quote hold in its article.

Pure and deterministic; used by the answer schemas' validators (schemas.py) and by verify.py alike, so the
rule a model's answer is held to is the rule a report is checked with.
"""

from __future__ import annotations

from typing import Protocol

from summarizer.lang.injection import injection_marker
from summarizer.lang.numbers import find_numbers, same_value
from summarizer.lang.quotes import find_quote, quote_problem, whole_words
from summarizer.models import Article


class Evidenced(Protocol):
    """Anything that cites sentences of one article with a quote: a model's draft or a report's claim."""

    quote: str
    statement: str

    @property
    def sentence_ids(self) -> list[int]: ...


def _covered(article: Article, span: tuple[int, int]) -> list[int]:
    return [s.id for s in article.sentences if s.start < span[1] and span[0] < s.end]


def quote_span(quote: str, article: Article, hint: list[int]) -> tuple[int, int] | None:
    """Where a verbatim quote stands in the article, preferring its occurrence in the cited sentences."""
    spans = find_quote(quote, article.text)
    for span in spans:
        if set(_covered(article, span)) & set(hint):
            return span
    return spans[0] if spans else None


def quote_sentences(quote: str, article: Article, hint: list[int]) -> list[int]:
    """The sentences a verbatim quote actually spans, preferring its occurrence in the cited ones.

    The quote is the evidence and the sentence ids only point at it, so where the model cites a
    neighbouring sentence the pointer is corrected from the quote rather than the claim re-asked.
    """
    span = quote_span(quote, article, hint)
    return hint if span is None else _covered(article, span)


_MARKS = "\"'“”‘’«»„‚‹›"


def article_words(quote: str, article: Article, hint: list[int]) -> str:
    """The article's own characters for a quote that matched only up to quote-mark and space variants.

    What a reader is shown as evidence is the article's text, never the model's copy of it; a quotation
    mark the span opens (or closes) is completed from the article so the words read as printed.
    """
    span = quote_span(quote, article, hint)
    if span is None:
        return quote
    start, end = span
    text = article.text
    inside = sum(ch in _MARKS for ch in text[start:end])
    if inside % 2 and end < len(text) and text[end] in _MARKS:
        end += 1
    elif inside % 2 and start > 0 and text[start - 1] in _MARKS:
        start -= 1
    return text[start:end]


def evidence_problems(claim: Evidenced, article: Article) -> list[str]:
    """Why a claim's evidence does not hold in its article; empty when it does."""
    problems: list[str] = []
    n = len(article.sentences)
    if not claim.sentence_ids:
        problems.append("no sentence ids: cite the sentence that states the fact")
    missing = [i for i in claim.sentence_ids if article.sentence(i) is None]
    if missing:
        problems.append(f"sentence ids {missing} do not exist (the article has sentences 1 to {n})")
    # Our own length cap may cut the quote's last word in half: that half word is ours to trim, not the
    # model's fault, and the quote is judged without it.
    quote = whole_words(claim.quote, article.text)
    # The sentences the quote spans (the cited ones when it is not found), looked up once for both rules.
    spanned = quote_sentences(quote, article, claim.sentence_ids)
    quote_issue = quote_problem(quote, article.text)
    if quote_issue:
        problems.append(quote_issue + "; copy the words exactly")
    else:
        hosts = [article.sentence(i) for i in spanned]
        markers = [injection_marker(s.text) for s in hosts if s is not None]
        if markers and all(markers):
            # An article may quote such text, but it is not evidence that anything happened.
            problems.append(
                f"the quote comes from text that reads as {markers[0]}, not reporting; "
                "take facts from the reporting only"
            )
    quoted = find_numbers(quote)
    for q in getattr(claim, "quantities", None) or []:
        if not any(same_value(q.value, m.value) for m in quoted):
            problems.append(f"quantity {q.value:g} ({q.what}) is not a number in the quote")
    # A restatement may reword, but a number it adds is the classic slip: it must be in the evidence.
    ids = sorted(set(claim.sentence_ids) | set(spanned))
    cited = [m for i in ids if (s := article.sentence(i)) for m in find_numbers(s.text)] + quoted
    stray = [
        x.raw for x in find_numbers(claim.statement) if not any(same_value(x.value, m.value) for m in cited)
    ]
    if stray:
        problems.append(f"the statement's {', '.join(stray)} is not in the cited sentences")
    return problems
