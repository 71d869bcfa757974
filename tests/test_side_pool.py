"""Work beside a build (ycgraph.builder.side): charts and validation reports are what this process makes,
the work is done here when the processes are gone, errors come back, and matplotlib stays out of the build's process."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
from pathlib import Path

import networkx as nx
import pytest
from browser_fixtures import small_network

from ycgraph import analysis
from ycgraph.view import charts
from ycgraph.builder.runners import Job, run_jobs
from ycgraph.builder.side import SidePool
from ycgraph.builder.work import ArticleResult
from ycgraph.gazetteer.userdict import UserDictionary
from ycgraph.view.report import export_files
from ycgraph.view.report import build_report

SHARED = Path(__file__).resolve().parents[2] / "shared"
SAMPLE = SHARED / "corpus"


def _calls(G: nx.MultiDiGraph) -> dict:
    centrality = analysis.node_centrality(G)
    groups = analysis.communities(G)
    report = build_report(G, centrality=centrality, groups=groups)
    pagerank = {n: v["pagerank"] for n, v in centrality.items()}
    return {
        "network": (charts.overview_png, charts.overview_of(G, pagerank)),
        "slogans": (charts.slogan_diffusion_png, (report["slogan_diffusion"],)),
        "heatmap": (charts.heatmap_png, (report["division_enterprise_matrix"],)),
        "files": (export_files, (G, centrality, groups)),
    }


def _here(calls: dict) -> dict:
    return {key: fn(*args) for key, (fn, args) in calls.items()}


def _beside(pool: SidePool, calls: dict) -> dict:
    tasks = {key: pool.submit(fn, *args) for key, (fn, args) in calls.items()}
    return {key: task.result() for key, task in tasks.items()}


def test_the_pool_makes_the_bytes_made_in_this_process() -> None:
    calls = _calls(small_network())
    here = _here(calls)
    with SidePool() as pool:
        made = _beside(pool, calls)
    assert all(made[key].startswith(b"\x89PNG") for key in ("network", "slogans", "heatmap"))
    assert set(made["files"]) == {"nodes.csv", "edges.csv", "graph.graphml"}
    assert made == here


def test_the_overview_of_a_selection_is_the_chart_of_the_whole_network() -> None:
    G = small_network()
    pagerank = analysis.pagerank(G)
    assert charts.network_overview_png(G, pagerank) == charts.overview_png(*charts.overview_of(G, pagerank))
    small, ranks, top, total = charts.overview_of(G, pagerank, max_nodes=3)
    assert total == G.number_of_nodes() > 3 == small.number_of_nodes()
    assert set(small) == set(sorted(G, key=lambda n: (-pagerank[n], str(G.nodes[n].get("label", n)), n))[:3])
    assert top == max(pagerank.values()) and set(ranks) == set(small)


def test_when_its_processes_die_the_work_is_done_here() -> None:
    calls = _calls(small_network())
    with SidePool() as pool:
        for pid in list(pool._executor._processes):  # as by the OOM killer
            os.kill(pid, signal.SIGKILL)
        assert _beside(pool, calls) == _here(calls)


def test_a_chart_error_is_raised_to_the_caller(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("YCGRAPH_CJK_FONT", "/nonexistent/font.ttf")  # (before the processes start)
    with SidePool() as pool, pytest.raises(charts.FontNotFoundError, match="font.ttf"):
        _beside(pool, _calls(small_network()))


@pytest.mark.skipif(not any(SAMPLE.glob("*.txt")), reason="../shared/corpus holds no article")
def test_a_build_draws_its_charts_and_page_without_importing_matplotlib_or_ipython(tmp_path: Path) -> None:
    script = (
        "import json, sys\n"
        "from ycgraph.builder import BuildOptions, build\n"
        f"r = build([{str(SAMPLE)!r}], {str(tmp_path / 'out')!r}, BuildOptions(cache=False))\n"
        "print(json.dumps([r.articles, len(r.failures), 'matplotlib' in sys.modules, 'IPython' in sys.modules]))\n"
    )
    done = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, timeout=300, check=True)
    assert json.loads(done.stdout.splitlines()[-1]) == [1, 0, False, False]  # (pyvis.network imports IPython)
    for name in ("chart-network.png", "chart-slogans.png", "chart-heatmap.png"):
        assert (tmp_path / "out" / name).read_bytes().startswith(b"\x89PNG")
    assert "chart-network.png" in (tmp_path / "out" / "report.md").read_text(encoding="utf-8")


def _jobs() -> list[Job]:
    files = sorted(SAMPLE.glob("*.txt")) + sorted((SHARED / "dev" / "corpus").glob("*.txt"))[:3]
    return [Job((str(f), f.name, f.read_bytes(), UserDictionary(), False, 1.0)) for f in files]


@pytest.mark.skipif(not any(SAMPLE.glob("*.txt")), reason="../shared/corpus holds no article")
def test_articles_validated_beside_have_the_reports_made_here() -> None:
    jobs = _jobs()
    here = list(run_jobs(jobs))
    with SidePool() as pool:
        beside = list(run_jobs(jobs, side=pool))
    assert all(isinstance(r, ArticleResult) and r.validation is not None for r in here)
    assert [r.path for r in beside] == [r.path for r in here]
    assert [r.validation for r in beside] == [r.validation for r in here]
    assert [r.triples.own_turtle for r in beside] == [r.triples.own_turtle for r in here]


@pytest.mark.skipif(not any(SAMPLE.glob("*.txt")), reason="../shared/corpus holds no article")
def test_a_validation_that_fails_beside_fails_its_article_only(monkeypatch: pytest.MonkeyPatch) -> None:
    import ycgraph.rdf.validate as validate

    jobs = _jobs()[:2]
    second = run_jobs(jobs[1:]).__next__().triples.article
    real = validate.Validator.validate_article

    def broken(self, triples, *, name):
        if triples.article == second:
            raise ValueError("shapes engine bug")
        return real(self, triples, name=name)

    monkeypatch.setattr(validate.Validator, "validate_article", broken)  # (before the processes fork)
    with SidePool() as pool:
        first, failed = run_jobs(jobs, side=pool)
    assert isinstance(first, ArticleResult) and first.validation is not None
    assert "internal error (ValueError: shapes engine bug)" in failed.problem and failed.path == jobs[1].task[0]


def test_a_report_made_beside_is_the_report_made_here(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from ycgraph.view import report

    G = small_network()
    here = report.write_report(G, tmp_path / "here")
    with SidePool() as pool:
        beside = report.write_report(G, tmp_path / "beside", beside=pool)
    assert [p.name for p in beside] == [p.name for p in here]
    assert all(b.read_bytes() == h.read_bytes() for b, h in zip(beside, here))

    class Recorder:  # what the report hands over
        def __init__(self) -> None:
            self.sent: list[str] = []

        def submit(self, fn, *args):
            self.sent.append(fn.__name__)
            return type("Done", (), {"result": lambda _self, value=fn(*args): value})()

    recorder = Recorder()
    report.write_report(G, tmp_path / "small", beside=recorder)
    assert recorder.sent == ["export_files", "overview_png", "slogan_diffusion_png", "heatmap_png"]
    monkeypatch.setattr(report, "EXPORT_BESIDE_MAX_EDGES", G.number_of_edges() - 1)  # too large to copy
    recorder.sent.clear()
    report.write_report(G, tmp_path / "large", beside=recorder)
    assert recorder.sent == ["overview_png", "slogan_diffusion_png", "heatmap_png"]
