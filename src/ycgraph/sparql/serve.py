"""A local read-only SPARQL endpoint over a build: the ``oxigraph`` server behind a small front.

The ``oxigraph`` PyPI package ships the Oxigraph server binary. Serving is
three steps: load the build's graph file into a fresh on-disk store
(``oxigraph load``), run ``oxigraph serve-read-only`` on it (the union of
all graphs as the default graph) on an ephemeral port of 127.0.0.1, and put
:class:`Front`, a Python reverse proxy, on the address the user asked for.
Only the front is reachable; it answers the SPARQL 1.1 Protocol at
``/query`` (and ``/sparql``, where YASGUI sends its queries) and serves the
YASGUI page at ``/``, and refuses, with a 4xx status and a one-line reason:

- a ``Host`` header other than ``127.0.0.1``, ``localhost`` or ``[::1]`` with
  the port served (or the ``--host`` given): a web page the user visits
  cannot read the graph by pointing its own host name at 127.0.0.1;
- any method or path other than ``GET``/``POST`` of a query and ``GET`` of
  the YASGUI page and its files (no update, no graph store);
- a query :func:`ycgraph.sparql.guard.check_query` refuses: too big, nested
  too deep or chained too long (they overflow Oxigraph's stack and kill
  it), or using ``SERVICE`` (it would make the server call any address).

The oxigraph processes are started in their own process group and, on
Linux, are killed by the kernel when ``ycgraph serve`` dies, even by
SIGKILL (``PR_SET_PDEATHSIG``). The temporary store holds a file naming its
owner's pid; a later ``serve`` removes stores whose owner is gone.
"""

from __future__ import annotations

import ctypes
import http.client
import http.server
import os
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path
from typing import IO, Callable
from urllib.parse import parse_qs, urlsplit

from ..errors import YcgraphError
from .engine import display_name, find_data_file
from .guard import QueryRefused, check_query

__all__ = [
    "ServeError",
    "STORE_PREFIX",
    "oxigraph_binary",
    "load_command",
    "serve_command",
    "load_store_dir",
    "make_store_dir",
    "remove_stale_stores",
    "allowed_hosts",
    "Front",
    "run_server",
]

#: Prefix of the temporary store folders ``serve`` makes in the temporary directory.
STORE_PREFIX = "ycgraph-store-"
_OWNER = "owner.pid"
#: Seconds Oxigraph may spend on one query.
QUERY_TIMEOUT = 60
#: Largest request body accepted: a 64 KiB query, percent-encoded in a form.
MAX_BODY = 3 * 64 * 1024 + 4096
_QUERY_PATHS = frozenset(("/query", "/sparql"))
_STATIC_PATHS = frozenset(("/", "/yasgui.min.css", "/yasgui.min.js", "/logo.svg"))
_FORM, _SPARQL_QUERY = "application/x-www-form-urlencoded", "application/sparql-query"
# Request headers passed on to Oxigraph (the rest, cookies and all, stay with the front).
_FORWARDED = ("Accept", "Accept-Language", "Content-Type", "User-Agent")
# Hop-by-hop headers (RFC 9110 7.6.1) of Oxigraph's answer are the front's own business.
_HOP_BY_HOP = frozenset(("connection", "keep-alive", "proxy-connection", "te", "trailer", "transfer-encoding",
                         "upgrade", "content-length"))


class ServeError(YcgraphError):
    """The oxigraph server cannot be found, load the build, or start."""


def oxigraph_binary() -> str:
    """Path of the ``oxigraph`` server binary (installed by ``pip install oxigraph``).

    Looked for next to the running Python first (a virtual environment's
    ``bin`` need not be on PATH), then on PATH.
    """
    here = Path(sys.executable).parent
    for folder in dict.fromkeys((here, Path(os.path.realpath(sys.executable)).parent)):
        for name in ("oxigraph", "oxigraph.exe"):
            candidate = folder / name
            if candidate.is_file() and os.access(candidate, os.X_OK):
                return str(candidate)
    found = shutil.which("oxigraph")
    if not found:
        raise ServeError(f"the `oxigraph` server binary is neither in {display_name(here)} nor on PATH "
                         "(pip install oxigraph)")
    return found


