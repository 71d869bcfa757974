"""Analysis report and tabular exports of the networkx graph.

Pure functions build the content (:func:`build_report`, :func:`render_markdown`,
:func:`nodes_csv`, :func:`edges_csv`, :func:`graphml_bytes`);
:func:`write_report` alone touches the disk. Output repeats byte for byte for
the same graph.

Files written by :func:`write_report` into the output directory:

``report.md``
    Markdown tables and the charts below, embedded as images.
``report.json``
    The same figures as data (:func:`build_report`).
``nodes.csv`` / ``edges.csv``
    One row per node / edge with all attributes, lists joined by `` | ``.
``graph.graphml``
    The graph for Gephi, Cytoscape or yEd; every attribute a string.
``chart-slogans.png``, ``chart-heatmap.png``, ``chart-network.png``
    Slogan diffusion, division × enterprise heat map, network overview.
"""

from __future__ import annotations

import csv
import html
import io
import json
import logging
import re
from xml.sax.saxutils import escape as xml_escape
from xml.sax.saxutils import quoteattr
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import Any, Protocol

import networkx as nx

from .. import analysis
from ..outputs import write_atomic
from .charts import FontNotFoundError, heatmap_png, overview_of, overview_png, slogan_diffusion_png
from .safe import one_line, text_safe, xml_safe
from .style import KIND_STYLE, RELATION_NAMES

__all__ = [
    "CHART_FILES",
    "build_report",
    "render_markdown",
    "nodes_csv",
    "edges_csv",
    "graphml_bytes",
    "write_report",
    "Here",
]

_log = logging.getLogger("ycgraph")

#: Chart file names, by report key.
CHART_FILES: dict[str, str] = {
    "slogans": "chart-slogans.png",
    "heatmap": "chart-heatmap.png",
    "network": "chart-network.png",
}

_NODE_FIELDS = (
    "id", "kind", "label", "names", "admin_code", "level", "posts", "indicator", "value", "unit",
    "comparator", "articles", "degree", "betweenness", "pagerank", "community", "evidence",
)
_EDGE_FIELDS = ("source", "target", "relation", "source_label", "target_label", "posts", "articles", "evidence")
_SEP = " | "
_COMPARATORS = {"AtLeast": "≥", "AtMost": "≤", "Approximately": "≈", "Exactly": "="}


Centrality = dict[str, dict[str, float]]


def build_report(
    G: nx.MultiDiGraph,
    top: int = 10,
    seed: int = 42,
    centrality: Centrality | None = None,
    groups: list[list[str]] | None = None,
    articles: int | None = None,
    figures: dict[str, Any] | None = None,
) -> dict[str, Any]:
    """All report figures as plain data (what ``report.json`` holds).

    Parameters
    ----------
    G : networkx.MultiDiGraph
        Graph from :meth:`ycgraph.netgraph.NetworkBuilder.network`.
    top : int
        Rows per kind in the centrality ranking.
    seed : int
        Louvain seed.
    centrality, groups : optional
        Precomputed :func:`ycgraph.analysis.node_centrality` and
        :func:`ycgraph.analysis.communities` results.
    articles : int, optional
        How many articles the graph was built from.
    figures : dict, optional
        Precomputed :func:`link_figures`.

    Examples
    --------
    >>> import networkx as nx
    >>> G = nx.MultiDiGraph()
    >>> G.add_node("d", kind="Division", label="甲市"); G.add_node("s", kind="Slogan", label="口号")
    >>> _ = G.add_edge("d", "s", key="promotes", relation="promotes")
    >>> r = build_report(G)
    >>> r["summary"]["nodes"], r["slogan_diffusion"][0]["divisions"], r["communities"][0]["members"]
    (2, ['甲市'], ['口号', '甲市'])
    """
    parts = figures if figures is not None else link_figures(G)
    centrality = centrality if centrality is not None else analysis.node_centrality(G)
    groups = groups if groups is not None else analysis.communities(G, seed=seed)
    summary = analysis.summary(G)
    if articles is not None:
        summary = {"articles": articles, **summary}
    return {
        "summary": summary,
        "methods": analysis.methods(G, seed),
        "centrality": analysis.centrality_by_kind(G, top=top, centrality=centrality),
        "communities": [
            {"size": len(group), "members": sorted(str(G.nodes[n].get("label", n)) for n in group)}
            for group in groups
        ],
        **parts,
    }


def division_links(G: nx.MultiDiGraph) -> dict[str, Any]:
    """:func:`ycgraph.analysis.division_links` of enterprises and slogans (read by three figures)."""
    return {kind: analysis.division_links(G, kind) for kind in ("Enterprise", "Slogan")}


