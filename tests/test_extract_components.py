"""Each extraction component on short sentences written in the genre's style.

The sentences are made up for these tests (none is taken from the sample
article), so they check the patterns, not one article's answers.
"""

from __future__ import annotations

import pytest

from ycgraph.model import Kind


def kinds(doc, kind):
    return [m for m in doc.mentions if m.kind is kind]


@pytest.mark.parametrize(
    "text, expected",
    [
        ("襄阳市召开会议，枣阳、宜城市和襄阳高新区负责人参加。", [("襄阳市", "420600"), ("枣阳", "420683"), ("宜城市", "420684"), ("襄阳高新区", "zone:420600:高新区")]),
        ("恩施州委书记在利川调研，巴东县同步推进。", [("恩施州", "422800"), ("利川", "422802"), ("巴东县", "422823")]),
        # 安吉 is a county of Zhejiang: in an article about Hubei, 安吉星 names no division.
        ("湖北宜昌，依托安吉星科技。", [("湖北", "420000"), ("宜昌", "420500")]),
    ],
)
def test_divisions(extractor, text, expected):
    doc = extractor.extract(text)
    assert [(m.text, m.key) for m in kinds(doc, Kind.DIVISION)] == expected


def test_division_record_has_code_parent_and_short_form(extractor):
    rec = extractor.table.by_code["420528"]
    assert (rec.name, rec.parent, rec.short_forms) == ("长阳土家族自治县", "420500", ("长阳",))


@pytest.mark.parametrize(
    "text, name, posts, leads",
    [
        ("襄阳市委书记王大明\n", "王大明", ("襄阳市委书记",), "420600"),
        ("十堰市人大常委会党组成员、副主任,郧阳区委书记陈小红\n", "陈小红",
         ("十堰市人大常委会党组成员", "十堰市人大常委会副主任", "郧阳区委书记"), "420304"),
        ("襄阳市副市长、襄阳高新区党工委书记欧阳明\n", "欧阳明", ("襄阳市副市长", "襄阳高新区党工委书记"),
         "zone:420600:高新区"),
        ("会上，荆州市市长张伟表示要加快发展。", "张伟", ("荆州市市长",), None),
    ],
)
def test_officials_with_posts(extractor, text, name, posts, leads):
    officials = kinds(extractor.extract(text), Kind.OFFICIAL)
    assert [(m.text, m.posts, m.leads) for m in officials] == [(name, posts, leads)]


def test_implied_division_is_written_out(extractor):
    doc = extractor.extract("荆州市召开大会。荆州市沙市区、江陵县参会。市委书记刘强出席并讲话。")
    officials = kinds(doc, Kind.OFFICIAL)
    assert [(m.text, m.posts, m.leads) for m in officials] == [("刘强", ("荆州市委书记",), "421000")]


def test_reporters_and_editors_are_contributors_not_officials(extractor):
    doc = extractor.extract("十堰市委书记李明\n  发言内容。\n  (十堰日报记者王小二整理)\n【编辑:赵六】")
    assert [m.text for m in kinds(doc, Kind.OFFICIAL)] == ["李明"]
    assert [m.text for m in kinds(doc, Kind.CONTRIBUTOR)] == ["王小二", "赵六"]


def test_person_named_inside_a_school_name_is_not_an_official(extractor):
    doc = extractor.extract("襄阳市加快张自忠中学、汉江大桥等重点项目建设。")
    assert kinds(doc, Kind.OFFICIAL) == []
    assert "张自忠中学" in [m.text for m in kinds(doc, Kind.PROJECT)]


@pytest.mark.parametrize(
    "text, expected",
    [
        ("支持金鹰、汉丰等龙头企业组建创新联合体。", {"金鹰", "汉丰"}),
        ("坚持东风、骆驼等“链主”引领。", {"东风", "骆驼"}),
        ("推动鑫达、华科智联成长为百亿级企业。", {"鑫达", "华科智联"}),
        ("支持楚盛生物在北交所上市。", {"楚盛生物"}),
        ("精准对接中国建材集团、长江电力股份有限公司。", {"中国建材集团", "长江电力股份有限公司"}),
        # A company at the head of a project name, and two side by side.
        ("加快金鹰磷酸铁、华丰鑫泰新材料基地等重点项目建设。", {"金鹰", "华丰", "鑫泰"}),
        # Ordinary phrases are not companies.
        ("推动大健康、新能源等产业做大做强，支持3家上市公司发展。", set()),
    ],
)
def test_enterprises(extractor, text, expected):
    doc = extractor.extract(text)
    assert {m.text for m in kinds(doc, Kind.ENTERPRISE)} == expected


