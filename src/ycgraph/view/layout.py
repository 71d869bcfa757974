"""Deterministic node positions for the HTML view and the overview chart.

Small graphs get networkx's seeded ``spring_layout``; big ones (above
``fast_above`` nodes, where spring layout takes minutes in pure Python) get
:func:`hub_layout`, which is linear in the edges apart from a small spring
layout of the hubs.
"""

from __future__ import annotations

import math
import random

import networkx as nx

__all__ = ["FAST_ABOVE", "hub_layout", "positions"]

#: Graphs with more nodes than this get :func:`hub_layout`.
FAST_ABOVE = 300


def hub_layout(H: nx.Graph, seed: int = 42) -> dict[str, tuple[float, float]]:
    """Fast layout for big graphs: spring-lay the hubs, put every other node near its placed neighbours.

    Hubs are the ~2·√n best-connected nodes, linked when adjacent or sharing
    a neighbour. The rest are placed breadth-first at the centroid of their
    already placed neighbours plus a seeded jitter; nodes out of reach of any
    hub go on a spiral outside. Linear in the edges apart from the small hub
    layout, and deterministic.

    Examples
    --------
    >>> import networkx as nx
    >>> pos = hub_layout(nx.star_graph(30))
    >>> len(pos), pos == hub_layout(nx.star_graph(30))
    (31, True)
    """
    rng = random.Random(seed)
    n = H.number_of_nodes()
    hubs = sorted(H, key=lambda v: (-H.degree(v), v))[: max(20, int(2 * math.sqrt(n)))]
    hub_set = set(hubs)
    hub_graph = nx.Graph()
    hub_graph.add_nodes_from(hubs)
    hub_graph.add_edges_from((u, v) for u, v in H.edges(hubs) if u in hub_set and v in hub_set)
    for v in H:
        near = sorted(u for u in H[v] if u in hub_set)[:8]
        for i, a in enumerate(near):
            for b in near[i + 1 :]:
                weight = hub_graph.get_edge_data(a, b, {}).get("weight", 0)
                hub_graph.add_edge(a, b, weight=weight + 1)
    pos: dict[str, tuple[float, float]] = {
        v: (float(x), float(y)) for v, (x, y) in nx.spring_layout(hub_graph, seed=seed, weight="weight").items()
    }
    spread = 1.2 / math.sqrt(len(hubs))
    frontier = list(hubs)
    while frontier:
        layer = sorted({u for v in frontier for u in H[v] if u not in pos})
        for v in layer:
            placed = [pos[u] for u in H[v] if u in pos]
            angle, radius = rng.uniform(0, 2 * math.pi), spread * math.sqrt(rng.random())
            pos[v] = (
                sum(x for x, _ in placed) / len(placed) + radius * math.cos(angle),
                sum(y for _, y in placed) / len(placed) + radius * math.sin(angle),
            )
        frontier = layer
    rest = [v for v in H if v not in pos]
    for i, v in enumerate(rest):
        angle, radius = i * 2.39996, 1.3 + 0.4 * i / max(1, len(rest))
        pos[v] = (radius * math.cos(angle), radius * math.sin(angle))
    return pos


def positions(G: nx.Graph, seed: int = 42, fast_above: int = FAST_ABOVE) -> dict[str, tuple[float, float]]:
    """Positions (roughly within [-1.5, 1.5]²) for every node of ``G``, ignoring direction and parallel edges.

    Examples
    --------
    >>> import networkx as nx
    >>> G = nx.MultiDiGraph([("a", "b"), ("b", "c")])
    >>> positions(G) == positions(G) and sorted(positions(G)) == ["a", "b", "c"]
    True
    >>> len(positions(nx.path_graph(50), fast_above=10))
    50
    """
    H = nx.Graph()
    H.add_nodes_from(G.nodes)
    H.add_edges_from((u, v) for u, v in G.edges() if u != v)
    n = H.number_of_nodes()
    if n == 0:
        return {}
    if n > fast_above:
        pos = hub_layout(H, seed)
    else:
        pos = nx.spring_layout(H, seed=seed, k=1.0 / math.sqrt(n))
    return {node: (float(x), float(y)) for node, (x, y) in pos.items()}
