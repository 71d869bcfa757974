"""Push a build to a shared triple store, one named graph per article.

Each article's graph is sent with the SPARQL 1.1 Graph Store HTTP Protocol
as ``PUT ENDPOINT?graph=<article IRI>`` (sorted N-Triples, labelled
``text/turtle``). ``PUT`` replaces the graph, so pushing twice changes
nothing and re-pushing a rebuilt article replaces that article's graph and
no other. The article IRI is the hash of its text: an article whose text
changed is a new article with a new graph, and the old graph stays until
it is dropped (``curl -X DELETE 'ENDPOINT?graph=OLD_IRI'``).

Where the graphs come from
--------------------------
If the build has ``graph.trig`` (or ``graph.nq``), its named graphs are sent
as they are. Otherwise :func:`split_by_article` cuts ``graph.ttl`` up:
an article's graph holds

1. the *parts* of the article: the article node, the nodes whose
   ``nif:referenceContext`` is the article (mentions, sections, sentences)
   and the nodes ``prov:wasDerivedFrom`` the article or one of those
   (``rdf:Statement`` nodes, ``org:Membership`` nodes ...);
2. everything reachable from the parts by following links to other
   resources (what mentions ``ycg:denotes``, what statements have as
   ``rdf:subject``/``rdf:object``, a membership's role and interval, the
   article's contributors, each division's ``ycg:partOf`` ancestors ...),
   not following ``rdf:type``, ``rdf:predicate``, the ontology's own terms,
   other articles, relation edges, or nodes that belong to another article
   (their ``nif:referenceContext``/``prov:wasDerivedFrom`` point elsewhere);
3. every triple about those nodes, except a relation edge between entities
   (``ycg:leads``, ``mentions``, ``plans``, ``promotes``, ``setsTarget``,
   ``involves``) that none of the article's statements states, and
   ``prov:wasDerivedFrom``/``nif:referenceContext`` links to another
   article's parts, so another article's claims never leak in.

Triples in no article's graph (the ``prov:Activity`` of the build, say)
are not pushed.
"""

from __future__ import annotations

import json

from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable, Iterable
from urllib.parse import quote, urlsplit

import pyoxigraph as ox
import requests

from ..errors import YcgraphError
from .engine import PREFIXES, find_data_file, load_data

__all__ = [
    "PushError",
    "AuthError",
    "UnreachableError",
    "ArticleGraph",
    "PushReport",
    "article_graphs",
    "split_by_article",
    "graph_url",
    "push_graphs",
]

_RDF = "http://www.w3.org/1999/02/22-rdf-syntax-ns#"
_YCG = PREFIXES["ycg"]
_NIF = PREFIXES["nif"]
_PROV = PREFIXES["prov"]
_DCT = PREFIXES["dcterms"]
_NOT_FOLLOWED = frozenset((_RDF + "type", _RDF + "predicate", _PROV + "wasDerivedFrom", _NIF + "referenceContext"))
RELATIONS = frozenset(_YCG + p for p in ("leads", "mentions", "plans", "promotes", "setsTarget", "involves"))


class PushError(YcgraphError):
    """Some graphs could not be pushed (the message says which landed)."""


class AuthError(PushError):
    """The endpoint refused the credentials (HTTP 401/403)."""


class UnreachableError(PushError):
    """Nothing answers at the endpoint."""


@dataclass(frozen=True)
class ArticleGraph:
    """One article's named graph, ready to send: sorted N-Triples."""

    iri: str
    ntriples: bytes
    triples: int


@dataclass
class PushReport:
    """Which graphs landed and which failed (with the reason)."""

    landed: list[str] = field(default_factory=list)
    failed: list[tuple[str, str]] = field(default_factory=list)


def _nn(suffix: str, ns: str) -> ox.NamedNode:
    return ox.NamedNode(ns + suffix)


def _serialize(triples: Iterable[ox.Triple], iri: str) -> ArticleGraph:
    lines = sorted({f"{t} .\n" for t in triples})
    return ArticleGraph(iri, "".join(lines).encode("utf-8"), len(lines))


def _objects(store: ox.Store, subject: ox.NamedNode | ox.BlankNode, predicate: ox.NamedNode) -> list:
    return [q.object for q in store.quads_for_pattern(subject, predicate, None)]


