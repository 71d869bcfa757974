"""The package's version, in a module of its own so that no module imports it from ``ycgraph/__init__``."""

__version__ = "0.1.0"
