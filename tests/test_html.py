"""The HTML report: structure, escaping, links, and (in headless Chromium) what a reader sees and clicks."""

from __future__ import annotations

import base64
import hashlib
import json
import re
import time
from pathlib import Path

import lxml.html
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from lxml.html import HtmlElement

from summarizer import Settings, summarize
from summarizer.html import to_html
from summarizer.htmlview import script_json, segments, word_diff
from summarizer.ingest import load, make_article
from summarizer.models import (
    Article,
    Call,
    Check,
    Claim,
    Conflict,
    Corroboration,
    Coverage,
    Failure,
    Grounding,
    QuoteDrift,
    Report,
    SentenceCoverage,
    SentenceRef,
    Side,
    SummarySentence,
    Unsupported,
    Usage,
    Wording,
)
from summarizer.verify import verify

from .browser import Browser, find_chromium
from .conftest import SEEDS
from .reports import claim, seeds_report, sentence_report

SCRIPT = "<script>alert(1)</script>"
BREAKOUT = '"><img src=x onerror=alert(1)>'
HOSTILE_TEXT = (
    f"Officials said {SCRIPT} was posted by the mayor on Monday.\n"
    f"The council answered {BREAKOUT} within an hour.\n"
    "A reader wrote </script><!-- and then\u2028a line separator, see http://evil.example/x.png here.\n"
    "The weather was fine."
)


@pytest.fixture
def hostile(seeds: list[Article]) -> Report:
    """Every field the page shows, with hostile text in an article, its name, claims and failures."""
    base = seeds_report(seeds)
    a, b = base.articles
    c = make_article(HOSTILE_TEXT, "C", name=f"{BREAKOUT}.txt")
    c.publisher = f"{SCRIPT} news"
    c1 = claim("C1", c, f"Officials said {SCRIPT} was posted", f"The mayor posted {BREAKOUT}.", 1)
    c2 = claim("C2", c, f"The council answered {BREAKOUT} within an hour", "The council answered.", 2)
    summary_2 = "Kovalenko has 10,000 Telegram followers, or over 100,000 subscribers."
    report = base.model_copy(
        update={
            "articles": [a, b, c],
            "claims": [*base.claims, c1, c2],
            "summary": [
                *base.summary,
                SummarySentence(text=f"The mayor posted {BREAKOUT}.", citations=["C1", "Q7"]),
                SummarySentence(
                    text="The incident happened in the Kursk region of Russia as Ukraine continues a fresh "
                    "incursion into the Russian territory.",
                    citations=["A2"],
                    action="replaced",
                ),
            ],
            "corroborated": [
                Corroboration(
                    fact="The incident was in the Kursk region.",
                    claim_ids=["A2", "B2"],
                    origin="Ukraine's Defense Intelligence",
                )
            ],
            "conflicts": [
                base.conflicts[0].model_copy(
                    update={
                        "sides": [
                            Side(
                                article_ids=["A"], claim_ids=["A1"], text="has 10,000 followers on Telegram"
                            ),
                            Side(
                                article_ids=["B"],
                                claim_ids=["B1"],
                                text="has over 100,000 Telegram subscribers",
                            ),
                        ]
                    }
                )
            ],
            "quote_drift": [
                QuoteDrift(
                    speaker="Kovalenko",
                    claim_ids=["A1", "B1"],
                    wordings=[
                        Wording(
                            article_id="A",
                            claim_id="A1",
                            text="Russia has received air defense",
                            changed=[(7, 19)],
                        ),
                        Wording(
                            article_id="B",
                            claim_id="B1",
                            text="Russia's reliance on air defense",
                            changed=[(0, 17)],
                        ),
                    ],
                )
            ],
            "single_source": ["C1"],
            "coverage": [
                Coverage(
                    article_id="C",
                    sentences=[
                        SentenceCoverage(sentence_id=1, claim_ids=["C1"]),
                        SentenceCoverage(sentence_id=2, claim_ids=["C2"]),
                        SentenceCoverage(sentence_id=3, left_out=f"instruction-like text {SCRIPT}"),
                        SentenceCoverage(sentence_id=4, left_out="no checkable fact"),
                    ],
                )
            ],
            "groundings": [
                Grounding(
                    target="summary:2",
                    text=summary_2,
                    evidence=[
                        SentenceRef(article_id="A", sentence_id=9),
                        SentenceRef(article_id="A", sentence_id=10),
                    ],
                    unsupported=[
                        Unsupported(
                            kind="number",
                            text="10,000",
                            start=summary_2.index("10,000"),
                            end=summary_2.index("10,000") + 6,
                            detail=f"the sources say {BREAKOUT}",
                        )
                    ],
                    judge="unsupported",
                    verdict="unsupported",
                    failed_by=["deterministic", "judge"],
                ),
                Grounding(
                    target="summary:3",
                    text=f"The mayor posted {BREAKOUT}.",
                    verdict="supported",
                    action="repaired",
                    original=f"The mayor wrote {SCRIPT}.",
                ),
                Grounding(
                    target="summary:4",
                    text=base.articles[0].sentences[1].text,
                    verdict="supported",
                    action="replaced",
                    original="It all happened in Kursk, said everyone.",
                ),
                Grounding(
                    target="draft:6",
                    text="The mayor started the fire.",
                    verdict="contradicted",
                    action="removed",
                    original="The mayor started the fire.",
                ),
            ],
            "checks": [
                Check(
                    name="numbers_supported",
                    passed=False,
                    detail=f"10,000 not in {SCRIPT}",
                    target="summary:2",
                ),
                Check(
                    name="citations_resolve",
                    passed=False,
                    detail="unknown claim ids ['Q7']",
                    target="summary:3",
                ),
                Check(name="quote_verbatim", passed=True, detail="found in article A", target="claim:A1"),
            ],
            "failures": [
                Failure(
                    stage="extract",
                    article_id="C",
                    error=f"bad JSON {SCRIPT}",
                    last_response="</script>\u2028<!--",
                )
            ],
            "usage": Usage(
                calls=[
                    Call(
                        stage="extract", article_id="A", prompt_tokens=700, completion_tokens=500, seconds=1.5
                    ),
                    Call(stage="reconcile", cached=1, prompt_tokens=1200, completion_tokens=300, seconds=2.0),
                ]
            ),
        }
    )
    report.summary[1].verified = False
    report.summary[2].verified = False
    report.summary[0].verified = True
    report.summary[3].verified = True
    return report


