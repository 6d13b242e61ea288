"""Quote matching and numbers in prose."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from summarizer.ingest import make_article
from summarizer.lang.names import key, same_entity
from summarizer.lang.numbers import find_numbers, find_tallies
from summarizer.lang.quotes import find_quote, normalize, quote_problem
from summarizer.lang.reading import read
from summarizer.lang.tokens import content_words, folded_stem, forms, stem, tokenize

ARTICLE = "Kovalenko’s analysis showed it was “friendly fire” – an  embarrassing error."


def test_quote_tolerates_typographic_quotes_dashes_and_spaces() -> None:
    assert find_quote('Kovalenko\'s analysis showed it was "friendly fire" - an embarrassing', ARTICLE)


def test_quote_spans_point_into_the_original_text() -> None:
    ((start, end),) = find_quote("friendly fire", ARTICLE)
    assert ARTICLE[start:end] == "friendly fire"


def test_paraphrase_is_not_verbatim() -> None:
    assert quote_problem("Kovalenko's analysis found it was friendly fire", ARTICLE)


def test_case_matters() -> None:
    assert not find_quote("KOVALENKO’S ANALYSIS", ARTICLE)


def test_enclosing_quote_marks_added_by_a_model_are_ignored() -> None:
    assert find_quote('"an embarrassing error."', ARTICLE)


def test_double_quotes_turned_single_and_a_trailing_comma_still_match() -> None:
    assert find_quote("it was ‘friendly fire’ - an embarrassing error,", ARTICLE)


def test_a_changed_word_after_a_truncation_does_not_match() -> None:
    assert not find_quote("it was “friendly fire” – an embarrassing士兵", ARTICLE)


def test_too_short_quote_is_not_evidence() -> None:
    assert "too short" in (quote_problem("was", ARTICLE) or "")


def test_regex_characters_in_a_quote_are_plain_text() -> None:
    assert not find_quote("(.*) friendly [a-z]+", ARTICLE)
    assert find_quote("it was “friendly fire”", ARTICLE)


@pytest.mark.parametrize(
    ("text", "value", "qualifier"),
    [
        ("has 10,000 followers", 10_000, "exact"),
        ("has over 100,000 subscribers", 100_000, "over"),
        ("more than 100 KN-23 missiles", 100, "over"),
        ("nearly 2.5 million people", 2_500_000, "about"),
        ("fewer than 40 votes", 40, "under"),
        ("a 3.5% rise", 3.5, "exact"),
    ],
)
def test_numbers_are_read_with_scale_and_hedge(text: str, value: float, qualifier: str) -> None:
    (n,) = find_numbers(text)
    assert n.value == pytest.approx(value)
    assert n.qualifier == qualifier


def test_identifiers_are_not_numbers() -> None:
    assert [n.value for n in find_numbers("KN-23 and KN-24, B2 and the 3rd")] == []


def test_a_unit_of_time_joined_by_a_hyphen_is_read_with_its_number() -> None:
    # "The 35-day shutdown" is the "35 days" another outlet gives; "KN-23" stays an identifier.
    assert [(n.value, n.unit) for n in find_numbers("The 35-day shutdown, a 76-year-old, KN-23")] == [
        (35, "day"),
        (76, "year"),
    ]


def test_a_number_joined_to_a_word_counts_it() -> None:
    # "The 35-word oath" against another outlet's "38-word oath" is a figure of each; "60-plus" is no
    # count of "plus", and an identifier stays one.
    found = find_numbers("The 35-word oath, a 225-page report, 60-plus votes, F-16s, a 2-for-1 deal")
    assert [(n.value, n.counted) for n in found] == [(35, "word oath"), (225, "page report")]


def test_a_scale_or_percent_joined_by_a_hyphen_is_the_number_s() -> None:
    found = find_numbers("It cost $2-million, then $1.5-billion, a 4-percent rise.")
    assert [(n.value, n.is_percent) for n in found] == [(2e6, False), (1.5e9, False), (4, True)]


def test_a_possessive_stems_as_its_word() -> None:
    # "capping Trump’s unlikely journey" names the Trump of "Mr. Trump took the 35-word oath".
    assert {folded_stem(w) for w in ("Trump’s", "Trump's", "Trump")} == {"trump"}
    assert content_words("Clinton's aides met.") == content_words("Clinton aides met.")
    assert stem("followers") == "follow"


@pytest.mark.parametrize(
    ("text", "values"),
    [
        ("The House approved the plan 234-193.", [234, 193]),
        ("She won by a 134-to-63 vote.", [134, 63]),
        # A range is no tally: it is read by its second number, with the unit and scale it carries.
        ("He faces 3-5 years.", [5]),
        ("It costs $5-6 billion.", [6e9]),
    ],
)
def test_both_counts_of_a_tally_are_read(text: str, values: list[float]) -> None:
    # "234-193" was read as 193 alone, so "passed with 234 votes" found no 234.
    assert [n.value for n in find_numbers(text)] == values


@pytest.mark.parametrize(
    ("text", "tallies"),
    [
        ("The House approved the plan 234-193.", [(234, 193)]),
        ("She won by a 134-to-63 vote.", [(134, 63)]),
        ("a 5–4 ruling", [(5, 4)]),
        # A span of years, a phone number, an identifier: no votes.
        ("He served 2002-06 and 2008-2010.", []),
        ("Call 555-1234.", []),
        ("KN-23-5 missiles", []),
    ],
)
def test_a_tally_written_as_one_word_is_read_as_its_two_counts(
    text: str, tallies: list[tuple[int, int]]
) -> None:
    assert [(t.high, t.low) for t in find_tallies(text)] == tallies


def test_years_are_marked() -> None:
    (n,) = find_numbers("at the end of 2023.")
    assert n.is_year


def test_exact_and_lower_bound_that_cannot_both_hold_are_incompatible() -> None:
    (a,) = find_numbers("10,000 followers")
    (b,) = find_numbers("over 100,000 subscribers")
    (c,) = find_numbers("more than 100 missiles")
    (d,) = find_numbers("over 100 missiles")
    assert not a.compatible(b)
    assert c.compatible(d)


@given(st.text())
def test_normalize_index_maps_back_into_the_text(text: str) -> None:
    folded, index = normalize(text)
    assert len(folded) == len(index)
    assert all(0 <= i < len(text) for i in index)


@given(st.text(min_size=1), st.integers(0, 50), st.integers(8, 40))
def test_any_whole_word_substring_of_enough_length_is_found(text: str, start: int, length: int) -> None:
    piece = text[start : start + length]
    if quote_problem(piece, piece) is not None:
        return
    end = start + len(piece)
    cuts_a_word = (start > 0 and text[start - 1].isalnum() and text[start].isalnum()) or (
        end < len(text) and text[end - 1].isalnum() and text[end].isalnum()
    )
    if not cuts_a_word:
        assert find_quote(piece, text)


def test_a_quote_does_not_match_inside_words() -> None:
    text = "Ukraine said 150 drones were shot down."
    assert find_quote("ne said 15", text) == []
    assert find_quote("Ukraine said 15", text) == []
    assert find_quote("Ukraine said 150", text) == [(0, 16)]


def test_primes_and_accents_are_not_quotation_marks() -> None:
    assert find_quote("a 6″ barrel was found", "a 6′ barrel was found") == []
    assert find_quote("it wasn´t there at all", "it wasn’t there at all") == []
    assert find_quote("it wasn't there at all", "it wasn’t there at all")


@pytest.mark.parametrize(
    ("text", "value", "qualifier", "raw"),
    [
        ("one million people fled", 1e6, "exact", "one million"),
        ("the clip had 900k views", 9e5, "exact", "900k"),
        ("a $2.5bn contract", 2.5e9, "exact", "$2.5bn"),
        ("a dozen villages", 12, "exact", "a dozen"),
        ("twenty-five soldiers", 25, "exact", "twenty-five"),
        ("one hundred thousand people", 1e5, "exact", "one hundred thousand"),
        ("100k people", 1e5, "exact", "100k"),
        ("a hundred and fifty homes", 150, "exact", "a hundred and fifty"),
        ("nearly forty votes", 40, "about", "forty"),
        ("hundreds of protesters", 200, "over", "hundreds"),
        ("tens of thousands of troops", 20_000, "over", "tens of thousands"),
        ("no more than 30 people", 30, "under", "30"),
    ],
)
def test_numbers_in_words_and_with_suffixes(text: str, value: float, qualifier: str, raw: str) -> None:
    (n,) = find_numbers(text)
    assert (n.value, n.qualifier, n.raw) == (pytest.approx(value), qualifier, raw)
    assert text[n.start : n.end] == raw


@pytest.mark.parametrize(
    "text", ["inflation rose 5 per cent", "inflation rose five per cent", "a 5 per cent rise"]
)
def test_per_cent_is_a_percentage(text: str) -> None:
    # British outlets write "per cent": once read as a count of five, which matched "5 people".
    (n,) = find_numbers(text)
    assert (n.value, n.is_percent, n.raw.endswith("per cent")) == (5, True, True)


def test_pronoun_one_is_not_a_count_but_a_one_year_term_is() -> None:
    assert find_numbers("one of their own systems, and no one was hurt") == []
    (n,) = find_numbers("the one-year anniversary")
    assert (n.value, n.unit) == (1, "year")


def test_two_numbers_joined_by_and_stay_two() -> None:
    assert [n.value for n in find_numbers("two and three weeks")] == [2, 3]


def test_durations_are_one_measure() -> None:
    (three_weeks,) = find_numbers("three weeks later")
    (days,) = find_numbers("21 days later")
    (five_weeks,) = find_numbers("five weeks later")
    assert three_weeks.measure() == days.measure() == (21, "day")
    assert five_weeks.measure() == (35, "day")
    assert three_weeks.compatible(days) and not five_weeks.compatible(days)


@pytest.mark.parametrize(
    ("text", "read"),
    [
        ("the clean-up would take a week", [("a week", 7, "day")]),
        ("A year later, his wife left", [("A year", 12, "month")]),
        ("about a month after the vote", [("a month", 1, "month")]),
        ("an hour-long meeting", [("an hour-long", 3600, "second")]),
        ("after a week's delay", [("a week", 7, "day")]),
        ("the talks resumed the day after the vote", [("the day", 1, "day")]),
        ("a yearlong inquiry", [("a yearlong", 12, "month")]),
        ("The two men spent a year in jail", [("two", 2, None), ("a year", 12, "month")]),
        ("a weekly paper", []),
        ("a year-end review", []),  # a compound, not a duration
        ("£500 in rent a month", [("£500", 500, "£")]),  # rates, a count before them
        ("100,000 barrels of oil a day", [("100,000", 100_000, None)]),
        ("Twelve people died a day after talks collapsed", [("Twelve", 12, None), ("a day", 1, "day")]),
        ("over the course of a decade", [("a decade", 120, "month")]),
        ("the strike lasted 21 straight days", [("21", 21, "day")]),
        ("In 2019, a year later, it fell", [("2019", 2019, None), ("a year", 12, "month")]),
        # Rates and ordinals state no duration: they stay unread.
        ("he earns $50,000 a year", [("$50,000", 50000, "$")]),
        ("she runs twice a day", []),
        ("three meals a day", [("three", 3, None)]),
        ("a second coroner found no cause", []),
    ],
)
def test_a_unit_of_time_after_a_is_one_of_it(text: str, read: list[tuple[str, float, str | None]]) -> None:
    assert [(n.raw, *n.measure()) for n in find_numbers(text)] == read


@pytest.mark.parametrize(
    ("text", "read"),
    [
        ("half a million people fled", [("half a million", 500_000, None)]),
        ("half an hour later", [("half an hour", 1800, "second")]),
        ("half a dozen eggs", [("half a dozen", 6, None)]),
        ("a week and a half", [("a week and a half", 10.5, "day")]),
        ("one and a half weeks", [("one and a half", 10.5, "day")]),
        ("two and a half million people", [("two and a half million", 2_500_000, None)]),
        ("a million and a half", [("a million and a half", 1_500_000, None)]),
        ("two weeks and a half", [("two weeks and a half", 17.5, "day")]),
        ("half the homes", [("half", 0.5, None)]),  # a share, as "a third of" is
    ],
)
def test_a_half_is_read_with_its_number(text: str, read: list[tuple[str, float, str | None]]) -> None:
    assert [(n.raw, *n.measure()) for n in find_numbers(text)] == read


@pytest.mark.parametrize(
    ("text", "read"),
    [
        ("two-thirds of voters", [("two-thirds", 2 / 3)]),
        ("a third of voters", [("a third", 1 / 3)]),
        ("three-quarters of the homes", [("three-quarters", 3 / 4)]),
        ("a two-thirds majority", [("two-thirds", 2 / 3)]),
        ("one-third", [("one-third", 1 / 3)]),
        # Ordinals, parts and a year's quarters are no shares.
        ("a third term", []),
        ("a Fourth of July parade", []),
        ("the second half of the year", []),
        ("two quarters of growth", [("two", 2)]),
        ("three quarters of the voters", [("three quarters", 3 / 4)]),
        # A ratio is a share: "one in three" is no three.
        ("one in three voters", [("one in three", 1 / 3)]),
        ("4 out of 5 doctors", [("4 out of 5", 4 / 5)]),
        ("one in every five children", [("one in every five", 1 / 5)]),
        ("one in three million people", [("one in three million", 1 / 3e6)]),
        ("One in 1,000 adults", [("One in 1,000", 1 / 1000)]),
        ("one in twenty-five", [("one in twenty-five", 1 / 25)]),
        ("a one-in-three chance", [("one-in-three", 1 / 3)]),  # hyphened, as headlines and quotes write it
        ("a 1-in-3 chance", [("1-in-3", 1 / 3)]),
        ("a one-in-a-million chance", [("one-in-a-million", 1e-6)]),
        # A tally of events, a span of time, a year: no ratio.
        ("3 out of 5 games", [("3", 3), ("5", 5)]),
        ("2 in 10 minutes", [("2", 2), ("10", 10)]),
        ("three in 2010", [("three", 3), ("2010", 2010)]),
    ],
)
def test_a_share_in_words_is_its_value(text: str, read: list[tuple[str, float]]) -> None:
    assert [(n.raw, n.value) for n in find_numbers(text)] == read


@pytest.mark.parametrize(
    ("text", "read"),
    [
        ("sales doubled", [("doubled", 2, True)]),
        ("sales tripled", [("tripled", 3, True)]),
        ("the fine was halved", [("halved", 0.5, True)]),
        ("the fine was cut in half", [("in half", 0.5, True)]),
        ("they plan to double the budget", [("double", 2, True)]),
        ("profits grew threefold", [("threefold", 3, True)]),
        ("profits grew 10-fold", [("10-fold", 10, True)]),
        ("twice as many voters", [("twice", 2, True)]),
        ("three times the rate", [("three times", 3, True)]),
        # Not multipliers: occurrences, idioms, a kind of murder, a time of day.
        ("he was arrested twice", []),
        ("costs rose three times in a decade", [("three", 3, False), ("a decade", 1, False)]),
        ("he doubled down on the claim", []),
        ("the room doubles as an office", []),
        ("a double murder", []),
        ("by half past six", [("six", 6, False)]),
        ("he served twice as prime minister", []),
        ("he was called three times that day", [("three", 3, False)]),
        ("the men's doubles title", []),
        ("prices doubled as supply collapsed", [("doubled", 2, True)]),
        ("he doubled as a coach", []),
        ("the ship broke in half", []),
        ("he was too cute by half", []),
        ("rose 10\u2011fold", [("10\u2011fold", 10, True)]),
    ],
)
def test_a_multiplier_is_its_factor(text: str, read: list[tuple[str, float, bool]]) -> None:
    assert [(n.raw, n.value, n.multiplier) for n in find_numbers(text)] == read


def test_a_bare_m_is_not_million_without_a_currency() -> None:
    assert find_numbers("she ran the 100m") == []
    (n,) = find_numbers("a £3m grant")
    assert (n.value, n.unit) == (3e6, "pound")


def test_what_is_counted_follows_the_number() -> None:
    (n,) = find_numbers("has 10,000 followers on Telegram")
    assert n.counted == "followers"


def _walk(text: str) -> tuple[str, list[int]]:
    """normalize's definition, one character at a time (its fast path must agree)."""
    out: list[str] = []
    index: list[int] = []
    pending = False
    for i, ch in enumerate(
        text.translate(str.maketrans({"“": '"', "”": '"', "’": '"', "—": "-", "\xa0": " "}))
    ):
        if ch.isspace():
            pending = bool(out)
            continue
        if pending:
            out.append(" ")
            index.append(i - 1)
            pending = False
        out.append(ch)
        index.append(i)
    return "".join(out), index


