"""The vocabulary: every namespace, prefix, class and relation the package writes or reads, defined once.

Low in the layout (it imports nothing of ycgraph but the kinds in
:mod:`ycgraph.model`): the RDF writers, the network, the analysis, the
views and SPARQL all take their terms from here, and no raw ``ycgraph`` IRI
string stands anywhere else.

``YCG`` is a :class:`rdflib.namespace.DefinedNamespace`: a misspelt term
raises instead of silently minting a new IRI. ``tests/test_ontology.py``
checks that these names and the terms declared in ``ontology/ycgraph.ttl``
agree both ways.

>>> str(YCG.leads)
'https://w3id.org/ycgraph/ontology#leads'
>>> YCG.leadz
Traceback (most recent call last):
...
AttributeError: term 'leadz' not in namespace 'https://w3id.org/ycgraph/ontology#'
>>> [r.value for r in RelationType]
['leads', 'mentions', 'plans', 'promotes', 'setsTarget', 'involves']
>>> str(RelationType.PLANS.iri)
'https://w3id.org/ycgraph/ontology#plans'
"""

from __future__ import annotations

from enum import Enum

from rdflib import Namespace, URIRef
from rdflib.namespace import DCTERMS, FOAF, ORG, PROV, RDF, RDFS, SKOS, TIME, XSD, DefinedNamespace

from .model import Kind

YCR = Namespace("https://w3id.org/ycgraph/id/")
NIF = Namespace("http://persistence.uni-leipzig.org/nlp2rdf/ontologies/nif-core#")
SCHEMA = Namespace("https://schema.org/")
ITSRDF = Namespace("http://www.w3.org/2005/11/its/rdf#")
ONTOLOGY_IRI = URIRef("https://w3id.org/ycgraph/ontology")


class YCG(DefinedNamespace):
    """The ycgraph ontology (``ontology/ycgraph.ttl``)."""

    _NS = Namespace("https://w3id.org/ycgraph/ontology#")
    _fail = True

    # Classes
    Official: URIRef  # a named person holding a public post
    Division: URIRef  # an administrative division or development zone
    DevelopmentZone: URIRef  # a division without a GB/T 2260 code (高新区, 经开区 ...)
    Enterprise: URIRef  # a named company or company group
    Project: URIRef  # a named construction, investment, tourism or R&D undertaking
    Slogan: URIRef  # a quoted policy phrase
    Target: URIRef  # a quantified goal or commitment
    Article: URIRef  # one source document
    Section: URIRef  # the part of an article attributed to one division
    Mention: URIRef  # a span of an article that names an entity
    Comparator: URIRef  # how a target value is meant
    Build: URIRef  # one run of the builder (a prov:Activity)

    # Contract properties (../shared/spec/extraction-contract.md)
    adminCode: URIRef
    partOf: URIRef
    leads: URIRef
    position: URIRef
    mentions: URIRef
    plans: URIRef
    promotes: URIRef
    setsTarget: URIRef
    involves: URIRef
    value: URIRef
    unit: URIRef
    indicator: URIRef
    denotes: URIRef

    # Extensions
    comparator: URIRef  # target -> ycg:AtLeast / AtMost / Approximately / Exactly
    divisionLevel: URIRef  # 省 / 地级市 / 县级市 / 市辖区 / 县 / 开发区 ...
    rule: URIRef  # which rule or dictionary found a mention
    section: URIRef  # mention -> the section it lies in
    sectionOf: URIRef  # section -> the division it is attributed to
    sourceFile: URIRef  # article -> file name it was read from
    contentHash: URIRef  # article -> sha256 of its text

    # Comparator individuals
    AtLeast: URIRef
    AtMost: URIRef
    Approximately: URIRef
    Exactly: URIRef


# The ontology's subclass / subproperty axioms towards standard vocabularies
# (ontology/ycgraph.ttl; tests/test_alignment.py checks they agree), closed
# over ycg:DevelopmentZone ⊑ ycg:Division.
CLASS_ALIGNMENT: dict[URIRef, tuple[URIRef, ...]] = {
    YCG.Official: (FOAF.Person,),
    YCG.Division: (SCHEMA.AdministrativeArea,),
    YCG.DevelopmentZone: (YCG.Division, SCHEMA.AdministrativeArea),
    YCG.Enterprise: (ORG.FormalOrganization,),
    YCG.Slogan: (SKOS.Concept,),
    YCG.Article: (SCHEMA.NewsArticle, NIF.Context),
    YCG.Section: (NIF.Structure,),
    YCG.Mention: (NIF.Phrase,),
    YCG.Build: (PROV.Activity,),
}
PROPERTY_ALIGNMENT: dict[URIRef, URIRef] = {
    YCG.partOf: SCHEMA.containedInPlace,
    YCG.denotes: ITSRDF.taIdentRef,
}


class RelationType(str, Enum):
    """The relations between entities that consumers read (the contract's edges), by ``ycg:`` local name."""

    LEADS = "leads"  # official -> the division whose party secretary they are
    MENTIONS = "mentions"  # division -> enterprise / project / slogan its statement names
    PLANS = "plans"  # division -> project
    PROMOTES = "promotes"  # division -> slogan
    SETS_TARGET = "setsTarget"  # division -> target
    INVOLVES = "involves"  # project -> enterprise

    @property
    def iri(self) -> URIRef:
        return YCG[self.value]


# Each entity kind's class.
CLASS_OF: dict[Kind, URIRef] = {
    Kind.DIVISION: YCG.Division,
    Kind.OFFICIAL: YCG.Official,
    Kind.ENTERPRISE: YCG.Enterprise,
    Kind.PROJECT: YCG.Project,
    Kind.SLOGAN: YCG.Slogan,
    Kind.TARGET: YCG.Target,
    Kind.CONTRIBUTOR: FOAF.Person,
}

# Prefixes of the written Turtle and of SPARQL queries (which may use them without declaring them).
PREFIXES: dict[str, str] = {
    "ycg": str(YCG._NS), "ycr": str(YCR), "nif": str(NIF), "prov": str(PROV), "dcterms": str(DCTERMS),
    "skos": str(SKOS), "foaf": str(FOAF), "schema": str(SCHEMA), "xsd": str(XSD), "rdfs": str(RDFS),
    "rdf": str(RDF), "itsrdf": str(ITSRDF), "org": str(ORG), "time": str(TIME),
}
