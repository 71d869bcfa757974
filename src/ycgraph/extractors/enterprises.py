"""Recognise enterprises by the shapes the genre gives company names.

* a list closed by 等 and a name for companies (支持A、B等龙头企业, A、B等一批上市企业);
* a list after a patron verb and before a company predicate
  (推动A、B成长为…, 支持A在…上市, 支持A冲刺千亿);
* a frame whose slot holds companies (由X投资设立, 为A、B和C等配套, 引进A、B等,
  X是…企业) and a project list whose items are companies (A、B二期等7个外资项目);
* a strong company ending anywhere (…集团, …公司, …股份有限公司), its left edge
  cleaned of the words that open the phrase (由, 还有, 今年, 发挥 ...), a group and its
  subsidiary read as two (某某集团某某公司);
* a well-known company named bare, from the company table (listed companies and big
  groups: :mod:`ycgraph.gazetteer.companies`);
* the company at the head of a project name (金鹰 | 磷酸铁, 华丰鑫泰 | 新材料 -> 华丰 and 鑫泰).

Every name found this way is then looked for everywhere else in the article,
so a company is mentioned wherever it is named, and aliases (金鹰 / 金鹰集团,
某某（苏州）有限公司 / 某某) share one key.

>>> r = EnterpriseRecognizer()
>>> [m.text for m in r.match("支持鑫宇、达通等龙头企业组建联合体，精准对接华辰集团。")]
['鑫宇', '达通', '华辰集团']
"""

from __future__ import annotations

import re
import unicodedata
from bisect import bisect_left, bisect_right
from typing import Callable, Iterable, Iterator

import ahocorasick

from ..gazetteer.companies import CompanyTable
from ..gazetteer.divisions import COUNTRY_NAME
from ..gazetteer.lexicon import (
    COMPANY_CLASS_MODIFIERS,
    COMPANY_CLASS_NOUNS,
    COMPANY_COPULA_NOUNS,
    COMPANY_FRAMES,
    COMPANY_LEADING_NOISE,
    COMPANY_NOISE_TAGS,
    COMPANY_OPENING_CHAR_TAGS,
    COMPANY_OPENING_TAGS,
    COMPANY_PATRON_VERBS,
    COMPANY_PREDICATES,
    COMPANY_PROJECT_LIST_NOUNS,
    INDUSTRY_MORPHEMES,
    LEGAL_COMPANY_SUFFIXES,
    NOT_COMPANY_HEADS,
    NOT_COMPANY_ENDINGS,
    NOT_COMPANY_NAMES,
    NOT_COMPANY_ITEM_ENDINGS,
    STRONG_ENDING_CONTINUATIONS,
    PHASE_SUFFIXES,
    PROJECT_LEAD_VERBS,
    PROJECT_SUFFIXES,
    STRONG_COMPANY_SUFFIXES,
    WEAK_COMPANY_SUFFIXES,
)
from ..model import Document, Kind, Mention, Span
from ..text.tokenizer import Tokenizer
from ..memo import NameMemo
from .textspans import (CLAUSE_BREAKS, DisjointSpans, NameStops, QuoteIndex, leading_words, name_start, quote_index,
                        strip_leading)

COMMON_WORD_FREQ = 200  # a head this common (高山, 公共) is an ordinary word, not a company


def _alternation(words: Iterable[str]) -> str:
    return "|".join(re.escape(w) for w in sorted(set(words), key=len, reverse=True))


_ITEM = r"[^\x00-\u4dff\ua000-\U0010ffff等在和与及的]{2,8}"  # CJK, but not the words that end a name
_ITEMS = rf"{_ITEM}(?:、{_ITEM})*"
_CLASS = _alternation(COMPANY_CLASS_NOUNS)
_MODIFIER = rf"(?:{_alternation(COMPANY_CLASS_MODIFIERS)}|[0-9一二三四五六七八九十百几多]+[家个])"
_PRED = "|".join(COMPANY_PREDICATES)
_PATRON = _alternation(COMPANY_PATRON_VERBS)
# A、B等龙头企业 / A、B等“链主” / A、B等一批上市企业: found from the tail, read backwards.
_CLASS_TAIL = re.compile(rf"等(?:{_MODIFIER})*[“”]?(?:{_CLASS})")
_CLASS_LIST = re.compile(rf"(?P<items>{_ITEMS})$")
# A、B二期等7个外资项目: the items are the companies behind the projects.
_PROJECT_LIST_TAIL = re.compile(rf"等[0-9.一二三四五六七八九十百千万]+个[\u4e00-\u9fff]{{0,8}}?"
                                rf"(?:{_alternation(COMPANY_PROJECT_LIST_NOUNS)})")
