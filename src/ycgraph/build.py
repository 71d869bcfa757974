"""Build a corpus: read every article, extract, merge, write the outputs.

One bad file never loses the others: its problem is recorded as a
:class:`Failure` and the build goes on. Outputs are written atomically.
"""

from __future__ import annotations

import time
from dataclasses import dataclass, field
from pathlib import Path

from rdflib import Graph

from .errors import InputError
from .gazetteer.userdict import UserDictionary
from .outputs import write_atomic
from .pipeline import Extraction, Extractor, to_graph
from .text.reader import expand_inputs, read_article

GRAPH_FILE = "graph.ttl"


@dataclass(frozen=True)
class Failure:
    path: str
    problem: str

    def __str__(self) -> str:
        return f"{self.path}: {self.problem}"


@dataclass
class BuildResult:
    out_dir: Path
    extractions: list[Extraction] = field(default_factory=list)
    failures: list[Failure] = field(default_factory=list)
    graph: Graph | None = None
    written: list[Path] = field(default_factory=list)
    seconds: float = 0.0

    @property
    def entities(self) -> int:
        return sum(len({m.key for m in ex.doc.mentions}) for ex in self.extractions)

    def summary(self) -> str:
        triples = len(self.graph) if self.graph is not None else 0
        return (f"{len(self.extractions) + len(self.failures)} files, {len(self.failures)} failed, "
                f"{self.entities} entities, {triples} triples, {self.seconds:.1f} s")


def extract_files(paths: list[str], extractor: Extractor) -> tuple[list[Extraction], list[Failure]]:
    files, errors = expand_inputs(paths)
    failures = [Failure(e.path, e.problem) for e in errors]
    extractions = []
    for f in files:
        try:
            article = read_article(f)
        except InputError as exc:
            failures.append(Failure(exc.path, exc.problem))
            continue
        extractions.append(extractor.run(article.text, f.name))
    return extractions, failures


def build(paths: list[str], out_dir: str | Path, dictionary: UserDictionary | None = None) -> BuildResult:
    """Build ``paths`` (files or directories) into ``out_dir``; see :class:`BuildResult`."""
    start = time.perf_counter()
    out = Path(out_dir)
    result = BuildResult(out)
    extractor = Extractor(dictionary)
    result.extractions, result.failures = extract_files(paths, extractor)
    if result.extractions:
        result.graph = to_graph(result.extractions)
        data = result.graph.serialize(format="turtle", encoding="utf-8")
        result.written.append(write_atomic(out / GRAPH_FILE, data))
    result.seconds = time.perf_counter() - start
    return result
