"""Running the per-article work: in this process, a pool of processes, or a Dask cluster, behind one iterator.

Results come back in task order whatever runs them, so the output does not
depend on timing. Pool workers write their articles' cache entries
themselves and, in a streaming build, leave each article's own Turtle in a
spill file (:mod:`ycgraph.spill`), so the main process only copies bytes.
"""

from __future__ import annotations

import gc
import signal
import sys
from collections import deque
from dataclasses import dataclass, replace
from typing import TYPE_CHECKING, Iterator

from ..errors import YcgraphError
from ..spill import Spiller
from .cache import ArticleCache
from .work import ArticleResult, Failure, Task, extract_article, internal_error, validate

if TYPE_CHECKING:
    from .side import SidePool, SideTask

__all__ = ["BATCH_GC_THRESHOLDS", "Job", "PendingReport", "collect_less", "run_jobs", "uses_pool"]


#: The collector's thresholds for a process that builds (Python's defaults: 700, 10, 10).
BATCH_GC_THRESHOLDS = (50_000, 20, 20)


def collect_less() -> None:
    """Tune this process's garbage collector for a build: for ``ycgraph build`` and the pool's workers.

    A build holds a large, growing heap of long-lived objects (the tables, the network being
    gathered) that Python's default thresholds have the collector scan again every few hundred
    allocations; collecting less often saves about 5% of a build's time (alternating runs). Objects
    alive now (tables already loaded) are frozen out of the scans; most garbage is freed by
    reference counting anyway. A process setting: the library's ``build()`` never changes its
    caller's collector (its pool workers are its own processes).
    """
    gc.freeze()
    gc.set_threshold(*BATCH_GC_THRESHOLDS)


@dataclass(frozen=True)
class Job:
    """One article to extract, and the cache entry its result goes to (if any)."""

    task: Task
    cache_key: str | None = None


def _do(job: Job, cache: ArticleCache | None, spiller: Spiller | None) -> ArticleResult | Failure:
    return _store(job, extract_article(*job.task), cache, spiller)


def _store(job: Job, result: ArticleResult | Failure, cache: ArticleCache | None,
           spiller: Spiller | None) -> ArticleResult | Failure:
    """Cache a finished result (never its typed records) and spill its own Turtle, where the article was made."""
    if not isinstance(result, ArticleResult):
        return result
    try:
        if cache is not None and job.cache_key:
            cache.put(job.cache_key, replace(result, extraction=None))  # the records are never cached
        if spiller is not None:
            where = spiller.spill(result.triples.own_turtle)
            result = replace(result, triples=replace(result.triples, own_turtle=b""), spilled=where)
    except (KeyboardInterrupt, SystemExit):
        raise
    except BaseException as exc:  # noqa: BLE001 - the article is the unit of failure
        return internal_error(job.task[0], exc)
    return result


class PendingReport:
    """The SHACL report of an article handed on before its validation beside the build was done.

    :meth:`settle` waits for the report, stores the article's cache entry
    with it, and returns it; until then the article has no cache entry (a
    build that stops first extracts it again next time).
    """

    def __init__(self, job: Job, result: ArticleResult, check: SideTask, cache: ArticleCache | None) -> None:
        self._job, self._result, self._check, self._cache = job, result, check, cache

    _settled: object = None

    def settle(self) -> object:
        """The report (see :func:`_report`); the cache entry is stored the first time only."""
        if self._settled is None:
            self._settled = _report(self._check, self._result)
            _store(self._job, replace(self._result, validation=self._settled), self._cache, None)
        return self._settled


def _report(check: SideTask, result: ArticleResult) -> object:
    """A validation's report; one that failed to be made (a bug) is a report saying so, as in
    :func:`.work.validate`: the article keeps its place."""
    from ..rdf.validate import engine_failure

    try:
        return check.result()
    except (KeyboardInterrupt, SystemExit):
        raise
    except BaseException as exc:  # noqa: BLE001 - the article's triples are good: the report says what failed
        return engine_failure(result.source, result.triples.article, exc)


