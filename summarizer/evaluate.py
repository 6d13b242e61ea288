"""Score a `Report` against a hand-made gold annotation of its articles. No model; I/O only in `load_gold`.

A report claim stands for a gold quote when their evidence overlaps in the article: the claim's quote and
the gold quote share characters, or the claim cites a sentence the gold quote is in. Wording never decides
a match, so a report is not rewarded for echoing the annotator's phrasing.
"""

from __future__ import annotations

from collections.abc import Sequence

from summarizer import summary_scores
from summarizer.annotations import LoadedSpan
from summarizer.gold import (
    ClaimNote,
    FalseConflict,
    Gold,
    GoldConflict,
    GoldCorroborated,
    GoldHit,
    GoldItem,
    GoldNotConflict,
    GoldSingleSource,
    Scores,
    load_gold,
)
from summarizer.gold_match import Matcher, mentions, stated_values
from summarizer.models import Claim, Report
from summarizer.verify import check_summary, unsupported_numbers

# The contracts moved to summarizer.gold; they stay importable from here for existing callers.
__all__ = [
    "ClaimNote",
    "FalseConflict",
    "Gold",
    "GoldConflict",
    "GoldCorroborated",
    "GoldHit",
    "GoldItem",
    "GoldNotConflict",
    "GoldSingleSource",
    "Scores",
    "gold_problems",
    "load_gold",
    "score",
]


def gold_problems(report: Report, gold: Gold) -> list[str]:
    """Why `gold` cannot fairly score `report`: an article or a quote it names is not there (a false miss)."""
    m = Matcher(report, gold, by_sentence=True)
    absent = sorted(set(gold.articles) - set(m.article_of))
    unmapped = [f"article {x} ({gold.articles[x]}) is not in the report" for x in absent]
    return unmapped + [f"{q} is not in its article" for q in m.gold_quotes_missing()]


def score(
    report: Report, gold: Gold, *, by_sentence: bool = True, loaded: Sequence[LoadedSpan] | None = None
) -> Scores:
    """Score `report` against `gold`; `by_sentence=False` matches evidence by quote overlap only.

    `loaded`: the articles' loaded spans (`summarizer.annotations`); None leaves loaded words unscored.
    """
    m = Matcher(report, gold, by_sentence=by_sentence)
    key_facts = summary_scores.key_facts(m)
    labels_true, labels, labels_false = summary_scores.outlet_labels(report)
    fragments = summary_scores.fragments(report)
    loaded_found = summary_scores.loaded_words(report, loaded) if loaded is not None else []
    conflicts, _, false_conflicts = _score_conflicts(report, gold, m)
    soft, drift_unmatched = _score_drift(report, gold, m)
    drift_hits = sum(1 for h in soft if any(x.startswith("drift:") for x in h.matched_by))
    coverage = {c.article_id: c.share for c in report.coverage}
    corroborated = [_score_corroborated(report, item, m) for item in gold.corroborated]
    pairs_right, pairs_wrong = _score_corroborated_pairs(report, gold, m)
    ss_hits, ss_unmatched, ss_precision = _score_single_source(report, gold, m)
    citation_problems, unsupported, verified_sentences = _score_summary(report)
    verified_claims = [c for c in report.claims if c.verified]
    not_found = [
        ClaimNote(claim_id=c.id, why=f"quote not in article {c.article_id}: {c.quote!r}")
        for c in verified_claims
        if not m.claim_quote_spans(c)
    ]
    dropped = [c.id for c in report.claims if not c.verified]
    n_summary = len(report.summary)
    return Scores(
        conflict_recall=_rate(sum(h.found for h in conflicts), len(conflicts)),
        conflicts_reported=len(report.conflicts),
        false_conflicts=len(false_conflicts),
        corroborated_recall=_rate(sum(h.found for h in corroborated), len(corroborated)),
        corroborated_pairs_right=pairs_right,
        corroborated_pairs_wrong=pairs_wrong,
        single_source_precision=ss_precision,
        single_source_recall=_rate(sum(h.found for h in ss_hits), len(ss_hits)),
        quote_verbatim_rate=_rate(len(verified_claims) - len(not_found), len(verified_claims)),
        citation_validity=_rate(n_summary - len(citation_problems), n_summary),
        unsupported_numbers=sum(len(nums) for _, nums in unsupported),
        claims_dropped=len(dropped),
        verified_sentence_rate=_rate(verified_sentences, n_summary),
        conflict_precision=_rate(len(report.conflicts) - len(false_conflicts), len(report.conflicts)),
        quote_drift_recall=_rate(drift_hits, len(soft)),
        quote_drift_reported=len(report.quote_drift),
        quote_drift_precision=_rate(len(report.quote_drift) - len(drift_unmatched), len(report.quote_drift)),
        coverage=sum(coverage.values()) / len(coverage) if coverage else None,
        coverage_by_article=coverage,
        key_fact_recall=_rate(sum(h.found for h in key_facts), len(key_facts)),
        outlet_labels_true=labels_true,
        outlet_labels=labels,
        fragments=len(fragments),
        loaded_words=len(loaded_found) if loaded is not None else None,
        conflicts=conflicts,
        soft_conflicts=soft,
        quote_drift_unmatched=drift_unmatched,
        false_conflict_details=false_conflicts,
        corroborated=corroborated,
        single_source=ss_hits,
        single_source_unmatched=ss_unmatched,
        quotes_not_found=not_found,
        citation_problems=citation_problems,
        unsupported_number_details=[f"{t}: {', '.join(nums)}" for t, nums in unsupported],
        dropped_claim_ids=dropped,
        unmapped_articles=sorted(set(gold.articles) - set(m.article_of)),
        gold_quotes_missing=m.gold_quotes_missing(),
        key_facts=key_facts,
        outlet_labels_false=labels_false,
        fragment_details=fragments,
        loaded_word_details=loaded_found,
    )


