"""Re-asks, budgets, repairs and failures across a whole run, driven precisely by a scripted model.

Every request goes through the real `openai` client and Instructor to `summarizer.scripted.ScriptedModel`
(in process, no server), which answers what each test scripts and records what it was asked. The same
faults over real HTTP are tests/test_faults.py; this file pins the logic: how many requests a budget
allows, what a schema failure names, what an article that gives nothing does to the run, that a fault
mid-run costs one line and nothing else, and that repairs land on the sentence they name.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import httpx2
import pytest
from typer.testing import CliRunner

from summarizer import commands
from summarizer.batch import for_workers
from summarizer.cli import app
from summarizer.config import Settings
from summarizer.errors import InputError
from summarizer.extract import CHUNK
from summarizer.models import Report
from summarizer.pipeline import summarize
from summarizer.scripted import Answer, Reply, Request, ScriptedModel

ARTICLE_A = (
    "The river Elm burst its banks early on Monday morning.\n"
    "Officials said 40 homes were flooded in the town of Ashford.\n"
    "The mayor, Jane Holt, spoke to reporters on Tuesday.\n"
    "She said the clean-up would take three weeks.\n"
    "Roads into the town remained closed on Tuesday.\n"
)
ARTICLE_B = (
    "Floodwater from the river Elm reached Ashford on Monday.\n"
    "About 60 homes were flooded, the council said.\n"
    "Schools in the town reopened on Wednesday.\n"
    "They had been closed since Monday.\n"
)
# Nothing to check: a question, boilerplate, a fragment.
EMPTY = (
    "Will the town be rebuilt before the winter?\nSubscribe to our newsletter for flood news.\nMore soon.\n"
)

HOLT = "Jane Holt said the clean-up would take three weeks."
SCHOOLS = "Schools in Ashford had been closed since Monday."
RESTATED = {"A": {4: HOLT}, "B": {4: SCHOOLS}}
RIVER = "The river Elm burst its banks on Monday."

runner = CliRunner()


def article_of(request: Request) -> str:
    """Which article ('A', 'B', …) a restatement request is about (re-asks keep the first user turn)."""
    return str(request.messages[1]["content"].split(",", 1)[0].removeprefix("Article ").split(" ")[0])


def asked_ids(request: Request) -> list[int]:
    """The sentence ids a restatement request asks for."""
    m = re.search(r"Restate sentences ([\d, ]+)\.", str(request.messages[1]["content"]))
    assert m
    return [int(x) for x in m.group(1).split(",")]


def facts_of(request: Request) -> dict[str, str]:
    """The facts a reconcile request shows, id → text (re-asks keep the first user turn)."""
    return dict(re.findall(r"^(F\d+) \| [A-Z, ]+ \| (.+)$", str(request.messages[1]["content"]), re.M))


def fact(request: Request, words: str) -> str:
    """The id of the fact whose text says `words` (a fact is shown in the words its outlets share most)."""
    return next(i for i, t in facts_of(request).items() if words in t)


def restate(request: Request) -> Answer:
    """A faithful Restatements answer for every asked sentence of A or B."""
    article = article_of(request)
    return {"statements": [{"id": i, "statement": RESTATED[article][i]} for i in asked_ids(request)]}


def river(request: Request) -> Answer:
    """A one-sentence summary citing the river fact."""
    return {"summary": [{"text": RIVER, "facts": [fact(request, "river Elm")]}]}


Turns = Answer | list[Answer] | Callable[[Request], Answer]


def scripted(
    extract: dict[str, Turns] | None = None,
    reconcile: Turns = river,
    repair: Turns | None = None,
    judge: Turns = 0.95,
) -> ScriptedModel:
    """A model answering each article's restatements, the merge, the repair and the judge; lists in turn."""
    turns: dict[str, Iterator[Answer]] = {}

    def next_of(key: str, answer: Turns | None, request: Request) -> Answer:
        if answer is None:
            raise AssertionError(f"no answer scripted for {key}")
        if callable(answer) and not isinstance(answer, type):
            return answer(request)
        if not isinstance(answer, list):
            return answer
        if key not in turns:
            turns[key] = iter(answer)
        try:
            turn = next(turns[key])
        except StopIteration:
            raise AssertionError(f"{key} was asked more often than scripted") from None
        return turn(request) if callable(turn) and not isinstance(turn, type) else turn

    def script(request: Request) -> Answer:
        if request.schema == "Restatements":
            article = article_of(request)
            return next_of(f"extract:{article}", (extract or {}).get(article, restate), request)
        if request.schema == "Reconciliation":
            return next_of("reconcile", reconcile, request)
        if request.schema == "SentenceFixes":
            return next_of("repair", repair, request)
        if request.schema is None:
            return next_of("judge", judge, request)
        raise AssertionError(f"unexpected request for {request.schema}")

    return ScriptedModel(script)


