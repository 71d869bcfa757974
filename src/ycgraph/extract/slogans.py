"""Recognise slogans: policy phrases in quotation marks.

A quotation is a slogan unless it names something else: a brand
(“秭归脐橙”品牌, “宜昌蜜桔”“邓村绿茶”名片), a place (a division's name),
or a project (a name ending like one). A slogan quoted once and repeated
without quotation marks elsewhere is recognised there too.

>>> [m.text for m in match_slogans("坚持“产业筑基+科技创新”，擦亮“宜昌蜜桔”“邓村绿茶”名片，坚持产业筑基+科技创新。")]
['产业筑基+科技创新', '产业筑基+科技创新']
"""

from __future__ import annotations

import re
import unicodedata
from typing import Callable, Container

import ahocorasick

from ..gazetteer.lexicon import BRAND_FOLLOWERS, PROJECT_SUFFIXES
from ..model import Document, Kind, Mention, Span
from ..text.tokenizer import Tokenizer
from .textspans import CLOSE_QUOTES, OPEN_QUOTES, QuoteIndex, quote_spans

BRAND_WINDOW = 8
SENTENCE_ENDS = ("。", "！", "？", "!", "?", "…")
MIN_REPEAT_LEN = 4
ORDINARY_WORD_FREQ = 200  # shorter phrases (两山, 三资) recur as ordinary words
_HAS_WORD = re.compile(r"[\u4e00-\u9fff0-9A-Za-z]")
_SEPARATORS = re.compile(r"[、,，;；]")


def slogan_key(text: str) -> str:
    """Identity of a slogan: width-folded, spaces removed, list separators unified.

    >>> slogan_key("创一流, 争第一,干唯一") == slogan_key("创一流、争第一、干唯一")
    True
    """
    folded = unicodedata.normalize("NFKC", text)
    folded = re.sub(r"\s+", "", folded)
    return _SEPARATORS.sub("、", folded)


def _followed_by_brand(text: str, end: int) -> bool:
    """After the closing mark (and any quotations right after it), a brand word?"""
    i = end + 1
    while i < len(text) and text[i] in OPEN_QUOTES:
        close = text.find(CLOSE_QUOTES[OPEN_QUOTES.index(text[i])], i + 1)
        if close < 0:
            break
        i = close + 1
    # The brand word may come after a short qualifier: “秭归脐橙”省级区域公用品牌.
    window = re.split(r"[，,。；;、\n“]", text[i:i + BRAND_WINDOW], maxsplit=1)[0]
    return any(w in window for w in BRAND_FOLLOWERS)


def is_slogan(text: str, quote: Span, place_names: Container[str] = ()) -> bool:
    content = text[quote.begin:quote.end].strip()
    if not content or not _HAS_WORD.search(content):
        return False
    if _followed_by_brand(text, quote.end):
        return False
    if content in place_names:
        return False
    if content.endswith(SENTENCE_ENDS) or any(c in content for c in "。！？"):
        return False  # someone's words quoted, not a policy phrase
    if len(content) >= 4 and content.endswith(PROJECT_SUFFIXES) and "、" not in content:
        return False
    return True


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
    index = QuoteIndex(quotes)
    repeats = {content: key for key, content in seen.items()
               if len(content) >= MIN_REPEAT_LEN and not ordinary(content)}
    if repeats:
        automaton = ahocorasick.Automaton()
        for content in repeats:
            automaton.add_word(content, content)
        automaton.make_automaton()
        for end, content in automaton.iter(text):
            begin = end - len(content) + 1
            if index.covering(begin) is None:
                out.append(Mention(Span(begin, end + 1), content, Kind.SLOGAN, "slogan-repeated", repeats[content]))
    out.sort(key=lambda m: m.span)
    return out


class SloganRecognizer:
    """Pipeline component: adds a :class:`Mention` per slogan."""

    def __init__(self, tokenizer: Tokenizer | None = None) -> None:
        self.tokenizer = tokenizer or Tokenizer()

    def ordinary(self, phrase: str) -> bool:
        """Made of everyday words only (创新发展 = 创新 + 发展)? Then its unquoted uses are just words."""
        words = [w for w in self.tokenizer.cut(phrase) if w.strip()]
        return all(len(w) >= 2 and self.tokenizer.freq(w) >= ORDINARY_WORD_FREQ for w in words)

    def __call__(self, doc: Document) -> Document:
        places = {m.text for m in doc.mentions if m.kind is Kind.DIVISION}
        doc.mentions.extend(match_slogans(doc.text, places, self.ordinary))
        return doc