@given(st.text(alphabet="ab “”’—\xa0\t\n.", max_size=12))
def test_normalize_is_the_character_walk_whatever_the_spacing(text: str) -> None:
    folded, index = normalize(text)
    assert (folded, list(index)) == _walk(text)


@pytest.mark.parametrize(
    ("sentence", "speakers"),
    [
        ("Mr. Kovalenko, seeking a ceasefire, said the strike was an error.", [("kovalenko",)]),
        ("Clinton, who was told of the cable, said she never saw it.", [("clinton",)]),
        # A passive verb of saying is said of the name, not by it.
        ("Hillary Clinton’s top aide, Huma Abedin, has been accused of disregarding protocols.", []),
        ("Mr. Mattis was told of the decision on Wednesday.", []),
        # "is reporting" is no passive.
        ("The New York Times is reporting that Mary Cheney took to Facebook.", [("new", "times", "york")]),
    ],
)
def test_who_a_sentence_gives_as_speaking(sentence: str, speakers: list[tuple[str, ...]]) -> None:
    assert list(dict.fromkeys(tuple(sorted(k)) for k in read(sentence).speakers)) == speakers


def test_an_abbreviated_title_or_state_reads_as_its_word_only_as_abbreviated() -> None:
    def forms_of(word: str, text: str) -> frozenset[str]:
        return next(t.forms for t in tokenize(text) if t.word == word)

    # "Oklahoma Gov. Frank Keating" is "the former governor of Oklahoma" (72fa9b13, held out).
    assert "governor" in forms_of("Gov", "Oklahoma Gov. Frank Keating met Trump.")
    assert "kentucky" in forms_of("Ky", "McConnell, R-Ky., spoke.")
    # A state of two words by its initials, periods and all: "R-S.C." is South Carolina (2b9468af's
    # draft: "Graham of South Carolina"), "N.Y." New York; "NY" or "SC" without them is not read so.
    assert {"south", "carolina"} <= forms_of("S", "Sen. Lindsey Graham, R-S.C., called it appalling.")
    assert {"new", "york"} <= forms_of("NY", "He lives in Albany, N.Y., now.")
    assert "york" not in forms_of("NY", "NY is big.") and "south" not in forms_of("S", "Harry S. Truman won.")
    # Not a name ("Hun Sen"), a word without its period, or a title before no name.
    assert "senator" not in forms_of("Sen", "Prime Minister Hun Sen won.")
    assert "governor" not in forms_of("Gov", "The Gov said so.")
    assert "governor" not in forms_of("gov", "Oklahoma gov. Frank Keating met Trump.")


