"""SHACL validation of built graphs against ``ontology/shapes.ttl``.

A build validates each article's triples where they are made (in the
extraction worker, :func:`validate_triples`), the build-level part once
(:func:`shared_part`: every entity's triples from all articles, and the
build), and merges the small reports (:func:`merge_reports`). Users validate
their own rdflib graphs with :func:`validate` and :func:`check`.

Engines: ``pyshacl-turbo`` (a Rust SHACL engine, chosen by
``bench/bench_validate.py``: it reports exactly what pySHACL reports on the
test cases, several times faster) when it is installed, else ``pyshacl``.
Neither infers anything: the builder states every type the shapes need.

Why per-article validation is enough: every shape reads one node's triples
and those of its neighbours, which an article states with the node (the
entities it names come with its triples), except where articles meet on a
shared entity. Those cross-article checks are the build-level part's:
``ycg:partOf`` chains (``ycgsh:PartOfAcyclic``), and the at-most-one
constraints on entity properties two articles could state differently
(``skos:prefLabel`` unique language, ``ycg:adminCode``, ``ycg:partOf``,
``ycg:divisionLevel``). ``ycgsh:BuildShape`` needs the build's
``prov:used`` links, which :func:`shared_part` adds. The class hierarchy of
``ontology/ycgraph.ttl`` is loaded neither for an article nor for the whole
graph (neither holds ``rdfs:subClassOf`` triples): the shapes ask for the
types the builder states (a development zone is typed ``ycg:Division`` too).

Past :data:`SAMPLE_BUDGET` articles a build may validate a deterministic
sample of them (:func:`sample_rate`, :func:`in_sample`); the shared part is
always validated whole, and the merged report names what was skipped.

Examples
--------
>>> from rdflib import Graph, Literal
>>> from rdflib.namespace import RDF, RDFS
>>> from ycgraph.vocabulary import YCG, YCR
>>> g = Graph()
>>> g.add((YCR["slogan/kai-tuo-jing-shen"], RDF.type, YCG.Slogan))
<Graph identifier=... (<class 'rdflib.graph.Graph'>)>
>>> report = validate(g)
>>> report.conforms
False
>>> print(report.violations[0].message)
needs at least one rdfs:label, every one tagged @zh
>>> g.add((YCR["slogan/kai-tuo-jing-shen"], RDFS.label, Literal("开拓精神", lang="zh")))
<Graph identifier=... (<class 'rdflib.graph.Graph'>)>
>>> validate(g).conforms
True

The same check on term tuples (N-Triples strings, as the builder makes them),
named after the article they come from:

>>> s = "<https://w3id.org/ycgraph/id/slogan/kai-tuo-jing-shen>"
>>> a = "<http://www.w3.org/1999/02/22-rdf-syntax-ns#type>"
>>> r = validate_triples([(s, a, "<https://w3id.org/ycgraph/ontology#Slogan>")], name="a.txt")
>>> r.conforms, r.checked, r.violations[0].source
(False, ('a.txt',), 'a.txt')
"""

from __future__ import annotations

import hashlib
import importlib.util
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Iterable, Iterator, NamedTuple, Protocol

from rdflib import Graph, Literal, URIRef
from rdflib.namespace import DCTERMS, FOAF, ORG, OWL, PROV, RDF, RDFS, SH, SKOS, TIME, XSD, NamespaceManager
from rdflib.term import Node

from ..errors import ValidationError, YcgraphError
from ..vocabulary import NIF, SCHEMA, YCG, YCR
from .resources import ontology_path

__all__ = [
    "DEFAULT_LIMIT", "ENGINES", "SAMPLE_BUDGET", "ValidationReport", "Validator", "Violation", "available_engines",
    "engine_failure",
    "validate_article",
    "check", "default_validator", "in_sample", "merge_reports", "sample_rate", "shared_part", "validate",
    "validate_triples",
]

Triple = tuple[str, str, str]  # N-Triples terms, as in ycgraph.rdf.terms