def run(model: ScriptedModel, texts: list[str], **changes: Any) -> Report:
    """The pipeline over `texts`, every call answered by `model`."""
    return summarize(texts, client=model.client(model.settings(**changes)))


def asked(model: ScriptedModel, schema: str | None, article: str | None = None) -> list[Request]:
    """The requests for one answer schema (None: judge calls), optionally for one article only."""
    return [r for r in model.requests if r.schema == schema and (article is None or article_of(r) == article)]


def one_line(message: str) -> str:
    """The message, asserted to be a single line with no traceback."""
    assert "\n" not in message.strip(), message
    assert "Traceback" not in message
    return message


def stray(request: Request) -> Answer:
    """A restatement of a sentence nobody asked for: never fits."""
    return {"statements": [{"id": 99, "statement": "The dam broke."}]}


def test_a_clean_run_asks_once_per_stage_and_keeps_every_sentence() -> None:
    model = scripted()
    report = run(model, [ARTICLE_A, ARTICLE_B])
    assert report.failures == [] and report.passed
    assert [c.id for c in report.claims] == ["A1", "A2", "A3", "A4", "A5", "B1", "B2", "B3", "B4"]
    assert {c.id: c.statement for c in report.claims if c.statement != c.quote} == {"A4": HOLT, "B4": SCHOOLS}
    assert report.summary[0].text == RIVER
    assert [r.schema for r in model.requests].count("Restatements") == 2
    assert [r.schema for r in model.requests].count("Reconciliation") == 1
    assert "SentenceFixes" not in [r.schema for r in model.requests]


# --- the --max-retries budget --------------------------------------------------------------------------


def test_the_readme_default_budget_is_2() -> None:
    assert Settings.resolve(base_url="http://127.0.0.1:9/v1", env={}).max_retries == 2
    assert Settings.resolve(env={}).max_retries == 2  # the bundled model's settings too


@pytest.mark.parametrize("max_retries", [0, 1, 2, 3, None], ids=["0", "1", "2", "3", "default"])
def test_a_chunk_is_asked_at_most_one_plus_max_retries_times(max_retries: int | None) -> None:
    budget = 2 if max_retries is None else max_retries
    model = scripted({"A": stray})
    changes = {} if max_retries is None else {"max_retries": max_retries}
    report = run(model, [ARTICLE_A, ARTICLE_B], **changes)
    assert len(asked(model, "Restatements", "A")) == budget + 1
    assert len(asked(model, "Restatements", "B")) == 1
    (failure,) = report.failures
    assert (failure.stage, failure.article_id, failure.attempts) == ("extract", "A", budget + 1)
    (call,) = [c for c in report.usage.calls if c.stage == "extract" and c.article_id == "A"]
    assert call.attempts == budget + 1


def test_an_answer_fixed_on_the_reask_is_used_within_the_budget() -> None:
    model = scripted({"A": [stray(Request({})), {"statements": [{"id": 4, "statement": HOLT}]}]})
    report = run(model, [ARTICLE_A, ARTICLE_B], max_retries=1)
    assert len(asked(model, "Restatements", "A")) == 2
    assert (
        "sentences [99] were not asked for: restate only sentences [4]"
        in asked(model, "Restatements", "A")[1].last
    )
    assert report.failures == [] and next(c for c in report.claims if c.id == "A4").statement == HOLT


