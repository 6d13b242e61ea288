"""Deterministic checks on a report, with no model and no I/O: the part people trust.

They read only the report itself, so they run on any `Report` JSON, including one another tool wrote.
Every model-written sentence is checked against article sentences, never against another model sentence:
a restated claim against its sentence (and the few before it, where its "he" is named), a summary
sentence against the sentences of the claims it cites. How code's findings and a judge's recorded
score combine is verdict.decide; a report with no judge scores is judged by code alone, strictly.

A report read from a file may have been edited to say anything, so `verify(..., recompute=True,
trust_scores=False)` (what `summarizer verify` runs) also recomputes what the articles alone decide:
each sentence's span in its article's text, and the conflicts the articles' figures show (each of them
stated in the summary). A judge score stored in such a report is the report's claim, never a pass.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from summarizer.align import align
from summarizer.checks import unsupported
from summarizer.evidence import evidence_problems
from summarizer.lang.numbers import find_numbers, same_value
from summarizer.lang.quotes import find_quote
from summarizer.lang.reading import Reading
from summarizer.lang.shape import ends_a_sentence
from summarizer.models import (
    Article,
    Check,
    Claim,
    Grounding,
    Report,
    Side,
    SummarySentence,
    Unsupported,
)
from summarizer.outlets import QUOTED, cited_sentences, naming, stating
from summarizer.verdict import HARD, decide


def _grounded(
    text: str,
    sources: list[Reading],
    recorded: Grounding | None,
    target: str,
    units: Sequence[Sequence[Reading]] = (),
    trust_scores: bool = True,
    judge_down: bool = False,
    voiced: bool = False,
) -> Check:
    """The shared rule on one sentence: code's findings, and the judge's recorded score where there is one.

    `voiced`: a summary's sentence, in its own voice (a claim is its outlet's).
    """
    found = unsupported(text, sources, units=units, voiced=voiced)
    score = recorded.judge_score if recorded is not None and recorded.text == text else None
    agrees = (
        None if score is None or recorded is None or recorded.judge is None else recorded.judge == "supported"
    )
    verdict, failed_by = decide(found, score, agrees, text)
    other = [u for u in found if u.kind != "joined"]
    apart = [u for u in found if u.kind == "joined"]  # names or numbers only other cited sentences hold
    if judge_down and verdict != "supported" and found and not any(u.kind in HARD for u in found):
        # What only a judge can settle, with no judge to ask: neither passed nor called unsupported.
        return Check(
            name="grounded",
            passed=False,
            detail=f"unchecked: judge unavailable; code finds {_spans(found)} not in the cited sentences, "
            "which only a judge can settle",
            target=target,
        )
    if verdict == "supported" and found and not trust_scores:
        # Only the stored score would pass what code flags, and a score in a file is anyone's to edit.
        return Check(
            name="grounded",
            passed=False,
            detail=f"unchecked: code finds {_spans(found)} not in the cited sentences, and only the "
            f"report's stored judge score ({score:.2f}) says otherwise; re-ask a judge with verify --judge",
            target=target,
        )
    if verdict == "supported":
        note = (
            f"; words not in the sources, taken as paraphrase by the judge: {_spans(other)}" if other else ""
        )
        if apart:
            note += f"; in another sentence than the rest, taken as said by the judge: {_spans(apart)}"
        return Check(name="grounded", passed=True, detail="the cited sentences say it" + note, target=target)
    parts = [f"{verdict}"]
    if other:
        parts.append(
            "not in the cited sentences: " + "; ".join(f"{u.text!r} ({u.detail})" for u in other[:6])
        )
    if apart:
        parts.append(f"in another cited sentence than the rest, none saying all of it: {_spans(apart)}")
    if "judge" in failed_by:
        parts.append(f"the judge does not find it in them (score {score:.2f})" if score is not None else "")
    return Check(name="grounded", passed=False, detail="; ".join(p for p in parts if p), target=target)


def _spans(found: Sequence[Unsupported]) -> str:
    return ", ".join(repr(u.text) for u in found[:6])


def check_claims(
    report: Report, trust_scores: bool = True, unjudged: frozenset[str] = frozenset()
) -> list[Check]:
    """Every verified claim's evidence is in its article; a restated statement says what its sentence says."""
    recorded = {g.target: g for g in report.groundings}
    checks: list[Check] = []
    for claim in report.claims:
        if not claim.verified:
            continue  # already reported with its reason, and kept out of the summary
        target = f"claim:{claim.id}"
        article = report.article(claim.article_id)
        if article is None:
            checks.append(_fail("quote_verbatim", target, f"article {claim.article_id} is not in the report"))
            continue
        problems = evidence_problems(claim, article)
        checks.append(
            Check(
                name="quote_verbatim",
                passed=not problems,
                detail="; ".join(problems) or f"found in article {article.id}",
                target=target,
            )
        )
        if claim.restated and not problems:
            sources = cited_sentences(report, [claim])
            checks.append(
                _grounded(
                    claim.statement,
                    sources,
                    recorded.get(target),
                    target,
                    (),
                    trust_scores,
                    target in unjudged,
                )
            )
    return checks