def test_a_word_keeps_its_accented_letters_and_an_accent_dropped_is_the_same_word() -> None:
    assert [t.word for t in read("Mr. Calderón met Peña Nieto in Guantánamo.").tokens] == [
        "Mr",
        "Calderón",
        "met",
        "Peña",
        "Nieto",
        "in",
        "Guantánamo",
    ]
    # An outlet that drops the accents names the same man.
    assert forms("Calderon") & forms("Calderón")
    assert set(read("Mr. Calderón told CNBC that the talks failed.").speakers) == {("calderon",)}


def test_a_verb_of_saying_after_a_passive_one_names_its_speaker() -> None:
    # BASIL: "Mr. Collins, who is accused of passing insider information …, has said he expects …".
    collins = (
        "Mr. Collins, who is accused of passing insider information, has said he expects to be vindicated."
    )
    assert ("collins",) in read(collins).speakers
    assert read("Mr. Mattis was also told of it.").speakers == ()
    assert read("Clinton was reportedly told of the cable.").attributions == ()


def test_an_article_in_decomposed_letters_reads_its_words_whole() -> None:
    article = make_article("Mr. Caldero\u0301n met So\u0308ren.\n", "A", name="a.txt")
    assert [t.word for t in read(article.sentences[0].text).tokens] == ["Mr", "Calderón", "met", "Sören"]
    assert forms("Søren") & forms("Soren")


