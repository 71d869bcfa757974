"""Views of a built network: analysis report, charts, CSV/GraphML exports and the offline HTML page.

:func:`write_views` is the one call the builder makes, with the network of
:class:`ycgraph.netgraph.NetworkBuilder`; the modules below are usable on their own:

- :mod:`ycgraph.view.report` — ``report.md``, ``report.json``, ``nodes.csv``,
  ``edges.csv``, ``graph.graphml`` (and the charts);
- :mod:`ycgraph.view.charts` — PNG charts (CJK font: the system's, else the packaged one);
- :mod:`ycgraph.view.html` — ``graph.html`` (pyvis / vis-network, self-contained).
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

import networkx as nx

if TYPE_CHECKING:
    from .report import Beside

__all__ = ["write_views"]


def write_views(network: nx.MultiDiGraph, out_dir: str | Path, *, articles: int | None = None,
                beside: Beside | None = None) -> list[Path]:
    """Write the report, exports, charts and ``graph.html`` for a network into ``out_dir``.

    Parameters
    ----------
    network : networkx.MultiDiGraph
        :meth:`ycgraph.netgraph.NetworkBuilder.network` of the build.
    out_dir : str or pathlib.Path
        Output directory (created if missing).
    articles : int, optional
        How many articles the network was built from (said in the report and the page).
    beside : Beside, optional
        Processes for the charts and the CSV/GraphML files (see :func:`ycgraph.view.report.write_report`;
        default: this process).

    Returns
    -------
    list of pathlib.Path
        The files written.

    Examples
    --------
    >>> import tempfile
    >>> with tempfile.TemporaryDirectory() as tmp:
    ...     sorted(p.name for p in write_views(nx.MultiDiGraph(), tmp))  # doctest: +NORMALIZE_WHITESPACE
    ['chart-heatmap.png', 'chart-network.png', 'chart-slogans.png', 'edges.csv', 'graph.graphml',
     'graph.html', 'nodes.csv', 'report.json', 'report.md']
    """
    from .html import write_html
    from .report import start_report

    report = start_report(network, out_dir, articles=articles, beside=beside)
    page = write_html(network, Path(out_dir) / "graph.html", articles=articles, centrality=report.centrality)
    return [*report.finish(), page]  # (the page is made while the charts and files are made beside)
