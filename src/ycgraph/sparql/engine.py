"""Run SPARQL 1.1 over a ycgraph build with an embedded store (pyoxigraph).

pyoxigraph was chosen by measurement over rdflib and rdflib+oxrdflib (see
``bench/bench_sparql.py`` and the README): it loads and answers the shipped
queries one to three orders of magnitude faster on a million-triple graph.

The store is in memory; nothing is written next to the build. Queries see
the union of all graphs as their default graph, so the same query works on
``graph.ttl`` (everything in the default graph) and on ``graph.trig`` (one
named graph per article, reachable with ``GRAPH ?g { … }`` too). Because a
triple can sit in several article graphs, count with ``DISTINCT``.

Examples
--------
>>> store = load_data_text(
...     '<https://w3id.org/ycgraph/id/division/420581> '
...     '<http://www.w3.org/2000/01/rdf-schema#label> "宜都市"@zh .', "nt")
>>> result = run_query(store, "SELECT ?label WHERE { ?d rdfs:label ?label }")
>>> result.variables, [row[0].value for row in result.rows]
(('label',), ['宜都市'])
>>> run_query(store, "ASK { ?d ycg:adminCode ?c }")
False
"""

from __future__ import annotations

import re
import warnings
from dataclasses import dataclass
from pathlib import Path
from typing import Callable, Union

import pyoxigraph as ox

from ..errors import YcgraphError
from ..vocabulary import PREFIXES  # every query may use them without declaring them

__all__ = [
    "DataError",
    "QueryError",
    "QuerySyntaxError",
    "StaleExportWarning",
    "PREFIXES",
    "GRAPH_FILES",
    "Term",
    "Solutions",
    "QueryResult",
    "display_name",
    "find_data_file",
    "load_data",
    "load_data_text",
    "read_query",
    "parse_param",
    "run_query",
]

#: Files looked for in a build directory, best first: the named-graph forms
#: (one graph per article) before the flat Turtle, which every build writes.
GRAPH_FILES: tuple[str, ...] = ("graph.trig", "graph.nq", "graph.ttl")

Term = Union[ox.NamedNode, ox.BlankNode, ox.Literal, ox.Triple]


class DataError(YcgraphError):
    """The build to query is missing or cannot be parsed."""


class StaleExportWarning(UserWarning):
    """A build's graph.trig/graph.nq is older than its graph.ttl, so graph.ttl is read instead."""


class QueryError(YcgraphError):
    """A query cannot be read, bound or evaluated."""


class QuerySyntaxError(QueryError):
    """A query does not parse; carries the 1-based line and column."""

    def __init__(self, source: str, line: int, column: int, detail: str) -> None:
        super().__init__(f"{source}:{line}:{column}: SPARQL syntax error: {detail}")
        self.source = source
        self.line = line
        self.column = column
        self.detail = detail


@dataclass(frozen=True)
class Solutions:
    """The table a ``SELECT`` query returns; ``None`` marks an unbound cell."""

    variables: tuple[str, ...]
    rows: tuple[tuple[Term | None, ...], ...]


#: ``SELECT`` → :class:`Solutions`, ``ASK`` → bool, ``CONSTRUCT``/``DESCRIBE`` → triples.
QueryResult = Union[Solutions, bool, tuple[ox.Triple, ...]]


def display_name(path: object) -> str:
    """A file name as it goes into a one-line message: as is, or quoted with escapes if it holds a
    newline or another unprintable character (so a name cannot split the line or fake another one).

    >>> display_name("news/a.txt"), display_name("a\\nerror: b.txt")
    ('news/a.txt', "'a\\\\nerror: b.txt'")
    """
    text = str(path)
    return text if text.isprintable() else repr(text)


