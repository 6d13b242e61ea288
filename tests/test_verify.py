"""The deterministic checks on hand-built reports: each passes on a sound report and fails on its fault.

Every model-written sentence is read against article sentences only (never another model sentence), with
the judge's recorded score where the report has one; code-written sentences must quote verbatim.
"""

from __future__ import annotations

import asyncio
from collections.abc import Callable
from pathlib import Path

import pytest
from typer.testing import CliRunner

from summarizer.check import rejudge
from summarizer.cli import app
from summarizer.judge import THRESHOLD, ModelJudge
from summarizer.models import (
    Article,
    Check,
    Conflict,
    Corroboration,
    QuoteDrift,
    Report,
    SummarySentence,
    Wording,
)
from summarizer.scripted import Answer, Reply, Request, ScriptedModel
from summarizer.verdict import SETTLE
from summarizer.verify import Prechecked, prechecked, verify

from .reports import DISAGREE, KURSK, claim, judged, sentence_claim, sentence_report

runner = CliRunner()

# Sentences that share most of their words with A1 / A4 and add one detail no source gives.
FLYING = (
    "A blundering Russian drone operator has blown up a North Korean supplied surface to air missile "
    "while flying over Ukraine."
)
STRATEGIC = (
    "Kovalenko’s analysis showed that the destruction of the SAM was a strategic error by the Kremlin."
)
# A judge that agrees (above THRESHOLD) but not surely enough (below SETTLE) to settle a missing word.
UNSURE = (THRESHOLD + SETTLE) / 2


def failed(report: Report) -> set[tuple[str, str | None]]:
    """(check name, target) of every failing check."""
    return {(c.name, c.target) for c in verify(report).checks if not c.passed}


def check_of(report: Report, name: str, target: str) -> Check:
    """The one check of this name on this target."""
    (c,) = [c for c in verify(report).checks if c.name == name and c.target == target]
    return c


def with_sentence(report: Report, text: str, citations: list[str], **kw: object) -> Report:
    """The report with one more summary sentence (summary:3)."""
    s = SummarySentence(text=text, citations=citations, **kw)  # type: ignore[arg-type]
    return report.model_copy(update={"summary": [*report.summary, s]})


def with_claims(report: Report, *claims: object) -> Report:
    """The report with more claims."""
    return report.model_copy(update={"claims": [*report.claims, *claims]})


def test_a_sound_report_passes_every_check(seeds: list[Article]) -> None:
    checked = verify(sentence_report(seeds))
    assert checked.passed, [c for c in checked.checks if not c.passed]
    assert all(s.verified for s in checked.summary)
    assert {c.name for c in checked.checks} == {
        "quote_verbatim",
        "citations_resolve",
        "grounded",
        "sentence_complete",
        "conflict_spans_sources",
        "corroborated_spans_sources",
        "words_verbatim",
    }


def test_checks_run_while_the_summary_is_written_are_the_checks_run_after(seeds: list[Article]) -> None:
    report = sentence_report(seeds)
    draft = report.model_copy(update={"summary": []})
    assert verify(report, prechecked(draft)).checks == verify(report).checks


def test_checks_run_on_other_claims_or_articles_are_run_again(seeds: list[Article]) -> None:
    report = sentence_report(seeds)
    stale = prechecked(report.model_copy(update={"summary": []}))
    edited = report.claims[0].model_copy(update={"quote": "Kovalenko has 10,000 fans on Telegram."})
    other_claims = report.model_copy(update={"claims": [edited, *report.claims[1:]]})
    assert ("quote_verbatim", f"claim:{edited.id}") in failed_with(other_claims, stale)
    a, b = seeds
    old, new = a.sentences[1].text, "The incident happened somewhere in Russia."
    sentences = [s.model_copy(update={"text": new}) if s.id == 2 else s for s in a.sentences]
    rewritten = a.model_copy(update={"text": a.text.replace(old, new), "sentences": sentences})
    other_articles = report.model_copy(update={"articles": [rewritten, b]})
    assert ("quote_verbatim", "claim:A2") in failed_with(other_articles, stale)