#: The engines :class:`Validator` knows, in order of preference for ``engine="auto"``.
ENGINES = ("pyshacl-turbo", "pyshacl")
#: How many results a report lists; the rest are counted in ``omitted``.
DEFAULT_LIMIT = 100
#: How many articles a build validates in full before it samples (see :func:`sample_rate`).
SAMPLE_BUDGET = 50

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
_RDF_TYPE = f"<{RDF.type}>"
_YCG_BUILD = f"<{YCG.Build}>"
_PROV_USED = f"<{PROV.used}>"


class Violation(NamedTuple):
    """One SHACL result: where, on which property, what is wrong, how bad, and in which graph."""

    focus: str  # the node that fails (IRI, literal or blank node label)
    path: str | None  # the property path, in prefixed form when possible
    message: str
    severity: str  # "Violation", "Warning" or "Info"
    source: str = ""  # the name of the graph it was found in (an article's file name, "shared", ...)


def _order(v: Violation) -> tuple:
    return (_SEVERITY_ORDER.get(v.severity, 9), v.focus, v.path or "", v.message, v.source)


@dataclass(frozen=True)
class ValidationReport:
    """The outcome of validating one graph, or of several merged (:func:`merge_reports`).

    Small and picklable: a worker returns it and the build caches it with
    the article.

    Attributes
    ----------
    conforms
        False when at least one result of severity ``Violation`` was found
        (listed or not); warnings and infos are listed but do not fail it.
    violations
        The results, most severe first, then by focus node, path, message and
        source; at most the validator's ``limit``.
    omitted
        How many results were found but not listed.
    checked
        The names of the graphs validated (one per article, and ``shared``).
    skipped
        The names of the graphs not validated (sampled out, no report cached):
        the build's output says so.
    engine
        The engine(s) that ran, ``+``-joined when merged reports differ.
    """

    conforms: bool
    violations: list[Violation]
    omitted: int = 0
    checked: tuple[str, ...] = ()
    skipped: tuple[str, ...] = ()
    engine: str = ""

    @property
    def text(self) -> str:
        """A readable summary: a head line, then one line per listed result."""
        counts = {sev: sum(v.severity == sev for v in self.violations) for sev in _SEVERITY_ORDER}
        head = "Conforms" if self.conforms else "Does not conform"
        parts = [f"{n} {sev.lower()}{'s' if n != 1 else ''}" for sev, n in counts.items() if n]
        if self.omitted:
            parts.append(f"{self.omitted} more not listed")
        lines = [f"{head}: {', '.join(parts) or 'no results'}"]
        if len(self.checked) > 1 or self.skipped:
            lines.append(f"  ({len(self.checked)} graphs checked, {len(self.skipped)} skipped)")
        many = len(self.checked) > 1
        for v in self.violations:
            where = f"{v.focus} {v.path}" if v.path else v.focus
            origin = f" (in {v.source})" if many and v.source else ""
            lines.append(f"  [{v.severity}] {where}: {v.message}{origin}")
        return "\n".join(lines)

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


def _violations(results: Graph, source: str) -> set[Violation]:
    """The results of a SHACL report graph (pySHACL's or pyshacl-turbo's, the same vocabulary)."""
    found: set[Violation] = set()
    for result in results.subjects(RDF.type, SH.ValidationResult):
        severity = results.value(result, SH.resultSeverity)
        messages = sorted(str(m) for m in results.objects(result, SH.resultMessage))
        value = results.value(result, SH.value)
        message = "; ".join(messages) or "constraint violated"
        if value is not None and str(value) not in message:
            message += f" (value: {_display(value)})"
        found.add(
            Violation(
                focus=_display(results.value(result, SH.focusNode)) or "?",
                path=_display(results.value(result, SH.resultPath)),
                message=message,
                severity=str(severity).rsplit("#", 1)[-1] if severity is not None else "Violation",
                source=source,
            )
        )
    return found


