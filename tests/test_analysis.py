"""Analysis functions on small graphs built here (ycgraph.analysis)."""

from __future__ import annotations

import networkx as nx
import pytest

from ycgraph import analysis


def graph(nodes: dict[str, str], edges: list[tuple[str, str, str]], **attrs: dict[str, object]) -> nx.MultiDiGraph:
    """nodes: id -> kind (label = id); edges: (source, relation, target); attrs: id -> extra node attributes."""
    G = nx.MultiDiGraph()
    for node, kind in nodes.items():
        G.add_node(node, **{"kind": kind, "label": node, **attrs.get(node, {})})
    for u, relation, v in edges:
        G.add_edge(u, v, key=relation, relation=relation, evidence=())
    return G


# Three divisions; A and B share enterprise E (B through project P) and slogan S; C stands alone with F.
NODES = {
    "A": "Division", "B": "Division", "C": "Division", "Sec": "Official",
    "E": "Enterprise", "F": "Enterprise", "P": "Project", "S": "Slogan", "T": "Slogan",
}
EDGES = [
    ("Sec", "leads", "A"), ("A", "mentions", "E"), ("A", "promotes", "S"),
    ("B", "plans", "P"), ("P", "involves", "E"), ("B", "promotes", "S"), ("B", "mentions", "S"),
    ("C", "mentions", "F"), ("C", "promotes", "T"), ("A", "partOf", "C"),
]


@pytest.fixture()
def G() -> nx.MultiDiGraph:
    return graph(NODES, EDGES)


def test_summary(G: nx.MultiDiGraph) -> None:
    s = analysis.summary(G)
    assert s["nodes"] == 9 and s["edges"] == 10
    assert list(s["by_kind"]) == ["Division", "Official", "Enterprise", "Project", "Slogan"]
    assert s["by_relation"]["promotes"] == 3 and s["by_relation"]["mentions"] == 3


def test_centrality_star() -> None:
    star = graph({"h": "Division", **{f"e{i}": "Enterprise" for i in range(4)}},
                 [("h", "mentions", f"e{i}") for i in range(4)])
    c = analysis.node_centrality(star)
    assert c["h"]["degree"] == 4 and c["h"]["betweenness"] == 1.0
    assert c["e0"]["betweenness"] == 0.0
    assert c["h"]["pagerank"] > c["e0"]["pagerank"]
    assert sum(v["pagerank"] for v in c.values()) == pytest.approx(1.0, abs=1e-5)


def test_parallel_edges_count_once_in_degree(G: nx.MultiDiGraph) -> None:
    assert analysis.node_centrality(G)["S"]["degree"] == 2  # A, B (B has promotes + mentions)


def test_centrality_by_kind_ranks_and_limits(G: nx.MultiDiGraph) -> None:
    ranked = analysis.centrality_by_kind(G, top=2)
    assert list(ranked) == ["Division", "Official", "Enterprise", "Project", "Slogan"]
    assert len(ranked["Division"]) == 2
    assert ranked["Division"][0]["label"] == "A"
    pr = [r["pagerank"] for r in analysis.centrality_by_kind(G, top=None)["Division"]]
    assert pr == sorted(pr, reverse=True)


def test_communities_are_seeded_and_split_cliques() -> None:
    edges = [(a, "mentions", b) for a, b in [("a", "b"), ("b", "c"), ("a", "c"), ("x", "y"), ("y", "z"), ("x", "z"), ("c", "x")]]
    H = graph({n: "Division" for n in "abcxyz"}, edges)
    assert analysis.communities(H, seed=1) == analysis.communities(H, seed=1) == [["a", "b", "c"], ["x", "y", "z"]]


def test_division_links_through_projects(G: nx.MultiDiGraph) -> None:
    assert analysis.division_links(G, "Enterprise") == {"A": ("E",), "B": ("E",), "C": ("F",)}
    assert analysis.division_links(G, "Slogan") == {"A": ("S",), "B": ("S",), "C": ("T",)}


def test_division_similarity(G: nx.MultiDiGraph) -> None:
    rows = analysis.division_similarity(G)
    assert [(r["a"], r["b"], r["weight"], r["jaccard"], r["shared"]) for r in rows] == [("A", "B", 2, 1.0, ["E", "S"])]
    assert analysis.division_similarity(G, kinds=("Slogan",))[0]["weight"] == 1


def test_slogan_diffusion(G: nx.MultiDiGraph) -> None:
    rows = analysis.slogan_diffusion(G)
    assert [(r["label"], r["count"], r["divisions"]) for r in rows] == [("S", 2, ["A", "B"]), ("T", 1, ["C"])]


def test_spanning_enterprises(G: nx.MultiDiGraph) -> None:
    assert [(r["label"], r["divisions"]) for r in analysis.spanning_enterprises(G)] == [("E", ["A", "B"])]
    assert [r["label"] for r in analysis.spanning_enterprises(G, min_divisions=1)] == ["E", "F"]


def test_division_enterprise_matrix(G: nx.MultiDiGraph) -> None:
    m = analysis.division_enterprise_matrix(G)
    assert m == {"divisions": ["A", "B", "C"], "enterprises": ["E", "F"], "counts": [[1, 0], [1, 0], [0, 1]]}


