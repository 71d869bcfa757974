"""Recognise officials: a post chain followed by a personal name.

Posts are written out in full with their organisation: where the text
leaves the division implied (市委书记王某), the article's home division fills
it in. The person's identity key is their name plus the province their posts
are in, so a namesake in another province stays a different person.
"""

from __future__ import annotations

from ..gazetteer.divisions import DivisionTable
from ..gazetteer.posts import SECRETARY, find_officials
from ..model import Document, Kind, Mention, Span
from .divisions import division_label

LEVEL_CHARS = "省市州县区旗"


def official_key(name: str, province: str | None) -> str:
    """Identity of an official: name and province of their posts.

    >>> official_key("夏明海", "420000")
    '夏明海|420000'
    """
    return f"{name}|{province or ''}"


class OfficialRecognizer:
    """Pipeline component: adds a :class:`Mention` per named official, with posts."""

    def __init__(self, table: DivisionTable | None = None) -> None:
        self.table = table or DivisionTable.load()

    def __call__(self, doc: Document) -> Document:
        doc.mentions.extend(self.match(doc))
        return doc

    def match(self, doc: Document) -> list[Mention]:
        divisions = [(m.span.begin, m.span.end, m.key, m.text) for m in doc.mentions if m.kind is Kind.DIVISION]
        out = []
        for found in find_officials(doc.text, divisions):
            posts, leads = self._write_out(found.posts, found.leads, doc.home_division)
            anchor = leads or next((k for b, _, k, _ in divisions if found.begin <= b < found.name_begin),
                                   doc.home_division)
            province = self._province(anchor)
            span = Span(found.name_begin, found.end)
            out.append(Mention(span, found.name, Kind.OFFICIAL, "post-and-name", official_key(found.name, province),
                               posts=posts, leads=leads))
        return out

    def _province(self, key: str | None) -> str | None:
        if not key:
            return None
        code = key.split(":")[1] if key.startswith("zone:") else key
        return self.table.province_of(code)

    def _write_out(self, posts: tuple[str, ...], leads: str | None, home: str | None) -> tuple[tuple[str, ...], str | None]:
        """Fill in the home division where a post leaves it implied (市委书记 -> 宜昌市委书记)."""
        if not home or home.startswith("zone:"):
            return posts, leads
        home_name = division_label(self.table, home)
        level_char = home_name[-1] if home_name[-1] in LEVEL_CHARS else ""
        out = []
        for post in posts:
            if level_char and post.startswith(level_char + "委"):
                out.append(home_name + post[1:])
                if post.endswith("委" + SECRETARY) and leads is None:
                    leads = home
            elif level_char and post.startswith(level_char) and post[1:2] in ("政", "人"):
                out.append(home_name + post[1:])
            elif level_char and post.lstrip("常务副") == level_char + "长":  # 市长, 副州长 ...
                out.append(home_name + post)
            else:
                out.append(post)
        return tuple(out), leads
