"""The overlap rules of `registry.settle`, fed findings directly, and the registry's invariants."""

from __future__ import annotations

import importlib
import json
import pkgutil
from pathlib import Path
from typing import get_args

import pytest

from summarizer import checks, verdict
from summarizer.checks import joined
from summarizer.checks.registry import CHECKS, KINDS, settle, unsupported
from summarizer.lang.reading import read
from summarizer.models import Unsupported, UnsupportedKind

BY_NAME = {c.name: c for c in CHECKS}
PROBE = json.loads(
    (Path(__file__).resolve().parents[1] / "data" / "grounding_probe.json").read_text(encoding="utf-8")
)["items"]

Found = tuple[str, str, str]  # (the check, the kind, the sentence's words)


def settled(text: str, found: list[Found]) -> list[tuple[str, str]]:
    """What `settle` keeps of findings made by the named checks on the words given (first occurrence)."""
    pairs = []
    for check, kind, words in found:
        start = text.index(words)
        f = Unsupported(kind=kind, text=words, start=start, end=start + len(words), detail=check)  # type: ignore[arg-type]
        pairs.append((BY_NAME[check], f))
    return [(f.kind, f.text) for f in settle(read(text), pairs)]


# --- 1. a word a number, comparator, date or negation finding explains is not reported again ----------


def test_a_word_inside_a_numbers_span_is_the_numbers_check_s() -> None:
    # The number's own span with its unit, whether or not the numbers check found anything there.
    text = "three weeks later missiles arrived"
    found = [("words", "word", "three"), ("words", "word", "weeks"), ("words", "word", "missiles")]
    assert settled(text, found) == [("word", "missiles")]


@pytest.mark.parametrize(
    ("text", "fact", "word"),
    [
        ("Missile stocks tripled.", ("numbers", "number", "tripled"), "tripled"),
        ("The mayor did not resign.", ("negation", "negation", "not resign"), "resign"),
        ("The pilot was killed.", ("hedges", "comparator", "killed"), "killed"),
        ("He came in 2022 again.", ("numbers", "date", "2022"), "2022"),
    ],
)
def test_a_word_inside_a_covering_finding_is_not_reported_again(text: str, fact: Found, word: str) -> None:
    assert settled(text, [fact, ("words", "word", word)]) == [(fact[1], fact[2])]


def test_a_date_word_is_the_dates_check_s_found_or_not() -> None:
    assert settled("Roads closed on Monday.", [("words", "entity", "Monday")]) == []


def test_a_shares_word_finding_yields_inside_a_covered_span_and_a_comparator_does_not() -> None:
    text = "Everyone agreed to the deal."
    neg = ("negation", "negation", "Everyone")
    assert settled(text, [neg, ("quantifiers", "word", "Everyone")]) == [("negation", "Everyone")]
    both = settled(text, [neg, ("quantifiers", "comparator", "Everyone")])
    assert both == [("comparator", "Everyone"), ("negation", "Everyone")]


def test_a_word_inside_a_shares_finding_is_the_quantifier_check_s() -> None:
    found = [("quantifiers", "comparator", "All"), ("words", "word", "All")]
    assert settled("All voters backed him.", found) == [("comparator", "All")]


def test_a_finding_that_covers_nothing_leaves_the_words_inside_it() -> None:
    # An entity (or role, or source) finding explains no word: the words check still reports its own.
    found = [("names", "entity", "Ukrainian"), ("words", "word", "Ukrainian")]
    assert settled("A Ukrainian drone operator fired.", found) == [
        ("entity", "Ukrainian"),
        ("word", "Ukrainian"),
    ]


# --- 2. adjacent names are one name ---------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "names", "merged"),
    [
        ("Holt met South Korean officials.", ["South", "Korean"], ["South Korean"]),
        ("Holt met North-Korean officials.", ["North", "Korean"], ["North-Korean"]),
        ("Holt met Korean and Japanese officials.", ["Korean", "Japanese"], ["Korean", "Japanese"]),
    ],
)
def test_adjacent_entity_findings_merge(text: str, names: list[str], merged: list[str]) -> None:
    assert settled(text, [("words", "entity", n) for n in names]) == [("entity", m) for m in merged]


def test_adjacent_word_findings_stay_apart() -> None:
    found = [("words", "word", "tax"), ("words", "word", "rate")]
    assert settled("The tax rate rose.", found) == [("word", "tax"), ("word", "rate")]


# --- 3. a dropped hedge in a sentence with words of its own is the judge's --------------------------------


def test_a_dropped_hedge_becomes_a_word_when_the_sentence_has_words_of_its_own() -> None:
    text = "The plant is on track and finished the order."
    hedge = ("hedges", "comparator", "finished")
    assert settled(text, [hedge]) == [("comparator", "finished")]
    assert settled(text, [hedge, ("words", "word", "track")]) == [("word", "track"), ("word", "finished")]
    # Any check's word finding counts (a share's too), once settled: a word a number explains does not.
    assert settled(text, [hedge, ("quantifiers", "word", "track")])[1] == ("word", "finished")
    assert settled("The plant finished 3 orders.", [hedge, ("words", "word", "3")]) == [
        ("comparator", "finished")
    ]


def test_a_soft_hedge_finding_does_not_make_a_hard_one_soft() -> None:
    found = [("hedges", "word", "budget"), ("hedges", "comparator", "cuts")]
    assert settled("The budget cuts school funding.", found) == [("word", "budget"), ("comparator", "cuts")]


# --- 4. one finding per kind and span, in the order of the sentence ----------------------------------------


