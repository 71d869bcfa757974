"""Projects and project -> enterprise (ycg:involves), on invented sentences only."""

from __future__ import annotations

import pytest

from ycgraph.extractors.projects import ProjectRecognizer, project_key
from ycgraph.model import Kind
from ycgraph.relations import find_relations


@pytest.fixture(scope="module")
def recognizer(extractor):
    return ProjectRecognizer(extractor.tokenizer)


def names(recognizer, text):
    return [m.text for m in recognizer.match(text)]


@pytest.mark.parametrize(
    "text, expected",
    [
        # Capacity-named projects: the name runs left across the capacity to the company at its head.
        ("开工的项目有金穗集团年产30万件针织服装加工项目。", ["金穗集团年产30万件针织服装加工项目"]),
        ("丰源集团20万吨甲醇35万吨尿素项目开工。", ["丰源集团20万吨甲醇35万吨尿素项目"]),
        ("考察了青山2×35万千瓦热电项目。", ["青山2×35万千瓦热电项目"]),
        ("推进金穗5000t/d新型干法熟料生产线建设。", ["金穗5000t/d新型干法熟料生产线"]),
        # Two lines joined by 和: each is a project.
        ("建设日产5000吨熟料生产线和年产300万吨环保建材生产线项目。",
         ["日产5000吨熟料生产线", "年产300万吨环保建材生产线项目"]),
        # Infrastructure endings.
        ("河口至龙湾一级公路通车，松林水库项目前期工作启动。", ["河口至龙湾一级公路", "松林水库项目"]),
        # A school or a park named after a company.
        ("由金桥集团捐资建设的青山金桥小学开学。", ["青山金桥小学"]),
        ("参观了华瑞集团医药物流园区。", ["华瑞集团医药物流园区"]),
    ],
)
def test_capacity_infrastructure_and_company_named_projects(recognizer, text, expected):
    assert names(recognizer, text) == expected


@pytest.mark.parametrize(
    "text, expected",
    [
        # A bare 项目 after a verb phrase names no undertaking.
        ("县委将狠抓重大项目，共同见证项目签约，力争项目早日投产。", []),
        # A year or quarter names a batch.
        ("青山市2024年二季度重大项目集中开工。", []),
        # An ending followed by an organisation's word: the organisation, not a project.
        ("松江铁路局负责人介绍情况。", []),
        # An ending that is half of a word (高中学位).
        ("增加普通高中学位。", []),
        # Where figures come from.
        ("根据星河经济研究院的数据，增速第一。", []),
    ],
)
def test_no_project_in_verb_phrases_batches_or_organisations(recognizer, text, expected):
    assert names(recognizer, text) == expected


@pytest.mark.parametrize(
    "text, expected",
    [
        # Lead words of visits and enumerations are not part of the name.
        ("并来到青禾镇红叶酒厂项目现场。", ["青禾镇红叶酒厂项目"]),
        ("三是云岭锂电材料产业园建成投产。", ["云岭锂电材料产业园"]),
        ("发挥金穗集团光电产业园的优势。", ["金穗集团光电产业园"]),
    ],
)
def test_no_lead_words_glued_on(recognizer, text, expected):
    assert names(recognizer, text) == expected


@pytest.mark.parametrize(
    "text, expected",
    [
        # A bare 项目 is named by the investment or site stated with it.
        ("松林湖康养项目总投资20亿元。", ["松林湖康养项目"]),
        ("引进总投资20亿元的星河文旅项目。", ["星河文旅项目"]),
        ("金穗纺织年产5000万米高档面料项目由金穗集团投资建设。", ["金穗纺织年产5000万米高档面料项目"]),
        ("松林湖康养项目由金穗集团投资建设。", ["松林湖康养项目"]),
        # ... not by a ceremony's words after it.
        ("共同见证项目签约。", []),
        # Buildings: a company's, not a bare generic one.
        ("新建后勤楼和华瑞集团科研楼。", ["华瑞集团科研楼"]),
        # Roads in a list of completed works.
        ("建成云岭大道、松江路等12条道路。", ["云岭大道", "松江路"]),
    ],
)
def test_planned_investments_buildings_and_roads(recognizer, text, expected):
    assert names(recognizer, text) == expected


def test_a_place_and_a_generic_zone_is_no_project(recognizer):
    places = {"青山市", "青山"}
    assert [m.text for m in recognizer.match("来到青山市工业园区调研，预计青山片区可增收。", places)] == []


