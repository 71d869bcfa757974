"""RDF graph → :class:`networkx.MultiDiGraph` for analysis and views.

Reads only the RDF the builder emits (never the article files): one node per
entity (official, division, enterprise, project, slogan, target) and one edge
per relation triple, each carrying the sentences it was found in. Sentences
are cut from the article's ``nif:isString`` around the mention offsets, so the
view can show evidence without re-reading any input file.

Node and edge order is deterministic: nodes sorted by kind then IRI, edges by
source, relation, target.

>>> from rdflib import Graph, Literal, URIRef
>>> from rdflib.namespace import RDF, RDFS
>>> from ycgraph.rdf.namespaces import YCG, YCR
>>> g = Graph()
>>> off, div = YCR["official/x"], YCR["division/420581"]
>>> _ = g.add((off, RDF.type, YCG.Official)).add((off, RDFS.label, Literal("夏明海", lang="zh")))
>>> _ = g.add((div, RDF.type, YCG.Division)).add((div, RDFS.label, Literal("宜都市", lang="zh")))
>>> _ = g.add((off, YCG.leads, div))
>>> G = to_networkx(g)
>>> [G.nodes[n]["label"] for n in G]
['宜都市', '夏明海']
>>> [(G.nodes[u]["label"], d["relation"], G.nodes[v]["label"]) for u, v, d in G.edges(data=True)]
[('夏明海', 'leads', '宜都市')]
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable

import networkx as nx
from rdflib import Graph, Literal, URIRef
from rdflib.namespace import PROV, RDF, RDFS, SKOS
from rdflib.term import Node

from .rdf.namespaces import NIF, YCG

__all__ = [
    "KINDS",
    "RELATIONS",
    "enclosing_sentence",
    "entity_kind",
    "to_networkx",
]

#: Entity kinds in display order, keyed by their ``ycg:`` class.
KINDS: tuple[str, ...] = ("Division", "Official", "Enterprise", "Project", "Slogan", "Target")

#: Relations that become edges, in display order.
RELATIONS: tuple[str, ...] = (
    "leads",
    "partOf",
    "mentions",
    "plans",
    "promotes",
    "setsTarget",
    "involves",
)

_SENTENCE_ENDS = "。！？!?；\n"


def enclosing_sentence(text: str, begin: int, end: int) -> str:
    """Return the sentence of ``text`` that contains the span ``[begin, end)``.

    Sentences end at ``。！？!?；`` (kept) or a newline (dropped); surrounding
    whitespace is stripped. A span that itself ends with a sentence mark
    (a sentence node) yields that sentence.

    Parameters
    ----------
    text : str
        The article text (``nif:isString``).
    begin, end : int
        Python string offsets, end exclusive.

    Returns
    -------
    str
        The sentence, or ``""`` when the offsets fall outside ``text``.

    Examples
    --------
    >>> t = "第一句。甲公司在这里！\\n第三句"
    >>> enclosing_sentence(t, 4, 7)
    '甲公司在这里！'
    >>> enclosing_sentence(t, 4, 11)
    '甲公司在这里！'
    >>> enclosing_sentence(t, 13, 15)
    '第三句'
    >>> enclosing_sentence(t, 40, 42)
    ''
    """
    if not 0 <= begin <= end <= len(text) or begin == len(text):
        return ""
    start = max(text.rfind(mark, 0, begin) for mark in _SENTENCE_ENDS) + 1
    probe = max(begin, end - 1)
    stops = [i for i in (text.find(mark, probe) for mark in _SENTENCE_ENDS) if i >= 0]
    stop = min(stops) + 1 if stops else len(text)
    return text[start:stop].strip()


def entity_kind(graph: Graph, node: Node) -> str | None:
    """Return the entity kind (one of :data:`KINDS`) of ``node``, or ``None``.

    Examples
    --------
    >>> from rdflib import Graph, URIRef
    >>> from rdflib.namespace import RDF
    >>> g = Graph()
    >>> zone = URIRef("https://w3id.org/ycgraph/id/division/zone-x")
    >>> _ = g.add((zone, RDF.type, YCG.DevelopmentZone)).add((zone, RDF.type, YCG.Division))
    >>> entity_kind(g, zone)
    'Division'
    >>> entity_kind(g, URIRef("https://example.org/nothing")) is None
    True
    """
    types = set(graph.objects(node, RDF.type))
    for kind in KINDS:
        if YCG[kind] in types:
            return kind
    return None


def _texts(graph: Graph, subject: Node, *predicates: URIRef) -> list[str]:
    """All literal values of ``predicates`` on ``subject``, deduplicated, in predicate order."""
    seen: dict[str, None] = {}
    for predicate in predicates:
        for value in sorted(str(o) for o in graph.objects(subject, predicate) if isinstance(o, Literal)):
            seen.setdefault(value, None)
    return list(seen)


def _first(graph: Graph, subject: Node, predicate: URIRef) -> str:
    values = sorted(str(o) for o in graph.objects(subject, predicate))
    return values[0] if values else ""


def _offset(graph: Graph, node: Node, predicate: URIRef) -> int | None:
    value = graph.value(node, predicate)
    try:
        return int(value) if value is not None else None
    except (TypeError, ValueError):
        return None


class _Evidence:
    """Sentences of span nodes (mentions or sentence nodes), cached per article."""

    def __init__(self, graph: Graph) -> None:
        self._graph = graph
        self._texts: dict[Node, str] = {}

    def sentence(self, span: Node) -> str:
        graph = self._graph
        context = graph.value(span, NIF.referenceContext)
        begin = _offset(graph, span, NIF.beginIndex)
        end = _offset(graph, span, NIF.endIndex)
        if context is None or begin is None or end is None:
            return ""
        if context not in self._texts:
            self._texts[context] = str(graph.value(context, NIF.isString) or "")
        return enclosing_sentence(self._texts[context], begin, end)

    def sentences(self, spans: Iterable[Node]) -> tuple[str, ...]:
        return tuple(sorted({s for s in map(self.sentence, spans) if s}))


def _node_attributes(graph: Graph, node: URIRef, kind: str, evidence: _Evidence) -> dict[str, object]:
    names = _texts(graph, node, SKOS.prefLabel, RDFS.label, SKOS.altLabel)
    label = (_texts(graph, node, SKOS.prefLabel) or _texts(graph, node, RDFS.label) or [str(node)])[0]
    attrs: dict[str, object] = {
        "kind": kind,
        "label": label,
        "names": tuple(names) or (label,),
        "evidence": evidence.sentences(graph.subjects(YCG.denotes, node)),
    }
    if kind == "Division":
        attrs["admin_code"] = _first(graph, node, YCG.adminCode)
        attrs["level"] = _first(graph, node, YCG.divisionLevel)
    elif kind == "Official":
        attrs["posts"] = tuple(_texts(graph, node, YCG.position))
    elif kind == "Target":
        attrs["indicator"] = _first(graph, node, YCG.indicator)
        attrs["value"] = _first(graph, node, YCG.value)
        attrs["unit"] = _first(graph, node, YCG.unit)
        comparator = graph.value(node, YCG.comparator)
        attrs["comparator"] = str(comparator).rsplit("#", 1)[-1] if comparator is not None else ""
    return attrs


def _statement_evidence(graph: Graph, evidence: _Evidence) -> dict[tuple[Node, str, Node], tuple[str, ...]]:
    """Evidence sentences per (subject, relation, object) from reified ``rdf:Statement`` nodes."""
    spans: dict[tuple[Node, str, Node], list[Node]] = defaultdict(list)
    for statement in graph.subjects(RDF.type, RDF.Statement):
        subject = graph.value(statement, RDF.subject)
        predicate = graph.value(statement, RDF.predicate)
        obj = graph.value(statement, RDF.object)
        if subject is None or predicate is None or obj is None:
            continue
        relation = str(predicate).rsplit("#", 1)[-1]
        spans[(subject, relation, obj)].extend(graph.objects(statement, PROV.wasDerivedFrom))
    return {key: evidence.sentences(nodes) for key, nodes in spans.items()}


def to_networkx(graph: Graph) -> nx.MultiDiGraph:
    """Convert a ycgraph RDF graph into a :class:`networkx.MultiDiGraph`.

    Parameters
    ----------
    graph : rdflib.Graph
        A graph in the shape the builder emits (extraction contract terms,
        NIF mentions, ``rdf:Statement`` provenance).

    Returns
    -------
    networkx.MultiDiGraph
        Nodes are entity IRIs (str) with attributes ``kind``, ``label``,
        ``names`` (tuple), ``evidence`` (tuple of sentences) and by kind
        ``admin_code``/``level`` (Division), ``posts`` (Official),
        ``indicator``/``value``/``unit``/``comparator`` (Target). Edges are
        keyed by relation name and carry ``relation`` and ``evidence``.

    Examples
    --------
    >>> from rdflib import Graph, Literal, URIRef
    >>> from rdflib.namespace import RDF, RDFS
    >>> from ycgraph.rdf.namespaces import YCG, YCR, NIF
    >>> g = Graph()
    >>> art, div, ent = YCR["article/a"], YCR["division/1"], YCR["enterprise/e"]
    >>> _ = g.add((art, NIF.isString, Literal("开头。甲市支持乙公司扩产。结尾")))
    >>> for node, kind, name in [(div, YCG.Division, "甲市"), (ent, YCG.Enterprise, "乙公司")]:
    ...     _ = g.add((node, RDF.type, kind)).add((node, RDFS.label, Literal(name, lang="zh")))
    >>> m = YCR["mention/a/7-10-enterprise"]
    >>> for p, o in [(NIF.referenceContext, art), (NIF.beginIndex, Literal(7)),
    ...              (NIF.endIndex, Literal(10)), (YCG.denotes, ent)]:
    ...     _ = g.add((m, p, o))
    >>> _ = g.add((div, YCG.mentions, ent))
    >>> s = YCR["statement/1"]
    >>> for p, o in [(RDF.type, RDF.Statement), (RDF.subject, div), (RDF.predicate, YCG.mentions),
    ...              (RDF.object, ent), (PROV.wasDerivedFrom, m)]:
    ...     _ = g.add((s, p, o))
    >>> G = to_networkx(g)
    >>> G.nodes[str(ent)]["evidence"]
    ('甲市支持乙公司扩产。',)
    >>> G.edges[str(div), str(ent), "mentions"]["evidence"]
    ('甲市支持乙公司扩产。',)
    """
    evidence = _Evidence(graph)
    kinds: dict[URIRef, str] = {}
    for kind in KINDS:
        for node in graph.subjects(RDF.type, YCG[kind]):
            if isinstance(node, URIRef) and node not in kinds:
                kinds[node] = entity_kind(graph, node) or kind
    order = {kind: i for i, kind in enumerate(KINDS)}
    result = nx.MultiDiGraph()
    for node in sorted(kinds, key=lambda n: (order[kinds[n]], str(n))):
        result.add_node(str(node), **_node_attributes(graph, node, kinds[node], evidence))

    statements = _statement_evidence(graph, evidence)
    edges = []
    for relation in RELATIONS:
        for subject, obj in graph.subject_objects(YCG[relation]):
            if subject in kinds and obj in kinds:
                edges.append((str(subject), relation, str(obj), statements.get((subject, relation, obj), ())))
    for source, relation, target, sentences in sorted(edges):
        result.add_edge(source, target, key=relation, relation=relation, evidence=sentences)
    return result
