"""Entities -> relations, each with the spans it was read from.

A mention inside a section is attributed to the section's division; outside
every section, to the division its sentence is about (see
:meth:`Document.division_at`).

A project ``ycg:involves`` an enterprise when

* the enterprise is named at the head of the project's name, or inside it
  (金穗集团年产30万件服装项目; 金穗 named elsewhere, 金穗服装基地);
* the clause says the enterprise invests in or builds it: 由X投资建设的Y,
  X投资N亿元建设Y, X、Z等企业投资建设的Y, X在开发区建设Y项目, Y由X投资建设
  (the verbs are ``INVOLVEMENT_VERBS``, the words before them ``INVOLVEMENT_ADVERBS``);
* it is a second capacity joined to a company-headed one (X集团A生产线和年产N万吨B项目):
  the head names the company for both.
"""

from __future__ import annotations

import re
from bisect import bisect_left

from .gazetteer.lexicon import INVOLVEMENT_ADVERBS, INVOLVEMENT_VERBS
from .identity import division_iri
from .model import Document, Kind, Mention, Relation, Span
from .resolve import Resolution
from .vocabulary import RelationType
from .extractors.textspans import CLAUSE_BREAKS

# What a division's statement naming each kind of entity says of it.
PREDICATES_BY_KIND: dict[Kind, tuple[RelationType, ...]] = {
    Kind.ENTERPRISE: (RelationType.MENTIONS,),
    Kind.PROJECT: (RelationType.MENTIONS, RelationType.PLANS),
    Kind.SLOGAN: (RelationType.MENTIONS, RelationType.PROMOTES),
    Kind.TARGET: (RelationType.SETS_TARGET,),
}

_VERBS = "|".join(re.escape(v) for v in sorted(INVOLVEMENT_VERBS, key=len, reverse=True))
_ADVERBS = "|".join(re.escape(v) for v in sorted(INVOLVEMENT_ADVERBS, key=len, reverse=True))
_AMOUNT = r"(?:[约近超逾达]?[0-9.]+[万亿]*(?:美元|元)?)"
# Between the (last) enterprise and the project: a short frame with an involvement verb.
# 等企业 / 在X开发区 / 将 / 计划 before the verb; an amount (N亿元) and a second verb after it; 的 at the end.
# Or only 的 (X集团的Y项目: the company's own).
_FRAME = re.compile(rf"(?:等[\u4e00-\u9fff]{{0,6}}?|[在于][\u4e00-\u9fff（）()]{{1,14}}?)?(?:{_ADVERBS}){{0,2}}"
                    rf"(?:{_VERBS}){_AMOUNT}?(?:{_VERBS})?[了的]?|的")
# After the project, the same told the other way round: Y(项目)(，)由X投资建设 | Y由X、Z合作建设.
_FRAME_AFTER_OPEN = re.compile(r"(?:项目)?[，,]?(?:系|是|将|已)?由")
_FRAME_AFTER_CLOSE = re.compile(rf"(?:等[\u4e00-\u9fff]{{0,6}}?)?(?:{_ADVERBS}){{0,2}}(?:{_VERBS})")
# What may join two enterprises named together (A、B和C), or a capacity to the project before it.
_JOIN = re.compile(r"[、和及与]|以及")
# What joins the projects of one investor's list (X投资建设A、B、C); 的A和B leaves B's builder open.
_LIST_JOIN = re.compile(r"[、，,]")
# A project whose name opens with a capacity (年产5万吨, 30万吨, 2×35万千瓦).
_CAPACITY_START = re.compile(r"(?:年产|日产|年处理|年加工)?[0-9]")
MIN_HEAD = 2
# How far left of a project its clause is looked for (a frame is short; this bounds the work).
FRAME_REACH = 60
_UP_TO_LAST_BREAK = re.compile(f".*[{re.escape(CLAUSE_BREAKS)}]", re.DOTALL)


def find_relations(doc: Document, res: Resolution) -> list[Relation]:
    evidence: dict[tuple[str, RelationType, str], list[Span]] = {}

    def add(s: str, p: RelationType, o: str, *spans: Span) -> None:
        evidence.setdefault((s, p, o), []).extend(spans)

    for m, iri in res.mention_entity.items():
        if m.kind is Kind.OFFICIAL and m.leads:
            add(iri, RelationType.LEADS, division_iri(m.leads), m.span)
        predicates = PREDICATES_BY_KIND.get(m.kind)
        if predicates:
            division = doc.division_at(m.span.begin)
            if division:
                for p in predicates:
                    add(division_iri(division), p, iri, m.span)
    for piri, eiri, spans in involvements(doc, res):
        add(piri, RelationType.INVOLVES, eiri, *spans)
    # Evidence in the order found (deterministic); the writers sort what they write.
    return [Relation(s, p, o, tuple(dict.fromkeys(spans))) for (s, p, o), spans in sorted(evidence.items())]


