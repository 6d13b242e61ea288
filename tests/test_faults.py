"""Faults of a real HTTP model server, injected one by one: each retried within bounds or named in one line.

The server is tests/loopback.py on 127.0.0.1 (an ephemeral port), driven through the public
`summarize()` and the CLI. The network stays blocked for every other host: pytest-recording's
`block_network(allowed_hosts=…)` opens loopback only (`allow_hosts` is pytest-socket's marker,
which pytest-recording ignores).
"""

from __future__ import annotations

import json
import socket
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from typer.testing import CliRunner

from summarizer import cli
from summarizer.cli import app
from summarizer.config import Settings
from summarizer.errors import BackendError
from summarizer.models import Report
from summarizer.pipeline import summarize

from . import loopback as fs

pytestmark = pytest.mark.block_network(allowed_hosts=[r"127\.0\.0\.1$"])

# A distinctive key: it must never show up in an error, a report or the CLI's output.
KEY = "sk-test-dummy-FAULTKEY-7c1e9a"

ARTICLE_A = (
    "The river Elm burst its banks early on Monday morning.\n"
    "Water reached the steps of the town hall by noon.\n"
    "The mayor opened the school gym as a shelter for families.\n"
)
ARTICLE_B = (
    "Heavy rain pushed the river Elm over its banks on Monday.\n"
    "Volunteers filled sandbags outside the town hall all afternoon.\n"
)

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


def test_only_loopback_is_opened_by_the_marker() -> None:
    with socket.socket() as s, pytest.raises(RuntimeError, match="Network is disabled"):
        s.connect(("10.255.255.1", 80))


def test_a_good_server_gives_a_cited_verified_report(server: fs.LoopbackServer) -> None:
    report = summarize([ARTICLE_A, ARTICLE_B], settings(server))
    assert not report.failures and report.passed
    assert {c.article_id for c in report.claims if c.verified} == {"A", "B"}
    assert cited(report) >= {"A1", "B1"}
    assert sorted(s.route for s in server.seen) == ["extract:A", "extract:B", "reconcile"]
    assert server.seen[0].headers["authorization"] == f"Bearer {KEY}"
    assert all(c.prompt_tokens > 0 and c.completion_tokens > 0 for c in report.usage.calls)


# --- the openai client's own retries: 429, 5xx, timeouts, dropped connections -------------------------


def test_429_waits_for_retry_after_then_succeeds(server: fs.LoopbackServer) -> None:
    server.script(fs.rate_limited(retry_after="1"), route="extract:A")
    report = summarize([ARTICLE_A], settings(server, client_retries=1))
    assert not report.failures and report.claims
    first, second = server.requests("extract:A")
    assert [first.kind, second.kind] == ["status", "good"]
    assert second.at - first.at >= 0.9  # Retry-After: 1 was honoured
    assert [first.headers["x-stainless-retry-count"], second.headers["x-stainless-retry-count"]] == ["0", "1"]


@pytest.mark.parametrize("status", [500, 503])
def test_one_5xx_is_retried_by_the_client_then_succeeds(server: fs.LoopbackServer, status: int) -> None:
    server.script(fs.server_error(status, retry_after_ms="20"), route="extract:A")
    report = summarize([ARTICLE_A], settings(server, client_retries=1))
    assert not report.failures and all(c.verified for c in report.claims)
    assert kinds(server, "extract:A") == ["status", "good"]
    assert report.usage.calls[0].attempts == 1  # a transport retry is not a re-ask


@pytest.mark.parametrize("status", [500, 503])
def test_a_persistent_5xx_stops_after_the_client_retries_with_one_line(
    server: fs.LoopbackServer, status: int
) -> None:
    server.script(fs.server_error(status, retry_after_ms="20").forever)
    with pytest.raises(BackendError) as info:
        summarize([ARTICLE_A], settings(server, client_retries=2))
    message = one_clear_line(str(info.value))
    assert f"answered HTTP {status}" in message and server.url in message
    assert kinds(server, "extract:A") == ["status"] * 3  # 1 + client_retries, never re-asked


def test_a_slow_server_is_retried_once_then_answers(server: fs.LoopbackServer) -> None:
    server.script(fs.slow(2.0), route="extract:A")
    report = summarize([ARTICLE_A], settings(server, client_retries=1, timeout=0.5))
    assert not report.failures and report.claims
    assert kinds(server, "extract:A") == ["slow", "good"]


