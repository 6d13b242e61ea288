"""The loopback server of tests/loopback.py in a child process, as a model server is: never in ours.

A server in the client's own process takes the client's GIL for every request it parses and every
answer it builds, so the client's wall time would carry the server's CPU. `running(**options)` starts
`tests.loopback.running(**options)` in a forked child and yields a stand-in with the same `url`,
`clear()` and `requests(route, via=)`; times are perf_counter seconds, the system's monotonic clock,
so the child's compare with ours.
"""

from __future__ import annotations

import multiprocessing
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from multiprocessing.connection import Connection
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))  # tests.loopback, the one loopback server

from tests import loopback as lb


def _serve(conn: Connection, options: dict[str, Any]) -> None:
    """Run the server; answer "seen"/"clear" on `conn` until told "stop" or the server's lifetime is up."""
    lifetime = float(options.get("lifetime", 600.0))
    with lb.running(**options) as server:
        conn.send(server.url)
        deadline = time.monotonic() + lifetime
        while time.monotonic() < deadline and conn.poll(max(0.0, deadline - time.monotonic())):
            command = conn.recv()
            if command == "seen":
                conn.send(server.requests())
            elif command == "clear":
                server.clear()
                conn.send(True)
            else:
                break


class Apart:
    """The child's server, as far as a benchmark uses one."""

    def __init__(self, conn: Connection, url: str) -> None:
        self._conn = conn
        self.url = url

    def clear(self) -> None:
        self._conn.send("clear")
        self._conn.recv()

    def requests(self, route: str | None = None, *, via: str | None = None) -> list[lb.Seen]:
        self._conn.send("seen")
        return lb.select(self._conn.recv(), route, via=via)


@contextmanager
def running(**options: Any) -> Iterator[Apart]:
    """`tests.loopback.running(**options)` in a forked child process, stopped on exit."""
    ctx = multiprocessing.get_context("fork")
    parent, child = ctx.Pipe()
    proc = ctx.Process(target=_serve, args=(child, options), daemon=True)
    proc.start()
    try:
        yield Apart(parent, parent.recv())
    finally:
        parent.send("stop")
        proc.join(timeout=10)
        if proc.is_alive():
            proc.kill()
