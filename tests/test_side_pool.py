"""Work beside a build (ycgraph.builder.side): charts and validation reports are what this process makes,
the work is done here when the processes are gone, errors come back, and matplotlib stays out of the build's process."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
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
        for pid in pool.processes():  # as by the OOM killer
            os.kill(pid, signal.SIGKILL)
        assert _beside(pool, calls) == _here(calls)


def _process_after(seconds: float) -> tuple[int, int, bool]:
    """(pid, parent's pid, matplotlib loaded before the task), after ``seconds``: which process ran it."""
    loaded = "matplotlib.figure" in sys.modules
    time.sleep(seconds)
    return os.getpid(), os.getppid(), loaded


def _processes_of(pool: SidePool) -> set[tuple[int, int, bool]]:
    seen: set[tuple[int, int, bool]] = set()
    while len(seen) < 2:  # (the second process joins once the first has warmed up)
        seen |= {task.result() for task in [pool.submit(_process_after, 0.2) for _ in range(4)]}
    return seen


def test_the_first_process_warms_up_and_forks_the_others() -> None:
    with SidePool() as pool:
        seen = _processes_of(pool)
        known = pool.processes()
    parents = {pid: parent for pid, parent, _ in seen}
    assert sorted(parents) == known and os.getpid() in parents.values()
    (second,) = [pid for pid, parent in parents.items() if parent != os.getpid()]
    assert parents[second] in parents  # forked from the first, not started by this process
    assert all(loaded for _, _, loaded in seen)  # both start warm: matplotlib is there before any task


def test_when_the_forked_process_dies_the_work_is_done_here() -> None:
    calls = _calls(small_network())
    with SidePool() as pool:
        seen = _processes_of(pool)
        (second,) = [pid for pid, parent, _ in seen if parent != os.getpid()]
        os.kill(second, signal.SIGKILL)
        assert _beside(pool, calls) == _here(calls)
        assert _process_after(0)[0] == pool.submit(_process_after, 0).result()[0]  # broken: all done here now


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


def _break_validation_of(monkeypatch: pytest.MonkeyPatch, article: str) -> None:
    """The SHACL engine raises on ``article``'s graph (set before a pool forks: its processes inherit it)."""
    import ycgraph.rdf.validate as validate

    real = validate.Validator.validate_article

    def broken(self, triples, *, name):
        if triples.article == article:
            raise ValueError("shapes engine bug")
        return real(self, triples, name=name)

    monkeypatch.setattr(validate.Validator, "validate_article", broken)


@pytest.mark.skipif(not any(SAMPLE.glob("*.txt")), reason="../shared/corpus holds no article")
@pytest.mark.parametrize("where", ["here", "beside", "beside, deferred"])
def test_a_validation_that_fails_keeps_its_article_and_says_so(monkeypatch: pytest.MonkeyPatch, where: str) -> None:
    from ycgraph.builder.runners import PendingReport

    jobs = _jobs()[:2]
    second = run_jobs(jobs[1:]).__next__().triples.article
    _break_validation_of(monkeypatch, second)
    with SidePool() as pool:
        first, kept = run_jobs(jobs, side=None if where == "here" else pool, defer=where.endswith("deferred"))
        first_report, report = (r.validation.settle() if isinstance(r.validation, PendingReport) else r.validation
                                for r in (first, kept))
    assert isinstance(first, ArticleResult) and first_report.conforms
    assert isinstance(kept, ArticleResult) and kept.triples.article == second  # (the article, not a Failure)
    assert not report.conforms and report.checked == (jobs[1].task[1],)
    (why,) = report.violations
    assert why.message.startswith("not validated: the SHACL engine failed on this graph (ValueError: shapes engine bug)")


@pytest.mark.skipif(not any(SAMPLE.glob("*.txt")), reason="../shared/corpus holds no article")
def test_deferred_reports_are_the_reports_and_reach_the_cache_when_settled(tmp_path: Path) -> None:
    from ycgraph.builder.cache import ArticleCache
    from ycgraph.builder.runners import PendingReport

    jobs = [Job(job.task, f"key{i}") for i, job in enumerate(_jobs()[:3])]
    here = list(run_jobs(jobs))
    cache = ArticleCache(tmp_path / "cache", "fingerprint")
    with SidePool() as pool:
        deferred = list(run_jobs(jobs, side=pool, cache=cache, defer=True))
        pending = [r for r in deferred if isinstance(r.validation, PendingReport)]
        assert pending  # (the last article at least: the pool is still warming up when it is extracted)
        assert not any(cache.has(job.cache_key) for job, r in zip(jobs, deferred) if r in pending)
        reports = [r.validation.settle() if r in pending else r.validation for r in deferred]
    assert reports == [r.validation for r in here]
    assert [cache.get(job.cache_key).validation for job in jobs] == reports  # (settled: now cached, with it)
    assert [r.validation.settle() for r in pending] == [reports[deferred.index(r)] for r in pending]  # (again)


@pytest.mark.skipif(not any(SAMPLE.glob("*.txt")), reason="../shared/corpus holds no article")
def test_a_build_keeps_an_article_whose_validation_fails_and_its_report_says_why(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from ycgraph.builder import BuildOptions, build

    sample = sorted(SAMPLE.glob("*.txt"))[0]
    article = run_jobs(_jobs()[:1]).__next__().triples.article
    _break_validation_of(monkeypatch, article)
    result = build([sample], tmp_path / "out", BuildOptions(cache=False, views=False))
    assert (result.articles, result.failures) == (1, [])
    assert not result.validation.conforms
    assert any(v.message.startswith("not validated: the SHACL engine failed") and v.source.endswith(sample.name)
               for v in result.validation.violations)


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
    # (the charts that need no centrality first: drawn while it is computed)
    assert recorder.sent == ["slogan_diffusion_png", "heatmap_png", "overview_png", "export_files"]
    monkeypatch.setattr(report, "EXPORT_BESIDE_MAX_EDGES", G.number_of_edges() - 1)  # too large to copy
    recorder.sent.clear()
    report.write_report(G, tmp_path / "large", beside=recorder)
    assert recorder.sent == ["slogan_diffusion_png", "heatmap_png", "overview_png"]


@pytest.mark.skipif(not any(SAMPLE.glob("*.txt")), reason="../shared/corpus holds no article")
def test_a_shared_part_too_large_to_send_is_checked_here_with_the_same_report(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import ycgraph.builder as builder
    from ycgraph.builder import BuildOptions, build

    beside = build([SAMPLE], tmp_path / "beside", BuildOptions(cache=False, views=False))
    monkeypatch.setattr(builder, "CHECK_BESIDE_MAX_TRIPLES", 0)
    here = build([SAMPLE], tmp_path / "here", BuildOptions(cache=False, views=False))
    assert here.validation == beside.validation and "the shared part" in here.validation.checked
