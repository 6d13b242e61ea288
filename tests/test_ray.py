"""`batch --ray`: stories as Ray actors' tasks on a local Ray instance, against the loopback model server.

Ray is the optional [ray] extra: the tests that start it skip where it is not installed; the one-line
error without it, and the CLI's reading of `--ray [ADDRESS]`, are tested everywhere.
"""

from __future__ import annotations

import asyncio
import importlib.util
import json
import re
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

import summarizer.rayrun as rayrun
from summarizer import commands
from summarizer.batch import BatchResult, StoryEvent, discover, run_batch
from summarizer.cli import app
from summarizer.errors import ConfigError

from . import loopback as lb
from .conftest import ROOT
from .test_batch import STORIES, router, settings

sys.path.insert(0, str(ROOT / "benchmarks"))
import basil

pytestmark = pytest.mark.block_network(allowed_hosts=[r"127\.0\.0\.1$"])

needs_ray = pytest.mark.skipif(
    importlib.util.find_spec("ray") is None, reason="ray is not installed (the [ray] extra)"
)
needs_basil = pytest.mark.skipif(not basil.available(), reason="../shared/datasets/basil is absent")

SECONDS = re.compile(r"\b\d+(?:\.\d+)? s\b")

# Three BASIL triplets whose runs on the real model are recorded (cassettes/basil/): real text, three
# outlets; three are enough stories for two actors, and the run stays short.
TRIPLETS = ["2058ec60", "79bf99c6", "f506aafc"]


@pytest.fixture(scope="module")
def ray_here() -> Iterator[Any]:
    """A local Ray instance on this machine, two CPUs, shut down after the module's tests."""
    import ray

    ray.init(num_cpus=2, include_dashboard=False, log_to_driver=False)
    try:
        yield ray
    finally:
        ray.shutdown()


@pytest.fixture
def server() -> Iterator[lb.LoopbackServer]:
    with lb.running(router=router) as s:
        s.script(lb.server_error(500, retry_after_ms="1").forever, route="quarry")
        yield s


@pytest.fixture
def story_dir(tmp_path: Path) -> Path:
    """The BASIL triplets, and test_batch's stories: two good, one the server fails, one with no fact."""
    root = tmp_path / "stories"
    for name, texts in STORIES.items():
        for i, text in enumerate(texts, 1):
            (root / name).mkdir(parents=True, exist_ok=True)
            (root / name / f"{i}.txt").write_text(text, encoding="utf-8")
    for uuid in basil.triplets():
        if uuid[:8] in TRIPLETS:
            basil.write_triplet(uuid, root / uuid[:8])
    return root


def run(root: Path, out: Path, server: lb.LoopbackServer, **options: Any) -> BatchResult:
    return asyncio.run(run_batch(discover(root), settings(server), out, concurrency=2, **options))


def reports(result: BatchResult) -> dict[str, Any]:
    """Each story's status, JSON report (less its timings) and Markdown report."""
    out: dict[str, Any] = {}
    for story in result.stories:
        texts = {}
        for fmt, path in story.paths.items():
            data = path.read_text(encoding="utf-8")
            if fmt == "json":
                parsed = json.loads(data)
                parsed.pop("usage")  # seconds differ from run to run
                texts[fmt] = parsed
            else:
                texts[fmt] = SECONDS.sub("… s", data)  # the usage line's timings
        out[story.id] = (story.status, story.error, texts)
    return out


def index(result: BatchResult) -> dict[str, Any]:
    data = json.loads(result.index_json.read_text(encoding="utf-8"))
    data.pop("generated")
    for entry in data["stories"]:
        entry.pop("seconds")
    return data


