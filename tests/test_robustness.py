"""Property-based robustness: no text makes the extractor raise or emit a graph that does not round-trip.

For any text built from fragments of the genre (division names, posts,
company and project endings, quote marks, counters, Chinese numerals)
mixed with arbitrary Unicode: ``Extractor().run`` returns, its graph
serialises to Turtle and parses back unchanged in size, the article's
``nif:isString`` survives the round trip, and every mention's offsets cut
exactly its text out of the article (in the Document and in the graph).
"""

from __future__ import annotations

import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st
from rdflib import Graph

from ycgraph.vocabulary import NIF, YCG

DIVISIONS = ["宜都市", "宜都", "枣阳", "枣阳市", "襄阳", "襄阳市", "襄阳高新区", "宜昌高新区", "宜昌市", "湖北省",
             "中国", "猇亭区", "当阳市", "远安县"]
POSTS = ["市委书记", "副市长", "党工委书记", "市长", "区委书记", "县委书记", "管委会主任", "委书记", "书记"]
NAMES = ["王晓峰", "王大明", "李", "欧阳", "张三丰"]
ENTITY_ENDINGS = ["集团", "公司", "有限公司", "股份", "基地", "二期", "三期", "产业园", "项目", "精神", "工程"]
PUNCT = ["“", "”", "‘", "’", "「", "」", "、", "，", "。", "；", "！", "？", "：", "（", "）", "(", ")", "\n", "\n\n",
         " ", "　", "等", "个", "家", "亿元", "万元", "%", "％", "以上", "突破", "力争", "增长", "GDP", "达到"]
NUMBERS = ["7.5", "１２", "100", "0", "3.", ".5", "十十十百", "两两", "一二三", "百分之", "万亿", "12345678901234567890",
           "七点五", "零", "〇", "亿", "7.5.3", "1,2", "1,000.5.2", "６.４.２", "3-5", "4至7"]
FRAGMENTS = DIVISIONS + POSTS + NAMES + ENTITY_ENDINGS + PUNCT + NUMBERS

genre = st.sampled_from(FRAGMENTS)
noise = st.text(max_size=8)
# CJK, Latin letters, digits and full-width punctuation/forms, as characters
mixed_alphabet = st.one_of(st.characters(min_codepoint=0x4E00, max_codepoint=0x9FFF),
                           st.characters(min_codepoint=0x30, max_codepoint=0x7A),
                           st.characters(min_codepoint=0xFF01, max_codepoint=0xFF5E),
                           st.characters(min_codepoint=0x3000, max_codepoint=0x303F))
mixed_chars = st.text(alphabet=mixed_alphabet, max_size=12)

cjk_word = st.text(alphabet=st.characters(min_codepoint=0x4E00, max_codepoint=0x9FFF), min_size=1, max_size=4)
# Genre-shaped phrases, so the recognisers fire (and then get cut, unquoted, run together)
phrases = st.one_of(
    st.tuples(st.sampled_from(DIVISIONS), st.sampled_from(POSTS), st.sampled_from(NAMES)).map("".join),
    st.tuples(cjk_word, st.sampled_from(ENTITY_ENDINGS)).map("".join),
    st.tuples(st.sampled_from(["GDP增长", "投资", "产值突破", "营收", "力争全年GDP增长"]), st.sampled_from(NUMBERS),
              st.sampled_from(["%", "％", "亿元", "个", "家", ""]), st.sampled_from(["以上", "左右", "", "。"])).map("".join),
    st.tuples(st.sampled_from(["“", "「", ""]), cjk_word, st.sampled_from(["精神", "工程", ""]),
              st.sampled_from(["”", "」", ""])).map("".join),
    st.lists(st.tuples(cjk_word, st.sampled_from(ENTITY_ENDINGS)).map("".join), min_size=2, max_size=4)
    .map("、".join).map(lambda e: e + "等"),
)
articles = st.lists(st.one_of(genre, genre, phrases, phrases, noise, mixed_chars), max_size=60).map("".join)


@st.composite
def long_lines(draw) -> str:
    """20,000 characters and no line break: a filler run with genre fragments set into it."""
    filler = draw(st.text(alphabet=mixed_alphabet, min_size=1, max_size=5))
    line = (filler * (20_000 // len(filler) + 1))[:20_000]
    for piece in draw(st.lists(articles, max_size=6)):
        at = draw(st.integers(0, len(line)))
        line = line[:at] + piece.replace("\n", "") + line[at:]
    return line


@st.composite
def sectioned(draw) -> str:
    """Section-shaped text with empty sections: heading lines and leader lines with nothing after."""
    lines = []
    for _ in range(draw(st.integers(1, 6))):
        division = draw(st.sampled_from(DIVISIONS))
        shape = draw(st.sampled_from(["heading", "leader", "both", "body", "lone-post"]))
        if shape in ("heading", "both"):
            lines.append(division)
        if shape in ("leader", "both"):
            lines.append(division + draw(st.sampled_from(POSTS)) + draw(st.sampled_from(NAMES + [""])))
        if shape == "lone-post":
            lines.append(draw(st.sampled_from(POSTS)))
        if shape == "body" or draw(st.booleans()):
            lines.append(draw(articles))
    return "\n".join(lines) + draw(st.sampled_from(["", "\n", "\n\n"]))


ROBUST = settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])


