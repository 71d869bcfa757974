"""The grammar of Chinese post titles followed by a person's name.

A post is ``[scope][organ]position`` (tables in ``lexicon.py``):

* the scope is a division named in the text (襄阳市 + 委 + 书记), a level word
  standing for a division of the context (市 + 委 + 常委: this article's city),
  a zone word (高新区 + 党工委 + 书记), a national body (商务部 + 部长), or a
  village or town written as the text does (云溪村 + 支部 + 书记);
* the organ is a known body (人大常委会, 政协, 党委 ...) or, after a scope, any
  name with an organ's ending (发展和改革局);
* a bare government head (市长王某) names its level.

Posts chain with 、 (or a comma) and the name follows the last one. A post
right after 、 shares the scope before it; a bare position also shares the
organ (十堰市人大常委会党组成员、副主任), except a government head after a
party post (县委副书记、县长 is the county's head), and a committee's
department after a committee post shares the committee (市委常委、政法委书记).

:func:`find_officials` writes every post out in full. Divisions are given as
spans already recognised, so the grammar never guesses what a place is; a
level or zone word is resolved by the caller's ``resolve`` (without one,
those posts are left out).

>>> text = "十堰市人大常委会党组成员、副主任,郧阳区委书记陈小红"
>>> divs = [(0, 3, "420300", "十堰市"), (17, 20, "420304", "郧阳区")]
>>> [(o.name, o.posts, o.leads) for o in find_officials(text, divs)]
[('陈小红', ('十堰市人大常委会党组成员', '十堰市人大常委会副主任', '郧阳区委书记'), '420304')]
>>> city = lambda word, offset, near: ("420300", "十堰市") if word == "市" else None
>>> [(o.name, o.posts, o.leads) for o in find_officials("市委副书记、市长王小东出席。", [], city)]
[('王小东', ('十堰市委副书记', '十堰市市长'), None)]
"""

from __future__ import annotations

import re
from bisect import bisect_left
from dataclasses import dataclass
from functools import lru_cache
from typing import Callable, Sequence

from .lexicon import (
    COMPANY_BODY_ENDINGS, COMPOUND_SURNAMES, FREE_ORGAN_MAX_LEN, FREE_ORGAN_STOP_CHARS, FREE_ORGAN_SUFFIXES, GOVERNMENT_HEADS,
    LEVEL_DEMONSTRATIVES, LEVEL_WORD_NOT_BEFORE, LEVEL_WORDS, LOCAL_PLACE_MAX_LEN, LOCAL_PLACE_SUFFIXES,
    NAME_FOLLOWING_VERBS, NAME_STOP_CHARS, NATIONAL_BODIES, ORGANS, PARTY_COMMITTEE_ORGANS, POSITIONS,
    SCOPE_MAY_FOLLOW, SECRETARY, SUB_DEPARTMENTS, SURNAMES,
)

# Zone words a post may start with (高新区党工委书记); the canonical forms are the division
# recogniser's (extractors/divisions.py), kept in step by tests/test_officials_posts.py.
ZONE_WORDS = ("高新技术产业开发区", "经济技术开发区", "综合保税区", "高新区", "经开区", "开发区", "综保区",
              "保税区", "自贸片区", "临空经济区")
# Organs whose 书记 is the party secretary heading the division.
PARTY_COMMITTEES = frozenset(PARTY_COMMITTEE_ORGANS)
# Tails of an organ that name its party group, not another body: what a bare position
# after 人大常委会党组书记 shares is the 人大常委会.
_PARTY_GROUP_TAILS = ("党组", "党委")
# Alone after a scope, 党组 is still a party group (国家发展改革委党组书记、主任), while 党委 is
# the division's own committee (自治区党委常委、秘书长).
_PARTY_GROUPS_ONLY = frozenset({"党组"})

# resolve(word, offset, near): the (key, label) of the division a level or zone word at
# ``offset`` stands for; ``near`` is the key of the division the chain named just before.
Resolve = Callable[[str, int, "str | None"], "tuple[str, str] | None"]

_CJK = "\u4e00-\u9fff"
_CJK_CHAR = re.compile(rf"[{_CJK}]")
# Stands for every character of a division in the text the grammar reads (see _mask).
_DIVISION_MARK = "\uE000"
COUNTRY_KEY = "CN"  # not masked: 中国人民银行 is a national body, not the country's organ


