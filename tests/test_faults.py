"""Faults of a real HTTP model server, injected one by one: each retried within bounds or named in one line.

The server is tests/loopback.py on 127.0.0.1 (an ephemeral port), driven through the public
`summarize()` and the CLI. Every stage can fail on its own route: an article's restatements
("extract:A"), the merge ("reconcile"), the judge ("judge") and the one repair ("repair"). No
model failure stops a run: the claims stand on the articles' own sentences, a failed stage is
listed in `report.failures`, and a sentence nothing vouches for is repaired, replaced or removed.
The network stays blocked for every other host: pytest-recording's `block_network(allowed_hosts=…)`
opens loopback only (`allow_hosts` is pytest-socket's marker, which pytest-recording ignores).
"""

from __future__ import annotations

import json
import socket
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from typer.testing import CliRunner

from summarizer import commands
from summarizer.cli import app
from summarizer.config import Settings
from summarizer.models import Failure, Report
from summarizer.pipeline import summarize

from . import loopback as fs

pytestmark = pytest.mark.block_network(allowed_hosts=[r"127\.0\.0\.1$"])

# A distinctive key: it must never show up in an error, a report or the CLI's output.
KEY = "sk-test-dummy-FAULTKEY-7c1e9a"

# Sentence 2 of each article has a pronoun, so each article's restatement is asked of the model.
ARTICLE_A = (
    "Mayor Jan Holt said the river Elm burst its banks early on Monday morning.\n"
    "He said water reached the steps of the town hall by noon.\n"
    "The mayor opened the school gym as a shelter for families.\n"
)
ARTICLE_B = (
    "Heavy rain pushed the river Elm over its banks on Monday.\n"
    "Volunteers filled sandbags outside the town hall all afternoon, they said.\n"
)
# The model's restatement of A2: "He" resolved from sentence 1.
RESTATED_A2 = "Jan Holt said water reached the steps of the town hall by noon."
# A paraphrase of A3: code finds one word its source lacks ("refuge"); only a confident judge passes it.
PARAPHRASE_A3 = "The mayor opened the school gym as a refuge for families."
# A3 with a number its source lacks: code fails it on its own, whatever the judge says.
WRONG_A3 = "The mayor opened the school gym as a shelter for 40 families."

runner = CliRunner()


@pytest.fixture
def server() -> Iterator[fs.LoopbackServer]:
    with fs.running() as s:
        yield s


def settings(server: fs.LoopbackServer, **changes: object) -> Settings:
    base = Settings(
        model="test",
        base_url=server.url,
        api_key=KEY,
        mode="json_schema",
        client_retries=1,
        max_retries=1,
        timeout=1.0,
        cache=False,
    )
    return base.with_(**changes)


def one_clear_line(message: str) -> str:
    assert "\n" not in message.strip(), message
    assert "Traceback" not in message
    assert KEY not in message
    return message


def kinds(server: fs.LoopbackServer, route: str) -> list[str]:
    return [s.kind for s in server.requests(route)]


def cited(report: Report) -> set[str]:
    ids = {c for s in report.summary for c in s.citations}
    return (
        ids
        | {c for g in report.corroborated for c in g.claim_ids}
        | {c for g in report.conflicts for c in g.claim_ids}
    )


def only_failure(report: Report, stage: str, article_id: str | None = None) -> Failure:
    (failure,) = report.failures
    assert (failure.stage, failure.article_id) == (stage, article_id)
    one_clear_line(failure.error)
    return failure


def statements(report: Report, article_id: str) -> dict[str, str]:
    return {c.id: c.statement for c in report.claims if c.article_id == article_id}


def sentences_own_words(report: Report, article_id: str) -> bool:
    """Every claim of the article states its own sentence: nothing the model wrote survived."""
    claims = [c for c in report.claims if c.article_id == article_id]
    return bool(claims) and all(c.statement == c.quote and c.verified for c in claims)


def reconcile_answer(*sentences: tuple[str, list[str]]) -> str:
    return json.dumps({"summary": [{"text": text, "facts": facts} for text, facts in sentences]})


def fact_of(server: fs.LoopbackServer, fragment: str) -> str:
    """The F id the merge's request gave the fact containing `fragment` (asked once, in a first run)."""
    (request,) = server.requests("reconcile")
    found = [fid for fid, text in fs.facts_listed(request.body) if fragment in text]
    assert found, fragment
    return found[0]


