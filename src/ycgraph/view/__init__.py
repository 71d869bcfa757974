"""Views of a built graph: analysis report, charts, CSV/GraphML exports and the offline HTML page.

:func:`write_views` is the one call the builder makes after writing
``graph.ttl``; the modules below are usable on their own:

- :mod:`ycgraph.view.report` — ``report.md``, ``report.json``, ``nodes.csv``,
  ``edges.csv``, ``graph.graphml`` (and the charts);
- :mod:`ycgraph.view.charts` — PNG charts (needs a CJK font);
- :mod:`ycgraph.view.html` — ``graph.html`` (pyvis / vis-network, self-contained).
"""

from __future__ import annotations

from pathlib import Path

from rdflib import Graph

__all__ = ["write_views"]


def write_views(graph: Graph, out_dir: str | Path) -> list[Path]:
    """Write the report, exports, charts and ``graph.html`` for an RDF graph into ``out_dir``.

    Parameters
    ----------
    graph : rdflib.Graph
        The built graph (as written to ``graph.ttl``).
    out_dir : str or pathlib.Path
        Output directory (created if missing).

    Returns
    -------
    list of pathlib.Path
        The files written.

    Raises
    ------
    ycgraph.view.charts.FontNotFoundError
        No CJK font is installed for the chart labels.

    Examples
    --------
    >>> import tempfile
    >>> with tempfile.TemporaryDirectory() as tmp:
    ...     sorted(p.name for p in write_views(Graph(), tmp))  # doctest: +NORMALIZE_WHITESPACE
    ['chart-heatmap.png', 'chart-network.png', 'chart-slogans.png', 'edges.csv', 'graph.graphml',
     'graph.html', 'nodes.csv', 'report.json', 'report.md']
    """
    from ..netgraph import to_networkx
    from .html import write_html
    from .report import write_report

    G = to_networkx(graph)
    written = write_report(G, out_dir)
    written.append(write_html(G, Path(out_dir) / "graph.html"))
    return written
