"""Who a sentence names as saying it (`lang.speech`): the name itself, not the words around it."""

from __future__ import annotations

import pytest

from summarizer.lang.reading import read
from summarizer.lang.speech import attributions, described_saying, described_speaker, told


@pytest.mark.parametrize(
    ("sentence", "named"),
    [
        # When the saying went is no part of the name; a capitalized word is ("CBS This Morning").
        ("Sasse also said Mattis was an island of stability.", ["Sasse"]),
        ("Perry has also said so.", ["Perry"]),
        ("Josh Earnest later told reporters it was over.", ["Josh Earnest"]),
        ("CBS This Morning reported the talks failed.", ["CBS This Morning"]),
        # A weekday opens no name; the name after it is the speaker.
        ("Sunday Romney said Akin should quit.", ["Romney"]),
        ("Wednesday’s shooting described as random was not.", []),
        # A pronoun ends no name.
        ("Citing what he said he understood, the talks failed.", []),
        # A relative clause's speaker says what the clause says.
        ("The shooting, which Scalise’s office described as targeted, wounded four.", []),
        ("The shooting, which the FBI described as targeted, wounded four.", []),
        ("Trump has since said he is angry.", ["Trump"]),
        ("Lis Smith described the ad as dishonest.", ["Lis Smith"]),
        # A clause's link opens no name (65cb14cb, a fresh triplet: "according to the while Gibbs").
        ("But while Gibbs said it was time to move on, the race went on.", ["Gibbs"]),
        # A name never ends in "his": "his claims" is a noun, not Schieffer saying (65cb14cb).
        # "insisted", "acknowledged", "testified" … give whose word it is, as "said" does.
        ("Asked by Schieffer about his claims on testing, Santorum insisted it was a fact.", ["Santorum"]),
        ("But then Certner acknowledged that AARP believes the program must change.", ["Certner", "AARP"]),
        ("During a press conference, President Obama even acknowledged the error.", ["President Obama"]),
        ("Lamb testified in October that the size of the attack was the issue.", ["Lamb"]),
        ("Because Smith said so, the vote was delayed.", ["Smith"]),
        ("Pa Her said the council would meet.", ["Pa Her"]),  # a surname, not "her"
        # A party tag between a name and its verb is the name's (7a97de89, a fresh draft's sources).
        (
            "Maine Gov. Paul LePage (R) said Wednesday that he has no plans to resign.",
            ["Maine Gov. Paul LePage"],
        ),
        ("Sen. Rand Paul (R-Ky.) said the bill would fail.", ["Sen. Rand Paul"]),
        ("Rep. Eliot Engel (D-N.Y.) told reporters it was over.", ["Rep. Eliot Engel"]),
    ],
)
def test_attributions(sentence: str, named: list[str]) -> None:
    assert attributions(sentence) == named


def test_a_source_named_by_description() -> None:
    text = "Surgery went “according to plan, the office said,” and he is stable, according to his office."
    span = described_speaker(text)
    assert span is not None and text[span[0] : span[1]] == "office" and span[0] > text.index("”")
    assert described_speaker("According to the report released Thursday by the FBI, he fled.") is None
    assert described_saying("He is stable, his office also said.") == ["office"]
    # A description inside a quotation is someone's words, not the sentence's source.
    quoting = "“It went according to his doctors,” he said, and he is stable, according to his office."
    span = described_speaker(quoting)
    assert span is not None and quoting[span[0] : span[1]] == "office"


def test_whom_someone_told() -> None:
    text = "“I told Reuters nothing,” he said, and Sources told The Associated Press that he quit."
    assert [text[a:b] for a, b in told(text)] == ["The Associated Press"]


def test_a_party_tag_is_the_speaker_s_and_a_day_speaks_for_no_one() -> None:
    said = "“I completely disagree with his position,” Senate President Mike Thibodeau (R) said Monday."
    assert read(said).speakers[0] == ("mike", "president", "senate", "thibodeau")
    # "said Wednesday that …, adding …": a day before a verb of saying is when, not who.
    found = read(
        "Maine Gov. Paul LePage (R) said Wednesday that he has no plans to resign, adding more."
    ).speakers
    assert found and all("wednesday" not in k for k in found)
    # Past a party tag and an appositive too long for `attribution`, the verb is still the name's.
    long = (
        "Rep. Jared Polis (D-Colo.), a vocal supporter of drug policy reform who has sponsored multiple "
        "bills seeking protection for state-legal marijuana businesses, told HuffPost the rule was wrong."
    )
    assert read(long).speakers == (("jared", "polis"),)


def test_a_word_of_saying_after_of_or_an_article_is_a_noun() -> None:
    # "secretaries of state" (a4edca3f's source) gave Clinton as saying it.
    text = "The department sent a letter to Mrs. Clinton and all former secretaries of state, seeking emails."
    assert read(text).speakers == ()
    # Only right before it: a mark between ends the phrase ("… harassed her, said", a review's probe).
    said = (
        "Jane Doe, a former aide whose lawyer filed suit after the governor's chief of staff repeatedly "
        "harassed her, said she would testify."
    )
    assert read(said).speakers[0] == ("doe", "jane")
    # "that" is a relative as often: "It was Comey that told lawmakers" is Comey's saying.
    assert read("It was Comey that told lawmakers the probe was open.").speakers == (("comey",),)
