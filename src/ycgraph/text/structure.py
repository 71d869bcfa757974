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
from ..gazetteer.posts import sole_official
from ..model import Document, Kind, Section, Sentence, Span

# A sentence, whitespace trimmed: a run of 。！？；(with a closing quote after it) and the text
# before it on its line, or else the rest of the line. Each match starts at the first
# non-blank character after the previous one. \s is exactly what str.strip() removes.
_SENTENCE = re.compile(r"[。！？!?；;]+[”’」』]?"
                       r"|[^\s。！？!?；;](?:[^。！？!?；;\n]*[。！？!?；;]+[”’」』]?|(?:[^。！？!?；;\n]*\S)?)")
# A non-blank line, whitespace trimmed.
_LINE = re.compile(r"\S(?:[^\n]*\S)?")
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
    return [Line(Span(*m.span()), m.group()) for m in _LINE.finditer(text)]


def split_sentences(text: str) -> list[Span]:
    """Sentence spans (ending at 。！？；or a line break), whitespace trimmed.

    >>> t = "甲乙。丙丁！\\n戊"
    >>> [t[s.begin:s.end] for s in split_sentences(t)]
    ['甲乙。', '丙丁！', '戊']
    """
    return [Span(*m.span()) for m in _SENTENCE.finditer(text)]


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


class _SpanIndex:
    """Mentions sorted by span, looked up by offset (bisect on their begins)."""

    def __init__(self, mentions: list) -> None:
        self.mentions = mentions
        self.begins = [m.span.begin for m in mentions]

    def within(self, span: Span) -> list:
        """The mentions lying inside ``span``."""
        i = bisect_left(self.begins, span.begin)
        j = bisect_left(self.begins, span.end, i)
        return [m for m in self.mentions[i:j] if m.span.end <= span.end]

    def opening(self, span: Span):
        """The first mention inside ``span`` that starts at most 3 characters into it, or None."""
        begins = self.begins
        i = bisect_left(begins, span.begin)
        limit = min(span.begin + 4, span.end)
        while i < len(begins) and begins[i] < limit:
            if self.mentions[i].span.end <= span.end:
                return self.mentions[i]
            i += 1
        return None


class Sectioner:
    """Pipeline component: sections, sentences and the home division of a document.

    Needs the document's division mentions (run :class:`DivisionRecognizer` first).
    """

    def __init__(self, table: DivisionTable | None = None) -> None:
        self.table = table or DivisionTable.load()
        self._votes_by_key: dict[str, tuple[str, ...]] = {}

    def __call__(self, doc: Document) -> Document:
        lines = split_lines(doc.text)
        doc.title, doc.published, doc.publisher = article_metadata(doc.text, lines)
        divisions = sorted((m for m in doc.mentions if m.kind is Kind.DIVISION), key=lambda m: m.span)
        doc.home_division = self.home_division(divisions)
        index = _SpanIndex(divisions)
        doc.sections = tuple(self.sections(doc.text, lines, index))
        doc.sentences = tuple(Sentence(span, doc.section_at(span.begin)) for span in split_sentences(doc.text))
        doc.sentence_divisions = self.sentence_divisions(doc, lines, index)
        return doc

    def home_division(self, divisions) -> str | None:
        """The deepest division holding at least half of all division mentions."""
        votes = Counter(code for m in divisions for code in self._votes(m.key))
        if not votes:
            # Naming no place of its own (a ministry's interview): the article is about the country.
            return COUNTRY_CODE if any(m.key == COUNTRY_CODE for m in divisions) else None
        total = max(votes.values())
        best = [c for c, v in votes.items() if v * 2 >= total]
        return max(best, key=lambda c: (len(self.table.ancestors(c)), votes[c], c))

    def _votes(self, key: str) -> tuple[str, ...]:
        """The divisions a mention of ``key`` votes for as the article's home: it and those above it."""
        votes = self._votes_by_key.get(key)
        if votes is None:
            code = key.split(":")[1] if key.startswith("zone:") else key
            chain = () if code == COUNTRY_CODE else (code, *self.table.ancestors(code))
            votes = self._votes_by_key[key] = tuple(c for c in chain if c != COUNTRY_CODE)
        return votes

    def sections(self, text: str, lines: list[Line], divisions: _SpanIndex) -> list[Section]:
        headings: dict[int, str] = {}
        leaders: dict[int, str] = {}
        for i, line in enumerate(lines):
            if len(line.text) > MAX_LEADER_LINE_LEN:
                continue  # neither a heading nor a leader line
            ms = divisions.within(line.span)
            if len(line.text) <= MAX_HEADING_LEN and len(ms) == 1 and ms[0].span == line.span:
                headings[i] = ms[0].key
            elif len(line.text) <= MAX_LEADER_LINE_LEN and ms:
                found = sole_official(line.text, [(m.span.begin - line.span.begin, m.span.end - line.span.begin,
                                                   m.key, m.text) for m in ms])
                if found:
                    # The section's division: the one its secretary leads, else the last one in the posts
                    # (a section may be given by a 区长 or 县长).
                    leaders[i] = found.leads or ms[-1].key
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

    def sentence_divisions(self, doc: Document, lines: list[Line], divisions: _SpanIndex) -> dict[int, str]:
        """For sentences outside sections, the division a paragraph or sentence opens with."""
        out: dict[int, str] = {}
        home = doc.home_division

        def opening_key(span: Span) -> str | None:
            opening = divisions.opening(span)
            return opening.key if opening and opening.key != COUNTRY_CODE else None

        li = 0
        for j, sent in enumerate(doc.sentences):
            if sent.section is not None:
                continue
            while li + 1 < len(lines) and lines[li].span.end < sent.span.begin:
                li += 1
            key = opening_key(sent.span)
            if key is None and lines:
                key = opening_key(lines[li].span)  # the paragraph's
            if key and key != home:
                out[j] = key
        return out