def _doc(page: str) -> HtmlElement:
    return lxml.html.document_fromstring(page)


def _by_id(doc: HtmlElement, anchor: str) -> HtmlElement:
    found = doc.xpath("//*[@id=$i]", i=anchor)
    assert len(found) == 1, f"#{anchor}: {len(found)} elements"
    element: HtmlElement = found[0]
    return element


def _text(element: HtmlElement) -> str:
    return " ".join(element.text_content().split())


def test_hostile_text_is_shown_as_text_and_runs_nothing(hostile: Report) -> None:
    page = to_html(hostile)
    doc = _doc(page)
    scripts = doc.xpath("//script")
    assert [(s.get("type"), s.get("id")) for s in scripts] == [
        ("application/json", "report-data"),
        (None, None),
    ]
    assert not doc.xpath("//img | //iframe | //object | //embed | //link | //base | //form")
    handlers = [
        (e.tag, a) for e in doc.iter() if isinstance(e.tag, str) for a in e.attrib if a.startswith("on")
    ]
    assert handlers == []
    body = doc.body.text_content()
    assert SCRIPT in body and BREAKOUT in body
    assert f"{SCRIPT} news" in _text(doc.xpath("//header")[0])
    # In attributes too: a claim's statement is a link's title, and it comes back as the same text.
    assert f"C1: The mayor posted {BREAKOUT}." in [e.get("title") for e in doc.xpath("//a[@title]")]
    assert doc.xpath("//mark[@title]") and any(
        BREAKOUT in m.get("title") for m in doc.xpath("//mark[@title]")
    )


