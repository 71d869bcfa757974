"""Source trees' pipeline stages timed side by side, article by article: seconds per MB and their ratio.

    python bench/compare_trees.py SRC_1 SRC_2 [SRC_3 ...] [--folder FOLDER] [--rounds N] [--warm-pass]

Each round, each tree runs in a fresh worker process of its own
(``PYTHONPATH=TREE``, so each imports its own ``ycgraph``), warmed up on the
folder's first three files. The parent then hands the workers one article at a
time, turning which goes first, so all see the same drift of the machine;
only one worker runs at a time. A round is one pass over the folder (fresh
processes: what a recognizer remembers of names is learnt once, as in a build,
not reused from an earlier pass); the table gives each stage's median over the
rounds (s/MB), and the median of the per-round ratios to the first tree. (Fresh processes each
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
    ap.add_argument("trees", nargs="+", help="src folders: the first is the one the others are compared with")
    ap.add_argument("--folder", type=Path, default=Path("/tmp/sp"))
    ap.add_argument("--rounds", type=int, default=7)
    ap.add_argument("--warm-pass", action="store_true",
                    help="warm each round's workers up on one untimed pass over the whole folder (the memos know "
                         "the names: as far into a long build), not just on its first three files")
    args = ap.parse_args()
    if len(args.trees) < 2:
        ap.error("give two trees or more")
    files = [str(f) for f in sorted(args.folder.glob("*.txt"))]
    mb = sum(os.path.getsize(f) for f in files[3:]) / 1e6
    trees = range(len(args.trees))
    per_round: list[dict[str, list[float]]] = [defaultdict(list) for _ in trees]
    for r in range(args.rounds):
        workers = [Worker(src) for src in args.trees]
        for w in workers:
            for f in files if args.warm_pass else files[:3]:
                w.ask(f)
            w.ask("--warm-done")
        sums: list[dict[str, float]] = [defaultdict(float) for _ in trees]
        for i, f in enumerate(files[3:]):
            first = (i + r) % len(workers)  # who goes first turns, article by article and round by round
            for t in (*trees[first:], *trees[:first]):
                for stage, s in workers[t].ask(f).items():
                    sums[t][stage] += s
        for t in trees:
            sums[t]["components"] = sum(s for k, s in sums[t].items() if k not in NOT_COMPONENTS)
            for stage, s in sums[t].items():
                per_round[t][stage].append(s / mb)
        print(f"round {r + 1}: components " + " ".join(f"{per_round[t]['components'][-1]:.3f}" for t in trees)
              + " s/MB", file=sys.stderr)
        for w in workers:
            w.close()

    base = per_round[0]
    stages = sorted(set().union(*per_round),
                    key=lambda k: (k == "components", k in NOT_COMPONENTS, -statistics.median(base.get(k, [0]))))
    print(f"{len(files) - 3} files, {mb:.2f} MB, {args.rounds} rounds{' after a warm pass' if args.warm_pass else ''};"
          f" medians, s/MB; ratio: median of the rounds' ratios to tree 1")
    for t, src in enumerate(args.trees):
        print(f"  tree {t + 1}: {src}")
    print(f"{'stage':24s}" + "".join(f" {'tree ' + str(t + 1):>8s}" for t in trees)
          + "".join(f" {f'{t + 1}/1':>6s}" for t in trees[1:]))
    for k in stages:
        cols = [per_round[t].get(k) for t in trees]
        line = f"{k:24s}" + "".join(f" {statistics.median(c):8.3f}" if c else f" {'-':>8s}" for c in cols)
        for c in cols[1:]:
            line += f" {statistics.median(n / o for n, o in zip(c, cols[0])):6.3f}" if c and cols[0] else f" {'-':>6s}"
        print(line)


if __name__ == "__main__":
    main()
