"""Write query results as an aligned text table, CSV, TSV or SPARQL JSON.

Pure functions from a result to text. CSV, TSV and JSON follow the W3C
SPARQL 1.1 result formats; the table is for people: IRIs shortened with the
usual prefixes, literals shown by value, columns padded by display width
(CJK characters count two columns).

Examples
--------
>>> import pyoxigraph as ox
>>> s = Solutions(("name", "post"), (
...     (ox.Literal("张明远", language="zh"), ox.Literal("宜都市委书记", language="zh")),
...     (ox.NamedNode("https://w3id.org/ycgraph/id/division/420581"), None),
... ))
>>> print(render(s, "table"))
name                 post
-------------------  ------------
张明远               宜都市委书记
ycr:division/420581
(2 rows)
>>> print(render(s, "csv"), end="")
name,post\r
张明远,宜都市委书记\r
https://w3id.org/ycgraph/id/division/420581,\r
>>> print(render(True, "json"))
{"head": {}, "boolean": true}
"""

from __future__ import annotations

import csv
import io
import json
import unicodedata
from typing import Any, Callable

import pyoxigraph as ox

from .engine import PREFIXES, QueryResult, Solutions, Term

__all__ = ["FORMATS", "render", "display_width", "short_form"]

FORMATS: tuple[str, ...] = ("table", "csv", "tsv", "json")

_XSD_STRING = "http://www.w3.org/2001/XMLSchema#string"
_RDF_LANG_STRING = "http://www.w3.org/1999/02/22-rdf-syntax-ns#langString"
# Longest namespace first, so ycr: wins over a shorter prefix of it.
_BY_LENGTH = sorted(PREFIXES.items(), key=lambda item: (-len(item[1]), item[0]))


def display_width(text: str) -> int:
    """Columns ``text`` takes in a terminal: wide (CJK) characters two, combining marks none.

    >>> display_width("宜都市"), display_width("GDP"), display_width("7.5%")
    (6, 3, 4)
    """
    width = 0
    for char in text:
        if unicodedata.combining(char):
            continue
        width += 2 if unicodedata.east_asian_width(char) in ("W", "F") else 1
    return width


def short_form(term: Term | None) -> str:
    """How a term reads in the table: prefixed IRI, literal value, ``_:id``; control characters escaped.

    >>> short_form(ox.NamedNode("https://w3id.org/ycgraph/ontology#leads"))
    'ycg:leads'
    >>> short_form(ox.Literal("a\\nb"))
    'a\\\\nb'
    """
    if term is None:
        return ""
    if isinstance(term, ox.NamedNode):
        for prefix, namespace in _BY_LENGTH:
            if term.value.startswith(namespace) and len(term.value) > len(namespace):
                return f"{prefix}:{term.value[len(namespace):]}"
        return f"<{term.value}>"
    if isinstance(term, ox.BlankNode):
        return f"_:{term.value}"
    if isinstance(term, ox.Literal):
        return term.value.translate(_ESCAPES)
    return str(term)


_ESCAPES = {ord("\n"): "\\n", ord("\r"): "\\r", ord("\t"): "\\t"}


def _pad(text: str, width: int) -> str:
    return text + " " * (width - display_width(text))


def _table(result: Solutions) -> str:
    cells = [[short_form(term) for term in row] for row in result.rows]
    widths = [
        max([display_width(name)] + [display_width(row[i]) for row in cells])
        for i, name in enumerate(result.variables)
    ]
    lines = [
        "  ".join(_pad(name, w) for name, w in zip(result.variables, widths)).rstrip(),
        "  ".join("-" * w for w in widths),
    ]
    lines += ["  ".join(_pad(cell, w) for cell, w in zip(row, widths)).rstrip() for row in cells]
    count = len(result.rows)
    lines.append(f"({count} row{'' if count == 1 else 's'})")
    return "\n".join(lines)


def _csv_value(term: Term | None) -> str:
    if term is None:
        return ""
    if isinstance(term, ox.BlankNode):
        return f"_:{term.value}"
    if isinstance(term, (ox.NamedNode, ox.Literal)):
        return term.value
    return str(term)


def _delimited(result: Solutions, tsv: bool) -> str:
    out = io.StringIO()
    if tsv:  # SPARQL 1.1 TSV: terms in Turtle/N-Triples syntax, header with '?'
        out.write("\t".join(f"?{v}" for v in result.variables) + "\n")
        for row in result.rows:
            out.write("\t".join("" if t is None else str(t) for t in row) + "\n")
    else:
        writer = csv.writer(out, lineterminator="\r\n")
        writer.writerow(result.variables)
        writer.writerows([_csv_value(t) for t in row] for row in result.rows)
    return out.getvalue()


def _json_term(term: Term) -> dict[str, Any]:
    if isinstance(term, ox.NamedNode):
        return {"type": "uri", "value": term.value}
    if isinstance(term, ox.BlankNode):
        return {"type": "bnode", "value": term.value}
    if isinstance(term, ox.Literal):
        out: dict[str, Any] = {"type": "literal", "value": term.value}
        if term.language:
            out["xml:lang"] = term.language
        elif term.datatype.value not in (_XSD_STRING, _RDF_LANG_STRING):
            out["datatype"] = term.datatype.value
        return out
    return {
        "type": "triple",
        "value": {k: _json_term(getattr(term, k)) for k in ("subject", "predicate", "object")},
    }


def _json(result: Solutions) -> str:
    document = {
        "head": {"vars": list(result.variables)},
        "results": {
            "bindings": [
                {v: _json_term(t) for v, t in zip(result.variables, row) if t is not None}
                for row in result.rows
            ]
        },
    }
    return json.dumps(document, ensure_ascii=False, indent=1)


def _triples(triples: tuple[ox.Triple, ...]) -> str:
    return "".join(f"{line}\n" for line in sorted({f"{t} ." for t in triples}))


_SOLUTION_WRITERS: dict[str, Callable[[Solutions], str]] = {
    "table": _table,
    "csv": lambda r: _delimited(r, tsv=False),
    "tsv": lambda r: _delimited(r, tsv=True),
    "json": _json,
}


def render(result: QueryResult, fmt: str) -> str:
    """Text of ``result`` in format ``fmt`` (one of :data:`FORMATS`).

    ``ASK`` answers print as ``true``/``false`` (JSON: the boolean result
    document); ``CONSTRUCT``/``DESCRIBE`` graphs print as sorted N-Triples
    whatever the format.

    >>> render(False, "table")
    'false'
    """
    if fmt not in FORMATS:
        raise ValueError(f"unknown format {fmt!r}; choose from {', '.join(FORMATS)}")
    if isinstance(result, bool):
        if fmt == "json":
            return json.dumps({"head": {}, "boolean": result})
        return "true" if result else "false"
    if isinstance(result, Solutions):
        return _SOLUTION_WRITERS[fmt](result)
    return _triples(result)