def split_by_article(store: ox.Store) -> list[ArticleGraph]:
    """Cut a merged graph into per-article graphs by the rule in the module docstring.

    Examples
    --------
    >>> from ycgraph.sparql.engine import load_data_text
    >>> store = load_data_text('''
    ... @base <https://w3id.org/ycgraph/id/> . @prefix ycg: <https://w3id.org/ycgraph/ontology#> .
    ... @prefix nif: <http://persistence.uni-leipzig.org/nlp2rdf/ontologies/nif-core#> .
    ... @prefix prov: <http://www.w3.org/ns/prov#> . @prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .
    ... @prefix rdf: <http://www.w3.org/1999/02/22-rdf-syntax-ns#> .
    ... <article/a> a ycg:Article . <article/b> a ycg:Article .
    ... <mention/a/1> nif:referenceContext <article/a> ; ycg:denotes <enterprise/x> .
    ... <mention/b/1> nif:referenceContext <article/b> ; ycg:denotes <enterprise/x> .
    ... <division/1> ycg:mentions <enterprise/x> ; rdfs:label "d" ; ycg:partOf <division/0> .
    ... <division/0> rdfs:label "p" .
    ... <statement/1> a rdf:Statement ; rdf:subject <division/1> ; rdf:predicate ycg:mentions ;
    ...     rdf:object <enterprise/x> ; prov:wasDerivedFrom <mention/a/1> .
    ... <enterprise/x> rdfs:label "x" .
    ... ''', "ttl")
    >>> graphs = split_by_article(store)
    >>> [(g.iri.rsplit("/", 1)[1], g.triples) for g in graphs]
    [('a', 13), ('b', 4)]
    >>> edge = b"ontology#mentions> <https://w3id.org/ycgraph/id/enterprise/x>"
    >>> edge in graphs[0].ntriples, edge in graphs[1].ntriples
    (True, False)
    """
    articles = sorted(
        q.subject.value
        for q in store.quads_for_pattern(None, _nn("type", _RDF), _nn("Article", _YCG))
        if isinstance(q.subject, ox.NamedNode)
    )
    graphs = []
    for iri in articles:
        graphs.append(_article_graph(store, ox.NamedNode(iri)))
    return graphs


def _article_graph(store: ox.Store, article: ox.NamedNode) -> ArticleGraph:
    derived_from, context = _nn("wasDerivedFrom", _PROV), _nn("referenceContext", _NIF)
    parts = {article}
    parts.update(q.subject for q in store.quads_for_pattern(None, context, article))
    derived = {q.subject for part in list(parts) for q in store.quads_for_pattern(None, derived_from, part)}
    parts |= derived
    stated = set()
    for node in derived:
        subjects, predicates, objects = (_objects(store, node, _nn(k, _RDF)) for k in ("subject", "predicate", "object"))
        stated.update((s, p, o) for s in subjects for p in predicates for o in objects)

    def elsewhere(node: ox.NamedNode | ox.BlankNode) -> bool:
        """Another article, or a part of another article."""
        if any(store.quads_for_pattern(node, _nn("type", _RDF), _nn("Article", _YCG))):
            return True
        refs = _objects(store, node, context)
        sources = _objects(store, node, derived_from)
        return bool(refs and article not in refs) or bool(sources and not any(x in parts for x in sources))

    included = set(parts)
    frontier = list(parts)
    while frontier:
        node = frontier.pop()
        for q in store.quads_for_pattern(node, None, None):
            target = q.object
            if (isinstance(target, (ox.Literal, ox.Triple)) or target in included
                    or q.predicate.value in _NOT_FOLLOWED or q.predicate.value in RELATIONS
                    or (isinstance(target, ox.NamedNode) and target.value.startswith(_YCG)) or elsewhere(target)):
                continue
            included.add(target)
            frontier.append(target)
    triples = []
    for node in included:
        for q in store.quads_for_pattern(node, None, None):
            if q.predicate.value in RELATIONS and (q.subject, q.predicate, q.object) not in stated:
                continue
            if q.predicate in (derived_from, context) and q.object not in parts:
                continue
            triples.append(ox.Triple(q.subject, q.predicate, q.object))
    return _serialize(triples, article.value)


def article_graphs(data: Path) -> list[ArticleGraph]:
    """The per-article graphs of a build: named graphs of ``graph.trig``/``.nq``, else split ``graph.ttl``."""
    file = find_data_file(Path(data))
    store = load_data(file)
    if file.suffix in (".trig", ".nq"):
        graphs = sorted(g.value for g in store.named_graphs() if isinstance(g, ox.NamedNode))
        if graphs:
            return [
                _serialize((q.triple for q in store.quads_for_pattern(None, None, None, ox.NamedNode(g))), g)
                for g in graphs
            ]
    found = split_by_article(store)
    if not found:
        raise PushError(f"{file}: no ycg:Article in the build, nothing to push")
    return found


def graph_url(endpoint: str, graph_iri: str) -> str:
    """The Graph Store Protocol URL of one named graph (``?graph=`` percent-encoded).

    >>> graph_url("http://127.0.0.1:7878/store", "https://w3id.org/ycgraph/id/article/ab")
    'http://127.0.0.1:7878/store?graph=https%3A%2F%2Fw3id.org%2Fycgraph%2Fid%2Farticle%2Fab'
    >>> graph_url("http://h/ds?x=1", "urn:g")
    'http://h/ds?x=1&graph=urn%3Ag'
    """
    separator = "&" if urlsplit(endpoint).query else "?"
    return f"{endpoint}{separator}graph={quote(graph_iri, safe='')}"