def test_enterprise_aliases_share_one_key(extractor):
    doc = extractor.extract("依托金鹰集团打造产业链，支持金鹰冲刺千亿。")
    assert {m.key for m in kinds(doc, Kind.ENTERPRISE)} == {"金鹰"}


@pytest.mark.parametrize(
    "text, expected",
    [
        ("加快汉江湾文旅小镇、谷城二中等12个民生项目建设。", ["汉江湾文旅小镇", "谷城二中"]),
        ("推进襄阳东站综合体和卧龙大道二期建设。", ["襄阳东站综合体", "卧龙大道二期"]),
        ("高标准建设隆中康养集聚区，争创国家级旅游度假区。", ["隆中康养集聚区"]),
        # Generic phrases name no particular undertaking.
        ("统筹推进两条高铁、三座大桥等交通项目，建设人才公寓和商业综合体。", []),
        # List items may hold Latin letters and digits.
        ("加快樊城5G智慧港、AI算力中心等重点项目建设。", ["樊城5G智慧港", "AI算力中心"]),
    ],
)
def test_projects(extractor, text, expected):
    doc = extractor.extract(text)
    assert [m.text for m in kinds(doc, Kind.PROJECT)] == expected


def test_project_involves_the_enterprise_in_its_name(extractor):
    from ycgraph.relations import find_relations

    doc = extractor.extract("襄阳市召开会议。支持金鹰等龙头企业，加快金鹰电池产业园建设。")
    res = extractor.resolver(doc)
    involves = [(res.entities[r.subject].label, res.entities[r.object].label)
                for r in find_relations(doc, res) if r.predicate == "involves"]
    assert involves == [("金鹰电池产业园", "金鹰")]


@pytest.mark.parametrize(
    "text, expected",
    [
        ("深化“放管服”改革，弘扬“攻坚精神”。", ["放管服", "攻坚精神"]),
        # Brands and their names are not slogans.
        ("擦亮“襄阳牛肉面”“谷城香菇”名片，打造“汉江之心”城市品牌。", []),
        ("坚持“一主两副、多点支撑”，全力一主两副、多点支撑。", ["一主两副、多点支撑", "一主两副、多点支撑"]),
        # Repeated without quotes, an everyday phrase is just words; a coined one is still the slogan.
        ("弘扬“创新发展”理念，推动创新发展。学习“晨光精神”，弘扬晨光精神。", ["创新发展", "晨光精神", "晨光精神"]),
    ],
)
def test_slogans(extractor, text, expected):
    doc = extractor.extract(text)
    assert [m.text for m in kinds(doc, Kind.SLOGAN)] == expected


@pytest.mark.parametrize(
    "text, expected",
    [
        ("力争地区生产总值增长6.5%以上。", [("6.5", "%", "atLeast")]),
        ("确保引进亿元以上项目50个，其中百亿级2个。", [("50", "个", "exactly"), ("2", "个", "exactly")]),
        ("全年新增市场主体两万户，确保总量过十万家。", [("2", "万户", "exactly"), ("10", "万家", "atLeast")]),
        ("力争跨越千亿元大关，每年安排不少于5000万元。", [("1000", "亿元", "exactly"), ("5000", "万元", "atLeast")]),
        # A comma grouping thousands is part of the number; one between clauses is a break.
        ("力争营收突破1,200万元,新增企业12家。", [("1200", "万元", "atLeast"), ("12", "家", "exactly")]),
        # Past results, ordinals, names with numbers and descriptions are not targets.
        ("去年完成投资80亿元，同比增长9%。深化“1531”工程，抓好第3批试点，围绕三个方面发力。", []),
    ],
)
def test_targets(extractor, text, expected):
    doc = extractor.extract(text)
    got = [(m.target.value, m.target.unit, m.target.comparator.value) for m in kinds(doc, Kind.TARGET)]
    assert got == expected


def test_sections_are_found_for_any_division_and_post(extractor):
    text = ("关于十堰的报道\n十堰市召开大会，发出动员令。\n"
            "  郧阳区\n  标题一行\n郧阳区委书记陈小红\n  郧阳将加快发展，力争新增企业10家。\n  (十堰日报记者王五整理)\n"
            "  丹江口市\n丹江口市委书记李四\n  丹江口力争全年GDP增长7%。\n")
    doc = extractor.extract(text)
    assert [s.division for s in doc.sections] == ["420304", "420381"]
    assert doc.home_division == "420300"
    first = doc.sections[0]
    assert doc.cut(first.titles[0]) == "标题一行" and "王五" in doc.cut(first.byline)
    # Text before the first section belongs to the city.
    assert doc.division_at(text.index("动员令")) == "420300"
    assert doc.division_at(text.index("7%")) == "420381"


