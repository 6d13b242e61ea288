"""Grounding: the verdict rule, then check → one repair call → replace or remove, driven by a scripted model.

`verdict.decide` is the rule; `ground()` applies it to model-written sentences with a `ModelJudge` whose
Yes-probabilities and a repair model whose `SentenceFixes` the tests script (`ScriptedModel`, through the
real `openai` client and Instructor). What each test pins: which sentence ends repaired, replaced by its
attributed source sentence, or removed, and that the reader is told which.
"""

from __future__ import annotations

import asyncio
from collections.abc import Callable

import pytest

from summarizer.errors import CassetteError
from summarizer.extract import to_claim
from summarizer.ground import (
    Target,
    apply_to_claims,
    apply_to_summary,
    attributed,
    check,
    claim_targets,
    copies,
    ground,
    quoted_sentence,
    summary_targets,
)
from summarizer.ingest import make_article
from summarizer.judge import THRESHOLD, ModelJudge
from summarizer.models import Claim, Grounding, Report, SummarySentence, Unsupported
from summarizer.pipeline import summarize
from summarizer.schemas import SUMMARY_WORDS
from summarizer.scripted import Answer, Reply, Request, ScriptedModel
from summarizer.verdict import CONTRADICTING, HARD, SETTLE, decide
from summarizer.verify import verify

A = make_article(
    "The river Elm burst its banks early on Monday morning.\n"
    "Officials said 40 homes were flooded in the town of Ashford.\n"
    "The mayor, Jane Holt, spoke to reporters on Monday.\n"
    "She said the clean-up would take three weeks.\n"
    "Roads into the town remained closed on Tuesday.\n",
    "A",
    name="a.txt",
)
B = make_article(
    "Floodwater from the river Elm reached Ashford on Monday.\n"
    "About 60 homes were flooded, the council said.\n"
    "elmtimes.co.uk\n",
    "B",
    name="b.txt",
)
ARTICLES = [A, B]
CLAIMS = [to_claim(a, s.id) for a in ARTICLES for s in a.sentences]

HOMES = "Officials said 40 homes were flooded in the town of Ashford."
HOMES_WRONG = "Officials said 400 homes were flooded in Ashford."
HOMES_SAID = "Officials said 40 homes were flooded in Ashford."  # no copy: code passes it, the judge reads it
ROADS = "Roads into the town remained closed on Tuesday."
ROADS_WRONG = "Roads into the town remained closed on Friday."
# A judge that agrees (above THRESHOLD) but not surely enough (below SETTLE) to settle a missing word.
UNSURE = (THRESHOLD + SETTLE) / 2


def flag(kind: str, text: str = "x") -> Unsupported:
    """One finding of the deterministic check."""
    return Unsupported(kind=kind, text=text, start=0, end=len(text))  # type: ignore[arg-type]


# --- the verdict rule ----------------------------------------------------------------------------------


@pytest.mark.parametrize("kind", sorted(HARD))
def test_a_hard_finding_is_final_even_against_a_confident_judge(kind: str) -> None:
    verdict, failed_by = decide([flag(kind)], 0.99, True)
    assert verdict == ("contradicted" if kind in CONTRADICTING else "unsupported")
    assert failed_by == ["deterministic"]
    assert decide([flag(kind), flag("word")], 0.99, True)[0] != "supported"


@pytest.mark.parametrize(
    ("found", "score", "agrees", "expected"),
    [
        pytest.param(["word"], SETTLE, True, ("supported", []), id="word-at-settle"),
        pytest.param(["word"], 0.99, True, ("supported", []), id="word-confident"),
        pytest.param(
            ["word"], UNSURE, True, ("unsupported", ["deterministic"]), id="word-agreeing-below-settle"
        ),
        pytest.param(["word"], None, None, ("unsupported", ["deterministic"]), id="word-no-judge"),
        pytest.param(["word"], 0.3, False, ("unsupported", ["deterministic", "judge"]), id="word-judge-no"),
        pytest.param([], 0.4, False, ("unsupported", ["judge"]), id="clean-judge-below-threshold"),
        pytest.param([], 0.75, True, ("supported", []), id="clean-judge-agrees"),
        pytest.param([], None, None, ("supported", []), id="clean-no-judge"),
        pytest.param(["number"], 0.2, False, ("contradicted", ["deterministic", "judge"]), id="both-fail"),
        pytest.param(["entity"], None, None, ("unsupported", ["deterministic"]), id="entity-no-judge"),
    ],
)
def test_the_verdict_table(
    found: list[str], score: float | None, agrees: bool | None, expected: tuple[str, list[str]]
) -> None:
    # One flagged word in a sentence of several content words: a paraphrase the judge may settle.
    sentence = "A Russian drone operator destroyed the missile while flying."
    assert decide([flag(k, "flying") for k in found], score, agrees, sentence) == expected


def test_a_sentence_most_of_whose_words_the_sources_lack_is_no_paraphrase_whatever_the_judge() -> None:
    sentence = "Officials remain silent about the dam."
    most = [flag("word", w) for w in ("Officials", "remain", "silent", "dam")]
    assert decide(most, 0.99, True, sentence) == ("unsupported", ["deterministic"])
    assert decide(most[:1], 0.99, True, sentence) == ("supported", [])


