"""`summarizer check` on a draft someone else wrote, against its answer key (issue 27's third measure).

    python benchmarks/draft_check.py            # replay cassettes/drafts/<id>.yaml and print the figures
    python benchmarks/draft_check.py --record   # re-record against SUMMARIZER_BASE_URL (the bundled model)
    python benchmarks/draft_check.py --record --only 01c59743   # one draft (a new one: the others kept)
    python benchmarks/draft_check.py --update   # after a change: only the requests the cassettes lack

Each draft in benchmarks/drafts/ (`<id>.draft.txt`, one sentence a line) was written, with its key
(`<id>.key.json`: which lines are faithful, and each wrong line's error), by a helper who read only the
BASIL triplet's three articles and never a run of this project: half faithful paraphrases, half with
one error each of the kinds real drafts have (a number, a date, a title, a quotation given to another
person, an outlet named for another's reporting, a negation, an antonym, a plan stated as done, a
detail invented, a side reversed). Printed: faithful lines passed and wrong lines caught, their
balanced accuracy, and each line the check got wrong.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import tempfile
from pathlib import Path
from typing import Any, Literal, TypedDict

sys.path.insert(0, str(Path(__file__).resolve().parent))

import basil
import basil_runs

from summarizer.cassette import use
from summarizer.check import check
from summarizer.models import Report

DRAFTS = Path(__file__).resolve().parent / "drafts"
CASSETTES = Path(__file__).resolve().parents[1] / "cassettes" / "drafts"


def drafts() -> list[str]:
    """The ids of the drafts with a key (the BASIL triplet each is about)."""
    return sorted(p.name.split(".")[0] for p in DRAFTS.glob("*.key.json"))


def run(draft_id: str, *, record: bool | Literal["update"], base_url: str | None) -> Report:
    """The check of one draft against its triplet's articles, recorded or replayed."""
    uuid = next(u for u in basil.triplets() if u.startswith(draft_id))
    with tempfile.TemporaryDirectory() as tmp:
        sources = basil.write_triplet(uuid, Path(tmp))
        with use(CASSETTES / f"{draft_id}.yaml", record=record):
            return check(DRAFTS / f"{draft_id}.draft.txt", sources, basil_runs.recorded(base_url))


# The kinds of error the helpers were asked for, by a word of the key's own label ("wrong title: …",
# "swapped attribution (outlet)"): the first kind whose word the label holds. The order matters:
# "support/oppose flipped" is an antonym, "negation flipped" a negation.
KINDS = (
    ("negation", ("negation",)),
    ("antonym", ("antonym", "support/oppose")),
    ("side reversed", ("side",)),
    ("possibility or plan stated as done", ("possibility", "plan", "stated as fact")),
    ("invented detail", ("invented",)),
    ("number", ("number",)),
    ("date or weekday", ("date", "weekday")),
    (
        "who said or reported it",
        ("attribution", "person", "quot", "source", "outlet", "organisation", "speaker"),
    ),
    ("title or name", ("title", "name")),
)


def kind(label: str) -> str:
    """The kind of a wrong line's error, from its key's label."""
    said = label.split(":")[0].lower()
    return next((k for k, words in KINDS if any(w in said for w in words)), "other")


class Figures(TypedDict):
    """What `score` finds: [right, of how many] each way, and the lines it got wrong."""

    faithful_passed: list[int]
    wrong_caught: list[int]
    balanced_accuracy: float
    misjudged: list[str]
    by_kind: dict[str, list[int]]  # each kind of error: [caught, of how many]


def score(report: Report, key: list[dict[str, Any]]) -> Figures:
    """Faithful lines passed, wrong lines caught, and the lines the check got wrong."""
    said = [s.text for s in report.summary]
    assert said == [k["sentence"] for k in key], "the draft's lines and its key's must match, in order"
    passed = [bool(s.verified) for s in report.summary]
    faithful = [bool(k["faithful"]) for k in key]
    kept = sum(p for p, f in zip(passed, faithful, strict=True) if f)
    caught = sum(not p for p, f in zip(passed, faithful, strict=True) if not f)
    n_faithful, n_wrong = sum(faithful), len(faithful) - sum(faithful)
    by_kind: dict[str, list[int]] = {}
    for k, p in zip(key, passed, strict=True):
        if not k["faithful"]:
            tally = by_kind.setdefault(kind(k["error"]), [0, 0])
            tally[0] += not p
            tally[1] += 1
    return {
        "faithful_passed": [kept, n_faithful],
        "wrong_caught": [caught, n_wrong],
        "balanced_accuracy": round((kept / n_faithful + caught / n_wrong) / 2, 3),
        "misjudged": [
            f"{k['n']}: {'false alarm' if f else 'missed'}: {s.text}"
            for s, k, p, f in zip(report.summary, key, passed, faithful, strict=True)
            if p != f
        ],
        "by_kind": by_kind,
    }


def main() -> None:
    """Check every keyed draft and print its figures."""
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--record", action="store_true", help="record against SUMMARIZER_BASE_URL")
    p.add_argument("--update", action="store_true", help="record only the requests the cassettes lack")
    p.add_argument("--only", metavar="ID", help="one draft (its triplet's first 8 characters), not all")
    args = p.parse_args()
    print(
        "command: python benchmarks/draft_check.py"
        + (" --record" if args.record else "")
        + (" --update" if args.update else "")
        + (f" --only {args.only}" if args.only else "")
    )
    if not basil.available():
        print(f"BASIL is not at {basil.BASIL}: nothing to check")
        return
    record: bool | Literal["update"] = "update" if args.update else args.record
    base_url = os.environ.get("SUMMARIZER_BASE_URL") if record else None
    kinds: dict[str, list[int]] = {}
    for draft_id in [args.only] if args.only else drafts():
        key = json.loads((DRAFTS / f"{draft_id}.key.json").read_text(encoding="utf-8"))
        figures = score(run(draft_id, record=record, base_url=base_url), key)
        for name, (caught, of) in figures["by_kind"].items():
            kinds[name] = [kinds.get(name, [0, 0])[0] + caught, kinds.get(name, [0, 0])[1] + of]
        kept, caught = figures["faithful_passed"], figures["wrong_caught"]
        print(
            f"{draft_id}: faithful passed {kept[0]} of {kept[1]}, wrong caught {caught[0]} of {caught[1]}, "
            f"balanced accuracy {figures['balanced_accuracy']}"
        )
        for line in figures["misjudged"]:
            print(f"  {line}")

    print("wrong lines caught, by kind of error, over these drafts:")
    for name, (caught, of) in sorted(kinds.items(), key=lambda kv: (kv[1][0] / kv[1][1], kv[0])):
        print(f"  {name}: {caught} of {of}")


if __name__ == "__main__":
    main()
