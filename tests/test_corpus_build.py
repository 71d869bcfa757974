"""Corpus builds: inputs of every kind, parallel and distributed extraction, the cache, atomic output."""

from __future__ import annotations

import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from rdflib import Graph

from ycgraph.builder import CACHE_DIR, BuildOptions, build

ARTICLE = "{city}市委书记{name}\n  力争全年GDP增长{n}%以上，支持金鹰、汉丰等龙头企业做大做强。\n"
CITIES = ["襄阳", "十堰", "荆州", "黄石", "孝感", "咸宁"]
NAMES = ["王大明", "陈小红", "李立新", "张伟民", "刘建国", "赵志强"]


def small_corpus(folder: Path, n: int = 6) -> list[Path]:
    folder.mkdir(parents=True, exist_ok=True)
    out = []
    for i in range(n):
        p = folder / f"a{i:02d}.txt"
        p.write_text(ARTICLE.format(city=CITIES[i % 6], name=NAMES[i % 6], n=5 + i), encoding="utf-8")
        out.append(p)
    return out


def test_md_html_gb18030_and_globs(tmp_path):
    (tmp_path / "in").mkdir()
    (tmp_path / "in" / "a.md").write_text("# 标题\n\n襄阳市委书记王大明\n  力争全年GDP增长7%以上。\n", encoding="utf-8")
    (tmp_path / "in" / "b.txt").write_bytes("十堰市委书记陈小红\n  力争新增企业10家。\n".encode("gb18030"))
    html = ("<html><body><nav>首页</nav><article><h1>荆州推进项目</h1><p>荆州市委书记李立新表示，力争全年GDP增长6%以上，"
            "加快荆州大道二期、沙市中学等重点项目建设，这一段是正文内容。</p></article></body></html>")
    (tmp_path / "in" / "c.html").write_text(html, encoding="utf-8")
    result = build([str(tmp_path / "in" / "*.md"), str(tmp_path / "in" / "b.txt"), str(tmp_path / "in" / "c.html")],
                   tmp_path / "out")
    assert not result.failures and result.articles == 3
    ttl = (tmp_path / "out" / "graph.ttl").read_text(encoding="utf-8")
    for name in ("王大明", "陈小红", "李立新", "荆州大道二期"):
        assert name in ttl
    assert "<nav>" not in ttl and "首页" not in ttl  # the page's navigation is not article text


def test_unknown_encoding_and_empty_glob_are_clear_errors(tmp_path):
    (tmp_path / "x.txt").write_bytes("naïve café résumé".encode("latin-1"))
    result = build([str(tmp_path / "x.txt"), str(tmp_path / "none*.txt")], tmp_path / "out")
    problems = sorted(str(f) for f in result.failures)
    assert problems[0].endswith("none*.txt: no file matches this pattern")
    assert "x.txt: not UTF-8 or GB18030 text" in problems[1]


def test_parallel_build_is_byte_identical_to_serial(tmp_path):
    small_corpus(tmp_path / "in")
    one = build([str(tmp_path / "in")], tmp_path / "one", BuildOptions(jobs=1, cache=False))
    two = build([str(tmp_path / "in")], tmp_path / "two", BuildOptions(jobs=2, cache=False))
    assert one.articles == two.articles == 6
    assert (tmp_path / "one" / "graph.ttl").read_bytes() == (tmp_path / "two" / "graph.ttl").read_bytes()


