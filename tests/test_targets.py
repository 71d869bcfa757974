"""Targets: the rules of extractors/targets.py on invented sentences, and properties of the numeral reader.

Every name and number here is invented. The property tests draw numerals (digits, dots, commas, full-width
digits, Chinese numerals), units, range marks and goal words at random: whatever the text, extraction
returns, and every target value is a plain decimal the RDF writer can type as xsd:decimal.
"""

from __future__ import annotations

from decimal import Decimal

import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from ycgraph.extractors.targets import _value, chinese_number, match_targets
from ycgraph.gazetteer.lexicon import RANGE_MARKS, UNITS
from ycgraph.model import Span


def read(text: str, year: int | None = None, projects=()) -> list[tuple[str, str, str]]:
    return [(m.target.value, m.target.unit, m.target.comparator.value) for m in match_targets(text, year, projects)]


# --- numerals ---------------------------------------------------------------------------------------------

@pytest.mark.parametrize("text", [
    "力争全年产值增长6.4.2%以上。", "确保营收突破1.2.3.4亿元。", "新增企业1,2家。", "力争投资1,0000万元。",
    "力争增长..%以上。", "新增企业12.家。",
])
def test_a_malformed_number_is_no_target_and_raises_nothing(text):
    assert read(text) == []


def test_a_malformed_number_does_not_hide_the_good_ones():
    assert read("力争增长4.4.1%，新增企业16家。") == [("16", "家", "exactly")]


@pytest.mark.parametrize("num, value", [("1,250", "1250"), ("12,345,678.5", "12345678.5"), ("３８", "38"),
                                        ("0.75", "0.75"), ("三百零七", "307"), ("两千", "2000")])
def test_well_formed_numbers(num, value):
    assert _value(num) == Decimal(value)


# --- the rules ------------------------------------------------------------------------------------------

@pytest.mark.parametrize("text, expected", [
    # A range gives its lower and its upper bound, however it is written.
    ("预计新增税收3-5亿元。", [("3", "亿元", "atLeast"), ("5", "亿元", "atMost")]),
    ("力争年营收4至7亿元。", [("4", "亿元", "atLeast"), ("7", "亿元", "atMost")]),
    ("力争新增就业2万人至3万人。", [("2", "万人", "atLeast"), ("3", "万人", "atMost")]),
    ("力争增长6%～9%。", [("6", "%", "atLeast"), ("9", "%", "atMost")]),
    # From one value to another is a change: its target is the second.
    ("力争覆盖率从40%提高到65%。", [("65", "%", "exactly")]),
    # Magnitudes before any unit stay in the unit.
    ("力争粮食产量保持300亿斤以上，改造老旧小区0.6万个。", [("300", "亿斤", "atLeast"), ("0.6", "万个", "exactly")]),
    ("确保引进外资2.5亿美元。", [("2.5", "亿美元", "exactly")]),
    # 签约 ends like 约 (about) and is not.
    ("全年新签约项目24个。", [("24", "个", "exactly")]),
    ("预计年产值约9亿元。", [("9", "亿元", "approximately")]),
    # 一批 counts nothing.
    ("建设一批数字车间，培育一批链主企业。", []),
    # A goal word inside a term sets nothing; a bound after a number does.
    ("服务规模以上工业企业318家。", []),
    ("全年投资5亿元以上。", [("5", "亿元", "atLeast")]),
    # A capacity is part of a plant, not a commitment.
    ("加快建设年产8万吨玻纤生产线。", []),
    ("开工建设15万吨乙二醇项目。", []),
    ("预计年产智能阀门8000台、年产值达3亿元。", [("3", "亿元", "exactly")]),
    # Bare list items after a goal clause share its goal.
    ("力争培育创新型企业五千家，一千家专精企业。", [("5000", "家", "exactly"), ("1000", "家", "exactly")]),
    # A count with 过 before it is a target even when another count follows.
    ("确保经营主体过二十万家、规上企业过千家。", [("20", "万家", "atLeast"), ("1000", "家", "atLeast")]),
])
def test_target_rules(text, expected):
    assert read(text) == expected


def test_totals_after_a_count_of_projects_are_the_divisions():
    text = "某区甲项目、乙项目等9个重点项目，合计总投资31.5亿元；其中新建项目6个、总投资20亿元。"
    assert read(text) == [("9", "个", "exactly"), ("31.5", "亿元", "exactly"), ("6", "个", "exactly"),
                          ("20", "亿元", "exactly")]


