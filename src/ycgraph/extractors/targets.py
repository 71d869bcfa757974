"""Recognise targets: numbers with units stated as goals.

A number with a unit (6.5%, 30亿元, 二十万家, 千亿元, 百万吨) is a target when
its clause states a goal or plan (力争, 确保, 新增, 达到, 以上 ...) and not a
past result (去年, 同比). Numbers in quotations (“2468”工程), ordinals,
capacities named in a project (年产5万吨), and amounts that only qualify what
is counted (百亿级3个, 过3000万元厂房4栋) are not targets; the count is. A
range (6-8亿元) gives two targets, its lower and its upper bound. A headline's
numbers are targets only when the headline itself sets them (达, 力争, 以上 ...),
not when it reports them (某区20个项目集中开工). The investment, output or sales of one project (X项目总投资,
投产后年销售额) belong to that project (``Target.project``), not to the division.

>>> [(m.target.indicator, m.target.value, m.target.unit, m.target.comparator.value)
...  for m in match_targets("力争全年工业产值增长8.5%以上，确保经营主体过二十万家。去年完成投资9亿元。")]
[('工业产值增长', '8.5', '%', 'atLeast'), ('经营主体', '20', '万家', 'atLeast')]
>>> [(m.target.value, m.target.unit) for m in match_targets("加快推进储备项目86个，其中百亿级3个、30亿级7个。")]
[('86', '个'), ('3', '个'), ('7', '个')]
>>> [(m.target.value, m.target.unit, m.target.comparator.value) for m in match_targets("预计年税收3-5亿元。")]
[('3', '亿元', 'atLeast'), ('5', '亿元', 'atMost')]
"""

from __future__ import annotations

import re
import unicodedata
from bisect import bisect_left, bisect_right
from decimal import Decimal, InvalidOperation
from functools import lru_cache
from itertools import accumulate
from typing import Sequence

from ..gazetteer.lexicon import (
    ABOUT,
    AT_LEAST,
    AT_MOST,
    CAPACITY_NAME_ENDS,
    CAPACITY_WORDS,
    CN_DIGITS,
    CN_SMALL_UNITS,
    CONTINUING_OPENINGS,
    COUNT_UNITS,
    GOAL_MARKERS,
    HEADLINE_GOALS,
    INVESTMENT_OPENINGS,
    MAGNIFIED_UNITS,
    MAGNITUDES,
    NOT_ABOUT,
    NOT_GOAL_TERMS,
    PAST_HEADINGS,
    PAST_MARKERS,
    PAST_OPENINGS,
    PROJECT_SUBJECTS,
    RANGE_MARKS,
    UNITS,
    VAGUE_QUANTITIES,
)
from ..model import Comparator, Document, Kind, Mention, Span, Target
from .textspans import QuoteIndex, clause_at, clause_before, clause_breaks, quote_index

_CN_NUM = "零〇一二两三四五六七八九十百千"
_UNITS = sorted({*UNITS, *(m + u for m in MAGNITUDES for u in MAGNIFIED_UNITS), "万亿元", "万亿"},
                key=len, reverse=True)
_UNIT_FIRSTS = re.escape("".join(sorted({u[0] for u in (*_UNITS, "亿", "万")})))
# A number is \d+(?:[.,]\d+)* or [numerals]+, written as its first character (a class the regex engine
# skips to quickly, where a pattern opening with a lookahead is tried at every character) and the rest
# of the one or the other. The lookahead before the unit says what it must start with: no unit is
# tried at a numeral that none follows.
_NUMBER = re.compile(
    rf"(?P<num>[\d{_CN_NUM}](?:(?<=\d)\d*(?:[.,]\d+)*|(?<!\d)[{_CN_NUM}]*))(?=[{_UNIT_FIRSTS}])"
    rf"(?P<unit>{'|'.join(re.escape(u) for u in _UNITS)}|亿|万)"
)