def push_graphs(
    graphs: list[ArticleGraph],
    endpoint: str,
    *,
    auth: requests.auth.AuthBase | tuple[str, str] | None = None,
    token: str | None = None,
    timeout: float = 60.0,
    on_landed: Callable[[ArticleGraph], None] | None = None,
) -> PushReport:
    """``PUT`` each graph to ``endpoint``; raise if any did not land.

    Refused credentials or an endpoint that does not answer before anything
    landed raise :class:`AuthError` / :class:`UnreachableError` (one line
    naming the endpoint); any other failure raises :class:`PushError` listing
    which graphs landed and which did not.
    """
    # N-Triples is a subset of Turtle; text/turtle is the type every Graph Store implementation accepts
    headers = {"Content-Type": "text/turtle; charset=utf-8"}
    if token:
        headers["Authorization"] = f"Bearer {token}"
    report = PushReport()
    with requests.Session() as session:
        for graph in graphs:
            try:
                response = session.put(
                    graph_url(endpoint, graph.iri), data=graph.ntriples, headers=headers, auth=auth, timeout=timeout
                )
            except requests.ConnectionError as err:
                if not report.landed:
                    raise UnreachableError(f"cannot reach {endpoint}: {_reason(err)}") from None
                report.failed.append((graph.iri, f"connection failed: {_reason(err)}"))
                continue
            except requests.RequestException as err:
                report.failed.append((graph.iri, f"{type(err).__name__}: {err}"))
                continue
            if response.status_code in (401, 403) and not report.landed:
                raise AuthError(
                    f"{endpoint} refused the credentials (HTTP {response.status_code} {response.reason})"
                )
            if 200 <= response.status_code < 300:
                report.landed.append(graph.iri)
                if on_landed:
                    on_landed(graph)
            else:
                body = " ".join(response.text.split())[:120]
                report.failed.append((graph.iri, f"HTTP {response.status_code} {response.reason} {body}".strip()))
    if report.failed:
        failed = "; ".join(f"<{iri}>: {why}" for iri, why in report.failed)
        landed = ", ".join(f"<{iri}>" for iri in report.landed) or "none"
        raise PushError(
            f"pushed {len(report.landed)} of {len(graphs)} graphs to {endpoint}; landed: {landed}; failed: {failed}"
        )
    return report


_SOURCE_FILE = "<https://w3id.org/ycgraph/ontology#sourceFile>"


def source_files(graph: ArticleGraph) -> list[str]:
    """The file names (``ycg:sourceFile``) of the article in a pushed graph."""
    out = []
    for line in graph.ntriples.decode("utf-8").splitlines():
        parts = line.split(" ", 2)
        if len(parts) == 3 and parts[0] == f"<{graph.iri}>" and parts[1] == _SOURCE_FILE:
            out.append(ox.Literal(json.loads(parts[2].rstrip(" .").split("^^")[0])).value)
    return out


def prune_stale(
    graphs: list[ArticleGraph],
    endpoint: str,
    query_endpoint: str,
    *,
    auth: requests.auth.AuthBase | tuple[str, str] | None = None,
    token: str | None = None,
    timeout: float = 60.0,
) -> list[str]:
    """Drop graphs of earlier versions of the pushed articles; return their IRIs.

    An article's IRI is the hash of its text, so a rebuilt article whose text
    changed lands in a new graph. Its old graph is found through the SPARQL
    endpoint ``query_endpoint`` (a graph holding an article read from the same
    file, ``ycg:sourceFile``, that is not one just pushed) and deleted with the
    Graph Store Protocol.
    """
    files = sorted({f for g in graphs for f in source_files(g)})
    if not files:
        return []
    values = " ".join(json.dumps(f, ensure_ascii=False) for f in files)
    query = ("SELECT DISTINCT ?g WHERE { VALUES ?f { " + values + " } "
             "GRAPH ?g { ?a <https://w3id.org/ycgraph/ontology#sourceFile> ?f } }")
    headers = {"Accept": "application/sparql-results+json"}
    if token:
        headers["Authorization"] = f"Bearer {token}"
    pushed = {g.iri for g in graphs}
    try:
        response = requests.post(query_endpoint, data={"query": query}, headers=headers, auth=auth, timeout=timeout)
    except requests.ConnectionError as err:
        raise UnreachableError(f"cannot reach {query_endpoint}: {_reason(err)}") from None
    if not response.ok:
        raise PushError(f"{query_endpoint} did not answer the query (HTTP {response.status_code} {response.reason})")
    found = sorted({b["g"]["value"] for b in response.json()["results"]["bindings"]} - pushed)
    dropped = []
    for iri in found:
        reply = requests.delete(graph_url(endpoint, iri), headers={k: v for k, v in headers.items() if k != "Accept"},
                                auth=auth, timeout=timeout)
        if not (200 <= reply.status_code < 300 or reply.status_code == 404):
            raise PushError(f"could not drop the stale graph <{iri}> (HTTP {reply.status_code} {reply.reason}); "
                            f"dropped before it: {', '.join(dropped) or 'none'}")
        dropped.append(iri)
    return dropped


def _reason(err: Exception) -> str:
    text = str(err)
    for marker in ("Connection refused", "Name or service not known", "timed out", "No route to host"):
        if marker in text:
            return marker.lower()
    return type(err).__name__
