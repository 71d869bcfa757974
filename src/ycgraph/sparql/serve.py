"""A local read-only SPARQL endpoint over a build, run by the ``oxigraph`` server.

The ``oxigraph`` PyPI package ships the Oxigraph server binary. Serving is
two steps: load the build's graph file into a fresh on-disk store
(``oxigraph load``), then run ``oxigraph serve-read-only`` on it with the
union of all graphs as the default graph, bound to 127.0.0.1 unless asked
otherwise. The endpoint answers the SPARQL 1.1 Protocol at ``/query`` and
serves the YASGUI query editor at ``/``.
"""

from __future__ import annotations

import shutil
import signal
import subprocess
import tempfile
from pathlib import Path
from typing import Callable

from ..errors import YcgraphError
from .engine import find_data_file

__all__ = ["ServeError", "oxigraph_binary", "load_command", "serve_command", "load_store_dir", "run_server"]


class ServeError(YcgraphError):
    """The oxigraph server cannot be found, load the build, or start."""


def oxigraph_binary() -> str:
    """Path of the ``oxigraph`` server binary (installed by ``pip install oxigraph``)."""
    found = shutil.which("oxigraph")
    if not found:
        raise ServeError("the `oxigraph` server binary is not on PATH (pip install oxigraph)")
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
    ['serve-read-only', '--location', '/tmp/s', '--bind', '127.0.0.1:7000', '--union-default-graph']
    """
    bind = f"[{host}]:{port}" if ":" in host else f"{host}:{port}"
    return [binary, "serve-read-only", "--location", str(location), "--bind", bind, "--union-default-graph"]


def load_store_dir(data: Path, location: Path, binary: str | None = None) -> Path:
    """Load a build (directory or RDF file) into an Oxigraph store at ``location``; return the file loaded."""
    binary = binary or oxigraph_binary()
    data_file = find_data_file(Path(data))
    done = subprocess.run(load_command(binary, location, data_file), capture_output=True, text=True)
    if done.returncode != 0:
        detail = " ".join((done.stderr or done.stdout).split())[:200]
        raise ServeError(f"{data_file}: oxigraph could not load it: {detail}")
    return data_file


def run_server(data: Path, host: str = "127.0.0.1", port: int = 7878, announce: Callable[[str], None] = print) -> None:
    """Load ``data`` into a temporary store and serve it in the foreground until interrupted.

    ``announce(message)`` is told the endpoint URL once the store is loaded.
    SIGTERM and Ctrl-C stop the server and remove the temporary store.
    """
    binary = oxigraph_binary()
    with tempfile.TemporaryDirectory(prefix="ycgraph-store-") as location:
        data_file = load_store_dir(data, Path(location), binary)
        base = f"http://{'[' + host + ']' if ':' in host else host}:{port}"
        announce(f"serving {data_file} read-only: SPARQL endpoint {base}/query, YASGUI {base}/ (Ctrl-C stops)")
        server = subprocess.Popen(serve_command(binary, Path(location), host, port), stderr=subprocess.PIPE, text=True)

        def stop(signum: int, frame: object) -> None:
            raise KeyboardInterrupt

        previous = signal.signal(signal.SIGTERM, stop)
        try:
            _, err = server.communicate()
        except KeyboardInterrupt:
            server.terminate()
            server.wait(timeout=10)
            return
        finally:
            signal.signal(signal.SIGTERM, previous)
        if server.returncode != 0:
            detail = " ".join((err or "").split())[:200]
            raise ServeError(f"oxigraph server on {host}:{port} stopped (exit {server.returncode}): {detail}")
