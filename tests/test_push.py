"""``ycgraph push`` against real servers on 127.0.0.1.

An Oxigraph server (the ``oxigraph`` binary from PyPI) is started for the
module and stopped in teardown; a tiny ``http.server`` plays an endpoint
that refuses credentials or fails half way.
"""

from __future__ import annotations

import http.server
import json
import shutil
import socket
import subprocess
import tempfile
import threading
import time
from collections.abc import Iterator
from pathlib import Path

import pyoxigraph as ox
import pytest
import requests
from click.testing import CliRunner

from ycgraph.cli import main
from ycgraph.sparql import engine, push

YCG = "https://w3id.org/ycgraph/ontology#"
NIF = "http://persistence.uni-leipzig.org/nlp2rdf/ontologies/nif-core#"

pytestmark = pytest.mark.skipif(shutil.which("oxigraph") is None, reason="oxigraph server binary not installed")


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def wait_until_up(url: str, process: subprocess.Popen, seconds: float = 30) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"server exited with {process.returncode}: {process.stderr.read() if process.stderr else ''}")
        try:
            if requests.get(url, params={"query": "ASK {}"}, timeout=1).ok:
                return
        except requests.ConnectionError:
            time.sleep(0.1)
    raise RuntimeError(f"{url} did not answer within {seconds}s")


def stop(process: subprocess.Popen) -> None:
    process.terminate()
    try:
        process.wait(timeout=10)
    except subprocess.TimeoutExpired:
        process.kill()
        process.wait()


