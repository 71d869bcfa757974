"""``ycgraph serve``: the front before the Oxigraph server, run for real on 127.0.0.1.

``ycgraph serve`` runs as a subprocess on an ephemeral port, with its own
temporary directory (``TMPDIR``), so its store folders can be watched. Only
loopback addresses are used.
"""

from __future__ import annotations

import http.client
import os
import signal
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
import requests
from rdf_fixtures import two_article_build

from ycgraph.sparql import serve

BINARY_DIR = Path(sys.executable).parent
pytestmark = pytest.mark.skipif(
    not (BINARY_DIR / "oxigraph").is_file(), reason="the oxigraph server binary is not installed next to python")
YCG = "https://w3id.org/ycgraph/ontology#"


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class Served:
    """A running ``ycgraph serve`` subprocess."""

    def __init__(self, data: Path, tmp: Path, env_path: str | None = None) -> None:
        self.port = free_port()
        self.base = f"http://127.0.0.1:{self.port}"
        self.tmp = tmp
        env = {**os.environ, "TMPDIR": str(tmp)}
        if env_path is not None:
            env["PATH"] = env_path
        self.process = subprocess.Popen(
            [sys.executable, "-m", "ycgraph", "serve", str(data), "--port", str(self.port)],
            stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True, env=env)
        deadline = time.monotonic() + 90
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise RuntimeError(f"serve exited {self.process.returncode}: {self.process.stderr.read()}")
            try:
                if requests.get(f"{self.base}/query", params={"query": "ASK {}"}, timeout=2).ok:
                    return
            except requests.ConnectionError:
                time.sleep(0.2)
        self.stop()
        raise RuntimeError("serve did not come up within 90 s")

    def children(self) -> list[int]:
        # Scan every process's parent rather than /proc/PID/task/*/children:
        # the server's threads come and go, and a thread that exits between
        # listing and reading makes that file vanish.
        found = []
        for entry in Path("/proc").iterdir():
            if not entry.name.isdigit():
                continue
            try:
                fields = (entry / "stat").read_text().rsplit(")", 1)[1].split()
            except OSError:
                continue  # exited while we looked
            if int(fields[1]) == self.process.pid and fields[0] != "Z":
                found.append(int(entry.name))
        return sorted(found)

    def stores(self) -> list[Path]:
        return sorted(self.tmp.glob(serve.STORE_PREFIX + "*"))

    def stop(self) -> None:
        if self.process.poll() is None:
            self.process.send_signal(signal.SIGTERM)
            try:
                self.process.wait(timeout=20)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()


def gone(pid: int, seconds: float = 10) -> bool:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        try:
            state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
        except OSError:
            return True
        if state == "Z":  # exited, waiting for its (dead) parent's reaper
            return True
        time.sleep(0.1)
    return False


