"""Hostile model answers (issue 26): none poisons the call cache, leaks the key or exhausts memory."""

from __future__ import annotations

import asyncio
import json
from pathlib import Path

import pytest
from pydantic import BaseModel

from summarizer.cache import CallCache
from summarizer.llm import ModelClient, SchemaFailure
from summarizer.scripted import Answer, ScriptedModel
from summarizer.transport import body_key

MESSAGES = [{"role": "system", "content": "Say how many homes."}, {"role": "user", "content": "40 homes."}]
JUDGE = [{"role": "user", "content": "Does the source say 40 homes? Yes or No."}]


class Homes(BaseModel):
    """A one-field answer, enough for a structured call."""

    homes: int


def ask(model: ScriptedModel, cache: CallCache, *, retries: int = 0) -> Homes:
    async def run() -> Homes:
        client = ModelClient(model.settings(max_retries=retries), transport=model.transport(), cache=cache)
        try:
            value, _call, _text = await client.structured(
                Homes, MESSAGES, context={}, stage="extract", max_tokens=64
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