def _report(found: Iterable[Violation], *, omitted: int = 0, checked: tuple[str, ...], skipped: tuple[str, ...] = (),
            engine: str, limit: int, conforms: bool | None = None) -> ValidationReport:
    ordered = sorted(found, key=_order)
    if conforms is None:
        conforms = not any(v.severity == "Violation" for v in ordered)
    listed = ordered[:limit]
    return ValidationReport(conforms, listed, omitted + len(ordered) - len(listed), checked, skipped, engine)


class _Engine(Protocol):
    name: str

    def graph(self, graph: Graph) -> Graph: ...

    def ntriples(self, text: str) -> Graph: ...

    def turtle(self, text: str) -> Graph: ...


class _PySHACL:
    """pySHACL: pure Python, over rdflib graphs."""

    name = "pyshacl"

    def __init__(self, shapes: Graph) -> None:
        self._shapes = shapes

    def graph(self, graph: Graph) -> Graph:
        from pyshacl import validate as pyshacl_validate
        from pyshacl.errors import ReportableRuntimeError

        try:
            _, results, _ = pyshacl_validate(
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
        return results

    def ntriples(self, text: str, fmt: str = "nt") -> Graph:
        g = Graph()
        g.parse(data=text, format=fmt)
        return self.graph(g)

    def turtle(self, text: str) -> Graph:
        return self.ntriples(text, "turtle")


class _Turbo:
    """pyshacl-turbo: shapes compiled once, validation in Rust; N-Triples text goes in without rdflib."""

    name = "pyshacl-turbo"

    def __init__(self, shapes: Graph) -> None:
        import pyshacl_turbo

        self._mod = pyshacl_turbo
        try:
            self._program = pyshacl_turbo.compile_shapes(shapes, advanced=True)
        except Exception as exc:  # the engine's own error types vary by release
            raise YcgraphError(f"SHACL shapes cannot be used: {exc}") from exc
        # Input is how the package passes data it has parsed itself; without it, text goes through rdflib.
        self._input = getattr(pyshacl_turbo, "Input", None)

    def _run(self, data, fmt: str | None = None) -> Graph:
        try:
            _, results, _ = self._program.validate(data, data_graph_format=fmt, allow_infos=True, allow_warnings=True)
        except Exception as exc:
            raise YcgraphError(f"SHACL validation failed to run: {exc}") from exc
        return results

    def graph(self, graph: Graph) -> Graph:
        return self._run(graph)

    def ntriples(self, text: str, fmt: str = "nt") -> Graph:
        if self._input is not None:
            try:
                return self._run(self._input(text, fmt, None, {}))
            except TypeError:  # a release whose Input differs
                self._input = None
        return self._run(text, fmt)

    def turtle(self, text: str) -> Graph:
        return self.ntriples(text, "turtle")


def available_engines() -> tuple[str, ...]:
    """The engines of :data:`ENGINES` that are installed, in order of preference.

    >>> "pyshacl" in available_engines()
    True
    """
    modules = {"pyshacl-turbo": "pyshacl_turbo", "pyshacl": "pyshacl"}
    return tuple(e for e in ENGINES if _installed(modules[e]))


def _installed(module: str) -> bool:
    try:
        return importlib.util.find_spec(module) is not None
    except (ImportError, ValueError):  # ValueError: blocked in sys.modules
        return False


class Validator:
    """Validates data graphs against one shapes graph, prepared once.

    Parameters
    ----------
    shapes
        A shapes graph, or the path of a Turtle file holding one. The graph
        is not modified.
    engine
        ``"pyshacl-turbo"``, ``"pyshacl"`` or ``"auto"``: the first of
        :data:`ENGINES` that is installed and accepts the shapes (pySHACL is
        the fallback).
    limit
        How many results a report lists at most (the rest are counted).

    Examples
    --------
    >>> v = Validator(ontology_path("shapes.ttl"), engine="pyshacl")
    >>> v.engine
    'pyshacl'
    >>> v.validate(Graph()).conforms
    True
    """

    def __init__(self, shapes: Graph | Path, *, engine: str = "auto", limit: int = DEFAULT_LIMIT) -> None:
        self._shapes = Graph()
        if isinstance(shapes, Graph):
            self._shapes += shapes  # a copy: pySHACL adds a few RDFS axioms to the graph it is given
        else:
            self._shapes.parse(shapes, format="turtle")
        self.limit = limit
        self._engine = self._make_engine(engine)

    def _make_engine(self, engine: str) -> _Engine:
        makers = {"pyshacl-turbo": _Turbo, "pyshacl": _PySHACL}
        if engine != "auto":
            if engine not in makers:
                raise YcgraphError(f"unknown SHACL engine {engine!r}: one of {', '.join(ENGINES)} or auto")
            if engine not in available_engines():
                raise YcgraphError(f"SHACL engine {engine!r} is not installed")
            return makers[engine](self._shapes)
        for name in available_engines():
            try:
                return makers[name](self._shapes)
            except (YcgraphError, ImportError):  # e.g. shapes pyshacl-turbo cannot compile: pySHACL tries
                if name == ENGINES[-1]:
                    raise
        raise YcgraphError("no SHACL engine installed (pip install pyshacl)")

    @property
    def engine(self) -> str:
        """The name of the engine in use."""
        return self._engine.name

    def validate(self, graph: Graph, *, name: str = "graph") -> ValidationReport:
        """Validate ``graph`` (not modified) and collect its results, sorted."""
        found = _violations(self._engine.graph(graph), name)
        return _report(found, checked=(name,), engine=self.engine, limit=self.limit)

    def validate_triples(self, triples: Iterable[Triple], *, name: str) -> ValidationReport:
        """Validate term tuples (N-Triples strings; duplicates are harmless), e.g. one article's.

        ``name`` (the article's source file, say) is the report's ``checked``
        entry and every violation's ``source``.
        """
        text = "".join(f"{s} {p} {o} .\n" for s, p, o in triples)
        found = _violations(self._engine.ntriples(text), name)
        return _report(found, checked=(name,), engine=self.engine, limit=self.limit)

    def validate_article(self, triples, *, name: str) -> ValidationReport:
        """Validate one article's :class:`ycgraph.rdf.graph.ArticleTriples` as the builder made them.

        Its shared triples (N-Triples lines) and its own Turtle statements go to
        the engine as one Turtle document, so the worker that made them checks
        them without turning them into term tuples first.
        """
        from .graph import OWN_HEADER
        from .terms import to_ntriples

        text = OWN_HEADER.decode("utf-8") + to_ntriples(triples.shared) + triples.own_turtle.decode("utf-8")
        found = _violations(self._engine.turtle(text), name)
        return _report(found, checked=(name,), engine=self.engine, limit=self.limit)

    def check(self, graph: Graph, *, name: str = "graph") -> ValidationReport:
        """Validate ``graph``; raise :class:`ValidationError` if it does not conform.

        The error message names ``name`` and lists every violation, one per
        line (focus node, path, message).
        """
        report = self.validate(graph, name=name)
        if not report.conforms:
            raise ValidationError(f"{name} does not conform to the ycgraph SHACL shapes:\n{report.text}")
        return report


def merge_reports(reports: Iterable[ValidationReport], *, skipped: Iterable[str] = (),
                  limit: int = DEFAULT_LIMIT) -> ValidationReport:
    """One report of many (the articles' and the shared part's).

    It conforms when every report does. A result found in several graphs
    (a shared entity's, reported by each article naming it) is listed once,
    with the first source in sort order. ``omitted`` adds up what each report
    left out and what this one leaves out past ``limit``; results an
    article's own limit dropped are counted once per article. ``skipped``
    names graphs not validated at all, besides those the reports name.

    Examples
    --------
    >>> a = ValidationReport(True, [], checked=("a.txt",), engine="pyshacl")
    >>> v = Violation("ycr:target/x", "ycg:value", "a target needs exactly one ycg:value", "Violation", "b.txt")
    >>> b = ValidationReport(False, [v], omitted=2, checked=("b.txt",), engine="pyshacl")
    >>> m = merge_reports([a, b], skipped=["c.txt"])
    >>> m.conforms, m.checked, m.skipped, m.omitted
    (False, ('a.txt', 'b.txt'), ('c.txt',), 2)
    >>> print(m.text)
    Does not conform: 1 violation, 2 more not listed
      (2 graphs checked, 1 skipped)
      [Violation] ycr:target/x ycg:value: a target needs exactly one ycg:value (in b.txt)
    """
    reports = list(reports)
    first: dict[tuple, Violation] = {}
    for r in reports:
        for v in r.violations:
            key = v[:4]
            if key not in first or v.source < first[key].source:
                first[key] = v
    checked = tuple(dict.fromkeys(name for r in reports for name in r.checked))
    skipped = tuple(dict.fromkeys([*(name for r in reports for name in r.skipped), *skipped]))
    engine = "+".join(sorted({r.engine for r in reports if r.engine}))
    return _report(first.values(), omitted=sum(r.omitted for r in reports), checked=checked, skipped=skipped,
                   engine=engine, limit=limit, conforms=all(r.conforms for r in reports))


def shared_part(articles: Iterable) -> Iterator[Triple]:
    """The build-level triples to validate once: every article's ``shared`` triples but relation edges, and the
    build's links.

    ``articles`` are :class:`ycgraph.rdf.graph.ArticleTriples` (anything with
    ``article``, the article's IRI, and ``shared``, its entity-describing term
    tuples). Each distinct shared triple is yielded once; for each build
    activity among them (``a ycg:Build``), a ``prov:used`` link to every
    article, without which ``ycgsh:BuildShape`` would fail.

    Examples
    --------
    >>> from types import SimpleNamespace as A
    >>> d = "<https://w3id.org/ycgraph/id/division/420581>"
    >>> b = "<https://w3id.org/ycgraph/id/build/1>"
    >>> t = [(b, _RDF_TYPE, _YCG_BUILD), (d, "<urn:p>", '"x"')]
    >>> for triple in shared_part([A(article="urn:a1", shared=t), A(article="urn:a2", shared=t[:1])]):
    ...     print(*triple)
    <https://w3id.org/ycgraph/id/build/1> <http://www.w3.org/1999/02/22-rdf-syntax-ns#type> <https://w3id.org/ycgraph/ontology#Build>
    <https://w3id.org/ycgraph/id/division/420581> <urn:p> "x"
    <https://w3id.org/ycgraph/id/build/1> <http://www.w3.org/ns/prov#used> <urn:a1>
    <https://w3id.org/ycgraph/id/build/1> <http://www.w3.org/ns/prov#used> <urn:a2>
    """
    from ..vocabulary import RelationType

    # A relation edge is the same in every article stating it (so it is shared), but its evidence, the
    # rdf:Statement, is the article's own: edges are checked with their statements, in each article's graph.
    edges = {f"<{r.iri}>" for r in RelationType}
    seen: set[Triple] = set()
    builds: dict[str, None] = {}
    used: dict[str, None] = {}
    for at in articles:
        for t in at.shared:
            if t[1] in edges:
                continue
            if t not in seen:
                seen.add(t)
                if t[1] == _RDF_TYPE and t[2] == _YCG_BUILD:
                    builds[t[0]] = None
                yield t
        used[at.article] = None
    for build in builds:
        for article in used:
            yield (build, _PROV_USED, f"<{article}>")


def sample_rate(articles: int, budget: int = SAMPLE_BUDGET) -> float:
    """The share of a build's articles to validate: all of them up to ``budget``, then about ``budget`` in all.

    Validating an article costs several times its extraction (``bench/bench_validate.py``: 0.13 s
    with pyshacl-turbo against 0.023 s, CPU, per generated article); past ``budget`` articles a
    build checks a deterministic sample of them (:func:`in_sample`) and
    names the others in its report's ``skipped``. The shared part, every entity of every article,
    is always validated in full.

    >>> sample_rate(50), sample_rate(1000), sample_rate(10000)
    (1.0, 0.05, 0.005)
    """
    return 1.0 if articles <= budget else budget / articles


def in_sample(key: str, rate: float) -> bool:
    """Whether ``key`` (an article's IRI) is in a deterministic sample of about ``rate`` of all keys.

    The same key is in or out in every build and on every worker, and a sample at a lower rate is
    part of the sample at a higher one: as a corpus grows, the articles still sampled are among
    those validated before (their cached reports serve).

    >>> in_sample("https://w3id.org/ycgraph/id/article/0123456789abcdef", 1.0), in_sample("x", 0.0)
    (True, False)
    >>> sum(in_sample(f"article/{i}", 0.1) for i in range(10000))
    1024
    """
    if rate >= 1.0:
        return True
    digest = hashlib.blake2b(key.encode("utf-8"), digest_size=8).digest()
    return int.from_bytes(digest, "big") < rate * 2**64


@lru_cache(maxsize=1)
def default_validator() -> Validator:
    """The validator for ``ontology/shapes.ttl``, built on first use (once per process)."""
    return Validator(ontology_path("shapes.ttl"))


def validate(graph: Graph, *, name: str = "graph") -> ValidationReport:
    """Validate an rdflib ``graph`` against the published shapes (see :class:`Validator`)."""
    return default_validator().validate(graph, name=name)


def engine_failure(name: str, focus: str, exc: BaseException) -> ValidationReport:
    """The report of a graph the engine failed on (a bug): it is not known to conform, and the report says why.

    ``focus`` is the graph's node to name (an article's IRI, bare or in angle brackets).

    >>> r = engine_failure("a.txt", "<https://w3id.org/ycgraph/id/article/0f>", ValueError("stack overflow"))
    >>> r.conforms, r.checked
    (False, ('a.txt',))
    >>> print(r.violations[0].focus, r.violations[0].message)
    ycr:article/0f not validated: the SHACL engine failed on this graph (ValueError: stack overflow) — please report
    """
    detail = " ".join(str(exc).split())[:200]
    what = f"{type(exc).__name__}: {detail}" if detail else type(exc).__name__
    message = f"not validated: the SHACL engine failed on this graph ({what}) — please report"
    return ValidationReport(False, [Violation(_display(URIRef(focus.strip("<>"))) or focus, None, message,
                                              "Violation", name)], checked=(name,))


def validate_triples(triples: Iterable[Triple], *, name: str) -> ValidationReport:
    """Validate term tuples against the published shapes: one article's (in the worker), or :func:`shared_part`.

    See :meth:`Validator.validate_triples`.
    """
    return default_validator().validate_triples(triples, name=name)


def validate_article(triples, *, name: str) -> ValidationReport:
    """Validate one article's triples in the worker that made them (see :meth:`Validator.validate_article`)."""
    return default_validator().validate_article(triples, name=name)


def check(graph: Graph, *, name: str = "graph") -> ValidationReport:
    """Validate ``graph``; raise :class:`ycgraph.errors.ValidationError` if it does not conform.

    Examples
    --------
    >>> from rdflib import Graph
    >>> from rdflib.namespace import RDF
    >>> from ycgraph.vocabulary import YCG, YCR
    >>> g = Graph().add((YCR["target/x"], RDF.type, YCG.Target))
    >>> check(g, name="out/graph.ttl")
    Traceback (most recent call last):
    ...
    ycgraph.errors.ValidationError: out/graph.ttl does not conform to the ycgraph SHACL shapes:
    Does not conform: 5 violations
    ...
    """
    return default_validator().check(graph, name=name)
