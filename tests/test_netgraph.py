"""Typed records → networkx (ycgraph.netgraph.NetworkBuilder)."""

from __future__ import annotations

import random

import networkx as nx
import pytest
from browser_fixtures import RELATIONS, TEXT, iri, sample_build, sentence_with, small_extraction, small_network  # noqa: F401

from ycgraph.model import Document, Entity, Kind, Sentence, Span
from ycgraph.netgraph import KINDS, NetworkBuilder, evidence_sentence, post_division


def test_one_node_per_entity_with_kind_and_labels() -> None:
    G = small_network()
    assert G.number_of_nodes() == 12
    yidu = G.nodes[iri("yidu")]
    assert (yidu["kind"], yidu["label"], yidu["names"], yidu["admin_code"], yidu["level"]) == (
        "Division", "宜都市", ("宜都市", "宜都"), "420581", "县级市",
    )
    zhong = G.nodes[iri("zhong")]
    assert (zhong["kind"], zhong["posts"]) == ("Official", ("宜都市委书记",))
    target = G.nodes[iri("gdp_zhijiang")]
    assert (target["indicator"], target["value"], target["unit"], target["comparator"]) == ("GDP增长", "7.5", "%", "AtLeast")
    assert G.nodes[iri("qinglan")]["names"] == ("青岚", "青岚集团")
    assert {d["articles"] for _, d in G.nodes(data=True)} == {1}


def test_contributors_are_not_nodes() -> None:
    records = small_extraction()
    person = Entity("https://w3id.org/ycgraph/id/person/x", Kind.CONTRIBUTOR, "记者甲", "记者甲")
    records.resolution.entities[person.iri] = person
    builder = NetworkBuilder()
    builder.add(records)
    G = builder.network()
    assert person.iri not in G
    assert {d["kind"] for _, d in G.nodes(data=True)} == set(KINDS)


def test_one_edge_per_relation_with_evidence_cut_by_the_documents_sentences() -> None:
    G = small_network()
    edges = {(u, k, v) for u, v, k in G.edges(keys=True)}
    expected = {(iri(s), r, iri(o)) for s, r, o, _ in RELATIONS}
    expected |= {(iri(d), "partOf", iri("city")) for d in ("yidu", "zhijiang")}
    expected |= {(iri("wang"), "holdsPostIn", iri("yidu"))}
    assert edges == expected
    assert G.edges[iri("zhijiang"), iri("yunzhou"), "mentions"]["evidence"] == (sentence_with("云舟生物"),)
    assert G.edges[iri("yidu"), iri("city"), "partOf"]["evidence"] == ()
    # The Document's sentences end at ；: the target's sentence is the clause after it.
    assert G.nodes[iri("gdp_yidu")]["evidence"] == ("全年GDP增长8%以上。",)


def test_officials_are_connected_by_their_posts() -> None:
    G = small_network()
    post = G.edges[iri("wang"), iri("yidu"), "holdsPostIn"]
    assert post["posts"] == ("宜都市副市长",) and post["evidence"] == ("宜都市副市长王五出席。",)
    # A post the official leads the division by is the leads edge, not a second one.
    assert not G.has_edge(iri("zhong"), iri("yidu"), "holdsPostIn")
    assert all(G.degree(n) > 0 for n, d in G.nodes(data=True) if d["kind"] == "Official")


def test_node_evidence_comes_from_the_mentions() -> None:
    G = small_network()
    assert G.nodes[iri("slogan")]["evidence"] == tuple(sorted({sentence_with("践行"), sentence_with("弘扬")}))


def test_order_does_not_depend_on_record_order() -> None:
    records = small_extraction()
    shuffled = small_extraction()
    items = list(shuffled.resolution.entities.items())
    random.Random(7).shuffle(items)
    shuffled.resolution.entities = dict(items)
    rels = list(shuffled.relations)
    random.Random(7).shuffle(rels)
    shuffled.relations = tuple(rels)
    a, b = NetworkBuilder(), NetworkBuilder()
    a.add(records)
    b.add(shuffled)
    A, B = a.network(), b.network()
    assert list(A.nodes(data=True)) == list(B.nodes(data=True))
    assert list(A.edges(keys=True, data=True)) == list(B.edges(keys=True, data=True))
    kinds = [d["kind"] for _, d in A.nodes(data=True)]
    assert kinds == sorted(kinds, key=KINDS.index)