def test_only_loopback_is_opened_by_the_marker() -> None:
    with socket.socket() as s, pytest.raises(RuntimeError, match="Network is disabled"):
        s.connect(("10.255.255.1", 80))


def test_a_good_server_gives_a_cited_verified_report(server: fs.LoopbackServer) -> None:
    report = summarize([ARTICLE_A, ARTICLE_B], settings(server))
    assert not report.failures and report.passed
    assert {c.article_id for c in report.claims if c.verified} == {"A", "B"}
    assert statements(report, "A")["A2"] == RESTATED_A2
    assert cited(report) >= {"A1", "B1"}
    routes = [s.route for s in server.seen]
    assert [routes.count(r) for r in ("extract:A", "extract:B", "reconcile")] == [1, 1, 1]
    assert "judge" in routes
    assert {g.target: g.judge for g in report.groundings}["claim:A2"] == "supported"
    assert server.seen[0].headers["authorization"] == f"Bearer {KEY}"
    assert all(c.prompt_tokens > 0 and c.completion_tokens > 0 for c in report.usage.calls)


def test_an_article_without_pronouns_asks_no_extraction(server: fs.LoopbackServer) -> None:
    plain = (
        "Heavy rain pushed the river Elm over its banks on Monday.\nSandbags were filled at the town hall.\n"
    )
    report = summarize([plain], settings(server))
    assert not report.failures and len(report.claims) == 2
    assert kinds(server, "extract") == [] and kinds(server, "reconcile") == ["good"]


# --- the openai client's own retries: 429, 5xx, timeouts, dropped connections -------------------------


def test_429_waits_for_retry_after_then_succeeds(server: fs.LoopbackServer) -> None:
    server.script(fs.rate_limited(retry_after="1"), route="extract:A")
    report = summarize([ARTICLE_A], settings(server, client_retries=1))
    assert not report.failures and statements(report, "A")["A2"] == RESTATED_A2
    first, second = server.requests("extract:A")
    assert [first.kind, second.kind] == ["status", "good"]
    assert second.at - first.at >= 0.9  # Retry-After: 1 was honoured
    assert [first.headers["x-stainless-retry-count"], second.headers["x-stainless-retry-count"]] == ["0", "1"]


@pytest.mark.parametrize("status", [500, 503])
def test_one_5xx_is_retried_by_the_client_then_succeeds(server: fs.LoopbackServer, status: int) -> None:
    server.script(fs.server_error(status, retry_after_ms="20"), route="extract:A")
    report = summarize([ARTICLE_A], settings(server, client_retries=1))
    assert not report.failures and statements(report, "A")["A2"] == RESTATED_A2
    assert kinds(server, "extract:A") == ["status", "good"]
    (extract,) = [c for c in report.usage.calls if c.stage == "extract"]
    assert extract.attempts == 1  # a transport retry is not a re-ask


@pytest.mark.parametrize("status", [500, 503])
def test_a_persistent_5xx_stops_after_the_client_retries_and_is_listed(
    server: fs.LoopbackServer, status: int
) -> None:
    server.script(fs.server_error(status, retry_after_ms="20").forever, route="extract:A")
    report = summarize([ARTICLE_A], settings(server, client_retries=2))
    message = only_failure(report, "extract", "A").error
    assert f"answered HTTP {status}" in message and server.url in message
    assert kinds(server, "extract:A") == ["status"] * 3  # 1 + client_retries, never re-asked
    # The claims stand on the sentences themselves; only the restatement is lost.
    assert sentences_own_words(report, "A") and report.summary


def test_a_slow_server_is_retried_once_then_answers(server: fs.LoopbackServer) -> None:
    server.script(fs.slow(2.0), route="extract:A")
    report = summarize([ARTICLE_A], settings(server, client_retries=1, timeout=0.5))
    assert not report.failures and statements(report, "A")["A2"] == RESTATED_A2
    assert kinds(server, "extract:A") == ["slow", "good"]


def test_a_server_slower_than_the_timeout_is_named(server: fs.LoopbackServer) -> None:
    server.script(fs.slow(2.0).forever, route="extract:A")
    started = time.monotonic()
    report = summarize([ARTICLE_A], settings(server, client_retries=1, timeout=0.5))
    assert time.monotonic() - started < 5
    assert "did not answer within 0.5 s" in only_failure(report, "extract", "A").error
    assert kinds(server, "extract:A") == ["slow", "slow"]
    assert sentences_own_words(report, "A")


