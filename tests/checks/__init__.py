"""Tests per check: each check fed readings directly, each table pinning only its own check's findings.

What the checks say together, once `registry.settle` has weighed their overlaps, is `test_settle.py`'s;
the probe set and whole sentences are `tests/test_unsupported.py`'s.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

from summarizer.lang.reading import Reading, read
from summarizer.models import Unsupported

Check = Callable[[Reading, Sequence[Reading]], list[Unsupported]]


def found(check: Check, claim: str, sources: Sequence[str]) -> list[tuple[str, str]]:
    """One check's findings on `claim` against `sources`, as (kind, the claim's words) in its order."""
    return [(f.kind, f.text) for f in check(read(claim), [read(s) for s in sources])]
