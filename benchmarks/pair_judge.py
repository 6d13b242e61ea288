"""Would the model find the agreements word overlap misses? Its "same fact?" on the pairs just below the bar.

    python benchmarks/pair_judge.py                                   # replays cassettes/pair_judge.yaml
    python benchmarks/pair_judge.py --record --base-url http://127.0.0.1:8080/v1   # the local model, live

For every sentence `extract.plan` keeps in the 15 annotated BASIL triplets, and every other outlet,
the other outlet's sentence most like it by the lexical scorer is a candidate when its similarity is
in [LOW, the bar): the pairs a judge would have to decide for alignment to find more than words do.
Those whose both sentences the gold places are asked of the model, one Yes/No token ("do both report
the same fact?"), and scored against the gold (same fact or not): ROC AUC of the model's P(Yes) and
of the lexical similarity, and at each threshold the pairs it would add, right and wrong. The prompt
is here, not in prompts/: the library does not ask it (this measures whether it should).
"""

from __future__ import annotations

import argparse
import asyncio
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Literal

import numpy as np

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "benchmarks"))
sys.path.insert(0, str(ROOT))

import basil  # noqa: E402
import grouping  # noqa: E402

from summarizer import cassette  # noqa: E402
from summarizer.align.scoring import LexicalScorer  # noqa: E402
from summarizer.config import LOCAL_DEFAULT_MODEL, Settings  # noqa: E402
from summarizer.evaluate import load_gold  # noqa: E402
from summarizer.extract import plan, to_claim  # noqa: E402
from summarizer.gold_match import Matcher  # noqa: E402
from summarizer.ingest import load  # noqa: E402
from summarizer.llm import ModelClient  # noqa: E402
from summarizer.models import Report  # noqa: E402

CASSETTE = ROOT / "cassettes" / "pair_judge.yaml"
LOW = 0.08  # below it, top candidates are rarely one fact (61 of 70 same-fact top pairs lie above)
THRESHOLDS = (0.3, 0.5, 0.6, 0.7, 0.8)
SYSTEM = (
    "You compare two sentences from different news articles about one event. Answer Yes if both "
    "report the same fact (the same action, figure, decision or statement), even in other words or with "
    "different details; answer No if they report different facts."
)


@dataclass
class Pair:
    """A candidate pair: its triplet, its two sentences, their similarity, whether the gold says one fact."""

    triplet: str
    a: str
    b: str
    similarity: float
    same: bool | None  # None: the gold places one of them nowhere
    p: float | None = None


def candidates(uuid: str) -> tuple[list[Pair], float]:
    """The triplet's gray-zone pairs (top other-outlet sentence, similarity in [LOW, bar)) and the bar."""
    with tempfile.TemporaryDirectory() as tmp:
        articles = load(basil.write_triplet(uuid, Path(tmp)))
    claims = [to_claim(a, c.sentence_id) for a in articles for c in plan(a).coverage if c.claim_ids]
    gold = load_gold(basil.gold_path(uuid))
    m = Matcher(Report(articles=articles, claims=claims), gold, by_sentence=True)
    items = [(f"c:{g.id}", g.quotes) for g in gold.corroborated]
    items += [(f"x:{g.id}", g.quotes) for g in gold.conflicts]
    items += [(f"s:{g.id}", {g.article: [g.quote]}) for g in gold.single_source]
    facts = {c.id: {i for i, q in items for k, qs in q.items() if m.route(c, k, qs)} for c in claims}
    scorer = LexicalScorer()
    texts = [c.quote for c in claims]
    v = np.asarray(scorer.vectors(texts, texts))
    sim = v @ v.T
    out: list[Pair] = []
    seen: set[tuple[int, int]] = set()
    for i, a in enumerate(claims):
        for outlet in sorted({c.article_id for c in claims} - {a.article_id}):
            j = max((j for j, b in enumerate(claims) if b.article_id == outlet), key=lambda j: sim[i, j])
            key = (min(i, j), max(i, j))
            if not LOW <= sim[i, j] < scorer.threshold or key in seen:
                continue
            seen.add(key)
            fa, fb = facts[a.id], facts[claims[j].id]
            same = bool(fa & fb) if fa and fb else None
            out.append(Pair(uuid[:8], a.quote, claims[j].quote, float(sim[i, j]), same))
    return out, scorer.threshold


def messages(pair: Pair) -> list[dict[str, str]]:
    """One Yes/No question about one pair."""
    ask = (
        f"Sentence 1: {pair.a}\nSentence 2: {pair.b}\n"
        "Do both sentences report the same fact? Answer Yes or No."
    )
    return [{"role": "system", "content": SYSTEM}, {"role": "user", "content": ask}]


