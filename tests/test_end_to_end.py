"""The sample article built end to end: score floor, provenance, determinism."""

from __future__ import annotations

import importlib.util

import pytest
from rdflib import RDF, Graph, Literal
from rdflib.namespace import PROV

from conftest import GOLD
from ycgraph.vocabulary import NIF, YCG

KINDS_WITH_FLOOR = ("officials", "divisions", "leads", "enterprises", "projects", "slogans", "targets")


def load_scorer():
    path = GOLD.parent / "score.py"
    if not path.exists():
        pytest.skip("no scorer in ../shared/eval")
    spec = importlib.util.spec_from_file_location("ycgraph_eval_score", path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_sample_scores_above_the_floor(sample_build, sample_path):
    scorer = load_scorer()
    gold = GOLD / (sample_path.stem + ".json")
    result = scorer.score(sample_build.out_dir / "graph.ttl", gold)
    assert result["strict"]["f1"] >= 0.95
    for kind in KINDS_WITH_FLOOR:
        assert result["kinds"][kind]["strict"]["f1"] >= 0.75, kind
    prov = result["provenance"]
    assert prov["mentions"] > 0 and prov["mentions_with_exact_offsets"] == prov["mentions"]
    assert prov["edges_with_reified_evidence"] == prov["relation_edges"] > 0


DEV = GOLD.parents[1] / "dev"
# Strict F1 floors on the development set (../shared/dev), a little under what the extractor reaches
# (README, *Measured*): a change that loses ground on any article fails here.
DEV_FLOORS = {"01": 0.62, "02": 0.80, "03": 0.87, "04": 0.80, "05": 0.83, "06": 0.95, "07": 0.90, "08": 0.85}
DEV_MEAN_FLOOR = 0.85  # with the sample


@pytest.fixture(scope="module")
def dev_scores(tmp_path_factory, sample_build, sample_path):
    from ycgraph.builder import BuildOptions, build

    scorer = load_scorer()
    texts = sorted((DEV / "corpus").glob("*.txt"))
    if not texts:
        pytest.skip("no development set under ../shared/dev")
    scores = {"sample": scorer.score(sample_build.out_dir / "graph.ttl", GOLD / (sample_path.stem + ".json"))}
    for text in texts:
        out = tmp_path_factory.mktemp(f"dev-{text.stem[:2]}")
        result = build([str(text)], out, BuildOptions(stream=True, cache=False))
        assert not result.failures, result.failures
        scores[text.stem[:2]] = scorer.score(out / "graph.ttl", DEV / "gold" / (text.stem + ".json"))
    return scores


@pytest.mark.parametrize("article", sorted(DEV_FLOORS))
def test_dev_article_scores_above_its_floor(dev_scores, article):
    assert dev_scores[article]["strict"]["f1"] >= DEV_FLOORS[article]


def test_dev_mean_scores_above_the_floor(dev_scores):
    f1 = [s["strict"]["f1"] for s in dev_scores.values()]
    assert len(f1) == 9 and sum(f1) / len(f1) >= DEV_MEAN_FLOOR


def test_graph_parses_and_every_offset_holds(sample_build, sample_text):
    g = Graph().parse(sample_build.out_dir / "graph.ttl")
    contexts = list(g.subjects(RDF.type, NIF.Context))
    assert len(contexts) == 1
    assert str(g.value(contexts[0], NIF.isString)) == sample_text
    mentions = list(g.subjects(RDF.type, YCG.Mention))
    assert len(mentions) > 300
    for m in mentions:
        b, e = int(g.value(m, NIF.beginIndex)), int(g.value(m, NIF.endIndex))
        assert sample_text[b:e] == str(g.value(m, NIF.anchorOf))
        assert g.value(m, YCG.denotes) is not None


def test_every_relation_edge_is_reified_with_evidence(sample_build):
    g = Graph().parse(sample_build.out_dir / "graph.ttl")
    for p in (YCG.leads, YCG.mentions, YCG.plans, YCG.promotes, YCG.setsTarget, YCG.involves):
        for s, o in g.subject_objects(p):
            statements = [st for st in g.subjects(RDF.object, o) if (st, RDF.subject, s) in g
                          and (st, RDF.predicate, p) in g]
            assert len(statements) == 1, (s, p, o)
            assert list(g.objects(statements[0], PROV.wasDerivedFrom)), (s, p, o)


def test_two_builds_are_byte_identical(sample_build, sample_path, tmp_path):
    from ycgraph.builder import build

    again = build([str(sample_path)], tmp_path)
    assert (tmp_path / "graph.ttl").read_bytes() == (sample_build.out_dir / "graph.ttl").read_bytes()
    assert again.graph is not None


def test_what_the_article_says_is_in_the_graph(sample_build, sample_path):
    import json

    g = sample_build.graph
    gold = json.loads((GOLD / (sample_path.stem + ".json")).read_text(encoding="utf-8"))
    section = next(s for s in gold["sections"] if any(o.get("leads") for o in s["officials"]))
    leader = next(o for o in section["officials"] if o.get("leads"))
    q = """PREFIX ycg: <https://w3id.org/ycgraph/ontology#> PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
    SELECT ?post ?code WHERE { ?o rdfs:label ?name ; ycg:position ?post ; ycg:leads ?d . ?d ycg:adminCode ?code }"""
    found = {(str(p), str(c)) for p, c in g.query(q, initBindings={"name": Literal(leader["name"], lang="zh")})}
    assert found == {(post, section["admin_code"]) for post in leader["posts"]}
    # The development zone has no code and is part of its city.
    q = """PREFIX ycg: <https://w3id.org/ycgraph/ontology#> PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
    SELECT ?city WHERE { ?z a ycg:DevelopmentZone ; ycg:partOf ?c . ?c ycg:adminCode ?city FILTER NOT EXISTS { ?z ycg:adminCode ?x } }"""
    assert {str(r[0]) for r in g.query(q)} == {"420500"}
    # Reporters are contributors of the article, not officials.
    q = """PREFIX ycg: <https://w3id.org/ycgraph/ontology#> PREFIX dcterms: <http://purl.org/dc/terms/>
    SELECT (COUNT(DISTINCT ?p) AS ?n) WHERE { ?a a ycg:Article ; dcterms:contributor ?p . FILTER NOT EXISTS { ?p a ycg:Official } }"""
    assert int(next(iter(g.query(q)))[0]) >= 14


def test_iris_are_ascii_and_shared_across_articles(extractor, sample_text):
    from ycgraph.pipeline import to_graph

    one = extractor.run(sample_text, "a.txt")
    first = extractor.run("宜都市委书记王晓峰\n  支持金鹰等龙头企业做大做强。\n", "b.txt")
    other = extractor.run("宜都市召开会议，支持金鹰集团做大做强，深化“晨光精神”。", "c.txt")
    merged = to_graph([one, first, other])
    for s in merged.subjects():
        assert str(s).isascii()
    jinying = [s for s in merged.subjects(RDF.type, YCG.Enterprise)
               if "金鹰" in {str(x) for x in merged.objects(s, None) if hasattr(x, "language")}]
    assert len(jinying) == 1  # 金鹰 (one article) and 金鹰集团 (another) are one resource
