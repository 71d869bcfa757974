"""Processes beside a build, for the work that need not wait in line behind the extraction.

A one-process build (``-j 1``) extracts on one core. A :class:`SidePool`
started with the build puts the other to work: it validates the sampled
articles' graphs while the next articles are extracted (see
:func:`ycgraph.builder.runners.run_jobs`) and draws the report's charts
(:func:`ycgraph.view.report.write_report`) while this process writes the
page and the report (and, for a network small enough to copy, makes the
CSV and GraphML files). Its first process imports matplotlib and the
shapes while the first articles are extracted, then forks the second from
itself, warm (importing matplotlib twice cost a second of the cores the
build shares); this process never imports matplotlib. The results are the
bytes this process would make (tested). A pool whose processes cannot
start, or die on the way, leaves its work to this process.
"""

from __future__ import annotations

import os
import pickle
import signal
import sys
import threading
from collections.abc import Callable
from concurrent.futures import Future
from typing import Any, TypeVar

__all__ = ["SidePool", "SideTask"]

T = TypeVar("T")

#: How much lower the pool's processes run than the build's (a niceness increment).
NICENESS = 5

#: How often (seconds) an idle process looks whether the one that started it is still there.
ORPHAN_CHECK = 1.0


class LostProcess(Exception):
    """A process of the pool died (say, killed by the OOM killer): its tasks are done in the caller's process."""


#: What the pool's processes can be lost to (then the caller does the work itself).
LOST = (LostProcess, OSError)


def _warm_up() -> None:
    """Import what the tasks need: the shapes, compiled, and matplotlib with the font, its glyphs and the canvas."""
    from ..rdf.validate import default_validator
    from ..view import charts

    default_validator()
    try:
        charts.slogan_diffusion_png([])
    except charts.FontNotFoundError:
        pass  # said by the report, when it asks for a chart


def _serve(tasks: Any, results: Any, send_lock: Any, stopping: Any, parent: int) -> None:
    """Run tasks until told to stop (None, or ``stopping`` set: the tasks left are not run) or orphaned;
    send each one's outcome back."""
    import queue

    def send(message: tuple) -> None:
        with send_lock:
            results.send(message)

    send(("ready", os.getpid()))
    while True:
        try:
            item = tasks.get(timeout=ORPHAN_CHECK)
        except queue.Empty:
            if os.getppid() != parent:
                return  # the process that started this one is gone: nobody waits for the results
            continue
        if item is None or stopping.is_set():
            return
        tid, fn, args = pickle.loads(item)
        try:
            outcome = (True, fn(*args))
        except BaseException as exc:  # (an error of the task is the caller's to see)
            outcome = (False, exc)
        try:
            send(("done", tid, *outcome))
        except Exception as exc:  # an outcome that cannot be pickled: say what it was
            send(("done", tid, False, LostProcess(f"{fn.__name__}'s result could not be sent back: {exc!r}")))


def _first_process(tasks: Any, results: Any, send_lock: Any, stopping: Any, workers: int, builder: int) -> None:
    """The pool's first process: warms up, then forks the others from itself, so they start warm.

    Importing matplotlib takes about a second of a core; the processes forked after it share
    its pages (copy on write) instead of importing it again, while the build's own process
    still needs its core for the articles.
    """
    # Ctrl-C and SIGTERM are the main process's to handle (as for the build's pool).
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    signal.signal(signal.SIGTERM, signal.SIG_DFL)
    try:
        os.nice(NICENESS)  # beside, not ahead: while the cores are short, the build's own process goes first
    except (AttributeError, OSError):
        pass  # (no os.nice on Windows)
    try:
        _warm_up()
    except Exception:
        pass  # (a task that needs what failed to load raises it, to the caller)
    children = []
    if sys.platform.startswith("linux"):  # (elsewhere forking a process that has loaded libraries is unsafe)
        for _ in range(workers - 1):
            pid = os.fork()
            if pid == 0:
                code = 0
                try:
                    _serve(tasks, results, send_lock, stopping, os.getppid())
                except BaseException:
                    code = 1
                os._exit(code)  # (not the first process's exit handlers)
            children.append(pid)

    def watch(pid: int) -> None:
        _, status = os.waitpid(pid, 0)
        if status != 0:
            # Killed, or failed: its task is lost, and it may have died holding a lock the others need. This
            # process goes too, which the build's process sees (it then does the tasks not done itself).
            os.kill(os.getpid(), signal.SIGKILL)

    watchers = [threading.Thread(target=watch, args=(pid,), daemon=True) for pid in children]
    for w in watchers:
        w.start()
    _serve(tasks, results, send_lock, stopping, builder)
    for w in watchers:
        w.join()