def test_embedded_json_is_the_report_and_cannot_end_its_script(hostile: Report) -> None:
    page = to_html(hostile)
    raw = re.search(r'<script type="application/json" id="report-data">(.*?)</script>', page, re.S)
    assert raw is not None
    data = raw.group(1)
    for forbidden in ("</", "<!--", "-->", "\u2028", "\u2029", "<"):
        assert forbidden not in data
    assert Report.model_validate(json.loads(data)) == hostile
    assert json.loads(script_json({"x": "</script><!--\u2028\u2029&"})) == {"x": "</script><!--\u2028\u2029&"}


def test_only_the_page_script_may_run(hostile: Report) -> None:
    doc = _doc(to_html(hostile))
    csp = doc.xpath("//meta[@http-equiv='Content-Security-Policy']/@content")[0]
    assert "default-src 'none'" in csp
    script = doc.xpath("//script[not(@type)]")[0].text
    digest = base64.b64encode(hashlib.sha256(script.encode()).digest()).decode()
    assert f"script-src 'sha256-{digest}'" in csp


def test_nothing_is_loaded_from_anywhere(hostile: Report) -> None:
    page = to_html(hostile)
    doc = _doc(page)
    for element in doc.iter():
        if not isinstance(element.tag, str):
            continue
        for attr in ("src", "srcset", "action", "poster", "data", "background", "formaction"):
            assert element.get(attr) is None, (element.tag, attr)
        href = element.get("href")
        assert href is None or href.startswith("#"), href
    style = doc.xpath("//style")[0].text
    assert "url(" not in style and "@import" not in style and "@font-face" not in style
    assert not re.search(r"""(src|href)\s*=\s*["']?\s*(https?:)?//""", page, re.I)


def test_every_citation_opens_an_existing_evidence_block(hostile: Report) -> None:
    doc = _doc(to_html(hostile))
    cites = doc.xpath("//a[contains(@class, 'cite')]")
    expected = sum(len(s.citations) for s in hostile.summary) + 1  # + the grounding's extra sentence
    assert len(cites) == expected
    for cite in cites:
        target = cite.get("aria-controls")
        assert cite.get("href") == f"#{target}" and cite.get("aria-expanded") == "false"
        block = _by_id(doc, target)
        assert "pop" in block.get("class").split()
    first = _by_id(doc, "ev-1-A2")
    assert [m.text_content() for m in first.xpath(".//blockquote/mark")] == [
        "The incident happened in the Kursk region of Russia"
    ]
    assert first.xpath(".//blockquote/a/@href") == ["#A-s2"]
    assert "no claim with this id" in _text(_by_id(doc, "ev-3-Q7"))
    # The grounding read A s10, which no citation points at: shown, not dropped.
    assert _by_id(doc, "ev-2-more").xpath(".//blockquote/a/@href") == ["#A-s10"]


def test_every_in_page_link_resolves_and_ids_are_unique(hostile: Report) -> None:
    doc = _doc(to_html(hostile))
    ids = [e.get("id") for e in doc.xpath("//*[@id]")]
    assert len(ids) == len(set(ids))
    broken = {h for h in doc.xpath("//a/@href") if h[1:] not in set(ids)}
    assert broken == set()


def test_matrix_has_one_row_per_group_and_one_column_per_article(hostile: Report) -> None:
    doc = _doc(to_html(hostile))
    table = doc.xpath("//table[contains(@class, 'matrix')]")[0]
    assert len(table.xpath("./thead/tr/th")) == 1 + len(hostile.articles)
    rows = table.xpath("./tbody/tr")
    groups = len(hostile.corroborated) + len(hostile.conflicts) + len(hostile.quote_drift)
    assert len(rows) == groups + len(hostile.single_source)
    for row in rows:
        assert len(row.xpath("./th")) == 1 and len(row.xpath("./td")) == len(hostile.articles)
    kinds = [_text(r.xpath("./th/span[contains(@class, 'kind')]")[0]) for r in rows]
    assert kinds == ["corroborated · one origin", "conflict", "quote drift", "single source"]
    assert "both cite Ukraine's Defense Intelligence: not independent" in _text(rows[0])
    # Agreement, difference and silence each carry words, not only a colour.
    states = [[_text(td.xpath("./span[@class='state']")[0]) for td in r.xpath("./td")] for r in rows]
    assert states == [
        ["agrees", "agrees", "not mentioned"],
        ["differs", "differs", "not mentioned"],
        ["wording differs", "wording differs", "not mentioned"],
        ["not mentioned", "not mentioned", "only source"],
    ]
    # Each cell holds the article's own words, and the claim id links to its sentence.
    cell = rows[0].xpath("./td")[1]
    assert "in the Kursk region, where Ukraine has launched a fresh offensive" in _text(cell)
    assert cell.xpath(".//a/@href") == ["#B-s1"]