def _serial_beside(jobs: list[Job], cache: ArticleCache | None, side: SidePool,
                   defer: bool) -> Iterator[ArticleResult | Failure]:
    """Extract here while ``side`` validates the sampled articles' graphs: results in job order, each with its
    report (an article waits for it while the next ones are extracted). With ``defer``, the articles still
    being validated when the last one is extracted come at once, with a :class:`PendingReport`."""
    from ..rdf.validate import in_sample

    waiting: deque[tuple[Job, ArticleResult | Failure, SideTask | None]] = deque()
    for job in jobs:
        path, name, data, dictionary, keep_records, rate = job.task
        result = extract_article(path, name, data, dictionary, keep_records)
        check = None
        if isinstance(result, ArticleResult) and rate > 0 and in_sample(result.triples.article, rate):
            check = side.submit(validate, result.triples, name, rate)
        waiting.append((job, result, check))
        while waiting and (waiting[0][2] is None or waiting[0][2].done()):
            yield _validated(*waiting.popleft(), cache)
    while waiting:
        job, result, check = waiting.popleft()
        if defer and check is not None and not check.done():
            # (the build writes it now, and makes its views while the report is made: see build())
            yield replace(result, validation=PendingReport(job, result, check, cache))
        else:
            yield _validated(job, result, check, cache)


def _validated(job: Job, result: ArticleResult | Failure, check: SideTask | None,
               cache: ArticleCache | None) -> ArticleResult | Failure:
    if check is not None:
        result = replace(result, validation=_report(check, result))
    return _store(job, result, cache, None)


# A pool worker's cache and spill file: set by the pool's initializer, in that worker only.
_worker_cache: ArticleCache | None = None
_worker_spiller: Spiller | None = None


def _start_worker(cache: ArticleCache | None, spill_to: str | None) -> None:
    global _worker_cache, _worker_spiller
    # Ctrl-C and SIGTERM are the main process's to handle: it stops the pool and cleans up.
    # Without this a worker would print a KeyboardInterrupt traceback of its own.
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    signal.signal(signal.SIGTERM, signal.SIG_DFL)
    collect_less()  # (the worker is the builder's own process)
    _worker_cache = cache
    _worker_spiller = Spiller(spill_to) if spill_to else None


def _pool_job(job: Job) -> ArticleResult | Failure:
    return _do(job, _worker_cache, _worker_spiller)


def uses_pool(jobs: int, scheduler: str | None, count: int) -> bool:
    return not scheduler and jobs > 1 and count > 1


def run_jobs(jobs: list[Job], *, workers: int = 1, scheduler: str | None = None,
             cache: ArticleCache | None = None, spill_to: str | None = None,
             side: SidePool | None = None, defer: bool = False) -> Iterator[ArticleResult | Failure]:
    """Results in job order, from this process, a process pool, or a Dask cluster.

    ``cache``: where results are stored (by the worker that made them).
    ``spill_to``: a folder (see :func:`ycgraph.spill.spill_folder`) where pool
    workers leave each article's own Turtle instead of sending it back.
    ``side``: in this process, the sampled articles are validated there (the
    same reports), while the next articles are extracted; with ``defer``, the
    last articles come before their reports are made (:class:`PendingReport`:
    the caller settles them).
    """
    if not jobs:
        return
    if scheduler:
        for job, result in zip(jobs, _run_on_dask([j.task for j in jobs], scheduler)):
            if isinstance(result, ArticleResult) and cache is not None and job.cache_key:
                cache.put(job.cache_key, result)  # the cluster's workers may not share this disk
            yield result
    elif uses_pool(workers, scheduler, len(jobs)):
        import multiprocessing

        ctx = multiprocessing.get_context("fork" if sys.platform.startswith("linux") else "spawn")
        n = min(workers, len(jobs))
        # Up to 8 articles a message: per-message costs in the main process (pickling, the pool's
        # bookkeeping threads) would otherwise take CPU the workers need; small corpora still spread.
        chunk = max(1, min(8, len(jobs) // (8 * n)))
        with ctx.Pool(n, initializer=_start_worker, initargs=(cache, spill_to)) as pool:
            yield from pool.imap(_pool_job, jobs, chunksize=chunk)
    elif side is not None:
        yield from _serial_beside(jobs, cache, side, defer)
    else:
        for job in jobs:
            yield _do(job, cache, None)


def _dask_task(task: Task) -> ArticleResult | Failure:
    return extract_article(*task)


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
        futures = client.map(_dask_task, tasks, pure=True)
        for fut in futures:  # in input order, so the output does not depend on timing
            yield fut.result()
            fut.release()
    finally:
        client.close()
