"""ycgraph.rdf.alignment: W3C ORG posts and memberships, SKOS labels, entailed types."""

from __future__ import annotations

from pathlib import Path

import pytest
from rdf_fixtures import TEXT_A, ArticleBuilder, article_a, article_b, article_iri, merged, zh
from rdflib import Graph, Literal, URIRef
from rdflib.compare import isomorphic
from rdflib.namespace import FOAF, ORG, PROV, RDF, RDFS, SKOS, TIME, XSD

from ycgraph.identity import entity_iri
from ycgraph.rdf.alignment import CLASS_ALIGNMENT, ITSRDF, PROPERTY_ALIGNMENT, PostParts, align, parse_post
from ycgraph.vocabulary import SCHEMA, YCG, YCR

ONTOLOGY = Path(__file__).resolve().parents[1] / "ontology" / "ycgraph.ttl"
ZHANG, LI = YCR["official/zhang-san"], YCR["official/li-si"]
YIDU, YICHANG = YCR["division/420581"], YCR["division/420500"]


def memberships(g: Graph, official: URIRef) -> list[URIRef]:
    return sorted(m for m in g.subjects(ORG.member, official) if (m, RDF.type, ORG.Membership) in g)


def test_align_does_not_touch_its_input_and_adds_only_new_triples() -> None:
    g = merged(article_a(), article_b())
    before = set(g)
    extra = align(g)
    assert set(g) == before
    assert len(extra) > 0
    assert not set(extra) & before


def test_party_secretary_gets_post_role_and_membership_in_the_division() -> None:
    g = article_a()
    extra = align(g)
    post = URIRef(entity_iri("post", "宜都市委书记"))
    role = URIRef(entity_iri("role", "书记"))
    assert post.startswith(YCR["post/yi-du-shi-wei-shu-ji-"]) and role.startswith(YCR["role/shu-ji-"])
    assert (ZHANG, ORG.holds, post) in extra and (post, ORG.heldBy, ZHANG) in extra
    assert (post, RDF.type, ORG.Post) in extra
    assert extra.value(post, RDFS.label) == zh("宜都市委书记")
    assert extra.value(post, ORG.role) == role
    assert extra.value(post, ORG.postIn) == YIDU
    assert set(extra.objects(role, RDF.type)) == {ORG.Role, SKOS.Concept}
    assert extra.value(role, SKOS.prefLabel) == zh("书记")
    assert (YIDU, RDF.type, ORG.Organization) in extra
    [membership] = memberships(extra, ZHANG)
    assert str(membership).startswith(str(YCR["membership/"]))
    assert extra.value(membership, ORG.organization) == YIDU
    assert extra.value(membership, ORG.role) == role
    assert extra.value(membership, PROV.wasDerivedFrom) == article_iri(TEXT_A)
    interval = extra.value(membership, ORG.memberDuring)
    assert (interval, RDF.type, TIME.Interval) in extra
    instant = extra.value(interval, TIME.hasBeginning)
    assert (instant, RDF.type, TIME.Instant) in extra
    assert extra.value(instant, TIME.inXSDDate) == Literal("2026-03-01", datatype=XSD.date)


def test_other_organs_are_organisations_serving_the_division() -> None:
    extra = align(article_b())
    post = URIRef(entity_iri("post", "宜昌市人大常委会主任"))
    organ = URIRef(entity_iri("organization", f"宜昌市人大常委会|{YICHANG}"))
    assert organ.startswith(YCR["organization/yi-chang-shi-ren-da-chang-wei-hui-"])
    assert extra.value(post, ORG.postIn) == organ
    assert (organ, RDF.type, ORG.Organization) in extra
    assert extra.value(organ, RDFS.label) == zh("宜昌市人大常委会")
    assert extra.value(organ, SCHEMA.areaServed) == YICHANG
    assert (YICHANG, RDF.type, ORG.Organization) not in extra
    [membership] = memberships(extra, LI)
    assert extra.value(membership, ORG.role) == URIRef(entity_iri("role", "主任"))


def test_membership_begins_at_the_earliest_article_and_cites_every_article() -> None:
    a = article_a()
    later = ArticleBuilder("宜都市委书记张三再次调研。", date="2026-04-02", source="c.txt", contributor="王五")
    later.divisions("420581")
    later.entity("official", YCG.Official, "zhang-san", "张三")
    later.g.add((ZHANG, YCG.position, zh("宜都市委书记")))
    extra = align(merged(later.g, a))
    [membership] = memberships(extra, ZHANG)
    assert set(extra.objects(membership, PROV.wasDerivedFrom)) == {article_iri(TEXT_A), later.article}
    begin = extra.value(extra.value(membership, ORG.memberDuring), TIME.hasBeginning)
    assert extra.value(begin, TIME.inXSDDate) == Literal("2026-03-01", datatype=XSD.date)


