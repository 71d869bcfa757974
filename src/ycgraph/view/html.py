"""Offline interactive HTML view of the graph (pyvis / vis-network, one self-contained file).

:func:`render_html` returns the page as a string; :func:`write_html` writes
it. The page needs no network: vis-network's JavaScript and CSS (shipped
inside the ``pyvis`` package) are inlined, and the template is ycgraph's own
(no Bootstrap, CDN links or web fonts). The nodes and edges are vis-network
options as pyvis writes them (:class:`PageNetwork`), built here: importing
``pyvis.network`` imports IPython, half a second of every build's start.

What the page offers: colour and shape per entity kind with a legend whose
checkboxes filter kinds; node size by PageRank; Chinese labels; tooltips
with kind, names, admin code or posts and evidence sentences; edges
labelled by relation with their evidence on hover; a search box over every
name; a division selector that shows one division and its neighbours; a
details panel for the selected node.

Scale: the page draws at most ``max_nodes`` nodes (default 2,000), the most
important by PageRank, and says how many are hidden. Every node's names and
every edge are shipped in a compact index (names, kind, integer edge list),
so the search finds any name, and choosing a hidden node — or a division —
adds it and its neighbours to the drawing. Positions are computed in Python
(:mod:`ycgraph.view.layout`, seeded) and the first frame is drawn at a zoom
the page computes from them, with the top-ranked nodes' labels sized to be
readable at that zoom (vis-network hides labels below its draw threshold).
Up to ``physics_limit`` drawn nodes vis-network relaxes them briefly and then
freezes; above it physics, edge labels and smooth edges are off.

Safety: article text never becomes markup. Tooltips are plain strings
(vis-network 9 renders string titles as text), the details panel uses
``textContent``, and the data is embedded as JSON in which ``<``, ``>`` and
``&`` are written as ``\\u003c`` / ``\\u003e`` / ``\\u0026`` so no ``</script>``
can close the block.
"""

from __future__ import annotations

import json
import math
from dataclasses import dataclass, field
from importlib.util import find_spec
from pathlib import Path
from typing import Any

import networkx as nx
from jinja2 import Environment, PackageLoader, select_autoescape

from .. import analysis
from ..outputs import write_atomic
from ..netgraph import KINDS, RELATIONS
from .layout import positions
from .style import CJK_FONT_STACK, KIND_STYLE, RELATION_NAMES

__all__ = ["MAX_EDGES", "MAX_NODES", "PHYSICS_LIMIT", "node_tooltip", "importance", "build_network", "render_html",
           "write_html"]

#: At most this many nodes are drawn at first (the rest are in the search index).
MAX_NODES = 2000
#: The page draws at most this many edges among the drawn nodes, those between the most important first
#: (hubs of a large corpus join tens of thousands: drawing them all takes the browser many seconds).
MAX_EDGES = 6000
#: Above this many drawn nodes the page starts with physics off.
PHYSICS_LIMIT = 300
# On-screen label size (px) at the first frame, by importance rank: the top nodes are readable.
_LABEL_PX = ((12, 18), (40, 14))
_MAX_EVIDENCE = 5
_MAX_SENTENCE = 200
_VIS_DIR = "templates/lib/vis-9.1.2"
# Legend symbols: SVG polygon points in a 14×14 box, per vis-network shape.
_SHAPES = {
    "dot": " ".join(f"{7 + 6 * math.cos(a * math.pi / 8):.2f},{7 + 6 * math.sin(a * math.pi / 8):.2f}" for a in range(16)),
    "diamond": "7,0 14,7 7,14 0,7",
    "square": "1,1 13,1 13,13 1,13",
    "triangle": "7,1 13.5,13 0.5,13",
    "triangleDown": "0.5,1 13.5,1 7,13",
    "star": " ".join(
        f"{7 + r * math.sin(i * math.pi / 5):.2f},{7.5 - r * math.cos(i * math.pi / 5):.2f}"
        for i, r in zip(range(10), [7, 3] * 5)
    ),
}


