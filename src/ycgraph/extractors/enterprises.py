"""Recognise enterprises by the shapes the genre gives company names.

* a list closed by 等 and a name for companies (支持A、B等龙头企业, A、B等“链主”);
* a list after a patron verb and before a company predicate
  (推动A、B成长为…, 支持A在…上市, 支持A冲刺千亿);
* a strong company ending anywhere (…集团, …公司, …股份有限公司);
* a project list item with a company's ending (远景动力等项目: 动力);
* the company at the head of a project name (兴发 | 磷酸铁, 广汽 | 宜昌工厂,
  兴发万华 | 磷基新材料 -> 兴发 and 万华).

Every name found this way is then looked for everywhere else in the article,
so 兴发 is mentioned wherever it is named, and aliases (兴发 / 兴发集团)
share one key.

>>> r = EnterpriseRecognizer()
>>> [m.text for m in r.match("支持三宁、奥美等龙头企业组建联合体，精准对接三峡集团。")]
['三宁', '奥美', '三峡集团']
"""

from __future__ import annotations

import re
import unicodedata
from typing import Iterable, Iterator

import ahocorasick

from ..gazetteer.lexicon import (
    COMPANY_CLASS_NOUNS,
    COMPANY_PATRON_VERBS,
    COMPANY_PREDICATES,
    INDUSTRY_MORPHEMES,
    NOT_COMPANY_HEADS,
    PROJECT_LEAD_VERBS,
    PROJECT_SUFFIXES,
    STRONG_COMPANY_SUFFIXES,
    WEAK_COMPANY_SUFFIXES,
)
from ..model import Document, Kind, Mention, Span
from ..text.tokenizer import Tokenizer
from .textspans import CLAUSE_BREAKS, QuoteIndex, name_start, quote_spans, strip_leading

COMMON_WORD_FREQ = 200  # a head this common (高山, 公共) is an ordinary word, not a company
_ITEM = r"[^\x00-\u4dff\ua000-\U0010ffff等在和与及的]{2,8}"  # CJK, but not the words that end a name
_ITEMS = rf"{_ITEM}(?:、{_ITEM})*"
_CLASS = "|".join(sorted(COMPANY_CLASS_NOUNS, key=len, reverse=True))
_PRED = "|".join(COMPANY_PREDICATES)
_PATRON = "|".join(sorted(COMPANY_PATRON_VERBS, key=len, reverse=True))
# A、B等龙头企业 / A、B等“链主”: found from the tail (等 + a name for companies), read backwards.
_CLASS_TAIL = re.compile(rf"等[“”]?(?:{_CLASS})")
_CLASS_LIST = re.compile(rf"(?P<items>{_ITEMS})$")
# 支持A、B(等)(在…)成长为/上市/冲刺 ...: found from the predicate, read backwards to the patron verb.
_PLACE_PHRASE = 8  # at most this many characters between 在 and the predicate
_PRED_TAIL = re.compile(rf"(?:等)?(?:在[\u4e00-\u9fff]{{1,{_PLACE_PHRASE}}}?)?(?:{_PRED})")
_PRED_WORD = re.compile(_PRED)
_PRED_LEAD = len("等在") + _PLACE_PHRASE  # how far before its predicate a tail may start
_PREDICATE_LIST = re.compile(rf"(?:{_PATRON})(?P<items>{_ITEMS}?)$")
_WINDOW = 60
_STRONG_ENDINGS = "|".join(sorted(STRONG_COMPANY_SUFFIXES, key=len, reverse=True))
_STRONG = re.compile(_STRONG_ENDINGS)
_NAME_STOPS = tuple(PROJECT_LEAD_VERBS) + tuple(COMPANY_PATRON_VERBS) + ("组建", "成立", "引进", "携手", "联合", "与", "同")
MAX_SHORT_NAME = 4
# The longest strong company ending that leaves two characters or more before it (search from offset 2).
_STRONG_AT_END = re.compile(rf"(?:{_STRONG_ENDINGS})\Z")
_NAME_CHARS = re.compile(r"[\u4e00-\u9fff()（）]*")
_CJK_ONLY = re.compile(r"[\u4e00-\u9fff]*")
_LONG_NOT_HEADS = tuple(w for w in NOT_COMPANY_HEADS if len(w) >= 2)
# The leftmost industry morpheme, searched from offset 2 (兴发 | 磷酸铁).
_INDUSTRY = re.compile("|".join(re.escape(w) for w in INDUSTRY_MORPHEMES))


