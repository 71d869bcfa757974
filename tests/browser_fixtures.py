"""Fixtures shared by the network, analysis, report, view and browser tests.

``small_extraction`` builds the typed records of one invented article by hand
(Document with sentences and sections, Resolution, Relations), the way the
extractor hands them over, so the network and the views are tested
independently of the extractor; ``small_network`` is its network.
``browser`` launches the system Chromium through Playwright (never a
downloaded browser) and skips with a reason when Chromium or Playwright is
not installed.
"""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import networkx as nx
import pytest

from ycgraph.model import Comparator, Document, Entity, Kind, Mention, Relation, Section, Sentence, Span, Target
from ycgraph.netgraph import NetworkBuilder
from ycgraph.resolve import Resolution
from ycgraph.vocabulary import RelationType

REPO = Path(__file__).resolve().parents[1]
SHARED = Path(__file__).resolve().parents[2] / "shared"
BASE = "https://w3id.org/ycgraph/id/"
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]

# Invented article: a city preamble and two county sections. People, companies, the
# project and the slogan are invented; the places are real.
TEXT = (
    "甲市召开大会，要求全市践行“石桥精神”。\n"
    "宜都市委书记钟望川说：宜都将推动青岚锂电材料项目，支持青岚扩产；全年GDP增长8%以上。宜都市副市长王五出席。\n"
    "枝江市委书记李四说：枝江将弘扬“石桥精神”，与青岚、云舟生物合作；GDP增长7.5%。"
)

IRI_PATH = {
    "city": "division/420500", "yidu": "division/420581", "zhijiang": "division/420583",
    "zhong": "official/zhong-wang-chuan", "li": "official/li-si", "wang": "official/wang-wu",
    "qinglan": "enterprise/qing-lan", "yunzhou": "enterprise/yun-zhou-sheng-wu",
    "project": "project/qing-lan-li-dian-cai-liao", "slogan": "slogan/shi-qiao-jing-shen",
    "gdp_yidu": "target/yidu-gdp", "gdp_zhijiang": "target/zhijiang-gdp",
}


def iri(key: str) -> str:
    return BASE + IRI_PATH[key]


def _entities() -> dict[str, Entity]:
    E = Entity
    return {
        "city": E(iri("city"), Kind.DIVISION, "420500", "甲市", admin_code="420500", level="地级市"),
        "yidu": E(iri("yidu"), Kind.DIVISION, "420581", "宜都市", ("宜都",), admin_code="420581",
                  parent=iri("city"), level="县级市"),
        "zhijiang": E(iri("zhijiang"), Kind.DIVISION, "420583", "枝江市", ("枝江",), admin_code="420583",
                      parent=iri("city"), level="县级市"),
        "zhong": E(iri("zhong"), Kind.OFFICIAL, "钟望川", "钟望川", posts=("宜都市委书记",)),
        "li": E(iri("li"), Kind.OFFICIAL, "李四", "李四", posts=("枝江市委书记",)),
        "wang": E(iri("wang"), Kind.OFFICIAL, "王五", "王五", posts=("宜都市副市长",)),
        "qinglan": E(iri("qinglan"), Kind.ENTERPRISE, "青岚", "青岚", ("青岚集团",)),
        "yunzhou": E(iri("yunzhou"), Kind.ENTERPRISE, "云舟生物", "云舟生物"),
        "project": E(iri("project"), Kind.PROJECT, "青岚锂电材料项目", "青岚锂电材料项目"),
        "slogan": E(iri("slogan"), Kind.SLOGAN, "石桥精神", "石桥精神"),
        "gdp_yidu": E(iri("gdp_yidu"), Kind.TARGET, "gdp8", "全年GDP增长8%以上",
                      target=Target("GDP增长", "8", "%", Comparator.AT_LEAST)),
        "gdp_zhijiang": E(iri("gdp_zhijiang"), Kind.TARGET, "gdp7.5", "GDP增长7.5%",
                          target=Target("GDP增长", "7.5", "%", Comparator.AT_LEAST)),
    }


