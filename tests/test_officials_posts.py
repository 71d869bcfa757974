"""Officials and their posts, written out in full, on invented sentences in the genre's style.

Every person and statement here is made up; the places are real so that the
division table can resolve them. One case per rule of gazetteer/posts.py and
extractors/officials.py.
"""

from __future__ import annotations

import pytest

from ycgraph.extractors.divisions import ZONE_SUFFIXES
from ycgraph.gazetteer.posts import ZONE_WORDS, find_officials, sole_official
from ycgraph.model import Kind


def officials(doc):
    return [(m.text, m.posts, m.leads) for m in doc.mentions if m.kind is Kind.OFFICIAL]


@pytest.mark.parametrize(
    "text, expected",
    [
        # A division named in the text, with its party committee: the secretary leads it.
        ("襄阳市委书记王大明\n", [("王大明", ("襄阳市委书记",), "420600")]),
        # A level word stands for the division of that level around the text (here the city).
        ("荆门市召开会议。市委副书记、市长周大伟讲话。",
         [("周大伟", ("荆门市委副书记", "荆门市市长"), None)]),
        # ... found above the division the text is about (a county of that city).
        ("竹溪县召开座谈会。市长周大伟出席。", [("周大伟", ("十堰市市长",), None)]),
        # A chain shares the division before it; a zone word is that city's zone, led by its secretary.
        ("十堰市召开大会。市委常委、副市长、高新区党工委书记陈小红出席。",
         [("陈小红", ("十堰市委常委", "十堰市副市长", "十堰高新区党工委书记"), "zone:420300:高新区")]),
        # An autonomous region's committee and its people's congress share the region.
        ("广西壮族自治区召开会议。自治区党委书记、人大常委会主任赵一鸣出席座谈会。",
         [("赵一鸣", ("广西壮族自治区党委书记", "广西壮族自治区人大常委会主任"), "450000")]),
        ("宁夏回族自治区召开会议。自治区党委常委、自治区副主席钱二虎出席。",
         [("钱二虎", ("宁夏回族自治区党委常委", "宁夏回族自治区副主席"), None)]),
        # A league's and a banner's party secretaries lead them.
        ("锡林郭勒盟委书记白小龙讲话。", [("白小龙", ("锡林郭勒盟委书记",), "152500")]),
        ("正蓝旗召开会议。旗委书记白小龙讲话。", [("白小龙", ("正蓝旗委书记",), "152530")]),
        # A committee's department after a committee post is the committee's.
        ("襄阳市委常委、政法委书记孙小明出席。", [("孙小明", ("襄阳市委常委", "襄阳市委政法委书记"), None)]),
        # A bare position shares the organ too (not the party group of it).
        ("十堰市委常委、秘书长田小雨出席。", [("田小雨", ("十堰市委常委", "十堰市委秘书长"), None)]),
        ("十堰市人大常委会党组书记、副主任杨小川出席。",
         [("杨小川", ("十堰市人大常委会党组书记", "十堰市人大常委会副主任"), None)]),
        ("国家发展改革委党组书记、主任何小光出席。", [("何小光", ("国家发展改革委党组书记", "国家发展改革委主任"), None)]),
        ("宁夏回族自治区召开会议。自治区党委常委、秘书长钱二虎出席。",
         [("钱二虎", ("宁夏回族自治区党委常委", "宁夏回族自治区党委秘书长"), None)]),
        # A government head after a party post belongs to the division, not to the committee.
        ("襄阳市召开大会。市委副书记、市政府党组书记、市长李小红讲话。",
         [("李小红", ("襄阳市委副书记", "襄阳市政府党组书记", "襄阳市市长"), None)]),
        ("襄阳市召开大会。市政协党组书记、主席张小九出席。",
         [("张小九", ("襄阳市政协党组书记", "襄阳市政协主席"), None)]),
        ("郧阳区委副书记、区长陈小红表示", [("陈小红", ("郧阳区委副书记", "郧阳区区长"), None)]),
        # 兼 joins posts like 、.
        ("荆门市副市长兼公安局局长何小平出席。", [("何小平", ("荆门市副市长", "荆门市公安局局长"), None)]),
        # Any organ named after its division: a county's bureau.
        ("竹溪县发展和改革局局长吴小华介绍，试点进展顺利。", [("吴小华", ("竹溪县发展和改革局局长",), None)]),
        # A demonstrative before a level word: 该县 is the county the text is about.
        ("竹山县召开会议。该县县长林小海介绍，全县加快发展。", [("林小海", ("竹山县县长",), None)]),
        # A village below the division table is written as the text writes it; it is no division to lead.
        ("走进山村。桃源村党支部书记郑小红说，今年种植茶叶500亩。", [("郑小红", ("桃源村党支部书记",), None)]),
        # National bodies stand without a division; a heading "post + name：".
        ("水利部部长吕小军：\n", [("吕小军", ("水利部部长",), None)]),
        ("国家统计局局长连小峰：\n", [("连小峰", ("国家统计局局长",), None)]),
        ("财政部党组书记、部长王一平：\n", [("王一平", ("财政部党组书记", "财政部部长"), None)]),
        ("中国证监会主席王二平：\n", [("王二平", ("中国证监会主席",), None)]),
        ("中央宣传部副部长、全国妇联党组书记冯大川：\n",
         [("冯大川", ("中央宣传部副部长", "全国妇联党组书记"), None)]),
        # A post whose scope the text does not give is left out; the person is still an official.
        ("会上，主任刘小兵表示要抓好落实。", [("刘小兵", (), None)]),
        # A level word inside another word is no scope (城市管理局 is not the city's 管理局).
        ("十堰市召开会议。城市管理局局长马小兰介绍。", [("马小兰", (), None)]),
        # 市民政局 is the city's 民政局 (a level word before an organ's name).
        ("襄阳市召开大会。市民政局局长魏小飞说。", [("魏小飞", ("襄阳市民政局局长",), None)]),
        # A post in a company is no public post.
        ("襄阳市召开大会。城投集团党委书记王小二、市委书记王大明出席。", [("王大明", ("襄阳市委书记",), "420600")]),
        ("襄阳市召开大会。襄阳市城投集团党委书记王小二出席。", []),
        # The country: a level word finds no division to stand for.
        ("推动中国制造业升级。市委书记王大明表示。", [("王大明", (), None)]),
    ],
)
def test_posts_are_written_out_in_full(extractor, text, expected):
    assert officials(extractor.extract(text)) == expected


