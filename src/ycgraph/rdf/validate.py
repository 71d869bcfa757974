"""SHACL validation of built graphs against ``ontology/shapes.ttl`` (pySHACL).

:class:`Validator` parses its shapes graph once and validates any number of
data graphs with it (no inference: the builder states every type it needs).
:func:`validate` and :func:`check` use one shared validator built on first
use from the published shapes.

Examples
--------
>>> from rdflib import Graph, Literal
>>> from rdflib.namespace import RDF, RDFS
>>> from ycgraph.rdf.namespaces import YCG, YCR
>>> g = Graph()
>>> g.add((YCR["slogan/ban-fang-jing-shen"], RDF.type, YCG.Slogan))
<Graph identifier=... (<class 'rdflib.graph.Graph'>)>
>>> report = validate(g)
>>> report.conforms
False
>>> print(report.violations[0].message)
needs at least one rdfs:label, every one tagged @zh
>>> g.add((YCR["slogan/ban-fang-jing-shen"], RDFS.label, Literal("板房精神", lang="zh")))
<Graph identifier=... (<class 'rdflib.graph.Graph'>)>
>>> validate(g).conforms
True
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import NamedTuple

from pyshacl import validate as _pyshacl_validate
from pyshacl.errors import ReportableRuntimeError
from rdflib import Graph, Literal, URIRef
from rdflib.namespace import DCTERMS, FOAF, ORG, OWL, PROV, RDF, RDFS, SH, SKOS, TIME, XSD, NamespaceManager
from rdflib.term import Node

from ..errors import ValidationError, YcgraphError
from .namespaces import NIF, SCHEMA, YCG, YCR
from .resources import ontology_path

__all__ = ["ValidationReport", "Validator", "Violation", "check", "default_validator", "validate"]

_SEVERITY_ORDER = {"Violation": 0, "Warning": 1, "Info": 2}
_DISPLAY_PREFIXES = tuple(
    sorted(
        {
            "ycg": str(YCG._NS), "ycr": str(YCR), "nif": str(NIF), "schema": str(SCHEMA), "rdf": str(RDF),
            "rdfs": str(RDFS), "xsd": str(XSD), "skos": str(SKOS), "dcterms": str(DCTERMS), "foaf": str(FOAF),
            "prov": str(PROV), "org": str(ORG), "time": str(TIME), "owl": str(OWL),
        }.items(),
        key=lambda item: (-len(item[1]), item[0]),
    )
)
_DISPLAY_NM = NamespaceManager(Graph(), bind_namespaces="none")
for _prefix, _ns in _DISPLAY_PREFIXES:
    _DISPLAY_NM.bind(_prefix, _ns)


class Violation(NamedTuple):
    """One SHACL result: where, on which property, what is wrong, how bad."""

    focus: str  # the node that fails (IRI, literal or blank node label)
    path: str | None  # the property path, in prefixed form when possible
    message: str
    severity: str  # "Violation", "Warning" or "Info"


@dataclass(frozen=True)
class ValidationReport:
    """The outcome of validating one graph.

    ``conforms`` is False when there is at least one result of severity
    ``Violation``; warnings and infos are listed but do not fail it.
    """

    conforms: bool
    violations: list[Violation]
    text: str

    def __str__(self) -> str:
        return self.text


def _display(node: Node | None) -> str | None:
    """A node as a reader wants it in a message: ``ycr:division/420581``, ``"4205"``."""
    if node is None:
        return None
    if isinstance(node, URIRef):
        for prefix, ns in _DISPLAY_PREFIXES:
            if node.startswith(ns) and len(node) > len(ns):
                return f"{prefix}:{node[len(ns):]}"
        return f"<{node}>"
    if isinstance(node, Literal):
        return node.n3(_DISPLAY_NM)
    return str(node)


def _summary(conforms: bool, violations: list[Violation]) -> str:
    counts = {sev: sum(v.severity == sev for v in violations) for sev in _SEVERITY_ORDER}
    head = "Conforms" if conforms else "Does not conform"
    parts = [f"{n} {sev.lower()}{'s' if n != 1 else ''}" for sev, n in counts.items() if n]
    lines = [f"{head}: {', '.join(parts) or 'no results'}"]
    for v in violations:
        where = f"{v.focus} {v.path}" if v.path else v.focus
        lines.append(f"  [{v.severity}] {where}: {v.message}")
    return "\n".join(lines)


class Validator:
    """Validates data graphs against one shapes graph, parsed once.

    Parameters
    ----------
    shapes
        A shapes graph, or the path of a Turtle file holding one. The graph
        is not modified.
    """

    def __init__(self, shapes: Graph | Path) -> None:
        self._shapes = Graph()
        if isinstance(shapes, Graph):
            self._shapes += shapes  # a copy: pySHACL adds a few RDFS axioms to the graph it is given
        else:
            self._shapes.parse(shapes, format="turtle")

    def validate(self, graph: Graph) -> ValidationReport:
        """Validate ``graph`` (not modified) and collect every result, sorted."""
        try:
            _, results, _ = _pyshacl_validate(
                graph,
                shacl_graph=self._shapes,
                inference="none",
                abort_on_first=False,
                allow_infos=True,
                allow_warnings=True,
                advanced=True,  # SHACL-AF: SPARQL targets (whole-graph checks in shapes.ttl)
                meta_shacl=False,
                inplace=True,  # no inference: pySHACL only reads the data graph
            )
        except ReportableRuntimeError as exc:
            raise YcgraphError(f"SHACL validation failed to run: {exc}") from exc
        if not isinstance(results, Graph):  # pySHACL reports broken shapes this way
            raise YcgraphError(f"SHACL shapes cannot be used: {results}")
        violations: set[Violation] = set()
        for result in results.subjects(RDF.type, SH.ValidationResult):
            severity = results.value(result, SH.resultSeverity)
            messages = sorted(str(m) for m in results.objects(result, SH.resultMessage))
            value = results.value(result, SH.value)
            message = "; ".join(messages) or "constraint violated"
            if value is not None and str(value) not in message:
                message += f" (value: {_display(value)})"
            violations.add(
                Violation(
                    focus=_display(results.value(result, SH.focusNode)) or "?",
                    path=_display(results.value(result, SH.resultPath)),
                    message=message,
                    severity=str(severity).rsplit("#", 1)[-1] if severity is not None else "Violation",
                )
            )
        ordered = sorted(violations, key=lambda v: (_SEVERITY_ORDER.get(v.severity, 9), v.focus, v.path or "", v.message))
        conforms = not any(v.severity == "Violation" for v in ordered)
        return ValidationReport(conforms, ordered, _summary(conforms, ordered))

    def check(self, graph: Graph, *, name: str = "graph") -> ValidationReport:
        """Validate ``graph``; raise :class:`ValidationError` if it does not conform.

        The error message names ``name`` and lists every violation, one per
        line (focus node, path, message).
        """
        report = self.validate(graph)
        if not report.conforms:
            raise ValidationError(f"{name} does not conform to the ycgraph SHACL shapes:\n{report.text}")
        return report


@lru_cache(maxsize=1)
def default_validator() -> Validator:
    """The validator for ``ontology/shapes.ttl``, built on first use."""
    return Validator(ontology_path("shapes.ttl"))


def validate(graph: Graph) -> ValidationReport:
    """Validate ``graph`` against the published shapes (see :class:`Validator`)."""
    return default_validator().validate(graph)


def check(graph: Graph, *, name: str = "graph") -> ValidationReport:
    """Validate ``graph``; raise :class:`ycgraph.errors.ValidationError` if it does not conform.

    Examples
    --------
    >>> from rdflib import Graph
    >>> from rdflib.namespace import RDF
    >>> from ycgraph.rdf.namespaces import YCG, YCR
    >>> g = Graph().add((YCR["target/x"], RDF.type, YCG.Target))
    >>> check(g, name="out/graph.ttl")
    Traceback (most recent call last):
    ...
    ycgraph.errors.ValidationError: out/graph.ttl does not conform to the ycgraph SHACL shapes:
    Does not conform: 5 violations
    ...
    """
    return default_validator().check(graph, name=name)
