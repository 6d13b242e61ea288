"""How common a word is in English at large: a rarer word says more about which fact a sentence states.

wordfreq (Apache-2.0, its word lists CC-BY-SA) is a maintained, multi-source estimate of how often each
word is written, shipped in its wheel: no download at run time, and no list of our own to keep.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import lru_cache


@lru_cache(maxsize=65536)
def surprisal(word: str) -> float:
    """-log10 of a word's frequency in English: "the" 1.3, "Friday" 4.0, a name in no list 9."""
    # zipf is log10 of the frequency per billion words, so 9 - zipf is -log10 of the frequency itself.
    return 9.0 - float(_zipf()(word.lower(), "en"))


@lru_cache(maxsize=1)
def _zipf() -> Callable[[str, str], float]:
    """wordfreq's `zipf_frequency`, imported on first use (a quarter of a second, which commands that
    align nothing never pay) and once: an import statement in `surprisal` cost each new word a lookup."""
    from wordfreq import zipf_frequency  # type: ignore[import-untyped]

    return zipf_frequency  # type: ignore[no-any-return]