def test_a_dropped_connection_is_retried_then_succeeds(server: fs.LoopbackServer) -> None:
    server.script(fs.dropped(), route="extract:A")
    report = summarize([ARTICLE_A], settings(server, client_retries=1))
    assert not report.failures and statements(report, "A")["A2"] == RESTATED_A2
    assert kinds(server, "extract:A") == ["drop", "good"]


def test_a_connection_that_always_drops_is_named(server: fs.LoopbackServer) -> None:
    server.script(fs.dropped().forever, route="extract:A")
    report = summarize([ARTICLE_A], settings(server, client_retries=1))
    message = only_failure(report, "extract", "A").error
    assert f"could not reach the server at {server.url}" in message and "disconnected" in message
    assert kinds(server, "extract:A") == ["drop", "drop"]


# --- answers that are not chat completions ----------------------------------------------------------


@pytest.mark.parametrize(
    ("content_type", "named"),
    [
        ("text/html; charset=utf-8", "not a chat completion: <html>"),
        ("application/json", "a body that is not valid JSON"),
    ],
)
def test_a_body_that_is_not_json_is_named_as_the_servers_fault(
    server: fs.LoopbackServer, content_type: str, named: str
) -> None:
    server.script(fs.not_json(content_type).forever, route="extract:A")
    report = summarize([ARTICLE_A], settings(server, max_retries=2))
    message = only_failure(report, "extract", "A").error
    assert named in message and "validation" not in message
    # Instructor tries again (it takes a parse error for a bad answer), but only up to max_retries.
    assert 1 <= len(server.requests("extract:A")) <= 3


def test_empty_choices_are_named_as_the_servers_fault(server: fs.LoopbackServer) -> None:
    server.script(fs.no_choices().forever, route="extract:A")
    report = summarize([ARTICLE_A], settings(server, max_retries=2))
    message = only_failure(report, "extract", "A").error
    assert "no choices" in message and "validation" not in message
    assert 1 <= len(server.requests("extract:A")) <= 3


def test_a_truncated_answer_names_the_token_limit_and_is_not_reasked(server: fs.LoopbackServer) -> None:
    server.script(fs.truncated().forever, route="extract:A")
    report = summarize([ARTICLE_A], settings(server, max_retries=2))
    assert "cut off at the 2048-token limit" in only_failure(report, "extract", "A").error
    assert kinds(server, "extract:A") == ["truncated"]
    assert sentences_own_words(report, "A")


# --- answers that break the schema: Instructor's re-asks --------------------------------------------


def test_a_schema_breaking_answer_is_reasked_then_succeeds(server: fs.LoopbackServer) -> None:
    server.script(fs.schema_break(), route="extract:A")
    report = summarize([ARTICLE_A], settings(server, max_retries=1))
    assert not report.failures and statements(report, "A")["A2"] == RESTATED_A2
    first, second = server.requests("extract:A")
    assert [first.kind, second.kind] == ["schema_break", "good"]
    assert len(second.messages) > len(first.messages)  # the re-ask carries the errors back
    (extract,) = [c for c in report.usage.calls if c.stage == "extract"]
    assert extract.attempts == 2


def test_a_schema_breaking_answer_stops_after_max_retries(server: fs.LoopbackServer) -> None:
    server.script(fs.schema_break().forever, route="extract:A")
    report = summarize([ARTICLE_A], settings(server, max_retries=2))
    failure = only_failure(report, "extract", "A")
    assert "failed validation 3 time(s)" in failure.error and failure.attempts == 3
    assert failure.last_response and "summary" in failure.last_response  # the last answer, kept to read
    assert kinds(server, "extract:A") == ["schema_break"] * 3
    assert sentences_own_words(report, "A")


def test_a_schema_breaking_merge_states_the_facts_in_their_sources_words_and_code_s_own(
    server: fs.LoopbackServer,
) -> None:
    server.script(fs.schema_break().forever, route="reconcile")
    report = summarize([ARTICLE_A, ARTICLE_B], settings(server, max_retries=1))
    assert "failed validation 2 time(s)" in only_failure(report, "reconcile").error
    assert kinds(server, "reconcile") == ["schema_break"] * 2
    # Each outlet's facts still reach the reader, in its own words, attributed.
    assert report.summary and all(s.written_by in ("code", "source") for s in report.summary)
    assert {c[0] for x in report.summary for c in x.citations} == {"A", "B"}


# --- one stage failing, the rest kept ---------------------------------------------------------------


