"""The quoted check: words the sources print only inside a quotation are no fact in a summary's voice."""

from __future__ import annotations

import pytest

from summarizer.checks import quoted, unsupported
from summarizer.ingest import make_article
from summarizer.lang.reading import Reading, readings
from summarizer.lang.speakers import quoted_spans

# A message quoted over several sentences (Fox, on Donald Trump Jr.'s messages with WikiLeaks): its later
# sentences name no one, and are WikiLeaks' words only by the quotation opened before them.
MESSAGE = (
    "Trump Jr. released the messages on Monday night.\n"
    "“A PAC run anti-Trump site is about to launch,” WikiLeaks wrote. “The PAC is a recycled pro-Iraq "
    "war PAC. We have guessed the password. Any comments?”\n"
    "Gowdy asked that Clinton agree to a “transcribed” interview.\n"
    "foxnews.com\n"
)


def _read() -> dict[str, Reading]:
    article = make_article(MESSAGE, "A", name="a.txt")
    return {r.text: r for r in readings(article)}


def _found(summary: str, cited: str) -> list[tuple[str, str]]:
    evidence = [r for t, r in _read().items() if cited in t]
    return [(f.kind, f.text) for f in quoted.check(Reading(summary), evidence)]


@pytest.mark.parametrize(
    ("summary", "cited", "flags"),
    [
        # The speaker's words in the summary's own voice, copied or near it.
        ("We have guessed the password.", "guessed", [("quoted", "We have guessed the password.")]),
        (
            "The PAC is a recycled pro-Iraq war PAC.",
            "recycled",
            [("quoted", "The PAC is a recycled pro-Iraq war PAC.")],
        ),
        ("Any comments?", "comments", [("quoted", "Any comments?")]),
        # What it says outside its own quotation marks is the quotation's too.
        (
            "The PAC is a “recycled pro-Iraq war PAC.”",
            "recycled",
            [("quoted", "The PAC is a “recycled pro-Iraq war PAC.”")],
        ),
        # All quotation, and no one named saying it.
        ("“We have guessed the password.”", "guessed", [("quoted", "“We have guessed the password.”")]),
        # Quoted, or said to be someone's, it is theirs: passes.
        ("WikiLeaks wrote: “We have guessed the password.”", "guessed", []),
        ("WikiLeaks said it had guessed the password.", "guessed", []),
        ("“We have guessed the password,” it wrote.", "guessed", []),
        # The outlet's own words, or a sentence that only borrows a quoted word, pass.
        ("Trump Jr. released the messages on Monday night.", "released", []),
        ("Gowdy asked Clinton to agree to a transcribed interview.", "Gowdy", []),
    ],
)
def test_quoted(summary: str, cited: str, flags: list[tuple[str, str]]) -> None:
    assert _found(summary, cited) == flags


def test_only_a_summary_sentence_is_read_for_its_voice() -> None:
    # A claim is its outlet's sentence, said to be the outlet's: the same words there are no finding.
    evidence = [r for t, r in _read().items() if "guessed" in t]
    assert unsupported("We have guessed the password.", evidence) == []
    (f,) = unsupported("We have guessed the password.", evidence, voiced=True)
    assert (f.kind, f.detail) == ("quoted", "the sources give these words only as a quotation, not as fact")


def test_a_quotation_open_at_a_sentence_start_goes_on_in_it() -> None:
    assert quoted_spans("We have guessed it. Any comments?” he asked.", open_=True) == ((0, 33),)
    assert quoted_spans("He said “no” and “never.”") == ((9, 11), (18, 24))
    assert quoted_spans("No quotation here.") == ()


def test_a_sentence_of_quotation_naming_no_one_stands_in_for_nothing() -> None:
    read = _read()
    assert quoted.only_quoted(next(r for t, r in read.items() if "guessed" in t))
    assert not quoted.only_quoted(next(r for t, r in read.items() if "about to launch" in t))
    assert not quoted.only_quoted(next(r for t, r in read.items() if "released" in t))
