"""The query guard (``ycgraph.sparql.guard``): what it refuses, what it lets through, and that
``ycgraph query`` refuses with one line where it used to segfault.

Queries that crash the engine run only in subprocesses, so a crash fails the
test instead of killing pytest.
"""

from __future__ import annotations

import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from ycgraph.sparql import engine
from ycgraph.sparql.guard import LIMITS, Limits, QueryRefused, check_query

LOOPBACK = "http://127.0.0.1:9/"


def nested(n: int) -> str:
    return "ASK { FILTER(" + "(" * n + "1" + ")" * n + ") }"


def unions(n: int) -> str:
    return "ASK {" + " {} UNION" * n + " {} }"


@pytest.mark.parametrize("query, reason", [
    ("ASK { " + "?s ?p ?o . " * 7000 + "}", "bytes"),
    (nested(5000)[:60_000], "nested"),
    ("ASK " + "{" * 300 + "}" * 300, "nested"),
    ("ASK { ?s ?p <<" * 250 + " ?o" + ">>" * 250 + " }", "nested"),
    (unions(600), "UNIONs"),
    ("ASK {" + " MINUS { ?s ?p ?o }" * 1100 + " }", "chained operators"),
    ("ASK { FILTER(" + "+".join(["1"] * 1100) + ") }", "chained operators"),
    ("ASK { FILTER(" + "||".join(["true"] * 1100) + ") }", "chained operators"),
    ("ASK { ?s " + "/".join(["<urn:p>"] * 1100) + " ?o }", "chained operators"),
    ("PREFIX : <urn:x:> ASK { " + ":s :p :o. " * 1100 + "}", "chained operators"),
])
def test_limits_refuse_with_one_line(query: str, reason: str) -> None:
    with pytest.raises(QueryRefused) as caught:
        check_query(query)
    message = str(caught.value)
    assert message.startswith("query refused: ") and reason in message and "\n" not in message


@pytest.mark.parametrize("query", [
    f"SELECT * {{ SERVICE <{LOOPBACK}> {{ ?s ?p ?o }} }}",
    f"select * {{ service silent <{LOOPBACK}> {{ ?s ?p ?o }} }}",
    f"SELECT * {{ ?s ?p ?o SERVICESILENT<{LOOPBACK}>{{ ?s ?p ?o }} }}",
    # the engine's keywords need no word boundary: each of these is a SERVICE call
    f"PREFIX x: <{LOOPBACK}> SELECT * {{ SERVICEx:y {{ ?s ?p ?o }} }}",
    f"PREFIX : <{LOOPBACK}> SELECT * {{ SERVICE:y {{ ?s ?p ?o }} }}",
    f"SELECT * {{ ?s ?p 1SERVICE <{LOOPBACK}> {{ ?s ?p ?o }} }}",
    f"SELECT * {{ ?s ?p trueSERVICE <{LOOPBACK}> {{ ?s ?p ?o }} }}",
    f"SELECT * {{ ?s ?p 1.SERVICE <{LOOPBACK}> {{ ?s ?p ?o }} }}",
    # '<' compares here; '<1)SERVICE?x#>' must not be taken for an IRI hiding the call
    "SELECT * { ?s ?p ?o FILTER(?s<1)SERVICE?x#>\n{ ?s ?p ?o } }",
    # a local name's \\# escape is not a comment
    f"PREFIX x: <urn:x:> SELECT * {{ ?s ?p x:a\\# SERVICE <{LOOPBACK}> {{ ?s ?p ?o }} }}",
    # '<1#>' read as an IRI puts the ''' in code: a string there would hide the call
    f"SELECT * {{ ?s ?p ?o FILTER(?s<1#> '''\n) SERVICE <{LOOPBACK}> {{ ?s ?p ?o }} '''  ?p ?o  ''' ?p ?o }}",
    f"SELECT * {{ ?s ?p ?o FILTER(?s<'b>)') SERVICE <{LOOPBACK}> {{ ?s ?p ?o }} FILTER('x') }}",
    # an IRI holding parentheses: read as a comparison, its '#' or quote would hide the call
    f"SELECT * {{ ?s <urn:x/(a)#> ?o SERVICE <{LOOPBACK}> {{ ?s ?p ?o }} }}",
    f"SELECT * {{ ?s <urn:x/(a)'> ?o SERVICE <{LOOPBACK}> {{ ?s ?p ?o }} }} #'",
])
def test_service_is_refused_however_written(query: str) -> None:
    with pytest.raises(QueryRefused, match="SERVICE"):
        check_query(query)
    check_query(query, allow_service=True)
    # each is a query the engine parses (it fails only when calling out, if it gets that far)
    try:
        list(engine.load_data_text("", "nt").query(query))
    except OSError:
        pass