def test_one_article_failing_keeps_the_others_and_lists_the_failure(server: fs.LoopbackServer) -> None:
    server.script(fs.server_error(503, retry_after_ms="20").forever, route="extract:B")
    report = summarize([ARTICLE_A, ARTICLE_B], settings(server, client_retries=2))
    assert "answered HTTP 503" in only_failure(report, "extract", "B").error
    assert kinds(server, "extract:B") == ["status"] * 3
    assert statements(report, "A")["A2"] == RESTATED_A2  # A's restatement is untouched
    assert sentences_own_words(report, "B")
    assert {c.article_id for c in report.claims if c.verified} == {"A", "B"}


def test_a_failing_merge_keeps_the_claims_and_lists_the_failure(server: fs.LoopbackServer) -> None:
    server.script(fs.server_error(500, retry_after_ms="20").forever, route="reconcile")
    report = summarize([ARTICLE_A, ARTICLE_B], settings(server, client_retries=1))
    assert "answered HTTP 500" in only_failure(report, "reconcile").error
    assert {c.article_id for c in report.claims if c.verified} == {"A", "B"}
    assert all(s.written_by != "model" for s in report.summary)  # no model sentence without the model
    assert kinds(server, "reconcile") == ["status", "status"]


def test_a_merge_whose_call_fails_still_shows_each_outlet_in_its_own_words(
    server: fs.LoopbackServer,
) -> None:
    server.script(fs.server_error(500, retry_after_ms="20").forever, route="reconcile")
    report = summarize([ARTICLE_A, ARTICLE_B], settings(server, client_retries=0))
    assert report.summary and {c[0] for x in report.summary for c in x.citations} == {"A", "B"}


def test_a_failing_judge_never_counts_as_support_and_the_run_finishes(server: fs.LoopbackServer) -> None:
    server.script(fs.server_error(500, retry_after_ms="1").forever, route="judge")
    report = summarize([ARTICLE_A, ARTICLE_B], settings(server, client_retries=0))
    # The run finishes, and says in one line that code alone judged what the judge should have.
    (failure,) = report.failures
    assert failure.stage == "judge" and "code alone judged them" in failure.error and report.summary
    assert server.requests("judge") and set(kinds(server, "judge")) == {"status"}
    # No grounding carries a judge's word: a judge that did not answer gave no verdict.
    assert report.groundings and all(g.judge is None and g.judge_score is None for g in report.groundings)
    assert len([c for c in report.usage.calls if c.stage == "judge"]) == len(server.requests("judge"))


@pytest.mark.parametrize(("judge", "shown"), [("good", PARAPHRASE_A3), ("failing", None)])
def test_a_paraphrase_passes_only_on_the_judges_word(
    server: fs.LoopbackServer, judge: str, shown: str | None
) -> None:
    # A first run learns the fact ids the merge is offered; the second answers with the paraphrase.
    summarize([ARTICLE_A], settings(server, judge=False))
    fid = fact_of(server, "school gym")
    server.clear()
    server.script(fs.content(reconcile_answer((PARAPHRASE_A3, [fid]))), route="reconcile")
    if judge == "failing":
        server.script(fs.server_error(500).forever, route="judge")
    report = summarize([ARTICLE_A], settings(server, client_retries=0))
    (g,) = [g for g in report.groundings if (g.original or g.text) == PARAPHRASE_A3]
    texts = [s.text for s in report.summary]
    if shown:
        assert [u.text for u in g.unsupported] == ["refuge"]
        assert (g.judge, g.action, g.verdict) == ("supported", "kept", "supported")
        assert shown in texts and not server.requests("repair")
    else:
        # No judge score cannot settle a word the sources lack: the sentence goes to the repair, and
        # what is shown is the repair (here the source sentence), checked by code alone.
        assert (g.judge, g.action, g.text) == (None, "repaired", ARTICLE_A.splitlines()[2])
        assert PARAPHRASE_A3 not in texts and len(server.requests("repair")) == 1