def _sentences(evidence: Any) -> list[str]:
    shown = [s if len(s) <= _MAX_SENTENCE else s[: _MAX_SENTENCE - 1] + "…" for s in list(evidence)[:_MAX_EVIDENCE]]
    rest = len(evidence) - len(shown)
    return [f"• {s}" for s in shown] + ([f"…另有 {rest} 句"] if rest > 0 else [])


def node_tooltip(data: dict[str, Any]) -> str:
    """Plain-text tooltip of one node (kind, names, admin code or posts, target, evidence).

    Examples
    --------
    >>> print(node_tooltip({"kind": "Official", "label": "钟望川", "names": ("钟望川",),
    ...                     "posts": ("宜都市委书记",), "evidence": ("某句。",)}))
    官员：钟望川
    职务：宜都市委书记
    <BLANKLINE>
    证据：
    • 某句。
    """
    kind = str(data.get("kind", ""))
    label = str(data.get("label", ""))
    lines = [f"{KIND_STYLE[kind].name if kind in KIND_STYLE else kind}：{label}"]
    others = [n for n in data.get("names", ()) if n != label]
    if others:
        lines.append("别名：" + "、".join(others))
    if data.get("admin_code"):
        lines.append(f"行政区划代码：{data['admin_code']}")
    if data.get("level"):
        lines.append(f"级别：{data['level']}")
    if data.get("posts"):
        lines.append("职务：" + "、".join(data["posts"]))
    if kind == "Target":
        lines.append(f"指标：{data.get('indicator', '')}　数值：{data.get('value', '')} {data.get('unit', '')}".rstrip())
    if data.get("evidence"):
        lines += ["", "证据：", *_sentences(data["evidence"])]
    return "\n".join(lines)


def _edge_tooltip(G: nx.MultiDiGraph, u: str, v: str, relation: str, evidence: Any) -> str:
    head = f"{G.nodes[u].get('label', u)} —{RELATION_NAMES.get(relation, relation)}→ {G.nodes[v].get('label', v)}"
    lines = [head, f"关系：{relation}"]
    if evidence:
        lines += ["", "证据：", *_sentences(evidence)]
    return "\n".join(lines)


def importance(G: nx.MultiDiGraph, pagerank: dict[str, float] | None = None) -> list[str]:
    """Nodes from most to least important: PageRank, then degree, then label and id (deterministic).

    Examples
    --------
    >>> import networkx as nx
    >>> G = nx.MultiDiGraph([("hub", "a"), ("hub", "b"), ("c", "d")])
    >>> importance(G)[0]
    'hub'
    """
    ranks = pagerank if pagerank is not None else analysis.pagerank(G)
    return sorted(G, key=lambda n: (-ranks.get(n, 0.0), -G.degree(n), str(G.nodes[n].get("label", n)), n))


def _layout(G: nx.Graph, seed: int) -> dict[str, tuple[float, float]]:
    """Node positions in pixels (see :func:`ycgraph.view.layout.positions`)."""
    n = G.number_of_nodes()
    scale = 60.0 * math.sqrt(n) + 200.0
    pos = positions(G, seed=seed)
    return {node: (round(x * scale, 1), round(y * scale, 1)) for node, (x, y) in pos.items()}


@dataclass
class PageNetwork:
    """What the page draws: vis-network node and edge options (ids are positions in ``list(G)``), and how
    many edges ran among the drawn nodes before ``max_edges`` cut them."""

    nodes: list[dict[str, Any]] = field(default_factory=list)
    edges: list[dict[str, Any]] = field(default_factory=list)
    edges_among: int = 0


