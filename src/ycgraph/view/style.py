"""Colours, shapes and Chinese names per entity kind and relation, shared by charts and the HTML view.

>>> KIND_STYLE["Official"].shape
'diamond'
>>> RELATION_NAMES["leads"]
'主政'
"""

from __future__ import annotations

from typing import NamedTuple

__all__ = ["KindStyle", "KIND_STYLE", "RELATION_NAMES", "CJK_FONT_STACK"]


class KindStyle(NamedTuple):
    """How one entity kind is drawn."""

    color: str
    shape: str  # vis-network shape
    marker: str  # matplotlib marker
    name: str  # Chinese display name


KIND_STYLE: dict[str, KindStyle] = {
    "Division": KindStyle("#4e79a7", "dot", "o", "行政区划"),
    "Official": KindStyle("#e15759", "diamond", "D", "官员"),
    "Enterprise": KindStyle("#f28e2b", "square", "s", "企业"),
    "Project": KindStyle("#59a14f", "triangle", "^", "项目"),
    "Slogan": KindStyle("#b07aa1", "star", "*", "口号"),
    "Target": KindStyle("#9c755f", "triangleDown", "v", "目标"),
}

RELATION_NAMES: dict[str, str] = {
    "leads": "主政",
    "partOf": "隶属",
    "mentions": "提及",
    "plans": "规划",
    "promotes": "倡导",
    "setsTarget": "目标",
    "involves": "参与",
}

#: CSS / vis-network font stack: a CJK face first so Chinese labels never fall back to boxes.
CJK_FONT_STACK = '"WenQuanYi Micro Hei", "Noto Sans CJK SC", "Source Han Sans SC", "PingFang SC", "Microsoft YaHei", sans-serif'
