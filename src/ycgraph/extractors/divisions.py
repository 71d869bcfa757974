"""Recognise administrative divisions and development zones.

Full names (宜都市) are trusted; short forms (宜都) and names shared by
several divisions (朝阳区) are kept only where the article's other
divisions put them in context: a county's short form needs its prefecture
in the article, so 安吉 inside 安吉星 is not 安吉县 in an article about
Hubei. A division name followed by a zone word (高新区, 经开区 ...) is a
development zone, which has no code and is part of that division.

A name is no place where it starts inside a word (范县 in 示范县), a short
form opens a longer word (阿里 in 阿里巴巴) or the name is glued into a
company's (X科技有限公司); a bare city name is the city, not its own county
(南昌 is 南昌市); a level word standing alone (高新区, 自治区) is the one
division of that kind the article names.

>>> rec = DivisionRecognizer()
>>> [(m.text, m.key) for m in rec.match("宜昌市召开大会，宜都、枝江市和宜昌高新区发言。")]
[('宜昌市', '420500'), ('宜都', '420581'), ('枝江市', '420583'), ('宜昌高新区', 'zone:420500:高新区')]
>>> [m.text for m in rec.match("湖北宜昌，安吉星科技")]
['湖北', '宜昌']
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Callable
from functools import cached_property

import ahocorasick
import numpy as np

from ..gazetteer.divisions import COUNTRY_CODE, DivisionRecord, DivisionTable
from ..model import Document, Kind, Mention, Span
from ..text.structure import self_references
from ..text.tokenizer import Tokenizer

# Zone words, longest first; the value is the canonical short form used in keys and labels.
ZONE_SUFFIXES = (
    ("高新技术产业开发区", "高新区"), ("经济技术开发区", "经开区"), ("综合保税区", "综保区"),
    ("高新区", "高新区"), ("经开区", "经开区"), ("开发区", "开发区"), ("综保区", "综保区"),
    ("保税区", "保税区"), ("自贸片区", "自贸片区"), ("临空经济区", "临空经济区"),
)
_ZONE_WORDS = tuple(suffix for suffix, _ in ZONE_SUFFIXES)
_ZONE_FIRST_CHARS = frozenset(suffix[0] for suffix, _ in ZONE_SUFFIXES)  # to skip the loop most of the time
# A company's name after a place name: ``（X）有限公司`` / ``X科技有限公司``. The gap before the
# company word holds no character or word that ends a name (的, 和, 在, 委, 政府 ...), so
# 宜昌市政府和某公司 keeps its place.
_COMPANY_WORDS = "股份有限公司|有限责任公司|有限公司|集团|公司"
_NAME_BREAKS = "的和与及在等是将为了对向从由同并或也已被把到于、，。；：:,;委党政府人大书记局厅办部镇乡村街市县区省"
_BREAK_WORDS = "推动|推进|引进|支持|建设|投资|签约|落户|设立|成立|打造|发展|加快|实施|举办|召开|出席|考察|调研|走访|联合|携手"
_OPENING_BRACKETS = frozenset("（(")
# After a division's name, words making it the name of something else: a region around it (武汉城市圈,
# 长江经济带) or a water body (丹江口水库).
_NOT_THE_DIVISION = re.compile(r"城市圈|都市圈|城市群|经济圈|经济带|水库|库区")
_COMPANY_AFTER = re.compile(rf"[）)][\u4e00-\u9fff]{{0,6}}?(?:{_COMPANY_WORDS})")
_GLUE_MAX = 8  # at most this many characters between a place's name and the company word it is glued into
_COMPANY_GLUED = re.compile(rf"(?:(?!{_BREAK_WORDS})[^\W\d_{_NAME_BREAKS}]){{1,{_GLUE_MAX}}}?(?:{_COMPANY_WORDS})")
# Every company word ends in one of these two characters' words: where none stands within reach after a name
# (most names), it is glued into no company's, and the pattern above needs no try.
_COMPANY_TAIL = re.compile("|".join(sorted({w[-2:] for w in _COMPANY_WORDS.split("|")})))
_GLUE_REACH = _GLUE_MAX + max(len(w) for w in _COMPANY_WORDS.split("|"))
# Level words standing alone for the one division of their kind the article names -> that kind (a
# zone's canonical suffix, or a level). Only after a clause edge or a preposition (not 浒关开发区).
_BARE_KINDS = {**{suffix: canonical for suffix, canonical in ZONE_SUFFIXES}, "自治区": "自治区"}
_BARE_NAME = re.compile("|".join(sorted(_BARE_KINDS, key=len, reverse=True)))
_BARE_NAME_AFTER = frozenset("\n\t 　、，,。；;：:（(“在为和与及对到向将是由的全")
# A rare word may stand alone as a prefecture's short form; a common one (安康, 大同) needs context.
COMMON_WORD_FREQ = 500
PLACE_TAG = "ns"  # jieba's part-of-speech tag for place names
# How many times an article calling itself 我县 must write a county's short form for it to stand alone.
MIN_SELF_NAMED = 2


class _Name:
    """What the table says about one name the automaton finds, worked out once."""

    __slots__ = ("name", "full", "records", "fixed", "votes", "choices")

    def __init__(self, table: DivisionTable, name: str) -> None:
        self.name = name
        self.full = name in table.full_names
        records = table.lookup(name)
        if not self.full:
            # A bare city name is the city, not the county of its own named after it (南昌 is 南昌市,
            # 南昌县 is written out): drop records lying under another record of the same name.
            codes = {r.code for r in records}
            records = tuple(r for r in records if not codes.intersection(table.ancestors(r.code)))
        self.records = records
        # The record chosen whatever the context, if any (see DivisionRecognizer._choose).
        provinces = [r for r in records if r.is_province]
        if self.full and len(records) == 1:
            self.fixed: DivisionRecord | None = records[0]
        elif provinces and not self.full:
            self.fixed = provinces[0]  # 吉林 is the province before the city
        else:
            self.fixed = None
        # A trusted name votes for its division and every division above it.
        trusted = len(records) == 1 and (self.full or records[0].is_province)
        self.votes = (records[0].code, *table.ancestors(records[0].code)) if trusted else ()
        # Per record: (record, parent code or None, codes above the parent).
        self.choices = tuple((r, chain[0] if chain else None, chain[1:])
                             for r in records for chain in [table.ancestors(r.code)])


def _glued_to_company(text: str, end: int) -> bool:
    """Is the name ending at ``end`` glued into a company's (X科技有限公司): ``_COMPANY_GLUED.match(text, end)``?"""
    # (A match's company word lies in [end + 1, end + _GLUE_REACH), and so does the end of it.)
    return (_COMPANY_TAIL.search(text, end + 1, end + _GLUE_REACH) is not None
            and _COMPANY_GLUED.match(text, end) is not None)


