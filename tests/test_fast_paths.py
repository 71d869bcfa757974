"""The short cuts taken for speed give what the plain way gives.

DivisionRecognizer scans only the runs of name characters that can hold a
name; find_officials starts its unit search late (sole_official too); the
Sectioner walks sentences and sections together. The division table's words
come from the table itself, joined into invented strings.
"""

from __future__ import annotations

import random

import pytest

from ycgraph.extractors.divisions import SKIP, DivisionRecognizer
from ycgraph.gazetteer import lexicon
from ycgraph.gazetteer.posts import (
    ZONE_WORDS, _find_officials, _mask, _next_unit, _unit_pattern, sole_official,
)
from ycgraph.model import Document, Section, Span
from ycgraph.text.structure import Sectioner, split_sentences
from ycgraph.text.tokenizer import Tokenizer


@pytest.fixture(scope="module")
def recognizer():
    return DivisionRecognizer()


def _plain_scan(rec: DivisionRecognizer, text: str):
    """The automaton over the whole text, every character no name uses replaced by SKIP."""
    skipped = "".join(c if c in rec._alphabet else SKIP for c in text)
    return rec._matches(skipped)


def _invented_texts(rec: DivisionRecognizer, n: int, seed: int):
    rnd = random.Random(seed)
    names = sorted(rec._names)
    chars = sorted(rec._alphabet)
    others = list("，。、的了在和\n 　a1（）") + ["\U0001F600", "\ud800", SKIP]
    for _ in range(n):
        parts = []
        for _ in range(rnd.randint(0, 12)):
            r = rnd.random()
            if r < 0.3:
                parts.append(rnd.choice(names))
            elif r < 0.5:
                parts.append(rnd.choice(names)[: rnd.randint(1, 3)])
            elif r < 0.75:
                parts.append("".join(rnd.choice(chars) for _ in range(rnd.randint(1, 3))))
            else:
                parts.append("".join(rnd.choice(others) for _ in range(rnd.randint(1, 3))))
        yield "".join(parts)


def test_the_scan_of_live_runs_finds_what_the_whole_scan_finds(recognizer):
    for text in ["", SKIP, "a", "\U0001F600", *_invented_texts(recognizer, 5_000, 1)]:
        assert recognizer._candidates(text) == _plain_scan(recognizer, text), repr(text)


def test_jieba_dictionary_holds_every_prefix_of_its_words():
    # DivisionRecognizer._inside_word stops lengthening a word where the text opens none.
    prefixes = Tokenizer().prefixes
    assert all(word[:-1] in prefixes for word in prefixes if len(word) > 1)  # and so on down


def test_no_word_of_the_post_grammar_holds_a_character_outside_cjk():
    # _next_unit starts after the last such character before a position: no unit may hold one.
    words = [*lexicon.LEVEL_DEMONSTRATIVES, *lexicon.LEVEL_WORDS, *ZONE_WORDS, *lexicon.NATIONAL_BODIES,
             *lexicon.ORGANS, *lexicon.POSITIONS, *lexicon.FREE_ORGAN_SUFFIXES, *lexicon.LOCAL_PLACE_SUFFIXES]
    assert all("\u4e00" <= c <= "\u9fff" for w in words for c in w)


def _post_texts(n: int, seed: int):
    rnd = random.Random(seed)
    pieces = [*lexicon.POSITIONS, *lexicon.ORGANS[:40], *lexicon.LEVEL_WORDS, *ZONE_WORDS, "王大明", "李明",
              "、", "，", "。", "\n", " ", "\uE000\uE000", "召开会议", "（", "）", "a1"]
    for _ in range(n):
        yield "".join(rnd.choice(pieces) for _ in range(rnd.randint(1, 14)))


def test_the_late_unit_search_finds_the_first_unit():
    pattern = _unit_pattern()
    for text in _post_texts(2_000, 2):
        for pos in range(len(text) + 1):
            a, b = _next_unit(text, pos), pattern.search(text, pos)
            assert (a and (a.span(), a.groupdict())) == (b and (b.span(), b.groupdict())), (text, pos)


def test_a_leader_line_is_one_post_chain_and_name_spanning_it():
    for line in _post_texts(5_000, 3):
        line = line.replace("\n", "")
        mtext = _mask(line, [])
        found = _find_officials(line, mtext, [], None) if _unit_pattern().match(mtext) else []
        plain = found[0] if len(found) == 1 and found[0].begin == 0 and found[0].end == len(line) else None
        assert sole_official(line, []) == plain, line


def test_sentences_get_the_section_holding_their_start():
    text = "甲乙。丙丁。\n戊己。庚辛。\n壬癸。子丑。"
    spans = split_sentences(text)
    for cut in [(), ((0, 6),), ((3, 13),), ((0, 3), (7, 13)), ((4, 10), (14, 20))]:
        doc = Document(text=text, source="t", doc_id="t",
                       sections=tuple(Section(Span(b, e), "420000") for b, e in cut))
        assert [s.section for s in Sectioner._sentences(doc)] == [doc.section_at(s.begin) for s in spans]
