"""The grammar of Chinese post titles followed by a person's name.

A post is ``[division][organ]position``: 宜都市 + 委 + 书记, 宜昌市 + 人大常委会 +
副主任, 宜昌高新区 + 党工委 + 书记. Posts chain with 、 or a comma, and a
position right after 、 shares the organ before it (宜昌市人大常委会党组成员、
副主任 is two posts). The name follows the last post.

:func:`find_officials` returns every post chain + name in a text, each post
written out in full. Divisions are given as spans already recognised, so
the grammar never guesses what a place is.

>>> text = "宜昌市人大常委会党组成员、副主任,点军区委书记万红"
>>> divs = [(0, 3, "420500", "宜昌市"), (17, 20, "420504", "点军区")]
>>> [(o.name, o.posts, o.leads) for o in find_officials(text, divs)]
[('万红', ('宜昌市人大常委会党组成员', '宜昌市人大常委会副主任', '点军区委书记'), '420504')]
"""

from __future__ import annotations

import re
from bisect import bisect_left
from dataclasses import dataclass
from functools import lru_cache
from typing import Sequence

from .lexicon import COMPOUND_SURNAMES, NAME_FOLLOWING_VERBS, NAME_STOP_CHARS, NATIONAL_BODIES, ORGANS, POSITIONS, SECRETARY, SURNAMES

# Organs that stand without a division name: the division is implied (市委 = this city's).
STANDALONE_ORGANS = (
    "省委", "市委", "州委", "县委", "区委", "旗委", "党工委", "省政府", "市政府", "县政府", "区政府",
    "省人大常委会", "市人大常委会", "县人大常委会", "区人大常委会", "省政协", "市政协", "县政协", "区政协",
    *NATIONAL_BODIES,
)
# Organs whose 书记 is the party secretary heading the division.
PARTY_COMMITTEES = frozenset({"委", "党工委", "省委", "市委", "州委", "县委", "区委", "旗委"})

_CJK = r"\u4e00-\u9fff"
_CJK_CHAR = re.compile(rf"[{_CJK}]")
# Stands for every character of a division in the text the grammar reads (see _mask).
_DIVISION_MARK = "\uE000"


@dataclass(frozen=True)
class OfficialMatch:
    begin: int  # where the post chain starts
    end: int  # end of the name
    name_begin: int
    name: str
    posts: tuple[str, ...]
    leads: str | None  # division key the person heads as party secretary
    implied: tuple[str, ...] = ()  # organs written without a division (市委), resolved by the caller


def _alt(words: Sequence[str]) -> str:
    return "|".join(re.escape(w) for w in sorted(set(words), key=len, reverse=True))


@lru_cache(maxsize=1)
def _unit_pattern() -> re.Pattern[str]:
    # One post unit, with the division replaced by a placeholder character  (see _mask).
    return re.compile(
        rf"(?:(?P<div>\uE000+)(?P<organ>{_alt(ORGANS)})?|(?P<solo>{_alt(STANDALONE_ORGANS)}))?(?P<pos>{_alt(POSITIONS)})"
    )


@lru_cache(maxsize=1)
def _position_pattern() -> re.Pattern[str]:
    # Starts with a set of literals, so re's search skips ahead quickly (the unit pattern cannot).
    return re.compile(_alt(POSITIONS))


# The most characters a unit can hold before its position, besides its division's placeholders.
_MAX_ORGAN_LEN = max(map(len, (*ORGANS, *STANDALONE_ORGANS)))


def _next_unit(mtext: str, pos: int) -> re.Match[str] | None:
    """``_unit_pattern().search(mtext, pos)``, without trying the unit pattern at every character.

    A unit ends with a position, so the first unit from ``pos`` has its position at or after
    ``first``, the first position found from there. Before its position it holds at most an
    organ, after a run of division placeholders: so it starts no earlier than an organ's length
    before ``first``, moved back over any placeholders there.
    """
    first = _position_pattern().search(mtext, pos)
    if first is None:
        return None
    start = max(pos, first.start() - _MAX_ORGAN_LEN)
    while start > pos and mtext[start - 1] == _DIVISION_MARK:
        start -= 1
    return _unit_pattern().search(mtext, start)


