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

from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable, Iterable
from urllib.parse import quote, urlsplit

import pyoxigraph as ox
import requests

from ..errors import YcgraphError
from .engine import PREFIXES, display_name, find_data_file, load_data

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
    "source_files",
    "sparql_string",
    "StalePlan",
    "plan_stale",
    "prune_stale",
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


def article_graphs(data: Path, warn: Callable[[str], None] | None = None) -> list[ArticleGraph]:
    """The per-article graphs of a build: named graphs of ``graph.trig``/``.nq``, else split ``graph.ttl``.

    ``warn`` is told when a stale export is passed over (see :func:`~ycgraph.sparql.engine.find_data_file`).
    """
    file = find_data_file(Path(data), warn)
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
        raise PushError(f"{display_name(file)}: no ycg:Article in the build, nothing to push")
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


_SOURCE_FILE = ox.NamedNode(_YCG + "sourceFile")
_ECHAR = {"\\": "\\\\", '"': '\\"', "\n": "\\n", "\r": "\\r", "\t": "\\t", "\b": "\\b", "\f": "\\f"}


def sparql_string(text: str) -> str:
    r"""``text`` as a SPARQL string literal: quotes, backslashes and line breaks escaped.

    >>> print(sparql_string('a "b" \\ c\nd^^e'))
    "a \"b\" \\ c\nd^^e"
    """
    return '"' + "".join(_ECHAR.get(char, char) for char in text) + '"'


def source_files(graph: ArticleGraph) -> list[str]:
    r"""The ``ycg:sourceFile`` values of the article in a pushed graph (read by an RDF parser, so any
    character in a file name survives).

    >>> g = ArticleGraph("urn:a", b'<urn:a> <https://w3id.org/ycgraph/ontology#sourceFile> "x^^\\"y\\n.txt" .\n', 1)
    >>> source_files(g)
    ['x^^"y\n.txt']
    """
    article = ox.NamedNode(graph.iri)
    return sorted(
        t.object.value
        for t in ox.parse(graph.ntriples, format=ox.RdfFormat.N_TRIPLES)
        if t.subject == article and t.predicate == _SOURCE_FILE and isinstance(t.object, ox.Literal)
    )


@dataclass(frozen=True)
class StalePlan:
    """What :func:`prune_stale` found: graphs to drop and why, and what it left alone."""

    #: ``(graph IRI, source file)``: a graph holding only an earlier version of a pushed article.
    drop: tuple[tuple[str, str], ...]
    #: ``(graph IRI, reason)``: a graph naming a pushed article's source file that is kept.
    kept: tuple[tuple[str, str], ...]


def _stale_query(files: Iterable[str]) -> str:
    """Every ``(graph, article, source file)`` of the graphs where some article has one of ``files``."""
    values = " ".join(sparql_string(f) for f in files)
    sf = f"<{_SOURCE_FILE.value}>"
    return ("SELECT ?g ?a ?f WHERE { "
            f"{{ SELECT DISTINCT ?g WHERE {{ VALUES ?wanted {{ {values} }} GRAPH ?g {{ ?x {sf} ?wanted }} }} }} "
            f"GRAPH ?g {{ ?a {sf} ?f }} }}")


def plan_stale(graphs: list[ArticleGraph], rows: Iterable[tuple[str, str, str]]) -> StalePlan:
    r"""Decide which graphs an answer to the stale-graph query lets us drop.

    A graph is dropped only if it is the graph of an earlier version of an
    article pushed now: it is not one of the pushed graphs, it is named after
    the article it holds (as :func:`push_graphs` names them), and every
    ``ycg:sourceFile`` in it is, compared whole, the source file of exactly
    one pushed article. A graph holding other articles or other source
    files, or a source file two pushed articles share, is kept.

    Parameters
    ----------
    graphs : list of ArticleGraph
        The graphs this push sent.
    rows : iterable of (graph IRI, article IRI, source file)
        The store's answer to the stale-graph query.

    Examples
    --------
    >>> pushed = [ArticleGraph("urn:new", b'<urn:new> <https://w3id.org/ycgraph/ontology#sourceFile> "a/index.txt" .\n', 1)]
    >>> plan = plan_stale(pushed, [("urn:old", "urn:old", "a/index.txt"), ("urn:new", "urn:new", "a/index.txt"),
    ...                            ("urn:b", "urn:b", "b/index.txt"), ("urn:mixed", "urn:mixed", "a/index.txt"),
    ...                            ("urn:mixed", "urn:other", "c.txt")])
    >>> plan.drop
    (('urn:old', 'a/index.txt'),)
    >>> [g for g, _ in plan.kept]
    ['urn:b', 'urn:mixed']
    """
    owners: dict[str, set[str]] = {}
    for g in graphs:
        for f in source_files(g):
            owners.setdefault(f, set()).add(g.iri)
    pushed = {g.iri for g in graphs}
    found: dict[str, set[tuple[str, str]]] = {}
    for g, a, f in rows:
        found.setdefault(g, set()).add((a, f))
    drop, kept = [], []
    for g in sorted(found):
        if g in pushed:
            continue
        held = found[g]
        files = {f for _, f in held}
        if any(a != g for a, _ in held):
            kept.append((g, "it holds another article than the one it is named after"))
        elif len(files) != 1 or next(iter(files)) not in owners:
            kept.append((g, "its source file is not one pushed now"))
        elif len(owners[next(iter(files))]) != 1:
            kept.append((g, f"{len(owners[next(iter(files))])} pushed articles share its source file"))
        else:
            drop.append((g, next(iter(files))))
    return StalePlan(tuple(drop), tuple(kept))