def test_a_speakers_title_abbreviated_or_not_is_one_title() -> None:
    # "Senator Chuck Schumer said" is "Sen. Chuck Schumer, D-N.Y., said" (the review's case).
    assert key(tokenize("Sen. Chuck Schumer")) == key(tokenize("Senator Chuck Schumer"))
    assert key(tokenize("Rep. Nancy Pelosi")) == key(tokenize("Representative Nancy Pelosi"))


def test_a_words_parts_of_speech_are_lemminflects_own() -> None:
    """`pos` reads lemminflect's tables without its deep copies: the same answer for every word of the
    seeds, in each case it is written, and for entries whose spelling the caps style changes ("pH")."""
    from pathlib import Path

    from lemminflect import getAllLemmas

    from summarizer.lang.tokens import WORD, pos

    here = Path(__file__).resolve().parents[1] / "seeds"
    seeds = " ".join(p.read_text(encoding="utf-8") for p in sorted(here.glob("*.txt")))
    words = set(WORD.findall(seeds)) | {"ph", "PH", "okay", "Okay", "OKAY", "blew", "Blown", "'s"}
    assert len(words) > 300
    assert {w: dict(pos(w)) for w in words} == {w: getAllLemmas(w) for w in words}


def test_the_word_after_a_titles_period_opens_no_sentence() -> None:
    """ "Mr. Trump": the period is the title's, so "Trump" is a name, not a common word opening a sentence
    (it was read as "trump", a word, and the check said "'Trump' is not in the sources" of a name)."""
    toks = {t.word: t for t in tokenize("He met Mr. Trump and Sen. Chuck Schumer. Trump left.")}
    assert not toks["Chuck"].initial and toks["Chuck"].name
    first = tokenize("Mr. Trump spoke.")[1]
    assert first.word == "Trump" and not first.initial and first.name
    assert tokenize("It ended. Trump left.")[2].initial  # a sentence's own period still opens the next
    # The splitter never ends a sentence at a title: a pronoun or "The" after one opens the next sentence.
    assert [t.initial for t in tokenize("It was given by the Rev. He left.") if t.word == "He"] == [True]
    assert [t.initial for t in tokenize("They met Hun Sen. We will talk.") if t.word == "We"] == [True]


def test_a_place_prefix_opens_its_place_s_name() -> None:
    """ "St. Louis", "Ft. Myers": the prefix and its period are the place's, so the name is read whole,
    spelled out, and the word after is no sentence's first ("St. Mark's" is no mark)."""
    (louis,) = read("A spokesman for St. Louis County said so.").names
    assert key(louis) == ("county", "louis", "saint")
    assert key(read("Ads ran in Ft. Myers.").names[0]) == key(read("Ads ran in Fort Myers.").names[0])
    (mark,) = read("St. Mark's Place was closed.").names
    assert key(mark) == ("mark", "place", "saint")
    # After a capitalized word or a number it ends a street's name, which may end its sentence.
    for street in ("They met on Wall St. Officials said so.", "The shop is on 42nd St. Officials said so."):
        assert {t.word: t for t in tokenize(street)}["Officials"].initial
        assert not any("officials" in key(n) for n in read(street).names)


def test_a_place_with_a_prefix_is_another_than_the_name_without_it() -> None:
    assert not same_entity(key(read("Paul spoke.").names[0]), key(read("He was in St. Paul.").names[0]))
