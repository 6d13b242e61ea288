"""The quoted check: words the sources print only inside a quotation are no fact in a summary's voice."""

from __future__ import annotations

import pytest

from summarizer.checks import quoted, unsupported
from summarizer.ingest import make_article
from summarizer.lang.reading import Reading, readings
from summarizer.lang.speakers import quoted_spans

# A message quoted over two paragraphs (after Fox, on Donald Trump Jr.'s messages with WikiLeaks): its
# second sentence has no quotation mark of its own, and is WikiLeaks' only by the quotation opened before.
MESSAGE = (
    "Trump Jr. released the messages on Monday night.\n"
    "WikiLeaks wrote to him: “A PAC run anti-Trump site is about to launch. The PAC is a recycled "
    "pro-Iraq war PAC.\n"
    "“We have guessed the password. Any comments?” the message went on.\n"
    "Gowdy asked that Clinton agree to a “transcribed” interview.\n"
    'Boehner said "there is a 2 in 3 chance that we win control of the House again."\n'
    "foxnews.com\n"
)
# Held for the module's life: a reading knows its place in an article only while the article lives.
ARTICLE = make_article(MESSAGE, "A", name="a.txt")
READ = {r.text: r for r in readings(ARTICLE)}


def _cited(words: str) -> list[Reading]:
    return [r for t, r in READ.items() if words in t]


@pytest.mark.parametrize(
    ("summary", "cited", "flags"),
    [
        # The speaker's words in the summary's own voice: one carried by the quotation opened before.
        ("The PAC is a recycled pro-Iraq war PAC.", "recycled", ["The PAC is a recycled pro-Iraq war PAC."]),
        ("We have guessed the password.", "guessed", ["We have guessed the password."]),
        # What it says outside its own quotation marks is the quotation's too.
        (
            "The PAC is a “recycled pro-Iraq war PAC.”",
            "recycled",
            ["The PAC is a “recycled pro-Iraq war PAC.”"],
        ),
        # All quotation, and no one named saying it.
        ("“We have guessed the password.”", "guessed", ["“We have guessed the password.”"]),
        # Said to be someone's, by a verb of saying or by naming the speaker: theirs, and it passes.
        ("WikiLeaks wrote: “We have guessed the password.”", "guessed", []),
        ("WikiLeaks said it had guessed the password.", "guessed", []),
        ("“We have guessed the password,” it wrote.", "guessed", []),
        ("WikiLeaks vowed it had guessed the password.", "guessed", []),
        ("Boehner gave Republicans a 2 in 3 chance to win control of the House again.", "Boehner", []),
        # The outlet's own words, or a sentence that only borrows a quoted word, pass.
        ("Trump Jr. released the messages on Monday night.", "released", []),
        ("Gowdy asked Clinton to agree to a transcribed interview.", "Gowdy", []),
    ],
)
def test_quoted(summary: str, cited: str, flags: list[str]) -> None:
    found = quoted.check(Reading(summary), _cited(cited))
    assert [(f.kind, f.text) for f in found] == [("quoted", f) for f in flags]


# After HuffPost and NYT on Anthony Weiner (c21cb217): one outlet quotes him, another reports in its own
# voice a sentence sharing some of the words and saying something else.
WEINER = make_article(
    '"It was a prank," Weiner said. "This is not a national security matter."\n'
    "He hired a lawyer to look into the matter and an Internet security company.\n"
    "It was not a national security matter, his lawyer said.\n"
    'Aides called it "not a national security matter" and said the matter was closed.\n'
    "National security matters most, the aides said.\n"
    "huffpost.com\n",
    "B",
    name="b.txt",
)


@pytest.mark.parametrize(
    ("others", "flagged"),
    [
        # A cited sentence holding some of its words in its own voice says something else: no excuse.
        (["He hired a lawyer to look into the matter and an Internet security company."], True),
        # One holding every word in its own voice says it as fact: the summary may too.
        (["It was not a national security matter, his lawyer said."], False),
        # Its words inside a quotation there are the quotation's, not the source's own voice.
        (['Aides called it "not a national security matter" and said the matter was closed.'], True),
        # Its words without its negation say something else.
        (["National security matters most, the aides said."], True),
    ],
)
def test_a_quotation_is_excused_only_by_a_source_saying_it_all_in_its_own_voice(
    others: list[str], flagged: bool
) -> None:
    read = {r.text: r for r in readings(WEINER)}
    evidence = [read['"This is not a national security matter."'], *(read[t] for t in others)]
    found = quoted.check(Reading("This is not a national security matter."), evidence)
    assert bool(found) == flagged


def test_a_sentence_holding_some_of_the_words_in_its_own_voice_alone_neither_excuses_nor_flags() -> None:
    read = {r.text: r for r in readings(WEINER)}
    evidence = [read["He hired a lawyer to look into the matter and an Internet security company."]]
    assert quoted.check(Reading("This is not a national security matter."), evidence) == []


def test_only_a_source_quoting_every_word_names_its_speaker() -> None:
    article = make_article(
        '"This is not a national security matter," Weiner said.\n"Security matters," Pelosi said.\nx.com\n',
        "C",
        name="c.txt",
    )
    evidence = list(readings(article))[:2]
    (f,) = quoted.check(Reading("This is not a national security matter."), evidence)
    assert f.detail == "the sources give these words only as a quotation of Weiner, not as fact"