def load_command(binary: str, location: Path, data_file: Path) -> list[str]:
    """The ``oxigraph load`` command line that fills ``location`` from ``data_file``.

    >>> load_command("oxigraph", Path("/tmp/s"), Path("out/graph.trig"))
    ['oxigraph', 'load', '--location', '/tmp/s', '--file', 'out/graph.trig']
    """
    return [binary, "load", "--location", str(location), "--file", str(data_file)]


def serve_command(binary: str, location: Path, host: str = "127.0.0.1", port: int = 7878) -> list[str]:
    """The ``oxigraph serve-read-only`` command line for a loaded store.

    >>> serve_command("oxigraph", Path("/tmp/s"), port=7000)[1:]
    ['serve-read-only', '--location', '/tmp/s', '--bind', '127.0.0.1:7000', '--union-default-graph', '--timeout-s', '60']
    """
    bind = f"[{host}]:{port}" if ":" in host else f"{host}:{port}"
    return [binary, "serve-read-only", "--location", str(location), "--bind", bind, "--union-default-graph",
            "--timeout-s", str(QUERY_TIMEOUT)]


_PR_SET_PDEATHSIG = 1


def _child_setup(parent: int) -> Callable[[], None]:
    """``preexec_fn``: the child gets SIGKILL when its parent dies (Linux), even if the parent is SIGKILLed."""

    def setup() -> None:
        if sys.platform.startswith("linux"):
            libc = ctypes.CDLL(None, use_errno=True)
            libc.prctl(_PR_SET_PDEATHSIG, signal.SIGKILL, 0, 0, 0)
            if os.getppid() != parent:  # the parent died before prctl took effect
                os._exit(1)

    return setup


def _spawn(command: list[str], **kwargs: object) -> subprocess.Popen:
    return subprocess.Popen(command, process_group=0, preexec_fn=_child_setup(os.getpid()),  # noqa: PLW1509
                            **kwargs)  # type: ignore[call-overload]


def _stop(process: subprocess.Popen) -> None:
    """Stop a child started by :func:`_spawn` and its group: TERM, then KILL after 10 s."""
    if process.poll() is not None:
        return
    try:
        os.killpg(process.pid, signal.SIGTERM)
    except ProcessLookupError:
        return
    try:
        process.wait(timeout=10)
    except subprocess.TimeoutExpired:
        try:
            os.killpg(process.pid, signal.SIGKILL)
        except ProcessLookupError:
            pass
        process.wait()


def load_store_dir(data: Path, location: Path, binary: str | None = None,
                   warn: Callable[[str], None] | None = None) -> Path:
    """Load a build (directory or RDF file) into an Oxigraph store at ``location``; return the file loaded."""
    binary = binary or oxigraph_binary()
    data_file = find_data_file(Path(data), warn)
    process = _spawn(load_command(binary, location, data_file), stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                     text=True)
    try:
        out, err = process.communicate()
    finally:
        _stop(process)
    if process.returncode != 0:
        detail = " ".join((err or out).split())[:200]
        raise ServeError(f"{display_name(data_file)}: oxigraph could not load it: {detail}")
    return data_file


# --- temporary stores -------------------------------------------------------------------------


def _start_time(pid: int) -> str:
    """The kernel's start time of ``pid`` (tells a reused pid apart); empty where unknown."""
    try:
        stat = Path(f"/proc/{pid}/stat").read_text()
    except OSError:
        return ""
    return stat.rsplit(")", 1)[-1].split()[19]


def _alive(pid: int, started: str) -> bool:
    from ..spill import pid_alive

    if not pid_alive(pid):
        return False
    return not started or not _start_time(pid) or _start_time(pid) == started