def check_summary(
    report: Report,
    failing: set[str] | None = None,
    trust_scores: bool = True,
    unjudged: frozenset[str] = frozenset(),
) -> list[Check]:
    """Each summary sentence cites verified claims that exist and says only what their sentences say.

    `failing` names claims marked verified whose evidence fails its check here (check_claims): a
    sentence citing one rests on evidence that is not in the article, and cannot pass.
    """
    by_id = {c.id: c for c in report.claims}  # Report.claim() rebuilds its index on every call
    recorded = {g.target: g for g in report.groundings}
    failing = failing or set()
    checks: list[Check] = []
    for i, sentence in enumerate(report.summary, 1):
        target = f"summary:{i}"
        if not sentence.citations:
            checks.append(_fail("citations_resolve", target, "cites no claim"))
            checks.append(_complete_check(sentence.text, target))
            continue
        missing = [c for c in sentence.citations if by_id.get(c) is None]
        unverified = [c for c in sentence.citations if (cl := by_id.get(c)) is not None and not cl.verified]
        broken = [c for c in sentence.citations if c in failing]
        if missing or unverified or broken:
            parts = []
            if missing:
                parts.append(f"unknown claim ids {missing}")
            if unverified:
                parts.append(f"cites unverified claims {unverified}")
            if broken:
                parts.append(f"cites claims whose evidence is not in their article {broken}")
            checks.append(_fail("citations_resolve", target, "; ".join(parts)))
        else:
            checks.append(
                Check(
                    name="citations_resolve", passed=True, detail=", ".join(sentence.citations), target=target
                )
            )
        cited = [cl for c in sentence.citations if (cl := by_id.get(c)) is not None]
        units = [cited_sentences(report, [cl]) for cl in cited]  # as ground.summary_targets groups them
        first: dict[str, Reading] = {}  # = cited_sentences(report, cited): each sentence once, in order
        for r in (r for unit in units for r in unit):
            first.setdefault(r.text, r)
        sources = list(first.values())
        if sentence.written_by == "code":
            checks.append(_quotes_check(sentence, [r.text for r in sources], target))
        else:
            checks.append(
                _grounded(
                    sentence.text,
                    sources,
                    recorded.get(target),
                    target,
                    units,
                    trust_scores,
                    target in unjudged,
                    voiced=True,
                )
            )
        checks.append(_complete_check(sentence.text, target))
    return checks


def _quotes_check(sentence: SummarySentence, sources: list[str], target: str) -> Check:
    """A sentence code wrote from the sources: every span it quotes is verbatim in its cited sentences."""
    quoted = QUOTED.findall(sentence.text)
    text = "\n".join(sources)
    absent = [q for q in quoted if not find_quote(q, text) and q.strip() not in text]
    passed = bool(quoted) and not absent
    detail = (
        f"quotes {len(quoted)} span(s) verbatim from the cited sentences"
        if passed
        else f"quoted words not in the cited sentences: {absent}"
        if absent
        else "quotes nothing from its sources"
    )
    return Check(name="grounded", passed=passed, detail=detail, target=target)


def _complete_check(text: str, target: str) -> Check:
    """The sentence ends as a sentence does: a small model stops mid-clause, and a length cap cuts."""
    done = ends_a_sentence(text)
    tail = text.strip()[-40:]
    return Check(
        name="sentence_complete",
        passed=done,
        detail="ends with a full stop" if done else f"breaks off: …{tail!r}",
        target=target,
    )


def unsupported_numbers(text: str, cited: list[Claim]) -> list[str]:
    """Numbers written in `text` that no cited claim's evidence (its quote) or typed quantity states."""
    values = [n.value for c in cited for n in find_numbers(c.quote)]
    values += [q.value for c in cited for q in c.quantities]
    return [n.raw for n in find_numbers(text) if not any(same_value(n.value, v) for v in values)]


