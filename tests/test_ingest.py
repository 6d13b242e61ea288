"""Files and texts into articles: decoding, the publisher line, sentences."""

from __future__ import annotations

import codecs
import functools
import io
import os
import sys
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from summarizer import ingest
from summarizer.errors import InputError
from summarizer.ingest import MAX_CHARS, article_id, load, make_article, segment, split_sentences

from .conftest import ROOT, SEEDS


def test_seeds_get_ids_in_argument_order_and_keep_their_names() -> None:
    a, b = load(SEEDS)
    assert (a.id, b.id) == ("A", "B")
    assert a.name == SEEDS[0].name and a.path == str(SEEDS[0])


def test_a_trailing_publisher_line_is_metadata_not_a_sentence() -> None:
    _, b = load(SEEDS)
    assert b.publisher == "newsweek.com"
    assert "newsweek.com" not in b.text
    assert all("newsweek.com" not in s.text for s in b.sentences)


def test_a_file_without_trailing_newline_or_publisher_works() -> None:
    a, _ = load(SEEDS)
    assert a.publisher is None
    assert a.sentences[-1].text.endswith("against Ukraine.”")


def test_sentences_survive_quotes_abbreviations_and_ellipses() -> None:
    text = "Dr. Smith said: “So…Russia has received systems.” The U.S. agreed. Then it ended."
    sentences = [s.text for s in split_sentences(text)]
    assert sentences[0].startswith("Dr. Smith said")
    assert "So…Russia" in sentences[0]
    assert sentences[-1] == "Then it ended."


@pytest.mark.parametrize("width", [50, 60, 72, 80, 100])
def test_a_hard_wrapped_text_reads_as_the_same_sentences(width: int) -> None:
    # Wire copy, e-mail and `pdftotext` wrap lines at 60–80 columns: each line is no sentence.
    import textwrap

    for path in SEEDS:
        text = path.read_text(encoding="utf-8")
        paragraphs = [p for p in text.split("\n") if p.strip()]
        wrapped = "\n\n".join(textwrap.fill(p, width) for p in paragraphs)
        name = path.name
        assert [s.text for s in make_article(wrapped, "A", name=name).sentences] == [
            s.text for s in make_article(text, "A", name=name).sentences
        ]


def test_only_a_wrap_joins_lines() -> None:
    # Short lines ending near the longest one's length, with their end marks, are sentences of their own.
    listed = "Aides met on Monday.\nThe plan was studied.\nLawmakers voted on it.\n"
    assert ingest.unwrap(listed) == listed
    # A headline shorter than the wrap ends its paragraph; a hyphen at a break is its word's.
    text = (
        "Floods close roads in Ashford\n"
        "The river Elm burst its banks early on Monday and flooded the North-\n"
        "Eastern part of the town of Ashford, where officials said that 40\n"
        "homes and two schools were flooded overnight.\n"
    )
    assert ingest.unwrap(text) == (
        "Floods close roads in Ashford\nThe river Elm burst its banks early on Monday and flooded the "
        "North-Eastern part of the town of Ashford, where officials said that 40 homes and two schools "
        "were flooded overnight.\n"
    )
    # A paragraph a line (a web page's text) is no wrap, however its lines end.
    long = "A" * 120 + " words\nand more\n" + "B" * 120 + " words\nand more\n"
    assert ingest.unwrap(long) == long
    # Nor is one whose headline and subhead are as long as its lines: most of its lines end with a mark.
    web = (
        "Storm knocks out power to tens of thousands of homes across the Miami Valley region\n"
        "Utility crews expect most customers to be reconnected by Friday evening, officials say\n"
        "Thousands of homes across three counties lost power overnight as a storm swept in.\n"
        "The utility said about 40,000 customers were still without power on Thursday morning.\n"
        "Crews from neighboring states were on their way to help, a spokeswoman said.\n"
    )
    assert ingest.unwrap(web) == web
    # Nor a list of short lines with no marks (a review's probe had them run into one sentence).
    points = "Thousands without power in three counties\nCrews from four states arrive\nSchools shut\n"
    assert ingest.unwrap(points) == points


def test_sentence_spans_point_into_the_text(seeds: list) -> None:
    for article in seeds:
        for s in article.sentences:
            assert article.text[s.start : s.end] == s.text


def test_texts_can_be_passed_instead_of_paths() -> None:
    (a,) = load(["First sentence here.\nSecond one follows."])
    assert a.path is None and len(a.sentences) == 2


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (b"", "is empty"),
        (b"  \n\t \n", "is empty"),
        (b"\x89PNG\r\n\x1a\n\x00\x00\x00", "binary"),
        ("Caf\u00e9 owners protested.".encode("latin-1"), "not valid UTF-8"),
        (b"<!DOCTYPE html><html><head></head><body></body></html>", "HTML page in which no article text"),
    ],
)
def test_bad_files_get_a_clear_error_naming_the_file(tmp_path: Path, data: bytes, message: str) -> None:
    f = tmp_path / "bad.txt"
    f.write_bytes(data)
    with pytest.raises(InputError, match=message) as e:
        load([f])
    assert "bad.txt" in str(e.value)


