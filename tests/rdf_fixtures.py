"""Small contract graphs (the shape ``rdf/graph.py`` emits), built by hand for the RDF tests.

The texts are invented for the tests, not taken from the sample article.
"""

from __future__ import annotations

import hashlib

from rdflib import Graph, Literal, URIRef
from rdflib.namespace import DCTERMS, FOAF, PROV, RDF, RDFS, SKOS, XSD

from ycgraph.vocabulary import NIF, SCHEMA, YCG, YCR

TEXT_A = "宜都市委书记张三表示，金鹰新材料基地加快建设，弘扬“实干精神”，力争全年GDP增长8%以上。"
TEXT_B = "宜昌市人大常委会主任李四到金鹰调研。宜昌市要求确保新增就业5000人。"

DIVISIONS = {  # id: (label, parent id, level, admin code)
    "CN": ("中国", None, "国家", None),
    "420000": ("湖北省", "CN", "省", "420000"),
    "420500": ("宜昌市", "420000", "地级市", "420500"),
    "420581": ("宜都市", "420500", "县级市", "420581"),
}


def zh(text: str) -> Literal:
    return Literal(text, lang="zh")


def article_iri(text: str) -> URIRef:
    return YCR[f"article/{hashlib.sha256(text.encode('utf-8')).hexdigest()[:16]}"]


def _divisions(g: Graph, ids: list[str]) -> None:
    seen: set[str] = set()
    for start in ids:
        code: str | None = start
        while code is not None and code not in seen:
            seen.add(code)
            label, parent, level, admin = DIVISIONS[code]
            d = YCR[f"division/{code}"]
            g.add((d, RDF.type, YCG.Division))
            g.add((d, RDFS.label, zh(label)))
            g.add((d, SKOS.prefLabel, zh(label)))
            g.add((d, YCG.divisionLevel, zh(level)))
            if admin:
                g.add((d, YCG.adminCode, Literal(admin)))
            if parent:
                g.add((d, YCG.partOf, YCR[f"division/{parent}"]))
            code = parent


class ArticleBuilder:
    """Adds an article, its mentions and its stated relations to a graph."""

    def __init__(self, text: str, *, date: str | None, source: str, contributor: str) -> None:
        self.g = Graph()
        self.text = text
        self.article = article_iri(text)
        self.key = str(self.article).rsplit("/", 1)[-1]
        digest = hashlib.sha256(text.encode("utf-8")).hexdigest()
        a, g = self.article, self.g
        for cls in (YCG.Article, SCHEMA.NewsArticle, NIF.Context):
            g.add((a, RDF.type, cls))
        g.add((a, NIF.isString, Literal(text)))
        g.add((a, RDFS.label, zh(text[:8])))
        g.add((a, DCTERMS.title, zh(text[:8])))
        if date:
            g.add((a, DCTERMS.date, Literal(date, datatype=XSD.date)))
        g.add((a, YCG.sourceFile, Literal(source)))
        g.add((a, YCG.contentHash, Literal(digest)))
        person = YCR[f"person/{hashlib.sha256(contributor.encode()).hexdigest()[:8]}"]
        g.add((person, RDF.type, FOAF.Person))
        g.add((person, RDFS.label, zh(contributor)))
        g.add((a, DCTERMS.contributor, person))
        self.section = YCR[f"section/{self.key}/0"]

    def divisions(self, *ids: str) -> None:
        _divisions(self.g, list(ids))

    def section_of(self, division: str) -> None:
        g, s = self.g, self.section
        g.add((s, RDF.type, YCG.Section))
        g.add((s, NIF.referenceContext, self.article))
        g.add((s, NIF.beginIndex, Literal(0, datatype=XSD.nonNegativeInteger)))
        g.add((s, NIF.endIndex, Literal(len(self.text), datatype=XSD.nonNegativeInteger)))
        g.add((s, YCG.sectionOf, YCR[f"division/{division}"]))

    def mention(self, anchor: str, entity: URIRef, kind: str) -> URIRef:
        begin = self.text.index(anchor)
        end = begin + len(anchor)
        m = YCR[f"mention/{self.key}/{begin}-{end}-{kind}"]
        g = self.g
        g.add((m, RDF.type, YCG.Mention))
        g.add((m, RDF.type, NIF.Phrase))
        g.add((m, NIF.referenceContext, self.article))
        g.add((m, NIF.beginIndex, Literal(begin, datatype=XSD.nonNegativeInteger)))
        g.add((m, NIF.endIndex, Literal(end, datatype=XSD.nonNegativeInteger)))
        g.add((m, NIF.anchorOf, Literal(anchor)))
        g.add((m, YCG.denotes, entity))
        g.add((m, YCG.rule, Literal("test")))
        if (self.section, RDF.type, YCG.Section) in g:
            g.add((m, YCG.section, self.section))
        return m

    def entity(self, kind: str, cls: URIRef, slug: str, label: str, *, anchor: str | None = None) -> URIRef:
        e = YCR[f"{kind}/{slug}"]
        self.g.add((e, RDF.type, cls))
        self.g.add((e, RDFS.label, zh(label)))
        self.mention(anchor or label, e, kind)
        return e

    def relate(self, s: URIRef, p: URIRef, o: URIRef, *evidence: URIRef) -> None:
        g = self.g
        g.add((s, p, o))
        st = YCR[f"statement/{hashlib.sha256(f'{s} {p} {o}'.encode()).hexdigest()[:16]}"]
        g.add((st, RDF.type, RDF.Statement))
        g.add((st, RDF.subject, s))
        g.add((st, RDF.predicate, p))
        g.add((st, RDF.object, o))
        for m in evidence:
            g.add((st, PROV.wasDerivedFrom, m))


