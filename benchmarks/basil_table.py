"""BENCHMARKS.md's BASIL table and tests/test_basil.py's FIGURES, from `basil_runs.py`'s output.

    python benchmarks/basil_runs.py > /tmp/basil.json && python benchmarks/basil_table.py /tmp/basil.json

Prints the Markdown rows (one per recorded triplet), the totals the issue's goals are measured on, and
the FIGURES literal the replay test asserts, so neither is copied by hand.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Any


def rate(value: object) -> str:
    """A rate as the table shows it: two decimals, or n/a."""
    return "n/a" if value is None else f"{float(value):.2f}"  # type: ignore[arg-type]


def cells(f: dict[str, object]) -> list[str]:
    """One triplet's cells, in the table's column order."""
    actions = f["repaired_replaced_removed"]
    labels = f["outlet_labels_true_total"]
    assert isinstance(actions, list) and isinstance(labels, list)
    return [
        f"{f['claims']} / {f['sentences']}",
        f"{rate(f['verified_sentence_rate'])} ({f['passing']} of {f['summary']})",
        " / ".join(str(a) for a in actions),
        f"{f['conflicts']} / {f['false_conflicts']}",
        rate(f["conflict_precision"]),
        rate(f["corroborated_recall"]),
        "{} / {}".format(*f.get("corroborated_pairs_right_wrong", ("", ""))),
        f"{rate(f['single_source_precision'])} / {rate(f['single_source_recall'])}",
        rate(f["key_fact_recall"]),
        f"{labels[0]} of {labels[1]}",
        str(f["fragments"]),
        str(f["loaded_words"]),
        str(f.get("summary_words", "")),
    ]


def _figures(runs: dict[str, dict[str, Any]]) -> str:
    """The goals' figures over `runs`, as one clause."""
    labels = [sum(int(f["outlet_labels_true_total"][i]) for f in runs.values()) for i in (0, 1)]
    keys = [float(f["key_fact_recall"]) for f in runs.values() if f["key_fact_recall"] is not None]
    corr = [float(f["corroborated_recall"]) for f in runs.values() if f["corroborated_recall"] is not None]
    pairs = [sum(int(f["corroborated_pairs_right_wrong"][i]) for f in runs.values()) for i in (0, 1)]
    conflicts = sum(int(f["conflicts"]) for f in runs.values())
    false = sum(int(f["false_conflicts"]) for f in runs.values())
    fragments = sum(int(f["fragments"]) for f in runs.values())
    loaded = sum(int(f["loaded_words"]) for f in runs.values())
    again = sum(int(f.get("cited_again", 0)) for f in runs.values())
    return (
        f"corroborated recall {sum(corr) / len(corr):.2f} (mean), pairs "
        f"of outlets' sentences in one agreement that the gold puts in one fact {pairs[0]} of "
        f"{pairs[0] + pairs[1]}, "
        f"key-fact recall {sum(keys) / len(keys):.2f} (mean), outlets named that their own sentences "
        f"support {labels[0]} of {labels[1]}, conflicts stated {conflicts} ({false} false), fragments "
        f"{fragments}, loaded words in the summary's own voice {loaded}, summary sentences citing a claim "
        f"an earlier one cites {again}"
    )


def totals(runs: dict[str, dict[str, Any]]) -> str:
    """The lines the README shows: the figures over every recorded triplet, then over the held-out ones."""
    line = f"{len(runs)} triplets recorded: {_figures(runs)}."
    # Annotated after the code they are scored on was fixed, by someone who had not run it on them.
    held = {k: f for k, f in runs.items() if f.get("held_out")}
    if held:
        line += f"\nOf these, the {len(held)} held out: {_figures(held)}."
    return line


def main() -> None:
    """Print the rows, the totals and the FIGURES literal."""
    runs = json.loads(Path(sys.argv[1]).read_text(encoding="utf-8"))
    for key, f in runs.items():
        print(f"| {key}, {str(f['topic'])[:60]} | " + " | ".join(cells(f)) + " |")
    print("\n" + totals(runs))
    print("\nFIGURES = {")
    for key, f in runs.items():
        print(f"    {key!r}: {tuple(cells(f))!r},")
    print("}")


if __name__ == "__main__":
    main()
