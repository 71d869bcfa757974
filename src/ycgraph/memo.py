"""A recognizer's memory of answers that depend on a name alone.

Articles about a region name the same projects, companies and places again and
again, and the recognizers judge each name by dictionary look-ups and jieba
cuts: a judgement made once per name, not once per mention, costs far less.
Only pure answers belong here (of the name and the recognizer's own tables,
never of an article), so what is remembered is what would be computed again.

>>> calls = []
>>> def length(word):
...     calls.append(word)
...     return len(word)
>>> memo = NameMemo(length)
>>> memo("甲乙"), memo("甲乙"), calls
(2, 2, ['甲乙'])
"""

from __future__ import annotations

from typing import Callable, Generic, Hashable, TypeVar

K = TypeVar("K", bound=Hashable)
V = TypeVar("V")

_UNKNOWN = object()  # (answers may be None or False)
MAX_NAMES = 20_000  # a bound on what one memo remembers (forgotten all at once, then learnt again): a few MB


class NameMemo(Generic[K, V]):
    """``fn``, remembering its answer for each argument (at most ``limit`` of them at a time).

    >>> memo = NameMemo(str.upper, limit=2)
    >>> [memo(w) for w in ("ab", "cd", "ef", "ab")]
    ['AB', 'CD', 'EF', 'AB']
    >>> len(memo)
    2
    """

    def __init__(self, fn: Callable[[K], V], limit: int = MAX_NAMES) -> None:
        self._fn = fn
        self._limit = limit
        self._answers: dict[K, V] = {}

    def __call__(self, key: K) -> V:
        answer = self._answers.get(key, _UNKNOWN)
        if answer is _UNKNOWN:
            if len(self._answers) >= self._limit:
                self._answers.clear()
            answer = self._answers[key] = self._fn(key)
        return answer  # type: ignore[return-value]

    def __len__(self) -> int:
        return len(self._answers)


__all__ = ["NameMemo", "MAX_NAMES"]
