"""The pipeline's CPU-bound stages run on one thread per process, first come, first served."""

from __future__ import annotations

import asyncio
import gc
import sys
import threading
import warnings
from typing import Any

import pytest

from summarizer import offload


def test_stages_run_on_one_thread_in_the_order_they_were_asked_for() -> None:
    ran: list[tuple[int, str]] = []

    def stage(i: int) -> int:
        ran.append((i, threading.current_thread().name))
        return i * i

    async def main() -> list[int]:
        return await asyncio.gather(*(offload.run(stage, i) for i in range(6)))

    assert asyncio.run(main()) == [0, 1, 4, 9, 16, 25]
    assert [i for i, _ in ran] == list(range(6))
    names = {name for _, name in ran}
    assert len(names) == 1 and names.pop().startswith("summarizer-cpu")


def test_an_exception_reaches_the_caller_and_the_thread_goes_on() -> None:
    def fails() -> None:
        raise ValueError("bad input")

    async def main() -> str:
        try:
            await offload.run(fails)
        except ValueError as e:
            return f"{e}; then {await offload.run(str.upper, 'ok')}"
        return "no error"

    assert asyncio.run(main()) == "bad input; then OK"


class _Loud:
    """A result that counts how often it is formatted."""

    def __init__(self) -> None:
        self.formatted = 0

    def __repr__(self) -> str:
        self.formatted += 1
        return "_Loud()"


def test_drive_gives_the_result_back_without_formatting_it() -> None:
    # asyncio.run formats its task's result on the way out (50 ms for a 32-article report); drive must not.
    got = _Loud()

    async def main() -> _Loud:
        await asyncio.sleep(0)
        return got

    assert asyncio.run(main()) is got
    assert got.formatted > 0, "here asyncio.run does not format its result: this test shows nothing"
    got.formatted = 0
    assert offload.drive(main()) is got
    assert got.formatted == 0


def test_drive_raises_what_the_coroutine_raised() -> None:
    async def main() -> None:
        raise ValueError("bad input")

    with pytest.raises(ValueError, match=r"^bad input$"):
        offload.drive(main())


def test_drive_in_a_running_loop_says_so_and_leaves_no_coroutine_unawaited() -> None:
    async def work() -> int:
        return 1

    async def outer() -> None:
        with pytest.raises(RuntimeError, match="running event loop"):
            offload.drive(work())

    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        asyncio.run(outer())
        gc.collect()
    assert [str(w.message) for w in caught if issubclass(w.category, RuntimeWarning)] == []


def _interrupt() -> None:
    raise KeyboardInterrupt


def test_drive_interrupted_twice_raises_the_interrupt(monkeypatch: pytest.MonkeyPatch) -> None:
    # A second ^C while asyncio.run cancels the work leaves the coroutine mid-cleanup: the CLI must
    # still see KeyboardInterrupt ("interrupted", exit 130), not an error from closing it.
    async def main() -> None:
        loop = asyncio.get_running_loop()
        try:
            loop.call_soon(_interrupt)
            await asyncio.sleep(1)
        finally:
            loop.call_soon(_interrupt)  # again, while the run is being cancelled
            try:
                await asyncio.sleep(1)
            finally:
                await asyncio.sleep(0)

    with pytest.raises(KeyboardInterrupt):
        offload.drive(main())
    # The coroutine left mid-cleanup cannot finish without its loop: Python says so when it is collected,
    # here rather than in a later test.
    monkeypatch.setattr(sys, "unraisablehook", lambda _unraisable: None)
    gc.collect()


def test_fewer_collections_raises_the_young_threshold_while_any_block_runs_then_puts_it_back() -> None:
    before = gc.get_threshold()
    gc.set_threshold(700, 10, 10)
    try:
        with offload.fewer_collections():
            assert gc.get_threshold() == (offload.YOUNG, 10, 10)
            with offload.fewer_collections():  # a second run of stories in the process shares it
                pass
            assert gc.get_threshold() == (offload.YOUNG, 10, 10)
        assert gc.get_threshold() == (700, 10, 10)
    finally:
        gc.set_threshold(*before)


def test_fewer_collections_keeps_a_higher_threshold_the_process_set() -> None:
    before = gc.get_threshold()
    gc.set_threshold(50_000, 10, 10)
    try:
        with offload.fewer_collections():
            assert gc.get_threshold() == (50_000, 10, 10)
    finally:
        gc.set_threshold(*before)


def _blas_threads() -> list[int]:
    from threadpoolctl import ThreadpoolController  # type: ignore[import-untyped]

    return [lib["num_threads"] for lib in ThreadpoolController().info() if lib["user_api"] == "blas"]


def test_one_blas_thread_holds_numpys_blas_to_one_thread_while_any_block_runs_then_puts_it_back() -> None:
    import numpy  # noqa: F401 - its BLAS is what is held

    before = _blas_threads()
    assert before, "no BLAS library found beside numpy"
    with offload.one_blas_thread():
        assert set(_blas_threads()) == {1}
        with offload.one_blas_thread():  # alignment inside a block of its own
            pass
        assert set(_blas_threads()) == {1}
    assert _blas_threads() == before


def test_alignment_runs_on_one_blas_thread() -> None:
    from summarizer.align import LexicalScorer, align
    from summarizer.extract import plan, to_claim
    from summarizer.ingest import make_article

    seen: list[list[int]] = []

    class Watching(LexicalScorer):
        def vectors(self, texts: Any, corpus: Any) -> Any:
            seen.append(_blas_threads())
            return super().vectors(texts, corpus)

    texts = ["Heavy rain flooded 40 homes in Leeds on Friday.", "Rain flooded 40 homes in Leeds."]
    articles = [make_article(t, f"{'AB'[i]}", name=f"{i}.txt") for i, t in enumerate(texts)]
    claims = [to_claim(a, c.sentence_id) for a in articles for c in plan(a).coverage if c.claim_ids]
    align(articles, claims, scorer=Watching())
    assert seen and all(set(threads) == {1} for threads in seen)


def test_a_blas_limit_that_cannot_apply_leaves_the_block_to_run(monkeypatch: pytest.MonkeyPatch) -> None:
    class Broken:
        def limit(self, **_kwargs: Any) -> Any:
            raise OSError("no BLAS here")

    monkeypatch.setattr(offload, "_blas", Broken())
    with offload.one_blas_thread():
        ran = True
    assert ran
