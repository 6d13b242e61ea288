"""The HTML report's view model: what its template shows, the look-ups over a report that build it, and the
text helpers (anchors, marked segments, word differences, JSON for a script element). No verdict is made here.
"""

from __future__ import annotations

import difflib
import itertools
import json
import re
from collections.abc import Iterable
from dataclasses import dataclass, field

from markupsafe import Markup

from summarizer.evidence import article_words, quote_span
from summarizer.models import Article, Check, Claim, Report


@dataclass(frozen=True)
class Seg:
    """A run of text and the marks on it ('' for none): 'quote', 'bad', 'diff'."""

    text: str
    mark: str = ""
    title: str = ""


@dataclass(frozen=True)
class Link:
    """An in-page link."""

    href: str
    text: str
    title: str = ""


@dataclass(frozen=True)
class Badge:
    """A verdict: symbol, words and CSS class; the words carry the meaning, the colour only repeats it."""

    symbol: str
    label: str
    cls: str


@dataclass
class EvidenceSentence:
    """One cited source sentence, with the claim's quoted words marked."""

    article: str
    ref: Link
    segs: list[Seg]


@dataclass
class Citation:
    """A summary sentence's citation and the evidence block it opens."""

    claim_id: str
    pop_id: str
    statement: str
    note: str
    evidence: list[EvidenceSentence]


@dataclass
class SummaryLine:
    """One summary sentence with its verdict, citations and, when it failed, what failed."""

    n: int
    anchor: str
    segs: list[Seg]
    badge: Badge
    action: str
    original: list[Seg] | None  # the model's wording, when it was not kept
    original_problems: list[str]  # what the checks found in that wording, shown with it
    citations: list[Citation]
    problems: list[str]
    outlets: str = ""  # the outlets whose own citations say it
    struck: bool = False


@dataclass
class CellQuote:
    """One article's own words in a matrix cell."""

    claim: Link | None
    label: str
    segs: list[Seg]


@dataclass
class Cell:
    """One article's column in a matrix row: agrees, differs, drifts, only source, or silent."""

    state: str
    label: str
    quotes: list[CellQuote]


@dataclass
class Row:
    """One fact group in the sources × facts matrix."""

    anchor: str
    kind: str
    kind_label: str
    title: str
    notes: list[str]
    warnings: list[str]
    detail: Link | None
    cells: list[Cell]


@dataclass
class SideView:
    """One side of a conflict or one outlet's wording, with the words that differ marked."""

    label: str
    articles: str
    claims: list[Link]
    segs: list[Seg]


@dataclass
class Card:
    """A conflict or a quote drift shown side by side."""

    anchor: str
    title: str
    note: str
    row: str
    sides: list[SideView]


@dataclass
class SentenceView:
    """An article sentence: marked where it fed a claim, linked to what uses it."""

    id: int
    anchor: str
    segs: list[Seg]
    used: bool
    claims: list[Link]
    uses: list[Link]
    left_out: str | None
    suspect: str | None


@dataclass
class ClaimView:
    """A claim as listed under its article."""

    id: str
    anchor: str
    statement: str
    asserted_by: str
    kind: str
    verified: bool
    reason: str | None
    found_by: str
    sentences: list[Link]
    uses: list[Link]
    badge: Badge | None


@dataclass
class ArticleView:
    """One article: heading, numbered sentences and its claims."""

    id: str
    anchor: str
    name: str
    publisher: str | None
    share: float | None
    sentences: list[SentenceView]
    claims: list[ClaimView]


@dataclass
class UsageRow:
    """Totals for one stage."""

    stage: str
    calls: int
    cache_hits: int
    retries: int
    prompt_tokens: int
    completion_tokens: int
    seconds: float


@dataclass
class Page:
    """Everything the template shows."""

    title: str
    model: str
    articles: list[ArticleView]
    status: Badge
    checks_passed: int
    checks_failed: int
    sentences_passed: int
    discarded: int  # model wordings the checks refused (repaired, replaced, removed): not counted above
    summary: list[SummaryLine]
    removed: list[SummaryLine]
    rows: list[Row]
    cards: list[Card]
    checks: list[Check]
    failures: list[dict[str, str]]
    usage: list[UsageRow]
    suspect: list[str]
    data: Markup = field(default_factory=Markup)
    discrepancies: list[str] = field(default_factory=list)  # not confirmed: listed, never stated


def slug(value: str) -> str:
    """A string safe in an id and a fragment: claim ids such as 'A.s9' carry dots."""
    return re.sub(r"[^A-Za-z0-9_-]", "-", value)


def sentence_anchor(article_id: str, sentence_id: int) -> str:
    """The id of an article sentence, e.g. 'A-s3'."""
    return f"{slug(article_id)}-s{sentence_id}"


def claim_anchor(claim_id: str) -> str:
    """The id of a claim's entry under its article."""
    return "claim-" + slug(claim_id)


def script_json(value: object) -> Markup:
    """JSON safe inside a <script> element: no '</', '<!--', '-->' or line separator survives as such."""
    text = json.dumps(value, ensure_ascii=False, separators=(",", ":"))
    for raw, escaped in (
        ("<", "\\u003c"),
        (">", "\\u003e"),
        ("&", "\\u0026"),
        ("\u2028", "\\u2028"),
        ("\u2029", "\\u2029"),
    ):
        text = text.replace(raw, escaped)
    return Markup(text)