def test_no_date_no_interval_and_unknown_division_no_membership() -> None:
    g = Graph()
    g.add((YIDU, RDF.type, YCG.Division))
    g.add((YIDU, RDFS.label, zh("宜都市")))
    for name, post in (("a", "宜都市市长"), ("b", "某某集团董事长")):
        g.add((YCR[f"official/{name}"], RDF.type, YCG.Official))
        g.add((YCR[f"official/{name}"], YCG.position, zh(post)))
    extra = align(g)
    [m] = memberships(extra, YCR["official/a"])
    assert extra.value(m, ORG.memberDuring) is None
    assert extra.value(extra.value(m, ORG.role), SKOS.prefLabel) == zh("市长")
    assert memberships(extra, YCR["official/b"]) == []
    post_b = URIRef(entity_iri("post", "某某集团董事长"))
    assert (post_b, RDF.type, ORG.Post) in extra and extra.value(post_b, ORG.postIn) is None


def test_skos_preflabel_is_added_only_where_missing() -> None:
    extra = align(article_a())
    assert extra.value(YCR["slogan/shi-gan-jing-shen"], SKOS.prefLabel) == zh("实干精神")
    assert extra.value(YCR["project/jin-ying-xin-cai-liao-ji-di"], SKOS.prefLabel) == zh("金鹰新材料基地")
    assert extra.value(YCR["enterprise/jin-ying"], SKOS.prefLabel) is None  # the fixture already has one
    assert extra.value(ZHANG, SKOS.prefLabel) is None  # officials keep rdfs:label only


def test_entailed_types_and_superproperties() -> None:
    g = article_a()
    extra = align(g)
    assert (ZHANG, RDF.type, FOAF.Person) in extra
    assert (YIDU, RDF.type, SCHEMA.AdministrativeArea) in extra
    assert (YIDU, SCHEMA.containedInPlace, YICHANG) in extra
    assert (YCR["slogan/shi-gan-jing-shen"], RDF.type, SKOS.Concept) in extra
    mention = next(g.subjects(YCG.denotes, ZHANG))
    assert (mention, ITSRDF.taIdentRef, ZHANG) in extra
    plain = align(g, entailments=False)
    assert (ZHANG, RDF.type, FOAF.Person) not in plain
    assert set(plain) < set(extra)


def _closure(g: Graph, start: URIRef, prop: URIRef) -> set[URIRef]:
    seen: set[URIRef] = set()
    todo = [start]
    while todo:
        for sup in g.objects(todo.pop(), prop):
            if isinstance(sup, URIRef) and sup not in seen:
                seen.add(sup)
                todo.append(sup)
    return seen


def test_alignment_tables_follow_the_ontology_axioms() -> None:
    onto = Graph().parse(ONTOLOGY, format="turtle")
    classes = {c for c in onto.subjects(RDF.type, URIRef("http://www.w3.org/2002/07/owl#Class"))
               if isinstance(c, URIRef) and c.startswith(str(YCG._NS))}
    expected = {c: _closure(onto, c, RDFS.subClassOf) for c in classes}
    assert {c: set(s) for c, s in CLASS_ALIGNMENT.items()} == {c: s for c, s in expected.items() if s}
    props = {p: _closure(onto, p, RDFS.subPropertyOf) for p in onto.subjects(RDFS.subPropertyOf, None)}
    assert {p: {s} for p, s in PROPERTY_ALIGNMENT.items()} == props


def test_align_is_deterministic() -> None:
    g = merged(article_a(), article_b())
    assert isomorphic(align(g), align(merged(article_b(), article_a())))
    assert sorted(align(g)) == sorted(align(g))


D = URIRef("https://w3id.org/ycgraph/id/division/420500")
Z = URIRef("https://w3id.org/ycgraph/id/division/zone-gao-xin")
NAMES = [("宜昌市", D), ("宜昌", D), ("宜昌高新区", Z)]


@pytest.mark.parametrize(
    "post, expected",
    [
        ("宜昌市委书记", PostParts(D, "委", "书记")),
        ("宜昌市委副书记", PostParts(D, "委", "副书记")),
        ("宜昌市市长", PostParts(D, "", "市长")),
        ("宜昌市人民政府副市长", PostParts(D, "人民政府", "副市长")),
        ("宜昌市人大常委会党组成员", PostParts(D, "人大常委会", "党组成员")),
        ("宜昌市政协主席", PostParts(D, "政协", "主席")),
        ("宜昌高新区党工委书记", PostParts(Z, "党工委", "书记")),
        ("国家发改委主任", PostParts(None, "", "主任", "国家发改委")),
        ("宜昌市发改委主任", PostParts(D, "发改委", "主任")),
        ("宜昌市文旅局负责人", PostParts(D, "", "文旅局负责人")),
        ("董事长", PostParts(None, "", "董事长")),
    ],
)
def test_parse_post(post: str, expected: PostParts) -> None:
    assert parse_post(post, NAMES) == expected