def test_the_thresholds_are_ordered() -> None:
    assert 0.5 < THRESHOLD < SETTLE < 1.0  # a word-only pass asks more of the judge than a clean one


# --- ground(): check, repair once, replace or remove ---------------------------------------------------


def model_of(
    judge: Callable[[str], float] | float = 0.95, fixes: Answer | Callable[[Request], Answer] | None = None
) -> ScriptedModel:
    """A model that judges (P(Yes) by the claim judged) and answers the one repair call."""

    def script(request: Request) -> Answer:
        if request.schema is None:
            claim = request.last.split("Claim: ", 1)[1].split("\n", 1)[0]
            return judge(claim) if callable(judge) else judge
        if request.schema == "SentenceFixes":
            if fixes is None:
                raise AssertionError("no repair was expected")
            return fixes(request) if callable(fixes) else fixes
        raise AssertionError(f"unexpected request for {request.schema}")

    return ScriptedModel(script)


def fixes(*items: tuple[int, str]) -> dict[str, object]:
    """A SentenceFixes answer: (the number the sentence was listed under, its rewrite)."""
    return {"sentences": [{"number": n, "text": t} for n, t in items]}


def run(
    model: ScriptedModel, summary: list[SummarySentence], *, judged: bool = True
) -> tuple[list[SummarySentence], list[Grounding], list[Grounding]]:
    """Ground a summary over A and B: (the summary as grounded, its groundings, the raw groundings)."""
    client = model.client()
    judge = ModelJudge(client) if judged else None
    targets = summary_targets(ARTICLES, CLAIMS, summary)
    groundings, calls = asyncio.run(ground(targets, judge, client))
    final, keyed = apply_to_summary(summary, groundings, targets)
    assert all(c.stage == "repair" for c in calls)
    return final, keyed, groundings


def judged_claims(model: ScriptedModel) -> list[str]:
    """The sentences the judge was asked about, in order."""
    return [r.last.split("Claim: ", 1)[1].split("\n", 1)[0] for r in model.requests if r.schema is None]


def test_a_supported_sentence_is_kept_and_no_repair_is_asked() -> None:
    model = model_of(0.95)
    final, keyed, _ = run(model, [SummarySentence(text=HOMES_SAID, citations=["A2"])])
    assert [(s.text, s.action) for s in final] == [(HOMES_SAID, "kept")]
    (g,) = keyed
    assert (g.verdict, g.action, g.judge, g.judge_score) == ("supported", "kept", "supported", 0.95)
    assert [r.schema for r in model.requests] == [None]


def test_a_copy_of_its_source_sentence_is_not_put_to_the_judge() -> None:
    model = model_of(0.1)  # a judge that would fail it: it is not asked
    copy = "Officials said 40  homes were flooded in the town of Ashford."  # HOMES, spacing aside
    final, keyed, _ = run(model, [SummarySentence(text=copy, citations=["A2"])])
    assert [(s.text, s.action) for s in final] == [(copy, "kept")]
    assert (keyed[0].verdict, keyed[0].judge, keyed[0].judge_score) == ("supported", None, None)
    assert model.requests == []
    assert copies("  Officials said 40 homes were flooded in the town of Ashford. ", [HOMES])
    assert copies("Roads were shut.", ["WASHINGTON \u2014 Roads were shut."])  # the dateline is a place
    assert not copies(HOMES_SAID, [HOMES]) and not copies("Officials said 40 homes were flooded.", [HOMES])
    assert not copies(
        "NATO \u2014 Allies met.", ["MOSCOW \u2014 Allies met."]
    )  # only a source's dateline goes

    assert not copies(ROADS, [HOMES])  # a sentence of the article it does not cite is no copy of its sources


def test_a_failing_sentence_is_repaired_and_the_repair_is_checked_by_code_and_judge() -> None:
    model = model_of(0.95, fixes((1, "Officials said 40 homes were flooded in Ashford.")))
    final, keyed, _ = run(model, [SummarySentence(text=HOMES_WRONG, citations=["A2"])])
    (s,) = final
    assert (s.text, s.action, s.citations, s.written_by) == (
        "Officials said 40 homes were flooded in Ashford.",
        "repaired",
        ["A2"],
        "model",
    )
    (g,) = keyed
    assert (g.verdict, g.action, g.original) == ("supported", "repaired", HOMES_WRONG)
    # A hard finding is final, so the judge is not asked about the first text; the repair it is asked about.
    assert judged_claims(model) == ["Officials said 40 homes were flooded in Ashford."]
    (ask,) = [r for r in model.requests if r.schema == "SentenceFixes"]
    assert "1. Officials said 400 homes were flooded in Ashford." in ask.last
    assert "'400'" in ask.last and f"Source: {HOMES}" in ask.last


