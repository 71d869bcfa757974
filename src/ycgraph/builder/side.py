"""Processes beside a build, for the work that need not wait in line behind the extraction.

A one-process build (``-j 1``) extracts on one core. A :class:`SidePool`
started with the build puts the other to work: it validates the sampled
articles' graphs while the next articles are extracted (see
:func:`ycgraph.builder.runners.run_jobs`) and draws the report's charts
(:func:`ycgraph.view.report.write_report`) while this process writes the
page and the report (and, for a network small enough to copy, makes the
CSV and GraphML files). Its processes import matplotlib and the shapes
while the first articles are extracted, so this process never imports
matplotlib. The results are the bytes this process would make (tested). A
pool whose processes cannot start, or die on the way, leaves its work to
this process.
"""

from __future__ import annotations

import os
import signal
import sys
from collections.abc import Callable
from concurrent.futures import Future, ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from typing import Any, TypeVar

__all__ = ["SidePool", "SideTask"]

T = TypeVar("T")

#: How much lower the pool's processes run than the build's (a niceness increment).
NICENESS = 5

#: What the pool's processes can be lost to (then the caller does the work itself).
LOST = (BrokenProcessPool, OSError, RuntimeError)


def _warm_up(one_at_a_time: Any, shapes_compiled: Any) -> None:
    # Ctrl-C and SIGTERM are the main process's to handle (as for the build's pool).
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    signal.signal(signal.SIGTERM, signal.SIG_DFL)
    try:
        os.nice(NICENESS)  # beside, not ahead: while the cores are short, the build's own process goes first
    except (AttributeError, OSError):
        pass  # (no os.nice on Windows)
    # One process warms up after the other: the first is ready in half the time (for the first article's
    # validation, say) instead of both at the end, when the cores are shared with the build's own process.
    # Only the first compiles the shapes: the second starts with charts (it compiles them if it ever validates).
    with one_at_a_time:
        from ..rdf.validate import default_validator
        from ..view import charts

        if not shapes_compiled.value:
            default_validator()
            shapes_compiled.value = 1
        try:
            charts.slogan_diffusion_png([])  # imports matplotlib, loads the font, its glyphs and the canvas
        except charts.FontNotFoundError:
            pass  # said by the report, when it asks for a chart


class SidePool:
    """Processes for work beside the build: started (and warming up) on construction; :meth:`close` stops them.

    Parameters
    ----------
    workers : int
        How many processes (the report has three charts, the network overview the slowest).
    """

    def __init__(self, workers: int = 2) -> None:
        import multiprocessing

        ctx = multiprocessing.get_context("fork" if sys.platform.startswith("linux") else "spawn")
        self._executor: ProcessPoolExecutor | None = ProcessPoolExecutor(workers, mp_context=ctx,
                                                                         initializer=_warm_up,
                                                                         initargs=(ctx.Lock(), ctx.Value("b", 0)))
        try:
            for _ in range(workers):
                self._executor.submit(int)  # starts the processes now, not at the first task
        except LOST:
            self.close()  # no processes to be had here: the work is done in this process

    def submit(self, fn: Callable[..., T], *args: Any) -> SideTask:
        """Start ``fn(*args)`` in the pool (``fn`` a module-level function: it is sent by name)."""
        if self._executor is not None:
            try:
                return SideTask(fn, args, self._executor.submit(fn, *args))
            except LOST:
                self.close()
        return SideTask(fn, args, None)

    def close(self) -> None:
        """Stop the processes (idle ones exit at once)."""
        if self._executor is not None:
            self._executor.shutdown(wait=True, cancel_futures=True)
            self._executor = None

    def __enter__(self) -> SidePool:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


class SideTask:
    """One task given to a :class:`SidePool`: done there, or here if the pool could not take it or lost it."""

    def __init__(self, fn: Callable[..., Any], args: tuple[Any, ...], future: Future | None) -> None:
        self._fn, self._args, self._future = fn, args, future

    def done(self) -> bool:
        """Whether :meth:`result` would return without waiting for the pool."""
        return self._future is None or self._future.done()

    def result(self) -> Any:
        """The task's value (an exception the function raised is raised here)."""
        if self._future is not None:
            try:
                return self._future.result()
            except LOST:
                pass  # its process died (say, out of memory): do it here
        return self._fn(*self._args)