def test_a_failed_sentence_marks_what_its_sources_do_not_say(hostile: Report) -> None:
    doc = _doc(to_html(hostile))
    line = _by_id(doc, "sum-2")
    assert "❌" in _text(line.xpath(".//span[contains(@class, 'badge')]")[0])
    assert [m.text_content() for m in line.xpath(".//span[@class='text']/mark[contains(@class, 'bad')]")] == [
        "10,000"
    ]
    problems = _text(line.xpath(".//ul[@class='problems']")[0])
    assert f"the sources say {BREAKOUT}" in problems and "numbers_supported" in problems
    assert "judge: unsupported" in problems
    assert "✅" in _text(_by_id(doc, "sum-1").xpath(".//span[contains(@class, 'badge')]")[0])


def test_repairs_replacements_and_removals_are_labelled(hostile: Report) -> None:
    doc = _doc(to_html(hostile))
    repaired = _by_id(doc, "sum-3")
    assert "repaired" in _text(repaired) and f"The mayor wrote {SCRIPT}." in _text(
        repaired.xpath(".//details")[0]
    )
    assert "replaced by the source sentence" in _text(_by_id(doc, "sum-4"))
    removed = _by_id(doc, "removed-1")
    assert (
        "struck" in removed.get("class") and "removed" in _text(removed) and "contradicted" in _text(removed)
    )


def test_conflicts_sit_side_by_side_with_the_differing_words_marked(hostile: Report) -> None:
    doc = _doc(to_html(hostile))
    card = _by_id(doc, "conflict-1")
    sides = card.xpath(".//div[@class='side']")
    assert [[m.text_content() for m in s.xpath(".//mark")] for s in sides] == [
        ["10,000 followers on"],
        ["over 100,000", "subscribers"],
    ]
    drift = _by_id(doc, "drift-1")
    assert [m.text_content() for m in drift.xpath(".//mark")] == ["has received", "Russia's reliance"]


def test_word_diff_marks_only_what_differs() -> None:
    a, b = "has 10,000 followers on Telegram", "has over 100,000 Telegram subscribers"
    spans = word_diff([a, b])
    assert [a[s:e] for s, e in spans[0]] == ["10,000 followers on"]
    assert [b[s:e] for s, e in spans[1]] == ["over 100,000", "subscribers"]
    assert word_diff(["same words here", "Same words here"]) == [[], []]
    segs = segments("abcdef", [(1, 4, "quote", ""), (2, 3, "bad", "why")])
    assert [(s.text, s.mark) for s in segs] == [
        ("a", ""),
        ("b", "quote"),
        ("c", "bad quote"),
        ("d", "quote"),
        ("ef", ""),
    ]


def test_articles_have_sentence_anchors_linked_both_ways(hostile: Report) -> None:
    doc = _doc(to_html(hostile))
    s1 = _by_id(doc, "C-s1")
    assert "used" in s1.get("class").split()
    assert s1.xpath(".//mark")[0].text_content() == f"Officials said {SCRIPT} was posted"
    links = s1.xpath(".//div[@class='links']/a/@href")
    assert "#claim-C1" in links and "#row-single-C1" in links and "#sum-3" in links
    assert _by_id(doc, "claim-C1").xpath("./a/@href") == ["#C-s1"]
    assert f"left out: instruction-like text {SCRIPT}" in _text(_by_id(doc, "C-s3"))
    assert "used" not in (_by_id(doc, "C-s4").get("class") or "")
    assert "100% of sentences" in _text(_by_id(doc, "article-C"))