# _NUMBER for a text of the Basic Multilingual Plane alone (most texts): the same matches, found faster.
# Its first character's class names the plane's decimal digits (those \d matches, as this Python's own
# tables say) instead of \d: a class of one table, which the engine looks each character up in at a
# fraction of the cost of the category test. The digits after the first are read possessively: no shorter
# reading of them can be followed by a unit (a unit starts with none of \d . ,), so the engine need not
# try one when the unit is missing (2024年, 1.5.3).
@lru_cache(maxsize=1)  # (made at the first text, not at import: a few milliseconds)
def _number_bmp() -> re.Pattern[str]:
    # Every code point of the plane but the surrogates (no digits among them), in order, then \d's runs in it.
    units = bytearray(0x20000)
    units[0::2] = bytes(range(256)) * 256
    units[1::2] = b"".join(bytes((high,)) * 256 for high in range(256))
    plane = units[:0x1B000].decode("utf-16-le") + "\0" * 0x800 + units[0x1C000:].decode("utf-16-le")
    digits = "".join(f"{re.escape(plane[m.start()])}-{re.escape(plane[m.end() - 1])}"
                     for m in re.finditer(r"\d+", plane))
    return re.compile(
        rf"(?P<num>[{digits}{_CN_NUM}](?:(?<=\d)\d*+(?:[.,]\d+)*+|(?<!\d)[{_CN_NUM}]*))(?=[{_UNIT_FIRSTS}])"
        rf"(?P<unit>{'|'.join(re.escape(u) for u in _UNITS)}|亿|万)"
    )


def _numbers(text: str) -> list[re.Match[str]]:
    """``list(_NUMBER.finditer(text))``."""
    # (A text holds a character past the plane exactly when its UTF-16 takes more than two bytes a character.)
    bmp = len(text.encode("utf-16-le", "surrogatepass")) == 2 * len(text)
    return list((_number_bmp() if bmp else _NUMBER).finditer(text))
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


# Digits with commas grouping thousands (1,200) or none, and at most one decimal point. Anything else the
# number pattern takes in (7.5.3, 1,2) is no number a text states: it is read as nothing, never guessed.
_WELL_FORMED = re.compile(r"\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?")


@lru_cache(maxsize=4096)  # the same numbers recur (a Decimal is immutable: one may be shared)
def _value(num: str) -> Decimal | None:
    """
    >>> _value("1,250.5"), _value("３６"), _value("二十五"), _value("7.5.3"), _value("1,2")
    (Decimal('1250.5'), Decimal('36'), Decimal('25'), None, None)
    """
    if num[0].isdigit():
        if not _WELL_FORMED.fullmatch(num):
            return None
        # Any script's decimal digits (full-width ３６ too) as ASCII ones.
        ascii_num = num.replace(",", "") if num.isascii() else "".join(
            c if c == "." else str(unicodedata.decimal(c)) for c in num if c != ",")
        try:
            return Decimal(ascii_num)
        except InvalidOperation:  # (the pattern above leaves none; kept so no text can raise here)
            return None
    v = chinese_number(num)
    return Decimal(v) if v is not None else None


def _plain(d: Decimal) -> str:
    """Decimal as plain text without exponent or trailing zeros (7.50 -> 7.5, 1E+1 -> 10)."""
    s = format(d.normalize(), "f")
    return s.rstrip("0").rstrip(".") if "." in s else s


@lru_cache(maxsize=4096)
def _plain_value(num: str) -> str:
    """``_plain(_value(num))``, for a number that has a value (worked out once per number as written)."""
    return _plain(_value(num))  # type: ignore[arg-type]


_COMPARATOR_WORDS = ((AT_LEAST, Comparator.AT_LEAST), (AT_MOST, Comparator.AT_MOST), (ABOUT, Comparator.ABOUT))
# Their first and last characters: most numbers have none of them on either side, and need no further look.
_COMPARATOR_FIRSTS = frozenset(w[0] for words, _ in _COMPARATOR_WORDS for w in words)
_COMPARATOR_LASTS = frozenset(w[-1] for words, _ in _COMPARATOR_WORDS for w in words)


def _comparator(before: str, after: str) -> Comparator:
    """
    >>> _comparator("总量达", "以上"), _comparator("签约", ""), _comparator("大约", "")
    (<Comparator.AT_LEAST: 'atLeast'>, <Comparator.EXACTLY: 'exactly'>, <Comparator.ABOUT: 'approximately'>)
    """
    if after[:1] in _COMPARATOR_FIRSTS or before[-1:] in _COMPARATOR_LASTS:
        if before.endswith(NOT_ABOUT):  # 签约 ends like 约 but says nothing of the number
            before = ""
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