def find_data_file(path: Path, warn: Callable[[str], None] | None = None) -> Path:
    """The RDF file to load for ``path``: the file itself, or the best graph file in a build directory.

    ``graph.trig``/``graph.nq`` (named graphs) are preferred, but only when
    they are at least as new as ``graph.ttl``: a later build that did not
    write them leaves them stale, and ``graph.ttl`` is always written. A
    stale one is passed over and ``warn`` (default :func:`warnings.warn`) is
    told so.

    Examples
    --------
    >>> import os, tempfile
    >>> d = Path(tempfile.mkdtemp())
    >>> _ = (d / "graph.ttl").write_text("")
    >>> find_data_file(d).name
    'graph.ttl'
    >>> _ = (d / "graph.trig").write_text("")
    >>> find_data_file(d).name
    'graph.trig'
    >>> os.utime(d / "graph.trig", (0, 0))  # older than graph.ttl
    >>> find_data_file(d, warn=print).name
    graph.trig is older than graph.ttl (left by an earlier build): reading graph.ttl
    'graph.ttl'
    """
    if path.is_dir():
        flat = path / GRAPH_FILES[-1]
        flat_time = flat.stat().st_mtime if flat.is_file() else None
        for name in GRAPH_FILES[:-1]:
            candidate = path / name
            if not candidate.is_file():
                continue
            if flat_time is not None and candidate.stat().st_mtime < flat_time:
                message = f"{name} is older than {flat.name} (left by an earlier build): reading {flat.name}"
                if warn is None:
                    warnings.warn(message, StaleExportWarning, stacklevel=2)
                else:
                    warn(message)
                continue
            return candidate
        if flat_time is not None:
            return flat
        raise DataError(
            f"{display_name(path)}: no {', '.join(GRAPH_FILES)} in this directory "
            f"(run `ycgraph build ARTICLES -o {display_name(path)}` first)"
        )
    if not path.is_file():
        raise DataError(f"{display_name(path)}: no such file or directory")
    return path


def _rdf_format(path: Path) -> ox.RdfFormat:
    fmt = ox.RdfFormat.from_extension(path.suffix.lstrip(".").lower())
    if fmt is None:
        raise DataError(f"{display_name(path)}: unknown RDF file extension {path.suffix!r} (use .ttl, .trig, .nq, .nt)")
    return fmt


def load_data(path: Path, warn: Callable[[str], None] | None = None) -> ox.Store:
    """Load a build directory or an RDF file into a fresh in-memory store.

    Raises :class:`DataError` naming the file if it is missing or malformed;
    ``warn`` is passed to :func:`find_data_file`.
    """
    file = find_data_file(Path(path), warn)
    store = ox.Store()
    try:
        store.load(path=str(file), format=_rdf_format(file))
    except SyntaxError as err:
        raise DataError(f"{display_name(file)}: not valid RDF: {_one_line(str(err), 300)}") from None
    except (OSError, ValueError) as err:
        raise DataError(f"{display_name(file)}: cannot load: {_one_line(str(err))}") from None
    return store


def load_data_text(text: str, extension: str) -> ox.Store:
    """Load RDF given as text (``extension`` names its format: ttl, trig, nt, nq)."""
    store = ox.Store()
    fmt = ox.RdfFormat.from_extension(extension)
    if fmt is None:
        raise DataError(f"unknown RDF format {extension!r}")
    try:
        store.load(text.encode("utf-8"), format=fmt)
    except SyntaxError as err:
        raise DataError(f"not valid RDF: {err}") from None
    return store


def _is_file(name: str) -> bool:
    try:
        return "\n" not in name and Path(name).is_file()
    except OSError:  # e.g. a long one-line query is too long to be a file name
        return False


def read_query(query_or_file: str) -> tuple[str, str]:
    """``(source, text)`` of a query given inline or as a file name.

    A string naming an existing file (or ending in ``.rq``/``.sparql``) is a
    file; anything else is the query itself, with source ``<query>``.

    >>> read_query("ASK {}")
    ('<query>', 'ASK {}')
    >>> read_query("ASK { " + "?s ?p ?o . " * 500 + "}")[0]
    '<query>'
    """
    if query_or_file.endswith((".rq", ".sparql")) or _is_file(query_or_file):
        path = Path(query_or_file)
        try:
            return display_name(path), path.read_text(encoding="utf-8")
        except FileNotFoundError:
            raise QueryError(f"{display_name(path)}: no such query file") from None
        except (OSError, UnicodeDecodeError) as err:
            raise QueryError(f"{display_name(path)}: cannot read query: {_one_line(str(err))}") from None
    return "<query>", query_or_file


_PARAM_NAME = re.compile(r"[A-Za-z_][A-Za-z0-9_]*")
_INTEGER = re.compile(r"[+-]?[0-9]+")
_DECIMAL = re.compile(r"[+-]?[0-9]*\.[0-9]+")
_XSD = "http://www.w3.org/2001/XMLSchema#"


