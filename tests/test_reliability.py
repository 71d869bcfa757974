"""Nothing lost, nothing false: the unit of failure, the cache's integrity, outputs published together,
what a build reads and what it refuses (issue 11's build-side trials, issue 12's half-finished builds).

Articles here are invented; each test builds real files with the real builder or the real CLI.
"""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from click.testing import CliRunner
from pyoxigraph import RdfFormat, parse

from ycgraph.builder import BuildOptions, build
from ycgraph.cli import main

from test_corpus_build import ARTICLE
from test_corpus_build import small_corpus as corpus  # the same invented articles

FAST = BuildOptions(validate=False, views=False)


def source_files(out: Path) -> set[str]:
    """The ycg:sourceFile of every article in a build's graph.ttl."""
    return {q.object.value for q in parse(path=out / "graph.ttl", format=RdfFormat.TURTLE)
            if q.predicate.value.endswith("#sourceFile")}


def run_cli(*args: str):
    return CliRunner().invoke(main, list(args), catch_exceptions=False)


# --- one article is the unit of failure -------------------------------------------------------


class Boom(RuntimeError):
    pass


def _trip_on_marker(monkeypatch) -> None:
    """A bug that only some articles trip: a component that raises on a marker word."""
    from ycgraph.extractors.targets import TargetRecognizer

    original = TargetRecognizer.__call__

    def tripping(self, doc):
        if "触发缺陷" in doc.text:
            raise Boom("simulated extractor bug")
        return original(self, doc)

    monkeypatch.setattr(TargetRecognizer, "__call__", tripping)


def test_an_article_that_trips_a_bug_is_reported_and_the_others_are_built(tmp_path, monkeypatch):
    corpus(tmp_path / "in", 3)
    (tmp_path / "in" / "bad.txt").write_text("襄阳市委书记王大明\n  触发缺陷，力争增长8%以上。\n", encoding="utf-8")
    _trip_on_marker(monkeypatch)
    result = CliRunner().invoke(main, ["build", str(tmp_path / "in"), "-o", str(tmp_path / "out"),
                                       "--no-validate", "--no-progress"])
    assert result.exit_code == 1
    assert "Traceback" not in result.output
    error = [line for line in result.output.splitlines() if line.startswith("error:")]
    assert len(error) == 1 and "bad.txt: internal error (Boom: simulated extractor bug) — please report" in error[0]
    assert source_files(tmp_path / "out") == {f"in/a{i:02d}.txt" for i in range(3)}


def test_the_unit_of_failure_holds_in_pool_workers_too(tmp_path, monkeypatch):
    corpus(tmp_path / "in", 6)
    (tmp_path / "in" / "bad.txt").write_text("触发缺陷\n", encoding="utf-8")
    _trip_on_marker(monkeypatch)  # inherited by the forked workers
    result = build([str(tmp_path / "in")], tmp_path / "out", BuildOptions(jobs=2, cache=False, stream=True))
    assert [f.problem for f in result.failures] == ["internal error (Boom: simulated extractor bug) — please report"]
    assert result.articles == 6


def test_a_number_with_two_dots_builds(tmp_path):
    (tmp_path / "a.txt").write_text("荆州市委书记李立新\n  力争全年GDP增长7.5.3%以上，新增企业10家。\n", encoding="utf-8")
    result = build([str(tmp_path / "a.txt")], tmp_path / "out", FAST)
    assert not result.failures and result.articles == 1


# --- the cache ----------------------------------------------------------------------------------


def _entries(out: Path) -> list[Path]:
    return sorted((out / ".cache").rglob("*.pickle"))


