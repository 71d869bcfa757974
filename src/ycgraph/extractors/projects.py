"""Recognise projects: named undertakings with an identity of their own.

Two rules, both about the genre's shapes rather than any article's names:

* a list closed by 等 and a project noun (加快A、B等12个重点项目建设, A、B等5条高铁):
  each item is a project, once its lead verbs are stripped and unless it is
  a generic phrase (两条高铁); a list closed by 等 and a verb (A基地、B公司等落户)
  keeps the items that end like a project;
* a name ending like a project (…基地, …产业园, …二期, …中学, …项目, …生产线,
  …一级公路, …水库 ...), read leftwards to the verb that opens it, across a
  capacity (年产40万吨, 2×30万千瓦, 3000t/d), and kept only when something in
  it is specific: a rare or proper word, a place, a phase.

>>> r = ProjectRecognizer()
>>> [m.text for m in r.match("加快云岭锂电、青禾花海研学等12个重点项目建设，推进人才公寓建设，加快建设星河实验室二期。")]
['云岭锂电', '青禾花海研学', '星河实验室二期']
>>> [m.text for m in r.match("开工的项目有金穗集团年产30万件针织服装加工项目、2×35万千瓦热电项目等。")]
['金穗集团年产30万件针织服装加工项目', '2×35万千瓦热电项目']
"""

from __future__ import annotations

import re
import unicodedata
from bisect import bisect_left
from functools import lru_cache
from itertools import accumulate
from typing import Iterable

import ahocorasick

from ..gazetteer.lexicon import (
    GENERIC_PROJECT_WORDS,
    PROJECT_AREA_SUFFIXES,
    PROJECT_CAPACITY_UNITS,
    PROJECT_COMPANY_WORDS,
    PROJECT_FACT_WORDS,
    PROJECT_CLASS_NOUNS,
    PROJECT_LEAD_VERBS,
    PROJECT_LIST_VERBS,
    PROJECT_ORG_TAILS,
    PROJECT_SOURCE_MARKERS,
    PROJECT_SUFFIXES,
)
from ..model import Document, Kind, Mention, Span
from ..text.tokenizer import Tokenizer
from ..memo import NameMemo
from .textspans import CLAUSE_BREAKS, NameStops, QuoteIndex, leading_words, name_start, quote_index, strip_leading

# Between 等 and the project noun: a count and qualifiers (等20个城建项目, 等1.2万个重点项目, 等5条高铁);
# or, for a list of mixed items, a verb or a clause break (A基地、B公司等落户, A项目、B项目等，).
# Only the 等 is consumed (the rest is a lookahead), so every 等 in the text is tried.
_COUNT = r"(?:[0-9.一二两三四五六七八九十百千万多余]+[个项座条批家所])?"
_LIST_TAIL = re.compile(rf"等(?:(?={_COUNT}[\u4e00-\u9fff“”]{{0,8}}?(?:{'|'.join(PROJECT_CLASS_NOUNS)}))"
                        rf"|(?P<mixed>(?=[，。；,;]|{'|'.join(PROJECT_LIST_VERBS)})))")
