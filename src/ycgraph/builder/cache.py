"""Per-article results on disk, each entry checksummed.

An entry is keyed by the article's source name and bytes and lives under the
extractor's fingerprint (code, division data, dictionaries), so a changed
extractor never reuses old results. Each entry starts with a SHA-256 of its
payload: a truncated or altered entry is *damaged*, never read as a result;
the build re-extracts the article from its source, says so, and writes the
entry anew.

>>> import tempfile
>>> from ycgraph.builder.work import ArticleResult
>>> from ycgraph.rdf.graph import ArticleTriples
>>> cache = ArticleCache(Path(tempfile.mkdtemp()), "f1")
>>> key = cache.key("a.txt", b"text")
>>> cache.get(key) is None
True
>>> cache.put(key, ArticleResult("a.txt", "a.txt", "00", ArticleTriples("urn:a", (), b"", 0, ()), 1, 2))
>>> cache.get(key).mentions
2
>>> entry = cache.file(key); _ = entry.write_bytes(entry.read_bytes()[:-3])  # truncate it
>>> cache.get(key)
Traceback (most recent call last):
...
ycgraph.builder.cache.DamagedEntry: checksum mismatch
"""

from __future__ import annotations

import hashlib
import pickle
from dataclasses import replace
from pathlib import Path

from ..outputs import write_atomic
from .work import ArticleResult

__all__ = ["ArticleCache", "DamagedEntry"]

_MAGIC = b"YCGC2\n"
_DIGEST = 32


class DamagedEntry(Exception):
    """A cache entry that exists but cannot be trusted (truncated, altered, unreadable)."""


class ArticleCache:
    """Per-article results under ``folder/fingerprint``."""

    def __init__(self, folder: Path, fingerprint: str) -> None:
        self.folder = Path(folder) / fingerprint
        self.fingerprint = fingerprint

    def key(self, name: str, data: bytes) -> str:
        # The name is part of the key: it is written into the graph (ycg:sourceFile).
        return hashlib.sha256(name.encode("utf-8", "surrogatepass") + b"\0" + data).hexdigest()

    def file(self, key: str) -> Path:
        return self.folder / key[:2] / f"{key}.pickle"

    def has(self, key: str) -> bool:
        return self.file(key).exists()

    def get(self, key: str) -> ArticleResult | None:
        """The cached result, None when there is none; :class:`DamagedEntry` when it cannot be trusted."""
        try:
            raw = self.file(key).read_bytes()
        except FileNotFoundError:
            return None
        except OSError as exc:
            raise DamagedEntry(f"unreadable ({exc.strerror})") from None
        head, digest, payload = raw[:len(_MAGIC)], raw[len(_MAGIC):len(_MAGIC) + _DIGEST], raw[len(_MAGIC) + _DIGEST:]
        if head != _MAGIC:
            raise DamagedEntry("not a cache entry of this version")
        if hashlib.sha256(payload).digest() != digest:
            raise DamagedEntry("checksum mismatch")
        try:
            result = pickle.loads(payload)
        except Exception as exc:  # noqa: BLE001 - checksummed, so only a writer's bug gets here
            raise DamagedEntry(f"unreadable ({type(exc).__name__})") from None
        if not isinstance(result, ArticleResult):
            raise DamagedEntry("not an article result")
        return result

    def put(self, key: str, result: ArticleResult) -> None:
        """Store ``result`` (its own Turtle in full: not a spill reference)."""
        payload = pickle.dumps(replace(result, spilled=None), protocol=pickle.HIGHEST_PROTOCOL)
        try:
            write_atomic(self.file(key), _MAGIC + hashlib.sha256(payload).digest() + payload)
        except OSError:
            pass  # a cache that cannot be written only costs speed
