"""SPARQL over ycgraph builds: embedded queries, a local endpoint, pushing to a shared store.

- :mod:`ycgraph.sparql.engine` loads a build and runs SPARQL 1.1 on pyoxigraph;
- :mod:`ycgraph.sparql.results` writes results as a table, CSV, TSV or JSON;
- :mod:`ycgraph.sparql.guard` refuses queries that would crash the engine (size,
  nesting, chains) or make it call out (``SERVICE``), for ``query`` and ``serve``;
- :mod:`ycgraph.sparql.serve` runs the ``oxigraph`` server read-only over a build,
  behind a front that checks the Host header and every query;
- :mod:`ycgraph.sparql.push` loads each article's named graph into a store through
  the SPARQL 1.1 Graph Store HTTP Protocol.
"""

from __future__ import annotations

from .engine import (
    DataError,
    QueryError,
    QuerySyntaxError,
    Solutions,
    load_data,
    parse_param,
    read_query,
    run_query,
)

__all__ = [
    "DataError",
    "QueryError",
    "QuerySyntaxError",
    "Solutions",
    "load_data",
    "parse_param",
    "read_query",
    "run_query",
]