@needs_ray
@needs_basil
def test_ray_writes_the_same_reports_and_index_as_batch(
    ray_here: Any, server: lb.LoopbackServer, story_dir: Path, tmp_path: Path
) -> None:
    plain = run(story_dir, tmp_path / "plain", server)
    events: list[StoryEvent] = []
    on_ray = run(story_dir, tmp_path / "ray", server, ray=True, workers=2, progress=events.append)

    assert all((ROOT / "cassettes" / "basil" / f"{t}.yaml").is_file() for t in TRIPLETS)
    statuses = {s.id: s.status for s in on_ray.stories}
    assert statuses == {
        **dict.fromkeys(TRIPLETS, "ok"),
        "fire": "ok",
        "flood": "ok",
        "notes": "failed",
        "quarry": "partial",
    }
    assert [s.id for s in on_ray.stories] == [s.id for s in plain.stories]  # the order they were given in
    assert reports(on_ray) == reports(plain)
    assert index(on_ray) == index(plain)
    assert on_ray.exit_code == plain.exit_code == 3
    # Every story finished once, counted in the driver; the actors were two on the one node.
    finals = [e for e in events if e.kind in ("done", "failed", "skipped")]
    assert sorted(e.story_id for e in finals) == sorted(statuses)
    assert [e.done for e in finals] == list(range(1, len(statuses) + 1))
    assert [e.message for e in events if e.kind == "note"] == ["ray: 2 actors on 1 node"]