@pytest.mark.parametrize("max_retries", [0, 2])
def test_the_budget_is_per_chunk(max_retries: int) -> None:
    long_a = "\n".join(f"She said the river rose {i} centimetres in Ashford." for i in range(1, CHUNK + 4))
    model = scripted({"A": stray})
    run(model, [long_a, ARTICLE_B], max_retries=max_retries)
    per_chunk: dict[int, int] = {}
    for r in asked(model, "Restatements", "A"):
        per_chunk[asked_ids(r)[0]] = per_chunk.get(asked_ids(r)[0], 0) + 1
    assert per_chunk == {1: max_retries + 1, CHUNK + 1: max_retries + 1}


def files(tmp_path: Path, *texts: str) -> list[str]:
    """Articles written to files a.txt, b.txt, …; their paths."""
    out = []
    for name, text in zip("abcdef", texts, strict=False):
        (tmp_path / f"{name}.txt").write_text(text, encoding="utf-8")
        out.append(str(tmp_path / f"{name}.txt"))
    return out


def test_cli_max_retries_sets_the_budget(
    cli_model: Callable[[ScriptedModel], list[str]], tmp_path: Path
) -> None:
    model = scripted({"A": stray})
    args = [*files(tmp_path, ARTICLE_A, ARTICLE_B), "-f", "json", "--max-retries", "1", *cli_model(model)]
    result = runner.invoke(app, args)
    assert result.exit_code == 3, result.output
    assert len(asked(model, "Restatements", "A")) == 2


def test_cli_refuses_a_budget_out_of_range(tmp_path: Path) -> None:
    args = [*files(tmp_path, ARTICLE_A), "--base-url", "http://127.0.0.1:9/v1", "--max-retries", "9"]
    result = runner.invoke(app, args)
    assert result.exit_code == 2 and "max retries must be between 0 and 5" in one_line(result.stderr)


# --- answers that break the schema ---------------------------------------------------------------------


@pytest.mark.parametrize(
    ("answer", "named"),
    [
        ({"statements": [{"statement": HOLT}]}, "statements.0.id: Field required"),
        ({"statement": [{"id": 4, "statement": HOLT}]}, "statements: Field required"),
        (
            {"statements": [{"id": "four", "statement": HOLT}]},
            "statements.0.id: Input should be a valid integer",
        ),
    ],
    ids=["missing-id", "misspelt-list", "id-not-a-number"],
)
def test_a_schema_break_names_the_field_to_the_model_and_in_the_failure(answer: Answer, named: str) -> None:
    model = scripted({"A": answer})
    report = run(model, [ARTICLE_A, ARTICLE_B], max_retries=1)
    first, again = asked(model, "Restatements", "A")
    assert named.split(":")[0].split(".")[-1] in again.last  # Instructor's re-ask says what was wrong
    (failure,) = report.failures
    assert failure.article_id == "A" and named in one_line(failure.error), failure.error
    assert "failed validation 2 time(s)" in failure.error
    assert failure.last_response is not None and first.schema == "Restatements"


def test_an_answer_that_is_not_json_is_named_as_such() -> None:
    model = scripted({"A": "Sure! Jane Holt said the clean-up would take three weeks."})
    report = run(model, [ARTICLE_A, ARTICLE_B], max_retries=1)
    (failure,) = report.failures
    message = one_line(failure.error).lower()
    assert "json" in message and ("invalid" in message or "not" in message), message


# --- articles that give nothing ------------------------------------------------------------------------


def test_zero_claims_from_every_article_is_one_clear_error_and_no_model_call() -> None:
    model = scripted()
    with pytest.raises(InputError) as info:
        run(model, [EMPTY, "Click here to read more.\nWhat happens next?\n"])
    message = one_line(str(info.value))
    assert message.startswith("no article has a checkable claim: ")
    assert "A (text A): none of its 3 sentences reports a checkable fact" in message
    assert "B (text B): none of its 2 sentences reports a checkable fact" in message
    assert "a question, not a statement" in message and "no checkable fact" in message
    assert model.requests == []


