"""The faster scans find exactly what the plain ones they replaced found.

Each reference below is the code a scan replaced (kept here, not in the package),
compared on generated text: invented strings over small alphabets, no article's words.
"""

from __future__ import annotations

import re

import ahocorasick
import pytest
from hypothesis import given, settings, strategies as st

from ycgraph.extractors import enterprises, targets, textspans
from ycgraph.extractors.textspans import NameStops, WordIndex, name_start
from ycgraph.gazetteer.companies import CompanyTable

ALPHABET = "甲乙丙丁戊己庚辛，。、 1２𠀀"  # ideographs, breaks, a space, digits, a character past the BMP
words = st.lists(st.text(ALPHABET, min_size=1, max_size=4), max_size=12)
texts = st.text(ALPHABET, max_size=120)


def automaton_hits(words: list[str], text: str) -> list[tuple[int, int, str]]:
    """Every occurrence, as pyahocorasick finds them, in WordIndex's order."""
    automaton = ahocorasick.Automaton()
    for w in words:
        automaton.add_word(w, w)
    if not len(automaton):
        return []
    automaton.make_automaton()
    return sorted(((end - len(w) + 1, end + 1, w) for end, w in automaton.iter(text)), key=lambda h: (h[0], -h[1]))


@settings(max_examples=300, deadline=None)
@given(words, texts)
def test_word_index_finds_what_an_automaton_finds(ws, text):
    assert WordIndex(ws).find(text) == automaton_hits(ws, text)


@pytest.fixture(scope="module")
def table() -> CompanyTable:
    return CompanyTable.load()


@settings(max_examples=100, deadline=None)
@given(st.data())
def test_company_table_find(table, data):
    names = sorted((*table.names, *table.short_forms))
    pieces = data.draw(st.lists(st.sampled_from(names) | st.text("的和在，", max_size=2), max_size=8))
    text = "".join(p[: data.draw(st.integers(1, len(p)))] if p else p for p in pieces)
    assert table.find(text) == automaton_hits(names, text)


@given(st.text("1２,，a", max_size=40))
def test_breaking_comma(text):
    assert textspans._BREAKING_COMMA.sub("\n", text) == re.sub(r"(?<!\d),|,(?!\d)", "\n", text)


_OLD_NUMBER = re.compile(
    rf"(?=[\d{targets._CN_NUM}])(?P<num>\d+(?:[.,]\d+)*|[{targets._CN_NUM}]+)(?=[{targets._UNIT_FIRSTS}])"
    rf"(?P<unit>{'|'.join(re.escape(u) for u in targets._UNITS)}|亿|万)"
)


@settings(max_examples=300)
@given(st.lists(st.sampled_from(["1", "２", "0", ".", ",", "三", "十", "千", "两", "〇", "万", "亿", "元", "个", "%",
                                 "千瓦", "吨", "家", "项", "年", "的", " "]), max_size=24))
def test_number_pattern(pieces):
    text = "".join(pieces)
    got = [(m.span(), m.group("num"), m.group("unit")) for m in targets._NUMBER.finditer(text)]
    assert got == [(m.span(), m.group("num"), m.group("unit")) for m in _OLD_NUMBER.finditer(text)]


def _old_name_start(text, end, stop_words, max_len=16, floor=0):
    by_end: dict[str, list[str]] = {}
    for w in sorted(set(stop_words), key=len, reverse=True):
        by_end.setdefault(w[-1], []).append(w)
    i = end
    limit = max(floor, end - max_len)
    while i > limit:
        ch = text[i - 1]
        if not ("\u4e00" <= ch <= "\u9fff" or ch in textspans.NAME_CHARS_EXTRA) or ch in textspans.NAME_BREAKS:
            break
        if ch in textspans.MEASURE_WORDS and i >= 2 and text[i - 2] in textspans.NUMERALS:
            break
        stops = by_end.get(ch)
        if stops and any(i - len(w) >= limit and text.startswith(w, i - len(w)) for w in stops):
            break
        i -= 1
    while i < end and text[i] in ")）—–-·+":
        i += 1
    return i


@settings(max_examples=1000)
@given(st.text("甲乙丙丁的了等个家3三万）(—+-·aZ，、 ", max_size=40),
       st.lists(st.text("甲乙丙丁的个3，", min_size=1, max_size=3), max_size=6),
       st.integers(0, 40), st.integers(-5, 20))
def test_name_start(text, stops, end, max_len):
    end = min(end, len(text))
    expected = _old_name_start(text, end, stops, max_len)
    assert name_start(text, end, NameStops(stops), max_len) == expected
    assert name_start(text, end, stops, max_len) == expected


@given(st.text("甲乙。！\n?", max_size=400), st.integers(-1, 400))
def test_sentence_start(text, offset):
    offset = min(offset, len(text))
    floor = max(0, offset - targets.SENTENCE_WINDOW)
    i = offset - 1
    while i >= floor and text[i] not in targets._SENTENCE_ENDS:
        i -= 1
    assert targets._sentence_start(text, offset) == i + 1


@given(st.text("由引进等甲，", max_size=200), st.sampled_from(["由", "引进", "等甲"]), st.integers(1, 50))
def test_closers_after(text, opener, window):
    closers = list(re.finditer("等", text))
    expected = [c for c in closers if text.rfind(opener, max(0, c.start() - window), c.start()) >= 0]
    assert enterprises._closers_after(text, opener, closers, window) == expected


@given(st.text("".join(sorted({c for w in enterprises._LONG_NOISE for c in w}))[:40] + "甲乙", max_size=6))
def test_ends_in_long_noise(word):
    assert enterprises._ends_in_long_noise(word) == word.endswith(enterprises._LONG_NOISE)


@pytest.fixture(scope="module")
def recognizer() -> enterprises.EnterpriseRecognizer:
    return enterprises.EnterpriseRecognizer()


def _old_only_noise(r, key):
    noise = enterprises._LEFT_NOISE
    if not any(key[:k] in noise or r.tokenizer.tag(key[:k]) in enterprises.COMPANY_NOISE_TAGS
               for k in range(1, min(len(key), enterprises._LONGEST_OPENING) + 1)):
        return False
    words = r.tokenizer.cut(key)
    tags = [r.tokenizer.tag(w) for w in words]
    if len(words) == 1 and tags[0] in ("v", "vn") and words[0] not in noise:
        return False
    return all(w in noise or t in enterprises.COMPANY_NOISE_TAGS for w, t in zip(words, tags))


@settings(max_examples=200, deadline=None)
@given(st.lists(st.sampled_from(["今年", "投产", "后", "首家", "上市", "振华", "我们", "已", "甲乙", "了", "由"]),
                min_size=1, max_size=3))
def test_only_noise(recognizer, parts):
    key = "".join(parts)
    assert recognizer._only_noise(key) == _old_only_noise(recognizer, key)


def _old_leading_place(name, places):
    best = ""
    for place in places:
        if len(place) > len(best) and name.startswith(place):
            rest = enterprises.enterprise_key(name[len(place):])
            if len(rest) >= 2 and rest not in enterprises.NOT_COMPANY_HEADS:
                best = place
    return best


@given(st.text("甲乙丙市县（）集团", max_size=10), st.sets(st.text("甲乙丙市县", max_size=4), max_size=8))
def test_leading_place(recognizer, name, places):
    assert recognizer._leading_place(name, places) == _old_leading_place(name, places)
