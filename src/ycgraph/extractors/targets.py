"""Recognise targets: numbers with units stated as goals.

A number with a unit (7.5%, 80亿元, 十万家, 千亿元, 百万吨) is a target when
its clause states a goal or plan (力争, 确保, 新增, 达到, 以上 ...) and not a
past result (去年, 同比). Numbers in quotations (“1531”工程), ordinals,
and amounts that only qualify what is counted (百亿级4个, 过5000万元楼宇2栋)
are not targets; the count is.

>>> [(m.target.indicator, m.target.value, m.target.unit, m.target.comparator.value)
...  for m in match_targets("力争全年GDP增长7.5%以上，确保市场主体过十万家。去年完成投资8亿元。")]
[('GDP增长', '7.5', '%', 'atLeast'), ('市场主体', '10', '万家', 'atLeast')]
>>> [(m.target.value, m.target.unit) for m in match_targets("谋划推进项目112个，其中百亿级4个、50亿级9个。")]
[('112', '个'), ('4', '个'), ('9', '个')]
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from decimal import Decimal
from typing import Sequence

from ..gazetteer.lexicon import (
    ABOUT,
    AT_LEAST,
    AT_MOST,
    CN_DIGITS,
    CN_SMALL_UNITS,
    COUNT_UNITS,
    GOAL_MARKERS,
    PAST_HEADINGS,
    PAST_MARKERS,
    PAST_OPENINGS,
    UNITS,
)
from ..model import Comparator, Document, Kind, Mention, Span, Target
from .textspans import QuoteIndex, clause_at, clause_before, clause_breaks, quote_spans

_CN_NUM = "零〇一二两三四五六七八九十百千"
_UNITS = sorted({*UNITS, "万亿元", "万亿"}, key=len, reverse=True)
_UNIT_FIRSTS = re.escape("".join(sorted({u[0] for u in (*_UNITS, "亿", "万")})))
# The lookaheads only say what the match must start with (a digit or numeral) and what its unit must
# start with; they let the regex engine skip ahead instead of trying every unit at every numeral.
_NUMBER = re.compile(
    rf"(?=[\d{_CN_NUM}])(?P<num>\d+(?:[.,]\d+)*|[{_CN_NUM}]+)(?=[{_UNIT_FIRSTS}])"
    rf"(?P<unit>{'|'.join(re.escape(u) for u in _UNITS)}|亿|万)"
)
_GOAL = re.compile("|".join(sorted(GOAL_MARKERS, key=len, reverse=True)))
_PAST = re.compile("|".join(PAST_MARKERS))
_INDICATOR_TRIM_HEAD = sorted({*GOAL_MARKERS, "全力", "加快", "积极", "谋划", "推进", "其中", "围绕", "每年",
                               "高标准", "大力", "持续", "全面", "当年", "实现", "筹建", "改造"}, key=len, reverse=True)
_INDICATOR_TRIM_TAIL = ("达到", "突破", "超过", "不少于", "不低于", "至少", "达", "超", "过", "为", "到", "约", "的")
_NOUN_AFTER = re.compile(r"[\u4e00-\u9fffA-Za-z“”]{1,14}")
_NOUN_STOPS = ("建设", "开工", "投用", "落地", "调度", "成长", "做大", "项目建设", "等", "的")
SMALL_CN_COUNT = 20


def chinese_number(text: str) -> int | None:
    """Value of a Chinese numeral (十 -> 10, 二十五 -> 25, 三百五十 -> 350, 千 -> 1000).

    >>> [chinese_number(t) for t in ("十", "十二", "二十", "百", "三百五十", "两", "千零五")]
    [10, 12, 20, 100, 350, 2, 1005]
    """
    total = 0
    digit: int | None = None
    for ch in text:
        if ch in CN_DIGITS:
            digit = CN_DIGITS[ch]
        elif ch in CN_SMALL_UNITS:
            total += (1 if digit is None else digit) * CN_SMALL_UNITS[ch]
            digit = None
        else:
            return None
    if digit is not None:
        total += digit
    return total


def _value(num: str) -> Decimal | None:
    if num[0].isdigit():
        return Decimal(num.replace(",", ""))
    v = chinese_number(num)
    return Decimal(v) if v is not None else None


def _plain(d: Decimal) -> str:
    """Decimal as plain text without exponent or trailing zeros (7.50 -> 7.5, 1E+1 -> 10)."""
    s = format(d.normalize(), "f")
    return s.rstrip("0").rstrip(".") if "." in s else s


_COMPARATOR_WORDS = ((AT_LEAST, Comparator.AT_LEAST), (AT_MOST, Comparator.AT_MOST), (ABOUT, Comparator.ABOUT))
# Their first and last characters: most numbers have none of them on either side, and need no further look.
_COMPARATOR_FIRSTS = frozenset(w[0] for words, _ in _COMPARATOR_WORDS for w in words)
_COMPARATOR_LASTS = frozenset(w[-1] for words, _ in _COMPARATOR_WORDS for w in words)


def _comparator(before: str, after: str) -> Comparator:
    if after[:1] in _COMPARATOR_FIRSTS or before[-1:] in _COMPARATOR_LASTS:
        for words, comparator in _COMPARATOR_WORDS:
            if after.startswith(words) or before.endswith(words):
                return comparator
    return Comparator.EXACTLY


def _strip(s: str, edge: re.Pattern[str], tail: bool) -> str:
    """Take words matching ``edge`` off the front (or the end) of ``s`` while any fits, keeping something."""
    while s:
        m = edge.search(s)
        if not m or m.end() - m.start() >= len(s):
            return s
        s = s[: m.start()] if tail else s[m.end():]
    return s


def _alternation(words: Sequence[str]) -> str:
    return "|".join(re.escape(w) for w in sorted(set(words), key=len, reverse=True))


_HEAD_WORD = re.compile(f"^(?:{_alternation(_INDICATOR_TRIM_HEAD)})")
_TAIL_WORD = re.compile(f"(?:{_alternation(_INDICATOR_TRIM_TAIL)})$")


def _strip_head(s: str) -> str:
    """
    >>> _strip_head("力争全年GDP增长")
    'GDP增长'
    """
    return _strip(s, _HEAD_WORD, tail=False)


def _strip_tail(s: str) -> str:
    """
    >>> _strip_tail("城镇化率达到"), _strip_tail("达到")
    ('城镇化率', '达到')
    """
    return _strip(s, _TAIL_WORD, tail=True)


_HEADING = re.compile(r"^(?:[一二三四五六七八九十]+、|（[一二三四五六七八九十]+）|\([一二三四五六七八九十]+\)|第[一二三四五六七八九十]+部分)")
_YEAR = re.compile(r"(\d{4})年")
# A line less the whitespace at its ends (blank lines do not match).
_STRIPPED_LINE = re.compile(r"^[^\S\n]*(\S(?:[^\n]*\S)?)", re.MULTILINE)
_OPENING_END = re.compile(r"[，,。；]")


def past_regions(text: str, year: int | None = None) -> list[Span]:
    """Paragraphs that report the past: under a heading like 一、2025年工作回顾 (to the next heading),
    or opening with 去年 / 过去一年 / an earlier year than the article's.

    >>> t = "一、去年工作回顾\\n增长5%。\\n二、今年目标\\n力争增长6%。\\n2024年完成8亿元。"
    >>> [t[s.begin:s.end] for s in past_regions(t, 2026)]
    ['一、去年工作回顾', '增长5%。', '2024年完成8亿元。']
    """
    out = []
    in_past = False
    for m in _STRIPPED_LINE.finditer(text):
        line = m.group(1)
        if len(line) <= 30 and _HEADING.match(line):
            in_past = any(w in line for w in PAST_HEADINGS)
        if in_past or _past_opening(line, year):
            out.append(Span(m.start(1), m.end(1)))
    return out


def _past_opening(line: str, year: int | None) -> bool:
    """Does the line's opening (up to the first ，。；) start with 去年 ..., or name a year before ``year``?"""
    if line.startswith(PAST_OPENINGS):
        cut = _OPENING_END.search(line)
        if line.startswith(PAST_OPENINGS, 0, cut.start() if cut else len(line)):
            return True
    if year is None or "年" not in line[:8]:
        return False
    cut = _OPENING_END.search(line, 0, 8)
    return any(int(y) < year for y in _YEAR.findall(line, 0, cut.start() if cut else 8))


