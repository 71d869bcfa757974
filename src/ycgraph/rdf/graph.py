"""One article's extraction as an RDF graph, in the contract's terms.

Every mention becomes a NIF phrase with exact offsets into the article's
``nif:isString``; every relation edge is also an ``rdf:Statement`` derived
(``prov:wasDerivedFrom``) from the mentions it was read from. No blank
nodes, so graphs merge and serialise deterministically.
"""

from __future__ import annotations

from typing import Iterable

from rdflib import RDF, RDFS, XSD, Graph, Literal, Namespace, URIRef
from rdflib.namespace import DCTERMS, FOAF, PROV, SKOS

from ..identity import article_iri, division_iri, mention_iri, section_iri, statement_iri, short_hash
from ..model import Comparator, Document, Entity, Kind, Relation
from ..resolve import Resolution
from .namespaces import NIF, SCHEMA, YCG, YCR

CLASS_OF = {
    Kind.DIVISION: YCG.Division,
    Kind.OFFICIAL: YCG.Official,
    Kind.ENTERPRISE: YCG.Enterprise,
    Kind.PROJECT: YCG.Project,
    Kind.SLOGAN: YCG.Slogan,
    Kind.TARGET: YCG.Target,
    Kind.CONTRIBUTOR: FOAF.Person,
}
COMPARATOR = {
    Comparator.AT_LEAST: YCG.AtLeast,
    Comparator.AT_MOST: YCG.AtMost,
    Comparator.ABOUT: YCG.Approximately,
    Comparator.EXACTLY: YCG.Exactly,
}
PREFIXES = {
    "ycg": Namespace(str(YCG._NS)), "ycr": YCR, "nif": NIF, "prov": PROV, "dcterms": DCTERMS, "skos": SKOS,
    "foaf": FOAF, "schema": SCHEMA, "xsd": XSD, "rdfs": RDFS,
}


def new_graph() -> Graph:
    g = Graph()
    for prefix, ns in PREFIXES.items():
        g.bind(prefix, ns, override=True)
    return g


def zh(text: str) -> Literal:
    return Literal(text, lang="zh")


def add_entity(g: Graph, e: Entity) -> None:
    s = URIRef(e.iri)
    g.add((s, RDF.type, CLASS_OF[e.kind]))
    g.add((s, RDFS.label, zh(e.label)))
    if e.kind is not Kind.TARGET:
        g.add((s, SKOS.prefLabel, zh(e.label)))
    for alias in e.aliases:
        g.add((s, SKOS.altLabel, zh(alias)))
    if e.kind is Kind.DIVISION:
        if e.key.startswith("zone:"):
            g.add((s, RDF.type, YCG.DevelopmentZone))
        if e.admin_code:
            g.add((s, YCG.adminCode, Literal(e.admin_code)))
        if e.parent:
            g.add((s, YCG.partOf, URIRef(e.parent)))
        if e.level:
            g.add((s, YCG.divisionLevel, zh(e.level)))
    for post in e.posts:
        g.add((s, YCG.position, zh(post)))
    if e.target is not None:
        t = e.target
        g.add((s, YCG.indicator, zh(t.indicator)))
        g.add((s, YCG.value, Literal(t.value, datatype=XSD.decimal)))
        g.add((s, YCG.unit, Literal(t.unit)))
        g.add((s, YCG.comparator, COMPARATOR[t.comparator]))


def article_graph(doc: Document, res: Resolution, relations: Iterable[Relation], sha256: str,
                  builder: str, sources: Iterable[str] = ()) -> Graph:
    """The whole graph of one article: metadata, entities, mentions, relations, provenance."""
    g = new_graph()
    art = URIRef(article_iri(doc.doc_id))
    g.add((art, RDF.type, YCG.Article))
    g.add((art, RDF.type, SCHEMA.NewsArticle))
    g.add((art, RDF.type, NIF.Context))
    g.add((art, NIF.isString, Literal(doc.text)))
    g.add((art, YCG.sourceFile, Literal(doc.source)))
    g.add((art, YCG.contentHash, Literal(sha256)))
    if doc.title:
        g.add((art, DCTERMS.title, zh(doc.title)))
    if doc.published:
        g.add((art, DCTERMS.date, Literal(doc.published, datatype=XSD.date)))
    if doc.publisher:
        g.add((art, DCTERMS.publisher, zh(doc.publisher)))

    for e in res.entities.values():
        add_entity(g, e)
        if e.kind is Kind.CONTRIBUTOR:
            g.add((art, DCTERMS.contributor, URIRef(e.iri)))

    sections = []
    for n, sec in enumerate(doc.sections):
        node = URIRef(section_iri(doc.doc_id, n))
        sections.append(node)
        g.add((node, RDF.type, YCG.Section))
        g.add((node, NIF.referenceContext, art))
        g.add((node, NIF.beginIndex, Literal(sec.span.begin, datatype=XSD.nonNegativeInteger)))
        g.add((node, NIF.endIndex, Literal(sec.span.end, datatype=XSD.nonNegativeInteger)))
        g.add((node, YCG.sectionOf, URIRef(division_iri(sec.division))))

    mention_nodes: dict[tuple[int, int], list[URIRef]] = {}
    for m, iri in sorted(res.mention_entity.items(), key=lambda kv: (kv[0].span, kv[0].kind.value, kv[0].key)):
        node = URIRef(mention_iri(doc.doc_id, m.span.begin, m.span.end, m.kind.value))
        mention_nodes.setdefault((m.span.begin, m.span.end), []).append(node)
        g.add((node, RDF.type, YCG.Mention))
        g.add((node, RDF.type, NIF.Phrase))
        g.add((node, NIF.referenceContext, art))
        g.add((node, NIF.beginIndex, Literal(m.span.begin, datatype=XSD.nonNegativeInteger)))
        g.add((node, NIF.endIndex, Literal(m.span.end, datatype=XSD.nonNegativeInteger)))
        g.add((node, NIF.anchorOf, Literal(doc.cut(m.span))))
        g.add((node, YCG.denotes, URIRef(iri)))
        g.add((node, YCG.rule, Literal(m.rule)))
        i = doc.section_at(m.span.begin)
        if i is not None:
            g.add((node, YCG.section, sections[i]))

    for r in relations:
        s, p, o = URIRef(r.subject), YCG[r.predicate], URIRef(r.object)
        g.add((s, p, o))
        st = URIRef(statement_iri(doc.doc_id, r.subject, r.predicate, r.object))
        g.add((st, RDF.type, RDF.Statement))
        g.add((st, RDF.subject, s))
        g.add((st, RDF.predicate, p))
        g.add((st, RDF.object, o))
        for span in r.evidence:
            for node in mention_nodes.get((span.begin, span.end), ()):
                g.add((st, PROV.wasDerivedFrom, node))

    activity = URIRef(f"{YCR}build/{short_hash(builder + '|' + '|'.join(sources), 12)}")
    g.add((activity, RDF.type, PROV.Activity))
    g.add((activity, RDF.type, YCG.Build))
    g.add((activity, RDFS.label, Literal(builder)))
    g.add((activity, PROV.used, art))
    for source in sources:
        g.add((activity, DCTERMS.source, Literal(source)))
    return g
