"""What a run talks to: the settings' backend served with the call cache, and the pair scorer."""

from __future__ import annotations

from collections.abc import AsyncIterator, Callable
from contextlib import asynccontextmanager
from pathlib import Path
from typing import TYPE_CHECKING

from summarizer import backends, embed
from summarizer.cache import CallCache
from summarizer.config import Settings
from summarizer.errors import ConfigError
from summarizer.llm import ModelClient

if TYPE_CHECKING:
    from summarizer.align import Scorer

Progress = Callable[[str], None]


@asynccontextmanager
async def serving(settings: Settings, note: Progress | None = None) -> AsyncIterator[ModelClient]:
    """A client for the settings' backend (started for the run if it runs its own server), with the cache."""
    note = note or (lambda _msg: None)
    backend = backends.get(settings.backend)
    backend.check(settings)
    calls_cache = open_cache(settings, note)
    try:
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