def test_checks_failed_first_then_failures_and_usage(hostile: Report) -> None:
    doc = _doc(to_html(hostile))
    rows = _by_id(doc, "checks").xpath(".//tbody/tr/@class")
    assert rows == ["failed", "failed", "passed"]
    assert _by_id(doc, "checks").xpath(".//pre")[0].text_content() == "</script>\u2028<!--"
    usage = [[_text(td) for td in tr.xpath("./td")] for tr in _by_id(doc, "usage").xpath(".//tbody/tr")]
    assert usage == [
        ["extract", "1", "0", "0", "700", "500", "1.5"],
        ["reconcile", "1", "1", "0", "1,200", "300", "2.0"],
    ]
    status = _text(_by_id(doc, "status"))
    assert "incomplete run" in status and "1 check passed, 2 failed" in status


def test_an_older_report_without_the_new_fields_renders(seeds: list[Article]) -> None:
    report = verify(seeds_report(seeds))
    doc = _doc(to_html(report))
    # Its second sentence puts B1's "over 100,000" beside A1's "10,000" without saying whose each is:
    # by code alone that number is joined from another citation, and its one check fails.
    (failed,) = [c for c in report.checks if not c.passed]
    assert (failed.name, failed.target) == ("grounded", "summary:2") and "'100,000'" in failed.detail
    assert "1 of 2 summary sentences pass every check" in _text(_by_id(doc, "status"))
    # No sides recorded: the conflict's sides come from its claims, one per article.
    marks = [
        [m.text_content() for m in s.xpath(".//mark")]
        for s in _by_id(doc, "conflict-1").xpath(".//div[@class='side']")
    ]
    assert any("10,000" in m for side in marks for m in side) and any(
        "100,000" in m for side in marks for m in side
    )
    assert len(doc.xpath("//table[contains(@class, 'matrix')]/tbody/tr")) == 2


def test_an_empty_report_renders() -> None:
    doc = _doc(to_html(Report(articles=[make_article("One sentence only.", "A", name="a.txt")])))
    assert "No summary" in _text(_by_id(doc, "summary")) and "None found" in _text(_by_id(doc, "conflicts"))


# What holds for what is shown (issue 29.5): findings go with the wording they are about; the banner
# counts the sentences as shown; a cell agrees only where the outlet's own sentences state the fact.
WROTE = "The incident happened in the Kursk region of Russia as Russia continues a fresh incursion."


def _replaced(seeds: list[Article], action: str = "replaced") -> Report:
    """sentence_report with its first sentence replaced by A2 itself (or removed): the model's had a role
    wrong, in a word ("Russia") the shown sentence holds too."""
    report = sentence_report(seeds)
    shown = f"A reports: “{seeds[0].sentences[1].text}”"
    at = WROTE.index("as Russia") + 3
    finding = Unsupported(
        kind="role", text="Russia", start=at, end=at + 6, detail="the sources say Ukraine continues it"
    )
    g = Grounding(
        target="summary:1" if action == "replaced" else "removed:1",
        text=shown if action == "replaced" else "",
        verdict="supported" if action == "replaced" else "contradicted",
        action=action,
        original=WROTE,
        unsupported=[finding],
        judge="unsupported",
        failed_by=["deterministic", "judge"],
    )
    if action == "removed":
        return report.model_copy(update={"summary": report.summary[1:], "groundings": [g]})
    first = SummarySentence(text=shown, citations=["A2"], action="replaced", written_by="code")
    return report.model_copy(update={"summary": [first, *report.summary[1:]], "groundings": [g]})


def test_findings_against_a_replaced_wording_are_folded_under_what_the_model_wrote(
    seeds: list[Article],
) -> None:
    line = _by_id(_doc(to_html(verify(_replaced(seeds)))), "sum-1")
    assert "✅ supported" in _text(line.xpath("./div[@class='line']")[0])
    # Nothing is marked in the shown sentence nor listed under it: the findings are not about it.
    assert line.xpath("./div[@class='line']//mark") == [] and line.xpath("./ul[@class='problems']") == []
    wrote = line.xpath("./details[@class='original']")[0]
    assert _text(wrote.xpath("./summary")[0]) == "the model wrote"
    assert [m.text_content() for m in wrote.xpath(".//mark[contains(@class, 'bad')]")] == ["Russia"]
    assert [_text(li) for li in wrote.xpath("./ul[@class='problems']/li")] == [
        "role “Russia”: the sources say Ukraine continues it",
        "judge: unsupported",
        "failed by: deterministic, judge",
    ]


