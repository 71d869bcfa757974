"""The shipped queries (``queries/*.rq``) on the real sample build.

Expectations come from the sample's gold annotation (``../shared/eval/gold``),
read here; no name or sentence of the article is pasted into this file.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from conftest import GOLD
from ycgraph.sparql import engine

REPO = Path(__file__).resolve().parents[1]
QUERIES = REPO / "queries"
BOUNDARY = "。！？!?；\n"


@pytest.fixture(scope="module")
def gold(sample_path):  # type: ignore[no-untyped-def]
    path = GOLD / (sample_path.stem + ".json")
    if not path.exists():
        pytest.skip("no gold annotation of the sample")
    return json.loads(path.read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def leader(gold):  # type: ignore[no-untyped-def]
    """The first section's leading official: (name, post, division, admin code)."""
    section = next(s for s in gold["sections"] if any(o.get("leads") for o in s["officials"]))
    official = next(o for o in section["officials"] if o.get("leads"))
    return official["name"], official["posts"][0], section["division"], section["admin_code"]


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


def test_officials_posts_and_divisions(store, gold, leader) -> None:  # type: ignore[no-untyped-def]
    found = {(r["official"], r.get("post"), r.get("division"), r.get("code")) for r in rows(store, "officials")}
    assert leader in found
    leaders = {r["official"] for r in rows(store, "officials") if r.get("division")}
    expected = {o["name"] for s in gold["sections"] for o in s["officials"] if o.get("leads")}
    assert len(expected) >= 3 and expected <= leaders


def _named_by(gold, kind: str) -> dict[str, set[str]]:  # type: ignore[no-untyped-def]
    """Each gold entity's name -> the divisions whose sections name it."""
    out: dict[str, set[str]] = {}
    for s in gold["sections"]:
        for item in s.get(kind, []):
            if not item.get("optional"):
                out.setdefault(item.get("name") or item.get("text"), set()).add(s["division"])
    return out


def test_an_enterprise_named_by_several_divisions(store, gold) -> None:  # type: ignore[no-untyped-def]
    shared = {r["enterprise"]: r for r in rows(store, "enterprises-shared")}
    name, divisions = max(_named_by(gold, "enterprises").items(), key=lambda kv: (len(kv[1]), kv[0]))
    assert len(divisions) >= 2
    assert name in shared and int(shared[name]["divisions"]) >= len(divisions)
    assert all(d in shared[name]["namedBy"] for d in divisions)
    assert all(int(r["divisions"]) >= 2 for r in shared.values())


def test_slogans_ranked_by_divisions(store, gold) -> None:  # type: ignore[no-untyped-def]
    ranked = rows(store, "slogans-ranked")
    counts = [int(r["divisions"]) for r in ranked]
    assert counts == sorted(counts, reverse=True)
    by_name = {r["slogan"]: int(r["divisions"]) for r in ranked}
    name, divisions = max(_named_by(gold, "slogans").items(), key=lambda kv: (len(kv[1]), kv[0]))
    assert len(divisions) >= 3
    assert by_name[name] >= len(divisions)
    assert counts[0] >= by_name[name]


def _growth_target(gold):  # type: ignore[no-untyped-def]
    """A section's growth target in %: (division, value)."""
    return next((s["division"], float(t["value"])) for s in gold["sections"] for t in s.get("targets", [])
                if t.get("unit") == "%" and "增长" in t.get("indicator", "") and not t.get("optional"))


def test_targets_of_one_division(store, gold) -> None:  # type: ignore[no-untyped-def]
    division, value = _growth_target(gold)
    own = rows(store, "division-targets", division=division)
    assert own and {r["division"] for r in own} == {division}
    assert any(float(r["value"]) == value and r.get("unit") == "%" for r in own)
    assert len(rows(store, "division-targets")) > len(own)


def test_growth_targets_compare_divisions(store, gold) -> None:  # type: ignore[no-untyped-def]
    division, value = _growth_target(gold)
    growth = rows(store, "growth-targets")
    assert any(r["division"] == division and float(r["value"]) == value for r in growth)
    assert all(r.get("unit") == "%" or "增" in r.get("indicator", "") for r in growth)


def test_projects_with_their_enterprises(store, gold) -> None:  # type: ignore[no-untyped-def]
    projects = {r["project"]: r for r in rows(store, "projects-enterprises")}
    section, project = next((s, p) for s in gold["sections"] for p in s.get("projects", [])
                            if p.get("enterprises") and not p.get("optional") and p["name"] in projects)
    assert any(e in projects[project["name"]].get("enterprises", "") for e in project["enterprises"])
    assert section["division"] in projects[project["name"]].get("plannedBy", "")


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



def test_edge_evidence_of_a_leader(store, leader) -> None:  # type: ignore[no-untyped-def]
    name, _, division, _ = leader
    leads = rows(store, "edge-evidence", subject=name, object=division)
    assert leads and all(name in r["sentence"] for r in leads)
    assert {r["predicate"] for r in leads} == {"https://w3id.org/ycgraph/ontology#leads"}


def test_everything_within_the_province(store, gold, leader) -> None:  # type: ignore[no-untyped-def]
    name, _, division, _ = leader
    inside = rows(store, "within-province", province="湖北省")
    divisions = {r["division"] for r in inside}
    assert {s["division"] for s in gold["sections"]} <= divisions
    assert (division, "https://w3id.org/ycgraph/ontology#leads", name) in {
        (r["division"], r["relation"], r["thing"]) for r in inside}
    assert {r["province"] for r in inside} == {"湖北省"}
