"""Corpus-scale build benchmark: the default build beside --stream, --jobs scaling, incremental speed-up, memory.

    python bench/bench_build.py [--sizes 1 100 1000 10000] [--work /tmp/ycgraph-bench]

For each size it generates a corpus (``gen_corpus.py``: the sample's sections
recombined under other cities, with new names and numbers) and measures, each
build in a fresh process:

* the default build (validation, report, charts, HTML view; ``--no-cache -j 1``)
  and the streaming one (``--stream --no-cache -j 1``) side by side: seconds,
  MB of text per second end to end (process start-up included), peak memory,
  and the default's time as a multiple of the stream's;
* the same with ``-j 2``: speed-up over one process;
* incremental: a cached build, then the unchanged rebuild (speed-up over the cold
  one), then a rebuild with one file changed;
* peak resident memory of each build (the process and its workers).

In the same run it times jieba's own POS tagger (``jieba.posseg``, the
baseline the builder is compared with) over the text of one corpus, and
prints the ratio. Results go to stdout as a Markdown table and to
``WORK/results.json``.
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]

CHILD = r"""
import json, resource, sys, time
from ycgraph.builder import BuildOptions, build
from ycgraph.builder.runners import collect_less
collect_less()  # as `ycgraph build` does
src, out, jobs, cache, stream = sys.argv[1], sys.argv[2], int(sys.argv[3]), sys.argv[4] == "1", sys.argv[5] == "1"
t0 = time.perf_counter()
r = build([src], out, BuildOptions(jobs=jobs, cache=cache, stream=stream))
seconds = time.perf_counter() - t0
rss = max(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss, resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss)
print(json.dumps({"seconds": seconds, "bytes": r.text_bytes, "articles": r.articles, "failures": len(r.failures),
                  "triples": r.triples, "cached": r.cached, "unchanged": r.unchanged, "peak_mb": rss / 1024}))
"""


def run_build(src: Path, out: Path, jobs: int, cache: bool, stream: bool = True) -> dict:
    """One build in a fresh interpreter; wall time includes start-up (imports, loading tables)."""
    start = time.perf_counter()
    proc = subprocess.run([sys.executable, "-c", CHILD, str(src), str(out), str(jobs), "1" if cache else "0",
                           "1" if stream else "0"], capture_output=True, text=True, check=True)
    wall = time.perf_counter() - start
    result = json.loads(proc.stdout.strip().splitlines()[-1])
    result["wall"] = wall
    result["mb_per_s"] = result["bytes"] / 1e6 / wall
    return result


def jieba_posseg_rate(src: Path, limit_mb: float) -> dict:
    """jieba's POS tagger over (up to limit_mb of) the corpus text: MB per second, after loading."""
    import jieba.posseg as pseg

    list(pseg.cut("宜昌市委书记"))  # load its dictionaries before timing
    texts, total = [], 0
    for f in sorted(src.glob("*.txt")):
        t = f.read_text(encoding="utf-8")
        texts.append(t)
        total += len(t.encode("utf-8"))
        if total >= limit_mb * 1e6:
            break
    start = time.perf_counter()
    for t in texts:
        for _ in pseg.cut(t):
            pass
    seconds = time.perf_counter() - start
    return {"bytes": total, "seconds": seconds, "mb_per_s": total / 1e6 / seconds}


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--sizes", type=int, nargs="+", default=[1, 100, 1000, 10000])
    ap.add_argument("--work", type=Path, default=Path("/tmp/ycgraph-bench"))
    ap.add_argument("--jieba-mb", type=float, default=3.0, help="how much text to give jieba's POS tagger")
    args = ap.parse_args()
    args.work.mkdir(parents=True, exist_ok=True)
    rows = []
    baseline_src = None
    for n in args.sizes:
        src = args.work / f"corpus-{n}"
        if not src.exists():
            subprocess.run([sys.executable, str(REPO / "bench" / "gen_corpus.py"), str(src), str(n)], check=True,
                           capture_output=True)
        cold = run_build(src, args.work / f"out-{n}-cold", 1, cache=False)
        full = run_build(src, args.work / f"out-{n}-default", 1, cache=False, stream=False)
        par = run_build(src, args.work / f"out-{n}-j2", 2, cache=False) if n > 1 else None
        inc_dir = args.work / f"out-{n}-inc"
        subprocess.run(["rm", "-rf", str(inc_dir)], check=True)
        first = run_build(src, inc_dir, 1, cache=True)
        again = run_build(src, inc_dir, 1, cache=True)
        changed_file = sorted(src.glob("*.txt"))[0]
        original = changed_file.read_bytes()
        changed_file.write_bytes(original + "\n力争新增企业1家。\n".encode())
        try:
            one_changed = run_build(src, inc_dir, 1, cache=True)
        finally:
            changed_file.write_bytes(original)
        row = {"articles": n, "mb": cold["bytes"] / 1e6, "triples": cold["triples"], "cold": cold, "default": full,
               "default_over_stream": full["wall"] / cold["wall"], "j2": par,
               "cached_first": first, "unchanged": again, "one_changed": one_changed,
               "speedup_j2": cold["wall"] / par["wall"] if par else None,
               "speedup_unchanged": cold["wall"] / again["wall"]}
        rows.append(row)
        if n >= 100 and baseline_src is None:
            baseline_src = src
        print(f"{n} articles done: {json.dumps(row)}", file=sys.stderr)
    jieba = jieba_posseg_rate(baseline_src or src, args.jieba_mb)
    (args.work / "results.json").write_text(json.dumps({"rows": rows, "jieba_posseg": jieba}, indent=1))

    print("| articles | MB | default build | MB/s | peak RSS | --stream | MB/s | peak RSS | default / stream |")
    print("| ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |")
    for r in rows:
        d, c = r["default"], r["cold"]
        print(f"| {r['articles']:,} | {r['mb']:.1f} | {d['wall']:.1f} s | {d['mb_per_s']:.2f} | {d['peak_mb']:.0f} MB | "
              f"{c['wall']:.1f} s | {c['mb_per_s']:.2f} | {c['peak_mb']:.0f} MB | {r['default_over_stream']:.2f}x |")
    print()
    print("| articles | MB | triples | cold -j1 | MB/s | -j2 | speed-up | unchanged rebuild | speed-up | one file changed | peak RSS -j1 | peak RSS -j2 |")
    print("| ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |")
    for r in rows:
        c, p = r["cold"], r["j2"]
        j2 = f"{p['wall']:.1f} s" if p else "–"
        j2_speedup = f"{r['speedup_j2']:.2f}x" if p else "–"
        j2_rss = f"{p['peak_mb']:.0f} MB" if p else "–"
        print(f"| {r['articles']:,} | {r['mb']:.1f} | {r['triples']:,} | {c['wall']:.1f} s | {c['mb_per_s']:.2f} | "
              f"{j2} | {j2_speedup} | {r['unchanged']['wall']:.2f} s | {r['speedup_unchanged']:.0f}x | "
              f"{r['one_changed']['wall']:.1f} s | {c['peak_mb']:.0f} MB | {j2_rss} |")
    big = max(rows, key=lambda r: r["articles"])
    ratio = big["cold"]["mb_per_s"] / jieba["mb_per_s"]
    print(f"\njieba.posseg alone: {jieba['mb_per_s']:.3f} MB/s on {jieba['bytes'] / 1e6:.1f} MB of the same corpus "
          f"text; the end-to-end build ({big['articles']:,} articles, one process) is {ratio:.1f}x faster.")
    return 0


if __name__ == "__main__":
    sys.exit(main())
