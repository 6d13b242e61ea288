"""Hostile model answers (issue 26): none poisons the call cache, leaks the key or exhausts memory."""

from __future__ import annotations

import asyncio
import json
import os
import stat
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from pydantic import BaseModel

from summarizer.batchapi import BatchLine, LineResult, store_results
from summarizer.cache import CallCache, request_key
from summarizer.html import to_html
from summarizer.llm import CallFailure, ModelClient, SchemaFailure
from summarizer.pipeline import summarize
from summarizer.render import to_json, to_markdown
from summarizer.scripted import Answer, Request, ScriptedModel
from summarizer.transport import body_key

from .conftest import SEEDS

# A distinctive key, and another key-shaped string a server might echo (a proxy's own, say).
KEY = "sk-test-dummy-ECHOKEY-5f0c2b9d"
OTHER = "sk-proj-Q3xv81LmZpT0aRfW2yNc"

MESSAGES = [{"role": "system", "content": "Say how many homes."}, {"role": "user", "content": "40 homes."}]
JUDGE = [{"role": "user", "content": "Does the source say 40 homes? Yes or No."}]


class Homes(BaseModel):
    """A one-field answer, enough for a structured call."""

    homes: int


class Note(BaseModel):
    """A one-field text answer."""

    text: str


def ask(
    model: ScriptedModel, cache: CallCache | None, *, retries: int = 0, schema: type[BaseModel] = Homes
) -> Any:
    async def run() -> Any:
        settings = model.settings(max_retries=retries, api_key=KEY)
        client = ModelClient(settings, transport=model.transport(), cache=cache)
        try:
            value, _call, _text = await client.structured(
                schema, MESSAGES, context={}, stage="extract", max_tokens=64
            )
        finally:
            await client.aclose()
        return value

    return asyncio.run(run())


def judge(model: ScriptedModel, cache: CallCache) -> float | None:
    async def run() -> float | None:
        client = ModelClient(model.settings(), transport=model.transport(), cache=cache)
        try:
            p, _call = await client.yes_probability(JUDGE, stage="judge")
        finally:
            await client.aclose()
        return p

    return asyncio.run(run())


def never(_request: object) -> Answer:
    raise AssertionError("the model was asked, though the cache holds a valid answer")


# --- 1. only answers that passed validation are cached -------------------------------------------------


def test_an_answer_that_failed_validation_is_not_cached(tmp_path: Path) -> None:
    cache = CallCache(tmp_path)
    with pytest.raises(SchemaFailure):
        ask(ScriptedModel([{"rooms": "many"}]), cache)
    assert cache.info().entries == 0
    healthy = ScriptedModel([{"homes": 40}])
    assert ask(healthy, cache).homes == 40  # a healthy server is asked again, not shown the old answer
    assert len(healthy.requests) == 1
    assert ask(ScriptedModel(never), cache).homes == 40  # and its valid answer is kept


def test_of_a_reask_only_the_answer_that_passed_is_cached(tmp_path: Path) -> None:
    cache = CallCache(tmp_path)
    model = ScriptedModel([{"rooms": "many"}, {"homes": 40}])
    assert ask(model, cache, retries=1).homes == 40
    assert cache.info().entries == 1
    assert cache.get(body_key(model.requests[0].body)) is None
    assert cache.get(body_key(model.requests[1].body)) is not None


def test_a_cached_answer_that_fails_validation_is_removed(tmp_path: Path) -> None:
    cache = CallCache(tmp_path)
    first = ScriptedModel([{"homes": 40}])
    ask(first, cache)
    key = body_key(first.requests[0].body)
    poisoned = json.loads(cache.get(key) or "")
    poisoned["choices"][0]["message"]["content"] = '{"rooms": "many"}'
    cache.put(key, json.dumps(poisoned), model="qwen")  # as an older version would have kept it
    with pytest.raises(SchemaFailure):
        ask(ScriptedModel(never), cache)
    assert cache.get(key) is None
    assert ask(ScriptedModel([{"homes": 40}]), cache).homes == 40


def test_a_judge_token_that_is_neither_yes_nor_no_is_not_cached(tmp_path: Path) -> None:
    cache = CallCache(tmp_path)
    assert judge(ScriptedModel(["Maybe"]), cache) is None
    assert cache.info().entries == 0
    assert judge(ScriptedModel([0.9]), cache) == pytest.approx(0.9)
    assert judge(ScriptedModel(never), cache) == pytest.approx(0.9)


# --- 2. the key, and anything shaped like one, never passes an answer ----------------------------------


