"""A private jieba tokenizer, and its dictionary's word frequencies.

jieba keeps module-level state (a default tokenizer, a DEBUG log handler, a
cache in the temp folder). We own one ``jieba.Tokenizer`` instead, cache its
prefix dictionary under the user's cache folder, and keep its quirks here.
"""

from __future__ import annotations

import logging
import marshal
import os
from collections.abc import Mapping
from functools import cached_property
from pathlib import Path


def _cache_dir() -> Path:
    base = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(base) / "ycgraph"


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
        import jieba

        # jieba logs every dictionary load at DEBUG through its own handler; quiet it.
        logging.getLogger("jieba").setLevel(logging.WARNING)
        tk = jieba.Tokenizer()
        cache = _cache_dir()
        try:
            cache.mkdir(parents=True, exist_ok=True)
            tk.cache_file = str(cache / "jieba.cache")
        except OSError:
            pass  # unwritable home: jieba falls back to its temp-folder cache
        tk.initialize()
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
        """Part-of-speech tags from jieba's main dictionary (word -> tag).

        Read once into the user's cache folder (marshal loads it in about half the time parsing takes),
        under a name that changes with the dictionary file.
        """
        import jieba

        path = Path(jieba.__file__).with_name(jieba.DEFAULT_DICT_NAME)
        stat = path.stat()
        cached = _cache_dir() / f"jieba-tags-{jieba.__version__}-{stat.st_size}-{stat.st_mtime_ns}.marshal"
        try:
            tags = marshal.loads(cached.read_bytes())
            if isinstance(tags, dict):
                return tags
        except (OSError, EOFError, ValueError, TypeError):
            pass  # not written yet, or damaged: parse the dictionary again
        tags = {}
        with open(path, encoding="utf-8") as fh:
            for line in fh:
                parts = line.split()
                if len(parts) == 3:
                    tags[parts[0]] = parts[2]
        try:
            cached.parent.mkdir(parents=True, exist_ok=True)
            temp = cached.with_name(f"{cached.name}.{os.getpid()}.tmp")
            temp.write_bytes(marshal.dumps(tags))
            os.replace(temp, cached)  # whole or not at all, whatever runs beside us
        except OSError:
            pass  # an unwritable cache folder costs time, not results
        return tags

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