def test_text_without_sections_is_attributed_by_sentence(extractor):
    text = "襄阳市推进重点工作。枣阳市力争新增企业20家。宜城市将加快建设宜城高新区。"
    doc = extractor.extract(text)
    assert doc.sections == ()
    assert doc.division_at(text.index("20家")) == "420683"
    assert doc.division_at(text.index("推进")) == "420600"


@pytest.mark.parametrize(
    "text, expected",
    [
        ("湖北省省长 王大明\n", [("王大明", ("湖北省省长",))]),  # a space between post and name
        ("荆州市召开会议。市委书记刘芳震宣布项目开工。", [("刘芳震", ("荆州市委书记",))]),  # a verb right after
        ("财政部部长周立衡接受专访。", [("周立衡", ("财政部部长",))]),  # a ministry's post
    ],
)
def test_officials_in_other_genres(extractor, text, expected):
    assert [(m.text, m.posts) for m in kinds(extractor.extract(text), Kind.OFFICIAL)] == expected


def test_a_work_report_review_section_is_not_targets(extractor):
    text = ("2026年1月20日\n一、2025年工作回顾\n全省地区生产总值增长5.8%，新增企业3000家。\n"
            "二、2026年主要目标\n力争地区生产总值增长6%左右，城镇调查失业率5.5%以内。\n")
    doc = extractor.extract(text)
    assert [(m.target.value, m.target.comparator.value) for m in kinds(doc, Kind.TARGET)] == [
        ("6", "approximately"), ("5.5", "atMost")]


def test_a_national_article_belongs_to_the_country(extractor):
    doc = extractor.extract("推动中国制造业升级，支持华为、比亚迪等企业加强攻关，力争增长5%左右。")
    assert doc.home_division == "CN"
    assert {m.text for m in kinds(doc, Kind.ENTERPRISE)} == {"华为", "比亚迪"}
    assert doc.division_at(doc.text.index("5%")) == "CN"


def test_a_lone_short_form_from_another_province_is_not_a_division(extractor):
    doc = extractor.extract("湖北省推进武汉、襄阳、宜昌发展，支持宁德时代扩产。")
    assert [m.text for m in kinds(doc, Kind.DIVISION)] == ["湖北省", "武汉", "襄阳", "宜昌"]


def test_a_section_led_by_a_mayor(extractor):
    text = ("十堰市召开大会。\n  郧阳区\n郧阳区区长陈小红\n  力争新增企业10家。\n"
            "  丹江口市\n丹江口市市长李四\n  力争全年GDP增长7%。\n")
    doc = extractor.extract(text)
    assert [s.division for s in doc.sections] == ["420304", "420381"]
    assert doc.division_at(text.index("10家")) == "420304"


def test_a_county_head_belongs_to_the_county_not_its_party_committee(extractor):
    doc = extractor.extract("秭归县委副书记、县长张明华介绍，全县力争新增企业5家。")
    assert [m.posts for m in kinds(doc, Kind.OFFICIAL)] == [("秭归县委副书记", "秭归县县长")]


def test_quoted_speech_is_not_a_slogan(extractor):
    doc = extractor.extract("“全县种植面积达到40万亩，产值突破230亿元。”县长介绍。坚持“园区筑基+人才引领”。")
    assert [m.text for m in kinds(doc, Kind.SLOGAN)] == ["园区筑基+人才引领"]


@pytest.mark.parametrize("text", ["推进 汉江湾文旅小镇、 谷城二中等12个民生项目建设。", " 金鹰集团、华丰集团等“两新工程”"])
def test_list_items_after_spaces_keep_exact_offsets(extractor, text):
    doc = extractor.extract(text)
    assert any(m.kind is Kind.PROJECT for m in doc.mentions)
    assert all(doc.text[m.span.begin:m.span.end] == m.text for m in doc.mentions)


def test_a_long_chain_of_breakdowns_is_read_without_recursion(extractor):
    # 其中… clauses break down the clause before; a chain of thousands must not exhaust the stack.
    doc = extractor.extract("力争新增企业10家" + "，其中规上企业2家" * 3000 + "。")
    assert len(kinds(doc, Kind.TARGET)) == 3001