def link_figures(G: nx.MultiDiGraph, links: dict[str, Any] | None = None, **made: Any) -> dict[str, Any]:
    """The report's figures of who links to what (no centrality needed): :func:`build_report`'s last six.

    ``links``: :func:`division_links`, and ``made``: figures made already (by name), if any.
    """
    links = links if links is not None else division_links(G)
    figures = {
        "division_similarity": lambda: analysis.division_similarity(G, links=links),
        "slogan_diffusion": lambda: analysis.slogan_diffusion(G, links=links),
        "spanning_enterprises": lambda: analysis.spanning_enterprises(G, links=links),
        "division_targets": lambda: analysis.division_targets(G),
        "growth_targets": lambda: analysis.growth_targets(G),
        "division_enterprise_matrix": lambda: analysis.division_enterprise_matrix(G),
    }
    return {name: made[name] if name in made else make() for name, make in figures.items()}


def _cell(value: Any) -> str:
    """A Markdown table cell: no raw HTML, pipes or line breaks from article text."""
    if isinstance(value, (list, tuple)):
        value = "；".join(str(v) for v in value)  # not 、: slogans contain it
    if isinstance(value, float):
        value = f"{value:g}"
    return one_line(html.escape(text_safe(str(value)), quote=False).replace("|", "\\|"))


def _table(headers: Iterable[str], rows: Iterable[Iterable[Any]]) -> list[str]:
    head = list(headers)
    lines = ["| " + " | ".join(head) + " |", "|" + "---|" * len(head)]
    body = ["| " + " | ".join(_cell(c) for c in row) + " |" for row in rows]
    return lines + (body or ["| " + " | ".join(["—"] * len(head)) + " |"])


def render_markdown(report: dict[str, Any], charts: dict[str, str] | None = None, max_rows: int = 50) -> str:
    """Render :func:`build_report` output as Markdown.

    Parameters
    ----------
    report : dict
        :func:`build_report` result.
    charts : dict, optional
        Report key (see :data:`CHART_FILES`) → image path relative to the
        Markdown file; charts not given are left out.
    max_rows : int
        Cap per table (the JSON has everything).

    Examples
    --------
    >>> import networkx as nx
    >>> G = nx.MultiDiGraph()
    >>> G.add_node("d", kind="Division", label="<b>甲|市</b>")
    >>> md = render_markdown(build_report(G))
    >>> "&lt;b&gt;甲\\\\|市&lt;/b&gt;" in md and "<b>" not in md
    True
    """
    charts = charts or {}
    s = report["summary"]

    def kind_name(kind: str) -> str:
        return KIND_STYLE[kind].name if kind in KIND_STYLE else kind

    def spread(title: str, rows: list[dict[str, Any]]) -> list[str]:
        return _table([title, "区划数", "区划"], [(r["label"], r["count"], r["divisions"]) for r in rows[:max_rows]])

    def image(key: str, alt: str) -> list[str]:
        return [f"![{alt}]({charts[key]})", ""] if key in charts else []

    source = f"{s['articles']} 篇文章，" if "articles" in s else ""
    out = ["# ycgraph 图谱分析报告", "", f"{source}节点 {s['nodes']} 个，关系 {s['edges']} 条。", ""]
    out += _table(["类型", "数量"], [(kind_name(k), n) for k, n in s["by_kind"].items()])
    out.append("")
    out += _table(["关系", "数量"], [(f"{RELATION_NAMES.get(r, r)} ({r})", n) for r, n in s["by_relation"].items()])
    out += ["", *image("network", "网络概览")]

    approximate = {k: m for k, m in report.get("methods", {}).items() if m["approximate"]}
    if approximate:
        names = {"betweenness": "介数中心性", "pagerank": "PageRank", "communities": "社区"}
        out += ["**近似值**：图较大，以下数字为估计（同一输入结果相同）：", ""]
        out += [f"- {names.get(k, k)}：{m['method']}" for k, m in approximate.items()]
        out.append("")

    out += ["## 中心性（按类型，PageRank 排序）", ""]
    for kind, rows in report["centrality"].items():
        out += [f"### {kind_name(kind)}", ""]
        out += _table(
            ["名称", "度", "介数中心性" + ("（估计）" if "betweenness" in approximate else ""), "PageRank"],
            [(r["label"], r["degree"], r["betweenness"], r["pagerank"]) for r in rows],
        )
        out.append("")

    out += ["## 社区（" + ("标签传播，近似" if "communities" in approximate else "Louvain") + "）", ""]
    out += _table(
        ["#", "规模", "成员"],
        [(i + 1, c["size"], c["members"][:30] + (["…"] if c["size"] > 30 else []))
         for i, c in enumerate(report["communities"][:max_rows])],
    )
    out += ["", "## 口号扩散", "", *image("slogans", "口号扩散")]
    out += spread("口号", report["slogan_diffusion"])
    out += ["", "## 跨区划企业（≥2 个区划）", "", *image("heatmap", "行政区划 × 企业")]
    out += spread("企业", report["spanning_enterprises"])

    out += ["", "## 区划相似度（共同企业与口号）", ""]
    out += _table(
        ["区划 A", "区划 B", "共同数", "Jaccard", "共同企业/口号"],
        [(r["a_label"], r["b_label"], r["weight"], r["jaccard"], r["shared"])
         for r in report["division_similarity"][:max_rows]],
    )

    out += ["", "## 各区划目标", ""]
    out += _table(
        ["区划", "指标", "数值", "单位", "比较", "原文"],
        [(r["division_label"], r["indicator"], "" if r["value"] is None else r["value"], r["unit"],
          _COMPARATORS.get(r["comparator"], r["comparator"]), r["label"]) for r in report["division_targets"]],
    )

    out += ["", "## 增长目标对比（单位 %）", ""]
    out += _table(
        ["指标", "名次", "区划", "数值 %", "比较"],
        [(r["indicator"], r["rank"], r["division_label"], r["value"], _COMPARATORS.get(r["comparator"], r["comparator"]))
         for r in report["growth_targets"]],
    )
    return "\n".join(out) + "\n"


