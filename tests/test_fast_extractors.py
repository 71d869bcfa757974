"""The extractors' fast paths give what a straightforward definition gives.

Each reference below is the plain definition a fast path stands for, compared on
invented strings (small alphabets, generated words), never an article's words.
"""

from __future__ import annotations

import dataclasses
import inspect
import pickle
import re
from bisect import bisect_right

import pytest
from hypothesis import example, given, settings, strategies as st

from ycgraph.extractors import divisions, enterprises, projects, targets
from ycgraph.extractors.enterprises import EnterpriseRecognizer, enterprise_key
from ycgraph.memo import NameMemo
from ycgraph.extractors.projects import ProjectRecognizer, project_key
from ycgraph.extractors.textspans import (DisjointSpans, QuoteIndex, WordIndex, leading_words, quote_index, quote_spans,
                                          strip_leading)
from ycgraph.gazetteer.companies import CompanyTable
from ycgraph.gazetteer.divisions import COUNTRY_NAME
from ycgraph.gazetteer.lexicon import (
    LEGAL_COMPANY_SUFFIXES,
    NOT_COMPANY_ENDINGS,
    NOT_COMPANY_HEADS,
    NOT_COMPANY_NAMES,
    PROJECT_SUFFIXES,
    WEAK_COMPANY_SUFFIXES,
)
from ycgraph.gazetteer.posts import sole_official
from ycgraph.model import Kind, Mention, Section, Sentence, Span, Target
from ycgraph.text.structure import Line, Sectioner

ALPHABET = "甲乙丙丁戊己庚辛，。、 1２𠀀"  # ideographs, breaks, a space, digits, a character past the BMP
spans = st.lists(st.tuples(st.integers(0, 60), st.integers(1, 8)).map(lambda bl: (bl[0], bl[0] + bl[1])), max_size=30)


@settings(max_examples=300, deadline=None)
@given(spans, spans)
def test_disjoint_spans_answer_as_a_look_at_each(candidates, queries):
    taken = DisjointSpans()
    plain: list[Span] = []
    for begin, end in candidates:  # kept only where they overlap none kept before, as the recognizers keep names
        overlaps = any(Span(begin, end).overlaps(s) for s in plain)
        assert taken.overlaps(begin, end) == overlaps
        if not overlaps:
            taken.add(begin, end)
            plain.append(Span(begin, end))
    rebuilt = DisjointSpans((s.begin, s.end) for s in reversed(plain))
    for begin, end in queries:
        expected = any(Span(begin, end).overlaps(s) for s in plain)
        assert taken.overlaps(begin, end) == expected == rebuilt.overlaps(begin, end)


def plain_occurrences(words: set[str], text: str) -> list[tuple[int, int, str]]:
    """Every occurrence of every word, by begin, the longest first: a look at each place."""
    return [(i, i + n, text[i:i + n]) for i in range(len(text)) for n in range(len(text) - i, 0, -1)
            if text[i:i + n] in words]


# More pairs than a byte numbers (the pairs' table is kept in the narrowest type that holds them):
# every pair of 17 characters, and generated words of up to five.
WIDE = "甲乙丙丁戊己庚辛壬癸子丑寅卯辰巳午"
PAIRS = {a + b for a in WIDE for b in WIDE}
more_words = st.sets(st.text(WIDE + "𠀀", min_size=1, max_size=5), max_size=60)
wide_texts = st.lists(st.text(WIDE + "𠀀，未", max_size=80), min_size=1, max_size=5)


@settings(max_examples=40, deadline=None)
@given(more_words, wide_texts)
def test_word_index_with_many_pairs_finds_every_occurrence(extra, texts):
    ws = PAIRS - {"甲乙"} | extra  # (one pair left out: a place where a pair's first character starts no pair)
    index = WordIndex(ws)
    for text in texts:
        assert index.find(text) == plain_occurrences(ws, text)


@given(st.text(ALPHABET, max_size=60))
def test_word_index_of_words_no_text_holds(text):
    assert WordIndex(["子丑寅", "卯辰"]).find(text) == []


# --- answers remembered per name -------------------------------------------------------------