def match_targets(text: str, year: int | None = None) -> list[Mention]:
    numbers = list(_NUMBER.finditer(text))
    if not numbers:
        return []
    number_starts = [m.start() for m in numbers]
    index = QuoteIndex(quote_spans(text))
    breaks = clause_breaks(text)
    out: list[Mention] = []

    def is_goal(b: int, e: int) -> bool:
        # 其中…: the breakdown of the clause before (of the chain's head: a loop, as chains may be long).
        while text.startswith("其中", b, e):
            before = clause_before(breaks, b)
            if before is None:
                break
            b, e = before
        return bool(_GOAL.search(text, b, e)) and not _PAST.search(text, b, e)

    past = past_regions(text, year)
    past_begins = [s.begin for s in past]

    def in_past(offset: int) -> bool:
        i = bisect_right(past_begins, offset) - 1
        return i >= 0 and offset < past[i].end

    # Only clauses holding a number can hold a target: visit each once, in order.
    i = 0
    while i < len(numbers):
        # A number starts on a digit or numeral, never on a break or a space: it has a clause.
        b, e = clause_at(breaks, number_starts[i])  # type: ignore[misc]
        j = bisect_left(number_starts, e, i)  # numbers[i:j] start in this clause
        if is_goal(b, e) and not in_past(b):
            # (No number runs across a clause's edge: 1,000 holds no break, see clause_breaks.)
            _clause_targets(text, b, e, numbers[i:j], index, out)
        i = j
    return out


