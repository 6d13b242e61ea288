"""The Batch API fills the call cache: lines keyed as live calls are; then a run asks no extraction live."""

from __future__ import annotations

import asyncio
import json
from collections.abc import Iterator
from pathlib import Path

import pytest

from summarizer.batch import Story
from summarizer.batchapi import (
    BatchLine,
    extraction_lines,
    parse_results,
    prefill,
    store_results,
    to_jsonl,
)
from summarizer.cache import CallCache, request_key
from summarizer.config import Settings
from summarizer.llm import ModelClient, body_key
from summarizer.models import Report
from summarizer.pipeline import asummarize, summarize

from . import loopback as lb

pytestmark = pytest.mark.block_network(allowed_hosts=[r"127\.0\.0\.1$"])

# Each story has articles whose sentences say "he"/"she": those are the extractions the model is asked.
FLOOD = (
    "Mayor Jan Holt said the river Elm burst its banks early on Monday morning.\n"
    "He said water reached the town hall by noon.\n",
    "Heavy rain pushed the river Elm over its banks on Monday.\n"
    "Volunteers filled sandbags all day, they said.\n",
)
FIRE = (
    "Fire chief Ana Ruiz said a fire destroyed the old mill on Friday night.\n"
    "She said firefighters fought the blaze for six hours.\n",
    # No pronoun, no vague reference: nothing to restate, so no extraction call and no batch line.
    "The old mill burned down late on Friday.\nNo one was hurt in the fire, officials said.\n",
)
LINES = ["flood/extract/A/2", "flood/extract/B/2", "fire/extract/A/2"]
# Fourteen sentences to restate: two chunks of at most extract.CHUNK (12), so two calls and two lines.
LONG = "Jan Holt runs the town's flood office.\n" + "".join(
    f"He said pump number {n} ran all night on Monday.\n" for n in range(1, 15)
)


def stories() -> list[Story]:
    return [Story("flood", FLOOD, Path("."), 0.0), Story("fire", FIRE, Path("."), 0.0)]


@pytest.fixture
def server() -> Iterator[lb.LoopbackServer]:
    with lb.running() as s:
        yield s


def settings(server: lb.LoopbackServer, mode: str = "json_schema") -> Settings:
    return Settings(
        model="test",
        base_url=server.url,
        api_key="sk-test-batchapi",
        mode=mode,  # type: ignore[arg-type]
        client_retries=0,
        max_retries=1,
        timeout=10.0,
        judge=False,
        cache=False,
    )


async def run_cached(story: Story, s: Settings, cache: CallCache) -> Report:
    """One story through the live pipeline, its calls answered by the library's caching transport."""
    client = ModelClient(s, cache=cache)
    try:
        return await asummarize(story.inputs, s, client=client)
    finally:
        await client.aclose()


@pytest.mark.parametrize("mode", ["json_schema", "tools", "json"])
def test_each_line_is_the_request_the_live_pipeline_sends(server: lb.LoopbackServer, mode: str) -> None:
    s = settings(server, mode)
    summarize(list(FLOOD), s)
    live = {body_key(seen.body): seen.route for seen in server.requests("extract")}
    lines = extraction_lines(stories()[:1], s)
    assert [line.custom_id for line in lines] == LINES[:2]
    assert {line.key: f"extract:{line.custom_id.split('/')[2]}" for line in lines} == live
    assert all(line.key == body_key(line.body) for line in lines)


def test_one_line_per_chunk_of_restatements(server: lb.LoopbackServer) -> None:
    s = settings(server)
    summarize([LONG], s)
    live = sorted(body_key(seen.body) for seen in server.requests("extract:A"))
    lines = extraction_lines([Story("pumps", (LONG,), Path("."), 0.0)], s)
    assert [line.custom_id for line in lines] == ["pumps/extract/A/2", "pumps/extract/A/14"]
    assert sorted(line.key for line in lines) == live and len(live) == 2


def test_with_restatement_off_there_is_no_line_to_send(server: lb.LoopbackServer) -> None:
    assert extraction_lines(stories(), settings(server).with_(restate=False)) == []


