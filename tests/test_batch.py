"""Many stories at once against a loopback server: reports, the index, and one story's failure isolated."""

from __future__ import annotations

import asyncio
import contextlib
import gc
import json
import os
import threading
import time
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import Any

import pytest

import summarizer.shards as shards_module
from summarizer import backends
from summarizer.batch import (
    BatchResult,
    Story,
    StoryEvent,
    StoryResult,
    deal,
    discover,
    run_batch,
    write_index,
)
from summarizer.config import Settings
from summarizer.errors import InputError
from summarizer.models import Report

from . import loopback as lb

pytestmark = pytest.mark.block_network(allowed_hosts=[r"127\.0\.0\.1$"])

# Sentence 2 of each article says "he", "she" or "they": each article's restatement is asked of the model.
STORIES = {
    "flood": [
        "Mayor Jan Holt said the river Elm burst its banks early on Monday morning.\n"
        "He said water reached the town hall by noon.\n",
        "Heavy rain pushed the river Elm over its banks on Monday.\n"
        "Volunteers filled sandbags all day, they said.\n",
    ],
    "fire": [
        "Fire chief Ana Ruiz said a fire destroyed the old mill on Friday night.\n"
        "She said firefighters fought the blaze for six hours.\n",
        "The old mill burned down late on Friday.\nNo one was hurt in the fire, officials said.\n",
    ],
    # Every request about this story fails: the server answers HTTP 500 (see `router`). The story's
    # report is still written, from the articles' own sentences, with the failures listed: partial.
    "quarry": [
        "Site manager Tom Reed said the quarry closed its gates on Tuesday.\n"
        "He said workers were sent home without notice.\n",
        "Workers at the quarry found the gates locked on Tuesday.\nThey said the owner has not commented.\n",
    ],
    # Nothing here reports a checkable fact: the story fails before any model call, with no report.
    "notes": ["Sign up for our newsletter today.\n", "Read more stories like this one.\n"],
}


RESTATED = {
    "flood": "Jan Holt said water reached the town hall by noon.",
    "fire": "Ana Ruiz said firefighters fought the blaze for six hours.",
}


def router(body: dict[str, Any]) -> str:
    route = lb.route_of(body)
    return f"quarry:{route}" if "quarry" in json.dumps(body.get("messages")) else route


@pytest.fixture
def server() -> Iterator[lb.LoopbackServer]:
    with lb.running(router=router) as s:
        s.script(lb.server_error(500, retry_after_ms="1").forever, route="quarry")
        yield s


@pytest.fixture
def story_dir(tmp_path: Path) -> Path:
    root = tmp_path / "stories"
    for name, texts in STORIES.items():
        folder = root / name
        folder.mkdir(parents=True)
        for i, text in enumerate(texts, 1):
            (folder / f"{i}.txt").write_text(text, encoding="utf-8")
    return root


def settings(server: lb.LoopbackServer, **changes: Any) -> Settings:
    return Settings(
        model="test",
        base_url=server.url,
        api_key="sk-test-batch",
        mode="json_schema",
        client_retries=0,
        max_retries=1,
        timeout=10.0,
        judge=False,
        cache=False,
    ).with_(**changes)


def run(
    stories: Sequence[Story], server: lb.LoopbackServer, out: Path, s: Settings | None = None, **options: Any
) -> BatchResult:
    return asyncio.run(run_batch(stories, s or settings(server), out, **options))


def test_discover_reads_one_story_per_folder(story_dir: Path) -> None:
    stories = discover(story_dir)
    assert [s.id for s in stories] == ["fire", "flood", "notes", "quarry"]
    assert [Path(p).name for p in stories[1].inputs] == ["1.txt", "2.txt"]
    assert all(s.modified > 0 for s in stories)


def test_discover_reads_a_jsonl_file(tmp_path: Path) -> None:
    path = tmp_path / "stories.jsonl"
    lines: list[dict[str, Any]] = [
        {"id": name, "articles": [{"name": f"{i}.txt", "text": t} for i, t in enumerate(texts, 1)]}
        for name, texts in STORIES.items()
    ]
    lines[0]["articles"][0]["text"] = "One line, no break: still an article's text, never a path."
    path.write_text("\n".join(json.dumps(x) for x in lines) + "\n\n", encoding="utf-8")
    stories = discover(path)
    assert [s.id for s in stories] == ["flood", "fire", "quarry", "notes"]
    assert all(isinstance(t, str) and "\n" in t for s in stories for t in s.inputs)