def zone_key(parent_code: str, suffix: str) -> str:
    return f"zone:{parent_code}:{suffix}"


# pyahocorasick looks up a character among a trie node's children one by one, and the root has
# a child per first character of a name: most of the scan's time went to failing there. So the
# text is scanned with every character no name uses replaced by SKIP, the root's first child,
# and the root gets a child for every character names use, most frequent first. A stand-in
# child has nothing below it but GUARD, which the scanned text never holds: it never matches,
# and from it the scan falls back to the root as it would without it, so the matches stay the
# plain automaton's. Even so, a character costs the scan a search among the root's children: so
# the scan reads only the runs of name characters that can hold a name (see _candidates).
SKIP, GUARD = "\x00", "\x01"
_BMP = 0x10000


class DivisionRecognizer:
    """Pipeline component: adds a :class:`Mention` per division named in the text."""

    def __init__(self, table: DivisionTable | None = None, tokenizer: Tokenizer | None = None) -> None:
        self.table = table or DivisionTable.load()
        self.tokenizer = tokenizer or Tokenizer()
        self._names = {name: _Name(self.table, name)
                       for name in set(self.table.full_names) | set(self.table.short_names) if len(name) >= 2}
        self._longest = max(map(len, self._names))
        self._in_word: dict[tuple[str, int, bool], bool] = {}  # _inside_word by the text around a name
        self._alphabet = alphabet = set("".join(self._names))
        if SKIP in alphabet or GUARD in alphabet or max(map(ord, alphabet)) >= _BMP:
            raise ValueError("division names must not hold control characters or characters beyond the BMP")
        # Per code point (and one entry for all beyond the BMP): the character's index among the names'
        # characters, or their number for a character no name uses.
        chars = sorted(alphabet)
        self._char_ids = np.full(_BMP + 1, len(chars), dtype=np.int32)
        self._char_ids[[ord(c) for c in chars]] = np.arange(len(chars), dtype=np.int32)
        # The pairs of characters a name opens with, by their indexes (first * (len(chars) + 1) + second).
        self._opens_name = np.zeros((len(chars) + 1) ** 2, dtype=bool)
        ids = self._char_ids
        self._opens_name[[ids[ord(n[0])] * (len(chars) + 1) + ids[ord(n[1])] for n in self._names]] = True

    @cached_property
    def _automaton(self) -> ahocorasick.Automaton:
        """Every name; built on first use, as it orders characters by the dictionary's frequencies."""
        by_first: dict[str, list[str]] = {}
        for name in self._names:
            by_first.setdefault(name[0], []).append(name)
        automaton = ahocorasick.Automaton()
        automaton.add_word(SKIP + GUARD, None)
        for char in sorted(self._alphabet, key=lambda c: (-self.tokenizer.freq(c), c)):
            for name in by_first.get(char, [char + GUARD]):  # a stand-in where no name starts with char
                automaton.add_word(name, self._names.get(name))
        automaton.make_automaton()
        return automaton

    def __call__(self, doc: Document) -> Document:
        doc.mentions.extend(self.match(doc.text))
        return doc

    def match(self, text: str) -> list[Mention]:
        candidates = self._places(text)
        context = self._context(candidates)
        pending = {name for *_, name in candidates if not name.fixed}
        # Once per distinct name: the choice depends only on the name and the article's context.
        levels: list[frozenset[str]] = []

        def own_levels() -> frozenset[str]:
            """The levels the article calls itself by: a scan of the text, needed for few names, so late."""
            if not levels:
                levels.append(frozenset(self_references(text)))
            return levels[0]

        times = Counter(name for *_, name in candidates)
        zoned = {name for _, end, name in candidates if text[end:end + 1] in _ZONE_FIRST_CHARS
                 and text.startswith(_ZONE_WORDS, end)}
        choice = {name: self._choose(name, context, own_levels, times[name], name in zoned) for name in pending}
        # A city written short (黄冈) puts its counties written short (红安) in context too.
        extra = Counter(code for name in pending for rec in [choice[name]] if rec is not None and not name.votes
                        and (rec.is_prefecture or rec.is_province) for code in (rec.code, *self.table.ancestors(rec.code)))
        if extra:
            context2 = context + extra
            choice.update({name: self._choose(name, context2, own_levels, times[name], name in zoned)
                           for name in pending if choice[name] is None})
        chosen = [(begin, end, name, rec) for begin, end, name in candidates
                  for rec in [name.fixed or choice[name]] if rec is not None]
        # A short form standing alone for a province the article is otherwise not about
        # (宁德 inside 宁德时代 in a Hubei report) is a word, not a place.
        province_of = self.table.province_of
        provinces = Counter(province_of(rec.code) for *_, rec in chosen)
        top = max(provinces.values(), default=0)
        mentions = [self._mention(text, begin, end, name, rec) for begin, end, name, rec in chosen
                    if name.full or rec.code == COUNTRY_CODE or top < 3 or provinces[province_of(rec.code)] > 1]
        return self._with_bare_names(text, mentions)

    def _with_bare_names(self, text: str, mentions: list[Mention]) -> list[Mention]:
        """Add the level words that stand for the one division of their kind the article names: 高新区
        for its X高新区, 自治区 for its autonomous region (自治区党委书记 is that region's)."""
        if not mentions:
            return mentions
        kinds: dict[str, set[str]] = {}
        for key in {m.key for m in mentions}:
            kinds.setdefault(self._bare_kind(key), set()).add(key)
        if not any(len(kinds.get(kind, ())) == 1 for kind in _BARE_KINDS.values()):
            return mentions
        taken = [m.span for m in mentions]
        extra = []
        for match in _BARE_NAME.finditer(text):
            word, begin = match.group(), match.start()
            keys = kinds.get(_BARE_KINDS[word], ())
            if len(keys) == 1 and (begin == 0 or text[begin - 1] in _BARE_NAME_AFTER):
                span = Span(begin, match.end())
                if not any(span.overlaps(t) for t in taken):
                    extra.append(Mention(span, word, Kind.DIVISION, "division-level-word", next(iter(keys))))
        return sorted(mentions + extra, key=lambda m: (m.span.begin, m.span.end)) if extra else mentions

    def _bare_kind(self, key: str) -> str:
        if key.startswith("zone:"):
            return key.split(":")[2]
        rec = self.table.by_code.get(key)
        return rec.level if rec else ""

    def _places(self, text: str) -> list[tuple[int, int, _Name]]:
        """The candidates that stand alone as places; where one does not, names starting inside it are
        looked for again (其中阳新: 中阳 is no place, 阳新 is)."""
        found = self._candidates(text)
        alphabet = self._alphabet
        out: list[tuple[int, int, _Name]] = []
        for n, (begin, end, name) in enumerate(found):
            if self._stands_alone(text, begin, end, name):
                out.append((begin, end, name))
                continue
            # Only names starting inside this one: the scan found those beyond it, up to the next.
            stop = min(found[n + 1][0] if n + 1 < len(found) else len(text), end + self._longest)
            rest = "".join(c if c in alphabet else SKIP for c in text[begin + 1:stop])
            out.extend((begin + 1 + b, begin + 1 + e, nm) for b, e, nm in self._matches(rest)
                       if begin + 1 + b < end and self._stands_alone(text, begin + 1 + b, begin + 1 + e, nm))
        return out

    def _stands_alone(self, text: str, begin: int, end: int, name: _Name) -> bool:
        """Whether a name found in the text is a place there, not part of a word or of a company's name.

        Not a place: a name starting inside a word (范县 in 示范县, 新乡 in 创新乡村), a short form
        opening a longer word (阿里 in 阿里巴巴), a name before a word making it another thing's (武汉城市圈,
        丹江口水库), or a name glued into a company's (X科技有限公司, Y（X）有限公司).
        """
        lo = max(0, begin - 4)
        window = (text[lo:end + 3], begin - lo, name.full)
        in_word = self._in_word.get(window)
        if in_word is None:
            in_word = self._in_word[window] = self._inside_word(text, begin, end, name)
            if len(self._in_word) > 100_000:
                self._in_word.clear()  # bounded: the same names in the same words recur
        if in_word:
            return False
        if _NOT_THE_DIVISION.match(text, end):
            return False
        bracketed = text[begin - 1:begin] in _OPENING_BRACKETS and _COMPANY_AFTER.match(text, end) is not None
        return not bracketed and not _glued_to_company(text, end)

    def _inside_word(self, text: str, begin: int, end: int, name: _Name) -> bool:
        """Whether the name starts inside a word, or (a short form) lies inside a longer one."""
        prefixes = self.tokenizer.prefixes
        if begin and prefixes.get(text[begin - 1:begin + 1]):
            # The character before and the name's first one make a word: let jieba say where the words are.
            lo = max(0, begin - 4)
            edges, pos = set(), lo
            for word in self.tokenizer.cut(text[lo:end + 2]):
                edges.add(pos)
                pos += len(word)
            if begin not in edges:
                return True
        if name.full:
            return False
        # A short form part of a longer word: 阿里巴巴, 绿水青山. Words from up to 2 characters before the
        # name to up to 3 after it; from a start, longer ones only while the text still opens a word.
        last = min(end + 4, len(text) + 1)
        for i in range(max(0, begin - 2), begin + 1):
            for j in range(end, last):
                f = prefixes.get(word := text[i:j])
                if f is None:
                    break
                if f and (i, j) != (begin, end) and word not in self._names and not word.endswith(_ZONE_WORDS):
                    return True
        return False

    def _candidates(self, text: str) -> list[tuple[int, int, _Name]]:
        """The automaton's matches in ``text`` with SKIP for every character no name uses (see
        :meth:`_matches`).

        A match lies in a run of name characters holding a pair a name opens with, and any other run
        leaves the scan where the SKIP after it does, matching nothing: so only those runs are scanned,
        a SKIP after each.
        """
        codes = np.frombuffer(text.encode("utf-32-le", "surrogatepass"), dtype=np.uint32)
        ids = np.take(self._char_ids, codes, mode="clip")  # (a code point past the BMP: the last entry)
        other = len(self._alphabet)
        named = ids != other
        skip = np.uint32(ord(SKIP))
        run = np.cumsum(~named)  # one number along each run of name characters
        live = np.zeros(len(codes) + 1, dtype=bool)
        live[run[:-1][self._opens_name[ids[:-1] * (other + 1) + ids[1:]]]] = True
        keep = named & live[run]
        scan = keep.copy()
        scan[1:] |= keep[:-1]  # and the character after a kept run, as SKIP
        at = np.flatnonzero(scan)  # offsets in ``text`` of the scanned characters
        found = self._automaton.iter_long(np.where(keep, codes, skip)[at].tobytes().decode("utf-32-le"))
        offsets = at.tolist()  # (a few hundred: cheaper looked up in a list than by an array made of the ends)
        return [(offsets[end] + 1 - len(name.name), offsets[end] + 1, name) for end, name in found]

    def _matches(self, skipped: str) -> list[tuple[int, int, _Name]]:
        """Leftmost-longest, non-overlapping matches (done by the automaton itself): (begin, end, name), in
        a text with SKIP for every character no name uses."""
        return [(end - len(name.name) + 1, end + 1, name) for end, name in self._automaton.iter_long(skipped)]

    @staticmethod
    def _context(candidates: list[tuple[int, int, _Name]]) -> Counter[str]:
        """Votes for the provinces and prefectures the article is about, from trusted names."""
        return Counter(code for _, _, name in candidates for code in name.votes)

    def _choose(self, name: _Name, context: Counter[str], own_levels: Callable[[], frozenset[str]] = frozenset,
                times: int = 0, zoned: bool = False) -> DivisionRecord | None:
        """The division a name stands for here, when no record is fixed for it (see :class:`_Name`)."""
        # Each record's support: votes for it (its full name is written), for its parent double, those
        # further up once.
        supports = [(context.get(rec.code, 0) * 2 + context.get(parent, 0) * 2
                     + sum(context.get(code, 0) for code in above), rec)
                    for rec, parent, above in name.choices]
        best_support = max(support for support, _ in supports)
        best = [rec for support, rec in supports if support == best_support]
        if len(best) > 1:
            return None  # still ambiguous: better nothing than a guess
        rec = best[0]
        if rec.is_prefecture and not name.full:
            # A city written short stands alone if in context, or rare, or a word jieba knows only as
            # a place (长沙, not 大同 or 安康).
            if best_support > 0 or zoned or self.tokenizer.freq(name.name) < COMMON_WORD_FREQ \
                    or self.tokenizer.tag(name.name) == PLACE_TAG:
                return rec
            return None
        # A county's short form, or a shared full name: its prefecture must be in context, or its full
        # name be written; or the article calls itself by the county's level (我县, 县委书记), writes the
        # rare short form again and again, and no other division goes by it (a county report naming
        # itself short only).
        parent = self.table.ancestors(rec.code)[:1]
        if (parent and context.get(parent[0], 0) > 0) or context.get(rec.code, 0) > 0 or (zoned and len(best) == 1
                                                                                          and len(name.records) == 1):
            return rec  # (a name before a zone word, 阳新经开区, is a place's)
        if (len(name.records) == 1 and times >= MIN_SELF_NAMED and self.tokenizer.freq(name.name) < COMMON_WORD_FREQ
                and self._provinces(context) <= {self.table.province_of(rec.code)} and rec.level in own_levels()):
            return rec  # (not where the article is about another province: 安吉星 in a Hubei report)
        return None

    def _provinces(self, context: Counter[str]) -> set[str]:
        by_code = self.table.by_code
        return {code for code in context if code in by_code and by_code[code].is_province}

    @staticmethod
    def _mention(text: str, begin: int, end: int, name: _Name, rec: DivisionRecord) -> Mention:
        if text[end:end + 1] in _ZONE_FIRST_CHARS:
            for suffix, canonical in ZONE_SUFFIXES:
                if text.startswith(suffix, end):
                    end += len(suffix)
                    return Mention(Span(begin, end), text[begin:end], Kind.DIVISION, "zone-name",
                                   zone_key(rec.code, canonical))
        rule = "division-name" if name.full else "division-short-name"
        return Mention(Span(begin, end), text[begin:end], Kind.DIVISION, rule, rec.code)


__all__ = ["DivisionRecognizer", "zone_key", "COUNTRY_CODE"]
