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
from bisect import bisect_right
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
from .textspans import QuoteIndex, clause_spans, quote_spans

_CN_NUM = "零〇一二两三四五六七八九十百千"
_UNITS = sorted({*UNITS, "万亿元", "万亿"}, key=len, reverse=True)
_NUMBER = re.compile(
    rf"(?P<num>\d+(?:[.,]\d+)*|[{_CN_NUM}]+)(?P<unit>{'|'.join(re.escape(u) for u in _UNITS)}|亿|万)"
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


def _comparator(before: str, after: str) -> Comparator:
    if any(after.startswith(w) for w in AT_LEAST) or any(before.endswith(w) for w in AT_LEAST):
        return Comparator.AT_LEAST
    if any(after.startswith(w) for w in AT_MOST) or any(before.endswith(w) for w in AT_MOST):
        return Comparator.AT_MOST
    if any(after.startswith(w) for w in ABOUT) or any(before.endswith(w) for w in ABOUT):
        return Comparator.ABOUT
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


def past_regions(text: str, year: int | None = None) -> list[Span]:
    """Paragraphs that report the past: under a heading like 一、2025年工作回顾 (to the next heading),
    or opening with 去年 / 过去一年 / an earlier year than the article's.

    >>> t = "一、去年工作回顾\\n增长5%。\\n二、今年目标\\n力争增长6%。\\n2024年完成8亿元。"
    >>> [t[s.begin:s.end] for s in past_regions(t, 2026)]
    ['一、去年工作回顾', '增长5%。', '2024年完成8亿元。']
    """
    out = []
    in_past = False
    pos = 0
    for raw in text.split("\n"):
        line = raw.strip()
        begin = pos + len(raw) - len(raw.lstrip())
        pos += len(raw) + 1
        if not line:
            continue
        heading = bool(_HEADING.match(line)) and len(line) <= 30
        if heading:
            in_past = any(w in line for w in PAST_HEADINGS)
        opening = re.split(r"[，,。；]", line, maxsplit=1)[0]
        earlier = year is not None and any(int(y) < year for y in _YEAR.findall(opening[:8]))
        if in_past or opening.startswith(PAST_OPENINGS) or earlier:
            out.append(Span(begin, begin + len(line)))
    return out


def match_targets(text: str, year: int | None = None) -> list[Mention]:
    past = past_regions(text, year)
    quotes = quote_spans(text)
    index = QuoteIndex(quotes)
    out: list[Mention] = []
    clauses = clause_spans(text)
    # Only clauses holding a number can hold a target.
    with_numbers = {bisect_right(clauses, m.start(), key=lambda c: c.begin) - 1 for m in _NUMBER.finditer(text)}

    def is_goal(k: int) -> bool:
        ctext = text[clauses[k].begin:clauses[k].end]
        if ctext.startswith("其中") and k > 0:
            return is_goal(k - 1)  # 其中…: the breakdown of the clause before
        return bool(_GOAL.search(ctext)) and not _PAST.search(ctext)

    past_begins = [s.begin for s in past]

    def in_past(offset: int) -> bool:
        i = bisect_right(past_begins, offset) - 1
        return i >= 0 and offset < past[i].end

    for k in sorted(with_numbers):
        if k < 0 or not is_goal(k) or in_past(clauses[k].begin):
            continue
        clause = clauses[k]
        ctext = text[clause.begin:clause.end]
        numbers = [m for m in _NUMBER.finditer(ctext) if index.covering(clause.begin + m.start()) is None]
        for i, m in enumerate(numbers):
            target = _read_target(ctext, m, numbers[i + 1:])
            if target is None:
                continue
            span_begin, span_end, tgt = target
            b, e = clause.begin + span_begin, clause.begin + span_end
            for n, t in enumerate(tgt):
                out.append(Mention(Span(b, e), text[b:e], Kind.TARGET, "goal-number", f"{b}-{e}-{n}", target=t))
    return out


def _read_target(ctext: str, m: re.Match[str], later: list[re.Match[str]]) -> tuple[int, int, list[Target]] | None:
    num, unit = m.group("num"), m.group("unit")
    begin, end = m.start(), m.end()
    before, after = ctext[:begin], ctext[end:]
    value = _value(num)
    if value is None or value == 0:
        return None
    if before.endswith("第") or after.startswith(("年", "月", "日", "号", "届", "次会")):
        return None
    chinese = not num[0].isdigit()
    later_count = next((n for n in later if n.group("unit") in COUNT_UNITS), None)
    bare_magnitude = unit in ("亿", "万")
    # Amounts that only qualify what is counted.
    if after.startswith("级") and later_count is not None:
        return None
    if before.endswith(("过", "超过")) and later_count is not None:
        return None
    if bare_magnitude:
        if before.endswith("等") or later_count is not None:
            return None
        if chinese and not _GOAL.search(before[-4:]):
            return None
        unit = unit + "元"
    if chinese and unit in COUNT_UNITS and value < SMALL_CN_COUNT and not _GOAL.search(before[-3:]):
        return None  # 三个农业特色产业, 四个方面: a description, not a commitment
    comparator = _comparator(before, after)
    tail = next((w for w in ("以上", "以内", "以下", "左右") if after.startswith(w)), "")
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