@pytest.mark.parametrize(
    ("content", "message"),
    [
        ("{not json}\n", "line 1: not JSON"),
        ('{"articles": []}\n', 'line 1: expected {"id"'),
        (
            '{"id": "a", "articles": [{"text": "x\\n"}]}\n{"id": "a", "articles": [{"text": "y\\n"}]}\n',
            "line 2",
        ),
        ('{"id": "../up", "articles": [{"text": "x\\n"}]}\n', "cannot name a report folder"),
        ("\n", "has no stories"),
    ],
    ids=["not-json", "no-id", "repeated-id", "path-id", "empty"],
)
def test_bad_jsonl_is_one_line_naming_the_place(tmp_path: Path, content: str, message: str) -> None:
    path = tmp_path / "s.jsonl"
    path.write_text(content, encoding="utf-8")
    with pytest.raises(InputError) as info:
        discover(path)
    assert message in str(info.value) and "\n" not in str(info.value)


def test_bad_folders_are_one_line(tmp_path: Path) -> None:
    with pytest.raises(InputError, match="no such file or folder"):
        discover(tmp_path / "missing")
    (tmp_path / "a.txt").write_text("x\n")
    with pytest.raises(InputError, match="has no story folders"):
        discover(tmp_path)
    with pytest.raises(InputError, match=r"not a \.jsonl file"):
        discover(tmp_path / "a.txt")


def test_a_story_without_articles_fails_alone(
    server: lb.LoopbackServer, story_dir: Path, tmp_path: Path
) -> None:
    (story_dir / "empty").mkdir()
    result = run(discover(story_dir), server, tmp_path / "out", concurrency=2)
    by_id = {s.id: s for s in result.stories}
    assert by_id["empty"].status == "failed" and "empty: has no *.txt articles" in (
        by_id["empty"].error or ""
    )
    assert by_id["flood"].status == by_id["fire"].status == "ok" and result.exit_code == 3
    lines = [
        {"id": "a", "articles": []},
        {"id": "b", "articles": [{"name": "x"}]},
        {"id": "c", "articles": [{"text": STORIES["flood"][0]}]},
    ]
    path = tmp_path / "s.jsonl"
    path.write_text("".join(json.dumps(x) + "\n" for x in lines), encoding="utf-8")
    a, b, c = discover(path)
    assert a.problem is not None and a.problem.endswith("line 1: story has no articles")
    assert b.problem is not None and b.problem.endswith("line 2: article 1 of the story has no text")
    assert c.problem is None and len(c.inputs) == 1