@lru_cache(maxsize=16384)  # the same indicators recur in article after article
def _indicator(head: str) -> str:
    """``_strip_tail(_strip_head(head))``: the indicator a number's clause names before it."""
    return _strip_tail(_strip_head(head))


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
_HEADING_FIRSTS = frozenset("一二三四五六七八九十（(第")  # what a heading (_HEADING) may start with


def past_regions(text: str, year: int | None = None) -> list[Span]:
    """Paragraphs that report the past: under a heading like 一、2025年工作回顾 (to the next heading),
    or opening with 去年 / 过去一年 / an earlier year than the article's.

    >>> t = "一、去年工作回顾\\n增长5%。\\n二、今年目标\\n力争增长6%。\\n2024年完成8亿元。"
    >>> [t[s.begin:s.end] for s in past_regions(t, 2026)]
    ['一、去年工作回顾', '增长5%。', '2024年完成8亿元。']
    """
    out = []
    in_past = False
    start = 0  # where the line starts
    # (Lines by str.split and str.strip: the same whitespace as the regex's \s, at a fraction of the cost.)
    for raw in text.split("\n"):
        line = raw.strip()
        if line:
            if len(line) <= 30 and line[0] in _HEADING_FIRSTS and _HEADING.match(line):
                in_past = any(w in line for w in PAST_HEADINGS)
            if in_past or ((line.startswith(PAST_OPENINGS) or year is not None and "年" in line[:8])
                           and _past_opening(line, year)):
                begin = start + len(raw) - len(raw.lstrip())
                out.append(Span(begin, begin + len(line)))
        start += len(raw) + 1
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


_NOT_GOAL = re.compile(_alternation(NOT_GOAL_TERMS))
_HEADLINE_GOAL = re.compile(_alternation(HEADLINE_GOALS))
_DIGIT_OR_NUMERAL = re.compile(rf"[\d{_CN_NUM}]")


def _has_goal(text: str, b: int, e: int) -> bool:
    """Does ``text[b:e]`` hold a goal word that is not part of a term (规模以上企业 sets nothing)?"""
    m = _GOAL.search(text, b, e)
    if m is None:
        return False
    if _NOT_GOAL.search(text, b, e) is None:
        return True  # (most clauses: no term at all)
    terms = [t.span() for t in _NOT_GOAL.finditer(text, b, e)
             if not (t.start() > 0 and _DIGIT_OR_NUMERAL.match(text, t.start() - 1))]  # 5亿元以上 is a bound
    if not terms:
        return True
    return any(not any(ts <= g.start() and g.end() <= te for ts, te in terms) for g in _GOAL.finditer(text, b, e))


def _sets_in_headline(text: str, b: int, e: int) -> bool:
    """Does the headline ``text[b:e]`` (up to the target's end) set a goal, a word of a term aside?

    >>> t = "某区12个亿元以上项目开工。某区力争增长7%以上"
    >>> _sets_in_headline(t, 0, t.index("开工")), _sets_in_headline(t, t.index("某区力"), len(t))
    (False, True)
    """
    terms = [t.span() for t in _NOT_GOAL.finditer(text, b, e)
             if not (t.start() > 0 and _DIGIT_OR_NUMERAL.match(text, t.start() - 1))]
    return any(not any(ts <= g.start() and g.end() <= te for ts, te in terms)
               for g in _HEADLINE_GOAL.finditer(text, b, e))


# Breaks inside one sentence: a clause after one of these continues the sentence.
_IN_SENTENCE_BREAKS = "，,；;、"
# A clause that counts projects (7个外资项目, 项目有23个).
_COUNTS_PROJECTS = re.compile(rf"[\d{_CN_NUM}]+个[^，。；]*项目|项目[^，。；]*?[\d{_CN_NUM}]+个")
_COLON = re.compile("[：:]")


def _break_before(text: str, b: int) -> str:
    i = b - 1
    while i >= 0 and text[i] in " \t\u3000":
        i -= 1
    return text[i] if i >= 0 else ""