@needs_ray
def test_a_rerun_with_every_report_fresh_starts_no_ray(
    ray_here: Any, server: lb.LoopbackServer, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    root = tmp_path / "stories"
    for name in ("fire", "flood"):
        (root / name).mkdir(parents=True)
        for i, text in enumerate(STORIES[name], 1):
            (root / name / f"{i}.txt").write_text(text, encoding="utf-8")
    first = run(root, tmp_path / "out", server, ray=True)
    assert {s.status for s in first.stories} == {"ok"}

    def no_ray() -> None:
        raise AssertionError("Ray was asked for")

    monkeypatch.setattr(rayrun, "load_ray", no_ray)
    again = run(root, tmp_path / "out", server, ray=True)
    assert {s.status for s in again.stories} == {"skipped"} and again.exit_code == 0


@needs_ray
def test_a_node_whose_backend_cannot_start_fails_its_stories_with_the_one_line(
    ray_here: Any, tmp_path: Path
) -> None:
    root = tmp_path / "stories"
    for name in ("fire", "flood"):
        (root / name).mkdir(parents=True)
        (root / name / "1.txt").write_text(STORIES[name][0], encoding="utf-8")
    # An unknown backend, known only on the driver's side: every actor finds it cannot serve.
    s = settings_without_server().with_(backend="no-such-backend")
    result = asyncio.run(run_batch(discover(root), s, tmp_path / "out", concurrency=1, ray=True, workers=2))
    assert {r.status for r in result.stories} == {"failed"} and result.exit_code == 1
    errors = {r.error for r in result.stories}
    assert len(errors) == 1 and "no-such-backend" in (errors.pop() or "")


@needs_ray
def test_an_actor_that_dies_fails_only_its_story_in_flight(
    ray_here: Any, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    root = tmp_path / "stories"
    for name, copies in (("fire", 3), ("flood", 3)):
        for i in range(copies):
            (root / f"{name}{i}").mkdir(parents=True)
            for k, text in enumerate(STORIES[name], 1):
                (root / f"{name}{i}" / f"{k}.txt").write_text(text, encoding="utf-8")
    real = rayrun._deal

    async def deal_and_kill(ray: Any, actors: list[Any], *rest: Any) -> Any:
        async def kill_first_when_asked() -> None:
            while not server.seen:  # the first story (the first actor's) is asking the model
                await asyncio.sleep(0.05)
            ray.kill(actors[0], no_restart=True)  # dead for good: Ray's one restart is not used

        killer = asyncio.create_task(kill_first_when_asked())
        try:
            return await real(ray, actors, *rest)
        finally:
            killer.cancel()

    monkeypatch.setattr(rayrun, "_deal", deal_and_kill)
    with lb.running(router=router, ms_per_token=20) as server:
        s = settings(server).with_(timeout=60.0)
        stories = discover(root)
        result = asyncio.run(run_batch(stories, s, tmp_path / "out", concurrency=1, ray=True, workers=2))
    by_status: dict[str, list[str]] = {}
    for r in result.stories:
        by_status.setdefault(r.status, []).append(r.id)
    assert len(by_status["failed"]) == 1 and len(by_status["ok"]) == 5
    (dead,) = [r for r in result.stories if r.status == "failed"]
    assert (dead.error or "").startswith("ray: ") and "\n" not in (dead.error or "")
    assert dead.report_path is None and not (tmp_path / "out" / dead.id).exists()
    assert result.exit_code == 3


def settings_without_server() -> Any:
    from summarizer.config import Settings

    return Settings(model="test", base_url="http://127.0.0.1:9/v1", api_key="sk-test", cache=False)


def test_without_ray_the_batch_says_how_to_install_it(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setitem(sys.modules, "ray", None)  # `import ray` raises ImportError
    root = tmp_path / "stories"
    (root / "fire").mkdir(parents=True)
    (root / "fire" / "1.txt").write_text(STORIES["fire"][0], encoding="utf-8")
    with pytest.raises(ConfigError, match=r"pip install 'summarizer\[ray\]'"):
        asyncio.run(run_batch(discover(root), settings_without_server(), tmp_path / "out", ray=True))
    result = CliRunner().invoke(app, ["batch", str(root), "--out", str(tmp_path / "out"), "--ray"])
    assert result.exit_code == 2
    assert result.output.strip().splitlines() == [f"error: {rayrun.MISSING}"]


@pytest.mark.parametrize(
    ("args", "address"),
    [
        (["--ray"], ""),
        (["--ray", "--force"], ""),
        (["--ray", "auto"], "auto"),
        (["--ray", "local"], "local"),
        (["--ray", "ray://head:10001"], "ray://head:10001"),
        (["--ray", "10.0.0.5:6379"], "10.0.0.5:6379"),
        (["--ray=ray://head:10001"], "ray://head:10001"),
        ([], None),
    ],
    ids=["alone-last", "alone-before-option", "auto", "local", "client", "host-port", "equals", "none"],
)
def test_the_cli_reads_ray_with_or_without_an_address(
    args: list[str], address: str | None, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    seen: dict[str, Any] = {}

    def fake(found: Any, settings: Any, out: Path, **options: Any) -> BatchResult:
        seen.update(options, stories=[s.id for s in found])
        return BatchResult(stories=[], index_json=out / "index.json", index_html=out / "index.html")

    monkeypatch.setattr(commands, "batch", fake)
    root = tmp_path / "stories"
    (root / "fire").mkdir(parents=True)
    (root / "fire" / "1.txt").write_text(STORIES["fire"][0], encoding="utf-8")
    # --ray alone before the folder: the folder is still the stories, not an address.
    result = CliRunner().invoke(app, ["batch", *args, str(root), "--base-url", "http://127.0.0.1:9/v1"])
    assert result.exit_code == 0, result.output
    assert seen["ray"] == address and seen["stories"] == ["fire"]


def test_only_rayrun_imports_ray_and_only_when_a_batch_asks() -> None:
    import ast

    from .test_house import PACKAGE, imports

    users = {p.name for p in PACKAGE.rglob("*.py") if any(m.split(".")[0] == "ray" for m in imports(p))}
    assert users == {"rayrun.py"}
    # Inside functions only: importing the package (or the CLI) never loads Ray.
    top = ast.parse((PACKAGE / "rayrun.py").read_text(encoding="utf-8")).body
    at_top = [n.module or "" for n in top if isinstance(n, ast.ImportFrom)]
    at_top += [a.name for n in top if isinstance(n, ast.Import) for a in n.names]
    assert at_top and not [m for m in at_top if m.split(".")[0] == "ray"]
