"""SHACL shapes (ontology/shapes.ttl) and ycgraph.rdf.validate."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from rdf_fixtures import TEXT_A, article_a, article_b, article_iri, build_activity, merged, zh
from rdflib import Graph, Literal, URIRef
from rdflib.namespace import DCTERMS, PROV, RDF, RDFS, XSD

from ycgraph.errors import ValidationError, YcgraphError
from ycgraph.rdf.alignment import align
from ycgraph.rdf.namespaces import NIF, YCG, YCR
from ycgraph.rdf.validate import Validator, Violation, check, validate

ART_A = article_iri(TEXT_A)
YIDU = YCR["division/420581"]
TARGET = YCR["target/gdp-8"]


def good_graph() -> Graph:
    a, b = article_a(), article_b()
    return merged(a, b, build_activity(a, b))


def mention_of(g: Graph, entity: URIRef) -> URIRef:
    return sorted(g.subjects(YCG.denotes, entity))[0]


def test_hand_built_graph_conforms() -> None:
    report = validate(good_graph())
    assert report.conforms, report.text
    assert report.violations == []


def test_aligned_graph_still_conforms() -> None:
    g = good_graph()
    g += align(g)
    report = validate(g)
    assert report.conforms, report.text


def _set(g: Graph, s: URIRef, p: URIRef, o: Literal | URIRef) -> None:
    g.set((s, p, o))


def _remove(g: Graph, s: URIRef | None, p: URIRef, o: URIRef | Literal | None = None) -> None:
    g.remove((s, p, o))


def _set_on_mention(entity: URIRef, p: URIRef, o: Literal | URIRef) -> Callable[[Graph], None]:
    return lambda g: g.set((mention_of(g, entity), p, o))


BROKEN: list[tuple[str, Callable[[Graph], None], str, str | None, str]] = [
    ("missing label", lambda g: _remove(g, YIDU, RDFS.label), "ycr:division/420581", "rdfs:label", "rdfs:label"),
    ("label not @zh", lambda g: _set(g, YIDU, RDFS.label, Literal("Yidu")), "ycr:division/420581", "rdfs:label",
     "@zh"),
    ("short admin code", lambda g: _set(g, YCR["division/420500"], YCG.adminCode, Literal("4205")),
     "ycr:division/420500", "ycg:adminCode", "six-digit"),
    ("negative offset",
     _set_on_mention(YCR["official/zhang-san"], NIF.beginIndex, Literal(-3, datatype=XSD.nonNegativeInteger)),
     "ycr:mention/", "nif:beginIndex", "nonNegativeInteger"),
    ("begin after end",
     _set_on_mention(YCR["official/zhang-san"], NIF.beginIndex, Literal(20, datatype=XSD.nonNegativeInteger)),
     "ycr:mention/", "nif:beginIndex", "not after nif:endIndex"),
    ("offset as plain integer",
     _set_on_mention(YCR["official/zhang-san"], NIF.endIndex, Literal(8)),
     "ycr:mention/", "nif:endIndex", "nonNegativeInteger"),
    ("target without value", lambda g: _remove(g, TARGET, YCG.value), "ycr:target/gdp-8", "ycg:value",
     "exactly one ycg:value"),
    ("target value not decimal", lambda g: _set(g, TARGET, YCG.value, Literal("8%")), "ycr:target/gdp-8",
     "ycg:value", "xsd:decimal"),
    ("target with two units", lambda g: g.add((TARGET, YCG.unit, Literal("亿元"))), "ycr:target/gdp-8", "ycg:unit",
     "exactly one ycg:unit"),
    ("target comparator unknown", lambda g: _set(g, TARGET, YCG.comparator, YCR["x"]), "ycr:target/gdp-8",
     "ycg:comparator", "ycg:AtLeast"),
    ("anchor differs from text", _set_on_mention(YCR["enterprise/xing-fa"], NIF.anchorOf, Literal("兴X")),
     "ycr:mention/", "nif:anchorOf", "differs from the text"),
    ("span past the text",
     _set_on_mention(YCR["official/zhang-san"], NIF.endIndex, Literal(999, datatype=XSD.nonNegativeInteger)),
     "ycr:mention/", None, "runs past the end"),
    ("mention without denotes", lambda g: _remove(g, mention_of(g, YCR["slogan/shi-gan-jing-shen"]), YCG.denotes),
     "ycr:mention/", "ycg:denotes", "exactly one ycg:denotes"),
    ("mention with two contexts",
     _set_on_mention(YCR["slogan/shi-gan-jing-shen"], NIF.referenceContext, YCR["article/0000000000000000"]),
     "ycr:mention/", "nif:referenceContext", "nif:Context"),
    ("statement without evidence", lambda g: _remove(g, None, PROV.wasDerivedFrom, mention_of(g, YIDU)),
     "ycr:statement/", "prov:wasDerivedFrom", "at least one prov:wasDerivedFrom"),
    ("edge without statement", lambda g: g.add((YIDU, YCG.plans, YCR["project/xing-fa-xin-cai-liao-ji-di-2"])),
     "ycr:division/420581", "ycg:plans", "no rdf:Statement"),
    ("plans a non-project", lambda g: g.add((YIDU, YCG.plans, YCR["slogan/shi-gan-jing-shen"])),
     "ycr:division/420581", "ycg:plans", "ycg:Project"),
    ("official leads nothing real", lambda g: g.add((YCR["official/zhang-san"], YCG.leads, YCR["slogan/shi-gan-jing-shen"])),
     "ycr:official/zhang-san", "ycg:leads", "ycg:Division"),
    ("partOf cycle", lambda g: g.add((YCR["division/CN"], YCG.partOf, YIDU)), "ycr:division/", "ycg:partOf",
     "loops back"),
    ("wrong content hash", lambda g: _set(g, ART_A, YCG.contentHash, Literal("0" * 64)), f"ycr:{ART_A[len(YCR):]}",
     "ycg:contentHash", "SHA-256"),
    ("article IRI not minted", lambda g: g.add((YCR["article/x"], RDF.type, YCG.Article)), "ycr:article/x", None,
     "16 hex"),
    ("contributor is an official", lambda g: g.add((next(g.objects(ART_A, DCTERMS.contributor)), RDF.type,
                                                    YCG.Official)),
     "ycr:person/", "rdf:type", "must not be typed ycg:Official"),
    ("official without position", lambda g: _remove(g, YCR["official/li-si"], YCG.position), "ycr:official/li-si",
     "ycg:position", "ycg:position"),
    ("two prefLabels", lambda g: g.add((YIDU, URIRef("http://www.w3.org/2004/02/skos/core#prefLabel"), zh("宜都"))),
     "ycr:division/420581", "skos:prefLabel", "at most one"),
    ("build without used", lambda g: _remove(g, None, PROV.used), "ycr:build/", "prov:used", "prov:used"),
]


@pytest.mark.parametrize("mutate, focus, path, needle", [b[1:] for b in BROKEN], ids=[b[0] for b in BROKEN])
def test_broken_graph_is_caught_with_a_useful_message(
    mutate: Callable[[Graph], None], focus: str, path: str | None, needle: str
) -> None:
    g = good_graph()
    mutate(g)
    report = validate(g)
    assert not report.conforms
    hits = [v for v in report.violations if v.focus.startswith(focus) and needle in v.message]
    assert hits, report.text
    if path is not None:
        assert any(v.path == path for v in hits), report.text
    assert all(v.severity == "Violation" for v in hits)
    assert needle in report.text


def test_violations_are_sorted_tuples_of_focus_path_message_severity() -> None:
    g = good_graph()
    g.remove((YIDU, RDFS.label, None))
    g.remove((TARGET, YCG.value, None))
    report = validate(g)
    assert len(report.violations) == 2
    focus, path, message, severity = report.violations[0]
    assert (focus, path, severity) == ("ycr:division/420581", "rdfs:label", "Violation")
    assert report.violations == sorted(report.violations, key=lambda v: (v.focus, v.path or ""))
    assert isinstance(report.violations[1], Violation)


def test_check_raises_readable_validation_error() -> None:
    g = good_graph()
    g.set((YCR["division/420500"], YCG.adminCode, Literal("4205")))
    with pytest.raises(ValidationError) as err:
        check(g, name="out/graph.ttl")
    text = str(err.value)
    assert text.splitlines()[0] == "out/graph.ttl does not conform to the ycgraph SHACL shapes:"
    assert 'ycr:division/420500 ycg:adminCode: ycg:adminCode must be one six-digit GB/T 2260 code as an xsd:string (value: "4205")' in text


def test_check_returns_the_report_when_conforming() -> None:
    assert check(good_graph()).conforms


def test_validator_reuses_its_shapes_and_leaves_data_alone() -> None:
    shapes = Graph().parse(data="""
        @prefix sh: <http://www.w3.org/ns/shacl#> .
        @prefix ycg: <https://w3id.org/ycgraph/ontology#> .
        @prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .
        <urn:s> a sh:NodeShape ; sh:targetClass ycg:Slogan ;
            sh:property [ sh:path rdfs:comment ; sh:minCount 1 ; sh:severity sh:Warning ] .
    """, format="turtle")
    validator = Validator(shapes)
    g = good_graph()
    before = len(g)
    report = validator.validate(g)
    assert report.conforms  # warnings do not fail conformance
    assert [v.severity for v in report.violations] == ["Warning"]
    assert len(g) == before and len(shapes) == 6
    assert validator.validate(g) == report


def test_unusable_shapes_are_a_ycgraph_error() -> None:
    shapes = Graph().parse(data="""
        @prefix sh: <http://www.w3.org/ns/shacl#> .
        <urn:s> a sh:NodeShape ; sh:targetNode <urn:x> ;
            sh:sparql [ sh:select "SELECT $this WHERE { VALUES ?x { 1 } }" ] .
    """, format="turtle")
    with pytest.raises(YcgraphError):
        Validator(shapes).validate(good_graph())


# Builder bugs found by these shapes, reported to the lead (rdf/graph.py):
# the article has no rdfs:label@zh; two targets read from one span share one
# mention IRI, so that mention has two ycg:denotes. Drop the marker once fixed.
def test_sample_build_conforms(sample_build) -> None:
    report = validate(sample_build.graph)
    assert report.violations == [], report.text


def test_sample_build_only_fails_on_the_reported_builder_bugs(sample_build) -> None:
    g = sample_build.graph + align(sample_build.graph)
    report = validate(g)
    assert {(v.focus.split("/")[0], v.path) for v in report.violations} <= {
        ("ycr:article", "rdfs:label"),
        ("ycr:mention", "ycg:denotes"),
    }, report.text