def test_a_repair_that_still_fails_by_code_is_replaced_by_the_attributed_source_sentence() -> None:
    model = model_of(0.95, fixes((1, "Officials said 4,000 homes were flooded in Ashford.")))
    summary = [SummarySentence(text=HOMES_WRONG, citations=["A2", "B2"])]
    final, keyed, _ = run(model, summary)
    (s,) = final
    assert s.text == f"A reports: “{HOMES}”" and quoted_sentence(s.text) == HOMES
    assert (s.action, s.written_by, s.citations) == ("replaced", "code", ["A2"])  # the claim it quotes
    (g,) = keyed
    assert (g.action, g.verdict, g.original) == ("replaced", "supported", HOMES_WRONG)
    # The replacement holds up under verify: its quoted span is verbatim in the sentence it cites.
    report = verify(Report(articles=ARTICLES, claims=CLAIMS, summary=final, groundings=keyed))
    assert report.passed, [c for c in report.checks if not c.passed]


def test_the_replacement_quotes_the_cited_sentence_closest_to_the_failed_one() -> None:
    model = model_of(0.95, fixes((1, "About 600 homes were flooded.")))
    summary = [
        SummarySentence(text="About 600 homes were flooded, the council said.", citations=["A2", "B2"])
    ]
    final, _, _ = run(model, summary)
    assert final[0].text == attributed("B (elmtimes.co.uk)", "About 60 homes were flooded, the council said.")
    assert final[0].citations == ["B2"]


def test_a_failed_sentence_of_one_content_word_has_no_stand_in_and_is_left_out() -> None:
    # "He should pay for it." says only "pay", which sentences about anything hold: no source sentence can
    # be said to mean it (an audit found "“Who's gonna pay?” he asks." standing in for it, 2026-12-06).
    (t,) = summary_targets(ARTICLES, CLAIMS, [SummarySentence(text="They were flooded.", citations=["A2"])])
    assert t.fallback is None
    # Two words, one of them shared, still name what the sentence meant: "Roads were shut." is A5's.
    (t,) = summary_targets(ARTICLES, CLAIMS, [SummarySentence(text="Roads were shut.", citations=["A2"])])
    assert t.fallback is not None and "Roads into the town remained closed" in t.fallback


def test_a_headline_never_stands_in_for_a_failed_sentence() -> None:
    # A headline is the outlet's label for its story (no end mark): quoted as a sentence, it reads as one.
    h = make_article(
        "Ashford flooded as the river Elm bursts its banks\nRoads into Ashford stayed shut on Tuesday.\n"
        "The mayor spoke to reporters on Monday.\n",
        "H",
        name="h.txt",
    )
    claims = [to_claim(h, s.id) for s in h.sentences]
    text = "The river Elm flooded Ashford, closing its roads for a week."
    (t,) = summary_targets([h], claims, [SummarySentence(text=text, citations=["H1"])])
    assert t.fallback is None or "bursts its banks" not in t.fallback


def test_a_repair_the_judge_rejects_is_replaced() -> None:
    rewrite = "Officials said 40 homes were flooded in Ashford."
    model = model_of(lambda claim: 0.2 if claim == rewrite else 0.95, fixes((1, rewrite)))
    final, keyed, _ = run(model, [SummarySentence(text=HOMES_WRONG, citations=["A2"])])
    assert final[0].action == "replaced" and final[0].text == f"A reports: “{HOMES}”"
    assert keyed[0].failed_by == ["judge"] and keyed[0].judge_score == 0.2


def test_a_clean_sentence_the_judge_rejects_goes_to_repair() -> None:
    model = model_of(lambda claim: 0.4 if claim == HOMES_SAID else 0.95, fixes((1, HOMES_SAID)))
    final, keyed, raw = run(model, [SummarySentence(text=HOMES_SAID, citations=["A2"])])
    # The rewrite is the same words; judged again, it fails again, so the source sentence stands in.
    assert raw[0].unsupported == [] and final[0].action == "replaced"
    assert keyed[0].failed_by == ["judge"]


def test_without_a_judge_code_alone_decides_and_no_judge_call_is_made() -> None:
    model = model_of(fixes=fixes((1, "The river Elm flooded Ashford.")))
    summary = [
        SummarySentence(text=HOMES, citations=["A2"]),
        SummarySentence(text="The river Elm flooded Ashford after days of rain.", citations=["A1", "B1"]),
    ]
    final, keyed, _ = run(model, summary, judged=False)
    assert [r.schema for r in model.requests] == ["SentenceFixes"]
    assert (keyed[0].verdict, keyed[0].judge, keyed[0].judge_score) == ("supported", None, None)
    assert final[0].action == "kept"
    # "after days of rain" is in no source; its words-only flags fail without a judge to settle them.
    assert final[1].action in ("repaired", "replaced") and "rain" not in final[1].text


def test_a_sentence_with_no_source_to_quote_is_removed_and_listed() -> None:
    model = model_of(0.95, fixes((1, "A dam upstream gave way on Sunday.")))
    summary = [
        SummarySentence(text="A dam upstream gave way on Sunday night.", citations=["Z9"]),
        SummarySentence(text=HOMES, citations=["A2"]),
    ]
    final, keyed, raw = run(model, summary)
    assert [s.text for s in final] == [HOMES]
    assert [(g.target, g.action) for g in keyed] == [("removed:1", "removed"), ("summary:1", "kept")]
    assert raw[0].text == "" and raw[0].original == "A dam upstream gave way on Sunday night."
    assert raw[0].verdict != "supported"