def build_network(
    G: nx.MultiDiGraph,
    seed: int = 42,
    physics_limit: int = PHYSICS_LIMIT,
    max_nodes: int = MAX_NODES,
    pagerank: dict[str, float] | None = None,
    max_edges: int = MAX_EDGES,
) -> PageNetwork:
    """The page's network: the ``max_nodes`` most important nodes, styled, and their edges.

    Of the edges among the drawn nodes, at most ``max_edges`` are drawn: by
    the rank of their less important end, then of the other (the page lists
    every edge in its index and says how many are not drawn); the network's
    ``edges_among`` says how many there were.

    Node ids are positions in ``list(G)`` (the page's index numbers them the
    same way); each node carries its ``iri``, ``kind``, ``names``, ``rank``
    (0 = most important) and ``labelPx`` (on-screen label size at the first
    frame, for the top ranks).

    Parameters
    ----------
    G : networkx.MultiDiGraph
        Graph from :meth:`ycgraph.netgraph.NetworkBuilder.network`.
    seed : int
        Layout seed.
    physics_limit : int
        More drawn nodes than this: no edge labels (and no physics, see
        :func:`render_html`).
    max_nodes : int
        Draw at most this many nodes.
    pagerank : dict, optional
        Precomputed PageRank (importance and node size).
    max_edges : int
        Draw at most this many edges.

    Examples
    --------
    >>> import networkx as nx
    >>> G = nx.MultiDiGraph()
    >>> G.add_node("o", kind="Official", label="钟望川"); G.add_node("d", kind="Division", label="宜都市")
    >>> _ = G.add_edge("o", "d", key="leads", relation="leads", evidence=())
    >>> net = build_network(G)
    >>> [(n["label"], n["shape"], n["iri"]) for n in net.nodes]
    [('钟望川', 'diamond', 'o'), ('宜都市', 'dot', 'd')]
    >>> net.edges[0]["label"], net.edges[0]["from"]
    ('主政', 0)
    >>> [n["label"] for n in build_network(G, max_nodes=1).nodes]  # equal PageRank: by label
    ['宜都市']
    """
    net = PageNetwork()
    ranks = pagerank if pagerank is not None else analysis.pagerank(G)
    number = {node: i for i, node in enumerate(G)}
    ranked = importance(G, ranks)[:max_nodes]
    rank = {node: r for r, node in enumerate(ranked)}
    drawn = [node for node in G if node in rank]  # graph order
    H = nx.Graph()
    H.add_nodes_from(drawn)
    H.add_edges_from((u, v) for u, v, _, _ in analysis.induced_edges(G, drawn) if u != v)
    coordinates = _layout(H, seed)
    top = max((ranks.get(n, 0.0) for n in drawn), default=1.0) or 1.0
    for node in drawn:
        data = G.nodes[node]
        kind = str(data.get("kind", ""))
        style = KIND_STYLE.get(kind, KIND_STYLE["Division"])
        x, y = coordinates[node]
        options: dict[str, Any] = {}
        px = next((size for below, size in _LABEL_PX if rank[node] < below), None)
        if px is not None:
            options["labelPx"] = px
        net.nodes.append({
            "id": number[node],
            "label": str(data.get("label", node)) or node,
            "shape": style.shape,
            "color": style.color,
            "title": node_tooltip(data),
            "size": round(8 + 27 * math.sqrt(ranks.get(node, 0.0) / top), 2),
            "x": x,
            "y": y,
            "kind": kind,
            "iri": node,
            "rank": rank[node],
            "names": list(data.get("names", ())) or [str(data.get("label", node))],
            **options,
        })
    labelled = len(drawn) <= physics_limit
    among = list(analysis.induced_edges(G, drawn))
    net.edges_among = len(among)  # how many the page could draw (it says how many it leaves out)
    if len(among) > max_edges:
        best = sorted(range(len(among)), key=lambda i: (max(rank[among[i][0]], rank[among[i][1]]),
                                                        min(rank[among[i][0]], rank[among[i][1]]), i))
        among = [among[i] for i in sorted(best[:max_edges])]  # (kept in graph order)
    for i, (u, v, relation, data) in enumerate(among):
        edge = {
            "id": f"e{i}",
            "from": number[u],
            "to": number[v],
            "arrows": "to",
            "title": _edge_tooltip(G, u, v, str(relation), data.get("evidence", ())),
            "relation": str(relation),
        }
        if labelled:
            edge["label"] = RELATION_NAMES.get(str(relation), str(relation))
        net.edges.append(edge)
    return net


