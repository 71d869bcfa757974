"""The HTML page as text (ycgraph.view.html); the browser tests are in test_browser.py."""

from __future__ import annotations

import json
import re
from pathlib import Path

import networkx as nx
import pytest
from browser_fixtures import iri, small_network

from ycgraph.view.html import importance, node_tooltip, render_html, write_html

EVIL = '</script><script>window.__pwned=1</script><img src=x onerror="alert(1)">'


def page_data(page: str, block: str = "data") -> dict:
    found = re.search(rf'<script id="ycgraph-{block}" type="application/json">(.*?)</script>', page, re.S)
    assert found is not None
    return json.loads(found.group(1))


@pytest.fixture(scope="module")
def G() -> nx.MultiDiGraph:
    return small_network(extra_label=EVIL)


@pytest.fixture(scope="module")
def page(G: nx.MultiDiGraph) -> str:
    return render_html(G)


def test_self_contained(page: str) -> None:
    assert page.startswith("<!DOCTYPE html>") and '<meta charset="utf-8">' in page
    assert "<link" not in page.lower()
    assert not re.search(r"""(src|href)\s*=\s*["']?(https?:)?//""", page, re.I)
    assert not re.search(r"url\(\s*['\"]?(https?:)?//", page, re.I)
    assert "@import" not in page and "bootstrap" not in page.lower()
    assert "vis.Network" in page and len(page) > 400_000  # vis-network inlined


def test_written_bytes_repeat(G: nx.MultiDiGraph, tmp_path: Path) -> None:
    a = write_html(G, tmp_path / "a.html").read_bytes()
    b = write_html(small_network(extra_label=EVIL), tmp_path / "b.html").read_bytes()
    assert a == b
    assert a.decode("utf-8") == render_html(G)


def test_article_text_cannot_close_the_script(page: str) -> None:
    assert page.count("</script>") == 4  # vis-network, data, index, page script: nothing closed early
    assert "<script>window.__pwned" not in page and "<img src=x" not in page
    assert "\\u003c/script\\u003e\\u003cscript\\u003ewindow.__pwned=1" in page
    data = page_data(page)
    assert any(n["label"] == EVIL for n in data["nodes"])


def test_nodes_edges_styles(G: nx.MultiDiGraph, page: str) -> None:
    data = page_data(page)
    assert [n["iri"] for n in data["nodes"]] == list(G.nodes)
    assert [n["id"] for n in data["nodes"]] == list(range(G.number_of_nodes()))
    assert len(data["edges"]) == G.number_of_edges()
    by_label = {n["label"]: n for n in data["nodes"]}
    assert by_label["钟望川"]["shape"] == "diamond" and by_label["宜都市"]["shape"] == "dot"
    assert by_label["宜都市"]["size"] > by_label["云舟生物"]["size"]  # size by PageRank
    assert by_label["青岚"]["names"] == ["青岚", "青岚集团"]
    assert "宜都市委书记" in by_label["钟望川"]["title"]
    assert "行政区划代码：420581" in by_label["宜都市"]["title"]
    leads = [e for e in data["edges"] if e["relation"] == "leads"]
    assert {e["label"] for e in leads} == {"主政"} and all("证据" in e["title"] for e in leads)
    assert data["physics"] is True and data["options"]["physics"]["enabled"] is True
    assert all(isinstance(n["x"], float) for n in data["nodes"])
    assert data["meta"]["total"] == data["meta"]["drawn"] == G.number_of_nodes()


def _chain(n: int) -> nx.MultiDiGraph:
    H = nx.MultiDiGraph()
    for i in range(n):
        H.add_node(f"n{i:03}", kind="Enterprise", label=f"企业{i}", names=(f"企业{i}", f"别名{i}"))
    for i in range(n - 1):
        H.add_edge(f"n{i:03}", f"n{i + 1:03}", key="mentions", relation="mentions")
    for j in range(7, n, 7):
        H.add_edge("n000", f"n{j:03}", key="mentions", relation="mentions")  # n000 the hub
    return H


def test_large_graphs_start_frozen() -> None:
    data = page_data(render_html(_chain(30), physics_limit=20))
    assert data["physics"] is False and data["options"]["physics"]["enabled"] is False
    assert data["options"]["edges"]["smooth"] is False
    assert all("label" not in e for e in data["edges"])
    assert len({(n["x"], n["y"]) for n in data["nodes"]}) == 30


