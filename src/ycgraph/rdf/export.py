"""Deterministic multi-format exports of a build: Turtle, TriG, N-Quads, JSON-LD.

The exported dataset keeps each article's triples in a named graph whose
name is the article's IRI, and puts the triples of the merged graph that
belong to no single article (the build activity, the standard-vocabulary
alignment, ...) in the default graph. The union of all graphs is the whole
knowledge graph; ``graph.ttl`` holds that union as a plain graph.

Same input, same bytes: N-Quads lines are sorted, TriG graphs are written
in IRI order (rdflib sorts subjects and objects inside each), JSON-LD nodes
and values are sorted and its keys too. Blank nodes are refused, since
their labels are not stable. Files are written atomically
(:func:`ycgraph.outputs.write_atomic`: a temporary file in the same folder,
then :func:`os.replace`).

Examples
--------
>>> from rdflib import Graph, Literal
>>> from rdflib.namespace import RDFS
>>> from ycgraph.vocabulary import YCR
>>> art = str(YCR["article/0123456789abcdef"])
>>> one = Graph().add((YCR["slogan/x"], RDFS.label, Literal("口号", lang="zh")))
>>> ds = to_dataset({art: one}, Graph())
>>> print(serialize(ds, "nq").decode().strip())
<https://w3id.org/ycgraph/id/slogan/x> <http://www.w3.org/2000/01/rdf-schema#label> "口号"@zh <https://w3id.org/ycgraph/id/article/0123456789abcdef> .
"""

from __future__ import annotations

import io
import json
import warnings
from collections.abc import Mapping, Sequence
from functools import lru_cache
from pathlib import Path
from typing import Any

from rdflib import BNode, Dataset, Graph, Literal, URIRef
from rdflib.namespace import NamespaceManager
from rdflib.plugins.serializers.trig import TrigSerializer
from rdflib.plugins.serializers.turtle import TurtleSerializer
from rdflib.term import Node

from ..errors import YcgraphError
from ..outputs import write_atomic
from .resources import ontology_path
from .terms import from_pyoxigraph

__all__ = ["FORMATS", "StreamingExports", "context", "serialize", "to_dataset", "write_exports"]

# format -> file name written by write_exports
FORMATS: dict[str, str] = {
    "ttl": "graph.ttl",
    "trig": "graph.trig",
    "nq": "graph.nq",
    "jsonld": "graph.jsonld",
}


@lru_cache(maxsize=1)
def context() -> dict[str, Any]:
    """The published JSON-LD ``@context`` (``ontology/context.jsonld``), read once.

    Its prefixes are also the ones the Turtle and TriG exports use.

    >>> context()["ycg"]
    'https://w3id.org/ycgraph/ontology#'
    """
    path = ontology_path("context.jsonld")
    try:
        ctx = json.loads(path.read_text(encoding="utf-8"))["@context"]
    except (ValueError, KeyError) as exc:
        raise YcgraphError(f"{path}: not a JSON-LD context document ({exc})") from exc
    return dict(ctx)


def _prefixes() -> list[tuple[str, str]]:
    return sorted((k, v) for k, v in context().items() if isinstance(v, str) and v.endswith(("#", "/")))


def _check_no_bnodes(graph: Graph, name: str) -> None:
    for triple in graph:
        if any(isinstance(term, BNode) for term in triple):
            raise YcgraphError(f"{name}: blank node in {triple!r}; exports need IRIs for stable output")


def to_dataset(article_graphs: Mapping[str, Graph], merged: Graph) -> Dataset:
    """One named graph per article, and the rest of ``merged`` in the default graph.

    Parameters
    ----------
    article_graphs
        Article IRI -> the graph of that article alone.
    merged
        The merged graph of the whole build; its triples found in no article
        graph go to the default graph.
    """
    ds = Dataset()
    ds.namespace_manager = NamespaceManager(ds, bind_namespaces="none")
    for prefix, ns in _prefixes():
        ds.bind(prefix, ns)
    for iri in sorted(article_graphs):
        graph = article_graphs[iri]
        _check_no_bnodes(graph, f"graph of {iri}")
        named = ds.graph(URIRef(iri))
        for triple in graph:
            named.add(triple)
    _check_no_bnodes(merged, "merged graph")
    in_articles = {triple for graph in article_graphs.values() for triple in graph}
    default = ds.default_graph
    for triple in merged:
        if triple not in in_articles:
            default.add(triple)
    return ds


def _union(ds: Dataset) -> Graph:
    out = Graph(bind_namespaces="none")
    for prefix, ns in _prefixes():
        out.bind(prefix, ns)
    for graph in ds.graphs():
        out += graph
    return out


