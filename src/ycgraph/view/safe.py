"""Text made safe for a format: what XML, a terminal or a one-line cell cannot hold, dropped.

Article text may hold any character. Each writer of :mod:`ycgraph.view`
passes what it writes through the function its format needs.
"""

from __future__ import annotations

import re

__all__ = ["xml_safe", "text_safe", "one_line"]

# What XML 1.0 cannot hold: C0 controls but tab and line breaks, surrogates, U+FFFE/U+FFFF.
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")
# Controls (C0 but tab and line breaks, DEL, C1): what a terminal or a Markdown viewer must not be sent raw.
_CONTROLS = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]")
# Line breaks besides \n and \r: a Markdown table row must stay on one line.
_BREAKS = re.compile("[\r\n\x85\u2028\u2029]")


def xml_safe(text: str) -> str:
    r"""``text`` without the characters XML 1.0 cannot hold (C0 controls but tab and line breaks, lone surrogates).

    Examples
    --------
    >>> xml_safe("甲\x01乙\x1b丙\n丁\x85")
    '甲乙丙\n丁\x85'
    """
    return _NOT_XML.sub("", text)


def text_safe(text: str) -> str:
    r"""``text`` without control characters (C0 but tab and line breaks, DEL, C1) and lone surrogates.

    Examples
    --------
    >>> text_safe("甲\x01乙\x9b[31m丙\t丁")
    '甲乙[31m丙\t丁'
    """
    return _NOT_XML.sub("", _CONTROLS.sub("", text))


def one_line(text: str) -> str:
    r"""``text`` on one line: every run of whitespace and line breaks (U+0085, U+2028, U+2029 too) one space.

    Examples
    --------
    >>> one_line(" 甲\n乙\u2028丙\x85丁  ")
    '甲 乙 丙 丁'
    """
    return " ".join(_BREAKS.sub(" ", text).split())
