"""SHACL engines side by side on ``ontology/shapes.ttl``: correctness on the broken-graph cases, speed per article.

    python bench/bench_validate.py [--articles 1000] [--every 1] [--slow-every 20] [--work /tmp/ycgraph-bench-validate]

Engines: pySHACL (the reference), pyshacl-turbo and pyrudof, each one that is
installed. In one process, so the ratios compare like with like:

* **cases**: the well-formed fixture graph and the 25 broken ones of
  ``tests/test_shapes.py``. An engine *agrees* on a case when it flags the
  same (focus node, path, severity) set as pySHACL, and is *identical* when
  its report (messages and values too) is the same;
* **real**: each article of ``../shared/corpus`` and ``../shared/dev/corpus``
  validated alone (its shared and own triples, as the build's worker does);
* **build**: a corpus of ``--articles`` generated articles (``gen_corpus.py``),
  each validated alone (by the default engine every ``--every``-th one, by
  the others every ``--slow-every``-th), then the build-level part
  (``shared_part``) once.
  Where only a sample of the articles was validated, the time for all of them
  is the sample's mean times their number, marked ``~``.

Times are CPU seconds of this process (``time.process_time``: steadier than
wall time on a machine shared with other work; the engines run on the calling
thread). Ratios are pySHACL's time over the engine's, on the same articles.
Prints Markdown tables; ``WORK/results.json`` keeps the numbers.
"""

from __future__ import annotations

import argparse
import json
import statistics
import subprocess
import sys
import time
from pathlib import Path
from types import SimpleNamespace

REPO = Path(__file__).resolve().parents[1]
SHARED = REPO.parent / "shared"
sys.path[:0] = [str(REPO / "src"), str(REPO / "tests")]

from rdflib import Graph, URIRef  # noqa: E402

from ycgraph.rdf.resources import ontology_path  # noqa: E402
from ycgraph.rdf.validate import Validator, Violation, _display, available_engines, shared_part  # noqa: E402

SHAPES = ontology_path("shapes.ttl")


class Rudof:
    """pyrudof behind the same two calls (its results turned into (focus, path, severity, message) tuples)."""

    name = "pyrudof"

    def __init__(self) -> None:
        import pyrudof

        self._mod = pyrudof
        self._session = pyrudof.Rudof(pyrudof.RudofConfig())
        self._session.read_shacl(str(SHAPES))

    def validate_triples(self, triples, *, name: str):
        text = "".join(f"{s} {p} {o} .\n" for s, p, o in triples)
        self._session.reset_data()
        self._session.read_data(text, format=self._mod.RDFFormat.NTriples)
        report = self._session.validate_shacl()
        found = list({Violation(_display(URIRef(e.focus_node)), _display(URIRef(e.path)) if e.path else None,
                                  e.message.strip('"'), str(e.severity), name) for e in report})
        return SimpleNamespace(conforms=report.conforms, violations=found)


def engines() -> dict[str, object]:
    out: dict[str, object] = {e: Validator(SHAPES, engine=e) for e in available_engines()}
    try:
        out["pyrudof"] = Rudof()
    except ImportError:
        pass
    return dict(sorted(out.items(), key=lambda kv: kv[0] != "pyshacl"))


def terms(g: Graph) -> list[tuple[str, str, str]]:
    return sorted((s.n3(), p.n3(), o.n3()) for s, p, o in g)


def flagged(report) -> set[tuple]:
    """What a report flags: (focus node, path, severity)."""
    return {(v.focus, v.path, v.severity) for v in report.violations}


def results_of(report) -> set[tuple]:
    """Each result with its message (less the value pySHACL's reports add to it)."""
    return {(v.focus, v.path, v.severity, v.message.split(" (value: ")[0]) for v in report.violations}


def full(report) -> list[tuple]:
    """The whole report, messages and values too, without the graph's name."""
    return sorted((v.focus, v.path or "", v.message, v.severity) for v in report.violations)


def cases(engs: dict) -> dict[str, dict]:
    """Agreement with pySHACL (over the rdflib graph) on the good graph and the 25 broken ones."""
    from test_shapes import BROKEN, good_graph

    out = {name: {"agreed": 0, "identical": 0, "missed": 0, "cases": 0, "differences": []} for name in engs}
    reference = engs["pyshacl"]
    for case, mutate, *_ in [("good", lambda g: None), *BROKEN]:
        g = good_graph()
        mutate(g)
        expected = reference.validate(g)
        for name, engine in engs.items():
            got = engine.validate_triples(terms(g), name="graph")
            row = out[name]
            row["cases"] += 1
            same = got.conforms == expected.conforms and flagged(got) == flagged(expected)
            row["agreed"] += same
            row["identical"] += same and full(got) == full(expected)
            missed = results_of(expected) - results_of(got)
            row["missed"] += bool(missed)
            if not same or missed:
                extra = flagged(got) - flagged(expected)
                row["differences"].append(f"{case}: {len(extra)} extra, {len(missed)} missed")
    return out


def timed(engine, triples, name: str) -> tuple[float, bool]:
    start = time.process_time()
    report = engine.validate_triples(triples, name=name)
    return time.process_time() - start, report.conforms