# 支持A、B(等)(在…)成长为/上市/冲刺 ...: found from the predicate, read backwards to the patron verb.
_PLACE_PHRASE = 8  # at most this many characters between 在 and the predicate
_PRED_TAIL = re.compile(rf"(?:等)?(?:在[\u4e00-\u9fff]{{1,{_PLACE_PHRASE}}}?)?(?:{_PRED})")
_PRED_WORD = re.compile(_PRED)
_PRED_LEAD = len("等在") + _PLACE_PHRASE  # how far before its predicate a tail may start
_PREDICATE_LIST = re.compile(rf"(?:{_PATRON})(?P<items>{_ITEMS}?)$")
_WINDOW = 60
# Frames: opener, a slot of names (、 和 及 与 between them), (等,) (在 + a place,) a closer.
# Found from the closer, read back to the nearest opener in the clause (or the clause's start).
_FRAMES = tuple((opener, re.compile(_alternation(closers)), shape) for opener, closers, shape in COMPANY_FRAMES)
# Each closer pattern's words: a text holding none of them needs no scan for it (落户, 配套 are rare).
_CLOSER_WORDS = {re.compile(_alternation(closers)).pattern: tuple(closers) for _, closers, _ in COMPANY_FRAMES}
_FRAME_WINDOW = {True: 40, False: 100}  # how far back a slot reaches: after an opener, from a clause's start
_PLACE_BEFORE_CLOSER = 13  # 在 + at most this many characters just before the closer
_CLAUSE_BREAK = re.compile(f"[{re.escape(CLAUSE_BREAKS)}“”]")
_SLOT_SEPARATORS = re.compile("、|和|及|与")
# X是(一家)…企业: X at a clause's start, the clause ending in a name for companies. Found
# from the noun at the clause's end, read back to 是 and the clause's start.
_COPULA_TAIL = re.compile(rf"(?:{_alternation(COMPANY_COPULA_NOUNS)})(?:之一)?(?=[{re.escape(CLAUSE_BREAKS)}]|$)")
_COPULA_REACH = 30  # at most this many characters between 是 and the noun
_COPULA_SUBJECT = 16  # the subject's longest
_STRONG_ENDINGS = _alternation(STRONG_COMPANY_SUFFIXES)
_STRONG = re.compile(_STRONG_ENDINGS)
_NAME_STOPS = tuple(PROJECT_LEAD_VERBS) + tuple(COMPANY_PATRON_VERBS) + ("组建", "成立", "引进", "携手", "联合", "与", "同")
_LEFT_NOISE = tuple(COMPANY_LEADING_NOISE) + _NAME_STOPS
_LONG_NOISE = tuple(w for w in _LEFT_NOISE if len(w) >= 2)
# (Sets for the lookups: ``in`` and ``endswith`` on the tuples compare word by word.)
_LEFT_NOISE_WORDS = frozenset(_LEFT_NOISE)
_LONG_NOISE_WORDS = frozenset(_LONG_NOISE)
_LONGEST_NOISE = max(map(len, _LONG_NOISE))
_LONGEST_OPENING = 4  # the longest opening word looked up whole (充分发挥); longer ones end in a noise word
# Where a name before a strong ending starts: after these (由 too; single noise characters like 如, 本 start names).
_SUFFIX_NAME_STOPS = NameStops(_NAME_STOPS + ("由",) + _LONG_NOISE)
MAX_SHORT_NAME = 4
_PLACE_ENDINGS = "市县区省州旗盟镇乡"  # 某某 + one of these is a place: 某某公司 is that place's company
MAX_PLACE = 24  # no place's name is longer (a place span starting further back cannot reach a name)
MAX_PROPER_ITEM = 6  # a bare item of a "proper" frame longer than this is a project's name
_PROPER_TAGS = frozenset({"nz", "nt", "nr", "nrt", "nrfg"})  # jieba's proper nouns (not ns: places)
PROPER_MAX_FREQ = 1000  # a "proper noun" seen more often is an everyday word too (阳光, 智慧)
# The longest strong company ending that leaves two characters or more before it (search from offset 2).
_STRONG_AT_END = re.compile(rf"(?:{_STRONG_ENDINGS})\Z")
_NAME_CHARS = re.compile(r"[\u4e00-\u9fff()（）A-Za-z0-9&]*")
_CJK_HEAD = re.compile(r"[\u4e00-\u9fff]+")
_HEAD_CHARS = re.compile(r"[\u4e00-\u9fff]+|[A-Za-z][A-Za-z0-9]+")
_LONG_NOT_HEADS = tuple(w for w in NOT_COMPANY_HEADS if len(w) >= 2)
# The leftmost industry morpheme, searched from offset 2 (金鹰 | 磷酸铁).
_INDUSTRY = re.compile(_alternation(INDUSTRY_MORPHEMES))
# A place in brackets inside a legal name: 某某（苏州）有限公司 is 某某.
_BRACKETED = re.compile(r"[（(][\u4e00-\u9fff]{2,8}[）)]")
# What may follow a short name for it to be a company there: an ending or an industry.
_COMPANY_NEXT = tuple(sorted({*STRONG_COMPANY_SUFFIXES, *WEAK_COMPANY_SUFFIXES, *INDUSTRY_MORPHEMES}, key=len, reverse=True))
_COMPANY_NEXT_FIRSTS = frozenset(w[0] for w in _COMPANY_NEXT)  # (most table hits are followed by none: one look)
# Description words before a name in a frame's first slot: 国际家电巨头某某 -> 某某.
_DESCRIPTION = re.compile(rf".*(?:{_CLASS})")

