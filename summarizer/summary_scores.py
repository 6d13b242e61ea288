"""The summary as a reader meets it, scored: key facts it states, outlets it credits, fragments, loaded words.

Split from `summarizer.evaluate`, which calls these; no model, no I/O. A summary sentence is "shown as
supported" when `verified` is True (the ✅ of every renderer).
"""

from __future__ import annotations

from collections.abc import Sequence

from summarizer.annotations import LoadedSpan
from summarizer.checks.registry import unsupported
from summarizer.gold import GoldHit
from summarizer.gold_match import Matcher, mentions, stated_values
from summarizer.ground import quoted_sentence
from summarizer.lang.fragments import fragment
from summarizer.lang.quotes import normalize
from summarizer.lang.reading import Reading, read, readings
from summarizer.lang.voice import in_own_voice
from summarizer.models import Claim, Report, SummarySentence


def key_facts(m: Matcher) -> list[GoldHit]:
    """Each gold key fact: stated when a sentence shown as supported cites a claim matching one of its
    `refs` facts (by evidence, as `Matcher.route`) and mentions every `must_mention` string."""
    report = m.report
    out: list[GoldHit] = []
    for k in m.gold.key_facts:
        quotes = [m.item_quotes(r) for r in k.refs]
        hit = GoldHit(id=k.id, found=False)
        near: list[str] = []
        for n, s in enumerate(report.summary, 1):
            cited = m.claims(s.citations)
            if not any(m.route(c, letter, qs) for q in quotes for letter, qs in q.items() for c in cited):
                continue
            numbers = stated_values(s.text)
            missing = [x for x in k.must_mention if not _says(x, s.text, numbers)]
            if s.verified is not True:
                near.append(f"summary:{n} cites its evidence but is not shown as supported")
            elif missing:
                near.append(f"summary:{n} cites its evidence but does not mention {', '.join(missing)}")
            else:
                hit.matched_by.append(f"summary:{n}")
        hit.found = bool(hit.matched_by)
        if not hit.found:
            hit.why = "; ".join(near) or "no summary sentence cites a claim matching its facts"
        out.append(hit)
    return out


def _says(needle: str, text: str, numbers: list[float]) -> bool:
    """Whether `text` says `needle`: with digits as `mentions` reads it (a bare number by value), else
    as written, in any case: "billion" is in "billions", which reads as another value."""
    if any(ch.isdigit() for ch in needle):
        return mentions(needle, text, numbers)
    return normalize(needle)[0].casefold() in normalize(text)[0].casefold()


def outlet_labels(report: Report) -> tuple[int, int, list[str]]:
    """(true, total, why each false one is): per summary sentence, each outlet it is credited to, true
    when that outlet's own cited sentences support it by code alone, with no finding of any kind.

    Credited: the outlets verify names after it (`SummarySentence.outlets`); in a report without them,
    every cited claim's article, as such reports named them. A sentence naming none adds no label.
    """
    true = total = 0
    false: list[str] = []
    for n, s in enumerate(report.summary, 1):
        cited = [c for i in s.citations if (c := report.claim(i)) is not None]
        named = s.outlets if s.outlets is not None else list(dict.fromkeys(c.article_id for c in cited))
        for outlet in named:
            own = [c for c in cited if c.article_id == outlet]
            # As `outlets.naming` reads it: a code sentence quotes its outlet; a model's is in its own voice.
            voiced = s.written_by != "code"
            found = unsupported(
                read(_credited_text(report, s, outlet)), _evidence(report, own), voiced=voiced
            )
            total += 1
            if found:
                why = "; ".join(f"{f.kind} {f.text!r}" for f in found)
                false.append(f"summary:{n} {outlet}: {why}")
            else:
                true += 1
    return true, total, false


def _credited_text(report: Report, s: SummarySentence, outlet: str) -> str:
    """What `s` credits to `outlet`: the quoted source sentence of an attributed sentence, the outlet's
    own side of a disagreement code wrote (each side is one outlet's words), else the sentence."""
    if (quote := quoted_sentence(s.text)) is not None:
        return quote
    if s.written_by == "code":
        cited = set(s.citations)
        for c in report.conflicts:
            for side in c.sides:
                if outlet in side.article_ids and set(side.claim_ids) <= cited:
                    return side.text
    return s.text


def _evidence(report: Report, claims: Sequence[Claim]) -> list[Reading]:
    """The sentences the claims rest on (with a restated claim's context, as the summary is checked)."""
    out: list[Reading] = []
    for c in claims:
        article = report.article(c.article_id)
        if article is None:
            continue
        read_all = readings(article)
        out += [r for i in c.span() if 0 < i <= len(read_all) and (r := read_all[i - 1]) not in out]
    return out


def fragments(report: Report) -> list[str]:
    """'summary:N: why' for each sentence (an attributed one's quoted sentence) that reads as a piece."""
    out: list[str] = []
    for n, s in enumerate(report.summary, 1):
        if (why := fragment(quoted_sentence(s.text) or s.text)) is not None:
            out.append(f"summary:{n}: {why}")
    return out


def loaded_words(report: Report, spans: Sequence[LoadedSpan]) -> list[str]:
    """'summary:N: “span” (A's words)' for each place a summary sentence says a loaded span unquoted."""
    whose: dict[str, list[str]] = {}
    for x in spans:
        phrase = " ".join(x.text.split()).strip()
        if phrase and x.article_id not in whose.setdefault(phrase.casefold(), []):
            whose[phrase.casefold()].append(x.article_id)
    out: list[str] = []
    for n, s in enumerate(report.summary, 1):
        for phrase, articles in whose.items():
            for start, end in in_own_voice(phrase, s.text):
                out.append(f"summary:{n}: “{s.text[start:end]}” ({', '.join(articles)}'s words)")
    return out
