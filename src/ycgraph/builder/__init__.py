"""Build a corpus: read every article, extract, write the graph and its views.

The per-article work (:mod:`.work`) is a pure function of a file's name and
bytes; :mod:`.runners` runs it here, in a pool of processes (``jobs``) or on a
Dask cluster (``scheduler``), results in input order. :mod:`.cache` keeps
each article's result, checksummed; :mod:`.publish` writes all outputs into
a staging folder and publishes them together, the manifest last.

One article never costs the others their results: an unreadable file, or
an article that trips a bug, becomes a :class:`Failure` and the build goes on.
"""

from __future__ import annotations

import shutil
import time
from dataclasses import dataclass, field, replace
from functools import cached_property
from pathlib import Path
from typing import Callable, Iterable, Iterator

from rdflib import Graph

from ..errors import InputError, YcgraphError
from ..gazetteer.userdict import UserDictionary
from ..netgraph import NetworkBuilder
from ..rdf.alignment import PostView
from ..rdf.export import StreamingExports
from ..rdf.graph import PREFIXES
from ..vocabulary import YCR
from ..rdf.terms import LineTurtleWriter, to_rdflib
from ..spill import SpillReader, remove_stale_spills, spill_folder
from ..text.reader import MAX_ARTICLE_BYTES, expand_inputs, read_bytes
from ..version import __version__
from .cache import ArticleCache, DamagedEntry
from .publish import MANIFEST, Publisher
from .runners import Job, PendingReport, run_jobs, uses_pool
from .side import SidePool
from .work import ArticleResult, Failure, extract_article, extractor_fingerprint, internal_error, quoted

__all__ = ["BuildOptions", "BuildResult", "Failure", "ArticleResult", "build", "extract_article",
           "extractor_fingerprint", "GRAPH_FILE", "CACHE_DIR", "MANIFEST"]

GRAPH_FILE = "graph.ttl"
CACHE_DIR = ".cache"


@dataclass(frozen=True)
class BuildOptions:
    """How to build. ``stream``: only ``graph.ttl`` (no alignment, exports, validation or views)."""

    dictionary: UserDictionary = field(default_factory=UserDictionary)
    jobs: int = 1
    scheduler: str | None = None  # address of a Dask distributed scheduler
    cache: bool = True
    progress: bool = False
    stream: bool = False
    formats: tuple[str, ...] = ()  # extra exports: trig, nq, jsonld
    validate: bool = True
    views: bool = True
    max_article_bytes: int = MAX_ARTICLE_BYTES
    # Keep every article's result in BuildResult.extractions (for library users and tests): memory then
    # grows with the corpus; the build itself never needs it.
    keep_results: bool = False


@dataclass
class BuildResult:
    out_dir: Path
    extractions: list[ArticleResult] = field(default_factory=list)
    failures: list[Failure] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    written: list[Path] = field(default_factory=list)
    removed: list[Path] = field(default_factory=list)
    validation: object | None = None  # a ValidationReport, when validated
    articles: int = 0
    entities: int = 0
    triples: int = 0
    text_bytes: int = 0
    cached: int = 0
    unchanged: bool = False  # nothing changed since the last build: outputs left as they were
    seconds: float = 0.0

    aligned: list[tuple[str, str, str]] = field(default_factory=list, repr=False)  # the ORG view's triples

    @cached_property
    def graph(self) -> Graph:
        """The whole graph as rdflib, for library users: from the kept results (``keep_results``), else read
        from graph.ttl. The build itself never makes it."""
        if self.extractions:
            return to_rdflib([*(t for ex in self.extractions for t in ex.triples.all()), *self.aligned], PREFIXES)
        g = Graph()
        if (self.out_dir / GRAPH_FILE).exists():
            g.parse(self.out_dir / GRAPH_FILE, format="turtle")
        return g

    def summary(self) -> str:
        files = self.articles + len(self.failures)
        head = (f"{files} file{'s' if files != 1 else ''}, {len(self.failures)} failed, {self.cached} from cache, "
                f"{self.entities} entities, {self.triples} triples, {self.seconds:.1f} s")
        if self.unchanged:
            return head + " (unchanged: nothing written)"
        return head + f"; wrote {len(self.written)} file{'s' if len(self.written) != 1 else ''}" + (
            f", removed {len(self.removed)} stale" if self.removed else "")


def _progress(total: int, enabled: bool) -> Callable[[], None]:
    if not enabled or total == 0:
        return lambda: None
    try:
        from tqdm import tqdm
    except ImportError:
        return lambda: None
    bar = tqdm(total=total, unit="file", leave=False)
    return lambda: bar.update(1)


@dataclass
class _Planned:
    """One input file: failed to read, found in the cache, or to extract."""

    name: str
    path: str
    failure: Failure | None = None
    key: str | None = None
    cached: bool = False