def test_a_batch_writes_reports_and_an_index_and_isolates_failing_stories(
    server: lb.LoopbackServer, story_dir: Path, tmp_path: Path
) -> None:
    out = tmp_path / "out"
    events: list[StoryEvent] = []
    result = run(discover(story_dir), server, out, concurrency=2, progress=events.append)

    by_id = {s.id: s for s in result.stories}
    assert {k: v.status for k, v in by_id.items()} == {
        "fire": "ok",
        "flood": "ok",
        "notes": "failed",
        "quarry": "partial",
    }
    assert result.exit_code == 3 and [s.id for s in result.failed] == ["notes", "quarry"]

    failed = by_id["notes"]
    assert failed.report_path is None and failed.error is not None
    assert "\n" not in failed.error and "no article has a checkable claim" in failed.error
    assert not (out / "notes").exists()

    # The server failed every call of this story: its report stands on the articles' own sentences.
    partial = by_id["quarry"]
    assert partial.report_path == out / "quarry" / "report.json" and partial.failures == 3
    report = Report.model_validate_json(partial.report_path.read_text(encoding="utf-8"))
    assert [(f.stage, f.article_id) for f in report.failures] == [
        ("extract", "A"),
        ("extract", "B"),
        ("reconcile", None),
    ]
    assert all("HTTP 500" in f.error for f in report.failures)
    assert report.claims and all(c.statement == c.quote for c in report.claims)
    assert {x.route for x in server.requests("quarry")} == {
        "quarry:extract:A",
        "quarry:extract:B",
        "quarry:reconcile",
    }

    for name in ("fire", "flood"):
        r = by_id[name]
        assert r.report_path == out / name / "report.json"
        report = Report.model_validate_json(r.report_path.read_text(encoding="utf-8"))
        assert (out / name / "report.md").read_text(encoding="utf-8").strip()
        assert [a.text.split("\n")[0] for a in report.articles] == [t.split("\n")[0] for t in STORIES[name]]
        assert r.articles == 2 and r.claims_verified == sum(c.verified for c in report.claims) > 0
        assert r.conflicts == len(report.conflicts) and r.single_source == len(report.single_source)
        assert r.failed_checks == sum(not c.passed for c in report.checks)
        assert not report.failures and report.summary
        # The model's restatement of sentence A2, its pronoun resolved, is the claim's statement.
        assert {c.id: c.statement for c in report.claims}["A2"] == RESTATED[name]
    assert len(server.requests("extract")) == 3  # fire's B says no "he"/"she": nothing to restate

    index = json.loads(result.index_json.read_text(encoding="utf-8"))
    entries = {e["id"]: e for e in index["stories"]}
    totals = index["totals"]
    assert (totals["stories"], totals["ok"], totals["partial"], totals["failed"]) == (4, 2, 1, 1)
    assert entries["flood"]["paths"] == {"json": "flood/report.json", "md": "flood/report.md"}
    assert entries["notes"]["error"] == failed.error and entries["notes"]["report_path"] is None
    assert entries["quarry"]["failures"] == 3 and entries["quarry"]["report_path"] == "quarry/report.json"
    html = result.index_html.read_text(encoding="utf-8")
    assert 'href="flood/report.md"' in html and "no article has a checkable claim" in html
    assert "partial (3 failed)" in html
    assert "http://" not in html.replace(server.url, "")  # self-contained: no external assets

    # Every story started once and finished once; the last event has counted them all.
    finals = [e for e in events if e.kind in ("done", "failed", "skipped")]
    assert sorted(e.story_id for e in finals) == ["fire", "flood", "notes", "quarry"]
    assert sorted(e.story_id for e in events if e.kind == "start") == ["fire", "flood", "notes", "quarry"]
    assert finals[-1].done == finals[-1].total == 4
    assert any(e.kind == "note" and e.story_id == "flood" for e in events)


def test_worker_processes_write_the_same_reports_and_count_every_story_once(
    server: lb.LoopbackServer, story_dir: Path, tmp_path: Path
) -> None:
    one = run(discover(story_dir), server, tmp_path / "one", concurrency=2)
    events: list[StoryEvent] = []
    two = run(discover(story_dir), server, tmp_path / "two", concurrency=2, workers=2, progress=events.append)

    def statuses(result: BatchResult) -> dict[str, str]:
        return {s.id: s.status for s in result.stories}

    def content(result: BatchResult, story: str) -> dict[str, Any]:
        path = next(s.report_path for s in result.stories if s.id == story)
        assert path is not None
        data = json.loads(path.read_text(encoding="utf-8"))
        data.pop("usage")  # seconds differ from run to run
        for a in data["articles"]:
            a.pop("path")
        return data

    assert (
        statuses(two)
        == statuses(one)
        == {"fire": "ok", "flood": "ok", "notes": "failed", "quarry": "partial"}
    )
    assert [s.id for s in two.stories] == [s.id for s in one.stories]  # the order stories were given in
    for story in ("fire", "flood", "quarry"):
        assert content(two, story) == content(one, story)
    index = json.loads(two.index_json.read_text(encoding="utf-8"))
    assert index["totals"]["stories"] == 4 and index["totals"]["failed"] == 1
    # The workers' events reach the caller, counted across processes.
    finals = [e for e in events if e.kind in ("done", "failed", "skipped")]
    assert sorted(e.story_id for e in finals) == ["fire", "flood", "notes", "quarry"]
    assert [e.done for e in finals] == [1, 2, 3, 4] and finals[-1].total == 4


class _OwnServer:
    """A backend that runs its own server (as the bundled model does): here, the test's loopback one."""

    name = "own-server"

    def __init__(self, url: str) -> None:
        self.url = url
        self.served = 0

    def check(self, settings: Settings) -> None:
        pass

    @contextlib.asynccontextmanager
    async def serve(self, settings: Settings, note: Any) -> Any:
        self.served += 1
        yield settings.with_(base_url=self.url)


