"""No annotated article's names in the code or the tests: the extractor learns the genre, not an answer key.

Reads every gold file in ``../shared`` and looks for the names of its officials,
enterprises, projects and slogans (three characters or more: shorter ones are
common words) in every Python file under ``src/`` and ``tests/``. Place names
and post titles are general knowledge and not looked for, nor are words of
the language (those in jieba's dictionary: 创新发展 is a phrase, not a name);
neither are data tables built by a script from a public source (they are not
``.py`` files).
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]
SHARED = REPO.parent / "shared"
GOLD_FILES = sorted((SHARED / "eval" / "gold").glob("*.json")) + sorted((SHARED / "dev" / "gold").glob("*.json"))
CJK = re.compile(r"[\u4e00-\u9fff]")


def _names(section: dict) -> set[str]:
    out: set[str] = set()
    for official in section.get("officials", []):
        out.add(official.get("name", ""))
    for key in ("enterprises", "projects"):
        for item in section.get(key, []):
            out.add(item.get("name", ""))
            out.update(item.get("aliases", []))
    for slogan in section.get("slogans", []):
        out.add(slogan.get("text", ""))
    if isinstance(section.get("reporter"), str):
        out.add(section["reporter"])
    return out


# Phrases of the language that an annotator listed as a slogan, project or company, but that name nothing
# specific: the extractor's tables and tests may use them as the words they are.
EVERYDAY = frozenset({"创新发展", "军民融合", "第一城", "铁路专用线", "铁路专用线项目", "现代农业科技产业园", "北交所"})


def gold_names() -> set[str]:
    names: set[str] = set()
    for path in GOLD_FILES:
        gold = json.loads(path.read_text(encoding="utf-8"))
        for section in [*gold.get("sections", []), gold.get("city") or {}]:
            if isinstance(section, dict):
                names |= _names(section)
    common = common_words()  # (read once: it is jieba's whole dictionary)
    return {n for n in names if len(n) >= 3 and CJK.search(n) and n not in common and n not in EVERYDAY}


def common_words() -> set[str]:
    import jieba

    path = Path(jieba.__file__).parent / "dict.txt"
    return {line.split(" ", 1)[0] for line in path.read_text(encoding="utf-8").splitlines()}


@pytest.mark.skipif(not GOLD_FILES, reason="no gold files under ../shared")
def test_no_gold_name_stands_in_code_or_tests():
    names = gold_names()
    assert len(names) > 100
    found = {}
    for path in sorted([*(REPO / "src").rglob("*.py"), *(REPO / "tests").rglob("*.py")]):
        if path.name == "test_no_answer_key.py":
            continue  # its own list of everyday phrases
        text = path.read_text(encoding="utf-8")
        hits = sorted(n for n in names if n in text)
        if hits:
            found[str(path.relative_to(REPO))] = hits
    assert not found, f"names from annotated articles: {found}"