def test_findings_about_a_repaired_sentence_stay_on_it(seeds: list[Article]) -> None:
    report = sentence_report(seeds)
    text = report.summary[0].text
    at = text.index("Kursk")
    g = Grounding(
        target="summary:1",
        text=text,
        verdict="supported",
        action="repaired",
        original=WROTE,
        unsupported=[Unsupported(kind="word", text="Kursk", start=at, end=at + 5)],
    )
    report.summary[0].action = "repaired"
    line = _by_id(_doc(to_html(report.model_copy(update={"groundings": [g]}))), "sum-1")
    assert [m.text_content() for m in line.xpath("./div[@class='line']//mark")] == ["Kursk"]
    assert "word “Kursk”" in _text(line.xpath("./ul[@class='problems']")[0])
    assert WROTE in _text(line.xpath("./details")[0])


def test_a_removed_sentence_shows_the_model_wording_struck_with_its_findings(seeds: list[Article]) -> None:
    line = _by_id(_doc(to_html(verify(_replaced(seeds, "removed")))), "removed-1")
    assert _text(line.xpath(".//span[@class='text']")[0]) == WROTE
    assert [m.text_content() for m in line.xpath(".//span[@class='text']/mark")] == ["Russia"]
    assert "role “Russia”: the sources say Ukraine continues it" in _text(line.xpath("./ul")[0])
    assert line.xpath("./details") == []  # the wording is the line itself


def test_the_banner_counts_the_sentences_as_the_reader_sees_them(seeds: list[Article]) -> None:
    status = _text(_by_id(_doc(to_html(verify(_replaced(seeds)))), "status"))
    assert status.startswith("✅ every check passed")
    assert "2 of 2 summary sentences pass every check; 1 model wording the checks refused is shown" in status
    # Every check passes, and yet the sentence shows ⚠️ (its recorded verdict): so does the banner.
    report = verify(sentence_report(seeds))
    doubted = Grounding(target="summary:1", text=report.summary[0].text, verdict="unsupported")
    doc = _doc(to_html(report.model_copy(update={"groundings": [doubted]})))
    assert "⚠️" in _text(_by_id(doc, "sum-1").xpath(".//span[contains(@class, 'badge')]")[0])
    status = _text(_by_id(doc, "status"))
    assert "every check passed" not in status and "1 of 2 summary sentences pass every check" in status


def test_a_cell_agrees_only_where_the_outlets_own_sentences_state_the_fact(seeds: list[Article]) -> None:
    report = verify(sentence_report(seeds))  # "It happened in the Kursk region.": B1 lacks "happened"
    row = _doc(to_html(report)).xpath("//table[contains(@class, 'matrix')]/tbody/tr")[0]
    cells = row.xpath("./td")
    assert [c.get("class") for c in cells] == ["cell agree", "cell cited"]
    assert _text(cells[1].xpath("./span[@class='state']")[0]) == "cited, unconfirmed"
    assert "Russian forces reportedly destroyed" in _text(cells[1])  # B's words are still shown
    assert "A's words; B matched by meaning, not word for word" in _text(row.xpath("./th")[0])


def test_the_page_names_the_same_outlets_after_a_sentence_as_the_markdown(seeds: list[Article]) -> None:
    report = verify(sentence_report(seeds))
    doc = _doc(to_html(report))
    shown = [_text(_by_id(doc, f"sum-{n}").xpath(".//span[contains(@class, 'outlets')]")[0]) for n in (1, 2)]
    assert shown == ["— A; also cited, unconfirmed: B", "— A, B (2 outlets)"]
    assert [s.outlets for s in report.summary] == [["A"], ["A", "B"]]