def failed_with(report: Report, checked: Prechecked) -> set[tuple[str, str | None]]:
    """The checks that fail when `report` is verified with checks run earlier."""
    return {(c.name, c.target) for c in verify(report, checked).checks if not c.passed}


# --- grounded: model sentences against their cited sentences -------------------------------------------


@pytest.mark.parametrize(
    ("text", "cited", "invented"), [(FLYING, "A1", "flying"), (STRATEGIC, "A4", "strategic")]
)
def test_a_sentence_inventing_a_detail_fails_though_it_shares_most_words(
    seeds: list[Article], text: str, cited: str, invented: str
) -> None:
    a = seeds[0]
    report = with_claims(sentence_report(seeds), sentence_claim(a, int(cited[1:])))
    report = with_sentence(report, text, [cited])
    c = check_of(report, "grounded", "summary:3")
    assert not c.passed and invented in c.detail and c.detail.startswith("unsupported")
    assert verify(report).summary[2].verified is False
    assert check_of(report, "citations_resolve", "summary:3").passed  # the citation itself is fine


def test_a_word_the_sources_lack_passes_only_on_a_recorded_confident_judge(seeds: list[Article]) -> None:
    a = seeds[0]
    report = with_sentence(with_claims(sentence_report(seeds), sentence_claim(a, 1)), FLYING, ["A1"])
    assert check_of(judged(report, "summary:3", FLYING, 0.95), "grounded", "summary:3").passed
    assert not check_of(judged(report, "summary:3", FLYING, UNSURE), "grounded", "summary:3").passed
    # A score recorded for other words (the sentence was edited after judging) is not this sentence's.
    stale = judged(report, "summary:3", FLYING.replace("flying", "hovering"), 0.99)
    assert not check_of(stale, "grounded", "summary:3").passed


def test_a_recorded_judge_that_disagrees_fails_a_sentence_code_finds_clean(seeds: list[Article]) -> None:
    report = sentence_report(seeds)
    text = report.summary[0].text
    c = check_of(judged(report, "summary:1", text, 0.2), "grounded", "summary:1")
    assert not c.passed and "the judge does not find it in them (score 0.20)" in c.detail
    assert check_of(judged(report, "summary:1", text, 0.9), "grounded", "summary:1").passed


def test_a_number_no_cited_sentence_states_fails(seeds: list[Article]) -> None:
    report = with_sentence(sentence_report(seeds), "Kovalenko has 50,000 followers on Telegram.", ["A9"])
    c = check_of(report, "grounded", "summary:3")
    assert not c.passed and c.detail.startswith("contradicted") and "50,000" in c.detail


def test_a_citation_that_resolves_to_an_unrelated_claim_fails_grounded(seeds: list[Article]) -> None:
    report = sentence_report(seeds)
    report.summary[0] = SummarySentence(text=report.summary[0].text, citations=["A9"])
    assert ("grounded", "summary:1") in failed(report)
    assert ("citations_resolve", "summary:1") not in failed(report)


def test_a_sentence_is_read_against_article_sentences_never_against_a_claims_restatement(
    seeds: list[Article],
) -> None:
    b = seeds[1]
    # A restatement that says more than its sentence cannot lend its words to a summary sentence.
    loud = sentence_claim(b, 7, "“This is extremely alarming,” Kovalenko said of Russia’s air defences.")
    report = with_sentence(
        with_claims(sentence_report(seeds), loud),
        "Kovalenko said Russia’s air defences are alarming.",
        ["B7"],
    )
    assert ("grounded", "summary:3") in failed(report)


# --- evidence: claims and the sentences citing them ----------------------------------------------------


def test_a_sentence_citing_a_claim_whose_quote_is_not_in_its_article_fails(seeds: list[Article]) -> None:
    report = sentence_report(seeds)
    edited = report.claims[0].model_copy(update={"quote": "Kovalenko has 10,000 fans on Telegram."})
    report = report.model_copy(update={"claims": [edited, *report.claims[1:]]})
    assert ("quote_verbatim", "claim:A9") in failed(report)
    c = check_of(report, "citations_resolve", "summary:2")
    assert not c.passed and "cites claims whose evidence is not in their article ['A9']" in c.detail
    assert verify(report).summary[1].verified is False