def test_streaming_parallel_build_is_byte_identical_to_serial(tmp_path, monkeypatch):
    import glob

    from ycgraph import spill

    small_corpus(tmp_path / "in", 40)  # enough for several articles per message to the pool
    spills_before = set(glob.glob("/dev/shm/ycgraph-spill-*"))
    monkeypatch.setattr(spill, "SEGMENT_BYTES", 5000)  # workers start many spill segments
    opts = dict(stream=True)
    build([str(tmp_path / "in")], tmp_path / "one", BuildOptions(jobs=1, cache=False, **opts))
    build([str(tmp_path / "in")], tmp_path / "two", BuildOptions(jobs=2, cache=False, **opts))
    cached = build([str(tmp_path / "in")], tmp_path / "three", BuildOptions(jobs=2, cache=True, **opts))
    data = (tmp_path / "one" / "graph.ttl").read_bytes()
    assert data == (tmp_path / "two" / "graph.ttl").read_bytes() == (tmp_path / "three" / "graph.ttl").read_bytes()
    assert len(Graph().parse(data=data, format="turtle")) > 100
    # The cache holds whole results (workers write their own entries): a rebuild from it gives the same bytes.
    rebuilt = build([str(tmp_path / "in")], tmp_path / "three", BuildOptions(jobs=2, cache=True, **opts))
    assert cached.cached == 0 and rebuilt.unchanged
    (tmp_path / "three" / ".ycgraph-manifest.json").unlink()  # force a rewrite from the cache
    from_cache = build([str(tmp_path / "in")], tmp_path / "three", BuildOptions(jobs=2, cache=True, **opts))
    assert from_cache.cached == 40 and (tmp_path / "three" / "graph.ttl").read_bytes() == data
    assert set(glob.glob("/dev/shm/ycgraph-spill-*")) == spills_before  # no spill left behind


def test_cache_reuses_unchanged_articles_and_reextracts_a_changed_one(tmp_path):
    files = small_corpus(tmp_path / "in")
    out = tmp_path / "out"
    cold = build([str(tmp_path / "in")], out)
    assert cold.cached == 0 and not cold.unchanged
    first = (out / "graph.ttl").read_bytes()
    warm = build([str(tmp_path / "in")], out)
    assert warm.unchanged and warm.cached == 6 and (out / "graph.ttl").read_bytes() == first
    files[2].write_text(ARTICLE.format(city="咸宁", name="周小川", n=9), encoding="utf-8")
    changed = build([str(tmp_path / "in")], out)
    assert changed.cached == 5 and not changed.unchanged
    ttl = (out / "graph.ttl").read_text(encoding="utf-8")
    assert "周小川" in ttl and "李立新" not in ttl
    # Without the cache, the same bytes.
    build([str(tmp_path / "in")], tmp_path / "fresh", BuildOptions(cache=False))
    assert (tmp_path / "fresh" / "graph.ttl").read_bytes() == (out / "graph.ttl").read_bytes()


def test_the_cache_holds_no_typed_records_and_a_caller_asking_for_them_gets_them(tmp_path):
    small_corpus(tmp_path / "in", 3)
    out = tmp_path / "out"
    first = build([str(tmp_path / "in")], out, BuildOptions(keep_results=True, views=False))
    assert [r.extraction is not None for r in first.extractions] == [True] * 3
    cache = [f for f in (out / CACHE_DIR).rglob("*") if f.is_file()]
    assert len(cache) == 3 and not any(b"ycgraph.pipeline" in f.read_bytes() for f in cache)  # small parts only
    (out / "graph.ttl").unlink()  # not unchanged: the build runs, from the cache
    again = build([str(tmp_path / "in")], out, BuildOptions(keep_results=True, views=False))
    records = [r.extraction for r in again.extractions]
    assert all(r is not None for r in records) and {r.doc.source for r in records} == {"in/a00.txt", "in/a01.txt", "in/a02.txt"}
    plain = build([str(tmp_path / "in")], tmp_path / "plain", BuildOptions(views=False))
    assert (tmp_path / "plain" / "graph.ttl").read_bytes() == (out / "graph.ttl").read_bytes()


