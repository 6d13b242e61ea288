"""Backends: who serves a run's model calls. Built-ins and plugins register through one pluggy hook.

Modelled on simonw/llm's `register_models` hook: a backend is an object with a name that checks it can
run (this may touch the disk; settings resolution never does) and serves an OpenAI-compatible endpoint
for the length of a run. A package adds one by exposing a `summarizer` entry point with a
`register_backends(register)` hook implementation.
"""

from __future__ import annotations

from collections.abc import AsyncIterator, Callable
from contextlib import AbstractAsyncContextManager, asynccontextmanager
from functools import lru_cache
from typing import Protocol

import pluggy

from summarizer.config import OPENAI, SERVER, Settings
from summarizer.errors import ConfigError

hookspec = pluggy.HookspecMarker("summarizer")
hookimpl = pluggy.HookimplMarker("summarizer")

Progress = Callable[[str], None]


class Backend(Protocol):
    """Where a run's calls go: an OpenAI-compatible endpoint, served for the run if need be.

    A backend that starts a server says so with `starts_server = True`: with the call cache on, its
    `serve` is then entered on the run's first call the cache cannot answer, not before the run.
    """

    name: str

    def check(self, settings: Settings) -> None:
        """Raise ConfigError, saying how to fix it, when this backend cannot serve `settings`."""

    def serve(self, settings: Settings, note: Progress) -> AbstractAsyncContextManager[Settings]:
        """Serve the run: yield settings whose base_url (or key) reaches a live endpoint."""


class _Specs:
    @hookspec
    def register_backends(self, register: Callable[[Backend], None]) -> None:
        """Register backends by calling `register(backend)`."""


class _Remote:
    """An endpoint someone else runs: OpenAI with a key, or any OpenAI-compatible server by URL."""

    def __init__(self, name: str) -> None:
        self.name = name

    def check(self, settings: Settings) -> None:
        if self.name == SERVER and not settings.base_url:
            raise ConfigError("the server backend needs a URL: pass --base-url or set SUMMARIZER_BASE_URL")

    @asynccontextmanager
    async def _serve(self, settings: Settings) -> AsyncIterator[Settings]:
        yield settings

    def serve(self, settings: Settings, note: Progress) -> AbstractAsyncContextManager[Settings]:
        return self._serve(settings)


class _BuiltIns:
    @hookimpl
    def register_backends(self, register: Callable[[Backend], None]) -> None:
        register(_Remote(OPENAI))
        register(_Remote(SERVER))


@lru_cache(maxsize=1)
def _registry() -> dict[str, Backend]:
    pm = pluggy.PluginManager("summarizer")
    pm.add_hookspecs(_Specs)
    pm.register(_BuiltIns())
    # The bundled model registers itself like any plugin, through this package's own entry point
    # (pyproject.toml), so this module never imports it.
    pm.load_setuptools_entrypoints("summarizer")
    found: dict[str, Backend] = {}
    pm.hook.register_backends(register=lambda b: found.setdefault(b.name, b))
    return found


def get(name: str) -> Backend:
    """The backend registered under `name`, else a ConfigError listing those there are."""
    backends = _registry()
    if name not in backends:
        raise ConfigError(f"unknown backend {name!r}: use one of {', '.join(sorted(backends))}")
    return backends[name]
