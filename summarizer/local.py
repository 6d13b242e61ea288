"""The bundled local model as a backend: weights (weights.py) served by llama-server (llama_server.py)."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator, Callable
from contextlib import AbstractAsyncContextManager, asynccontextmanager
from pathlib import Path

from summarizer.backends import Backend, Progress, hookimpl
from summarizer.config import LOCAL, NO_BACKEND, Settings
from summarizer.errors import ConfigError
from summarizer.llama_server import LocalServer, find_server
from summarizer.weights import assemble, installed


def local_available(cache_dir: Path | None = None) -> bool:
    """Whether the bundled model can run here: a llama-server is found and the model is installed."""
    try:
        return find_server() is not None and installed(cache_dir)
    except ConfigError:
        return False


class LocalBackend:
    """Qwen2.5-Coder-1.5B under llama-server on a free loopback port, for the length of one run."""

    name = LOCAL
    starts_server = True  # so a run the call cache answers whole never starts it (runtime.py)

    def check(self, settings: Settings) -> None:
        """Raise the no-backend error, which says how to install the model, when it cannot run here."""
        if not local_available():
            raise ConfigError(NO_BACKEND)

    @asynccontextmanager
    async def _serve(self, settings: Settings, note: Progress) -> AsyncIterator[Settings]:
        note("starting the local model server")
        model = await asyncio.to_thread(assemble)
        # Stopped however the run ends: a with-block, atexit, and the kernel (PR_SET_PDEATHSIG).
        with LocalServer(model) as server:
            note(f"local model server ready at {server.base_url}")
            yield settings.with_(base_url=server.base_url)

    def serve(self, settings: Settings, note: Progress) -> AbstractAsyncContextManager[Settings]:
        """Assemble the model if need be, start llama-server, and yield settings pointing at it."""
        return self._serve(settings, note)


@hookimpl
def register_backends(register: Callable[[Backend], None]) -> None:
    """Register the bundled model under the name `local`."""
    register(LocalBackend())
