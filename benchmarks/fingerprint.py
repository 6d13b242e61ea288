"""What the rules say on real text, as one digest: a change of structure must leave it unchanged.

    python benchmarks/fingerprint.py                 # prints a digest per section and in all
    python benchmarks/fingerprint.py --dump out.jsonl  # and every line behind them, to diff two runs

It reads every BASIL triplet (../shared/datasets/basil), the SummEdits dev file and the seeds, and records
what code alone derives from them: each sentence's numbers, attribution and injection marker, the
extraction plan, the alignment (corroborations, conflicts, discrepancies, quote drift, details), and
the checks of each sentence of one outlet against the three sentences of another that support it best
(as `summarizer check` picks them), with `joined` over those three. No model is called.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import sys
import tempfile
from collections.abc import Iterator, Sequence
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "benchmarks"))

import basil  # noqa: E402

from summarizer.align import align  # noqa: E402
from summarizer.checks import best_evidence, unsupported  # noqa: E402
from summarizer.details import details  # noqa: E402
from summarizer.extract import plan, to_claim  # noqa: E402
from summarizer.ingest import load, split_sentences  # noqa: E402
from summarizer.lang.injection import injection_marker  # noqa: E402
from summarizer.lang.numbers import find_numbers  # noqa: E402
from summarizer.lang.reading import Reading, read, readings  # noqa: E402
from summarizer.lang.speech import attribution  # noqa: E402
from summarizer.models import Article  # noqa: E402

SUMMEDITS = basil.BASIL.parents[1] / "summedits" / "summedits_news_dev.json"


def _sentences(articles: list[Article]) -> Iterator[dict[str, object]]:
    for a in articles:
        yield {"plan": a.id, "value": repr(plan(a))}
        for s in a.sentences:
            numbers = [repr(n) for n in find_numbers(s.text)]
            yield {
                "s": f"{a.id}{s.id}",
                "n": numbers,
                "by": attribution(s.text),
                "inj": injection_marker(s.text),
            }


def _alignment(articles: list[Article]) -> Iterator[dict[str, object]]:
    claims = [to_claim(a, s.id) for a in articles for s in a.sentences]
    found = align(articles, claims)
    yield {"corroborated": [g.model_dump(mode="json") for g in found.corroborated]}
    yield {"conflicts": [g.model_dump(mode="json") for g in found.conflicts]}
    yield {"discrepancies": [g.model_dump(mode="json") for g in found.discrepancies]}
    yield {"drift": [g.model_dump(mode="json") for g in found.quote_drift]}
    yield {"extra": [c.model_dump(mode="json") for c in found.extra_claims]}
    taken: set[str] = set()
    more = details(articles, claims, found.corroborated, found.conflicts, found.quote_drift, taken)
    yield {"details": [c.model_dump(mode="json") for c in more]}


def _checks(sentence: Reading, pool: Sequence[Reading]) -> dict[str, object]:
    chosen = [pool[i] for i in best_evidence(sentence, pool)]
    found = unsupported(sentence, chosen, units=[[c] for c in chosen], voiced=True)  # as `check` reads it
    return {
        "t": sentence.text,
        "e": [c.text for c in chosen],
        "f": [f.model_dump(mode="json") for f in found],
    }


def _cross(articles: list[Article]) -> Iterator[dict[str, object]]:
    for a in articles:
        for b in articles:
            if a.id != b.id:
                pool = readings(b)
                for s in readings(a):
                    yield _checks(s, pool)


def rows(limit: int | None = None) -> Iterator[tuple[str, dict[str, object]]]:
    """(section, row) for every fact the rules derive from the data."""
    with tempfile.TemporaryDirectory() as tmp:
        for k, uuid in enumerate(sorted(basil.triplets())[:limit]):
            articles = load(basil.write_triplet(uuid, Path(tmp) / uuid))
            for r in _sentences(articles):
                yield "sentences", r
            for r in _alignment(articles):
                yield "alignment", r
            for r in _cross(articles):
                yield "checks", r
            print(f"\r{k + 1} triplets", end="", file=sys.stderr)
    print(file=sys.stderr)
    seeds = load(sorted((ROOT / "seeds").glob("*.txt")))
    for r in _alignment(seeds):
        yield "alignment", r
    for r in _cross(seeds):
        yield "checks", r
    for row in json.loads(SUMMEDITS.read_text(encoding="utf-8")):
        pool = [read(s.text) for s in split_sentences(row["doc"])]
        for s in split_sentences(row["summary"]):
            yield "summedits", _checks(read(s.text), pool)


def main() -> None:
    """Print the digests (and write the rows with --dump)."""
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--dump", type=Path, help="write every row here as JSON lines")
    ap.add_argument("--limit", type=int, help="only the first N BASIL triplets")
    args = ap.parse_args()
    digests: dict[str, hashlib._Hash] = {}
    total = hashlib.sha256()
    out = args.dump.open("w", encoding="utf-8") if args.dump else None
    counts: dict[str, int] = {}
    for section, row in rows(args.limit):
        line = json.dumps(row, sort_keys=True, ensure_ascii=False)
        digests.setdefault(section, hashlib.sha256()).update(line.encode())
        total.update(line.encode())
        counts[section] = counts.get(section, 0) + 1
        if out:
            out.write(f"{section}\t{line}\n")
    if out:
        out.close()
    cmd = "python benchmarks/fingerprint.py" + (f" --limit {args.limit}" if args.limit else "")
    print(f"# {cmd}")
    for section, d in digests.items():
        print(f"{section:<11} {counts[section]:>7} rows  {d.hexdigest()[:16]}")
    print(f"{'all':<11} {sum(counts.values()):>7} rows  {total.hexdigest()[:16]}")


if __name__ == "__main__":
    main()
