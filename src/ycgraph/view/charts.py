"""PNG charts for the report, drawn with matplotlib's Agg canvas and a CJK font.

Each ``*_png`` function takes plain data (from :mod:`ycgraph.analysis`) and
returns PNG bytes; nothing is written here. The bytes repeat for the same
input: no timestamps or software tag in the PNG metadata, seeded layouts.

Chinese labels need a CJK font. :func:`find_cjk_font` prefers
``$YCGRAPH_CJK_FONT``, then the system's fonts (the usual Debian/Ubuntu, macOS
and Windows paths, ``fc-list :lang=zh``), then Noto Sans SC from the
``pylopdf-fonts-zh-cn`` package that installs with ycgraph; it raises
:class:`FontNotFoundError` only when none of these has Chinese glyphs.

matplotlib is imported by the first chart drawn, not with this module: a
build whose charts are drawn beside it (:mod:`ycgraph.builder.side`) never
imports it in its own process.
"""

from __future__ import annotations

import io
import os
import shutil
import subprocess
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING, Any

import networkx as nx

from ..analysis import induced_edges
from ..errors import YcgraphError
from .layout import positions
from .safe import one_line, text_safe
from .style import KIND_STYLE

if TYPE_CHECKING:
    from matplotlib.figure import Figure

__all__ = [
    "FontNotFoundError",
    "find_cjk_font",
    "packaged_font",
    "slogan_diffusion_png",
    "heatmap_png",
    "network_overview_png",
    "overview_of",
    "overview_png",
]

_CANDIDATES = (
    "/usr/share/fonts/truetype/wqy/wqy-microhei.ttc",
    "/usr/share/fonts/truetype/wqy/wqy-zenhei.ttc",
    "/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc",
    "/usr/share/fonts/noto-cjk/NotoSansCJK-Regular.ttc",
    "/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.otf",
    "/System/Library/Fonts/PingFang.ttc",
    "/System/Library/Fonts/STHeiti Medium.ttc",
    "/System/Library/Fonts/Supplemental/Songti.ttc",
    "/Library/Fonts/Arial Unicode.ttf",
    "C:/Windows/Fonts/msyh.ttc",
    "C:/Windows/Fonts/simhei.ttf",
    "C:/Windows/Fonts/simsun.ttc",
)
_DPI = 100


class FontNotFoundError(YcgraphError):
    """No font with Chinese glyphs is installed, so charts would show empty boxes."""


def _has_chinese(path: str) -> bool:
    from matplotlib.ft2font import FT2Font

    try:
        return FT2Font(path).get_char_index(ord("中")) != 0
    except (OSError, RuntimeError, ValueError):
        return False


def _fc_list() -> list[str]:
    exe = shutil.which("fc-list")
    if exe is None:
        return []
    try:
        out = subprocess.run([exe, ":lang=zh", "file"], capture_output=True, text=True, timeout=30, check=False)
    except (OSError, subprocess.SubprocessError):
        return []
    return sorted(line.split(":")[0].strip() for line in out.stdout.splitlines() if line.strip())


def packaged_font() -> Path | None:
    """Noto Sans SC as shipped by the ``pylopdf-fonts-zh-cn`` dependency, or None when it is not installed.

    Examples
    --------
    >>> packaged_font().name
    'NotoSansSC-Regular.otf'
    """
    try:
        import pylopdf_fonts_zh_cn
    except ImportError:
        return None
    path = Path(pylopdf_fonts_zh_cn.sans_path())
    return path if path.is_file() and _has_chinese(str(path)) else None


def find_cjk_font() -> Path:
    """Return the path of a font that has Chinese glyphs.

    In order: ``$YCGRAPH_CJK_FONT``, a system font (known paths, then
    ``fc-list``), the packaged Noto Sans SC (:func:`packaged_font`).

    Raises
    ------
    FontNotFoundError
        When ``$YCGRAPH_CJK_FONT`` is set but unusable, or no font at all has
        Chinese glyphs.

    Examples
    --------
    >>> find_cjk_font().suffix in {".ttc", ".ttf", ".otf"}
    True
    """
    env = os.environ.get("YCGRAPH_CJK_FONT")
    if env:
        if _has_chinese(env):
            return Path(env)
        raise FontNotFoundError(f"YCGRAPH_CJK_FONT={env}: not a readable font with Chinese glyphs")
    for path in (*_CANDIDATES, *_fc_list()):
        if Path(path).is_file() and _has_chinese(path):
            return Path(path)
    packaged = packaged_font()
    if packaged is not None:
        return packaged
    raise FontNotFoundError(
        "no CJK font found for chart labels: reinstall ycgraph (it brings pylopdf-fonts-zh-cn), install one "
        "(Debian/Ubuntu: apt-get install fonts-wqy-microhei) or set YCGRAPH_CJK_FONT to a .ttf/.ttc/.otf file "
        "with Chinese glyphs"
    )


