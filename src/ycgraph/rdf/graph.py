"""One article's extraction as RDF triples, in the contract's terms.

Every mention becomes a NIF phrase with exact offsets into the article's
``nif:isString``; every relation edge is also an ``rdf:Statement`` derived
(``prov:wasDerivedFrom``) from the mentions it was read from. No blank
nodes, so graphs merge and serialise deterministically.

Triples are N-Triples strings (see :mod:`ycgraph.rdf.terms`), split into
those describing shared entities (the same in every article naming them)
and those belonging to this article alone (its text, mentions, statements).
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from typing import Iterable

from rdflib.namespace import DCTERMS, FOAF, PROV, RDF, RDFS, SKOS, XSD

from ..identity import article_iri, division_iri, mention_iri, section_iri, short_hash, statement_iri
from ..model import Comparator, Document, Entity, Kind, Relation
from ..resolve import Resolution
from .namespaces import NIF, SCHEMA, YCG, YCR
from .terms import Triple, iri, lit, to_rdflib, typed

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
    "ycg": str(YCG._NS), "ycr": str(YCR), "nif": str(NIF), "prov": str(PROV), "dcterms": str(DCTERMS),
    "skos": str(SKOS), "foaf": str(FOAF), "schema": str(SCHEMA), "xsd": str(XSD), "rdfs": str(RDFS),
    "rdf": str(RDF),
}
_A = iri(str(RDF.type))
_LABEL, _PREF, _ALT = iri(str(RDFS.label)), iri(str(SKOS.prefLabel)), iri(str(SKOS.altLabel))


# Terms as N-Triples strings, made once (DefinedNamespace lookups are slow).
_DCTERMS_contributor = iri(str(DCTERMS.contributor))
_DCTERMS_date = iri(str(DCTERMS.date))
_DCTERMS_publisher = iri(str(DCTERMS.publisher))
_DCTERMS_source = iri(str(DCTERMS.source))
_DCTERMS_title = iri(str(DCTERMS.title))
_NIF_Context = iri(str(NIF.Context))
_NIF_Phrase = iri(str(NIF.Phrase))
_NIF_anchorOf = iri(str(NIF.anchorOf))
_NIF_beginIndex = iri(str(NIF.beginIndex))
_NIF_endIndex = iri(str(NIF.endIndex))
_NIF_isString = iri(str(NIF.isString))
_NIF_referenceContext = iri(str(NIF.referenceContext))
_PROV_Activity = iri(str(PROV.Activity))
_PROV_used = iri(str(PROV.used))
_PROV_wasDerivedFrom = iri(str(PROV.wasDerivedFrom))
_RDF_Statement = iri(str(RDF.Statement))
_RDF_object = iri(str(RDF.object))
_RDF_predicate = iri(str(RDF.predicate))
_RDF_subject = iri(str(RDF.subject))
_SCHEMA_NewsArticle = iri(str(SCHEMA.NewsArticle))
_YCG_Article = iri(str(YCG.Article))
_YCG_Build = iri(str(YCG.Build))
_YCG_DevelopmentZone = iri(str(YCG.DevelopmentZone))
_YCG_Mention = iri(str(YCG.Mention))
_YCG_Section = iri(str(YCG.Section))
_YCG_adminCode = iri(str(YCG.adminCode))
_YCG_comparator = iri(str(YCG.comparator))
_YCG_contentHash = iri(str(YCG.contentHash))
_YCG_denotes = iri(str(YCG.denotes))
_YCG_divisionLevel = iri(str(YCG.divisionLevel))
_YCG_indicator = iri(str(YCG.indicator))
_YCG_partOf = iri(str(YCG.partOf))
_YCG_position = iri(str(YCG.position))
_YCG_rule = iri(str(YCG.rule))
_YCG_section = iri(str(YCG.section))
_YCG_sectionOf = iri(str(YCG.sectionOf))
_YCG_sourceFile = iri(str(YCG.sourceFile))
_YCG_unit = iri(str(YCG.unit))
_YCG_value = iri(str(YCG.value))


def zh(text: str) -> str:
    return lit(text, lang="zh")


@lru_cache(maxsize=None)
def u(term) -> str:
    return iri(str(term))


@dataclass(frozen=True)
class ArticleTriples:
    """One article's triples: ``shared`` describe entities, ``own`` belong to the article alone."""

    article: str  # the article's IRI
    shared: tuple[Triple, ...]
    own: tuple[Triple, ...]

    def all(self) -> tuple[Triple, ...]:
        return self.shared + self.own

    def __len__(self) -> int:
        return len(set(self.shared) | set(self.own))

    def to_graph(self):
        """These triples as an rdflib Graph (for validation, analysis, exports)."""
        return to_rdflib(self.all(), PREFIXES)


