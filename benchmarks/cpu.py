"""Where our CPU goes in a run of stories: by thread, by stage, in garbage collection; from cold caches.

The measuring parts of `benchmarks/batch.py`: a clock of the collector's passes, each thread's CPU read
from /proc, the stages' seconds in a profile, the stages run inline so one profile holds them, and our
caches of readings emptied so a run reads every sentence afresh.
"""

from __future__ import annotations

import contextlib
import gc
import os
import pstats
import resource
import sys
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from summarizer import offload


class GcClock:
    """The passes of Python's cyclic garbage collector in this process, and their time, while on."""

    def __init__(self) -> None:
        self.passes = [0, 0, 0]
        self.seconds = [0.0, 0.0, 0.0]
        self._started = 0.0
        self.tracked = 0

    def _callback(self, phase: str, info: dict[str, int]) -> None:
        if phase == "start":
            self._started = time.perf_counter()
        else:
            self.passes[info["generation"]] += 1
            self.seconds[info["generation"]] += time.perf_counter() - self._started

    def __enter__(self) -> GcClock:
        gc.callbacks.append(self._callback)
        return self

    def __exit__(self, *exc: object) -> None:
        gc.callbacks.remove(self._callback)
        # What a full pass walks: the objects the collector tracks once the run is over (caches included).
        self.tracked = len(gc.get_objects())

    def __str__(self) -> str:
        return (
            f"garbage collection {sum(self.seconds):.3f} s in {sum(self.passes)} passes "
            f"(of which the full, generation-2 passes: {self.passes[2]}, {self.seconds[2]:.3f} s); "
            f"{self.tracked:,} objects tracked at the end"
        )


def thread_cpu() -> dict[int, float]:
    """CPU seconds of each thread of this process so far, by native id (Linux's /proc; empty elsewhere).

    This is how a thread Python did not start shows: numpy's OpenBLAS spinning between products took a
    third of the batch's CPU until alignment held it to one thread (BENCHMARKS.md §6, 2026-12-05).
    """
    tasks = Path("/proc/self/task")
    if not tasks.is_dir():
        return {}
    tick = os.sysconf("SC_CLK_TCK")
    out: dict[int, float] = {}
    for task in tasks.iterdir():
        try:
            fields = (task / "stat").read_text().rsplit(")", 1)[1].split()
        except (OSError, IndexError):
            continue  # a thread that ended while the list was read
        out[int(task.name)] = (int(fields[11]) + int(fields[12])) / tick  # utime, stime
    return out


def process_cpu() -> float:
    """CPU seconds of this process and of its finished worker processes (the server's is not counted)."""
    own = resource.getrusage(resource.RUSAGE_SELF)
    kids = resource.getrusage(resource.RUSAGE_CHILDREN)
    return own.ru_utime + own.ru_stime + kids.ru_utime + kids.ru_stime


# Where a story's CPU goes, stage by stage: (module file, function) of each stage's entry. A coroutine's
# time under cProfile holds what it awaits, so the model calls are in their own row and also in the
# stage that awaits them: extract's (restating) and the merge's; the others make none.
STAGES = (
    ("ingest.py", "load", "ingest"),
    ("extract.py", "extract", "extract (claims, figures, speakers)"),
    ("groups.py", "align", "align (facts across outlets)"),
    ("verify.py", "prechecked", "claims' and groups' checks"),
    ("ranking.py", "facts", "ranking (facts to summarize)"),
    ("llm.py", "structured", "model calls (client, HTTP, parsing)"),
    ("reconcile.py", "model_sentences", "the merge's sentences split"),
    ("ground.py", "_findings", "summary checks (ground)"),
    ("verify.py", "verify", "verify (outlets named, verdicts)"),
    ("batchrun.py", "write_reports", "reports written"),
)


def by_stage(stats: pstats.Stats) -> list[tuple[str, float]]:
    """Each stage of `STAGES` with its cumulative seconds in `stats`."""
    found = {(Path(file).name, name): row[3] for (file, _line, name), row in stats.stats.items()}  # type: ignore[attr-defined]
    return [(label, found.get((file, name), 0.0)) for file, name, label in STAGES]


@contextlib.contextmanager
def stages_inline() -> Iterator[None]:
    """`offload.run` calls its stage where it is awaited, in the event loop's thread, while the block runs."""

    async def inline(fn: Any, /, *args: Any, **kwargs: Any) -> Any:
        return fn(*args, **kwargs)

    threaded = offload.run
    offload.run = inline  # type: ignore[assignment]
    try:
        yield
    finally:
        offload.run = threaded


def forget_readings() -> int:
    """Empty our modules' caches of what a text reads as (words, numbers, stems), and count them.

    A run after it reads every sentence afresh, as the first did, and shows where a cold run's time goes.
    """
    emptied = 0
    for name, module in list(sys.modules.items()):
        if not name.startswith("summarizer"):
            continue
        for value in list(vars(module).values()):
            if callable(getattr(value, "cache_clear", None)) and getattr(value, "__module__", "") == name:
                value.cache_clear()
                emptied += 1
    return emptied
