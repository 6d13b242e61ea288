"""Settings resolution: explicit, then environment, then an error that says how to fix it."""

from __future__ import annotations

import pytest

from summarizer import backends
from summarizer.config import LOCAL_DEFAULT_MODEL, OPENAI_DEFAULT_MODEL, Settings
from summarizer.errors import ConfigError


def test_nothing_configured_without_the_local_model_says_every_way_to_proceed(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    settings = Settings.resolve(env={})  # resolution does no I/O: the check comes when the run starts
    monkeypatch.setattr("summarizer.local.local_available", lambda cache_dir=None: False)
    with pytest.raises(ConfigError) as e:
        backends.get(settings.backend).check(settings)
    for hint in ("OPENAI_API_KEY", "--base-url", "SUMMARIZER_BASE_URL", "--replay", "setup-local.sh"):
        assert hint in str(e.value)


def test_settings_resolution_touches_no_file(monkeypatch: pytest.MonkeyPatch) -> None:
    def no_io(*args: object, **kwargs: object) -> None:
        raise AssertionError("Settings.resolve did I/O")

    for name in ("stat", "is_file", "exists", "open"):
        monkeypatch.setattr(f"pathlib.Path.{name}", no_io)
    monkeypatch.setattr("os.stat", no_io)
    monkeypatch.setattr("builtins.open", no_io)
    assert Settings.resolve(env={}).backend == "local"


def test_an_unknown_backend_names_the_ones_there_are() -> None:
    with pytest.raises(ConfigError, match="local, openai, server"):
        backends.get(Settings.resolve(backend="nope", env={}).backend)


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


def test_with_nothing_else_the_local_model_is_the_backend() -> None:
    s = Settings.resolve(env={})
    assert (s.backend, s.model, s.mode) == ("local", LOCAL_DEFAULT_MODEL, "json_schema")
    assert Settings.resolve(env={"OPENAI_API_KEY": "sk-abc"}).backend == "openai"


def test_timeout_comes_from_the_environment_and_is_checked() -> None:
    assert Settings.resolve(env={"OPENAI_API_KEY": "k", "SUMMARIZER_TIMEOUT": "30"}).timeout == 30
    with pytest.raises(ConfigError, match="number of seconds"):
        Settings.resolve(env={"OPENAI_API_KEY": "k", "SUMMARIZER_TIMEOUT": "soon"})


@pytest.mark.parametrize("timeout", [float("nan"), float("inf"), -1.0, 0.0])
def test_a_timeout_no_call_could_keep_is_refused(timeout: float) -> None:
    with pytest.raises(ConfigError, match="timeout must be a positive number of seconds"):
        Settings.resolve(base_url="http://127.0.0.1:8080/v1", timeout=timeout, env={})
    with pytest.raises(ConfigError, match="timeout"):
        Settings.resolve(env={"OPENAI_API_KEY": "k", "SUMMARIZER_TIMEOUT": str(timeout)})


@pytest.mark.parametrize(
    "url",
    [
        "not a url",
        "file:///etc/passwd",
        "127.0.0.1:8080",
        "http://",
        "http://host:port/v1",
        "ftp://h/v1",
        "http://h/a b",
    ],
)
def test_a_base_url_that_is_no_http_server_is_refused(url: str) -> None:
    with pytest.raises(ConfigError, match="is not an http"):
        Settings.resolve(base_url=url, env={})
    with pytest.raises(ConfigError):
        Settings.resolve(env={"SUMMARIZER_BASE_URL": url})
    assert (
        Settings.resolve(base_url="https://api.example.com/v1", env={}).base_url
        == "https://api.example.com/v1"
    )
