"""Does a story in a batch keep every sentence it has alone? The 90 BASIL stories at once, no token delay.

    python benchmarks/batch_sentences.py [--story-concurrency 90] [--tree PATH]

Runs `summarizer.batch.run_batch` over the BASIL triplets against tests/loopback.py (in this process,
answering at once), then compares each story's report with its articles ingested alone, one by one.
Printed: requests by stage, and sentences lost. `--tree` runs another checkout's `summarizer` and
loopback (a `git worktree` of an older commit), to compare versions with the same script.
"""

from __future__ import annotations

import argparse
import asyncio
import collections
import json
import tempfile
from pathlib import Path

import basil
import recorded


def main() -> None:
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--story-concurrency", type=int, default=90, help="stories at once")
    recorded.add_tree_option(p, Path(__file__).resolve().parent)
    args = p.parse_args()
    tree = recorded.use_tree(args.tree)
    from summarizer import Settings
    from summarizer.batch import Story, run_batch
    from summarizer.ingest import load
    from tests import loopback as lb

    recorded.header("batch: sentences kept by each story, against the story ingested alone")
    print(f"code from {tree}; story concurrency {args.story_concurrency}")
    if not basil.available():
        print(f"BASIL is not at {basil.BASIL}: nothing to run")
        return
    stories = [
        Story(id=u, inputs=tuple(basil.article_text(x) for x in paths), source=basil.BASIL, modified=0.0)
        for u, paths in sorted(basil.triplets().items())
    ]
    with lb.running(key="sk-bench-sentences") as server, tempfile.TemporaryDirectory() as tmp:
        s = Settings(
            model="bench",
            base_url=server.url,
            api_key="sk-bench-sentences",
            mode="json_schema",
            client_retries=0,
            max_retries=0,
            cache=False,
        )
        asyncio.run(
            run_batch(
                stories, s, Path(tmp), concurrency=args.story_concurrency, formats=("json",), force=True
            )
        )
        stages = collections.Counter(x.route.split(":")[0] for x in server.requests())
        alone = kept = 0
        for story in stories:
            report = json.loads((Path(tmp) / story.id / "report.json").read_text(encoding="utf-8"))
            alone += sum(len(a.sentences) for a in load(list(story.inputs)))
            kept += sum(len(a["sentences"]) for a in report["articles"])
    print(f"{len(stories)} stories: {sum(stages.values())} requests {dict(sorted(stages.items()))}")
    print(
        f"sentences: {alone} when each story is ingested alone, {kept} in the batch's reports, "
        f"{alone - kept} lost"
    )


if __name__ == "__main__":
    main()
