"""The shipped queries (``queries/*.rq``) on the real sample build.

Expectations come from what the sample article says (see
``../shared/eval/gold``); the article's text itself is read from the
build, never pasted here.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from ycgraph.sparql import engine

REPO = Path(__file__).resolve().parents[1]
QUERIES = REPO / "queries"
BOUNDARY = "。！？!?；\n"


@pytest.fixture(scope="module")
def store(sample_build):  # type: ignore[no-untyped-def]
    """The session's sample build (``conftest.sample_build``) loaded into the query engine."""
    return engine.load_data(sample_build.out_dir)


def rows(store, name: str, **params: str) -> list[dict[str, str]]:  # type: ignore[no-untyped-def]
    text = (QUERIES / f"{name}.rq").read_text(encoding="utf-8")
    bound = dict(engine.parse_param(f"{k}={v}") for k, v in params.items())
    result = engine.run_query(store, text, source=name, params=bound)
    assert isinstance(result, engine.Solutions)
    return [{v: t.value for v, t in zip(result.variables, row) if t is not None} for row in result.rows]


def test_every_shipped_query_states_its_question_in_english_and_chinese() -> None:
    files = sorted(QUERIES.glob("*.rq"))
    assert len(files) >= 8
    for path in files:
        first = path.read_text(encoding="utf-8").splitlines()[:2]
        assert first[0].startswith("# ") and "?" in first[0], path
        assert first[1].startswith("# ") and re.search(r"[\u4e00-\u9fff]", first[1]), path


def test_officials_posts_and_divisions(store) -> None:  # type: ignore[no-untyped-def]
    found = {(r["official"], r.get("post"), r.get("division"), r.get("code")) for r in rows(store, "officials")}
    assert ("夏明海", "宜都市委书记", "宜都市", "420581") in found
    leaders = {r["official"] for r in rows(store, "officials") if r.get("division")}
    assert {"万红", "李小军"} <= leaders


def test_xingfa_is_named_by_several_divisions(store) -> None:  # type: ignore[no-untyped-def]
    shared = {r["enterprise"]: r for r in rows(store, "enterprises-shared")}
    assert "兴发" in shared and int(shared["兴发"]["divisions"]) >= 2
    assert "宜都市" in shared["兴发"]["namedBy"]
    assert all(int(r["divisions"]) >= 2 for r in shared.values())


def test_slogans_ranked_by_divisions(store) -> None:  # type: ignore[no-untyped-def]
    ranked = rows(store, "slogans-ranked")
    counts = [int(r["divisions"]) for r in ranked]
    assert counts == sorted(counts, reverse=True)
    by_name = {r["slogan"]: int(r["divisions"]) for r in ranked}
    assert by_name["产业筑基+科技创新"] >= 3
    assert counts[0] >= by_name["产业筑基+科技创新"]


def test_targets_of_one_division(store) -> None:  # type: ignore[no-untyped-def]
    yidu = rows(store, "division-targets", division="宜都市")
    assert yidu and {r["division"] for r in yidu} == {"宜都市"}
    assert any(float(r["value"]) == 7.5 and r.get("unit") == "%" for r in yidu)
    assert len(rows(store, "division-targets")) > len(yidu)


def test_growth_targets_compare_divisions(store) -> None:  # type: ignore[no-untyped-def]
    growth = rows(store, "growth-targets")
    assert any(r["division"] == "宜都市" and float(r["value"]) == 7.5 for r in growth)
    assert all(r.get("unit") == "%" or "增" in r.get("indicator", "") for r in growth)


def test_projects_with_their_enterprises(store) -> None:  # type: ignore[no-untyped-def]
    projects = {r["project"]: r for r in rows(store, "projects-enterprises")}
    assert "东阳光" in projects["东阳光零碳智算产研基地"].get("enterprises", "")
    assert "宜都市" in projects["东阳光零碳智算产研基地"].get("plannedBy", "")


def test_edge_evidence_cuts_the_enclosing_sentence(store) -> None:  # type: ignore[no-untyped-def]
    (text,) = [t[0].value for t in engine.run_query(store, "SELECT ?t WHERE { ?a nif:isString ?t }").rows]
    evidence = rows(store, "edge-evidence")
    assert len(evidence) >= 50
    for r in evidence:
        begin = int(r["begin"])
        assert text[begin: begin + len(r["anchor"])] == r["anchor"]
        start = max(text.rfind(c, 0, begin) for c in BOUNDARY) + 1
        ends = [i for i in (text.find(c, begin + len(r["anchor"])) for c in BOUNDARY) if i >= 0]
        end = min(ends) if ends else len(text)
        if begin - start < 200 and end - begin - len(r["anchor"]) < 200:
            expected = text[start: end + 1] if text[end: end + 1] in "。！？!?；" else text[start:end]
            assert r["sentence"] == expected, r
    leads = rows(store, "edge-evidence", subject="夏明海", object="宜都市")
    assert leads and all("夏明海" in r["sentence"] for r in leads)
    assert {r["predicate"] for r in leads} == {"https://w3id.org/ycgraph/ontology#leads"}


def test_everything_within_hubei(store) -> None:  # type: ignore[no-untyped-def]
    hubei = rows(store, "within-province", province="湖北省")
    divisions = {r["division"] for r in hubei}
    assert {"宜都市", "宜昌市", "长阳土家族自治县"} <= divisions
    assert ("宜都市", "https://w3id.org/ycgraph/ontology#leads", "夏明海") in {
        (r["division"], r["relation"], r["thing"]) for r in hubei}
    assert {r["province"] for r in hubei} == {"湖北省"}