@pytest.fixture(scope="module")
def ex():
    from ycgraph.pipeline import Extractor

    return Extractor()


def check(ex, text: str) -> None:
    result = ex.run(text, "robust.txt")
    doc = result.doc
    for m in doc.mentions:
        assert 0 <= m.span.begin <= m.span.end <= len(doc.text), m
        assert doc.text[m.span.begin:m.span.end] == m.text, m
    for sec in doc.sections:
        assert sec.span.end <= len(doc.text)
    data = result.graph.serialize(format="turtle", encoding="utf-8")
    back = Graph().parse(data=data, format="turtle")
    assert len(back) == len(result.graph)
    stored = [str(o) for o in back.objects(None, NIF.isString)]
    assert stored == [text]
    for node in back.subjects(YCG.rule, None):
        b = int(back.value(node, NIF.beginIndex))
        e = int(back.value(node, NIF.endIndex))
        assert text[b:e] == str(back.value(node, NIF.anchorOf))


@ROBUST
@given(text=st.text())
@example(text="")
@example(text="\r\n\x00\x0b\x1c\u2028\x85")
def test_arbitrary_unicode(ex, text):
    check(ex, text)


@ROBUST
@given(text=articles)
@example(text="“宜都市委书记王晓峰表示，力争")
@example(text="十十十百个两两家公司")
@example(text="GDP增长十十十百%以上")
@example(text="枣阳、宜都等三家集团")
@example(text="力争全年营收增长8.3.6%以上。")  # issue 11: two dots once raised decimal.InvalidOperation
def test_genre_fragments_mixed_with_noise(ex, text):
    check(ex, text)


@ROBUST
@given(text=long_lines())
def test_very_long_lines(ex, text):
    check(ex, text)


@ROBUST
@given(text=sectioned())
@example(text="宜都市\n宜都市委书记")
@example(text="宜都市\n宜都市委书记王晓峰")
@example(text="襄阳高新区\n党工委书记\n")
def test_empty_sections_and_lone_posts(ex, text):
    check(ex, text)


def test_folder_with_corrupt_files_builds_the_good_ones(tmp_path):
    """A folder input (recursive) where some .txt files are corrupt: the good ones build, each bad one is listed.

    tests/test_cli_build.py covers files named one by one; this covers the folder walk, several good
    articles in one graph, a UTF-8 file cut inside a character, and a file holding nothing but a BOM.
    """
    from click.testing import CliRunner

    from ycgraph.cli import main

    corpus = tmp_path / "corpus"
    (corpus / "sub").mkdir(parents=True)
    (corpus / "a.txt").write_text("宜都市委书记王晓峰\n力争全年GDP增长7.5%以上。\n", encoding="utf-8")
    (corpus / "sub" / "b.txt").write_text("枣阳市委书记王大明\n推进金鹰集团二期项目。\n", encoding="utf-8")
    cut = corpus / "cut.txt"
    cut.write_bytes("襄阳高新区党工委书记".encode("utf-8")[:-1])
    blob = corpus / "sub" / "blob.txt"
    blob.write_bytes(bytes(range(256)) * 4)
    bom = corpus / "bom.txt"
    bom.write_bytes(b"\xef\xbb\xbf \n")
    (corpus / "photo.png").write_bytes(b"\x89PNG\x00\x00\x01")  # not an article suffix: skipped
    out = tmp_path / "out"
    result = CliRunner().invoke(main, ["build", str(corpus), "-o", str(out)])
    assert result.exit_code == 1, result.output
    err = result.output
    assert "Traceback" not in err
    assert f"{cut}: not UTF-8" in err or f"{cut}: not valid UTF-8" in err
    assert f"{blob}: binary file" in err
    assert f"{bom}: empty file" in err
    assert "photo.png" not in err
    assert "5 files, 3 failed" in err
    ttl = (out / "graph.ttl").read_text(encoding="utf-8")
    assert "王晓峰" in ttl and "王大明" in ttl
    Graph().parse(data=ttl, format="turtle")


@pytest.mark.parametrize("data", [b"\xef\xbb\xbf", b"\xef\xbb\xbf \n\t", "\ufeff\u3000\n".encode("utf-8")])
def test_byte_order_mark_and_whitespace_only_is_an_empty_file(data):
    """Regression: the emptiness check ran on the bytes, so a BOM-only file went on as an empty article."""
    from ycgraph.errors import InputError
    from ycgraph.text.reader import decode_article

    with pytest.raises(InputError, match="x.txt: empty file"):
        decode_article("x.txt", data)