def _flat(value: Any) -> str:
    if type(value) is str:  # (most cells: no conversion)
        return value
    if isinstance(value, (list, tuple)):
        return _SEP.join(map(str, value))
    return "" if value is None else str(value)


# What a CSV cell cannot hold as it is: NUL (csv cannot read it back), lone surrogates (UTF-8 cannot encode them).
_NOT_CSV = re.compile("[\x00\ud800-\udfff]")


def _csv_text(value: Any) -> str:
    # csv quotes line breaks itself.
    return _flat(value).replace("\x00", "").encode("utf-8", "replace").decode("utf-8")


def _csv(fields: tuple[str, ...], rows: Iterable[tuple[Any, ...]]) -> str:
    """CSV of ``rows`` (values in the order of ``fields``)."""
    rows = list(rows)
    for cell in (_flat, _csv_text):  # almost no text needs _csv_text: written as it is, then checked
        buf = io.StringIO()
        writer = csv.writer(buf, lineterminator="\n")
        writer.writerow(fields)
        writer.writerows(map(cell, row) for row in rows)
        if _NOT_CSV.search(buf.getvalue()) is None:
            break
    return buf.getvalue()


def _node_table(
    G: nx.MultiDiGraph, centrality: Centrality | None, groups: list[list[str]] | None
) -> list[dict[str, Any]]:
    centrality = centrality if centrality is not None else analysis.node_centrality(G)
    groups = groups if groups is not None else analysis.communities(G)
    community = {n: i for i, group in enumerate(groups) for n in group}
    return [
        {"id": n, **data, **centrality.get(n, {}), "community": community.get(n, "")}
        for n, data in G.nodes(data=True)
    ]


def nodes_csv(
    G: nx.MultiDiGraph, centrality: Centrality | None = None, groups: list[list[str]] | None = None
) -> str:
    """CSV of every node with its attributes, centrality and community number.

    ``centrality`` and ``groups`` (communities) are computed when not given.

    Examples
    --------
    >>> import networkx as nx
    >>> G = nx.MultiDiGraph()
    >>> G.add_node("o", kind="Official", label="钟望川", names=("钟望川",), posts=("宜都市委书记", "某职"))
    >>> print(nodes_csv(G).splitlines()[1])
    o,Official,钟望川,钟望川,,,宜都市委书记 | 某职,,,,,,0,0.0,1.0,0,
    """
    return _csv(_NODE_FIELDS, ([row.get(k) for k in _NODE_FIELDS] for row in _node_table(G, centrality, groups)))


