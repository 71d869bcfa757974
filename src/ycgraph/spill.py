"""Spill files: how parallel workers hand an article's bulk to the writing process without a pipe.

An article's own Turtle is most of its output (hundreds of kilobytes). Sent
back through the pool's pipe it costs the main process a read, an unpickling
and a write for every byte, and the main process shares the cores with the
workers. Instead each worker appends the bytes to its own spill file and
returns only where they are (:class:`Spilled`); the main process copies them
into the output in article order (in the kernel, by ``sendfile``, where it can).

Spill files live in memory (``/dev/shm``) where there is one: on disk they
would double what the build writes, and the kernel then slows the writers
down. A worker starts a new segment every :data:`SEGMENT_BYTES`; the reader
deletes a segment once it has moved past it, so the spill stays small.

>>> import tempfile
>>> folder = tempfile.mkdtemp()
>>> spiller = Spiller(folder, segment_bytes=10)
>>> first, second = spiller.spill(b"<a> <b> <c> .\\n"), spiller.spill(b"<d> <e> <f> .\\n")
>>> first.length, first.path == second.path  # the second starts a new segment
(14, False)
>>> with SpillReader() as reader:
...     reader.read(first) + reader.read(second)
b'<a> <b> <c> .\\n<d> <e> <f> .\\n'
>>> import os; os.path.exists(first.path)  # read past: deleted
False
>>> spiller.close(); os.remove(second.path); os.rmdir(folder)
"""

from __future__ import annotations

import errno
import os
import tempfile
from dataclasses import dataclass
from typing import BinaryIO

SEGMENT_BYTES = 64 * 2**20
_MEMORY_FOLDER = "/dev/shm"
_PREFIX = "ycgraph-spill-"


def _spill_base(fallback: str) -> str:
    return _MEMORY_FOLDER if os.path.isdir(_MEMORY_FOLDER) and os.access(_MEMORY_FOLDER, os.W_OK) else fallback


def spill_folder(fallback: str) -> str:
    """A new folder for a build's spill files: in memory if the system has it, else under ``fallback``.

    Its name carries the building process's id, so a later build can tell a
    killed build's folder from a running one's (:func:`remove_stale_spills`).
    """
    return tempfile.mkdtemp(prefix=f"{_PREFIX}{os.getpid()}-", dir=_spill_base(fallback))


def remove_stale_spills(fallback: str) -> list[str]:
    """Remove spill folders left by builds that were killed (their process is gone); return them."""
    import shutil

    removed = []
    base = _spill_base(fallback)
    try:
        names = os.listdir(base)
    except OSError:
        return removed
    for name in sorted(names):
        if not name.startswith(_PREFIX):
            continue
        pid = name[len(_PREFIX):].split("-", 1)[0]
        if pid.isdigit() and pid_alive(int(pid)):
            continue
        shutil.rmtree(os.path.join(base, name), ignore_errors=True)
        removed.append(os.path.join(base, name))
    return removed


def pid_alive(pid: int) -> bool:
    """Whether a process with this id exists (on this machine)."""
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


@dataclass(frozen=True)
class Spilled:
    """Where a worker put some bytes: ``length`` bytes at ``offset`` of segment ``path`` of spill ``worker``."""

    worker: str
    path: str
    offset: int
    length: int


class Spiller:
    """A worker's spill: append bytes, get back where they are."""

    def __init__(self, folder: str, segment_bytes: int | None = None) -> None:
        self.worker = f"worker-{os.getpid()}"
        self.folder = folder
        self.segment_bytes = segment_bytes or SEGMENT_BYTES
        self._segment = -1
        self._file: BinaryIO | None = None
        self.path = ""

    def spill(self, data: bytes) -> Spilled:
        if self._file is None or self._file.tell() >= self.segment_bytes:
            self._next_segment()
        offset = self._file.tell()
        self._file.write(data)
        self._file.flush()  # the main process reads it as soon as it has the location
        return Spilled(self.worker, self.path, offset, len(data))

    def _next_segment(self) -> None:
        self.close()
        self._segment += 1
        self.path = os.path.join(self.folder, f"{self.worker}-{self._segment}.spill")
        self._file = open(self.path, "wb")

    def close(self) -> None:
        if self._file is not None:
            self._file.close()
            self._file = None


_NO_KERNEL_COPY = (errno.ENOSYS, errno.EOPNOTSUPP, errno.EINVAL)


class SpillReader:
    """The main process's side: reads or copies spilled bytes, in the order the workers spilled them.

    A worker's results are read in the order it made them, so once a location
    in a worker's next segment comes, its previous segment is done: deleted.
    """

    def __init__(self) -> None:
        self._open: dict[str, tuple[str, int]] = {}  # worker -> (its current segment, open fd)
        self._kernel_copy = hasattr(os, "sendfile")

    def _fd(self, where: Spilled) -> int:
        current = self._open.get(where.worker)
        if current is not None and current[0] == where.path:
            return current[1]
        if current is not None:
            os.close(current[1])
            os.remove(current[0])
        fd = os.open(where.path, os.O_RDONLY)
        self._open[where.worker] = (where.path, fd)
        return fd

    def read(self, where: Spilled) -> bytes:
        data = os.pread(self._fd(where), where.length, where.offset)
        if len(data) != where.length:
            raise OSError(errno.EIO, f"spill file {where.path} is shorter than expected")
        return data

    def copy_to(self, where: Spilled, out: BinaryIO) -> None:
        """Append the spilled bytes to ``out`` (a file open for binary writing)."""
        if not self._kernel_copy:
            out.write(self.read(where))
            return
        out.flush()
        src, dst = self._fd(where), out.fileno()
        offset, left = where.offset, where.length
        while left:
            try:
                n = os.sendfile(dst, src, offset, left)
            except OSError as exc:
                if exc.errno not in _NO_KERNEL_COPY:
                    raise
                self._kernel_copy = False  # not between these files here: copy in Python
                out.write(self.read(Spilled(where.worker, where.path, offset, left)))
                return
            if n == 0:
                raise OSError(errno.EIO, f"spill file {where.path} is shorter than expected")
            offset += n
            left -= n

    def close(self) -> None:
        for _, fd in self._open.values():
            os.close(fd)
        self._open.clear()

    def __enter__(self) -> "SpillReader":
        return self

    def __exit__(self, *exc) -> None:
        self.close()
