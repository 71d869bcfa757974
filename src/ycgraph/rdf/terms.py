"""RDF terms as N-Triples strings, and a streaming Turtle writer.

Building rdflib objects costs ~10 µs a triple and rdflib's Turtle serializer
far more; a corpus build makes millions of triples. So the builder makes
terms as N-Triples strings (cheap, hashable, sortable) and writes Turtle
itself: triples sorted, grouped by subject and predicate, well-known
namespaces as prefixes. rdflib graphs are made from these only on demand
(:func:`to_rdflib`), for validation, analysis and exports.

>>> iri("https://w3id.org/ycgraph/id/division/420581")
'<https://w3id.org/ycgraph/id/division/420581>'
>>> lit('say "hi"\\n', lang="zh")
'"say \\\\"hi\\\\"\\\\n"@zh'
>>> import io; out = io.BytesIO()
>>> w = TurtleWriter(out, {"ycg": "https://w3id.org/ycgraph/ontology#"})
>>> w.write([(iri("urn:x"), iri(RDF_TYPE), iri("https://w3id.org/ycgraph/ontology#Division")),
...          (iri("urn:x"), iri("https://w3id.org/ycgraph/ontology#adminCode"), lit("420581"))])
>>> print(out.getvalue().decode().strip())
@prefix ycg: <https://w3id.org/ycgraph/ontology#> .
<BLANKLINE>
<urn:x> a ycg:Division ;
    ycg:adminCode "420581" .
"""

from __future__ import annotations

import re
from typing import IO, Callable, Iterable, Mapping

Triple = tuple[str, str, str]

RDF_TYPE = "http://www.w3.org/1999/02/22-rdf-syntax-ns#type"
XSD = "http://www.w3.org/2001/XMLSchema#"
_ESCAPES = {"\\": "\\\\", '"': '\\"', "\n": "\\n", "\r": "\\r", "\t": "\\t"}
# Every other control character and line separator as a \uXXXX escape (legal in Turtle and N-Triples
# strings): raw, they would break line-based readers of graph.ttl and graph.nq (splitlines() cuts at them).
_ESCAPES.update({chr(c): f"\\u{c:04X}" for c in [*range(0x20), *range(0x7F, 0xA0), 0x2028, 0x2029]
                 if chr(c) not in _ESCAPES})
_ESCAPE_TABLE = str.maketrans(_ESCAPES)
# (Most literals hold none of these: a search is much cheaper than translating an article's text.)
_NEEDS_ESCAPE = re.compile("[" + re.escape("".join(_ESCAPES)) + "]")
_LOCAL_NAME = re.compile(r"^[A-Za-z_][A-Za-z0-9_\-]*$")


def iri(value: str) -> str:
    return f"<{value}>"


def lit(text: str, lang: str | None = None, datatype: str | None = None) -> str:
    body = text.translate(_ESCAPE_TABLE) if _NEEDS_ESCAPE.search(text) else text
    if lang:
        return f'"{body}"@{lang}'
    if datatype and datatype != XSD + "string":
        return f'"{body}"^^<{datatype}>'
    return f'"{body}"'


def typed(value: object, xsd_local: str) -> str:
    return lit(str(value), datatype=XSD + xsd_local)


def from_pyoxigraph(node) -> str:
    """A pyoxigraph IRI or literal as this module writes terms (what a parsed term reads back as).

    >>> from pyoxigraph import Literal, NamedNode
    >>> from_pyoxigraph(NamedNode("urn:x")), from_pyoxigraph(Literal("口号", language="zh"))
    ('<urn:x>', '"口号"@zh')
    """
    if not hasattr(node, "datatype"):
        return f"<{node.value}>"
    if node.language:
        return lit(node.value, lang=node.language)
    return lit(node.value, datatype=node.datatype.value)


def to_ntriples(triples: Iterable[Triple]) -> str:
    return "".join(f"{s} {p} {o} .\n" for s, p, o in triples)


def ntriples_lines(triples: Iterable[Triple]) -> str:
    """Triples as N-Triples lines, duplicates dropped, in the order given (deterministic, no sorting)."""
    return to_ntriples(dict.fromkeys(triples))


def to_rdflib(triples: Iterable[Triple], prefixes: Mapping[str, str] | None = None):
    """An rdflib Graph of the given triples (for validation, analysis, exports)."""
    from rdflib import Graph

    g = Graph()
    for prefix, ns in (prefixes or {}).items():
        g.bind(prefix, ns, override=True)
    g.parse(data=to_ntriples(triples), format="nt")
    return g