@dataclass(frozen=True)
class OfficialMatch:
    begin: int  # where the post chain starts
    end: int  # end of the name
    name_begin: int
    name: str
    posts: tuple[str, ...]
    leads: str | None  # division key the person heads as party secretary
    keys: tuple[str, ...] = ()  # division keys of the posts' scopes, in order
    lead_span: tuple[int, int] | None = None  # where the text names the division ``leads`` is


def _alt(words: Sequence[str]) -> str:
    return "|".join(re.escape(w) for w in sorted(set(words), key=len, reverse=True))


def _cjk_class_without(chars: str) -> str:
    """A character class of the CJK block minus ``chars``."""
    out, lo = [], 0x4E00
    for c in sorted({ord(ch) for ch in chars if "\u4e00" <= ch <= "\u9fff"}):
        if c > lo:
            out.append(f"{chr(lo)}-{chr(c - 1)}")
        lo = c + 1
    out.append(f"{chr(lo)}-\u9fff")
    return "[" + "".join(out) + "]"


def _unit_regex(follow: bool) -> str:
    """One post unit. ``follow``: right after a 、 of a chain, where an organ may stand alone."""
    # A bare level, zone or place word starts a word: not after a character it would continue.
    word_start = f"(?<!{_cjk_class_without(SCOPE_MAY_FOLLOW)})"
    level = (f"{word_start}(?:{_alt(LEVEL_DEMONSTRATIVES)})?"
             f"(?P<lvl>{_alt(LEVEL_WORDS)})(?![{LEVEL_WORD_NOT_BEFORE}])")
    zone = f"{word_start}(?:{_alt(LEVEL_DEMONSTRATIVES)})?(?P<zone>{_alt(ZONE_WORDS)})"
    local = (f"(?<![{_CJK}\uE000])(?P<local>(?![{SCOPE_MAY_FOLLOW}]){_cjk_class_without(FREE_ORGAN_STOP_CHARS)}"
             f"{{1,{LOCAL_PLACE_MAX_LEN}}}?(?:{_alt(LOCAL_PLACE_SUFFIXES)}))")
    # A division's short form may be followed by its level word: 黄石 + 市委.
    scope = (f"(?P<scope>(?P<div>\uE000+)(?P<divlvl>{_alt(LEVEL_WORDS)})?|(?P<nat>{_alt(NATIONAL_BODIES)})|{zone}|{level}|{local})")
    free = (f"{_cjk_class_without(FREE_ORGAN_STOP_CHARS)}{{1,{FREE_ORGAN_MAX_LEN}}}?"
            f"(?:{_alt(FREE_ORGAN_SUFFIXES)})")
    # After a scope any organ's name may stand; with no scope only a known one (or any, in a chain).
    organ = f"(?P<organ>{_alt(ORGANS)}|{free})" if follow else f"(?P<organ>{_alt(ORGANS)}|(?(scope){free}|(?!)))"
    return f"{scope}?{organ}?(?P<pos>{_alt(POSITIONS)})"


@lru_cache(maxsize=1)
def _unit_pattern() -> re.Pattern[str]:
    return re.compile(_unit_regex(follow=False))


@lru_cache(maxsize=1)
def _follow_pattern() -> re.Pattern[str]:
    return re.compile(_unit_regex(follow=True))


@lru_cache(maxsize=1)
def _position_pattern() -> re.Pattern[str]:
    # Starts with a set of literals, so re's search skips ahead quickly (the unit pattern cannot).
    return re.compile(_alt(POSITIONS))


# The most characters a unit can hold before its position, besides its division's placeholders.
_MAX_PREFIX_LEN = (max(map(len, (*NATIONAL_BODIES, *ZONE_WORDS, *LEVEL_WORDS))) + 1
                   + max(FREE_ORGAN_MAX_LEN + max(map(len, FREE_ORGAN_SUFFIXES)), *map(len, ORGANS)))


# A character no unit holds: a unit is CJK characters (all the lexicon's words are) and placeholders.
_UNIT_CHARS = f"{_CJK}{_DIVISION_MARK}"
_LAST_NOT_IN_UNIT = re.compile(rf"[^{_UNIT_CHARS}][{_UNIT_CHARS}]*\Z")


def _next_unit(mtext: str, pos: int) -> re.Match[str] | None:
    """``_unit_pattern().search(mtext, pos)``, without trying the unit pattern at every character.

    A unit ends with a position, so the first unit from ``pos`` has its position at or after
    ``first``, the first position found from there. Before its position it holds at most a
    scope and an organ, after a run of division placeholders: so it starts no earlier than
    their length before ``first``, moved back over any placeholders there; and after the last
    character before ``first`` that no unit holds.
    """
    first = _position_pattern().search(mtext, pos)
    if first is None:
        return None
    start = max(pos, first.start() - _MAX_PREFIX_LEN)
    while start > pos and mtext[start - 1] == _DIVISION_MARK:
        start -= 1
    barrier = _LAST_NOT_IN_UNIT.search(mtext, start, first.start())
    if barrier is not None:
        start = barrier.start() + 1
    return _unit_pattern().search(mtext, start)


