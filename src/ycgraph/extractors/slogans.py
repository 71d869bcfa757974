"""Recognise slogans: policy phrases in quotation marks.

A quotation is a slogan unless it names something else: a brand
(“青山脐橙”品牌, “白溪蜜桔”“云岭绿茶”名片), a product, vehicle, award or
publication (“云帆”牌, “星河”号卫星, “金梭”杯), a document (“关于…的通知”,
“…实施方案”), a place (a division's name), or a project (a name ending like
one). A slogan quoted once and repeated without quotation marks elsewhere is
recognised there too.

>>> [m.text for m in match_slogans("坚持“数字立县+绿色崛起”，擦亮“白溪蜜桔”“云岭绿茶”名片，坚持数字立县+绿色崛起。")]
['数字立县+绿色崛起', '数字立县+绿色崛起']
>>> [m.text for m in match_slogans("推出“云帆”牌电动车，印发“关于加快数字乡村建设的实施意见”，深化“两减一增”改革。")]
['两减一增']
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache
from typing import Callable, Container, Iterable

import ahocorasick

from ..gazetteer.lexicon import (
    BRAND_FOLLOWERS,
    DOCUMENT_ENDS,
    DOCUMENT_OPENINGS,
    NAME_FOLLOWERS,
    PROJECT_SUFFIXES,
)
from ..model import Document, Kind, Mention, Span
from ..text.tokenizer import Tokenizer
from .textspans import CLOSE_QUOTES, OPEN_QUOTES, quote_index, quote_spans

BRAND_WINDOW = 8
DOCUMENT_MIN_LEN = 8  # shorter quotations ending in 方案, 规划 … are phrases (“一企一策一方案”)
SENTENCE_ENDS = ("。", "！", "？", "!", "?", "…")
MIN_REPEAT_LEN = 4
ORDINARY_WORD_FREQ = 200  # shorter phrases (两山, 三资) recur as ordinary words
_HAS_WORD = re.compile(r"[\u4e00-\u9fff0-9A-Za-z]")
_SEPARATORS = re.compile(r"[、,，;；]")


_SPACES = re.compile(r"\s+")


@lru_cache(maxsize=16384)  # the same slogans recur in article after article
def slogan_key(text: str) -> str:
    """Identity of a slogan: width-folded, spaces removed, list separators unified.

    >>> slogan_key("比速度, 拼质量,争上游") == slogan_key("比速度、拼质量、争上游")
    True
    """
    folded = unicodedata.normalize("NFKC", text)
    folded = _SPACES.sub("", folded)
    return _SEPARATORS.sub("、", folded)


_WINDOW_BREAKS = "，,。；;、\n“"
# Up to the first of _WINDOW_BREAKS, a brand word (one holding a break could never be found there).
_BRAND_IN_WINDOW = re.compile(f"[^{_WINDOW_BREAKS}]*?(?:"
                              + "|".join(re.escape(w) for w in BRAND_FOLLOWERS
                                         if not any(c in w for c in _WINDOW_BREAKS)) + ")")


_NAME_AFTER = re.compile("|".join(re.escape(w) for w in sorted(NAME_FOLLOWERS, key=len, reverse=True)))


def _followed_by_name_word(text: str, end: int) -> bool:
    """Right after the closing mark, a word saying the quotation names a product, vehicle, award or publication?

    >>> t = "“星河”号卫星，“云帆”牌"
    >>> _followed_by_name_word(t, t.index("”")), _followed_by_name_word(t, t.rindex("”"))
    (True, True)
    """
    return _NAME_AFTER.match(text, end + 1) is not None


def _is_document_title(content: str) -> bool:
    """
    >>> _is_document_title("关于推进数字乡村的通知"), _is_document_title("云岭县数字经济发展规划"), _is_document_title("一县一方案")
    (True, True, False)
    """
    return content.startswith(DOCUMENT_OPENINGS) or (len(content) >= DOCUMENT_MIN_LEN and content.endswith(DOCUMENT_ENDS))


def _followed_by_brand(text: str, end: int) -> bool:
    """After the closing mark (and any quotations right after it), a brand word?"""
    i = end + 1
    while i < len(text) and text[i] in OPEN_QUOTES:
        close = text.find(CLOSE_QUOTES[OPEN_QUOTES.index(text[i])], i + 1)
        if close < 0:
            break
        i = close + 1
    # The brand word may come after a short qualifier: “青山脐橙”省级区域公用品牌.
    return _BRAND_IN_WINDOW.match(text, i, i + BRAND_WINDOW) is not None


_SENTENCE_END_INSIDE = re.compile("[。！？]")


@lru_cache(maxsize=16384)  # the same quotations recur in article after article
def _worded_like_slogan(content: str) -> bool:
    """Can the (stripped) quotation ``content`` be a slogan by its wording alone?"""
    if not content or not _HAS_WORD.search(content):
        return False
    if content.endswith(SENTENCE_ENDS) or _SENTENCE_END_INSIDE.search(content):
        return False  # someone's words quoted, not a policy phrase
    if len(content) >= 4 and content.endswith(PROJECT_SUFFIXES) and "、" not in content:
        return False
    return True


@lru_cache(maxsize=16384)
def _slogan_wording(quoted: str) -> str | None:
    """The quotation ``quoted`` (as written) stripped, if it may be a slogan by its wording and is no document's title."""
    content = quoted.strip()
    return content if _worded_like_slogan(content) and not _is_document_title(content) else None