def test_a_server_slower_than_the_timeout_is_named(server: fs.LoopbackServer) -> None:
    server.script(fs.slow(2.0).forever)
    started = time.monotonic()
    with pytest.raises(BackendError) as info:
        summarize([ARTICLE_A], settings(server, client_retries=1, timeout=0.5))
    assert time.monotonic() - started < 5
    assert "did not answer within 0.5 s" in one_clear_line(str(info.value))
    assert kinds(server, "extract:A") == ["slow", "slow"]


def test_a_dropped_connection_is_retried_then_succeeds(server: fs.LoopbackServer) -> None:
    server.script(fs.dropped(), route="extract:A")
    report = summarize([ARTICLE_A], settings(server, client_retries=1))
    assert not report.failures and report.claims
    assert kinds(server, "extract:A") == ["drop", "good"]


def test_a_connection_that_always_drops_is_named(server: fs.LoopbackServer) -> None:
    server.script(fs.dropped().forever)
    with pytest.raises(BackendError) as info:
        summarize([ARTICLE_A], settings(server, client_retries=1))
    message = one_clear_line(str(info.value))
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
    server.script(fs.not_json(content_type).forever)
    with pytest.raises(BackendError) as info:
        summarize([ARTICLE_A], settings(server, max_retries=2))
    message = one_clear_line(str(info.value))
    assert named in message and "validation" not in message
    # Instructor tries again (it takes a parse error for a bad answer), but only up to max_retries.
    assert 1 <= len(server.requests("extract:A")) <= 3


def test_empty_choices_are_named_as_the_servers_fault(server: fs.LoopbackServer) -> None:
    server.script(fs.no_choices().forever)
    with pytest.raises(BackendError) as info:
        summarize([ARTICLE_A], settings(server, max_retries=2))
    message = one_clear_line(str(info.value))
    assert "no choices" in message and "validation" not in message
    assert 1 <= len(server.requests("extract:A")) <= 3


def test_a_truncated_answer_names_the_token_limit_and_is_not_reasked(server: fs.LoopbackServer) -> None:
    server.script(fs.truncated().forever)
    with pytest.raises(BackendError) as info:
        summarize([ARTICLE_A], settings(server, max_retries=2))
    assert "cut off at the 2048-token limit" in one_clear_line(str(info.value))
    assert kinds(server, "extract:A") == ["truncated"]


# --- answers that break the schema or the evidence rule: Instructor's re-asks -------------------------


def test_a_schema_breaking_answer_is_reasked_then_succeeds(server: fs.LoopbackServer) -> None:
    server.script(fs.schema_break(), route="extract:A")
    report = summarize([ARTICLE_A], settings(server, max_retries=1))
    assert not report.failures and report.claims and all(c.verified for c in report.claims)
    first, second = server.requests("extract:A")
    assert [first.kind, second.kind] == ["schema_break", "good"]
    assert len(second.messages) > len(first.messages)  # the re-ask carries the errors back
    assert report.usage.calls[0].attempts == 2


def test_a_schema_breaking_answer_stops_after_max_retries(server: fs.LoopbackServer) -> None:
    server.script(fs.schema_break().forever)
    with pytest.raises(BackendError) as info:
        summarize([ARTICLE_A], settings(server, max_retries=2))
    assert "failed validation 3 time(s)" in one_clear_line(str(info.value))
    assert kinds(server, "extract:A") == ["schema_break"] * 3


def test_a_quote_not_in_the_article_is_reasked_then_dropped(server: fs.LoopbackServer) -> None:
    server.script(fs.bad_quote(), route="extract:A")
    report = summarize([ARTICLE_A], settings(server, max_retries=1))
    assert kinds(server, "extract:A") == ["bad_quote", "good"]
    reask = json.dumps(server.requests("extract:A")[1].messages)
    assert "does not occur verbatim" in reask
    assert all(c.verified for c in report.claims)
    assert fs.FABRICATED_QUOTE not in {c.quote for c in report.claims}


def test_a_quote_still_not_in_the_article_is_kept_unverified_and_never_cited(
    server: fs.LoopbackServer,
) -> None:
    server.script(fs.bad_quote().forever, route="extract:A")
    report = summarize([ARTICLE_A, ARTICLE_B], settings(server, max_retries=2))
    assert kinds(server, "extract:A") == ["bad_quote"] * 3
    (bad,) = [c for c in report.claims if c.quote == fs.FABRICATED_QUOTE]
    assert bad.verified is False and bad.reason and "does not occur verbatim" in bad.reason
    assert bad.id not in cited(report)
    assert bad.id not in json.dumps(server.requests("reconcile")[0].messages)  # never offered to the merge
    assert [c.verified for c in report.claims if c.article_id == "A" and c is not bad] == [True] * 3
    assert report.summary and report.passed