@pytest.fixture(scope="module")
def oxigraph(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """Base URL of a fresh read-write Oxigraph server."""
    port = free_port()
    location = tmp_path_factory.mktemp("oxigraph-store")
    process = subprocess.Popen(
        ["oxigraph", "serve", "--location", str(location), "--bind", f"127.0.0.1:{port}"],
        stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True,
    )
    base = f"http://127.0.0.1:{port}"
    try:
        wait_until_up(f"{base}/query", process)
        yield base
    finally:
        stop(process)


def build(corpus: Path, out: Path) -> Path:
    from ycgraph.builder import build as run_build

    result = run_build([str(corpus)], out)
    assert not result.failures and result.articles == 2, result.failures
    return out


# Invented articles (not the sample corpus): the first names its secretary, who leads 宜都市.
ARTICLE_A = ("宜都市召开工业经济推进会\n\n宜都市委书记张明远表示，金鹰新材料基地要加快建设，弘扬“实干精神”，"
             "力争全年GDP增长8%以上。宜都市要求全年新增就业5000人。\n")
ARTICLE_B = "宜昌市推进招商引资\n\n宜昌市委书记李文博到金鹰集团调研。宜昌市要求确保新增就业8000人。\n"


@pytest.fixture(scope="module")
def builds(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    """Builds of two invented articles, and of the same two with the second one's text edited."""
    root = tmp_path_factory.mktemp("push-builds")
    # The same folder (news/) at two moments: its articles keep their source names (news/a.txt, news/b.txt).
    first, second = root / "before" / "news", root / "after" / "news"
    for corpus, b in ((first, ARTICLE_B), (second, ARTICLE_B.replace("8000", "9000"))):
        corpus.mkdir(parents=True)
        (corpus / "a.txt").write_text(ARTICLE_A, encoding="utf-8")
        (corpus / "b.txt").write_text(b, encoding="utf-8")
    return {"one": build(first, root / "out1"), "edited": build(second, root / "out2")}


@pytest.fixture
def empty_store(oxigraph: str) -> str:
    """The module's server, emptied first."""
    requests.post(f"{oxigraph}/update", data={"update": "CLEAR ALL"}, timeout=30).raise_for_status()
    return oxigraph


def graph_counts(base: str) -> dict[str, int]:
    """Triples per named graph, read back over the SPARQL protocol."""
    response = requests.post(
        f"{base}/query",
        data={"query": "SELECT ?g (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } } GROUP BY ?g"},
        headers={"Accept": "application/sparql-results+json"}, timeout=30,
    )
    response.raise_for_status()
    return {b["g"]["value"]: int(b["n"]["value"]) for b in response.json()["results"]["bindings"]}


def ask(base: str, query: str) -> bool:
    response = requests.post(f"{base}/query", data={"query": query},
                             headers={"Accept": "application/sparql-results+json"}, timeout=30)
    response.raise_for_status()
    return response.json()["boolean"]


def cli_push(data: Path, endpoint: str, *extra: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(main, ["push", str(data), "--endpoint", endpoint, *extra])
    return result.exit_code, result.stdout, result.stderr


def test_push_is_idempotent_and_replaces_one_article(empty_store: str, builds: dict[str, Path]) -> None:
    oxigraph = empty_store
    endpoint = f"{oxigraph}/store"
    graphs = {g.iri: g for g in push.article_graphs(builds["one"])}
    assert len(graphs) == 2

    code, out, err = cli_push(builds["one"], endpoint)
    assert code == 0, err
    assert sorted(line.split()[1].strip("<>") for line in out.splitlines()) == sorted(graphs)
    counts = graph_counts(oxigraph)
    assert counts == {iri: g.triples for iri, g in graphs.items()}
    # the data is there and queryable: the first article's secretary leads 宜都市
    assert ask(oxigraph, f"""ASK {{ GRAPH ?g {{ ?o <{YCG}leads> ?d ; <http://www.w3.org/2000/01/rdf-schema#label> "张明远"@zh .
                                    ?d <{YCG}adminCode> "420581" }} }}""")

    assert cli_push(builds["one"], endpoint)[0] == 0
    assert graph_counts(oxigraph) == counts  # pushing twice changes nothing

    # re-extracting one article (same text, same IRI, fewer triples) replaces that graph only
    target = max(graphs)
    other = min(graphs)
    lines = graphs[target].ntriples.decode().splitlines(keepends=True)
    smaller = push.ArticleGraph(target, "".join(lines[: len(lines) // 2]).encode(), len(lines) // 2)
    push.push_graphs([smaller], endpoint)
    after = graph_counts(oxigraph)
    assert after[target] == len(lines) // 2 and after[other] == counts[other]

    # rebuilding with one article's text changed: the unchanged article's graph is untouched,
    # the changed article lands under its new IRI (the IRI is the hash of the text)
    edited = {g.iri: g for g in push.article_graphs(builds["edited"])}
    unchanged = set(edited) & set(graphs)
    assert len(unchanged) == 1
    assert cli_push(builds["edited"], endpoint)[0] == 0
    final = graph_counts(oxigraph)
    for iri, g in edited.items():
        assert final[iri] == g.triples
    (same,) = unchanged
    assert final[same] == counts[same]

    # with the store's query endpoint, the earlier version of the changed article is dropped
    code, out, err = cli_push(builds["edited"], endpoint, "--query-endpoint", f"{oxigraph}/query")
    assert code == 0, err
    (old,) = set(graphs) - set(edited)
    (source,) = push.source_files(graphs[old])
    assert out.splitlines()[-1] == f"DELETE <{old}> (an earlier version of {source})"
    assert graph_counts(oxigraph) == {iri: g.triples for iri, g in edited.items()}


def test_split_article_graph_holds_its_sentences_and_claims(builds: dict[str, Path]) -> None:
    graphs = push.article_graphs(builds["one"])
    for g in graphs:
        body = g.ntriples.decode()
        assert f"<{g.iri}> <http://persistence.uni-leipzig.org/nlp2rdf/ontologies/nif-core#isString>" in body
        assert body.count("\n") == g.triples and body == "".join(sorted(body.splitlines(keepends=True)))
    assert push.article_graphs(builds["one"]) == graphs  # deterministic
    # together the article graphs hold every triple of the build about articles, their parts and entities;
    # only build-level triples (the prov:Activity ...) are left out
    store = engine.load_data(builds["one"])
    pushed = {line for g in graphs for line in g.ntriples.decode().splitlines()}
    everything = {f"{q.triple} ." for q in store}
    assert pushed <= everything
    kept_out = {q.subject for q in store if f"{q.triple} ." not in pushed}
    denoted = {q.object for q in store.quads_for_pattern(None, ox.NamedNode(YCG + "denotes"), None)}
    assert kept_out and not kept_out & denoted
    assert not any(any(store.quads_for_pattern(s, ox.NamedNode(NIF + "referenceContext"), None)) for s in kept_out)


def test_named_graphs_of_a_trig_build_are_pushed_as_they_are(builds: dict[str, Path], tmp_path: Path) -> None:
    graphs = push.article_graphs(builds["one"])
    trig = "".join(f"<{g.iri}> {{\n{g.ntriples.decode()}}}\n" for g in graphs)
    (tmp_path / "graph.trig").write_text("<urn:build> <urn:p> <urn:o> .\n" + trig, encoding="utf-8")
    assert push.article_graphs(tmp_path) == graphs  # the default graph (build metadata) is not pushed


def test_unreachable_endpoint_is_one_line(builds: dict[str, Path]) -> None:
    endpoint = f"http://127.0.0.1:{free_port()}/store"
    code, out, err = cli_push(builds["one"], endpoint)
    assert code == 1 and out == ""
    assert err == f"Error: cannot reach {endpoint}: connection refused\n"


class _Endpoint(http.server.BaseHTTPRequestHandler):
    """Answers PUTs with the status codes queued in ``server.statuses``; records the Authorization header."""

    def do_PUT(self) -> None:  # noqa: N802
        self.rfile.read(int(self.headers.get("Content-Length", 0)))
        self.server.seen.append(self.headers.get("Authorization"))  # type: ignore[attr-defined]
        status = self.server.statuses.pop(0)  # type: ignore[attr-defined]
        self.send_response(status)
        if status == 401:
            self.send_header("WWW-Authenticate", 'Basic realm="test"')
        self.send_header("Content-Length", "0")
        self.end_headers()

    def log_message(self, *args: object) -> None:
        pass


@pytest.fixture
def fake_endpoint() -> Iterator[http.server.HTTPServer]:
    server = http.server.HTTPServer(("127.0.0.1", 0), _Endpoint)
    server.statuses, server.seen = [], []  # type: ignore[attr-defined]
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield server
    server.shutdown()
    server.server_close()


def test_refused_credentials_are_one_line(fake_endpoint: http.server.HTTPServer, builds: dict[str, Path]) -> None:
    fake_endpoint.statuses[:] = [401, 401]  # type: ignore[attr-defined]
    endpoint = f"http://127.0.0.1:{fake_endpoint.server_port}/store"
    code, out, err = cli_push(builds["one"], endpoint, "--user", "u", "--password", "wrong")
    assert code == 1 and out == ""
    assert err == f"Error: {endpoint} refused the credentials (HTTP 401 Unauthorized)\n"
    assert fake_endpoint.seen[0].startswith("Basic ")  # type: ignore[attr-defined]


def test_token_is_sent_as_bearer(fake_endpoint: http.server.HTTPServer, builds: dict[str, Path]) -> None:
    fake_endpoint.statuses[:] = [204, 204]  # type: ignore[attr-defined]
    code, _, err = cli_push(builds["one"], f"http://127.0.0.1:{fake_endpoint.server_port}/store", "--token", "t0k")
    assert code == 0, err
    assert fake_endpoint.seen == ["Bearer t0k", "Bearer t0k"]  # type: ignore[attr-defined]


def test_partial_failure_says_what_landed(fake_endpoint: http.server.HTTPServer, builds: dict[str, Path]) -> None:
    fake_endpoint.statuses[:] = [201, 500]  # type: ignore[attr-defined]
    first, second = (g.iri for g in push.article_graphs(builds["one"]))
    code, out, err = cli_push(builds["one"], f"http://127.0.0.1:{fake_endpoint.server_port}/store")
    assert code == 1
    assert out.startswith(f"PUT <{first}> ")
    assert f"pushed 1 of 2 graphs" in err and f"landed: <{first}>" in err and f"failed: <{second}>: HTTP 500" in err


# --- --query-endpoint: which graphs may be dropped --------------------------------------------

ID = "https://w3id.org/ycgraph/id/article/"


def article(key: str, source: str, *others: tuple[str, str]) -> str:
    """A named graph for article ``key`` read from ``source``; ``others`` put more articles in it."""
    body = "".join(f"<{ID}{k}> a <{YCG}Article> ; <{YCG}sourceFile> {push.sparql_string(f)} .\n"
                   for k, f in ((key, source), *others))
    return f"<{ID}{key}> {{\n{body}}}\n"


def trig_build(folder: Path, *graphs: str) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "graph.trig").write_text("".join(graphs), encoding="utf-8")
    return folder


def graphs_in(base: str) -> set[str]:
    return {g.removeprefix(ID) for g in graph_counts(base)}


def test_only_earlier_versions_of_pushed_articles_are_dropped(empty_store: str, tmp_path: Path) -> None:
    base = empty_store
    old = trig_build(tmp_path / "old",
                     article("a1", "news/a/index.txt"), article("b1", "news/b/index.txt"),
                     # a graph holding b's file among others is not b's graph: it stays
                     article("m1", "news/b/index.txt", ("x1", "news/x.txt")),
                     # named after another article than the one it holds: not one push wrote
                     f"<{ID}n1> {{ <{ID}b0> <{YCG}sourceFile> \"news/b/index.txt\" . }}\n")
    assert cli_push(old, f"{base}/store")[0] == 0
    assert graphs_in(base) == {"a1", "b1", "m1", "n1"}
    new = trig_build(tmp_path / "new", article("b2", "news/b/index.txt"))
    code, out, err = cli_push(new, f"{base}/store", "--query-endpoint", f"{base}/query")
    assert code == 0, err
    assert out.splitlines() == [f"PUT <{ID}b2> 2 triples", f"DELETE <{ID}b1> (an earlier version of news/b/index.txt)"]
    assert graphs_in(base) == {"a1", "b2", "m1", "n1"}  # a's graph, with the same file name, is untouched
    assert f"kept <{ID}m1>: it holds another article" in err and f"kept <{ID}n1>:" in err


def test_a_file_name_needing_escapes_is_matched_whole(empty_store: str, tmp_path: Path) -> None:
    # ^^ and quotes broke the old reader of the pushed N-Triples (JSONDecodeError after pushing)
    name = 'news/x^^<y> "q" \\ \'z\'\nnext.txt'
    base = empty_store
    assert cli_push(trig_build(tmp_path / "old", article("c1", name), article("d1", name[:-4])), f"{base}/store")[0] == 0
    code, out, err = cli_push(trig_build(tmp_path / "new", article("c2", name)), f"{base}/store",
                              "--query-endpoint", f"{base}/query")
    assert code == 0 and "Traceback" not in err, err
    assert out.splitlines()[-1] == f"DELETE <{ID}c1> (an earlier version of {name!r})"
    assert graphs_in(base) == {"c2", "d1"}  # a name that is a prefix of it is another file


def test_a_source_file_two_pushed_articles_share_drops_nothing(empty_store: str, tmp_path: Path) -> None:
    # e.g. a builder that writes only the base name: both index.txt files claim "index.txt"
    base = empty_store
    assert cli_push(trig_build(tmp_path / "old", article("e1", "index.txt")), f"{base}/store")[0] == 0
    new = trig_build(tmp_path / "new", article("f2", "index.txt"), article("g2", "index.txt"))
    code, out, err = cli_push(new, f"{base}/store", "--query-endpoint", f"{base}/query")
    assert code == 0 and "DELETE" not in out
    assert graphs_in(base) == {"e1", "f2", "g2"}
    assert f"kept <{ID}e1>: 2 pushed articles share its source file" in err


def test_same_base_name_in_two_folders_real_build(empty_store: str, tmp_path: Path) -> None:
    """Pushing b/index.txt's new version never drops a/index.txt's graph."""
    base = empty_store
    corpus = tmp_path / "news"
    for folder, text in (("a", ARTICLE_A), ("b", ARTICLE_B)):
        (corpus / folder).mkdir(parents=True)
        (corpus / folder / "index.txt").write_text(text, encoding="utf-8")
    first = build(corpus, tmp_path / "out1")
    graphs = {g.iri: g for g in push.article_graphs(first)}
    sources = {iri: push.source_files(g) for iri, g in graphs.items()}
    if len({tuple(v) for v in sources.values()}) == 1:
        pytest.skip(f"this builder writes the same ycg:sourceFile for both files: {sources}")
    assert cli_push(first, f"{base}/store")[0] == 0
    (corpus / "a" / "index.txt").unlink()
    (corpus / "b" / "index.txt").write_text(ARTICLE_B.replace("8000", "9000"), encoding="utf-8")
    from ycgraph.builder import build as run_build

    assert not run_build([str(corpus)], tmp_path / "out2").failures
    (a_iri,) = [iri for iri, s in sources.items() if any("a" in p.split("/")[:-1] for p in s)]
    code, out, err = cli_push(tmp_path / "out2", f"{base}/store", "--query-endpoint", f"{base}/query")
    assert code == 0, err
    assert a_iri in graph_counts(base) and out.count("DELETE") == 1