@pytest.mark.vcr("seeds.yaml")
def test_the_seeds_report_shows_the_telegram_conflict(replay_settings: Settings) -> None:
    report = summarize(SEEDS, replay_settings)
    doc = _doc(to_html(report))
    card = _text(_by_id(doc, "conflict-1"))
    assert "10,000" in card and "100,000" in card
    marked = " ".join(m.text_content() for m in _by_id(doc, "conflict-1").xpath(".//mark"))
    assert "10,000" in marked and "100,000" in marked
    rows = doc.xpath("//table[contains(@class, 'matrix')]/tbody/tr")
    groups = len(report.corroborated) + len(report.conflicts) + len(report.quote_drift)
    assert len(rows) == groups + len(report.single_source)


# What the browser test reads from the page, in one evaluation.
_LAYOUT = """(() => {
  const seen = (sel) => { const e = document.querySelector(sel); if (!e) return false;
    const r = e.getBoundingClientRect(); return r.width > 0 && r.height > 0; };
  return {
    sections: ['#summary', 'table.matrix', '#conflict-1', '#A-s1', '#checks', '#usage'].filter(seen),
    overflow: document.documentElement.scrollWidth - window.innerWidth,
    open: [...document.querySelectorAll('.pop')]
      .filter(p => getComputedStyle(p).display !== 'none').map(p => p.id),
  };
})()"""


@pytest.mark.slow
@pytest.mark.vcr("seeds.yaml")
def test_in_chromium_a_citation_opens_its_evidence_on_a_laptop_and_a_phone(
    replay_settings: Settings, tmp_path: Path
) -> None:
    binary = find_chromium()
    if binary is None:
        pytest.skip("no chromium or chromium-browser on PATH (CI installs it: apt-get install -y chromium)")
    started = time.monotonic()
    page = tmp_path / "report.html"
    page.write_text(to_html(summarize(SEEDS, replay_settings)), encoding="utf-8")
    all_sections = ["#summary", "table.matrix", "#conflict-1", "#A-s1", "#checks", "#usage"]
    with Browser(binary) as browser:
        for name, width, height, mobile in (("laptop", 1280, 900, False), ("phone", 390, 844, True)):
            browser.viewport(width, height, mobile=mobile)
            browser.open(page.as_uri())
            layout = browser.js(_LAYOUT)
            assert layout["sections"] == all_sections, name
            assert layout["overflow"] <= 0, f"{name}: the page scrolls sideways by {layout['overflow']}px"
            assert layout["open"] == [], name
            # A real click on the first citation opens its evidence, with the quoted words marked.
            browser.click("a.cite")
            first = browser.js("document.querySelector('a.cite').getAttribute('aria-controls')")
            assert browser.js(_LAYOUT)["open"] == [first], name
            assert browser.js(f"document.getElementById('{first}').querySelector('mark').offsetHeight > 0")
            assert browser.js("document.querySelector('a.cite').getAttribute('aria-expanded')") == "true"
            browser.screenshot(tmp_path / f"{name}.png")
            # The keyboard: Escape closes it; focus and Enter on the second citation open that one.
            browser.key("Escape", "Escape", 27)
            browser.js("document.activeElement.blur(); document.querySelectorAll('a.cite')[1].focus()")
            browser.key("Enter", "Enter", 13)
            second = browser.js("document.querySelectorAll('a.cite')[1].getAttribute('aria-controls')")
            assert browser.js(_LAYOUT)["open"] == [second], name
            browser.js("document.activeElement.blur()")
            assert browser.js(_LAYOUT)["open"] == [second], f"{name}: a pinned block stays open"
        # Opened from a link to an evidence block, the page shows it.
        browser.viewport(1280, 900)
        browser.open("about:blank")  # else only the fragment changes, and no load event comes
        browser.open(f"{page.as_uri()}#{first}")
        assert first in browser.js(_LAYOUT)["open"]
    for name in ("laptop", "phone"):
        assert (tmp_path / f"{name}.png").read_bytes().startswith(b"\x89PNG")
    assert time.monotonic() - started < 20


IDS = ["A1", "A2", "B1", "B2", "Z9", "A.s9", '"><b>']
ARTICLES = load(SEEDS)