def _headlines(text: str) -> list[Span]:
    """Lines that are headlines: the article's first line, and short lines of the shape 某市：… with no sentence
    in them (a sentence holds 。；？ or a comma).

    >>> t = "某县新增项目20个\\n某县召开大会。\\n某市：力争增长6%\\n会议指出，力争增长6%。"
    >>> [t[s.begin:s.end] for s in _headlines(t)]
    ['某县新增项目20个', '某市：力争增长6%']
    """
    out = []
    first = _STRIPPED_LINE.search(text)
    if first and len(first.group(1)) <= 60 and "。" not in first.group(1) and "；" not in first.group(1):
        out.append(Span(first.start(1), first.end(1)))
    # Other headlines hold a colon: only the lines around colons need a look.
    for c in _COLON.finditer(text, first.end() if first else 0):
        if out and c.start() < out[-1].end:
            continue
        m = _STRIPPED_LINE.search(text, text.rfind("\n", 0, c.start()) + 1)
        if m is None:
            continue
        line = m.group(1)
        if len(line) <= 40 and not any(ch in line for ch in "。；;，,？?"):
            out.append(Span(m.start(1), m.end(1)))
    return out


_YEAR_OPENING = re.compile(r"(\d{4})年")


def _earlier_year(text: str, b: int, year: int | None) -> bool:
    """Does the clause at ``b`` open with a year before the article's (2024年全市新增…: a result)?
    (到2024年… opens with 到: a deadline.)

    >>> _earlier_year("2024年新增企业9家", 0, 2026), _earlier_year("2027年新增企业9家", 0, 2026)
    (True, False)
    """
    if year is None:
        return False
    m = _YEAR_OPENING.match(text, b)
    return m is not None and int(m.group(1)) < year


def match_targets(text: str, year: int | None = None,
                  projects: Sequence[tuple[Span, str]] = ()) -> list[Mention]:
    """Targets of ``text``; ``projects``: (span, key) of the project mentions found in it, in text order
    (numbers inside them are part of their names; a project's own figures are given to it)."""
    numbers = _numbers(text)
    if not numbers:
        return []
    number_starts = [m.start() for m in numbers]
    index = quote_index(text)
    breaks = clause_breaks(text)
    out: list[Mention] = []
    past_search = _PAST.search

    def counts_then_invests(b: int, e: int) -> bool:
        # 等7个外资项目，合计总投资12.1亿美元: the next clause gives what the counted projects invest.
        if e >= len(text) or text[e] not in _IN_SENTENCE_BREAKS or not _COUNTS_PROJECTS.search(text, b, e):
            return False
        nxt = e + 1
        while nxt < len(text) and text[nxt].isspace():
            nxt += 1
        return text.startswith(INVESTMENT_OPENINGS, nxt)

    # Clause begin -> is the head of its chain a goal? (Each chain is walked once, however long it is.)
    heads_goal: dict[int, bool] = {}

    def chain_goal(b: int, e: int) -> bool:
        # 其中… / 总投资… / a bare 二十万家…: a breakdown, total or list item of the clause before (of the chain's
        # head: a loop, as chains may be long). (The first clause is known to hold no past word: is_goal looked.)
        path = []
        first = True
        while b not in heads_goal:
            has_goal = None  # (asked once a clause, whether the continuation or the head asks first)
            if text.startswith(CONTINUING_OPENINGS, b, e):
                continues = True
            elif _DIGIT_OR_NUMERAL.match(text, b) is not None and _break_before(text, b) in _IN_SENTENCE_BREAKS:
                has_goal = _has_goal(text, b, e)
                continues = not has_goal
            else:
                continues = False
            before = clause_before(breaks, b) if continues else None
            if before is None:
                if has_goal is None:
                    has_goal = _has_goal(text, b, e)
                heads_goal[b] = (has_goal or counts_then_invests(b, e)) and (first or not past_search(text, b, e))
                break
            path.append(b)
            b, e = before
            first = False
        result = heads_goal[b]
        for p in path:
            heads_goal[p] = result
        return result

    past: list[Span] | None = None  # (worked out at the first goal clause: many texts have none)
    past_begins: list[int] = []

    context = _Context(text, index, projects, None)
    # Only clauses holding a number can hold a target: visit each once, in order.
    i = 0
    n_numbers = len(numbers)
    while i < n_numbers:
        # A number starts on a digit or numeral, never on a break or a space: it has a clause.
        b, e = clause_at(breaks, number_starts[i])  # type: ignore[misc]
        j = bisect_left(number_starts, e, i)  # numbers[i:j] start in this clause
        # A goal: no past word, no earlier year opening it, and its chain's head a goal.
        if past_search(text, b, e) is None and not (
                year is not None and (y := _YEAR_OPENING.match(text, b)) is not None and int(y.group(1)) < year) \
                and (heads_goal[b] if b in heads_goal else chain_goal(b, e)):
            if past is None:
                past = past_regions(text, year)
                past_begins = [s.begin for s in past]
            k = bisect_right(past_begins, b) - 1
            if not (k >= 0 and b < past[k].end):
                # (No number runs across a clause's edge: 1,000 holds no break, see clause_breaks.)
                _clause_targets(context, b, e, numbers[i:j], out)
        i = j
    return out