def turtle_header(prefixes: Mapping[str, str], base: str | None = None) -> bytes:
    """``@base`` (if given) and ``@prefix`` lines, UTF-8.

    >>> turtle_header({"ycg": "https://w3id.org/ycgraph/ontology#"}, "https://w3id.org/ycgraph/id/")
    b'@base <https://w3id.org/ycgraph/id/> .\\n@prefix ycg: <https://w3id.org/ycgraph/ontology#> .\\n'
    """
    lines = [f"@base <{base}> .\n"] if base else []
    lines += [f"@prefix {prefix}: <{ns}> .\n" for prefix, ns in sorted(prefixes.items())]
    return "".join(lines).encode("utf-8")


class TurtleWriter:
    """Writes sorted triples as Turtle, in chunks, to a file open for binary writing (UTF-8)."""

    def __init__(self, out: IO[bytes], prefixes: Mapping[str, str]) -> None:
        self.out = out
        # Longest namespace first, so a namespace nested in another wins.
        self.prefixes = sorted(prefixes.items(), key=lambda kv: -len(kv[1]))
        out.write(turtle_header(prefixes) + b"\n")
        self.count = 0
        self._names: dict[str, str] = {}

    def _short(self, term: str) -> str:
        if term[0] != "<":
            return term
        hit = self._names.get(term)
        if hit is None:
            hit = term
            value = term[1:-1]
            for prefix, ns in self.prefixes:
                if value.startswith(ns) and _LOCAL_NAME.match(value[len(ns):]):
                    hit = f"{prefix}:{value[len(ns):]}"
                    break
            if len(self._names) < 1_000_000:
                self._names[term] = hit
        return hit

    def write(self, triples: Iterable[Triple]) -> None:
        """Write one chunk; its triples are sorted and grouped by subject."""
        rows = sorted(set(triples))
        chunk = []
        i = 0
        n = len(rows)
        while i < n:
            s = rows[i][0]
            parts = []
            while i < n and rows[i][0] == s:
                p = rows[i][1]
                objs = []
                while i < n and rows[i][0] == s and rows[i][1] == p:
                    objs.append(self._short(rows[i][2]))
                    i += 1
                pred = "a" if p == f"<{RDF_TYPE}>" else self._short(p)
                parts.append(f"{pred} {', '.join(objs)}")
            chunk.append(f"{self._short(s)} " + " ;\n    ".join(parts) + " .\n\n")
        self.out.write("".join(chunk).encode("utf-8"))
        self.count += n

    def write_article(self, shared: Iterable[Triple], article) -> None:
        """The article's shared triples not yet written, and its own (``article``: an ``ArticleTriples``)."""
        self.write([*shared, *article.own])


class LineTurtleWriter:
    """Writes Turtle a statement a line, in the order given, for corpus-scale builds.

    Shared triples are written as N-Triples lines (which are Turtle too); an
    article's own triples come already written as Turtle statements, relative
    to ``base`` (see :class:`ycgraph.rdf.graph.ArticleTriples`). Several times
    faster than :class:`TurtleWriter`'s sorting and grouping; the file is less
    pleasant to read, but any Turtle parser reads it. The builder fixes the
    order, so the output is deterministic.
    """

    def __init__(self, out: IO[bytes], prefixes: Mapping[str, str], base: str | None = None) -> None:
        self.out = out
        out.write(turtle_header(prefixes, base) + b"\n")
        self.count = 0
        self.shared_written: set[bytes] = set()  # keys of the shared triples written (see triple_key)

    def write(self, triples: Iterable[Triple]) -> None:
        lines = ntriples_lines(triples)
        self.out.write(lines.encode("utf-8"))
        self.count += lines.count("\n")

    def write_article(self, shared: Iterable[Triple], article) -> None:
        """The article's shared triples not yet written, then its own Turtle as it is (``article``: an ``ArticleTriples``)."""
        self.write_article_copied(shared, article.own_count, lambda out: out.write(article.own_turtle))

    def write_article_copied(self, shared: Iterable[Triple], own_count: int, copy_own: Callable[[IO[bytes]], None]
                             ) -> None:
        """Like :meth:`write_article`, with the own Turtle put into the file by ``copy_own(file)`` (from a spill)."""
        self.write(shared)
        copy_own(self.out)
        self.count += own_count
