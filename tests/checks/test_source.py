"""The source check: a speaker the sentence names must be one its sources give as saying something."""

from __future__ import annotations

import pytest

from summarizer.checks import source
from summarizer.ingest import make_article
from summarizer.lang.reading import read, readings
from tests.checks import found

ERROR = "the error occurred when a Russian drone operator mistook the system."


@pytest.mark.parametrize(
    ("claim", "sources", "flags"),
    [
        # The wrong speaker.
        (
            f"Ukraine’s Defense Intelligence said {ERROR}",
            [f"Kovalenko, who has over 100,000 Telegram subscribers, said {ERROR}"],
            [("source", "Ukraine’s Defense Intelligence")],
        ),
        (
            "Kovalenko reported that Moscow had received over 100 missiles.",
            [
                "In November, Ukraine’s Defense Intelligence reported that Moscow had received "
                "over 100 missiles."
            ],
            [("source", "Kovalenko")],
        ),
        # Named in the sources, but not as saying anything.
        (
            "Kovalenko said the error occurred.",
            ["Kovalenko has 10,000 followers.", "The error occurred."],
            [("source", "Kovalenko")],
        ),
        # Omitting an attribution is not flagged; the same speaker, however placed or named, passes.
        (f"The {ERROR}", [f"Kovalenko said {ERROR}"], []),
        ("Kovalenko said the error occurred.", ["Kovalenko said the error occurred."], []),
        ("Alexander Kovalenko said the error occurred.", ["Kovalenko said the error occurred."], []),
        ("Kovalenko said the error occurred.", ["The error occurred, Kovalenko told reporters."], []),
    ],
)
def test_source(claim: str, sources: list[str], flags: list[tuple[str, str]]) -> None:
    assert found(source.check, claim, sources) == flags


def test_the_detail_says_whom_the_sources_cite() -> None:
    (f,) = source.check(read("Kovalenko said it."), [read("Officials said it.")])
    assert f.detail == "the sources do not attribute this to Kovalenko; they cite Officials"


@pytest.mark.parametrize(
    ("claim", "sources", "flags"),
    [
        # The speaker is the one of the sentence holding what is said, not any name saying something.
        (
            "Militarnyi reported that Moscow had received more than 100 missiles.",
            [
                "A recent intelligence report said that Moscow had received more than 100 missiles.",
                "Analysis from Ukrainian outlet Militarnyi corroborated this claim, citing footage.",
            ],
            [("source", "Militarnyi")],
        ),
        # A country alone is no name to add to: Russian forces are not Russian bloggers, and a name
        # before "…, according to X" is not X.
        (
            "Russian forces said they mistakenly targeted the SAM.",
            ["Kovalenko concluded that Russian forces mistakenly targeted the SAM, according to the agency."],
            [("source", "Russian forces")],
        ),
        (
            "The Kyiv Independent said Russian forces targeted the SAM.",
            ["Kovalenko concluded Russian forces targeted the SAM, according to the Kyiv Independent."],
            [],
        ),
        # The attribution is read outside the quotation: "Trump says …" is what Bloomberg said.
        (
            "“Trump says he wants to run the nation like his business,” Mr. Bloomberg said.",
            ['"Trump says he wants to run the nation like his business? God help us," said Bloomberg.'],
            [],
        ),
        # "…,” said X" names its speaker too.
        ("Issa said this is a felony.", ['"This is a felony," said Rep. Darrell Issa.'], []),
        # The sources' own description of the speaker, next to the name, is the speaker.
        (
            "“It is a disgrace,” the presumptive Republican nominee said.",
            [
                "Mr. Trump, the presumptive Republican nominee, said he found the remarks unbefitting.",
                "“It is a disgrace.”",
            ],
            [],
        ),
        # A sentence that says nothing but who said it goes with the sentence next to it ("Christie added.").
        ("Christie added.", ["The Post writes of Christie today, “his status has vanished.”"], []),
        ("Kovalenko added.", ["Officials said it."], [("source", "Kovalenko")]),
        # A sentence joining two facts holds the one its speaker said.
        (
            "Officials said 40 homes were flooded, and the mayor, Jane Holt, spoke to reporters.",
            ["Officials said 40 homes were flooded.", "The mayor, Jane Holt, spoke to reporters on Monday."],
            [],
        ),
    ],
)
def test_the_speaker_of_the_sentence_holding_it(
    claim: str, sources: list[str], flags: list[tuple[str, str]]
) -> None:
    assert found(source.check, claim, sources) == flags


