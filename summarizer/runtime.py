"""What a run talks to: the settings' backend served with the call cache, and the pair scorer."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator, Callable
from contextlib import AsyncExitStack, asynccontextmanager
from pathlib import Path
from typing import TYPE_CHECKING

import httpx2

from summarizer import backends, embed
from summarizer.cache import CallCache
from summarizer.config import Settings
from summarizer.errors import ConfigError
from summarizer.llm import ModelClient, http_transport

if TYPE_CHECKING:
    from summarizer.align import Scorer

Progress = Callable[[str], None]

# Where a client points until its backend is started; no request is ever sent there.
UNSTARTED = "http://unstarted.invalid/v1"


@asynccontextmanager
async def serving(
    settings: Settings, note: Progress | None = None, *, defer: bool = True
) -> AsyncIterator[ModelClient]:
    """A client for the settings' backend (started for the run if it runs its own server), with the cache.

    With the cache on and `defer`, a backend that starts a server starts it on the first call the
    cache cannot answer: a run the cache answers whole starts nothing.
    """
    note = note or (lambda _msg: None)
    backend = backends.get(settings.backend)
    backend.check(settings)
    calls_cache = open_cache(settings, note)
    try:
        if defer and calls_cache is not None and getattr(backend, "starts_server", False):
            async with _deferred(backend, settings, note, calls_cache) as client:
                yield client
            return
        # A backend that runs its own server (the bundled model) stops it however the run ends.
        async with backend.serve(settings, note) as served:
            client = ModelClient(served, cache=calls_cache)
            try:
                yield client
            finally:
                await client.aclose()
    finally:
        if calls_cache is not None:
            calls_cache.close()


@asynccontextmanager
async def _deferred(
    backend: backends.Backend, settings: Settings, note: Progress, cache: CallCache
) -> AsyncIterator[ModelClient]:
    """A client whose backend is served by the first request that misses the cache, and stopped after."""
    run = asyncio.current_task()
    assert run is not None  # an async context manager runs in a task
    async with AsyncExitStack() as stack:
        starter = _Starter(backend, settings, note, stack, run)
        client = ModelClient(settings.with_(base_url=UNSTARTED), transport=starter, cache=cache)
        starter.client = client
        try:
            yield client
        except asyncio.CancelledError:
            if starter.failed is None:
                raise
            # The run was stopped because its backend could not start: that is its outcome, as it is
            # when the backend starts before the run.
            run.uncancel()
            raise starter.failed from None
        finally:
            await client.aclose()  # before the stack stops the server, as when it is served first


class _Starter(httpx2.AsyncBaseTransport):
    """The network, behind the backend served on the first request that reaches it (a cache miss)."""

    def __init__(
        self,
        backend: backends.Backend,
        settings: Settings,
        note: Progress,
        stack: AsyncExitStack,
        run: asyncio.Task[object],
    ) -> None:
        self.backend, self.settings, self.note, self.stack, self.run = backend, settings, note, stack, run
        self.inner = http_transport()
        self.client: ModelClient | None = None
        self.served: Settings | None = None
        self.failed: BaseException | None = None
        self.lock = asyncio.Lock()

    async def handle_async_request(self, request: httpx2.Request) -> httpx2.Response:
        """Start the backend if it is not yet, then send the request to where it serves."""
        served = await self._start()
        url = str(request.url)
        if served.base_url and url.startswith(UNSTARTED):
            request.url = httpx2.URL(served.base_url.rstrip("/") + url[len(UNSTARTED) :])
            request.headers["host"] = request.url.netloc.decode("ascii")
        if served.api_key != self.settings.api_key:
            request.headers["authorization"] = f"Bearer {served.api_key}"
        return await self.inner.handle_async_request(request)

    async def _start(self) -> Settings:
        async with self.lock:
            if self.failed is not None:
                raise self.failed
            if self.served is None:
                try:
                    self.served = await self.stack.enter_async_context(
                        self.backend.serve(self.settings, self.note)
                    )
                except Exception as e:
                    # The run stops with this error, not with each call's failure to reach a server.
                    self.failed = e
                    self.run.cancel()
                    await asyncio.sleep(0)  # delivers the cancellation here, should this be the run's task
                    raise
                if self.client is not None:
                    self.client.settings = self.served  # errors name the server's real address
            return self.served

    async def aclose(self) -> None:
        """Close the network transport."""
        await self.inner.aclose()


def open_cache(settings: Settings, note: Progress) -> CallCache | None:
    """The call cache the settings ask for; a cache that cannot be opened is skipped, and said so."""
    if not settings.cache:
        return None
    cache = CallCache(Path(settings.cache_dir) if settings.cache_dir else None)
    try:
        cache.open()
    except ConfigError as e:
        note(f"running without the call cache: {e}")
        return None
    return cache


def scorer_for(settings: Settings) -> Scorer | None:
    """The pair scorer the settings ask for: embeddings (the [embed] extra), else idf-weighted words."""
    if settings.scorer != "embed":
        return None
    try:
        return embed.scorer()
    except embed.EmbeddingUnavailable as e:
        raise ConfigError(str(e)) from None