@pytest.mark.parametrize("repair", [fs.server_error(500, retry_after_ms="1"), fs.unfaithful()])
def test_a_failed_repair_replaces_or_removes_what_failed_and_says_so(
    server: fs.LoopbackServer, repair: fs.Behaviour
) -> None:
    summarize([ARTICLE_A], settings(server, judge=False))
    fid = fact_of(server, "school gym")
    server.clear()
    server.script(fs.unfaithful(), route="extract:A")  # A2 restated as FABRICATED
    # Two summary sentences that fail on a number: one close to A3 (which then stands in), one not.
    server.script(fs.content(reconcile_answer((WRONG_A3, [fid]), (fs.FABRICATED, [fid]))), route="reconcile")
    server.script(repair.forever, route="repair")
    report = summarize([ARTICLE_A], settings(server, client_retries=0))
    assert not report.failures
    assert len(server.requests("repair")) == 2  # one for the claims, one for the summary; neither helped
    by_target = {g.target: g for g in report.groundings}

    claim = by_target["claim:A2"]
    assert (claim.action, claim.original, claim.verdict) == ("replaced", fs.FABRICATED, "supported")
    assert statements(report, "A")["A2"] == ARTICLE_A.splitlines()[1]  # the sentence's own words

    # The top facts the model left out stand before its sentences, so its sentences are found by words.
    (replaced,) = [g for g in report.groundings if g.original == WRONG_A3]
    assert replaced.action == "replaced"
    assert replaced.text == f"{report.articles[0].outlet} reports: “{ARTICLE_A.splitlines()[2]}”"
    shown_at = int(replaced.target.split(":")[1]) - 1
    assert report.summary[shown_at].text == replaced.text
    assert (report.summary[shown_at].written_by, report.summary[shown_at].citations) == ("code", ["A3"])

    # No source sentence says enough of it to stand in: it is left out, and the report says so.
    (removed,) = [g for g in report.groundings if g.target.startswith("removed:")]
    assert (removed.action, removed.original, removed.text) == ("removed", fs.FABRICATED, "")
    assert removed.verdict != "supported"

    shown = [s.text for s in report.summary] + [c.statement for c in report.claims]
    assert fs.FABRICATED not in shown and WRONG_A3 not in shown
    assert report.passed


def test_a_summary_sentence_sharing_no_word_with_its_sources_is_refused(server: fs.LoopbackServer) -> None:
    summarize([ARTICLE_A, ARTICLE_B], settings(server, judge=False))
    fid = fact_of(server, "river Elm")  # corroborated: two source sentences, A1 and B1
    server.clear()
    server.script(fs.content(reconcile_answer(("Officials remain silent.", [fid]))), route="reconcile")
    server.script(fs.content(json.dumps({"sentences": []})), route="repair")  # the model offers nothing
    report = summarize([ARTICLE_A, ARTICLE_B], settings(server, judge=False))
    assert "Officials remain silent." not in [s.text for s in report.summary]
    (g,) = [g for g in report.groundings if g.original == "Officials remain silent."]
    assert g.action == "removed" and g.target.startswith("removed:")


def test_a_server_echoing_the_key_never_leaks_it(server: fs.LoopbackServer) -> None:
    server.script(fs.echo_key(), route="extract:B")
    report = summarize([ARTICLE_A, ARTICLE_B], settings(server))
    failure = only_failure(report, "extract", "B")
    assert "answered HTTP 401" in failure.error and "[redacted]" in failure.error
    assert KEY not in report.model_dump_json()
    assert kinds(server, "extract:B") == ["echo_key"]  # a 401 is not retried


# --- the CLI: exit codes and one line per failure -----------------------------------------------------


@pytest.fixture
def files(tmp_path: Path) -> list[str]:
    paths = []
    for name, text in (("a.txt", ARTICLE_A), ("b.txt", ARTICLE_B)):
        path = tmp_path / name
        path.write_text(text, encoding="utf-8")
        paths.append(str(path))
    return paths


def run_cli(server: fs.LoopbackServer, files: list[str], *extra: str) -> tuple[int, str, str]:
    result = runner.invoke(
        app, [*files, "--base-url", server.url, "--no-cache", *extra], env={"SUMMARIZER_API_KEY": KEY}
    )
    assert "Traceback" not in result.output
    assert KEY not in result.stdout and KEY not in result.stderr
    assert result.exception is None or isinstance(result.exception, SystemExit), result.exception
    return result.exit_code, result.stdout, result.stderr


def test_cli_good_run_exits_0(server: fs.LoopbackServer, files: list[str]) -> None:
    code, out, err = run_cli(server, files, "--format", "json")
    assert code == 0, err
    report = Report.model_validate_json(out)
    assert not report.failures and report.summary
    assert server.seen[0].headers["authorization"] == f"Bearer {KEY}"
    assert server.requests("judge")  # the judge is on by default


def test_cli_no_judge_asks_no_judge(server: fs.LoopbackServer, files: list[str]) -> None:
    code, _, err = run_cli(server, files, "--no-judge")
    assert code == 0, err
    assert not server.requests("judge") and server.requests("reconcile")


