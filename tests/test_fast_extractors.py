"""The extractors' fast paths give what a straightforward definition gives.

Each reference below is the plain definition a fast path stands for, compared on
invented strings (small alphabets, generated words), never an article's words.
"""

from __future__ import annotations

from hypothesis import given, settings, strategies as st

from ycgraph.extractors.textspans import DisjointSpans, WordIndex
from ycgraph.model import Span

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
