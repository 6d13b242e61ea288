"""Deterministic checks on a report, with no model and no I/O: the part people trust.

They read only the report itself, so they run on any `Report` JSON, including one another tool wrote.
"""

from __future__ import annotations

import re

from summarizer.evidence import evidence_problems
from summarizer.models import Check, Claim, Report
from summarizer.text import content_words, find_numbers, same_value


def check_claims(report: Report) -> list[Check]:
    """Every claim marked verified has its evidence (sentence ids and verbatim quote) in its article."""
    checks: list[Check] = []
    for claim in report.claims:
        if not claim.verified:
            continue  # already reported with its reason, and kept out of the summary
        article = report.article(claim.article_id)
        if article is None:
            checks.append(
                _fail(
                    "quote_verbatim", f"claim:{claim.id}", f"article {claim.article_id} is not in the report"
                )
            )
            continue
        problems = evidence_problems(claim, article)
        checks.append(
            Check(
                name="quote_verbatim",
                passed=not problems,
                detail="; ".join(problems) or f"found in article {article.id}",
                target=f"claim:{claim.id}",
            )
        )
    return checks


def check_summary(report: Report, failing: set[str] | None = None) -> list[Check]:
    """Each summary sentence cites verified claims that exist, and states no number they lack.

    `failing` names claims marked verified whose evidence fails its check here (check_claims): a
    sentence citing one rests on evidence that is not in the article, and cannot pass.
    """
    by_id = {c.id: c for c in report.claims}  # Report.claim() rebuilds its index on every call
    failing = failing or set()
    checks: list[Check] = []
    for i, sentence in enumerate(report.summary, 1):
        target = f"summary:{i}"
        if not sentence.citations:
            checks.append(_fail("citations_resolve", target, "cites no claim"))
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
        checks.append(_support_check(report, sentence.text, cited, target))
        unsupported = unsupported_numbers(sentence.text, cited)
        checks.append(
            Check(
                name="numbers_supported",
                passed=not unsupported,
                detail=(
                    f"not in any cited claim: {', '.join(unsupported)}"
                    if unsupported
                    else "every number is cited"
                ),
                target=target,
            )
        )
        checks.append(_complete_check(sentence.text, target))
    return checks


_ENDS_A_SENTENCE = re.compile(r"[.!?…][\"”’')\]]*$")


def _complete_check(text: str, target: str) -> Check:
    """The sentence ends as a sentence does: a small model stops mid-clause, and a length cap cuts."""
    done = bool(_ENDS_A_SENTENCE.search(text.strip()))
    tail = text.strip()[-40:]
    return Check(
        name="sentence_complete",
        passed=done,
        detail="ends with a full stop" if done else f"breaks off: …{tail!r}",
        target=target,
    )


SUPPORT_THRESHOLD = 0.5


def _support_check(report: Report, text: str, cited: list[Claim], target: str) -> Check:
    """Most of a sentence's content words appear in what its cited claims and their sentences say.

    A citation that resolves can still point at the wrong fact; this catches a sentence whose words
    its sources do not contain, which is what a reader clicking through would notice first.
    """
    words = content_words(text)
    evidence: set[str] = set()
    for claim in cited:
        evidence |= content_words(f"{claim.statement} {claim.quote}")
        article = report.article(claim.article_id)
        for i in claim.sentence_ids:
            if article is not None and (s := article.sentence(i)) is not None:
                evidence |= content_words(s.text)
    share = len(words & evidence) / len(words) if words else 1.0
    missing = sorted(words - evidence)
    return Check(
        name="citations_support",
        passed=share >= SUPPORT_THRESHOLD,
        detail=f"{share:.0%} of its content words are in the cited evidence"
        + (f"; not there: {', '.join(missing[:8])}" if missing else ""),
        target=target,
    )


def unsupported_numbers(text: str, cited: list[Claim]) -> list[str]:
    """Numbers written in `text` that no cited claim states (in its statement, quote or quantities)."""
    values = [n.value for c in cited for n in find_numbers(c.statement) + find_numbers(c.quote)]
    values += [q.value for c in cited for q in c.quantities]
    return [n.raw for n in find_numbers(text) if not any(same_value(n.value, v) for v in values)]


def check_groups(report: Report) -> list[Check]:
    """Conflicts and corroborations cite existing claims from two or more articles."""
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
    return checks


def verify(report: Report) -> Report:
    """The report with every check run and each summary sentence's verdict set."""
    claim_checks = check_claims(report)
    failing = {c.target.removeprefix("claim:") for c in claim_checks if not c.passed and c.target}
    checks = claim_checks + check_summary(report, failing) + check_groups(report)
    summary = [
        s.model_copy(update={"verified": all(c.passed for c in checks if c.target == f"summary:{i}")})
        for i, s in enumerate(report.summary, 1)
    ]
    return report.model_copy(update={"checks": checks, "summary": summary})


def _fail(name: str, target: str, detail: str) -> Check:
    return Check(name=name, passed=False, detail=detail, target=target)