def real_articles(engs: dict, extractor) -> dict[str, dict]:
    files = sorted((SHARED / "corpus").glob("*.txt")) + sorted((SHARED / "dev" / "corpus").glob("*.txt"))
    out = {name: {"seconds": [], "conforms": 0} for name in engs}
    for f in files:
        at = extractor.run(f.read_text(encoding="utf-8"), f.name).triples
        triples = at.all()
        for name, engine in engs.items():
            seconds, ok = timed(engine, triples, f.name)
            out[name]["seconds"].append(seconds)
            out[name]["conforms"] += ok
    for row in out.values():
        row["articles"] = len(files)
    return out


def build(engs: dict, extractor, corpus: Path, every: int, slow_every: int) -> dict:
    files = sorted(corpus.glob("*.txt"))
    out = {name: {"seconds": {}, "conforms": 0} for name in engs}
    parts, extract_seconds = [], 0.0
    for i, f in enumerate(files):
        start = time.process_time()
        at = extractor.run(f.read_text(encoding="utf-8"), f.name).triples
        extract_seconds += time.process_time() - start
        parts.append(SimpleNamespace(article=at.article, shared=at.shared))
        if i % 100 == 0:
            print(f"build: article {i}/{len(files)}", file=sys.stderr, flush=True)
        triples = None
        for name, engine in engs.items():
            step = every if name == available_engines()[0] else slow_every
            if i % step:
                continue
            triples = triples or at.all()
            seconds, ok = timed(engine, triples, f.name)
            out[name]["seconds"][i] = seconds
            out[name]["conforms"] += ok
    shared = list(shared_part(parts))
    for name, engine in engs.items():
        out[name]["shared_seconds"], out[name]["shared_conforms"] = timed(engine, shared, "shared")
    return {"articles": len(files), "extract_seconds": extract_seconds, "shared_triples": len(shared),
            "engines": out}


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--articles", type=int, default=1000, help="generated articles for the build (0: skip)")
    ap.add_argument("--every", type=int, default=1, help="validate every N-th article with the default engine")
    ap.add_argument("--slow-every", type=int, default=20, help="validate every N-th article with the other engines")
    ap.add_argument("--work", type=Path, default=Path("/tmp/ycgraph-bench-validate"))
    args = ap.parse_args()
    args.work.mkdir(parents=True, exist_ok=True)

    from ycgraph.pipeline import Extractor

    engs = engines()
    extractor = Extractor()
    results: dict = {"engines": list(engs), "cases": cases(engs)}
    results["real"] = real_articles(engs, extractor)
    if args.articles:
        corpus = args.work / f"corpus-{args.articles}"
        if len(list(corpus.glob("*.txt"))) != args.articles:
            subprocess.run([sys.executable, str(REPO / "bench" / "gen_corpus.py"), str(corpus), str(args.articles)],
                           check=True, stdout=subprocess.DEVNULL)
        results["build"] = build(engs, extractor, corpus, args.every, args.slow_every)
    (args.work / "results.json").write_text(json.dumps(results, indent=1, ensure_ascii=False), encoding="utf-8")
    print(table(results))


def table(results: dict) -> str:
    c, real, b = results["cases"], results["real"], results.get("build")
    ref_real = sum(real["pyshacl"]["seconds"])
    lines = ["| engine | cases agreed | identical reports | cases with a miss | real: s/article | real: vs pySHACL | "
             "build: s/article | build: s for all articles | build: vs pySHACL | shared part: s |",
             "|---|---|---|---|---|---|---|---|---|---|"]
    for name in results["engines"]:
        r = real[name]
        cells = [name, f"{c[name]['agreed']}/{c[name]['cases']}", f"{c[name]['identical']}/{c[name]['cases']}",
                 str(c[name]["missed"]),
                 f"{statistics.mean(r['seconds']):.3f}", f"{ref_real / sum(r['seconds']):.1f}x"]
        if b:
            e, ref = b["engines"][name], b["engines"]["pyshacl"]
            per = statistics.mean(e["seconds"].values())
            sampled = len(e["seconds"]) < b["articles"]
            total = per * b["articles"]
            common = set(e["seconds"]) & set(ref["seconds"])
            ratio = sum(ref["seconds"][i] for i in common) / sum(e["seconds"][i] for i in common)
            cells += [f"{per:.3f}", f"{'~' if sampled else ''}{total:.0f} ({len(e['seconds'])} validated)",
                      f"{ratio:.1f}x", f"{e['shared_seconds']:.2f}"]
        lines.append("| " + " | ".join(cells) + " |")
    notes = ["cases: good graph + 25 broken, each engine given the triples as text (as the worker does), compared "
             "with pySHACL over the rdflib graph; agreed = same (focus, path, severity) set; a miss = a pySHACL "
             "result (focus, path, message) the engine does not report.",
             f"real: {real['pyshacl']['articles']} articles of ../shared; CPU s of this process."]
    if b:
        notes.append(f"build: {b['articles']} generated articles, extraction {b['extract_seconds']:.0f} s "
                     f"({b['extract_seconds'] / b['articles']:.3f} s/article); shared part "
                     f"{b['shared_triples']} triples; ~ = sample mean x {b['articles']}.")
        for name in results["engines"]:
            e = b["engines"][name]
            notes.append(f"{name}: {e['conforms']}/{len(e['seconds'])} articles conform, shared part "
                         f"{'conforms' if e['shared_conforms'] else 'does not conform'}.")
    for name in results["engines"]:
        if c[name]["differences"]:
            notes.append(f"{name} differs from pySHACL on: " + "; ".join(c[name]["differences"][:6])
                         + (" ..." if len(c[name]["differences"]) > 6 else ""))
    return "\n".join(lines + [""] + notes)


if __name__ == "__main__":
    main()