@contextmanager
def _style() -> Iterator[None]:
    """Matplotlib settings for one chart: CJK font first, no random hash salt."""
    import matplotlib
    from matplotlib import font_manager

    path = find_cjk_font()
    font_manager.fontManager.addfont(str(path))
    family = font_manager.FontProperties(fname=str(path)).get_name()
    with matplotlib.rc_context(
        {
            "font.family": [family, "DejaVu Sans"],
            "axes.unicode_minus": False,
            "svg.hashsalt": "ycgraph",
            "figure.dpi": _DPI,
            # Glyphs as the font draws them, not hinted to the pixel grid: a quarter less time for the three
            # charts (most of it is text), and the same look at this size.
            "text.hinting": "no_hinting",
        }
    ):
        yield


def _figure(width: float, height: float) -> Figure:
    from matplotlib.figure import Figure

    return Figure(figsize=(width, height))


_PAD_INCHES = 0.08


def _fit(fig: Figure, renderer: Any) -> None:
    """Set the subplot margins so that the axes' labels, titles, legends and colour bars just fit the figure.

    One measuring pass of the text (the axes keep their decorations' sizes as they move): matplotlib's
    constrained layout iterates and draws the whole figure once more, twice the cost of drawing it.
    """
    width, height = fig.get_size_inches()
    box = fig.get_tightbbox(renderer)  # inches
    params = fig.subplotpars
    left = params.left + (_PAD_INCHES - box.x0) / width
    right = params.right - (box.x1 - (width - _PAD_INCHES)) / width
    bottom = params.bottom + (_PAD_INCHES - box.y0) / height
    top = params.top - (box.y1 - (height - _PAD_INCHES)) / height
    if left < right and bottom < top:  # (labels wider than the figure: leave matplotlib's margins)
        fig.subplots_adjust(left=left, right=right, bottom=bottom, top=top)


def _png(fig: Figure) -> bytes:
    from matplotlib.backends.backend_agg import FigureCanvasAgg

    _fit(fig, FigureCanvasAgg(fig).get_renderer())
    buf = io.BytesIO()
    fig.savefig(buf, format="png", dpi=_DPI, metadata={"Software": None})
    return buf.getvalue()


def _rc(key: str) -> Any:
    import matplotlib

    return matplotlib.rcParams[key]


def _text(label: Any) -> str:
    """A label as matplotlib can draw it: one line, no control characters."""
    return one_line(text_safe(str(label)))


def _empty(ax: Any, text: str) -> None:
    ax.text(0.5, 0.5, text, ha="center", va="center", transform=ax.transAxes)
    ax.set_axis_off()


def slogan_diffusion_png(rows: list[dict[str, Any]], top: int = 30) -> bytes:
    """Horizontal bar chart: number of divisions using each slogan.

    Parameters
    ----------
    rows : list of dict
        :func:`ycgraph.analysis.slogan_diffusion` rows (``label``, ``count``).
    top : int
        Draw the ``top`` most widespread slogans.

    Examples
    --------
    >>> rows = [{"label": "石桥精神", "count": 3}, {"label": "两抢一促", "count": 1}]
    >>> png = slogan_diffusion_png(rows)
    >>> png[:8] == b"\\x89PNG\\r\\n\\x1a\\n" and png == slogan_diffusion_png(rows)
    True
    """
    shown = rows[:top]
    with _style():
        fig = _figure(8, max(2.5, 0.35 * len(shown) + 1.2))
        ax = fig.add_subplot()
        if not shown:
            _empty(ax, "没有口号")
        else:
            labels = [_text(r["label"]) for r in reversed(shown)]
            counts = [r["count"] for r in reversed(shown)]
            ax.barh(range(len(shown)), counts, color=KIND_STYLE["Slogan"].color)
            ax.set_yticks(range(len(shown)), labels)
            ax.set_xlabel("提及或倡导该口号的行政区划数")
            ax.set_title("口号扩散")
            ax.xaxis.get_major_locator().set_params(integer=True)
        return _png(fig)


def heatmap_png(matrix: dict[str, Any], max_rows: int = 25, max_cols: int = 30) -> bytes:
    """Heat map of division × enterprise link counts.

    Parameters
    ----------
    matrix : dict
        :func:`ycgraph.analysis.division_enterprise_matrix` result.
    max_rows, max_cols : int
        Keep the first (busiest) rows and columns.

    Examples
    --------
    >>> png = heatmap_png({"divisions": ["宜都市"], "enterprises": ["青岚化工"], "counts": [[2]]})
    >>> png.startswith(b"\\x89PNG")
    True
    """
    rows = [_text(r) for r in matrix["divisions"][:max_rows]]
    cols = [_text(c) for c in matrix["enterprises"][:max_cols]]
    counts = [r[: len(cols)] for r in matrix["counts"][: len(rows)]]
    with _style():
        fig = _figure(max(5.0, 0.42 * len(cols) + 2.5), max(2.5, 0.4 * len(rows) + 2.0))
        ax = fig.add_subplot()
        if not rows or not cols:
            _empty(ax, "没有企业关联")
        else:
            image = ax.imshow(counts, cmap="Oranges", aspect="auto", vmin=0)
            ax.set_xticks(range(len(cols)), cols, rotation=60, ha="right")
            ax.set_yticks(range(len(rows)), rows)
            for i, row in enumerate(counts):
                for j, value in enumerate(row):
                    if value:
                        ax.text(j, i, str(value), ha="center", va="center", fontsize=8)
            ax.set_title("行政区划 × 企业")
            fig.colorbar(image, ax=ax, label="关联次数")
        return _png(fig)


