"""Generate a large contract-shaped ycgraph build for benchmarks.

Synthesises articles shaped like the builder's output (see
``../shared/spec/extraction-contract.md``): divisions in a province → city →
county tree, one section per county with its secretary, enterprises,
projects, slogans and targets, every relation edge with an ``rdf:Statement``
derived from NIF mentions whose offsets really cut the article text. Names
are drawn from shared pools so entities recur across articles, as they do
in a real corpus. Deterministic: same arguments, same bytes.

Usage::

    python bench/gen_corpus_graph.py -o /tmp/big --triples 1000000          # graph.ttl
    python bench/gen_corpus_graph.py -o /tmp/big --triples 1000000 --trig   # graph.trig, a graph per article
"""

from __future__ import annotations

import argparse
import hashlib
import random
from pathlib import Path

YCG = "https://w3id.org/ycgraph/ontology#"
YCR = "https://w3id.org/ycgraph/id/"
NIF = "http://persistence.uni-leipzig.org/nlp2rdf/ontologies/nif-core#"
RDF = "http://www.w3.org/1999/02/22-rdf-syntax-ns#"
RDFS = "http://www.w3.org/2000/01/rdf-schema#"
SKOS = "http://www.w3.org/2004/02/skos/core#"
PROV = "http://www.w3.org/ns/prov#"
DCT = "http://purl.org/dc/terms/"
XSD = "http://www.w3.org/2001/XMLSchema#"
SCHEMA = "https://schema.org/"

SYLLABLES = "宜都枝江当阳远安兴山秭归长阳五峰夷陵西陵伍家岗点军猇亭高新华安康泰丰源楚能磷化光明新城东南北中山水林石金银铜铁"
FILLER = "坚持创新引领全力构筑发展新动力围绕目标依托产业推进建设加快培育打造提升服务保障落实"
UNITS = ("%", "亿元", "个", "家", "亩", "万元")
INDICATORS = ("GDP增长", "研发投入", "高新技术企业", "重点项目", "新增产值", "招商引资")
RELATIONS = ("leads", "mentions", "plans", "promotes", "setsTarget", "involves")


def name(n: int, length: int = 2) -> str:
    """A deterministic Chinese-looking name for integer ``n``."""
    chars = []
    for _ in range(length):
        n, r = divmod(n, len(SYLLABLES))
        chars.append(SYLLABLES[r])
    return "".join(chars) + (SYLLABLES[n % len(SYLLABLES)] if n else "")


def lit(text: str, lang: str | None = "zh") -> str:
    escaped = text.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n")
    return f'"{escaped}"@{lang}' if lang else f'"{escaped}"'


def typed(value: object, datatype: str) -> str:
    return f'"{value}"^^<{XSD}{datatype}>'


class Article:
    """Collects one synthetic article's text and triples."""

    def __init__(self, index: int) -> None:
        self.index = index
        self.text: list[str] = []
        self.length = 0
        self.triples: list[str] = []
        self.key = hashlib.sha256(f"article-{index}".encode()).hexdigest()[:16]
        self.iri = f"{YCR}article/{self.key}"

    def add(self, s: str, p: str, o: str) -> None:
        self.triples.append(f"<{s}> <{p}> {o} .")

    def write(self, chunk: str) -> tuple[int, int]:
        begin = self.length
        self.text.append(chunk)
        self.length += len(chunk)
        return begin, self.length

    def mention(self, surface: str, entity: str, kind: str, section: str, rng: random.Random) -> str:
        self.write("".join(rng.choice(FILLER) for _ in range(rng.randint(4, 12))))
        begin, end = self.write(surface)
        self.write("。" if rng.random() < 0.4 else "，")
        m = f"{YCR}mention/{self.key}/{begin}-{end}-{kind}"
        self.add(m, RDF + "type", f"<{YCG}Mention>")
        self.add(m, RDF + "type", f"<{NIF}Phrase>")
        self.add(m, NIF + "referenceContext", f"<{self.iri}>")
        self.add(m, NIF + "beginIndex", typed(begin, "nonNegativeInteger"))
        self.add(m, NIF + "endIndex", typed(end, "nonNegativeInteger"))
        self.add(m, NIF + "anchorOf", lit(surface, None))
        self.add(m, YCG + "denotes", f"<{entity}>")
        self.add(m, YCG + "rule", lit("dictionary", None))
        self.add(m, YCG + "section", f"<{section}>")
        return m

    def edge(self, s: str, p: str, o: str, evidence: list[str]) -> None:
        self.add(s, YCG + p, f"<{o}>")
        st = f"{YCR}statement/" + hashlib.sha256(f"{s} {p} {o} {self.key}".encode()).hexdigest()[:16]
        self.add(st, RDF + "type", f"<{RDF}Statement>")
        self.add(st, RDF + "subject", f"<{s}>")
        self.add(st, RDF + "predicate", f"<{YCG}{p}>")
        self.add(st, RDF + "object", f"<{o}>")
        for m in evidence:
            self.add(st, PROV + "wasDerivedFrom", f"<{m}>")


