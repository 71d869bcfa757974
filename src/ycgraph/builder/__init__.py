"""Build a corpus: read every article, extract, write the graph as it streams in.

The per-article work (:func:`extract_article`) is a pure function of a file's
name and bytes, so it runs the same in this process, in a pool of processes
(``jobs``), or on a Dask cluster (``scheduler``). Results stream back in input
order and are written straight into ``graph.ttl``; only the entities'
describing triples are remembered (to write each once), so memory does not
grow with the corpus.

A cache keyed by each file's content hash and the extractor's fingerprint
(code, division data, dictionaries) skips unchanged articles; when nothing
changed at all, the outputs are left as they are.

One bad file never loses the others: its problem is recorded as a
:class:`Failure` and the build goes on. Outputs are written atomically.
"""

from __future__ import annotations

import hashlib
import json
import marshal
import os
import shutil
import sys
import tempfile
import time
from dataclasses import dataclass, field, replace
from functools import cached_property, lru_cache
from pathlib import Path
from typing import Callable, Iterable, Iterator

from rdflib import Graph

from ..version import __version__
from ..errors import InputError, YcgraphError
from ..gazetteer.divisions import data_source
from ..gazetteer.userdict import UserDictionary
from ..outputs import write_atomic
from ..spill import Spilled, Spiller, SpillReader, spill_folder
from ..rdf.graph import PREFIXES, ArticleTriples
from ..rdf.namespaces import YCR
from ..rdf.terms import LineTurtleWriter, TurtleWriter, to_rdflib
from ..text.reader import decode_article, expand_inputs, read_bytes

GRAPH_FILE = "graph.ttl"
CACHE_DIR = ".cache"
MANIFEST = "manifest.json"


@dataclass(frozen=True)
class Failure:
    path: str
    problem: str

    def __str__(self) -> str:
        return f"{self.path}: {self.problem}"


@dataclass
class ArticleResult:
    """What one article contributes to the build (picklable: it crosses process boundaries)."""

    path: str
    sha256: str
    triples: ArticleTriples
    entities: int
    mentions: int
    # From a pool worker of a streaming build: the own Turtle is in the worker's spill file, not here.
    spilled: Spilled | None = None

    @cached_property
    def graph(self) -> Graph:
        """The article's own graph, as rdflib (made on first use)."""
        return self.triples.to_graph()


@dataclass(frozen=True)
class BuildOptions:
    dictionary: UserDictionary = field(default_factory=UserDictionary)
    jobs: int = 1
    scheduler: str | None = None  # address of a Dask distributed scheduler
    cache: bool = True
    keep: bool = True  # keep every article's result in memory (for alignment, exports, views, tests)
    progress: bool = False
    align: bool = True  # append the W3C ORG / SKOS view (needs keep)
    compact: bool = False  # graph.ttl in article order, a statement a line: much faster to write for big corpora


@dataclass
class BuildResult:
    out_dir: Path
    extractions: list[ArticleResult] = field(default_factory=list)
    failures: list[Failure] = field(default_factory=list)
    written: list[Path] = field(default_factory=list)
    articles: int = 0
    entities: int = 0
    triples: int = 0
    text_bytes: int = 0
    cached: int = 0
    unchanged: bool = False  # nothing changed since the last build: outputs left as they were
    seconds: float = 0.0

    @cached_property
    def graph(self) -> Graph:
        """The whole graph as rdflib: from the kept results, else parsed from graph.ttl."""
        if self.extractions:
            return to_rdflib((t for ex in self.extractions for t in ex.triples.all()), PREFIXES)
        g = Graph()
        g.parse(self.out_dir / GRAPH_FILE, format="turtle")
        return g

    def summary(self) -> str:
        note = " (unchanged: nothing rewritten)" if self.unchanged else ""
        return (f"{self.articles + len(self.failures)} files, {len(self.failures)} failed, {self.cached} from cache, "
                f"{self.entities} entities, {self.triples} triples, {self.seconds:.1f} s{note}")


# --- the per-article work ----------------------------------------------------------------


@lru_cache(maxsize=4)
def _extractor(dictionary: UserDictionary):
    """One extractor per process and dictionary (loading it takes a second or two)."""
    from ..pipeline import Extractor

    return Extractor(dictionary)


