"""Identity across articles: one real thing is one resource; namesakes in other provinces are not merged."""

from __future__ import annotations

from rdflib import RDF, RDFS, Literal
from rdflib.namespace import ORG

from ycgraph.pipeline import to_graph
from ycgraph.rdf.alignment import align
from ycgraph.rdf.namespaces import YCG


def officials_named(graph, name):
    return sorted(str(s) for s in graph.subjects(RDFS.label, Literal(name, lang="zh"))
                  if (s, RDF.type, YCG.Official) in graph)


def test_same_official_in_two_articles_is_one_resource_with_both_posts(extractor):
    a = extractor.run("2026年3月1日\n襄阳市委书记王大明\n  力争全年GDP增长7%以上。\n", "a.txt")
    b = extractor.run("2026年9月1日\n会上，襄阳市副市长、襄阳高新区党工委书记王大明讲话。\n", "b.txt")
    g = to_graph([a, b])
    (official,) = officials_named(g, "王大明")
    posts = {str(p) for p in g.objects(g.resource(official).identifier, YCG.position)}
    assert {"襄阳市委书记", "襄阳市副市长", "襄阳高新区党工委书记"} <= posts  # each written out in full
    # The standard-vocabulary view gives the person a membership per post.
    memberships = set(align(g).subjects(ORG.member, g.resource(official).identifier))
    assert len(memberships) >= 3


def test_namesake_in_another_province_is_a_different_resource(extractor):
    hubei = extractor.run("襄阳市委书记王大明\n  力争全年GDP增长7%以上。\n", "a.txt")
    guangdong = extractor.run("佛山市委书记王大明\n  力争全年GDP增长6%以上。\n", "b.txt")
    g = to_graph([hubei, guangdong])
    assert len(officials_named(g, "王大明")) == 2


def test_shared_entities_get_the_same_iris_in_a_joint_build(extractor, sample_text):
    alone = extractor.run(sample_text, "sample.txt").graph
    other = extractor.run("宜都市召开会议，支持兴发集团做大做强，深化“板房精神”。宜都市委书记夏明海出席。\n", "other.txt")
    joint = to_graph([extractor.run(sample_text, "sample.txt"), other])
    # Everything the other article names that the sample also names resolves to the sample's resource.
    shared = {o for o in other.graph.objects(None, YCG.denotes)} & {o for o in alone.objects(None, YCG.denotes)}
    labels = {str(joint.value(s, RDFS.label)) for s in shared}
    assert {"宜都市", "兴发", "板房精神", "夏明海"} <= labels