def name_index(G: nx.MultiDiGraph) -> dict[str, Any]:
    """The compact index of every node and edge the page searches (plain data, JSON-ready).

    Returns
    -------
    dict
        ``{"kinds": [...], "relations": [...], "nodes": [[label, kind number, alias, ...], ...],
        "edges": [source, target, relation number, ...]}`` with nodes numbered
        by their position in ``list(G)`` and edges flattened in triples.

    Examples
    --------
    >>> import networkx as nx
    >>> G = nx.MultiDiGraph()
    >>> G.add_node("d", kind="Division", label="宜都市", names=("宜都市", "宜都"))
    >>> G.add_node("e", kind="Enterprise", label="青岚化工")
    >>> _ = G.add_edge("d", "e", key="mentions")
    >>> index = name_index(G)
    >>> index["nodes"], index["edges"]
    ([['宜都市', 0, '宜都'], ['青岚化工', 2]], [0, 1, 3])
    """
    number = {node: i for i, node in enumerate(G)}
    kinds = {kind: i for i, kind in enumerate(KINDS)}
    relations = {relation: i for i, relation in enumerate(RELATIONS)}
    nodes = []
    for node, data in G.nodes(data=True):
        label = str(data.get("label", node)) or node
        aliases = [str(n) for n in data.get("names", ()) if n != label]
        nodes.append([label, kinds.get(str(data.get("kind", "")), -1), *aliases])
    edges: list[int] = []
    for u, v, relation in G.edges(keys=True):
        edges += (number[u], number[v], relations.get(str(relation), -1))
    return {"kinds": list(KINDS), "relations": list(RELATIONS), "nodes": nodes, "edges": edges}


def _options(physics: bool) -> dict[str, Any]:
    return {
        "autoResize": True,
        "nodes": {"font": {"face": CJK_FONT_STACK, "size": 14, "strokeWidth": 3, "strokeColor": "#ffffff"},
                  "borderWidth": 1,
                  # Labels too small to read are not drawn; none grows past 26 px when zooming in.
                  "scaling": {"label": {"enabled": False, "drawThreshold": 7, "maxVisible": 26}}},
        "edges": {
            "arrows": {"to": {"enabled": True, "scaleFactor": 0.5}},
            "color": {"color": "#9aa5b1", "highlight": "#333333", "hover": "#333333"},
            "font": {"face": CJK_FONT_STACK, "size": 10, "align": "middle", "color": "#555555"},
            "smooth": {"type": "continuous"} if physics else False,
            "width": 1,
        },
        "physics": {
            "enabled": physics,
            "solver": "barnesHut",
            "barnesHut": {"gravitationalConstant": -6000, "springLength": 140, "avoidOverlap": 0.2},
            "stabilization": {"enabled": physics, "iterations": 150, "fit": True},
        },
        "layout": {"improvedLayout": False, "randomSeed": 42},
        "interaction": {"hover": True, "tooltipDelay": 120, "hideEdgesOnDrag": not physics, "multiselect": False},
    }


def _script_json(value: Any) -> str:
    """JSON safe to embed in an HTML ``<script>`` block.

    >>> _script_json({"a": "</script><b>&"})
    '{"a":"\\\\u003c/script\\\\u003e\\\\u003cb\\\\u003e\\\\u0026"}'
    """
    text = json.dumps(value, ensure_ascii=False, sort_keys=True, separators=(",", ":"))
    return (
        text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")
        .replace("\u2028", "\\u2028").replace("\u2029", "\\u2029")
    )


def _vis_asset(name: str) -> str:
    """A vis-network file as the ``pyvis`` package ships it (found, not imported: see the module's note)."""
    spec = find_spec("pyvis")
    if spec is None or not spec.submodule_search_locations:
        raise ModuleNotFoundError("pyvis is not installed: pip install ycgraph installs it")
    return (Path(spec.submodule_search_locations[0]) / _VIS_DIR / name).read_text(encoding="utf-8")


def _bulk(values: list[float], share: float = 0.02) -> list[float]:
    """The range of ``values`` without the ``share`` smallest and largest (all of them for few values).

    >>> _bulk([5.0, 1.0, 3.0])
    [1.0, 5.0]
    >>> _bulk([float(i) for i in range(100)] + [1000.0])
    [2.0, 98.0]
    """
    ordered = sorted(values) or [0.0]
    cut = int(len(ordered) * share) if len(ordered) > 50 else 0
    return [ordered[cut], ordered[-1 - cut]]


