"""Settings: explicit argument, then environment variable, then a default. Resolution does no I/O.

Which backend serves the run is decided here from the settings alone; whether it can (is the local
model installed?) is the backend's own question, asked when the run starts (backends.py).
"""

from __future__ import annotations

import math
import os
from collections.abc import Mapping
from dataclasses import dataclass, replace
from typing import Literal
from urllib.parse import urlsplit

from summarizer.errors import ConfigError

Mode = Literal["tools", "json_schema", "json"]
MODES: tuple[Mode, ...] = ("tools", "json_schema", "json")

OPENAI_DEFAULT_MODEL = "gpt-4.1-mini"
# The name the local llama.cpp server runs and records under (llama-server ignores it; Ollama wants its own).
LOCAL_DEFAULT_MODEL = "qwen2.5-coder-1.5b-instruct-q4_k_m"
# Backends built in; plugins add more through backends.register_backends.
OPENAI, SERVER, LOCAL = "openai", "server", "local"

# The key sent to servers that take any key (the client library insists on one): no secret to guard.
NO_KEY = "not-needed"

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
    # The largest HTTP answer read from the server, in bytes: a schema's answer within its token limit is
    # tens of kB at most; a server sending megabytes is refused, not parsed, cached or sent back in re-asks.
    max_answer_bytes: int = 1_000_000
    # Who serves the calls: "server" (base_url), "openai", "local" (the bundled model on a loopback port
    # for the run) or a plugin's name; see backends.py.
    backend: str = SERVER
    judge_model: str | None = None  # the entailment judge's model; None: the same as `model`
    judge: bool = True
    # Whether a sentence that fails its check goes back to the model once before its source's words stand
    # in; None: off for the bundled model (`repairing`), on for any other. On the 15 recorded BASIL
    # triplets 3 of its 73 repairs passed, at ~390 output tokens a triplet (135 s of the longest run).
    repair: bool | None = None
    # Whether a sentence whose "he", "it" or "the agency" only its article resolves is restated by the model
    # before it is a claim; None: off for the bundled model (`restating`), on for any other. On the 15
    # recorded BASIL triplets and the seeds, 537 of its 620 restatements were the sentence again and most
    # of the rest dropped words or took another sentence's; about 2 resolved a reference. They were 28,800
    # output tokens: 285 s of the longest triplet's 336 s. Off, a claim keeps its sentence's own words.
    restate: bool | None = None
    cache_dir: str | None = None  # None: the user cache directory
    cache: bool = True
    scorer: Literal["lexical", "embed"] = "lexical"  # how claims are paired across articles (align/)

    def __post_init__(self) -> None:
        # On every construction, with_() too: a setting that would fail every call is refused before any.
        if not (math.isfinite(self.timeout) and self.timeout > 0):
            raise ConfigError(f"timeout must be a positive number of seconds, not {self.timeout!r}")
        if self.base_url is not None:
            _check_url(self.base_url)

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
    def secret(self) -> str | None:
        """The key, where it is one worth hiding: a placeholder or a short test key is no secret."""
        key = self.api_key
        return key if key and key != NO_KEY and len(key) >= 8 else None

    def _asks(self, step: bool | None) -> bool:
        # A model step the bundled model does not earn its time on: as set, else on for any other model.
        return step if step is not None else self.backend != LOCAL

    @property
    def repairing(self) -> bool:
        """Whether failing sentences are asked again: as set, else not on the bundled model."""
        return self._asks(self.repair)

    @property
    def restating(self) -> bool:
        """Whether sentences that refer back are restated: as set, else not on the bundled model."""
        return self._asks(self.restate)

    @property
    def where(self) -> str:
        """A short label for messages: the server's URL, 'openai', or the backend's name."""
        return self.base_url or self.backend

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
        backend: str | None = None,
        cache: bool | None = None,
        cache_dir: str | None = None,
        judge: bool | None = None,
        judge_model: str | None = None,
        repair: bool | None = None,
        restate: bool | None = None,
        env: Mapping[str, str] | None = None,
    ) -> Settings:
        """Settings from explicit values, then SUMMARIZER_* / OPENAI_API_KEY, else a ConfigError saying how"""
        env = os.environ if env is None else env
        base_url = base_url or env.get("SUMMARIZER_BASE_URL") or None
        api_key = api_key or env.get("SUMMARIZER_API_KEY") or env.get("OPENAI_API_KEY") or None
        model = model or env.get("SUMMARIZER_MODEL") or None
        mode = mode or env.get("SUMMARIZER_MODE") or None
        backend = backend or env.get("SUMMARIZER_BACKEND") or None
        if backend not in (None, OPENAI, SERVER) and not base_url:
            # A named backend (the bundled model, or a plugin's) that serves its own endpoint.
            settings = cls(
                model=model or LOCAL_DEFAULT_MODEL,
                api_key=api_key or NO_KEY,
                mode="json_schema",
                backend=backend,
            )
        elif base_url:
            # Local servers accept any key; the client library insists on one.
            settings = cls(
                model=model or LOCAL_DEFAULT_MODEL,
                base_url=base_url.rstrip("/"),
                api_key=api_key or NO_KEY,
                mode="json_schema",
                backend=SERVER,
            )
        elif api_key or backend == OPENAI:
            if not api_key:
                raise ConfigError("the openai backend needs a key: set OPENAI_API_KEY (or pass --api-key)")
            settings = cls(model=model or OPENAI_DEFAULT_MODEL, api_key=api_key, mode="tools", backend=OPENAI)
        else:
            # The bundled model; whether it is installed is checked when the run starts, not here.
            settings = cls(
                model=model or LOCAL_DEFAULT_MODEL, api_key=NO_KEY, mode="json_schema", backend=LOCAL
            )
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
            settings = settings.with_(timeout=timeout)  # checked by __post_init__
        if concurrency is not None:
            if concurrency < 1:
                raise ConfigError("concurrency must be at least 1")
            settings = settings.with_(concurrency=concurrency)
        cache_dir = cache_dir or env.get("SUMMARIZER_CACHE_DIR") or None
        judge_model = judge_model or env.get("SUMMARIZER_JUDGE_MODEL") or None
        return settings.with_(
            cache=settings.cache if cache is None else cache,
            cache_dir=cache_dir,
            judge=settings.judge if judge is None else judge,
            judge_model=judge_model,
            repair=settings.repair if repair is None else repair,
            restate=settings.restate if restate is None else restate,
        )


def _float(value: str | None, name: str) -> float | None:
    if value is None or value == "":
        return None
    try:
        return float(value)
    except ValueError:
        raise ConfigError(f"{name} must be a number of seconds, not {value!r}") from None


def _check_url(url: str) -> None:
    """An http(s) URL naming a host, else a ConfigError saying what a server's URL looks like."""
    shown = url if len(url) <= 80 else url[:77] + "..."
    try:
        parts = urlsplit(url)
        parts.port  # noqa: B018  # raises on a port that is no number
    except ValueError:
        parts = None
    spaced = any(ch.isspace() for ch in url)
    if parts is None or parts.scheme not in ("http", "https") or not parts.hostname or spaced:
        raise ConfigError(
            f"base URL {shown!r} is not an http(s) URL of a server; give one such as http://127.0.0.1:8080/v1"
        )
