"""Fixtures shared by the analysis, report, view and browser tests.

``small_rdf`` builds a graph in the builder's shape (contract terms, NIF
mentions, ``rdf:Statement`` provenance) over invented text, so the view can be
tested before and independently of the extractor. ``browser`` launches the
system Chromium through Playwright (never a downloaded browser) and skips
with a reason when Chromium or Playwright is not installed.
"""

from __future__ import annotations

import hashlib
import shutil
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from rdflib import Graph, Literal, URIRef
from rdflib.namespace import PROV, RDF, RDFS, SKOS, XSD

from ycgraph.rdf.namespaces import NIF, YCG, YCR

REPO = Path(__file__).resolve().parents[1]
SHARED = Path(__file__).resolve().parents[2] / "shared"
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]

# Invented article: two sections, a city preamble. Entities are named like the
# sample's so the tests read naturally; the sentences are not the article's.
TEXT = (
    "甲市召开大会，要求全市践行“板房精神”。\n"
    "宜都市委书记夏明海说：宜都将推动兴发磷酸铁项目，支持兴发扩产；全年GDP增长8%以上。\n"
    "枝江市委书记李四说：枝江将弘扬“板房精神”，与兴发、安琪酵母合作；GDP增长7.5%。"
)

ENTITIES: dict[str, tuple[URIRef, list[str]]] = {
    # key: (class, names: prefLabel first)
    "city": (YCG.Division, ["甲市"]),
    "yidu": (YCG.Division, ["宜都市", "宜都"]),
    "zhijiang": (YCG.Division, ["枝江市", "枝江"]),
    "xia": (YCG.Official, ["夏明海"]),
    "li": (YCG.Official, ["李四"]),
    "xingfa": (YCG.Enterprise, ["兴发", "兴发集团"]),
    "angel": (YCG.Enterprise, ["安琪酵母"]),
    "lfp": (YCG.Project, ["兴发磷酸铁项目"]),
    "banfang": (YCG.Slogan, ["板房精神"]),
    "gdp_yidu": (YCG.Target, ["全年GDP增长8%以上"]),
    "gdp_zhijiang": (YCG.Target, ["GDP增长7.5%"]),
}
IRI_PATH = {
    "city": "division/420500", "yidu": "division/420581", "zhijiang": "division/420583",
    "xia": "official/xia-ming-hai", "li": "official/li-si", "xingfa": "enterprise/xing-fa",
    "angel": "enterprise/an-qi-jiao-mu", "lfp": "project/xing-fa-lin-suan-tie", "banfang": "slogan/ban-fang-jing-shen",
    "gdp_yidu": "target/yidu-gdp", "gdp_zhijiang": "target/zhijiang-gdp",
}
# (subject, relation, object, anchor text whose first occurrence after `after` is the evidence)
RELATIONS = [
    ("xia", "leads", "yidu", "夏明海", "宜都市委"),
    ("li", "leads", "zhijiang", "李四", "枝江市委"),
    ("city", "promotes", "banfang", "板房精神", ""),
    ("yidu", "plans", "lfp", "兴发磷酸铁项目", ""),
    ("yidu", "mentions", "xingfa", "兴发扩产", ""),
    ("lfp", "involves", "xingfa", "兴发磷酸铁项目", ""),
    ("zhijiang", "promotes", "banfang", "板房精神", "枝江"),
    ("zhijiang", "mentions", "xingfa", "兴发、", ""),
    ("zhijiang", "mentions", "angel", "安琪酵母", ""),
    ("yidu", "setsTarget", "gdp_yidu", "全年GDP增长8%以上", ""),
    ("zhijiang", "setsTarget", "gdp_zhijiang", "GDP增长7.5%", ""),
]


def iri(key: str) -> URIRef:
    return YCR[IRI_PATH[key]]


