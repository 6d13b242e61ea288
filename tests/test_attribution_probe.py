"""Who said it, and paraphrase that changes nothing, on real articles read in their context (issue 27).

Every wrong attribution in the probe (another reporter or speaker, the outlet's voice given to a quoted
person or the reverse) is a `source` finding, on which code is final; every faithful paraphrase
(British spelling, country for demonym or adjective, possessive for "of", details from two adjacent
sentences, the right speaker or the outlet's own voice) passes code with no finding at all. The
evidence is read as `summarizer check` reads it: each sentence its own citation, in its article.
"""

from __future__ import annotations

import json
import sys
from typing import Any

import pytest

from summarizer.checks import unsupported
from summarizer.ingest import make_article
from summarizer.lang.reading import Reading, readings
from summarizer.models import Article

from .conftest import ROOT

sys.path.insert(0, str(ROOT / "benchmarks"))
import basil

PROBE = json.loads((ROOT / "tests" / "data" / "attribution_probe.json").read_text(encoding="utf-8"))["items"]
_ARTICLES: dict[str, Article] = {}


def _article(source: str) -> Article:
    """The probe row's article, as `summarizer check` loads it (BASIL with its outlet's line)."""
    if source not in _ARTICLES:
        if source.startswith("basil:"):
            path = basil.BASIL / source.removeprefix("basil:")
            if not path.exists():
                pytest.skip("BASIL is not in ../shared/datasets")
            text = basil.article_text(path)
        else:
            text = (ROOT / source).read_text(encoding="utf-8")
        _ARTICLES[source] = make_article(text, "A", name=source)
    return _ARTICLES[source]


def _evidence(item: dict[str, Any]) -> list[Reading]:
    read = {r.text: r for r in readings(_article(item["source"]))}
    assert all(e in read for e in item["evidence"]), "evidence not verbatim among the article's sentences"
    return [read[e] for e in item["evidence"]]


def _id(item: dict[str, Any]) -> str:
    return f"{item['label']}:{item['sentence'][:40]}"


def _found(item: dict[str, Any]) -> list[tuple[str, str]]:
    evidence = _evidence(item)
    found = unsupported(item["sentence"], evidence, units=[[e] for e in evidence])
    return [(f.kind, f.text) for f in found]


@pytest.mark.parametrize("item", [i for i in PROBE if i["label"] == "source"], ids=_id)
def test_a_wrong_attribution_is_a_source_finding(item: dict[str, Any]) -> None:
    assert "source" in {kind for kind, _ in _found(item)}


@pytest.mark.parametrize("item", [i for i in PROBE if i["label"] == "faithful"], ids=_id)
def test_a_faithful_paraphrase_passes_code(item: dict[str, Any]) -> None:
    assert _found(item) == []


def test_the_probe_is_thirty_sentences_or_more_half_of_them_faithful() -> None:
    labels = [i["label"] for i in PROBE]
    assert len(labels) >= 30 and set(labels) == {"faithful", "source"}
    assert labels.count("faithful") >= len(labels) / 2
