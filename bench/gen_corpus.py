"""Make a large, realistic corpus by recombining the sections of real articles.

Each generated article takes a prefecture-level city somewhere in China, a
preamble and 3-6 county sections from the sample articles
(``../shared/corpus``), and rewrites them: the sample's divisions become the
new city's counties, officials get new names, enterprises new names, and
every number a new value. So the text keeps the genre's shapes while the
names and numbers vary from article to article.

    python bench/gen_corpus.py OUT_DIR N [--seed 0]
"""

from __future__ import annotations

import argparse
import random
import re
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO / "src"))

from ycgraph.gazetteer.divisions import DivisionTable  # noqa: E402
from ycgraph.gazetteer.lexicon import SURNAMES  # noqa: E402
from ycgraph.model import Kind  # noqa: E402
from ycgraph.pipeline import Extractor  # noqa: E402

GIVEN = "明华国建文志军红伟平海东晓鹏飞兴新立春雪燕宏德永祥丽芳勇强斌波"
NAME_CHARS = "鑫泰华宏盛远达恒润丰源聚诚德安瑞嘉信科博创凯金银星辰天宇航"


def sample_parts(corpus: Path) -> tuple[list[str], list[str], dict[str, str], set[str]]:
    """Preambles, section texts, the sample's division names (surface -> code) and enterprise names."""
    ex = Extractor()
    preambles, sections, divisions, enterprises = [], [], {}, set()
    for f in sorted(corpus.glob("*.txt")):
        text = f.read_text(encoding="utf-8")
        doc = ex.extract(text, f.name)
        for m in doc.mentions:
            if m.kind is Kind.DIVISION and m.key.isdigit() and not m.key.endswith("0000"):
                divisions[m.text] = m.key
            elif m.kind is Kind.ENTERPRISE:
                enterprises.add(m.text)
        if doc.sections:
            preambles.append(text[: doc.sections[0].span.begin])
            sections += [doc.cut(s.span) for s in doc.sections]
    return preambles, sections, divisions, enterprises


def rewrite(text: str, mapping: dict[str, str], rng: random.Random) -> str:
    if mapping:
        pattern = re.compile("|".join(re.escape(k) for k in sorted(mapping, key=len, reverse=True)))
        text = pattern.sub(lambda m: mapping[m.group()], text)
    return re.sub(r"\d+(?:\.\d+)?", lambda m: str(rng.randint(1, 999)), text)


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("out", type=Path)
    ap.add_argument("n", type=int)
    ap.add_argument("--seed", type=int, default=0)
    ap.add_argument("--corpus", type=Path, default=REPO.parent / "shared" / "corpus")
    args = ap.parse_args()
    rng = random.Random(args.seed)
    table = DivisionTable.load()
    preambles, sections, sample_divs, enterprises = sample_parts(args.corpus)
    cities = [r for r in table.records if r.is_prefecture and len([c for c in table.records if c.parent == r.code]) >= 3]
    children = {}
    for r in table.records:
        children.setdefault(r.parent, []).append(r)
    surnames = sorted(SURNAMES)
    args.out.mkdir(parents=True, exist_ok=True)
    total = 0
    for i in range(args.n):
        city = rng.choice(cities)
        counties = children[city.code]
        mapping: dict[str, str] = {}
        sample_city = next(n for n, c in sample_divs.items() if c.endswith("00") and len(n) >= 2)
        city_short = city.short_forms[0] if city.short_forms else city.name
        for name, code in sample_divs.items():
            if code.endswith("00"):
                mapping[name] = city.name if name.endswith(("市", "州", "盟")) else city_short
        picks = rng.sample(sections, k=min(len(sections), rng.randint(3, 6)))
        for name, code in sorted(sample_divs.items()):
            if not code.endswith("00") and name not in mapping:
                county = counties[int(code[-2:]) % len(counties)]
                full = len(name) >= 3 and name[-1] in "市县区"
                mapping[name] = county.name if full or not county.short_forms else county.short_forms[0]
        for e in sorted(enterprises):
            mapping[e] = "".join(rng.choice(NAME_CHARS) for _ in range(len(e)))
        body = []
        for sec in picks:
            # New officials: the name ending a leader line.
            sec = re.sub(r"(书记)([\u4e00-\u9fff]{2,3})\n",
                         lambda m: m.group(1) + rng.choice(surnames) + "".join(rng.sample(GIVEN, 2)) + "\n", sec)
            body.append(sec)
        text = rewrite(rng.choice(preambles) + "\n\n".join(body) + "\n", mapping, rng)
        text = text.replace(sample_city, city_short)
        (args.out / f"article-{i:05d}.txt").write_text(text, encoding="utf-8")
        total += len(text.encode("utf-8"))
    print(f"{args.n} articles, {total / 1e6:.1f} MB in {args.out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