def test_a_claim_whose_sentence_was_edited_out_of_its_article_fails(seeds: list[Article]) -> None:
    a, b = seeds
    old = a.sentences[1].text  # A2, cited by summary:1
    new = "The incident happened somewhere in Russia."
    sentences = [s.model_copy(update={"text": new}) if s.id == 2 else s for s in a.sentences]
    edited = a.model_copy(update={"text": a.text.replace(old, new), "sentences": sentences})
    report = sentence_report(seeds).model_copy(update={"articles": [edited, b]})
    assert {("quote_verbatim", "claim:A2"), ("citations_resolve", "summary:1")} <= failed(report)


def test_unknown_and_missing_citations_fail(seeds: list[Article]) -> None:
    report = with_sentence(sentence_report(seeds), "Something else happened.", ["Z9"])
    report = with_sentence(report, "Nothing cited.", [])
    checked = verify(report)
    assert {("citations_resolve", "summary:3"), ("citations_resolve", "summary:4")} <= failed(report)
    assert checked.summary[2].verified is False and checked.summary[0].verified is True


def test_citing_an_unverified_claim_fails(seeds: list[Article]) -> None:
    report = with_claims(
        sentence_report(seeds), claim("A99", seeds[0], "made up words", "Invented.", 1, False)
    )
    report = with_sentence(report, "Invented.", ["A99"])
    c = check_of(report, "citations_resolve", "summary:3")
    assert not c.passed and "cites unverified claims ['A99']" in c.detail
    assert all(ch.target != "claim:A99" for ch in verify(report).checks)  # reported with its reason already


# --- restated claim statements -------------------------------------------------------------------------


def test_a_faithful_restatement_passes_reading_the_sentences_before_it(seeds: list[Article]) -> None:
    b = seeds[1]
    report = with_claims(
        sentence_report(seeds), sentence_claim(b, 7, "“This is extremely alarming,” Kovalenko said.")
    )
    c = check_of(report, "grounded", "claim:B7")
    assert c.passed  # "Kovalenko" is named in B6, one of the sentences before "he said"


def test_a_restatement_that_adds_a_fact_fails(seeds: list[Article]) -> None:
    b = seeds[1]
    added = sentence_claim(b, 7, "“This is extremely alarming,” Kovalenko said on Tuesday in Kyiv.")
    report = with_claims(sentence_report(seeds), added)
    c = check_of(report, "grounded", "claim:B7")
    assert not c.passed and "Tuesday" in c.detail
    assert check_of(report, "quote_verbatim", "claim:B7").passed  # the evidence itself is sound


def test_a_statement_that_is_its_own_sentence_is_not_grounded_again(seeds: list[Article]) -> None:
    names = {(c.name, c.target) for c in verify(sentence_report(seeds)).checks}
    assert ("quote_verbatim", "claim:A9") in names and ("grounded", "claim:A9") not in names


# --- code-written sentences, conflicts and quote drift -------------------------------------------------


def test_a_code_sentence_quoting_words_its_sources_lack_fails(seeds: list[Article]) -> None:
    report = sentence_report(seeds)
    report.summary[1] = report.summary[1].model_copy(update={"text": DISAGREE.replace("10,000", "1,000")})
    c = check_of(report, "grounded", "summary:2")
    assert not c.passed and "has 1,000 followers on Telegram" in c.detail


def test_a_code_sentence_that_quotes_nothing_fails(seeds: list[Article]) -> None:
    report = with_sentence(
        sentence_report(seeds), "The outlets disagree about the followers.", ["A9", "B8"], written_by="code"
    )
    c = check_of(report, "grounded", "summary:3")
    assert not c.passed and c.detail == "quotes nothing from its sources"


