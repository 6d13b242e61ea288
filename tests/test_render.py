"""Markdown and JSON rendering."""

from __future__ import annotations

import json

from summarizer.html import to_html
from summarizer.models import (
    Article,
    Coverage,
    Grounding,
    QuoteDrift,
    Report,
    SentenceCoverage,
    SummarySentence,
    Unsupported,
    Wording,
)
from summarizer.render import to_json, to_markdown
from summarizer.verify import verify

from .reports import seeds_report, sentence_report


def test_markdown_has_verdicts_links_sources_conflicts_and_checks(seeds: list[Article]) -> None:
    md = to_markdown(verify(seeds_report(seeds)))
    assert md.startswith("# Summary of 2 articles")
    for section in ("## Summary", "## Conflicts", "## Single-source", "## Sources", "## Checks"):
        assert section in md
    assert "✅" in md
    assert "[A1](#claim-a1)" in md and '<a id="claim-a1"></a>' in md
    assert "“has 10,000 followers on Telegram”" in md


def test_markdown_shows_sides_outlets_repairs_removals_drift_and_coverage(seeds: list[Article]) -> None:
    report = sentence_report(seeds)
    repaired = Grounding(
        target="summary:1",
        text=report.summary[0].text,
        verdict="supported",
        action="repaired",
        original="The incident happened in Ukraine's Kharkiv region.",
    )
    removed = Grounding(
        target="removed:3",
        text="",
        verdict="unsupported",
        action="removed",
        original="It was a strategic error.",
        unsupported=[
            Unsupported(kind="word", text="strategic", start=8, end=17, detail="not in the sources")
        ],
    )
    drift = QuoteDrift(
        speaker="Kovalenko",
        claim_ids=["A9", "B8"],
        wordings=[
            Wording(
                article_id="A", claim_id="A9", text="the difficulty of replenishing losses", changed=[(4, 14)]
            )
        ],
    )
    coverage = Coverage(
        article_id="A",
        sentences=[
            SentenceCoverage(sentence_id=1, claim_ids=["A1"]),
            SentenceCoverage(sentence_id=2, left_out="a question, not a statement"),
        ],
    )
    report = report.model_copy(
        update={
            "groundings": [repaired, removed],
            "quote_drift": [drift],
            "coverage": [coverage],
            "summary": [report.summary[0].model_copy(update={"action": "repaired"}), *report.summary[1:]],
        }
    )
    md = to_markdown(verify(report))
    # B1 does not say it "happened" (issue 29.4): B is cited, and named as unconfirmed.
    assert "— A; also cited, unconfirmed: B _(rewritten after the check)_" in md
    assert "the model wrote: The incident happened in Ukraine's Kharkiv region." in md
    assert "~~It was a strategic error.~~ — 'strategic': not in the sources" in md
    assert "  - A: “has 10,000 followers on Telegram” [A9]" in md
    assert "  - B: “who has over 100,000 Telegram subscribers” [B8]" in md
    assert "“the **difficulty** of replenishing losses”" in md
    assert "- A: 1 of 2 sentences are claims; left out — a question, not a statement: 2" in md


def test_a_sentence_left_out_as_a_repeat_says_which_sentence_says_it(seeds: list[Article]) -> None:
    report = sentence_report(seeds)
    shown = report.summary[0].text
    repeat = Grounding(
        target="removed:2",
        text="A Russian jet shot down its own drone.",  # as it was shown, a stand-in's words
        verdict="supported",
        action="removed",
        original="The model's own wording of it.",
        left_out=f"says again what “{shown}” says",
    )
    report = report.model_copy(update={"groundings": [repeat]})
    md = to_markdown(verify(report))
    assert f"~~A Russian jet shot down its own drone.~~ — says again what “{shown}” says" in md
    page = to_html(verify(report))
    assert "says again what" in page and "A Russian jet shot down its own drone." in page
    assert "The model's own wording of it." not in md
    # It passed its checks: no failure badge, and not counted among the wordings the checks refused.
    assert "</span> a check failed</span>" not in page and "the checks refused" not in page


def test_a_failing_sentence_shows_why(seeds: list[Article]) -> None:
    report = seeds_report(seeds)
    report.summary[0].citations = ["Q7"]
    md = to_markdown(verify(report))
    assert "❌" in md and "unknown claim ids" in md and "Q7" in md