# --- one article failing, the others kept ---------------------------------------------------------


def test_one_article_failing_keeps_the_others_and_lists_the_failure(server: fs.LoopbackServer) -> None:
    server.script(fs.server_error(503, retry_after_ms="20").forever, route="extract:B")
    report = summarize([ARTICLE_A, ARTICLE_B], settings(server, client_retries=2))
    (failure,) = report.failures
    assert failure.stage == "extract" and failure.article_id == "B"
    assert "answered HTTP 503" in one_clear_line(failure.error)
    assert kinds(server, "extract:B") == ["status"] * 3
    assert {c.article_id for c in report.claims} == {"A"} and all(c.verified for c in report.claims)
    assert cited(report) and all(i.startswith("A") for i in cited(report))


def test_a_failing_merge_keeps_the_claims_and_lists_the_failure(server: fs.LoopbackServer) -> None:
    server.script(fs.server_error(500, retry_after_ms="20").forever, route="reconcile")
    report = summarize([ARTICLE_A, ARTICLE_B], settings(server, client_retries=1))
    (failure,) = report.failures
    assert failure.stage == "reconcile" and "answered HTTP 500" in one_clear_line(failure.error)
    assert {c.article_id for c in report.claims if c.verified} == {"A", "B"}
    assert not report.summary
    assert kinds(server, "reconcile") == ["status", "status"]


def test_a_server_echoing_the_key_never_leaks_it(server: fs.LoopbackServer) -> None:
    server.script(fs.echo_key(), route="extract:B")
    report = summarize([ARTICLE_A, ARTICLE_B], settings(server))
    (failure,) = report.failures
    assert "answered HTTP 401" in one_clear_line(failure.error) and "[redacted]" in failure.error
    assert KEY not in report.model_dump_json()
    assert kinds(server, "extract:B") == ["echo_key"]  # a 401 is not retried


# --- the CLI: exit codes and one line on stderr -----------------------------------------------------


@pytest.fixture
def files(tmp_path: Path) -> list[str]:
    paths = []
    for name, text in (("a.txt", ARTICLE_A), ("b.txt", ARTICLE_B)):
        path = tmp_path / name
        path.write_text(text, encoding="utf-8")
        paths.append(str(path))
    return paths


def run_cli(server: fs.LoopbackServer, files: list[str], *extra: str) -> tuple[int, str, str]:
    result = runner.invoke(app, [*files, "--base-url", server.url, *extra], env={"SUMMARIZER_API_KEY": KEY})
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


def test_cli_recovers_from_a_503(server: fs.LoopbackServer, files: list[str]) -> None:
    server.script(fs.server_error(503, retry_after_ms="20"), route="extract:A")
    code, _, err = run_cli(server, files)
    assert code == 0, err
    assert kinds(server, "extract:A") == ["status", "good"]


def test_cli_one_article_failing_exits_3_with_the_rest_of_the_report(
    server: fs.LoopbackServer, files: list[str]
) -> None:
    server.script(fs.server_error(503, retry_after_ms="20").forever, route="extract:B")
    code, out, _ = run_cli(server, files)
    assert code == 3
    assert "extract article B failed: the server at" in out and "answered HTTP 503" in out
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
        (fs.echo_key(), "answered HTTP 401: Incorrect API key provided: [redacted]"),
    ],
    ids=["500", "drop", "schema", "not-json", "no-choices", "truncated", "401-echo"],
)
def test_cli_every_article_failing_is_one_line_and_exit_1(
    server: fs.LoopbackServer, files: list[str], behaviour: fs.Behaviour, named: str
) -> None:
    server.script(behaviour.forever)
    code, out, err = run_cli(server, files)
    assert code == 1
    assert out == ""
    (line,) = err.strip().splitlines()
    assert line.startswith("error: no article could be extracted; article A: ")
    assert named in line


def test_cli_names_a_timeout(
    server: fs.LoopbackServer, files: list[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    # The CLI has no timeout option (the default is 600 s), so the test shortens it under the CLI.
    original = cli._settings
    monkeypatch.setattr(cli, "_settings", lambda *a: original(*a).with_(timeout=0.5, client_retries=0))
    server.script(fs.slow(2.0).forever)
    code, _, err = run_cli(server, files[:1])
    assert code == 1
    (line,) = err.strip().splitlines()
    assert line.startswith("error: no article could be extracted") and "did not answer within 0.5 s" in line