@pytest.mark.parametrize(
    ("answer", "expected"),
    [
        pytest.param(
            fixes(
                (2, "Roads into the town remained closed on Tuesday."),
                (1, "Officials said 40 homes flooded."),
            ),
            ["repaired", "repaired"],
            id="reordered",
        ),
        pytest.param(
            fixes((2, "Roads into the town remained closed on Tuesday.")),
            ["replaced", "repaired"],
            id="shorter",
        ),
        pytest.param(
            fixes((7, "Officials said 40 homes flooded."), (2, ROADS), (2, "Roads closed on Friday.")),
            ["replaced", "repaired"],
            id="unknown-and-repeated-numbers",
        ),
    ],
)
def test_the_repair_answer_is_matched_by_number(answer: Answer, expected: list[str]) -> None:
    model = model_of(0.95, answer)
    summary = [
        SummarySentence(text=HOMES_WRONG, citations=["A2"]),
        SummarySentence(text=ROADS_WRONG, citations=["A5"]),
    ]
    final, _, _ = run(model, summary)
    assert [s.action for s in final] == expected
    homes, roads = final
    if homes.action == "repaired":
        assert homes.text == "Officials said 40 homes flooded."
    else:
        assert homes.text == f"A reports: “{HOMES}”"
    assert roads.text == ROADS  # number 2's rewrite, never number 1's or a repeat's
    (ask,) = [r for r in model.requests if r.schema == "SentenceFixes"]
    assert ask.last.index("1. " + HOMES_WRONG) < ask.last.index("2. " + ROADS_WRONG)


def test_one_repair_call_serves_every_failing_sentence() -> None:
    model = model_of(0.95, fixes((1, "Officials said 40 homes flooded."), (2, ROADS)))
    summary = [
        SummarySentence(text=HOMES_WRONG, citations=["A2"]),
        SummarySentence(text="The river Elm burst its banks early on Monday morning.", citations=["A1"]),
        SummarySentence(text=ROADS_WRONG, citations=["A5"]),
    ]
    final, _, _ = run(model, summary)
    assert [s.action for s in final] == ["repaired", "kept", "repaired"]
    assert [r.schema for r in model.requests].count("SentenceFixes") == 1


@pytest.mark.parametrize(
    "failure",
    [
        pytest.param(Reply(500, {"error": {"message": "the model crashed"}}), id="http-500"),
        pytest.param(Reply(200, "<html>502 Bad Gateway</html>"), id="garbage-body"),
        pytest.param({"sentences": [{"text": "no number"}]}, id="schema-never-fits"),
    ],
)
def test_a_repair_call_that_fails_replaces_or_removes_and_the_run_goes_on(failure: Answer) -> None:
    model = model_of(0.95, failure)
    summary = [
        SummarySentence(text=HOMES_WRONG, citations=["A2"]),
        SummarySentence(text="A dam upstream gave way on Sunday night.", citations=["Z9"]),
    ]
    client = model.client()
    targets = summary_targets(ARTICLES, CLAIMS, summary)
    groundings, calls = asyncio.run(ground(targets, ModelJudge(client), client))
    assert [g.action for g in groundings] == ["replaced", "removed"]
    assert [c.stage for c in calls] in (["repair"], [])  # what the failed call spent, where it is known


class CannotOverwriteExistingCassetteException(Exception):
    """Stands in for vcrpy's miss: what a replay raises when a request was never recorded."""


def test_a_cassette_miss_during_the_repair_propagates() -> None:
    model = model_of(0.95, lambda r: CannotOverwriteExistingCassetteException("no match"))
    targets = summary_targets(ARTICLES, CLAIMS, [SummarySentence(text=HOMES_WRONG, citations=["A2"])])
    client = model.client()
    with pytest.raises(CassetteError):
        asyncio.run(ground(targets, ModelJudge(client), client))


def test_a_cassette_miss_during_judging_propagates() -> None:
    def script(request: Request) -> Answer:
        return CannotOverwriteExistingCassetteException("no match")

    model = ScriptedModel(script)
    targets = summary_targets(ARTICLES, CLAIMS, [SummarySentence(text=HOMES_SAID, citations=["A2"])])
    client = model.client()
    with pytest.raises(CassetteError):
        asyncio.run(ground(targets, ModelJudge(client), client))


def test_a_judge_call_that_fails_leaves_no_score_which_never_settles_words() -> None:
    model = ScriptedModel(lambda r: Reply(500, {"error": {"message": "down"}}))
    summary = [
        SummarySentence(text="Officials said homes were flooded after days of rain.", citations=["A2"])
    ]
    client = model.client()
    judge = ModelJudge(client)
    (g,) = asyncio.run(check(summary_targets(ARTICLES, CLAIMS, summary), judge))
    assert (g.judge_score, g.judge, g.verdict) == (None, None, "unsupported")  # "rain" left unsettled
    assert [c.stage for c in judge.calls] == ["judge"]  # what the failed call spent is still counted


