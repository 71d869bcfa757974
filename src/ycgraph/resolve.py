"""Mentions -> entities: one entity per real thing, aliases merged, IRIs minted.

Divisions resolve by code (and bring their ancestors up to the country, so
``ycg:partOf`` reaches the province); enterprises by company key, with a
short name absorbing its longer forms (金鹰 / 金鹰集团, 汉丰 / 汉丰酵母);
officials by name and province; projects and slogans by normalised name;
each target is its own entity.
"""

from __future__ import annotations

from dataclasses import dataclass

from .gazetteer.divisions import COUNTRY_CODE, DivisionTable
from .gazetteer.lexicon import INDUSTRY_MORPHEMES, STRONG_COMPANY_SUFFIXES, WEAK_COMPANY_SUFFIXES
from .identity import division_iri, entity_iri, target_iri
from .model import Document, Entity, Kind, Mention

_COMPANY_TAILS = tuple(sorted({*WEAK_COMPANY_SUFFIXES, *STRONG_COMPANY_SUFFIXES, *INDUSTRY_MORPHEMES}, key=len,
                              reverse=True))


@dataclass
class Resolution:
    entities: dict[str, Entity]  # IRI -> entity
    mention_entity: dict[Mention, str]  # mention -> IRI


def _first_order(items):
    seen: dict = {}
    for x in items:
        seen.setdefault(x, None)
    return tuple(seen)


def merge_company_keys(keys: set[str]) -> dict[str, str]:
    """Map each company key to the shortest key it extends by a company tail.

    >>> merge_company_keys({"汉丰", "汉丰酵母", "金鹰", "金鹰万华"})
    {'汉丰': '汉丰', '汉丰酵母': '汉丰', '金鹰': '金鹰', '金鹰万华': '金鹰万华'}
    """
    out = {}
    for k in sorted(keys):
        base = k
        for other in sorted(keys, key=len):
            if other != k and k.startswith(other) and k[len(other):] in _COMPANY_TAILS:
                base = other
                break
        out[k] = base
    return out


class Resolver:
    def __init__(self, table: DivisionTable | None = None) -> None:
        self.table = table or DivisionTable.load()

    def __call__(self, doc: Document) -> Resolution:
        entities: dict[str, Entity] = {}
        mention_entity: dict[Mention, str] = {}
        by_kind: dict[Kind, list[Mention]] = {}
        for m in doc.mentions:
            by_kind.setdefault(m.kind, []).append(m)

        # Divisions, with every ancestor and the divisions sections are attributed to.
        division_keys = {m.key for m in by_kind.get(Kind.DIVISION, [])}
        division_keys |= {s.division for s in doc.sections}
        if doc.home_division:
            division_keys.add(doc.home_division)
        surfaces: dict[str, list[str]] = {}
        for m in by_kind.get(Kind.DIVISION, []):
            surfaces.setdefault(m.key, []).append(m.text)
        for key in sorted(division_keys):
            k = key
            while k:
                if division_iri(k) not in entities:
                    entities[division_iri(k)] = self._division(k, surfaces.get(k, []))
                k = self.table.parent(k)
        for m in by_kind.get(Kind.DIVISION, []):
            mention_entity[m] = division_iri(m.key)

        # Enterprises: aliases share the shortest key.
        ent_mentions = by_kind.get(Kind.ENTERPRISE, [])
        canon = merge_company_keys({m.key for m in ent_mentions})
        groups: dict[str, list[Mention]] = {}
        for m in ent_mentions:
            groups.setdefault(canon[m.key], []).append(m)
        for key, ms in sorted(groups.items()):
            iri = entity_iri("enterprise", key)
            names = _first_order(sorted({key, *(m.text for m in ms)}, key=lambda s: (len(s), s)))
            entities[iri] = Entity(iri, Kind.ENTERPRISE, key, key, tuple(n for n in names if n != key))
            for m in ms:
                mention_entity[m] = iri

        for kind, prefix in ((Kind.PROJECT, "project"), (Kind.SLOGAN, "slogan"), (Kind.CONTRIBUTOR, "person")):
            groups = {}
            for m in by_kind.get(kind, []):
                groups.setdefault(m.key, []).append(m)
            for key, ms in sorted(groups.items()):
                iri = entity_iri(prefix, key)
                aliases = tuple(sorted({m.text for m in ms} - {key}))
                entities[iri] = Entity(iri, kind, key, key, aliases)
                for m in ms:
                    mention_entity[m] = iri

        groups = {}
        for m in by_kind.get(Kind.OFFICIAL, []):
            groups.setdefault(m.key, []).append(m)
        for key, ms in sorted(groups.items()):
            iri = entity_iri("official", key)
            posts = _first_order(p for m in ms for p in m.posts)
            entities[iri] = Entity(iri, Kind.OFFICIAL, key, ms[0].text, posts=posts)
            for m in ms:
                mention_entity[m] = iri

        for m in by_kind.get(Kind.TARGET, []):
            iri = target_iri(doc.doc_id, m.key)
            entities[iri] = Entity(iri, Kind.TARGET, m.key, m.text, target=m.target)
            mention_entity[m] = iri
        return Resolution(entities, mention_entity)

    def _division(self, key: str, seen: list[str]) -> Entity:
        label = self.table.label(key)
        rec = self.table.by_code.get(key)
        aliases = set(seen) | (set(rec.short_forms) if rec else set())
        if key.startswith("zone:"):
            level = "开发区"
        else:
            level = rec.level if rec else None
        parent = self.table.parent(key)
        code = key if rec and key != COUNTRY_CODE else None
        return Entity(division_iri(key), Kind.DIVISION, key, label, tuple(sorted(aliases - {label})),
                      admin_code=code, parent=division_iri(parent) if parent else None, level=level)