@pytest.fixture(scope="module")
def data(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("serve-build")
    two_article_build().serialize(out / "graph.ttl", format="turtle")
    return out


@pytest.fixture(scope="module")
def served(data: Path, tmp_path_factory: pytest.TempPathFactory) -> Iterator[Served]:
    server = Served(data, tmp_path_factory.mktemp("serve-tmp"))
    try:
        yield server
    finally:
        server.stop()


def post(base: str, query: str, path: str = "/query", **headers: str) -> requests.Response:
    return requests.post(base + path, data={"query": query},
                         headers={"Accept": "application/sparql-results+json", **headers}, timeout=30)


def raw(port: int, method: str, target: str, headers: dict[str, str], body: bytes = b"") -> tuple[int, str]:
    """A request with exactly these headers (no Host unless given)."""
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
    try:
        connection.putrequest(method, target, skip_host=True, skip_accept_encoding=True)
        for key, value in headers.items():
            connection.putheader(key, value)
        if body or method == "POST":
            connection.putheader("Content-Length", str(len(body)))
        connection.endheaders(body)
        response = connection.getresponse()
        return response.status, response.read().decode("utf-8")
    finally:
        connection.close()


def test_answers_sparql_and_yasgui_through_the_front(served: Served) -> None:
    leads = f'ASK {{ ?o <{YCG}leads> ?d ; <http://www.w3.org/2000/01/rdf-schema#label> "张三"@zh }}'
    assert post(served.base, leads).json()["boolean"] is True  # union default graph
    assert requests.get(f"{served.base}/query", params={"query": leads}, timeout=30).json()["boolean"] is True
    assert post(served.base, leads, "/sparql").json()["boolean"] is True  # where YASGUI sends queries
    as_body = requests.post(f"{served.base}/query", data=leads.encode(), timeout=30,
                            headers={"Content-Type": "application/sparql-query", "Accept": "application/sparql-results+json"})
    assert as_body.json()["boolean"] is True
    for host in (f"localhost:{served.port}", f"[::1]:{served.port}"):
        assert post(served.base, leads, Host=host).json()["boolean"] is True
    page = requests.get(f"{served.base}/", timeout=30)
    assert page.ok and "Yasgui" in page.text
    for asset in ("yasgui.min.js", "yasgui.min.css", "logo.svg"):
        assert requests.get(f"{served.base}/{asset}", timeout=30).ok


@pytest.mark.parametrize("host", ["evil.example", "evil.example:{port}", "127.0.0.1.evil.example:{port}",
                                  "127.0.0.1:{other}", "0.0.0.0:{port}", "localhost"])
def test_a_forged_host_is_refused(served: Served, host: str) -> None:
    # DNS rebinding: a page at evil.example resolves its name to 127.0.0.1 and reads the answer
    status, body = raw(served.port, "GET", "/query?query=ASK%7B%7D",
                       {"Host": host.format(port=served.port, other=served.port + 1)})
    assert status == 421 and body.count("\n") == 1 and "is refused" in body


def test_a_missing_or_doubled_host_is_refused(served: Served) -> None:
    assert raw(served.port, "GET", "/", {})[0] == 400
    status, _ = raw(served.port, "GET", "/", {"Host": f"127.0.0.1:{served.port}"})
    assert status == 200
    connection = http.client.HTTPConnection("127.0.0.1", served.port, timeout=30)
    connection.putrequest("GET", "/", skip_host=True)
    connection.putheader("Host", f"127.0.0.1:{served.port}")
    connection.putheader("Host", "evil.example")
    connection.endheaders()
    assert connection.getresponse().status == 421
    connection.close()


def test_service_is_refused_and_nothing_is_called(served: Served) -> None:
    with socket.socket() as listener:
        listener.bind(("127.0.0.1", 0))
        listener.listen(1)
        listener.settimeout(1.5)
        target = f"http://127.0.0.1:{listener.getsockname()[1]}/sparql"
        for query in (f"SELECT * {{ SERVICE <{target}> {{ ?s ?p ?o }} }}",
                      f"SELECT * {{ ?s ?p 1SERVICE <{target}> {{ ?s ?p ?o }} }}"):
            answer = post(served.base, query)
            assert answer.status_code == 400 and answer.text == (
                "query refused: SERVICE (federated query) is not allowed here\n")
        with pytest.raises(socket.timeout):
            listener.accept()  # the server never called out


def test_a_deep_query_is_refused_and_the_server_lives(served: Served) -> None:
    # 40 KB of nested parentheses used to overflow the oxigraph server's stack and kill it
    deep = "ASK { FILTER(" + "(" * 20000 + "1" + ")" * 20000 + ") }"
    answer = post(served.base, deep)
    assert answer.status_code == 400 and answer.text == "query refused: nested 20002 deep (the limit is 200)\n"
    big = "ASK { " + "?s ?p ?o . " * 7000 + "}"
    assert post(served.base, big).status_code == 413
    many = "ASK {" + " {} UNION" * 600 + " {} }"
    assert "600 UNIONs" in post(served.base, many).text
    assert post(served.base, "ASK { ?s ?p ?o }").json()["boolean"] is True


@pytest.mark.parametrize("method, target, body, status", [
    ("POST", "/update", b"update=CLEAR+ALL", 405),
    ("POST", "/sparql", b"update=CLEAR+ALL", 403),
    ("POST", "/query?update=CLEAR+ALL", b"", 403),
    ("GET", "/store", b"", 404),
    ("PUT", "/store?default", b"<urn:a> <urn:b> <urn:c> .", 405),
    ("DELETE", "/store?default", b"", 405),
    ("POST", "/query?query=ASK%7B%7D", b"query=ASK%7B%7D", 400),  # two queries: which would run?
    ("GET", "/query", b"", 400),
])
def test_only_reads_are_served(served: Served, method: str, target: str, body: bytes, status: int) -> None:
    headers = {"Host": f"127.0.0.1:{served.port}", "Content-Type": "application/x-www-form-urlencoded"}
    got, text = raw(served.port, method, target, headers, body)
    assert got == status and text.count("\n") == 1, text
    assert post(served.base, "ASK { ?s ?p ?o }").json()["boolean"] is True  # nothing was cleared


def test_oxigraph_listens_only_on_an_ephemeral_loopback_port(served: Served) -> None:
    (child,) = served.children()
    command = Path(f"/proc/{child}/cmdline").read_bytes().split(b"\0")
    bind = command[command.index(b"--bind") + 1].decode()
    host, _, port = bind.rpartition(":")
    assert host == "127.0.0.1" and int(port) != served.port
    assert os.getpgid(child) == child  # its own process group


def test_sigkill_takes_the_oxigraph_child_along_and_the_next_serve_cleans_up(data: Path, tmp_path: Path) -> None:
    first = Served(data, tmp_path, env_path="/usr/bin:/bin")  # oxigraph found next to python, not on PATH
    (child,) = first.children()
    (store,) = first.stores()
    first.process.kill()
    first.process.wait()
    assert gone(child), "the oxigraph server outlived a SIGKILLed serve"
    assert store.is_dir()  # nobody could clean up
    second = Served(data, tmp_path)
    try:
        assert not store.exists()  # removed: its owner is gone
        assert [s.name for s in second.stores()] != [store.name] and len(second.stores()) == 1
        (second_child,) = second.children()
    finally:
        second.stop()
    assert second.process.returncode == 0
    assert gone(second_child) and second.stores() == []


def test_a_busy_port_is_one_line(data: Path, tmp_path: Path) -> None:
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen(1)
        port = taken.getsockname()[1]
        done = subprocess.run([sys.executable, "-m", "ycgraph", "serve", str(data), "--port", str(port)],
                              capture_output=True, text=True, timeout=60, env={**os.environ, "TMPDIR": str(tmp_path)})
    assert done.returncode == 1 and done.stderr.startswith(f"Error: cannot listen on 127.0.0.1:{port}: ")
    assert done.stderr.count("\n") == 1 and list(tmp_path.iterdir()) == []


def test_stale_stores_are_removed_only_when_their_owner_is_gone(tmp_path: Path) -> None:
    mine = serve.make_store_dir(tmp_path)
    dead = subprocess.Popen([sys.executable, "-c", "pass"])
    dead.wait()
    orphan = tmp_path / (serve.STORE_PREFIX + "orphan")
    orphan.mkdir()
    (orphan / "owner.pid").write_text(f"{dead.pid} 1\n")
    young = tmp_path / (serve.STORE_PREFIX + "young")  # no owner file yet: maybe being made now
    young.mkdir()
    old = tmp_path / (serve.STORE_PREFIX + "old")  # no owner file, left by an older serve
    old.mkdir()
    os.utime(old, (time.time() - 7200, time.time() - 7200))
    assert sorted(serve.remove_stale_stores(tmp_path)) == sorted([orphan, old])
    assert mine.is_dir() and young.is_dir()
