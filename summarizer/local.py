"""The bundled local model as a backend: weights (weights.py) served by its engine (engines.py)."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator, Callable
from contextlib import AbstractAsyncContextManager, asynccontextmanager
from pathlib import Path

from summarizer.backends import Backend, Progress, hookimpl
from summarizer.config import LOCAL, NO_BACKEND, Settings
from summarizer.engines import XLLAMACPP, InProcessServer, choose_engine
from summarizer.errors import ConfigError
from summarizer.llama_server import LocalServer, find_server
from summarizer.weights import assemble, installed


def local_available(cache_dir: Path | None = None) -> bool:
    """Whether the bundled model can run here: its engine is found and the model is installed."""
    try:
        engine_found = choose_engine() == XLLAMACPP or find_server() is not None
        return engine_found and installed(cache_dir)
    except ConfigError:
        return False


def local_server(
    model: Path, port: int | None = None, engine: str | None = None
) -> InProcessServer | LocalServer:
    """The bundled model's server on `engine` (default: the one chosen for this machine), not started."""
    if (engine or choose_engine()) == XLLAMACPP:
        return InProcessServer(model, port=port)
    return LocalServer(model, port=port)


class LocalBackend:
    """Qwen2.5-Coder-1.5B on a free loopback port for the length of one run, in llama-server or xllamacpp."""

    name = LOCAL
    starts_server = True  # so a run the call cache answers whole never starts it (runtime.py)

    def check(self, settings: Settings) -> None:
        """Raise the no-backend error, which says how to install the model, when it cannot run here."""
        if not local_available():
            raise ConfigError(NO_BACKEND)

    @asynccontextmanager
    async def _serve(self, settings: Settings, note: Progress) -> AsyncIterator[Settings]:
        engine = choose_engine()
        note("starting the local model server")
        model = await asyncio.to_thread(assemble)
        # Stopped however the run ends: a with-block, atexit, and for llama-server the kernel
        # (PR_SET_PDEATHSIG); xllamacpp runs in this process, so it cannot outlive it.
        with local_server(model, engine=engine) as server:
            note(f"local model server ready at {server.base_url} ({engine})")
            yield settings.with_(base_url=server.base_url)

    def serve(self, settings: Settings, note: Progress) -> AbstractAsyncContextManager[Settings]:
        """Assemble the model if need be, start its server, and yield settings pointing at it."""
        return self._serve(settings, note)


@hookimpl
def register_backends(register: Callable[[Backend], None]) -> None:
    """Register the bundled model under the name `local`."""
    register(LocalBackend())
