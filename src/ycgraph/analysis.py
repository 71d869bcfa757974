"""Graph analysis: pure functions over the networkx graph of :mod:`ycgraph.netgraph`.

Every function takes the :class:`networkx.MultiDiGraph` that
:meth:`ycgraph.netgraph.NetworkBuilder.network` returns (nodes with ``kind`` and
``label``, edges keyed by relation) and returns plain data: dicts and lists
of dicts, sorted, with floats rounded to six decimals so that reports built
from them repeat byte for byte.

Divisions are linked to enterprises and slogans by ``mentions``, ``plans``
and ``promotes``; an enterprise also counts as linked to a division through a
project the division plans or mentions that ``involves`` it.

Scale: each algorithm is chosen by the graph's size (:func:`methods`):
betweenness is exact up to ``EXACT_BETWEENNESS_LIMIT`` nodes and estimated
from a seeded sample of sources above; communities are Louvain up to
``LOUVAIN_LIMIT`` nodes and seeded label propagation above. Estimates are
seeded, so the same graph gives the same figures; the report says which
figures are estimates and how.
"""

from __future__ import annotations

from collections import defaultdict
from decimal import Decimal, InvalidOperation
from collections.abc import Mapping
from typing import Any, Iterator

import networkx as nx

__all__ = [
    "summary",
    "methods",
    "pagerank",
    "node_centrality",
    "centrality_by_kind",
    "communities",
    "division_links",
    "division_similarity",
    "division_enterprise_matrix",
    "slogan_diffusion",
    "spanning_enterprises",
    "division_targets",
    "growth_targets",
]

_KIND_ORDER = ("Division", "Official", "Enterprise", "Project", "Slogan", "Target")
_DIVISION_RELATIONS = frozenset({"mentions", "plans", "promotes"})
_GROWTH_WORDS = ("增长", "增速")

Row = dict[str, Any]
#: :func:`division_links` by kind.
Links = Mapping[str, dict[str, tuple[str, ...]]]


def _label(G: nx.MultiDiGraph, node: str) -> str:
    return str(G.nodes[node].get("label", node))


def _kind(G: nx.MultiDiGraph, node: str) -> str:
    return str(G.nodes[node].get("kind", ""))


def _nodes_of(G: nx.MultiDiGraph, kind: str) -> list[str]:
    return [n for n in G if _kind(G, n) == kind]


def _simple(G: nx.MultiDiGraph) -> nx.Graph:
    """Undirected simple graph with the same nodes (in order); parallel edges and loops dropped."""
    H = nx.Graph()
    H.add_nodes_from(G)
    H.add_edges_from((u, v) for u, neighbours in G.adj.items() for v in neighbours if u != v)
    return H


def induced_edges(G: nx.MultiDiGraph, nodes: list[str]) -> Iterator[tuple[str, str, str, dict]]:
    """The edges among ``nodes`` as ``(u, v, key, data)``: by source in the order given, then in ``G``'s order.

    (A networkx subgraph view of a node set less than half the graph iterates
    it in set order, which changes with Python's hash seed: not this.)

    Examples
    --------
    >>> import networkx as nx
    >>> G = nx.MultiDiGraph([("a", "b"), ("b", "c"), ("c", "a"), ("a", "x")])
    >>> [(u, v) for u, v, _, _ in induced_edges(G, ["a", "b", "c"])]
    [('a', 'b'), ('b', 'c'), ('c', 'a')]
    """
    inside = set(nodes)
    for u in nodes:
        for v, keyed in G.adj[u].items():
            if v in inside:
                for key, data in keyed.items():
                    yield u, v, key, data


def summary(G: nx.MultiDiGraph) -> Row:
    """Count nodes per kind and edges per relation.

    Examples
    --------
    >>> import networkx as nx
    >>> G = nx.MultiDiGraph()
    >>> G.add_node("d", kind="Division", label="甲市"); G.add_node("e", kind="Enterprise", label="乙")
    >>> _ = G.add_edge("d", "e", key="mentions", relation="mentions")
    >>> summary(G)
    {'nodes': 2, 'edges': 1, 'by_kind': {'Division': 1, 'Enterprise': 1}, 'by_relation': {'mentions': 1}}
    """
    by_kind: dict[str, int] = defaultdict(int)
    for node in G:
        by_kind[_kind(G, node)] += 1
    by_relation: dict[str, int] = defaultdict(int)
    for _, _, relation in G.edges(keys=True):
        by_relation[str(relation)] += 1
    order = {k: i for i, k in enumerate(_KIND_ORDER)}
    return {
        "nodes": G.number_of_nodes(),
        "edges": G.number_of_edges(),
        "by_kind": dict(sorted(by_kind.items(), key=lambda kv: (order.get(kv[0], len(order)), kv[0]))),
        "by_relation": dict(sorted(by_relation.items())),
    }


