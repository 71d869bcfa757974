"""Identity across articles: one real thing is one resource; namesakes in other provinces are not merged."""

from __future__ import annotations

from rdflib import RDF, RDFS, Literal
from rdflib.namespace import ORG

from ycgraph.pipeline import to_graph
from ycgraph.rdf.alignment import align
from ycgraph.vocabulary import YCG


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


def test_shared_entities_get_the_same_iris_in_a_joint_build(extractor):
    first_text = ("宜都市委书记王晓峰\n  支持金鹰集团做大做强，深化“晨光精神”，力争全年GDP增长7%以上。\n")
    first = extractor.run(first_text, "first.txt")
    other = extractor.run("宜都市召开会议，支持金鹰集团做大做强，深化“晨光精神”。宜都市委书记王晓峰出席。\n", "other.txt")
    joint = to_graph([first, other])
    # Everything the other article names that the first also names resolves to the first's resource.
    shared = {o for o in other.graph.objects(None, YCG.denotes)} & {o for o in first.graph.objects(None, YCG.denotes)}
    labels = {str(joint.value(s, RDFS.label)) for s in shared}
    assert {"宜都市", "金鹰", "晨光精神", "王晓峰"} <= labels


def test_slugs_read_names_exactly_as_pypinyin_reads_them_whole():
    # slug() looks readings up word by word (faster); IRIs must not change by it.
    import random
    import re

    from pypinyin import Style, lazy_pinyin

    from ycgraph.gazetteer.divisions import DivisionTable
    from ycgraph.identity import slug

    def whole_name_slug(name):
        parts = lazy_pinyin(name, style=Style.NORMAL, errors=lambda s: [s])
        text = re.sub(r"[^a-z0-9]+", "-", "-".join(p for p in parts if p).lower()).strip("-")
        return text[:40].rstrip("-") or "x"

    rng = random.Random(7)
    alphabet = [chr(c) for c in range(0x4E00, 0x9FA6, 7)] + list("AIab12+-·（）()〇、 有限公司集团项目")
    names = [r.name for r in DivisionTable.load().records]
    names += ["".join(rng.choice(alphabet) for _ in range(rng.randint(1, 14))) for _ in range(3000)]
    names += ["湖北金鹰化工集团股份有限公司", "长江三峡国际旅游港", "重庆银行", "还款", "行长", "AI+制造"]
    assert [slug(n) for n in names] == [whole_name_slug(n) for n in names]
