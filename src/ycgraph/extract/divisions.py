"""Recognise administrative divisions and development zones.

Full names (宜都市) are trusted; short forms (宜都) and names shared by
several divisions (朝阳区) are kept only where the article's other
divisions put them in context: a county's short form needs its prefecture
in the article, so 东阳 inside 东阳光 is not 东阳市 in an article about
Hubei. A division name followed by a zone word (高新区, 经开区 ...) is a
development zone, which has no code and is part of that division.

>>> rec = DivisionRecognizer()
>>> [(m.text, m.key) for m in rec.match("宜昌市召开大会，宜都、枝江市和宜昌高新区发言。")]
[('宜昌市', '420500'), ('宜都', '420581'), ('枝江市', '420583'), ('宜昌高新区', 'zone:420500:高新区')]
>>> [m.text for m in rec.match("湖北宜昌，东阳光集团")]
['湖北', '宜昌']
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass

import ahocorasick

from ..gazetteer.divisions import COUNTRY_CODE, DivisionRecord, DivisionTable
from ..model import Document, Kind, Mention, Span
from ..text.tokenizer import Tokenizer

# Zone words, longest first; the value is the canonical short form used in keys and labels.
ZONE_SUFFIXES = (
    ("高新技术产业开发区", "高新区"), ("经济技术开发区", "经开区"), ("综合保税区", "综保区"),
    ("高新区", "高新区"), ("经开区", "经开区"), ("开发区", "开发区"), ("综保区", "综保区"),
    ("保税区", "保税区"), ("自贸片区", "自贸片区"), ("临空经济区", "临空经济区"),
)
# A rare word may stand alone as a prefecture's short form; a common one (安康, 大同) needs context.
COMMON_WORD_FREQ = 500


@dataclass(frozen=True)
class _Candidate:
    begin: int
    end: int
    name: str
    records: tuple[DivisionRecord, ...]
    full: bool


def zone_key(parent_code: str, suffix: str) -> str:
    return f"zone:{parent_code}:{suffix}"


class DivisionRecognizer:
    """Pipeline component: adds a :class:`Mention` per division named in the text."""

    def __init__(self, table: DivisionTable | None = None, tokenizer: Tokenizer | None = None) -> None:
        self.table = table or DivisionTable.load()
        self.tokenizer = tokenizer or Tokenizer()
        self._automaton = ahocorasick.Automaton()
        for name in set(self.table.full_names) | set(self.table.short_names):
            if len(name) >= 2:
                self._automaton.add_word(name, name)
        self._automaton.make_automaton()

    def __call__(self, doc: Document) -> Document:
        doc.mentions.extend(self.match(doc.text))
        return doc

    def match(self, text: str) -> list[Mention]:
        candidates = self._candidates(text)
        context = self._context(candidates)
        chosen = [(cand, rec) for cand in candidates for rec in [self._choose(cand, context)] if rec is not None]
        # A short form standing alone for a province the article is otherwise not about
        # (宁德 inside 宁德时代 in a Hubei report) is a word, not a place.
        provinces = Counter(self.table.province_of(rec.code) for _, rec in chosen)
        top = max(provinces.values(), default=0)
        return [self._mention(text, cand, rec) for cand, rec in chosen
                if cand.full or rec.code == COUNTRY_CODE or top < 3 or provinces[self.table.province_of(rec.code)] > 1]

    def _candidates(self, text: str) -> list[_Candidate]:
        # Leftmost-longest, non-overlapping matches (done by the automaton itself).
        full = self.table.full_names
        return [_Candidate(end - len(name) + 1, end + 1, name, self.table.lookup(name), name in full)
                for end, name in self._automaton.iter_long(text)]

    def _context(self, candidates: list[_Candidate]) -> Counter[str]:
        """Votes for the provinces and prefectures the article is about, from trusted names."""
        votes: Counter[str] = Counter()
        for c in candidates:
            trusted = len(c.records) == 1 and (c.full or c.records[0].is_province)
            if not trusted:
                continue
            rec = c.records[0]
            for code in (rec.code, *self.table.ancestors(rec.code)):
                votes[code] += 1
        return votes

    def _choose(self, cand: _Candidate, context: Counter[str]) -> DivisionRecord | None:
        records = cand.records
        if cand.full and len(records) == 1:
            return records[0]
        provinces = [r for r in records if r.is_province]
        if provinces and not cand.full:
            return provinces[0]  # 吉林 is the province before the city

        def support(rec: DivisionRecord) -> int:
            chain = self.table.ancestors(rec.code)
            parent_votes = context.get(chain[0], 0) if chain else 0
            return parent_votes * 2 + sum(context.get(code, 0) for code in chain[1:])

        scored = sorted(((support(r), r.code, r) for r in records), key=lambda t: (-t[0], t[1]))
        best_support, _, best = scored[0]
        if len(scored) > 1 and scored[1][0] == best_support:
            return None  # still ambiguous: better nothing than a guess
        if best.is_prefecture and not cand.full:
            if best_support > 0 or self.tokenizer.freq(cand.name) < COMMON_WORD_FREQ:
                return best
            return None
        # A county's short form, or a shared full name: its prefecture must be in context.
        parent = self.table.ancestors(best.code)[:1]
        return best if parent and context.get(parent[0], 0) > 0 else None

    def _mention(self, text: str, cand: _Candidate, rec: DivisionRecord) -> Mention:
        end = cand.end
        for suffix, canonical in ZONE_SUFFIXES:
            if text.startswith(suffix, end):
                end += len(suffix)
                return Mention(Span(cand.begin, end), text[cand.begin:end], Kind.DIVISION, "zone-name",
                               zone_key(rec.code, canonical))
        rule = "division-name" if cand.full else "division-short-name"
        return Mention(Span(cand.begin, end), text[cand.begin:end], Kind.DIVISION, rule, rec.code)


def division_label(table: DivisionTable, key: str) -> str:
    """The preferred name for a division key (a code, ``CN`` or a zone key).

    >>> t = DivisionTable.load()
    >>> division_label(t, "420581"), division_label(t, "zone:420500:高新区")
    ('宜都市', '宜昌高新区')
    """
    if key.startswith("zone:"):
        _, code, suffix = key.split(":")
        rec = table.by_code[code]
        return (rec.short_forms[0] if rec.short_forms else rec.name) + suffix
    return table.by_code[key].name if key in table.by_code else key


def division_parent(table: DivisionTable, key: str) -> str | None:
    """Key of the division ``key`` is part of (zones are part of their city)."""
    if key.startswith("zone:"):
        return key.split(":")[1]
    rec = table.by_code.get(key)
    return rec.parent if rec else None


__all__ = ["DivisionRecognizer", "division_label", "division_parent", "zone_key", "COUNTRY_CODE"]