Add = Callable[..., bool]


def _clause_start(text: str, end: int, reach: int) -> int:
    """Where the clause holding ``end`` starts (after a clause break or a quotation mark), at most ``reach`` back."""
    lo = max(0, end - reach)
    m = None
    for m in _CLAUSE_BREAK.finditer(text, lo, end):
        pass
    return m.end() if m else lo if lo else 0


def _ends_in_long_noise(word: str) -> bool:
    """``word.endswith(_LONG_NOISE)``, by looking its endings up."""
    return any(word[-k:] in _LONG_NOISE_WORDS for k in range(2, min(len(word), _LONGEST_NOISE) + 1))


def enterprise_key(name: str) -> str:
    """Identity of a company name: width-folded, a bracketed place and company-form endings dropped.

    >>> enterprise_key("金鹰集团") == enterprise_key("金鹰") == "金鹰"
    True
    >>> enterprise_key("鑫宇电子（常州）有限公司")
    '鑫宇电子'
    """
    if _CJK_HEAD.fullmatch(name):
        folded = name  # (ideographs only: NFKC leaves them as they are, and there is no bracket)
    else:
        folded = _BRACKETED.sub("", unicodedata.normalize("NFKC", name).strip())
        folded = _BRACKETED.sub("", folded.replace("(", "（").replace(")", "）"))
    ending = _STRONG_AT_END.search(folded, 2)
    return folded[: ending.start()] if ending else folded


def _closers_after(text: str, opener: str, closers: list[re.Match[str]], window: int) -> list[re.Match[str]]:
    """The ``closers`` (in order) that an ``opener`` ends before, starting at most ``window`` characters back.

    Only those can close a frame; the others need no look (等 closes four frames, and is common).
    """
    starts = [c.start() for c in closers]
    picked: set[int] = set()
    j = text.find(opener)
    while j >= 0:
        picked.update(range(bisect_left(starts, j + len(opener)), bisect_right(starts, j + window)))
        j = text.find(opener, j + 1)
    return [closers[k] for k in sorted(picked)]


def _predicate_tails(text: str) -> Iterator[re.Match[str]]:
    """What ``_PRED_TAIL.finditer(text)`` finds, found faster.

    Every tail ends in a predicate that starts at most _PRED_LEAD characters after it, so
    look for the predicates (a plain alternation the regex engine skips to quickly) and
    search for the tail only from just before each.
    """
    pos = 0
    while (predicate := _PRED_WORD.search(text, pos)) is not None:
        # The leftmost tail from pos cannot start before predicate.start() - _PRED_LEAD, and one starts at the predicate.
        tail = _PRED_TAIL.search(text, max(pos, predicate.start() - _PRED_LEAD))
        yield tail
        pos = tail.end()