def render_html(
    G: nx.MultiDiGraph,
    title: str = "ycgraph 知识图谱",
    seed: int = 42,
    physics_limit: int = PHYSICS_LIMIT,
    max_nodes: int = MAX_NODES,
    articles: int | None = None,
    centrality: dict[str, dict[str, float]] | None = None,
    max_edges: int = MAX_EDGES,
) -> str:
    """Render the self-contained HTML page for ``G``.

    Parameters
    ----------
    G : networkx.MultiDiGraph
        Graph from :meth:`ycgraph.netgraph.NetworkBuilder.network`.
    title : str
        Page title (escaped).
    seed : int
        Layout seed.
    physics_limit : int
        Above this many drawn nodes, physics, smooth edges and edge labels are off.
    max_nodes, max_edges : int
        Draw at most this many nodes and edges at first (see :func:`build_network`).
    articles : int, optional
        Number of articles, said in the header.
    centrality : dict, optional
        Precomputed :func:`ycgraph.analysis.node_centrality` (its PageRank is used).

    Examples
    --------
    >>> import networkx as nx
    >>> G = nx.MultiDiGraph()
    >>> G.add_node("x", kind="Slogan", label="</script><script>alert(1)</script>")
    >>> page = render_html(G)
    >>> page.count("<script>alert(1)") + page.count("src=\\"http")
    0
    >>> page == render_html(G)
    True
    """
    ranks = {n: v["pagerank"] for n, v in centrality.items()} if centrality is not None else analysis.pagerank(G)
    net = build_network(G, seed=seed, physics_limit=physics_limit, max_nodes=max_nodes, pagerank=ranks,
                        max_edges=max_edges)
    nodes, edges = net.nodes, net.edges
    physics = 0 < len(nodes) <= physics_limit
    # The first frame fits the bulk of the drawing: isolated nodes on the outer spiral may lie outside it.
    xs, ys = _bulk([n["x"] for n in nodes]), _bulk([n["y"] for n in nodes])
    number = {node: i for i, node in enumerate(G)}
    divisions = sorted(
        ((str(d.get("label", n)), number[n]) for n, d in G.nodes(data=True) if d.get("kind") == "Division"),
    )
    counts = analysis.summary(G)["by_kind"]
    env = Environment(loader=PackageLoader("ycgraph.view", "templates"), autoescape=select_autoescape(["html", "j2"]))
    template = env.get_template("graph.html.j2")
    meta = {"total": G.number_of_nodes(), "drawn": len(nodes), "articles": articles,
            "edgesAmong": net.edges_among, "edgesDrawn": len(edges),
            "bbox": [min(xs), min(ys), max(xs), max(ys)]}
    return template.render(
        title=title,
        kinds=[(kind, style, counts.get(kind, 0)) for kind, style in KIND_STYLE.items()],
        shapes=_SHAPES,
        font_stack=CJK_FONT_STACK,
        vis_css=_vis_asset("vis-network.css"),
        vis_js=_vis_asset("vis-network.min.js"),
        data_json=_script_json(
            {"nodes": nodes, "edges": edges, "options": _options(physics), "physics": physics, "meta": meta,
             "kindNames": {k: s.name for k, s in KIND_STYLE.items()}, "relationNames": RELATION_NAMES,
             "styles": {k: {"shape": s.shape, "color": s.color} for k, s in KIND_STYLE.items()},
             "divisions": divisions}
        ),
        index_json=_script_json(name_index(G)),
    )


def write_html(G: nx.MultiDiGraph, path: str | Path, **kwargs: Any) -> Path:
    """Write :func:`render_html` output as UTF-8 to ``path`` (atomically) and return the path.

    A lone surrogate in the text (which UTF-8 cannot hold) is written as ``?``.
    """
    return write_atomic(path, render_html(G, **kwargs).encode("utf-8", "replace"))