def test_a_zone_known_only_from_a_post_becomes_a_division_mention(extractor):
    doc = extractor.extract("十堰市召开大会。高新区党工委书记陈小红出席。")
    zones = [(m.text, m.key) for m in doc.mentions if m.kind is Kind.DIVISION and m.key.startswith("zone:")]
    assert zones == [("高新区", "zone:420300:高新区")]


def test_reporters_are_contributors_even_after_a_post(extractor):
    doc = extractor.extract("十堰市委书记李明出席。\n（十堰日报记者王小二 通讯员张小三）")
    assert [m.text for m in doc.mentions if m.kind is Kind.OFFICIAL] == ["李明"]
    assert [m.text for m in doc.mentions if m.kind is Kind.CONTRIBUTOR] == ["王小二", "张小三"]


@pytest.mark.parametrize(
    "text, divisions, expected",
    [
        # Without a resolver, posts of level words are left out; named divisions still lead.
        ("市委常委、郧阳区委书记陈小红", [(5, 8, "420304", "郧阳区")], (("郧阳区委书记",), "420304")),
        # A division's short form keeps the text's own writing (荆门 + 市委 = 荆门市委).
        ("荆门市委书记周大伟", [(0, 2, "420800", "荆门")], (("荆门市委书记",), "420800")),
    ],
)
def test_find_officials_without_context(text, divisions, expected):
    [found] = find_officials(text, divisions)
    assert (found.posts, found.leads) == expected


def test_a_leader_line_is_one_chain_and_name():
    found = sole_official("十堰市委常委、郧阳区委书记陈小红", [(0, 3, "420300", "十堰市"), (7, 10, "420304", "郧阳区")])
    assert found is not None and found.leads == "420304" and found.begin == 0
    assert sole_official("十堰市委书记陈小红出席", [(0, 3, "420300", "十堰市")]) is None


def test_zone_words_are_the_division_recogniser_s():
    assert set(ZONE_WORDS) == {suffix for suffix, _ in ZONE_SUFFIXES}