class EnterpriseRecognizer:
    """Pipeline component: adds a :class:`Mention` per enterprise named.

    Run after divisions and projects: places bound names, and the heads of project names are read.
    ``companies`` is the table of well-known companies (none: names are found by their shapes only).
    """

    def __init__(self, tokenizer: Tokenizer | None = None, extra_names: Iterable[str] = (),
                 companies: CompanyTable | None = None) -> None:
        self.tokenizer = tokenizer or Tokenizer()
        self.extra_names = tuple(extra_names)
        self.companies = companies
        self._name_stop_pattern = leading_words(_NAME_STOPS)  # (strip_leading's patterns, compiled once)
        self._left_noise_pattern = leading_words(_LEFT_NOISE)
        self._distinct: dict[str, bool] = {}  # _distinctive's answers: they depend on the word only
        # More answers that depend on a name alone (and the tables), judged once per name: see ycgraph.memo.
        self._name_shaped = NameMemo(self._is_name_shaped)
        self._opening_words = NameMemo(self._find_opening_words)
        self._ordinary_name = NameMemo(self._is_ordinary)
        self._head_plan = NameMemo(self._plan_heads)
        self._head_names = NameMemo(self._find_head_names)

    def __call__(self, doc: Document) -> Document:
        divisions = [m for m in doc.mentions if m.kind is Kind.DIVISION]
        projects = [m for m in doc.mentions if m.kind is Kind.PROJECT]
        doc.mentions.extend(self.match(doc.text, {m.text for m in divisions}, projects,
                                       [m.span for m in divisions]))
        return doc

    def match(self, text: str, places: Iterable[str] = (), projects: Iterable[Mention] = (),
              place_spans: Iterable[Span] = ()) -> list[Mention]:
        places = set(places) - {COUNTRY_NAME}
        quotes = quote_index(text)
        seeds: dict[Span, Mention] = {}
        taken = DisjointSpans()  # the seeds' spans, for the overlap test

        def add(begin: int, name: str, rule: str, framed: bool = False, edge_known: bool = False,
                verbs: bool = True) -> bool:
            """``edge_known``: the name starts after a list's separator or is a whole name (no left edge to clean);
            ``verbs``: a verb before the name may be cut off it (not at a project's head: 振华鼎盛)."""
            if not edge_known:
                cut, name = self._clean_left(name.strip(), places, verbs=verbs)
                begin += cut
            if begin > 0 and len(enterprise_key(name[1:])) >= 2 and self._verb_across(text, begin):
                begin, name = begin + 1, name[1:]  # 了|解某某集团: the first character ends the verb before
            if rule == "company-suffix" and not name.endswith(LEGAL_COMPANY_SUFFIXES):
                place = self._leading_place(name, places)  # 某县某某集团: the company is 某某集团
                rest = name[len(place):]
                if place and self._plausible(rest, places) and not self._known_common(enterprise_key(rest)):
                    begin, name = begin + len(place), rest  # (某市羊绒集团 keeps its place: 羊绒 is no name)
            end = begin + len(name)
            # (The cheap tests first: a name kept already, or a quotation, leaves no need to judge the name.)
            if taken.overlaps(begin, end) or quotes.covering(begin) is not None:
                return False
            if not self._plausible(name, places, framed):
                return False
            taken.add(begin, end)
            span = Span(begin, end)
            seeds[span] = Mention(span, name, Kind.ENTERPRISE, rule, self._key(name, places))
            return True

        for tails, list_re, rule in ((_CLASS_TAIL.finditer(text), _CLASS_LIST, "company-list"),
                                     (_predicate_tails(text), _PREDICATE_LIST, "company-predicate")):
            for tail in tails:
                begin = max(0, tail.start() - _WINDOW)
                m = list_re.search(text, begin, tail.start())
                if m:
                    self._add_items(text, m, rule, add)
        self._project_lists(text, add)
        for m in _COPULA_TAIL.finditer(text):
            clause = _clause_start(text, m.start(), _COPULA_REACH + _COPULA_SUBJECT + 1)
            is_at = text.rfind("是", max(clause, m.start() - _COPULA_REACH - 1), m.start())
            item = text[clause:is_at]
            if is_at < 0 or not (2 <= len(item) <= _COPULA_SUBJECT) or "是" in item or "、" in item:
                continue
            if not self._ordinary(enterprise_key(item)) and not item.endswith(("项目", "工程")):
                add(clause, item, "company-copula", framed=True)
        prev_end = -1
        for m in _STRONG.finditer(text):
            if text.startswith(STRONG_ENDING_CONTINUATIONS.get(m.group(), ()), m.end()):
                continue  # 集团化, 集团军, 银行业, 银行保险监督管理委员会: the ending is part of a longer word
            begin = name_start(text, m.start(), _SUFFIX_NAME_STOPS, max_len=12)
            if begin < prev_end <= m.start():
                begin = prev_end  # 某某集团某某公司: the subsidiary starts after its group (控股 after a name: a verb)
            prev_end = m.end()
            add(begin, text[begin:m.end()], "company-suffix")
        self._frames(text, add)  # after the endings: 由某某投资管理有限公司控股 is one name, not 某某 + 投资
        for p in projects:
            for begin, name in self._project_heads(p, places):
                add(begin, name, "project-head", verbs=False)
        if self.companies is not None:
            self._table_names(text, add, list(place_spans))
        # Names the user's dictionary gives, and every name found: wherever else they stand.
        return self._everywhere(text, seeds, places, quotes)

    def _verb_across(self, text: str, begin: int) -> bool:
        """Do the characters either side of ``begin`` make a common verb (了|解)?"""
        pair = text[begin - 1:begin + 1]
        return self.tokenizer.tag(pair) == "v" and self.tokenizer.freq(pair) >= 1000

    def _key(self, name: str, places: set[str]) -> str:
        """The company key, without a place the name starts with (苏州某某科技 is 某某科技)."""
        place = self._leading_place(name, places)
        return enterprise_key(name[len(place):])

    def _leading_place(self, name: str, places: set[str]) -> str:
        """The longest place ``name`` starts with, leaving a company name of two characters or more."""
        for k in range(len(name) - 1, 0, -1):  # (the name's beginnings, looked up: fewer than the places)
            if name[:k] in places:
                rest = enterprise_key(name[k:])
                if len(rest) >= 2 and rest not in NOT_COMPANY_HEADS:
                    return name[:k]
        return ""

    def _clean_left(self, name: str, places: set[str], verbs: bool = True) -> tuple[int, str]:
        """Strip the words that open the phrase before a name (由, 还有, 三是, 今年, 发挥 ...).

        The name starts after the leading words that are in the noise table (or ends in one: 充分发挥)
        or that jieba tags a time, pronoun, numeral ... or, with ``verbs``, a verb (引来), as long
        as what is left is still a name of its own. Project heads keep their verbs (a company
        named like a verb heads a project name: 振华鼎盛).
        """
        cut, rest, openings = self._opening_words((name, verbs))
        best = 0
        for w, end in openings:
            if w in places:
                break  # the name has begun (某市|高新|科创)
            best = end
        return cut + best, rest[best:]

    def _find_opening_words(self, name_verbs: tuple[str, bool]) -> tuple[int, str, tuple[tuple[str, int], ...]]:
        """What :meth:`_clean_left` cuts off, but for places: the noise table's words stripped (``cut``, and
        the ``rest``), then the words that may open the phrase before the rest's name, each with its end in it."""
        name, verbs = name_verbs
        cut, rest = strip_leading(name, self._left_noise_pattern)
        if not self._may_open(rest, verbs):
            return cut, rest, ()  # (no word jieba could cut at its start opens a phrase: no need to cut it)
        openings, pos = [], 0
        for w in self.tokenizer.cut(rest):
            pos += len(w)
            if not (w in _LEFT_NOISE_WORDS or _ends_in_long_noise(w) or self._opening_word(w, verbs)):
                break  # the name has begun (某市|高新|科创: 高新, tagged an adverb, is inside it)
            core = enterprise_key(rest[pos:])
            if len(core) < 2 or self._common_word(core):
                break  # what is left is no name of its own: the word belongs to it (振兴集团)
            openings.append((w, pos))
        return cut, rest, tuple(openings)

    def _may_open(self, name: str, verbs: bool = True) -> bool:
        """Could the first word of ``name`` open a phrase? (Its first one to four characters looked up.)"""
        return any(w in _LEFT_NOISE_WORDS or _ends_in_long_noise(w) or self._opening_word(w, verbs)
                   for w in (name[:k] for k in range(1, min(len(name), _LONGEST_OPENING) + 1)))

    def _opening_word(self, word: str, verbs: bool = True) -> bool:
        """A word that opens a phrase: a time, pronoun, preposition ... (jieba's tag); a verb only of one character
        (了|解: the rest of a verb cut off before the name). Longer verbs (振华, 联想) may be names."""
        tag = self.tokenizer.tag(word)
        if len(word) == 1:
            return tag in COMPANY_OPENING_CHAR_TAGS
        return tag in COMPANY_OPENING_TAGS or verbs and tag == "v"

    def _known_common(self, word: str) -> bool:
        """Does jieba know ``word`` as an ordinary word (not a proper noun)?"""
        return self.tokenizer.freq(word) > 0 and not self._proper(word)

    def _distinctive(self, name: str) -> bool:
        hit = self._distinct.get(name)
        if hit is None:
            hit = self._distinct[name] = self._is_distinctive(name)
        return hit

    def _is_distinctive(self, name: str) -> bool:
        """Could ``name`` only be a name: jieba knows it as a proper noun, or it holds a rare word of its own?

        A listed company called like an everyday phrase (新动力, 线上线下) is not taken bare.
        """
        tok = self.tokenizer
        if tok.freq(name) > 0:
            return self._proper(name)
        return any(len(w) >= 2 and w not in NOT_COMPANY_HEADS
                   and (tok.freq(w) < COMMON_WORD_FREQ and tok.tag(w) != "ns" or self._proper(w)) for w in self._words(name))

    def _words(self, name: str) -> list[str]:
        """jieba's words for ``name``, a run of characters it leaves single (某|某|科技) joined into one."""
        out: list[str] = []
        run = ""
        for w in self.tokenizer.cut(name):
            if len(w) == 1:
                run += w
                continue
            if run:
                out.append(run)
                run = ""
            out.append(w)
        if run:
            out.append(run)
        return out

    def _proper_start(self, name: str) -> bool:
        """Does ``name`` open with a word that is no ordinary word (a brand, a proper noun)?"""
        first = self._words(name)[0]
        return len(first) >= 2 and (self.tokenizer.freq(first) < COMMON_WORD_FREQ or self._proper(first))

    def _proper(self, word: str) -> bool:
        """jieba tags ``word`` a proper noun, and it is not also an everyday word (阳光, 智慧 are tagged nr)."""
        return self.tokenizer.tag(word) in _PROPER_TAGS and self.tokenizer.freq(word) < PROPER_MAX_FREQ

    def _common_word(self, word: str) -> bool:
        return self.tokenizer.freq(word) >= COMMON_WORD_FREQ or word in NOT_COMPANY_HEADS

    def _add_items(self, text: str, m: re.Match[str], rule: str, add: Add) -> None:
        pos = m.start("items")
        items = m.group("items").split("、")
        for n, item in enumerate(items):
            begin = pos
            pos += len(item) + 1
            cut, item = strip_leading(item, self._name_stop_pattern)
            begin += cut
            if n == 0 and not cut and not self._opens_phrase(text, begin):
                cut = self._after_last_verb(item)  # 还拥有|某某: the name starts after the verb
                if not cut:
                    continue  # the list's first item starts mid-phrase: its edge is unknown
                begin, item = begin + cut, item[cut:]
            add(begin, item, rule, framed=rule in ("company-list", "company-predicate"), edge_known=n > 0)

    def _after_last_verb(self, item: str) -> int:
        """Where a list's first item starts if a verb stands inside it (0: no verb, or too little after it)."""
        pos, cut = 0, 0
        for w in self.tokenizer.cut(item):
            pos += len(w)
            if len(w) >= 2 and self.tokenizer.tag(w) == "v" and len(item) - pos >= 2:
                cut = pos
        return cut

    def _project_lists(self, text: str, add: Add) -> None:
        """A、B、C二期等7个外资项目: each item without a project's ending is a company."""
        for tail in _PROJECT_LIST_TAIL.finditer(text):
            m = _CLASS_LIST.search(text, max(0, tail.start() - _WINDOW), tail.start())
            if not m:
                continue
            pos = m.start("items")
            for n, item in enumerate(m.group("items").split("、")):
                begin = pos
                pos += len(item) + 1
                if n == 0 and not self._opens_phrase(text, begin):
                    continue
                whole = item
                for phase in PHASE_SUFFIXES:
                    if item.endswith(phase) and len(item) - len(phase) >= 2:
                        item = item[: -len(phase)]
                        break
                if item == whole and _INDUSTRY.search(item, 2):
                    continue  # 某某果胶: a company and what it makes, read at the project's head
                if item.endswith(PROJECT_SUFFIXES + NOT_COMPANY_ITEM_ENDINGS) or self._ordinary(enterprise_key(item)):
                    continue
                if not (self._company_shaped(item) or self._proper_start(item)):
                    continue  # 地下管网, 某某高铁某段: a kind of work, not a company's name
                add(begin, item, "company-project-list", framed=True, edge_known=n > 0)

    def _frames(self, text: str, add: Add) -> None:
        """由X投资设立, 为A、B和C等配套, 引进A、B等: the frame's slot holds companies."""
        closers_of: dict[str, list[re.Match[str]]] = {}  # four frames close with 等: find each closer once
        for opener, closer_re, shape in _FRAMES:
            if opener and opener not in text:
                continue  # no slot to read (and no need to find its closers)
            window = _FRAME_WINDOW[bool(opener)]
            closers = closers_of.get(closer_re.pattern)
            if closers is None:
                present = any(w in text for w in _CLOSER_WORDS[closer_re.pattern])
                closers = closers_of[closer_re.pattern] = list(closer_re.finditer(text)) if present else []
            if opener:
                closers = _closers_after(text, opener, closers, window)
            for c in closers:
                lo = max(0, c.start() - window)
                if opener:
                    j = text.rfind(opener, lo, c.start())
                    if j < 0 or _CLAUSE_BREAK.search(text, j, c.start()):
                        continue  # no opener in the clause
                    pos = clause = clause_start = j + len(opener)
                else:
                    clause_start = _clause_start(text, c.start(), window)
                    pos = clause = max(clause_start, lo)
                slot = text[pos:c.start()]
                at = slot.rfind("在", len(slot) - _PLACE_BEFORE_CLOSER - 1)
                if at >= 2:
                    slot = slot[:at]  # 由某某在某地投资: the place is not in the slot
                slot = slot.removesuffix("等")
                if len(slot) < 2:
                    continue
                for n, piece in enumerate(_SLOT_SEPARATORS.split(slot)):
                    begin = pos
                    pos += len(piece) + 1  # every separator is one character
                    if n == 0 and not opener and clause > clause_start:
                        continue  # the slot was cut mid-clause: its first piece's edge is unknown
                    if n == 0 and (d := _DESCRIPTION.match(piece)) and d.end() <= len(piece) - 2:
                        begin, piece = begin + d.end(), piece[d.end():]  # 国际家电巨头某某 -> 某某
                    if "的" in piece or piece.endswith(PROJECT_SUFFIXES):
                        continue  # a described thing (援建的项目), or a project
                    if shape == "company" and not self._company_shaped(piece):
                        continue
                    if shape == "proper" and not (len(piece) <= MAX_PROPER_ITEM and self._proper_start(piece)
                                                  or self._company_shaped(piece)):
                        continue
                    if self._ordinary(enterprise_key(piece)):
                        continue
                    add(begin, piece, "company-frame", framed=True, edge_known=n > 0)

    def _ordinary(self, name: str) -> bool:
        """Made of everyday words, and not a proper noun jieba knows (a foreign brand jieba tags a person's name is one)."""
        return self._ordinary_name(name)  # (remembered per name: :meth:`_is_ordinary`)

    def _is_ordinary(self, name: str) -> bool:
        """:meth:`_ordinary`, judged."""
        return self._everyday_words(name) and not self._proper(name)

    def _company_shaped(self, name: str) -> bool:
        """Does ``name`` end like a company, or is it in the company table?"""
        if name.endswith(STRONG_COMPANY_SUFFIXES) or name.endswith(WEAK_COMPANY_SUFFIXES):
            return True
        return self.companies is not None and self.companies.canonical(name) is not None

    def _table_names(self, text: str, add: Add, place_spans: list[Span]) -> None:
        """Well-known companies named bare. Short or common names only where a company's ending follows."""
        companies = self.companies
        hits = companies.find(text)  # (by begin, the longest first)
        places = sorted((s.begin, s.end) for s in place_spans)
        place_begins = [b for b, _ in places]
        last_end = -1
        for begin, end, name in hits:
            if begin < last_end:
                continue  # inside a longer table name
            if companies.is_short_form(name) or len(name) <= 2:
                if text[end:end + 1] not in _COMPANY_NEXT_FIRSTS or not text.startswith(_COMPANY_NEXT, end) \
                        or self._known_common(name):
                    continue
            elif not self._distinctive(name):
                continue
            if self._crosses_place(places, place_begins, begin, end) or not self._bounded(text, begin, end):
                continue
            if add(begin, name, "company-table", edge_known=True):
                last_end = end

    @staticmethod
    def _crosses_place(places: list[tuple[int, int]], begins: list[int], begin: int, end: int) -> bool:
        """Does a place start where the name does (某省能源), or overlap it without lying inside (某某高新区)?"""
        i = bisect_left(begins, begin - MAX_PLACE)
        for b, e in places[i:]:
            if b >= end:
                break
            if e > begin and (b == begin or not (begin <= b and e <= end)):
                return True
        return False

    @staticmethod
    def _opens_phrase(text: str, begin: int) -> bool:
        """Does a name start cleanly at ``begin``: after punctuation or a verb that opens it?"""
        if begin == 0 or text[begin - 1] in CLAUSE_BREAKS + "、“”「」 \t":
            return True
        return text.endswith(_NAME_STOPS, 0, begin)

    def _plausible(self, name: str, places: set[str], framed: bool = False) -> bool:
        """Can ``name`` be a company's name here: not a place of the text (nor that place's 某某 of 某某公司),
        and shaped like a name (:meth:`_is_name_shaped`)?"""
        if name in places:
            return False
        key = enterprise_key(name)
        if key in places or any(key + ch in places for ch in _PLACE_ENDINGS):
            return False  # 某某 in 某某公司, a place of the text, is the place
        return self._name_shaped((name, framed))

    def _is_name_shaped(self, name_framed: tuple[str, bool]) -> bool:
        """Is the name shaped like a company's (``framed``: a frame says the slot holds companies)?"""
        name, framed = name_framed
        if not (2 <= len(name) <= 16) or not _NAME_CHARS.fullmatch(name):
            return False
        if name == COUNTRY_NAME or name.endswith(PROJECT_SUFFIXES) or name in NOT_COMPANY_NAMES:
            return False
        if name in WEAK_COMPANY_SUFFIXES:
            return False  # 新能源, 医疗器械 alone: an industry
        if name.endswith(NOT_COMPANY_ENDINGS):
            return False  # an institute, an office, a school
        key = enterprise_key(name)
        if len(key) < 2 or key in NOT_COMPANY_HEADS or len(_STRONG_AT_END.sub("", name)) < 2:
            return False  # (后公司: one character before the ending names nothing)
        known = self.companies is not None and name in self.companies
        if key.startswith(_LONG_NOT_HEADS) and not known and not name.endswith(LEGAL_COMPANY_SUFFIXES):
            return False  # 智能制造公司 is a kind; 某某智能科技有限公司, or a listed company, is a name
        if len(key) <= MAX_SHORT_NAME and self._only_noise(key):
            return False  # 今年公司, 投产后公司: a time or a verb before 公司, not a name
        if key != name or known:
            return True  # a strong company ending, or the company table, makes it a company
        if framed:
            return not key.endswith(WEAK_COMPANY_SUFFIXES) or len(key) > 3  # 新能源 alone is an industry
        return len(key) > MAX_SHORT_NAME or self.tokenizer.freq(key) < COMMON_WORD_FREQ

    def _only_noise(self, key: str) -> bool:
        """Is ``key`` only words that open a phrase (今年, 投产后, 首家上市), not just a verb (振华)?"""
        tag = self.tokenizer.tag
        if not any(key[:k] in _LEFT_NOISE_WORDS or tag(key[:k]) in COMPANY_NOISE_TAGS
                   for k in range(1, min(len(key), _LONGEST_OPENING) + 1)):
            return False  # its first word opens nothing
        if not any(key[-k:] in _LEFT_NOISE_WORDS or tag(key[-k:]) in COMPANY_NOISE_TAGS
                   for k in range(1, len(key) + 1)):
            return False  # nor can its last (so no need to cut it)
        words = self.tokenizer.cut(key)
        tags = [self.tokenizer.tag(w) for w in words]
        if len(words) == 1 and tags[0] in ("v", "vn") and words[0] not in _LEFT_NOISE_WORDS:
            return False
        return all(w in _LEFT_NOISE_WORDS or t in COMPANY_NOISE_TAGS for w, t in zip(words, tags))

    def _project_heads(self, project: Mention, places: set[str]) -> tuple[tuple[int, str], ...]:
        """The companies at the head of a project's name, by their begins."""
        name, begin = project.text, project.span.begin
        whole, known, head = self._head_plan((name, project.rule))
        if whole:
            return ((begin, name),)
        if known is not None and known not in places:  # (a place: 湖北 of 湖北某某)
            return ((begin, known),)
        if head is None:
            return ()
        for place in places:  # 某某襄阳工厂: the company stops where the place starts
            i = head.find(place)
            if i >= 2:
                head = head[:i]
        return tuple((begin + offset, company) for offset, company in self._head_names(head))

    def _plan_heads(self, name_rule: tuple[str, str]) -> tuple[bool, str | None, str | None]:
        """Where a project's name (found by ``rule``) may name companies, the text's places aside: is it a list
        item with a company's ending; the table's name at its head, if a company there; what stands before its
        industry, if one is named."""
        name, rule = name_rule
        # A project list item that itself has a company's ending (鑫远动力).
        if rule == "project-list" and name.endswith(WEAK_COMPANY_SUFFIXES) and len(name) <= 6:
            return True, None, None
        # A well-known company at its head (某某华中总部).
        known = self.companies.prefix_of(name) if self.companies is not None else None
        fits = known if known and len(known) < len(name) and self._table_head_fitting(name, known) else None
        morpheme = _INDUSTRY.search(name, 2)
        return False, fits, name[: morpheme.start()] if morpheme else None

    def _table_head_fitting(self, name: str, known: str) -> bool:
        """Is the table's name ``known`` at the head of the project's ``name`` a company there? Not a well-known
        place; a short form only before an industry or a site."""
        if self._known_common(known) and self.tokenizer.tag(known) == "ns":
            return False
        if self.companies is not None and self.companies.is_short_form(known):
            return name.startswith(_COMPANY_NEXT, len(known))
        return self._distinctive(known)

    def _find_head_names(self, head: str) -> tuple[tuple[int, str], ...]:
        """The companies a project name's head (what stands before its industry) names, by their offsets in it."""
        if not (2 <= len(head) <= MAX_SHORT_NAME) or not _HEAD_CHARS.fullmatch(head):
            return ()
        if self._everyday_words(head):
            return ()  # made of everyday words (军民融合): a kind of thing, not a company
        # (jieba's first word is one of the head's beginnings: when none is such a place, no need to cut.)
        if any(self._common_place(head[:k]) for k in range(2, len(head) + 1)) and (
                self._common_place(self.tokenizer.cut(head)[0])):
            return ()  # opens with a well-known place (中欧班列): a place's undertaking (a rare one may be a brand)
        if len(head) == 4 and self.tokenizer.freq(head) == 0 and _CJK_HEAD.fullmatch(head):
            halves = (head[:2], head[2:])
            if all(self.tokenizer.freq(h) < COMMON_WORD_FREQ and h not in NOT_COMPANY_HEADS for h in halves):
                return ((0, halves[0]), (2, halves[1]))  # 华丰鑫泰: two companies side by side
        return ((0, head),)

    def _common_place(self, word: str) -> bool:
        """A well-known place's name of two characters or more (jieba's tag ns)."""
        return len(word) >= 2 and self.tokenizer.tag(word) == "ns" and self.tokenizer.freq(word) >= COMMON_WORD_FREQ

    def _everyday_words(self, head: str) -> bool:
        """Does jieba cut ``head`` into words of two characters or more, all of them common?"""
        freq = self.tokenizer.freq
        # Up to four characters, such words are the whole head or its two halves: when the
        # dictionary says those are not common, no cut can be, and cutting (slow) is not needed.
        if len(head) <= 4 and freq(head) < COMMON_WORD_FREQ and not (
                len(head) == 4 and freq(head[:2]) >= COMMON_WORD_FREQ and freq(head[2:]) >= COMMON_WORD_FREQ):
            return False
        words = [w for w in self.tokenizer.cut(head) if len(w) >= 2]
        return bool(words) and "".join(words) == head and all(freq(w) >= COMMON_WORD_FREQ for w in words)

    def _everywhere(self, text: str, seeds: dict[Span, Mention], places: set[str], quotes: QuoteIndex) -> list[Mention]:
        names = {m.text: m.key for m in seeds.values()}
        for extra in self.extra_names:
            names.setdefault(extra, enterprise_key(extra))
        if not names:
            return []
        automaton = ahocorasick.Automaton()
        for name in names:
            automaton.add_word(name, name)
        automaton.make_automaton()
        found: dict[Span, Mention] = dict(seeds)
        hits = sorted(((end - len(n) + 1, end + 1, n) for end, n in automaton.iter(text)), key=lambda h: (h[0], -h[1]))
        taken = DisjointSpans((s.begin, s.end) for s in seeds)
        for begin, end, name in hits:
            if taken.overlaps(begin, end) or quotes.covering(begin) is not None:
                continue  # overlaps a name already taken (Span.overlaps), or quoted
            if len(name) <= 2 and not self._bounded(text, begin, end):
                continue
            span = Span(begin, end)
            found[span] = Mention(span, name, Kind.ENTERPRISE, "known-name", names[name])
            taken.add(begin, end)
        return sorted(found.values(), key=lambda m: (m.span.begin, m.span.end))

    def _bounded(self, text: str, begin: int, end: int) -> bool:
        """A short name must not be half of a common word (金鹰 in 黄金鹰嘴)."""
        left = text[begin - 1:begin + 1] if begin > 0 else ""
        right = text[end - 1:end + 1] if end < len(text) else ""
        return not any(len(w) == 2 and self.tokenizer.freq(w) >= 1000 for w in (left, right))


__all__ = ["EnterpriseRecognizer", "enterprise_key"]