# After the closing mark, a name word or (within the window) a brand word: one regex, where the one's words
# fit the other's window and none starts with an opening mark (which _followed_by_brand skips over).
_FOLLOWER = re.compile(f"{_NAME_AFTER.pattern}|{_BRAND_IN_WINDOW.pattern}") \
    if all(len(w) <= BRAND_WINDOW and w[0] not in OPEN_QUOTES for w in NAME_FOLLOWERS) else None


def _followed_by_brand_or_name(text: str, end: int) -> bool:
    """``_followed_by_brand(text, end) or _followed_by_name_word(text, end)``."""
    i = end + 1
    if _FOLLOWER is None or i < len(text) and text[i] in OPEN_QUOTES:
        return _followed_by_brand(text, end) or _followed_by_name_word(text, end)
    return _FOLLOWER.match(text, i, i + BRAND_WINDOW) is not None


def is_slogan(text: str, quote: Span, place_names: Container[str] = ()) -> bool:
    """Is the quotation at ``quote`` a slogan: worded like one, no document's title, no place, no brand's or name's?"""
    content = _slogan_wording(text[quote.begin:quote.end])
    return content is not None and content not in place_names and not _followed_by_brand_or_name(text, quote.end)


def match_slogans(text: str, place_names: Container[str] = (),
                  ordinary: Callable[[str], bool] = lambda phrase: False) -> list[Mention]:
    """Quoted slogans, and their unquoted repeats unless ``ordinary(phrase)`` (创新发展 is everyday wording)."""
    quotes = quote_spans(text)
    out = []
    seen: dict[str, str] = {}
    for q in quotes:
        if is_slogan(text, q, place_names):
            content = text[q.begin:q.end]
            key = slogan_key(content)
            seen.setdefault(key, content)
            out.append(Mention(q, content, Kind.SLOGAN, "quotation", key))
    # Look for unquoted repeats first: ``ordinary`` (jieba) is asked only about phrases that recur.
    candidates = {content: key for key, content in seen.items() if len(content) >= MIN_REPEAT_LEN}
    if candidates:
        index = quote_index(text)
        quote_begins = {q.begin for q in quotes}  # most hits are the quotations themselves
        repeats = []
        is_ordinary: dict[str, bool] = {}  # content -> ordinary(content), asked at its first repeat
        for begin, content in _occurrences(text, candidates):
            if begin not in quote_begins and index.covering(begin) is None:
                if content not in is_ordinary:
                    is_ordinary[content] = ordinary(content)
                if not is_ordinary[content]:
                    repeats.append((begin, begin + len(content), content, candidates[content]))
        if repeats:
            out += [Mention(Span(begin, stop), content, Kind.SLOGAN, "slogan-repeated", key)
                    for begin, stop, content, key in repeats]
            out.sort(key=lambda m: (m.span.begin, m.span.end))  # (Span's own ordering is slower)
    return out


FIND_AT_MOST = 64  # phrases looked for one by one (str.find), not by an automaton


def _occurrences(text: str, phrases: Iterable[str]) -> Iterable[tuple[int, str]]:
    """(begin, phrase) of every occurrence of each of ``phrases`` (overlapping ones too), in no given order.

    A few dozen phrases of four characters or more (an article's slogans) are found one by one, by str.find: its
    skips cost less than an automaton's look at every character. Many are found by one automaton, in one pass.
    """
    phrases = list(phrases)
    if len(phrases) <= FIND_AT_MOST:
        for phrase in phrases:
            begin = text.find(phrase)
            while begin >= 0:
                yield begin, phrase
                begin = text.find(phrase, begin + 1)
        return
    automaton = ahocorasick.Automaton()
    for phrase in phrases:
        automaton.add_word(phrase, phrase)
    automaton.make_automaton()
    for end, phrase in automaton.iter(text):
        yield end - len(phrase) + 1, phrase


class SloganRecognizer:
    """Pipeline component: adds a :class:`Mention` per slogan."""

    def __init__(self, tokenizer: Tokenizer | None = None) -> None:
        self.tokenizer = tokenizer or Tokenizer()
        self._ordinary: dict[str, bool] = {}  # the same slogans recur in article after article

    def ordinary(self, phrase: str) -> bool:
        """Made of everyday words only (创新发展 = 创新 + 发展)? Then its unquoted uses are just words."""
        known = self._ordinary.get(phrase)
        if known is None:
            words = [w for w in self.tokenizer.cut(phrase) if w.strip()]
            known = all(len(w) >= 2 and self.tokenizer.freq(w) >= ORDINARY_WORD_FREQ for w in words)
            if len(self._ordinary) < 200_000:
                self._ordinary[phrase] = known
        return known

    def __call__(self, doc: Document) -> Document:
        places = {m.text for m in doc.mentions if m.kind is Kind.DIVISION}
        doc.mentions.extend(match_slogans(doc.text, places, self.ordinary))
        return doc
