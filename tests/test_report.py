"""Report, CSV, GraphML and chart files (ycgraph.view.report, ycgraph.view.charts)."""

from __future__ import annotations

import csv
import io
import json
import warnings
from pathlib import Path

import networkx as nx
import pytest
from browser_fixtures import iri, small_network

from ycgraph.errors import YcgraphError
from ycgraph.view import charts
from ycgraph.view.report import CHART_FILES, build_report, write_report

EXPECTED_FILES = {"report.md", "report.json", "nodes.csv", "edges.csv", "graph.graphml", *CHART_FILES.values()}


@pytest.fixture(scope="module")
def G() -> nx.MultiDiGraph:
    return small_network(extra_label="<b>口号|甲</b>")


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
    assert data["methods"]["betweenness"] == {"method": "exact (Brandes)", "approximate": False}
    assert data["summary"]["nodes"] == G.number_of_nodes()
    assert data["slogan_diffusion"][0] == {
        "id": iri("slogan"), "label": "石桥精神", "count": 2,
        "divisions": ["枝江市", "甲市"],
    }
    assert [r["label"] for r in data["spanning_enterprises"]] == ["青岚"]
    assert [(r["division_label"], r["value"], r["rank"]) for r in data["growth_targets"]] == [
        ("宜都市", 8.0, 1), ("枝江市", 7.5, 2),
    ]


def test_markdown_tables_images_and_escaping(out: Path) -> None:
    md = (out / "report.md").read_text(encoding="utf-8")
    for name in CHART_FILES.values():
        assert f"]({name})" in md
    assert "| 石桥精神 | 2 | 枝江市；甲市 |" in md
    assert "| 宜都市 | 枝江市 | 1 |" in md  # similarity: they share 青岚
    assert "近似值" not in md
    assert "&lt;b&gt;口号\\|甲&lt;/b&gt;" in md and "<b>" not in md


def test_csv_and_graphml(G: nx.MultiDiGraph, out: Path) -> None:
    nodes = list(csv.DictReader(io.StringIO((out / "nodes.csv").read_text(encoding="utf-8"))))
    edges = list(csv.DictReader(io.StringIO((out / "edges.csv").read_text(encoding="utf-8"))))
    assert [r["id"] for r in nodes] == list(G.nodes)
    assert len(edges) == G.number_of_edges()
    qinglan = next(r for r in nodes if r["label"] == "青岚")
    assert qinglan["names"] == "青岚 | 青岚集团" and qinglan["community"] != "" and float(qinglan["pagerank"]) > 0
    leads = [r for r in edges if r["relation"] == "leads"]
    assert {r["source_label"] for r in leads} == {"钟望川", "李四"} and all(r["evidence"] for r in leads)
    H = nx.read_graphml(out / "graph.graphml", force_multigraph=True)
    assert H.number_of_nodes() == G.number_of_nodes() and H.number_of_edges() == G.number_of_edges()
    assert all(isinstance(v, str) for _, d in H.nodes(data=True) for v in d.values())
    assert H.nodes[iri("zhong")]["posts"] == "宜都市委书记"
    posts = [r for r in edges if r["relation"] == "holdsPostIn"]
    assert [(r["source_label"], r["target_label"], r["posts"]) for r in posts] == [("王五", "宜都市", "宜都市副市长")]


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


