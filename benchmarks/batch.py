"""Many stories at once: wall time against the critical path, and our own CPU time per story.

    python benchmarks/batch.py [--ms-per-token 10] [--story-concurrency 90] [--concurrency 4]
                               [--workers 1] [--profile 25] [--no-judge] [--ray] [--bundled] [--repeat 1]
                               [--against TREE]

Two shapes, both against the loopback server of tests/loopback.py (127.0.0.1, a free port, this
script's key only, stopped on exit or after --lifetime seconds), which answers after a delay of
--ms-per-token × the answer's completion tokens, as a model server would. The server runs in a child
process (benchmarks/apart.py), as a model server would: this process's CPU time and its GIL are the
pipeline's alone.

1. **One story of 32 articles**: benchmarks/concurrency.py's run (seed copies), for comparison with
   its figures.
2. **The 90 BASIL stories** (three outlets each, ../shared/datasets/basil) as one batch through
   `summarizer.batch.run_batch`, every story at once.

In both the server synthesizes each answer from the request (restatements of the sentences asked
for, a summary citing the facts listed, repairs from the source sentences, the judge's "Yes").
Printed: wall time, the critical path (over stories, the longest chain of waves: restatements, judge,
repair, merge, judge, repair, each wave as long as its slowest call's delay), their ratio against the
issue's target of 1.15, the ideal with each wave's calls taken on --concurrency slots per story (a
story whose wave has more calls than slots cannot end it in its slowest call's time), our CPU
seconds per story (with --repeat N, the batch run N times from cold caches of readings, each run's,
the least and the median), the time Python's cyclic garbage collector took in this process (its
passes timed through gc.callbacks), and (--profile N) the N functions of ours with the most own time
under cProfile, from a separate run so profiling does not distort the timings (its caches of
readings emptied first, so it reads every sentence afresh as the timed run did; the stages that run
on the CPU thread run in the event loop's thread there, so one profile holds them), with the seconds
of each stage.

**--against TREE** runs this same command twice at once, with this checkout's code and with TREE's (a
worktree: `git worktree add /tmp/base <commit>`), both on this checkout's BASIL, and prints each one's CPU
per story and the ratios: this machine's speed moves by a fifth to a half within an hour, and two
runs at once share its weather, where one after the other do not.

3. **--ray** (the [ray] extra), in place of 2's timings: the same 90 stories, one batch after another
   against the same server, in one process, with `--workers 2`, and through `batch --ray` on a local
   Ray instance started here (two CPUs, one node) with one and two actors, in two rounds (the second
   in reverse order); printed, each one's stories per minute and wall time, and Ray's start apart.
"""

from __future__ import annotations

import argparse
import asyncio
import cProfile
import io
import os
import pstats
import re
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))
sys.path.insert(0, str(Path(__file__).resolve().parents[1]))  # tests.loopback, the one loopback server

import apart
import basil
import concurrency
import recorded
from cpu import GcClock, by_stage, forget_readings, process_cpu, stages_inline, thread_cpu

from summarizer import Settings, ingest
from summarizer.batch import Story, run_batch
from summarizer.ingest import load
from tests import loopback as lb

KEY = "sk-bench-batch"
TARGET = 1.15


# --- the server's routes: which story a request is about ------------------------------------------------


# What comes before a source sentence on a prompt's line: "[4] " (restate), "F2 | A, B | " (merge),
# "   Source: " (repair); a judge's sources stand on lines of their own.
_PREFIX = re.compile(r"^(?:\[\d+\] |F\d+ \| [A-Z, ]+ \| |\s*Source: )")


def story_of(body: dict[str, Any], sentences: dict[str, str]) -> str:
    """The story a request is about: the one whose sentence it quotes first on a line of its own; '?'."""
    for line in lb.first_user(body).splitlines():
        story = sentences.get(_PREFIX.sub("", line).strip())
        if story:
            return story
    return "?"


def basil_stories() -> tuple[list[Story], dict[str, str]]:
    """Each BASIL triplet as a story of three texts; each sentence of five words or more → its story id."""
    stories: list[Story] = []
    sentences: dict[str, str] = {}
    shared: set[str] = set()
    for uuid, paths in sorted(basil.triplets().items()):
        texts = tuple(basil.article_text(p) for p in paths)
        for article in load(list(texts)):
            for sentence in article.sentences:
                text = sentence.text.strip()
                if len(text.split()) >= 5:
                    if sentences.get(text, uuid) != uuid:
                        shared.add(text)  # in two stories: says nothing about which
                    sentences[text] = uuid
        stories.append(Story(id=uuid, inputs=texts, source=basil.BASIL, modified=0.0))
    return stories, {t: sid for t, sid in sentences.items() if t not in shared}


