"""The HTML page as text (ycgraph.view.html); the browser tests are in test_browser.py."""

from __future__ import annotations

import json
import re
from pathlib import Path

import networkx as nx
import pytest
from browser_fixtures import small_rdf

from ycgraph.netgraph import to_networkx
from ycgraph.view.html import node_tooltip, render_html, write_html

EVIL = '</script><script>window.__pwned=1</script><img src=x onerror="alert(1)">'


def page_data(page: str) -> dict:
    block = re.search(r'<script id="ycgraph-data" type="application/json">(.*?)</script>', page, re.S)
    assert block is not None
    return json.loads(block.group(1))


@pytest.fixture(scope="module")
def G() -> nx.MultiDiGraph:
    return to_networkx(small_rdf(extra_label=EVIL))


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
    b = write_html(to_networkx(small_rdf(extra_label=EVIL)), tmp_path / "b.html").read_bytes()
    assert a == b
    assert a.decode("utf-8") == render_html(G)


def test_article_text_cannot_close_the_script(page: str) -> None:
    assert page.count("</script>") == 3  # vis-network, data, page script: nothing closed early
    assert "<script>window.__pwned" not in page and "<img src=x" not in page
    assert "\\u003c/script\\u003e\\u003cscript\\u003ewindow.__pwned=1" in page
    data = page_data(page)
    assert any(n["label"] == EVIL for n in data["nodes"])


def test_nodes_edges_styles(G: nx.MultiDiGraph, page: str) -> None:
    data = page_data(page)
    assert [n["id"] for n in data["nodes"]] == list(G.nodes)
    assert len(data["edges"]) == G.number_of_edges()
    by_label = {n["label"]: n for n in data["nodes"]}
    assert by_label["夏明海"]["shape"] == "diamond" and by_label["宜都市"]["shape"] == "dot"
    assert by_label["宜都市"]["size"] > by_label["安琪酵母"]["size"]  # size by PageRank
    assert by_label["兴发"]["names"] == ["兴发", "兴发集团"]
    assert "宜都市委书记" in by_label["夏明海"]["title"]
    assert "行政区划代码：420581" in by_label["宜都市"]["title"]
    leads = [e for e in data["edges"] if e["relation"] == "leads"]
    assert {e["label"] for e in leads} == {"主政"} and all("证据" in e["title"] for e in leads)
    assert data["physics"] is True and data["options"]["physics"]["enabled"] is True
    assert all(isinstance(n["x"], float) for n in data["nodes"])


def test_large_graphs_start_frozen() -> None:
    H = nx.MultiDiGraph()
    for i in range(30):
        H.add_node(f"n{i}", kind="Enterprise", label=f"企业{i}")
    for i in range(29):
        H.add_edge(f"n{i}", f"n{i + 1}", key="mentions", relation="mentions")
    data = page_data(render_html(H, physics_limit=20))
    assert data["physics"] is False and data["options"]["physics"]["enabled"] is False
    assert data["options"]["edges"]["smooth"] is False
    assert all("label" not in e for e in data["edges"])
    assert len({(n["x"], n["y"]) for n in data["nodes"]}) == 30


def test_tooltip_lists_evidence_with_a_cap() -> None:
    text = node_tooltip({"kind": "Enterprise", "label": "甲", "names": ("甲", "甲集团"),
                         "evidence": tuple(f"第{i}句。" for i in range(8))})
    assert text.splitlines()[:2] == ["企业：甲", "别名：甲集团"]
    assert text.count("• ") == 5 and text.endswith("…另有 3 句")


def test_empty_graph_renders() -> None:
    assert page_data(render_html(nx.MultiDiGraph()))["nodes"] == []