def stored_bytes(directory: Path) -> bytes:
    return b"".join(p.read_bytes() for p in sorted(directory.iterdir()) if p.is_file())


def test_a_key_echoed_inside_an_answer_is_scrubbed_before_it_is_parsed_or_cached(tmp_path: Path) -> None:
    cache = CallCache(tmp_path)
    echoed = f"headers: Authorization: Bearer {KEY}, X-Upstream: {OTHER}"
    value = ask(ScriptedModel([{"text": echoed}]), cache, schema=Note)
    assert KEY not in value.text and OTHER not in value.text and "[redacted]" in value.text
    cache.close()
    assert KEY.encode() not in stored_bytes(tmp_path) and OTHER.encode() not in stored_bytes(tmp_path)


def test_a_key_escaped_in_the_answers_json_is_scrubbed_too() -> None:
    escaped = "".join(f"\\u{ord(c):04x}" for c in KEY)  # "\u0073\u006b..." decodes to the key
    raw = '{"text": "' + escaped + '"}'
    assert json.loads(raw)["text"] == KEY
    assert KEY not in ask(ScriptedModel([raw]), None, schema=Note).text


def test_a_server_echoing_the_key_in_every_answer_leaves_no_trace_in_any_report(tmp_path: Path) -> None:
    def echo(request: Request) -> Answer:
        leak = f" (Authorization: Bearer {KEY})"
        if request.schema == "Restatements":
            ids = [int(x) for x in request.last.rsplit("Restate sentences ", 1)[1].rstrip(".").split(", ")]
            return {"statements": [{"id": i, "statement": f"Sentence {i}{leak}."} for i in ids]}
        if request.schema == "Reconciliation":
            return {"summary": [{"text": f"The river flooded{leak}.", "facts": []}]}
        if request.schema == "SentenceFixes":
            return {"sentences": []}
        return 0.9

    model = ScriptedModel(echo)
    cache = CallCache(tmp_path)
    settings = model.settings(api_key=KEY, cache=True)
    report = summarize(SEEDS, client=ModelClient(settings, transport=model.transport(), cache=cache))
    cache.close()
    for shown in (to_json(report), to_markdown(report), to_html(report)):
        assert KEY not in shown
    assert KEY.encode() not in stored_bytes(tmp_path)


@pytest.fixture
def umask_022() -> Iterator[None]:
    old = os.umask(0o022)
    try:
        yield
    finally:
        os.umask(old)


def test_the_cache_database_is_private_to_the_user(tmp_path: Path, umask_022: None) -> None:
    directory = tmp_path / "made" / "here"
    cache = CallCache(directory)
    ask(ScriptedModel([{"homes": 40}]), cache)
    assert stat.S_IMODE(directory.stat().st_mode) == 0o700
    files = [p for p in directory.iterdir() if p.is_file()]
    assert cache.path in files
    assert all(stat.S_IMODE(p.stat().st_mode) == 0o600 for p in files), files


def test_a_batch_answer_echoing_the_key_is_cached_scrubbed(tmp_path: Path) -> None:
    line = BatchLine("s/extract/A", {"x": 1}, request_key({"x": 1}))
    body = {"choices": [{"message": {"content": f"Bearer {KEY}"}, "finish_reason": "stop"}]}
    cache = CallCache(tmp_path)
    stored, _failed = store_results(
        [line], [LineResult(line.custom_id, 200, body, None)], cache, model="m", secret=KEY
    )
    assert stored == 1 and KEY not in (cache.get(line.key) or KEY)


# --- 9. an answer's size is bounded -------------------------------------------------------------------


def test_an_answer_over_the_size_limit_is_refused_unread_once_and_named(tmp_path: Path) -> None:
    huge = {"text": "flood " * 1_400_000}  # 8.4 MB in one field
    model = ScriptedModel(lambda _request: huge)
    cache = CallCache(tmp_path)

    async def run() -> None:
        settings = model.settings(max_retries=2, client_retries=2, api_key=KEY)
        client = ModelClient(settings, transport=model.transport(), cache=cache)
        try:
            await client.structured(Note, MESSAGES, context={}, stage="extract", max_tokens=64)
        finally:
            await client.aclose()

    with pytest.raises(CallFailure) as caught:
        asyncio.run(run())
    message = str(caught.value)
    assert "the model's answer was 8,4" in message and "over the limit of 1,000,000 bytes" in message
    assert "connect" not in message.lower()
    assert len(model.requests) == 1  # neither re-asked nor retried: nothing in it is worth a second ask
    assert cache.info().entries == 0