@pytest.mark.parametrize("damage", ["truncate", "flip"])
def test_a_damaged_cache_entry_is_reextracted_with_a_warning_and_repaired(tmp_path, damage):
    files = corpus(tmp_path / "in", 3)
    out = tmp_path / "out"
    build([str(tmp_path / "in")], out, FAST)
    clean = (out / "graph.ttl").read_bytes()
    entry = _entries(out)[0]
    raw = bytearray(entry.read_bytes())
    if damage == "truncate":
        entry.write_bytes(raw[: len(raw) // 2])
    else:
        raw[-40] ^= 0x01  # one flipped bit deep in the payload
        entry.write_bytes(bytes(raw))
    files[0].touch()  # the same bytes: still a cache hit, but force a look (mtime plays no part)
    (out / "graph.html").unlink(missing_ok=True)
    (out / "graph.ttl").unlink()  # an output is missing: the build is redone from the cache
    again = build([str(tmp_path / "in")], out, FAST)
    assert not again.unchanged and again.articles == 3 and again.cached == 2
    assert len(again.warnings) == 1 and "damaged cache entry" in again.warnings[0]
    assert (out / "graph.ttl").read_bytes() == clean  # nothing lost, nothing altered
    repaired = build([str(tmp_path / "in")], out, BuildOptions(validate=False, views=False, stream=True))
    assert repaired.cached == 3 and not repaired.warnings


def test_a_damaged_entry_is_named_by_the_cli(tmp_path):
    corpus(tmp_path / "in", 2)
    out = tmp_path / "out"
    run_cli("build", str(tmp_path / "in"), "-o", str(out), "--no-validate", "--no-progress")
    _entries(out)[0].write_bytes(b"YCGC2\n" + b"\0" * 10)
    (out / "report.md").unlink()
    result = CliRunner().invoke(main, ["build", str(tmp_path / "in"), "-o", str(out), "--no-validate",
                                       "--no-progress"])
    assert result.exit_code == 0
    assert "damaged cache entry (checksum mismatch); extracted again" in result.output
    assert len(source_files(out)) == 2


# --- outputs: together, and never stale -----------------------------------------------------------


def test_outputs_an_earlier_build_wrote_and_this_one_does_not_are_removed(tmp_path):
    corpus(tmp_path / "in", 2)
    out = tmp_path / "out"
    out.mkdir()
    (out / "my-notes.txt").write_text("mine", encoding="utf-8")
    first = build([str(tmp_path / "in")], out, BuildOptions(formats=("trig", "nq"), validate=False))
    assert {"graph.trig", "graph.nq", "graph.html"} <= {p.name for p in first.written}
    corpus(tmp_path / "in", 3)
    second = build([str(tmp_path / "in")], out, BuildOptions(stream=True))
    names = {p.name for p in out.iterdir()}
    assert "graph.trig" not in names and "graph.nq" not in names and "graph.html" not in names
    assert {p.name for p in second.removed} >= {"graph.trig", "graph.nq", "graph.html", "report.md"}
    assert "my-notes.txt" in names  # not a build's output: never touched
    assert not [n for n in names if n.startswith(".ycgraph-staging")]


def test_a_failed_build_leaves_the_previous_outputs_as_they_were(tmp_path, monkeypatch):
    corpus(tmp_path / "in", 2)
    out = tmp_path / "out"
    build([str(tmp_path / "in")], out, FAST)
    before = {p.name: p.read_bytes() for p in out.iterdir() if p.is_file()}

    def broken_views(*args, **kwargs):
        raise OSError(28, "No space left on device")

    import ycgraph.view

    monkeypatch.setattr(ycgraph.view, "write_views", broken_views)
    corpus(tmp_path / "in", 3)
    with pytest.raises(OSError):
        build([str(tmp_path / "in")], out, BuildOptions(validate=False))
    assert {p.name: p.read_bytes() for p in out.iterdir() if p.is_file()} == before
    assert not [p for p in out.iterdir() if p.name.startswith(".ycgraph-staging")]


def test_leftovers_of_killed_builds_are_cleaned_at_the_next_start(tmp_path):
    corpus(tmp_path / "in", 1)
    out = tmp_path / "out"
    out.mkdir()
    dead = subprocess.run([sys.executable, "-c", "import os; print(os.getpid())"], capture_output=True,
                          text=True).stdout.strip()
    stale_tmp = out / f".graph.ttl.{dead}.k3j2.tmp"
    stale_tmp.write_bytes(b"half a graph")
    old_style = out / ".graph.ttl.ab12cd.tmp"  # version 0.1 wrote no process id
    old_style.write_bytes(b"half a graph")
    stale_stage = out / f".ycgraph-staging-{dead}-x1"
    stale_stage.mkdir()
    base = Path("/dev/shm") if os.access("/dev/shm", os.W_OK) else out
    stale_spill = base / f"ycgraph-spill-{dead}-zz"
    stale_spill.mkdir()
    build([str(tmp_path / "in")], out, FAST)
    assert not stale_tmp.exists() and not old_style.exists() and not stale_stage.exists()
    assert not stale_spill.exists()


def test_interrupting_a_parallel_build_prints_no_traceback_and_leaves_nothing_behind(tmp_path):
    corpus(tmp_path / "in", 60)
    out = tmp_path / "out"
    proc = subprocess.Popen([sys.executable, "-m", "ycgraph", "build", str(tmp_path / "in"), "-o", str(out),
                             "-j", "2", "--no-cache", "--stream", "--no-progress"],
                            stderr=subprocess.PIPE, text=True, start_new_session=True)
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline and not list(out.glob(".ycgraph-staging-*/graph.ttl")) and proc.poll() is None:
        time.sleep(0.02)
    time.sleep(0.3)
    os.killpg(proc.pid, signal.SIGINT)  # as Ctrl-C does: the whole foreground group
    _, err = proc.communicate(timeout=60)
    if proc.returncode == 0:
        pytest.skip("the build finished before it could be interrupted")
    assert proc.returncode == 130, err
    assert "Traceback" not in err and "KeyboardInterrupt" not in err
    assert "interrupted" in err
    assert not [p for p in out.iterdir() if p.name.startswith(".ycgraph-staging") or p.suffix == ".tmp"]
    assert not (out / "graph.ttl").exists()


# --- what a build reads ------------------------------------------------------------------------------


def test_an_output_folder_inside_the_input_folder_is_never_read(tmp_path):
    news = tmp_path / "news"
    corpus(news, 2)
    first = build([str(news)], news / "output", BuildOptions(validate=False))
    again = build([str(news)], news / "output", BuildOptions(validate=False, cache=False))
    assert first.articles == again.articles == 2 and not again.failures
    assert first.triples == again.triples
    # Another build's output folder beside the articles is skipped too.
    build([str(news / "a00.txt")], news / "elsewhere", FAST)
    third = build([str(news)], tmp_path / "out3", FAST)
    assert third.articles == 2 and not third.failures


def test_source_names_tell_same_named_files_apart(tmp_path):
    for sub, city in (("a", "襄阳"), ("b", "十堰")):
        (tmp_path / "news" / sub).mkdir(parents=True)
        (tmp_path / "news" / sub / "index.txt").write_text(ARTICLE.format(city=city, name="王大明", n=6),
                                                          encoding="utf-8")
    build([str(tmp_path / "news")], tmp_path / "out", FAST)
    assert source_files(tmp_path / "out") == {"news/a/index.txt", "news/b/index.txt"}


def test_oversized_files_devices_and_pipes_are_refused_quickly(tmp_path):
    corpus(tmp_path / "in", 1)
    big = tmp_path / "big.txt"
    big.write_text("宜昌" * 600_000, encoding="utf-8")  # 3.6 MB
    fifo = tmp_path / "pipe.txt"
    os.mkfifo(fifo)
    start = time.monotonic()
    result = build([str(tmp_path / "in"), str(big), "/dev/zero", str(fifo)], tmp_path / "out",
                   BuildOptions(validate=False, views=False, max_article_bytes=2**20))
    assert time.monotonic() - start < 60
    problems = {Path(f.path).name: f.problem for f in result.failures}
    assert problems["big.txt"].startswith("too large (3.4 MiB; articles are read up to 1 MiB")
    assert problems["zero"].startswith("not a regular file")
    assert problems["pipe.txt"].startswith("not a regular file")
    assert result.articles == 1


def test_file_names_with_newlines_are_quoted_in_error_lines(tmp_path):
    evil = tmp_path / "x\nerror: forged.txt"
    evil.write_bytes(b"\x00\x01binary")
    result = CliRunner().invoke(main, ["build", str(evil), "-o", str(tmp_path / "out"), "--no-progress"])
    lines = [line for line in result.output.splitlines() if line.startswith("error:")]
    assert len(lines) == 1 and "\\nerror: forged.txt" in lines[0]


def test_nul_bytes_anywhere_are_refused_and_utf16_with_a_bom_is_read(tmp_path):
    late_nul = tmp_path / "late.txt"
    late_nul.write_bytes(("襄阳市委书记王大明\n" + "　" * 40_000).encode("utf-8") + b"\x00tail")
    utf16 = tmp_path / "wide.txt"
    utf16.write_bytes(ARTICLE.format(city="孝感", name="刘建国", n=7).encode("utf-16"))
    result = build([str(late_nul), str(utf16)], tmp_path / "out", FAST)
    assert [(Path(f.path).name, f.problem) for f in result.failures] == [
        ("late.txt", "binary file (contains NUL bytes), not an article")]
    assert result.articles == 1 and "刘建国" in (tmp_path / "out" / "graph.ttl").read_text(encoding="utf-8")


def test_a_text_with_an_unpaired_surrogate_is_an_input_error_in_the_library():
    import ycgraph
    from ycgraph.errors import InputError

    with pytest.raises(InputError, match="unpaired surrogate U\\+DC80"):
        ycgraph.extract("襄阳市委书记王大明\udc80表示")


# --- writers hold every character ------------------------------------------------------------------

CONTROLS = "".join(chr(c) for c in [*range(1, 0x20), *range(0x7F, 0xA0), 0x2028, 0x2029])


def test_every_output_holds_text_with_all_control_characters_and_reads_back(tmp_path):
    import csv
    import json

    import networkx as nx
    from rdflib import Dataset, Graph

    text = f"襄阳市委书记王大明\n  力争全年GDP增长8%以上，{CONTROLS}支持金鹰等龙头企业做大做强。\n"
    (tmp_path / "c.txt").write_text(text, encoding="utf-8")
    out = tmp_path / "out"
    result = build([str(tmp_path / "c.txt")], out, BuildOptions(formats=("trig", "nq", "jsonld"), cache=False))
    assert not result.failures, result.failures
    stored = next(q.object.value for q in parse(path=out / "graph.ttl", format=RdfFormat.TURTLE)
                  if q.predicate.value.endswith("#isString"))
    assert stored == text  # every character kept, none lost or altered
    assert len(Graph().parse(out / "graph.ttl", format="turtle")) == result.triples
    nq = (out / "graph.nq").read_text(encoding="utf-8")
    assert all(line.endswith(" .") for line in nq.split("\n") if line)
    assert len(Dataset().parse(out / "graph.nq", format="nquads")) > 0
    assert len(list(parse(path=out / "graph.nq", format=RdfFormat.N_QUADS))) > 0
    assert len(list(parse(path=out / "graph.trig", format=RdfFormat.TRIG))) > 0
    json.loads((out / "graph.jsonld").read_text(encoding="utf-8"))
    nx.read_graphml(out / "graph.graphml")
    with open(out / "edges.csv", newline="", encoding="utf-8") as fh:
        assert list(csv.reader(fh))
    json.loads((out / "report.json").read_text(encoding="utf-8"))


@pytest.mark.parametrize("kind", ["tags", "prefixes"])
def test_a_damaged_dictionary_cache_is_built_again_and_rewritten(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                                                 kind: str) -> None:
    from ycgraph.text.tokenizer import Tokenizer

    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path))
    first = Tokenizer()
    assert (first.tag("发展"), first.freq("发展") > 0, first.cut("发展经济")) == ("vn", True, ("发展", "经济"))
    (cached,) = (tmp_path / "ycgraph").glob(f"jieba-{kind}-*.marshal")  # built, and written to the cache
    good = cached.read_bytes()
    cached.write_bytes(good[: len(good) // 2])  # truncated, as by a killed process
    again = Tokenizer()
    assert (again.tag("发展"), again.freq("发展"), again.cut("发展经济")) == ("vn", first.freq("发展"), ("发展", "经济"))
    assert cached.read_bytes() == good


def test_jieba_is_loaded_without_pkg_resources_and_cuts_as_usual(tmp_path: Path) -> None:
    # (a fresh process: the test session may have imported jieba or pkg_resources already)
    script = (
        "import json, sys\n"
        "from ycgraph.text.tokenizer import Tokenizer\n"
        "t = Tokenizer()\n"
        "words = t.cut('新区推进高质量发展')\n"
        "imported = 'pkg_resources' in sys.modules\n"
        # (not left blocked: importable afterwards by anyone who wants it, where setuptools still ships it)
        "import importlib.util\n"
        "left = sys.modules.get('pkg_resources', 'absent') is None\n"
        "importlib.util.find_spec('pkg_resources')\n"
        "print(json.dumps([words, t.tag('发展'), t.freq('发展') > 0, imported, left]))\n"
    )
    env = {**os.environ, "XDG_CACHE_HOME": str(tmp_path)}  # (cold: jieba's own dictionary file is read)
    done = subprocess.run([sys.executable, "-W", "ignore", "-c", script], capture_output=True, text=True,
                          env=env, timeout=300, check=True)
    assert json.loads(done.stdout.splitlines()[-1]) == [["新区", "推进", "高质量", "发展"], "vn", True, False, False]