def _rate(hits: int, total: int) -> float | None:
    return hits / total if total else None


def _score_conflicts(
    report: Report, gold: Gold, m: Matcher
) -> tuple[list[GoldHit], list[GoldHit], list[FalseConflict]]:
    hard: list[GoldHit] = []
    soft: list[GoldHit] = []
    for g in gold.conflicts:
        hit = GoldHit(id=g.id, found=False)
        near: list[str] = []
        for n, c in enumerate(report.conflicts, 1):
            if not m.covers(c.claim_ids, g.quotes):
                continue
            claims = m.claims(c.claim_ids)
            text = "\n".join([c.description] + [x.statement for x in claims] + [x.quote for x in claims])
            numbers = stated_values(text)
            missing = [s for s in g.must_mention if not mentions(s, text, numbers)]
            if missing:
                near.append(f"conflict:{n} cites the evidence but does not mention {', '.join(missing)}")
            else:
                hit.matched_by.append(f"conflict:{n}")
        hit.found = bool(hit.matched_by)
        if not hit.found:
            letters = " and ".join(g.quotes) or "any article"
            hit.why = "; ".join(near) or f"no reported conflict cites claims matching its quotes in {letters}"
        (soft if g.soft else hard).append(hit)

    false: list[FalseConflict] = []
    for n, c in enumerate(report.conflicts, 1):
        # A gold not-conflict is the annotator saying these claims agree: that outranks a loose
        # (e.g. same-sentence) match with a gold conflict, so it makes the conflict false either way.
        nots = [x.id for x in gold.not_conflicts if m.covers(c.claim_ids, x.quotes)]
        if nots:
            why = f"gold says it is not a conflict: {', '.join(nots)}"
        elif not any(m.covers(c.claim_ids, g.quotes) for g in gold.conflicts):
            why = "matches no gold conflict"
        else:
            continue
        false.append(
            FalseConflict(target=f"conflict:{n}", description=c.description, claim_ids=c.claim_ids, why=why)
        )
    return hard, soft, false


def _score_corroborated(report: Report, item: GoldCorroborated, m: Matcher) -> GoldHit:
    # Only corroborated groups count: a conflict citing the same claims says the opposite.
    matched = [
        f"corroborated:{n}"
        for n, g in enumerate(report.corroborated, 1)
        if m.covers(g.claim_ids, item.quotes)
    ]
    if matched:
        return GoldHit(id=item.id, found=True, matched_by=matched)
    partial = [
        f"corroborated:{n} lacks {', '.join(miss)}"
        for n, g in enumerate(report.corroborated, 1)
        if (miss := m.uncovered(g.claim_ids, item.quotes)) and len(miss) < len(item.quotes)
    ]
    why = "; ".join(partial) or "no corroborated group cites claims matching its quotes"
    return GoldHit(id=item.id, found=False, why=why)


def _score_corroborated_pairs(report: Report, gold: Gold, m: Matcher) -> tuple[int, int]:
    """(right, wrong) pairs of claims from two outlets in one corroborated group, where the gold places
    both: right when it puts them in one fact. Recall alone rewards one group holding everything."""
    items: list[tuple[str, dict[str, list[str]]]] = [(f"c:{g.id}", g.quotes) for g in gold.corroborated]
    items += [(f"x:{g.id}", g.quotes) for g in gold.conflicts]
    items += [(f"s:{g.id}", {g.article: [g.quote]}) for g in gold.single_source]
    facts: dict[str, set[str]] = {}
    right = wrong = 0
    for group in report.corroborated:
        claims = m.claims(group.claim_ids)
        for c in claims:
            if c.id not in facts:
                facts[c.id] = {i for i, quotes in items for k, qs in quotes.items() if m.route(c, k, qs)}
        for n, a in enumerate(claims):
            for b in claims[n + 1 :]:
                if a.article_id != b.article_id and facts[a.id] and facts[b.id]:
                    if facts[a.id] & facts[b.id]:
                        right += 1
                    else:
                        wrong += 1
    return right, wrong