def segments(text: str, spans: Iterable[tuple[int, int, str, str]]) -> list[Seg]:
    """Cut `text` at the edges of (start, end, mark, title) spans; overlapping marks join."""
    marks = [(max(0, s), min(len(text), e), m, t) for s, e, m, t in spans if s < e]
    points = sorted({0, len(text), *(p for s, e, _, _ in marks for p in (s, e))})
    out: list[Seg] = []
    for a, b in itertools.pairwise(points):
        if a >= b:
            continue
        over = [(m, t) for s, e, m, t in marks if s <= a and b <= e]
        mark = " ".join(sorted({m for m, _ in over}))
        title = "; ".join(dict.fromkeys(t for _, t in over if t))
        if out and out[-1].mark == mark and out[-1].title == title:
            out[-1] = Seg(out[-1].text + text[a:b], mark, title)
        else:
            out.append(Seg(text[a:b], mark, title))
    return out


_WORD = re.compile(r"\w+(?:[.,'’]\w+)*")


def word_diff(texts: list[str]) -> list[list[tuple[int, int]]]:
    """For each text, the spans of its words that some other text lacks (word level, case-blind)."""
    words = [[(m.group().lower(), m.start(), m.end()) for m in _WORD.finditer(t)] for t in texts]
    out: list[list[tuple[int, int]]] = []
    for i, mine in enumerate(words):
        differ: set[int] = set()
        for j, theirs in enumerate(words):
            if i == j:
                continue
            matcher = difflib.SequenceMatcher(None, [w for w, _, _ in mine], [w for w, _, _ in theirs], False)
            same = {k for b in matcher.get_matching_blocks() for k in range(b.a, b.a + b.size)}
            differ |= set(range(len(mine))) - same
        spans: list[tuple[int, int]] = []
        for k in sorted(differ):
            # Neighbouring changed words read as one change: "over 100,000", not "over" and "100,000".
            if spans and k - 1 in differ:
                spans[-1] = (spans[-1][0], mine[k][2])
            else:
                spans.append((mine[k][1], mine[k][2]))
        out.append(spans)
    return out


class ReportIndex:
    """Look-ups over one report, built once."""

    def __init__(self, report: Report) -> None:
        self.report = report
        self.articles = {a.id: a for a in report.articles}
        self.claims = {c.id: c for c in report.claims}
        self.groundings = {g.target: g for g in report.groundings}
        self.failed: dict[str, list[Check]] = {}
        for c in report.checks:
            if not c.passed and c.target:
                self.failed.setdefault(c.target, []).append(c)
        # What uses each claim, for the links back from its sentences.
        self.uses: dict[str, list[Link]] = {}

    def use(self, claim_ids: Iterable[str], link: Link) -> None:
        """Note that `link` uses these claims, for the links back from their sentences."""
        for cid in dict.fromkeys(claim_ids):
            self.uses.setdefault(cid, []).append(link)

    def label(self, article_id: str) -> str:
        """An article as the page names it: its id and outlet."""
        return f"{article_id} · {self.outlet(article_id)}"

    def outlet(self, article_id: str) -> str:
        """An article's publisher, else its name."""
        article = self.articles.get(article_id)
        return (article.publisher or article.name) if article else "not in this report"

    def quote_marks(self, claim: Claim, article: Article) -> tuple[int, int] | None:
        """Where the claim's quote stands in its article, if it can be found."""
        return quote_span(claim.quote, article, claim.sentence_ids)

    def own_words(self, claim: Claim) -> str:
        """The claim's quote in its article's own words."""
        article = self.articles.get(claim.article_id)
        return article_words(claim.quote, article, claim.sentence_ids) if article else claim.quote

    def claim_link(self, claim: Claim) -> Link:
        """A link to the claim's first sentence, else to its entry."""
        article = self.articles.get(claim.article_id)
        first = next((i for i in claim.sentence_ids if article and article.sentence(i)), None)
        if article is None:  # a claim of an article the report lacks is listed nowhere
            href = "#articles"
        elif first is None:
            href = f"#{claim_anchor(claim.id)}"
        else:
            href = f"#{sentence_anchor(claim.article_id, first)}"
        return Link(href, claim.id, f"{claim.id}: {claim.statement}")

    def evidence(
        self, article_id: str, sentence_ids: Iterable[int], claim: Claim | None
    ) -> list[EvidenceSentence]:
        """The cited sentences of an article, the claim's quoted words marked."""
        article = self.articles.get(article_id)
        if article is None:
            return []
        span = self.quote_marks(claim, article) if claim else None
        out = []
        for sid in sentence_ids:
            sentence = article.sentence(sid)
            if sentence is None:
                continue
            spans = []
            if span is not None:
                spans.append((span[0] - sentence.start, span[1] - sentence.start, "quote", ""))
            out.append(
                EvidenceSentence(
                    article=self.outlet(article_id),
                    ref=Link(f"#{sentence_anchor(article_id, sid)}", f"{article_id} s{sid}"),
                    segs=segments(sentence.text, spans),
                )
            )
        return out
