"""Markdown and JSON rendering."""

from __future__ import annotations

import json

from summarizer.models import (
    Article,
    Coverage,
    Grounding,
    QuoteDrift,
    Report,
    SentenceCoverage,
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
    assert "— A, B (2 outlets) _(rewritten after the check)_" in md
    assert "the model wrote: The incident happened in Ukraine's Kharkiv region." in md
    assert "~~It was a strategic error.~~ — 'strategic': not in the sources" in md
    assert "  - A: “has 10,000 followers on Telegram” [A9]" in md
    assert "  - B: “who has over 100,000 Telegram subscribers” [B8]" in md
    assert "“the **difficulty** of replenishing losses”" in md
    assert "- A: 1 of 2 sentences are claims; left out — a question, not a statement: 2" in md


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