def test_a_failing_judge_leaves_no_label_and_code_alone_decides() -> None:
    # The run reports the judge's failure (pipeline: a "judge" Failure, exit 3; tests/test_faults.py);
    # each grounding shows it was not judged, so no reader takes code's verdict for the judge's.
    model = ScriptedModel(lambda r: Reply(500, {"error": {"message": "down"}}))
    summary = [SummarySentence(text=HOMES, citations=["A2"])]
    client = model.client()
    (g,) = asyncio.run(check(summary_targets(ARTICLES, CLAIMS, summary), ModelJudge(client)))
    assert g.judge is None and g.judge_score is None and g.failed_by == []


def test_a_sentence_with_no_source_sentences_is_never_supported() -> None:
    # The repair has only words no source gives, so no judge can settle it: removed, not passed.
    model = model_of(0.95, fixes((1, "Something else entirely happened.")))
    _, keyed, _ = run(
        model, [SummarySentence(text="A dam upstream gave way on Sunday night.", citations=["Z9"])]
    )
    assert keyed[0].action == "removed" and keyed[0].verdict != "supported"


def test_refuse_false_reports_verdicts_without_repairing() -> None:
    model = model_of(0.95)
    targets = summary_targets(ARTICLES, CLAIMS, [SummarySentence(text=HOMES_WRONG, citations=["A2"])])
    client = model.client()
    groundings, calls = asyncio.run(ground(targets, ModelJudge(client), client, refuse=False))
    assert calls == [] and [r.schema for r in model.requests] == []  # hard finding: no judge, no repair
    (g,) = groundings
    assert (g.verdict, g.action, g.text) == ("contradicted", "kept", HOMES_WRONG)
    assert [(u.kind, u.text) for u in g.unsupported] == [("number", "400")]


# --- restated claim statements ---------------------------------------------------------------------------


def restated(statement: str) -> list[Claim]:
    """The claims of A and B, with A4 ("She said …") restated as given."""
    return [to_claim(A, 4, statement) if c.id == "A4" else c for c in CLAIMS]


def ground_claims(model: ScriptedModel, claims: list[Claim]) -> tuple[list[Claim], list[Grounding]]:
    client = model.client()
    groundings, _ = asyncio.run(ground(claim_targets(ARTICLES, claims), ModelJudge(client), client))
    return apply_to_claims(claims, groundings), groundings


def test_only_restated_statements_are_targets_and_they_read_the_sentences_before() -> None:
    claims = restated("Jane Holt said the clean-up would take three weeks.")
    (t,) = claim_targets(ARTICLES, claims)
    assert isinstance(t, Target) and t.key == "claim:A4" and t.fallback == A.sentences[3].text
    assert [r.sentence_id for r in t.evidence] == [1, 2, 3, 4]  # its own and the three before, for "she"


@pytest.mark.parametrize(
    ("statement", "ids", "span"),
    [
        ("He left.", [5], [5]),  # its own words: its own sentence
        ("Jane Holt left.", [5], [2, 3, 4, 5]),  # restated: the three before, where "he" was named
        ("Jane Holt left.", [2], [1, 2]),  # never before the first sentence
        ("Jane Holt left and came back.", [7, 6], [3, 4, 5, 6, 7]),  # from the first of its sentences
        ("Jane Holt left.", [], []),
    ],
)
def test_a_claim_rests_on_its_sentences_and_if_restated_the_three_before(
    statement: str, ids: list[int], span: list[int]
) -> None:
    claim = Claim(
        id="A1", article_id="A", statement=statement, quote="He left.", sentence_ids=ids, verified=True
    )
    assert list(claim.span()) == span


def test_a_faithful_restatement_is_kept() -> None:
    model = model_of(0.95)
    claims, groundings = ground_claims(model, restated("Jane Holt said the clean-up would take three weeks."))
    assert groundings[0].verdict == "supported" and groundings[0].action == "kept"
    assert (
        next(c for c in claims if c.id == "A4").statement
        == "Jane Holt said the clean-up would take three weeks."
    )


@pytest.mark.parametrize("took", ["a week", "a month"])
def test_a_confident_judge_cannot_pass_a_unit_of_time_the_sources_give_otherwise(took: str) -> None:
    # "a week" once read as the word of "three weeks" (code passed it); "a month" as a word a judge
    # sure beyond SETTLE could take as said. Both are one of a unit now: a number, code's to decide.
    wrong = f"Jane Holt said the clean-up would take {took}."
    model = model_of(0.95, fixes((1, wrong)))
    claims, (g,) = ground_claims(model, restated(wrong))
    assert (g.action, g.original, g.failed_by) == ("replaced", wrong, ["deterministic"])
    assert [(u.kind, u.text) for u in g.unsupported] == [("number", took)]
    (a4,) = [c for c in claims if c.id == "A4"]
    assert a4.statement == "She said the clean-up would take three weeks."