async def ask(pairs: list[Pair], settings: Settings) -> float:
    """Each pair's P(Yes), one at a time (a replay plays each answer once); the model's seconds."""
    client = ModelClient(settings)
    spent = 0.0
    try:
        for pair in pairs:
            pair.p, call = await client.yes_probability(messages(pair), stage="judge")
            spent += call.seconds
    finally:
        await client.aclose()
    return spent


def auc(pairs: list[Pair], score: str) -> float:
    """ROC AUC of `score` ("p" or "similarity") for telling same-fact pairs from the others."""
    pos = [getattr(p, score) or 0.0 for p in pairs if p.same]
    neg = [getattr(p, score) or 0.0 for p in pairs if not p.same]
    wins = sum((x > y) + 0.5 * (x == y) for x in pos for y in neg)
    return wins / max(1, len(pos) * len(neg))


@dataclass
class Measured:
    """What one run found: the candidates, the gold's pairs among them asked, and the model's seconds."""

    candidates: int
    triplets: int
    bar: float
    asked: list[Pair]
    seconds: float

    def parts(self) -> list[tuple[str, list[Pair]]]:
        """The asked pairs of the triplets the bar was chosen on, of the others, and all."""
        return [
            ("chosen on", [x for x in self.asked if x.triplet in grouping.CHOSEN_ON]),
            ("after", [x for x in self.asked if x.triplet not in grouping.CHOSEN_ON]),
            ("all", self.asked),
        ]


def adds(pairs: list[Pair], threshold: float) -> tuple[int, int]:
    """(right, wrong): the pairs a judge at `threshold` would join, that the gold puts in one fact or two."""
    right = sum(1 for x in pairs if (x.p or 0.0) >= threshold and x.same)
    wrong = sum(1 for x in pairs if (x.p or 0.0) >= threshold and not x.same)
    return right, wrong


def measure(*, record: bool | Literal["update"] = False, base_url: str = "http://127.0.0.1:9/v1") -> Measured:
    """The candidates of every annotated triplet, the gold's among them asked (or replayed)."""
    # The fifteen it was measured on: a triplet annotated later is no candidate of this finding.
    annotated = [u for u in basil.triplets() if basil.gold_path(u).is_file() and not basil.held_out(u)]
    everything: list[Pair] = []
    bar = LexicalScorer().threshold
    for uuid in annotated:
        found, bar = candidates(uuid)
        everything += found
    labeled = [x for x in everything if x.same is not None]
    settings = Settings(
        model=LOCAL_DEFAULT_MODEL, base_url=base_url, api_key="not-needed", cache=False, timeout=3600.0
    )
    with cassette.use(CASSETTE, record=record):
        seconds = asyncio.run(ask(labeled, settings))
    return Measured(len(everything), len(annotated), bar, labeled, seconds)


def main() -> None:
    """Ask (or replay) the model, print the separation and what each threshold adds."""
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--record", action="store_true", help="record against --base-url")
    p.add_argument("--update", action="store_true", help="record only the questions the cassette lacks")
    p.add_argument("--base-url", default="http://127.0.0.1:9/v1")
    args = p.parse_args()
    flag = " --record" if args.record else " --update" if args.update else ""
    print("command: python benchmarks/pair_judge.py" + flag)
    if not basil.available():
        print(f"BASIL is not at {basil.BASIL}: nothing to pair")
        return
    started = time.perf_counter()
    m = measure(record="update" if args.update else args.record, base_url=args.base_url)
    wall = time.perf_counter() - started
    one = sum(1 for x in m.asked if x.same)
    print(
        f"{m.candidates} candidate pairs in [{LOW}, {m.bar}) over {m.triplets} triplets "
        f"({m.candidates / m.triplets:.0f} a triplet); {len(m.asked)} placed by the gold: "
        f"{one} one fact, {len(m.asked) - one} two"
    )
    print(f"asked {len(m.asked)} in {wall:.0f} s wall, {m.seconds:.0f} s by the calls' own clocks")
    for label, part in m.parts():
        print(
            f"{label} ({len(part)} pairs, {sum(1 for x in part if x.same)} one fact): ROC AUC model "
            f"{auc(part, 'p'):.2f}, lexical {auc(part, 'similarity'):.2f}"
        )
        for t in THRESHOLDS:
            right, wrong = adds(part, t)
            print(f"  P(Yes) >= {t}: adds {right} right, {wrong} wrong")


if __name__ == "__main__":
    main()