def network_overview_png(
    G: nx.MultiDiGraph,
    pagerank: dict[str, float],
    labelled: int = 25,
    seed: int = 42,
    max_nodes: int = 1000,
) -> bytes:
    """Small picture of the network, coloured by kind, top nodes labelled.

    A network of more than ``max_nodes`` nodes is drawn by its ``max_nodes``
    highest-PageRank nodes and the edges among them (a picture this size
    shows no more), and the title says so. The same as
    ``overview_png(*overview_of(G, pagerank, max_nodes), labelled, seed)``.

    Parameters
    ----------
    G : networkx.MultiDiGraph
        Graph from :meth:`ycgraph.netgraph.NetworkBuilder.network`.
    pagerank : dict
        Node → PageRank (sizes and which nodes get a label).
    labelled : int
        Label this many nodes with the highest PageRank.
    seed : int
        Layout seed.
    max_nodes : int
        Draw at most this many nodes.

    Examples
    --------
    >>> import networkx as nx
    >>> G = nx.MultiDiGraph()
    >>> G.add_node("d", kind="Division", label="宜都市"); G.add_node("o", kind="Official", label="钟望川")
    >>> _ = G.add_edge("o", "d", key="leads")
    >>> png = network_overview_png(G, {"d": 0.5, "o": 0.5})
    >>> png.startswith(b"\\x89PNG") and png == overview_png(*overview_of(G, {"d": 0.5, "o": 0.5}))
    True
    """
    return overview_png(*overview_of(G, pagerank, max_nodes), labelled=labelled, seed=seed)


def overview_of(G: nx.MultiDiGraph, pagerank: dict[str, float], max_nodes: int = 1000
                ) -> tuple[nx.Graph, dict[str, float], float, int]:
    """What :func:`overview_png` draws of ``G``: a small graph a chart process can be sent.

    Returns
    -------
    tuple
        The undirected graph of the ``max_nodes`` highest-PageRank nodes (in
        ``G``'s order, with their ``kind`` and ``label``) and the edges among
        them; their PageRank; the highest PageRank of all; and ``G``'s node count.
    """
    labels = {n: G.nodes[n].get("label", n) for n in G}
    order = sorted(G, key=lambda n: (-pagerank.get(n, 0.0), str(labels[n]), n))
    chosen = set(G) if G.number_of_nodes() <= max_nodes else set(order[:max_nodes])
    shown = [n for n in G if n in chosen]  # graph order
    H = nx.Graph()
    H.add_nodes_from((n, {"kind": G.nodes[n].get("kind"), "label": labels[n]}) for n in shown)
    H.add_edges_from((u, v) for u, v, _, _ in induced_edges(G, shown) if u != v)
    top = max(pagerank.values(), default=1.0) or 1.0
    return H, {n: pagerank.get(n, 0.0) for n in shown if n in pagerank}, top, G.number_of_nodes()


def overview_png(H: nx.Graph, pagerank: dict[str, float], top: float, total: int,
                 labelled: int = 25, seed: int = 42) -> bytes:
    """Draw :func:`overview_of`'s graph (see :func:`network_overview_png`)."""
    with _style():
        fig = _figure(9, 7)
        ax = fig.add_subplot()
        ax.set_axis_off()
        if H.number_of_nodes() == 0:
            _empty(ax, "空图")
            return _png(fig)
        pos = positions(H, seed=seed, fast_above=400)  # (the sample-sized graph keeps its spring layout)
        nx.draw_networkx_edges(H, pos, ax=ax, edge_color="#bbbbbb", width=0.6, alpha=0.7)
        for kind, style in KIND_STYLE.items():
            nodes = [n for n in H if H.nodes[n].get("kind") == kind]
            if nodes:
                sizes = [30 + 400 * pagerank.get(n, 0.0) / top for n in nodes]
                nx.draw_networkx_nodes(
                    H, pos, nodelist=nodes, node_color=style.color, node_shape=style.marker,
                    node_size=sizes, ax=ax, label=style.name,
                )
        ranked = sorted(H, key=lambda n: (-pagerank.get(n, 0.0), str(H.nodes[n].get("label", n)), n))[:labelled]
        nx.draw_networkx_labels(H, pos, labels={n: _text(H.nodes[n].get("label", n)) for n in ranked}, ax=ax,
                                font_size=9, font_family=_rc("font.family"))
        ax.margins(0.08)
        ax.legend(loc="upper left", bbox_to_anchor=(1.0, 1.0), fontsize=9, markerscale=0.6, frameon=False)
        part = f"，PageRank 前 {len(H)} 个节点（共 {total} 个）" if len(H) < total else ""
        ax.set_title(f"网络概览（节点大小 = PageRank{part}）")
        return _png(fig)
