"""Lines, sentences, sections and the article's own metadata.

The genre's section pattern: a line naming a division (宜都市), a title line
or two, a line ``<posts><name>`` (宜都市委书记陈立远), the statement, and a
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

from ..memo import NameMemo
from ..gazetteer.divisions import COUNTRY_CODE, DivisionTable
from ..gazetteer.posts import OfficialMatch, sole_official
from ..model import Document, Kind, Section, Sentence, Span, direct_init

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


@direct_init
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


# A mention in the title counts this many times more than one in the body.
TITLE_WEIGHT = 3
ZONE_LEVEL = "开发区"
# What follows the place of a dateline or a byline (新华社长沙9月1日电, 本报宜都讯, 宜都融媒记者).
_BYLINE_PLACE = re.compile(r"\d{1,2}月\d{1,2}日电|讯[（(\s]|(?:日报|晚报|融媒体中心|融媒|广播电视台|电视台|新闻网)?(?:记者|通讯员)")
BYLINE_WEIGHT = 3
# Mentions that only echo a division named elsewhere (高新区 for the X高新区 named before): no evidence.
ECHO_RULES = frozenset({"division-level-word"})
# The level character an article calls itself by (我县, 本市, 县委书记) -> the levels of division it stands for.
SELF_LEVELS = {
    "县": ("县", "自治县"),
    "市": ("地级市", "县级市", "直辖市"),
    "区": ("市辖区", "林区", "特区", ZONE_LEVEL),
    "州": ("自治州",),
    "盟": ("盟",),
    "旗": ("旗", "自治旗"),
    "省": ("省",),
    "自治区": ("自治区",),
}
_LEVEL_CHARS = "|".join(sorted(SELF_LEVELS, key=len, reverse=True))
# 我县 / 本市, each time (基本市场, 本区域, 我省份 are other words). The look-behind follows 我/本, so a
# search can skip to them (one leading the pattern made it try every position).
_FIRST_PERSON = re.compile(rf"[我本](?<!基[我本])({_LEVEL_CHARS})(?![场域级份])")
FIRST_PERSON_WEIGHT, FIRST_PERSON_CAP = 1, 5
# A post or organ written without its division, after a line start or a separator: 县委书记王某,
# 市委副书记、市长吴某, 自治区党委书记 (the leaders the article quotes are its division's). Counted once
# per level: a region's leaders attending a league's ceremony do not outweigh the league's name.
_BARE_POST = re.compile(rf"({_LEVEL_CHARS})(?:党?委(?:副)?书记|党?委常委|(?:常务)?副?(?:县|市|区|州|盟|旗)?长|政府)")
_BARE_POST_AFTER = frozenset("\n\t 　、，,：:（(")
BARE_POST_WEIGHT = 2


def self_references(text: str, sections: list[Span] = ()) -> dict[str, int]:
    """Evidence outside ``sections`` of the level of the article's own division, as weights per level.

    >>> sorted(self_references("县委书记王某说，我县将加快发展，全县上下……").items())
    [('县', 3), ('自治县', 3)]
    >>> self_references("基本市场规则")
    {}
    """
    def outside(pos: int) -> bool:
        return not any(pos in s for s in sections)

    weights: Counter[str] = Counter()
    first = Counter(m.group(1) for m in _FIRST_PERSON.finditer(text) if outside(m.start()))
    for char, n in first.items():
        for level in SELF_LEVELS[char]:
            weights[level] += min(n, FIRST_PERSON_CAP) * FIRST_PERSON_WEIGHT
    bare = {m.group(1) for m in _BARE_POST.finditer(text)
            if (m.start() == 0 or text[m.start() - 1] in _BARE_POST_AFTER) and outside(m.start())}
    for char in bare:
        for level in SELF_LEVELS[char]:
            weights[level] += BARE_POST_WEIGHT
    return dict(weights)


# A heading naming the division its part is about, then a colon or a closing bracket and the part's
# title (a comparison of cities: 长沙：……, 【武汉】……, 三、合肥：……). Before it, an optional numbering or
# bullet; one entry per shape.
_HEADING_LEADS = re.compile(r"(?:[一二三四五六七八九十]+[、.．]|\d{1,2}[、.．]|[（(][一二三四五六七八九十\d]{1,2}[）)]|[【\[]|[◆●■▲★·•])?\s*")
_HEADING_ENDS = re.compile(r"\s*(?:[：:]|[】\]])")
MAX_TITLED_HEADING_LEN = 40


def titled_heading(line: str, divisions: list[tuple[int, int, str]]) -> str | None:
    """The division a heading line ``X：title`` is about, given the line's first division mention.

    >>> titled_heading("合肥：到2025年数字经济占比过半", [(0, 2, "340100")])
    '340100'
    >>> titled_heading("【郑州】打造数字第一城", [(1, 3, "410100")]), titled_heading("二、武汉：新赛道", [(2, 4, "420100")])
    ('410100', '420100')
    >>> titled_heading("合肥市召开会议：部署全年工作", [(0, 3, "340100")]) is None  # a sentence, not a heading
    True
    """
    if not divisions or len(line) > MAX_TITLED_HEADING_LEN:
        return None
    begin, end, key = divisions[0]
    lead = _HEADING_LEADS.match(line)
    if lead.end() != begin or not _HEADING_ENDS.match(line, end) or line.endswith(("。", "；", ";")):
        return None
    return key


# What may stand before the division a sentence is about: a source (根据……，), a time (2020年, 今年),
# a connective (此外, 其中).
_TOPIC_LEAD = re.compile(r"(?:(?:根据|据|按照|依据)[^，,。；]{0,40}[，,])?"
                         r"(?:\d{4}年(?:\d{1,2}月)?(?:\d{1,2}日)?|今年|去年|明年|近年来?|目前|同时|此外|另外|对此|其中|这其中)?"
                         r"[，,]?\s*")
# A division followed by one of these names a place, not a topic: 来到X工业园区, X境内.
_PLACE_NOUN = re.compile(r"(?:工业园区|产业园区|工业园|产业园|园区|片区|会场|境内|大地|一带|城区)")
_MOTION_BEFORE = re.compile(r"来到|前往|赴|途经|走进|抵达")
_LIST_MARKS = frozenset("、和与及")


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
        self._chains: dict[str, tuple[str, ...]] = {}
        # A leader line's reading depends on the line and its divisions alone, and articles about a region
        # open their sections with the same leaders' lines: read once per line.
        self._leader_lines = NameMemo(self._read_leader_line)

    def __call__(self, doc: Document) -> Document:
        lines = split_lines(doc.text)
        doc.title, doc.published, doc.publisher = article_metadata(doc.text, lines)
        # (Span's order, as plain ints: comparing Span objects is slower.)
        divisions = sorted((m for m in doc.mentions if m.kind is Kind.DIVISION),
                           key=lambda m: (m.span.begin, m.span.end))
        index = _SpanIndex(divisions)
        doc.sections = tuple(self.sections(doc.text, lines, index))
        doc.home_division = self.home_division(doc, lines, divisions)
        doc.sentences = tuple(self._sentences(doc))
        doc.sentence_divisions = self.sentence_divisions(doc, lines, index)
        return doc

    @staticmethod
    def _sentences(doc: Document) -> list[Sentence]:
        """The sentences with the index of the section holding each (:meth:`Document.section_at` of its
        start), walking sections and sentences together: both come in text order."""
        sections = doc.sections
        if not sections:
            return [Sentence(span, None) for span in split_sentences(doc.text)]
        out, i = [], -1  # i: the last section starting at or before the sentence
        for span in split_sentences(doc.text):
            while i + 1 < len(sections) and sections[i + 1].span.begin <= span.begin:
                i += 1
            out.append(Sentence(span, i if i >= 0 and span.begin < sections[i].span.end else None))
        return out

    def home_division(self, doc: Document, lines: list[Line], divisions) -> str | None:
        """The division the article is about: the one with the strongest evidence of its own.

        Each mention counts once; a division the title names, or one under it, :data:`TITLE_WEIGHT`
        more; the place of a dateline or a byline (长沙9月1日电, 本报宜都讯, 宜都融媒记者)
        :data:`BYLINE_WEIGHT` more. Outside the sections, the article calling itself 我县 / 本市
        counts for the divisions of that level it names, and so do leaders' posts written without a
        division (县委书记, 市长: the leaders are this division's). Raw counts of the places below a
        division are not added to it (a county's report naming its province often stays the
        county's); they only break ties.
        """
        title = next((line.span for line in lines if line.text == doc.title), None)
        scores: Counter[str] = Counter()
        in_title = set()
        bylined = set()
        for m in divisions:
            if m.key != COUNTRY_CODE and m.rule not in ECHO_RULES:
                scores[m.key] += 1
                if title and m.span in title:
                    in_title.add(m.key)
                if _BYLINE_PLACE.match(doc.text, m.span.end):
                    bylined.add(m.key)
        for key in bylined:
            scores[key] += BYLINE_WEIGHT
        # The title supports the divisions it names and those under them (a league's article may be
        # titled with its region).
        for key in scores:
            if in_title.intersection(self._chain(key)):
                scores[key] += TITLE_WEIGHT
        if not scores:
            # Naming no place of its own (a ministry's interview): the article is about the country.
            return COUNTRY_CODE if any(m.key == COUNTRY_CODE for m in divisions) else None
        by_level: dict[str, list[str]] = {}
        for key in scores:
            by_level.setdefault(self._level(key), []).append(key)
        for level, weight in self_references(doc.text, [s.span for s in doc.sections]).items():
            for key in by_level.get(level, ()):
                scores[key] += weight
        # Ties: the division more of the evidence lies under (a city over the counties it names once
        # each), then the deeper one, then the code.
        below: Counter[str] = Counter()
        for key, score in scores.items():
            for above in self._chain(key):
                below[above] += score
        return max(scores, key=lambda k: (scores[k], below[k], len(self._chain(k)), k))

    def _level(self, key: str) -> str:
        if key.startswith("zone:"):
            return ZONE_LEVEL
        rec = self.table.by_code.get(key)
        return rec.level if rec else ""

    def _chain(self, key: str) -> tuple[str, ...]:
        """The key and every division above it (a zone is below its city)."""
        chain = self._chains.get(key)
        if chain is None:
            code = key.split(":")[1] if key.startswith("zone:") else key
            above = () if code == COUNTRY_CODE else (code, *self.table.ancestors(code))
            chain = self._chains[key] = ((key,) if key != code else ()) + tuple(above)
        return chain

    def sections(self, text: str, lines: list[Line], divisions: _SpanIndex) -> list[Section]:
        headings: dict[int, str] = {}
        leaders: dict[int, str] = {}
        for i, line in enumerate(lines):
            if len(line.text) > MAX_LEADER_LINE_LEN:
                continue  # neither a heading nor a leader line
            ms = divisions.within(line.span)
            if len(line.text) <= MAX_HEADING_LEN and len(ms) == 1 and ms[0].span == line.span:
                headings[i] = ms[0].key
            elif ms and (key := titled_heading(line.text, [(m.span.begin - line.span.begin, m.span.end - line.span.begin,
                                                           m.key) for m in ms[:1]])):
                headings[i] = key
            elif len(line.text) <= MAX_LEADER_LINE_LEN and ms:
                offset = line.span.begin
                found = self._leader_lines((line.text, tuple((m.span.begin - offset, m.span.end - offset, m.key, m.text)
                                                             for m in ms)))
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

    @staticmethod
    def _read_leader_line(line_divisions: tuple[str, tuple[tuple[int, int, str, str], ...]]) -> OfficialMatch | None:
        """:func:`sole_official` of a line and its divisions (begin, end, key, text, offsets in the line)."""
        line, divisions = line_divisions
        return sole_official(line, list(divisions))

    def sentence_divisions(self, doc: Document, lines: list[Line], divisions: _SpanIndex) -> dict[int, str]:
        """For sentences outside sections, the division a sentence or else its paragraph is about.

        That is the division it opens with (after a time or a source: 2020年合肥……, 根据……数据，武汉……),
        unless the division only names a place (来到X工业园区) or the sentence is the title naming a
        division the home is part of (a league's article titled with its region).
        """
        out: dict[int, str] = {}
        home = doc.home_division
        home_chain = set(self._chain(home)) if home else set()
        text = doc.text
        title = next((line.span for line in lines if line.text == doc.title), None)

        def topic(span: Span) -> str | None:
            lead = _TOPIC_LEAD.match(text, span.begin, span.end)
            for start in dict.fromkeys((span.begin, lead.end() if lead else span.begin)):
                opening = divisions.opening(Span(start, span.end))
                if opening is None or opening.key == COUNTRY_CODE or opening.rule in ECHO_RULES:
                    continue  # (an echo is mostly a post: 自治区党委书记 opens a list of who attended)
                if text[opening.span.begin - 1:opening.span.begin] == "《":
                    return None  # a document's title: 根据《X实施方案》
                # A chain names one place by its parents (贵州省铜仁市江口县): the last one.
                while (following := divisions.opening(Span(opening.span.end, span.end))) and \
                        following.span.begin == opening.span.end:
                    opening = following
                if _PLACE_NOUN.match(text, opening.span.end) or _MOTION_BEFORE.search(text, start, opening.span.begin):
                    return None  # a place the text is at, not what it is about
                after = opening.span.end
                if text[after:after + 1] in _LIST_MARKS and divisions.opening(Span(after + 1, span.end)):
                    return None  # a list of places (武汉、郑州、合肥等): none of them alone
                return opening.key
            return None

        li = 0
        for j, sent in enumerate(doc.sentences):
            if sent.section is not None:
                continue
            while li + 1 < len(lines) and lines[li].span.end < sent.span.begin:
                li += 1
            key = topic(sent.span)
            if key is None and lines:
                key = topic(lines[li].span)  # the paragraph's
            if key and title and sent.span in title and key in home_chain:
                continue
            if key and key != home:
                out[j] = key
        return out