def extract_article(path: str, data: bytes, dictionary: UserDictionary) -> ArticleResult | Failure:
    """Read and extract one article from its bytes. Pure: the same input gives the same result."""
    try:
        article = decode_article(path, data)
    except InputError as exc:
        return Failure(exc.path, exc.problem)
    ex = _extractor(dictionary).run(article.text, Path(path).name, article.sha256)
    return ArticleResult(path, ex.sha256, ex.triples, len({m.key for m in ex.doc.mentions}), len(ex.doc.mentions))


def _extract_task(task: Task) -> ArticleResult | Failure:
    return extract_article(*task)


@lru_cache(maxsize=1)
def _code_fingerprint() -> str:
    """Hash of the package's own source: a changed extractor never reuses old results."""
    h = hashlib.sha256(__version__.encode())
    root = Path(__file__).parents[1]
    for f in sorted(root.rglob("*.py")):
        h.update(f.relative_to(root).as_posix().encode())
        h.update(f.read_bytes())
    return h.hexdigest()


def extractor_fingerprint(dictionary: UserDictionary) -> str:
    parts = [_code_fingerprint(), data_source(), dictionary.fingerprint(), sys.version.split()[0]]
    return hashlib.sha256("|".join(parts).encode()).hexdigest()[:20]


class ArticleCache:
    """Per-article results on disk, keyed by content hash and extractor fingerprint."""

    def __init__(self, folder: Path, fingerprint: str) -> None:
        self.folder = folder / fingerprint
        self.fingerprint = fingerprint

    def key(self, path: str, data: bytes) -> str:
        # The name is part of the key: it is written into the graph (ycg:sourceFile).
        return hashlib.sha256(Path(path).name.encode() + b"\0" + data).hexdigest()

    def _file(self, key: str) -> Path:
        return self.folder / key[:2] / f"{key}.marshal"

    def has(self, key: str) -> bool:
        return self._file(key).exists()

    def get(self, key: str, path: str) -> ArticleResult | None:
        try:
            sha, shared, keys, own_turtle, own_count, article, entities, mentions = marshal.loads(
                self._file(key).read_bytes())
        except (OSError, ValueError, EOFError, TypeError):
            return None
        return ArticleResult(path, sha, ArticleTriples(article, shared, own_turtle, own_count, keys), entities, mentions)

    def put(self, key: str, result: ArticleResult) -> None:
        t = result.triples
        data = marshal.dumps((result.sha256, t.shared, t.shared_keys, t.own_turtle, t.own_count, t.article,
                              result.entities, result.mentions))
        try:
            write_atomic(self.folder / key[:2] / f"{key}.marshal", data)
        except OSError:
            pass  # a cache that cannot be written only costs speed


# --- running the work ---------------------------------------------------------------------


Task = tuple[str, bytes, UserDictionary]


# A pool worker's spill file (see ycgraph.spill): set by the pool's initializer, in that worker only.
_worker_spiller: Spiller | None = None


def _start_spilling(folder: str) -> None:
    global _worker_spiller
    _worker_spiller = Spiller(folder)


def _extract_and_spill(task: Task) -> ArticleResult | Failure:
    result = _extract_task(task)
    if isinstance(result, ArticleResult) and _worker_spiller is not None:
        where = _worker_spiller.spill(result.triples.own_turtle)
        result = replace(result, triples=replace(result.triples, own_turtle=b""), spilled=where)
    return result


def _uses_pool(options: BuildOptions, tasks: list[Task]) -> bool:
    return not options.scheduler and options.jobs > 1 and len(tasks) > 1