def _no_system_fonts(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("YCGRAPH_CJK_FONT", raising=False)
    monkeypatch.setattr(charts, "_CANDIDATES", ())
    monkeypatch.setattr(charts, "_fc_list", lambda: ["/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf"])


def test_without_system_fonts_the_packaged_font_draws_chinese(
    G: nx.MultiDiGraph, monkeypatch: pytest.MonkeyPatch
) -> None:
    _no_system_fonts(monkeypatch)
    assert charts.find_cjk_font() == charts.packaged_font()
    assert charts.find_cjk_font().name == "NotoSansSC-Regular.otf"
    report = build_report(G)
    with warnings.catch_warnings():
        warnings.simplefilter("error")  # 'Glyph … missing from font' would raise
        png = charts.slogan_diffusion_png(report["slogan_diffusion"])
        charts.heatmap_png(report["division_enterprise_matrix"])
    assert png.startswith(b"\x89PNG")


def test_env_and_system_fonts_come_before_the_packaged_one(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    packaged = charts.packaged_font()
    monkeypatch.setattr(charts, "packaged_font", lambda: None)
    monkeypatch.setenv("YCGRAPH_CJK_FONT", str(packaged))
    assert charts.find_cjk_font() == packaged
    bogus = tmp_path / "x.ttf"
    bogus.write_bytes(b"not a font")
    monkeypatch.setenv("YCGRAPH_CJK_FONT", str(bogus))
    with pytest.raises(charts.FontNotFoundError, match="x.ttf"):
        charts.slogan_diffusion_png([])


def test_no_font_at_all_skips_the_charts_with_one_warning(
    G: nx.MultiDiGraph, monkeypatch: pytest.MonkeyPatch, tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    _no_system_fonts(monkeypatch)
    monkeypatch.setattr(charts, "packaged_font", lambda: None)
    with pytest.raises(YcgraphError, match="fonts-wqy-microhei"):
        charts.find_cjk_font()
    with caplog.at_level("WARNING", logger="ycgraph"):
        written = write_report(G, tmp_path)
    assert {p.name for p in written} == EXPECTED_FILES - set(CHART_FILES.values())
    assert [r.getMessage().startswith("warning: charts skipped") for r in caplog.records] == [True]
    assert "](chart-" not in (tmp_path / "report.md").read_text(encoding="utf-8")


def test_empty_graph_still_reports(tmp_path: Path) -> None:
    written = write_report(nx.MultiDiGraph(), tmp_path)
    assert {p.name for p in written} == EXPECTED_FILES
    assert "节点 0 个" in (tmp_path / "report.md").read_text(encoding="utf-8")


# Every C0 and C1 control, DEL and the Unicode line breaks (issue 11, item 5).
HOSTILE = "甲" + "".join(map(chr, range(0x20))) + "\x7f" + "".join(map(chr, range(0x80, 0xA0))) + "\u2028\u2029\x85乙。"


def hostile_network() -> nx.MultiDiGraph:
    G = small_network()
    G.nodes[iri("qinglan")].update(label="青岚" + HOSTILE, names=("青岚" + HOSTILE, "青岚集团"), evidence=(HOSTILE,))
    G.nodes[iri("wang")]["posts"] = (HOSTILE,)
    G.edges[iri("yidu"), iri("qinglan"), "mentions"]["evidence"] = (HOSTILE, "第二句。")
    return G


def test_control_characters_in_evidence_every_format_reads_back(tmp_path: Path) -> None:
    from ycgraph.view.safe import xml_safe

    G = hostile_network()
    write_report(G, tmp_path)
    # GraphML: what XML 1.0 cannot hold is dropped, the rest (C1, line separators) is kept.
    H = nx.read_graphml(tmp_path / "graph.graphml", force_multigraph=True)
    assert H.nodes[iri("qinglan")]["label"] == xml_safe("青岚" + HOSTILE)
    assert "\x85" in H.nodes[iri("qinglan")]["label"] and "\x1b" not in H.nodes[iri("qinglan")]["label"]
    assert H.number_of_edges() == G.number_of_edges()
    # CSV: every field back as written (NUL aside), one record per node and edge.
    with open(tmp_path / "nodes.csv", newline="", encoding="utf-8") as fh:
        nodes = list(csv.DictReader(fh))
    assert len(nodes) == G.number_of_nodes()
    assert next(r for r in nodes if r["id"] == iri("qinglan"))["evidence"] == HOSTILE.replace("\x00", "")
    with open(tmp_path / "edges.csv", newline="", encoding="utf-8") as fh:
        edges = list(csv.DictReader(fh))
    assert len(edges) == G.number_of_edges()
    # JSON: loads, with the text intact.
    data = json.loads((tmp_path / "report.json").read_text(encoding="utf-8"))
    assert any(r["label"] == "青岚" + HOSTILE for r in data["centrality"]["Enterprise"])
    # Markdown: no control character at all, and every table row still on one line.
    md = (tmp_path / "report.md").read_text(encoding="utf-8")
    assert not any(0 < ord(c) < 0x20 and c != "\n" or 0x7F <= ord(c) < 0xA0 for c in md)
    assert "\u2028" not in md and "\u2029" not in md
    rows = [line for line in md.splitlines() if "青岚甲" in line]
    assert rows and all(line.startswith("| ") and line.endswith(" |") for line in rows)


def test_the_report_says_which_figures_are_estimates(G: nx.MultiDiGraph, monkeypatch: pytest.MonkeyPatch) -> None:
    from ycgraph import analysis
    from ycgraph.view.report import render_markdown

    monkeypatch.setattr(analysis, "EXACT_BETWEENNESS_LIMIT", 5)
    report = build_report(G, articles=3)
    md = render_markdown(report)
    assert report["methods"]["betweenness"]["approximate"] and report["summary"]["articles"] == 3
    assert "**近似值**" in md and "介数中心性：estimated from" in md and "介数中心性（估计）" in md
    assert md.splitlines()[2].startswith("3 篇文章，")


def test_a_chart_is_laid_out_to_hold_its_longest_labels() -> None:
    """The one-pass layout (charts._fit): every label, title and colour bar inside the figure, and no wide margin."""
    from matplotlib.backends.backend_agg import FigureCanvasAgg

    with charts._style():
        fig = charts._figure(6, 3)
        ax = fig.add_subplot()
        ax.barh([0, 1], [3, 1])
        ax.set_yticks([0, 1], ["一二三四五六七八九十" * 2, "甲"])  # a label wider than matplotlib's left margin
        ax.set_title("口号扩散")
        ax.set_xlabel("区划数")
        renderer = FigureCanvasAgg(fig).get_renderer()
        before = fig.get_tightbbox(renderer)
        charts._fit(fig, renderer)
        after = fig.get_tightbbox(renderer)
    width, height = fig.get_size_inches()
    assert before.x0 < 0  # (clipped as matplotlib lays it out)
    assert 0 <= after.x0 < 0.2 and width - 0.2 < after.x1 <= width + 0.01
    assert 0 <= after.y0 < 0.2 and height - 0.2 < after.y1 <= height + 0.01


@pytest.mark.parametrize("weighted", [False, True])
def test_the_spring_layout_takes_networkx_steps(weighted: bool) -> None:
    """layout.spring_layout against networkx.spring_layout: the same positions up to the rounding of sums."""
    from ycgraph.view.layout import spring_layout

    G0 = nx.barabasi_albert_graph(300, 2, seed=5)
    G = nx.Graph()
    G.add_nodes_from(G0)
    for u, v in G0.edges():
        G.add_edge(u, v, **({"weight": 1 + (u * v) % 3} if weighted else {}))
    weight = "weight" if weighted else None
    theirs, ours = nx.spring_layout(G, seed=3, weight=weight), spring_layout(G, seed=3, weight=weight)
    assert list(ours) == list(G) and ours.keys() == theirs.keys()
    assert max(abs(theirs[v][0] - ours[v][0]) + abs(theirs[v][1] - ours[v][1]) for v in G) < 0.05
    assert max(abs(x) for xy in ours.values() for x in xy) == pytest.approx(1.0)  # (scaled as networkx scales)
    again = spring_layout(G, seed=3, weight=weight)
    assert all((again[v] == ours[v]).all() for v in G)
    H = nx.Graph(G)
    H.add_edge(0, 0)  # a loop: no force, as in networkx
    assert all((spring_layout(H, seed=3, weight=weight)[v] == ours[v]).all() for v in G)
