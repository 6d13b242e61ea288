"""Sentences that are sentences: every BASIL article split as the pipeline reads it, its fragments counted.

    python benchmarks/sentences.py [--tree PATH] [--against PATH] [--sample 30] [--seed 29]

Each of the 270 articles is read as the runs read it (`basil.article_text`, then `ingest.make_article`,
which takes the publisher line off). Printed: the sentences, how many end at an abbreviation (by its
kind, as `lang.sentences.abbreviation` reads the last token), open with a lowercase letter, or open with
a comma or other punctuation (an opening quotation mark or bracket is no such start), and how many
`lang.sentences.fragment` calls a fragment. `--tree` splits with another checkout's code (a copy of an
older commit, e.g. `git archive 7e6417f summarizer benchmarks | tar -x -C /tmp/base`); the counting is
always this checkout's, so two trees are counted alike. `--against PATH` also compares the split points
with that checkout's and prints a random sample of those that differ, to check by hand.
"""

from __future__ import annotations

import argparse
import collections
import itertools
import json
import os
import random
import subprocess
import sys
import unicodedata
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "benchmarks"))
sys.path.insert(0, str(ROOT))

import basil  # noqa: E402
import recorded  # noqa: E402

from summarizer.lang.sentences import abbreviation, fragment  # noqa: E402

# Run in a child with the tree first on its path: each tree's `summarizer` splits in its own process.
_SPLIT = """
import json, sys
import basil
from summarizer.ingest import make_article
out = {}
for uuid, paths in sorted(basil.triplets().items()):
    for p in paths:
        text = basil.article_text(p)
        article = make_article(text, "A", name=p.name)
        out[p.name] = {"text": article.text, "spans": [[s.start, s.end] for s in article.sentences]}
json.dump(out, sys.stdout)
"""

Split = dict[str, dict[str, object]]


def split_all(tree: Path) -> Split:
    """Every article's text and sentence spans, as `tree`'s code splits them."""
    env = dict(os.environ, PYTHONPATH=os.pathsep.join([str(tree), str(ROOT / "benchmarks")]))
    done = subprocess.run(
        [sys.executable, "-c", _SPLIT], env=env, capture_output=True, text=True, check=True, cwd=tree
    )
    return json.loads(done.stdout)  # type: ignore[no-any-return]


def _texts(split: Split) -> list[str]:
    out = []
    for article in split.values():
        text = str(article["text"])
        out += [text[s:e] for s, e in article["spans"]]  # type: ignore[attr-defined]
    return out


_OPENING = "“‘«\"'([{"


ENDS, LOWER, PUNCT, FRAGMENT = (
    "ends at an abbreviation",
    "starts with a lowercase letter",
    "starts with a comma or other punctuation",
    "lang.sentences.fragment",
)


def counts(split: Split) -> list[tuple[str, int]]:
    """The figures printed for one split: each count, then what it holds by kind."""
    total = 0
    by: dict[str, collections.Counter[str]] = {
        k: collections.Counter() for k in (ENDS, LOWER, PUNCT, FRAGMENT)
    }
    for text in _texts(split):
        total += 1
        last = text.split()[-1] if text.split() else ""
        if kind := abbreviation(last):
            by[ENDS][kind] += 1
        head = text[0]
        if head.islower():
            by[LOWER][head] += 1
        elif unicodedata.category(head).startswith("P") and head not in _OPENING:
            by[PUNCT][head] += 1
        if why := fragment(text):
            by[FRAGMENT][why] += 1
    rows = [("sentences", total)]
    for label, counter in by.items():
        rows.append((label, sum(counter.values())))
        rows += [(f"  {what!r}" if label == PUNCT else f"  {what}", n) for what, n in counter.most_common()]
    return rows


def split_points(split: Split) -> dict[tuple[str, int], str]:
    """Each place in a line where a sentence starts after another, with the text around it."""
    out = {}
    for name, article in split.items():
        text = str(article["text"])
        spans = article["spans"]
        for (_, end), (start, _) in itertools.pairwise(spans):  # type: ignore[call-overload]
            if "\n" not in text[end:start]:
                out[(name, start)] = f"{text[max(0, start - 70) : start]} ‖ {text[start : start + 50]}"
    return out


def main() -> None:
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    recorded.add_tree_option(p, Path(__file__).resolve().parent)
    p.add_argument("--against", type=Path, help="another checkout: list the split points that differ")
    p.add_argument("--sample", type=int, default=30, help="differing split points to print")
    p.add_argument("--seed", type=int, default=29)
    args = p.parse_args()
    recorded.header("sentences: BASIL split as the pipeline reads it, fragments counted")
    if not basil.available():
        print(f"BASIL is not at {basil.BASIL}: nothing to count")
        return
    tree = args.tree.resolve()
    print(f"split by the code in {tree}; counted by the code in {ROOT}")
    mine = split_all(tree)
    print(f"{len(mine)} articles")
    for label, n in counts(mine):
        print(f"{label:44} {n:6}")
    if args.against is None:
        return
    theirs = split_all(args.against.resolve())
    a, b = split_points(mine), split_points(theirs)
    gone = sorted(set(b) - set(a))
    new = sorted(set(a) - set(b))
    print(f"\nsplit points against {args.against.resolve()}: {len(gone)} gone, {len(new)} new")
    changed = [("gone", k, b[k]) for k in gone] + [("new", k, a[k]) for k in new]
    for what, (name, at), context in sorted(
        random.Random(args.seed).sample(changed, min(args.sample, len(changed)))
    ):
        print(f"{what:4} {name[:8]}@{at:<5} {context!r}")


if __name__ == "__main__":
    main()