# Inside a list's clause, the items start after the last 的, 等 or 了 (X、Y等企业投资建设的A、B等项目: A, B;
# 全县建成了A、B等道路).
_LIST_OPENER = re.compile(r".*[的等了]", re.DOTALL)
# A capacity just left of where a name stopped: 2× (2×30万千瓦), 3000t/ (3000t/d), 1.5 (1.5万吨).
_CAPACITY_LEFT = re.compile(r"[0-9A-Za-z.]*[0-9A-Za-z][×xX*/.]\Z")
# A capacity counted in a measure word, which name_start takes for a count (年产10万套 | 汽车座椅项目).
_CAPACITY_COUNT_LEFT = re.compile(r"(?:年产|日产|年处理|年加工|年出栏|年存栏)[0-9.一二两三四五六七八九十百千万亿]+[个家项名所座条套户栋]\Z")
_CAPACITY_LEFT_ENDS = frozenset("×xX*/.")  # the last characters these two match
_CAPACITY_COUNT_ENDS = frozenset("个家项名所座条套户栋")
# An amount just before a name: 总投资20亿元的 | X项目.
_AMOUNT_BEFORE = re.compile(r"[万亿]?元的\Z")
# A year or quarter names a batch (2024年一季度重大项目), not one undertaking.
_BATCH_TIME = re.compile(r"[0-9〇零一二三四五六七八九]{4}年|[一二三四]季度|年度|今年|明年|上半年|下半年")
_NUMERIC_START = re.compile(r"^[0-9一二两三四五六七八九十百千几数多]+[个项座条批家所大套户栋]")
_NUMERIC_FIRSTS = frozenset("0123456789一二两三四五六七八九十百千几数多")  # what it may start with
_ITEM_SPLIT = re.compile(r"[、；;]")
_TRAILING_AND = re.compile(r"(.{2,}?)(?:和|及|与)(.{2,})$")
VERB_TAGS = frozenset({"v", "vd", "vn", "d", "p", "c", "u", "r", "m", "q"})
COMMON_NOUN_TAGS = frozenset({"n", "vn", "v"})
COMMON_NOUN_FREQ = 20
PROPER_TAGS = frozenset({"ns", "nr", "nrt", "nz", "nt", "nrfg"})
RARE_WORD_FREQ = 300
PHASES = ("一期", "二期", "三期", "四期", "五期")
MIN_NAME = 3
MAX_NAME = 24
# A list item set off by ；(A项目；B工程；C等项目): short, with no other break in it.
_SEMICOLON_ITEM = re.compile(rf"(?<=[{re.escape(CLAUSE_BREAKS)}])[^{re.escape(CLAUSE_BREAKS)}、]{{2,{MAX_NAME}}}[；;]\Z")
EXTRA_STOPS = ("统筹", "理念", "全速推进", "借力", "壮大", "新增", "巩固", "紧扣", "组建", "高效运行", "运行", "保障好",
               "服务好", "用活", "擦亮", "年内",
               # Project-only stops (a company's name may hold them: X投资集团): 投资N亿元扩建Y, 项目有Y.
               "投资", "扩建", "项目有", "主要有", "分别是", "分别为")
# A project's ending followed by the second character of a common word is no ending (高中学位: 中学 + 位);
# locatives and particles after an ending are not such a character (片区内, 基地的).
BOUNDARY_FREQ = 1000
_NOT_WORD_CONTINUATION = frozenset("内外中上下里间前后旁边的地得了等和与及或并、，。；：")

_GENERIC_OR_SHAPE = frozenset(GENERIC_PROJECT_WORDS) | frozenset(PROJECT_SUFFIXES) | frozenset(PHASES)
_MAX_WORD = max(len(w) for w in _GENERIC_OR_SHAPE)


def _longest_first(words: Iterable[str]) -> str:
    """A regex alternation of ``words`` that tries the longer word first at each place."""
    return "|".join(re.escape(w) for w in sorted(words, key=len, reverse=True))


# A capacity inside a name: 30万吨, 2×35万千瓦, 3000t/d, 600MW.
_CAPACITY = re.compile(rf"[0-9][0-9.]*(?:[×*][0-9][0-9.]*)?(?:{_longest_first(PROJECT_CAPACITY_UNITS)})")
# Chained project endings (产业园 + 二期): a regex alternation takes the longest ending at each step.
_SUFFIX_CHAIN = re.compile(f"(?:{_longest_first(PROJECT_SUFFIXES)})*")
_SUFFIX_FIRSTS = frozenset(s[0] for s in PROJECT_SUFFIXES)  # (no ending follows where none starts)
# The longest project ending that leaves at least one character before it (search from offset 1).
_SUFFIX_AT_END = re.compile(f"(?:{_longest_first(PROJECT_SUFFIXES)})\\Z")
# Greedy, then backtracking from the end: matches up to the last clause break before endpos.
_UP_TO_LAST_BREAK = re.compile(f".*[{re.escape(CLAUSE_BREAKS)}]", re.DOTALL)
# Characters a list item may be made of: CJK, brackets, dashes, digits, Latin letters (5G基站), quotes.
_ITEM_CHARS = re.compile(r"[\u4e00-\u9fff()（）—·\-0-9A-Za-z“”×/.]*")
_QUOTES_AND_SPACE = re.compile(r"[\s“”「」『』\"']")