def test_name_memo_remembers_none_and_false_and_forgets_past_its_bound():
    calls = []

    def judge(word):
        calls.append(word)
        return None if word == "甲" else word == "乙"

    memo = NameMemo(judge, limit=2)
    assert [memo(w) for w in ("甲", "乙", "甲", "乙")] == [None, True, None, True]
    assert calls == ["甲", "乙"]  # (None and False are answers too, not "unknown")
    assert memo("丙") is False and len(memo) == 1  # full: forgotten, then learnt again
    assert memo("甲") is None and calls == ["甲", "乙", "丙", "甲"]


# Invented names: noise words that open a phrase, invented characters, company endings and places' endings.
FRAGMENTS = ["由", "还有", "今年", "上午", "我们", "发挥", "了解", "引进", "推动", "三是", "投产后", "各", "岚", "拓", "鑫", "澜", "岳",
             "通", "宇", "集团", "公司", "有限公司", "科技", "电气", "新能源", "县", "市", "岚拓", "澜县", "高新"]
invented_names = st.lists(st.sampled_from(FRAGMENTS), min_size=1, max_size=5).map("".join)
# (Places that are words opening a phrase too, and places 某某县 whose 某某 names a company.)
invented_places = st.sets(st.sampled_from(["岚拓", "澜县", "鑫市", "岳通", "宇", "高新区", "上午", "我们", "岚拓县", "鑫澜市"]),
                          max_size=3)


@pytest.fixture(scope="module")
def enterprise_recognizer(extractor):
    return EnterpriseRecognizer(extractor.tokenizer, companies=CompanyTable(["岚拓电气", "鑫澜光电", "岳通"]))


def plain_clean_left(r, name, places, verbs=True):
    """EnterpriseRecognizer._clean_left as first written: every name cut and looked at."""
    cut, rest = strip_leading(name, enterprises._LEFT_NOISE)
    if not r._may_open(rest, verbs):
        return cut, rest
    best, pos = 0, 0
    for w in r.tokenizer.cut(rest):
        pos += len(w)
        if w in places or not (w in enterprises._LEFT_NOISE_WORDS or enterprises._ends_in_long_noise(w)
                               or r._opening_word(w, verbs)):
            break
        core = enterprise_key(rest[pos:])
        if len(core) < 2 or r._common_word(core):
            break
        best = pos
    return cut + best, rest[best:]


def plain_plausible(r, name, places, framed=False):
    """EnterpriseRecognizer._plausible as first written: the places looked at among the name's shape."""
    if not (2 <= len(name) <= 16) or not enterprises._NAME_CHARS.fullmatch(name):
        return False
    if name in places or name == COUNTRY_NAME or name.endswith(PROJECT_SUFFIXES) or name in NOT_COMPANY_NAMES:
        return False
    if name in WEAK_COMPANY_SUFFIXES or name.endswith(NOT_COMPANY_ENDINGS):
        return False
    key = enterprise_key(name)
    if len(key) < 2 or key in NOT_COMPANY_HEADS or len(enterprises._STRONG_AT_END.sub("", name)) < 2:
        return False
    known = r.companies is not None and name in r.companies
    if key.startswith(enterprises._LONG_NOT_HEADS) and not known and not name.endswith(LEGAL_COMPANY_SUFFIXES):
        return False
    if key in places or any(key + ch in places for ch in enterprises._PLACE_ENDINGS):
        return False
    if len(key) <= enterprises.MAX_SHORT_NAME and r._only_noise(key):
        return False
    if key != name or known:
        return True
    if framed:
        return not key.endswith(WEAK_COMPANY_SUFFIXES) or len(key) > 3
    return len(key) > enterprises.MAX_SHORT_NAME or r.tokenizer.freq(key) < enterprises.COMMON_WORD_FREQ


@settings(max_examples=300, deadline=None)
@given(invented_names, invented_places, invented_places, st.booleans(), st.booleans())
@example("上午我们岚拓集团", {"我们"}, {"上午"}, True, False)  # a place among the words cut off the front
@example("岚拓集团", {"岚拓县"}, set(), True, False)  # 某某 of a place 某某县
@example("岚拓集团", {"岚拓"}, set(), True, True)
def test_enterprise_name_judgements_remembered_per_name_are_the_plain_ones(
        enterprise_recognizer, name, places, other_places, verbs, framed):
    r = enterprise_recognizer
    for ps in (places, other_places, places):  # (the second and third time, the answers are remembered ones)
        assert r._clean_left(name, ps, verbs=verbs) == plain_clean_left(r, name, ps, verbs)
        assert r._plausible(name, ps, framed) == plain_plausible(r, name, ps, framed)


