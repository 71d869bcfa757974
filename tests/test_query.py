"""``ycgraph query``: engine, parameters, output formats and errors, on small contract-shaped graphs.

The graphs are the invented two-article fixtures of ``rdf_fixtures.py``, so
these tests do not depend on the extractor; ``test_queries_sample.py`` runs
the shipped queries on the real sample build.
"""

from __future__ import annotations

import csv
import os
import socket
import io
import json
from pathlib import Path

import pytest
from click.testing import CliRunner
from rdf_fixtures import TEXT_A, TEXT_B, article_iri, two_article_build
from rdflib import Graph

from ycgraph.cli import main
from ycgraph.vocabulary import YCG, YCR
from ycgraph.sparql import engine

REPO = Path(__file__).resolve().parents[1]
QUERIES = REPO / "queries"


@pytest.fixture(scope="module")
def build(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("mini")
    two_article_build().serialize(out / "graph.ttl", format="turtle")
    return out


def run(*args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(main, ["query", *args])
    # the raw bytes: Result.stdout would turn the CSV's \r\n into \n
    return result.exit_code, result.stdout_bytes.decode("utf-8"), result.stderr_bytes.decode("utf-8")


def select(build: Path, query: str, *params: str) -> list[dict[str, str]]:
    """Rows of a query as {variable: value} through the CLI's JSON output."""
    args = [query, "--data", str(build), "--format", "json"]
    for p in params:
        args += ["--param", p]
    code, out, err = run(*args)
    assert code == 0, err
    doc = json.loads(out)
    return [{k: v["value"] for k, v in b.items()} for b in doc["results"]["bindings"]]


def test_officials_with_posts_and_divisions(build: Path) -> None:
    rows = select(build, str(QUERIES / "officials.rq"))
    assert [(r["official"], r["post"], r.get("division"), r.get("code")) for r in rows] == [
        ("李四", "宜昌市人大常委会主任", None, None), ("张三", "宜都市委书记", "宜都市", "420581")]


def test_enterprises_slogans_projects(build: Path) -> None:
    shared = select(build, str(QUERIES / "enterprises-shared.rq"))
    assert [(r["enterprise"], r["divisions"], r["namedBy"]) for r in shared] == [("金鹰", "2", "宜都市、宜昌市")]
    slogans = select(build, str(QUERIES / "slogans-ranked.rq"))
    assert [(r["slogan"], r["divisions"]) for r in slogans] == [("实干精神", "1")]
    projects = select(build, str(QUERIES / "projects-enterprises.rq"))
    assert [(r["project"], r["enterprises"], r["plannedBy"]) for r in projects] == [("金鹰新材料基地", "金鹰", "宜都市")]


def test_division_targets_parameter_binds_a_term(build: Path) -> None:
    everything = select(build, str(QUERIES / "division-targets.rq"))
    assert {r["division"] for r in everything} == {"宜都市", "宜昌市"}
    yichang = select(build, str(QUERIES / "division-targets.rq"), "division=宜昌市")
    assert [(r["division"], r["value"], r["unit"]) for r in yichang] == [("宜昌市", "5000", "人")]
    # a literal in another language matches nothing: the value is bound as a term, not pasted into the query
    assert select(build, str(QUERIES / "division-targets.rq"), 'division="宜昌市"@en') == []


def test_growth_targets(build: Path) -> None:
    rows = select(build, str(QUERIES / "growth-targets.rq"))
    assert [(r["division"], r["indicator"], r["value"]) for r in rows] == [("宜都市", "GDP增长", "8")]


def test_edge_evidence_is_the_enclosing_sentence(build: Path) -> None:
    rows = select(build, str(QUERIES / "edge-evidence.rq"), "subject=宜昌市")
    first, second = TEXT_B.split("。")[:2]
    assert {(r["object"], r["anchor"], r["sentence"]) for r in rows} == {
        ("金鹰", "金鹰", first + "。"), ("新增就业5000人", "新增就业5000人", second + "。")}
    assert all(r["article"] == str(article_iri(TEXT_B)) for r in rows)
    leads = select(build, str(QUERIES / "edge-evidence.rq"), f"predicate=<{YCG.leads}>")
    assert [(r["subject"], r["object"], r["begin"], r["sentence"]) for r in leads] == [
        ("张三", "宜都市", "0", TEXT_A)]


def test_within_province_follows_partof_paths(build: Path) -> None:
    rows = select(build, str(QUERIES / "within-province.rq"), "province=湖北省")
    assert {r["division"] for r in rows} == {"宜昌市", "宜都市"}
    facts = {(r["division"], r["relation"].rsplit("#", 1)[1], r["thing"]) for r in rows}
    assert {("宜都市", "partOf", "宜昌市"), ("宜都市", "leads", "张三"), ("宜昌市", "setsTarget", "新增就业5000人")} <= facts
    assert select(build, str(QUERIES / "within-province.rq"), "province=宜昌市") == []  # not a province


def test_table_is_aligned_by_display_width(build: Path) -> None:
    code, out, _ = run(str(QUERIES / "officials.rq"), "--data", str(build))
    assert code == 0
    # CJK characters take two columns: 张三 pads like "official", 宜昌市人大常委会主任 sets the post column to 20
    assert out == (
        "official  post                  division  code\n"
        "--------  --------------------  --------  ------\n"
        "李四      宜昌市人大常委会主任\n"
        "张三      宜都市委书记          宜都市    420581\n"
        "(2 rows)\n"
    )


def test_csv_tsv_json_follow_the_sparql_result_formats(build: Path) -> None:
    q = "SELECT ?name ?d WHERE { ?o ycg:leads ?d ; rdfs:label ?name } ORDER BY ?name"
    code, out, _ = run(q, "-d", str(build), "-f", "csv")
    assert code == 0
    assert out == f"name,d\r\n张三,{YCR['division/420581']}\r\n"
    assert list(csv.reader(io.StringIO(out))) == [["name", "d"], ["张三", str(YCR["division/420581"])]]
    _, out, _ = run(q, "-d", str(build), "-f", "tsv")
    assert out == f'?name\t?d\n"张三"@zh\t<{YCR["division/420581"]}>\n'
    _, out, _ = run(q, "-d", str(build), "-f", "json")
    doc = json.loads(out)
    assert doc["head"]["vars"] == ["name", "d"]
    assert doc["results"]["bindings"][0]["name"] == {"type": "literal", "value": "张三", "xml:lang": "zh"}
    _, out, _ = run("ASK { ?o ycg:leads ?d }", "-d", str(build), "-f", "json")
    assert json.loads(out) == {"head": {}, "boolean": True}


def test_order_by_gives_the_same_bytes_every_time(build: Path) -> None:
    outs = {run(str(QUERIES / "edge-evidence.rq"), "-d", str(build), "-f", "csv")[1] for _ in range(3)}
    assert len(outs) == 1


def test_syntax_error_is_one_line_with_position(build: Path, tmp_path: Path) -> None:
    code, out, err = run("SELECT ?s WHERE {\n  ?s ?p }", "-d", str(build))
    assert code == 1 and out == ""
    assert err.count("\n") == 1 and "Traceback" not in err
    assert err.startswith("Error: <query>:2:") and "SPARQL syntax error" in err
    bad = tmp_path / "bad.rq"
    bad.write_text("PREFIX x: <urn:x>\nSELECT * WHERE { ?s ?p ?o\n", encoding="utf-8")
    code, _, err = run(str(bad), "-d", str(build))
    assert code == 1 and err.startswith(f"Error: {bad}:") and err.count("\n") == 1


def test_engine_exposes_line_and_column() -> None:
    with pytest.raises(engine.QuerySyntaxError) as caught:
        engine.run_query(engine.load_data_text("", "nt"), "ASK {\n\n  ?s ?p ?o . FILTER( }")
    assert caught.value.line == 3 and caught.value.column > 10


def test_data_errors_name_the_file(tmp_path: Path) -> None:
    code, _, err = run("ASK {}", "-d", str(tmp_path))
    assert code == 1 and str(tmp_path) in err and "graph.ttl" in err
    broken = tmp_path / "graph.ttl"
    broken.write_text("<urn:a> <urn:b> .\n", encoding="utf-8")
    code, _, err = run("ASK {}", "-d", str(tmp_path))
    assert code == 1 and str(broken) in err and "not valid RDF" in err and err.count("\n") == 1
    code, _, err = run(str(tmp_path / "missing.rq"), "-d", str(tmp_path))
    assert code == 1 and "no such query file" in err


def test_param_errors(build: Path) -> None:
    code, _, err = run(str(QUERIES / "officials.rq"), "-d", str(build), "-p", "nosuchvar=x")
    assert code == 1 and "has no variable ?nosuchvar" in err
    code, _, err = run(str(QUERIES / "division-targets.rq"), "-d", str(build), "-p", 'division="x" . } DELETE {')
    assert code == 1 and "not an RDF term" in err
    code, _, err = run(str(QUERIES / "division-targets.rq"), "-d", str(build), "-p", "no-equals")
    assert code == 1 and "NAME=VALUE" in err


def test_named_graph_form_is_preferred(build: Path, tmp_path: Path) -> None:
    (tmp_path / "graph.ttl").write_text("<urn:flat> <urn:p> <urn:o> .\n", encoding="utf-8")
    article = article_iri(TEXT_A)
    triples = Graph().parse(build / "graph.ttl").serialize(format="nt")
    (tmp_path / "graph.trig").write_text(f"<{article}> {{\n{triples}}}\n", encoding="utf-8")
    rows = select(tmp_path, "SELECT DISTINCT ?g WHERE { GRAPH ?g { ?o ycg:leads ?d } }")
    assert rows == [{"g": str(article)}]
    # the default graph is the union: queries without GRAPH see the article's triples too
    assert len(select(tmp_path, str(QUERIES / "officials.rq"))) == 2
    assert select(tmp_path, "SELECT * WHERE { <urn:flat> ?p ?o }") == []


@pytest.mark.parametrize("export", ["graph.trig", "graph.nq"])
def test_an_export_older_than_graph_ttl_is_not_read(tmp_path: Path, export: str) -> None:
    # a later build rewrote graph.ttl but left the named-graph export of an earlier one
    quad = "<urn:g> { <urn:old> <urn:p> <urn:o> . }" if export.endswith("trig") else "<urn:old> <urn:p> <urn:o> <urn:g> ."
    (tmp_path / export).write_text(quad + "\n", encoding="utf-8")
    (tmp_path / "graph.ttl").write_text("<urn:new> <urn:p> <urn:o> .\n", encoding="utf-8")
    os.utime(tmp_path / export, (1_000_000_000, 1_000_000_000))
    code, out, err = run("SELECT ?s WHERE { ?s <urn:p> ?o }", "-d", str(tmp_path), "-f", "csv")
    assert code == 0 and out == "s\r\nurn:new\r\n"
    assert err == f"warning: {export} is older than graph.ttl (left by an earlier build): reading graph.ttl\n"
    os.utime(tmp_path / export)  # as new as graph.ttl again: the named graphs are read
    code, out, err = run("SELECT ?s WHERE { ?s <urn:p> ?o }", "-d", str(tmp_path), "-f", "csv")
    assert code == 0 and out == "s\r\nurn:old\r\n" and err == ""


def test_an_error_while_reading_results_is_one_line(build: Path) -> None:
    # the SERVICE call fails only once results are read; it used to end in a traceback
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    result = CliRunner().invoke(main, ["query", f"SELECT * {{ SERVICE <http://127.0.0.1:{port}/> {{ ?s ?p ?o }} }}",
                                       "-d", str(build)])
    assert result.exit_code == 1 and not isinstance(result.exception, OSError)
    err = result.stderr_bytes.decode("utf-8")
    assert err.startswith("Error: <query>: query failed: ") and "refused" in err and err.count("\n") == 1


def test_a_file_name_with_a_newline_is_quoted(tmp_path: Path) -> None:
    folder = tmp_path / "a\nError: fake"
    folder.mkdir()
    code, _, err = run("ASK {}", "-d", str(folder))
    assert code == 1 and err.count("\n") == 1 and repr(str(folder)) in err
