"""One exception root for the library; the CLI turns these into clean errors."""

from __future__ import annotations


class YcgraphError(Exception):
    """Root of every error the library raises on purpose."""


class InputError(YcgraphError):
    """An input file cannot be read as an article (missing, empty, binary, undecodable...).

    The message names the file and the problem, so the CLI can print it as is.
    """

    def __init__(self, path: str, problem: str) -> None:
        super().__init__(f"{path}: {problem}")
        self.path = path
        self.problem = problem


class DictionaryError(YcgraphError):
    """A user dictionary line is malformed."""


class ValidationError(YcgraphError):
    """The built graph does not conform to the published SHACL shapes."""
