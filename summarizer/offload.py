"""Between blocking code and the event loop: `drive` from sync code, one CPU thread per process, fewer
garbage collector passes while stories run, and numpy's BLAS on one thread.

`drive` runs a coroutine from sync code. One worker thread per process takes the pipeline's CPU-bound
stages, so the event loop keeps sending.

The stages (ingest, alignment, the model-free checks, verification, writing reports) hold the GIL
while they run, so more threads give them no more throughput. What more threads do is share the CPU
among every story at once: with asyncio's default pool (six threads here), ninety stories ingested
together all finish near the end of the ingest phase, and meanwhile the event loop, one thread among
seven, waits its turn for the GIL at each step of each request. One thread runs the stages first come,
first served: the first story's requests go out after its own ingest, not after everyone's.

A batch makes and drops millions of small objects (tokens, readings, findings) and holds few cycles.
CPython's young generation is collected every 700 allocations net, which came to 1,100-1,250 passes
and 1.5-2.2 s, 7-9% of our CPU, for the 90 BASIL stories (`benchmarks/batch.py`); `fewer_collections`
raises that bar while stories run, and puts the process's thresholds back after.

numpy's OpenBLAS starts a worker thread per core, and a worker that has finished a product spins, ready
for the next, rather than sleep: for alignment's small matrices (a story's sentences by their words)
the spinning was a third of the batch's CPU, 5.4 s of 17 over the 90 stories, for products that take
microseconds on one thread. `one_blas_thread` keeps BLAS on one thread while alignment runs
(threadpoolctl, the scikit-learn project's library for exactly this, rather than an environment
variable, which works only before numpy is first imported and binds the user's numpy for good; the
limit is the process's too, but only while alignment runs, and it is put back after). Where it cannot
apply (no BLAS found, threadpoolctl missing), alignment runs as before.
"""

from __future__ import annotations

import asyncio
import contextlib
import functools
import gc
import inspect
import os
import threading
from collections.abc import Callable, Coroutine, Iterator
from concurrent.futures import ThreadPoolExecutor
from typing import Any, ParamSpec, TypeVar

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


# Young objects allocated net before a collection while stories run (CPython's default is 700): at 10,000
# the 90 BASIL stories took 0.6-0.9 s of collection in ~88 passes, against 1.5-2.2 s in 1,100-1,250.
YOUNG = 10_000


class _WhileAny:
    """A process-wide setting, set as the first block asking for it opens, put back as the last closes."""

    def __init__(self, hold: Callable[[], Callable[[], None]]) -> None:
        self._hold = hold  # sets the setting; returns what puts it back
        self._lock = threading.Lock()  # its own: `hold` runs a library's code, never under the pool's lock
        self._open = 0
        self._release: Callable[[], None] = lambda: None

    @contextlib.contextmanager
    def __call__(self) -> Iterator[None]:
        with self._lock:
            if self._open == 0:
                self._release = self._hold()
            self._open += 1
        try:
            yield
        finally:
            with self._lock:
                self._open -= 1
                if self._open == 0:
                    self._release()

    def forget(self) -> None:
        """In a forked child: no block is open there, whatever the parent had."""
        self._lock = threading.Lock()
        self._open = 0


def _raise_young() -> Callable[[], None]:
    thresholds = gc.get_threshold()
    gc.set_threshold(max(YOUNG, thresholds[0]), *thresholds[1:])
    return lambda: gc.set_threshold(*thresholds)


_blas: Any = None  # threadpoolctl's view of the BLAS libraries loaded, found once


def _one_blas_thread() -> Callable[[], None]:
    global _blas
    try:
        if _blas is None:
            # Imported here: it reads the libraries loaded, which are numpy's only once numpy is in.
            from threadpoolctl import ThreadpoolController  # type: ignore[import-untyped]

            _blas = ThreadpoolController()
        limit = _blas.limit(limits=1, user_api="blas")
    except Exception:  # a speed-up that cannot apply (no BLAS found, no threadpoolctl) stops no alignment
        return lambda: None
    return limit.restore_original_limits  # type: ignore[no-any-return]


fewer_collections = _WhileAny(_raise_young)
"""The collector's young-generation threshold raised to `YOUNG` while the block runs, then put back."""
one_blas_thread = _WhileAny(_one_blas_thread)
"""numpy's BLAS held to one thread in this process while the block runs, then put back."""


def _forget() -> None:
    global _pool
    _pool = None  # a forked child has the parent's pool object but not its thread
    fewer_collections.forget()
    one_blas_thread.forget()


os.register_at_fork(after_in_child=_forget)


async def run(fn: Callable[P, T], /, *args: P.args, **kwargs: P.kwargs) -> T:
    """`fn(*args, **kwargs)` on the process's one CPU thread, awaited from the event loop."""
    loop = asyncio.get_running_loop()
    return await loop.run_in_executor(_executor(), functools.partial(fn, *args, **kwargs))


def drive(main: Coroutine[Any, Any, T]) -> T:
    """`asyncio.run(main)`, without the `repr` of its result that `asyncio.run` makes on its way out.

    In the main thread, `asyncio.run` puts back the SIGINT handler it replaced, and `signal.signal`
    turns the handler it takes down (a partial holding the main task) into an enum member when it
    can. The failed lookup formats the partial with `%r`, and with it the finished task and its
    result: 50 ms for the report of 32 articles, paid after the work is done. The task here
    returns None and hands the result over beside it.
    """
    got: list[T] = []

    async def boxed() -> None:
        got.append(await main)

    runner = boxed()
    try:
        asyncio.run(runner)
    finally:
        if inspect.getcoroutinestate(runner) == inspect.CORO_CREATED:
            # Never started (called from a running loop): closed, so neither is reported as never
            # awaited. One that started is left as asyncio.run left it, mid-cleanup after a second ^C.
            runner.close()
            main.close()
    return got[0]