def involvements(doc: Document, res: Resolution) -> list[tuple[str, str, tuple[Span, ...]]]:
    """(project IRI, enterprise IRI, evidence spans) for each project and the enterprises it involves."""
    by_begin = lambda m: (m.span.begin, m.span.end)  # noqa: E731  (Span's order, as plain tuples)
    projects = sorted((m for m in res.mention_entity if m.kind is Kind.PROJECT), key=by_begin)
    enterprises = sorted((m for m in res.mention_entity if m.kind is Kind.ENTERPRISE), key=by_begin)
    if not projects or not enterprises:
        return []
    out: list[tuple[str, str, tuple[Span, ...]]] = []
    ent_begins = [m.span.begin for m in enterprises]
    heads = _head_names(res, enterprises)
    headed: dict[Mention, list[str]] = {}
    text = doc.text
    for n, pm in enumerate(projects):
        piri = res.mention_entity[pm]
        # Named inside the project's name.
        i = bisect_left(ent_begins, pm.span.begin)
        while i < len(enterprises) and enterprises[i].span.begin < pm.span.end:
            em = enterprises[i]
            if em.span in pm.span:
                out.append((piri, res.mention_entity[em], (pm.span, em.span)))
                headed.setdefault(pm, []).append(res.mention_entity[em])
            i += 1
        # Named at the head, by a name the article gives the enterprise elsewhere.
        for name, eiri, written in heads.get(pm.text[:MIN_HEAD], ()):
            # A name as written (徽云等项目 is the company's own); a short key only before a capacity
            # (金穗3000t/d生产线), as a short key may be a place too (X实验室).
            if pm.text.startswith(name) and (written or _CAPACITY_START.match(pm.text, len(name))):
                out.append((piri, eiri, (pm.span,)))
                headed.setdefault(pm, []).append(eiri)
                break
        # A second capacity after a company-headed project (X集团A生产线和年产N万吨B项目).
        if n and pm not in headed and _CAPACITY_START.match(pm.text):
            prev = projects[n - 1]
            if prev in headed and _JOIN.fullmatch(text, prev.span.end, pm.span.begin):
                for eiri in headed[prev]:
                    out.append((piri, eiri, (prev.span, pm.span)))
        # An investment frame in the project's clause (from its last break, within FRAME_REACH).
        reach = max(0, pm.span.begin - FRAME_REACH)
        before = _UP_TO_LAST_BREAK.match(text, reach, pm.span.begin)
        for em in _investors(text, before.end() if before else reach, n, projects, enterprises, ent_begins):
            out.append((piri, res.mention_entity[em], (em.span, pm.span)))
        for em in _builders_after(text, pm, enterprises, ent_begins):
            out.append((piri, res.mention_entity[em], (pm.span, em.span)))
    return out


def _head_names(res: Resolution, enterprises: list[Mention]) -> dict[str, list[tuple[str, str, bool]]]:
    """Enterprises' names by their first characters, longest first (金穗集团 before 金穗): each name the
    article writes (True), and each short key (False)."""
    names: dict[tuple[str, str], bool] = {}
    for m in enterprises:
        iri = res.mention_entity[m]
        names[(m.text, iri)] = True
        names.setdefault((res.entities[iri].key, iri), False)
    out: dict[str, list[tuple[str, str, bool]]] = {}
    for (name, iri), written in sorted(names.items(), key=lambda x: (-len(x[0][0]), x[0])):
        if len(name) >= MIN_HEAD:
            out.setdefault(name[:MIN_HEAD], []).append((name, iri, written))
    return out


def _investors(text: str, clause_begin: int, k: int, projects: list[Mention], enterprises: list[Mention],
               ent_begins: list[int]) -> list[Mention]:
    """The enterprises the clause before ``projects[k]`` says invest in it (X、Y等企业投资建设的 | project)."""
    # Step left over the projects listed before this one (投资建设A、B和C: C is built too).
    end = projects[k].span.begin
    while k > 0:
        prev = projects[k - 1]
        if prev.span.end <= end and prev.span.begin >= clause_begin and _LIST_JOIN.fullmatch(text, prev.span.end, end):
            end = prev.span.begin
            k -= 1
        else:
            break
    i = bisect_left(ent_begins, end) - 1  # the last enterprise starting before the frame's end
    while i >= 0 and enterprises[i].span.end > end:
        i -= 1
    if i < 0 or enterprises[i].span.begin < clause_begin:
        return []
    last = enterprises[i]
    if not _FRAME.fullmatch(text, last.span.end, end):
        return []
    found = [last]
    while i > 0:  # enterprises named together before it (A、B等企业)
        prev = enterprises[i - 1]
        if prev.span.begin < clause_begin or not _JOIN.fullmatch(text, prev.span.end, found[-1].span.begin):
            break
        found.append(prev)
        i -= 1
    return found


def _builders_after(text: str, pm: Mention, enterprises: list[Mention], ent_begins: list[int]) -> list[Mention]:
    """The enterprises named after ``pm`` as its builders: Y(项目)由X、Z投资建设."""
    opening = _FRAME_AFTER_OPEN.match(text, pm.span.end)
    if opening is None:
        return []
    i = bisect_left(ent_begins, opening.end())
    found: list[Mention] = []
    pos = opening.end()
    while i < len(enterprises) and enterprises[i].span.begin == pos:
        found.append(enterprises[i])
        pos = enterprises[i].span.end
        join = _JOIN.match(text, pos)
        if join is None:
            break
        pos = join.end()
        i += 1
    if not found or not _FRAME_AFTER_CLOSE.match(text, found[-1].span.end):
        return []
    return found


__all__ = ["find_relations", "involvements"]
