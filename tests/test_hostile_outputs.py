"""What a hostile article or model cannot do to the files written (issue 26): run script, or widen access."""

from __future__ import annotations

import os
import re
import stat
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from typer.testing import CliRunner

from summarizer.batch import StoryResult, write_index
from summarizer.cli import app
from summarizer.files import write_atomic
from summarizer.html import to_html
from summarizer.models import Article, Grounding
from summarizer.pipeline import summarize
from summarizer.render import to_markdown
from summarizer.scripted import Answer, Request, ScriptedModel

from .loopback import facts_listed
from .reports import seeds_report

# Each a way raw Markdown carries HTML or a script link that a CommonMark renderer would act on.
HOSTILE = [
    "<script>alert(1)</script>",
    '<img src="x" onerror="alert(2)">',
    '<a href="javascript:alert(3)">the council</a>',
    "[the council](javascript:alert(4))",
    "![a map](javascript:alert(5))",
    "<javascript:alert(6)>",
]
ARTICLE = (
    "The river Elm burst its banks on Monday, the mayor said.\n"
    + "\n".join(f"Residents posted {h} on the town forum." for h in HOSTILE)
    + "\nIt reached the town hall by noon.\n"
)


def hostile_markdown(tmp_path: Path) -> str:
    """The Markdown report of a run whose article, file name and model answers all carry markup."""
    path = tmp_path / '<img src=x onerror="alert(7)">.txt'
    path.write_text(ARTICLE, encoding="utf-8")
    other = tmp_path / "b.txt"
    other.write_text("Heavy rain pushed the river Elm over its banks on Monday.\n", encoding="utf-8")

    def script(request: Request) -> Answer:
        if request.schema == "Restatements":
            ids = [int(x) for x in request.last.rsplit("Restate sentences ", 1)[1].rstrip(".").split(", ")]
            return {"statements": [{"id": i, "statement": f"{HOSTILE[i % len(HOSTILE)]} {i}."} for i in ids]}
        if request.schema == "Reconciliation":
            fact = facts_listed(request.body)[0][0]
            pairs = zip(HOSTILE[::2], HOSTILE[1::2], strict=True)
            return {"summary": [{"text": f"The river flooded. {a} {b}", "facts": [fact]} for a, b in pairs]}
        if request.schema == "SentenceFixes":
            return {"sentences": []}
        return 0.9

    model = ScriptedModel(script)
    return to_markdown(summarize([path, other], client=model.client()))


def test_the_markdown_report_carries_no_raw_html_or_script_link(tmp_path: Path) -> None:
    md = hostile_markdown(tmp_path)
    assert "Residents posted" in md  # the hostile sentences are in the report, as text
    lowered = md.lower()
    assert "<script" not in lowered and "<img" not in lowered and "<javascript:" not in lowered
    assert '<a href="javascript:' not in lowered
    assert not re.search(r"(?<!\\)\]\(javascript:", lowered)  # no link or image to a script


def test_a_commonmark_rendering_of_the_markdown_report_runs_no_script(tmp_path: Path) -> None:
    markdown_it = pytest.importorskip("markdown_it")
    html = markdown_it.MarkdownIt("commonmark").render(hostile_markdown(tmp_path)).lower()
    assert "<script" not in html and "<img" not in html and 'href="javascript:' not in html
    assert 'href="javascript:' not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html  # shown as the words it is


def test_the_models_words_in_the_markdown_report_carry_no_raw_html(seeds: list[Article]) -> None:
    report = seeds_report(seeds)
    hostile = " ".join(HOSTILE)
    removed = Grounding(
        target="removed:9", text="", verdict="unsupported", action="removed", original=hostile
    )
    summary = [report.summary[0].model_copy(update={"text": hostile}), *report.summary[1:]]
    md = to_markdown(report.model_copy(update={"summary": summary, "groundings": [removed]})).lower()
    assert md.count("&lt;script&gt;") == 2  # the summary sentence and the removed one, as text
    assert "<script" not in md and "<img" not in md and "<javascript:" not in md
    assert '<a href="javascript:' not in md and not re.search(r"(?<!\\)\]\(javascript:", md)


@pytest.mark.parametrize(
    "text",
    [
        "Water reached 2.5 m by noon, the mayor said.",
        "AT&T and Smith & Sons lost power; 3 < 4 > 2.",
        "A&lt;b&gt; is how the page wrote it, &#60; too.",
    ],
)
def test_markdown_text_renders_as_exactly_what_was_written(text: str) -> None:
    from summarizer.render import _md

    markdown_it = pytest.importorskip("markdown_it")
    rendered = markdown_it.MarkdownIt("commonmark").render(_md(text))
    assert rendered == markdown_it.MarkdownIt("commonmark").render("x").replace("x", _html_text(text))
    if not any(c in text for c in "<>&"):
        assert _md(text) == text  # ordinary text is written as it is


def _html_text(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


# --- 11. reports follow the umask -----------------------------------------------------------------------


@pytest.fixture
def umask_022() -> Iterator[None]:
    old = os.umask(0o022)
    try:
        yield
    finally:
        os.umask(old)


def mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


def test_a_new_report_gets_the_mode_the_umask_gives(tmp_path: Path, umask_022: None) -> None:
    write_atomic(tmp_path / "report.md", "# Summary\n")
    assert mode(tmp_path / "report.md") == 0o644
    assert [p.name for p in tmp_path.iterdir()] == ["report.md"]  # no temporary file left beside it


def test_a_report_written_over_keeps_its_mode(tmp_path: Path, umask_022: None) -> None:
    for kept in (0o644, 0o640):
        path = tmp_path / f"report-{kept:o}.md"
        path.write_text("old\n")
        path.chmod(kept)
        write_atomic(path, "new\n")
        assert (path.read_text(), mode(path)) == ("new\n", kept)


def test_the_cli_writes_a_report_readable_as_the_umask_allows(
    tmp_path: Path, umask_022: None, cli_model: Callable[[ScriptedModel], list[str]]
) -> None:
    article = tmp_path / "a.txt"
    article.write_text("The river Elm burst its banks on Monday.\nRoads were closed on Tuesday.\n")
    model = ScriptedModel(lambda r: {"summary": []} if r.schema == "Reconciliation" else 0.9)
    out = tmp_path / "report.html"
    result = CliRunner().invoke(app, [str(article), "-f", "html", "-o", str(out), *cli_model(model)])
    assert out.is_file(), result.output
    assert mode(out) == 0o644


# --- 20. the batch index has the story reports' Content-Security-Policy ------------------------------


def csp(html: str) -> dict[str, str]:
    """The page's Content-Security-Policy, directive → sources."""
    found = re.search(r'<meta http-equiv="Content-Security-Policy" content="([^"]*)">', html)
    assert found, "no Content-Security-Policy"
    return dict(d.strip().split(" ", 1) for d in found.group(1).split(";"))


def test_the_batch_index_has_the_story_reports_policy_and_runs_no_script(
    tmp_path: Path, seeds: list[Article]
) -> None:
    evil = StoryResult(id="s1", status="failed", error='<script>alert("x")</script>')
    _, index = write_index([evil], tmp_path, model="m")
    policy = csp(index.read_text(encoding="utf-8"))
    report = csp(to_html(seeds_report(seeds)))
    assert policy == {k: v for k, v in report.items() if k != "script-src"}
    assert policy["default-src"] == "'none'"  # and no script-src: no script runs at all
