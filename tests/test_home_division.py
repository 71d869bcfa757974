"""Whose article it is, its sections, and which places are divisions at all.

Every sentence here is invented (people, companies and facts); the places
are real divisions, used as general knowledge.
"""

from __future__ import annotations

import pytest

from ycgraph.gazetteer.divisions import short_forms
from ycgraph.model import Kind
from ycgraph.text.structure import self_references, titled_heading


def divisions(doc):
    return [(m.text, m.key) for m in doc.mentions if m.kind is Kind.DIVISION]


# --- class 6: what is a division -------------------------------------------------------------

@pytest.mark.parametrize(
    "text, absent",
    [
        ("湖北省创建国家乡村振兴示范县，力争新增10个。", "范县"),  # 示范县: 范县 starts inside a word
        ("湖北省顺应城市发展规律，加快建设。", "应城市"),  # 顺应 + 城市
        ("湖北省积极稳妥创新乡村治理。", "新乡"),  # 创新 + 乡村
        ("长沙市引进阿里巴巴、京东等企业。", "阿里"),  # a short form opening a longer word
        ("湖北省坚持绿水青山就是金山银山。", "青山"),
        ("高新区内，苏州瑞达光电科技有限公司扩建厂房。", "苏州"),  # glued into a company's name
        ("高新区内，明远电子（苏州）有限公司扩建厂房。", "苏州"),  # in a company's brackets
        ("中国恒通集团公司签约落户宜昌市。", "中国"),
        ("黄石市积极融入武汉城市圈。", "武汉"),  # a region around a city
        ("十堰市保护丹江口水库水质。", "丹江口"),  # a water body
    ],
)
def test_no_place_inside_a_word_or_a_company_name(extractor, text, absent):
    assert absent not in [t for t, _ in divisions(extractor.extract(text))]


@pytest.mark.parametrize(
    "text, expected",
    [
        # A bare city name is the city, not the county named after it.
        ("南昌市发布规划。南昌将加快发展数字经济。", ("南昌", "360100")),
        ("长沙将加快发展，长沙市发布规划。", ("长沙", "430100")),
        # A name rejected inside a word does not hide the one starting inside it: 其中 + 阳新.
        ("黄石市共签约33个项目，其中阳新签约18个。", ("阳新", "420222")),
        # A county written short, its city written short too (黄冈 puts 红安 in context).
        ("湖北省支持黄冈发展，支持红安创建示范区。", ("红安", "421122")),
        # Banners go by the first character of their name and their wing: 科右前旗.
        ("兴安盟推进项目建设，科右前旗新开工项目12个。", ("科右前旗", "152221")),
        # A place named before a company's, with a verb between, stays a place.
        ("宜昌市政府和宏远集团签约。", ("宜昌市", "420500")),
    ],
)
def test_divisions_in_context(extractor, text, expected):
    assert expected in divisions(extractor.extract(text))


@pytest.mark.parametrize(
    "name, level, expected",
    [
        ("科尔沁右翼前旗", "旗", ("科右前旗",)),
        ("察哈尔右翼后旗", "旗", ("察右后旗",)),
        ("土默特左旗", "旗", ("土左旗",)),
        ("乌拉特前旗", "旗", ("乌前旗",)),
        ("鄂托克旗", "旗", ("鄂托克",)),
        ("鄂伦春自治旗", "自治旗", ("鄂伦春",)),
        ("鄂温克族自治旗", "自治旗", ("鄂温克",)),
        ("新疆维吾尔自治区", "自治区", ("新疆",)),
        ("内蒙古自治区", "自治区", ("内蒙古",)),
        ("西双版纳傣族自治州", "自治州", ("西双版纳", "西双版纳州")),
        ("龙胜各族自治县", "自治县", ("龙胜",)),
        ("兴安盟", "盟", ("兴安",)),
    ],
)
def test_short_forms(name, level, expected):
    assert short_forms(name, level) == expected


@pytest.mark.parametrize(
    "text, word, key",
    [
        ("苏州高新区召开大会。3月5日，高新区新开工项目8个。", "高新区", "zone:320500:高新区"),
        ("内蒙古自治区推进建设。自治区副主席韩立明出席。", "自治区", "150000"),
    ],
)
def test_a_level_word_alone_is_the_one_division_of_its_kind(extractor, text, word, key):
    assert (word, key) in divisions(extractor.extract(text))


def test_a_level_word_is_nothing_when_two_divisions_of_its_kind_are_named(extractor):
    doc = extractor.extract("苏州高新区和无锡高新区签约。高新区之间加强合作。")
    assert [t for t, _ in divisions(doc)] == ["苏州高新区", "无锡高新区"]


# --- class 1: whose article it is -----------------------------------------------------------