def ingest_ab(stories: list[Story]) -> None:
    """Ingest of every story, one after another: with ingest.segment, then with stock pysbd's segment()."""

    stock = ingest._new_segmenter()  # one, as a caller of pysbd on one thread would keep

    def pysbd_spans(line: str) -> list[tuple[str, int]]:
        return [(span.sent, span.start) for span in stock.segment(line)]

    timed = {}
    for name, segment in (("stock pysbd", pysbd_spans), ("ingest.segment", ingest.segment)):
        original, ingest.segment = ingest.segment, segment
        try:
            began = time.process_time()
            for story in stories:
                load(list(story.inputs))
            timed[name] = time.process_time() - began
        finally:
            ingest.segment = original
    mine, theirs = timed["ingest.segment"], timed["stock pysbd"]
    print(
        f"\ningest alone, the {len(stories)} stories one after another (CPU): {theirs:.2f} s with "
        f"stock pysbd's segment(), {mine:.2f} s with ingest.segment ({theirs / mine:.2f}x)"
    )


def critical_path(seen: list[tuple[str, float, float, float]], slots: int) -> tuple[float, float, float, int]:
    """(critical path, ideal on `slots`, sum of delays, requests not mapped to a story), from the server.

    A story's path is its waves in arrival order (a new wave at each change of stage), each as long as
    its slowest call; the critical path is the longest story's. The ideal is the same with each wave's
    calls taken first-come on `slots` (the run's calls at once within a story): a story whose wave has
    more calls than slots cannot finish it in its slowest call's time.
    """
    per_story: dict[str, list[tuple[float, str, float]]] = {}
    unmapped = 0
    total = 0.0
    for route, at, delay, _sent in seen:
        story, _, stage = route.partition(":")
        total += delay
        if story == "?":
            unmapped += 1
            continue
        per_story.setdefault(story, []).append((at, stage.split(":")[0], delay))
    longest = best = 0.0
    for calls in per_story.values():
        waves: list[list[float]] = []
        wave = None
        for _at, stage, delay in sorted(calls):
            if stage != wave:
                waves.append([])
                wave = stage
            waves[-1].append(delay)
        longest = max(longest, sum(max(w) for w in waves))
        best = max(best, sum(concurrency.ideal(w, slots) for w in waves))
    return longest, best, total, unmapped


def settings(url: str, *, judge: bool, key: str = KEY, model: str = "bench") -> Settings:
    return Settings(
        model=model,
        base_url=url,
        api_key=key,
        mode="json_schema",
        client_retries=0,
        max_retries=0,
        judge=judge,
        cache=False,  # every call must reach the server, or there is no delay to measure
    )


async def _batch(
    stories: list[Story], s: Settings, out: Path, story_concurrency: int, workers: int = 1
) -> Any:
    return await run_batch(
        stories, s, out, concurrency=story_concurrency, formats=("json", "md"), force=True, workers=workers
    )