def entity_triples(e: Entity) -> list[Triple]:
    s = iri(e.iri)
    out = [(s, _A, u(CLASS_OF[e.kind])), (s, _LABEL, zh(e.label))]
    if e.kind is not Kind.TARGET:
        out.append((s, _PREF, zh(e.label)))
    out += [(s, _ALT, zh(a)) for a in e.aliases]
    if e.kind is Kind.DIVISION:
        if e.key.startswith("zone:"):
            out.append((s, _A, _YCG_DevelopmentZone))
        if e.admin_code:
            out.append((s, _YCG_adminCode, lit(e.admin_code)))
        if e.parent:
            out.append((s, _YCG_partOf, iri(e.parent)))
        if e.level:
            out.append((s, _YCG_divisionLevel, zh(e.level)))
    out += [(s, _YCG_position, zh(p)) for p in e.posts]
    if e.target is not None:
        t = e.target
        out += [(s, _YCG_indicator, zh(t.indicator)), (s, _YCG_value, typed(t.value, "decimal")),
                (s, _YCG_unit, lit(t.unit)), (s, _YCG_comparator, u(COMPARATOR[t.comparator]))]
    return out


_NNI = "^^<http://www.w3.org/2001/XMLSchema#nonNegativeInteger>"


def _offsets(node: str, art: str, begin: int, end: int) -> list[Triple]:
    return [(node, _NIF_referenceContext, art), (node, _NIF_beginIndex, f'"{begin}"{_NNI}'),
            (node, _NIF_endIndex, f'"{end}"{_NNI}')]


def article_triples(doc: Document, res: Resolution, relations: Iterable[Relation], sha256: str,
                    builder: str, sources: Iterable[str] = ()) -> ArticleTriples:
    """All triples of one article: metadata, entities, mentions, relations, provenance."""
    art = iri(article_iri(doc.doc_id))
    own: list[Triple] = [
        (art, _A, _YCG_Article), (art, _A, _SCHEMA_NewsArticle), (art, _A, _NIF_Context),
        (art, _NIF_isString, lit(doc.text)), (art, _YCG_sourceFile, lit(doc.source)),
        (art, _YCG_contentHash, lit(sha256)), (art, _LABEL, zh(doc.title or doc.source)),
    ]
    if doc.title:
        own.append((art, _DCTERMS_title, zh(doc.title)))
    if doc.published:
        own.append((art, _DCTERMS_date, typed(doc.published, "date")))
    if doc.publisher:
        own.append((art, _DCTERMS_publisher, zh(doc.publisher)))

    shared: list[Triple] = []
    for e in res.entities.values():
        # A target is one article's statement: its triples are the article's own.
        (own if e.kind is Kind.TARGET else shared).extend(entity_triples(e))
        if e.kind is Kind.CONTRIBUTOR:
            own.append((art, _DCTERMS_contributor, iri(e.iri)))

    sections = []
    for n, sec in enumerate(doc.sections):
        node = iri(section_iri(doc.doc_id, n))
        sections.append(node)
        own.append((node, _A, _YCG_Section))
        own += _offsets(node, art, sec.span.begin, sec.span.end)
        own.append((node, _YCG_sectionOf, iri(division_iri(sec.division))))

    mention_nodes: dict[tuple[int, int], list[str]] = {}
    for m, target in res.mention_entity.items():
        # Two targets may share a span (各2栋): each gets a mention node of its own.
        kind = f"{m.kind.value}-{m.key.rsplit('-', 1)[-1]}" if m.kind is Kind.TARGET else m.kind.value
        node = iri(mention_iri(doc.doc_id, m.span.begin, m.span.end, kind))
        mention_nodes.setdefault((m.span.begin, m.span.end), []).append(node)
        own += [(node, _A, _YCG_Mention), (node, _A, _NIF_Phrase)]
        own += _offsets(node, art, m.span.begin, m.span.end)
        own += [(node, _NIF_anchorOf, lit(doc.cut(m.span))), (node, _YCG_denotes, iri(target)),
                (node, _YCG_rule, lit(m.rule))]
        i = doc.section_at(m.span.begin)
        if i is not None:
            own.append((node, _YCG_section, sections[i]))

    for r in relations:
        s, p, o = iri(r.subject), u(YCG[r.predicate]), iri(r.object)
        own.append((s, p, o))
        st = iri(statement_iri(doc.doc_id, r.subject, r.predicate, r.object))
        own += [(st, _A, _RDF_Statement), (st, _RDF_subject, s), (st, _RDF_predicate, p),
                (st, _RDF_object, o)]
        for span in r.evidence:
            for node in mention_nodes.get((span.begin, span.end), ()):
                own.append((st, _PROV_wasDerivedFrom, node))

    sources = tuple(sources)
    activity = iri(f"{YCR}build/{short_hash(builder + '|' + '|'.join(sources), 12)}")
    shared += [(activity, _A, _PROV_Activity), (activity, _A, _YCG_Build), (activity, _LABEL, lit(builder))]
    shared += [(activity, _DCTERMS_source, lit(src)) for src in sources]
    own.append((activity, _PROV_used, art))
    # Order is fixed by construction; the writers sort what they write.
    return ArticleTriples(art[1:-1], tuple(dict.fromkeys(shared)), tuple(dict.fromkeys(own)))