def check_groups(report: Report) -> list[Check]:
    """Groups cite existing claims from two or more articles, in the articles' own words."""
    by_id = {c.id: c for c in report.claims}
    checks: list[Check] = []
    groups = [("conflict", g.claim_ids) for g in report.conflicts]
    groups += [("corroborated", g.claim_ids) for g in report.corroborated]
    counters = {"conflict": 0, "corroborated": 0}
    for kind, ids in groups:
        counters[kind] += 1
        target = f"{kind}:{counters[kind]}"
        name = f"{kind}_spans_sources"
        claims = [by_id.get(c) for c in ids]
        missing = [c for c, cl in zip(ids, claims, strict=True) if cl is None]
        if missing:
            checks.append(_fail(name, target, f"unknown claim ids {missing}"))
            continue
        sources = sorted({cl.article_id for cl in claims if cl is not None})
        checks.append(
            Check(
                name=name,
                passed=len(sources) >= 2,
                detail=f"articles {', '.join(sources)}" if len(sources) >= 2 else f"only article {sources}",
                target=target,
            )
        )
    for n, conflict in enumerate(report.conflicts, 1):
        for side in conflict.sides:
            checks.append(_words_check(report, side.article_ids, side.text, f"conflict:{n}"))
    for n, drift in enumerate(report.quote_drift, 1):
        for w in drift.wordings:
            checks.append(_words_check(report, [w.article_id], w.text, f"quote_drift:{n}"))
    return checks


def _words_check(report: Report, article_ids: list[str], words: str, target: str) -> Check:
    """A side of a conflict or a wording of a quote is verbatim in every article said to give it."""
    articles = [a for i in article_ids if (a := report.article(i)) is not None]
    absent = [a.id for a in articles if not _in(words, a)]
    passed = bool(articles) and not absent
    detail = f"verbatim in {', '.join(a.id for a in articles)}" if passed else f"not verbatim in {absent}"
    return Check(name="words_verbatim", passed=passed, detail=f"{words[:60]!r}: {detail}", target=target)


def _in(words: str, article: Article) -> bool:
    return bool(find_quote(words, article.text)) or words.strip() in article.text


@dataclass(frozen=True)
class Prechecked:
    """The checks that do not read the summary, run while it is written, and what they were run on."""

    on: tuple[object, ...]
    claim_checks: list[Check]
    group_checks: list[Check]


def _inputs(report: Report) -> tuple[object, ...]:
    """What the claims' and groups' checks read: articles, claims, the claims' groundings, the groups."""
    # Cheap to compare when nothing changed: the strings are the same objects, and equal by identity.
    articles = tuple((a.id, a.text, tuple(s.text for s in a.sentences)) for a in report.articles)
    claims = tuple(
        (c.id, c.article_id, c.statement, c.quote, tuple(c.sentence_ids), c.verified) for c in report.claims
    )
    graded = tuple(
        (g.target, g.text, g.judge_score) for g in report.groundings if g.target.startswith("claim:")
    )
    groups = (
        tuple(tuple(g.claim_ids) for g in report.corroborated),
        tuple(tuple(g.claim_ids) for g in report.conflicts),
        tuple(d.model_dump_json() for d in report.quote_drift),
    )
    return articles, claims, graded, groups


def prechecked(report: Report) -> Prechecked:
    """The claims' and groups' checks of a report whose summary is still being written."""
    return Prechecked(_inputs(report), check_claims(report), check_groups(report))


def verify(
    report: Report,
    checked: Prechecked | None = None,
    *,
    recompute: bool = False,
    trust_scores: bool = True,
    unjudged: frozenset[str] = frozenset(),
) -> Report:
    """The report with every check run, each summary sentence's verdict set, and the outlets each names.

    `checked`: the claims' and groups' checks `prechecked` ran before the summary; run again here if the
    report's claims, their groundings or its groups are not what they were run on. `recompute`: also
    check what the articles alone decide (sentence spans, the conflicts), for a report read from a file.
    `trust_scores`: whether the groundings' judge scores were computed by this process, not read.
    `unjudged`: targets the judge was asked about and did not answer (left as code found them).
    """
    if checked is not None and (checked.on != _inputs(report) or not trust_scores or unjudged):
        checked = None
    claim_checks = checked.claim_checks if checked else check_claims(report, trust_scores, unjudged)
    broken = [c for c in claim_checks if not c.passed and c.name == "quote_verbatim" and c.target]
    failing = {c.target.removeprefix("claim:") for c in broken if c.target}
    checks = (
        claim_checks
        + check_summary(report, failing, trust_scores, unjudged)
        + (checked.group_checks if checked else check_groups(report))
        + (check_spans(report) + check_conflicts(report) if recompute else [])
    )
    summary = [
        s.model_copy(
            update={
                "verified": all(c.passed for c in checks if c.target == f"summary:{i}"),
                "outlets": naming(report, s),
            }
        )
        for i, s in enumerate(report.summary, 1)
    ]
    corroborated = [
        g.model_copy(update={"stated_by": stating(report, g.stated, g.claim_ids)})
        for g in report.corroborated
    ]
    return report.model_copy(update=dict(checks=checks, summary=summary, corroborated=corroborated))