def test_only_the_most_important_nodes_are_drawn_and_every_name_is_indexed() -> None:
    H = _chain(100)
    page = render_html(H, max_nodes=25)
    data, index = page_data(page), page_data(page, "index")
    ranked = importance(H)
    drawn = {n["iri"] for n in data["nodes"]}
    assert drawn == set(ranked[:25]) and "n000" in drawn
    assert data["meta"] == {"total": 100, "drawn": 25, "articles": None, "bbox": data["meta"]["bbox"],
                            "edgesAmong": len(data["edges"]), "edgesDrawn": len(data["edges"])}
    assert all(e["from"] in {n["id"] for n in data["nodes"]} and e["to"] in {n["id"] for n in data["nodes"]}
               for e in data["edges"])
    # The index numbers nodes as list(G) does and holds every name and every edge.
    assert [row[0] for row in index["nodes"]] == [H.nodes[n]["label"] for n in H]
    assert index["nodes"][5] == ["企业5", 2, "别名5"]
    assert len(index["edges"]) == 3 * H.number_of_edges()
    # The top ranks carry an on-screen label size for the first frame, the rest none.
    sized = sorted((n["rank"], n["labelPx"]) for n in data["nodes"] if "labelPx" in n)
    assert sized[0] == (0, 18) and sized[12] == (12, 14) and len(sized) == 25  # fewer than 40 drawn: all sized
    small = page_data(render_html(_chain(200), max_nodes=180))
    assert sum("labelPx" in n for n in small["nodes"]) == 40


def test_a_capped_page_and_chart_are_the_same_bytes_whatever_the_hash_seed(tmp_path: Path) -> None:
    # Fewer than half the nodes drawn: a networkx subgraph view would list them in set order.
    script = (
        "import hashlib, sys; sys.path.insert(0, sys.argv[1]); from test_view import _chain; "
        "from ycgraph.view.html import render_html; from ycgraph.view.charts import network_overview_png; "
        "G = _chain(120); pr = {n: 1 / (1 + i) for i, n in enumerate(G)}; "
        "print(hashlib.sha256(render_html(G, max_nodes=25).encode()).hexdigest(), "
        "hashlib.sha256(network_overview_png(G, pr, max_nodes=30)).hexdigest())"
    )
    import os
    import subprocess
    import sys

    runs = {subprocess.run([sys.executable, "-c", script, str(Path(__file__).parent)], capture_output=True, text=True,
                           check=True, env={**os.environ, "PYTHONHASHSEED": seed}).stdout for seed in ("1", "2", "3")}
    assert len(runs) == 1


def test_edges_among_drawn_nodes_are_capped_most_important_first() -> None:
    H = nx.MultiDiGraph()
    for i in range(30):
        H.add_node(f"n{i:02d}", kind="Enterprise", label=f"企业{i}")
    for i in range(30):  # a dense graph: 435 edges among 30 nodes
        for j in range(i + 1, 30):
            H.add_edge(f"n{i:02d}", f"n{j:02d}", key="mentions", relation="mentions", evidence=())
    data = page_data(render_html(H, max_edges=40))
    assert len(data["edges"]) == 40 and data["meta"]["edgesAmong"] == 435 and data["meta"]["edgesDrawn"] == 40
    rank = {n["id"]: n["rank"] for n in data["nodes"]}
    worst_drawn = max(max(rank[e["from"]], rank[e["to"]]) for e in data["edges"])
    assert worst_drawn <= 9  # 40 edges fit among the 10 most important nodes (45 pairs)
    assert len(page_data(render_html(H))["edges"]) == 435  # under the cap: all drawn


def test_evidence_with_control_characters_renders(tmp_path: Path) -> None:
    from html.parser import HTMLParser

    hostile = "甲" + "".join(map(chr, range(0x20))) + "".join(map(chr, range(0x7F, 0xA0))) + "\u2028\u2029\x85乙\ud800"
    H = small_network()
    H.nodes[iri("qinglan")].update(label="青岚" + hostile, evidence=(hostile,))
    H.edges[iri("yidu"), iri("qinglan"), "mentions"]["evidence"] = (hostile,)
    text = write_html(H, tmp_path / "graph.html").read_text(encoding="utf-8")
    parser = HTMLParser()
    parser.feed(text)
    parser.close()
    data = page_data(text)
    label = next(n["label"] for n in data["nodes"] if n["iri"] == iri("qinglan"))
    assert label == "青岚" + hostile[:-1] + "?"  # the lone surrogate, which UTF-8 cannot hold
    assert "\u2028" not in text.split('id="ycgraph-data"')[1].split("</script>")[0]


def test_tooltip_lists_evidence_with_a_cap() -> None:
    text = node_tooltip({"kind": "Enterprise", "label": "甲", "names": ("甲", "甲集团"),
                         "evidence": tuple(f"第{i}句。" for i in range(8))})
    assert text.splitlines()[:2] == ["企业：甲", "别名：甲集团"]
    assert text.count("• ") == 5 and text.endswith("…另有 3 句")


def test_empty_graph_renders() -> None:
    assert page_data(render_html(nx.MultiDiGraph()))["nodes"] == []
