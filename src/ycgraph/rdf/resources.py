"""Where the published ontology files live: inside the installed package.

``ontology/`` at the repository root is the published vocabulary; the package
ships the same files as package data (``ycgraph/ontology/``), found with
:mod:`importlib.resources`, so a plain ``pip install`` (wheel, not editable)
has them too. ``tests/test_ontology.py`` holds the two copies byte-equal.

>>> ontology_path("ycgraph.ttl").name
'ycgraph.ttl'
>>> sorted(ONTOLOGY_FILES)
['context.jsonld', 'shapes.ttl', 'ycgraph.ttl']
"""

from __future__ import annotations

from importlib.resources import files
from pathlib import Path

from ..errors import YcgraphError

__all__ = ["ONTOLOGY_FILES", "ontology_dir", "ontology_path"]

ONTOLOGY_FILES = ("ycgraph.ttl", "shapes.ttl", "context.jsonld")


def ontology_dir() -> Path:
    """The folder of the installed package's ontology files."""
    # The package is installed as plain files (setuptools, not zipped), so the resource is a real folder.
    return Path(str(files("ycgraph") / "ontology"))


def ontology_path(name: str) -> Path:
    """Path of one file of the published ontology (``ycgraph.ttl``, ``shapes.ttl``, ``context.jsonld``).

    Raises
    ------
    YcgraphError
        If the file is not in the installed package (a broken install).
    """
    path = ontology_dir() / name
    if not path.is_file():
        raise YcgraphError(f"{path}: ontology file not found in the installed package (reinstall ycgraph)")
    return path
