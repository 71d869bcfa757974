"""Recognise projects: named undertakings with an identity of their own.

Two rules, both about the genre's shapes rather than any article's names:

* a list closed by 等 and a project noun (加快A、B等47个重点文旅项目建设):
  each item is a project, once its lead verbs are stripped and unless it is
  a generic phrase (两条高铁);
* a name ending like a project (…基地, …产业园, …二期, …中学, …综合体,
  …度假区 ...), read leftwards to the verb that opens it, and kept only when
  something in it is specific: a rare or proper word, a place, a phase.

>>> r = ProjectRecognizer()
>>> [m.text for m in r.match("加快兴发磷酸铁、鲟龙湾亲子科普等12个重点项目建设，推进人才公寓建设，加快建设三峡实验室二期。")]
['兴发磷酸铁', '鲟龙湾亲子科普', '三峡实验室二期']
"""

from __future__ import annotations

import re
import unicodedata
from typing import Iterable

import ahocorasick

from ..gazetteer.lexicon import (
    GENERIC_PROJECT_WORDS,
    PROJECT_CLASS_NOUNS,
    PROJECT_LEAD_VERBS,
    PROJECT_SUFFIXES,
)
from ..model import Document, Kind, Mention, Span
from ..text.tokenizer import Tokenizer
from .textspans import CLAUSE_BREAKS, QuoteIndex, is_cjk, name_start, quote_spans, strip_leading

# Between 等 and the project noun: a count and qualifiers (等20个城建项目, 等重点项目).
_LIST_TAIL = re.compile(rf"等(?:[0-9一二两三四五六七八九十百千]+[个项座条批])?[\u4e00-\u9fff“”]{{0,8}}?(?:{'|'.join(PROJECT_CLASS_NOUNS)})")
_NUMERIC_START = re.compile(r"^[0-9一二两三四五六七八九十百千几数多]+[个项座条批家所大套户栋]")
_ITEM_SPLIT = re.compile(r"[、]")
_TRAILING_AND = re.compile(r"(.{2,}?)(?:和|及|与)(.{2,})$")
VERB_TAGS = frozenset({"v", "vd", "vn", "d", "p", "c", "u", "r", "m", "q"})
COMMON_NOUN_TAGS = frozenset({"n", "vn", "v"})
COMMON_NOUN_FREQ = 20
PROPER_TAGS = frozenset({"ns", "nr", "nrt", "nz", "nt", "nrfg"})
RARE_WORD_FREQ = 300
PHASES = ("一期", "二期", "三期", "四期", "五期")
MIN_NAME = 3
MAX_NAME = 24
EXTRA_STOPS = ("统筹", "理念", "全速推进", "借力", "壮大", "新增", "巩固", "紧扣", "组建", "高效运行", "运行", "保障好", "服务好", "用活", "擦亮", "年内")


def project_key(name: str) -> str:
    """Identity of a project name: width-folded, quotes and 项目 endings dropped.

    >>> project_key("兴发万华磷基新材料系列项目") == project_key("兴发万华磷基新材料")
    True
    """
    folded = unicodedata.normalize("NFKC", name)
    folded = re.sub(r"[\s“”「」『』\"']", "", folded)
    for tail in ("系列项目", "项目"):
        if folded.endswith(tail) and len(folded) > len(tail) + 1:
            folded = folded[: -len(tail)]
            break
    return folded


