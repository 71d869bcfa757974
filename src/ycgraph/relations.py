"""Entities -> relations, each with the spans it was read from.

A mention inside a section is attributed to the section's division; outside
every section, to the division its sentence is about (see
:meth:`Document.division_at`). Enterprises named inside a project's name
are involved in that project.
"""

from __future__ import annotations

from .identity import division_iri
from .model import Document, Kind, Relation, Span
from .resolve import Resolution

PREDICATES_BY_KIND = {
    Kind.ENTERPRISE: ("mentions",),
    Kind.PROJECT: ("mentions", "plans"),
    Kind.SLOGAN: ("mentions", "promotes"),
    Kind.TARGET: ("setsTarget",),
}


def find_relations(doc: Document, res: Resolution) -> list[Relation]:
    evidence: dict[tuple[str, str, str], list[Span]] = {}

    def add(s: str, p: str, o: str, *spans: Span) -> None:
        evidence.setdefault((s, p, o), []).extend(spans)

    for m, iri in res.mention_entity.items():
        if m.kind is Kind.OFFICIAL and m.leads:
            add(iri, "leads", division_iri(m.leads), m.span)
        predicates = PREDICATES_BY_KIND.get(m.kind)
        if predicates:
            division = doc.division_at(m.span.begin)
            if division:
                for p in predicates:
                    add(division_iri(division), p, iri, m.span)
    projects = [(m, iri) for m, iri in res.mention_entity.items() if m.kind is Kind.PROJECT]
    enterprises = [(m, iri) for m, iri in res.mention_entity.items() if m.kind is Kind.ENTERPRISE]
    for pm, piri in projects:
        for em, eiri in enterprises:
            if em.span in pm.span:
                add(piri, "involves", eiri, pm.span, em.span)
    # Evidence in the order found (deterministic); the writers sort what they write.
    return [Relation(s, p, o, tuple(dict.fromkeys(spans))) for (s, p, o), spans in sorted(evidence.items())]
