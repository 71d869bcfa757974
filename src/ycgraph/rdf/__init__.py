"""RDF: the checked vocabulary, graph building, serialisation and validation."""
