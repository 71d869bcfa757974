"""Shared fixtures: where the sample corpus is, and one build of it per test session."""

from __future__ import annotations

from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]
SHARED = REPO.parent / "shared"
CORPUS = SHARED / "corpus"
GOLD = SHARED / "eval" / "gold"


def sample_articles() -> list[Path]:
    return sorted(CORPUS.glob("*.txt"))


@pytest.fixture(scope="session")
def sample_path() -> Path:
    files = sample_articles()
    if not files:
        pytest.skip(f"no sample article under {CORPUS}")
    return files[0]


@pytest.fixture(scope="session")
def sample_text(sample_path: Path) -> str:
    return sample_path.read_text(encoding="utf-8")


@pytest.fixture(scope="session")
def extractor():
    from ycgraph.pipeline import Extractor

    return Extractor()


@pytest.fixture(scope="session")
def sample_build(tmp_path_factory, sample_path: Path):
    """The sample article built once with the library into a temporary folder."""
    from ycgraph.builder import BuildOptions, build

    out = tmp_path_factory.mktemp("sample-build")
    result = build([str(sample_path)], out, BuildOptions(keep_results=True))
    assert not result.failures, result.failures
    return result