def enterprise_key(name: str) -> str:
    """Identity of a company name: width-folded, company-form endings dropped.

    >>> enterprise_key("兴发集团") == enterprise_key("兴发") == "兴发"
    True
    """
    folded = unicodedata.normalize("NFKC", name).strip()
    ending = _STRONG_AT_END.search(folded, 2)
    return folded[: ending.start()] if ending else folded


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

    Run after projects: the heads of project names are read from them.
    """

    def __init__(self, tokenizer: Tokenizer | None = None, extra_names: Iterable[str] = ()) -> None:
        self.tokenizer = tokenizer or Tokenizer()
        self.extra_names = tuple(extra_names)

    def __call__(self, doc: Document) -> Document:
        places = {m.text for m in doc.mentions if m.kind is Kind.DIVISION}
        projects = [m for m in doc.mentions if m.kind is Kind.PROJECT]
        doc.mentions.extend(self.match(doc.text, places, projects))
        return doc

    def match(self, text: str, places: Iterable[str] = (), projects: Iterable[Mention] = ()) -> list[Mention]:
        places = set(places)
        quotes = QuoteIndex(quote_spans(text))
        seeds: dict[Span, Mention] = {}

        def add(begin: int, name: str, rule: str) -> None:
            name = name.strip()
            framed = rule in ("company-list", "company-predicate")  # the text itself says these are companies
            if not self._plausible(name, places, framed) or quotes.covering(begin) is not None:
                return
            span = Span(begin, begin + len(name))
            if not any(span.overlaps(s) for s in seeds):
                seeds[span] = Mention(span, name, Kind.ENTERPRISE, rule, enterprise_key(name))

        for tails, list_re, rule in ((_CLASS_TAIL.finditer(text), _CLASS_LIST, "company-list"),
                                     (_predicate_tails(text), _PREDICATE_LIST, "company-predicate")):
            for tail in tails:
                begin = max(0, tail.start() - _WINDOW)
                m = list_re.search(text, begin, tail.start())
                if m:
                    self._add_items(text, m, rule, add)
        for m in _STRONG.finditer(text):
            if text[m.end():m.end() + 1] in ("化", "军"):  # 集团化, 集团军
                continue
            begin = name_start(text, m.start(), _NAME_STOPS, max_len=10)
            add(begin, text[begin:m.end()], "company-suffix")
        for p in projects:
            for begin, name in self._project_heads(p, places):
                add(begin, name, "project-head")
        # Names the user's dictionary gives, and every name found: wherever else they stand.
        return self._everywhere(text, seeds, places, quotes)

    def _add_items(self, text: str, m: re.Match[str], rule: str, add) -> None:
        pos = m.start("items")
        items = m.group("items").split("、")
        for n, item in enumerate(items):
            begin = pos
            pos += len(item) + 1
            cut, item = strip_leading(item, _NAME_STOPS)
            begin += cut
            if n == 0 and not cut and not self._opens_phrase(text, begin):
                continue  # the list's first item starts mid-phrase: its edge is unknown
            add(begin, item, rule)

    @staticmethod
    def _opens_phrase(text: str, begin: int) -> bool:
        """Does a name start cleanly at ``begin``: after punctuation or a verb that opens it?"""
        if begin == 0 or text[begin - 1] in CLAUSE_BREAKS + "、“”「」 \t":
            return True
        return text.endswith(_NAME_STOPS, 0, begin)

    def _plausible(self, name: str, places: set[str], framed: bool = False) -> bool:
        if not (2 <= len(name) <= 16) or not _NAME_CHARS.fullmatch(name):
            return False
        if name in places or name.endswith(PROJECT_SUFFIXES):
            return False
        key = enterprise_key(name)
        if len(key) < 2 or key in NOT_COMPANY_HEADS or key.startswith(_LONG_NOT_HEADS):
            return False
        if key in places or any(len(p) == len(key) + 1 and p.startswith(key) for p in places):
            return False  # 宜昌 in 宜昌公司 is a place
        if key != name:
            return True  # a strong company ending makes it a company
        if framed:
            return not key.endswith(WEAK_COMPANY_SUFFIXES) or len(key) > 3  # 新能源 alone is an industry
        return len(key) > MAX_SHORT_NAME or self.tokenizer.freq(key) < COMMON_WORD_FREQ

    def _project_heads(self, project: Mention, places: set[str]) -> Iterable[tuple[int, str]]:
        name = project.text
        # A project list item that itself has a company's ending (远景动力).
        if project.rule == "project-list" and name.endswith(WEAK_COMPANY_SUFFIXES) and len(name) <= 6:
            yield project.span.begin, name
            return
        morpheme = _INDUSTRY.search(name, 2)
        if morpheme is None:
            return
        head = name[: morpheme.start()]
        for place in places:  # 广汽宜昌工厂: the company stops where the place starts
            i = head.find(place)
            if i >= 2:
                head = head[:i]
        if not (2 <= len(head) <= MAX_SHORT_NAME) or not _CJK_ONLY.fullmatch(head):
            return
        if self._everyday_words(head):
            return  # made of everyday words (军民融合): a kind of thing, not a company
        if len(head) == 4 and self.tokenizer.freq(head) == 0:
            halves = (head[:2], head[2:])
            if all(self.tokenizer.freq(h) < COMMON_WORD_FREQ and h not in NOT_COMPANY_HEADS for h in halves):
                yield project.span.begin, halves[0]  # 兴发万华: two companies side by side
                yield project.span.begin + 2, halves[1]
                return
        yield project.span.begin, head

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
        taken = [(s.begin, s.end) for s in seeds]
        for begin, end, name in hits:
            if any(begin < e and b < end for b, e in taken) or quotes.covering(begin) is not None:
                continue  # overlaps a name already taken (Span.overlaps), or quoted
            if len(name) <= 2 and not self._bounded(text, begin, end):
                continue
            span = Span(begin, end)
            found[span] = Mention(span, name, Kind.ENTERPRISE, "known-name", names[name])
            taken.append((begin, end))
        return sorted(found.values(), key=lambda m: (m.span.begin, m.span.end))

    def _bounded(self, text: str, begin: int, end: int) -> bool:
        """A short name must not be half of a common word (兴发 in 振兴发展)."""
        left = text[begin - 1:begin + 1] if begin > 0 else ""
        right = text[end - 1:end + 1] if end < len(text) else ""
        return not any(len(w) == 2 and self.tokenizer.freq(w) >= 1000 for w in (left, right))


__all__ = ["EnterpriseRecognizer", "enterprise_key"]