def project_key(name: str) -> str:
    """Identity of a project name: width-folded, quotes and 项目 endings dropped.

    >>> project_key("云岭华泰锂电新材料系列项目") == project_key("云岭华泰锂电新材料")
    True
    """
    folded = unicodedata.normalize("NFKC", name)
    folded = _QUOTES_AND_SPACE.sub("", folded)
    for tail in ("系列项目", "项目"):
        if folded.endswith(tail) and len(folded) > len(tail) + 1:
            folded = folded[: -len(tail)]
            break
    return folded


class ProjectRecognizer:
    """Pipeline component: adds a :class:`Mention` per project named."""

    def __init__(self, tokenizer: Tokenizer | None = None) -> None:
        self.tokenizer = tokenizer or Tokenizer()
        # (An automaton: with so few endings, cheaper per article than a WordIndex's array look-ups.)
        self._suffixes = ahocorasick.Automaton()
        for suffix in PROJECT_SUFFIXES:
            self._suffixes.add_word(suffix, len(suffix))
        self._suffixes.make_automaton()
        self._stops = tuple(PROJECT_LEAD_VERBS) + EXTRA_STOPS
        self._name_stops = NameStops(self._stops)
        self._stop_pattern = leading_words(self._stops)
        # What depends on a name alone, judged once per name (articles name the same projects again and again).
        self._key = NameMemo(project_key)
        self._generic = NameMemo(_generic)
        self._common_noun = NameMemo(self._is_common_noun)
        self._content_word = NameMemo(self._has_content_word)

    def __call__(self, doc: Document) -> Document:
        known = [m for m in doc.mentions if m.kind is Kind.DIVISION]
        places = {m.text for m in known}
        doc.mentions.extend(self.match(doc.text, places, known))
        return doc

    def match(self, text: str, places: Iterable[str] = (), divisions: Iterable[Mention] = ()) -> list[Mention]:
        places = set(places)
        quotes = quote_index(text)
        # (Keyed by plain (begin, end): a Span's hash is a Python function, a tuple's is not.)
        found: dict[tuple[int, int], Mention] = {}
        for m in self._list_items(text, places):
            found[m.span.begin, m.span.end] = m
        # List items win over suffixed names they overlap: index them by begin, with the furthest end so far.
        listed = sorted(found)
        listed_begins = [b for b, _ in listed]
        listed_reach = list(accumulate((e for _, e in listed), max))
        suffixed_end = -1  # each suffixed name ends past the one before: only the last kept one can overlap
        for begin, end, name in self._suffixed_spans(text, places, quotes):
            i = bisect_left(listed_begins, end)
            if begin < suffixed_end or (i and listed_reach[i - 1] > begin):
                continue
            found[begin, end] = Mention(Span(begin, end), name, Kind.PROJECT, "project-suffix", self._key(name))
            suffixed_end = end
        return [found[k] for k in sorted(found)]  # Span's order, as plain tuples

    # --- rule 1: lists closed by 等 + project noun ----------------------------------

    def _list_items(self, text: str, places: set[str]) -> Iterable[Mention]:
        place_lengths: list[int] | None = None  # (the lengths places come in, longest first: made when needed)
        for m in _LIST_TAIL.finditer(text):
            tail = m.start()
            mixed = m.group("mixed") is not None  # closed by a verb: only items ending like a project
            clause = _UP_TO_LAST_BREAK.match(text, 0, tail)  # the list starts after the clause's break
            start = clause.end() if clause else 0
            # Items set off by ；, each short, in an enumeration a colon opens (项目有：A；B；C等项目).
            first = start
            while first and text[first - 1] in "；;" and not mixed:
                item = _SEMICOLON_ITEM.search(text, max(0, first - MAX_NAME - 2), first)
                if item is None:
                    break
                first = item.start()
            if first < start and text[first - 1] in "：:":
                start = first
            opener = _LIST_OPENER.match(text, start, tail)  # ... or after the last 的 / 等 before it
            if opener:
                start = opener.end()
            pos = start
            items = _ITEM_SPLIT.split(text[start:tail])
            if mixed and len(items) < 2:
                continue  # 一批X等落户: a single item closed by a verb is no list
            for n, item in enumerate(items):
                item_begin = pos
                pos += len(item) + 1
                if n == 0:
                    # The clause may open with its subject: 襄阳市加快A、B等项目 (the longest place it starts with).
                    if place_lengths is None:
                        place_lengths = sorted({len(p) for p in places if p}, reverse=True)
                    subject = next((item[:k] for k in place_lengths if k <= len(item) and item[:k] in places), "")
                    if subject and item.startswith(self._stops, len(subject)):
                        item, item_begin = item[len(subject):], item_begin + len(subject)
                    cut, item = strip_leading(item, self._stop_pattern)
                    item_begin += cut
                parts = [(item_begin, item)]
                tail_and = _TRAILING_AND.match(item) if n == len(items) - 1 else None
                if tail_and and tail_and.group(2).endswith(PROJECT_SUFFIXES):
                    parts = [(item_begin, tail_and.group(1)), (item_begin + tail_and.end(1) + 1, tail_and.group(2))]
                for b, name in parts:
                    b += len(name) - len(name.lstrip())  # the span starts where the stripped name does
                    name = name.strip()
                    if mixed and not name.endswith(PROJECT_SUFFIXES):
                        continue
                    if self._acceptable_item(name, places):
                        yield Mention(Span(b, b + len(name)), name, Kind.PROJECT, "project-list", self._key(name))

    def _acceptable_item(self, name: str, places: set[str]) -> bool:
        if not (2 <= len(name) <= MAX_NAME) or name in places:
            return False
        if _NUMERIC_START.match(name) or not _ITEM_CHARS.fullmatch(name):
            return False
        return not (self._generic(name) or self._common_noun(name))

    def _is_common_noun(self, name: str) -> bool:
        """A single everyday word (燃气, 铁路): it names a kind of thing, not one undertaking."""
        # (Dictionary look-ups first: they are cheaper than cutting the name.)
        return (self.tokenizer.tag(name) in COMMON_NOUN_TAGS and self.tokenizer.freq(name) >= COMMON_NOUN_FREQ
                and len(self._words(name)) == 1)

    # --- rule 2: names ending like a project -----------------------------------------

    def _suffixed_names(self, text: str, places: set[str], quotes: QuoteIndex) -> Iterable[Mention]:
        for begin, end, name in self._suffixed_spans(text, places, quotes):
            yield Mention(Span(begin, end), name, Kind.PROJECT, "project-suffix", self._key(name))

    def _suffixed_spans(self, text: str, places: set[str], quotes: QuoteIndex) -> Iterable[tuple[int, int, str]]:
        """(begin, end, name) of each name ending like a project (see :meth:`_suffixed_names`)."""
        ends: dict[int, int] = {}
        long_places = [p for p in places if len(p) >= 2]
        n = len(text)
        for last, length in self._suffixes.iter(text):  # (every ending, overlapping ones too)
            begin, suffix_end = last + 1 - length, last + 1
            # Another ending may follow (产业园二期, 高速北延线): extend to the longest chain.
            end = (_SUFFIX_CHAIN.match(text, suffix_end).end()
                   if suffix_end < n and text[suffix_end] in _SUFFIX_FIRSTS else suffix_end)
            if ends.get(begin, 0) < end:
                ends[begin] = end
        last_end = -1
        for suffix_begin in sorted(ends):
            end = ends[suffix_begin]
            if end <= last_end or not self._ends_name(text, end):
                continue
            begin = self._name_start(text, suffix_begin)
            if quotes.covering(begin) is not None:
                continue  # inside a quotation: a slogan's words, not a project's name
            if text.endswith(PROJECT_SOURCE_MARKERS, 0, begin):
                continue  # 根据X研究院: where figures come from
            name = text[begin:end]
            if len(name) < MIN_NAME or name in places or (name[0] in _NUMERIC_FIRSTS and _NUMERIC_START.match(name)) \
                    or (("年" in name or "季度" in name) and _BATCH_TIME.search(name)):  # (the words all these hold)
                continue
            endings = text[suffix_begin:end]
            if endings == "项目" and not (_has_head(name) or self._stated(text, begin, end)):
                continue
            if not self._specific(name, long_places, endings.startswith(PROJECT_AREA_SUFFIXES)):
                continue
            last_end = end
            yield begin, end, name

    def _name_start(self, text: str, suffix_begin: int) -> int:
        """Where the name ending in the suffix at ``suffix_begin`` starts, read across capacities (2×30万千瓦)."""
        begin = name_start(text, suffix_begin, self._name_stops, MAX_NAME)
        while begin > 0 and suffix_begin - begin < MAX_NAME:
            # (Each capacity ends in one of a few characters: most names stop where none stands.)
            left = text[begin - 1]
            if left in _CAPACITY_LEFT_ENDS:
                capacity = _CAPACITY_LEFT.search(text, max(0, begin - 12), begin)
            elif left in _CAPACITY_COUNT_ENDS:
                capacity = _CAPACITY_COUNT_LEFT.search(text, max(0, begin - 16), begin)
            else:
                break
            if capacity is None:
                break
            begin = name_start(text, capacity.start(), self._name_stops, MAX_NAME - (suffix_begin - capacity.start()))
        return begin

    @staticmethod
    def _stated(text: str, begin: int, end: int) -> bool:
        """Is the project's investment or site stated right after its name, or its amount right before it?"""
        return text.startswith(PROJECT_FACT_WORDS, end) or _AMOUNT_BEFORE.search(text, max(0, begin - 4), begin) is not None

    def _ends_name(self, text: str, end: int) -> bool:
        """Does a project's ending really end at ``end``: not an organisation's (X铁路局), nor half a word (高中学位)?"""
        if text.startswith(PROJECT_ORG_TAILS, end):
            return False
        if end >= len(text) or text[end] in _NOT_WORD_CONTINUATION:
            return True
        freq = self.tokenizer.freq
        # (目前 across 项目|前期 is no such word: the text after the ending is a word itself.)
        return freq(text[end - 1:end + 1]) < BOUNDARY_FREQ or freq(text[end:end + 2]) >= BOUNDARY_FREQ

    # --- genericity --------------------------------------------------------------------

    def _specific(self, name: str, long_places: list[str], area: bool = False) -> bool:
        """Does the name hold something particular: a place (two characters or more), or a content word that is not generic?

        With ``area`` (the name's endings open with one of PROJECT_AREA_SUFFIXES), a place does not count.
        """
        if self._generic(name):
            return False
        # A place makes a name particular, except before an ending that then names its area or batch (X县工业园区).
        if not area:
            for place in long_places:
                if place in name:
                    return True
        return self._content_word((name, area))

    def _has_content_word(self, name_area: tuple[str, bool]) -> bool:
        """Does the name hold a content word that is not generic (a place's name not counted, with ``area``)?"""
        name, area = name_area
        tag, freq = self.tokenizer.tag, self.tokenizer.freq
        for run in uncovered_runs(name, _GENERIC_OR_SHAPE):
            if area and tag(run) == "ns":
                continue
            if len(run) >= 2 and (tag(run) not in VERB_TAGS or freq(run) < RARE_WORD_FREQ):
                return True
            if len(run) == 1 and (freq(run) < RARE_WORD_FREQ or tag(run) in PROPER_TAGS):
                return True
        return False

    def _words(self, name: str) -> tuple[str, ...]:
        return tuple(w for w in self.tokenizer.cut(name) if w.strip())


