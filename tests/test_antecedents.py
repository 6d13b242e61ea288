"""A summary sentence that leaves a person to its article stands only where it reads as that person."""

from __future__ import annotations

import pytest

from summarizer.antecedents import Person, as_meant
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
    quoted = SummarySentence(
        text="A (a.com) reports: “Former Rep. Jesse Jackson Jr. pleaded guilty.”", citations=["A1"]
    )
    quoted.written_by = "code"
    assert as_meant([quoted, copy("A2")], CLAIMS, ARTICLES) == [quoted, copy("A2")]
    # A code sentence that would fail the rule (its own "he") still stands.
    he = SummarySentence(text="He and his wife, Sandra, had agreed to plead guilty.", citations=["A2"])
    he.written_by = "code"
    assert as_meant([copy("B1"), he], CLAIMS, ARTICLES) == [copy("B1"), he]


def test_a_name_after_a_title_is_read_though_the_word_is_english() -> None:
    # "Mr. Trump": the tokenizer reads the word after a period as a sentence's first, and "trump" as a word.
    article = make_article(
        "Mr. Trump attacked Sen. Bernie Sanders on Monday.\nHe said the plan would help workers.",
        "D",
        name="d.txt",
    )
    sanders = make_article("Sen. Bernie Sanders spoke in Iowa on Tuesday.", "E", name="e.txt")
    claims = [to_claim(a, s.id) for a in (article, sanders) for s in a.sentences]
    said = [SummarySentence(text=c.quote, citations=[c.id]) for c in claims]
    # The article's "He" is Trump, the first person the sentence before it names: it stands after that
    # sentence, and not after one about Sanders (read without "Mr. Trump", it was Sanders, and stood).
    assert as_meant(said[:2], claims, [article, sanders]) == said[:2]
    assert as_meant([said[2], said[1]], claims, [article, sanders]) == [said[2]]


@pytest.mark.parametrize(
    ("a", "b", "same"),
    [
        (Person("trump", None, None), Person("trump", "donald", None), True),
        (Person("trump", "donald", None), Person("trump", "donald", "jr"), False),
        (Person("jackson", None, None), Person("jackson", "jesse", "jr"), True),  # as its article calls him
        (Person("jackson", None, "jr"), Person("jackson", "jesse", None), False),  # the father
        (Person("clinton", "hillary", None), Person("clinton", "bill", None), False),
    ],
)
def test_which_names_may_be_one_person(a: Person, b: Person, same: bool) -> None:
    assert a.same(b) is same and b.same(a) is same


def test_he_opening_the_summary_is_left_out() -> None:
    assert shown("A2", "A1") == ["A1"]


def test_the_model_s_own_he_is_left_out_whom_it_means_is_unknown() -> None:
    # Not a copy of the sentence it cites: no article sentence tells whom its "he" is.
    own = SummarySentence(text="He agreed to a plea deal.", citations=["A2"])
    assert as_meant([copy("A1"), own], CLAIMS, ARTICLES) == [copy("A1")]


def test_a_sentence_naming_whom_it_means_stands_anywhere() -> None:
    assert shown("B1", "A1") == ["B1", "A1"]


def test_a_first_person_sentence_said_by_a_he_is_read_as_the_he() -> None:
    # Single quotation marks are not read as quotation: its "I" has a speaker all the same, "he".
    said = SummarySentence(text="'I did these things,' he said.", citations=["A3"])
    assert as_meant([copy("A1"), said], CLAIMS, ARTICLES) == [copy("A1"), said]


def test_a_first_person_sentence_said_by_a_description_has_a_speaker() -> None:
    said = SummarySentence(text="As a result, we are raising prices, the company said.", citations=["B1"])
    assert as_meant([copy("A1"), said], CLAIMS, ARTICLES) == [copy("A1"), said]


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
        ("But I think the bill will pass.", True),  # "I" after the sentence's first word
    ],
)
def test_which_sentences_speak_in_the_first_person(text: str, first: bool) -> None:
    assert speaks_in_first_person(text) is first


def test_a_sentence_not_read_as_meant_gives_way_to_its_stand_in_read_where_it_stands() -> None:
    he = copy("A2")  # "He and his wife …": first, it names no one
    named = copy("B1")

    def stand_in(s: SummarySentence, summary: object) -> SummarySentence | None:
        return named if s is he else None

    assert as_meant([he, copy("C1")], CLAIMS, ARTICLES, stand_in) == [named, copy("C1")]
    # A stand-in is read where it stands too: one that does not read as meant goes as well.
    assert as_meant([he], CLAIMS, ARTICLES, lambda s, _: copy("A3") if s is he else None) == []