def test_the_input_file_is_batch_api_jsonl(server: lb.LoopbackServer) -> None:
    lines = extraction_lines(stories(), settings(server))
    rows = [json.loads(x) for x in to_jsonl(lines).decode().splitlines()]
    assert [r["custom_id"] for r in rows] == LINES
    assert {(r["method"], r["url"]) for r in rows} == {("POST", "/v1/chat/completions")}
    assert rows[0]["body"]["model"] == "test" and rows[0]["body"]["response_format"]["type"] == "json_schema"
    assert rows[0]["body"]["response_format"]["json_schema"]["name"] == "Restatements"
    assert rows[0]["body"]["messages"][-1]["content"].endswith("Restate sentences 2.")
    assert len({line.key for line in lines}) == 3


def test_a_batch_fills_the_cache_and_the_run_then_asks_no_extraction_live(
    server: lb.LoopbackServer, tmp_path: Path
) -> None:
    s = settings(server)
    cache = CallCache(tmp_path)
    notes: list[str] = []
    done = asyncio.run(prefill(stories(), s, cache, poll_seconds=0.05, timeout=30, progress=notes.append))

    assert done.status == "completed" and done.stored == 3 and not done.failed
    assert done.batch_id in server.batches
    (upload,) = [f for f in server.files.values() if f[1] == "batch"]
    assert upload[2].count(b'"custom_id"') == 3
    assert sorted(x.route for x in server.requests(via="batch")) == ["extract:A", "extract:A", "extract:B"]
    assert server.requests(via="http") == []  # uploads and polls only: no chat completion was asked live
    assert cache.info().entries == 3
    assert any("completed" in n for n in notes)

    server.clear()
    reports = [asyncio.run(run_cached(story, s, cache)) for story in stories()]
    assert server.requests("extract") == []  # every extraction came from the batch, through the cache
    assert len(server.requests("reconcile", via="http")) == 2  # the merge depends on them: asked live
    for report in reports:
        assert not report.failures and {c.article_id for c in report.claims if c.verified} == {"A", "B"}
        (extract, *_) = [c for c in report.usage.calls if c.stage == "extract"]
        assert extract.cached == 1  # the cache answered, and the report says so
    flood = {c.id: c.statement for c in reports[0].claims}
    assert flood["A2"] == "Jan Holt said water reached the town hall by noon."  # the batch's restatement

    # Asked again, nothing is sent: the cache already answers every line.
    batches = len(server.batches)
    again = asyncio.run(prefill(stories(), s, cache, poll_seconds=0.05, timeout=30))
    assert again.already_cached == 3 and again.batch_id is None and len(server.batches) == batches


def test_failed_lines_are_named_and_left_for_the_live_run(server: lb.LoopbackServer, tmp_path: Path) -> None:
    server.script(lb.server_error(500), route="extract:B")  # flood's B: fire's B has no line
    s = settings(server)
    cache = CallCache(tmp_path)
    done = asyncio.run(prefill(stories(), s, cache, poll_seconds=0.05, timeout=30))
    assert done.stored == 2
    assert done.failed == {"flood/extract/B/2": "HTTP 500: internal server error"}
    server.clear()
    asyncio.run(run_cached(stories()[0], s, cache))
    assert [x.route for x in server.requests("extract")] == ["extract:B"]  # only the one the batch lost


def test_results_that_must_not_be_cached(tmp_path: Path) -> None:
    lines = [BatchLine(f"s/extract/{x}", {"x": x}, request_key({"x": x})) for x in "ABCDE"]
    ok = {"choices": [{"finish_reason": "stop", "message": {"content": "{}"}}]}
    cut = {"choices": [{"finish_reason": "length", "message": {"content": "{"}}]}
    output = "\n".join(
        [
            json.dumps(
                {"custom_id": "s/extract/A", "response": {"status_code": 200, "body": ok}, "error": None}
            ),
            json.dumps({"custom_id": "s/extract/B", "response": {"status_code": 200, "body": cut}}),
            json.dumps({"custom_id": "s/extract/C", "response": None, "error": {"message": "expired"}}),
            json.dumps(
                {"custom_id": "s/extract/D", "response": {"status_code": 200, "body": {"choices": []}}}
            ),
            json.dumps({"custom_id": "other/extract/A", "response": {"status_code": 200, "body": ok}}),
            "not json at all",
        ]
    )
    cache = CallCache(tmp_path)
    stored, failed = store_results(lines, parse_results(output), cache, model="m")
    assert stored == 1 and cache.get(lines[0].key) is not None
    assert failed == {
        "s/extract/B": "an answer cut off at the token limit",
        "s/extract/C": "expired",
        "s/extract/D": "a completion with no choices",
        "s/extract/E": "no answer in the batch's output",
    }