ARTICLE = make_article(
    "Russian forces destroyed a SAM system in the Kursk region.\n"
    "Kovalenko noted that the transfer went undetected.\n"
    "“This is extremely alarming,” he said.\n"
    "The report said: “Moscow received 100 missiles.\n"
    "“Pyongyang sent specialists to service them.”\n"
    "Kovalenko was quick to retort: “Not a thing he said in the report was right.”\n"
    "Mary Cheney criticized her sister Liz Cheney on Friday.\n"
    "“I am not for gay marriage,” she said.\n"
    "newsweek.com\n",
    "B",
    name="b.txt",
)


@pytest.mark.parametrize(
    ("claim", "cited", "flags"),
    [
        # The outlet's own reporting: "Newsweek reported" is right, a quoted person wrong.
        ("Newsweek reported that Russian forces destroyed a SAM system.", [1], []),
        ("According to Newsweek, Russian forces destroyed a SAM system.", [1], []),
        ("Kovalenko said Russian forces destroyed a SAM system.", [1, 2], [("source", "Kovalenko")]),
        ("The Times reported that Russian forces destroyed a SAM system.", [1], [("source", "Times")]),
        ("According to The Times, Russian forces destroyed a SAM system.", [1], [("source", "Times")]),
        # "he said" is the one named before it; the outlet does not say what he did.
        ("Kovalenko said this is extremely alarming.", [3], []),
        ("Newsweek reported that this is extremely alarming.", [3], [("source", "Newsweek")]),
        # "he said" inside a quotation is what is quoted, not who says it.
        ("Kovalenko said the report was wrong.", [6], []),
        ("Newsweek reported that the report was wrong.", [6], [("source", "Newsweek")]),
        # "she said" may be one the sentence before names without her saying anything there.
        ("Liz Cheney said she is not for gay marriage.", [8], []),
        # A quotation's later paragraph is its speaker's.
        ("The report said Pyongyang sent specialists to service them.", [5], []),
        ("Kovalenko said Pyongyang sent specialists to service them.", [3, 5], [("source", "Kovalenko")]),
    ],
)
def test_a_source_sentence_is_read_in_its_article(
    claim: str, cited: list[int], flags: list[tuple[str, str]]
) -> None:
    read_there = readings(ARTICLE)
    got = source.check(read(claim), [read_there[i - 1] for i in cited])
    assert [(f.kind, f.text) for f in got] == flags


STRZOK = make_article(
    "Strzok attorney Aitan Goelman said his client was fired on Friday.\n"
    "The firing came after months of pressure.\n"
    "“This decision should be deeply troubling to all Americans,” the attorney said.\n"
    "“We are not going to pay a single cent for such a wall!”\n"
    "Mr. Calderón told CNBC.\n"
    '“Like most Americans, we cannot allow a mere allegation to destroy a life," Sanders said.\n'
    "huffpost.com\n",
    "C",
    name="c.txt",
)


@pytest.mark.parametrize(
    ("claim", "cited", "flags"),
    [
        # "the attorney said": a name shortly before, which code cannot pick, so any of them.
        ("Goelman said the decision should be deeply troubling to all Americans.", [3], []),
        ("HuffPost reported that the decision should be deeply troubling.", [3], [("source", "HuffPost")]),
        # A quotation whose speaker a short sentence after it names.
        ("Calderón told CNBC they are not going to pay a single cent for such a wall.", [4], []),
        # A quotation opened with a curly mark and closed with a straight one.
        ("Sanders said we cannot allow a mere allegation to destroy a life.", [6], []),
        ("Goelman said we cannot allow a mere allegation to destroy a life.", [6], [("source", "Goelman")]),
    ],
)
def test_whose_quotation_a_source_sentence_is(
    claim: str, cited: list[int], flags: list[tuple[str, str]]
) -> None:
    read_there = readings(STRZOK)
    got = source.check(read(claim), [read_there[i - 1] for i in cited])
    assert [(f.kind, f.text) for f in got] == flags


