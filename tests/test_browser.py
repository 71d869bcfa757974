"""The HTML view in real headless Chromium (system ``chromium`` driven by Playwright).

Skipped, with the reason, only when chromium or playwright is not installed.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import networkx as nx
from browser_fixtures import REPO, browser, launch, playwright, sample_build, small_network  # noqa: F401

from ycgraph.view.html import importance, write_html
from ycgraph.view.style import CJK_FONT_STACK

EVIL = '<script>window.__pwned=1</script><img src=x onerror="window.__pwned=1">'

# Draw each character on a canvas in the page's node-label font and compare
# the pixels: with no CJK font every Chinese character falls back to the same
# .notdef box, identical to an unassigned code point (U+0378).
GLYPH_CHECK = r"""(font) => {
  function ink(ch) {
    const c = document.createElement("canvas"); c.width = 48; c.height = 48;
    const x = c.getContext("2d"); x.font = "32px " + font; x.fillStyle = "#000"; x.fillText(ch, 4, 38);
    return Array.from(x.getImageData(0, 0, 48, 48).data.filter((_, i) => i % 4 === 3)).join(",");
  }
  const chars = ["钟", "望", "川", "宜", "都"];
  const tofu = ink("\u0378");
  const blank = ink(" ");
  return {
    distinct: new Set(chars.map(ink)).size,
    tofu: chars.filter((ch) => ink(ch) === tofu).length,
    blank: chars.filter((ch) => ink(ch) === blank).length,
  };
}"""


class Page:
    """A page that records console errors and every request URL."""

    def __init__(self, browser: Any, url: str) -> None:
        self.errors: list[str] = []
        self.requests: list[str] = []
        self.page = browser.new_page(viewport={"width": 1400, "height": 900})
        self.page.on("console", lambda m: m.type == "error" and self.errors.append(m.text))
        self.page.on("pageerror", lambda e: self.errors.append(str(e)))
        self.page.on("request", lambda r: self.requests.append(r.url))
        self.page.goto(url)
        # The page's CSP forbids eval, which wait_for_function's polling needs: wait on the ready attribute.
        self.page.wait_for_selector("body[data-ready='1']", state="attached", timeout=60000)
        assert self.js("window.ycgraphReady") is True

    def js(self, script: str, arg: Any = None) -> Any:
        return self.page.evaluate(script, arg)

    def node_id(self, label: str) -> int:
        return self.js("(l) => window.ycgraph.nodes.get({filter: (n) => n.label === l})[0].id", label)

    def foreign_requests(self) -> list[str]:
        return [u for u in self.requests if not u.startswith(("file://", "data:"))]


@pytest.fixture()
def sample_page(browser: Any, sample_build: tuple[Any, Path]) -> Iterator[Page]:  # noqa: F811
    page = Page(browser, (sample_build[1] / "graph.html").as_uri())
    yield page
    page.page.close()


def test_sample_page_is_offline_and_error_free(sample_page: Page) -> None:
    assert sample_page.requests, "the page itself must be requested"
    assert sample_page.foreign_requests() == []
    assert sample_page.errors == []


def test_sample_page_shows_every_entity(sample_page: Page, sample_build: tuple[nx.MultiDiGraph, Path]) -> None:
    expected = sample_build[0].number_of_nodes()
    assert 0 < expected <= 2000  # below the drawing cap: all drawn
    assert sample_page.js("window.ycgraph.nodes.length") == expected
    drawn = sample_page.js("Object.keys(window.ycgraph.network.getPositions()).length")
    assert drawn == expected
    assert sample_page.page.text_content("#hint") == ""


def _top(G: nx.MultiDiGraph, kind: str) -> str:
    return next(G.nodes[n]["label"] for n in importance(G) if G.nodes[n]["kind"] == kind)


def test_search_selects_and_focuses_node(sample_page: Page, sample_build: tuple[nx.MultiDiGraph, Path]) -> None:
    name = _top(sample_build[0], "Official")
    target = sample_page.node_id(name)
    assert sample_page.js("window.ycgraph.network.getSelectedNodes()") == []
    sample_page.page.fill("#search", name)
    assert sample_page.js("window.ycgraph.network.getSelectedNodes()") == [target]
    view = sample_page.js("window.ycgraph.network.getViewPosition()")
    pos = sample_page.js("(id) => window.ycgraph.network.getPositions([id])[id]", target)
    assert abs(view["x"] - pos["x"]) < 1 and abs(view["y"] - pos["y"]) < 1
    assert name in sample_page.page.text_content("#details")


def test_unchecking_a_kind_hides_its_nodes(sample_page: Page) -> None:
    hidden = "(k) => window.ycgraph.nodes.get({filter: (n) => n.kind === k && n.hidden}).length"
    total = "(k) => window.ycgraph.nodes.get({filter: (n) => n.kind === k}).length"
    officials = sample_page.js(total, "Official")
    assert officials > 0 and sample_page.js(hidden, "Official") == 0
    sample_page.page.uncheck("input.kind[value=Official]")
    assert sample_page.js(hidden, "Official") == officials
    assert sample_page.js(hidden, "Division") == 0
    sample_page.page.check("input.kind[value=Official]")
    assert sample_page.js(hidden, "Official") == 0


def test_division_filter_shows_its_neighbourhood(sample_page: Page, sample_build: tuple[nx.MultiDiGraph, Path]) -> None:
    G = sample_build[0]
    label = _top(G, "Division")
    division = sample_page.node_id(label)
    sample_page.page.select_option("#division", str(division))
    visible = set(sample_page.js("window.ycgraph.nodes.get({filter: (n) => !n.hidden}).map((n) => n.id)"))
    neighbours = set(sample_page.js("(id) => window.ycgraph.network.getConnectedNodes(id)", division))
    assert visible == neighbours | {division} and len(visible) > 1
    number = {n: i for i, n in enumerate(G)}
    iri = list(G)[division]
    assert {number[n] for n in nx.all_neighbors(G, iri)} <= visible


# Drawn size of each top node's label at the current zoom, in screen pixels, and whether vis-network draws it.
LABEL_PIXELS = """(ids) => ids.map((id) => {
  const node = window.ycgraph.network.body.nodes[id];
  const px = node.labelModule.fontOptions.size * window.ycgraph.network.getScale();
  return {px: px, drawn: node.labelModule.visible()};
})"""


@pytest.fixture(scope="module")
def capped_page(browser: Any, sample_build: tuple[nx.MultiDiGraph, Path], tmp_path_factory: pytest.TempPathFactory
                ) -> Iterator[Page]:  # noqa: F811
    """The sample and dev articles with at most 120 nodes drawn: most are hidden."""
    path = write_html(sample_build[0], tmp_path_factory.mktemp("capped") / "graph.html", max_nodes=120)
    page = Page(browser, path.as_uri())
    yield page
    page.page.close()


def test_first_frame_labels_top_nodes_readably(capped_page: Page, sample_page: Page) -> None:
    for page in (capped_page, sample_page):
        top = page.js("window.ycgraph.nodes.get({filter: (n) => n.rank < 12}).map((n) => n.id)")
        assert len(top) == 12
        sizes = page.js(LABEL_PIXELS, top)
        assert all(s["drawn"] and 13 <= s["px"] <= 26 for s in sizes), sizes
        assert page.errors == []


def test_hidden_nodes_are_said_and_search_adds_them(capped_page: Page, sample_build: tuple[nx.MultiDiGraph, Path]) -> None:
    G = sample_build[0]
    assert capped_page.js("window.ycgraph.nodes.length") == 120
    assert f"另有 {G.number_of_nodes() - 120} 个节点未画出" in capped_page.page.text_content("#hint")
    hidden = next(n for n in reversed(importance(G)) if G.degree(n) > 0)
    number = list(G).index(hidden)
    assert capped_page.js("(id) => window.ycgraph.nodes.get(id)", number) is None
    name = G.nodes[hidden]["names"][-1]  # an alias, if it has one
    capped_page.page.fill("#search", name)
    assert capped_page.js("window.ycgraph.network.getSelectedNodes()") == [number]
    assert G.nodes[hidden]["label"] in capped_page.page.text_content("#details")
    shown = set(capped_page.js("(id) => window.ycgraph.network.getConnectedNodes(id)", number))
    index = {n: i for i, n in enumerate(G)}
    assert shown == {index[n] for n in nx.all_neighbors(G, hidden)}
    assert capped_page.errors == []


def test_screenshot_and_chinese_glyphs(sample_page: Page) -> None:
    out = REPO / "test-artifacts" / "graph.png"
    out.parent.mkdir(exist_ok=True)
    sample_page.page.screenshot(path=str(out))
    assert out.stat().st_size > 10_000
    font = sample_page.js("window.ycgraph.network.body.nodes[Object.keys(window.ycgraph.network.body.nodes)[0]]"
                          ".options.font.face")
    assert font == CJK_FONT_STACK
    assert sample_page.js(GLYPH_CHECK, font) == {"distinct": 5, "tofu": 0, "blank": 0}


def test_glyph_check_fails_without_cjk_font(
    playwright: Any, tmp_path: Path, sample_build: tuple[Any, Path]  # noqa: F811
) -> None:
    """The check above is meaningful: in a Chromium that sees only DejaVu it reports tofu."""
    dejavu = Path("/usr/share/fonts/truetype/dejavu")
    if not dejavu.is_dir():
        pytest.skip("needs fonts-dejavu-core to build a font set without CJK")
    conf = tmp_path / "fonts.conf"
    conf.write_text(
        f'<?xml version="1.0"?><fontconfig><dir>{dejavu}</dir><cachedir>{tmp_path / "cache"}</cachedir></fontconfig>',
        encoding="utf-8",
    )
    latin_only = launch(playwright, env={**os.environ, "FONTCONFIG_FILE": str(conf)})
    try:
        page = Page(latin_only, (sample_build[1] / "graph.html").as_uri())
        result = page.js(GLYPH_CHECK, CJK_FONT_STACK)
    finally:
        latin_only.close()
    assert result["tofu"] == 5 and result["distinct"] == 1


def test_markup_in_labels_stays_text(browser: Any, tmp_path: Path) -> None:  # noqa: F811
    graph = small_network(extra_label=EVIL)
    page = Page(browser, write_html(graph, tmp_path / "graph.html").as_uri())
    try:
        evil = page.node_id(EVIL)
        assert page.js("window.ycgraph.nodes.get({filter: (n) => n.label.includes('<script>')}).length") == 1
        # Hover the node: vis-network shows the tooltip, as text.
        point = page.js(
            "(id) => { const p = window.ycgraph.network.getPositions([id])[id];"
            " window.ycgraph.network.moveTo({position: p, scale: 1, animation: false});"
            " const d = window.ycgraph.network.canvasToDOM(p);"
            " const r = document.getElementById('network').getBoundingClientRect();"
            " return {x: d.x + r.left, y: d.y + r.top}; }",
            evil,
        )
        page.page.mouse.move(point["x"] - 40, point["y"] - 40)
        page.page.mouse.move(point["x"], point["y"])
        page.page.wait_for_selector("div.vis-tooltip", state="visible", timeout=5000)
        assert EVIL in page.page.text_content("div.vis-tooltip")
        assert page.js("document.querySelectorAll('div.vis-tooltip *').length") == 0
        # Select it through the search box: the details panel shows it as text too.
        page.page.fill("#search", EVIL)
        assert page.js("window.ycgraph.network.getSelectedNodes()") == [evil]
        assert EVIL in page.page.text_content("#details")
        assert page.js("document.querySelectorAll('#details *, img').length") == 0
        assert page.js("typeof window.__pwned") == "undefined"
        assert page.foreign_requests() == [] and page.errors == []
        assert [u for u in page.requests if not u.endswith("graph.html")] == []
    finally:
        page.page.close()
