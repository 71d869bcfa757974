"""Writing output files atomically: a killed build never leaves half a file."""

from __future__ import annotations

import os
import tempfile
from pathlib import Path


def temp_prefix(name: str) -> str:
    """Temporary files beside an output carry the writer's process id, so a later build can tell a
    killed build's leftovers (``.graph.ttl.1234.xxxx.tmp``) from a running one's."""
    return f".{name}.{os.getpid()}."


def write_atomic(path: str | Path, data: bytes | str) -> Path:
    """Write to a temporary file beside ``path``, then rename it over ``path``."""
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    payload = data.encode("utf-8") if isinstance(data, str) else data
    fd, tmp = tempfile.mkstemp(prefix=temp_prefix(path.name), suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(payload)
            fh.flush()
            os.fsync(fh.fileno())
        os.chmod(tmp, 0o644)  # mkstemp makes files private; outputs are for sharing
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
    return path
