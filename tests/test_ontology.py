"""ontology/ycgraph.ttl agrees with the checked vocabulary (YCG) and with what the builder emits."""

from __future__ import annotations

from pathlib import Path

import pytest
from rdflib import Graph, Literal, URIRef
from rdflib.namespace import FOAF, ORG, OWL, PROV, RDF, RDFS, SKOS

from ycgraph.rdf.alignment import ITSRDF
from ycgraph.vocabulary import NIF, ONTOLOGY_IRI, SCHEMA, YCG
from ycgraph.rdf.resources import ONTOLOGY_FILES, ontology_path

ONTOLOGY = Path(__file__).resolve().parents[1] / "ontology" / "ycgraph.ttl"
VS_STATUS = URIRef("http://www.w3.org/2003/06/sw-vocab-status/ns#term_status")
NS = str(YCG._NS)
MEMBERS = {YCG[name] for name in YCG.__annotations__}


@pytest.fixture(scope="module")
def onto() -> Graph:
    return Graph().parse(ONTOLOGY, format="turtle")


def ycg_terms(g: Graph) -> set[URIRef]:
    return {t for triple in g for t in triple if isinstance(t, URIRef) and t.startswith(NS)}


def declared(g: Graph) -> set[URIRef]:
    kinds = (OWL.Class, OWL.ObjectProperty, OWL.DatatypeProperty, OWL.NamedIndividual)
    return {s for k in kinds for s in g.subjects(RDF.type, k) if isinstance(s, URIRef) and s.startswith(NS)}


@pytest.mark.parametrize("name", ONTOLOGY_FILES)
def test_the_package_ships_the_published_ontology_as_it_is(name: str) -> None:
    # ontology/ is the published vocabulary; the package carries the same bytes (package data).
    published = Path(__file__).resolve().parents[1] / "ontology" / name
    assert ontology_path(name).read_bytes() == published.read_bytes()
    assert ontology_path(name).parent != published.parent


def test_ontology_header(onto: Graph) -> None:
    assert (ONTOLOGY_IRI, RDF.type, OWL.Ontology) in onto
    assert onto.value(ONTOLOGY_IRI, OWL.versionInfo) == Literal("0.1.0")


def test_every_vocabulary_term_is_declared_and_nothing_else(onto: Graph) -> None:
    assert len(MEMBERS) == 36
    assert declared(onto) == MEMBERS
    assert ycg_terms(onto) == MEMBERS  # no ycg: IRI anywhere in the file that YCG lacks


@pytest.mark.parametrize("term", sorted(MEMBERS), ids=lambda t: t.rsplit("#", 1)[-1])
def test_term_is_labelled_and_commented_in_chinese_and_english(onto: Graph, term: URIRef) -> None:
    for prop in (RDFS.label, RDFS.comment):
        langs = sorted(lit.language for lit in onto.objects(term, prop) if isinstance(lit, Literal))
        assert langs == ["en", "zh"], (term, prop, langs)
    assert onto.value(term, VS_STATUS) in {Literal("stable"), Literal("testing"), Literal("unstable")}


def test_properties_have_domains_and_ranges(onto: Graph) -> None:
    open_range = {YCG.mentions, YCG.denotes}  # any entity
    for kind in (OWL.ObjectProperty, OWL.DatatypeProperty):
        for prop in onto.subjects(RDF.type, kind):
            if not str(prop).startswith(NS):
                continue
            assert onto.value(prop, RDFS.domain) is not None, prop
            assert (onto.value(prop, RDFS.range) is not None) or prop in open_range, prop


def test_comparators_are_the_individuals_of_comparator(onto: Graph) -> None:
    assert set(onto.subjects(RDF.type, YCG.Comparator)) == {YCG.AtLeast, YCG.AtMost, YCG.Approximately, YCG.Exactly}


@pytest.mark.parametrize(
    "sub, rel, sup",
    [
        (YCG.Official, RDFS.subClassOf, FOAF.Person),
        (YCG.Division, RDFS.subClassOf, SCHEMA.AdministrativeArea),
        (YCG.DevelopmentZone, RDFS.subClassOf, YCG.Division),
        (YCG.Enterprise, RDFS.subClassOf, ORG.FormalOrganization),
        (YCG.Slogan, RDFS.subClassOf, SKOS.Concept),
        (YCG.Article, RDFS.subClassOf, SCHEMA.NewsArticle),
        (YCG.Article, RDFS.subClassOf, NIF.Context),
        (YCG.Mention, RDFS.subClassOf, NIF.Phrase),
        (YCG.Build, RDFS.subClassOf, PROV.Activity),
        (YCG.partOf, RDFS.subPropertyOf, SCHEMA.containedInPlace),
        (YCG.denotes, RDFS.subPropertyOf, ITSRDF.taIdentRef),
    ],
)
def test_alignment_axioms(onto: Graph, sub: URIRef, rel: URIRef, sup: URIRef) -> None:
    assert (sub, rel, sup) in onto


def test_reserved_terms_are_exactly_the_unstable_ones(onto: Graph) -> None:
    unstable = set(onto.subjects(VS_STATUS, Literal("unstable")))
    noted = {s for s in onto.subjects(SKOS.editorialNote, None) if s.startswith(NS)}
    assert unstable == noted


# Terms the builder emits in general but the one sample article may not need,
# and ycg:Comparator, whose individuals are typed in the ontology, not in the data.
NOT_IN_EVERY_BUILD = {YCG.AtMost, YCG.Approximately, YCG.Exactly, YCG.Comparator}


def test_sample_build_uses_only_declared_terms_and_every_emitted_term_is_not_reserved(onto: Graph, sample_build) -> None:
    used = ycg_terms(sample_build.graph)
    assert used <= MEMBERS, sorted(used - MEMBERS)
    unstable = set(onto.subjects(VS_STATUS, Literal("unstable")))
    assert not used & unstable, sorted(used & unstable)
    # what the sample does not use is either reserved or a value the sample just lacks
    assert MEMBERS - used <= unstable | NOT_IN_EVERY_BUILD, sorted(MEMBERS - used - unstable - NOT_IN_EVERY_BUILD)