def test_one_finding_per_kind_and_span_the_later_check_s() -> None:
    text = "The pilot was killed."
    f = settle(read(text), [(BY_NAME[c], _at(text, "killed", c)) for c in ("numbers", "hedges")])
    assert [(x.kind, x.text, x.detail) for x in f] == [("comparator", "killed", "hedges")]


def test_findings_are_in_the_order_of_the_sentence_and_breaking_off_comes_last() -> None:
    text = "Jane Holt said 40 homes flooded on Friday"
    found = [
        ("incomplete", "incomplete", "homes flooded on Friday"),
        ("dates", "date", "Friday"),
        ("joined", "joined", "Jane"),
        ("numbers", "number", "40"),
        ("source", "source", "Jane Holt"),
    ]
    assert settled(text, found) == [
        ("joined", "Jane"),
        ("source", "Jane Holt"),
        ("number", "40"),
        ("date", "Friday"),
        ("incomplete", "homes flooded on Friday"),
    ]


def _at(text: str, words: str, check: str) -> Unsupported:
    start = text.index(words)
    return Unsupported(kind="comparator", text=words, start=start, end=start + len(words), detail=check)


# --- the old rule tables' rows that showed an overlap rule, through `unsupported` ----------------------


@pytest.mark.parametrize(
    ("claim", "sources", "flags"),
    [
        # 1. The words of a number (the numbers check finds nothing; the words check finds them).
        ("three weeks later missiles arrived", ["21 days later missiles arrived"], []),
        ("seven days later missiles arrived", ["a week later missiles arrived"], []),
        ("the strike lasted three weeks", ["the strike lasted 21 straight days"], []),
        ("ten and a half days later missiles arrived", ["a week and a half later missiles arrived"], []),
        ("a third of the missiles arrived", ["one in three missiles arrived"], []),
        ("Missile stocks doubled.", ["Missile stocks grew twofold."], []),
        ("Missile stocks were halved.", ["Missile stocks were cut in half."], []),
        ("Missile stocks tripled.", ["Missile stocks doubled."], [("number", "tripled")]),
        # 1. A share's word where a negation explains it.
        ("Everyone agreed to the deal.", ["Not everyone agreed to the deal."], [("negation", "Everyone")]),
        # 2. One name.
        ("Holt met South Korean officials.", ["Holt met officials."], [("entity", "South Korean")]),
        # 3. A dropped hedge, in words of its own; a soft hedge finding keeps a hard one hard.
        (
            "The plant is on track and finished the order.",
            ["The plant is set to finish the order."],
            [("word", "track"), ("word", "finished")],
        ),
        (
            "The budget cuts school funding.",
            ["The proposed budget may cut school funding."],
            [("word", "budget"), ("comparator", "cuts")],
        ),
        # 4. The numbers and the words check find the same word: once.
        ("Missile stocks doubled.", ["Two missile stocks were sold."], [("word", "doubled")]),
    ],
)
def test_rows_that_show_an_overlap_rule(claim: str, sources: list[str], flags: list[tuple[str, str]]) -> None:
    assert [(f.kind, f.text) for f in unsupported(claim, sources)] == flags


# --- the registry's invariants ----------------------------------------------------------------------------


def test_the_kinds_are_the_models_kinds_and_every_check_s_kinds_are_among_them() -> None:
    assert set(KINDS) == set(get_args(UnsupportedKind))
    for c in CHECKS:
        assert c.kinds and c.kinds <= set(KINDS), c.name


def test_verdict_hard_and_contradicting_are_the_registry_s() -> None:
    assert {k.name for k in KINDS.values() if k.final} == verdict.HARD
    assert {k.name for k in KINDS.values() if k.contradicts} == verdict.CONTRADICTING
    assert verdict.CONTRADICTING <= verdict.HARD  # the sources saying otherwise is never the judge's


def test_every_check_module_is_registered_once() -> None:
    names = (f"summarizer.checks.{m.name}" for m in pkgutil.iter_modules(checks.__path__))
    modules = {n.rsplit(".", 1)[1] for n in names if hasattr(importlib.import_module(n), "check")}
    assert sorted(c.run.__module__.rsplit(".", 1)[1] for c in CHECKS) == sorted(modules)
    assert len(BY_NAME) == len(CHECKS)


@pytest.mark.parametrize("item", PROBE, ids=lambda i: f"{i['label']}:{i['sentence'][:30]}")
def test_a_check_reports_only_the_kinds_it_is_registered_with(item: dict[str, object]) -> None:
    sentence, evidence = read(str(item["sentence"])), [read(str(e)) for e in item["evidence"]]  # type: ignore[attr-defined]
    for c in CHECKS:
        got = (
            joined.check(sentence, [[e] for e in evidence])
            if c.stage == "units"
            else c.run(sentence, evidence)
        )
        assert {f.kind for f in got} <= c.kinds, c.name


@pytest.mark.parametrize(
    ("claim", "source"),
    [
        ("In excess of 100 missiles arrived.", "More than 100 missiles arrived."),
        ("Upwards of 100 missiles arrived.", "More than 100 missiles arrived."),
        ("Close to 100 missiles arrived.", "About 100 missiles arrived."),
        ("An estimated 11 million people live there.", "About 11 million people live there."),
        ("Incomes above $250,000 are taxed.", "Incomes over $250,000 are taxed."),
    ],
)
def test_a_hedge_the_number_is_read_with_is_no_word_of_its_own(claim: str, source: str) -> None:
    # The numbers check reads "in excess of" as "more than": its words are not words the sources lack.
    assert unsupported(claim, [source]) == []


def test_a_comparator_spans_the_whole_hedge() -> None:
    found = unsupported("In excess of 100 missiles arrived.", ["About 100 missiles arrived."])
    assert [(f.kind, f.text) for f in found] == [("comparator", "In excess of 100")]