@pytest.mark.parametrize(
    "text, home",
    [
        # A development zone's article: the zone, not its city, though the city is named too.
        ("苏州高新区开工20个项目\n苏州高新区举行开工仪式，苏州市领导出席。高新区力争全年新增企业30家。", "zone:320500:高新区"),
        # A county that calls itself 我县 and writes its name short only.
        ("灵川推进乡村振兴\n县委书记周明远说，我县将加快发展，灵川力争新增企业20家。", "450323"),
        # The title names the zone; the body names the city as often.
        ("宜昌高新区新签项目15个\n宜昌市招商大会上，宜昌高新区签约。", "zone:420500:高新区"),
        # A league's article titled with its region stays the league's.
        ("内蒙古重点项目集中开工\n兴安盟开工项目45个。兴安盟将加快建设，乌兰浩特市新开工项目8个。", "152200"),
        # A city's report naming each of its counties once stays the city's.
        ("襄阳市推进重点工作。枣阳市力争新增企业20家。宜城市将加快建设。", "420600"),
        # A county's report naming its province more than once stays the county's.
        ("江口县推进生态建设\n贵州省支持江口县试点。江口县力争增长8%，江口将加快发展，贵州省将推广。", "520621"),
        # Leaders' posts written without a division say the article is the county's.
        ("阳新县举行开工仪式\n县委书记方大成致辞。黄石市、武汉市嘉宾出席，黄石市领导讲话。阳新县签约项目12个。", "420222"),
    ],
)
def test_home_division(extractor, text, home):
    assert extractor.extract(text).home_division == home


@pytest.mark.parametrize(
    "text, expected",
    [
        ("县委书记王某说，我县将加快发展。", {"县": 3, "自治县": 3}),  # a bare post (2) and 我县 (1)
        ("基本市场规则不变。", {}),  # 基本 + 市场 is no 本市
        ("我省力争增长6%，本省将加快。", {"省": 2}),
        ("4月2日，自治区党委书记韩某出席。", {"自治区": 2}),
    ],
)
def test_self_references(text, expected):
    assert self_references(text) == expected


# --- sections and sentences ---------------------------------------------------------------------

@pytest.mark.parametrize(
    "line, divisions_in_line, expected",
    [
        ("合肥：到2025年数字经济占比过半", [(0, 2, "340100")], "340100"),
        ("【郑州】打造数字第一城", [(1, 3, "410100")], "410100"),
        ("二、武汉：建设新赛道", [(2, 4, "420100")], "420100"),
        ("合肥市召开会议：部署全年工作", [(0, 3, "340100")], None),  # the division is a sentence's subject
        ("据悉，武汉：新赛道", [(3, 5, "420100")], None),
    ],
)
def test_titled_headings(line, divisions_in_line, expected):
    assert titled_heading(line, divisions_in_line) == expected


def test_a_comparison_of_cities_is_sectioned_by_its_headings(extractor):
    text = ("中部省会竞逐新赛道\n数字经济成为各城市发展重点。\n"
            "长沙：五年数字经济占比超四成\n长沙提出力争新增企业100家。\n"
            "武汉：建成数字经济一线城市\n武汉计划新建5G站点3万个。\n"
            "郑州：规模达5000亿元\n全市力争数字经济规模达到5000亿元。\n")
    doc = extractor.extract(text)
    assert [s.division for s in doc.sections] == ["430100", "420100", "410100"]
    assert doc.division_at(text.index("5000亿元。")) == "410100"
    assert doc.division_at(text.index("3万个")) == "420100"


@pytest.mark.parametrize(
    "sentence, expected",
    [
        ("2020年，枣阳市新增企业20家。", "420683"),  # after a time
        ("根据市统计局数据，宜城市新增企业15家。", "420684"),  # after a source
        ("湖北省襄阳市枣阳市新增企业20家。", "420683"),  # a chain: the last one
        ("根据《宜城市发展规划》，全市新增企业15家。", "420600"),  # a document's title is no topic
        ("枣阳、宜城等地新增企业20家。", "420600"),  # a list of places: none of them alone
        ("来到枣阳市工业园区，考察新增企业20家。", "420600"),  # a place the text is at
    ],
)
def test_the_division_a_sentence_is_about(extractor, sentence, expected):
    text = "襄阳市推进重点工作，襄阳市力争全年增长7%。" + sentence
    doc = extractor.extract(text)
    assert doc.home_division == "420600"
    assert doc.division_at(text.index("新增")) == expected


def test_a_title_naming_the_region_of_the_home_stays_home(extractor):
    text = "内蒙古45个重点项目开工\n兴安盟开工项目45个。兴安盟将加快建设。兴安盟新增企业10家。"
    doc = extractor.extract(text)
    assert doc.home_division == "152200"
    assert doc.division_at(0) == "152200"


@pytest.mark.parametrize(
    "text, home",
    [
        ("新华社合肥3月2日电 安徽省推进建设，芜湖市、蚌埠市签约，合肥将加快发展。", "340100"),
        ("本报枝江讯（记者 钱小明）宜昌市召开大会，枝江市新签项目6个。", "420583"),
        ("（当阳融媒记者 孙一凡）宜昌市推进建设，当阳市新增企业8家。", "420582"),
    ],
)
def test_the_place_of_a_dateline_or_byline(extractor, text, home):
    assert extractor.extract(text).home_division == home
