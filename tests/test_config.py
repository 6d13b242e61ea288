"""Settings resolution: explicit, then environment, then an error that says how to fix it."""

from __future__ import annotations

import pytest

from summarizer.config import LOCAL_DEFAULT_MODEL, OPENAI_DEFAULT_MODEL, Settings
from summarizer.errors import ConfigError


def test_nothing_configured_says_every_way_to_proceed() -> None:
    with pytest.raises(ConfigError) as e:
        Settings.resolve(env={})
    for hint in ("OPENAI_API_KEY", "--base-url", "SUMMARIZER_BASE_URL", "--replay"):
        assert hint in str(e.value)


def test_a_key_means_openai_with_tools_mode() -> None:
    s = Settings.resolve(env={"OPENAI_API_KEY": "sk-abc"})
    assert (s.model, s.base_url, s.mode) == (OPENAI_DEFAULT_MODEL, None, "tools")


def test_a_base_url_means_a_local_server_with_json_schema_mode_and_wins_over_a_key() -> None:
    s = Settings.resolve(env={"OPENAI_API_KEY": "sk-abc", "SUMMARIZER_BASE_URL": "http://127.0.0.1:8080/v1/"})
    assert (s.model, s.base_url, s.mode) == (LOCAL_DEFAULT_MODEL, "http://127.0.0.1:8080/v1", "json_schema")


def test_explicit_values_beat_the_environment() -> None:
    s = Settings.resolve(model="m", mode="tools", base_url="http://x/v1", env={"SUMMARIZER_MODEL": "n"})
    assert (s.model, s.mode) == ("m", "tools")


def test_bad_values_are_refused() -> None:
    with pytest.raises(ConfigError, match="unknown mode"):
        Settings.resolve(mode="xml", env={"OPENAI_API_KEY": "k"})
    with pytest.raises(ConfigError, match="between 0 and 5"):
        Settings.resolve(max_retries=9, env={"OPENAI_API_KEY": "k"})


def test_the_key_never_shows_in_repr() -> None:
    s = Settings.resolve(env={"OPENAI_API_KEY": "sk-secret-123"})
    assert "sk-secret" not in repr(s) and "sk-secret" not in str(s)


def test_with_nothing_else_the_installed_local_model_is_used(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr("summarizer.config._local_available", lambda: True)
    s = Settings.resolve(env={})
    assert s.local and s.model == LOCAL_DEFAULT_MODEL and s.mode == "json_schema"
    assert not Settings.resolve(env={"OPENAI_API_KEY": "sk-abc"}).local


def test_timeout_comes_from_the_environment_and_is_checked() -> None:
    assert Settings.resolve(env={"OPENAI_API_KEY": "k", "SUMMARIZER_TIMEOUT": "30"}).timeout == 30
    with pytest.raises(ConfigError, match="number of seconds"):
        Settings.resolve(env={"OPENAI_API_KEY": "k", "SUMMARIZER_TIMEOUT": "soon"})