def test_a_long_name_after_its_verb_is_read_whole() -> None:
    claim = "“Couples will be treated equally,” said Human Rights Campaign President Chad Griffin."
    assert found(source.check, claim, ["“Couples will be treated equally,” said Chad Griffin."]) == []


@pytest.mark.parametrize(
    ("claim", "sources", "flags"),
    [
        # A source named by description must be the holders' own words for it.
        (
            "Scalise was hit in the left hip, according to his office.",
            ["In a statement, the hospital said Scalise was hit in the left hip."],
            [("word", "office")],
        ),
        (
            "Scalise was hit in the left hip, according to the hospital.",
            ["In a statement, the hospital said Scalise was hit in the left hip."],
            [],
        ),
        # A document or a role is how someone spoke, or who, in words a paraphrase may choose.
        (
            "Police spent more on arrests, according to the suit.",
            ["Police spent more on arrests, the lawsuit says."],
            [],
        ),
        (
            "The economy is improving, according to the president.",
            ["The economy is improving, Obama said."],
            [],
        ),
        # A document's or a role's plural is one too.
        ("He fled, according to the lawsuits.", ["He fled, Smith said."], []),
        # In the outlet's own voice, "according to the board" may be the outlet's own reporting.
        ("Taxes rose, according to the board.", ["Taxes rose."], []),
        ("Taxes rose, according to the board.", ["Taxes rose, the mayor said."], [("word", "board")]),
        # The holders' words for who says it, not any of their words: "taken to the hospital" is no source.
        (
            "He is in critical condition, according to the hospital.",
            ["He was taken to the hospital and is in critical condition, his office said."],
            [("word", "hospital")],
        ),
    ],
)
def test_a_source_named_by_description(claim: str, sources: list[str], flags: list[tuple[str, str]]) -> None:
    assert found(source.check, claim, sources) == flags


@pytest.mark.parametrize(
    ("claim", "flags"),
    [
        # When the saying went is no part of who said it.
        ("Sasse also said Mattis was an island of stability.", [("source", "Sasse")]),
        ("Sasse later told reporters Mattis was an island of stability.", [("source", "Sasse")]),
        ("Sasse has said Mattis was an island of stability.", [("source", "Sasse")]),
        # A name may follow a weekday, and a capitalized word is part of it ("CBS This Morning").
        ("Sunday Sasse said Mattis was an island of stability.", [("source", "Sasse")]),
        # A pronoun ends no name: "Citing what he said" names no one.
        ("Citing what he said he understood, Warner called Mattis an island of stability.", []),
    ],
)
def test_a_speaker_named_before_when(claim: str, flags: list[tuple[str, str]]) -> None:
    held = ["“This is scary,” Warner said.", "Warner called Mattis “an island of stability.”"]
    assert found(source.check, claim, held) == flags


@pytest.mark.parametrize(
    ("claim", "flags"),
    [
        ("Sasse described Mattis as an island of stability.", [("source", "Sasse")]),
        ("Warner described Mattis as an island of stability.", []),
        # A relative clause's speaker says what the clause says, not the sentence.
        ("Mattis, whom Sasse described as an island of stability, was calm.", []),
    ],
)
def test_described_attributes(claim: str, flags: list[tuple[str, str]]) -> None:
    held = ["Warner said Mattis was “an island of stability.”", "Mattis was calm."]
    assert found(source.check, claim, held) == flags


@pytest.mark.parametrize(
    ("claim", "sources", "flags"),
    [
        # Whom someone told it is the holders': another named there is code's to call wrong.
        (
            "Sources told The Associated Press that Mattis had quit.",
            ["Sources told Fox News that Mattis had quit.", "The Associated Press reported it."],
            [("source", "The Associated Press")],
        ),
        (
            "Trump told NBC News he would decide by June.",
            ["In an interview with NBC News, Trump said he would decide by June."],
            [],
        ),
        # Named nowhere in the holders: the judge's.
        ("Akin told KTVI that it was really rare.", ["“It is really rare,” Akin said."], [("word", "KTVI")]),
    ],
)
def test_whom_someone_told(claim: str, sources: list[str], flags: list[tuple[str, str]]) -> None:
    assert found(source.check, claim, sources) == flags