def _score_single_source(
    report: Report, gold: Gold, m: Matcher
) -> tuple[list[GoldHit], list[ClaimNote], float | None]:
    hits = [GoldHit(id=s.id, found=False) for s in gold.single_source]
    unmatched: list[ClaimNote] = []
    matched_claims = 0
    wrong = 0  # single-source claims the gold holds as corroborated or disputed
    for claim_id in report.single_source:
        claim = report.claim(claim_id)
        if claim is None:
            unmatched.append(ClaimNote(claim_id=claim_id, why="no such claim in the report"))
            continue
        found = False
        for hit, s in zip(hits, gold.single_source, strict=True):
            if m.route(claim, s.article, [s.quote]):
                hit.matched_by.append(claim_id)
                hit.found = found = True
        if found:
            matched_claims += 1
        else:
            why = _elsewhere_in_gold(claim, gold, m)
            unmatched.append(ClaimNote(claim_id=claim_id, why=why))
            if not why.startswith("matches no gold"):
                wrong += 1
    for hit in hits:
        if not hit.found:
            hit.why = "no single-source claim in the report matches its quote"
    # The gold lists the facts a careful reader found, not every sentence: a claim it is silent on can be
    # neither right nor wrong. Precision is the share right among those the gold judges.
    return hits, unmatched, _rate(matched_claims, matched_claims + wrong)


def _elsewhere_in_gold(claim: Claim, gold: Gold, m: Matcher) -> str:
    # Saying where the claim does belong tells a reader whether the report erred or the gold is silent.
    for label, items in (("corroborated", gold.corroborated), ("conflict", gold.conflicts)):
        for item in items:
            if any(m.route(claim, letter, qs) for letter, qs in item.quotes.items()):
                return f"matches gold {label} fact {item.id}, not a single-source one"
    return "matches no gold single-source fact (the gold may simply not list it)"


def _score_summary(report: Report) -> tuple[list[str], list[tuple[str, list[str]]], int]:
    # verify.check_summary is the one definition of a sound summary sentence; scoring reads its verdicts.
    by_id = {c.id: c for c in report.claims}
    problems: list[str] = []
    unsupported: list[tuple[str, list[str]]] = []
    for check in check_summary(report):
        if not check.passed and check.target is not None and check.name == "citations_resolve":
            problems.append(f"{check.target} {check.detail}")
    # Numbers are scored on their own (verify folds them into `grounded`): a sentence's numbers that no
    # cited claim's evidence states.
    for i, sentence in enumerate(report.summary, 1):
        cited = [c for c in (by_id.get(x) for x in sentence.citations) if c is not None]
        if cited and (missing := unsupported_numbers(sentence.text, cited)):
            unsupported.append((f"summary:{i}", missing))
    verified = sum(1 for s in report.summary if s.verified is True)
    return problems, unsupported, verified


def _score_drift(report: Report, gold: Gold, m: Matcher) -> tuple[list[GoldHit], list[str]]:
    """Soft gold conflicts (one quote in different words) against the report's quote-drift groups."""
    hits: list[GoldHit] = []
    used: set[int] = set()
    for g in gold.conflicts:
        if not g.soft:
            continue
        hit = GoldHit(id=g.id, found=False)
        for n, d in enumerate(report.quote_drift, 1):
            if m.covers(d.claim_ids, g.quotes):
                hit.matched_by.append(f"drift:{n}")
                used.add(n)
        for n, c in enumerate(report.conflicts, 1):
            if m.covers(c.claim_ids, g.quotes):
                hit.matched_by.append(f"conflict:{n}")
        hit.found = bool(hit.matched_by)
        if not hit.found:
            hit.why = f"no quote-drift group cites claims matching its quotes in {' and '.join(g.quotes)}"
        hits.append(hit)
    unmatched: list[str] = []
    for n, d in enumerate(report.quote_drift, 1):
        if n in used:
            continue
        nots = [x.id for x in gold.not_conflicts if m.covers(d.claim_ids, x.quotes)]
        why = f"gold says it is not drift: {', '.join(nots)}" if nots else "matches no soft gold conflict"
        unmatched.append(f"drift:{n} ({d.speaker}): {why}")
    return hits, unmatched