_HEADLINE_BREAKS = frozenset("。；;，,？?")  # a line holding one is a sentence, not a headline


class _Context:
    """What the reading of one clause needs to know about the whole text."""

    def __init__(self, text: str, quotes: QuoteIndex, projects: Sequence[tuple[Span, str]],
                 headline_at=None) -> None:  # type: ignore[no-untyped-def]
        self.text = text
        self.quotes = quotes
        self.projects = list(projects)
        self.project_begins = [s.begin for s, _ in self.projects]
        self._project_reach = list(accumulate((s.end for s, _ in self.projects), max))  # the furthest end so far
        if headline_at is not None:
            self.headline_at = headline_at
        self._first_line: re.Match[str] | None | bool = False  # (False: not looked for yet)
        self._line_headlines: dict[int, Span | None] = {}  # line start -> the line as a headline, or None

    def headline_at(self, offset: int) -> Span | None:
        """The headline (as :func:`_headlines` finds them) holding ``offset``, a character that is no space.

        Only the line at ``offset`` is read, once: few numbers are targets, and a text has many lines.
        """
        text = self.text
        first = self._first_line
        if first is False:
            first = self._first_line = _STRIPPED_LINE.search(text)
        if first is not None and offset < first.end(1):  # (no number stands in the blank lines before it)
            line = first.group(1)
            if len(line) <= 60 and "。" not in line and "；" not in line:
                return Span(first.start(1), first.end(1))
            return None
        start = text.rfind("\n", 0, offset) + 1
        if start in self._line_headlines:
            return self._line_headlines[start]
        stop = text.find("\n", offset)
        raw = text[start:len(text) if stop < 0 else stop]
        line = raw.strip()
        headline = None
        # A line after the first holding a colon, short, with no sentence in it.
        if len(line) <= 40 and ("：" in line or ":" in line) and _HEADLINE_BREAKS.isdisjoint(line):
            begin = start + len(raw) - len(raw.lstrip())
            headline = Span(begin, begin + len(line))
        self._line_headlines[start] = headline
        return headline

    def in_project_name(self, offset: int) -> bool:
        if not self.projects:
            return False
        i = bisect_right(self.project_begins, offset) - 1
        if i < 0 or self._project_reach[i] <= offset:
            return False  # (most numbers: no project starting before them reaches them)
        return any(self.projects[k][0].begin <= offset < self.projects[k][0].end for k in range(max(0, i - 3), i + 1))

    def project_before(self, offset: int) -> str | None:
        """Key of the last project named before ``offset`` in its sentence or the sentence before."""
        i = bisect_right(self.project_begins, offset) - 1
        floor = _sentence_start(self.text, _sentence_start(self.text, offset) - 1)
        while i >= 0:
            span, key = self.projects[i]
            if span.end <= offset:
                return key if span.begin >= floor else None
            i -= 1
        return None


# How far back a sentence is read for its subject: enough for the genre's sentences, and a bound, so a text of
# one endless sentence costs linear time.
SENTENCE_WINDOW = 160


_SENTENCE_ENDS = "。！？!?\n"


def _sentence_start(text: str, offset: int) -> int:
    """Start of the sentence holding ``offset``, or ``offset - SENTENCE_WINDOW`` if that is later."""
    floor = max(0, offset - SENTENCE_WINDOW)
    if offset <= floor:
        return offset  # (no character to look at: 0, or -1 from the sentence before the first)
    # The last sentence end in [floor, offset), by a search per mark (faster than a walk back in Python).
    return max(floor, *(text.rfind(mark, floor, offset) + 1 for mark in _SENTENCE_ENDS))