def through_ray(
    stories: list[Story], sentences: dict[str, str], ms: float, calls: int, judge: bool, lifetime: float
) -> None:
    """Stories per minute: batch in one process, with two worker processes, and on Ray, in one run."""
    import ray

    def router(body: dict[str, Any]) -> str:
        return f"{story_of(body, sentences)}:{lb.route_of(body)}"

    serving = apart.running(ms_per_token=ms, key=KEY, lifetime=lifetime, router=router)
    with serving as server, tempfile.TemporaryDirectory() as tmp:
        s = settings(server.url, judge=judge).with_(concurrency=calls)
        asyncio.run(_batch(stories[:2], s, Path(tmp) / "warm", 2))  # imports, templates, connections
        n = len(stories)
        shapes: list[tuple[str, int, int, bool]] = [
            (f"batch, one process, {n} stories at once", n, 1, False),
            (f"batch --workers 2, {n // 2} stories at once each", n // 2, 2, False),
            (f"batch --ray, 1 actor, {n} stories at once", n, 1, True),
            (f"batch --ray --workers 2: 2 actors, {n // 2} stories at once each", n // 2, 2, True),
        ]
        rows = []
        began = time.perf_counter()
        ray.init(num_cpus=2, include_dashboard=False, log_to_driver=False)
        start = time.perf_counter() - began
        # Two rounds, the second in reverse order: a machine whose load drifts favours neither end.
        order = [(1, shape) for shape in shapes] + [(2, shape) for shape in reversed(shapes)]
        try:
            for i, (round_, (name, at_once, workers, on_ray)) in enumerate(order):
                server.clear()
                began = time.perf_counter()
                result = asyncio.run(
                    run_batch(
                        stories,
                        s,
                        Path(tmp) / f"out{i}",
                        concurrency=at_once,
                        formats=("json", "md"),
                        force=True,
                        workers=workers,
                        ray=on_ray,
                    )
                )
                wall = time.perf_counter() - began
                statuses: dict[str, int] = {}
                for r in result.stories:
                    statuses[r.status] = statuses.get(r.status, 0) + 1
                requests = len(server.requests(via="http"))
                rows.append((name, round_, wall, n / wall * 60, statuses, requests))
        finally:
            ray.shutdown()
    print(
        f"\n{n} BASIL stories against the loopback server ({ms:g} ms per completion token, judge "
        f"{'on' if judge else 'off'}, {calls} calls at once per story), one after another in one run; "
        f"a local Ray instance (2 CPUs, this machine) started in {start:.1f} s, not counted below"
    )
    print("\n| | round | wall | stories per minute | requests | statuses |\n|---|---|---|---|---|---|")
    rank = {shape[0]: i for i, shape in enumerate(shapes)}
    for name, round_, wall, rate, statuses, requests in sorted(rows, key=lambda r: rank[r[0]]):
        print(f"| {name} | {round_} | {wall:.1f} s | {rate:.0f} | {requests} | {statuses} |")


_RUNS = re.compile(r"our CPU per story in \d+ runs: ([\d., ]+) ms")
_ONE_RUN = re.compile(r", ([\d.]+) ms per story")


def _per_story(output: str) -> list[float]:
    """Our CPU per story in each run, from a run's printout (one figure without --repeat)."""
    if m := _RUNS.search(output):
        return [float(x) for x in m.group(1).split(",")]
    return [float(m.group(1))] if (m := _ONE_RUN.search(output)) else []


def pair(tree: str) -> None:
    """This command, without --against, run at once with this checkout's code and with `tree`'s, and our
    CPU per story of each, its least and median, and their ratios (this / tree)."""
    argv, rest = sys.argv[1:], []
    while argv:  # without "--against TREE" or "--against=TREE"
        arg = argv.pop(0)
        if arg == "--against":
            argv.pop(0)
        elif not arg.startswith("--against="):
            rest.append(arg)
    roots = {"this": Path(__file__).resolve().parents[1], "tree": Path(tree).resolve()}
    script = Path("benchmarks") / "batch.py"
    runs = {}
    for name, root in roots.items():
        # Both read this checkout's BASIL: a worktree elsewhere has no ../shared of its own.
        env = {**os.environ, "PYTHONPATH": str(root), "SUMMARIZER_SHARED": str(basil.BASIL.parents[2])}
        runs[name] = subprocess.Popen(
            [sys.executable, str(script), *rest], cwd=root, env=env, stdout=subprocess.PIPE, text=True
        )
    out = {name: proc.communicate()[0] for name, proc in runs.items()}
    failed = [f"{name} exited {proc.returncode}" for name, proc in runs.items() if proc.returncode]
    recorded.header("batch --against: our CPU per story, this checkout and another, run at the same time")
    figures = {name: _per_story(text) for name, text in out.items()}
    for name, values in figures.items():
        print(f"  {name} ({roots[name]}): {', '.join(f'{v:.1f}' for v in values)} ms a story")
    this, other = figures["this"], figures["tree"]
    if failed or not this or not other:
        raise SystemExit(f"no CPU per story from both runs ({'; '.join(failed) or 'nothing printed'})")
    print(
        f"  least {min(this):.1f} / {min(other):.1f} ms ({min(this) / min(other):.2f}x), "
        f"median {statistics.median(this):.1f} / {statistics.median(other):.1f} ms "
        f"({statistics.median(this) / statistics.median(other):.2f}x)"
    )


def main() -> None:
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--ms-per-token", type=float, default=10.0, help="server delay per completion token")
    p.add_argument("--story-concurrency", type=int, default=90, help="stories at once in the batch")
    p.add_argument("--concurrency", type=int, default=4, help="calls at once in a story (as --concurrency)")
    p.add_argument("--articles", type=int, default=32, help="articles in the one-story run (0: skip it)")
    p.add_argument("--profile", type=int, default=25, help="functions to list from cProfile (0: no profile)")
    p.add_argument(
        "--repeat", type=int, default=1, help="times to run the BASIL batch for its CPU time (least, median)"
    )
    p.add_argument("--lifetime", type=float, default=900.0, help="the servers stop themselves after this")
    p.add_argument("--no-judge", action="store_true", help="run without the judge (as --no-judge)")
    p.add_argument(
        "--workers", type=int, default=1, help="processes sharing the 90 stories (batch --workers)"
    )
    p.add_argument(
        "--ray", action="store_true", help="stories per minute through batch --ray next to batch (section 3)"
    )
    p.add_argument(
        "--bundled",
        action="store_true",
        help="run the BASIL batch as the bundled model runs by default: no restatement, no repair",
    )
    p.add_argument(
        "--against",
        metavar="TREE",
        help="run this same command with another checkout's code (a worktree) at the same time, and print "
        "the ratio of our CPU per story to its: two runs under one hour's weather of a shared machine "
        "(not with --ray, which prints no CPU per story)",
    )
    args = p.parse_args()
    if args.against:
        pair(args.against)
        return
    judge = not args.no_judge
    recorded.header("batch: wall time against the critical path, and our CPU per story")
    print(f"server delay: {args.ms_per_token:g} ms per completion token; judge {'on' if judge else 'off'}")

    # 1. One story of many articles, as benchmarks/concurrency.py runs it.
    if args.articles:
        seeds = concurrency.seeds()
        with apart.running(
            ms_per_token=args.ms_per_token, key=concurrency.KEY, lifetime=args.lifetime
        ) as server:
            concurrency.run(2, 2, server, concurrency.articles(2, seeds), judge=judge)  # warm-up
            texts = concurrency.articles(args.articles, seeds)
            with GcClock() as collected:
                cpu = time.process_time()
                row = concurrency.run(args.articles, args.articles, server, texts, judge=judge)
                cpu = time.process_time() - cpu
        status = "met" if row.wall <= TARGET * row.critical else "MISSED"
        print(
            f"\none story of {row.n} articles (concurrency {row.concurrency}, "
            f"{sum(row.calls.values())} calls): "
            f"wall {row.wall:.3f} s, critical path {row.critical:.3f} s, "
            f"wall/critical {row.wall / row.critical:.3f} ({status}); "
            f"our CPU {cpu:.3f} s (the server runs in another process); "
            f"pre {row.pre:.3f} s, between {row.between:.3f} s, post {row.post:.3f} s"
        )
        print(f"  {collected}, in the run and the model-free stages timed after it")

    # 2. The 90 BASIL stories as one batch.
    if not basil.available():
        print(f"\nBASIL is not at {basil.BASIL}: the batch run is skipped")
        return
    stories, sentences = basil_stories()
    n_articles = sum(len(s.inputs) for s in stories)
    if args.ray:
        through_ray(stories, sentences, args.ms_per_token, args.concurrency, judge, args.lifetime)
        return
    ingest_ab(stories)

    def router(body: dict[str, Any]) -> str:
        return f"{story_of(body, sentences)}:{lb.route_of(body)}"

    serving = apart.running(ms_per_token=args.ms_per_token, key=KEY, lifetime=args.lifetime, router=router)
    with serving as server, tempfile.TemporaryDirectory() as tmp:
        s = settings(server.url, judge=judge).with_(concurrency=args.concurrency)
        if args.bundled:
            s = s.with_(restate=False, repair=False)
        print(f"restatement {'on' if s.restating else 'off'}, repair {'on' if s.repairing else 'off'}")
        # Warm-up: imports, pysbd, templates, the first connections.
        asyncio.run(_batch(stories[:2], s, Path(tmp) / "warm", 2))
        server.clear()
        with GcClock() as collected:
            cpu, began, by_thread = process_cpu(), time.perf_counter(), thread_cpu()
            result = asyncio.run(_batch(stories, s, Path(tmp) / "out", args.story_concurrency, args.workers))
            wall, cpu = time.perf_counter() - began, process_cpu() - cpu
            by_thread = {t: x - by_thread.get(t, 0.0) for t, x in thread_cpu().items()}
        seen = [(x.route, x.at, x.delay, x.sent) for x in server.requests(via="http")]
        # The same batch again, each time from cold caches of readings as the first was: on a shared
        # machine one run's CPU time varies by a quarter; the least of them is the one others slowed least.
        again = []
        for n in range(args.repeat - 1):
            forget_readings()
            server.clear()
            before = process_cpu()
            asyncio.run(_batch(stories, s, Path(tmp) / f"again{n}", args.story_concurrency, args.workers))
            again.append(process_cpu() - before)
        critical, ideal, total, unmapped = critical_path(seen, s.concurrency)
        statuses: dict[str, int] = {}
        for r in result.stories:
            statuses[r.status] = statuses.get(r.status, 0) + 1
        ratio = wall / critical if critical else float("nan")
        target = "met" if ratio <= TARGET else "MISSED"
        note = (
            ""
            if args.story_concurrency * args.workers >= len(stories)
            else " (target applies only with every story at once)"
        )
        print(
            f"\n{len(stories)} stories, {n_articles} articles, story concurrency "
            f"{args.story_concurrency}, per-story concurrency {s.concurrency}, "
            f"worker processes {args.workers}: {len(seen)} requests, "
            f"{unmapped} not mapped to a story"
        )
        print(f"  statuses: {statuses}")
        for r in result.stories:
            if r.status in ("failed", "partial"):
                print(f"  {r.status} {r.id}: {r.error or f'{r.failures} failures in its report'}")
        # perf_counter is the system's monotonic clock on Linux: the child's times compare with ours.
        for stage in ("extract", "judge", "repair", "reconcile"):
            at = [a - began for r, a, _d, _s in seen if r.partition(":")[2].startswith(stage)]
            sent = [x - began for r, _a, _d, x in seen if r.partition(":")[2].startswith(stage) and x]
            if at and sent:
                print(
                    f"  {stage}: requests arrived {min(at):.2f}–{max(at):.2f} s after the start, "
                    f"answers sent {min(sent):.2f}–{max(sent):.2f} s"
                )
        print(
            f"  wall {wall:.3f} s, critical path {critical:.3f} s, wall/critical {ratio:.3f} "
            f"({target}){note}; sum of delays {total:.1f} s"
        )
        print(
            f"  ideal at {s.concurrency} calls at once within a story {ideal:.3f} s, wall/ideal "
            f"{wall / ideal if ideal else float('nan'):.3f}"
        )
        print(
            f"  our CPU {cpu:.3f} s in all, {cpu / len(stories) * 1000:.1f} ms per story, "
            f"{cpu / n_articles * 1000:.1f} ms per article (workers included; the server, in another "
            "process, is not)"
        )
        if again:
            runs = [cpu, *again]
            ms = [x / len(stories) * 1000 for x in runs]
            print(
                f"  our CPU per story in {len(runs)} runs: {', '.join(f'{x:.1f}' for x in ms)} ms; "
                f"least {min(ms):.1f} ms, median {statistics.median(ms):.1f} ms"
            )
        workers = " (this process only: not the workers')" if args.workers > 1 else ""
        print(f"  {collected}{workers}")
        if by_thread:
            names = {t.native_id: t.name for t in threading.enumerate()}
            shown = ", ".join(
                f"{names.get(t, 'a thread not of Python (a C library)')} {x:.2f} s"
                for t, x in sorted(by_thread.items(), key=lambda kv: -kv[1])
                if x >= 0.01
            )
            print(f"  CPU by thread of this process: {shown}")

        if args.profile:
            server.clear()
            cold = forget_readings()
            # A profiler sees only the thread that enabled it, and the stages (ingest, alignment, the
            # checks, verification) run on the process's CPU thread (summarizer.offload): in the
            # profiled run they run in the event loop's thread instead, so one profile holds them all.
            # Before 2026-12-05 this listed the event loop's thread alone.
            profiler = cProfile.Profile()
            with stages_inline():
                profiler.enable()
                asyncio.run(_batch(stories, s, Path(tmp) / "prof", args.story_concurrency))
                profiler.disable()
            out = io.StringIO()
            stats = pstats.Stats(profiler, stream=out)
            stats.sort_stats("tottime").print_stats(
                r"summarizer|pysbd|pydantic|jinja2|json|openai|httpx|instructor|anyio|h11|httpcore|tenacity|asyncio",
                args.profile,
            )
            print(
                f"\ncProfile of the same batch, by own time (tottime), top {args.profile} "
                f"of ours and our libraries, the CPU thread's stages run in the event loop's thread, "
                f"run cold ({cold} caches of readings emptied first):"
            )
            lines = out.getvalue().splitlines()
            start = next((i for i, line in enumerate(lines) if "ncalls" in line), 0)
            print("\n".join(line for line in lines[start:] if line.strip()))
            print(
                "\nBy stage (seconds under the profiler; the first to read a sentence pays for reading it):"
            )
            for stage, seconds in by_stage(stats):
                print(f"  {stage:<34} {seconds:6.2f} s")


if __name__ == "__main__":
    main()