def prune_stale(
    graphs: list[ArticleGraph],
    endpoint: str,
    query_endpoint: str,
    *,
    auth: requests.auth.AuthBase | tuple[str, str] | None = None,
    token: str | None = None,
    timeout: float = 60.0,
    on_dropped: Callable[[str, str], None] | None = None,
) -> StalePlan:
    """Drop the graphs of earlier versions of the pushed articles; return what was dropped and kept.

    An article's IRI is the hash of its text, so a rebuilt article whose text
    changed lands in a new graph. Its old graph is found through the SPARQL
    endpoint ``query_endpoint`` by the article's ``ycg:sourceFile``, compared
    exactly, and dropped with the Graph Store Protocol only under the rules
    of :func:`plan_stale`. ``on_dropped(graph IRI, source file)`` is called
    after each ``DELETE``.
    """
    files = sorted({f for g in graphs for f in source_files(g)})
    if not files:
        return StalePlan((), ())
    headers = {}
    if token:
        headers["Authorization"] = f"Bearer {token}"
    accept = {"Accept": "application/sparql-results+json, application/sparql-results+xml;q=0.9"}
    with requests.Session() as session:
        try:
            response = session.post(query_endpoint, data={"query": _stale_query(files)}, headers={**headers, **accept},
                                    auth=auth, timeout=timeout)
        except requests.ConnectionError as err:
            raise UnreachableError(f"cannot reach {query_endpoint}: {_reason(err)}") from None
        except requests.RequestException as err:
            raise PushError(f"{query_endpoint}: {type(err).__name__}: {err}") from None
        if not response.ok:
            raise PushError(f"{query_endpoint} did not answer the query (HTTP {response.status_code} {response.reason})")
        plan = plan_stale(graphs, _rows(response, query_endpoint))
        dropped: list[str] = []
        for iri, source in plan.drop:
            try:
                reply = session.delete(graph_url(endpoint, iri), headers=headers, auth=auth, timeout=timeout)
                status, why = reply.status_code, f"HTTP {reply.status_code} {reply.reason}"
            except requests.RequestException as err:
                status, why = 0, _reason(err)
            if not (200 <= status < 300 or status == 404):
                raise PushError(f"could not drop the stale graph <{iri}> ({why}); "
                                f"dropped before it: {', '.join(f'<{d}>' for d in dropped) or 'none'}")
            dropped.append(iri)
            if on_dropped:
                on_dropped(iri, source)
    return plan


def _rows(response: requests.Response, query_endpoint: str) -> list[tuple[str, str, str]]:
    """``(g, a, f)`` rows of a SPARQL results document (JSON or XML, by its media type)."""
    media = response.headers.get("Content-Type", "application/sparql-results+json")
    fmt = ox.QueryResultsFormat.from_media_type(media) or ox.QueryResultsFormat.JSON
    try:
        solutions = ox.parse_query_results(response.content, fmt)
        if not isinstance(solutions, ox.QuerySolutions):
            raise SyntaxError("a boolean, not a table")
        rows = []
        for solution in solutions:
            g, a, f = solution["g"], solution["a"], solution["f"]
            if isinstance(g, ox.NamedNode) and isinstance(a, ox.NamedNode) and isinstance(f, ox.Literal):
                rows.append((g.value, a.value, f.value))
        return rows
    except (SyntaxError, ValueError, OSError) as err:
        detail = " ".join(str(err).split())[:160]
        raise PushError(f"{query_endpoint} did not answer with SPARQL results ({media}): {detail}") from None


def _reason(err: Exception) -> str:
    text = str(err)
    for marker in ("Connection refused", "Name or service not known", "timed out", "No route to host"):
        if marker in text:
            return marker.lower()
    return type(err).__name__