def _clause_targets(ctx: _Context, b: int, e: int, numbers: list[re.Match[str]], out: list[Mention]) -> None:
    """Add to ``out`` the targets the numbers of the goal clause ``text[b:e]`` state."""
    text = ctx.text
    covering = ctx.quotes.covering
    if ctx.projects:
        numbers = [m for m in numbers if covering(m.start()) is None and not ctx.in_project_name(m.start())]
    else:
        numbers = [m for m in numbers if covering(m.start()) is None]
    count_later = False  # is a count (个, 家 ...) stated after the number? (read from the clause's end)
    readings = []
    for m in reversed(numbers):
        num, unit = m.groups()
        readings.append((m.start(), num, unit, count_later))
        count_later = count_later or unit in COUNT_UNITS
    for pos, num, unit, count_later in reversed(readings):
        target = _read_target(text, b, e, pos, num, unit, count_later)
        if target is None:
            continue
        tb, te, tgt, owned = target
        headline = ctx.headline_at(pos)
        if headline is not None and not _sets_in_headline(text, headline.begin, te):
            continue  # a headline that reports a figure (某区20个项目开工) sets nothing
        if owned:
            project = ctx.project_before(pos)
            if project is None:
                continue  # one project's figure, and which project the text does not say: no one's target
            tgt = [Target(t.indicator, t.value, t.unit, t.comparator, project) for t in tgt]
        span, words = Span(tb, te), text[tb:te]
        for n, t in enumerate(tgt):
            out.append(Mention(span, words, Kind.TARGET, "goal-number", f"{tb}-{te}-{n}", target=t))


_BOUND_AFTER = re.compile("以上|以内|以下|左右")  # 5亿元以上: part of the target
_NOT_A_TARGET_AFTER = ("年", "月", "日", "号", "届", "次会")
_MARKS = _alternation(RANGE_MARKS)
# Before a number, its range's lower bound: 6-, 6亿元至, 六至.
_RANGE_LOW = re.compile(rf"(?P<low>\d+(?:\.\d+)?|[{_CN_NUM}]+)(?P<lowunit>{'|'.join(map(re.escape, _UNITS))}|亿|万)?"
                        rf"[ ]?(?:{_MARKS})[ ]?$")
# After a number, a range mark and the upper bound: the upper bound's number reads the range.
_RANGE_NEXT = re.compile(rf"[ ]?(?:{_MARKS})[ ]?(?P<high>\d+(?:\.\d+)?|[{_CN_NUM}]+)")
_RANGE_NEXT_FIRSTS = frozenset(" " + "".join(m[0] for m in RANGE_MARKS))  # what _RANGE_NEXT may start with
_TO_AFTER = re.compile(r"[\u4e00-\u9fff]{0,3}?(?:到|至)")
_MEASURE_ENDS = tuple("吨米亩瓦时箱斤片里")
_MEASURE_END_CHARS = frozenset(_MEASURE_ENDS)
_CAPACITY_WORD = re.compile(_alternation(CAPACITY_WORDS))  # (one search, not a substring test per word)
_CAPACITY_NAME = re.compile(rf"[^，,。；;、“”\s]{{0,14}}?(?:{_alternation(CAPACITY_NAME_ENDS)})")
# Before a number, what makes it a qualifier of counted items: 17个项目总投资超 / 5个总投资超过.
_COUNTED_BEFORE = re.compile(rf"[\d{_CN_NUM}]+个[^、，]{{0,12}}?投资额?(?:超过|超|在)$")
# Before an investment word, one project (X项目总投资), unless a group's (全部项目, 集中开工项目).
_ONE_PROJECT_INVESTS = re.compile(r"项目(?:计划)?总?投资额?(?:达到|达|约|为|超过|超)?$")
_PROJECT_SUBJECT = re.compile(_alternation(PROJECT_SUBJECTS))
_GROUP = re.compile(rf"[\d{_CN_NUM}]+个|全部|所有|合计|共计|总计|集中|一批|这批|此批")


NEAR = 40  # characters before a number that can qualify it


def _is_count(unit: str) -> bool:
    return unit[-1] in COUNT_UNITS


