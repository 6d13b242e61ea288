"""Which outlets a summary sentence or a fact rests on: each outlet's cited sentences checked on their own.

A sentence citing A and B is not thereby reported by both: B's citation may be about something else
("If not us, then who?" beside a White House statement). An outlet is named after a sentence, and shown
as stating a fact, only when its own cited sentences support the text, by the same code checks that
ground it (the checks' registry, no model), never over the union of the citations, with no finding of
any kind left: a word the judge took as paraphrase was judged over all the citations, not this outlet's
alone, so it names no outlet ("no outlet says it on its own" after a ✅ the judge settled).

Verify sets these on the report (`SummarySentence.outlets`, `Corroboration.stated_by`), so the Markdown,
the JSON and the HTML name the same outlets.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from summarizer.checks import supported
from summarizer.lang.numbers import find_numbers, hedge_start
from summarizer.lang.quotes import find_quote
from summarizer.lang.reading import Reading, reading_of, readings
from summarizer.models import Claim, Corroboration, Report, SummarySentence

# A span a code-written sentence quotes from its sources: “…”.
QUOTED = re.compile(r"“([^”]+)”")


def cited_sentences(report: Report, claims: Sequence[Claim]) -> list[Reading]:
    """The article sentences the claims rest on (each its `Claim.span`), in order, once, as read."""
    out: dict[str, Reading] = {}
    for c in claims:
        article = report.article(c.article_id)
        if article is None:
            continue
        read_once = readings(article)
        for i in c.span():
            s = article.sentence(i)
            if s is not None:
                out.setdefault(s.text, read_once[i - 1])
    return list(out.values())


def _by_outlet(report: Report, claim_ids: Sequence[str]) -> dict[str, list[Claim]]:
    """The cited claims that exist, by their article, in the order the articles are listed."""
    order = {a.id: n for n, a in enumerate(report.articles)}
    out: dict[str, list[Claim]] = {}
    for cid in dict.fromkeys(claim_ids):
        claim = report.claim(cid)
        if claim is not None:
            out.setdefault(claim.article_id, []).append(claim)
    return dict(sorted(out.items(), key=lambda kv: (order.get(kv[0], len(order)), kv[0])))


def stating(report: Report, text: str, claim_ids: Sequence[str], *, voiced: bool = False) -> list[str]:
    """The articles among the cited whose own cited sentences support `text`, each checked alone.

    `voiced`: `text` is a summary's sentence, in its own voice: an outlet that only quotes someone
    saying it does not state it (`checks.quoted`).
    """
    outlets = _by_outlet(report, claim_ids)
    if not outlets:
        return []
    # A group's wording is an article's sentence, read once with its article (no check reads where the
    # checked sentence stands, only where its evidence does); a model's sentence is read here.
    sentence = reading_of(text)
    return [
        article_id
        for article_id, claims in outlets.items()
        if supported(sentence, cited_sentences(report, claims), voiced=voiced)
    ]


def stating_group(report: Report, group: Corroboration) -> list[str]:
    """The articles stating a corroborated fact: as verify set them, else checked now."""
    return stating(report, group.stated, group.claim_ids) if group.stated_by is None else group.stated_by


def quoting(report: Report, text: str, claim_ids: Sequence[str]) -> list[str]:
    """The articles among the cited whose own cited sentences hold a span `text` quotes, verbatim."""
    quoted = [q for q in QUOTED.findall(text) if q.strip()]
    out = []
    for article_id, claims in _by_outlet(report, claim_ids).items():
        own = "\n".join(r.text for r in cited_sentences(report, claims))
        if any(find_quote(q, own) or q.strip() in own for q in quoted):
            out.append(article_id)
    return out


def naming(report: Report, sentence: SummarySentence) -> list[str]:
    """The outlets named after a summary sentence: those whose own citations say it (or hold its quotes)."""
    if sentence.written_by == "code":  # the outlets' own words, each attributed: whose words they are
        return quoting(report, sentence.text, sentence.citations)
    return stating(report, sentence.text, sentence.citations, voiced=True)


def carried(report: Report, sentence: SummarySentence) -> str:
    """The label after a summary sentence: the outlets named (`naming`, unless it carries its own), and
    the others its citations come from."""
    named = naming(report, sentence) if sentence.outlets is None else sentence.outlets
    of = {c.id: c.article_id for c in report.claims}
    return label(named, [of[c] for c in sentence.citations if c in of])


def label(named: Sequence[str], cited: Sequence[str]) -> str:
    """The outlets after a sentence as the reader sees them: 'A, B (2 outlets)', 'A only', or why none.

    `cited`: the outlets of its citations. One cited whose own sentences code does not find saying it is
    named as unconfirmed, never hidden behind "only": "B only" after a fact all three report in their own
    words read to an editor as one outlet's word (an audit of six fresh triplets, 2026-12-05). Its
    sentences may say the fact in other words or something else ("If not us, then who?"): the label
    says neither. "its own sentences not saying this" read to the next audit's editors as a denial, most
    often of an outlet that says it in other words (2026-12-06): code only knows it could not confirm it.
    """
    others = [a for a in dict.fromkeys(cited) if a not in named]
    if not named:
        return "no outlet says it on its own" if cited else ""
    said = ", ".join(named) + (f" ({len(named)} outlets)" if len(named) > 1 else "")
    if others:
        return f"{said}; also cited, unconfirmed: {', '.join(others)}"
    return said if len(named) > 1 else f"{said} only"


def given(report: Report, group: Corroboration, named: Sequence[str]) -> dict[str, str]:
    """For a fact joined by a figure, each named outlet's own words for it, hedge and all.

    "at least $10,000" is A's, "more than $10,000" B's, though both support "at least $10,000"; the
    same value in the same unit ("Nearly 10,000" donors is no sum of dollars). Empty if not a figure.
    """
    figure = find_numbers(group.shared) if group.shared else []
    if len(figure) != 1:
        return {}
    f = figure[0]
    out: dict[str, str] = {}
    for c in (c for i in group.claim_ids if (c := report.claim(i)) is not None and c.article_id in named):
        if c.article_id in out:
            continue  # its first claim giving the figure gave its words
        for r in cited_sentences(report, [c]):
            same = [
                n
                for n in find_numbers(r.text)
                if (n.value, n.unit, n.is_percent) == (f.value, f.unit, f.is_percent) and not n.is_year
            ]
            if same and c.article_id not in out:
                out[c.article_id] = r.text[hedge_start(r.text, same[0]) : same[0].end]
    return out


def stated_label(
    named: Sequence[str], shared: str | None, grouped: Sequence[str], own: dict[str, str] | None = None
) -> str:
    """How the report says who states a corroborated fact: the outlets whose own sentences do; for a fact
    joined by a figure, the figure they give, not the first outlet's whole sentence, in each outlet's own
    words where those differ (`own`, from `given`); and the others of the group (`grouped`), matched
    by meaning, said so rather than left to read as absent."""
    what = f"“{shared}”" if shared else "it"
    if len(named) > 1 and own and len({w.lower() for w in own.values()}) > 1:
        each = ", ".join(f"{a} “{own[a]}”" if a in own else a for a in named)
        return f"{len(named)} outlets give the figure: {each}"
    if len(named) > 1:
        return f"{len(named)} outlets{' state ' + what if shared else ''}: {', '.join(named)}"
    others = [a for a in dict.fromkeys(grouped) if a not in named]
    if not shared and others:
        words = f"{named[0]}'s words; " if named else ""
        return f"{words}{', '.join(others)} matched by meaning, not word for word"
    return f"{named[0]} only states {what} on its own" if named else f"no outlet states {what} on its own"


def alone_beside(report: Report, claim: Claim) -> str:
    """For a single-source claim whose sentence also sits in an agreement (it shares a figure with
    another outlet's): what the reader must know, e.g. 'its figure is also in C3'; else ''."""
    with_it = [
        i
        for g in report.corroborated
        if claim.id in g.claim_ids
        for i in g.claim_ids
        if (other := report.claim(i)) is not None and other.article_id != claim.article_id
    ]
    return f"its figure is also in {', '.join(dict.fromkeys(with_it))}" if with_it else ""
