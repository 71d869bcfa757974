"""Analysis at corpus scale: each figure's time, the sampled betweenness against the old fixed sample.

Generates ``N`` articles with ``bench/gen_corpus.py`` (into a temporary
folder), extracts them and builds the network with
:class:`ycgraph.netgraph.NetworkBuilder`, then times each function of
:mod:`ycgraph.analysis` and, as the baseline in the same process, the
betweenness the analysis used before (200 seeded sources above 1,000 nodes).

Usage: ``python bench/bench_analysis.py [N] [--synthetic NODES]`` (default
100 articles). ``--synthetic`` skips extraction and uses the synthetic graph
of ``bench/bench_view.py`` with that many nodes. Results go to stdout and
``bench/results/bench_analysis.json``.
"""

from __future__ import annotations

import json
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import networkx as nx

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO / "src"))
sys.path.insert(0, str(REPO / "bench"))

from ycgraph import analysis  # noqa: E402
from ycgraph.netgraph import NetworkBuilder  # noqa: E402


def corpus_network(n: int) -> nx.MultiDiGraph:
    from ycgraph.pipeline import Extractor

    with tempfile.TemporaryDirectory() as tmp:
        subprocess.run([sys.executable, str(REPO / "bench" / "gen_corpus.py"), tmp, str(n)], check=True,
                       stdout=subprocess.DEVNULL)
        extractor, builder = Extractor(), NetworkBuilder()
        for f in sorted(Path(tmp).glob("*.txt")):
            builder.add(extractor.run(f.read_text(encoding="utf-8"), f.name))
    return builder.network()


def timed(fn, *args, **kwargs):
    t = time.perf_counter()
    value = fn(*args, **kwargs)
    return value, round(time.perf_counter() - t, 2)


def main(argv: list[str]) -> None:
    if "--synthetic" in argv:
        from bench_view import synthetic

        G, source = synthetic(int(argv[argv.index("--synthetic") + 1])), "synthetic"
    else:
        n = int(argv[0]) if argv else 100
        G, source = corpus_network(n), f"{n} generated articles"
    H = analysis._simple(G)
    row: dict[str, object] = {"graph": source, "nodes": G.number_of_nodes(), "edges": G.number_of_edges(),
                              "methods": analysis.methods(G)}
    k_old = 200 if H.number_of_nodes() > 1000 else None
    old, row["betweenness_old_200_sources_s"] = timed(nx.betweenness_centrality, H, k=k_old, seed=42)
    centrality, row["node_centrality_s"] = timed(analysis.node_centrality, G)
    _, row["communities_s"] = timed(analysis.communities, G)
    for name in ("division_similarity", "slogan_diffusion", "spanning_enterprises", "growth_targets",
                 "division_enterprise_matrix"):
        _, row[f"{name}_s"] = timed(getattr(analysis, name), G)
    top_old = set(sorted(old, key=lambda v: -old[v])[:20])
    top_new = set(sorted(centrality, key=lambda v: -centrality[v]["betweenness"])[:20])
    row["top20_betweenness_overlap_with_old"] = len(top_old & top_new)
    print(json.dumps(row, ensure_ascii=False, indent=1))
    out = REPO / "bench" / "results"
    out.mkdir(exist_ok=True)
    (out / "bench_analysis.json").write_text(json.dumps(row, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")


if __name__ == "__main__":
    main(sys.argv[1:])
