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

import hashlib
from bisect import bisect_right
from dataclasses import dataclass
from functools import lru_cache
from typing import Iterable

from rdflib.namespace import DCTERMS, FOAF, PROV, RDF, RDFS, SKOS, XSD

from ..identity import article_iri, division_iri, mention_iri, section_iri, short_hash, statement_iri
from ..model import Comparator, Document, Entity, Kind, Relation
from ..resolve import Resolution
from ..vocabulary import (CLASS_ALIGNMENT, CLASS_OF, ITSRDF, NIF, PREFIXES, PROPERTY_ALIGNMENT, SCHEMA, YCG, YCR,
                          RelationType)
from .terms import Triple, from_pyoxigraph, iri, lit, to_ntriples, to_rdflib, turtle_header, typed

COMPARATOR = {
    Comparator.AT_LEAST: YCG.AtLeast,
    Comparator.AT_MOST: YCG.AtMost,
    Comparator.ABOUT: YCG.Approximately,
    Comparator.EXACTLY: YCG.Exactly,
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
    """One article's triples: ``shared`` describe entities; the article's ``own`` come written as Turtle.

    ``shared`` triples (the same in every article naming the entity) stay term
    tuples, since the builder writes each only once per graph. The article's own
    triples (its text, mentions, statements: most of them) come as Turtle
    statements, UTF-8 encoded, in ``own_turtle``: relative to :data:`OWN_HEADER`
    (``@base`` ycr: and :data:`PREFIXES`), a node's triples in one statement. One
    bytes object, about a quarter of the N-Triples size, is cheap to make, to pass
    between processes, to cache and to write as it is. ``own`` reads the triples
    back as term tuples when they are needed; ``own_count`` says how many there are.
    """

    article: str  # the article's IRI
    shared: tuple[Triple, ...]
    own_turtle: bytes
    own_count: int
    # A digest of each shared triple (see triple_key): what a writer remembers to write each only once.
    shared_keys: tuple[bytes, ...]

    @property
    def own(self) -> tuple[Triple, ...]:
        return parse_own_turtle(self.own_turtle)

    def all(self) -> tuple[Triple, ...]:
        return self.shared + self.own

    def __len__(self) -> int:
        return len(set(self.shared) | set(self.own))

    def to_graph(self):
        """These triples as an rdflib Graph (for validation, analysis, exports)."""
        return to_rdflib(self.all(), PREFIXES)


OWN_HEADER = turtle_header(PREFIXES, str(YCR))


def parse_own_turtle(own_turtle: bytes) -> tuple[Triple, ...]:
    """Term tuples (N-Triples strings, as the builder makes them) from an article's own Turtle.

    >>> parse_own_turtle(b'<mention/a/1-3-slogan> nif:beginIndex "1"^^xsd:nonNegativeInteger ; nif:anchorOf "x y" .')[1]
    ('<https://w3id.org/ycgraph/id/mention/a/1-3-slogan>', '<http://persistence.uni-leipzig.org/nlp2rdf/ontologies/nif-core#anchorOf>', '"x y"')
    """
    from pyoxigraph import RdfFormat, parse

    return tuple((f"<{q.subject.value}>", f"<{q.predicate.value}>", from_pyoxigraph(q.object))
                 for q in parse(OWN_HEADER + own_turtle, RdfFormat.TURTLE))


# The types and super-properties the ontology's alignment axioms entail, written with the triples
# that entail them, so SPARQL users without a reasoner find the data under the standard terms too.
_SUPERS = {cls: tuple(u(sup) for sup in sups) for cls, sups in CLASS_ALIGNMENT.items()}
_CONTAINED_IN = u(PROPERTY_ALIGNMENT[YCG.partOf])


def entity_triples(e: Entity) -> list[Triple]:
    s = iri(e.iri)
    cls = CLASS_OF[e.kind]
    out = [(s, _A, u(cls)), (s, _LABEL, zh(e.label))]
    if e.kind is Kind.DIVISION and e.key.startswith("zone:"):
        cls = YCG.DevelopmentZone
    out += [(s, _A, sup) for sup in _SUPERS.get(cls, ()) if sup != u(YCG.Division)]
    if e.kind is not Kind.TARGET:
        out.append((s, _PREF, zh(e.label)))
    out += [(s, _ALT, zh(a)) for a in e.aliases]
    if e.kind is Kind.DIVISION:
        if e.key.startswith("zone:"):
            out.append((s, _A, _YCG_DevelopmentZone))
        if e.admin_code:
            out.append((s, _YCG_adminCode, lit(e.admin_code)))
        if e.parent:
            out += [(s, _YCG_partOf, iri(e.parent)), (s, _CONTAINED_IN, iri(e.parent))]
        if e.level:
            out.append((s, _YCG_divisionLevel, zh(e.level)))
    out += [(s, _YCG_position, zh(p)) for p in e.posts]
    if e.target is not None:
        t = e.target
        out += [(s, _YCG_indicator, zh(t.indicator)), (s, _YCG_value, typed(t.value, "decimal")),
                (s, _YCG_unit, lit(t.unit)), (s, _YCG_comparator, u(COMPARATOR[t.comparator]))]
    return out


def triple_key(t: Triple) -> bytes:
    """A 128-bit digest of a triple. A corpus build remembers millions of shared triples it has
    written; digests are cheaper to keep and compare than the strings.

    >>> len(triple_key(("<urn:a>", "<urn:p>", '"x"'))), triple_key(("<urn:a>", "<urn:p>", '"x"')) == triple_key(("<urn:a>", "<urn:p>", '"y"'))
    (16, False)
    """
    return hashlib.blake2b(f"{t[0]} {t[1]} {t[2]}".encode("utf-8"), digest_size=16).digest()


@lru_cache(maxsize=65536)
def _shared_entity_triples(e: Entity) -> tuple[tuple[Triple, bytes], ...]:
    # Most entities of an article were described, identically, by articles before it.
    return tuple((t, triple_key(t)) for t in entity_triples(e))


def article_triples(doc: Document, res: Resolution, relations: Iterable[Relation], sha256: str,
                    builder: str, sources: Iterable[str] = ()) -> ArticleTriples:
    """All triples of one article: metadata, entities, mentions, relations, provenance.

    The article's own triples are written straight into Turtle, a node's triples
    in one statement (a build makes millions; tuples first would cost twice, and
    N-Triples four times the bytes). Their order is fixed by construction, and no
    triple is written twice.
    """
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

    shared: list[tuple[Triple, bytes]] = []  # with their keys
    for e in res.entities.values():
        # A target is one article's statement: its triples are the article's own.
        if e.kind is Kind.TARGET:
            own.extend(entity_triples(e))
        else:
            shared.extend(_shared_entity_triples(e))
        if e.kind is Kind.CONTRIBUTOR:
            own.append((art, _DCTERMS_contributor, iri(e.iri)))
    own = list(dict.fromkeys(own))
    chunks = [to_ntriples(own)]  # N-Triples lines are Turtle too
    count = len(own)

    # From here on, IRIs under ycr: are written relative to the @base (<mention/…>), terms prefixed.
    rel_art = _ycr(article_iri(doc.doc_id))
    sections = []
    for n, sec in enumerate(doc.sections):
        node = _ycr(section_iri(doc.doc_id, n))
        sections.append(node)
        chunks.append(f"{node} a ycg:Section, nif:Structure ; nif:referenceContext {rel_art} ; "
                      f'nif:beginIndex "{sec.span.begin}"{_NNI} ; nif:endIndex "{sec.span.end}"{_NNI} ; '
                      f"ycg:sectionOf {_ycr(division_iri(sec.division))} .\n")
        count += 6

    text = doc.text
    # Where each mention's section is looked up (Document.section_at, by a list made once).
    section_begins = [sec.span.begin for sec in doc.sections]
    section_ends = [sec.span.end for sec in doc.sections]
    relative: dict[str, str] = {}  # entity IRI -> its term here (most entities are named more than once)
    mention_nodes: dict[tuple[int, int], dict[str, None]] = {}
    node_links: dict[str, set[tuple[str, str]]] = {}  # mention node -> its (denotes, rule) written so far
    for m, target in res.mention_entity.items():
        begin, end = m.span.begin, m.span.end
        # Two targets may share a span (各2栋): each gets a mention node of its own.
        kind = m.kind.value
        if m.kind is Kind.TARGET:
            kind = f"{kind}-{m.key.rsplit('-', 1)[-1]}"
        node = _ycr(mention_iri(doc.doc_id, begin, end, kind))
        mention_nodes.setdefault((begin, end), {})[node] = None
        denotes = relative.get(target)
        if denotes is None:
            denotes = relative[target] = _ycr(target)
        rule = _rule(m.rule)
        written = node_links.get(node)
        if written is None:  # the node's statement
            node_links[node] = {("d", denotes), ("r", rule)}
            i = bisect_right(section_begins, begin) - 1
            in_section = f" ; ycg:section {sections[i]}" if i >= 0 and begin < section_ends[i] else ""
            chunks.append(f"{node} a ycg:Mention, nif:Phrase ; nif:referenceContext {rel_art} ; "
                          f'nif:beginIndex "{begin}"{_NNI} ; nif:endIndex "{end}"{_NNI} ; '
                          f"nif:anchorOf {lit(text[begin:end])} ; ycg:denotes {denotes} ; "
                          f"itsrdf:taIdentRef {denotes} ; ycg:rule {rule}{in_section} .\n")
            count += 10 if in_section else 9
            continue
        # Another mention of the same span and kind: only the links it adds.
        for key, line in ((("d", denotes), f"{node} ycg:denotes {denotes} ; itsrdf:taIdentRef {denotes} .\n"),
                          (("r", rule), f"{node} ycg:rule {rule} .\n")):
            if key not in written:
                written.add(key)
                chunks.append(line)
                count += line.count(" ; ") + 1

    for r in relations:
        name, p, p_iri = _predicate_terms(r.predicate)
        s = relative.get(r.subject) or relative.setdefault(r.subject, _ycr(r.subject))
        o = relative.get(r.object) or relative.setdefault(r.object, _ycr(r.object))
        # The edge itself is the same in every article stating it: shared, so a graph holds it once.
        edge = (iri(r.subject), p_iri, iri(r.object))
        shared.append((edge, triple_key(edge)))
        st = _ycr(statement_iri(doc.doc_id, r.subject, name, r.object))
        sources_of = [node for span in r.evidence for node in mention_nodes.get((span.begin, span.end), ())]
        derived = f" ; prov:wasDerivedFrom {', '.join(sources_of)}" if sources_of else ""
        chunks.append(f"{st} a rdf:Statement ; rdf:subject {s} ; rdf:predicate {p} ; "
                      f"rdf:object {o}{derived} .\n")
        count += 4 + len(sources_of)

    sources = tuple(sources)
    activity = iri(f"{YCR}build/{short_hash(builder + '|' + '|'.join(sources), 12)}")
    about_build = [(activity, _A, _PROV_Activity), (activity, _A, _YCG_Build), (activity, _LABEL, lit(builder))]
    about_build += [(activity, _DCTERMS_source, lit(src)) for src in sources]
    shared += [(t, triple_key(t)) for t in about_build]
    chunks.append(f"{activity} {_PROV_used} {art} .\n")
    count += 1
    shared = list(dict.fromkeys(shared))  # (a triple's key goes with it: pairs dedupe as triples do)
    return ArticleTriples(art[1:-1], tuple(t for t, _ in shared), "".join(chunks).encode("utf-8"), count,
                          tuple(k for _, k in shared))


_BASE = str(YCR)


def _ycr(value: str) -> str:
    """An IRI as a term of the article's own Turtle: relative to the @base (``<mention/…>``) under ycr:."""
    return f"<{value[len(_BASE):]}>" if value.startswith(_BASE) else f"<{value}>"


_NNI = "^^xsd:nonNegativeInteger"


@lru_cache(maxsize=None)
def _predicate_terms(predicate: RelationType) -> tuple[str, str, str]:
    """A relation's ``ycg:`` local name, its prefixed name and its IRI term."""
    name = RelationType(predicate).value
    return name, f"ycg:{name}", iri(str(YCG._NS) + name)


@lru_cache(maxsize=None)
def _rule(name: str) -> str:
    return lit(name)
