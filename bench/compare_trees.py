"""Two source trees' pipeline stages timed side by side, article by article: seconds per MB and their ratio.

    python bench/compare_trees.py OLD_SRC NEW_SRC [FOLDER] [--rounds N]

Each round, each tree runs in a fresh worker process of its own
(``PYTHONPATH=TREE``, so each imports its own ``ycgraph``), warmed up on the
folder's first three files. The parent then hands the workers one article at a
time, alternating which goes first, so both see the same drift of the machine;
only one worker runs at a time. A round is one pass over the folder (fresh
processes: what a recognizer remembers of names is learnt once, as in a build,
not reused from an earlier pass); the table gives each stage's median over the
rounds (s/MB), and the median of the per-round ratios new/old. (Fresh processes each
round also spread what one process's luck does to its speed, a few per cent, over the rounds.)
Stages are as in ``bench/profile_stages.py``: the components by class name
(their sum is ``components``), then resolve, relations and triples.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
from collections import defaultdict
from pathlib import Path

# The worker: reads one file path a line, answers with one JSON line of stage -> seconds.
WORKER = r"""
import gc, json, sys, time
from pathlib import Path
from ycgraph import pipeline
from ycgraph.identity import article_id
from ycgraph.model import Document
from ycgraph.text.reader import decode_article

ex = pipeline.Extractor()
try:
    from ycgraph.builder.runners import collect_less
except ImportError:
    def collect_less():
        gc.freeze()
        gc.set_threshold(50_000, 20, 20)
warm = True
for line in sys.stdin:
    path = line.rstrip("\n")
    if path == "--warm-done":
        collect_less()
        warm = False
        print("{}", flush=True)
        continue
    data = Path(path).read_bytes()
    t = {}
    def timed(stage, fn, *args):
        start = time.perf_counter()
        out = fn(*args)
        t[stage] = t.get(stage, 0.0) + time.perf_counter() - start
        return out
    article = decode_article(path, data)
    doc = Document(text=article.text, source=Path(path).name, doc_id=article_id(article.sha256))
    for component in ex.components:
        doc = timed(type(component).__name__, component, doc)
    doc.mentions.sort(key=lambda m: (m.span.begin, m.span.end, m.kind.value, m.key))
    res = timed("resolve", ex.resolver, doc)
    rel = timed("relations", pipeline.find_relations, doc, res)
    timed("triples", pipeline.article_triples, doc, res, rel, article.sha256, "ycgraph", ex.sources)
    print(json.dumps(t), flush=True)
"""

NOT_COMPONENTS = {"resolve", "relations", "triples"}


class Worker:
    def __init__(self, src: str) -> None:
        env = dict(os.environ, PYTHONPATH=src)
        self.proc = subprocess.Popen([sys.executable, "-c", WORKER], env=env, stdin=subprocess.PIPE,
                                     stdout=subprocess.PIPE, text=True)

    def ask(self, line: str) -> dict[str, float]:
        self.proc.stdin.write(line + "\n")
        self.proc.stdin.flush()
        return json.loads(self.proc.stdout.readline())

    def close(self) -> None:
        self.proc.stdin.close()
        self.proc.wait()


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("old", help="the first tree's src folder")
    ap.add_argument("new", help="the second tree's src folder")
    ap.add_argument("folder", type=Path, nargs="?", default=Path("/tmp/sp"))
    ap.add_argument("--rounds", type=int, default=7)
    ap.add_argument("--warm-pass", action="store_true",
                    help="warm each round's workers up on one untimed pass over the whole folder (the memos know "
                         "the names: as far into a long build), not just on its first three files")
    args = ap.parse_args()
    files = [str(f) for f in sorted(args.folder.glob("*.txt"))]
    mb = sum(os.path.getsize(f) for f in files[3:]) / 1e6
    per_round: dict[str, dict[str, list[float]]] = {"old": defaultdict(list), "new": defaultdict(list)}
    for r in range(args.rounds):
        workers = {"old": Worker(args.old), "new": Worker(args.new)}
        for w in workers.values():
            for f in files if args.warm_pass else files[:3]:
                w.ask(f)
            w.ask("--warm-done")
        sums = {"old": defaultdict(float), "new": defaultdict(float)}
        for i, f in enumerate(files[3:]):
            order = ("old", "new") if (i + r) % 2 == 0 else ("new", "old")
            for name in order:
                for stage, s in workers[name].ask(f).items():
                    sums[name][stage] += s
        for name in sums:
            sums[name]["components"] = sum(s for k, s in sums[name].items() if k not in NOT_COMPONENTS)
            for stage, s in sums[name].items():
                per_round[name][stage].append(s / mb)
        c = per_round
        print(f"round {r + 1}: components old {c['old']['components'][-1]:.3f} new {c['new']['components'][-1]:.3f}"
              f" s/MB, ratio {c['new']['components'][-1] / c['old']['components'][-1]:.3f}", file=sys.stderr)
        for w in workers.values():
            w.close()

    stages = sorted(set(per_round["old"]) | set(per_round["new"]),
                    key=lambda k: (k == "components", k in NOT_COMPONENTS, -statistics.median(per_round["old"].get(k, [0]))))
    print(f"{len(files) - 3} files, {mb:.2f} MB, {args.rounds} rounds; medians, s/MB")
    print(f"{'stage':24s} {'old':>7s} {'new':>7s} {'new/old':>8s}")
    for k in stages:
        old, new = per_round["old"].get(k), per_round["new"].get(k)
        mo = statistics.median(old) if old else float("nan")
        mn = statistics.median(new) if new else float("nan")
        ratio = statistics.median(n / o for n, o in zip(new, old)) if old and new else float("nan")
        print(f"{k:24s} {mo:7.3f} {mn:7.3f} {ratio:8.3f}")


if __name__ == "__main__":
    main()
