"""Settings: explicit argument, then environment variable, then an error that says how to fix it."""

from __future__ import annotations

import os
from collections.abc import Mapping
from dataclasses import dataclass, replace
from typing import Literal

from summarizer.errors import ConfigError

Mode = Literal["tools", "json_schema", "json"]
MODES: tuple[Mode, ...] = ("tools", "json_schema", "json")

OPENAI_DEFAULT_MODEL = "gpt-4.1-mini"
# The name the local llama.cpp server runs and records under (llama-server ignores it; Ollama wants its own).
LOCAL_DEFAULT_MODEL = "qwen2.5-coder-1.5b-instruct-q4_k_m"

NO_BACKEND = (
    "no model backend configured: set OPENAI_API_KEY for OpenAI, or pass --base-url "
    "(or SUMMARIZER_BASE_URL) for a local OpenAI-compatible server such as llama.cpp, Ollama or vLLM, "
    "or install the bundled local model with: bash scripts/setup-local.sh "
    "(or replay a recorded run with --replay CASSETTE)"
)


@dataclass(frozen=True)
class Settings:
    """How to reach the model and how hard to try."""

    model: str
    base_url: str | None = None
    api_key: str | None = None
    mode: Mode = "tools"
    max_retries: int = 2
    concurrency: int = 4
    timeout: float = 600.0
    temperature: float = 0.0
    seed: int = 0
    extract_max_tokens: int = 2048
    reconcile_max_tokens: int = 1536
    client_retries: int = 2
    local: bool = False  # serve the bundled model on a loopback port for the run (summarizer.local)

    def __repr__(self) -> str:
        # The key never reaches a log or a traceback through repr.
        key = "set" if self.api_key else "unset"
        return (
            f"Settings(model={self.model!r}, base_url={self.base_url!r}, api_key={key}, mode={self.mode!r})"
        )

    __str__ = __repr__

    def with_(self, **changes: object) -> Settings:
        """A copy with some fields changed."""
        return replace(self, **changes)  # type: ignore[arg-type]

    @property
    def backend(self) -> str:
        """A short label for reports: the server's URL or 'openai'."""
        return self.base_url or "openai"

    @classmethod
    def resolve(
        cls,
        *,
        model: str | None = None,
        base_url: str | None = None,
        api_key: str | None = None,
        mode: str | None = None,
        max_retries: int | None = None,
        concurrency: int | None = None,
        timeout: float | None = None,
        env: Mapping[str, str] | None = None,
    ) -> Settings:
        """Settings from explicit values, then SUMMARIZER_* / OPENAI_API_KEY, else a ConfigError saying how"""
        env = os.environ if env is None else env
        base_url = base_url or env.get("SUMMARIZER_BASE_URL") or None
        api_key = api_key or env.get("SUMMARIZER_API_KEY") or env.get("OPENAI_API_KEY") or None
        model = model or env.get("SUMMARIZER_MODEL") or None
        mode = mode or env.get("SUMMARIZER_MODE") or None
        if base_url:
            # Local servers accept any key; the client library insists on one.
            settings = cls(
                model=model or LOCAL_DEFAULT_MODEL,
                base_url=base_url.rstrip("/"),
                api_key=api_key or "not-needed",
                mode="json_schema",
            )
        elif api_key:
            settings = cls(model=model or OPENAI_DEFAULT_MODEL, api_key=api_key, mode="tools")
        elif _local_available():
            settings = cls(model=LOCAL_DEFAULT_MODEL, api_key="not-needed", mode="json_schema", local=True)
        else:
            raise ConfigError(NO_BACKEND)
        if mode is not None:
            if mode not in MODES:
                raise ConfigError(f"unknown mode {mode!r}: use one of {', '.join(MODES)}")
            settings = settings.with_(mode=mode)
        if max_retries is not None:
            if not 0 <= max_retries <= 5:
                raise ConfigError(
                    "max retries must be between 0 and 5: every re-ask resends the article to the model"
                )
            settings = settings.with_(max_retries=max_retries)
        if timeout is None:
            timeout = _float(env.get("SUMMARIZER_TIMEOUT"), "SUMMARIZER_TIMEOUT")
        if timeout is not None:
            if timeout <= 0:
                raise ConfigError("timeout must be a positive number of seconds")
            settings = settings.with_(timeout=timeout)
        if concurrency is not None:
            if concurrency < 1:
                raise ConfigError("concurrency must be at least 1")
            settings = settings.with_(concurrency=concurrency)
        return settings


def _float(value: str | None, name: str) -> float | None:
    if value is None or value == "":
        return None
    try:
        return float(value)
    except ValueError:
        raise ConfigError(f"{name} must be a number of seconds, not {value!r}") from None


def _local_available() -> bool:
    # Imported here: summarizer.local needs this module's constants, and probing it costs a few stats.
    from summarizer.local import local_available

    return local_available()