@st.composite
def any_report(draw: st.DrawFn) -> Report:
    """Arbitrary reports over the seeds: unknown ids, missing articles, offsets out of range, any text."""
    text = st.text(max_size=40)
    ids = draw(st.lists(st.sampled_from(IDS), unique=True, max_size=5))
    claims = [
        Claim(
            id=cid,
            article_id=draw(st.sampled_from(["A", "B", "Z"])),
            statement=draw(text),
            quote=draw(st.one_of(text, st.just("has 10,000 followers on Telegram"))),
            sentence_ids=draw(st.lists(st.integers(0, 30), max_size=2)),
            verified=draw(st.booleans()),
        )
        for cid in ids
    ]
    cited = st.lists(st.sampled_from(IDS), max_size=3)
    summary = [
        SummarySentence(text=t, citations=c, verified=draw(st.sampled_from([None, True, False])))
        for t, c in draw(st.lists(st.tuples(text, cited), max_size=3))
    ]
    spans = st.lists(st.tuples(st.integers(-5, 50), st.integers(-5, 50)), max_size=2)
    groundings = [
        Grounding(
            target=draw(st.sampled_from(["summary:1", "summary:2", "draft:3", "claim:A1", "conflict:1"])),
            text=draw(text),
            evidence=[
                SentenceRef(article_id=a, sentence_id=i)
                for a, i in draw(st.lists(st.tuples(st.sampled_from("ABZ"), st.integers(0, 30)), max_size=2))
            ],
            unsupported=[
                Unsupported(kind="word", text=draw(text), start=s, end=e, detail=draw(text))
                for s, e in draw(spans)
            ],
            verdict=draw(st.sampled_from(["supported", "unsupported", "contradicted"])),
            action=draw(st.sampled_from(["kept", "repaired", "replaced", "removed"])),
            original=draw(st.one_of(st.none(), text)),
        )
        for _ in range(draw(st.integers(0, 3)))
    ]
    return Report(
        articles=ARTICLES,
        claims=claims,
        summary=summary,
        corroborated=[
            Corroboration(fact=draw(text), claim_ids=c, origin=draw(st.one_of(st.none(), text)))
            for c in draw(st.lists(cited, max_size=2))
        ],
        conflicts=[
            Conflict(
                description=draw(text),
                claim_ids=c,
                sides=[
                    Side(
                        article_ids=draw(st.lists(st.sampled_from("ABZ"), max_size=2)),
                        claim_ids=draw(cited),
                        text=draw(text),
                    )
                    for _ in range(draw(st.integers(0, 3)))
                ],
            )
            for c in draw(st.lists(cited, max_size=2))
        ],
        quote_drift=[
            QuoteDrift(
                speaker=draw(text),
                claim_ids=draw(cited),
                wordings=[
                    Wording(
                        article_id=draw(st.sampled_from("ABZ")),
                        claim_id=draw(st.sampled_from(IDS)),
                        text=draw(text),
                        changed=draw(spans),
                    )
                ],
            )
            for _ in range(draw(st.integers(0, 2)))
        ],
        single_source=draw(cited),
        coverage=[
            Coverage(
                article_id=draw(st.sampled_from("ABZ")),
                sentences=[
                    SentenceCoverage(
                        sentence_id=i, claim_ids=draw(cited), left_out=draw(st.one_of(st.none(), text))
                    )
                    for i in draw(st.lists(st.integers(0, 30), unique=True, max_size=3))
                ],
            )
            for _ in range(draw(st.integers(0, 2)))
        ],
        groundings=groundings,
    )


@settings(max_examples=80, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(any_report())
def test_any_report_renders_with_every_link_resolving(report: Report) -> None:
    page = to_html(report)
    doc = _doc(page)
    ids = [e.get("id") for e in doc.xpath("//*[@id]")]
    assert len(ids) == len(set(ids))
    assert {h for h in doc.xpath("//a/@href") if h[1:] not in set(ids)} == set()
    for cite in doc.xpath("//a[contains(@class, 'cite')]"):
        assert "pop" in _by_id(doc, cite.get("aria-controls")).get("class").split()
    assert len(doc.xpath("//script")) == 2 and not doc.xpath("//b")
    data = doc.xpath("//script[@id='report-data']")[0].text
    assert Report.model_validate(json.loads(data)) == report