def test_article_text_cannot_inject_markdown_links(seeds: list[Article]) -> None:
    report = seeds_report(seeds)
    report.summary[0].text = "Click [here](http://evil.example) *now*"
    md = to_markdown(report)
    assert "[here](http://evil.example)" not in md


def test_json_is_the_report_dump_with_the_documented_fields(seeds: list[Article]) -> None:
    data = json.loads(to_json(verify(seeds_report(seeds))))
    assert {"articles", "claims", "summary", "conflicts", "checks", "usage"} <= data.keys()
    assert {"id", "path", "text"} <= data["articles"][0].keys()
    assert {"id", "article_id", "statement", "quote", "sentence_ids", "verified"} <= data["claims"][0].keys()
    assert {"text", "citations"} <= data["summary"][0].keys()
    assert {"description", "claim_ids"} <= data["conflicts"][0].keys()
    assert {"name", "passed", "detail"} <= data["checks"][0].keys()
    assert Report.model_validate(data) == verify(seeds_report(seeds))


def test_a_statement_that_is_its_quote_but_for_spaces_around_it_is_shown_once(seeds: list[Article]) -> None:
    # Not restated (Claim.restated, as grounding and verify read it: the two stripped are equal): the
    # source line shows the quote alone, as for a statement equal to its quote, not the same words twice.
    report = sentence_report(seeds)
    first = report.claims[0]
    report.claims[0] = first.model_copy(update={"statement": f"  {first.quote} "})
    line = next(x for x in to_markdown(report).splitlines() if f"**{first.id}**" in x)
    assert line.endswith(f": “{first.quote}”")


def _replaced(seeds: list[Article]) -> Report:
    """sentence_report with its first sentence replaced by A2 itself: the model's named Kharkiv."""
    report = sentence_report(seeds)
    shown = f"A reports: “{seeds[0].sentences[1].text}”"
    wrote = "The incident happened in the Kharkiv region of Russia."
    at = wrote.index("Kharkiv")
    g = Grounding(
        target="summary:1",
        text=shown,
        verdict="supported",
        action="replaced",
        original=wrote,
        unsupported=[
            Unsupported(
                kind="entity", text="Kharkiv", start=at, end=at + 7, detail="not named in the sources"
            )
        ],
        judge="unsupported",
        failed_by=["deterministic", "judge"],
    )
    first = SummarySentence(text=shown, citations=["A2"], action="replaced", written_by="code")
    return report.model_copy(update={"summary": [first, *report.summary[1:]], "groundings": [g]})


def test_findings_against_a_replaced_wording_sit_under_what_the_model_wrote(seeds: list[Article]) -> None:
    lines = to_markdown(verify(_replaced(seeds))).splitlines()
    at = next(i for i, x in enumerate(lines) if x.startswith("1. ✅ A reports:"))
    assert lines[at + 1 : at + 4] == [
        "   - the model wrote: The incident happened in the Kharkiv region of Russia. — against the "
        "sentences it cites:",
        "     - entity 'Kharkiv': not named in the sources",
        "     - judge: unsupported",
    ]


def test_a_summary_sentence_names_only_the_outlets_whose_own_citations_say_it(seeds: list[Article]) -> None:
    report = sentence_report(seeds)
    both = SummarySentence(text="The incident was in the Kursk region.", citations=["A2", "B1"])
    report.summary.append(both)
    checked = verify(report)
    md = to_markdown(checked)
    lines = [x for x in md.splitlines() if x[:3] in ("1. ", "2. ", "3. ")]
    # B's cited sentence does not say the first on its own: named as cited, never left to read as absent.
    first = "A; also cited, unconfirmed: B"
    assert [x.rsplit(" — ", 1)[1] for x in lines] == [first, "A, B (2 outlets)", "A, B (2 outlets)"]
    # The JSON carries the same outlets the Markdown names.
    assert [s["outlets"] for s in json.loads(to_json(checked))["summary"]] == [["A"], ["A", "B"], ["A", "B"]]
    # The corroborated fact is shown in A's words, which B1 does not say ("happened"): B was matched by
    # meaning, and the list says so rather than reading as if B were absent.
    assert "(A's words; B matched by meaning, not word for word)" in md