class SidePool:
    """Processes for work beside the build: started (and warming up) on construction; :meth:`close` stops them.

    The first process warms up and then forks the others from itself (on Linux; elsewhere it is
    the only one). If a process dies, the tasks not yet done are done in this process, as are
    all later ones.

    Parameters
    ----------
    workers : int
        How many processes (the report has three charts, the network overview the slowest).
    """

    def __init__(self, workers: int = 2) -> None:
        import multiprocessing

        ctx = multiprocessing.get_context("fork" if sys.platform.startswith("linux") else "spawn")
        self._workers = workers
        self._lock = threading.Lock()
        self._futures: dict[int, Future] = {}
        self._pids: set[int] = set()
        self._next_id = 0
        self._broken = self._closing = False
        self._process = self._collector = None
        try:
            self._tasks = ctx.Queue()
            self._stopping = ctx.Event()
            reader, writer = ctx.Pipe(duplex=False)
            self._process = ctx.Process(target=_first_process, daemon=True,
                                        args=(self._tasks, writer, ctx.Lock(), self._stopping, workers,
                                              os.getpid()))
            self._process.start()
            writer.close()  # (this process only reads: the pipe ends when the pool's processes are gone)
        except OSError:
            self._broken = True  # no processes to be had here: the work is done in this process
            return
        self._collector = threading.Thread(target=self._collect, args=(reader,), daemon=True)
        self._collector.start()

    def _collect(self, reader: Any) -> None:
        """Hand each outcome to its task's future; on a lost process, fail the tasks not done (done here then)."""
        from multiprocessing.connection import wait

        while True:
            ready = wait([reader, self._process.sentinel])
            if reader in ready:
                try:
                    message = reader.recv()
                except Exception:  # the pipe ended (every process gone), or a message that cannot be read
                    message = ("lost", None)
            else:
                message = ("lost", self._process.pid)
            if message[0] == "ready":
                with self._lock:
                    self._pids.add(message[1])
            elif message[0] == "done":
                _, tid, ok, value = message
                with self._lock:
                    future = self._futures.pop(tid, None)
                if future is not None:
                    future.set_result(value) if ok else future.set_exception(value)
            else:  # "lost"
                self._break(closing_ok=True)
                return

    def _break(self, closing_ok: bool = False) -> None:
        """Stop every process of the pool, and fail the tasks not done (their callers do them)."""
        with self._lock:
            if self._closing and closing_ok and not self._futures:
                return  # the processes ended as asked
            self._broken = True
            futures, self._futures = list(self._futures.values()), {}
            pids = set(self._pids)
        for pid in pids:
            try:
                os.kill(pid, signal.SIGKILL)
            except OSError:
                pass  # (gone already)
        for future in futures:
            future.set_exception(LostProcess("a process beside the build was lost"))

    def processes(self) -> list[int]:
        """The pool's process ids known so far (the first one's at once, the others' once they are ready)."""
        with self._lock:
            return sorted({*self._pids, *([self._process.pid] if self._process is not None else [])})

    def submit(self, fn: Callable[..., T], *args: Any) -> SideTask:
        """Start ``fn(*args)`` in the pool (``fn`` a module-level function: it is sent by name)."""
        with self._lock:
            if self._broken or self._closing:
                return SideTask(fn, args, None)
            tid = self._next_id
            self._next_id += 1
        try:
            item = pickle.dumps((tid, fn, args), protocol=pickle.HIGHEST_PROTOCOL)
        except Exception:
            return SideTask(fn, args, None)  # (not to be sent: done here)
        future: Future = Future()
        with self._lock:
            if self._broken:
                return SideTask(fn, args, None)
            self._futures[tid] = future
        self._tasks.put(item)
        return SideTask(fn, args, future)

    def close(self) -> None:
        """Stop the processes once they finish the tasks they are running (the tasks not started are done
        here, if their results are asked for)."""
        if self._process is None:
            return
        with self._lock:
            self._closing = True
        self._stopping.set()
        for _ in range(self._workers):
            self._tasks.put(None)  # (wakes the idle ones)
        self._process.join()
        if self._collector is not None:
            self._collector.join()  # (it fails the tasks not run: see _break)
        self._tasks.cancel_join_thread()  # (tasks never read are dropped, not waited for)
        self._tasks.close()
        self._process = None

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
