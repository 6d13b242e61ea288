"""British and American spellings of one word: "defence" is "defense", "analysed" is "analyzed".

The table is breame's (about 1,700 British spellings with their American ones, each inflected form
listed), not a hand list: a maintained resource reads both spellings as one word better than rules
would ("-our" to "-or" would make "four" of "for").
"""

from __future__ import annotations

from collections.abc import Mapping

from breame.data.spelling_constants import (  # type: ignore[import-untyped]
    BRITISH_ENGLISH_SPELLINGS,
)

# A British spelling → its American one, lowercase ("defence" → "defense", "analysed" → "analyzed").
AMERICAN: Mapping[str, str] = BRITISH_ENGLISH_SPELLINGS
