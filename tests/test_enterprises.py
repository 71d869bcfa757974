"""Enterprises in the genre's shapes, on invented sentences and invented company names.

Each test names the rule it checks; no sentence or name comes from an annotated article.
"""

from __future__ import annotations

import pytest

from ycgraph.extractors.enterprises import EnterpriseRecognizer, enterprise_key
from ycgraph.gazetteer.companies import CompanyTable, data_source
from ycgraph.model import Kind


def names(doc):
    return {m.text for m in doc.mentions if m.kind is Kind.ENTERPRISE}


@pytest.fixture(scope="module")
def invented_table():
    return CompanyTable(["岚拓电气", "鑫澜光电", "线上线下", "恒岳重工"])


@pytest.fixture(scope="module")
def recognizer(extractor, invented_table):
    return EnterpriseRecognizer(extractor.tokenizer, companies=invented_table)


@pytest.mark.parametrize(
    "text, expected",
    [
        # A list closed by 等 + modifiers + a name for companies.
        ("本市还拥有鑫宇科技、达通信息、澜川电子等一批上市企业。", {"鑫宇科技", "达通信息", "澜川电子"}),
        ("引来岳通集团、川鑫集团等大型央企投资。", {"岳通集团", "川鑫集团"}),
        # A project list whose items are companies; a phase names the company before it.
        ("。鑫宇树脂、达通轮胎、恒川光伏二期等5个外资项目合计总投资8亿美元。", {"鑫宇树脂", "达通轮胎", "恒川光伏"}),
        # ... but works of a kind are not companies.
        ("。综合管廊、城西大道北段等12个项目开工。", set()),
        # 由X(在…)投资设立: the left edge is clean.
        ("鑫宇科技有限公司是由恒川集团在城东新区投资设立的独资企业。", {"鑫宇科技有限公司", "恒川集团"}),
        ("该公司由岚峰电器投资5亿元设立。", {"岚峰电器"}),
        # 为A、B和C等配套: the description before the first name is not part of it.
        ("公司为国际家电巨头金澜、博图和川奇等配套生产。", {"金澜", "博图", "川奇"}),
        # 引进X、Y等: items with a company's ending.
        ("同时，还引进了鑫源电器、华拓智能科技有限公司等3个智能制造工厂。", {"鑫源电器", "华拓智能科技有限公司"}),
        # A、B等落户: short items at a clause's start.
        ("近年来，岚拓、鑫辰等落户新区。", {"岚拓", "鑫辰"}),
        # X是…企业: the subject of the clause is a company.
        ("岳鑫阀门是国内阀门行业的首家上市公司。", {"岳鑫阀门"}),
    ],
)
def test_frames_and_lists(extractor, text, expected):
    assert names(extractor.extract(text)) == expected


@pytest.mark.parametrize(
    "text, expected",
    [
        ("还有澜鑫集团投资建设的项目。", {"澜鑫集团"}),
        ("要充分发挥岚峰集团的龙头作用。", {"岚峰集团"}),
        ("详细了解川澜羊毛集团的项目进展。", {"川澜羊毛集团"}),
        ("三是新能源等产业项目多。", set()),
        # A time or a verb before 公司 names no company.
        ("今年公司总投资6000万元，投产后公司年产值将达2亿元。", set()),
        # 控股 after a legal name is a verb, not another ending.
        ("由华拓投资管理有限公司控股投资。", {"华拓投资管理有限公司"}),
        # A group and its subsidiary are two companies.
        ("考察了恒岳集团川华药业公司。", {"恒岳集团", "川华药业公司"}),
        # Public bodies with a company's ending or an institute's are not enterprises.
        ("中国人民银行和银行保险监督管理委员会出台措施，各商业银行要加大投放。", set()),
    ],
)
def test_clean_left_edges(extractor, text, expected):
    assert names(extractor.extract(text)) == expected


def test_a_place_before_a_short_ending_says_where_the_company_is(extractor):
    doc = extractor.extract("安阳市岚拓集团年产10万吨项目开工。")
    assert names(doc) == {"岚拓集团"}


def test_a_place_in_a_legal_name_is_part_of_it_and_brackets_share_the_key(extractor):
    doc = extractor.extract("常州鑫宇电子有限公司扩产。鑫宇电子（常州）有限公司投资1亿元。")
    assert {m.key for m in doc.mentions if m.kind is Kind.ENTERPRISE} == {"鑫宇电子"}
    assert enterprise_key("鑫宇电子（常州）有限公司") == enterprise_key("鑫宇电子(常州)有限公司") == "鑫宇电子"


def test_well_known_companies_are_found_bare(recognizer):
    found = [m.text for m in recognizer.match("支持鑫澜光电扩大产能，恒岳重工增资。")]
    assert found == ["鑫澜光电", "恒岳重工"]
    assert {m.rule for m in recognizer.match("鑫澜光电扩大产能。")} == {"company-table"}


def test_a_table_name_that_is_an_everyday_phrase_is_not_taken_bare(recognizer):
    assert recognizer.match("推动线上线下融合发展。") == []


def test_a_short_form_needs_an_industry_or_a_site_after_it(recognizer, extractor):
    assert [m.text for m in recognizer.match("岚拓华中总部落户。")] == ["岚拓"]
    assert recognizer.match("岚拓的声音。") == []


def test_a_company_table_name_heads_a_project(extractor, invented_table):
    r = EnterpriseRecognizer(extractor.tokenizer, companies=invented_table)
    doc = extractor.extract("加快鑫澜光电智能终端产业基地建设。")
    projects = [m for m in doc.mentions if m.kind is Kind.PROJECT]
    assert projects, "the project recognizer finds the base"
    assert "鑫澜光电" in {m.text for m in r.match(doc.text, (), projects)}


def test_the_company_table_is_general_knowledge_with_its_source():
    table = CompanyTable.load()
    assert len(table) > 3000
    assert "adata" in data_source() and "jieba" in data_source()
    assert table.canonical("恒岳重工") is None


def test_the_extractor_records_the_company_table(extractor):
    assert any(s.startswith("companies: adata") for s in extractor.sources)