class _Turtle(TurtleSerializer):
    """Turtle writing a typed literal as a bare number only when that keeps its lexical form.

    rdflib writes ``"8"^^xsd:decimal`` as ``8.0``, which reads back as another
    term (``"8.0"``); such literals are written in full instead.
    """

    def label(self, node: Node, position: int) -> str:
        text = super().label(node, position)
        if isinstance(node, Literal) and node.datatype is not None and not text.startswith('"') and text != str(node):
            return node._literal_n3(use_plain=False, qname_callback=lambda dt: self.get_pname(dt, True))
        return text


class _Trig(_Turtle, TrigSerializer):
    pass


def _write(serializer: TurtleSerializer) -> bytes:
    buffer = io.BytesIO()
    serializer.serialize(buffer, encoding="utf-8")
    return buffer.getvalue()


def _trig(ds: Dataset) -> bytes:
    serializer = _Trig(ds)
    # rdflib lists a dataset's graphs in set order; write them in IRI order, default graph last.
    serializer.contexts = sorted(
        (g for g in serializer.contexts if len(g)),
        key=lambda g: (g.identifier == ds.default_graph.identifier, str(g.identifier)),
    )
    return _write(serializer)


def _nquads(ds: Dataset) -> bytes:
    text = ds.serialize(format="nquads", encoding="utf-8").decode("utf-8")
    # Split on line feeds only: literals may hold \x0c, \x85, U+2028 ... raw, which splitlines() cuts at.
    lines = sorted({line.rstrip(" \r") for line in text.split("\n") if line.strip()})
    return ("\n".join(lines) + "\n").encode("utf-8") if lines else b""


def _sort_json(value: Any, *, in_list: bool = False) -> Any:
    """Sort every JSON-LD array (except ``@list`` ones) by its members' canonical JSON."""
    if isinstance(value, dict):
        return {k: _sort_json(v, in_list=(k == "@list")) for k, v in value.items()}
    if isinstance(value, list):
        items = [_sort_json(v) for v in value]
        if in_list:
            return items
        return sorted(items, key=lambda v: (v.get("@id", "") if isinstance(v, dict) else "",
                                            json.dumps(v, ensure_ascii=False, sort_keys=True)))
    return value


def _jsonld(ds: Dataset) -> bytes:
    raw = json.loads(ds.serialize(format="json-ld", context=context(), encoding="utf-8"))
    nodes = raw.get("@graph", []) if isinstance(raw, dict) else raw
    if isinstance(nodes, dict):
        nodes = [nodes]
    # rdflib wraps the default graph in {"@graph": [...]} without an @id, which
    # JSON-LD 1.1 reads as a graph named by a blank node: lift its nodes up.
    top: list[Any] = []
    for node in nodes:
        if isinstance(node, dict) and set(node) == {"@graph"}:
            top.extend(node["@graph"] if isinstance(node["@graph"], list) else [node["@graph"]])
        else:
            top.append(node)
    doc = {"@context": context(), "@graph": _sort_json(top)}
    return (json.dumps(doc, ensure_ascii=False, sort_keys=True, indent=2) + "\n").encode("utf-8")


def serialize(ds: Dataset, fmt: str) -> bytes:
    """Bytes of ``ds`` in ``fmt`` (one of :data:`FORMATS`), the same for the same data.

    ``ttl`` is the union of all graphs as one Turtle graph.
    """
    writers = {"ttl": lambda: _write(_Turtle(_union(ds))), "trig": lambda: _trig(ds), "nq": lambda: _nquads(ds),
               "jsonld": lambda: _jsonld(ds)}
    if fmt not in writers:
        raise YcgraphError(f"unknown export format {fmt!r}; choose from {', '.join(FORMATS)}")
    with warnings.catch_warnings():  # rdflib's dataset writers call rdflib's own deprecated Dataset API
        warnings.simplefilter("ignore", DeprecationWarning)
        return writers[fmt]()