# (entity, anchor text, text it comes after, mention extras)
MENTIONS = [
    ("city", "甲市", "", {}),
    ("slogan", "石桥精神", "", {}),
    ("yidu", "宜都市", "", {}),
    ("zhong", "钟望川", "", {"posts": ("宜都市委书记",), "leads": "420581"}),
    ("project", "青岚锂电材料项目", "", {}),
    ("qinglan", "青岚", "推动", {}),
    ("qinglan", "青岚", "支持", {}),
    ("gdp_yidu", "全年GDP增长8%以上", "", {}),
    ("wang", "王五", "", {"posts": ("宜都市副市长",)}),
    ("zhijiang", "枝江市", "", {}),
    ("li", "李四", "", {"posts": ("枝江市委书记",), "leads": "420583"}),
    ("slogan", "石桥精神", "枝江", {}),
    ("qinglan", "青岚", "与", {}),
    ("yunzhou", "云舟生物", "", {}),
    ("gdp_zhijiang", "GDP增长7.5%", "", {}),
]
# (subject, relation, object, index of the evidence mention in MENTIONS)
RELATIONS = [
    ("zhong", "leads", "yidu", 3),
    ("li", "leads", "zhijiang", 10),
    ("city", "promotes", "slogan", 1),
    ("yidu", "plans", "project", 4),
    ("yidu", "mentions", "qinglan", 6),
    ("project", "involves", "qinglan", 5),
    ("zhijiang", "promotes", "slogan", 11),
    ("zhijiang", "mentions", "qinglan", 12),
    ("zhijiang", "mentions", "yunzhou", 13),
    ("yidu", "setsTarget", "gdp_yidu", 7),
    ("zhijiang", "setsTarget", "gdp_zhijiang", 14),
]


def sentence_spans(text: str) -> list[Span]:
    """Sentences ending at 。；！？ (kept) or a newline (dropped)."""
    spans, start = [], 0
    for i, ch in enumerate(text + "\n"):
        if ch in "。；！？\n":
            end = i + (ch != "\n")
            if text[start:end].strip():
                spans.append(Span(start, end))
            start = i + 1
    return spans


def sentence_with(fragment: str) -> str:
    """The sentence of TEXT holding ``fragment`` (first occurrence)."""
    at = TEXT.index(fragment)
    return next(TEXT[s.begin : s.end] for s in sentence_spans(TEXT) if s.begin <= at < s.end)


@dataclass
class Records:
    """The part of :class:`ycgraph.pipeline.Extraction` the network reads."""

    doc: Document
    resolution: Resolution
    relations: tuple[Relation, ...]


def small_extraction(extra_label: str | None = None, text: str = TEXT) -> Records:
    """The invented article's records; ``extra_label`` adds a slogan with that label that 宜都市 promotes.

    ``text`` may replace TEXT by a text of the same length (to put odd characters in the evidence).
    """
    assert len(text) == len(TEXT)
    lines = TEXT.split("\n")
    second = len(lines[0]) + 1
    third = second + len(lines[1]) + 1
    sections = (Section(Span(second, third - 1), "420581"), Section(Span(third, len(TEXT)), "420583"))
    sentences = tuple(Sentence(s, 0 if second <= s.begin < third else 1 if s.begin >= third else None)
                      for s in sentence_spans(TEXT))
    doc = Document(text, "invented.txt", "invented", sections=sections, sentences=sentences,
                   home_division="420500")
    entities = _entities()
    kinds = {key: e.kind for key, e in entities.items()}
    mentions = []
    mention_entity = {}
    for key, anchor, after, extra in MENTIONS:
        begin = TEXT.index(anchor, TEXT.index(after) if after else 0)
        m = Mention(Span(begin, begin + len(anchor)), anchor, kinds[key], "test", entities[key].key, **extra)
        mentions.append(m)
        mention_entity[m] = entities[key].iri
    doc.mentions = mentions
    relations = [Relation(iri(s), RelationType(p), iri(o), (mentions[i].span,)) for s, p, o, i in RELATIONS]
    by_iri = {e.iri: e for e in entities.values()}
    if extra_label is not None:
        evil = Entity(BASE + "slogan/evil", Kind.SLOGAN, "evil", extra_label)
        by_iri[evil.iri] = evil
        relations.append(Relation(iri("yidu"), RelationType.PROMOTES, evil.iri, ()))
    return Records(doc, Resolution(by_iri, mention_entity), tuple(relations))


def small_network(extra_label: str | None = None) -> nx.MultiDiGraph:
    """The network of :func:`small_extraction`."""
    builder = NetworkBuilder()
    builder.add(small_extraction(extra_label))
    return builder.network()


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

@pytest.fixture(scope="session")
def sample_build(tmp_path_factory: pytest.TempPathFactory) -> tuple[nx.MultiDiGraph, Path]:
    """(network, output dir with graph.html) of the articles under ../shared (sample and dev set).

    Falls back to :func:`small_network` when ../shared holds no article.
    """
    from ycgraph.view.html import write_html

    out = tmp_path_factory.mktemp("sample-build")
    files = sorted((SHARED / "corpus").glob("*.txt")) + sorted((SHARED / "dev" / "corpus").glob("*.txt"))
    if files:
        from ycgraph.pipeline import Extractor

        extractor, builder = Extractor(), NetworkBuilder()
        for f in files:
            builder.add(extractor.run(f.read_text(encoding="utf-8"), f.name))
        network = builder.network()
    else:
        network = small_network()
    write_html(network, out / "graph.html")
    return network, out