def _clause_targets(text: str, b: int, e: int, numbers: list[re.Match[str]], quotes: QuoteIndex,
                    out: list[Mention]) -> None:
    """Add to ``out`` the targets the numbers of the goal clause ``text[b:e]`` state."""
    ctext = text[b:e]
    numbers = [m for m in numbers if quotes.covering(m.start()) is None]
    # Is a count (个, 家 ...) stated after number i?
    count_after = [False] * len(numbers)
    for i in range(len(numbers) - 1, 0, -1):
        count_after[i - 1] = count_after[i] or numbers[i].group("unit") in COUNT_UNITS
    for m, count_later in zip(numbers, count_after):
        target = _read_target(ctext, m.start() - b, m.group("num"), m.group("unit"), count_later)
        if target is None:
            continue
        span_begin, span_end, tgt = target
        tb, te = b + span_begin, b + span_end
        for n, t in enumerate(tgt):
            out.append(Mention(Span(tb, te), text[tb:te], Kind.TARGET, "goal-number", f"{tb}-{te}-{n}", target=t))


_BOUND_AFTER = re.compile("以上|以内|以下|左右")  # 5亿元以上: part of the target
_NOT_A_TARGET_AFTER = ("年", "月", "日", "号", "届", "次会")


def _read_target(ctext: str, begin: int, num: str, unit: str,
                 count_later: bool) -> tuple[int, int, list[Target]] | None:
    """The target stated by the number ``num`` + ``unit`` at ``begin`` in the clause ``ctext``
    (``count_later``: a count follows in the clause), as its span in the clause and its targets."""
    end = begin + len(num) + len(unit)
    value = _value(num)
    if value is None or value == 0:
        return None
    if ctext.endswith("第", 0, begin) or ctext.startswith(_NOT_A_TARGET_AFTER, end):
        return None
    before, after = ctext[:begin], ctext[end:]
    chinese = not num[0].isdigit()
    bare_magnitude = unit in ("亿", "万")
    # Amounts that only qualify what is counted.
    if after.startswith("级") and count_later:
        return None
    if before.endswith(("过", "超过")) and count_later:
        return None
    if bare_magnitude:
        if before.endswith("等") or count_later:
            return None
        if chinese and not _GOAL.search(before[-4:]):
            return None
        unit = unit + "元"
    if chinese and unit in COUNT_UNITS and value < SMALL_CN_COUNT and not _GOAL.search(before[-3:]):
        return None  # 三个农业特色产业, 四个方面: a description, not a commitment
    comparator = _comparator(before, after)
    tail_match = _BOUND_AFTER.match(ctext, end)
    tail = tail_match.group() if tail_match else ""
    end += len(tail)
    noun = _NOUN_AFTER.match(ctext, end) if unit in COUNT_UNITS and tail in ("", "左右") else None
    indicators: list[str]
    if noun and noun.group() not in ("以上",):
        phrase = noun.group()
        for stop in _NOUN_STOPS:
            k = phrase.find(stop)
            if k > 0:
                phrase = phrase[:k]
        indicators = [phrase.strip("“”")]
        span_begin, span_end = begin, end + len(phrase)
    else:
        prev = max(before.rfind("、"), before.rfind("，"))
        head = before[prev + 1:] if prev >= 0 else before
        # 新增过5000万元、过亿元楼宇各2栋: one target per qualifier before 各.
        if head.endswith("各") and "、" in before:
            parts = [p for p in re.split("、", _strip_head(before[:-1])) if p]
            indicators = [_strip_tail(_strip_head(p)) for p in parts]
            span_begin = len(before) - len(_strip_head(before[:-1])) - 1
        else:
            ind = _strip_tail(_strip_head(head))
            indicators = [ind]
            span_begin = len(before) - len(ind) if ind and before.endswith(ind) else begin
            if not before.endswith(ind):
                span_begin = begin - len(head) + head.find(ind) if ind and ind in head else begin
        span_end = end
    targets = [Target(ind or unit, _plain(value), unit, comparator) for ind in indicators]
    return max(0, span_begin), span_end, targets


class TargetRecognizer:
    """Pipeline component: adds a :class:`Mention` per quantified goal."""

    def __call__(self, doc: Document) -> Document:
        year = int(doc.published[:4]) if doc.published else None
        doc.mentions.extend(match_targets(doc.text, year))
        return doc


__all__ = ["TargetRecognizer", "match_targets", "chinese_number"]
