"""Recognise officials: a post chain followed by a personal name.

Posts are written out in full with their division or organ: where the text
writes only a level or zone word (市委书记王某, 高新区党工委书记李某), it
stands for the division of that level around the text's own: the division
the chain named just before, else the one the text at that point is
attributed to (its section's, its sentence's, the article's). The person's
identity key is their name plus the province their posts are in, so a
namesake in another province stays a different person.
"""

from __future__ import annotations

from ..gazetteer.divisions import COUNTRY_CODE, PROVINCE_LEVELS, DivisionTable
from ..gazetteer.lexicon import LEVEL_WORDS
from ..gazetteer.posts import find_officials
from ..model import Document, Kind, Mention, Span
from .divisions import ZONE_SUFFIXES, zone_key

ZONE_LEVEL = "开发区"  # the level a zone key stands at (LEVEL_WORDS["区"] may name one)
_ZONE_CANONICAL = dict(ZONE_SUFFIXES)


def official_key(name: str, province: str | None) -> str:
    """Identity of an official: name and province of their posts.

    >>> official_key("王大明", "420000")
    '王大明|420000'
    """
    return f"{name}|{province or ''}"


def implied_division(table: DivisionTable, word: str, base: str | None) -> str | None:
    """The division a level word (市, 自治区 ...) or zone word (高新区) stands for, seen from ``base``.

    A level word is the nearest division of its level at or above ``base``; a zone word
    is the zone of that name of ``base``'s city or county.

    >>> t = DivisionTable.load()
    >>> implied_division(t, "市", "420323"), implied_division(t, "县", "420323")  # from 竹山县
    ('420300', '420323')
    >>> implied_division(t, "高新区", "420300"), implied_division(t, "市", "zone:420300:高新区")
    ('zone:420300:高新区', '420300')
    >>> implied_division(t, "旗", "420300") is None  # no banner above 十堰市
    True
    """
    if not base or base == COUNTRY_CODE:
        return None
    chain = [base]
    code = base.split(":")[1] if base.startswith("zone:") else base
    if code != base:
        chain.append(code)
    chain += [c for c in table.ancestors(code) if c != COUNTRY_CODE]
    if word in LEVEL_WORDS:
        levels = LEVEL_WORDS[word]
        return next((c for c in chain if _level(table, c) in levels), None)
    canonical = _ZONE_CANONICAL.get(word)
    if canonical is None:
        return None
    if base.startswith("zone:") and base.endswith(":" + canonical):
        return base
    parent = next((c for c in chain if not c.startswith("zone:")), None)
    if parent is None or _level(table, parent) in PROVINCE_LEVELS:
        return None  # a province names no zone of its own this way
    return zone_key(parent, canonical)


def _level(table: DivisionTable, key: str) -> str | None:
    if key.startswith("zone:"):
        return ZONE_LEVEL
    rec = table.by_code.get(key)
    return rec.level if rec else None


class OfficialRecognizer:
    """Pipeline component: adds a :class:`Mention` per named official, with posts.

    When the division an official leads is named only by a level or zone word
    (高新区党工委书记), that word is added as a mention of the division too.
    """

    def __init__(self, table: DivisionTable | None = None) -> None:
        self.table = table or DivisionTable.load()

    def __call__(self, doc: Document) -> Document:
        doc.mentions.extend(self.match(doc))
        return doc

    def match(self, doc: Document) -> list[Mention]:
        division_mentions = [m for m in doc.mentions if m.kind is Kind.DIVISION]
        # A bare level word standing for a division (自治区, 高新区) writes posts out with the division's name.
        divisions = [(m.span.begin, m.span.end, m.key,
                      self.table.label(m.key) if m.rule == "division-level-word" else m.text)
                     for m in division_mentions]
        known = {m.key for m in division_mentions} | {s.division for s in doc.sections} | {doc.home_division}

        def resolve(word: str, offset: int, near: str | None) -> tuple[str, str] | None:
            key = implied_division(self.table, word, near or doc.division_at(offset))
            return (key, self.table.label(key)) if key else None

        out = []
        for found in find_officials(doc.text, divisions, resolve):
            anchor = found.leads or (found.keys[0] if found.keys else doc.home_division)
            span = Span(found.name_begin, found.end)
            out.append(Mention(span, found.name, Kind.OFFICIAL, "post-and-name",
                               official_key(found.name, self._province(anchor)), posts=found.posts,
                               leads=found.leads))
            if found.leads and found.leads not in known and found.lead_span:
                # The division exists only through this post: its word in the text is its mention.
                b, e = found.lead_span
                out.append(Mention(Span(b, e), doc.text[b:e], Kind.DIVISION, "post-scope", found.leads))
                known.add(found.leads)
        return out

    def _province(self, key: str | None) -> str | None:
        if not key or key == COUNTRY_CODE:
            return None
        code = key.split(":")[1] if key.startswith("zone:") else key
        return self.table.province_of(code)