def make_store_dir(parent: Path | None = None) -> Path:
    """A new temporary store folder holding ``owner.pid`` (this process's pid and start time)."""
    location = Path(tempfile.mkdtemp(prefix=STORE_PREFIX, dir=parent))
    (location / _OWNER).write_text(f"{os.getpid()} {_start_time(os.getpid())}\n", encoding="ascii")
    return location


def remove_stale_stores(parent: Path | None = None, *, unowned_after: float = 3600.0) -> list[Path]:
    """Remove the store folders left by ``serve`` processes that are gone (killed, say); return them.

    A folder whose ``owner.pid`` names a live process is kept; one without
    that file (left by an older version, or being made right now) is
    removed only once it is ``unowned_after`` seconds old.
    """
    parent = Path(parent or tempfile.gettempdir())
    removed = []
    for folder in sorted(parent.glob(STORE_PREFIX + "*")):
        try:
            if not folder.is_dir() or folder.is_symlink() or folder.stat().st_uid != os.getuid():
                continue
            owner = folder / _OWNER
            if owner.is_file():
                fields = owner.read_text(encoding="ascii").split()
                if _alive(int(fields[0]), fields[1] if len(fields) > 1 else ""):
                    continue
            elif time.time() - folder.stat().st_mtime < unowned_after:
                continue
        except (OSError, ValueError, IndexError):
            continue
        shutil.rmtree(folder, ignore_errors=True)
        removed.append(folder)
    return removed


# --- the front --------------------------------------------------------------------------------


def _host_port(host: str, port: int) -> str:
    return f"[{host}]:{port}" if ":" in host else f"{host}:{port}"


def allowed_hosts(host: str, port: int) -> frozenset[str]:
    """``Host`` header values the front answers (lower case).

    >>> sorted(allowed_hosts("127.0.0.1", 7878))
    ['127.0.0.1:7878', '[::1]:7878', 'localhost:7878']
    >>> "192.168.1.5:80" in allowed_hosts("192.168.1.5", 80), "192.168.1.5" in allowed_hosts("192.168.1.5", 80)
    (True, True)
    """
    names = {"127.0.0.1", "localhost", "::1", host.strip("[]").lower()}
    if host in ("0.0.0.0", "::"):
        names.discard(host)  # no browser sends these; sharing needs the machine's name: --host NAME
    values = {_host_port(name, port) for name in names}
    if port == 80:
        values |= {f"[{n}]" if ":" in n else n for n in names}
    return frozenset(values)


class _Refused(Exception):
    def __init__(self, status: int, reason: str) -> None:
        super().__init__(reason)
        self.status = status
        self.reason = reason


def _media_type(value: str | None) -> str:
    return (value or "").split(";", 1)[0].strip().lower()


def _queries_in(method: str, query_string: str, content_type: str, body: bytes) -> list[str]:
    """Every query text a request carries, wherever Oxigraph might read one (URL, form, body)."""
    params = parse_qs(query_string, keep_blank_values=True)
    if "update" in params:
        raise _Refused(403, "updates are refused: this endpoint is read-only")
    found = list(params.get("query", []))
    if method == "POST":
        if content_type == _FORM:
            form = parse_qs(body.decode("utf-8", "replace"), keep_blank_values=True)
            if "update" in form:
                raise _Refused(403, "updates are refused: this endpoint is read-only")
            found += form.get("query", [])
        elif content_type == _SPARQL_QUERY:
            found.append(body.decode("utf-8", "replace"))
        else:
            raise _Refused(415, f"POST a query as {_FORM} or {_SPARQL_QUERY}, not {content_type or 'no type'}")
    return found


