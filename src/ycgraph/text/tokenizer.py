"""A private jieba tokenizer, and its dictionary's word frequencies.

jieba keeps module-level state (a default tokenizer, a DEBUG log handler, a
cache in the temp folder). We own one ``jieba.Tokenizer`` instead, cache its
prefix dictionary and tags under the user's cache folder, and keep its quirks here.
"""

from __future__ import annotations

import logging
import marshal
import os
import sys
from collections.abc import Callable, Mapping
from functools import cached_property
from pathlib import Path
from typing import TypeVar

T = TypeVar("T")


def _import_jieba():
    """jieba, imported without ``pkg_resources``.

    jieba imports ``pkg_resources`` only to open its own data files, and opens
    them by path when that import fails; importing it scans every installed
    distribution (about 0.3 s, a tenth of a one-article build) and warns that it
    is deprecated. Blocked for this one import only, unless something has
    imported it already.
    """
    if "jieba" not in sys.modules and "pkg_resources" not in sys.modules:
        sys.modules["pkg_resources"] = None  # type: ignore[assignment]  # (``import`` raises ImportError)
        try:
            import jieba
        finally:
            del sys.modules["pkg_resources"]
    import jieba

    return jieba


def _cache_dir() -> Path:
    base = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(base) / "ycgraph"


def _dictionary_file() -> Path:
    jieba = _import_jieba()
    return Path(jieba.__file__).with_name(jieba.DEFAULT_DICT_NAME)


def _cached(kind: str, build: Callable[[], T], valid: Callable[[object], bool]) -> T:
    """``build()``, kept in the user's cache folder as marshal bytes under a name that changes with jieba's
    dictionary file (each installed jieba has its own); a damaged or missing entry is built again.

    ``marshal.loads`` of the whole file is about twice as fast as jieba's own ``marshal.load`` of an open file.
    """
    jieba = _import_jieba()
    stat = _dictionary_file().stat()
    folder = _cache_dir()
    cached = folder / f"jieba-{kind}-{jieba.__version__}-{stat.st_size}-{stat.st_mtime_ns}.marshal"
    try:
        value = marshal.loads(cached.read_bytes())
        if valid(value):
            return value  # type: ignore[return-value]
    except (OSError, EOFError, ValueError, TypeError):
        pass  # not written yet, or damaged: build it again
    value = build()
    try:
        folder.mkdir(parents=True, exist_ok=True)
        temp = cached.with_name(f"{cached.name}.{os.getpid()}.tmp")
        temp.write_bytes(marshal.dumps(value))
        os.replace(temp, cached)  # whole or not at all, whatever runs beside us
        (folder / "jieba.cache").unlink(missing_ok=True)  # ours, from versions that let jieba write its cache
    except OSError:
        pass  # an unwritable cache folder costs time, not results
    return value


def _read_tags() -> dict[str, str]:
    tags = {}
    with open(_dictionary_file(), encoding="utf-8") as fh:
        for line in fh:
            parts = line.split()
            if len(parts) == 3:
                tags[parts[0]] = parts[2]
    return tags


def _is_prefix_dict(value: object) -> bool:
    return (isinstance(value, tuple) and len(value) == 2 and isinstance(value[0], dict)
            and isinstance(value[1], int))


class Tokenizer:
    """Lazy wrapper: nothing is loaded until a word is looked up or text is cut.

    >>> tok = Tokenizer()
    >>> tok.freq("发展") > 1000 > tok.freq("澜沧鹰")
    True
    """

    def __init__(self) -> None:
        self._cuts: dict[str, tuple[str, ...]] = {}

    @cached_property
    def _jieba(self):
        jieba = _import_jieba()
        # jieba logs every dictionary load at DEBUG through its own handler; quiet it.
        logging.getLogger("jieba").setLevel(logging.WARNING)
        tk = jieba.Tokenizer()
        # Its prefix dictionary (every word and word prefix, with frequencies) from our cache, not jieba's.
        tk.FREQ, tk.total = _cached("prefixes", lambda: tk.gen_pfdict(tk.get_dict_file()), _is_prefix_dict)
        tk.initialized = True
        return tk

    def freq(self, word: str) -> int:
        """How often jieba's general dictionary has seen ``word`` (0 if never)."""
        return self._jieba.FREQ.get(word) or 0

    @property
    def prefixes(self) -> Mapping[str, int]:
        """jieba's dictionary as it holds it: each word with its frequency, and each prefix of a word
        (with 0 unless a word too). A string not in it starts no word: a scan for words can stop.

        >>> tok = Tokenizer()
        >>> tok.prefixes["发展"] > 0, "发展" in tok.prefixes, "展发" in tok.prefixes
        (True, True, False)
        """
        return self._jieba.FREQ

    @cached_property
    def _tags(self) -> dict[str, str]:
        """Part-of-speech tags from jieba's main dictionary (word -> tag), cached like the prefix dictionary."""
        return _cached("tags", _read_tags, lambda value: isinstance(value, dict))

    def tag(self, word: str) -> str | None:
        """jieba's dictionary tag for ``word`` (ns place, nr person, v verb ...), if any."""
        return self._tags.get(word)

    def cut(self, text: str) -> tuple[str, ...]:
        """jieba's words for a short phrase (cached: extractors cut the same names again and again)."""
        hit = self._cuts.get(text)
        if hit is None:
            hit = tuple(self._jieba.cut(text, HMM=True))
            if len(self._cuts) < 200_000:
                self._cuts[text] = hit
        return hit