def check_spans(report: Report) -> list[Check]:
    """Each article's sentences are numbered from 1 and each stands at its span in the article's text."""
    checks: list[Check] = []
    for article in report.articles:
        size = len(article.text)
        wrong: list[str] = []
        for n, s in enumerate(article.sentences, 1):
            if s.id != n:
                wrong.append(f"sentence {n} is numbered {s.id}")
            elif not 0 <= s.start <= s.end <= size:
                wrong.append(f"sentence {n}'s span {s.start}-{s.end} is outside the text (0-{size})")
            elif article.text[s.start : s.end] != s.text:
                wrong.append(f"sentence {n} is not the text at its span {s.start}-{s.end}")
        detail = "; ".join(wrong[:3]) + (f" and {len(wrong) - 3} more" if len(wrong) > 3 else "")
        checks.append(
            Check(
                name="sentence_spans",
                passed=not wrong,
                detail=detail or f"{len(article.sentences)} sentences, each at its span in the text",
                target=f"article:{article.id}",
            )
        )
    return checks


def _presents_alignment(report: Report) -> bool:
    """Whether the report says how its articles line up (a run's report, not a checked draft's)."""
    written = any(s.written_by == "code" for s in report.summary)
    groups = report.conflicts or report.corroborated or report.quote_drift or report.single_source
    return bool(report.coverage or groups or written)


def check_conflicts(report: Report) -> list[Check]:
    """Every conflict the articles' figures show is in the report, and each is stated in the summary.

    The figures are read from the articles and claims again (align, no model): a report with a conflict
    and its sentence deleted fails here. A checked draft (no alignment at all) is not held to this.
    """
    if not _presents_alignment(report):
        return []
    # Align's own input: the model's claims, without what the cross-check and the clauses added to them.
    claims = [c for c in report.claims if c.found_by == "model" and c.part_of is None]
    shown = [_sides(c.sides) for c in report.conflicts]
    checks: list[Check] = []
    for n, conflict in enumerate(align(report.articles, claims).conflicts, 1):
        # Found when one conflict of the report gives every version, in the same outlet's words (a side
        # may quote a few words more or less than the figure's own).
        want = _sides(conflict.sides)
        found = any(all(any(_same_side(w, h) for h in have) for w in want) for have in shown)
        checks.append(
            Check(
                name="conflicts_found",
                passed=found,
                detail=(
                    "in the report: "
                    if found
                    else "the articles' figures disagree, and the report does not say so: "
                )
                + conflict.description,
                target=f"conflicts:{n}",
            )
        )
    stating = [set(s.citations) for s in report.summary if s.written_by == "code"]
    for n, conflict in enumerate(report.conflicts, 1):
        if len(conflict.sides) < 2:
            continue  # an older report's conflict, with no sides to state
        ids = {i for side in conflict.sides for i in side.claim_ids}
        stated = any(ids <= cited for cited in stating)
        checks.append(
            Check(
                name="conflict_stated",
                passed=stated,
                detail="the summary states it, each side attributed"
                if stated
                else "no summary sentence states this disagreement",
                target=f"conflict:{n}",
            )
        )
    return checks


def _sides(sides: Sequence[Side]) -> list[tuple[str, str]]:
    return [(a, " ".join(side.text.split())) for side in sides for a in side.article_ids]


def _same_side(a: tuple[str, str], b: tuple[str, str]) -> bool:
    return a[0] == b[0] and bool(a[1]) and bool(b[1]) and (a[1] in b[1] or b[1] in a[1])


def _fail(name: str, target: str, detail: str) -> Check:
    return Check(name=name, passed=False, detail=detail, target=target)
