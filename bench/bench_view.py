"""How large a graph the HTML view handles, and how fast its first frame appears.

Builds synthetic ycgraph-shaped networkx graphs (divisions, officials,
enterprises, projects, slogans, targets; about two edges per node; 300,000
nodes is about what 10,000 articles make), renders ``graph.html`` with
:func:`ycgraph.view.html.write_html` (at most ``MAX_NODES`` drawn), opens it
from file:// in headless system Chromium (Playwright) and times, per size:

- render: Python time to rank, lay out and write the page;
- ready: from navigation start to the page's ``window.ycgraphReady`` (the
  first frame drawn: after vis-network's stabilisation when physics is on,
  else the first frame);
- search: typing the name of a node that is not drawn until it is selected
  (index parsed on first use, node and neighbours added);
- baseline: the same page with every node drawn (``max_nodes`` = all), for
  sizes where that still opens, as the ratio to compare against (same
  process, same machine load).

Usage: ``python bench/bench_view.py [SIZES...]`` (default 1000 5000 300000), or
``python bench/bench_view.py --page OUT/graph.html`` to time a real build's page
(first frame and, with ``--search NAME``, finding a name).
Results are printed and written to ``bench/results/bench_view.json``.
Timings are wall-clock on a shared machine: compare within one run.
"""

from __future__ import annotations

import json
import random
import shutil
import sys
import tempfile
import time
from pathlib import Path

import networkx as nx

from ycgraph.view.html import MAX_NODES, importance, write_html

ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
        "--disable-sync", "--no-first-run"]
SHARES = [("Division", 0.08), ("Official", 0.12), ("Enterprise", 0.3), ("Project", 0.3), ("Slogan", 0.1), ("Target", 0.1)]


def synthetic(n: int, seed: int = 1) -> nx.MultiDiGraph:
    rng = random.Random(seed)
    G = nx.MultiDiGraph()
    by_kind: dict[str, list[str]] = {}
    for kind, share in SHARES:
        by_kind[kind] = [f"{kind}/{i}" for i in range(max(1, int(n * share)))]
        for node in by_kind[kind]:
            label = f"{kind[:2]}{node.split('/')[1]}号"
            G.add_node(node, kind=kind, label=label, names=(label,), evidence=("这是一个用于基准测试的句子。",),
                       articles=1)
    divisions = by_kind["Division"]
    for kind, relation, k in [("Official", "leads", 1), ("Enterprise", "mentions", 2), ("Project", "plans", 2),
                              ("Slogan", "promotes", 2), ("Target", "setsTarget", 1)]:
        for node in by_kind[kind]:
            for division in rng.sample(divisions, k):
                u, v = (node, division) if relation == "leads" else (division, node)
                G.add_edge(u, v, key=relation, relation=relation, evidence=("证据句。",))
    for project in by_kind["Project"]:
        G.add_edge(project, rng.choice(by_kind["Enterprise"]), key="involves", relation="involves", evidence=())
    return G


def measure(browser, G: nx.MultiDiGraph, workdir: Path, max_nodes: int = MAX_NODES) -> dict[str, float | int | bool]:
    t0 = time.perf_counter()
    path = write_html(G, workdir / f"graph-{G.number_of_nodes()}-{max_nodes}.html", max_nodes=max_nodes)
    render = time.perf_counter() - t0
    page = browser.new_page(viewport={"width": 1400, "height": 900})
    try:
        page.goto(path.as_uri(), timeout=600_000)
        # The page's CSP forbids eval, so wait on the attribute the page sets rather than wait_for_function.
        page.wait_for_selector("body[data-ready='1']", state="attached", timeout=600_000)
        ready = page.evaluate("window.ycgraph.times.ready") / 1000
        # script: HTML and vis-network parsed; data: drawn part parsed; network: vis.Network built
        times = {k: round(v / 1000, 2) for k, v in page.evaluate("window.ycgraph.times").items()}
        shown = page.evaluate("window.ycgraph.nodes.length")
        hidden = importance(G)[-1]
        label = G.nodes[hidden]["label"]
        t1 = time.perf_counter()
        page.fill("#search", label)
        found = page.evaluate("window.ycgraph.network.getSelectedNodes().length") == 1
        search = time.perf_counter() - t1
    finally:
        page.close()
    return {
        "nodes": G.number_of_nodes(), "edges": G.number_of_edges(), "drawn": shown, "max_nodes": max_nodes,
        "html_mb": round(path.stat().st_size / 1e6, 2), "render_s": round(render, 2), "ready_s": round(ready, 2),
        "search_s": round(search, 3), "search_found": found, "page_s": times,
    }


def measure_page(browser, path: Path, search: str | None = None) -> dict[str, object]:
    """The first frame of an existing page (a build's ``graph.html``), and optionally a search."""
    page = browser.new_page(viewport={"width": 1400, "height": 900})
    try:
        t0 = time.perf_counter()
        page.goto(path.resolve().as_uri(), timeout=600_000)
        page.wait_for_selector("body[data-ready='1']", state="attached", timeout=600_000)
        wall = time.perf_counter() - t0
        row: dict[str, object] = {
            "page": str(path), "html_mb": round(path.stat().st_size / 1e6, 2),
            "ready_s": round(page.evaluate("window.ycgraph.times.ready") / 1000, 2), "wall_to_ready_s": round(wall, 2),
            "drawn": page.evaluate("window.ycgraph.nodes.length"),
            "page_s": {k: round(v / 1000, 2) for k, v in page.evaluate("window.ycgraph.times").items()},
        }
        if search:
            t1 = time.perf_counter()
            page.fill("#search", search)
            row["search_found"] = page.evaluate("window.ycgraph.network.getSelectedNodes().length") == 1
            row["search_s"] = round(time.perf_counter() - t1, 3)
    finally:
        page.close()
    return row


def main(sizes: list[int]) -> None:
    from playwright.sync_api import sync_playwright

    executable = shutil.which("chromium")
    if executable is None:
        sys.exit("chromium is not installed (apt-get install chromium)")
    results = []
    with tempfile.TemporaryDirectory() as tmp, sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=executable, args=ARGS)
        for n in sizes:
            G = synthetic(n)
            rows = [measure(browser, G, Path(tmp))]
            if MAX_NODES < n <= 5000:  # every node drawn: the page as it was before the cap
                rows.append(measure(browser, G, Path(tmp), max_nodes=n))
                rows[0]["ready_vs_all_drawn"] = round(rows[0]["ready_s"] / max(rows[1]["ready_s"], 1e-9), 2)
            for row in rows:
                print(json.dumps(row), flush=True)
            results += rows
        browser.close()
    out = Path(__file__).parent / "results"
    out.mkdir(exist_ok=True)
    (out / "bench_view.json").write_text(json.dumps(results, indent=2) + "\n", encoding="utf-8")


def main_page(path: Path, search: str | None) -> None:
    from playwright.sync_api import sync_playwright

    executable = shutil.which("chromium")
    if executable is None:
        sys.exit("chromium is not installed (apt-get install chromium)")
    with sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=executable, args=ARGS)
        print(json.dumps(measure_page(browser, path, search), ensure_ascii=False), flush=True)
        browser.close()


if __name__ == "__main__":
    if sys.argv[1:2] == ["--page"]:
        rest = sys.argv[3:]
        main_page(Path(sys.argv[2]), rest[1] if rest[:1] == ["--search"] and len(rest) > 1 else None)
    else:
        main([int(a) for a in sys.argv[1:]] or [1000, 5000, 300000])