@pytest.mark.parametrize(
    ("source", "wrong", "flag"),
    [
        # "all" and "most" were words code did not read: a judge alone decided "all residents" against
        # "some residents". A share stronger than the sources' is now code's to decide.
        (
            "Some residents of Ashford left their homes on Monday.",
            "All residents of Ashford left their homes on Monday.",
            ("comparator", "All"),
        ),
        # A hedge dropped ("may have been killed" as "was killed") once gave no finding at all.
        (
            "The pilot may have been killed in the crash near Ashford.",
            "The pilot was killed in the crash near Ashford.",
            ("comparator", "killed"),
        ),
    ],
)
def test_a_confident_judge_cannot_pass_what_the_sources_say_less_surely(
    source: str, wrong: str, flag: tuple[str, str]
) -> None:
    c = make_article(source + "\n", "C", name="c.txt")
    claims = [to_claim(c, 1, wrong)]
    client = model_of(0.95, fixes((1, wrong))).client()
    groundings, _ = asyncio.run(ground(claim_targets([c], claims), ModelJudge(client), client))
    (g,) = groundings
    assert (g.action, g.failed_by) == ("replaced", ["deterministic"])
    assert [(u.kind, u.text) for u in g.unsupported] == [flag]
    assert apply_to_claims(claims, groundings)[0].statement == c.sentences[0].text


def test_a_restatement_that_adds_a_fact_and_fails_repair_becomes_the_sentence_itself() -> None:
    model = model_of(0.95, fixes((1, "Jane Holt said the clean-up would take five weeks.")))
    claims, groundings = ground_claims(model, restated("Jane Holt said the clean-up would take five weeks."))
    (g,) = groundings
    assert (g.action, g.original) == ("replaced", "Jane Holt said the clean-up would take five weeks.")
    a4 = next(c for c in claims if c.id == "A4")
    assert a4.statement == a4.quote == "She said the clean-up would take three weeks."


def test_a_restatement_repaired_takes_the_repaired_words() -> None:
    fixed = "Jane Holt said the clean-up would take three weeks."
    model = model_of(0.95, fixes((1, fixed)))
    claims, groundings = ground_claims(model, restated("Jane Holt said the clean-up would take 30 days."))
    assert groundings[0].action == "repaired"
    assert next(c for c in claims if c.id == "A4").statement == fixed


def test_a_summary_sentence_stating_a_restated_claim_keeps_the_resolved_name() -> None:
    holt = "Jane Holt said the clean-up would take three weeks."

    def script(request: Request) -> Answer:
        if request.schema == "Restatements":
            return {"statements": [{"id": 4, "statement": holt}]}
        if request.schema == "Reconciliation":
            shown = str(request.messages[1]["content"])
            (fact,) = [line.split(" | ")[0] for line in shown.splitlines() if line.endswith(holt)]
            return {"summary": [{"text": holt, "facts": [fact]}]}
        if request.schema == "SentenceFixes":
            return fixes((1, holt))
        return 0.95

    model = ScriptedModel(script)
    report = summarize([A.text, B.text + "\nelmtimes.co.uk\n"], client=model.client())
    assert next(c for c in report.claims if c.id == "A4").statement == holt  # the restatement held
    (said,) = [s for s in report.summary if s.text == holt]  # the top facts it left out stand before it
    assert said.action == "kept" and said.written_by == "model"


# --- names and numbers joined from different citations ----------------------------------------------------

# A2 says officials gave the number; A3 only names the mayor. Every word is cited, yet no citation says it:
# the sentence holding the number gives it to officials, so naming the mayor is the wrong speaker.
WRONG_SPEAKER = "Jane Holt said 40 homes were flooded in the town of Ashford."
# B1 has the floodwater in Ashford, A3 (another article) the mayor: the name is joined from another citation.
FLOOD = "Floodwater from the river Elm reached Ashford on Monday."
JOINED = "Floodwater from the river Elm reached Ashford and mayor Jane Holt on Monday."


def test_a_speaker_from_another_citation_than_the_one_saying_it_fails_by_code_and_is_repaired() -> None:
    summary = [SummarySentence(text=WRONG_SPEAKER, citations=["A2", "A3"])]
    (t,) = summary_targets(ARTICLES, CLAIMS, summary)
    assert [(u.kind, u.text) for u in check_by_code(t)] == [("source", "Jane Holt")]
    model = model_of(UNSURE, fixes((1, HOMES)))
    final, keyed, _ = run(model, summary)
    (ask,) = [r for r in model.requests if r.schema == "SentenceFixes"]
    assert "the sources do not attribute this to Jane Holt; they cite Officials" in ask.last
    assert [(s.text, s.action) for s in final] == [(HOMES, "repaired")]
    assert (keyed[0].verdict, keyed[0].original, keyed[0].unsupported) == ("supported", WRONG_SPEAKER, [])