class ProjectRecognizer:
    """Pipeline component: adds a :class:`Mention` per project named."""

    def __init__(self, tokenizer: Tokenizer | None = None) -> None:
        self.tokenizer = tokenizer or Tokenizer()
        self._suffixes = ahocorasick.Automaton()
        for s in PROJECT_SUFFIXES:
            self._suffixes.add_word(s, s)
        self._suffixes.make_automaton()
        self._stops = tuple(PROJECT_LEAD_VERBS) + EXTRA_STOPS
        self._chain = sorted(PROJECT_SUFFIXES, key=len, reverse=True)

    def __call__(self, doc: Document) -> Document:
        places = {m.text for m in doc.mentions if m.kind is Kind.DIVISION}
        known = [m for m in doc.mentions if m.kind is Kind.DIVISION]
        doc.mentions.extend(self.match(doc.text, places, known))
        return doc

    def match(self, text: str, places: Iterable[str] = (), divisions: Iterable[Mention] = ()) -> list[Mention]:
        places = set(places)
        quotes = QuoteIndex(quote_spans(text))
        found: dict[Span, Mention] = {}
        for m in self._list_items(text, places):
            found[m.span] = m
        for m in self._suffixed_names(text, places, quotes):
            if not any(m.span.overlaps(s) for s in found):
                found[m.span] = m
        return sorted(found.values(), key=lambda m: m.span)

    # --- rule 1: lists closed by 等 + project noun ----------------------------------

    def _list_items(self, text: str, places: set[str]) -> Iterable[Mention]:
        for m in re.finditer("等", text):
            if not _LIST_TAIL.match(text, m.start()):
                continue
            start = m.start()
            while start > 0 and text[start - 1] not in CLAUSE_BREAKS:
                start -= 1
            pos = start
            items = _ITEM_SPLIT.split(text[start:m.start()])
            for n, item in enumerate(items):
                item_begin = pos
                pos += len(item) + 1
                if n == 0:
                    # The clause may open with its subject: 襄阳市加快A、B等项目.
                    subject = max((p for p in places if item.startswith(p)), key=len, default="")
                    if subject and any(item.startswith(v, len(subject)) for v in self._stops):
                        item, item_begin = item[len(subject):], item_begin + len(subject)
                    cut, item = strip_leading(item, self._stops)
                    item_begin += cut
                parts = [(item_begin, item)]
                tail = _TRAILING_AND.match(item) if n == len(items) - 1 else None
                if tail and tail.group(2).endswith(PROJECT_SUFFIXES):
                    parts = [(item_begin, tail.group(1)), (item_begin + tail.end(1) + 1, tail.group(2))]
                for b, name in parts:
                    name = name.strip()
                    if self._acceptable_item(name, places):
                        yield Mention(Span(b, b + len(name)), name, Kind.PROJECT, "project-list", project_key(name))

    def _acceptable_item(self, name: str, places: set[str]) -> bool:
        if not (2 <= len(name) <= MAX_NAME) or name in places:
            return False
        if _NUMERIC_START.match(name) or not all(is_cjk(c) or c in "()（）—·-0123456789A-Za-z“”" for c in name):
            return False
        if self._generic(name):
            return False
        # A single everyday word (燃气, 铁路) names a kind of thing, not one undertaking.
        return not (len(self._words(name)) == 1 and self.tokenizer.tag(name) in COMMON_NOUN_TAGS
                    and self.tokenizer.freq(name) >= COMMON_NOUN_FREQ)

    # --- rule 2: names ending like a project -----------------------------------------

    def _suffixed_names(self, text: str, places: set[str], quotes: QuoteIndex) -> Iterable[Mention]:
        ends: dict[int, int] = {}
        for end_index, suffix in self._suffixes.iter(text):
            end = end_index + 1
            begin = end - len(suffix)
            # Another ending may follow (产业园二期, 高速北延线): extend to the longest chain.
            while True:
                nxt = next((p for p in self._chain if text.startswith(p, end)), None)
                if not nxt:
                    break
                end += len(nxt)
            ends[begin] = max(ends.get(begin, 0), end)
        last_end = -1
        for suffix_begin in sorted(ends):
            end = ends[suffix_begin]
            if end <= last_end:
                continue
            begin = name_start(text, suffix_begin, self._stops, MAX_NAME)
            if quotes.covering(begin) is not None:
                continue  # inside a quotation: a slogan's words, not a project's name
            name = text[begin:end]
            if len(name) < MIN_NAME or name in places or _NUMERIC_START.match(name):
                continue
            if not self._specific(name, places):
                continue
            last_end = end
            yield Mention(Span(begin, end), name, Kind.PROJECT, "project-suffix", project_key(name))

    # --- genericity --------------------------------------------------------------------

    def _generic(self, name: str) -> bool:
        """Made only of generic words (人才公寓, 重点项目)?"""
        core = name
        for suffix in _SUFFIXES_LONGEST_FIRST:
            if core.endswith(suffix) and len(core) > len(suffix):
                core = core[: -len(suffix)]
                break
        return not uncovered_runs(core, GENERIC_PROJECT_WORDS)

    def _specific(self, name: str, places: set[str]) -> bool:
        """Does the name hold something particular: a place, or a content word that is not generic?"""
        if self._generic(name):
            return False
        if any(p in name for p in places if len(p) >= 2):
            return True
        for run in uncovered_runs(name, _GENERIC_OR_SHAPE):
            if len(run) >= 2 and (self.tokenizer.tag(run) not in VERB_TAGS or self.tokenizer.freq(run) < RARE_WORD_FREQ):
                return True
            if len(run) == 1 and (self.tokenizer.freq(run) < RARE_WORD_FREQ or self.tokenizer.tag(run) in PROPER_TAGS):
                return True
        return False

    def _words(self, name: str) -> tuple[str, ...]:
        return tuple(w for w in self.tokenizer.cut(name) if w.strip())


_SUFFIXES_LONGEST_FIRST = sorted(PROJECT_SUFFIXES, key=len, reverse=True)
_GENERIC_OR_SHAPE = frozenset(GENERIC_PROJECT_WORDS) | frozenset(PROJECT_SUFFIXES) | frozenset(PHASES)
_MAX_WORD = max(len(w) for w in _GENERIC_OR_SHAPE)


def uncovered_runs(text: str, words: frozenset[str] | set[str]) -> list[str]:
    """The runs of ``text`` left when known words are taken out, longest word first at each place.

    >>> uncovered_runs("现代农业科技产业园", GENERIC_PROJECT_WORDS | {"产业园"})
    []
    >>> uncovered_runs("先进氟氮材料国家重点实验室", GENERIC_PROJECT_WORDS | {"实验室"})
    ['氟氮']
    """
    runs: list[str] = []
    current: list[str] = []
    i = 0
    while i < len(text):
        hit = next((k for k in range(min(_MAX_WORD, len(text) - i), 0, -1) if text[i:i + k] in words), 0)
        if hit:
            if current:
                runs.append("".join(current))
                current = []
            i += hit
        else:
            current.append(text[i])
            i += 1
    if current:
        runs.append("".join(current))
    return runs