def plain_project_heads(r, project, places):
    """EnterpriseRecognizer._project_heads as first written: the table's prefix looked up in the table."""
    name = project.text
    if project.rule == "project-list" and name.endswith(WEAK_COMPANY_SUFFIXES) and len(name) <= 6:
        return [(project.span.begin, name)]
    known = r.companies.prefix_of(name)
    if known and len(known) < len(name):
        if known in places or r._known_common(known) and r.tokenizer.tag(known) == "ns":
            fits = False
        elif r.companies.is_short_form(known):
            fits = name.startswith(enterprises._COMPANY_NEXT, len(known))
        else:
            fits = r._distinctive(known)
        if fits:
            return [(project.span.begin, known)]
    morpheme = enterprises._INDUSTRY.search(name, 2)
    if morpheme is None:
        return []
    head = name[: morpheme.start()]
    for place in places:
        i = head.find(place)
        if i >= 2:
            head = head[:i]
    if not (2 <= len(head) <= enterprises.MAX_SHORT_NAME) or not enterprises._HEAD_CHARS.fullmatch(head):
        return []
    if r._everyday_words(head):
        return []
    if any(r._common_place(head[:k]) for k in range(2, len(head) + 1)) and r._common_place(r.tokenizer.cut(head)[0]):
        return []
    if len(head) == 4 and r.tokenizer.freq(head) == 0 and enterprises._CJK_HEAD.fullmatch(head):
        halves = (head[:2], head[2:])
        if all(r.tokenizer.freq(h) < enterprises.COMMON_WORD_FREQ and h not in NOT_COMPANY_HEADS for h in halves):
            return [(project.span.begin, halves[0]), (project.span.begin + 2, halves[1])]
    return [(project.span.begin, head)]


PROJECT_FRAGMENTS = ["岚拓", "电气", "鑫澜", "光电", "岳通", "澜", "宇", "磷酸铁", "新材料", "锂电", "产业园", "项目", "二期",
                     "澜县", "工厂", "总部", "鑫远", "动力"]


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(PROJECT_FRAGMENTS), min_size=1, max_size=4).map("".join),
       st.sampled_from(["project-list", "project-suffix"]), invented_places, invented_places, st.integers(0, 9))
@example("岳通电气", "project-suffix", {"岳通"}, set(), 1)  # a table name at the head that is a place of the text
@example("岚拓光电", "project-suffix", {"岚拓"}, set(), 0)  # a short form of one
def test_project_heads_planned_once_per_name_are_the_plain_ones(enterprise_recognizer, name, rule, places, other,
                                                                begin):
    r = enterprise_recognizer
    project = Mention(Span(begin, begin + len(name)), name, Kind.PROJECT, rule, name)
    for ps in (places, other, places):  # (the second and third time, the plan is a remembered one)
        assert r._project_heads(project, ps) == tuple(plain_project_heads(r, project, ps))


@pytest.fixture(scope="module")
def project_recognizer(extractor):
    return ProjectRecognizer(extractor.tokenizer)


def plain_specific(r, name, long_places, area=False):
    """ProjectRecognizer._specific as first written."""
    if projects._generic(name):
        return False
    if not area and any(place in name for place in long_places):
        return True
    tag, freq = r.tokenizer.tag, r.tokenizer.freq
    for run in projects.uncovered_runs(name, projects._GENERIC_OR_SHAPE):
        if area and tag(run) == "ns":
            continue
        if len(run) >= 2 and (tag(run) not in projects.VERB_TAGS or freq(run) < projects.RARE_WORD_FREQ):
            return True
        if len(run) == 1 and (freq(run) < projects.RARE_WORD_FREQ or tag(run) in projects.PROPER_TAGS):
            return True
    return False


def plain_acceptable_item(r, name, places):
    """ProjectRecognizer._acceptable_item as first written."""
    if not (2 <= len(name) <= projects.MAX_NAME) or name in places:
        return False
    if projects._NUMERIC_START.match(name) or not projects._ITEM_CHARS.fullmatch(name):
        return False
    if projects._generic(name):
        return False
    tag, freq = r.tokenizer.tag, r.tokenizer.freq
    return not (tag(name) in projects.COMMON_NOUN_TAGS and freq(name) >= projects.COMMON_NOUN_FREQ
                and len(r._words(name)) == 1)


