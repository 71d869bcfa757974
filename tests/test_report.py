"""Report, CSV, GraphML and chart files (ycgraph.view.report, ycgraph.view.charts)."""

from __future__ import annotations

import csv
import io
import json
import warnings
from pathlib import Path

import networkx as nx
import pytest
from browser_fixtures import small_rdf

from ycgraph.errors import YcgraphError
from ycgraph.netgraph import to_networkx
from ycgraph.view import charts
from ycgraph.view.report import CHART_FILES, build_report, write_report

EXPECTED_FILES = {"report.md", "report.json", "nodes.csv", "edges.csv", "graph.graphml", *CHART_FILES.values()}


@pytest.fixture(scope="module")
def G() -> nx.MultiDiGraph:
    return to_networkx(small_rdf(extra_label="<b>口号|甲</b>"))


@pytest.fixture(scope="module")
def out(G: nx.MultiDiGraph, tmp_path_factory: pytest.TempPathFactory) -> Path:
    directory = tmp_path_factory.mktemp("report")
    written = write_report(G, directory)
    assert {p.name for p in written} == EXPECTED_FILES
    return directory


def test_files_repeat_byte_for_byte(G: nx.MultiDiGraph, out: Path, tmp_path: Path) -> None:
    write_report(G, tmp_path)
    for name in sorted(EXPECTED_FILES):
        assert (tmp_path / name).read_bytes() == (out / name).read_bytes(), name


def test_json_holds_the_figures(G: nx.MultiDiGraph, out: Path) -> None:
    data = json.loads((out / "report.json").read_text(encoding="utf-8"))
    assert data == json.loads(json.dumps(build_report(G), ensure_ascii=False))
    assert data["summary"]["nodes"] == G.number_of_nodes()
    assert data["slogan_diffusion"][0] == {
        "id": "https://w3id.org/ycgraph/id/slogan/ban-fang-jing-shen", "label": "板房精神", "count": 2,
        "divisions": ["枝江市", "甲市"],
    }
    assert [r["label"] for r in data["spanning_enterprises"]] == ["兴发"]
    assert [(r["division_label"], r["value"], r["rank"]) for r in data["growth_targets"]] == [
        ("宜都市", 8.0, 1), ("枝江市", 7.5, 2),
    ]


def test_markdown_tables_images_and_escaping(out: Path) -> None:
    md = (out / "report.md").read_text(encoding="utf-8")
    for name in CHART_FILES.values():
        assert f"]({name})" in md
    assert "| 板房精神 | 2 | 枝江市；甲市 |" in md
    assert "| 宜都市 | 枝江市 | 1 |" in md  # similarity: they share 兴发
    assert "&lt;b&gt;口号\\|甲&lt;/b&gt;" in md and "<b>" not in md


def test_csv_and_graphml(G: nx.MultiDiGraph, out: Path) -> None:
    nodes = list(csv.DictReader(io.StringIO((out / "nodes.csv").read_text(encoding="utf-8"))))
    edges = list(csv.DictReader(io.StringIO((out / "edges.csv").read_text(encoding="utf-8"))))
    assert [r["id"] for r in nodes] == list(G.nodes)
    assert len(edges) == G.number_of_edges()
    xingfa = next(r for r in nodes if r["label"] == "兴发")
    assert xingfa["names"] == "兴发 | 兴发集团" and xingfa["community"] != "" and float(xingfa["pagerank"]) > 0
    leads = [r for r in edges if r["relation"] == "leads"]
    assert {r["source_label"] for r in leads} == {"夏明海", "李四"} and all(r["evidence"] for r in leads)
    H = nx.read_graphml(out / "graph.graphml", force_multigraph=True)
    assert H.number_of_nodes() == G.number_of_nodes() and H.number_of_edges() == G.number_of_edges()
    assert all(isinstance(v, str) for _, d in H.nodes(data=True) for v in d.values())
    assert H.nodes["https://w3id.org/ycgraph/id/official/xia-ming-hai"]["posts"] == "宜都市委书记"


def test_pngs_are_pngs(out: Path) -> None:
    for name in CHART_FILES.values():
        assert (out / name).read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
        assert b"Software" not in (out / name).read_bytes()


def test_chart_has_every_chinese_glyph(G: nx.MultiDiGraph) -> None:
    """matplotlib warns 'Glyph ... missing from font' for each tofu box; there must be none."""
    report = build_report(G)
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        charts.slogan_diffusion_png(report["slogan_diffusion"])
        charts.heatmap_png(report["division_enterprise_matrix"])


def test_missing_cjk_font_is_a_clear_error(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.delenv("YCGRAPH_CJK_FONT", raising=False)
    monkeypatch.setattr(charts, "_CANDIDATES", ())
    monkeypatch.setattr(charts, "_fc_list", lambda: ["/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf"])
    with pytest.raises(YcgraphError, match="fonts-wqy-microhei"):
        charts.find_cjk_font()
    bogus = tmp_path / "x.ttf"
    bogus.write_bytes(b"not a font")
    monkeypatch.setenv("YCGRAPH_CJK_FONT", str(bogus))
    with pytest.raises(charts.FontNotFoundError, match="x.ttf"):
        charts.slogan_diffusion_png([])


def test_empty_graph_still_reports(tmp_path: Path) -> None:
    written = write_report(nx.MultiDiGraph(), tmp_path)
    assert {p.name for p in written} == EXPECTED_FILES
    assert "节点 0 个" in (tmp_path / "report.md").read_text(encoding="utf-8")
