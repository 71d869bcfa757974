"""Where the published ontology files live (``ontology/`` at the repository root).

>>> ontology_path("ycgraph.ttl").name
'ycgraph.ttl'
"""

from __future__ import annotations

from pathlib import Path

from ..errors import YcgraphError

__all__ = ["ONTOLOGY_DIR", "ontology_path"]

# src/ycgraph/rdf/resources.py -> parents[3] is the repository root.
ONTOLOGY_DIR = Path(__file__).resolve().parents[3] / "ontology"


def ontology_path(name: str) -> Path:
    """Path of one file of the published ontology (``ycgraph.ttl``, ``shapes.ttl``, ``context.jsonld``).

    Raises
    ------
    YcgraphError
        If the file is missing (ycgraph must be installed from its source tree,
        ``pip install -e .``, for the ontology files to be found).
    """
    path = ONTOLOGY_DIR / name
    if not path.is_file():
        raise YcgraphError(f"{path}: ontology file not found (install ycgraph from its source tree)")
    return path
