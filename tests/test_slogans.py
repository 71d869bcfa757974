"""Slogans: which quotations are policy phrases, on invented sentences."""

from __future__ import annotations

import pytest

from ycgraph.extractors.slogans import match_slogans


def slogans(text: str) -> list[str]:
    return [m.text for m in match_slogans(text)]


@pytest.mark.parametrize("text, expected", [
    # Policy phrases: mottos, campaigns, programmes, abbreviations with numerals.
    ("深化“三减两提”改革，弘扬“青石精神”。", ["三减两提", "青石精神"]),
    ("全力推进“双链融合”，落实“一企一策”。", ["双链融合", "一企一策"]),
    # Product names, vehicles, awards, apps: the word after the closing mark says so.
    ("推出“云帆”牌电动车和“星河”号卫星，举办“金梭”杯创业大赛，上线“云岭通”APP。", []),
    # A document's title is not a slogan, however it is quoted.
    ("印发“关于加快数字乡村建设的实施意见”，编制“青石县数字经济发展规划”。", []),
    # ... but a short phrase ending like a document is one: 一县一方案.
    ("推行“一县一方案”“一企一策一方案”。", ["一县一方案", "一企一策一方案"]),
    # Brands of produce stay out, as before.
    ("擦亮“白溪蜜桔”品牌。", []),
    # Quoted speech is someone's words.
    ("他说：“我们要把产业做强。”", []),
])
def test_which_quotations_are_slogans(text, expected):
    assert slogans(text) == expected


def test_a_slogan_inside_a_titles_quotation_is_still_a_slogan():
    # The report's title is in 《》; the phrase quoted inside it is the policy phrase.
    assert slogans("会议作题为《奋力推进“两廊一带”建设》的报告。") == ["两廊一带"]


def test_a_product_name_is_not_repeated_as_a_slogan():
    assert slogans("推出“云帆畅行”牌电动车，云帆畅行销量领先。") == []