def test_cli_zero_claims_everywhere_is_one_line_and_exit_2(
    cli_model: Callable[[ScriptedModel], list[str]], tmp_path: Path
) -> None:
    model = scripted()
    result = runner.invoke(
        app, [*files(tmp_path, EMPTY, EMPTY.replace("winter", "spring")), *cli_model(model)]
    )
    assert result.exit_code == 2, result.output
    assert result.stdout == ""
    assert one_line(result.stderr).startswith("error: no article has a checkable claim")
    assert model.requests == []


def test_one_article_with_no_checkable_sentence_is_a_failure_and_the_rest_runs() -> None:
    model = scripted()
    report = run(model, [ARTICLE_A, EMPTY])
    (failure,) = report.failures
    assert (failure.stage, failure.article_id) == ("extract", "B")
    assert failure.error.startswith("none of its 3 sentences reports a checkable fact")
    assert [c.article_id for c in report.claims] == ["A"] * 5
    assert [c.left_out for c in report.coverage[1].sentences] == [
        "a question, not a statement",
        "no checkable fact",
        "no checkable fact",
    ]
    assert report.summary


def test_cli_one_article_without_claims_exits_3_with_the_failure_in_the_report(
    cli_model: Callable[[ScriptedModel], list[str]], tmp_path: Path
) -> None:
    model = scripted()
    result = runner.invoke(app, [*files(tmp_path, ARTICLE_A, EMPTY), "-f", "json", *cli_model(model)])
    assert result.exit_code == 3, result.output
    report = Report.model_validate_json(result.stdout)
    assert [(f.stage, f.article_id) for f in report.failures] == [("extract", "B")]


# --- server faults mid-run: one line, nothing lost -----------------------------------------------------

FAULTS = [
    pytest.param(
        Reply(500, {"error": {"message": "the model crashed"}}),
        "answered HTTP 500: the model crashed",
        id="500",
    ),
    pytest.param(httpx2.ConnectError("connection refused"), "could not reach the server", id="connect"),
    pytest.param(
        Reply(200, "<html><body>502 Bad Gateway</body></html>"),
        "answered with something that is not a chat completion",
        id="html-body",
    ),
    pytest.param(
        Reply(200, {"id": "x", "object": "chat.completion", "choices": []}), "no choices", id="no-choices"
    ),
]
ALL_CLAIMS = ["A1", "A2", "A3", "A4", "A5", "B1", "B2", "B3", "B4"]
DISAGREE = "The outlets disagree: A reports “40 homes were flooded”; B reports “About 60 homes were flooded”."
FLOODWATER = "Floodwater from the river Elm reached Ashford on Monday."


@pytest.mark.parametrize(("fault", "named"), FAULTS)
def test_a_fault_restating_one_article_keeps_its_sentences_and_lists_one_line(
    fault: Answer, named: str
) -> None:
    model = scripted({"B": fault})
    report = run(model, [ARTICLE_A, ARTICLE_B])
    (failure,) = report.failures
    assert (failure.stage, failure.article_id) == ("extract", "B")
    assert named in one_line(failure.error), failure.error
    assert [c.id for c in report.claims] == ALL_CLAIMS  # B's claims stand on its own sentences
    b4 = next(c for c in report.claims if c.id == "B4")
    assert b4.statement == b4.quote and next(c for c in report.claims if c.id == "A4").statement == HOLT
    assert len(asked(model, "Restatements", "B")) <= 3  # a server fault is not re-asked past the budget
    assert report.summary and report.summary[0].text == RIVER


@pytest.mark.parametrize(("fault", "named"), FAULTS)
def test_a_fault_on_the_merge_keeps_every_claim_and_codes_sentences(fault: Answer, named: str) -> None:
    model = scripted(reconcile=fault)
    report = run(model, [ARTICLE_A, ARTICLE_B])
    (failure,) = report.failures
    assert (failure.stage, failure.article_id) == ("reconcile", None)
    assert named in one_line(failure.error)
    assert [c.id for c in report.claims] == ALL_CLAIMS
    assert any({"A2", "B2"} <= set(c.claim_ids) for c in report.conflicts)