def small_rdf(extra_label: str | None = None) -> Graph:
    """A small graph in the builder's shape; ``extra_label`` adds a slogan with that label."""
    g = Graph()
    digest = hashlib.sha256(TEXT.encode("utf-8")).hexdigest()
    article = YCR[f"article/{digest[:16]}"]
    g.add((article, RDF.type, YCG.Article))
    g.add((article, RDF.type, NIF.Context))
    g.add((article, NIF.isString, Literal(TEXT)))
    for key, (cls, names) in ENTITIES.items():
        node = iri(key)
        g.add((node, RDF.type, cls))
        g.add((node, RDFS.label, Literal(names[0], lang="zh")))
        g.add((node, SKOS.prefLabel, Literal(names[0], lang="zh")))
        for alias in names[1:]:
            g.add((node, SKOS.altLabel, Literal(alias, lang="zh")))
    for key, code in [("city", "420500"), ("yidu", "420581"), ("zhijiang", "420583")]:
        g.add((iri(key), YCG.adminCode, Literal(code)))
    g.add((iri("yidu"), YCG.partOf, iri("city")))
    g.add((iri("zhijiang"), YCG.partOf, iri("city")))
    g.add((iri("xia"), YCG.position, Literal("宜都市委书记", lang="zh")))
    g.add((iri("li"), YCG.position, Literal("枝江市委书记", lang="zh")))
    for key, value in [("gdp_yidu", "8"), ("gdp_zhijiang", "7.5")]:
        g.add((iri(key), YCG.indicator, Literal("GDP增长", lang="zh")))
        g.add((iri(key), YCG.value, Literal(value, datatype=XSD.decimal)))
        g.add((iri(key), YCG.unit, Literal("%")))
        g.add((iri(key), YCG.comparator, YCG.AtLeast))
    for i, (s, rel, o, anchor, after) in enumerate(RELATIONS):
        begin = TEXT.index(anchor, TEXT.index(after) if after else 0)
        end = begin + len(anchor)
        mention = YCR[f"mention/{digest[:16]}/{begin}-{end}-{i}"]
        for p, v in [
            (RDF.type, YCG.Mention), (NIF.referenceContext, article),
            (NIF.beginIndex, Literal(begin, datatype=XSD.nonNegativeInteger)),
            (NIF.endIndex, Literal(end, datatype=XSD.nonNegativeInteger)),
            (NIF.anchorOf, Literal(anchor)), (YCG.denotes, iri(s if rel in ("leads", "involves") else o)),
        ]:
            g.add((mention, p, v))
        g.add((iri(s), YCG[rel], iri(o)))
        statement = YCR[f"statement/{i}"]
        for p, v in [(RDF.type, RDF.Statement), (RDF.subject, iri(s)), (RDF.predicate, YCG[rel]),
                     (RDF.object, iri(o)), (PROV.wasDerivedFrom, mention)]:
            g.add((statement, p, v))
    if extra_label is not None:
        evil = YCR["slogan/evil"]
        g.add((evil, RDF.type, YCG.Slogan))
        g.add((evil, RDFS.label, Literal(extra_label, lang="zh")))
        g.add((iri("yidu"), YCG.promotes, evil))
    return g


@pytest.fixture(scope="session")
def playwright() -> Iterator[Any]:
    """Playwright's sync API, started once; skips when chromium or playwright is missing."""
    if chromium_path() is None:
        pytest.skip("chromium is not installed (Debian: apt-get install chromium fonts-wqy-microhei)")
    sync_api = pytest.importorskip("playwright.sync_api", reason="playwright is not installed (pip install playwright)")
    with sync_api.sync_playwright() as pw:
        yield pw


def chromium_path() -> str | None:
    return shutil.which("chromium") or shutil.which("chromium-browser")


def launch(playwright: Any, **kwargs: Any) -> Any:
    """Launch the system Chromium (never a browser downloaded by ``playwright install``)."""
    return playwright.chromium.launch(executable_path=chromium_path(), args=CHROMIUM_ARGS, **kwargs)


@pytest.fixture(scope="session")
def browser(playwright: Any) -> Iterator[Any]:
    """A headless system Chromium (Debian ``chromium``) driven by Playwright."""
    instance = launch(playwright)
    yield instance
    instance.close()

def entity_count(graph: Graph) -> int:
    """Number of distinct resources typed with one of the six entity classes."""
    classes = [YCG.Official, YCG.Division, YCG.Enterprise, YCG.Project, YCG.Slogan, YCG.Target]
    return len({s for cls in classes for s in graph.subjects(RDF.type, cls)})


def _builder_ready() -> bool:
    from ycgraph.cli import main

    return "build" in getattr(main, "commands", {}) and (SHARED / "corpus").is_dir()


@pytest.fixture(scope="session")
def sample_build(tmp_path_factory: pytest.TempPathFactory) -> tuple[Graph, Path]:
    """(RDF graph, output dir with graph.html) for the sample article.

    Uses ``ycgraph build ../shared/corpus -o DIR`` once the builder exists;
    until then (no ``build`` command yet) the invented :func:`small_rdf`
    graph stands in. If the build does not write graph.html itself, it is
    rendered here from DIR/graph.ttl.
    """
    from ycgraph.netgraph import to_networkx
    from ycgraph.view.html import write_html

    out = tmp_path_factory.mktemp("sample-build")
    if _builder_ready():
        from click.testing import CliRunner

        from ycgraph.cli import main

        result = CliRunner().invoke(main, ["build", str(SHARED / "corpus"), "-o", str(out)])
        assert result.exit_code == 0, result.output
        graph = Graph().parse(out / "graph.ttl")
    else:
        graph = small_rdf()
    if not (out / "graph.html").exists():
        write_html(to_networkx(graph), out / "graph.html")
    return graph, out