def test_unchanged_rebuild_writes_nothing_and_a_missing_output_means_changed(tmp_path):
    small_corpus(tmp_path / "in", 2)
    out = tmp_path / "out"
    first = build([str(tmp_path / "in")], out)
    assert first.validation.conforms and (out / "graph.html").exists()
    stamps = {p.name: p.stat().st_mtime_ns for p in out.iterdir() if p.is_file()}
    again = build([str(tmp_path / "in")], out)
    assert again.unchanged and again.written == [] and "nothing written" in again.summary()
    assert {p.name: p.stat().st_mtime_ns for p in out.iterdir() if p.is_file()} == stamps
    # A half-finished earlier build (here: the view is gone) is not "unchanged": everything is made again.
    (out / "graph.html").unlink()
    repaired = build([str(tmp_path / "in")], out)
    assert not repaired.unchanged and repaired.cached == 2 and (out / "graph.html").exists()
    assert "wrote" in repaired.summary()


def test_dask_local_cluster_gives_the_same_graph(tmp_path):
    distributed = pytest.importorskip("dask.distributed")
    small_corpus(tmp_path / "in", 4)
    local = build([str(tmp_path / "in")], tmp_path / "local", BuildOptions(cache=False))
    with distributed.LocalCluster(n_workers=1, threads_per_worker=1, processes=False, dashboard_address=None) as cluster:
        dist = build([str(tmp_path / "in")], tmp_path / "dask", BuildOptions(cache=False, scheduler=cluster.scheduler_address))
    assert dist.articles == local.articles == 4
    assert (tmp_path / "dask" / "graph.ttl").read_bytes() == (tmp_path / "local" / "graph.ttl").read_bytes()


def test_unreachable_scheduler_is_a_clean_error(tmp_path):
    from click.testing import CliRunner

    from ycgraph.cli import main

    small_corpus(tmp_path / "in", 1)
    result = CliRunner().invoke(main, ["build", str(tmp_path / "in"), "-o", str(tmp_path / "o"),
                                       "--scheduler", "tcp://127.0.0.1:1", "--no-cache"])
    assert result.exit_code != 0
    assert "cannot reach the Dask scheduler at tcp://127.0.0.1:1" in result.output
    assert "Traceback" not in result.output


def test_interrupted_build_leaves_no_half_written_graph(tmp_path):
    small_corpus(tmp_path / "in", 40)
    out = tmp_path / "out"
    proc = subprocess.Popen([sys.executable, "-m", "ycgraph", "build", str(tmp_path / "in"), "-o", str(out),
                             "--stream", "--no-cache"], stderr=subprocess.DEVNULL)
    # Kill it once it has started writing (its temporary file exists), or after a few seconds.
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline and not list(out.glob(".graph.ttl.*")) and proc.poll() is None:
        time.sleep(0.02)
    proc.send_signal(signal.SIGKILL)
    proc.wait()
    graph = out / "graph.ttl"
    if graph.exists():  # it finished before the kill: then it is whole
        assert len(Graph().parse(graph)) > 0
    # A killed build leaves at most its temporary file, never a partial graph.ttl.
    assert not graph.exists() or graph.stat().st_size > 0


def test_streamed_graph_is_the_full_graph_without_the_alignment_and_counts_each_triple_once(tmp_path):
    from pyoxigraph import RdfFormat, parse

    small_corpus(tmp_path / "in")
    full = build([str(tmp_path / "in")], tmp_path / "full", BuildOptions(cache=False, views=False))
    streamed = build([str(tmp_path / "in")], tmp_path / "streamed", BuildOptions(cache=False, stream=True))

    def triples(folder):
        return {str(t) for t in parse(path=folder / "graph.ttl", format=RdfFormat.TURTLE)}

    in_full, in_stream = triples(tmp_path / "full"), triples(tmp_path / "streamed")
    assert in_stream < in_full  # the full build adds the standard-vocabulary view
    assert any("http://www.w3.org/ns/org#" in t for t in in_full - in_stream)
    # The closing line counts what is written: articles that repeat a relation state its edge once.
    assert streamed.triples == len(in_stream) and full.triples == len(in_full)
    as_ntriples = sum(len(t) + 3 for t in in_stream)
    assert (tmp_path / "streamed" / "graph.ttl").stat().st_size < as_ntriples / 2