def test_a_name_from_another_citation_than_the_rest_fails_by_code_and_is_repaired() -> None:
    summary = [SummarySentence(text=JOINED, citations=["B1", "A3"])]
    (t,) = summary_targets(ARTICLES, CLAIMS, summary)
    assert [(u.kind, u.text) for u in check_by_code(t)] == [("joined", "Jane"), ("joined", "Holt")]
    model = model_of(UNSURE, fixes((1, FLOOD)))  # the judge agrees, not surely enough to settle it
    final, keyed, _ = run(model, summary)
    (ask,) = [r for r in model.requests if r.schema == "SentenceFixes"]
    assert "'Jane' is in another cited sentence than the rest" in ask.last
    assert [(s.text, s.action) for s in final] == [(FLOOD, "repaired")]
    assert (keyed[0].verdict, keyed[0].original, keyed[0].unsupported) == ("supported", JOINED, [])


def test_details_in_adjacent_sentences_of_one_article_are_not_joined() -> None:
    # A2 and A3 are one paragraph's two sentences: a sentence saying what both say is not pieced together.
    text = "Officials said 40 homes were flooded in Ashford, and the mayor, Jane Holt, spoke to reporters."
    (t,) = summary_targets(ARTICLES, CLAIMS, [SummarySentence(text=text, citations=["A2", "A3"])])
    assert check_by_code(t) == []


def test_a_repair_that_still_joins_is_rechecked_with_the_citations_apart_and_replaced() -> None:
    still = "Jane Holt said 40 homes were flooded in Ashford."
    model = model_of(UNSURE, fixes((1, still)))
    final, keyed, _ = run(model, [SummarySentence(text=WRONG_SPEAKER, citations=["A2", "A3"])])
    assert [(s.text, s.action) for s in final] == [(f"A reports: “{HOMES}”", "replaced")]
    assert (keyed[0].original, keyed[0].verdict) == (WRONG_SPEAKER, "supported")
    report = verify(Report(articles=ARTICLES, claims=CLAIMS, summary=final, groundings=keyed))
    assert report.passed, [c for c in report.checks if not c.passed]


def test_a_judge_sure_beyond_settle_takes_names_joined_from_two_citations_as_said() -> None:
    final, keyed, _ = run(model_of(0.95), [SummarySentence(text=JOINED, citations=["B1", "A3"])])
    assert [(s.text, s.action) for s in final] == [(JOINED, "kept")]
    assert keyed[0].verdict == "supported" and {u.kind for u in keyed[0].unsupported} == {"joined"}
    # verify reads the citations as grounding did: with the judge's score it passes, by code alone not.
    judged = verify(Report(articles=ARTICLES, claims=CLAIMS, summary=final, groundings=keyed))
    (grounded,) = [c for c in judged.checks if c.name == "grounded"]
    assert grounded.passed and "taken as said by the judge: 'Jane', 'Holt'" in grounded.detail
    alone = verify(Report(articles=ARTICLES, claims=CLAIMS, summary=final))
    (grounded,) = [c for c in alone.checks if c.name == "grounded"]
    assert not grounded.passed
    assert "in another cited sentence than the rest, none saying all of it: 'Jane', 'Holt'" in grounded.detail


def test_a_date_from_another_citation_than_the_rest_is_found() -> None:
    text = "About 60 homes were flooded on Tuesday, the council said."
    (t,) = summary_targets(ARTICLES, CLAIMS, [SummarySentence(text=text, citations=["B2", "A5"])])
    assert [(u.kind, u.text) for u in check_by_code(t)] == [("joined", "Tuesday")]


def test_a_restated_claim_brings_the_sentences_its_she_stands_for_as_one_citation() -> None:
    # A4 restated as "Jane Holt said …" is read with A1–A3, where the name is: with A3 also cited, the
    # name is in both citations and "three weeks" in A4's, so nothing is joined from elsewhere.
    claims = restated("Jane Holt said the clean-up would take three weeks.")
    summary = [
        SummarySentence(text="Jane Holt said the clean-up would take three weeks.", citations=["A4", "A3"])
    ]
    (t,) = summary_targets(ARTICLES, claims, summary)
    assert [len(unit) for unit in t.units] == [4, 1]
    assert check_by_code(t) == []
    # Cited as its own words ("She said …"), A4 brings no sentence before it; the name is in A3, next to
    # it in the article, and A4's "she" is Jane Holt there: one paragraph, nothing joined, the right speaker.
    (t,) = summary_targets(ARTICLES, CLAIMS, summary)
    assert check_by_code(t) == []
    # With A1 (not next to A4) instead, neither names her; A4's "she" is Jane Holt in the article, so her
    # name is the sources' all the same, and she the speaker.
    holt = "Jane Holt said the clean-up would take three weeks."
    other = [SummarySentence(text=holt, citations=["A4", "A1"])]
    (t,) = summary_targets(ARTICLES, CLAIMS, other)
    assert check_by_code(t) == []


def check_by_code(target: Target) -> list[Unsupported]:
    """Code's findings on one target, as `check` makes them with no judge."""
    (g,) = asyncio.run(check([target], None))
    return g.unsupported