def _mask(text: str, divisions: Sequence[tuple[int, int, str, str]]) -> str:
    """``text`` with every character of the divisions replaced by _DIVISION_MARK."""
    spans = sorted((max(b, 0), min(e, len(text))) for b, e, key, _ in divisions if b < e and key != COUNTRY_KEY)
    pieces = []
    done = 0  # text before this is copied or masked
    for b, e in spans:
        if e > done:
            if b < done:  # overlaps the span before
                b = done
            pieces += (text[done:b], _DIVISION_MARK * (e - b))
            done = e
    pieces.append(text[done:])
    return "".join(pieces)


# Between the posts of a chain: 市委常委、副市长; 副市长兼公安局局长.
_SEP = "、,，兼"


def _name_at(text: str, i: int, line_end: int) -> str | None:
    """A personal name starting at ``i``: surname + one or two characters.

    The name ends the line, or stops before a non-name character or a verb
    (王大明宣布, 李明强调): the longest reading that does so wins.
    """
    for sur in COMPOUND_SURNAMES:
        if text.startswith(sur, i):
            rest = i + 2
            break
    else:
        if i >= len(text) or text[i] not in SURNAMES:
            return None
        rest = i + 1
    j = rest
    while j < min(rest + 2, line_end) and _CJK_CHAR.match(text[j]) and text[j] not in NAME_STOP_CHARS:
        j += 1
    for end in range(j, rest, -1):
        if end >= line_end or not _CJK_CHAR.match(text[end]) or text[end] in NAME_STOP_CHARS:
            if not (end - rest == 2 and text[end - 1:end + 1] in NAME_FOLLOWING_VERBS):
                return text[i:end]
        if text[end:end + 2] in NAME_FOLLOWING_VERBS:
            return text[i:end]
    return None  # running on into more text: not a name


def _in_company(text: str, chain_begin: int, units: Sequence[_Unit]) -> bool:
    """Whether the chain's posts are in a company: it follows a company's name, or an organ is one."""
    return (text.endswith(COMPANY_BODY_ENDINGS, 0, chain_begin)
            or any(e in u.organ for u in units for e in COMPANY_BODY_ENDINGS))


def _body(organ: str) -> str:
    """The body an organ belongs to, without its party group (人大常委会党组 -> 人大常委会)."""
    for tail in _PARTY_GROUP_TAILS:
        if organ.endswith(tail) and (len(organ) > len(tail) or tail in _PARTY_GROUPS_ONLY):
            return organ[: -len(tail)]
    return organ


@dataclass(frozen=True)
class _Unit:
    """One post of a chain as read: what it is scoped by, and how it is written out."""

    prefix: str | None  # the scope written out (a division's name), None if it could not be resolved
    key: str | None  # the scope's division key, if it is a division
    organ: str
    position: str
    span: tuple[int, int]  # where the scope is named in the text (for lead_span)

    @property
    def post(self) -> str:
        return (self.prefix or "") + self.organ + self.position


def _read_unit(cur: re.Match[str], text: str, div_at, last_division_start, prev: _Unit | None,
               resolve: Resolve | None) -> _Unit:
    """The post one matched unit writes, given the unit before it in the chain (``prev``)."""
    organ, position = cur.group("organ") or "", cur.group("pos")
    near = prev.key if prev else None
    if cur.group("div"):
        start = last_division_start(*cur.span("div"))
        b = start if start is not None else cur.start("div")
        _, key, surface = div_at.get(b, (0, None, text[cur.start("div"):cur.end("div")]))
        return _Unit(surface + (cur.group("divlvl") or ""), key, organ, position, (b, cur.end("div")))
    for group in ("lvl", "zone"):
        word = cur.group(group)
        if word:
            found = resolve(word, cur.start(group), near) if resolve else None
            key, label = found if found else (None, None)
            return _Unit(label, key, organ, position, cur.span(group))
    for group in ("nat", "local"):
        if cur.group(group):  # written as the text writes it; not a division of the table
            return _Unit(cur.group(group), None, organ, position, cur.span(group))
    if prev is not None:
        if organ:
            if organ in SUB_DEPARTMENTS:  # 市委常委、政法委书记: the committee's department
                organ = _body(prev.organ) + organ
            return _Unit(prev.prefix, prev.key, organ, position, prev.span)
        if position in GOVERNMENT_HEADS and (GOVERNMENT_HEADS[position] or prev.organ in PARTY_COMMITTEES):
            # 县委副书记、县长; 市政府党组书记、市长: the division's head (an autonomous region's
            # 主席 only after a party post: 政协副主席、主席 stays the 政协's).
            return _Unit(prev.prefix, prev.key, "", position, prev.span)
        return _Unit(prev.prefix, prev.key, _body(prev.organ), position, prev.span)  # 党组成员、副主任
    level = GOVERNMENT_HEADS.get(position)
    if level and not organ and resolve:  # 市长王某: the head of this article's city
        found = resolve(level, cur.start("pos"), None)
        if found:
            return _Unit(found[1], found[0], "", position, (cur.start("pos"), cur.start("pos")))
    return _Unit(None, None, organ, position, cur.span())


