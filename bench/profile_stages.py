"""Where one process's time goes: seconds per MB for each pipeline stage, over a corpus folder.

    python bench/profile_stages.py FOLDER [N_FILES] [--profile STAGE]

Stages are the extractor's components (by class name), then ``resolve``,
``relations`` and ``triples`` (the article's RDF, its own part written as
Turtle). The first three files warm the process up (lazy tables, jieba) and
are not timed. The garbage collector is set as ``ycgraph build`` sets it
(``--default-gc``: Python's defaults). With ``--profile STAGE``, cProfile runs around that stage
only and its costliest functions are printed. Use it to choose what to make
faster; ``bench/bench_build.py`` measures the whole build.
"""

from __future__ import annotations

import argparse
import cProfile
import pstats
import time
from collections import defaultdict
from pathlib import Path

from ycgraph import pipeline
from ycgraph.identity import article_id
from ycgraph.model import Document
from ycgraph.text.reader import decode_article


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("folder", type=Path)
    ap.add_argument("limit", type=int, nargs="?")
    ap.add_argument("--profile", metavar="STAGE")
    ap.add_argument("--default-gc", action="store_true", help="keep Python's collector thresholds (not the build's)")
    args = ap.parse_args()
    files = sorted(args.folder.glob("*.txt"))[: args.limit]
    ex = pipeline.Extractor()
    for f in files[:3]:
        ex.run(decode_article(str(f), f.read_bytes()).text)

    # The collector as `ycgraph build` sets it (a tree from before that setting gets the same values).
    try:
        from ycgraph.builder.runners import collect_less
    except ImportError:
        import gc

        def collect_less() -> None:
            gc.freeze()
            gc.set_threshold(50_000, 20, 20)
    if not args.default_gc:
        collect_less()
    seconds: dict[str, float] = defaultdict(float)
    profiler = cProfile.Profile() if args.profile else None

    def timed(stage, fn, *fn_args):
        profiling = profiler is not None and stage == args.profile
        if profiling:
            profiler.enable()
        start = time.perf_counter()
        out = fn(*fn_args)
        seconds[stage] += time.perf_counter() - start
        if profiling:
            profiler.disable()
        return out

    total_bytes = 0
    for f in files:
        data = f.read_bytes()
        total_bytes += len(data)
        article = timed("read", decode_article, str(f), data)
        doc = Document(text=article.text, source=f.name, doc_id=article_id(article.sha256))
        for component in ex.components:
            doc = timed(type(component).__name__, component, doc)
        timed("sort", lambda: doc.mentions.sort(key=lambda m: (m.span.begin, m.span.end, m.kind.value, m.key)))
        res = timed("resolve", ex.resolver, doc)
        rel = timed("relations", pipeline.find_relations, doc, res)
        timed("triples", pipeline.article_triples, doc, res, rel, article.sha256, "ycgraph", ex.sources)

    mb = total_bytes / 1e6
    total = sum(seconds.values())
    for stage, s in sorted(seconds.items(), key=lambda kv: -kv[1]):
        print(f"{stage:24s} {s:7.2f} s {s / total * 100:5.1f}%  {s / mb:.3f} s/MB")
    print(f"{len(files)} files, {mb:.2f} MB in {total:.2f} s: {mb / total:.2f} MB/s")
    if profiler is not None:
        pstats.Stats(profiler).sort_stats("tottime").print_stats(25)


if __name__ == "__main__":
    main()