def test_a_code_sentence_quoting_another_articles_words_fails(seeds: list[Article]) -> None:
    text = "Only A reports: “who has over 100,000 Telegram subscribers”"  # B's words, cited to A9
    report = with_sentence(sentence_report(seeds), text, ["A9"], written_by="code")
    assert ("grounded", "summary:3") in failed(report)


def test_a_conflict_within_one_article_fails(seeds: list[Article]) -> None:
    report = sentence_report(seeds)
    report.conflicts.append(Conflict(description="x", claim_ids=["A9", "A2"]))
    assert ("conflict_spans_sources", "conflict:2") in failed(report)


def test_a_conflict_side_not_verbatim_in_its_article_fails(seeds: list[Article]) -> None:
    report = sentence_report(seeds)
    side = report.conflicts[0].sides[1].model_copy(update={"text": "over 100,000 Telegram followers"})
    report.conflicts[0].sides[1] = side
    c = [c for c in verify(report).checks if c.name == "words_verbatim" and not c.passed]
    assert len(c) == 1 and c[0].target == "conflict:1" and "not verbatim in ['B']" in c[0].detail


def test_a_quote_drift_wording_not_in_its_article_fails(seeds: list[Article]) -> None:
    report = sentence_report(seeds)
    real = "This is extremely alarming"
    drift = QuoteDrift(
        speaker="Kovalenko",
        claim_ids=["B7", "A10"],
        wordings=[
            Wording(article_id="B", claim_id="B7", text=real),
            Wording(article_id="A", claim_id="A10", text=real),  # A never says it
        ],
    )
    report = report.model_copy(update={"quote_drift": [drift]})
    checks = [(c.passed, c.detail) for c in verify(report).checks if c.target == "quote_drift:1"]
    assert [p for p, _ in checks] == [True, False]


def test_verify_reads_a_report_round_tripped_through_json(seeds: list[Article]) -> None:
    again = Report.model_validate_json(sentence_report(seeds).model_dump_json())
    assert verify(again).passed


def test_a_summary_sentence_that_breaks_off_fails(seeds: list[Article]) -> None:
    report = with_sentence(sentence_report(seeds), "The incident happened in the Kursk", ["A2"])
    assert ("sentence_complete", "summary:3") in failed(report)
    assert ("sentence_complete", "summary:2") not in failed(report)  # ends in ”. after a quote


# --- the command line and the judge, again -------------------------------------------------------------


def test_cli_verify_is_deterministic_without_a_backend(tmp_path: Path, seeds: list[Article]) -> None:
    path = tmp_path / "report.json"
    report = with_sentence(with_claims(sentence_report(seeds), sentence_claim(seeds[0], 1)), FLYING, ["A1"])
    path.write_text(report.model_dump_json())
    first = runner.invoke(app, ["verify", str(path), "-f", "json"])
    second = runner.invoke(app, ["verify", str(path), "-f", "json"])
    assert first.exit_code == second.exit_code == 4, first.output
    assert first.stdout == second.stdout and first.stderr == ""
    assert Report.model_validate_json(first.stdout) == verify(report, recompute=True, trust_scores=False)
    ok = tmp_path / "ok.json"
    ok.write_text(sentence_report(seeds).model_dump_json())
    assert runner.invoke(app, ["verify", str(ok)]).exit_code == 0


def judge_of(scores: dict[str, float], default: float = 0.95) -> ScriptedModel:
    """A model answering judge calls only: P(Yes) by the sentence judged."""

    def script(request: Request) -> Answer:
        assert request.schema is None, "rejudge never repairs"
        claim = request.last.split("Claim: ", 1)[1].split("\n", 1)[0]
        return scores.get(claim, default)

    return ScriptedModel(script)