@pytest.mark.parametrize(("fault", "named"), FAULTS)
def test_a_fault_on_the_merge_states_the_top_facts_in_their_sources_words(fault: Answer, named: str) -> None:
    report = run(scripted(reconcile=fault), [ARTICLE_A, ARTICLE_B])
    # What code writes needs no model: the disagreement, and the facts in their sources' words, checked.
    assert report.summary[0].text == FLOODWATER and report.summary[-1].text == DISAGREE
    assert {s.written_by for s in report.summary} == {"source", "code"}
    assert all(s.verified for s in report.summary)
    assert named in report.failures[0].error


@pytest.mark.parametrize(("fault", "named"), FAULTS)
def test_a_fault_on_the_repair_replaces_the_sentence_and_the_run_goes_on(fault: Answer, named: str) -> None:
    wrong = "The river Elm burst its banks on Sunday."
    model = scripted(reconcile={"summary": [{"text": wrong, "facts": ["F1"]}]}, repair=fault)
    report = run(model, [ARTICLE_A, ARTICLE_B])
    first = report.summary[0]
    assert first.action == "replaced" and first.written_by == "code"
    assert first.text == "A reports: “The river Elm burst its banks early on Monday morning.”"
    g = next(g for g in report.groundings if g.target == "summary:1")
    assert g.original == wrong
    assert [c.id for c in report.claims] == ALL_CLAIMS and report.passed


@pytest.mark.parametrize(("fault", "named"), FAULTS)
def test_a_fault_on_the_judge_leaves_no_score_and_the_run_goes_on(fault: Answer, named: str) -> None:
    model = scripted(judge=fault)
    report = run(model, [ARTICLE_A, ARTICLE_B])
    assert [c.id for c in report.claims] == ALL_CLAIMS and report.summary
    assert all(g.judge_score is None for g in report.groundings)
    assert any(c.stage == "judge" for c in report.usage.calls)


# --- the merge -----------------------------------------------------------------------------------------


def test_a_summary_citing_an_unknown_fact_is_reasked_then_used() -> None:
    wrong = {"summary": [{"text": RIVER, "facts": ["F99"]}]}
    model = scripted(reconcile=[wrong, river])
    report = run(model, [ARTICLE_A, ARTICLE_B])
    _, again = asked(model, "Reconciliation")
    assert "summary sentence 1 cites unknown facts ['F99']" in again.last
    assert report.summary[0].text == RIVER and report.summary[0].citations == ["A1", "B1"]
    assert report.failures == []


def test_a_summary_citing_an_unknown_fact_keeps_what_cites_known_ones_without_a_re_ask() -> None:
    def both(request: Request) -> Answer:
        known = fact(request, "river Elm")
        return {
            "summary": [
                {"text": RIVER, "facts": [known]},
                {"text": "A dam upstream gave way.", "facts": ["F99"]},
            ]
        }

    model = scripted(reconcile=both)
    report = run(model, [ARTICLE_A, ARTICLE_B], max_retries=1)
    assert len(asked(model, "Reconciliation")) == 1  # no re-ask: the sentence citing F99 is dropped
    assert not report.failures
    # The top facts the model left out stand in a source's words (written_by "source"): not this rule's.
    assert [s.text for s in report.summary if s.written_by != "source"] == [RIVER, DISAGREE]


# --- repairs matched by number -------------------------------------------------------------------------


def two_wrong(request: Request) -> Answer:
    """A summary of two sentences that both fail by code: a wrong day and a wrong day."""
    return {
        "summary": [
            {"text": "The river Elm burst its banks on Sunday.", "facts": [fact(request, "river Elm")]},
            {"text": "Roads into the town remained closed on Friday.", "facts": [fact(request, "closed")]},
        ]
    }


def fixes(*items: tuple[int, str]) -> dict[str, Any]:
    """A SentenceFixes answer."""
    return {"sentences": [{"number": n, "text": t} for n, t in items]}


ROADS = "Roads into the town remained closed on Tuesday."


