"""Lines, sentences, sections and the article's own metadata.

The genre's section pattern: a line naming a division (宜都市), a title line
or two, a line ``<posts><name>`` (宜都市委书记夏明海), the statement, and a
byline ``(…记者NAME整理)``. It is recognised for any division and any post:
a section starts at a division heading line, or at a leader line when no
heading precedes it, and runs to the next section. Text outside every
section belongs to the article's home division, unless a sentence or
paragraph opens with a division of its own.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from collections import Counter
from dataclasses import dataclass

from ..gazetteer.divisions import COUNTRY_CODE, DivisionTable
from ..gazetteer.posts import find_officials
from ..model import Document, Kind, Section, Sentence, Span

_SENTENCE_END = re.compile(r"[。！？!?；;]+[”’」』]?|\n")
_DATE = re.compile(r"(\d{4})\s*[年\-/.]\s*(\d{1,2})\s*[月\-/.]\s*(\d{1,2})\s*日?")
_SOURCE = re.compile(r"来源[:：]\s*([^\s　|｜]+)")
_BYLINE = re.compile(r"^[(（].{0,30}(?:记者|通讯员).{0,20}[)）]$")
_BOILERPLATE = re.compile(r"^(?:来源[:：]|【?(?:责任)?编辑[:：]|相关(?:文章|新闻|阅读)|分享到|您当前的位置)")
MAX_HEADING_LEN = 16
MAX_LEADER_LINE_LEN = 60


@dataclass(frozen=True)
class Line:
    span: Span
    text: str


def split_lines(text: str) -> list[Line]:
    """Non-blank lines, stripped, with their offsets.

    >>> [(l.span.begin, l.text) for l in split_lines("  甲\\n\\n 乙丙 ")]
    [(2, '甲'), (6, '乙丙')]
    """
    out = []
    pos = 0
    for raw in text.split("\n"):
        stripped = raw.strip()
        if stripped:
            b = pos + (len(raw) - len(raw.lstrip()))
            out.append(Line(Span(b, b + len(stripped)), stripped))
        pos += len(raw) + 1
    return out


def split_sentences(text: str) -> list[Span]:
    """Sentence spans (ending at 。！？；or a line break), whitespace trimmed.

    >>> t = "甲乙。丙丁！\\n戊"
    >>> [t[s.begin:s.end] for s in split_sentences(t)]
    ['甲乙。', '丙丁！', '戊']
    """
    spans = []
    start = 0
    for m in _SENTENCE_END.finditer(text):
        end = m.end() if m.group() != "\n" else m.start()
        spans.append((start, end))
        start = m.end()
    spans.append((start, len(text)))
    out = []
    for b, e in spans:
        seg = text[b:e]
        lead = len(seg) - len(seg.lstrip())
        trail = len(seg) - len(seg.rstrip())
        if e - trail > b + lead:
            out.append(Span(b + lead, e - trail))
    return out


def article_metadata(text: str, lines: list[Line]) -> tuple[str | None, str | None, str | None]:
    """Title, publication date (ISO) and publisher from the article's head."""
    head = lines[:12]
    title = None
    for line in head:
        if _BOILERPLATE.match(line.text) or _DATE.search(line.text) or len(line.text) < 8:
            continue
        title = line.text
        break
    date = None
    for line in head:
        m = _DATE.search(line.text)
        if m:
            y, mo, d = (int(g) for g in m.groups())
            if 1 <= mo <= 12 and 1 <= d <= 31:
                date = f"{y:04d}-{mo:02d}-{d:02d}"
                break
    m = _SOURCE.search(text)
    publisher = m.group(1) if m else None
    return title, date, publisher


def _within(mentions, span: Span) -> list:
    """The mentions (sorted by span) lying inside ``span``."""
    i = bisect_left(mentions, span.begin, key=lambda m: m.span.begin)
    out = []
    while i < len(mentions) and mentions[i].span.begin < span.end:
        if mentions[i].span.end <= span.end:
            out.append(mentions[i])
        i += 1
    return out