class Front(http.server.ThreadingHTTPServer):
    """The reverse proxy the user talks to; Oxigraph listens at ``backend`` (127.0.0.1, ephemeral port).

    Parameters
    ----------
    address : (str, int)
        Where to listen (port 0: any free one).
    backend : (str, int)
        The Oxigraph server.
    hosts : frozenset of str or None
        ``Host`` values to answer; default :func:`allowed_hosts` of ``address``.
    """

    daemon_threads = True
    allow_reuse_address = True

    def __init__(self, address: tuple[str, int], backend: tuple[str, int],
                 hosts: frozenset[str] | None = None) -> None:
        self.address_family = socket.AF_INET6 if ":" in address[0] else socket.AF_INET
        super().__init__(address, _FrontHandler)
        self.backend = backend
        self.hosts = hosts if hosts is not None else allowed_hosts(address[0], self.server_address[1])


class _FrontHandler(http.server.BaseHTTPRequestHandler):
    server: Front
    protocol_version = "HTTP/1.1"
    server_version = "ycgraph-serve"
    timeout = 30  # seconds a client may take to send its request: a stalled one does not hold a thread

    def do_GET(self) -> None:  # noqa: N802
        self._handle("GET")

    def do_POST(self) -> None:  # noqa: N802
        self._handle("POST")

    def _refuse_method(self) -> None:
        self._answer(405, f"{self.command} is refused: only GET and POST of queries, GET of the YASGUI page")

    do_PUT = do_DELETE = do_PATCH = do_HEAD = do_OPTIONS = do_TRACE = do_CONNECT = _refuse_method  # noqa: N815

    def _handle(self, method: str) -> None:
        try:
            body = self._check(method)
        except _Refused as refusal:
            self._answer(refusal.status, refusal.reason)
            return
        self._forward(method, body)

    def _check(self, method: str) -> bytes:
        host = (self.headers.get("Host") or "").strip().lower()
        if len(self.headers.get_all("Host") or []) != 1 or host not in self.server.hosts:
            shown = display_name(host) if host else "none"
            raise _Refused(421 if host else 400, f"Host {shown} is refused: this endpoint answers only "
                                                 f"{', '.join(sorted(self.server.hosts))}")
        if not self.path.startswith("/"):
            raise _Refused(400, "only origin-form request targets (/query?…) are served")
        for name in _FORWARDED:
            if len(self.headers.get_all(name) or []) > 1:
                raise _Refused(400, f"more than one {name} header")
        parts = urlsplit(self.path)
        if parts.path in _STATIC_PATHS and method == "GET" and not parts.query:
            return b""
        if parts.path not in _QUERY_PATHS:
            raise _Refused(404 if method == "GET" else 405, f"{display_name(parts.path)} is not served here "
                                                            "(queries go to /query)")
        body = b""
        if method == "POST":
            if self.headers.get("Transfer-Encoding"):
                raise _Refused(411, "send the query with a Content-Length, not chunked")
            try:
                length = int(self.headers.get("Content-Length", ""))
            except ValueError:
                raise _Refused(411, "a POST needs a Content-Length") from None
            if length < 0 or length > MAX_BODY:
                raise _Refused(413, f"query refused: a {length:,}-byte request (the limit is {MAX_BODY:,})")
            body = self.rfile.read(length)
        queries = _queries_in(method, parts.query, _media_type(self.headers.get("Content-Type")), body)
        if len(queries) != 1:
            raise _Refused(400, f"a request carries one query, not {len(queries)}")
        try:
            check_query(queries[0], allow_service=False)
        except QueryRefused as err:
            raise _Refused(413 if "bytes" in str(err) else 400, str(err)) from None
        return body

    def _forward(self, method: str, body: bytes) -> None:
        host, port = self.server.backend
        connection = http.client.HTTPConnection(host, port, timeout=QUERY_TIMEOUT + 30)
        headers = {k: self.headers[k] for k in _FORWARDED if k in self.headers}
        headers["Host"] = _host_port(host, port)
        try:
            connection.request(method, self.path, body=body if method == "POST" else None, headers=headers)
            response = connection.getresponse()
            payload = response.read()
        except (OSError, http.client.HTTPException) as err:
            self._answer(502, f"the oxigraph server did not answer: {type(err).__name__}")
            return
        finally:
            connection.close()
        self.send_response(response.status, response.reason)
        for key, value in response.getheaders():
            if key.lower() not in _HOP_BY_HOP:
                self.send_header(key, value)
        self.send_header("Content-Length", str(len(payload)))
        self.end_headers()
        self.wfile.write(payload)

    def _answer(self, status: int, reason: str) -> None:
        """A one-line plain-text answer; the connection is closed (the body may not have been read)."""
        data = (" ".join(reason.split()) + "\n").encode("utf-8")
        self.send_response(status)
        self.send_header("Content-Type", "text/plain; charset=utf-8")
        self.send_header("Content-Length", str(len(data)))
        self.send_header("Connection", "close")
        self.end_headers()
        if self.command != "HEAD":
            self.wfile.write(data)
        self.close_connection = True

    def log_message(self, format: str, *args: object) -> None:  # noqa: A002
        pass


