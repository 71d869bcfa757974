"""Small span utilities the extractors share: quotations, clauses, name boundaries.

>>> t = "深化“两抓两促”，加快金鹰磷酸铁建设。"
>>> [t[q.begin:q.end] for q in quote_spans(t)]
['两抓两促']
>>> [t[c.begin:c.end] for c in clause_spans(t)]
['深化“两抓两促”', '加快金鹰磷酸铁建设']
>>> t[name_start(t, t.index("磷酸铁"), ("加快",)):t.index("建设")]
'金鹰磷酸铁'
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from functools import lru_cache
from typing import Iterable, Sequence

from ..model import Span

OPEN_QUOTES = "“「『"
CLOSE_QUOTES = "”」』"
CLAUSE_BREAKS = "，,。；;：:！!？?\n"
_CJK = re.compile(r"[\u4e00-\u9fff]")
_CLAUSE_BREAK = re.compile("[" + re.escape(CLAUSE_BREAKS) + "]")
MAX_QUOTE = 80


def is_cjk(ch: str) -> bool:
    return bool(_CJK.match(ch))


# An opening mark, then up to MAX_QUOTE characters on the same line without another
# mark of the pair, then the closing mark. An opening mark never closed is not a quotation.
_QUOTE = re.compile("|".join(f"{re.escape(o)}([^{re.escape(o + c)}\\n]{{1,{MAX_QUOTE}}}){re.escape(c)}"
                             for o, c in zip(OPEN_QUOTES, CLOSE_QUOTES)))


@lru_cache(maxsize=8)  # four components ask for the same article's quotations
def quote_spans(text: str) -> tuple[Span, ...]:
    """Spans of text inside Chinese quotation marks (the marks excluded).

    An opening mark with no closing mark on the same line is ignored.
    """
    # Each mark is one character: the content is the match less its first and last.
    return tuple([Span(m.start() + 1, m.end() - 1) for m in _QUOTE.finditer(text)])


class QuoteIndex:
    """Answers "is this offset inside a quotation?" quickly."""

    def __init__(self, quotes: Sequence[Span]) -> None:
        # Span's order, by plain tuples (comparing Span objects is slow).
        self.quotes = sorted(quotes, key=lambda q: (q.begin, q.end))
        self._begins = [q.begin for q in self.quotes]

    def covering(self, offset: int) -> Span | None:
        i = bisect_right(self._begins, offset) - 1
        if i >= 0 and self.quotes[i].begin <= offset < self.quotes[i].end:
            return self.quotes[i]
        return None


@lru_cache(maxsize=8)  # (as quote_spans: the components look the same article's quotations up)
def quote_index(text: str) -> QuoteIndex:
    """A :class:`QuoteIndex` of the text's quotations (:func:`quote_spans`), made once per article."""
    return QuoteIndex(quote_spans(text))


class DisjointSpans:
    """A growing set of pairwise disjoint, non-empty spans, and whether a span overlaps one of them.

    Sorted by begin, disjoint spans are sorted by end too: of those starting before a span
    ends, the last is the one that reaches furthest (a bisection, not a look at each).

    >>> taken = DisjointSpans([(0, 2), (5, 8)])
    >>> taken.overlaps(2, 5), taken.overlaps(7, 9)
    (False, True)
    >>> taken.add(2, 5); taken.overlaps(4, 5)
    True
    """

    def __init__(self, spans: Iterable[tuple[int, int]] = ()) -> None:
        pairs = sorted(spans)
        self._begins = [b for b, _ in pairs]
        self._ends = [e for _, e in pairs]

    def overlaps(self, begin: int, end: int) -> bool:
        """Does ``[begin, end)`` overlap a span of the set (as :meth:`Span.overlaps` says)?"""
        i = bisect_left(self._begins, end)
        return i > 0 and self._ends[i - 1] > begin

    def add(self, begin: int, end: int) -> None:
        """Add ``[begin, end)``: non-empty, and overlapping none of the set."""
        i = bisect_left(self._begins, begin)
        self._begins.insert(i, begin)
        self._ends.insert(i, end)