def _mask(text: str, divisions: Sequence[tuple[int, int, str, str]]) -> str:
    """``text`` with every character of the divisions replaced by _DIVISION_MARK."""
    spans = sorted((max(b, 0), min(e, len(text))) for b, e, _, _ in divisions if b < e)
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


_SEP = "、,，"
_GOVERNMENT_HEAD = re.compile(r"^(?:常务)?副?[省市州县区旗]长$")


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


def find_officials(text: str, divisions: Sequence[tuple[int, int, str, str]]) -> list[OfficialMatch]:
    """Every post chain followed by a name.

    ``divisions`` are ``(begin, end, key, surface)`` of the divisions
    recognised in ``text``. Returns matches in text order.
    """
    return _find_officials(text, _mask(text, divisions), divisions)


def sole_official(text: str, divisions: Sequence[tuple[int, int, str, str]]) -> OfficialMatch | None:
    """The official if ``text`` is one post chain and name and nothing else (a leader line).

    >>> sole_official("宜都市委书记夏明海", [(0, 3, "420581", "宜都市")]).leads
    '420581'
    >>> sole_official("宜都市委书记夏明海说", [(0, 3, "420581", "宜都市")]) is None
    True
    """
    mtext = _mask(text, divisions)
    if not _unit_pattern().match(mtext):
        return None  # the first post chain would not start the text
    found = _find_officials(text, mtext, divisions)
    return found[0] if len(found) == 1 and found[0].begin == 0 and found[0].end == len(text) else None


def _find_officials(text: str, mtext: str, divisions: Sequence[tuple[int, int, str, str]]) -> list[OfficialMatch]:
    """find_officials, given ``text`` masked (see _mask)."""
    div_at: dict[int, tuple[int, str, str]] = {}
    for b, e, key, surface in divisions:
        div_at[b] = (e, key, surface)
    div_starts = sorted(div_at)

    def last_division_start(begin: int, end: int) -> int | None:
        """The last division starting in [begin, end), if any."""
        i = bisect_left(div_starts, end) - 1
        return div_starts[i] if i >= 0 and div_starts[i] >= begin else None

    unit = _unit_pattern()
    out: list[OfficialMatch] = []
    pos = 0
    while True:
        m = _next_unit(mtext, pos)
        if not m:
            break
        chain_begin = m.start()
        if m.group("div"):
            # The placeholder run may span several divisions; the post's is the last one.
            start = last_division_start(*m.span("div"))
            chain_begin = start if start is not None else m.start()
        posts: list[str] = []
        implied: list[str] = []
        leads: str | None = None
        cur = m
        org_text = ""
        org_div: str | None = None
        organ = ""
        surface = ""
        while True:
            if cur.group("div"):
                start = last_division_start(*cur.span("div"))
                b = start if start is not None else cur.start("div")
                _, org_div, surface = div_at.get(b, (0, None, text[cur.start("div"):cur.end("div")]))
                organ = cur.group("organ") or ""
                org_text = surface + organ
            elif cur.group("solo"):
                organ = cur.group("solo")
                org_text, org_div, surface = organ, None, ""
                implied.append(organ)
            position = cur.group("pos")
            if _GOVERNMENT_HEAD.match(position) and organ in PARTY_COMMITTEES and surface and not cur.group("div"):
                # 县委副书记、县长: the county head belongs to the county, not to its party committee.
                posts.append(surface + position)
            else:
                posts.append(org_text + position)
            if position == SECRETARY and organ in PARTY_COMMITTEES and org_div and leads is None:
                leads = org_div
            nxt = cur.end()
            if nxt < len(mtext) and mtext[nxt] in _SEP:
                follow = unit.match(mtext, nxt + 1)
                if follow:
                    if not (follow.group("div") or follow.group("solo")):
                        pass  # 、副主任: shares the organ before it
                    cur = follow
                    continue
            break
        line_end = text.find("\n", cur.end())
        line_end = len(text) if line_end < 0 else line_end
        name_begin = cur.end()
        while name_begin < line_end and text[name_begin] in " \u3000\t":  # 湖北省省长 王忠林
            name_begin += 1
        name = _name_at(text, name_begin, line_end)
        if name:
            out.append(OfficialMatch(chain_begin, name_begin + len(name), name_begin, name, tuple(posts), leads,
                                     tuple(implied)))
            pos = name_begin + len(name)
        else:
            pos = m.end()
    return out