@pytest.mark.parametrize("query", [
    "SELECT ?service WHERE { ?service <http://example.org/service/x> ?o }",
    'ASK { ?s ?p "SERVICE <http://x/> { }" }',
    "ASK { ?s ?p '''a ' '' SERVICE\n''' }",
    'ASK { ?s ?p """x\\"""" }',
    "ASK { ?s ?p ?o } # SERVICE <http://x/> {}",
    "ASK { FILTER(?a < 1 && ?b > 2) }",
    "ASK { ?s ?p ?o FILTER(?p = <http://example.org/ns#service> || ?o IN (<urn:it's>, <urn:a(b)>)) }",
    nested(198),
    unions(500),
])
def test_ordinary_queries_pass(query: str) -> None:
    check_query(query)


def test_shipped_queries_pass() -> None:
    queries = sorted((Path(__file__).resolve().parents[1] / "queries").glob("*.rq"))
    assert queries
    for path in queries:
        check_query(path.read_text(encoding="utf-8"))


def test_limits_are_configurable() -> None:
    with pytest.raises(QueryRefused, match="nested 3 deep"):
        check_query("ASK { {{}} }", limits=Limits(max_depth=2))
    check_query("ASK { {{}} }", limits=Limits(max_depth=3))


def test_queries_at_the_limits_run_without_crashing(tmp_path: Path) -> None:
    # what the guard lets through must not crash the engine either
    script = tmp_path / "at_limits.py"
    script.write_text(textwrap.dedent(f"""
        from ycgraph.sparql import engine
        store = engine.load_data_text("<urn:s> <urn:p> <urn:o> .", "nt")
        depth, n = {LIMITS.max_depth} - 3, {LIMITS.max_operators}
        for q in ["ASK {{ FILTER(" + "(" * depth + "1" + ")" * depth + ") }}",
                  "ASK {{" + " {{}} UNION" * {LIMITS.max_unions} + " {{}} }}",
                  "ASK {{ FILTER(" + "+".join(["1"] * (n - 5)) + ") }}",
                  "ASK {{" + " FILTER(true)" * (n - 5) + " }}"]:
            engine.run_query(store, q)
        print("ok")
    """), encoding="utf-8")
    done = subprocess.run([sys.executable, str(script)], capture_output=True, text=True, timeout=300)
    assert done.returncode == 0 and done.stdout == "ok\n", (done.returncode, done.stderr[-500:])


@pytest.mark.parametrize("query, reason", [(nested(5000), "nested 5002 deep"),
                                           (unions(10000), "90,010 bytes")])
def test_query_command_refuses_instead_of_crashing(tmp_path: Path, query: str, reason: str) -> None:
    # before the guard: exit 139 (SIGSEGV) with no message
    (tmp_path / "graph.ttl").write_text("<urn:s> <urn:p> <urn:o> .\n", encoding="utf-8")
    (tmp_path / "q.rq").write_text(query, encoding="utf-8")
    done = subprocess.run([sys.executable, "-m", "ycgraph", "query", str(tmp_path / "q.rq"), "-d", str(tmp_path)],
                          capture_output=True, text=True, timeout=120)
    assert done.returncode == 1 and done.stdout == ""
    assert done.stderr.startswith(f"Error: {tmp_path / 'q.rq'}: query refused: {reason} (the limit is ")
    assert done.stderr.count("\n") == 1


def test_run_query_checks_too() -> None:
    store = engine.load_data_text("", "nt")
    with pytest.raises(QueryRefused, match="nested"):
        engine.run_query(store, nested(300))
    with pytest.raises(QueryRefused, match="SERVICE"):
        engine.run_query(store, f"ASK {{ SERVICE <{LOOPBACK}> {{}} }}", allow_service=False)
