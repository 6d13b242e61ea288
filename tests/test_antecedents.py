"""A summary sentence that leaves a person to its article stands only where it reads as that person."""

from __future__ import annotations

import pytest

from summarizer.antecedents import as_meant
from summarizer.extract import to_claim
from summarizer.ingest import make_article
from summarizer.lang.references import speaks_in_first_person
from summarizer.models import Article, Claim, SummarySentence

JACKSON = make_article(
    "Former Rep. Jesse Jackson Jr. pleaded guilty to fraud on Wednesday.\n"
    "He and his wife, Sandra, had agreed to plead guilty.\n"
    "“I did these things,” he said.",
    "A",
    name="a.txt",
)
KLOBUCHAR = make_article("Sen. Amy Klobuchar praised the court on Thursday.", "B", name="b.txt")
TRUMPS = make_article(
    "President Donald Trump spoke to reporters on Monday.\nHe said the tariffs would stay.\n"
    "Donald Trump Jr. met with a Russian lawyer.",
    "C",
    name="c.txt",
)
ARTICLES: list[Article] = [JACKSON, KLOBUCHAR, TRUMPS]
CLAIMS: list[Claim] = [to_claim(a, s.id) for a in ARTICLES for s in a.sentences]


def copy(claim_id: str) -> SummarySentence:
    (c,) = [c for c in CLAIMS if c.id == claim_id]
    return SummarySentence(text=c.quote, citations=[c.id])


def shown(*ids: str) -> list[str]:
    return [s.citations[0] for s in as_meant([copy(i) for i in ids], CLAIMS, ARTICLES)]


def test_he_stands_after_a_sentence_naming_whom_its_article_means() -> None:
    assert shown("A1", "A2") == ["A1", "A2"]


def test_he_after_a_sentence_naming_someone_else_first_is_left_out() -> None:
    # Read after Klobuchar's sentence, "He and his wife" would be hers.
    assert shown("B1", "A2") == ["B1"]


def test_he_said_stands_after_a_sentence_naming_the_speaker_its_article_gives() -> None:
    assert shown("A1", "A3") == ["A1", "A3"]
    assert shown("B1", "A3") == ["B1"]


def test_a_he_that_stands_passes_on_whom_it_stands_for() -> None:
    # "He and his wife …" reads as Jackson; the "he said" after it does too.
    assert shown("A1", "A2", "A3") == ["A1", "A2", "A3"]


def test_a_son_of_the_same_name_is_another_person() -> None:
    assert shown("C1", "C2") == ["C1", "C2"]
    assert shown("C3", "C2") == ["C3"]  # after Donald Trump Jr., "He said the tariffs …" would be his


def test_code_s_own_sentence_always_stands_and_is_read_before_the_next() -> None:
    quoted = SummarySentence(text="B (b.com) reports: “Sen. Amy Klobuchar praised it.”", citations=["B1"])
    quoted.written_by = "code"
    kept = as_meant([quoted, copy("A2")], CLAIMS, ARTICLES)
    assert kept == [quoted]  # the "he" after it would be Klobuchar


def test_he_opening_the_summary_is_left_out() -> None:
    assert shown("A2", "A1") == ["A1"]


def test_the_model_s_own_he_is_left_out_whom_it_means_is_unknown() -> None:
    # Not a copy of the sentence it cites: no article sentence tells whom its "he" is.
    own = SummarySentence(text="He agreed to a plea deal.", citations=["A2"])
    assert as_meant([copy("A1"), own], CLAIMS, ARTICLES) == [copy("A1")]


def test_a_sentence_naming_whom_it_means_stands_anywhere() -> None:
    assert shown("B1", "A1") == ["B1", "A1"]


def test_a_first_person_sentence_naming_no_speaker_is_left_out_wherever_it_stands() -> None:
    # "But let me tell you, … I've come here to say …": a quotation printed without marks (472158a1).
    unmarked = SummarySentence(text="We will put our differences aside.", citations=["A1"])
    said = SummarySentence(text="We will put our differences aside, Jackson said.", citations=["A1"])
    assert as_meant([copy("A1"), unmarked, said], CLAIMS, ARTICLES) == [copy("A1"), said]


@pytest.mark.parametrize(
    ("text", "first"),
    [
        ("But let me tell you, I have come here.", True),
        ("She told us.", True),
        ("The director of the C.I.A. left.", False),  # an "I" inside an abbreviation
        ("The US said so.", False),  # the country
        ("“We did it,” he said.", False),  # inside quotation marks
        ("World War I ended in 1918.", False),  # a numeral after a name
        ("Traffic on I-95 slowed.", False),  # a road
        ("March for Our Lives rallied.", False),  # a title's word inside a clause
    ],
)
def test_which_sentences_speak_in_the_first_person(text: str, first: bool) -> None:
    assert speaks_in_first_person(text) is first