def test_rejudge_settles_words_and_fails_what_the_judge_rejects(seeds: list[Article]) -> None:
    b = seeds[1]
    restated = sentence_claim(b, 7, "“This is extremely alarming,” Kovalenko said.")
    report = with_sentence(
        with_claims(sentence_report(seeds), sentence_claim(seeds[0], 1), restated), FLYING, ["A1"]
    )
    kursk = report.summary[0].text
    assert not verify(report).passed  # by code alone, 'flying' fails

    model = judge_of({FLYING: 0.96, kursk: 0.2})
    again = asyncio.run(rejudge(report, ModelJudge(model.client())))
    judged_texts = {r.last.split("Claim: ", 1)[1].split("\n", 1)[0] for r in model.requests}
    # Model-written sentences only: the restated claim and the two model summary sentences, never code's.
    assert judged_texts == {FLYING, kursk, restated.statement}
    by_target = {g.target: g for g in again.groundings}
    assert by_target["summary:3"].verdict == "supported" and by_target["summary:1"].verdict == "unsupported"
    assert check_of(again, "grounded", "summary:3").passed
    assert not check_of(again, "grounded", "summary:1").passed
    assert check_of(again, "grounded", "claim:B7").passed
    assert all(g.action == "kept" for g in again.groundings)  # judged again, never rewritten

    unsure = asyncio.run(rejudge(report, ModelJudge(judge_of({FLYING: UNSURE}).client())))
    assert not check_of(unsure, "grounded", "summary:3").passed


# --- a report read from a file: what the articles decide is recomputed (issue 26.5) ---------------------


def verify_file(tmp_path: Path, report: Report) -> tuple[int, Report]:
    """`summarizer verify` on the report written to a file: its exit code and the report it prints."""
    path = tmp_path / "report.json"
    path.write_text(report.model_dump_json())
    result = runner.invoke(app, ["verify", str(path), "-f", "json"])
    return result.exit_code, Report.model_validate_json(result.stdout)


def test_a_stored_judge_score_never_passes_what_code_flags(tmp_path: Path, seeds: list[Article]) -> None:
    report = with_sentence(with_claims(sentence_report(seeds), sentence_claim(seeds[0], 1)), FLYING, ["A1"])
    code, checked = verify_file(tmp_path, judged(report, "summary:3", FLYING, 0.99))
    (c,) = [c for c in checked.checks if c.name == "grounded" and c.target == "summary:3"]
    assert code == 4 and not c.passed and c.detail.startswith("unchecked") and "0.99" in c.detail
    assert "verify --judge" in c.detail
    # A sentence code finds clean passes with or without a stored score.
    assert verify_file(tmp_path, judged(sentence_report(seeds), "summary:1", KURSK, 0.99))[0] == 0


def test_a_conflict_deleted_with_its_sentence_is_found_again(tmp_path: Path, seeds: list[Article]) -> None:
    report = sentence_report(seeds)
    assert verify_file(tmp_path, report)[0] == 0
    gone = report.model_copy(update={"conflicts": [], "summary": report.summary[:1]})
    code, checked = verify_file(tmp_path, gone)
    (c,) = [c for c in checked.checks if c.name == "conflicts_found"]
    assert code == 4 and not c.passed and "10,000 followers on Telegram" in c.detail
    unstated = report.model_copy(update={"summary": report.summary[:1]})
    code, checked = verify_file(tmp_path, unstated)
    assert code == 4 and [c.target for c in checked.checks if not c.passed] == ["conflict:1"]


def test_a_checked_draft_is_not_held_to_the_articles_conflicts(tmp_path: Path, seeds: list[Article]) -> None:
    report = sentence_report(seeds)
    draft = report.model_copy(update={"conflicts": [], "corroborated": [], "summary": report.summary[:1]})
    assert verify_file(tmp_path, draft)[0] == 0


@pytest.mark.parametrize(("start", "end"), [(10**18, 10**18 + 5), (-5, 20), (0, 5)])
def test_sentence_offsets_are_held_to_the_article_text(
    tmp_path: Path, seeds: list[Article], start: int, end: int
) -> None:
    a, b = seeds
    moved = a.sentences[0].model_copy(update={"start": start, "end": end})
    article = a.model_copy(update={"sentences": [moved, *a.sentences[1:]]})
    edited = sentence_report(seeds).model_copy(update={"articles": [article, b]})
    code, checked = verify_file(tmp_path, edited)
    (c,) = [c for c in checked.checks if c.target == "article:A"]
    assert code == 4 and not c.passed and "sentence 1" in c.detail