def test_workers_reach_the_server_their_parent_started_and_start_none(
    server: lb.LoopbackServer, story_dir: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    own = _OwnServer(server.url)
    # Registered in this process only: a worker asking for this backend would fail its stories.
    monkeypatch.setitem(backends._registry(), own.name, own)
    s = settings(server).with_(backend=own.name, base_url=None)
    result = run(discover(story_dir), server, tmp_path / "out", s, concurrency=2, workers=2)
    assert own.served == 1
    assert {r.id: r.status for r in result.stories} == {
        "fire": "ok",
        "flood": "ok",
        "notes": "failed",
        "quarry": "partial",
    }


def _die_on_fire(stories: list[Story], *args: Any) -> list[StoryResult]:
    """A worker (run in a spawned process) that dies on the shard holding 'fire', after finishing 'ash'."""
    if any(s.id == "fire" for s in stories):
        shards_module._worker_result(StoryResult(id="ash", status="ok"))
        time.sleep(0.5)  # the other worker is busy when this one dies
        os._exit(1)
    time.sleep(2.0)
    return [StoryResult(id=s.id, status="ok") for s in stories]


def test_a_worker_that_dies_fails_only_its_own_unwritten_stories(tmp_path: Path) -> None:
    # Dealt by size: flood to one worker; fire, then ash, to the other, which finishes ash and dies.
    stories = [
        Story(id=n, inputs=(f"{n} text.\n" * k,), source=tmp_path, modified=0.0)
        for n, k in (("fire", 2), ("flood", 3), ("ash", 1))
    ]
    s = Settings(model="test", base_url="http://127.0.0.1:9/v1", api_key="sk-test", cache=False)
    events: list[StoryEvent] = []
    results = asyncio.run(
        shards_module.run_shards(
            stories, s, tmp_path, 1, ("json",), True, events.append, 2, work=_die_on_fire
        )
    )
    by_id = {r.id: r for r in results}
    assert by_id["fire"].status == "failed" and "worker process failed" in (by_id["fire"].error or "")
    assert "\n" not in (by_id["fire"].error or "")
    assert by_id["ash"].status == "ok"  # finished before its worker died
    assert by_id["flood"].status == "ok"  # the other worker's stories stand
    assert [r.id for r in results] == ["fire", "flood", "ash"]
    assert [(e.story_id, e.kind, e.done) for e in events if e.kind == "failed"] == [("fire", "failed", 1)]


def _frozen(stories: list[Story], *args: Any) -> list[StoryResult]:
    """A worker that reports, as each story's error, how many objects its process has frozen."""
    return [StoryResult(id=s.id, status="ok", error=str(gc.get_freeze_count())) for s in stories]


def test_a_worker_process_freezes_what_its_imports_built(tmp_path: Path) -> None:
    stories = [Story(id="fire", inputs=("Fire text.\n",), source=tmp_path, modified=0.0)]
    s = Settings(model="test", base_url="http://127.0.0.1:9/v1", api_key="sk-test", cache=False)
    (result,) = asyncio.run(
        shards_module.run_shards(stories, s, tmp_path, 1, ("json",), True, lambda _e: None, 1, work=_frozen)
    )
    # The pipeline's stack (openai's model classes among it) is well over 100,000 objects.
    assert int(result.error or 0) > 100_000


def test_deal_gives_each_worker_about_equal_work(tmp_path: Path) -> None:
    stories = [
        Story(id=f"s{n}", inputs=("x" * n + "\n",), source=tmp_path, modified=0.0) for n in (9, 1, 5, 4, 3)
    ]
    shards = deal(stories, 2)
    assert [[s.id for s in shard] for shard in shards] == [["s9", "s3"], ["s5", "s4", "s1"]]  # 14 and 13
    assert deal(stories[:1], 4) == [stories[:1]]  # no empty worker


def test_a_rerun_skips_fresh_reports_and_retries_failures(
    server: lb.LoopbackServer, story_dir: Path, tmp_path: Path
) -> None:
    out = tmp_path / "out"
    run(discover(story_dir), server, out)
    server.clear()

    again = run(discover(story_dir), server, out)
    assert {s.id: s.status for s in again.stories} == {
        "fire": "skipped",
        "flood": "skipped",
        "notes": "failed",
        "quarry": "partial",
    }
    assert {s.route.split(":")[0] for s in server.seen} == {"quarry"}  # only the partial story was asked
    assert {s.id: s.conflicts for s in again.stories if s.status == "skipped"} == {
        s["id"]: s["conflicts"]
        for s in json.loads(again.index_json.read_text())["stories"]
        if s["status"] == "skipped"
    }

    # An input newer than its report makes that story run again; `force` runs them all.
    later = (out / "flood" / "report.json").stat().st_mtime + 10
    os.utime(story_dir / "flood" / "1.txt", (later, later))
    server.clear()
    third = run(discover(story_dir), server, out)
    assert {s.id: s.status for s in third.stories}["flood"] == "ok"
    assert {s.id: s.status for s in third.stories}["fire"] == "skipped"
    forced = run(discover(story_dir), server, out, force=True)
    assert {s.id: s.status for s in forced.stories}["fire"] == "ok"


def test_the_stories_share_the_call_cache_so_a_rerun_asks_only_what_failed(
    server: lb.LoopbackServer, story_dir: Path, tmp_path: Path
) -> None:
    cached = settings(server, cache=True, cache_dir=str(tmp_path / "cache"))
    run(discover(story_dir), server, tmp_path / "out", cached)
    assert server.requests("extract") and server.requests("reconcile")
    server.clear()
    forced = run(discover(story_dir), server, tmp_path / "out", cached, force=True)
    assert {s.id: s.status for s in forced.stories}["flood"] == "ok"
    # Every answer that came is answered again from the cache; the failures (never cached) are re-asked.
    assert {s.route.split(":")[0] for s in server.seen} == {"quarry"}


def test_stories_run_at_most_concurrency_at_once(tmp_path: Path) -> None:
    in_flight = peak = 0

    async def fake(inputs: Sequence[str | Path], settings: Settings, *, progress: Any) -> Report:
        nonlocal in_flight, peak
        in_flight += 1
        peak = max(peak, in_flight)
        await asyncio.sleep(0.02)
        in_flight -= 1
        if "boom" in str(inputs[0]):
            raise RuntimeError("a bug in one story")
        from summarizer.ingest import load

        return Report(articles=load(inputs))

    stories = [Story(id=f"s{i}", inputs=(f"story {i}\n",), source=tmp_path, modified=0.0) for i in range(7)]
    stories.append(Story(id="bad", inputs=("boom\n",), source=tmp_path, modified=0.0))
    result = asyncio.run(
        run_batch(stories, Settings(model="x"), tmp_path / "out", concurrency=3, runner=fake)
    )
    assert peak == 3
    statuses = {s.id: s.status for s in result.stories}
    assert statuses.pop("bad") == "failed" and set(statuses.values()) == {"ok"}
    bad = next(s for s in result.stories if s.id == "bad")
    assert bad.error == "internal error: RuntimeError: a bug in one story"


def test_stories_ingest_one_at_a_time_so_the_event_loop_keeps_sending(
    server: lb.LoopbackServer, story_dir: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # The CPU-bound stages share one thread (summarizer.offload): with asyncio's pool, stories
    # started together ingested side by side, each finishing only when all did.
    import summarizer.ingest

    load, lock = summarizer.ingest.load, threading.Lock()
    inside = peak = 0

    def watched(inputs: Sequence[str | Path]) -> list[Any]:
        nonlocal inside, peak
        with lock:
            inside += 1
            peak = max(peak, inside)
        try:
            time.sleep(0.02)  # releases the GIL: a second thread, if there were one, would enter now
            return load(inputs)
        finally:
            with lock:
                inside -= 1

    monkeypatch.setattr(summarizer.ingest, "load", watched)
    stories = [s for s in discover(story_dir) if s.id in ("fire", "flood")] * 1
    copies = [
        Story(id=f"{s.id}{i}", inputs=s.inputs, source=s.source, modified=0.0)
        for s in stories
        for i in range(4)
    ]
    result = run(copies, server, tmp_path / "out", concurrency=8)
    assert {s.status for s in result.stories} == {"ok"} and len(result.stories) == 8
    assert peak == 1


def test_the_index_html_escapes_what_it_shows(tmp_path: Path) -> None:
    evil = StoryResult(id="s1", status="failed", error='<script>alert("x")</script> & more')
    _, html_path = write_index([evil], tmp_path, model="<b>m</b>")
    html = html_path.read_text(encoding="utf-8")
    assert "<script>" not in html and "&lt;script&gt;" in html and "&lt;b&gt;m&lt;/b&gt;" in html