class WordIndex:
    """Finds every occurrence of a fixed set of words in a text, overlapping ones included.

    Where a word may start is found for the whole text at once, by its first three characters
    (lookups in numpy arrays); words are compared only there. (pyahocorasick looks a character
    up among a trie node's children one by one: with many first characters at the root, most
    of a text's characters cost a search of them all.)

    >>> WordIndex(["某某电气", "某某", "电气"]).find("由某某电气建设")
    [(1, 5, '某某电气'), (1, 3, '某某'), (3, 5, '电气')]
    """

    def __init__(self, words: Iterable[str]) -> None:
        import numpy as np  # (here, not at the top: importing ycgraph needs no numpy)

        self.words = frozenset(w for w in words if w)
        longer = sorted((w for w in self.words if len(w) >= 3), key=lambda w: (-len(w), w))
        pairs = sorted({w[:2] for w in self.words if len(w) >= 2})
        # A pair of characters (c, d) is numbered first[c] + second[d]; pair_index maps that number to
        # the pair's index in ``pairs`` plus one (0: no word starts so). The arrays' last entries stand
        # for every code point past the words'. (The narrowest types that hold the numbers: the tables are
        # looked up at random, so the less memory they take the fewer of those lookups miss the caches.)
        firsts = sorted({p[0] for p in pairs})
        seconds = sorted({p[1] for p in pairs})
        size = max((ord(c) for c in (*firsts, *seconds)), default=0) + 2
        self._first = np.zeros(size, dtype=np.int32)
        self._second = np.zeros(size, dtype=np.int32)
        for i, c in enumerate(firsts, 1):
            self._first[ord(c)] = i * (len(seconds) + 1)
        for i, c in enumerate(seconds, 1):
            self._second[ord(c)] = i
        self._pair_index = np.zeros((len(firsts) + 1) * (len(seconds) + 1), dtype=np.min_scalar_type(len(pairs)))
        for i, p in enumerate(pairs, 1):
            self._pair_index[self._first[ord(p[0])] + self._second[ord(p[1])]] = i
        # Is the pair a word itself; which (pair index, third code point) start a longer word, sorted.
        self._pair_is_word = np.array([False] + [p in self.words for p in pairs])
        index = {p: i for i, p in enumerate(pairs, 1)}
        self._triples = np.unique(np.array([index[w[:2]] << 21 | ord(w[2]) for w in longer], dtype=np.int64))
        self._by_start: dict[str, tuple[str, ...]] = {}  # first three characters -> the words, longest first
        for w in longer:
            self._by_start[w[:3]] = self._by_start.get(w[:3], ()) + (w,)
        self._singles = frozenset(w for w in self.words if len(w) == 1)

    def find(self, text: str) -> list[tuple[int, int, str]]:
        """(begin, end, word) of every occurrence, in order of ``begin``, the longest word first."""
        if not self.words or not text:
            return []
        import numpy as np

        codes = np.frombuffer(text.encode("utf-32-le", "surrogatepass"), dtype=np.uint32)
        clipped = np.minimum(codes, len(self._first) - 1)
        # The pairs' table is looked up only where a word's first character stands.
        first = self._first[clipped[:-1]]
        at = np.flatnonzero(first)
        pair = self._pair_index[first[at] + self._second[clipped[at + 1]]]
        starts = np.flatnonzero(pair)
        at, pair = at[starts], pair[starts].astype(np.int64)
        # The key of the triple at each such place (past the end of the text, a code point no word holds).
        key = pair << 21 | np.append(codes, 0x110000)[at + 2].astype(np.int64)
        k = np.minimum(np.searchsorted(self._triples, key), max(len(self._triples) - 1, 0))
        longer = self._triples[k] == key if len(self._triples) else np.zeros(len(at), dtype=bool)
        pair_is_word = self._pair_is_word[pair]
        # Most places a word's first pair stands start no word (the pair is no word itself, and the third
        # character opens none longer): drop them here, not in the loop below.
        keep = np.flatnonzero(longer | pair_is_word)
        hits = []
        for i, is_word, is_longer in zip(at[keep].tolist(), pair_is_word[keep].tolist(), longer[keep].tolist()):
            if is_longer:
                hits += [(i, i + len(w), w) for w in self._by_start[text[i:i + 3]] if text.startswith(w, i)]
            if is_word:
                hits.append((i, i + 2, text[i:i + 2]))
        if self._singles:
            hits += [(i, i + 1, c) for i, c in enumerate(text) if c in self._singles]
            hits.sort(key=lambda h: (h[0], -h[1]))
        return hits


