"""Offline interactive HTML view of the graph (pyvis / vis-network, one self-contained file).

:func:`render_html` returns the page as a string; :func:`write_html` writes
it. The page needs no network: vis-network's JavaScript and CSS (shipped
inside the ``pyvis`` package) are inlined, and the template is ycgraph's own
(no Bootstrap, CDN links or web fonts).

What the page offers: colour and shape per entity kind with a legend whose
checkboxes filter kinds; node size by PageRank; Chinese labels; tooltips
with kind, names, admin code or posts and evidence sentences; edges
labelled by relation with their evidence on hover; a search box over every
name that selects and focuses the node; a division selector that shows one
division and its neighbours; a details panel for the selected node.

Safety: article text never becomes markup. Tooltips are plain strings
(vis-network 9 renders string titles as text), the details panel uses
``textContent``, and the data is embedded as JSON in which ``<``, ``>`` and
``&`` are written as ``\\u003c`` / ``\\u003e`` / ``\\u0026`` so no ``</script>``
can close the block.

Large graphs: positions are always computed in Python
(:mod:`ycgraph.view.layout`, seeded), so the page is the same every time. Up to
``physics_limit`` nodes (default 1,000) vis-network relaxes them briefly and
then freezes; above it physics, edge labels and smooth edges are off so the
page stays usable.
"""

from __future__ import annotations

import json
import math
from importlib import resources
from pathlib import Path
from typing import Any

import networkx as nx
from jinja2 import Environment, PackageLoader, select_autoescape
from pyvis.network import Network

from .. import analysis
from ..outputs import write_atomic
from .layout import positions
from .style import CJK_FONT_STACK, KIND_STYLE, RELATION_NAMES

__all__ = ["PHYSICS_LIMIT", "node_tooltip", "build_network", "render_html", "write_html"]

#: Above this many nodes the page starts with physics off.
PHYSICS_LIMIT = 1000
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
    >>> print(node_tooltip({"kind": "Official", "label": "夏明海", "names": ("夏明海",),
    ...                     "posts": ("宜都市委书记",), "evidence": ("某句。",)}))
    官员：夏明海
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


def _layout(G: nx.MultiDiGraph, seed: int) -> dict[str, tuple[float, float]]:
    """Node positions in pixels (see :func:`ycgraph.view.layout.positions`)."""
    n = G.number_of_nodes()
    scale = 60.0 * math.sqrt(n) + 200.0
    pos = positions(G, seed=seed)
    return {node: (round(x * scale, 1), round(y * scale, 1)) for node, (x, y) in pos.items()}


def build_network(G: nx.MultiDiGraph, seed: int = 42, physics_limit: int = PHYSICS_LIMIT) -> Network:
    """Fill a :class:`pyvis.network.Network` with styled nodes and edges.

    Parameters
    ----------
    G : networkx.MultiDiGraph
        Graph from :meth:`ycgraph.netgraph.NetworkBuilder.network`.
    seed : int
        Layout seed.
    physics_limit : int
        Graphs with more nodes get no edge labels (physics is switched off by
        :func:`render_html`).

    Examples
    --------
    >>> import networkx as nx
    >>> G = nx.MultiDiGraph()
    >>> G.add_node("o", kind="Official", label="夏明海"); G.add_node("d", kind="Division", label="宜都市")
    >>> _ = G.add_edge("o", "d", key="leads", relation="leads", evidence=())
    >>> net = build_network(G)
    >>> [(n["label"], n["shape"]) for n in net.nodes]
    [('夏明海', 'diamond'), ('宜都市', 'dot')]
    >>> net.edges[0]["label"], net.edges[0]["from"]
    ('主政', 'o')
    """
    net = Network(directed=True, cdn_resources="in_line")
    pagerank = analysis.pagerank(G)
    top = max(pagerank.values(), default=1.0) or 1.0
    coordinates = _layout(G, seed)
    for node, data in G.nodes(data=True):
        kind = str(data.get("kind", ""))
        style = KIND_STYLE.get(kind, KIND_STYLE["Division"])
        x, y = coordinates[node]
        net.add_node(
            node,
            label=str(data.get("label", node)) or node,
            shape=style.shape,
            color=style.color,
            title=node_tooltip(data),
            size=round(8 + 27 * math.sqrt(pagerank.get(node, 0.0) / top), 2),
            x=x,
            y=y,
            kind=kind,
            names=list(data.get("names", ())) or [str(data.get("label", node))],
        )
    labelled = G.number_of_nodes() <= physics_limit
    for i, (u, v, relation, data) in enumerate(G.edges(keys=True, data=True)):
        options: dict[str, Any] = {
            "id": f"e{i}",
            "title": _edge_tooltip(G, u, v, str(relation), data.get("evidence", ())),
            "relation": str(relation),
        }
        if labelled:
            options["label"] = RELATION_NAMES.get(str(relation), str(relation))
        net.add_edge(u, v, **options)
    return net


def _options(physics: bool) -> dict[str, Any]:
    return {
        "autoResize": True,
        "nodes": {"font": {"face": CJK_FONT_STACK, "size": 14, "strokeWidth": 3, "strokeColor": "#ffffff"},
                  "borderWidth": 1},
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
    return resources.files("pyvis").joinpath(f"{_VIS_DIR}/{name}").read_text(encoding="utf-8")


def render_html(
    G: nx.MultiDiGraph,
    title: str = "ycgraph 知识图谱",
    seed: int = 42,
    physics_limit: int = PHYSICS_LIMIT,
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
        Above this many nodes, physics, smooth edges and edge labels are off.

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
    net = build_network(G, seed=seed, physics_limit=physics_limit)
    physics = G.number_of_nodes() <= physics_limit
    nodes, edges, _heading, _height, _width, _options_json = net.get_network_data()
    divisions = sorted(
        ((str(d.get("label", n)), n) for n, d in G.nodes(data=True) if d.get("kind") == "Division"),
    )
    counts = analysis.summary(G)["by_kind"]
    env = Environment(loader=PackageLoader("ycgraph.view", "templates"), autoescape=select_autoescape(["html", "j2"]))
    template = env.get_template("graph.html.j2")
    return template.render(
        title=title,
        kinds=[(kind, style, counts.get(kind, 0)) for kind, style in KIND_STYLE.items()],
        divisions=divisions,
        shapes=_SHAPES,
        font_stack=CJK_FONT_STACK,
        vis_css=_vis_asset("vis-network.css"),
        vis_js=_vis_asset("vis-network.min.js"),
        data_json=_script_json(
            {"nodes": nodes, "edges": edges, "options": _options(physics), "physics": physics}
        ),
    )


def write_html(G: nx.MultiDiGraph, path: str | Path, **kwargs: Any) -> Path:
    """Write :func:`render_html` output as UTF-8 to ``path`` (atomically) and return the path."""
    return write_atomic(path, render_html(G, **kwargs).encode("utf-8"))