def test_cli_recovers_from_a_503(server: fs.LoopbackServer, files: list[str]) -> None:
    server.script(fs.server_error(503, retry_after_ms="20"), route="extract:A")
    code, _, err = run_cli(server, files)
    assert code == 0, err
    assert kinds(server, "extract:A") == ["status", "good"]


def test_cli_one_article_failing_exits_3_with_the_rest_of_the_report(
    server: fs.LoopbackServer, files: list[str]
) -> None:
    server.script(fs.server_error(503, retry_after_ms="20").forever, route="extract:B")
    code, out, err = run_cli(server, files)
    assert code == 3
    assert "extract article B failed: the server at" in out and "answered HTTP 503" in out
    # The cause is on stderr too, one line, where a script's log keeps it.
    (line,) = err.splitlines()
    assert line.startswith("failed: extract article B: the server at") and "answered HTTP 503" in line
    assert "[A1](#claim-a1)" in out
    assert kinds(server, "extract:B") == ["status"] * 3  # the default client_retries=2


@pytest.mark.parametrize(
    ("behaviour", "named"),
    [
        (fs.server_error(500, retry_after_ms="20"), "answered HTTP 500: internal server error"),
        (fs.dropped(), "could not reach the server at"),
        (fs.schema_break(), "failed validation 3 time(s)"),
        (fs.not_json(), "not a chat completion"),
        (fs.no_choices(), "no choices"),
        (fs.truncated(), "cut off at the"),
        (fs.echo_key(), r"answered HTTP 401: Incorrect API key provided: \[redacted\]"),
    ],
    ids=["500", "drop", "schema", "not-json", "no-choices", "truncated", "401-echo"],
)
def test_cli_every_call_failing_exits_1_with_one_line_per_failure(
    server: fs.LoopbackServer, files: list[str], behaviour: fs.Behaviour, named: str
) -> None:
    server.script(behaviour.forever)
    code, out, err = run_cli(server, files)
    # The model answered nothing: the backend failed (exit 1), and the report is still written.
    assert code == 1, err
    said = err.splitlines()
    steps = [line.split(": ")[1] for line in said[:3]]
    assert steps == ["extract article A", "extract article B", "reconcile"]
    assert all(named.replace("\\", "") in line for line in said[:3]), said  # plain text, not Markdown
    assert said[3].startswith("error: the model failed on every call at") and len(said) == 4
    lines = [line for line in out.splitlines() if " failed: " in line]
    assert [line.split(" failed: ")[0] for line in lines] == [
        "- extract article A",
        "- extract article B",
        "- reconcile",
    ]
    assert all(named in line for line in lines), lines
    # Every claim is still listed, in its sentence's own words.
    assert all(f"[{c}](#claim-{c.lower()})" in out for c in ("A1", "A2", "A3", "B1", "B2"))


@pytest.mark.parametrize(
    ("behaviour", "code"),
    [(fs.server_error(500, retry_after_ms="20"), 1), (fs.dropped(), 1), (fs.schema_break(), 3)],
    ids=["500", "drop", "schema"],
)
def test_cli_with_restatement_off_the_merge_alone_failing_exits_1_only_when_nothing_answered(
    server: fs.LoopbackServer, files: list[str], behaviour: fs.Behaviour, code: int
) -> None:
    # With no restatement asked, the merge is the run's only call: a server that never answered it is
    # the backend failing (exit 1); a model whose answer broke the schema answered, so the run is partial.
    server.script(behaviour.forever)
    got, _, err = run_cli(server, files, "--no-restate")
    assert got == code, err
    assert not server.requests("extract") and err.splitlines()[0].startswith("failed: reconcile: ")
    assert err.splitlines()[-1].startswith("error: the model failed on every call at") == (code == 1)


def test_cli_names_a_timeout(
    server: fs.LoopbackServer, files: list[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    # The CLI's --timeout would do; the test also turns the client's retries off under the CLI.
    original = commands.settings
    monkeypatch.setattr(commands, "settings", lambda *a: original(*a).with_(timeout=0.5, client_retries=0))
    server.script(fs.slow(2.0).forever, route="extract")
    code, out, _ = run_cli(server, files[:1])
    assert code == 3
    (line,) = [line for line in out.splitlines() if " failed: " in line]
    assert line.startswith("- extract article A failed:") and "did not answer within 0.5 s" in line
