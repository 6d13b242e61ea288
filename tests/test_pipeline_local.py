"""The README's first command, run for real against a fake llama-server: the local backend end to end.

`summarize(SEEDS, Settings.resolve(env={}))` and `summarizer seeds/*.txt` with no backend flag pick the
bundled model (backend "local"): LocalBackend finds the model in the user cache, starts the binary that
SUMMARIZER_LLAMA_SERVER names on a free loopback port, waits for /health, sends every call there, and
stops it. The binary here is a small Python server written into tmp_path that answers from a script and
logs what it was asked; the "model" is a sparse file of the real size with a valid stamp (weights.py),
so nothing is hashed and nothing is downloaded.
"""

from __future__ import annotations

import json
import os
import re
import sys
import textwrap
import time
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from summarizer import Settings, summarize, weights
from summarizer.cli import app
from summarizer.config import LOCAL
from summarizer.errors import BackendError
from summarizer.llama_server import SERVER_ENV
from summarizer.local import local_available

from .conftest import ROOT, SEEDS

pytestmark = [pytest.mark.slow, pytest.mark.block_network(allowed_hosts=[r"127\.0\.0\.1$"])]

# A stand-in for llama-server that also answers chat completions, from a JSON file of answers keyed by
# "Restatements:<article>", "Reconciliation", "SentenceFixes" or "judge" (a one-token Yes/No answer with
# log-probabilities, P(Yes) given). The merge answer "echo-first-fact" states fact F1 in its own words.
# It logs its argv, each request, and how it was stopped.
FAKE_SERVER = """\
    import argparse, json, os, re, signal, sys
    from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
    from pathlib import Path
    from summarizer.scripted import Request, completion, yes_no

    here = Path(__file__).resolve().parent
    (here / "argv.json").write_text(json.dumps({"pid": os.getpid(), "argv": sys.argv[1:]}))
    parser = argparse.ArgumentParser()
    parser.add_argument("--host")
    parser.add_argument("--port", type=int)
    args, _ = parser.parse_known_args()
    answers = json.loads((here / "answers.json").read_text())

    def stopped(signum, frame):
        (here / "stopped").write_text(signal.Signals(signum).name)
        os._exit(0)

    signal.signal(signal.SIGTERM, stopped)

    class Handler(BaseHTTPRequestHandler):
        def do_GET(self):
            self.reply(200, {"status": "ok"} if self.path == "/health" else {"error": "not found"})

        def do_POST(self):
            body = json.loads(self.rfile.read(int(self.headers["Content-Length"])))
            request = Request(body)
            user = str(request.messages[1]["content"]) if len(request.messages) > 1 else ""
            article = user.split(",", 1)[0].removeprefix("Article ").split(" ")[0]
            schema = request.schema or "judge"
            key = f"{schema}:{article}" if schema == "Restatements" else schema
            with (here / "requests.jsonl").open("a") as log:
                log.write(json.dumps({"path": self.path, "key": key, "port": args.port}) + "\\n")
            if self.path != "/v1/chat/completions" or key not in answers:
                self.reply(500, {"error": {"message": f"nothing scripted for {self.path} {key}"}})
                return
            answer = answers[key]
            if key == "judge":
                self.reply(200, yes_no(body, answer))
                return
            if answer == "echo-first-fact":
                text = re.search(r"^F1 \\| [A-Z, ]+ \\| (.+)$", user, re.M).group(1)
                answer = {"summary": [{"text": text, "facts": ["F1"]}]}
            self.reply(200, completion(body, json.dumps(answer)))

        def reply(self, status, payload):
            data = json.dumps(payload).encode()
            self.send_response(status)
            self.send_header("Content-Type", "application/json")
            self.send_header("Content-Length", str(len(data)))
            self.end_headers()
            self.wfile.write(data)

        def log_message(self, *a):
            pass

    print("fake llama-server listening", flush=True)
    ThreadingHTTPServer((args.host, args.port), Handler).serve_forever()
"""

ALARMING = "“This is extremely alarming,” Kovalenko said."
ANSWERS: dict[str, Any] = {
    # A is asked to restate sentences 2, 5, 8, 10 and 15; B sentences 1, 4, 7, 14 and 17. Sentences a
    # restatement leaves out keep their own words.
    "Restatements:A": {"statements": []},
    "Restatements:B": {"statements": [{"id": 7, "statement": ALARMING}]},
    "Reconciliation": "echo-first-fact",
    "judge": 0.97,
}


