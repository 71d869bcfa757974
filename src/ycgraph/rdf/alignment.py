"""Standard-vocabulary view of the contract graph: W3C ORG posts, SKOS labels, entailed types.

:func:`align` reads a contract graph (``rdf/graph.py``) and returns the
triples to add to it; it never changes its input. It adds:

* for every ``ycg:position`` of a ``ycg:Official``, a W3C ORG description:
  an ``org:Post`` (``ycr:post/<pinyin>-<hash>`` of the post text, minted by
  :func:`ycgraph.identity.entity_iri` like every named thing) with ``org:role``
  (an ``org:Role`` / ``skos:Concept``, ``ycr:role/<pinyin>-<hash>``: 书记, 副市长 ...)
  and ``org:postIn`` its organisation, and an ``org:Membership``
  (``ycr:membership/<16 hex>``) of the official in that organisation with that
  role, ``org:memberDuring`` a ``time:Interval`` whose ``time:hasBeginning``
  is the earliest ``dcterms:date`` of the articles that mention the official
  (found through ``ycg:denotes`` -> ``nif:referenceContext``). That date is
  when the post is first attested, not the date of appointment;
* ``skos:prefLabel`` for divisions, enterprises, projects and slogans that
  have none (their ``rdfs:label``);
* the types and super-properties the ontology's alignment axioms entail
  (``ycg:Official`` -> ``foaf:Person``, ``ycg:denotes`` ->
  ``itsrdf:taIdentRef`` ...), so that SPARQL users without a reasoner find
  the data under the standard terms too.

Which organisation a post is in: a post is written ``[division][organ]role``
(``gazetteer/lexicon.py``). The party committee (委, 党工委 ...), the
government (政府, 人民政府, 管委会) or no organ at all (宜都市市长) mean the
division itself, as ``ycg:leads`` does: that division is typed
``org:Organization`` too. Any other organ (人大常委会, 政协, 纪委 ...) is its own
``org:Organization`` (``ycr:organization/<pinyin of its name>-<hash>``) with
``schema:areaServed`` the division. A post whose text starts with no known
division name gets its ``org:Post`` and ``org:role`` but no membership.

Examples
--------
>>> from rdflib import Graph, Literal
>>> from rdflib.namespace import ORG, RDF, RDFS
>>> from ycgraph.vocabulary import YCG, YCR
>>> g = Graph()
>>> g.add((YCR["division/420581"], RDF.type, YCG.Division))
<Graph identifier=... (<class 'rdflib.graph.Graph'>)>
>>> g.add((YCR["division/420581"], RDFS.label, Literal("宜都市", lang="zh")))
<Graph identifier=... (<class 'rdflib.graph.Graph'>)>
>>> g.add((YCR["official/x"], RDF.type, YCG.Official))
<Graph identifier=... (<class 'rdflib.graph.Graph'>)>
>>> g.add((YCR["official/x"], YCG.position, Literal("宜都市委书记", lang="zh")))
<Graph identifier=... (<class 'rdflib.graph.Graph'>)>
>>> extra = align(g)
>>> post = extra.value(YCR["official/x"], ORG.holds)
>>> post
rdflib.term.URIRef('https://w3id.org/ycgraph/id/post/yi-du-shi-wei-shu-ji-6b6edd31')
>>> extra.value(extra.value(post, ORG.role), RDFS.label)
rdflib.term.Literal('书记', lang='zh')
>>> extra.value(post, ORG.postIn)
rdflib.term.URIRef('https://w3id.org/ycgraph/id/division/420581')
>>> len(g)  # the input is left as it was
4
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable, Iterable, Iterator, Mapping
from dataclasses import dataclass

from rdflib import Graph, Literal, Namespace, URIRef
from rdflib.namespace import DCTERMS, FOAF, ORG, PROV, RDF, RDFS, SKOS, TIME, XSD
from rdflib.term import Node

from ..gazetteer.lexicon import NATIONAL_BODIES, ORGANS, POSITIONS
from ..gazetteer.posts import PARTY_COMMITTEES
from ..identity import entity_iri
from ..vocabulary import CLASS_ALIGNMENT, ITSRDF, NIF, PROPERTY_ALIGNMENT, SCHEMA, YCG, YCR

__all__ = ["CLASS_ALIGNMENT", "PROPERTY_ALIGNMENT", "PostParts", "PostView", "align", "parse_post", "post_triples", "ITSRDF"]

# Organs whose posts are posts in the division itself (its leadership).
_LEADERSHIP_ORGANS = frozenset(PARTY_COMMITTEES | {"", "政府", "人民政府", "管委会"})
_ORGANS_LONGEST_FIRST = tuple(sorted(set(ORGANS), key=lambda s: (-len(s), s)))
_BODIES_LONGEST_FIRST = tuple(sorted(set(NATIONAL_BODIES), key=lambda s: (-len(s), s)))
_POSITIONS = frozenset(POSITIONS)
_SKOS_LABELLED = (YCG.Division, YCG.Enterprise, YCG.Project, YCG.Slogan)


@dataclass(frozen=True)
class PostParts:
    """A post text cut into ``[division][organ]role``.

    ``division`` is the IRI of the division the post text starts with, or
    None; ``body`` is a national body named instead (国家发改委).
    """

    division: URIRef | None
    organ: str
    role: str
    body: str | None = None


def parse_post(post: str, division_names: Iterable[tuple[str, URIRef]]) -> PostParts:
    """Cut a post into division, organ and role.

    ``division_names`` are ``(name, division IRI)`` pairs (labels and
    aliases); the longest name the post starts with wins. The role is what
    follows the organ; when it is not a known position the whole rest after
    the division is the role and the organ is empty.

    Examples
    --------
    >>> d = URIRef("https://w3id.org/ycgraph/id/division/420500")
    >>> parse_post("宜昌市人大常委会副主任", [("宜昌", d), ("宜昌市", d)])
    PostParts(division=rdflib.term.URIRef('https://w3id.org/ycgraph/id/division/420500'), organ='人大常委会', role='副主任', body=None)
    >>> parse_post("宜昌市市长", [("宜昌市", d)]).role
    '市长'
    >>> parse_post("国家发改委主任", [("宜昌市", d)])
    PostParts(division=None, organ='', role='主任', body='国家发改委')
    """
    return _parse_post(post, _name_index(division_names))


def _name_index(division_names: Iterable[tuple[str, URIRef]]) -> dict[str, URIRef]:
    """Each name's division (of two sharing a name, the first IRI in string order)."""
    index: dict[str, URIRef] = {}
    for name, iri in division_names:
        if name and (name not in index or str(iri) < str(index[name])):
            index[name] = iri
    return index