def test_articles_merge_and_evidence_stays_bounded() -> None:
    builder = NetworkBuilder(max_evidence=2)
    for _ in range(30):
        builder.add(small_extraction())
    G = builder.network()
    assert builder.articles == 30 and G.number_of_nodes() == 12
    assert G.nodes[iri("qinglan")]["articles"] == 30
    assert G.edges[iri("yidu"), iri("qinglan"), "mentions"]["articles"] == 30
    assert all(len(d["evidence"]) <= 2 for _, d in G.nodes(data=True))


def test_relation_to_a_non_entity_is_dropped() -> None:
    records = small_extraction()
    from ycgraph.model import Relation
    from ycgraph.vocabulary import RelationType

    records.relations += (Relation(iri("yidu"), RelationType.MENTIONS, "https://w3id.org/ycgraph/id/article/x", ()),)
    builder = NetworkBuilder()
    builder.add(records)
    assert "https://w3id.org/ycgraph/id/article/x" not in builder.network()


def test_long_sentences_are_cut_around_the_mention() -> None:
    text = "甲" * 300 + "青岚" + "乙" * 300 + "。"
    doc = Document(text, "t", "d", sentences=(Sentence(Span(0, len(text)), None),))
    cut = evidence_sentence(doc, Span(300, 302), limit=40)
    assert len(cut) <= 42 and "青岚" in cut and cut.startswith("…") and cut.endswith("…")


@pytest.mark.parametrize(
    ("post", "anchor", "expected"),
    [
        ("宜昌市人大常委会副主任", "county", "city"),
        ("远安县县长", None, "county"),
        ("副县长", "county", "county"),
        ("市长", "county", "city"),
        ("市委副书记", "county", "city"),
        ("党工委书记", "county", "county"),
        ("书记", "county", None),
        ("局长", "county", None),
        ("武汉市委常委", "county", None),
        ("商务部部长", "county", "country"),
    ],
)
def test_post_division(post: str, anchor: str | None, expected: str | None) -> None:
    country = Entity("d/CN", Kind.DIVISION, "CN", "中国", level="国家")
    city = Entity("d/city", Kind.DIVISION, "420500", "宜昌市", parent="d/CN", level="地级市")
    county = Entity("d/county", Kind.DIVISION, "420525", "远安县", parent="d/city", level="县")
    divisions = {e.iri: e for e in (country, city, county)}
    names = {"宜昌市": "d/city", "宜昌": "d/city", "远安县": "d/county", "远安": "d/county"}
    # the country IRI is minted by identity.division_iri; map the test's keys onto it
    from ycgraph.gazetteer.divisions import COUNTRY_CODE
    from ycgraph.identity import division_iri

    divisions[division_iri(COUNTRY_CODE)] = divisions.pop("d/CN")
    want = {"city": "d/city", "county": "d/county", "country": division_iri(COUNTRY_CODE), None: None}[expected]
    assert post_division(post, names, anchor and f"d/{anchor}", divisions) == want


def test_sample_and_dev_articles(sample_build: tuple[nx.MultiDiGraph, object]) -> None:
    G = sample_build[0]
    assert G.number_of_nodes() > 100
    officials = [n for n, d in G.nodes(data=True) if d["kind"] == "Official"]
    connected = [n for n in officials if G.degree(n) > 0]
    assert len(connected) >= 0.7 * len(officials)
    with_evidence = [k for u, v, k, d in G.edges(keys=True, data=True) if k != "partOf" and d["evidence"]]
    assert len(with_evidence) == sum(1 for _, _, k in G.edges(keys=True) if k != "partOf")


def test_an_articles_part_pickles_and_builds_the_same_network() -> None:
    import pickle

    from ycgraph.netgraph import article_network

    part = article_network(small_extraction())
    again = pickle.loads(pickle.dumps(part))
    assert again == part
    a, b = NetworkBuilder(), NetworkBuilder()
    a.add(small_extraction())
    b.add_article(again)
    assert list(a.network().nodes(data=True)) == list(b.network().nodes(data=True))
    assert list(a.network().edges(keys=True, data=True)) == list(b.network().edges(keys=True, data=True))
    assert len(pickle.dumps(part)) < 4 * len(TEXT.encode("utf-8")) + 4000
