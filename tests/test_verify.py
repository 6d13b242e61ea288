"""The deterministic checks: each passes on a sound report and fails on the fault it guards against."""

from __future__ import annotations

from summarizer.models import Article, Conflict, Report, SummarySentence
from summarizer.verify import verify

from .reports import claim, seeds_report


def _failed(report: Report) -> set[tuple[str, str | None]]:
    return {(c.name, c.target) for c in verify(report).checks if not c.passed}


def test_a_sound_report_passes_every_check(seeds: list[Article]) -> None:
    checked = verify(seeds_report(seeds))
    assert checked.passed
    assert all(s.verified for s in checked.summary)
    names = {c.name for c in checked.checks}
    assert {"quote_verbatim", "citations_resolve", "numbers_supported", "conflict_spans_sources"} <= names


def test_unknown_and_missing_citations_fail(seeds: list[Article]) -> None:
    report = seeds_report(seeds)
    report.summary.append(SummarySentence(text="Something else.", citations=["Z9"]))
    report.summary.append(SummarySentence(text="Nothing cited.", citations=[]))
    checked = verify(report)
    assert ("citations_resolve", "summary:3") in _failed(report)
    assert ("citations_resolve", "summary:4") in _failed(report)
    assert checked.summary[2].verified is False and checked.summary[0].verified is True


def test_citing_an_unverified_claim_fails(seeds: list[Article]) -> None:
    report = seeds_report(seeds)
    report.claims.append(claim("A9", seeds[0], "made up words here", "Invented.", 1, verified=False))
    report.summary.append(SummarySentence(text="Invented.", citations=["A9"]))
    assert ("citations_resolve", "summary:3") in _failed(report)


def test_a_number_no_cited_claim_states_fails(seeds: list[Article]) -> None:
    report = seeds_report(seeds)
    report.summary[1] = SummarySentence(text="Kovalenko has 50,000 followers.", citations=["A1"])
    checked = verify(report)
    (check,) = [c for c in checked.checks if c.name == "numbers_supported" and c.target == "summary:2"]
    assert not check.passed and "50,000" in check.detail


def test_a_summary_sentence_that_breaks_off_fails(seeds: list[Article]) -> None:
    report = seeds_report(seeds)
    report.summary[1] = SummarySentence(text="Kovalenko has 10,000 followers on", citations=["A1"])
    report.summary.append(SummarySentence(text="Kovalenko said: “It is alarming.”", citations=["A1"]))
    assert ("sentence_complete", "summary:2") in _failed(report)
    assert ("sentence_complete", "summary:3") not in _failed(report)


def test_a_claim_marked_verified_whose_quote_is_not_in_its_article_fails(seeds: list[Article]) -> None:
    report = seeds_report(seeds)
    report.claims[0] = claim("A1", seeds[0], "has 10,000 fans on Telegram", "Kovalenko has fans.", 9)
    assert ("quote_verbatim", "claim:A1") in _failed(report)


def test_a_conflict_within_one_article_fails(seeds: list[Article]) -> None:
    report = seeds_report(seeds)
    report.conflicts.append(Conflict(description="x", claim_ids=["A1", "A2"]))
    assert ("conflict_spans_sources", "conflict:2") in _failed(report)


def test_verify_reads_a_report_round_tripped_through_json(seeds: list[Article]) -> None:
    again = Report.model_validate_json(seeds_report(seeds).model_dump_json())
    assert verify(again).passed


def test_a_citation_that_resolves_to_an_unrelated_claim_fails_support(seeds: list[Article]) -> None:
    report = seeds_report(seeds)
    report.summary[0] = SummarySentence(text="The incident happened in the Kursk region.", citations=["A1"])
    checked = verify(report)
    (check,) = [c for c in checked.checks if c.name == "citations_support" and c.target == "summary:1"]
    assert not check.passed and "kursk" in check.detail
    assert checked.summary[0].verified is False