def edges_csv(G: nx.MultiDiGraph) -> str:
    """CSV of every edge: source, target, relation, labels and evidence sentences.

    Examples
    --------
    >>> import networkx as nx
    >>> G = nx.MultiDiGraph()
    >>> G.add_node("o", label="钟望川"); G.add_node("d", label="宜都市")
    >>> _ = G.add_edge("o", "d", key="leads", relation="leads", evidence=("句一。", "句二。"))
    >>> print(edges_csv(G))
    source,target,relation,source_label,target_label,posts,articles,evidence
    o,d,leads,钟望川,宜都市,,,句一。 | 句二。
    <BLANKLINE>
    """
    label = {n: data.get("label", n) for n, data in G.nodes(data=True)}
    rows = (
        (u, v, key, label[u], label[v], data.get("posts", ()), data.get("articles", ""), data.get("evidence", ()))
        for u, v, key, data in G.edges(keys=True, data=True)
    )
    return _csv(_EDGE_FIELDS, rows)


def graphml_bytes(
    G: nx.MultiDiGraph, centrality: Centrality | None = None, groups: list[list[str]] | None = None
) -> bytes:
    """GraphML of the graph with every attribute flattened to a string (centrality and community included).

    Written as text in one pass (networkx's writer builds an element tree:
    minutes at corpus scale); :func:`networkx.read_graphml` reads it back.
    Characters XML 1.0 cannot hold are dropped (:func:`xml_safe`).

    Examples
    --------
    >>> import networkx as nx
    >>> G = nx.MultiDiGraph()
    >>> G.add_node("o", kind="Official", label="钟望川", posts=("书记", "主任"))
    >>> b"\\xe4\\xb9\\xa6\\xe8\\xae\\xb0 | " in graphml_bytes(G)
    True
    >>> G.add_node("x", label="甲\\x1b乙")
    >>> nx.read_graphml(io.BytesIO(graphml_bytes(G))).nodes["x"]["label"]
    '甲乙'
    """

    nodes = [(row.pop("id"), row) for row in _node_table(G, centrality, groups)]
    edges = [(u, v, key, data) for u, v, key, data in G.edges(keys=True, data=True)]
    node_keys = list(dict.fromkeys(k for _, row in nodes for k in row))
    edge_keys = list(dict.fromkeys(k for *_, data in edges for k in data))
    ids = {("node", k): f"d{i}" for i, k in enumerate(node_keys)}
    ids |= {("edge", k): f"d{len(node_keys) + i}" for i, k in enumerate(edge_keys)}
    out = [
        "<?xml version='1.0' encoding='utf-8'?>",
        '<graphml xmlns="http://graphml.graphdrawing.org/xmlns" '
        'xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" '
        'xsi:schemaLocation="http://graphml.graphdrawing.org/xmlns '
        'http://graphml.graphdrawing.org/xmlns/1.0/graphml.xsd">',
    ]
    out += [f'  <key id="{ids[(what, k)]}" for="{what}" attr.name={_xml_attr(k)} attr.type="string" />'
            for what, k in ids]
    out.append('  <graph edgedefault="directed">')
    node_attr = {node: _xml_attr(node) for node, _ in nodes}
    for node, row in nodes:
        out.append(f"    <node id={node_attr[node]}>")
        out += [f'      <data key="{ids[("node", k)]}">{_xml_text(v)}</data>' for k, v in row.items()]
        out.append("    </node>")
    for u, v, key, data in edges:
        out.append(f"    <edge source={node_attr[u]} target={node_attr[v]} id={_xml_attr(key)}>")
        out += [f'      <data key="{ids[("edge", k)]}">{_xml_text(x)}</data>' for k, x in data.items()]
        out.append("    </edge>")
    out += ["  </graph>", "</graphml>", ""]
    return "\n".join(out).encode("utf-8", "replace")


# Characters that escaping or xml_safe would change (most text has none: it is written as it is).
_XML_TEXT_SPECIAL = re.compile("[&<>\r\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")
_XML_ATTR_SPECIAL = re.compile("[&<>\"'\t\n\r\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")


def _xml_text(value: Any) -> str:
    text = _flat(value)
    if _XML_TEXT_SPECIAL.search(text) is None:
        return text
    return xml_escape(xml_safe(text)).replace("\r", "&#13;")


def _xml_attr(value: Any) -> str:
    text = _flat(value)
    if _XML_ATTR_SPECIAL.search(text) is None:
        return f'"{text}"'
    return quoteattr(xml_safe(text))


class Beside(Protocol):
    """Where work can run beside this process (:class:`ycgraph.builder.side.SidePool`)."""

    def submit(self, fn: Callable[..., Any], *args: Any) -> Any:
        """Start ``fn(*args)``; the returned task's ``result()`` gives its value or raises its exception."""


class _Later:
    """A task of this process: run when its result is asked for."""

    def __init__(self, fn: Callable[..., Any], args: tuple[Any, ...]) -> None:
        self._fn, self._args = fn, args

    def result(self) -> Any:
        return self._fn(*self._args)