# --- running it -------------------------------------------------------------------------------


def _free_loopback_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _wait_until_up(port: int, process: subprocess.Popen, log: IO[str], seconds: float = 60.0) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if process.poll() is not None:
            log.seek(0)
            err = log.read()
            raise ServeError(f"the oxigraph server stopped at start (exit {process.returncode}): "
                             f"{' '.join(err.split())[:200]}")
        try:
            with socket.create_connection(("127.0.0.1", port), timeout=1):
                return
        except OSError:
            time.sleep(0.1)
    raise ServeError(f"the oxigraph server did not listen on 127.0.0.1:{port} within {seconds:.0f} s")


def run_server(data: Path, host: str = "127.0.0.1", port: int = 7878, announce: Callable[[str], None] = print,
               warn: Callable[[str], None] | None = None) -> None:
    """Load ``data`` into a temporary store and serve it behind the front until interrupted.

    ``announce(message)`` is told the endpoint URL once the store is loaded,
    ``warn`` about a stale export passed over. SIGTERM and Ctrl-C stop the
    server and remove the temporary store; so does the next ``serve`` if
    this one is killed.
    """
    binary = oxigraph_binary()
    remove_stale_stores()
    try:
        front = Front((host, port), ("127.0.0.1", 0))
    except OSError as err:
        raise ServeError(f"cannot listen on {_host_port(host, port)}: {err.strerror or err}") from None
    location = make_store_dir()
    server: subprocess.Popen | None = None
    log: IO[str] | None = None
    stopped_by_us = threading.Event()
    try:
        data_file = load_store_dir(data, location, binary, warn)
        backend_port = _free_loopback_port()
        # a file, not a pipe: nobody reads the server's log while it runs, and a full pipe would stall it
        log = tempfile.TemporaryFile(mode="w+", prefix="ycgraph-serve-log-")
        server = _spawn(serve_command(binary, location, "127.0.0.1", backend_port),
                        stdout=subprocess.DEVNULL, stderr=log, text=True)
        _wait_until_up(backend_port, server, log)
        front.backend = ("127.0.0.1", backend_port)

        def watch() -> None:  # the front goes down with the server
            server.wait()
            if not stopped_by_us.is_set():
                front.shutdown()

        threading.Thread(target=watch, daemon=True).start()
        base = f"http://{_host_port(host, front.server_address[1])}"
        announce(f"serving {display_name(data_file)} read-only: SPARQL endpoint {base}/query, "
                 f"YASGUI {base}/ (Ctrl-C stops)")

        def stop(signum: int, frame: object) -> None:
            raise KeyboardInterrupt

        previous = signal.signal(signal.SIGTERM, stop)
        try:
            front.serve_forever(poll_interval=0.2)
        except KeyboardInterrupt:
            return
        finally:
            stopped_by_us.set()
            signal.signal(signal.SIGTERM, previous)
        log.seek(0)
        raise ServeError(f"the oxigraph server stopped (exit {server.returncode}): {' '.join(log.read().split())[:200]}")
    finally:
        stopped_by_us.set()
        front.server_close()
        if server is not None:
            _stop(server)
        if log is not None:
            log.close()
        shutil.rmtree(location, ignore_errors=True)