def test_investment_opening_a_clause_continues_the_clause_before():
    text = "今年将有52个项目陆续开工，总投资410亿元。"
    assert read(text) == [("52", "个", "exactly"), ("410", "亿元", "exactly")]


def test_a_count_before_an_amount_qualifies_it():
    # 11个项目总投资超5亿元: eleven projects each over 5亿元, not a total.
    assert read("力争11个项目总投资超5亿元。") == [("11", "个", "exactly")]


def test_past_results_stay_out():
    assert read("去年新增企业30家，同期增长4.5%，已建成基站900个。") == []
    assert read("比上年同期增长8%。", 2026) == []
    assert read("一批项目相继投产，先后引进了企业12家。") == []
    # A clause opening with an earlier year than the article's reports; one opening 到… sets a deadline.
    assert read("2024年全市新增企业300家。", 2026) == []
    assert read("到2028年全市新增企业300家。", 2026) == [("300", "家", "exactly")]


def test_a_reporting_headline_sets_nothing_and_a_setting_one_does():
    text = "某县12个重点项目集中开工\n某县召开大会。会议要求，力争新增企业9家。"
    assert read(text) == [("9", "家", "exactly")]
    text = "某市：力争数字经济占比达到35%\n会议召开。"
    assert read(text) == [("35", "%", "exactly")]


def test_a_projects_own_investment_belongs_to_the_project():
    text = "推进青松电池基地建设，该项目计划总投资18亿元，投产后年销售额可达30亿元。"
    project = (Span(text.index("青松"), text.index("基地") + 2), "青松电池基地")
    got = match_targets(text, None, [project])
    assert [(m.target.value, m.target.project) for m in got] == [("18", "青松电池基地"), ("30", "青松电池基地")]
    # Without the project named, the figure is no one's target.
    assert read(text) == []


def test_a_group_of_projects_invests_for_the_division():
    text = "全部项目总投资达到96亿元。"
    assert [(m.target.value, m.target.project) for m in match_targets(text)] == [("96", None)]


def test_numbers_inside_a_project_name_are_not_targets():
    text = "加快推进白鹭湖20万千瓦光伏电站建设，力争新增装机。"
    project = (Span(text.index("白鹭湖"), text.index("电站") + 2), "白鹭湖20万千瓦光伏电站")
    assert match_targets(text, None, [project]) == []


# --- properties ---------------------------------------------------------------------------------------------

DIGITS = st.text(alphabet="0123456789０１２３４５６７８９", min_size=1, max_size=6)
CN = st.text(alphabet="零〇一二两三四五六七八九十百千万亿", min_size=1, max_size=5)
numeral = st.one_of(
    DIGITS,
    CN,
    st.lists(DIGITS, min_size=1, max_size=4).flatmap(
        lambda parts: st.lists(st.sampled_from([".", ",", "．", "，", ""]), min_size=len(parts) - 1,
                               max_size=len(parts) - 1).map(lambda seps: "".join(
                                   p + s for p, s in zip(parts, [*seps, ""])))),
)
unit = st.sampled_from([*UNITS, "亿", "万", "万亿", "亿斤", "万个", "亿美元", "万亿元", ""])
quantity = st.tuples(numeral, unit).map("".join)
ranged = st.tuples(quantity, st.sampled_from(RANGE_MARKS), quantity).map("".join)
words = st.sampled_from(["力争", "确保", "新增", "以上", "左右", "其中", "总投资", "合计", "签约", "年产", "项目",
                         "过", "超过", "第", "年", "等", "各", "级", "、", "，", "。", "；", "\n", "“", "”", "去年",
                         "从", "到", "至", "-", "一批", "规模以上", "某市：", "投产后", "该项目"])
texts = st.lists(st.one_of(quantity, ranged, words, words, st.text(max_size=3)), max_size=40).map("".join)


@settings(max_examples=400, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(texts, st.one_of(st.none(), st.integers(1990, 2040)))
@example("力争全年营收增长8.3.6%以上。", None)
@example("确保增长1,2,3.4.5亿元至6.7.8亿元以上。", 2026)
@example("力争增长十百千万亿元，新增〇〇家。", None)
def test_extraction_never_raises_and_values_are_decimals(text, year):
    for m in match_targets(text, year):
        value = Decimal(m.target.value)  # parses: no exponent, no stray dot or comma
        assert value.is_finite() and value > 0
        assert m.target.value == format(value, "f")
        assert text[m.span.begin:m.span.end] == m.text
        assert m.target.unit


@given(CN)
def test_chinese_numbers_are_whole_or_none(text):
    v = chinese_number(text)
    assert v is None or (isinstance(v, int) and v >= 0)
