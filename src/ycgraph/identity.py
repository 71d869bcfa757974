"""Minting IRIs: deterministic, ASCII-safe, readable, stable across runs and articles.

An IRI is made from what a thing *is* (its kind and normalised key), never
from where or when it was seen, so the same enterprise named in two articles
gets the same IRI:

* divisions by admin code: ``ycr:division/420581``; the country ``ycr:division/CN``;
  zones without a code ``ycr:division/zone-<pinyin>-<hash>``;
* officials, enterprises, projects, slogans, contributors: ``ycr:<kind>/<pinyin>-<hash>``,
  the pinyin of the name (cut to 40 characters) plus the first 8 hex digits of
  SHA-1 over ``kind|key`` (the key holds the full name, so names that share
  a pinyin do not collide);
* per-article things (articles, mentions, sections, targets, statements)
  under the article's content hash.

>>> entity_iri("enterprise", "金鹰")
'https://w3id.org/ycgraph/id/enterprise/jin-ying-8a2afc2b'
>>> division_iri("420581"), division_iri("zone:420500:高新区")
('https://w3id.org/ycgraph/id/division/420581', 'https://w3id.org/ycgraph/id/division/zone-yi-chang-gao-xin-qu-2af66c95')
"""

from __future__ import annotations

import hashlib
import re
from functools import lru_cache

from .vocabulary import YCR

BASE = str(YCR)
MAX_SLUG = 40


def short_hash(text: str, n: int = 8) -> str:
    return hashlib.sha1(text.encode("utf-8")).hexdigest()[:n]


@lru_cache(maxsize=65536)
def slug(name: str) -> str:
    """ASCII slug of a Chinese name through pinyin (宜都市 -> yi-du-shi).

    >>> slug("宜都市"), slug("1+5"), slug("AI漫剧")
    ('yi-du-shi', '1-5', 'ai-man-ju')
    """
    from pypinyin.seg.simpleseg import seg

    # pypinyin's own segmentation, then each word's reading: what lazy_pinyin(name) does,
    # but a word's reading is looked up once per process (names share words: 有限公司, 项目).
    parts = [p for word in seg(name) for p in _word_pinyin(word)]
    text = "-".join(p for p in parts if p)
    text = _NOT_SLUG.sub("-", text.lower()).strip("-")
    return text[:MAX_SLUG].rstrip("-") or "x"


_NOT_SLUG = re.compile(r"[^a-z0-9]+")


@lru_cache(maxsize=65536)
def _word_pinyin(word: str) -> tuple[str, ...]:
    from pypinyin import Style, lazy_pinyin

    return tuple(lazy_pinyin(word, style=Style.NORMAL, errors=lambda s: [s]))


@lru_cache(maxsize=262144)
def entity_iri(kind: str, key: str) -> str:
    name = key.split("|")[0]
    return f"{BASE}{kind}/{slug(name)}-{short_hash(kind + '|' + key)}"


@lru_cache(maxsize=65536)
def division_iri(key: str) -> str:
    if key.startswith("zone:"):
        from .gazetteer.divisions import DivisionTable

        return f"{BASE}division/zone-{slug(DivisionTable.load().label(key))}-{short_hash(key)}"
    return f"{BASE}division/{key}"


def article_id(sha256: str) -> str:
    return sha256[:16]


def article_iri(doc_id: str) -> str:
    return f"{BASE}article/{doc_id}"


def mention_iri(doc_id: str, begin: int, end: int, kind: str) -> str:
    return f"{BASE}mention/{doc_id}/{begin}-{end}-{kind}"


def section_iri(doc_id: str, n: int) -> str:
    return f"{BASE}section/{doc_id}/{n}"


def target_iri(doc_id: str, key: str) -> str:
    return f"{BASE}target/{doc_id}-{key}"


def statement_iri(doc_id: str, s: str, p: str, o: str) -> str:
    return f"{BASE}statement/{doc_id}-{short_hash(s + ' ' + p + ' ' + o, 12)}"