def _is_amount(unit: str) -> bool:
    """Money or a share (亿元, 美元, %, 个百分点), not a quantity of things."""
    return unit.endswith(("元", "亿", "万", "%", "％", "百分点", "倍"))


# The units a number may have (as _NUMBER reads them) that are amounts.
_AMOUNT_UNITS = frozenset(u for u in (*_UNITS, "亿", "万") if _is_amount(u))


def _range_low(before: str, unit: str, value: Decimal) -> tuple[int, Decimal] | None:
    """Where ``before`` ends with the lower bound of a range up to ``value`` + ``unit``: (its start, its value)."""
    return _range_low_at(before, 0, len(before), unit, value)


def _range_low_at(text: str, b: int, pos: int, unit: str, value: Decimal) -> tuple[int, Decimal] | None:
    """:func:`_range_low` of ``text[b:pos]``, its start an offset into ``text``."""
    if pos <= b or not text.endswith(RANGE_MARKS, b, pos) and not text.endswith(" ", b, pos):
        return None
    m = _RANGE_LOW.search(text, max(b, pos - 24), pos)
    if m is None:
        return None
    low_unit = m.group("lowunit")
    if low_unit and not unit.startswith(low_unit):
        return None
    if text.endswith(("从", "由"), b, m.start()):  # 从5%提高到8%: a change, its target the second
        return None
    low = _value(m.group("low"))
    if low is None or not 0 < low < value:
        return None
    return m.start(), low


@lru_cache(maxsize=4096)
def _noun_phrase(phrase: str) -> str:
    """The counted noun after a count (企业, 重点项目), cut before the words that end it (建设, 等 ...)."""
    for stop in _NOUN_STOPS:
        k = phrase.find(stop)
        if k > 0:
            phrase = phrase[:k]
    return phrase


def _comparator_at(text: str, b: int, pos: int, after: str) -> Comparator:
    """:func:`_comparator` of ``text[b:pos]`` and ``after``."""
    if after[:1] in _COMPARATOR_FIRSTS or (pos > b and text[pos - 1] in _COMPARATOR_LASTS):
        if text.endswith(NOT_ABOUT, b, pos):  # 签约 ends like 约 but says nothing of the number
            pos = b
        for words, comparator in _COMPARATOR_WORDS:
            if after.startswith(words) or pos > b and text.endswith(words, b, pos):
                return comparator
    return Comparator.EXACTLY