@pytest.fixture
def fake_local(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A user cache holding an assembled, stamped model, and a fake llama-server; returns the server's dir."""
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    model = weights.model_path()
    assert str(model).startswith(str(tmp_path)), model  # the user cache is the test's
    model.parent.mkdir(parents=True)
    with model.open("wb") as f:
        f.truncate(weights.MODEL_SIZE)  # sparse: the real size without the disk space
    st = model.stat()
    stamp = model.with_name(model.name + ".sha256")
    stamp.write_text(f"{weights.MODEL_SHA256} {st.st_size} {st.st_mtime_ns}\n", encoding="ascii")

    server_dir = tmp_path / "server"
    server_dir.mkdir()
    binary = server_dir / "llama-server"
    binary.write_text(f"#!{sys.executable}\n" + textwrap.dedent(FAKE_SERVER))
    binary.chmod(0o755)
    (server_dir / "answers.json").write_text(json.dumps(ANSWERS))
    monkeypatch.setenv(SERVER_ENV, str(binary))
    # conftest pretends no machine has the local model; here the machine does, by construction above.
    monkeypatch.setattr("summarizer.local.local_available", local_available)
    # The stamp vouches for the model: hashing 1.1 GB of zeros would fail the check, and is not expected.
    monkeypatch.setattr(weights, "_sha256_file", _no_hashing)
    return server_dir


def _no_hashing(path: Path) -> str:
    raise AssertionError(f"hashed {path}: the stamp should have vouched for it")


def _gone(pid: int, timeout: float = 10.0) -> bool:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            os.kill(pid, 0)
        except ProcessLookupError:
            return True
        time.sleep(0.05)
    return False


def _served(server_dir: Path) -> tuple[dict[str, Any], list[dict[str, Any]]]:
    started = json.loads((server_dir / "argv.json").read_text())
    asked = [json.loads(line) for line in (server_dir / "requests.jsonl").read_text().splitlines()]
    return started, asked


def _assert_started_used_and_stopped(server_dir: Path, *, restated: bool) -> None:
    started, asked = _served(server_dir)
    argv = started["argv"]
    assert argv[argv.index("-m") + 1] == str(weights.model_path())
    assert argv[argv.index("--host") + 1] == "127.0.0.1"
    port = int(argv[argv.index("--port") + 1])
    keys = [r["key"] for r in asked]
    if restated:
        assert sorted(set(keys)) == ["Reconciliation", "Restatements:A", "Restatements:B", "judge"]
        assert keys.count("Restatements:A") == keys.count("Restatements:B") == 1
    else:  # the bundled model's default: no restatement, and copies of source sentences are not judged
        assert sorted(set(keys)) == ["Reconciliation"]
    assert keys.count("Reconciliation") == 1
    assert {(r["path"], r["port"]) for r in asked} == {("/v1/chat/completions", port)}
    assert (server_dir / "stopped").read_text() == "SIGTERM"
    assert _gone(started["pid"])
    log = (weights.model_path().parent / f"llama-server-{port}.log").read_text()
    assert "fake llama-server listening" in log


def test_settings_with_nothing_set_choose_the_local_backend() -> None:
    assert Settings.resolve(env={}).backend == LOCAL


def test_the_python_api_runs_the_seeds_on_the_local_model(fake_local: Path) -> None:
    notes: list[str] = []
    # Restatement on (off by default for this model): every kind of call goes to the local server.
    report = summarize(SEEDS, Settings.resolve(env={}, restate=True), progress=notes.append)
    _assert_started_used_and_stopped(fake_local, restated=True)
    assert "starting the local model server" in notes
    assert any(n.startswith("local model server ready at http://127.0.0.1:") for n in notes)
    assert report.failures == []
    # One claim per covered sentence; the clauses only one outlet carries come on top (details.py).
    assert len([c for c in report.claims if c.part_of is None]) == sum(
        len(c.sentences) - sum(1 for s in c.sentences if s.left_out) for c in report.coverage
    )
    b7 = next(c for c in report.claims if c.id == "B7")
    assert (b7.statement, b7.quote) == (ALARMING, "“This is extremely alarming,” he said.")
    first = report.summary[0]
    assert first.written_by == "model" and first.verified and first.action == "kept"
    (b7_judged,) = [g for g in report.groundings if g.target == "claim:B7"]
    assert b7_judged.judge_score == 0.97
    # The first summary sentence copies its source sentence A4 word for word: no judge is asked.
    assert [g.judge_score for g in report.groundings if g.target == "summary:1"] == [None]
    assert any({"A9", "B8"} <= set(c.claim_ids) for c in report.conflicts)  # 10,000 vs over 100,000
    assert report.passed


def test_the_cli_with_no_backend_flag_runs_the_seeds_on_the_local_model(
    fake_local: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(ROOT)
    result = CliRunner().invoke(app, [*(str(p.relative_to(ROOT)) for p in SEEDS), "-f", "json"])
    assert result.exit_code == 0, result.output
    report = json.loads(result.stdout)
    assert [a["path"] for a in report["articles"]] == [str(p.relative_to(ROOT)) for p in SEEDS]
    assert report["summary"][0]["written_by"] == "model" and report["failures"] == []
    _assert_started_used_and_stopped(fake_local, restated=False)
    claims = [c for c in report["claims"] if c["part_of"] is None]
    assert all(c["statement"] == c["quote"] for c in claims)  # each claim in its sentence's words


def test_a_local_server_that_fails_mid_run_is_still_stopped(fake_local: Path) -> None:
    answers = {k: v for k, v in ANSWERS.items() if k != "Restatements:B"}
    (fake_local / "answers.json").write_text(json.dumps(answers))
    report = summarize(SEEDS, Settings.resolve(env={}, restate=True).with_(client_retries=0))
    assert [(f.stage, f.article_id) for f in report.failures] == [("extract", "B")]
    assert "answered HTTP 500: nothing scripted" in report.failures[0].error
    b7 = next(c for c in report.claims if c.id == "B7")
    assert b7.statement == b7.quote  # B's claims stand on its sentences' own words
    started, _ = _served(fake_local)
    assert (fake_local / "stopped").read_text() == "SIGTERM" and _gone(started["pid"])


def _failing_server(server_dir: Path) -> Path:
    """The fake's binary replaced by one that notes it was started, then dies; returns the note's path."""
    started = server_dir / "started"
    (server_dir / "llama-server").write_text(
        f"#!/bin/sh\necho started >> {started}\necho 'error: cannot load the model' >&2\nexit 1\n"
    )
    return started


def _comparable(report: Any) -> dict[str, Any]:
    data = report.model_dump(mode="json")
    for call in data["usage"]["calls"]:
        call.pop("seconds")
        call.pop("cached")
    data["usage"].pop("stages", None)
    return data


def test_a_rerun_the_cache_answers_whole_starts_no_server(fake_local: Path) -> None:
    first = summarize(SEEDS, Settings.resolve(env={}))
    assert (fake_local / "argv.json").is_file()  # the first run asked the model, so started it
    started = _failing_server(fake_local)
    notes: list[str] = []
    again = summarize(SEEDS, Settings.resolve(env={}), progress=notes.append)
    assert not started.exists() and "starting the local model server" not in notes
    assert all(c.cached == c.attempts for c in again.usage.calls), again.usage.calls
    assert _comparable(again) == _comparable(first)


def test_a_server_that_cannot_start_on_a_miss_stops_the_run_with_its_error(fake_local: Path) -> None:
    started = _failing_server(fake_local)
    with pytest.raises(BackendError) as before:  # no cache: the server starts before the run
        summarize(SEEDS, Settings.resolve(env={}).with_(cache=False))
    notes: list[str] = []
    with pytest.raises(BackendError) as on_miss:  # the cache: on the first call it cannot answer
        summarize(SEEDS, Settings.resolve(env={}), progress=notes.append)
    assert "exited with code 1 while starting" in str(on_miss.value)
    # The same message, but for the port in each server's own log's name.
    same_log = re.compile(r"llama-server-\d+\.log")
    assert same_log.sub("LOG", str(on_miss.value)) == same_log.sub("LOG", str(before.value))
    assert started.read_text().split() == ["started", "started"]  # once per run, not once per call
    # The run stopped at its first call (the merge), it did not go on to check a summary it has not got.
    assert "writing the summary" in notes and "checking the summary against the source sentences" not in notes