def _parse_post(post: str, names: dict[str, URIRef]) -> PostParts:
    division: URIRef | None = None
    rest = post
    # The longest division name the post starts with (and does not end with): one lookup per length.
    for k in range(len(post) - 1, 0, -1):
        iri = names.get(post[:k])
        if iri is not None:
            division, rest = iri, post[k:]
            break
    body = None
    if division is None:
        body = next((b for b in _BODIES_LONGEST_FIRST if rest.startswith(b) and len(b) < len(rest)), None)
        if body is not None:
            rest = rest[len(body):]
    for organ in _ORGANS_LONGEST_FIRST:
        if rest.startswith(organ) and rest[len(organ):] in _POSITIONS:
            return PostParts(division, organ, rest[len(organ):], body)
    return PostParts(division, "", rest, body)


def _zh(text: str) -> Literal:
    return Literal(text, lang="zh")


def _division_names(graph: Graph) -> list[tuple[str, URIRef]]:
    names: set[tuple[str, URIRef]] = set()
    for div in graph.subjects(RDF.type, YCG.Division):
        if not isinstance(div, URIRef):
            continue
        for prop in (RDFS.label, SKOS.prefLabel, SKOS.altLabel):
            names.update((str(lab), div) for lab in graph.objects(div, prop))
    return sorted(names)


def _first_label(graph: Graph, node: Node) -> str | None:
    labels = sorted(str(lab) for lab in graph.objects(node, RDFS.label))
    return labels[0] if labels else None


def _first_attested(graph: Graph, official: Node) -> tuple[Literal | None, list[URIRef]]:
    """Earliest xsd:date of the articles mentioning ``official``, and those articles."""
    articles: set[URIRef] = set()
    for mention in graph.subjects(YCG.denotes, official):
        articles.update(a for a in graph.objects(mention, NIF.referenceContext) if isinstance(a, URIRef))
    dates = [
        d
        for a in articles
        for d in graph.objects(a, DCTERMS.date)
        if isinstance(d, Literal) and d.datatype == XSD.date
    ]
    earliest = min(dates, key=str) if dates else None
    return earliest, sorted(articles)