def test_a_judge_that_fails_leaves_sentences_as_code_found_them(
    tmp_path: Path, seeds: list[Article], cli_model: Callable[[ScriptedModel], list[str]]
) -> None:
    report = with_sentence(with_claims(sentence_report(seeds), sentence_claim(seeds[0], 1)), FLYING, ["A1"])
    path = tmp_path / "report.json"
    path.write_text(report.model_dump_json())
    down = ScriptedModel(lambda request: Reply(500, {"error": {"message": "internal error"}}))
    options = [o for o in cli_model(down) if o != "--no-cache"]  # verify never caches
    result = runner.invoke(app, ["verify", str(path), "--judge", "-f", "json", *options])
    assert result.exit_code == 3, result.output  # the judge failed, not the report
    (line,) = result.stderr.splitlines()
    assert line.startswith("failed: judge: judge unavailable")
    checked = Report.model_validate_json(result.stdout)
    (c,) = [c for c in checked.checks if c.name == "grounded" and c.target == "summary:3"]
    assert c.detail.startswith("unchecked: judge unavailable") and "'flying'" in c.detail
    assert check_of(checked, "grounded", "summary:1").passed  # code finds nothing in it: as code found it


# The outlets named after a sentence (issue 29.4): each outlet's cited sentences, checked on their own.


def test_an_outlet_is_named_only_when_its_own_cited_sentences_say_the_sentence(seeds: list[Article]) -> None:
    _, b = seeds
    report = with_claims(sentence_report(seeds), sentence_claim(b, 7))  # B7: “This is extremely alarming”
    # Both outlets' sentences say it, each on its own.
    report = with_sentence(report, "The incident was in the Kursk region.", ["A2", "B1"])
    # B7 is cited beside A2 and says nothing of it: the union of citations would name B too.
    report = with_sentence(report, "The incident happened in the Kursk region of Russia.", ["A2", "B7"])
    checked = verify(report)
    assert [s.outlets for s in checked.summary] == [["A"], ["A", "B"], ["A", "B"], ["A"]]


def test_what_no_outlet_s_own_sentences_say_names_no_outlet_even_where_a_judge_may_settle_it(
    seeds: list[Article],
) -> None:
    report = sentence_report(seeds)
    # "officials" is in no cited sentence: a judge may take it as paraphrase of all the citations, but
    # no outlet's own sentences say it.
    report = with_sentence(report, "The incident was in the Kursk region, officials said.", ["A2", "B1"])
    # A number no cited sentence gives: code is final on it.
    report = with_sentence(report, "The incident was in the Kursk region, 40 miles away.", ["A2", "B1"])
    # Without the word, both outlets' sentences say it.
    report = with_sentence(report, "The incident was in the Kursk region.", ["A2", "B1"])
    assert [s.outlets for s in verify(report).summary][2:] == [[], [], ["A", "B"]]


def test_a_code_sentence_names_the_outlets_whose_words_it_quotes(seeds: list[Article]) -> None:
    a, _ = seeds
    report = with_sentence(sentence_report(seeds), f"A reports: “{a.sentences[1].text}”", ["A2", "B1"])
    report.summary[2].written_by = "code"
    assert [s.outlets for s in verify(report).summary][1:] == [["A", "B"], ["A"]]


def test_a_corroborated_fact_is_stated_by_the_outlets_whose_own_claims_state_it(seeds: list[Article]) -> None:
    report = sentence_report(seeds)
    groups = [
        report.corroborated[0],  # "It happened in the Kursk region.": B1 has no "happened"
        Corroboration(fact="The incident was in the Kursk region.", claim_ids=["A2", "B1"]),
    ]
    checked = verify(report.model_copy(update={"corroborated": groups}))
    assert [g.stated_by for g in checked.corroborated] == [["A"], ["A", "B"]]
