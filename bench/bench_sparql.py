"""Which SPARQL engine should ``ycgraph query`` embed? Measure, don't guess.

Loads one build into each engine and runs every shipped query
(``queries/*.rq``), timing load and each query (results materialised),
then prints a table and the ratios to the fastest engine:

- ``rdflib``: rdflib's in-memory store and its pure-Python SPARQL engine;
- ``oxrdflib``: rdflib's API over an Oxigraph store (``Graph(store="Oxigraph")``,
  ``ox-turtle`` parser), queries evaluated by Oxigraph;
- ``pyoxigraph``: ``ycgraph.sparql.engine`` (in-memory ``pyoxigraph.Store``).

Usage::

    python bench/gen_corpus_graph.py -o /tmp/big --triples 1000000
    python bench/bench_sparql.py /tmp/big/graph.ttl [--timeout 600] [--engines pyoxigraph,oxrdflib,rdflib]

A query taking longer than ``--timeout`` seconds is stopped and reported
as ``>TIMEOUT`` (rdflib only; the others are far below any sane limit).
"""

from __future__ import annotations

import argparse
import gc
import signal
import time
from pathlib import Path
from typing import Callable

from ycgraph.sparql import engine

QUERIES = Path(__file__).resolve().parents[1] / "queries"


class Timeout(Exception):
    pass


def _alarm(signum: int, frame: object) -> None:
    raise Timeout


def timed(call: Callable[[], object], timeout: int) -> tuple[float | None, object]:
    signal.signal(signal.SIGALRM, _alarm)
    signal.alarm(timeout)
    start = time.perf_counter()
    try:
        value = call()
    except Timeout:
        return None, None
    finally:
        signal.alarm(0)
    return time.perf_counter() - start, value


def rows(result: object) -> int:
    if isinstance(result, engine.Solutions):
        return len(result.rows)
    return len(list(result))  # rdflib Result


def run_pyoxigraph(data: Path, queries: dict[str, str], timeout: int) -> dict[str, tuple[float | None, int]]:
    out = {}
    load, store = timed(lambda: engine.load_data(data), timeout)
    out["load"] = (load, len(store))
    for name, text in queries.items():
        seconds, result = timed(lambda: engine.run_query(store, text), timeout)
        out[name] = (seconds, rows(result) if seconds is not None else -1)
    return out


def run_rdflib(data: Path, queries: dict[str, str], timeout: int, store: str) -> dict[str, tuple[float | None, int]]:
    import rdflib

    if store == "Oxigraph":
        import oxrdflib  # noqa: F401  (registers the store and ox-* parsers)
    graph = rdflib.Graph(store=store)
    fmt = "ox-turtle" if store == "Oxigraph" else "turtle"
    out = {}
    load, _ = timed(lambda: graph.parse(str(data), format=fmt), timeout)
    out["load"] = (load, len(graph))
    for name, text in queries.items():
        seconds, result = timed(lambda: list(graph.query(text)), timeout)
        out[name] = (seconds, len(result) if seconds is not None else -1)
    return out


ENGINES = {
    "pyoxigraph": run_pyoxigraph,
    "oxrdflib": lambda d, q, t: run_rdflib(d, q, t, "Oxigraph"),
    "rdflib": lambda d, q, t: run_rdflib(d, q, t, "default"),
}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("data", type=Path, help="graph.ttl (or a build directory with one)")
    parser.add_argument("--timeout", type=int, default=600, help="seconds allowed per step (default 600)")
    parser.add_argument("--engines", default="pyoxigraph,oxrdflib,rdflib")
    args = parser.parse_args()
    data = engine.find_data_file(args.data)
    queries = {p.stem: p.read_text(encoding="utf-8") for p in sorted(QUERIES.glob("*.rq"))}
    names = args.engines.split(",")
    results = {}
    for name in names:
        print(f"running {name} ...", flush=True)
        results[name] = ENGINES[name](data, queries, args.timeout)
        gc.collect()
    steps = ["load", *queries]
    print(f"\n{data} ({results[names[0]]['load'][1]:,} triples); seconds (rows), ratio to fastest\n")
    print(f"{'step':<22}" + "".join(f"{n:>28}" for n in names))
    for step in steps:
        times = [results[n][step][0] for n in names]
        best = min(t for t in times if t is not None)
        cells = []
        for n in names:
            seconds, count = results[n][step]
            if seconds is None:
                cells.append(f"{'>' + str(args.timeout) + 's':>28}")
            else:
                cells.append(f"{seconds:9.3f} ({count:>7}) x{seconds / best:7.1f}")
        print(f"{step:<22}" + "".join(f"{c:>28}" for c in cells))
    totals = {n: sum(results[n][s][0] or args.timeout for s in steps) for n in names}
    print(f"{'total':<22}" + "".join(f"{totals[n]:>19.3f} x{totals[n] / min(totals.values()):7.1f}" for n in names))


if __name__ == "__main__":
    main()