class Here:
    """The :class:`Beside` of no side processes: each task is run in this process when its result is asked for."""

    def submit(self, fn: Callable[..., Any], *args: Any) -> _Later:
        return _Later(fn, args)


#: Above this many edges the network is not copied to another process for its files (its copy would cost more
#: memory than the time saved is worth): they are written in this one.
EXPORT_BESIDE_MAX_EDGES = 300_000


def export_files(G: nx.MultiDiGraph, centrality: Centrality, groups: list[list[str]]) -> dict[str, bytes]:
    """``nodes.csv``, ``edges.csv`` and ``graph.graphml`` of ``G``, as bytes (see :func:`write_report`)."""
    return {
        "nodes.csv": nodes_csv(G, centrality, groups).encode("utf-8"),
        "edges.csv": edges_csv(G).encode("utf-8"),
        "graph.graphml": graphml_bytes(G, centrality, groups),
    }


def write_report(
    G: nx.MultiDiGraph,
    out_dir: str | Path,
    *,
    articles: int | None = None,
    centrality: Centrality | None = None,
    beside: Beside | None = None,
) -> list[Path]:
    """Write the report, charts, CSV and GraphML files into ``out_dir`` (each atomically).

    Without any font with Chinese glyphs (see
    :func:`ycgraph.view.charts.find_cjk_font`) the charts are left out with
    one warning (logger ``ycgraph``) and everything else is written.

    ``beside`` (a build's side processes) draws the charts and, for a network
    of at most ``EXPORT_BESIDE_MAX_EDGES`` edges, makes the CSV and GraphML
    files while this process makes the report: the same bytes as made here.
    :func:`start_report` lets the caller do more in between.

    Returns
    -------
    list of pathlib.Path
        The files written, in a fixed order.
    """
    return start_report(G, out_dir, articles=articles, centrality=centrality, beside=beside).finish()


class ReportInProgress:
    """:func:`start_report`'s work: the figures made, the charts and files being made beside.

    ``centrality`` is the network's :func:`ycgraph.analysis.node_centrality` (for the page, say).
    """

    def __init__(self, out: Path, report: dict[str, Any], charts: dict[str, Any], exports: Any,
                 centrality: Centrality) -> None:
        self._out, self._report, self._charts, self._exports = out, report, charts, exports
        self.centrality = centrality

    def finish(self) -> list[Path]:
        """Wait for what is made beside, write every file, and return them (as :func:`write_report`)."""
        files: dict[str, bytes] = {}
        try:
            pngs = {key: self._charts[key].result() for key in CHART_FILES}
        except FontNotFoundError as exc:
            _log.warning("warning: charts skipped: %s", exc)
            pngs = {}
        files.update({CHART_FILES[key]: data for key, data in pngs.items()})
        files["report.md"] = render_markdown(self._report, {k: CHART_FILES[k] for k in pngs}).encode("utf-8")
        files["report.json"] = (json.dumps(self._report, ensure_ascii=False, indent=2) + "\n").encode("utf-8",
                                                                                                    "replace")
        files.update(self._exports.result())
        return [write_atomic(self._out / name, data) for name, data in files.items()]


def start_report(
    G: nx.MultiDiGraph,
    out_dir: str | Path,
    *,
    articles: int | None = None,
    centrality: Centrality | None = None,
    beside: Beside | None = None,
) -> ReportInProgress:
    """:func:`write_report` up to the files: what ``beside`` makes is started, the report's figures made here.

    The charts that need no centrality are started first, and drawn while it is computed.
    """
    here = Here()
    beside = beside or here
    links = division_links(G)
    diffusion, matrix = analysis.slogan_diffusion(G, links=links), analysis.division_enterprise_matrix(G)
    charts = {"slogans": beside.submit(slogan_diffusion_png, diffusion), "heatmap": beside.submit(heatmap_png, matrix)}
    figures = link_figures(G, links, slogan_diffusion=diffusion, division_enterprise_matrix=matrix)
    centrality = centrality if centrality is not None else analysis.node_centrality(G)
    pagerank = {n: v["pagerank"] for n, v in centrality.items()}
    charts["network"] = beside.submit(overview_png, *overview_of(G, pagerank))
    groups = analysis.communities(G)
    exports = (beside if G.number_of_edges() <= EXPORT_BESIDE_MAX_EDGES else here).submit(
        export_files, G, centrality, groups)
    report = build_report(G, centrality=centrality, groups=groups, articles=articles, figures=figures)
    return ReportInProgress(Path(out_dir), report, charts, exports, centrality)