def pagerank(G: nx.MultiDiGraph, alpha: float = 0.85, tol: float = 1.0e-6, max_iter: int = 100) -> dict[str, float]:
    """PageRank of every node on the undirected simple graph (rounded to six decimals).

    The power iteration of :func:`networkx.pagerank` (same damping,
    tolerance and handling of isolated nodes), run on a sparse matrix built
    straight from the edge list: linear in the edges, and fast at hundreds of
    thousands of nodes.

    Examples
    --------
    >>> import networkx as nx
    >>> pagerank(nx.MultiDiGraph([("a", "b"), ("b", "c"), ("b", "c")]))
    {'a': 0.256757, 'b': 0.486486, 'c': 0.256757}
    >>> pagerank(nx.MultiDiGraph())
    {}
    """
    import numpy as np
    from scipy import sparse

    nodes = list(G)
    n = len(nodes)
    if n == 0:
        return {}
    number = {node: i for i, node in enumerate(nodes)}
    pairs: set[tuple[int, int]] = set()
    for u, neighbours in G.adj.items():
        a = number[u]
        for v in neighbours:
            b = number[v]
            if a != b:
                pairs.add((a, b) if a < b else (b, a))
    if not pairs:
        return {node: round(1 / n, 6) for node in nodes}
    rows = np.fromiter((a for a, _ in pairs), dtype=np.int64, count=len(pairs))
    cols = np.fromiter((b for _, b in pairs), dtype=np.int64, count=len(pairs))
    A = sparse.csr_array((np.ones(2 * len(pairs)), (np.concatenate([rows, cols]), np.concatenate([cols, rows]))),
                         shape=(n, n))
    degree = np.asarray(A.sum(axis=1)).ravel()
    inverse = np.divide(1.0, degree, out=np.zeros(n), where=degree != 0)
    A = sparse.diags_array(inverse) @ A
    dangling = degree == 0
    x = np.full(n, 1.0 / n)
    p = np.full(n, 1.0 / n)
    for _ in range(max_iter):
        last = x
        x = alpha * (x @ A + x[dangling].sum() * p) + (1 - alpha) * p
        if np.abs(x - last).sum() < n * tol:
            break
    x = x / x.sum()
    return {node: round(float(x[i]), 6) for i, node in enumerate(nodes)}


#: Betweenness is exact up to this many nodes; above, it is estimated from a seeded sample of sources.
EXACT_BETWEENNESS_LIMIT = 2000
#: Work budget of the estimate: sampled sources × edges (each source is one pass over the edges).
BETWEENNESS_BUDGET = 30_000_000
#: Fewest and most sampled sources.
BETWEENNESS_SAMPLE = (10, 500)
#: Louvain up to this many nodes; above, seeded fast label propagation (linear, coarser).
LOUVAIN_LIMIT = 10_000