GENERIC_FRAGMENTS = ["重点", "人才", "公寓", "产业园", "澜县", "工业园区", "岚拓", "科技", "燃气", "铁路", "二期", "项目", "宇"]


@settings(max_examples=200, deadline=None)
@given(st.lists(st.sampled_from(GENERIC_FRAGMENTS), min_size=1, max_size=4).map("".join), invented_places,
       invented_places, st.booleans())
def test_project_name_judgements_remembered_per_name_are_the_plain_ones(project_recognizer, name, places, other, area):
    r = project_recognizer
    for ps in (places, other, places):
        long_places = [p for p in ps if len(p) >= 2]
        assert r._specific(name, long_places, area) == plain_specific(r, name, long_places, area)
        assert r._acceptable_item(name, ps) == plain_acceptable_item(r, name, ps)
        assert r._key(name) == project_key(name)


@settings(max_examples=300, deadline=None)
@given(st.lists(st.tuples(st.integers(0, 60), st.integers(0, 30)), max_size=12), st.integers(-2, 100))
def test_number_inside_a_project_name_as_a_look_at_the_last_four_projects(begins_lengths, offset):
    spans = sorted(((Span(b, b + n), f"p{b}-{n}") for b, n in begins_lengths), key=lambda p: (p[0].begin, p[0].end))
    context = targets._Context("", None, spans, lambda offset: None)
    begins = [s.begin for s, _ in spans]
    i = bisect_right(begins, offset) - 1
    expected = bool(spans) and any(spans[k][0].begin <= offset < spans[k][0].end for k in range(max(0, i - 3), i + 1))
    assert context.in_project_name(offset) == expected


@given(st.lists(st.sampled_from(["投资", "设立", "提供", "配套", "等", "落户", "由", "甲", "，"]), max_size=12).map("".join))
def test_a_frame_closer_is_found_only_where_one_of_its_words_stands(text):
    for _, closer_re, _ in enterprises._FRAMES:
        words = enterprises._CLOSER_WORDS[closer_re.pattern]
        assert (closer_re.search(text) is not None) == any(w in text for w in words)


# --- the records' own __init__ ---------------------------------------------------------------

def plain_dataclass(cls):
    """The straightforward definition of a record: the same fields and defaults, dataclasses' own __init__."""
    plain = dataclasses.make_dataclass(
        "Plain" + cls.__name__, [(f.name, f.type, dataclasses.field(default=f.default)) for f in dataclasses.fields(cls)],
        frozen=True, namespace={"__post_init__": cls.__post_init__} if hasattr(cls, "__post_init__") else {})
    return plain


@pytest.mark.parametrize("cls", [Span, Section, Sentence, Target, Mention, Line])
def test_records_are_made_as_their_dataclass_would_make_them(cls):
    plain = plain_dataclass(cls)
    assert inspect.signature(cls) == inspect.signature(plain)
    fields = dataclasses.fields(cls)
    required = [f for f in fields if f.default is dataclasses.MISSING]
    values = list(range(1, len(fields) + 1))  # (distinct, and a valid span)
    for n in range(len(required), len(fields) + 1):  # positionally, each default left out in turn
        made, expected = cls(*values[:n]), plain(*values[:n])
        assert list(vars(made).items()) == list(vars(expected).items())  # (the same fields, in the same order)
        by_name = {f.name: v for f, v in zip(fields[:n], values)}
        assert vars(cls(**by_name)) == vars(made)
    with pytest.raises(dataclasses.FrozenInstanceError):
        made.__setattr__(fields[0].name, None)
    with pytest.raises(TypeError):
        cls(*values, None)  # one argument too many


@given(st.integers(-3, 5), st.integers(-3, 5))
def test_a_span_is_checked_as_before(begin, end):
    try:
        expected = plain_dataclass(Span)(begin, end)
    except ValueError as exc:
        with pytest.raises(ValueError, match=re.escape(str(exc))):
            Span(begin, end)
    else:
        span = Span(begin, end)
        assert (span.begin, span.end) == (expected.begin, expected.end)
        assert span == Span(begin, end) and hash(span) == hash(Span(begin, end)) and repr(span) == f"Span(begin={begin}, end={end})"
        assert pickle.loads(pickle.dumps(span)) == span