def find_officials(text: str, divisions: Sequence[tuple[int, int, str, str]],
                   resolve: Resolve | None = None) -> list[OfficialMatch]:
    """Every post chain followed by a name.

    ``divisions`` are ``(begin, end, key, surface)`` of the divisions
    recognised in ``text``; ``resolve`` finds the division a level or zone
    word stands for (see :data:`Resolve`). Returns matches in text order;
    posts whose scope is not known are left out.
    """
    return _find_officials(text, _mask(text, divisions), divisions, resolve)


def sole_official(text: str, divisions: Sequence[tuple[int, int, str, str]]) -> OfficialMatch | None:
    """The official if ``text`` is one post chain and name and nothing else (a leader line).

    >>> sole_official("襄阳市委书记王大明", [(0, 3, "420600", "襄阳市")]).leads
    '420600'
    >>> sole_official("襄阳市委书记王大明说", [(0, 3, "420600", "襄阳市")]) is None
    True
    """
    mtext = _mask(text, divisions)
    if not _unit_pattern().match(mtext):
        return None  # the first post chain would not start the text
    found = _find_officials(text, mtext, divisions, None)
    return found[0] if len(found) == 1 and found[0].begin == 0 and found[0].end == len(text) else None


def _find_officials(text: str, mtext: str, divisions: Sequence[tuple[int, int, str, str]],
                    resolve: Resolve | None) -> list[OfficialMatch]:
    """find_officials, given ``text`` masked (see _mask)."""
    div_at: dict[int, tuple[int, str, str]] = {}
    for b, e, key, surface in divisions:
        div_at[b] = (e, key, surface)
    div_starts = sorted(div_at)

    def last_division_start(begin: int, end: int) -> int | None:
        """The last division starting in [begin, end), if any."""
        i = bisect_left(div_starts, end) - 1
        return div_starts[i] if i >= 0 and div_starts[i] >= begin else None

    follow = _follow_pattern()
    out: list[OfficialMatch] = []
    pos = 0
    while True:
        m = _next_unit(mtext, pos)
        if not m:
            break
        units: list[_Unit] = []
        cur = m
        while True:
            units.append(_read_unit(cur, text, div_at, last_division_start, units[-1] if units else None, resolve))
            nxt = cur.end()
            if nxt < len(mtext) and mtext[nxt] in _SEP:
                following = follow.match(mtext, nxt + 1)
                if following:
                    cur = following
                    continue
            break
        line_end = text.find("\n", cur.end())
        line_end = len(text) if line_end < 0 else line_end
        name_begin = cur.end()
        while name_begin < line_end and text[name_begin] in " \u3000\t":  # 湖北省省长 王大明
            name_begin += 1
        name = _name_at(text, name_begin, line_end)
        if name and _in_company(text, m.start(), units):
            pos = name_begin + len(name)  # a company's post: not an official
        elif name:
            chain_begin = m.start()
            if m.group("div"):  # the placeholder run may span several divisions; the post's is the last
                start = last_division_start(*m.span("div"))
                chain_begin = start if start is not None else m.start()
            leader = next((u for u in units if u.key and u.position == SECRETARY and u.organ in PARTY_COMMITTEES),
                          None)
            posts = tuple(dict.fromkeys(u.post for u in units if u.prefix is not None))
            keys = tuple(dict.fromkeys(u.key for u in units if u.key))
            out.append(OfficialMatch(chain_begin, name_begin + len(name), name_begin, name, posts,
                                     leader.key if leader else None, keys, leader.span if leader else None))
            pos = name_begin + len(name)
        else:
            pos = m.end()
    return out