def test_utf16_with_bom_and_utf8_with_bom_are_read(tmp_path: Path) -> None:
    text = "Officials said 40 people were hurt.\nThe mayor agreed."
    f16 = tmp_path / "a.txt"
    f16.write_bytes(codecs.BOM_UTF16_LE + text.encode("utf-16-le"))
    f8 = tmp_path / "b.txt"
    f8.write_bytes(codecs.BOM_UTF8 + text.replace("40", "41").encode())
    a, b = load([f16, f8])
    assert a.text == text and b.text.startswith("Officials said 41")


def test_missing_path_directory_duplicate_and_nothing(tmp_path: Path) -> None:
    with pytest.raises(InputError, match="no such file"):
        load([tmp_path / "nope.txt"])
    with pytest.raises(InputError, match="directory"):
        load([tmp_path])
    with pytest.raises(InputError, match="same article"):
        load([SEEDS[0], SEEDS[0]])
    with pytest.raises(InputError, match="no articles"):
        load([])


def test_huge_article_is_refused_with_the_limit_named() -> None:
    with pytest.raises(InputError, match=f"{MAX_CHARS:,}"):
        make_article("word " * (MAX_CHARS // 4), "A", name="huge.txt")


def test_article_ids_continue_past_z() -> None:
    assert [article_id(i) for i in (0, 25, 26, 27)] == ["A", "Z", "AA", "AB"]


@given(st.text(max_size=400))
def test_any_text_either_ingests_with_valid_spans_or_is_refused_clearly(text: str) -> None:
    try:
        article = make_article(text, "A", name="t")
    except InputError:
        return
    for s in article.sentences:
        assert article.text[s.start : s.end] == s.text
        assert s.text.strip() == s.text


def test_an_html_page_is_reduced_to_its_article_text() -> None:
    (a,) = load([Path(__file__).parent / "data" / "page.html"])
    assert a.sentences[1].text.startswith("A fire at a warehouse in the port of Ravenna")
    assert "Cookie settings" not in a.text and "Subscribe now" not in a.text
    assert "<p>" not in a.text


def test_a_non_english_article_is_split_into_sentences() -> None:
    (a,) = load(["El incendio destruyó 40 toneladas de grano. Nadie resultó herido, dijo la jefa Bellini.\n"])
    assert [s.text for s in a.sentences] == [
        "El incendio destruyó 40 toneladas de grano.",
        "Nadie resultó herido, dijo la jefa Bellini.",
    ]


def test_a_fifo_is_named_as_one_not_as_a_missing_file(tmp_path: Path) -> None:
    fifo = tmp_path / "pipe"
    os.mkfifo(fifo)
    with pytest.raises(InputError, match=r"pipe: is a named pipe \(FIFO\), not a regular file"):
        load([fifo])


def test_a_link_to_dev_zero_is_named_as_a_device(tmp_path: Path) -> None:
    link = tmp_path / "zero.txt"
    link.symlink_to("/dev/zero")
    with pytest.raises(InputError, match=r"zero.txt: is a device \(a link to /dev/zero\)"):
        load([link])


def test_dash_reads_standard_input(monkeypatch: pytest.MonkeyPatch) -> None:
    stdin = io.TextIOWrapper(io.BytesIO(b"The river Elm burst its banks on Monday.\nNo one was hurt.\n"))
    monkeypatch.setattr("sys.stdin", stdin)
    (article,) = load(["-"])
    assert article.name == "standard input" and len(article.sentences) == 2


def test_a_closed_standard_input_is_one_line(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr("sys.stdin", None)  # what Python sets when started with stdin closed (<&-)
    with pytest.raises(InputError, match="standard input: is closed"):
        load(["-"])
    closed = io.TextIOWrapper(io.BytesIO(b"The river Elm burst its banks.\n"))
    closed.close()
    monkeypatch.setattr("sys.stdin", closed)
    with pytest.raises(InputError, match="standard input: is closed"):
        load(["-"])


def test_a_second_dash_is_refused_not_read_as_empty(monkeypatch: pytest.MonkeyPatch) -> None:
    stdin = io.TextIOWrapper(io.BytesIO(b"The river Elm burst its banks on Monday.\n"))
    monkeypatch.setattr("sys.stdin", stdin)
    with pytest.raises(InputError, match=r"- \(standard input\) is given twice"):
        load(["-", "-"])


def test_a_huge_standard_input_is_refused_before_it_is_all_read(monkeypatch: pytest.MonkeyPatch) -> None:
    stdin = io.TextIOWrapper(io.BytesIO(b"word " * 200_000))
    monkeypatch.setattr("sys.stdin", stdin)
    with pytest.raises(InputError, match="standard input: is over"):
        load(["-"])


_stock = functools.lru_cache(maxsize=1)(ingest._new_segmenter)  # stock pysbd, the yardstick


def _pysbd(line: str) -> list[tuple[str, int]]:
    return [(span.sent, span.start) for span in _stock().segment(line)]


sys.path.insert(0, str(ROOT / "benchmarks"))
import basil  # noqa: E402 - the benchmarks' reader of the data set


def _lines(texts: list[str]) -> list[str]:
    return [line for text in texts for line in text.split("\n") if line.strip()]


def test_segment_finds_exactly_pysbds_spans_on_every_line_of_the_seeds() -> None:
    lines = _lines([p.read_text(encoding="utf-8") for p in SEEDS])
    assert len(lines) > 20
    assert [segment(line) for line in lines] == [_pysbd(line) for line in lines]


@pytest.mark.skipif(not basil.available(), reason="../shared/datasets/basil is absent")
def test_segment_finds_exactly_pysbds_spans_on_every_line_of_basil() -> None:
    lines = _lines([basil.article_text(p) for paths in basil.triplets().values() for p in paths])
    assert len(lines) > 4000
    assert [segment(line) for line in lines] == [_pysbd(line) for line in lines]


@pytest.mark.parametrize(
    "line",
    [
        "It rained. It rained. It rained.",  # one sentence three times: each span after the last
        "Go.  Go.\tGo.",
        "He said “No.” Then he left.",
        "Mr. Smith went to Washington, D.C. He arrived at 5 p.m. and left.",
        "Wait… what?! Yes.",
        # No end mark inside, and two sentences to pysbd (each of these once passed `ingest`'s fast path):
        "\"We need to have the courage to stand up and say 'enough,'\" Christie added.",
        "“Hamilton” Star Lin-Manuel Miranda Weighs In on the Election.",
        '"Fake News" Is the Phrase of the Year.',
        "Why?Because the vote failed.",
        "Wow!Great news today.",
        "“I was going to say--” He stopped and left.",
        "The café.Résumé is here.",
        "He left。Then came.",
    ],
)
def test_segment_matches_pysbd_where_sentences_repeat_or_spacing_varies(line: str) -> None:
    assert segment(line) == _pysbd(line)


@given(
    st.lists(st.sampled_from(["It rained.", "Mr. Lee left.", "No!", " ", "  ", "Why?", "a b"]), max_size=8)
)
def test_segment_matches_pysbd_on_any_run_of_repeated_fragments(parts: list[str]) -> None:
    line = " ".join(parts)
    assert segment(line) == _pysbd(line)


@pytest.mark.skipif(not basil.available(), reason="../shared/datasets/basil is absent")
def test_articles_ingested_in_threads_at_once_are_those_ingested_one_by_one() -> None:
    # A batch ingests its stories in threads at once: pysbd's own `segment` keeps the line it works
    # on in the shared segmenter, and under threads it lost sentences (found in another's line).
    stories = [[basil.article_text(p) for p in paths] for paths in list(basil.triplets().values())[:12]]
    alone = [load(texts) for texts in stories]
    interval = sys.getswitchinterval()
    sys.setswitchinterval(1e-5)  # switch threads often, as a loaded machine would
    try:
        with ThreadPoolExecutor(4) as pool:
            together = list(pool.map(load, stories))
    finally:
        sys.setswitchinterval(interval)
    assert [[a.sentences for a in s] for s in together] == [[a.sentences for a in s] for s in alone]


# Abbreviations with and without their period, in any case, and letters outside ASCII that
# `re.IGNORECASE` takes for ASCII ones ("ſt." is "st." to it, not to `str.lower`).
# fmt: off
_ABBREVIATED = [
    " st", " St.", " ſt.", " first.", " al", " Al.", " also", " \u212aan.", " kan", " İd.", " id", " No. 5",
    " no", " Gen. Lee", " gen", " a.m.", " p.m. The", " Inc.", " inc", " Dr.", " dr", " Mt.", " (Col. X)",
    " u.s", " uXs.", " e.g", " eXg.",
]
# fmt: on


@pytest.mark.parametrize(
    "line",
    [
        "He saw st and ſt. a man.",  # "ſt." is "st." to re.IGNORECASE, and "st" is in the line
        "He saw u.s and uXs. the man left.",  # "u.s" is an expression: "uXs." matches it
        "He said e.g and eXg. the man left.",
    ],
)
def test_segment_matches_pysbd_where_only_a_lookalike_of_an_abbreviation_has_the_period(line: str) -> None:
    # Each fails if its guard in `ingest._Abbreviations` is dropped: the letters folded, the expression.
    assert segment(line) == _pysbd(line)


@given(st.lists(st.sampled_from(_ABBREVIATED), min_size=1, max_size=10))
def test_segment_matches_pysbd_where_abbreviations_have_a_period_or_none(parts: list[str]) -> None:
    # `ingest` skips pysbd's abbreviation work where no period follows: it must change nothing.
    line = "He" + "".join(parts) + " left."
    assert segment(line) == _pysbd(line)


# Joined as they come: abbreviations, numbers, quotations and odd spacing in any order.
# fmt: off
_FRAGMENTS = [
    "Mr. Smith", " said", " U.S.", " 3.5", " percent.", " “Yes,” he said.", " (AP)", " e.g.", " No.", " 1.",
    " a.m.", " Jan.", " ...", "…", " ?!", " D.C.", " [1]", " (He left.)", " ’Twas", " 10:30",
    " http://x.com/a.b", " $5", " 1,000", "\t", "  ", " -- ", " ‘Hi.’",
]
# fmt: on


@given(st.lists(st.sampled_from(_FRAGMENTS), min_size=1, max_size=16))
def test_segment_loses_no_letter_or_digit_of_a_line(parts: list[str]) -> None:
    # A sentence pysbd rewrote so that it is no longer found in the line would be dropped unseen.
    line = "".join(parts).strip()
    covered = {i for sentence, at in segment(line) for i in range(at, at + len(sentence))}
    assert [c for i, c in enumerate(line) if c.isalnum() and i not in covered] == []


def test_the_fallback_for_an_empty_sentence_segments_on_a_segmenter_of_its_own(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    # No known line makes pysbd's processor give an empty sentence; this one pretends to. The fallback
    # must segment on a segmenter of its own: `segment()` keeps the line on the segmenter, so a shared
    # one would mix up the lines of threads ingesting at once.
    class Empty:
        def __init__(self, line: str, _language: Any) -> None:
            self.line = line

        def process(self) -> list[str]:
            return ["", self.line]

    fresh = ingest._new_segmenter
    made: list[Any] = []

    def own() -> Any:
        made.append(fresh())
        return made[-1]

    line = "It rained. Mr. Lee left at 5 p.m. and came back."
    want = _pysbd(line)
    monkeypatch.setattr(ingest, "_Processor", Empty)
    monkeypatch.setattr(ingest, "_new_segmenter", own)
    assert segment(line) == want
    assert made, "the fallback was not reached"


@pytest.mark.parametrize(
    "data",
    [
        b"%PDF-1.4\n1 0 obj << /Type /Catalog /Pages 2 0 R >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n",
        b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj\n<< /Length 5 >>\nstream\n\x89\xff\x00x\nendstream\n%%EOF\n",
    ],
    ids=["ascii", "high-bytes"],
)
def test_a_pdf_is_named_as_a_pdf_by_its_header(tmp_path: Path, data: bytes) -> None:
    path = tmp_path / "story.txt"
    path.write_bytes(data)
    with pytest.raises(InputError) as e:
        load([path])
    assert (
        str(e.value)
        == f"{path}: is a PDF document, not an article's text; extract its text first (pdftotext)"
    )


# Words whose marks go on inside them, and marks that end or open a sentence: a line of them ending in
# one mark is whole to `ingest` without asking pysbd where that is what pysbd finds.
# fmt: off
_INSIDE = [
    "He", " said", " fox.com", " 3.5", " don't", " rock'n'roll", " U.S", " (Col", " X)", " ‘Hi", " dogs’",
    " wait…", " Yes!", " No?", " x.y.z", "  ", "\t", " “Go", " now”", ' "so"', " e.g.", " 5p.m", " –",
    " say 'enough,'\"", " Christie", " a) taxes", " b) debt", "?Yes", "!Go", ".É", '"Go home"', "。",
]
# fmt: on


@given(
    st.lists(st.sampled_from(_INSIDE), min_size=1, max_size=12), st.sampled_from([".", "!", "?", "?.", ".  "])
)
def test_segment_takes_a_line_whole_only_where_pysbd_does(parts: list[str], end: str) -> None:
    line = "".join(parts) + end
    assert segment(line) == _pysbd(line)


@pytest.mark.parametrize(
    "line",
    [
        "The plan has three parts: a) taxes b) spending c) debt, and more.",
        "He listed: 1. taxes 2. spending 3. debt. Then he left.",
        "Options (i) raise taxes (ii) cut spending (iii) borrow It passed.",
        "Steps 1) file 2) wait 3) appeal. Done.",
        "See items a. the first b. the second c. the third. Then stop.",
    ],
)
def test_segment_matches_pysbd_on_lines_with_list_items(line: str) -> None:
    # Each holds what one of pysbd's list rules needs (`ingest._MAY_LIST`): the list pass must run.
    assert segment(line) == _pysbd(line)