# --- answers remembered per number, per indicator and per leader line ----------------------------

NUMBER_TEXT = st.text("0123456789.,一二三四五六七八九十百千零两３", min_size=1, max_size=8)


@given(NUMBER_TEXT)
def test_a_number_read_once_reads_as_the_plain_reading(num):
    value = targets._value.__wrapped__(num)  # (the plain reading, nothing remembered)
    assert targets._value(num) == value and targets._value(num) == value
    if value is not None:
        assert targets._plain_value(num) == targets._plain(value)


@given(st.lists(st.sampled_from(["力争", "全年", "岚拓", "产值", "增长", "达到", "突破", "的", "甲", "乙"]), max_size=6).map("".join))
def test_an_indicator_remembered_is_the_one_stripped(head):
    assert targets._indicator(head) == targets._strip_tail(targets._strip_head(head))


LEADER_FRAGMENTS = ["岚县", "澜市", "委", "书记", "副", "县长", "市长", "、", "王", "李", "甲乙", "说", "常委"]


@settings(max_examples=200, deadline=None)
@given(st.lists(st.sampled_from(LEADER_FRAGMENTS), min_size=1, max_size=6))
@example(["岚县", "委", "书记", "王", "甲乙"])  # a leader line
def test_a_leader_line_read_once_per_line_is_read_as_sole_official_reads_it(extractor, fragments):
    line = "".join(fragments)
    divisions = []
    for place, key in (("岚县", "999001"), ("澜市", "999002")):
        i = line.find(place)
        if i >= 0:
            divisions.append((i, i + len(place), key, place))
    sectioner = next(c for c in extractor.components if isinstance(c, Sectioner))
    for _ in range(2):  # (the second time, the reading is a remembered one)
        assert sectioner._leader_lines((line, tuple(divisions))) == sole_official(line, divisions)
    if fragments == ["岚县", "委", "书记", "王", "甲乙"]:
        assert sole_official(line, divisions).leads == "999001"


@given(st.lists(st.sampled_from(["岚", "拓", "科技", "有限", "公司", "集团", "股份", "的", "，", "1", "推动", "有", "限", "司"]),
                max_size=12).map("".join))
@example("岚拓科技有限公司")
def test_a_name_glued_into_a_company_is_found_where_the_pattern_finds_it(text):
    for end in range(len(text) + 1):
        assert divisions._glued_to_company(text, end) == (divisions._COMPANY_GLUED.match(text, end) is not None)


@given(st.text("甲乙“”「」『』\n，", max_size=60))
def test_an_articles_quotation_index_made_once_answers_as_one_made_anew(text):
    plain = QuoteIndex(quote_spans(text))
    shared = quote_index(text)
    assert quote_index(text) is shared  # (made once: the components share it)
    assert [shared.covering(i) for i in range(-1, len(text) + 2)] == [plain.covering(i) for i in range(-1, len(text) + 2)]


@given(st.text("由引进甲乙“”以", max_size=20), st.lists(st.text("由引进甲以", min_size=1, max_size=2), max_size=5))
def test_words_stripped_by_a_pattern_compiled_once_are_the_words_stripped(item, words):
    assert strip_leading(item, leading_words(words)) == strip_leading(item, words)


HEADLINE_ALPHABET = "甲乙丙：:。；，1 \n"  # ideographs, a colon of each width, sentence breaks, a digit, space, lines


@given(st.text(alphabet=HEADLINE_ALPHABET, max_size=120))
@example("甲乙\n丙：1\n\n  丁：乙。\n")
@example("\n\n 甲：1\n乙")
def test_a_headline_read_line_by_line_is_the_headline_found_in_the_whole_text(text):
    heads = targets._headlines(text)  # the plain definition: every headline of the text at once

    def plain(offset: int) -> Span | None:
        k = bisect_right([h.begin for h in heads], offset) - 1
        return heads[k] if k >= 0 and offset < heads[k].end else None

    context = targets._Context(text, quote_index(text), ())
    for offset, ch in enumerate(text):
        if not ch.isspace():  # (asked only at numbers, never at a space)
            assert context.headline_at(offset) == plain(offset), (text, offset)