def test_targets_side_by_side_and_growth_compared() -> None:
    T: dict[str, object] = {}
    H = graph(
        {"A": "Division", "B": "Division", "t1": "Target", "t2": "Target", "t3": "Target", "t4": "Target", "t5": "Target"},
        [("A", "setsTarget", "t1"), ("B", "setsTarget", "t2"), ("A", "setsTarget", "t3"),
         ("B", "setsTarget", "t4"), ("B", "setsTarget", "t5")],
        t1={**T, "indicator": "GDP增长", "value": "7.5", "unit": "%"},
        t2={**T, "indicator": "GDP增长", "value": "8", "unit": "%"},
        t3={**T, "indicator": "固定资产投资增速", "value": "10", "unit": "%"},
        t4={**T, "indicator": "投资", "value": "100", "unit": "亿元"},
        t5={**T, "indicator": "规上工业增加值增长", "value": "", "unit": "%"},
    )
    rows = analysis.division_targets(H)
    assert [(r["division_label"], r["indicator"], r["value"], r["unit"]) for r in rows] == [
        ("A", "GDP增长", 7.5, "%"), ("A", "固定资产投资增速", 10.0, "%"),
        ("B", "GDP增长", 8.0, "%"), ("B", "投资", 100.0, "亿元"), ("B", "规上工业增加值增长", None, "%"),
    ]
    growth = analysis.growth_targets(H)
    assert [(r["indicator"], r["division_label"], r["rank"]) for r in growth] == [
        ("GDP增长", "B", 1), ("GDP增长", "A", 2), ("固定资产投资增速", "A", 1),
    ]


def test_growth_rank_ties() -> None:
    T = {"kind": "Target", "indicator": "GDP增长", "unit": "%"}
    H = graph({"A": "Division", "B": "Division", "C": "Division", "a": "Target", "b": "Target", "c": "Target"},
              [("A", "setsTarget", "a"), ("B", "setsTarget", "b"), ("C", "setsTarget", "c")],
              a={**T, "value": "8"}, b={**T, "value": "8"}, c={**T, "value": "6"})
    assert [(r["division_label"], r["rank"]) for r in analysis.growth_targets(H)] == [("A", 1), ("B", 1), ("C", 3)]


def test_empty_graph() -> None:
    E = nx.MultiDiGraph()
    assert analysis.node_centrality(E) == {} and analysis.communities(E) == []
    assert analysis.division_similarity(E) == [] and analysis.slogan_diffusion(E) == []
    assert analysis.growth_targets(E) == [] and analysis.summary(E)["nodes"] == 0
    assert analysis.division_enterprise_matrix(E) == {"divisions": [], "enterprises": [], "counts": []}


def test_methods_follow_the_graph_size(monkeypatch: pytest.MonkeyPatch) -> None:
    small = nx.MultiDiGraph(nx.path_graph(50))
    m = analysis.methods(small)
    assert not any(v["approximate"] for v in m.values())
    monkeypatch.setattr(analysis, "EXACT_BETWEENNESS_LIMIT", 20)
    monkeypatch.setattr(analysis, "LOUVAIN_LIMIT", 20)
    m = analysis.methods(small, seed=3)
    assert m["betweenness"]["approximate"] and m["betweenness"]["seed"] == 3
    assert 10 <= m["betweenness"]["sources"] <= 50
    assert m["communities"]["approximate"] and not m["pagerank"]["approximate"]


def test_sampled_betweenness_is_seeded_and_close(monkeypatch: pytest.MonkeyPatch) -> None:
    G = nx.MultiDiGraph(nx.barabasi_albert_graph(400, 2, seed=1))
    exact = analysis.node_centrality(G)
    monkeypatch.setattr(analysis, "EXACT_BETWEENNESS_LIMIT", 100)
    monkeypatch.setattr(analysis, "BETWEENNESS_SAMPLE", (150, 150))
    a, b = analysis.node_centrality(G, seed=7), analysis.node_centrality(G, seed=7)
    assert a == b
    top_exact = sorted(exact, key=lambda n: -exact[n]["betweenness"])[:5]
    top_sampled = sorted(a, key=lambda n: -a[n]["betweenness"])[:5]
    assert len(set(top_exact) & set(top_sampled)) >= 4
    assert {n: v["pagerank"] for n, v in a.items()} == {n: v["pagerank"] for n, v in exact.items()}


def test_label_propagation_above_the_louvain_limit(monkeypatch: pytest.MonkeyPatch) -> None:
    edges = [(a, "mentions", b) for a, b in [("a", "b"), ("b", "c"), ("a", "c"), ("x", "y"), ("y", "z"), ("x", "z"), ("c", "x")]]
    H = graph({n: "Division" for n in "abcxyz"}, edges)
    monkeypatch.setattr(analysis, "LOUVAIN_LIMIT", 3)
    found = analysis.communities(H, seed=1)
    assert found == analysis.communities(H, seed=1)
    assert sorted(n for c in found for n in c) == list("abcxyz")


def test_growth_ranks_many_targets_in_linear_time() -> None:
    nodes = {f"d{i}": "Division" for i in range(3000)}
    nodes |= {f"t{i}": "Target" for i in range(3000)}
    attrs = {f"t{i}": {"indicator": "GDP增长", "value": str(i % 10), "unit": "%"} for i in range(3000)}
    H = graph(nodes, [(f"d{i}", "setsTarget", f"t{i}") for i in range(3000)], **attrs)
    ranks = [(r["value"], r["rank"]) for r in analysis.growth_targets(H)]
    assert ranks[0] == (9.0, 1) and ranks[300] == (8.0, 301) and ranks[-1] == (0.0, 2701)
