"""Kept for code written against it: the vocabulary lives in :mod:`ycgraph.vocabulary`."""

from ..vocabulary import CLASS_ALIGNMENT, ITSRDF, NIF, ONTOLOGY_IRI, PROPERTY_ALIGNMENT, SCHEMA, YCG, YCR

__all__ = ["CLASS_ALIGNMENT", "ITSRDF", "NIF", "ONTOLOGY_IRI", "PROPERTY_ALIGNMENT", "SCHEMA", "YCG", "YCR"]