def article_a() -> Graph:
    """An article with one official, enterprise, project, slogan and target of 宜都市."""
    b = ArticleBuilder(TEXT_A, date="2026-03-01", source="a.txt", contributor="王五")
    b.divisions("420581")
    b.section_of("420581")
    yidu = YCR["division/420581"]
    dm = b.mention("宜都市", yidu, "division")
    official = b.entity("official", YCG.Official, "zhang-san", "张三")
    b.g.add((official, YCG.position, zh("宜都市委书记")))
    b.relate(official, YCG.leads, yidu, dm)
    ent = b.entity("enterprise", YCG.Enterprise, "jin-ying", "金鹰")
    b.g.add((ent, SKOS.prefLabel, zh("金鹰")))
    proj = b.entity("project", YCG.Project, "jin-ying-xin-cai-liao-ji-di", "金鹰新材料基地")
    b.relate(proj, YCG.involves, ent, b.mention("金鹰新材料基地", proj, "project"))
    slogan = b.entity("slogan", YCG.Slogan, "shi-gan-jing-shen", "实干精神")
    target = b.entity("target", YCG.Target, "gdp-8", "全年GDP增长8%以上")
    b.g.add((target, YCG.indicator, zh("GDP增长")))
    b.g.add((target, YCG.value, Literal("8", datatype=XSD.decimal)))
    b.g.add((target, YCG.unit, Literal("%")))
    b.g.add((target, YCG.comparator, YCG.AtLeast))
    for pred, obj in ((YCG.mentions, ent), (YCG.mentions, proj), (YCG.plans, proj), (YCG.promotes, slogan),
                      (YCG.setsTarget, target)):
        b.relate(yidu, pred, obj, *sorted(b.g.subjects(YCG.denotes, obj)))
    return b.g


def article_b() -> Graph:
    """A second article: a city official of 宜昌市 (人大常委会), 金鹰 again, a target."""
    b = ArticleBuilder(TEXT_B, date="2026-03-05", source="b.txt", contributor="赵六")
    b.divisions("420500")
    yichang = YCR["division/420500"]
    b.mention("宜昌市", yichang, "division")
    official = b.entity("official", YCG.Official, "li-si", "李四")
    b.g.add((official, YCG.position, zh("宜昌市人大常委会主任")))
    ent = b.entity("enterprise", YCG.Enterprise, "jin-ying", "金鹰")
    target = b.entity("target", YCG.Target, "jiu-ye-5000", "新增就业5000人")
    b.g.add((target, YCG.indicator, zh("新增就业")))
    b.g.add((target, YCG.value, Literal("5000", datatype=XSD.decimal)))
    b.g.add((target, YCG.unit, Literal("人")))
    b.g.add((target, YCG.comparator, YCG.AtLeast))
    for pred, obj in ((YCG.mentions, ent), (YCG.setsTarget, target)):
        b.relate(yichang, pred, obj, *sorted(b.g.subjects(YCG.denotes, obj)))
    return b.g


def build_activity(*articles: Graph) -> Graph:
    """The shared triples of a build over ``articles``."""
    g = Graph()
    run = YCR["build/0123456789abcdef"]
    g.add((run, RDF.type, PROV.Activity))
    g.add((run, RDF.type, YCG.Build))
    for art in articles:
        for a in art.subjects(RDF.type, YCG.Article):
            g.add((run, PROV.used, a))
    return g


def merged(*graphs: Graph) -> Graph:
    out = Graph()
    for g in graphs:
        out += g
    return out


def two_article_build() -> Graph:
    """The graph a build of article A and article B writes (both articles and the build activity)."""
    a, b = article_a(), article_b()
    return merged(a, b, build_activity(a, b))