def build(paths: Iterable[str], out_dir: str | Path, options: BuildOptions | None = None,
          dictionary: UserDictionary | None = None) -> BuildResult:
    """Build ``paths`` (files, folders, globs) into ``out_dir``; see :class:`BuildResult`.

    Writes ``graph.ttl`` and, unless ``options.stream``, the standard-vocabulary
    view in it, the exports named in ``options.formats``, the SHACL
    validation and the views. Raises only for problems of the whole build (an
    unreachable Dask scheduler, an output folder that cannot be written).
    """
    options = options or BuildOptions()
    if dictionary is not None:
        options = replace(options, dictionary=dictionary)
    start = time.perf_counter()
    out = Path(out_dir)
    result = BuildResult(out)
    publisher = Publisher(out)
    publisher.remove_leftovers()
    remove_stale_spills(str(out))

    files, errors = expand_inputs(list(paths), exclude=[out])
    result.failures = [Failure(e.path, e.problem) for e in errors]
    fingerprint = extractor_fingerprint(options.dictionary)
    cache = ArticleCache(out / CACHE_DIR, fingerprint) if options.cache else None

    plan: list[_Planned] = []
    jobs: list[Job] = []
    keep = not options.stream
    rate = _validation_rate(options, len(files))
    for f in files:
        item = _Planned(f.name, str(f.path))
        plan.append(item)
        try:
            data = read_bytes(f.path, options.max_article_bytes)
        except InputError as exc:
            item.failure = Failure(exc.path, exc.problem)
            continue
        result.text_bytes += len(data)
        item.key = cache.key(f.name, data) if cache else None
        if cache and cache.has(item.key):
            item.cached = True
        else:
            jobs.append(Job((item.path, f.name, data, options.dictionary, options.keep_results, rate), item.key))

    recipe = {"version": __version__, "fingerprint": fingerprint, "stream": options.stream,
              "formats": sorted(options.formats), "validate": options.validate, "views": options.views,
              "inputs": [[p.name, p.key] for p in plan]}
    if cache and not jobs and not result.failures and publisher.unchanged(recipe):
        result.unchanged = True
        result.articles = result.cached = len(plan)
        result.triples = int(publisher.previous.get("triples", 0))
        result.entities = int(publisher.previous.get("entities", 0))
        result.seconds = time.perf_counter() - start
        return result

    stage = publisher.stage()
    spills, spill_to, fresh, side, shared_check = SpillReader(), None, None, None, None
    try:
        if keep and (options.views or rate > 0):
            if jobs and not options.scheduler and not uses_pool(options.jobs, options.scheduler, len(jobs)):
                import numpy  # noqa: F401  (the extraction here needs it, and the side processes: imported once)
            side = SidePool()  # (its processes import matplotlib and the shapes while articles are extracted)
        if options.stream and uses_pool(options.jobs, options.scheduler, len(jobs)):
            spill_to = spill_folder(str(out))
        # (defer: the last articles' reports are settled after the views, made while they are validated)
        fresh = run_jobs(jobs, workers=options.jobs, scheduler=options.scheduler, cache=cache, spill_to=spill_to,
                         side=side, defer=True)
        with open(stage / GRAPH_FILE, "wb") as fh:
            writer = LineTurtleWriter(fh, PREFIXES, str(YCR))
            posts = PostView()
            exports = StreamingExports(stage, options.formats, PREFIXES, str(YCR)) if keep and options.formats else None
            checks = _Validation(rate) if rate > 0 else None
            network = NetworkBuilder() if keep and options.views else None
            for item in _results(plan, fresh, cache, options, result, _progress(len(plan), options.progress), rate):
                new_shared = _write_article(writer, item, spills, result, options.keep_results)
                if new_shared is not None and keep:
                    posts.add(item.triples.article, item.published, item.post_entities)
                    if exports is not None:
                        exports.add_article(item.triples.article, item.triples.shared, item.triples.own_turtle)
                    if checks is not None:
                        checks.add(item, new_shared)
                    if network is not None:
                        network.add_article(item.network)
            if keep:
                result.aligned = [(s.n3(), p.n3(), o.n3()) for s, p, o in posts.triples()]
                writer.write(result.aligned)
            if exports is not None:
                exports.close(result.aligned)
            if checks is not None:
                # The shared part is checked beside the views when it is small enough to send there (its report
                # is read after them).
                if side is not None and checks.triples() + len(result.aligned) <= CHECK_BESIDE_MAX_TRIPLES:
                    shared_check = side.submit(_Validation.shared_report, checks.shared, result.aligned)
                else:
                    from ..view.report import Here

                    shared_check = Here().submit(_Validation.shared_report, checks.shared, result.aligned)
            result.triples = writer.count
        if result.articles and not options.stream:
            _complete(result, stage, options, network, side)
        if checks is not None:
            result.validation = checks.merged(shared_check.result())
            result.extractions = [replace(item, validation=settled(item.validation)) for item in result.extractions]
        if result.articles:
            result.written = publisher.publish(recipe, {"triples": result.triples, "articles": result.articles,
                                                        "entities": result.entities})
            result.removed = publisher.removed
    finally:
        if fresh is not None:
            fresh.close()  # stops the pool, if any
        if side is not None:
            side.close()
        spills.close()
        if spill_to:
            shutil.rmtree(spill_to, ignore_errors=True)
        publisher.discard()  # what is still staged was not published (nothing built, or a failure)
    result.failures.sort(key=lambda f: f.path)
    result.seconds = time.perf_counter() - start
    return result


