"""Small span utilities the extractors share: quotations, clauses, name boundaries.

>>> t = "深化“三争三促”，加快兴发磷酸铁建设。"
>>> [t[q.begin:q.end] for q in quote_spans(t)]
['三争三促']
>>> [t[c.begin:c.end] for c in clause_spans(t)]
['深化“三争三促”', '加快兴发磷酸铁建设']
>>> t[name_start(t, t.index("磷酸铁"), ("加快",)):t.index("建设")]
'兴发磷酸铁'
"""

from __future__ import annotations

import re
from bisect import bisect_right
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
    out = []
    for m in _QUOTE.finditer(text):
        g = next(i for i in range(1, len(OPEN_QUOTES) + 1) if m.group(i) is not None)
        out.append(Span(m.start(g), m.end(g)))
    return tuple(out)


_QUOTE_OR_BREAK = re.compile(_QUOTE.pattern + "|[" + re.escape(CLAUSE_BREAKS) + "]")


class QuoteIndex:
    """Answers "is this offset inside a quotation?" quickly."""

    def __init__(self, quotes: Sequence[Span]) -> None:
        self.quotes = sorted(quotes)
        self._begins = [q.begin for q in self.quotes]

    def covering(self, offset: int) -> Span | None:
        i = bisect_right(self._begins, offset) - 1
        if i >= 0 and self.quotes[i].begin <= offset < self.quotes[i].end:
            return self.quotes[i]
        return None


def clause_spans(text: str) -> list[Span]:
    """Clauses: runs between ，。；：！？ and line breaks, not breaking inside quotations."""
    out = []
    start = 0
    # One pass: a quotation is stepped over whole, any other match is a break.
    for m in _QUOTE_OR_BREAK.finditer(text):
        if m.lastindex:  # inside quotation marks
            continue
        i = m.start()
        if i > start:
            out.append(Span(start, i))
        start = i + 1
    if start < len(text):
        out.append(Span(start, len(text)))
    return [s for s in (_trim(text, s) for s in out) if s is not None]


def _trim(text: str, span: Span) -> Span | None:
    b, e = span.begin, span.end
    while b < e and text[b].isspace():
        b += 1
    while e > b and text[e - 1].isspace():
        e -= 1
    if b == e:
        return None
    return span if (b, e) == (span.begin, span.end) else Span(b, e)


@lru_cache(maxsize=32)
def _by_end(words: tuple[str, ...]) -> dict[str, tuple[str, ...]]:
    """Words grouped by their last character, longest first."""
    out: dict[str, list[str]] = {}
    for w in sorted(set(words), key=len, reverse=True):
        out.setdefault(w[-1], []).append(w)
    return {k: tuple(v) for k, v in out.items()}


NAME_CHARS_EXTRA = "()（）—–-·0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz+"
NAME_BREAKS = "的了等"
MEASURE_WORDS = "个家项名所座条套户栋"
NUMERALS = "0123456789零一二两三四五六七八九十百千万"


def name_start(text: str, end: int, stop_words: Iterable[str], max_len: int = 16, floor: int = 0) -> int:
    """Where a name ending at ``end`` starts: walk left until punctuation or a stop word.

    ``stop_words`` are verbs and function words that open the phrase before
    a name (加快, 推进, 的 ...); the name starts right after the nearest one.
    """
    table = _by_end(tuple(stop_words))
    i = end
    limit = max(floor, end - max_len)
    while i > limit:
        ch = text[i - 1]
        if not (is_cjk(ch) or ch in NAME_CHARS_EXTRA) or ch in NAME_BREAKS:
            break
        if ch in MEASURE_WORDS and i >= 2 and text[i - 2] in NUMERALS:
            break  # 3个 / 12家: a count, not part of a name (国家 is)
        hit = next((w for w in table.get(ch, ()) if text.startswith(w, i - len(w)) and i - len(w) >= limit), None)
        if hit is not None:
            break
        i -= 1
    # Do not start on a closing bracket or dash.
    while i < end and text[i] in ")）—–-·+":
        i += 1
    return i


def strip_leading(item: str, words: Iterable[str]) -> tuple[int, str]:
    """Strip lead verbs, prepositional phrases and quotations off the front of a list item.

    >>> strip_leading("探索以“运营前置”实施滨江街区更新", ("探索", "以", "实施"))
    (11, '滨江街区更新')
    """
    ordered = sorted(set(words), key=len, reverse=True)
    cut = 0
    changed = True
    while changed and cut < len(item):
        changed = False
        rest = item[cut:]
        if rest[0] in OPEN_QUOTES:
            close = rest.find(CLOSE_QUOTES[OPEN_QUOTES.index(rest[0])])
            if close > 0 and close < len(rest) - 1:
                cut += close + 1
                changed = True
                continue
        for w in ordered:
            if rest.startswith(w) and len(rest) > len(w) + 1:
                cut += len(w)
                changed = True
                break
    return cut, item[cut:]