def _read_target(text: str, b: int, e: int, begin: int, num: str, unit: str,
                 count_later: bool) -> tuple[int, int, list[Target], bool] | None:
    """The target stated by the number ``num`` + ``unit`` at ``begin`` in the clause ``text[b:e]``
    (``count_later``: a count follows in the clause), as its span in the text, its targets (two for a range)
    and whether they are one project's. (Offsets into the text throughout: the clause is never copied.)"""
    number = begin  # (``begin`` moves to a range's lower bound)
    end = begin + len(num) + len(unit)
    value = _value(num)
    if value is None or value == 0 or num + unit in VAGUE_QUANTITIES:
        return None
    if text.endswith("第", b, begin) or text.startswith(_NOT_A_TARGET_AFTER, end, e):
        return None
    after = text[end:min(e, end + NEAR)]  # (only what starts ``after`` is ever looked at)
    chinese = not num[0].isdigit()
    count = unit[-1] in COUNT_UNITS
    # Amounts that only qualify what is counted.
    if count_later:
        if after.startswith("级"):
            return None
        if not count and text.endswith(("过", "超过"), b, begin):
            return None
    near = max(b, begin - NEAR)  # what stands right before the number (bounded: clauses may be very long)
    if not count and _COUNTED_BEFORE.search(text, near, begin):
        return None
    # A capacity: part of a project's name or description (年产5万吨, 10万吨乙烯项目).
    if text.endswith(CAPACITY_WORDS, b, begin) or (unit not in _AMOUNT_UNITS and _CAPACITY_WORD.search(text, near, begin)):
        return None  # (年产值达2亿元 is an amount: the output's value, not a capacity)
    if unit[-1] in _MEASURE_END_CHARS and _CAPACITY_NAME.match(after):
        return None
    # 从40%提高到65%: where a change starts, not its target.
    if text.endswith(("从", "由"), b, begin) and _TO_AFTER.match(after):
        return None
    # 6亿元至8亿元: the lower bound; the upper bound reads the range.
    if after[:1] in _RANGE_NEXT_FIRSTS:
        nxt = _RANGE_NEXT.match(after)
        if nxt:
            high = _value(nxt.group("high"))
            if high is not None and high > value and (after.startswith(unit, nxt.end())
                                                      or after[nxt.end():nxt.end() + 1] in ("亿", "万")):
                return None
    if unit == "亿" or unit == "万":  # a bare magnitude
        if count_later or text.endswith("等", b, begin):
            return None
        if chinese and not _GOAL.search(text, max(b, begin - 4), begin):
            return None
        unit = unit + "元"
    if chinese and unit in COUNT_UNITS and value < SMALL_CN_COUNT and not _GOAL.search(text, max(b, begin - 3), begin):
        return None  # 三个农业特色产业, 四个方面: a description, not a commitment
    low = _range_low_at(text, b, begin, unit, value)
    if low is not None:
        begin = low[0]  # the indicator stands before the lower bound
    comparator = _comparator_at(text, b, begin, after)
    tail_match = _BOUND_AFTER.match(text, end, e)
    tail = tail_match.group() if tail_match else ""
    end += len(tail)
    noun = _NOUN_AFTER.match(text, end, e) if unit in COUNT_UNITS and tail in ("", "左右") else None
    indicators: list[str]
    if noun and noun.group() != "以上":
        phrase = _noun_phrase(noun.group())
        indicators = [phrase.strip("“”")]
        span_begin, span_end = begin, end + len(phrase)
    else:
        prev = max(text.rfind("、", b, begin), text.rfind("，", b, begin))
        head_start = prev + 1 if prev >= 0 else b
        head = text[head_start:begin]
        # 新增过3000万元、过亿元厂房各4栋: one target per qualifier before 各.
        if head.endswith("各") and text.find("、", b, begin) >= 0:
            before = text[b:begin]
            stripped = _strip_head(before[:-1])
            parts = [p for p in re.split("、", stripped) if p]
            indicators = [_strip_tail(_strip_head(p)) for p in parts]
            span_begin = b + len(before) - len(stripped) - 1
        else:
            ind = _indicator(head)
            indicators = [ind]
            # (The indicator is a part of the head: it ends the text before the number where it ends the head.)
            if head.endswith(ind):
                span_begin = begin - len(ind)
            else:
                span_begin = head_start + head.find(ind)
        span_end = end
    # One project's figure (X项目总投资, 投产后年销售额), unless the sentence speaks of a group of projects.
    owned = False
    if not (unit[-1] in COUNT_UNITS):
        sentence = -1
        if _ONE_PROJECT_INVESTS.search(text, max(b, begin - NEAR), begin):
            owned = True
        # (The sentence starts SENTENCE_WINDOW characters back at the earliest: most numbers have no subject
        # word even there, and need no look for the sentence's start.)
        elif _PROJECT_SUBJECT.search(text, max(0, number - SENTENCE_WINDOW), number) is not None:
            sentence = _sentence_start(text, number)
            owned = _PROJECT_SUBJECT.search(text, sentence, number) is not None
        if owned:
            if sentence < 0:
                sentence = _sentence_start(text, number)
            owned = _GROUP.search(text, sentence, number) is None
    if low is not None:
        targets = [Target(ind or unit, _plain(v), unit, c) for ind in indicators
                   for v, c in ((low[1], Comparator.AT_LEAST), (value, Comparator.AT_MOST))]
    else:
        plain = _plain_value(num)
        targets = [Target(ind or unit, plain, unit, comparator) for ind in indicators]
    return max(b, span_begin), span_end, targets, owned


class TargetRecognizer:
    """Pipeline component: adds a :class:`Mention` per quantified goal."""

    def __call__(self, doc: Document) -> Document:
        year = int(doc.published[:4]) if doc.published and doc.published[:4].isdigit() else None
        projects = sorted(((m.span, m.key) for m in doc.mentions if m.kind is Kind.PROJECT),
                          key=lambda p: (p[0].begin, p[0].end))
        doc.mentions.extend(match_targets(doc.text, year, projects))
        return doc


__all__ = ["TargetRecognizer", "match_targets", "chinese_number"]
