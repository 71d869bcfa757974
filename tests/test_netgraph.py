"""RDF → networkx conversion (ycgraph.netgraph)."""

from __future__ import annotations

import random

import pytest
from browser_fixtures import RELATIONS, TEXT, entity_count, iri, sample_build, small_rdf  # noqa: F401
from rdflib import Graph, Literal
from rdflib.namespace import FOAF, RDF, RDFS

from ycgraph.netgraph import enclosing_sentence, to_networkx
from ycgraph.rdf.namespaces import YCG, YCR


def _sentence_with(fragment: str) -> str:
    """The sentence of TEXT (split on the contract's boundaries) containing ``fragment``."""
    start = 0
    for i, ch in enumerate(TEXT + "\n"):
        if ch in "。！？!?；\n":
            sentence = TEXT[start : i + (ch != "\n")].strip()
            if fragment in sentence:
                return sentence
            start = i + 1
    raise AssertionError(fragment)


def test_one_node_per_entity_with_kind_and_labels() -> None:
    G = to_networkx(small_rdf())
    assert G.number_of_nodes() == entity_count(small_rdf()) == 11
    yidu = G.nodes[str(iri("yidu"))]
    assert (yidu["kind"], yidu["label"], yidu["names"], yidu["admin_code"]) == (
        "Division", "宜都市", ("宜都市", "宜都"), "420581",
    )
    xia = G.nodes[str(iri("xia"))]
    assert (xia["kind"], xia["posts"]) == ("Official", ("宜都市委书记",))
    target = G.nodes[str(iri("gdp_zhijiang"))]
    assert (target["indicator"], target["value"], target["unit"], target["comparator"]) == ("GDP增长", "7.5", "%", "AtLeast")
    assert G.nodes[str(iri("xingfa"))]["names"] == ("兴发", "兴发集团")


def test_articles_contributors_mentions_are_not_nodes() -> None:
    g = small_rdf()
    person = YCR["person/fang"]
    g.add((person, RDF.type, FOAF.Person))
    g.add((person, RDFS.label, Literal("记者甲", lang="zh")))
    kinds = {d["kind"] for _, d in to_networkx(g).nodes(data=True)}
    assert kinds == {"Division", "Official", "Enterprise", "Project", "Slogan", "Target"}
    assert str(person) not in to_networkx(g)


def test_one_edge_per_relation_with_evidence() -> None:
    G = to_networkx(small_rdf())
    edges = {(u, k, v) for u, v, k in G.edges(keys=True)}
    expected = {(str(iri(s)), r, str(iri(o))) for s, r, o, _, _ in RELATIONS}
    expected |= {(str(iri(d)), "partOf", str(iri("city"))) for d in ("yidu", "zhijiang")}
    assert edges == expected
    assert G.edges[str(iri("zhijiang")), str(iri("angel")), "mentions"]["evidence"] == (_sentence_with("安琪酵母"),)
    assert G.edges[str(iri("yidu")), str(iri("city")), "partOf"]["evidence"] == ()


def test_node_evidence_comes_from_denoting_mentions() -> None:
    G = to_networkx(small_rdf())
    assert G.nodes[str(iri("banfang"))]["evidence"] == tuple(
        sorted({_sentence_with("践行"), _sentence_with("弘扬")})
    )
    assert G.nodes[str(iri("gdp_yidu"))]["evidence"] == (_sentence_with("8%"),)


def test_order_does_not_depend_on_triple_order() -> None:
    triples = list(small_rdf())
    random.Random(7).shuffle(triples)
    shuffled = Graph()
    for t in triples:
        shuffled.add(t)
    a, b = to_networkx(small_rdf()), to_networkx(shuffled)
    assert list(a.nodes(data=True)) == list(b.nodes(data=True))
    assert list(a.edges(keys=True, data=True)) == list(b.edges(keys=True, data=True))
    kinds = [d["kind"] for _, d in a.nodes(data=True)]
    assert kinds == sorted(kinds, key=["Division", "Official", "Enterprise", "Project", "Slogan", "Target"].index)


def test_relation_to_a_non_entity_is_dropped() -> None:
    g = small_rdf()
    g.add((iri("yidu"), YCG.mentions, YCR["article/whatever"]))
    assert str(YCR["article/whatever"]) not in to_networkx(g)


@pytest.mark.parametrize(
    ("text", "begin", "end", "expected"),
    [
        ("甲。乙丙丁。戊", 2, 3, "乙丙丁。"),
        ("甲。乙丙丁。戊", 6, 7, "戊"),
        ("  乙丙\n丁", 2, 4, "乙丙"),
        ("问？答！", 2, 3, "答！"),
        ("a; b；c", 5, 6, "c"),
        ("甲。乙", 0, 2, "甲。"),
        ("甲。乙", 5, 6, ""),
        ("甲。乙", 2, 1, ""),
    ],
)
def test_enclosing_sentence(text: str, begin: int, end: int, expected: str) -> None:
    assert enclosing_sentence(text, begin, end) == expected


def test_sample_graph_converts(sample_build: tuple[Graph, object]) -> None:
    graph = sample_build[0]
    G = to_networkx(graph)
    assert G.number_of_nodes() == entity_count(graph)
    names = {n for _, d in G.nodes(data=True) for n in d["names"]}
    assert "夏明海" in names
    with_evidence = [u for u, v, k, d in G.edges(keys=True, data=True) if k != "partOf" and d["evidence"]]
    assert len(with_evidence) == sum(1 for _, _, k in G.edges(keys=True) if k != "partOf")