def write_exports(
    article_graphs: Mapping[str, Graph],
    merged: Graph,
    out_dir: Path,
    formats: Sequence[str],
) -> list[Path]:
    """Write ``graph.<fmt>`` for each of ``formats`` into ``out_dir``; return the paths.

    Parameters
    ----------
    article_graphs
        Article IRI -> that article's graph (becomes a named graph).
    merged
        The merged graph of the build (its extra triples become the default graph).
    out_dir
        Created if missing.
    formats
        Any of ``"ttl"``, ``"trig"``, ``"nq"``, ``"jsonld"``, in the order wanted.

    Raises
    ------
    YcgraphError
        On an unknown format, a blank node, or a folder that cannot be written.
    """
    unknown = [f for f in formats if f not in FORMATS]
    if unknown:
        raise YcgraphError(f"unknown export format {unknown[0]!r}; choose from {', '.join(FORMATS)}")
    ds = to_dataset(article_graphs, merged)
    out_dir = Path(out_dir)
    written: list[Path] = []
    try:
        out_dir.mkdir(parents=True, exist_ok=True)
        for fmt in dict.fromkeys(formats):
            path = out_dir / FORMATS[fmt]
            write_atomic(path, serialize(ds, fmt))
            written.append(path)
    except OSError as exc:
        raise YcgraphError(f"{out_dir}: cannot write exports ({exc.strerror or exc})") from exc
    return written


class StreamingExports:
    """The build's named-graph exports, written article by article as the build streams.

    ``graph.trig`` is written as the articles come: each article's graph is
    its shared triples (N-Triples lines) and its own Turtle statements, as
    the builder made them, in a ``GRAPH`` block (TriG takes Turtle's triples
    inside a block, resolved against the file's ``@base``); the default graph
    holds the build-level triples (the ORG view of posts). Memory does not
    grow with the corpus. ``graph.nq`` and ``graph.jsonld`` are converted
    from it when the build closes: N-Quads streaming (pyoxigraph), JSON-LD
    through one in-memory dataset (rdflib, compacted with the published
    ``context.jsonld``), so JSON-LD is for builds that fit in memory.

    Same input, same bytes: articles in build order, each article's
    statements in the order the builder fixes.
    """

    def __init__(self, folder: Path, formats: Sequence[str], prefixes: Mapping[str, str], base: str) -> None:
        from .terms import turtle_header

        unknown = [f for f in formats if f not in FORMATS or f == "ttl"]
        if unknown:
            raise YcgraphError(f"unknown export format {unknown[0]!r}; choose from trig, nq, jsonld")
        self.folder = Path(folder)
        self.formats = tuple(dict.fromkeys(formats))
        self.trig_path = self.folder / FORMATS["trig"]
        self._out = open(self.trig_path, "wb")
        self._out.write(turtle_header(prefixes, base) + b"\n")

    def add_article(self, article: str, shared: Sequence[tuple[str, str, str]], own_turtle: bytes) -> None:
        """One article's named graph: all its shared triples (its entities described) and its own."""
        from .terms import to_ntriples

        self._out.write(f"<{article}> {{\n".encode("utf-8") + to_ntriples(dict.fromkeys(shared)).encode("utf-8"))
        self._out.write(own_turtle + b"}\n")

    def close(self, default: Sequence[tuple[str, str, str]]) -> list[Path]:
        """Write the default graph, close ``graph.trig`` and make the other formats; return the files."""
        from pyoxigraph import RdfFormat, parse

        from .terms import to_ntriples

        if default:
            self._out.write(b"{\n" + to_ntriples(dict.fromkeys(default)).encode("utf-8") + b"}\n")
        self._out.close()
        written = []
        if "nq" in self.formats:
            path = self.folder / FORMATS["nq"]
            with open(path, "wb") as fh:
                for quads in _batches(parse(path=self.trig_path, format=RdfFormat.TRIG), 10_000):
                    fh.write("".join(_nquad(q) for q in quads).encode("utf-8"))
            written.append(path)
        if "jsonld" in self.formats:
            ds = Dataset()
            with warnings.catch_warnings():
                warnings.simplefilter("ignore", DeprecationWarning)
                ds.parse(self.trig_path, format="trig")
            path = self.folder / FORMATS["jsonld"]
            path.write_bytes(serialize(ds, "jsonld"))
            written.append(path)
        if "trig" in self.formats:
            written.append(self.trig_path)
        else:
            self.trig_path.unlink()  # made only to convert from
        return sorted(written)

    def abort(self) -> None:
        self._out.close()


def _batches(items, size: int):
    batch = []
    for item in items:
        batch.append(item)
        if len(batch) == size:
            yield batch
            batch = []
    if batch:
        yield batch


def _nquad(quad) -> str:
    """One N-Quads line, with every control character and line separator escaped (see ``rdf.terms.lit``),
    so that line-based readers (``splitlines()``, ``wc -l``) see one quad a line."""
    term = from_pyoxigraph
    graph = "" if quad.graph_name.__class__.__name__ == "DefaultGraph" else f" {term(quad.graph_name)}"
    return f"{term(quad.subject)} {term(quad.predicate)} {term(quad.object)}{graph} .\n"
