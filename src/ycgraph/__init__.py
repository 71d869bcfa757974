"""ycgraph: knowledge graphs of Chinese regional-policy news."""

from __future__ import annotations

from .version import __version__


def extract(text: str, source: str = "<text>"):
    """Extract one article's text into a :class:`ycgraph.model.Document` with its mentions."""
    from .pipeline import Extractor

    return Extractor().extract(text, source)


def to_graph(texts: dict[str, str]):
    """The merged RDF graph of several articles, given as ``{source name: text}``."""
    from .pipeline import Extractor, to_graph as merge

    ex = Extractor()
    return merge([ex.run(text, name) for name, text in sorted(texts.items())])


def build(paths, out_dir="output", dictionary=None):
    """Build files or folders into ``out_dir`` (see :func:`ycgraph.builder.build`)."""
    from .builder import build as run

    return run(list(paths), out_dir, dictionary=dictionary)


__all__ = ["__version__", "extract", "to_graph", "build"]