# A clause less the whitespace at its ends, in ``clause_breaks`` output (where every break is a newline).
_TRIMMED_CLAUSE = re.compile(r"\S(?:[^\n]*\S)?")


# A comma not between two digits. (It starts with the comma, a literal the regex engine skips to quickly;
# (?<!\d),|,(?!\d) made it try the lookbehind at every character.)
_BREAKING_COMMA = re.compile(r",(?:(?<!\d,)|(?!\d))")


def clause_breaks(text: str) -> str:
    """``text`` with every clause break outside quotations made a newline (offsets unchanged).

    >>> clause_breaks("深化“两抓两促，两办”；加快")
    '深化“两抓两促，两办”\\n加快'
    >>> clause_breaks("新增1,200万元,力争")
    '新增1,200万元\\n力争'
    """
    # A comma between digits groups thousands (1,000万元): it is no break.
    breaks = _BREAKING_COMMA.sub("\n", text) if "," in text else text
    for mark in CLAUSE_BREAKS:  # (a str.replace per mark is faster than re.sub or str.translate here)
        if mark not in ",\n":
            breaks = breaks.replace(mark, "\n")
    # A break inside a quotation does not end the clause: put those quotations back as written.
    # (Quotations hold no newline, and no other break is whitespace, so clauses trim the same.)
    parts = []
    done = 0
    for q in quote_spans(text):
        if _CLAUSE_BREAK.search(text, q.begin, q.end):
            parts += (breaks[done:q.begin], text[q.begin:q.end])
            done = q.end
    if parts:
        parts.append(breaks[done:])
        breaks = "".join(parts)
    return breaks


def clause_spans(text: str) -> list[Span]:
    """Clauses: runs between ，。；：！？ and line breaks, not breaking inside quotations."""
    return [Span(*m.span()) for m in _TRIMMED_CLAUSE.finditer(clause_breaks(text))]


def clause_at(breaks: str, offset: int) -> tuple[int, int] | None:
    """(begin, end) of the clause holding ``offset`` (neither a break nor a space), given
    ``breaks = clause_breaks(text)``; None if there is only space between the breaks around it.

    >>> t = "深化“两抓两促”，加快金鹰磷酸铁建设。"
    >>> b, e = clause_at(clause_breaks(t), t.index("金鹰"))
    >>> t[b:e]
    '加快金鹰磷酸铁建设'
    """
    begin = breaks.rfind("\n", 0, offset) + 1
    end = breaks.find("\n", offset)
    m = _TRIMMED_CLAUSE.search(breaks, begin, len(breaks) if end < 0 else end)
    return m.span() if m else None


def clause_before(breaks: str, begin: int) -> tuple[int, int] | None:
    """(begin, end) of the clause before the one starting at ``begin``; None for the first clause."""
    end = breaks.rfind("\n", 0, begin)
    while end >= 0:
        start = breaks.rfind("\n", 0, end) + 1
        m = _TRIMMED_CLAUSE.search(breaks, start, end)
        if m:
            return m.span()
        end = start - 1
    return None