def parse_param(spec: str) -> tuple[str, Term]:
    """Parse ``NAME=VALUE`` into a variable name and the RDF term to bind it to.

    The value becomes a term, never query text: ``<…>`` is an IRI, a quoted
    N-Triples literal (``"…"@en``, ``"…"^^<…>``) is used as written, an
    integer or decimal numeral is typed ``xsd:integer``/``xsd:decimal``, and
    any other text is a Chinese literal ``"…"@zh`` like the graph's labels.

    Examples
    --------
    >>> parse_param("division=宜都市")
    ('division', <Literal value=宜都市 language=zh>)
    >>> parse_param("v=7.5")[1].datatype.value
    'http://www.w3.org/2001/XMLSchema#decimal'
    >>> parse_param("d=<https://w3id.org/ycgraph/id/division/420581>")[1]
    <NamedNode value=https://w3id.org/ycgraph/id/division/420581>
    >>> parse_param('x="a" } ; DROP ALL')
    Traceback (most recent call last):
    ...
    ycgraph.sparql.engine.QueryError: --param x: not an RDF term: "a" } ; DROP ALL
    """
    name, sep, value = spec.partition("=")
    name = name.strip().lstrip("?$")
    if not sep or not _PARAM_NAME.fullmatch(name):
        raise QueryError(f"--param {spec!r}: expected NAME=VALUE, NAME a SPARQL variable name")
    if value.startswith(("<", '"')):
        try:
            triples = list(ox.parse(f"<urn:s> <urn:p> {value} .".encode("utf-8"), format=ox.RdfFormat.N_TRIPLES))
        except SyntaxError:
            triples = []
        if len(triples) != 1:
            raise QueryError(f"--param {name}: not an RDF term: {value}")
        return name, triples[0].object
    if _INTEGER.fullmatch(value):
        return name, ox.Literal(value, datatype=ox.NamedNode(_XSD + "integer"))
    if _DECIMAL.fullmatch(value):
        return name, ox.Literal(value, datatype=ox.NamedNode(_XSD + "decimal"))
    return name, ox.Literal(value, language="zh")


def _one_line(message: str, limit: int = 160) -> str:
    """Whitespace collapsed, long lists of expected tokens cut short."""
    text = " ".join(message.split())
    return text if len(text) <= limit else text[: limit - 1] + "…"


_POSITION = re.compile(r"error at (\d+):(\d+): (.*)", re.DOTALL)


def run_query(
    store: ox.Store,
    query: str,
    *,
    source: str = "<query>",
    params: dict[str, Term] | None = None,
    allow_service: bool = True,
) -> QueryResult:
    """Evaluate a SPARQL 1.1 query; ``params`` pre-bind variables (SEP-0007 substitution).

    The query is first checked by :func:`ycgraph.sparql.guard.check_query`
    (size, nesting and chain limits that keep the engine from overflowing
    its stack; ``SERVICE`` unless ``allow_service``), which raises
    :class:`~ycgraph.sparql.guard.QueryRefused`. Syntax errors raise
    :class:`QuerySyntaxError` with the position; errors while evaluating,
    including those raised only when the results are read (a ``SERVICE``
    call that fails), raise :class:`QueryError`.

    >>> run_query(load_data_text("", "nt"), "SELECT * WHERE {\\n  ?s ?p }")
    Traceback (most recent call last):
    ...
    ycgraph.sparql.engine.QuerySyntaxError: <query>:2:10: SPARQL syntax error: expected one of LATERAL, SERVICE, [_]
    """
    from .guard import QueryRefused, check_query  # guard imports this module's errors

    try:
        check_query(query, allow_service=allow_service)
    except QueryRefused as err:
        raise QueryRefused(f"{source}: {err}") from None
    substitutions = {}
    for name, term in (params or {}).items():
        if not re.search(rf"[?$]{re.escape(name)}(?![A-Za-z0-9_\u00B7\u0300-\u036F\u203F-\u2040])", query):
            raise QueryError(f"--param {name}: {source} has no variable ?{name}")
        substitutions[ox.Variable(name)] = term
    try:
        result = store.query(
            query,
            prefixes=PREFIXES,
            use_default_graph_as_union=True,
            substitutions=substitutions or None,
        )
    except SyntaxError as err:
        message = str(err)
        match = _POSITION.match(message)
        if match:
            line, column, detail = int(match[1]), int(match[2]), match[3]
            raise QuerySyntaxError(source, line, column, _one_line(detail)) from None
        raise QuerySyntaxError(source, 1, 1, _one_line(message)) from None
    except (OSError, RuntimeError, ValueError) as err:
        raise QueryError(f"{source}: query failed: {_one_line(str(err), 300)}") from None
    try:
        # results are computed lazily: evaluation errors surface while reading them
        if isinstance(result, ox.QuerySolutions):
            variables = tuple(v.value for v in result.variables)
            rows = tuple(tuple(solution[v] for v in variables) for solution in result)
            return Solutions(variables, rows)
        if isinstance(result, ox.QueryBoolean):
            return bool(result)
        return tuple(result)
    except (OSError, RuntimeError, ValueError, SyntaxError) as err:
        raise QueryError(f"{source}: query failed: {_one_line(str(err), 300)}") from None
