"""Every cassette is evidence: no credentials in it, and it was recorded from a local server."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
import yaml

from summarizer import cassette
from summarizer.pipeline import summarize
from summarizer.scripted import Reply, ScriptedModel

from .conftest import CASSETTES

ALL = sorted(CASSETTES.rglob("*.yaml"))
SECRET_HEADERS = {"authorization", "openai-organization", "openai-project", "cookie", "set-cookie", "api-key"}
KEY_SHAPED = re.compile(r"sk-[A-Za-z0-9_-]{16,}|Bearer\s+[A-Za-z0-9._-]{8,}", re.IGNORECASE)


def test_there_are_cassettes() -> None:
    assert ALL, f"no cassettes under {CASSETTES}"


@pytest.mark.parametrize("path", ALL, ids=[p.name for p in ALL])
def test_cassette_carries_no_credentials(path: Path) -> None:
    text = path.read_text(encoding="utf-8")
    assert not KEY_SHAPED.search(text)
    data = yaml.safe_load(text)
    for interaction in data["interactions"]:
        for side in ("request", "response"):
            headers = {h.lower() for h in (interaction[side].get("headers") or {})}
            assert not headers & SECRET_HEADERS, f"{side} headers {headers & SECRET_HEADERS} in {path.name}"
        assert interaction["request"]["uri"].startswith(("http://127.0.0.1", "http://localhost"))


@pytest.mark.parametrize("fmt", ["md", "json"])
def test_rendered_reports_carry_nothing_key_shaped(fmt: str, tmp_path: Path) -> None:
    from typer.testing import CliRunner

    from summarizer.cli import app

    from .conftest import SEEDS, SEEDS_CASSETTE

    out = tmp_path / f"r.{fmt}"
    result = CliRunner().invoke(
        app, [*map(str, SEEDS), "--replay", str(SEEDS_CASSETTE), "-f", fmt, "-o", str(out)]
    )
    assert result.exit_code == 0
    assert not KEY_SHAPED.search(out.read_text()) and not KEY_SHAPED.search(result.output)


def test_a_key_a_server_echoes_in_its_answer_never_reaches_the_cassette(tmp_path: Path) -> None:
    key = "sk-test-RECORDED-key-0123456789"
    other = "sk-proj-" + "A1b2C3d4" * 4  # someone else's key-shaped string, in the body as well
    echo = {"error": {"message": f"Incorrect API key provided: {key}; also saw {other}", "type": "auth"}}
    model = ScriptedModel([Reply(401, echo)] * 4)
    tape = tmp_path / "echo.yaml"
    with cassette.use(tape, record=True, secrets=[key]):
        settings = model.settings(api_key=key, judge=False, max_retries=0)
        report = summarize([ARTICLE], client=model.client(settings))
    assert report.failures and all(key not in f.error for f in report.failures)
    text = tape.read_text(encoding="utf-8")
    assert "Incorrect API key provided" in text  # the answer was recorded ...
    assert key not in text and other not in text and "[redacted]" in text  # ... without either key


ARTICLE = "The river Elm burst its banks on Monday.\nHe said the town hall was flooded by noon.\n"


def test_an_update_asks_only_what_the_cassette_lacks_and_keeps_only_what_the_run_used(tmp_path: Path) -> None:
    import httpx2

    def ask(model: ScriptedModel, *questions: int) -> list[str]:
        with httpx2.Client(transport=model.transport(), base_url="http://127.0.0.1:9") as http:
            return [
                http.post(
                    "/v1/chat/completions", json={"messages": [{"role": "user", "content": str(q)}]}
                ).json()["choices"][0]["message"]["content"]
                for q in questions
            ]

    tape = tmp_path / "update.yaml"
    with cassette.use(tape, record=True):
        assert ask(ScriptedModel(["one", "two"]), 1, 2) == ["one", "two"]
    later = ScriptedModel(["three"])
    with cassette.use(tape, record="update"):
        assert ask(later, 1, 3) == ["one", "three"]  # the first replayed, the new one asked
    assert [r.body["messages"][0]["content"] for r in later.requests] == ["3"]
    kept = [i["request"]["body"] for i in yaml.safe_load(tape.read_text(encoding="utf-8"))["interactions"]]
    assert [json.loads(b)["messages"][0]["content"] for b in kept] == ["1", "3"]  # "2" was not used
    with cassette.use(tape, record=False):  # a request asked twice is answered from its one recording
        assert ask(ScriptedModel([]), 3, 3) == ["three", "three"]


def test_a_request_matches_a_recording_of_the_same_json_whatever_its_spacing_and_no_other() -> None:
    from vcr.request import Request as Recorded

    from summarizer.cassette import _same_body

    def asked(body: bytes) -> Recorded:
        return Recorded("POST", "http://127.0.0.1/v1/chat/completions", body, {})

    _same_body(asked(b'{"a": 1, "b": [2]}'), asked(b'{"a":1,"b":[2]}'))  # equal JSON: a match
    with pytest.raises(AssertionError):
        _same_body(asked(b'{"a": 1}'), asked(b'{"a": 2}'))
    with pytest.raises(AssertionError):
        _same_body(asked(b"not json"), asked(b"not json either"))


def test_a_recording_restated_or_repaired_only_where_a_request_asked_for_that_schema(tmp_path: Path) -> None:
    def body(name: str, text: str) -> str:
        fmt = {"type": "json_schema", "json_schema": {"name": name, "schema": {}}}
        return json.dumps(
            {"model": "m", "messages": [{"role": "user", "content": text}], "response_format": fmt}
        )

    def recorded(*bodies: str) -> dict[str, str]:
        path = tmp_path / "c.yaml"
        path.write_text(yaml.safe_dump({"interactions": [{"request": {"body": b}} for b in bodies]}))
        return cassette.recorded_settings(path)

    # A story on a firm's accounts says "Restatements" in the merge's request: no restatement was asked.
    merge = body("Reconciliation", "F1 | A | Restatements of earnings. SentenceFixes.")
    assert (recorded(merge)["restate"], recorded(merge)["repair"]) == ("off", "off")
    asked = recorded(merge, body("Restatements", "Restate sentences 2."), body("SentenceFixes", "Fix."))
    assert (asked["restate"], asked["repair"]) == ("on", "on")


@pytest.mark.parametrize("mode", ["tools", "json"])
def test_a_recording_in_tools_or_json_mode_restated_where_a_request_named_that_schema(
    mode: str, tmp_path: Path
) -> None:
    def body(name: str) -> str:
        asked: dict[str, object] = {"model": "m"}
        if mode == "tools":
            asked["tools"] = [{"type": "function", "function": {"name": name, "parameters": {}}}]
            asked["messages"] = [{"role": "user", "content": "Restatements of earnings."}]
        else:  # Instructor's JSON mode writes the schema, titled, into the system message
            asked["messages"] = [{"role": "system", "content": f'{{"title": "{name}"}}'}]
        return json.dumps(asked)

    path = tmp_path / "c.yaml"
    for names, restated in ((["Reconciliation"], "off"), (["Reconciliation", "Restatements"], "on")):
        path.write_text(yaml.safe_dump({"interactions": [{"request": {"body": body(n)}} for n in names]}))
        assert cassette.recorded_settings(path)["restate"] == restated