def divisions(count: int) -> tuple[list[tuple[str, str, str]], list[str]]:
    """(iri, label, parent iri) of a province/city/county tree with ``count`` counties; plus county IRIs."""
    rows, counties = [], []
    country = f"{YCR}division/CN"
    rows.append((country, "中国", ""))
    for p in range(31):
        prov = f"{YCR}division/{11 + p:02d}0000"
        rows.append((prov, name(p + 7) + "省", country))
        for c in range(12):
            city = f"{YCR}division/{11 + p:02d}{c + 1:02d}00"
            rows.append((city, name(p * 12 + c + 100) + "市", prov))
            for k in range(count // (31 * 12) + 1):
                code = f"{11 + p:02d}{c + 1:02d}{k + 1:02d}"
                county = f"{YCR}division/{code}"
                rows.append((county, name(int(code)) + "县", city))
                counties.append(county)
    return rows, counties


def generate(target_triples: int, seed: int = 7) -> tuple[list[str], list[Article]]:
    """Shared division triples and synthetic articles totalling at least ``target_triples``."""
    rng = random.Random(seed)
    rows, counties = divisions(3000)
    labels = {iri: label for iri, label, _ in rows}
    shared = []
    for iri, label, parent in rows:
        shared.append(f"<{iri}> <{RDF}type> <{YCG}Division> .")
        shared.append(f"<{iri}> <{RDFS}label> {lit(label)} .")
        shared.append(f"<{iri}> <{SKOS}prefLabel> {lit(label)} .")
        if parent:
            shared.append(f"<{iri}> <{YCG}partOf> <{parent}> .")
            shared.append(f"<{iri}> <{YCG}adminCode> {lit(iri.rsplit('/', 1)[1], None)} .")
    total = len(shared)
    articles: list[Article] = []
    entities: dict[str, list[str]] = {}

    def entity(kind: str, iri: str, label: str, extra: list[tuple[str, str]] = ()) -> None:
        if iri in entities:
            return
        cls = kind[0].upper() + kind[1:]
        triples = [f"<{iri}> <{RDF}type> <{YCG}{cls}> .", f"<{iri}> <{RDFS}label> {lit(label)} .",
                   f"<{iri}> <{SKOS}prefLabel> {lit(label)} ."]
        triples += [f"<{iri}> <{p}> {o} ." for p, o in extra]
        entities[iri] = triples

    while total < target_triples:
        art = Article(len(articles))
        city = rng.choice([r for r in rows if r[0].endswith("00") and not r[0].endswith("0000")][:200])
        art.write(f"{city[1]}创新发展大会。")
        for _ in range(14):
            div = rng.choice(counties)
            section = f"{YCR}section/{art.key}/{art.length}"
            begin = art.length
            dm = art.mention(labels[div], div, "division", section, rng)
            off_slug = f"o{int(hashlib.sha256(div.encode()).hexdigest(), 16) % 10**8}"
            off = f"{YCR}official/{off_slug}"
            post = labels[div].rstrip("县") + "县委书记"
            entity("official", off, name(rng.randrange(10**5), 3), [(YCG + "position", lit(post))])
            om = art.mention(entities[off][1].split('"')[1], off, "official", section, rng)
            art.edge(off, "leads", div, [om, dm])
            ents = []
            for _ in range(3):
                n = int(rng.paretovariate(1.2) * 10) % 20000
                e = f"{YCR}enterprise/e{n}"
                entity("enterprise", e, name(n + 5000) + "集团")
                ents.append(e)
                art.edge(div, "mentions", e, [art.mention(name(n + 5000) + "集团", e, "enterprise", section, rng)])
            for j in range(2):
                n = rng.randrange(10**6)
                p = f"{YCR}project/p{n}"
                entity("project", p, name(n) + "产业园")
                pm = art.mention(name(n) + "产业园", p, "project", section, rng)
                art.edge(div, "plans", p, [pm])
                art.edge(div, "mentions", p, [pm])
                art.edge(p, "involves", ents[j], [pm])
            for _ in range(4):
                n = int(rng.paretovariate(1.0) * 3) % 5000
                s = f"{YCR}slogan/s{n}"
                entity("slogan", s, name(n + 900, 4))
                sm = art.mention(f"“{name(n + 900, 4)}”", s, "slogan", section, rng)
                art.edge(div, "promotes", s, [sm])
            for j in range(3):
                value = round(rng.uniform(1, 500), 1)
                unit, indicator = rng.choice(UNITS), rng.choice(INDICATORS)
                t = f"{YCR}target/{art.key}-{len(art.triples)}"
                label = f"{indicator}{value}{unit}"
                entity("target", t, label, [(YCG + "indicator", lit(indicator)), (YCG + "value", typed(value, "decimal")),
                                           (YCG + "unit", lit(unit, None)), (YCG + "comparator", f"<{YCG}AtLeast>")])
                art.edge(div, "setsTarget", t, [art.mention(label, t, "target", section, rng)])
            art.add(section, RDF + "type", f"<{YCG}Section>")
            art.add(section, NIF + "referenceContext", f"<{art.iri}>")
            art.add(section, NIF + "beginIndex", typed(begin, "nonNegativeInteger"))
            art.add(section, NIF + "endIndex", typed(art.length, "nonNegativeInteger"))
            art.add(section, YCG + "sectionOf", f"<{div}>")
        text = "".join(art.text)
        for cls in (YCG + "Article", SCHEMA + "NewsArticle", NIF + "Context"):
            art.add(art.iri, RDF + "type", f"<{cls}>")
        art.add(art.iri, NIF + "isString", lit(text, None))
        art.add(art.iri, DCT + "title", lit(f"{city[1]}创新发展大会{art.index}"))
        art.add(art.iri, DCT + "date", typed(f"2026-{1 + art.index % 12:02d}-{1 + art.index % 28:02d}", "date"))
        art.add(art.iri, YCG + "sourceFile", lit(f"article-{art.index}.txt", None))
        art.add(art.iri, YCG + "contentHash", lit(hashlib.sha256(text.encode()).hexdigest(), None))
        articles.append(art)
        total += len(art.triples)
    # entity descriptions go with the first article that names them
    owner: dict[str, Article] = {}
    for art in articles:
        for triple in art.triples:
            if "/ontology#denotes> <" in triple:
                owner.setdefault(triple.split("> <")[2].rstrip("> ."), art)
    for iri, triples in sorted(entities.items()):
        owner[iri].triples.extend(triples)
    return shared, articles


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("-o", "--output", type=Path, required=True, help="directory to write graph.ttl / graph.trig into")
    parser.add_argument("--triples", type=int, default=1_000_000, help="at least this many triples (default 1,000,000)")
    parser.add_argument("--trig", action="store_true", help="write graph.trig with one named graph per article")
    parser.add_argument("--seed", type=int, default=7)
    args = parser.parse_args()
    shared, articles = generate(args.triples, args.seed)
    args.output.mkdir(parents=True, exist_ok=True)
    count = len(shared) + sum(len(a.triples) for a in articles)
    if args.trig:
        path = args.output / "graph.trig"
        with path.open("w", encoding="utf-8") as out:
            out.write("\n".join(shared) + "\n")
            for art in articles:
                out.write(f"<{art.iri}> {{\n" + "\n".join(art.triples) + "\n}\n")
    else:
        path = args.output / "graph.ttl"
        with path.open("w", encoding="utf-8") as out:
            out.write("\n".join(shared) + "\n")
            for art in articles:
                out.write("\n".join(art.triples) + "\n")
    print(f"{path}: {count} triples, {len(articles)} articles")


if __name__ == "__main__":
    main()