def methods(G: nx.MultiDiGraph, seed: int = 42) -> dict[str, Row]:
    """Which algorithm each figure uses for a graph of this size, and whether it is approximate.

    :func:`node_centrality` and :func:`communities` follow this choice; the
    report prints it.

    Returns
    -------
    dict
        ``{"betweenness": {...}, "pagerank": {...}, "communities": {...}}``,
        each with ``method`` (text), ``approximate`` (bool) and, for sampled
        betweenness, ``sources`` (the sample size) and ``seed``.

    Examples
    --------
    >>> import networkx as nx
    >>> methods(nx.MultiDiGraph(nx.path_graph(10)))["betweenness"]
    {'method': 'exact (Brandes)', 'approximate': False}
    >>> big = methods(nx.MultiDiGraph(nx.path_graph(100_001)))["betweenness"]  # 200,000 edges (both ways)
    >>> big["approximate"], big["sources"], big["seed"]
    (True, 150, 42)
    """
    n = G.number_of_nodes()
    m = max(1, G.number_of_edges())
    if n <= EXACT_BETWEENNESS_LIMIT:
        betweenness: Row = {"method": "exact (Brandes)", "approximate": False}
    else:
        low, high = BETWEENNESS_SAMPLE
        k = min(n, high, max(low, BETWEENNESS_BUDGET // m))
        betweenness = {
            "method": f"estimated from {k} of {n} source nodes (seeded sample, Brandes)",
            "approximate": True,
            "sources": k,
            "seed": seed,
        }
    if n <= LOUVAIN_LIMIT:
        groups: Row = {"method": "Louvain (seeded)", "approximate": False}
    else:
        groups = {"method": f"fast label propagation (seeded; Louvain above {LOUVAIN_LIMIT} nodes is too slow)",
                  "approximate": True, "seed": seed}
    return {
        "betweenness": betweenness,
        "pagerank": {"method": "power iteration (tolerance 1e-6)", "approximate": False},
        "communities": groups,
    }


def node_centrality(G: nx.MultiDiGraph, seed: int = 42) -> dict[str, dict[str, float]]:
    """Degree, betweenness and PageRank of every node, on the undirected simple graph.

    Parameters
    ----------
    G : networkx.MultiDiGraph
        Graph from :meth:`ycgraph.netgraph.NetworkBuilder.network`.
    seed : int
        Seed for the source sample when betweenness is estimated (see
        :func:`methods`: above ``EXACT_BETWEENNESS_LIMIT`` nodes).

    Returns
    -------
    dict
        ``{node: {"degree": int, "betweenness": float, "pagerank": float}}``
        in node order; ``degree`` counts distinct neighbours, betweenness is
        normalised, floats are rounded to six decimals.

    Examples
    --------
    >>> import networkx as nx
    >>> G = nx.MultiDiGraph([("a", "b"), ("b", "c"), ("b", "c")])
    >>> c = node_centrality(G)
    >>> c["b"]
    {'degree': 2, 'betweenness': 1.0, 'pagerank': 0.486486}
    >>> c["a"]["betweenness"]
    0.0
    """
    H = _simple(G)
    if H.number_of_nodes() == 0:
        return {}
    plan = methods(G, seed)["betweenness"]
    between = betweenness(H, plan.get("sources"), seed)
    ranks = pagerank(G)
    return {
        n: {"degree": int(H.degree(n)), "betweenness": round(between[n], 6), "pagerank": ranks[n]}
        for n in H
    }


def betweenness(H: nx.Graph, k: int | None = None, seed: int = 42) -> dict[str, float]:
    """Normalized betweenness of an undirected graph: exact, or estimated from ``k`` sampled sources.

    What :func:`networkx.betweenness_centrality` gives (normalized, no
    endpoints; with ``k``, the same seeded sample of sources and the same
    scaling), computed level by level on a sparse adjacency matrix: Brandes'
    algorithm with one matrix-vector product per breadth-first level instead
    of a Python loop over edges, some ten times faster on large graphs.

    Parameters
    ----------
    H : networkx.Graph
        An undirected simple graph.
    k : int, optional
        How many sources to sample (``None``: every node, exact).
    seed : int
        Seed of the sample (as networkx's ``seed``).

    Examples
    --------
    >>> import networkx as nx
    >>> H = nx.les_miserables_graph()
    >>> exact, theirs = betweenness(H), nx.betweenness_centrality(H)
    >>> max(abs(exact[n] - theirs[n]) for n in H) < 1e-12
    True
    >>> sampled, theirs = betweenness(H, 20, seed=1), nx.betweenness_centrality(H, k=20, seed=1)
    >>> max(abs(sampled[n] - theirs[n]) for n in H) < 1e-12
    True
    """
    import random

    import numpy as np
    from scipy import sparse

    nodes = list(H)
    n = len(nodes)
    if k is not None and k >= n:
        k = None  # (networkx too: every node is a source)
    if n < 3 or k is not None and k < 2:
        return nx.betweenness_centrality(H, k=k, normalized=True, seed=seed)
    index = {v: i for i, v in enumerate(nodes)}
    ends = np.array([(index[u], index[v]) for u, v in H.edges() if u != v], dtype=np.int64).reshape(-1, 2)
    rows, cols = np.concatenate([ends[:, 0], ends[:, 1]]), np.concatenate([ends[:, 1], ends[:, 0]])
    adjacency = sparse.csr_matrix((np.ones(len(rows)), (rows, cols)), shape=(n, n))
    sources = nodes if k is None else random.Random(seed).sample(nodes, k)  # networkx's sample for this seed
    total = np.zeros(n)
    for s in sources:
        depth = np.full(n, -1, dtype=np.int64)
        sigma = np.zeros(n)
        start = index[s]
        depth[start], sigma[start] = 0, 1.0
        levels = [np.array([start])]
        while True:  # breadth first: the number of shortest paths reaching each node of the next level
            x = np.zeros(n)
            x[levels[-1]] = sigma[levels[-1]]
            reach = adjacency @ x
            new = np.flatnonzero((depth < 0) & (reach > 0))
            if not len(new):
                break
            depth[new], sigma[new] = len(levels), reach[new]
            levels.append(new)
        delta = np.zeros(n)
        for deeper, level in zip(reversed(levels), reversed(levels[:-1])):  # back up, level by level
            x = np.zeros(n)
            x[deeper] = (1.0 + delta[deeper]) / sigma[deeper]
            delta[level] += sigma[level] * (adjacency @ x)[level]
        delta[start] = 0.0
        total += delta
    # networkx's scaling without endpoints: by the pairs each node could lie between (for a sample,
    # a source cannot lie on its own paths).
    if k is None:
        total /= (n - 1) * (n - 2)
    else:
        is_source = np.zeros(n, dtype=bool)
        is_source[[index[s] for s in sources]] = True
        total *= np.where(is_source, 1 / ((k - 1) * (n - 2)), 1 / (k * (n - 2)))
    return {v: float(total[i]) for i, v in enumerate(nodes)}


def centrality_by_kind(
    G: nx.MultiDiGraph,
    top: int | None = 10,
    centrality: dict[str, dict[str, float]] | None = None,
) -> dict[str, list[Row]]:
    """Rank nodes by PageRank within each kind.

    Parameters
    ----------
    G : networkx.MultiDiGraph
        Graph from :meth:`ycgraph.netgraph.NetworkBuilder.network`.
    top : int or None
        Keep the first ``top`` rows per kind (``None``: all).
    centrality : dict, optional
        Precomputed :func:`node_centrality` result.

    Returns
    -------
    dict
        ``{kind: [{"id", "label", "degree", "betweenness", "pagerank"}, ...]}``,
        rows by descending PageRank, then label.

    Examples
    --------
    >>> import networkx as nx
    >>> G = nx.MultiDiGraph()
    >>> for n, k in [("d1", "Division"), ("d2", "Division"), ("e", "Enterprise")]:
    ...     G.add_node(n, kind=k, label=n.upper())
    >>> _ = G.add_edge("d1", "e", key="mentions"); _ = G.add_edge("d2", "e", key="mentions")
    >>> [(r["label"], r["degree"]) for r in centrality_by_kind(G)["Enterprise"]]
    [('E', 2)]
    >>> [r["label"] for r in centrality_by_kind(G, top=1)["Division"]]
    ['D1']
    """
    scores = centrality if centrality is not None else node_centrality(G)
    rows: dict[str, list[Row]] = defaultdict(list)
    for node, values in scores.items():
        rows[_kind(G, node)].append({"id": node, "label": _label(G, node), **values})
    result: dict[str, list[Row]] = {}
    for kind in sorted(rows, key=lambda k: (_KIND_ORDER.index(k) if k in _KIND_ORDER else 99, k)):
        ranked = sorted(rows[kind], key=lambda r: (-r["pagerank"], -r["degree"], r["label"], r["id"]))
        result[kind] = ranked if top is None else ranked[:top]
    return result


def communities(G: nx.MultiDiGraph, seed: int = 42, resolution: float = 1.0) -> list[list[str]]:
    """Communities of the undirected simple graph: Louvain, or label propagation on big graphs.

    The algorithm is chosen by :func:`methods` (Louvain up to
    ``LOUVAIN_LIMIT`` nodes).

    Parameters
    ----------
    G : networkx.MultiDiGraph
        Graph from :meth:`ycgraph.netgraph.NetworkBuilder.network`.
    seed : int
        Seed for :func:`networkx.community.louvain_communities`, so runs repeat.
    resolution : float
        Louvain resolution (higher: smaller communities; unused by label propagation).

    Returns
    -------
    list of list of str
        Communities, largest first; members sorted.

    Examples
    --------
    >>> import networkx as nx
    >>> G = nx.MultiDiGraph([("a", "b"), ("b", "c"), ("c", "a"), ("x", "y"), ("y", "z"), ("z", "x"), ("c", "x")])
    >>> communities(G)
    [['a', 'b', 'c'], ['x', 'y', 'z']]
    """
    H = _simple(G)
    if H.number_of_nodes() == 0:
        return []
    if methods(G, seed)["communities"]["approximate"]:
        found = nx.community.fast_label_propagation_communities(H, seed=seed)
    else:
        found = nx.community.louvain_communities(H, seed=seed, resolution=resolution)
    return sorted((sorted(c) for c in found), key=lambda c: (-len(c), c))


def division_links(G: nx.MultiDiGraph, kind: str) -> dict[str, tuple[str, ...]]:
    """Entities of ``kind`` each division mentions, plans or promotes.

    For ``kind="Enterprise"`` an enterprise also counts when a project the
    division plans or mentions ``involves`` it.

    Returns
    -------
    dict
        ``{division: (entity, ...)}`` for divisions with at least one link,
        in node order; entities sorted.

    Examples
    --------
    >>> import networkx as nx
    >>> G = nx.MultiDiGraph()
    >>> for n, k in [("d", "Division"), ("p", "Project"), ("e", "Enterprise"), ("f", "Enterprise")]:
    ...     G.add_node(n, kind=k, label=n)
    >>> _ = G.add_edge("d", "p", key="plans"); _ = G.add_edge("p", "e", key="involves")
    >>> _ = G.add_edge("d", "f", key="mentions")
    >>> division_links(G, "Enterprise")
    {'d': ('e', 'f')}
    """
    kind_of = dict(G.nodes(data="kind", default=""))  # (plain dicts: this runs over every edge, several times)
    adj = G.adj
    links: dict[str, tuple[str, ...]] = {}
    for division in (n for n in G if kind_of[n] == "Division"):
        found: set[str] = set()
        for target, relations in adj[division].items():
            if _DIVISION_RELATIONS.isdisjoint(relations):
                continue
            if kind_of[target] == kind:
                found.add(target)
            elif kind == "Enterprise" and kind_of[target] == "Project":
                found.update(e for e, rs in adj[target].items() if "involves" in rs and kind_of[e] == kind)
        if found:
            links[division] = tuple(sorted(found))
    return links


def division_similarity(
    G: nx.MultiDiGraph, kinds: tuple[str, ...] = ("Enterprise", "Slogan"), top: int | None = 500,
    *, links: Links | None = None,
) -> list[Row]:
    """Pairs of divisions that share enterprises or slogans (the weighted bipartite projection).

    Pairs are counted entity by entity (each entity adds one to every pair of
    its divisions), so the cost is the sum of the squared division counts per
    entity, and only the ``top`` pairs kept are given their shared lists.

    Parameters
    ----------
    G : networkx.MultiDiGraph
        Graph from :meth:`ycgraph.netgraph.NetworkBuilder.network`.
    kinds : tuple of str
        Kinds of entity that make two divisions similar.
    top : int or None
        Keep the ``top`` pairs (``None``: all).
    links : dict, optional
        :func:`division_links` per kind, if already computed.

    Returns
    -------
    list of dict
        ``{"a", "a_label", "b", "b_label", "weight", "jaccard", "shared"}``
        per pair with ``weight`` (number of shared entities) > 0; ``shared``
        lists their labels. Sorted by descending weight, then labels.

    Examples
    --------
    >>> import networkx as nx
    >>> G = nx.MultiDiGraph()
    >>> for n, k in [("d1", "Division"), ("d2", "Division"), ("d3", "Division"),
    ...              ("e", "Enterprise"), ("s", "Slogan"), ("t", "Slogan")]:
    ...     G.add_node(n, kind=k, label=n)
    >>> for d, x, r in [("d1", "e", "mentions"), ("d2", "e", "mentions"), ("d1", "s", "promotes"),
    ...                 ("d2", "s", "promotes"), ("d3", "t", "promotes"), ("d1", "t", "promotes")]:
    ...     _ = G.add_edge(d, x, key=r)
    >>> [(r["a"], r["b"], r["weight"], r["jaccard"], r["shared"]) for r in division_similarity(G)]
    [('d1', 'd2', 2, 0.666667, ['e', 's']), ('d1', 'd3', 1, 0.333333, ['t'])]
    """
    divisions: dict[str, set[str]] = defaultdict(set)
    for kind in kinds:
        for division, entities in _links_of(G, kind, links).items():
            divisions[division].update(entities)
    key = {d: (_label(G, d), d) for d in divisions}
    ordered = sorted(divisions, key=key.__getitem__)
    weight = _shared_counts([divisions[d] for d in ordered], ordered, top, lambda ab: (key[ab[0]][0], key[ab[1]][0], ab))
    rows = []
    for a, b in weight:
        shared = divisions[a] & divisions[b]
        rows.append(
            {
                "a": a,
                "a_label": _label(G, a),
                "b": b,
                "b_label": _label(G, b),
                "weight": weight[(a, b)],
                "jaccard": round(len(shared) / len(divisions[a] | divisions[b]), 6),
                "shared": sorted(_label(G, e) for e in shared),
            }
        )
    return rows


def _shared_counts(sets: list[set[str]], names: list[str], top: int | None,
                   tie_key) -> dict[tuple[str, str], int]:
    """``{(a, b): shared}`` for the pairs of ``names`` (``a`` before ``b``) whose ``sets`` share members,
    the ``top`` by descending count then ``tie_key`` (all when ``top`` is None), in that order.

    The counts are the sparse product of the name-by-member incidence matrix with its transpose
    (scipy): pair by pair in Python, a slogan of a thousand divisions alone makes half a million.
    """
    import numpy as np
    from scipy import sparse

    members = sorted({m for s in sets for m in s})
    column = {m: j for j, m in enumerate(members)}
    rows = [i for i, s in enumerate(sets) for _ in s]
    cols = [column[m] for s in sets for m in s]
    incidence = sparse.csr_matrix((np.ones(len(rows), dtype=np.int64), (rows, cols)), shape=(len(sets), len(members)))
    shared = sparse.triu(incidence @ incidence.T, k=1).tocoo()
    counts = shared.data
    chosen = np.arange(len(counts))
    if top is not None and len(counts) > top:
        cut = np.partition(counts, len(counts) - top)[len(counts) - top]  # the top-th largest count
        chosen = np.flatnonzero(counts >= cut)  # (ties at the cut are ordered below)
    pairs = [((names[shared.row[i]], names[shared.col[i]]), int(counts[i])) for i in chosen]
    pairs.sort(key=lambda p: (-p[1], tie_key(p[0])))
    return dict(pairs if top is None else pairs[:top])


def division_enterprise_matrix(G: nx.MultiDiGraph, max_rows: int | None = 50, max_cols: int | None = 60) -> Row:
    """Division × enterprise link counts, for a heat map: the busiest ``max_rows`` × ``max_cols`` (``None``: all).

    A cell counts the ways the division reaches the enterprise: each direct
    ``mentions``/``plans``/``promotes`` edge and each project of the division
    that ``involves`` the enterprise.

    Returns
    -------
    dict
        ``{"divisions": [label...], "enterprises": [label...], "counts": [[int...]...]}``
        with rows (divisions) and columns (enterprises) that have at least
        one link, both by descending total then label, cut to the first
        ``max_rows`` and ``max_cols`` (a full matrix is quadratic in the corpus).

    Examples
    --------
    >>> import networkx as nx
    >>> G = nx.MultiDiGraph()
    >>> for n, k in [("a", "Division"), ("b", "Division"), ("p", "Project"), ("e", "Enterprise"), ("f", "Enterprise")]:
    ...     G.add_node(n, kind=k, label=n.upper())
    >>> _ = G.add_edge("a", "e", key="mentions"); _ = G.add_edge("a", "p", key="plans")
    >>> _ = G.add_edge("p", "e", key="involves"); _ = G.add_edge("b", "f", key="mentions")
    >>> division_enterprise_matrix(G)
    {'divisions': ['A', 'B'], 'enterprises': ['E', 'F'], 'counts': [[2, 0], [0, 1]]}
    >>> division_enterprise_matrix(G, max_rows=1)
    {'divisions': ['A'], 'enterprises': ['E', 'F'], 'counts': [[2, 0]]}
    """
    kind_of = dict(G.nodes(data="kind", default=""))  # (plain dicts: this runs over every division's edges)
    adj = G.adj
    counts: dict[tuple[str, str], int] = defaultdict(int)
    for division in (n for n in G if kind_of[n] == "Division"):
        for target, relations in adj[division].items():
            for relation in relations:
                if relation not in _DIVISION_RELATIONS:
                    continue
                if kind_of[target] == "Enterprise":
                    counts[(division, target)] += 1
                elif kind_of[target] == "Project":
                    for e, rs in adj[target].items():
                        if kind_of[e] == "Enterprise":
                            counts[(division, e)] += sum(r == "involves" for r in rs)
    row_total: dict[str, int] = defaultdict(int)
    col_total: dict[str, int] = defaultdict(int)
    for (d, e), n in counts.items():
        row_total[d] += n
        col_total[e] += n
    rows = sorted(row_total, key=lambda d: (-row_total[d], _label(G, d), d))[:max_rows]
    cols = sorted(col_total, key=lambda e: (-col_total[e], _label(G, e), e))[:max_cols]
    return {
        "divisions": [_label(G, d) for d in rows],
        "enterprises": [_label(G, e) for e in cols],
        "counts": [[counts.get((d, e), 0) for e in cols] for d in rows],
    }


def _links_of(G: nx.MultiDiGraph, kind: str, links: Links | None) -> dict[str, tuple[str, ...]]:
    return links[kind] if links is not None and kind in links else division_links(G, kind)


def _spread(G: nx.MultiDiGraph, kind: str, links: Links | None) -> list[Row]:
    """For each entity of ``kind``, the divisions linked to it (see :func:`division_links`)."""
    by_entity: dict[str, list[str]] = {n: [] for n in _nodes_of(G, kind)}
    for division, entities in _links_of(G, kind, links).items():
        for entity in entities:
            by_entity[entity].append(division)
    rows = [
        {
            "id": entity,
            "label": _label(G, entity),
            "count": len(divisions),
            "divisions": sorted(_label(G, d) for d in divisions),
        }
        for entity, divisions in by_entity.items()
    ]
    return sorted(rows, key=lambda r: (-r["count"], r["label"], r["id"]))


def slogan_diffusion(G: nx.MultiDiGraph, *, links: Links | None = None) -> list[Row]:
    """How many divisions promote or mention each slogan, and which (``links``: as for :func:`division_similarity`).

    Returns
    -------
    list of dict
        ``{"id", "label", "count", "divisions"}`` for every slogan, most
        widespread first.

    Examples
    --------
    >>> import networkx as nx
    >>> G = nx.MultiDiGraph()
    >>> for n, k, l in [("a", "Division", "甲"), ("b", "Division", "乙"), ("s", "Slogan", "口号"), ("t", "Slogan", "冷门")]:
    ...     G.add_node(n, kind=k, label=l)
    >>> _ = G.add_edge("a", "s", key="promotes"); _ = G.add_edge("b", "s", key="mentions")
    >>> [(r["label"], r["count"], r["divisions"]) for r in slogan_diffusion(G)]
    [('口号', 2, ['乙', '甲']), ('冷门', 0, [])]
    """
    return _spread(G, "Slogan", links)


def spanning_enterprises(G: nx.MultiDiGraph, min_divisions: int = 2, *, links: Links | None = None) -> list[Row]:
    """Enterprises linked to at least ``min_divisions`` divisions (``links``: as for :func:`division_similarity`).

    Returns
    -------
    list of dict
        ``{"id", "label", "count", "divisions"}``, most divisions first.

    Examples
    --------
    >>> import networkx as nx
    >>> G = nx.MultiDiGraph()
    >>> for n, k in [("a", "Division"), ("b", "Division"), ("p", "Project"), ("e", "Enterprise"), ("f", "Enterprise")]:
    ...     G.add_node(n, kind=k, label=n)
    >>> _ = G.add_edge("a", "e", key="mentions"); _ = G.add_edge("b", "p", key="plans")
    >>> _ = G.add_edge("p", "e", key="involves"); _ = G.add_edge("a", "f", key="mentions")
    >>> [(r["label"], r["divisions"]) for r in spanning_enterprises(G)]
    [('e', ['a', 'b'])]
    """
    return [row for row in _spread(G, "Enterprise", links) if row["count"] >= min_divisions]


def _number(value: object) -> float | None:
    try:
        return float(Decimal(str(value)))
    except (InvalidOperation, ValueError):
        return None


def division_targets(G: nx.MultiDiGraph) -> list[Row]:
    """Every division's targets side by side.

    Returns
    -------
    list of dict
        ``{"division", "division_label", "id", "label", "indicator", "value",
        "unit", "comparator"}`` (``value`` a float, or ``None`` if missing),
        sorted by division label, indicator, value.

    Examples
    --------
    >>> import networkx as nx
    >>> G = nx.MultiDiGraph()
    >>> G.add_node("d", kind="Division", label="甲市")
    >>> G.add_node("t", kind="Target", label="GDP增长7%", indicator="GDP增长", value="7", unit="%")
    >>> _ = G.add_edge("d", "t", key="setsTarget")
    >>> [(r["division_label"], r["indicator"], r["value"], r["unit"]) for r in division_targets(G)]
    [('甲市', 'GDP增长', 7.0, '%')]
    """
    rows = []
    for division in _nodes_of(G, "Division"):
        for _, target, relation in G.out_edges(division, keys=True):
            if relation != "setsTarget" or _kind(G, target) != "Target":
                continue
            data = G.nodes[target]
            rows.append(
                {
                    "division": division,
                    "division_label": _label(G, division),
                    "id": target,
                    "label": _label(G, target),
                    "indicator": str(data.get("indicator", "")),
                    "value": _number(data.get("value", "")),
                    "unit": str(data.get("unit", "")),
                    "comparator": str(data.get("comparator", "")),
                }
            )
    return sorted(
        rows,
        key=lambda r: (r["division_label"], r["indicator"], r["value"] is None, r["value"] or 0.0, r["id"]),
    )


def growth_targets(G: nx.MultiDiGraph) -> list[Row]:
    """Growth-rate targets (unit ``%``, indicator with 增长/增速) compared across divisions.

    Returns
    -------
    list of dict
        :func:`division_targets` rows plus ``"rank"`` (1 = highest value
        among targets with the same indicator), sorted by indicator then rank.

    Examples
    --------
    >>> import networkx as nx
    >>> G = nx.MultiDiGraph()
    >>> for d, v in [("甲", "7.5"), ("乙", "9")]:
    ...     G.add_node(d, kind="Division", label=d)
    ...     G.add_node(d + "t", kind="Target", label="", indicator="GDP增长", value=v, unit="%")
    ...     _ = G.add_edge(d, d + "t", key="setsTarget")
    >>> G.add_node("x", kind="Target", label="", indicator="投资", value="100", unit="亿元")
    >>> _ = G.add_edge("甲", "x", key="setsTarget")
    >>> [(r["division_label"], r["value"], r["rank"]) for r in growth_targets(G)]
    [('乙', 9.0, 1), ('甲', 7.5, 2)]
    """
    growth = [
        r
        for r in division_targets(G)
        if r["unit"] == "%" and r["value"] is not None and any(w in r["indicator"] for w in _GROWTH_WORDS)
    ]
    growth.sort(key=lambda r: (r["indicator"], -r["value"], r["division_label"], r["id"]))
    ranked: list[Row] = []
    last: dict[str, tuple[int, float, int]] = {}  # indicator -> (rows so far, last value, its rank)
    for row in growth:
        count, value, rank = last.get(row["indicator"], (0, float("nan"), 0))
        rank = rank if value == row["value"] else count + 1
        last[row["indicator"]] = (count + 1, row["value"], rank)
        ranked.append({**row, "rank": rank})
    return ranked