def _generic(name: str) -> bool:
    """Made only of generic words (人才公寓, 重点项目)?"""
    ending = _SUFFIX_AT_END.search(name, 1)  # the longest ending, if something stands before it
    core = name[: ending.start()] if ending else name
    return not any(_GENERIC_WORDS.split(core))


def _has_head(name: str) -> bool:
    """Does a name ending in a bare 项目 hold a capacity or a company (年产5万吨X项目, X集团Y项目)?"""
    return _CAPACITY.search(name) is not None or any(w in name for w in PROJECT_COMPANY_WORDS)


def uncovered_runs(text: str, words: frozenset[str] | set[str]) -> list[str]:
    """The runs of ``text`` left when known words are taken out, longest word first at each place.

    >>> uncovered_runs("现代农业科技产业园", GENERIC_PROJECT_WORDS | {"产业园"})
    []
    >>> uncovered_runs("先进钒钛材料国家重点实验室", GENERIC_PROJECT_WORDS | {"实验室"})
    ['钒钛']
    """
    return [run for run in _word_splitter(frozenset(words)).split(text) if run]


@lru_cache(maxsize=16)
def _word_splitter(words: frozenset[str]) -> re.Pattern[str]:
    """A regex matching, at the leftmost place, the longest of ``words`` (up to _MAX_WORD characters)."""
    usable = [w for w in words if 0 < len(w) <= _MAX_WORD]
    return re.compile(_longest_first(usable) or "(?!)")


_GENERIC_WORDS = _word_splitter(frozenset(GENERIC_PROJECT_WORDS))