def _posts(graph: Graph, names: list[tuple[str, URIRef]]) -> Iterator[tuple[Node, Node, Node]]:
    officials = {o: sorted({str(p) for p in graph.objects(o, YCG.position)})
                 for o in graph.subjects(RDF.type, YCG.Official) if isinstance(o, URIRef)}
    attested = {o: _first_attested(graph, o) for o in officials}
    yield from post_triples(officials, names, attested, lambda d: _first_label(graph, d))


def post_triples(
    officials: Mapping[URIRef, Iterable[str]],
    division_names: Iterable[tuple[str, URIRef]],
    attested: Mapping[URIRef, tuple[Literal | None, list[URIRef]]],
    label_of: Callable[[URIRef], str | None],
) -> Iterator[tuple[Node, Node, Node]]:
    """The W3C ORG description of every official's posts (see the module's docstring).

    Parameters
    ----------
    officials
        Official IRI -> the post texts it holds (``ycg:position``).
    division_names
        ``(name, division IRI)`` pairs: every label and alias of the divisions known.
    attested
        Official IRI -> (earliest ``xsd:date`` literal of the articles naming it, or None; those articles).
    label_of
        A division IRI's label (its first ``rdfs:label`` in sorted order).

    Examples
    --------
    >>> d = URIRef("https://w3id.org/ycgraph/id/division/420600")
    >>> o = URIRef("https://w3id.org/ycgraph/id/official/x")
    >>> triples = list(post_triples({o: ["襄阳市委书记"]}, [("襄阳市", d)], {o: (None, [])}, lambda _: "襄阳市"))
    >>> [str(post) for _, p, post in triples if p == ORG.holds]
    ['https://w3id.org/ycgraph/id/post/xiang-yang-shi-wei-shu-ji-19351b72']
    >>> [str(org) for _, p, org in triples if p == ORG.postIn]
    ['https://w3id.org/ycgraph/id/division/420600']
    """
    names = _name_index(division_names)
    for official in sorted(officials):
        date, articles = attested.get(official, (None, []))
        for position in sorted(set(officials[official])):
            yield from _post_triples(official, position, _parse_post(position, names), date, articles, label_of)


def _post_triples(
    official: URIRef,
    position: str,
    parts: PostParts,
    date: Literal | None,
    articles: list[URIRef],
    label_of: Callable[[URIRef], str | None],
) -> Iterator[tuple[Node, Node, Node]]:
    post = URIRef(entity_iri("post", position))
    yield post, RDF.type, ORG.Post
    yield post, RDFS.label, _zh(position)
    yield post, ORG.heldBy, official
    yield official, ORG.holds, post
    if not parts.role:
        return
    role = URIRef(entity_iri("role", parts.role))
    yield role, RDF.type, ORG.Role
    yield role, RDF.type, SKOS.Concept
    yield role, RDFS.label, _zh(parts.role)
    yield role, SKOS.prefLabel, _zh(parts.role)
    yield post, ORG.role, role

    organization: URIRef | None = None
    if parts.division is not None and parts.organ in _LEADERSHIP_ORGANS:
        organization = parts.division
        yield organization, RDF.type, ORG.Organization
    elif parts.division is not None or parts.body is not None:
        if parts.division is not None:
            name = (label_of(parts.division) or "") + parts.organ
            key = f"{name}|{parts.division}"
        else:
            name = key = (parts.body or "") + parts.organ
        organization = URIRef(entity_iri("organization", key))
        yield organization, RDF.type, ORG.Organization
        yield organization, RDFS.label, _zh(name)
        if parts.division is not None:
            yield organization, SCHEMA.areaServed, parts.division
    if organization is None:
        return
    yield post, ORG.postIn, organization

    digest = hashlib.sha256(f"{official}\n{post}".encode("utf-8")).hexdigest()[:16]
    membership = YCR[f"membership/{digest}"]
    yield membership, RDF.type, ORG.Membership
    yield membership, ORG.member, official
    yield membership, ORG.organization, organization
    yield membership, ORG.role, role
    for article in articles:
        yield membership, PROV.wasDerivedFrom, article
    if date is not None:
        interval = YCR[f"membership/{digest}/during"]
        instant = YCR[f"instant/{date}"]
        yield membership, ORG.memberDuring, interval
        yield interval, RDF.type, TIME.Interval
        yield interval, TIME.hasBeginning, instant
        yield instant, RDF.type, TIME.Instant
        yield instant, TIME.inXSDDate, date