@pytest.mark.parametrize(
    "text, expected",
    [
        # The list starts after the last 的 / 等 of its clause: X、Y等企业投资建设的A等项目.
        ("还有丰源集团、华能集团等央企投资建设的60万吨甲醇等煤化工项目。", ["60万吨甲醇"]),
        # A count with decimals and a kind of works as the list's noun.
        ("松江高铁青白段、环湖高铁东西段等5条高铁建成运营，星河存储二期、云岭光电等1.2万个项目开工。",
         ["松江高铁青白段", "环湖高铁东西段", "星河存储二期", "云岭光电"]),
        # A list closed by a verb keeps the items that end like a project (companies are left to enterprises).
        ("金穗智能制造基地、云岭研发总部、华瑞科技等落户青山。", ["金穗智能制造基地", "云岭研发总部"]),
        # 和 splits the last item when the second half ends like a project.
        ("以及青山金桥小学和河口至龙湾一级公路等基础设施项目。", ["青山金桥小学", "河口至龙湾一级公路"]),
        # A list's first item starts after 了 (建成了A、B等道路) and after a modal verb (要全力推进A、B等).
        ("去年全县建成了青山大道、滨河路、松林路等8条道路。", ["青山大道", "滨河路", "松林路"]),
        ("要全力推进云岭光伏电站、白河抽水蓄能电站等重点项目建设。", ["云岭光伏电站", "白河抽水蓄能电站"]),
        # Items separated by 、 and ；in a list of works.
        ("开工的项目有：60万吨甲醇；青山环湖绿道；白河大桥等煤化工和交通项目。", ["60万吨甲醇", "青山环湖绿道", "白河大桥"]),
        # Without the colon that opens an enumeration, the clause before ；is not an item.
        ("云岭锂电等7个外资项目，合计总投资12.1亿美元；星河光电、金穗纺织等13个内资项目。",
         ["云岭锂电", "星河光电", "金穗纺织"]),
        ("建成松林水库、河口至龙湾一级公路等水利交通工程。", ["松林水库", "河口至龙湾一级公路"]),
    ],
)
def test_project_lists(recognizer, text, expected):
    assert names(recognizer, text) == expected


def test_project_key_drops_project_endings():
    assert project_key("云岭华泰锂电新材料系列项目") == project_key("云岭华泰锂电新材料") == "云岭华泰锂电新材料"
    assert project_key("松林水库项目") == project_key("松林水库")


def involves(extractor, text):
    doc = extractor.extract(text)
    res = extractor.resolver(doc)
    return sorted((res.entities[r.subject].label, res.entities[r.object].label)
                  for r in find_relations(doc, res) if r.predicate == "involves")


@pytest.mark.parametrize(
    "text, expected",
    [
        # The company at the head of the project's name.
        ("青山市召开会议。金穗集团年产30万件针织服装加工项目开工。", [("金穗集团年产30万件针织服装加工", "金穗")]),  # (a label drops 项目)
        # X捐资建设的Y.
        ("青山市召开会议。华瑞集团捐资建设的青山华瑞小学开学。", [("青山华瑞小学", "华瑞")]),
        # X投资N亿元建设Y.
        ("青山市召开会议。金鹰集团投资20亿元建设松林湖度假区。", [("松林湖度假区", "金鹰")]),
        # X、Z等企业投资建设的Y: both companies.
        ("青山市召开会议。丰源集团、华能集团等央企投资建设的60万吨甲醇等煤化工项目开工。",
         [("60万吨甲醇", "丰源"), ("60万吨甲醇", "华能")]),
        # X在Z建设Y项目.
        ("青山市召开会议。云岭集团在青山经济开发区建设松江铁路专用线项目。", [("松江铁路专用线", "云岭")]),
        # A second capacity after a company-headed one shares its company.
        ("青山市召开会议。金穗集团5000t/d熟料生产线和年产300万吨环保建材生产线项目开工。",
         [("年产300万吨环保建材生产线", "金穗"), ("金穗集团5000t/d熟料生产线", "金穗")]),
        # 由X捐资建设的Y: 由 is not part of the company's name.
        ("青山市召开会议。由华瑞集团捐资建设的青山华瑞小学开学。", [("青山华瑞小学", "华瑞")]),
        # X与Z合作建设Y, X将投资N亿元建设Y.
        ("青山市召开会议。金鹰集团与华瑞集团合作建设松林湖度假区。", [("松林湖度假区", "华瑞"), ("松林湖度假区", "金鹰")]),
        ("青山市召开会议。金鹰集团将投资20亿元建设松林湖度假区。", [("松林湖度假区", "金鹰")]),
        # Told the other way round: Y由X投资建设, Y项目，由X和Z共同投资.
        ("青山市召开会议。松林湖度假区由金鹰集团投资建设。", [("松林湖度假区", "金鹰")]),
        ("青山市召开会议。松林湖度假区项目，由金鹰集团和华瑞集团共同投资。", [("松林湖度假区", "华瑞"), ("松林湖度假区", "金鹰")]),
        # X集团的Y: the company's own.
        ("青山市召开会议。参观了金鹰集团的松林湖度假区。", [("松林湖度假区", "金鹰")]),
        # A capacity counted in a measure word stays in the name.
        ("青山市召开会议。金穗集团年产10万套汽车座椅项目开工。", [("金穗集团年产10万套汽车座椅", "金穗")]),
        # A project named elsewhere in the clause, not built by the company named before it.
        ("青山市召开会议。支持金鹰集团做大做强，推进松林水库项目建设。", []),
    ],
)
def test_involves(extractor, text, expected):
    assert involves(extractor, text) == expected


def test_short_key_at_the_head_only_before_a_capacity(extractor):
    # 金穗 is written only as 金穗集团; 金穗5000t/d... is the company's, 金穗湖景区 may be a place's.
    got = involves(extractor, "青山市召开会议。金穗集团董事长讲话。金穗5000t/d熟料生产线开工，金穗湖景区开放。")
    assert got == [("金穗5000t/d熟料生产线", "金穗")]


def test_project_kind(extractor):
    doc = extractor.extract("青山市召开会议。河口至龙湾一级公路通车。")
    assert [m.text for m in doc.mentions if m.kind is Kind.PROJECT] == ["河口至龙湾一级公路"]
