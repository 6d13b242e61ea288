"""Shared fixtures: the seeds, replay settings, and the vcrpy configuration every cassette uses."""

from __future__ import annotations

import os
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from summarizer import cassette, runtime
from summarizer.config import LOCAL_DEFAULT_MODEL, Settings
from summarizer.ingest import load
from summarizer.llm import ModelClient
from summarizer.models import Article
from summarizer.scripted import ScriptedModel

ROOT = Path(__file__).resolve().parents[1]
SEEDS = sorted((ROOT / "seeds").glob("*.txt"))
CASSETTES = ROOT / "cassettes"
SEEDS_CASSETTE = CASSETTES / "seeds.yaml"
SHARED = Path(os.environ.get("SUMMARIZER_SHARED", ROOT.parent / "shared"))


@pytest.fixture(scope="session")
def vcr_config() -> dict[str, Any]:
    """The same settings the CLI records with, so tests and --record agree."""
    return cassette.config()


@pytest.fixture(scope="session")
def vcr_cassette_dir() -> str:
    """Cassettes live at the top of the repo, beside the seeds run's."""
    return str(CASSETTES)


@pytest.fixture(autouse=True)
def _no_real_credentials(monkeypatch: pytest.MonkeyPatch, tmp_path_factory: pytest.TempPathFactory) -> None:
    # A developer's own key or server must never leak into a test or change what it asks.
    for name in ("OPENAI_API_KEY", "SUMMARIZER_API_KEY", "SUMMARIZER_MODEL", "SUMMARIZER_MODE"):
        monkeypatch.delenv(name, raising=False)
    if os.environ.get("SUMMARIZER_RECORD") != "1":
        monkeypatch.delenv("SUMMARIZER_BASE_URL", raising=False)
    for name in ("SUMMARIZER_BACKEND", "SUMMARIZER_CACHE_DIR"):
        monkeypatch.delenv(name, raising=False)
    # No test reads or fills the user's own cache directory (answers, model, server log): platformdirs
    # reads XDG_CACHE_HOME on Linux.
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path_factory.mktemp("xdg-cache")))
    # Whether this machine happens to have the local model must not change what a test runs against.
    monkeypatch.setattr("summarizer.local.local_available", lambda cache_dir=None: False)


@pytest.fixture
def replay_settings() -> Settings:
    """Settings for replayed runs: the recorded local model, a dummy key, no client-side retries.

    When recording (SUMMARIZER_RECORD=1, see scripts/record.sh) the base URL is the live server's.
    """
    base_url = os.environ.get("SUMMARIZER_BASE_URL") or "http://127.0.0.1:9/v1"
    return Settings(
        model=LOCAL_DEFAULT_MODEL,
        base_url=base_url,
        api_key="sk-test-dummy",
        mode="json_schema",
        client_retries=0,
        repair=False,  # as scripts/record.sh records them: a replay asks what its recording asked
    )


@pytest.fixture(scope="session")
def seeds() -> list[Article]:
    """The two seed articles, ingested."""
    return load(SEEDS)


@pytest.fixture
def cli_model(monkeypatch: pytest.MonkeyPatch) -> Callable[[ScriptedModel], list[str]]:
    """Route the CLI's runs to a scripted model's transport; returns the options that name a server.

    The CLI builds its own client from its options, so the scripted transport is handed to the one
    place that constructs it (runtime.ModelClient); every request still goes through openai and
    Instructor to the scripted model.
    """

    def use(model: ScriptedModel) -> list[str]:
        def client(settings: Settings, **kwargs: Any) -> ModelClient:
            return ModelClient(settings.with_(client_retries=0), transport=model.transport())

        monkeypatch.setattr(runtime, "ModelClient", client)
        return ["--base-url", "http://scripted.invalid/v1", "--no-cache"]

    return use