def _skos_labels(graph: Graph) -> Iterator[tuple[Node, Node, Node]]:
    for cls in _SKOS_LABELLED:
        for node in graph.subjects(RDF.type, cls):
            if graph.value(node, SKOS.prefLabel) is not None:
                continue
            labels = sorted(graph.objects(node, RDFS.label), key=lambda lab: (getattr(lab, "language", None) != "zh", str(lab)))
            if labels:
                yield node, SKOS.prefLabel, labels[0]


def _entailed(graph: Graph) -> Iterator[tuple[Node, Node, Node]]:
    for cls, supers in CLASS_ALIGNMENT.items():
        for node in graph.subjects(RDF.type, cls):
            for sup in supers:
                yield node, RDF.type, sup
    for prop, sup in PROPERTY_ALIGNMENT.items():
        for s, o in graph.subject_objects(prop):
            yield s, sup, o


def align(graph: Graph, *, entailments: bool = True) -> Graph:
    """The standard-vocabulary triples to add to a contract graph.

    Parameters
    ----------
    graph
        A contract graph (one article's or the merged one); not modified.
    entailments
        Also add the types and super-properties the ontology entails
        (``foaf:Person`` for officials, ``itsrdf:taIdentRef`` for
        ``ycg:denotes`` ...).

    Returns
    -------
    Graph
        New triples only (none already in ``graph``), with the usual prefixes bound.

    Examples
    --------
    >>> from rdflib import Graph
    >>> from rdflib.namespace import FOAF, RDF
    >>> g = Graph().add((YCR["official/x"], RDF.type, YCG.Official))
    >>> (YCR["official/x"], RDF.type, FOAF.Person) in align(g)
    True
    >>> len(align(g, entailments=False))
    0
    """
    out = Graph()
    for prefix, ns in (("org", ORG), ("time", TIME), ("skos", SKOS), ("ycg", YCG._NS), ("ycr", YCR),
                       ("schema", SCHEMA), ("itsrdf", ITSRDF), ("nif", NIF), ("prov", PROV)):
        out.bind(prefix, ns)
    sources: list[Iterable[tuple[Node, Node, Node]]] = [_posts(graph, _division_names(graph)), _skos_labels(graph)]
    if entailments:
        sources.append(_entailed(graph))
    for source in sources:
        for triple in source:
            if triple not in graph:
                out.add(triple)
    return out


class PostView:
    """The W3C ORG view of a corpus's posts, gathered article by article from the typed records.

    What :func:`align` finds in a whole graph, a build collects as it goes,
    so it never needs the whole graph in memory: each division's names and
    label, each official's posts, and the articles (and earliest date) that
    name each official. :meth:`triples` then gives the same post triples
    :func:`align` would.

    Examples
    --------
    >>> from ycgraph.model import Entity, Kind
    >>> view = PostView()
    >>> div = Entity("https://w3id.org/ycgraph/id/division/420600", Kind.DIVISION, "420600", "襄阳市")
    >>> off = Entity("https://w3id.org/ycgraph/id/official/x", Kind.OFFICIAL, "x", "王大明", posts=("襄阳市委书记",))
    >>> view.add("https://w3id.org/ycgraph/id/article/a", "2024-05-01", [div, off])
    >>> sorted(str(o) for _, p, o in view.triples() if p == ORG.postIn)
    ['https://w3id.org/ycgraph/id/division/420600']
    """

    def __init__(self) -> None:
        self.names: set[tuple[str, URIRef]] = set()
        self.labels: dict[URIRef, str] = {}
        self.positions: dict[URIRef, set[str]] = {}
        self.articles: dict[URIRef, set[URIRef]] = {}
        self.dates: dict[URIRef, str] = {}

    def add(self, article: str, published: str | None, entities: Iterable) -> None:
        """One article's entities (:class:`ycgraph.model.Entity`), its IRI and ``dcterms:date``."""
        from ..model import Kind

        art = URIRef(article)
        for e in entities:
            node = URIRef(e.iri)
            if e.kind is Kind.DIVISION:
                self.names.update((name, node) for name in (e.label, *e.aliases))
                self.labels[node] = min(self.labels.get(node, e.label), e.label)
            elif e.kind is Kind.OFFICIAL:
                self.positions.setdefault(node, set()).update(e.posts)
                self.articles.setdefault(node, set()).add(art)
                if published and (node not in self.dates or published < self.dates[node]):
                    self.dates[node] = published

    def triples(self) -> Iterator[tuple[Node, Node, Node]]:
        attested = {o: (Literal(self.dates[o], datatype=XSD.date) if o in self.dates else None,
                        sorted(self.articles.get(o, ()))) for o in self.positions}
        yield from post_triples(self.positions, self.names, attested, self.labels.get)