@pytest.mark.parametrize(
    ("answer", "expected"),
    [
        pytest.param(fixes((2, ROADS), (1, RIVER)), [RIVER, ROADS], id="reordered"),
        pytest.param(
            fixes((2, ROADS)),
            ["A reports: “The river Elm burst its banks early on Monday morning.”", ROADS],
            id="shorter",
        ),
        pytest.param(
            fixes((1, RIVER), (1, "The river Elm burst its banks on Friday."), (5, ROADS)),
            [RIVER, f"A reports: “{ROADS}”"],
            id="repeated-and-unknown-numbers",
        ),
    ],
)
def test_a_repair_answer_fixes_the_sentence_it_names(answer: Answer, expected: list[str]) -> None:
    model = scripted(reconcile=two_wrong, repair=answer)
    report = run(model, [ARTICLE_A, ARTICLE_B])
    assert [s.text for s in report.summary if s.written_by != "source"][:2] == expected
    assert len(asked(model, "SentenceFixes")) == 1
    assert report.passed


# --- a repair stays about its own sentence (issue 26.6) -------------------------------------------------

MAYOR = "The mayor, Jane Holt, spoke to reporters on Tuesday."  # sentence A3, in A4's span


@pytest.mark.parametrize(
    ("repair", "statement", "action"),
    [
        pytest.param(
            MAYOR, "She said the clean-up would take three weeks.", "replaced", id="another-sentence"
        ),
        pytest.param(HOLT, HOLT, "repaired", id="its-own"),
    ],
)
def test_a_repair_that_restates_another_sentence_is_refused(repair: str, statement: str, action: str) -> None:
    wrong = {"statements": [{"id": 4, "statement": "Jane Holt said the clean-up would take four weeks."}]}
    model = scripted(extract={"A": wrong}, repair=[fixes((1, repair))])
    report = run(model, [ARTICLE_A, ARTICLE_B])
    (claim,) = [c for c in report.claims if c.id == "A4"]
    (grounding,) = [g for g in report.groundings if g.target == "claim:A4"]
    assert (claim.statement, grounding.action) == (statement, action)
    assert claim.verified


def test_with_repair_off_a_failing_sentence_is_replaced_without_a_second_ask() -> None:
    wrong = {"statements": [{"id": 4, "statement": "Jane Holt said the clean-up would take four weeks."}]}
    model = scripted(extract={"A": wrong}, repair=[fixes((1, HOLT))])
    report = run(model, [ARTICLE_A, ARTICLE_B], repair=False)
    assert asked(model, "SentenceFixes") == []
    (grounding,) = [g for g in report.groundings if g.target == "claim:A4"]
    assert grounding.action == "replaced"  # the sentence's own words, as a failed repair leaves it


def test_repair_is_off_for_the_bundled_model_and_on_for_a_server_unless_told() -> None:
    assert Settings.resolve(env={}).repairing is False
    assert Settings(model="m", backend="local").repairing is False  # however the settings are made
    assert Settings.resolve(base_url="http://127.0.0.1:9/v1", env={}).repairing is True
    assert Settings.resolve(env={}, repair=True).repairing is True


def test_with_repair_off_a_failing_summary_sentence_gets_its_source_s_words_without_a_second_ask() -> None:
    model = scripted(reconcile=two_wrong, repair=[fixes((1, RIVER))])
    report = run(model, [ARTICLE_A, ARTICLE_B], repair=False)
    assert asked(model, "SentenceFixes") == []
    actions = {g.action for g in report.groundings if g.target.startswith(("summary:", "removed:"))}
    assert "repaired" not in actions and actions & {"replaced", "removed"}


def test_the_bundled_model_s_workers_and_replays_keep_its_repair_setting() -> None:
    local = Settings.resolve(env={}).with_(base_url="http://127.0.0.1:9/v1")  # its server, once started
    assert for_workers(local).backend == "server" and not for_workers(local).repairing
    assert for_workers(Settings.resolve(base_url="http://127.0.0.1:9/v1", env={})).repairing
    # A replay repairs as its recording did: a cassette with no repair request replays with none.
    basil = Path(__file__).resolve().parents[1] / "cassettes" / "basil" / "06ffda2d.yaml"
    assert not commands.settings(None, None, None, None, None, basil).repairing
    assert commands.settings(None, None, None, None, None, basil, repair=True).repairing
