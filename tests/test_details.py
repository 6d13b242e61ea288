"""Single-source clauses inside corroborated sentences (details.py), on small hand-made articles."""

from __future__ import annotations

import pytest

from summarizer.align import align
from summarizer.details import checkable, clauses, details
from summarizer.html import to_html
from summarizer.ingest import make_article
from summarizer.models import Article, Claim, Conflict, QuoteDrift, Report, Wording
from summarizer.render import to_markdown

from .conftest import ROOT


def _claims(article: Article) -> list[Claim]:
    return [
        Claim(
            id=f"{article.id}{s.id}",
            article_id=article.id,
            statement=s.text,
            quote=s.text,
            sentence_ids=[s.id],
            verified=True,
        )
        for s in article.sentences
    ]


def _details(a_text: str, b_text: str) -> list[str]:
    a = make_article(a_text, "A", name="a.txt")
    b = make_article(b_text, "B", name="b.txt")
    claims = _claims(a) + _claims(b)
    aligned = align([a, b], claims)
    assert aligned.corroborated, "the two sentences should pair"
    found = details([a, b], claims, aligned.corroborated, aligned.conflicts, aligned.quote_drift, set())
    return [f"{d.id} {d.quote}" for d in found]


def test_clauses_cut_at_contrast_attribution_and_a_second_sentence_but_not_after_an_abbreviation() -> None:
    assert [c.text for c in clauses("Pyongyang has been coy but it is known that troops were sent.")] == [
        "Pyongyang has been coy",
        "but it is known that troops were sent.",
    ]
    assert [
        c.text for c in clauses("In November, the agency reported that Moscow received 100 missiles.")
    ] == [
        "In November, the agency reported",
        "that Moscow received 100 missiles.",
    ]
    assert [c.text for c in clauses("He concluded it was friendly fire, according to the UNIIA.")] == [
        "He concluded it was friendly fire",
        "according to the UNIIA.",
    ]
    assert [c.text for c in clauses("“It reflects losses. First, shells, then meat.”")] == [
        "It reflects losses.",
        "First, shells, then meat.",
    ]
    # "Mr." and "U.S." end no sentence; a list's commas and a dash cut nothing.
    one = "Judge Wilkins of the U.S. District Court will sentence Mr. Jackson – or so, a, b and c."
    assert [c.text for c in clauses(one)] == [one.rstrip(".") + "."]


@pytest.mark.parametrize(
    "sentence",
    [
        "Kovalenko said the SAM was hit, according to the Ukrainian Independent Information Agency.",
        "The SAM was hit; ”Friendly fire” was the verdict of Kovalenko.",  # a stray closing mark
    ],
)
def test_clause_offsets_point_into_the_sentence(sentence: str) -> None:
    cut = clauses(sentence)
    assert len(cut) > 1
    for c in cut:
        assert sentence[c.start : c.end] == c.text


def test_checkable_means_a_name_or_a_number() -> None:
    assert checkable("according to the Ukrainian Independent Information Agency")
    assert checkable("that he would serve 46 to 57 months")
    assert not checkable("but I think the party is better off because of this")
    assert not checkable("First, shells – a shell famine, then meat")


def test_a_clause_only_one_outlet_carries_becomes_a_claim_of_its_own() -> None:
    got = _details(
        "Alexander Kovalenko concluded that Russian forces mistakenly targeted the SAM system, "
        "according to the Ukrainian Independent Information Agency.",
        "Alexander Kovalenko concluded that Russian forces mistakenly targeted their own SAM system.",
    )
    assert got == ["A1.1 according to the Ukrainian Independent Information Agency."]


def test_a_clause_the_other_outlet_also_carries_is_no_detail() -> None:
    got = _details(
        "Alexander Kovalenko concluded that Russian forces mistakenly targeted the SAM system, "
        "according to the Ukrainian Independent Information Agency.",
        "The Ukrainian Independent Information Agency reported it. Alexander Kovalenko concluded "
        "that Russian forces mistakenly targeted their own SAM system.",
    )
    assert got == []


def test_a_clause_that_names_nothing_and_counts_nothing_is_no_detail() -> None:
    got = _details(
        "Pyongyang supplied Moscow with short-range ballistic missiles, "
        "but it was a dreadful, shameful affair.",
        "Pyongyang supplied Moscow with short-range ballistic missiles.",
    )
    assert got == []


def test_a_clause_a_conflict_or_a_quote_drift_already_shows_is_no_detail() -> None:
    a = make_article(
        "Alexander Kovalenko concluded that Russian forces mistakenly targeted the SAM system, "
        "according to the Ukrainian Independent Information Agency.",
        "A",
        name="a.txt",
    )
    b = make_article(
        "Alexander Kovalenko concluded that Russian forces mistakenly targeted their own SAM system.",
        "B",
        name="b.txt",
    )
    claims = _claims(a) + _claims(b)
    aligned = align([a, b], claims)
    side = Claim(
        id="A.s1",
        article_id="A",
        statement="x",
        quote="the Ukrainian Independent Information Agency",
        sentence_ids=[1],
        verified=True,
        found_by="cross-check",
    )
    conflict = Conflict(description="x", claim_ids=[side.id])
    drift = QuoteDrift(
        speaker="x",
        claim_ids=["A1"],
        wordings=[Wording(article_id="A", claim_id="A1", text="Ukrainian Independent Information Agency")],
    )
    args = ([a, b], [*claims, side], aligned.corroborated)
    assert details(*args, [], [], set())
    assert details(*args, [conflict], [], set()) == []
    assert details(*args, [], [drift], set()) == []


def test_a_detail_takes_the_next_free_id() -> None:
    a = make_article(
        "Alexander Kovalenko concluded that Russian forces mistakenly targeted the SAM system, "
        "according to the Ukrainian Independent Information Agency.",
        "A",
        name="a.txt",
    )
    b = make_article(
        "Alexander Kovalenko concluded that Russian forces mistakenly targeted their own SAM system.",
        "B",
        name="b.txt",
    )
    claims = _claims(a) + _claims(b)
    aligned = align([a, b], claims)
    taken = {"A1", "B1", "A1.1"}
    found = details([a, b], claims, aligned.corroborated, aligned.conflicts, aligned.quote_drift, taken)
    assert [d.id for d in found] == ["A1.2"] and "A1.2" in taken


def test_reports_say_which_sentence_a_detail_is_a_clause_of() -> None:
    report = Report.model_validate_json((ROOT / "tests" / "golden" / "seeds.report.json").read_text())
    detail = next(c for c in report.claims if c.part_of)
    assert detail.id in report.single_source
    md = next(line for line in to_markdown(report).splitlines() if line.startswith(f"- [{detail.id}]"))
    assert f"(a clause of [{detail.part_of}]" in md
    assert f"a clause of {detail.part_of}, which other outlets also report" in to_html(report)
