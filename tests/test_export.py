"""ycgraph.rdf.export: named graph per article, four formats, same bytes every time."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from rdf_fixtures import TEXT_A, TEXT_B, article_a, article_b, article_iri, build_activity, merged
from rdflib import BNode, Dataset, Graph, Literal, URIRef
from rdflib.compare import isomorphic
from rdflib.namespace import RDFS

from ycgraph.errors import YcgraphError
from ycgraph.rdf.alignment import align
from ycgraph.rdf.export import FORMATS, context, serialize, to_dataset, write_exports

# rdflib's own dataset parsers call its deprecated ConjunctiveGraph API
pytestmark = pytest.mark.filterwarnings("ignore:.*is deprecated, use Dataset:DeprecationWarning")

PARSERS = {"trig": "trig", "nq": "nquads", "jsonld": "json-ld"}
CONTEXT_FILE = Path(__file__).resolve().parents[1] / "ontology" / "context.jsonld"


def build() -> tuple[dict[str, Graph], Graph]:
    a, b = article_a(), article_b()
    whole = merged(a, b, build_activity(a, b))
    whole += align(whole)
    return {str(article_iri(TEXT_A)): a, str(article_iri(TEXT_B)): b}, whole


def test_named_graph_of_an_article_is_that_article_alone() -> None:
    articles, whole = build()
    ds = to_dataset(articles, whole)
    for iri, graph in articles.items():
        assert isomorphic(ds.graph(URIRef(iri)), graph)


def test_default_graph_holds_what_no_article_holds() -> None:
    articles, whole = build()
    ds = to_dataset(articles, whole)
    in_articles = set(articles[str(article_iri(TEXT_A))]) | set(articles[str(article_iri(TEXT_B))])
    assert set(ds.default_graph) == set(whole) - in_articles
    assert len(ds.default_graph) > 0
    union = Graph()
    for g in ds.graphs():
        union += g
    assert isomorphic(union, whole)


@pytest.mark.parametrize("fmt", ["trig", "nq", "jsonld"])
def test_every_dataset_format_parses_back_to_the_same_quads(fmt: str) -> None:
    articles, whole = build()
    ds = to_dataset(articles, whole)
    back = Dataset()
    back.parse(data=serialize(ds, fmt), format=PARSERS[fmt])
    assert len(list(back.quads())) == len(list(ds.quads()))
    for iri, graph in articles.items():
        assert isomorphic(back.graph(URIRef(iri)), graph), iri
    assert isomorphic(back.default_graph, ds.default_graph)


def test_turtle_is_the_union_graph() -> None:
    articles, whole = build()
    back = Graph().parse(data=serialize(to_dataset(articles, whole), "ttl"), format="turtle")
    assert isomorphic(back, whole)


def test_jsonld_uses_the_published_context_and_no_anonymous_graph() -> None:
    articles, whole = build()
    doc = json.loads(serialize(to_dataset(articles, whole), "jsonld"))
    assert doc["@context"] == json.loads(CONTEXT_FILE.read_text(encoding="utf-8"))["@context"] == context()
    tops = doc["@graph"]
    assert all("@id" in node for node in tops)
    ids = [node["@id"] for node in tops]
    assert ids == sorted(ids)
    named = {node["@id"] for node in tops if "@graph" in node}
    assert named == set(articles)
    assert any(node.get("@type") == "Build" or "Build" in node.get("@type", []) for node in tops)


@pytest.mark.parametrize("fmt", sorted(FORMATS))
def test_same_input_same_bytes(fmt: str) -> None:
    articles, whole = build()
    first = serialize(to_dataset(articles, whole), fmt)
    reordered = {k: articles[k] for k in reversed(list(articles))}
    assert serialize(to_dataset(reordered, whole), fmt) == first
    assert serialize(to_dataset(articles, whole), fmt) == first


def test_same_bytes_across_processes_with_different_hash_seeds(tmp_path: Path) -> None:
    script = (
        "import sys; sys.path.insert(0, sys.argv[2])\n"
        "from pathlib import Path\n"
        "from test_export import build\n"
        "from ycgraph.rdf.export import write_exports\n"
        "articles, whole = build()\n"
        "write_exports(articles, whole, Path(sys.argv[1]), ['ttl', 'trig', 'nq', 'jsonld'])\n"
    )
    outputs = []
    for seed in ("1", "2"):
        out = tmp_path / seed
        env = {**os.environ, "PYTHONHASHSEED": seed}
        subprocess.run([sys.executable, "-c", script, str(out), str(Path(__file__).parent)], check=True, env=env)
        outputs.append({p.name: p.read_bytes() for p in sorted(out.iterdir())})
    assert sorted(outputs[0]) == sorted(FORMATS.values())
    assert outputs[0] == outputs[1]


def test_write_exports_writes_atomically_and_replaces(tmp_path: Path) -> None:
    articles, whole = build()
    out = tmp_path / "new" / "dir"
    paths = write_exports(articles, whole, out, ["nq", "ttl", "nq"])
    assert paths == [out / "graph.nq", out / "graph.ttl"]
    first = (out / "graph.nq").read_bytes()
    (out / "graph.nq").write_text("stale")
    write_exports(articles, whole, out, ["nq"])
    assert (out / "graph.nq").read_bytes() == first
    assert sorted(p.name for p in out.iterdir()) == ["graph.nq", "graph.ttl"]  # no temporary files left


def test_unknown_format_and_blank_nodes_are_clear_errors(tmp_path: Path) -> None:
    articles, whole = build()
    with pytest.raises(YcgraphError, match="unknown export format 'rdfxml'"):
        write_exports(articles, whole, tmp_path, ["ttl", "rdfxml"])
    assert list(tmp_path.iterdir()) == []
    whole.add((BNode(), RDFS.label, Literal("x")))
    with pytest.raises(YcgraphError, match="blank node"):
        write_exports(articles, whole, tmp_path, ["nq"])


def test_unwritable_folder_is_a_ycgraph_error(tmp_path: Path) -> None:
    articles, whole = build()
    blocker = tmp_path / "file"
    blocker.write_text("")
    with pytest.raises(YcgraphError, match="cannot write exports"):
        write_exports(articles, whole, blocker / "out", ["ttl"])


def test_sample_build_exports_one_named_graph_per_article(sample_build, tmp_path: Path) -> None:
    from rdflib.namespace import RDF

    from ycgraph.vocabulary import YCG

    articles = {str(next(ex.graph.subjects(RDF.type, YCG.Article))): ex.graph for ex in sample_build.extractions}
    whole = sample_build.graph + align(sample_build.graph)
    paths = write_exports(articles, whole, tmp_path, sorted(FORMATS))
    back = Dataset()
    back.parse(tmp_path / "graph.trig", format="trig")
    for iri, graph in articles.items():
        assert isomorphic(back.graph(URIRef(iri)), graph)
    quads = len(list(back.quads()))
    for path in paths:
        if path.suffix == ".ttl":
            assert len(Graph().parse(path, format="turtle")) == len(whole)
            continue
        other = Dataset()
        other.parse(path, format=PARSERS[path.suffix[1:]])
        assert len(list(other.quads())) == quads, path.name
