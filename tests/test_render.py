"""Markdown and JSON rendering."""

from __future__ import annotations

import json

from summarizer.models import Article, Report
from summarizer.render import to_json, to_markdown
from summarizer.verify import verify

from .reports import seeds_report


def test_markdown_has_verdicts_links_sources_conflicts_and_checks(seeds: list[Article]) -> None:
    md = to_markdown(verify(seeds_report(seeds)))
    assert md.startswith("# Summary of 2 articles")
    for section in (
        "## Summary",
        "## Conflicts",
        "## Single-source",
        "## Unverified claims",
        "## Sources",
        "## Checks",
    ):
        assert section in md
    assert "✅" in md
    assert "[A1](#claim-a1)" in md and '<a id="claim-a1"></a>' in md
    assert "“has 10,000 followers on Telegram”" in md


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