def test_stand_ins_keep_the_summary_within_its_words_the_last_leaving_first() -> None:
    # Each stand-in is a whole source sentence: three of 70 words would run past the 180 words.
    long = " ".join(["word"] * 69) + "."
    summary = [SummarySentence(text=f"Short sentence {n}.", citations=["A2"]) for n in range(1, 5)]
    groundings = [
        Grounding(target=f"summary:{n}", text=f"{long} {n}", verdict="unsupported", action="replaced")
        for n in (2, 3, 4)
    ]
    targets = [Target(f"summary:{n}", s.text, (), ()) for n, s in enumerate(summary, 1)]
    final, keyed = apply_to_summary(summary, groundings, targets)
    assert [s.text for s in final] == ["Short sentence 1.", f"{long} 2", f"{long} 3"]
    assert sum(len(s.text.split()) for s in final) <= SUMMARY_WORDS
    # Kept groundings are keyed to where their sentence now stands; the one left out to where it stood.
    assert [(g.target, g.action) for g in keyed] == [
        ("summary:2", "replaced"),
        ("summary:3", "replaced"),
        ("removed:4", "removed"),
    ]


def test_a_sentence_saying_again_what_one_above_says_is_left_out_and_its_citations_kept() -> None:
    renewed = (
        "President Trump renewed his attack on his Justice Department and said a top aide should be jailed."
    )
    tuesday = (
        "President Donald Trump on Tuesday renewed his attack on his Justice Department and said a top aide "
        "should be jailed."
    )
    summary = [
        SummarySentence(text=renewed, citations=["A1"]),
        SummarySentence(text="Short sentence two.", citations=["A2"]),
        SummarySentence(text=tuesday, citations=["B1"]),
    ]
    groundings = [
        Grounding(target=f"summary:{n}", text=s.text, verdict="supported") for n, s in enumerate(summary, 1)
    ]
    targets = [Target(f"summary:{n}", s.text, (), ()) for n, s in enumerate(summary, 1)]
    final, keyed = apply_to_summary(summary, groundings, targets)
    # The fuller one stands where the first stood, citing what both cited; the other is left out, saying why.
    assert [(s.text, s.citations) for s in final] == [
        (tuesday, ["B1", "A1"]),
        ("Short sentence two.", ["A2"]),
    ]
    assert [(g.target, g.action) for g in keyed] == [
        ("removed:1", "removed"),
        ("summary:2", "kept"),
        ("summary:1", "kept"),
    ]
    assert keyed[0].left_out == f"says again what “{tuesday}” says"


def test_a_quotation_in_a_source_sentence_shown_attributed_is_nested() -> None:
    shown = attributed("A (nytimes.com)", '“I trust in God,” Mr. Obama said, "but not in that."')
    assert shown == "A (nytimes.com) reports: “‘I trust in God,’ Mr. Obama said, 'but not in that.'”"


def test_a_source_sentence_that_leaves_whom_to_its_article_stands_in_for_nothing() -> None:
    # "“Who’s gonna pay?” he asks." stood in for a failed sentence after one about Ramos (2026-12-06):
    # shown alone, its "he" is whoever the summary named last.
    article = make_article(
        "Floods hit Elmford.\nHe said the council had closed the roads into town.", "A", name="a.txt"
    )
    claims = [to_claim(article, s.id) for s in article.sentences]
    said = SummarySentence(text="The council closed the roads into town.", citations=[claims[1].id])
    (t,) = summary_targets([article], claims, [said])
    assert t.fallback is None


def test_a_sentence_that_where_it_finally_stands_names_the_wrong_person_leaves_with_its_grounding() -> None:
    # The checks leave out or move sentences after the summary was ordered: `stands` reads the final order.
    summary = [
        SummarySentence(text="Sen. Amy Klobuchar praised the court.", citations=["A1"]),
        SummarySentence(text="He and his wife had agreed to plead guilty.", citations=["A2"]),
        SummarySentence(text="Short sentence three.", citations=["A3"]),
    ]
    summary.insert(1, SummarySentence(text="Sen. Klobuchar left out.", citations=["A4"]))
    groundings = [
        Grounding(target=f"summary:{n}", text=s.text, verdict="supported") for n, s in enumerate(summary, 1)
    ]
    groundings[1] = groundings[1].model_copy(update={"verdict": "unsupported", "action": "removed"})
    targets = [Target(f"summary:{n}", s.text, (), ()) for n, s in enumerate(summary, 1)]
    seen: list[list[str]] = []

    def stands(said: list[SummarySentence]) -> list[bool]:
        seen.append([s.text for s in said])
        return [not s.text.startswith("He ") for s in said]

    final, keyed = apply_to_summary(summary, groundings, targets, stands)
    assert seen == [[summary[0].text, summary[2].text, summary[3].text]]  # without the one the checks removed
    assert [s.text for s in final] == [summary[0].text, summary[3].text]
    assert [(g.target, g.action) for g in keyed] == [
        ("summary:1", "kept"),
        ("removed:2", "removed"),
        ("removed:3", "removed"),
        ("summary:2", "kept"),
    ]
    assert "another person" in (keyed[2].left_out or "")