class NameStops:
    """Stop words for :func:`name_start`, by their last character: the lengths they come in, and the words.

    Build it once for a set of words used again and again (the function builds one per call otherwise).
    """

    def __init__(self, words: Iterable[str]) -> None:
        by_end: dict[str, tuple[set[int], set[str]]] = {}
        for w in words:
            lengths, same_end = by_end.setdefault(w[-1], (set(), set()))
            lengths.add(len(w))
            same_end.add(w)
        self.by_end = {ch: (tuple(sorted(lengths)), frozenset(same_end)) for ch, (lengths, same_end) in by_end.items()}


NAME_CHARS_EXTRA = "()（）—–-·0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz+"
NAME_BREAKS = "的了等"
MEASURE_WORDS = "个家项名所座条套户栋"
NUMERALS = "0123456789零一二两三四五六七八九十百千万"


def name_start(text: str, end: int, stop_words: NameStops | Iterable[str], max_len: int = 16, floor: int = 0) -> int:
    """Where a name ending at ``end`` starts: walk left until punctuation or a stop word.

    ``stop_words`` are verbs and function words that open the phrase before
    a name (加快, 推进, 的 ...); the name starts right after the nearest one.
    """
    table = (stop_words if isinstance(stop_words, NameStops) else NameStops(stop_words)).by_end
    i = end
    limit = max(floor, end - max_len)
    while i > limit:
        ch = text[i - 1]
        if not ("\u4e00" <= ch <= "\u9fff" or ch in NAME_CHARS_EXTRA) or ch in NAME_BREAKS:  # (is_cjk inlined)
            break
        if ch in MEASURE_WORDS and i >= 2 and text[i - 2] in NUMERALS:
            break  # 3个 / 12家: a count, not part of a name (国家 is)
        stops = table.get(ch)
        if stops is not None and _stop_ends(text, i, limit, *stops):
            break
        i -= 1
    # Do not start on a closing bracket or dash.
    while i < end and text[i] in ")）—–-·+":
        i += 1
    return i


def _stop_ends(text: str, i: int, limit: int, lengths: tuple[int, ...], words: frozenset[str]) -> bool:
    """Does one of ``words`` (their ``lengths`` ascending) end at ``i`` and start at ``limit`` or after?"""
    for n in lengths:
        if i - n < limit:
            return False
        if text[i - n:i] in words:
            return True
    return False


@lru_cache(maxsize=32)
def _leading_word(words: tuple[str, ...]) -> re.Pattern[str]:
    """Any of ``words``, the longest that fits first (none: a pattern that never matches)."""
    if not words:
        return re.compile("(?!)")
    return re.compile("|".join(re.escape(w) for w in sorted(set(words), key=len, reverse=True)))


def leading_words(words: Iterable[str]) -> re.Pattern[str]:
    """What :func:`strip_leading` strips for ``words``, compiled: made once for words used again and again
    (a recognizer's, when it is made: not at the first item, nor looked up by the words at each)."""
    return _leading_word(tuple(words))


def strip_leading(item: str, words: Iterable[str] | re.Pattern[str]) -> tuple[int, str]:
    """Strip lead verbs, prepositional phrases and quotations off the front of a list item.

    ``words``: the words, or :func:`leading_words` of them.

    >>> strip_leading("探索以“运维后移”实施滨江街区更新", ("探索", "以", "实施"))
    (11, '滨江街区更新')
    """
    leading_word = words if isinstance(words, re.Pattern) else _leading_word(tuple(words))
    cut = 0
    changed = True
    while changed and cut < len(item):
        changed = False
        if item[cut] in OPEN_QUOTES:
            close = item.find(CLOSE_QUOTES[OPEN_QUOTES.index(item[cut])], cut) - cut  # (-1 - cut if none)
            if close > 0 and close < len(item) - cut - 1:
                cut += close + 1
                changed = True
                continue
        # A word stripped leaves at least two characters: the match must end by len(item) - 2.
        m = leading_word.match(item, cut, len(item) - 2)
        if m:
            cut = m.end()
            changed = True
    return cut, item[cut:]