class Sectioner:
    """Pipeline component: sections, sentences and the home division of a document.

    Needs the document's division mentions (run :class:`DivisionRecognizer` first).
    """

    def __init__(self, table: DivisionTable | None = None) -> None:
        self.table = table or DivisionTable.load()

    def __call__(self, doc: Document) -> Document:
        lines = split_lines(doc.text)
        doc.title, doc.published, doc.publisher = article_metadata(doc.text, lines)
        divisions = sorted((m for m in doc.mentions if m.kind is Kind.DIVISION), key=lambda m: m.span)
        doc.home_division = self.home_division(divisions)
        doc.sections = tuple(self.sections(doc.text, lines, divisions))
        sentences = []
        for span in split_sentences(doc.text):
            sentences.append(Sentence(span, doc.section_at(span.begin)))
        doc.sentences = tuple(sentences)
        doc.sentence_divisions = self.sentence_divisions(doc, lines, divisions)
        return doc

    def home_division(self, divisions) -> str | None:
        """The deepest division holding at least half of all division mentions."""
        votes: Counter[str] = Counter()
        for m in divisions:
            key = m.key.split(":")[1] if m.key.startswith("zone:") else m.key
            if key == COUNTRY_CODE:
                continue
            for code in (key, *self.table.ancestors(key)):
                if code != COUNTRY_CODE:
                    votes[code] += 1
        if not votes:
            # Naming no place of its own (a ministry's interview): the article is about the country.
            return COUNTRY_CODE if any(m.key == COUNTRY_CODE for m in divisions) else None
        total = max(votes.values())
        best = [c for c, v in votes.items() if v * 2 >= total]
        return max(best, key=lambda c: (len(self.table.ancestors(c)), votes[c], c))

    def sections(self, text: str, lines: list[Line], divisions) -> list[Section]:
        by_line = {i: _within(divisions, line.span) for i, line in enumerate(lines)}
        headings: dict[int, str] = {}
        leaders: dict[int, str] = {}
        for i, line in enumerate(lines):
            ms = by_line[i]
            if len(line.text) <= MAX_HEADING_LEN and len(ms) == 1 and ms[0].span == line.span:
                headings[i] = ms[0].key
            elif len(line.text) <= MAX_LEADER_LINE_LEN and ms:
                found = find_officials(line.text, [(m.span.begin - line.span.begin, m.span.end - line.span.begin,
                                                    m.key, m.text) for m in ms])
                if len(found) == 1 and found[0].begin == 0 and found[0].end == len(line.text):
                    # The section's division: the one its secretary leads, else the last one in the posts
                    # (a section may be given by a 区长 or 县长).
                    leaders[i] = found[0].leads or ms[-1].key
        starts: list[tuple[int, str, int | None, int | None]] = []  # (line index, division, heading, leader)
        used_leaders: set[int] = set()
        for h, key in sorted(headings.items()):
            leader = next((j for j in range(h + 1, min(h + 5, len(lines))) if j in leaders), None)
            if leader is not None and leaders[leader] != key:
                leader = None
            if leader is not None:
                used_leaders.add(leader)
            starts.append((h, key, h, leader))
        for j, key in leaders.items():
            if j not in used_leaders:
                starts.append((j, key, None, j))
        starts.sort()
        if len(starts) < 2 and not leaders:
            return []  # one stray heading-like line is no section structure
        sections = []
        for n, (i, key, h, leader) in enumerate(starts):
            stop = starts[n + 1][0] if n + 1 < len(starts) else len(lines)
            end_line = stop - 1
            while end_line > i and _BOILERPLATE.match(lines[end_line].text):
                end_line -= 1
            span = Span(lines[i].span.begin, lines[end_line].span.end)
            body_start = (leader if leader is not None else i) + 1
            titles = tuple(lines[k].span for k in range(i + 1, leader)) if leader is not None else ()
            byline = next((lines[k].span for k in range(body_start, end_line + 1) if _BYLINE.match(lines[k].text)),
                          None)
            sections.append(Section(span, key, lines[h].span if h is not None else None,
                                    lines[leader].span if leader is not None else None, titles, byline))
        return sections

    def sentence_divisions(self, doc: Document, lines: list[Line], divisions) -> dict[int, str]:
        """For sentences outside sections, the division a paragraph or sentence opens with."""
        out: dict[int, str] = {}
        home = doc.home_division
        line_of = {}
        for i, line in enumerate(lines):
            opening = next((m for m in _within(divisions, line.span) if m.span.begin - line.span.begin <= 3), None)
            line_of[i] = opening.key if opening and opening.key != COUNTRY_CODE else None
        li = 0
        for j, sent in enumerate(doc.sentences):
            if sent.section is not None:
                continue
            while li + 1 < len(lines) and lines[li].span.end < sent.span.begin:
                li += 1
            opening = next((m for m in _within(divisions, sent.span) if m.span.begin - sent.span.begin <= 3), None)
            key = opening.key if opening and opening.key != COUNTRY_CODE else line_of.get(li)
            if key and key != home:
                out[j] = key
        return out