def test_a_headline_in_title_case_names_only_its_attribution_as_speaker() -> None:
    # In title case every word is a capital: "F.B.I." is no one saying anything there, so a summary
    # naming the FBI is not excused from stating Trump's quoted words as fact (a fresh triplet, 0c78e748).
    article = make_article(
        "F.B.I. 'Destroyed' Flynn's Life for Lying, Trump Says, but 'Nothing Happened' to Clinton\n"
        "“Hillary Clinton lied many times to the FBI, nothing happened to her,” Trump said.\nx.com\n",
        "A",
        name="a.txt",
    )
    evidence = list(readings(article))[:2]
    (f,) = quoted.check(Reading("Clinton lied many times to the FBI, nothing happened to her."), evidence)
    assert f.detail == "the sources give these words only as a quotation of Trump, not as fact"
    assert quoted.check(Reading("Trump said Clinton lied many times to the FBI."), evidence) == []
    # A headline naming its speaker in title case ("Trump Says") still names him.
    headline = make_article("“Nothing Happened to Clinton,” Trump Says\nx.com\n", "B", name="b.txt")
    quoting = list(readings(headline))[:1]
    assert quoted.check(Reading("Trump thinks nothing happened to Clinton."), quoting) == []


def test_only_a_summary_sentence_is_read_for_its_voice() -> None:
    # A claim is its outlet's sentence, said to be the outlet's: the same words there are no finding.
    evidence = _cited("recycled")
    assert unsupported("The PAC is a recycled pro-Iraq war PAC.", evidence) == []
    (f,) = unsupported("The PAC is a recycled pro-Iraq war PAC.", evidence, voiced=True)
    assert (f.kind, f.detail) == ("quoted", "the sources give these words only as a quotation, not as fact")


def test_a_straight_quotation_mark_opens_or_closes_by_where_it_stands() -> None:
    assert quoted_spans('He said "no" and "never."') == ((9, 11), (18, 24))
    # A quotation over paragraphs opens again at each; an inch mark closes nothing.
    assert quoted_spans('"We have guessed it." he wrote.', open_=True) == ((0, 20),)
    assert quoted_spans('He is 6 feet 5" tall.') == ()
    assert quoted_spans("We have guessed it. Any comments?” he asked.", open_=True) == ((0, 33),)
    assert quoted_spans("No quotation here.") == ()


def test_a_typeset_single_quotation_mark_opens_a_quotation_outside_a_double_one() -> None:
    def shown(text: str) -> list[str]:
        return [text[a:b] for a, b in quoted_spans(text)]

    # Opened and never closed: the rest of the sentence ("Clinton’s" is an apostrophe, no closing mark).
    assert shown("‘Crooked Hillary Clinton’s top aide has been accused.") == [
        "Crooked Hillary Clinton’s top aide has been accused."
    ]
    assert shown("Trump slams ‘crooked’ Hillary aide") == ["crooked"]
    # Nested inside a double quotation it is that quotation's; an elided year opens none.
    assert shown("In the ‘90s he said “it was ‘fine’ then,” and left.") == ["it was ‘fine’ then,"]
    assert shown("The voters’ choice ‘matters’.") == ["matters"]
    # An apostrophe typeset as an opening mark opens nothing ("Lock ‘em up", "‘til").
    assert shown("Lock ‘em up, the crowd chanted as Trump attacked Clinton’s emails ‘til dawn.") == []


def test_a_summary_sentence_opening_a_single_quotation_names_no_one_saying_it() -> None:
    # After the bundled model on 87609973 (held out): the start of Trump's tweet, its mark never closed.
    tweet = Reading(
        "“Crooked Hillary Clinton’s top aide, Huma Abedin, has been accused of disregarding basic "
        "security protocols. She put Classified Passwords into the hands of foreign agents.”"
    )
    summary = (
        "‘Crooked Hillary Clinton’s top aide, Huma Abedin, has been accused of disregarding basic security "
        "protocols."
    )
    (f,) = quoted.check(Reading(summary), [tweet])
    assert (f.kind, f.detail) == ("quoted", "a quotation that names no one saying it")


@pytest.mark.parametrize(
    ("summary", "bare"),
    [
        # After the bundled model on c6a0e65c (held out): the tweet's words lost, its last one kept.
        ("Now, Schumer tweeted Friday.", True),
        ("Schumer said on Friday.", True),
        ("He said.", True),
        ("Trump tweeted Friday.", True),
        ("Schumer tweeted Friday night.", True),
        # A verb that takes a thing says what: the thing.
        ("Kim Jong Un threatened Guam on Tuesday.", False),
        ("Mueller reported to Rosenstein.", False),
        ("Pelosi responded to Trump's State of the Union.", False),
        # What was said is there, in its words or in quotation marks.
        ("Schumer said on Friday that the meeting should be canceled.", False),
        ("Trump vowed revenge.", False),
        ("“Cancel the Putin meeting,” Schumer tweeted Friday.", False),
        # A headline in title case capitalizes what it says: it is not read as names alone.
        ("Donald Trump Vows To End Birthright Citizenship.", False),
    ],
)
def test_a_sentence_saying_who_said_something_and_not_what_says_nothing(summary: str, bare: bool) -> None:
    tweet = Reading("“Cancel the Putin meeting. Now,” Schumer tweeted Friday.")
    found = [f.detail for f in quoted.check(Reading(summary), [tweet])]
    assert found == (["it says who said something, not what"] if bare else [])


def test_a_sentence_of_quotation_naming_no_one_stands_in_for_nothing() -> None:
    assert quoted.only_quoted(_cited("recycled")[0])
    assert not quoted.only_quoted(_cited("about to launch")[0])
    assert not quoted.only_quoted(_cited("released")[0])
