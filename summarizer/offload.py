"""One worker thread per process for the pipeline's CPU-bound stages, so the event loop keeps sending.

The stages (ingest, alignment, the model-free checks, verification, writing reports) hold the GIL
while they run, so more threads give them no more throughput. What more threads do is share the CPU
among every story at once: with asyncio's default pool (six threads here), ninety stories ingested
together all finish near the end of the ingest phase, and meanwhile the event loop, one thread among
seven, waits its turn for the GIL at each step of each request. One thread runs the stages first come,
first served: the first story's requests go out after its own ingest, not after everyone's.
"""

from __future__ import annotations

import asyncio
import functools
import os
import threading
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from typing import ParamSpec, TypeVar

P = ParamSpec("P")
T = TypeVar("T")

_lock = threading.Lock()
_pool: ThreadPoolExecutor | None = None


def _executor() -> ThreadPoolExecutor:
    global _pool
    with _lock:
        if _pool is None:
            _pool = ThreadPoolExecutor(max_workers=1, thread_name_prefix="summarizer-cpu")
        return _pool


def _forget() -> None:
    global _pool
    _pool = None  # a forked child has the parent's pool object but not its thread


os.register_at_fork(after_in_child=_forget)


async def run(fn: Callable[P, T], /, *args: P.args, **kwargs: P.kwargs) -> T:
    """`fn(*args, **kwargs)` on the process's one CPU thread, awaited from the event loop."""
    loop = asyncio.get_running_loop()
    return await loop.run_in_executor(_executor(), functools.partial(fn, *args, **kwargs))