#: A shared part larger than this (about 3,000 generated articles) is checked in the build's own process:
#: sending it to a side process would cost more time and memory than checking it there saves.
CHECK_BESIDE_MAX_TRIPLES = 1_000_000


def _validation_rate(options: BuildOptions, articles: int) -> float:
    """The share of articles whose graphs are validated (0: none; see :func:`ycgraph.rdf.validate.sample_rate`)."""
    if options.stream or not options.validate:
        return 0.0
    from ..rdf.validate import sample_rate

    return sample_rate(articles)


@dataclass
class _Validation:
    """The build's SHACL check, gathered as articles stream by: their reports, and the shared part's triples."""

    rate: float
    reports: list = field(default_factory=list)
    skipped: list[str] = field(default_factory=list)
    shared: list = field(default_factory=list)  # per article: its IRI and the shared triples it first wrote

    def add(self, item: ArticleResult, new_shared: list) -> None:
        """One article: its report (or that it was not sampled), and the shared triples it wrote first."""
        from types import SimpleNamespace

        if item.validation is not None:
            self.reports.append(item.validation)
        else:
            self.skipped.append(item.source)
        self.shared.append(SimpleNamespace(article=item.triples.article, shared=new_shared))

    def triples(self) -> int:
        """How many shared triples have been gathered."""
        return sum(len(part.shared) for part in self.shared)

    @staticmethod
    def shared_report(shared: list, aligned: list):
        """The report of the shared part (``shared``: :attr:`shared`) with the post view's triples."""
        from itertools import chain

        from ..rdf.validate import shared_part, validate_triples

        return validate_triples(chain(shared_part(shared), aligned), name="the shared part")

    def merged(self, whole):
        """The build's report: every article's (settling those still pending, whose cache entries are
        written now) and the shared part's, ``whole``."""
        from ..rdf.validate import merge_reports

        return merge_reports([*map(settled, self.reports), whole], skipped=self.skipped)


def settled(report):
    """An article's report, waited for if it was still being made (:class:`.runners.PendingReport`)."""
    return report.settle() if isinstance(report, PendingReport) else report


def _results(plan: list[_Planned], fresh: Iterator[ArticleResult | Failure], cache: ArticleCache | None,
             options: BuildOptions, result: BuildResult, tick: Callable[[], None], rate: float = 0.0
             ) -> Iterator[ArticleResult | Failure]:
    """Every planned file's result, in input order: read failures, cache hits, fresh extractions."""
    for item in plan:
        tick()
        if item.failure is not None:
            yield item.failure
            continue
        if not item.cached:
            yield next(fresh)
            continue
        hit, repair = None, True
        try:
            hit = cache.get(item.key)
        except DamagedEntry as why:
            result.warnings.append(f"{quoted(item.path)}: damaged cache entry ({why}); extracted again")
        if hit is not None and options.keep_results:
            hit, repair = None, False  # the caller wants the typed records, which are never cached
        if hit is not None:
            result.cached += 1
            if rate > 0 and hit.validation is None:
                from .work import validate

                hit.validation = validate(hit.triples, item.name, rate)
                if hit.validation is not None:
                    cache.put(item.key, hit)  # cached from a build that did not validate it: now it is
            yield replace(hit, path=item.path)
            continue
        # Damaged or vanished since it was looked up (repair the entry), or wanted with its records: extract again.
        try:
            data = read_bytes(item.path, options.max_article_bytes)
        except InputError as exc:
            yield Failure(exc.path, exc.problem)
            continue
        again = extract_article(item.path, item.name, data, options.dictionary, options.keep_results, rate)
        if repair and isinstance(again, ArticleResult):
            cache.put(item.key, replace(again, extraction=None))
        yield again


def _write_article(writer: LineTurtleWriter, item: ArticleResult | Failure, spills: SpillReader,
                   result: BuildResult, keep_result: bool) -> list | None:
    """Write one article's triples; return the shared ones it wrote first (None, and a failure recorded, when
    it has none to give)."""
    if isinstance(item, Failure):
        result.failures.append(item)
        return None
    try:
        shared = [t for t, k in zip(item.triples.shared, item.triples.shared_keys) if k not in writer.shared_written]
        if item.spilled:
            writer.write_article_copied(shared, item.triples.own_count,
                                        lambda fh, where=item.spilled: spills.copy_to(where, fh))
        else:
            writer.write_article(shared, item.triples)
        writer.shared_written.update(item.triples.shared_keys)
    except (KeyboardInterrupt, SystemExit):
        raise
    except BaseException as exc:  # noqa: BLE001 - the article is the unit of failure
        result.failures.append(internal_error(item.path, exc))
        return None
    result.articles += 1
    result.entities += item.entities
    if keep_result:
        result.extractions.append(item)
    return shared


def _complete(result: BuildResult, stage: Path, options: BuildOptions, network, side: SidePool | None) -> None:
    """The outputs made from the whole corpus, into the staging folder: the views (partly made by ``side``)."""
    if options.views:
        from ..view import write_views

        write_views(network.network(), stage, articles=network.articles, beside=side)