def _run_tasks(tasks: list[Task], options: BuildOptions, spills_to: str | None = None
               ) -> Iterator[ArticleResult | Failure]:
    """Results in task order, from this process, a process pool, or a Dask cluster.

    With ``spills_to``, pool workers leave each article's own Turtle in their
    spill files there (see :mod:`ycgraph.spill`).
    """
    if not tasks:
        return
    if options.scheduler:
        yield from _run_on_dask(tasks, options.scheduler)
    elif _uses_pool(options, tasks):
        import multiprocessing

        ctx = multiprocessing.get_context("fork" if sys.platform.startswith("linux") else "spawn")
        spilling = dict(initializer=_start_spilling, initargs=(spills_to,)) if spills_to else {}
        workers = min(options.jobs, len(tasks))
        # Up to 8 articles a message: per-message costs in the main process (pickling, the pool's
        # bookkeeping threads) would otherwise take CPU the workers need; small corpora still spread.
        chunk = max(1, min(8, len(tasks) // (8 * workers)))
        with ctx.Pool(workers, **spilling) as pool:
            yield from pool.imap(_extract_and_spill if spills_to else _extract_task, tasks, chunksize=chunk)
    else:
        for task in tasks:
            yield _extract_task(task)


def _run_on_dask(tasks: list[Task], address: str) -> Iterator[ArticleResult | Failure]:
    try:
        from dask.distributed import Client
    except ImportError:
        raise YcgraphError("--scheduler needs Dask: pip install 'dask[distributed]'") from None
    try:
        client = Client(address, timeout=10, set_as_default=False)
    except OSError as exc:
        raise YcgraphError(f"cannot reach the Dask scheduler at {address}: {exc}") from None
    try:
        futures = client.map(_extract_task, tasks, pure=True)
        for fut in futures:  # in input order, so the output does not depend on timing
            yield fut.result()
            fut.release()
    finally:
        client.close()


def _progress(total: int, enabled: bool) -> Callable[[], None]:
    if not enabled or total == 0:
        return lambda: None
    try:
        from tqdm import tqdm
    except ImportError:
        return lambda: None
    bar = tqdm(total=total, unit="file", file=sys.stderr, leave=False)
    return lambda: bar.update(1)


# --- the build ------------------------------------------------------------------------------


def build(paths: Iterable[str], out_dir: str | Path, options: BuildOptions | None = None,
          dictionary: UserDictionary | None = None) -> BuildResult:
    """Build ``paths`` (files, folders, globs) into ``out_dir``/graph.ttl; see :class:`BuildResult`."""
    options = options or BuildOptions()
    if dictionary is not None:
        options = replace(options, dictionary=dictionary)
    start = time.perf_counter()
    out = Path(out_dir)
    result = BuildResult(out)
    files, errors = expand_inputs(list(paths))
    result.failures = [Failure(e.path, e.problem) for e in errors]
    fingerprint = extractor_fingerprint(options.dictionary)
    cache = ArticleCache(out / CACHE_DIR, fingerprint) if options.cache else None

    # Read every file (cheap) and look it up in the cache; what is not there is work to do.
    # Cached results are loaded only when written, so memory does not grow with the corpus.
    plan: list[tuple[str, Failure | str | None]] = []  # ("failed", Failure) / ("cached", key) / ("todo", key)
    tasks: list[Task] = []
    keys: list[str | None] = []
    for f in files:
        try:
            data = read_bytes(f)
        except InputError as exc:
            plan.append(("failed", Failure(exc.path, exc.problem)))
            keys.append(None)
            continue
        result.text_bytes += len(data)
        key = cache.key(str(f), data) if cache else None
        keys.append(key)
        if cache and key and cache.has(key):
            plan.append(("cached", key))
        else:
            plan.append(("todo", key))
            tasks.append((str(f), data, options.dictionary))

    manifest = {"version": __version__, "fingerprint": fingerprint, "compact": options.compact,
                "inputs": [[str(f), k] for f, k in zip(files, keys)]}
    graph_path = out / GRAPH_FILE
    cached_paths = {k: str(f) for f, k in zip(files, keys) if k}
    if cache and not tasks and not result.failures and _manifest_matches(out, manifest) and graph_path.exists():
        result.unchanged = True
        result.cached = sum(kind == "cached" for kind, _ in plan)
        result.articles = result.cached
        result.triples = _manifest_triples(out)
        if options.keep:
            result.extractions = [r for kind, k in plan if kind == "cached"
                                  for r in [cache.get(k, cached_paths[k])] if r is not None]
            result.entities = sum(r.entities for r in result.extractions)
            if options.align and result.extractions:
                aligned_triples(result.graph)  # result.graph holds what graph.ttl holds
        result.seconds = time.perf_counter() - start
        return result

    out.mkdir(parents=True, exist_ok=True)
    tick = _progress(len(plan), options.progress)
    fd, tmp = tempfile.mkstemp(prefix=f".{GRAPH_FILE}.", suffix=".tmp", dir=out)
    spills, spills_to, fresh = SpillReader(), None, None
    try:
        # A streaming build's pool workers hand their articles' bulk over in spill files (see ycgraph.spill).
        if options.compact and _uses_pool(options, tasks):
            spills_to = spill_folder(str(out))
        fresh = _run_tasks(tasks, options, spills_to)
        with os.fdopen(fd, "wb") as fh:
            writer = LineTurtleWriter(fh, PREFIXES, str(YCR)) if options.compact else TurtleWriter(fh, PREFIXES)
            written_shared: set[bytes] = set()  # keys of the shared triples written (triple_key)
            for kind, payload in plan:
                tick()
                if kind == "failed":
                    result.failures.append(payload)
                    continue
                item = cache.get(payload, cached_paths[payload]) if kind == "cached" else None
                if item is None:
                    item = next(fresh) if kind == "todo" else _extract_task(
                        (cached_paths[payload], read_bytes(cached_paths[payload]), options.dictionary)
                    )  # a cache entry that vanished or broke: extract again
                    if isinstance(item, ArticleResult) and item.spilled and (cache or options.keep):
                        # Needed here in full: read the spilled bytes back.
                        own = spills.read(item.spilled)
                        item = replace(item, triples=replace(item.triples, own_turtle=own), spilled=None)
                    if isinstance(item, ArticleResult) and cache and payload:
                        cache.put(payload, item)
                else:
                    result.cached += 1
                if isinstance(item, Failure):
                    result.failures.append(item)
                    continue
                shared = [t for t, k in zip(item.triples.shared, item.triples.shared_keys) if k not in written_shared]
                written_shared.update(item.triples.shared_keys)
                if item.spilled:
                    writer.write_article_copied(shared, item.triples.own_count,
                                                lambda out, where=item.spilled: spills.copy_to(where, out))
                else:
                    writer.write_article(shared, item.triples)
                result.articles += 1
                result.entities += item.entities
                if options.keep:
                    result.extractions.append(item)
            if options.align and options.keep and result.extractions:
                writer.write(aligned_triples(result.graph))
            result.triples = writer.count
        if result.articles:
            os.chmod(tmp, 0o644)
            os.replace(tmp, graph_path)
            result.written.append(graph_path)
            if cache:
                record = dict(manifest, triples=result.triples)
                write_atomic(out / CACHE_DIR / MANIFEST, json.dumps(record, ensure_ascii=False, indent=1))
        else:
            os.unlink(tmp)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
    finally:
        if fresh is not None:
            fresh.close()  # stops the pool, if any
        spills.close()
        if spills_to:
            shutil.rmtree(spills_to, ignore_errors=True)
    result.failures.sort(key=lambda f: f.path)
    result.seconds = time.perf_counter() - start
    return result


def aligned_triples(graph: Graph) -> list[tuple[str, str, str]]:
    """The standard-vocabulary view of the whole graph (see :mod:`ycgraph.rdf.alignment`), as term strings."""
    from ..rdf.alignment import align

    extra = align(graph)
    graph += extra  # so result.graph, used for validation and views, is what graph.ttl holds
    return [(s.n3(), p.n3(), o.n3()) for s, p, o in extra]


def write_formats(result: BuildResult, formats: Iterable[str]) -> list[Path]:
    """graph.trig / graph.nq / graph.jsonld: each article in a named graph (needs kept results)."""
    from ..rdf.export import write_exports

    wanted = [f for f in formats if f != "ttl"]
    if not wanted:
        return []
    if not result.extractions:
        raise YcgraphError("named-graph exports need the articles' results: build without --stream")
    articles = {ex.triples.article: ex.graph for ex in result.extractions}
    return write_exports(articles, result.graph, result.out_dir, wanted)


def complete(result: BuildResult, formats: Iterable[str] = ("ttl",), validate: bool = True,
             views: bool = True):
    """The outputs made from the whole graph: exports, SHACL validation, report and HTML view.

    Returns the validation report (None when not validated). Needs kept results
    (not a streaming build).
    """
    if not result.articles:
        return None
    start = time.perf_counter()
    result.written += write_formats(result, formats)
    report = None
    if validate:
        from ..rdf.validate import validate as shacl

        report = shacl(result.graph)
    if views:
        from ..netgraph import NetworkBuilder
        from ..view import write_views

        # Interim, until the build hands every article's Extraction to the NetworkBuilder as it goes:
        # the kept articles are extracted again (default dictionary), which is cheaper than parsing RDF.
        network = NetworkBuilder()
        for kept in result.extractions:
            article = decode_article(kept.path, read_bytes(kept.path))
            network.add(_extractor(UserDictionary()).run(article.text, Path(kept.path).name, article.sha256))
        result.written += write_views(network.network(), result.out_dir, articles=network.articles)
    result.seconds += time.perf_counter() - start
    return report


def _read_manifest(out: Path) -> dict:
    try:
        return json.loads((out / CACHE_DIR / MANIFEST).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}


def _manifest_matches(out: Path, manifest: dict) -> bool:
    recorded = _read_manifest(out)
    recorded.pop("triples", None)
    return recorded == manifest


def _manifest_triples(out: Path) -> int:
    return int(_read_manifest(out).get("triples", 0))
