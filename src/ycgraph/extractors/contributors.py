"""Recognise the article's contributors: reporters and editors.

They are recorded as contributors of the article (dcterms:contributor),
never as officials.

>>> [m.text for m in match_contributors("（本报记者张三 通讯员李四整理）\\n【编辑:王五】")]
['张三', '李四', '王五']
"""

from __future__ import annotations

import re

from ..model import Document, Kind, Mention, Span

_CJK = "\u4e00-\u9fff"
_ROLE = r"(?:特约记者|见习记者|记者|通讯员|责任编辑|编辑|责编|审核|校对|摄影)"
_CONTRIBUTOR = re.compile(
    rf"{_ROLE}\s*[:：]?\s*(?P<names>[{_CJK}]{{2,3}}(?:[\s、,，]+[{_CJK}]{{2,3}})*?)(?=整理|报道|采写|摄|[\s)）】\]、,，]|$)"
)
_NAME = re.compile(rf"[{_CJK}]{{2,3}}")


def match_contributors(text: str) -> list[Mention]:
    out = []
    for m in _CONTRIBUTOR.finditer(text):
        base = m.start("names")
        for n in _NAME.finditer(m.group("names")):
            span = Span(base + n.start(), base + n.end())
            out.append(Mention(span, n.group(), Kind.CONTRIBUTOR, "byline", n.group()))
    return out


class ContributorRecognizer:
    """Pipeline component: adds a :class:`Mention` per reporter or editor named."""

    def __call__(self, doc: Document) -> Document:
        doc.mentions.extend(match_contributors(doc.text))
        return doc
