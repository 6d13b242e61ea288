"""The pipeline's CPU-bound stages run on one thread per process, first come, first served."""

from __future__ import annotations

import asyncio
import threading

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
