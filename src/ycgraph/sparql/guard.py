"""Refuse SPARQL queries that would crash or misuse the engine, before it parses them.

Oxigraph parses and evaluates queries by recursion: about 5,000 nested
parentheses or braces, or a few thousand chained ``UNION``/``MINUS``/``+``,
overflow its stack and kill the process (``ycgraph query`` exits 139, the
server dies). ``SERVICE`` makes the engine call any address the query names.
:func:`check_query` is the one check both ``ycgraph query`` and the
``ycgraph serve`` front run; it raises :class:`QueryRefused` with a one-line
reason.

The check is a small scanner, not a parser: it skips string literals,
comments and IRIs and looks at what is left. Where it cannot tell what the
parser will see, it errs towards refusing: Oxigraph's keywords need no word
boundary (``1SERVICE <x> {}`` is a ``SERVICE`` call), so any prefixed name
or keyword holding ``service`` counts, and ``<…>`` holding a parenthesis is
not taken for an IRI (a ``<`` that compares, closed by ``)``, could
otherwise hide what follows).

Examples
--------
>>> check_query("SELECT ?s WHERE { ?s ?p ?o }")
>>> check_query('ASK { ?s ?p "SERVICE <http://x/> {}" }  # SERVICE in a string or comment')
>>> check_query("ASK { SERVICE <http://127.0.0.1:1/> { ?s ?p ?o } }")
Traceback (most recent call last):
...
ycgraph.sparql.guard.QueryRefused: query refused: SERVICE (federated query) is not allowed here
>>> check_query("ASK { SERVICE <http://127.0.0.1:1/> { ?s ?p ?o } }", allow_service=True)
>>> check_query("ASK { FILTER(" + "(" * 300 + "1" + ")" * 300 + ") }")
Traceback (most recent call last):
...
ycgraph.sparql.guard.QueryRefused: query refused: nested 302 deep (the limit is 200)
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from .engine import QueryError

__all__ = ["QueryRefused", "Limits", "LIMITS", "check_query"]


class QueryRefused(QueryError):
    """A query exceeds a limit or uses a refused feature; the message is one line."""


@dataclass(frozen=True)
class Limits:
    """What a query may hold.

    Attributes
    ----------
    max_bytes : int
        Size of the query text in UTF-8.
    max_depth : int
        Nesting of ``(``, ``{``, ``[`` and ``<<``.
    max_unions : int
        ``UNION`` keywords.
    max_operators : int
        Operators that chain into a deeper tree: pattern keywords (``UNION``,
        ``MINUS``, ``OPTIONAL``, ``FILTER`` …), ``. ; ,`` between triple
        patterns, and expression and path operators (``|| && ! = < + - * / | ^`` …).
    """

    max_bytes: int = 64 * 1024
    max_depth: int = 200
    max_unions: int = 500
    max_operators: int = 1000


#: The limits used by ``ycgraph query`` and ``ycgraph serve``. Oxigraph 0.5
#: first crashed at 4,000–5,000 of one construct (nesting, MINUS) and 10,000
#: of the others, so these keep a wide margin even combined.
LIMITS = Limits()

# Each pattern is tried at one position and never backtracks far: the scan is linear.
_SPACE = re.compile(r"\s+")
_COMMENT = re.compile(r"#[^\r\n]*")
_STRINGS = {
    '"""': re.compile(r'"""(?:[^"\\]|\\.|"(?!""))*"""', re.DOTALL),
    "'''": re.compile(r"'''(?:[^'\\]|\\.|'(?!''))*'''", re.DOTALL),
    '"': re.compile(r'"(?:[^"\\\r\n]|\\.)*"'),
    "'": re.compile(r"'(?:[^'\\\r\n]|\\.)*'"),
}
# IRIREF of the grammar minus parentheses (see the module docstring).
_IRI = re.compile(r'<[^<>"{}|^`\\\x00-\x20()]*>')
_VARIABLE = re.compile(r"[?$][\w\u00B7\u0300-\u036F\u203F-\u2040]+")
# Prefixed names, keywords, numbers, blank node labels, with PN_LOCAL's \-escapes; a final
# '.' is the triple separator (a name cannot end with one).
_WORD = re.compile(r"(?:[\w:]|\\[^\r\n])(?:[\w.:%\-]|\\[^\r\n])*(?<!\.)")
_SYMBOL = re.compile(r"<<|>>|\|\||&&|!=|<=|>=|[!=<>+\-*/|^.;,]")
_OPENERS, _CLOSERS = frozenset("({[") | {"<<"}, frozenset(")}]") | {">>"}
_CHAINING = ("union", "minus", "optional", "filter", "bind", "graph", "exists", "values", "lateral", "service")


def check_query(text: str, *, allow_service: bool = False, limits: Limits = LIMITS) -> None:
    """Raise :class:`QueryRefused` if ``text`` exceeds ``limits`` or (unless allowed) uses ``SERVICE``.

    Parameters
    ----------
    text : str
        The query.
    allow_service : bool
        Let ``SERVICE`` through (``ycgraph query``: the user's own machine
        calls out); the endpoint front refuses it.
    limits : Limits
        The caps to apply.

    Examples
    --------
    >>> check_query("ASK {" + " {} UNION" * 600 + " {} }")
    Traceback (most recent call last):
    ...
    ycgraph.sparql.guard.QueryRefused: query refused: 600 UNIONs (the limit is 500)
    >>> check_query("PREFIX : <urn:x:> ASK { ?s ?p 1SERVICE:x {} }")
    Traceback (most recent call last):
    ...
    ycgraph.sparql.guard.QueryRefused: query refused: SERVICE (federated query) is not allowed here
    """
    size = len(text.encode("utf-8", "surrogatepass"))
    if size > limits.max_bytes:
        raise QueryRefused(f"query refused: {size:,} bytes (the limit is {limits.max_bytes:,})")
    depth = deepest = unions = operators = 0
    service = False
    i, end = 0, len(text)
    while i < end:
        char = text[i]
        if char.isspace():
            i = _SPACE.match(text, i).end()  # type: ignore[union-attr]
            continue
        if char == "#":
            i = _COMMENT.match(text, i).end()  # type: ignore[union-attr]
            continue
        if char in "\"'":
            opener = text[i:i + 3] if text.startswith(char * 3, i) else char
            found = _STRINGS[opener].match(text, i)
            if found is None:
                break  # unterminated: the parser reports the syntax error, nothing after it runs
            i = found.end()
            continue
        token = None
        for pattern in (_IRI, _VARIABLE, _WORD):
            found = pattern.match(text, i)
            if found:
                token = found.group()
                break
        if token is not None:
            if pattern is _WORD:
                lowered = token.lower()
                service = service or "service" in lowered
                unions += lowered.count("union")
                operators += sum(lowered.count(k) for k in _CHAINING)
            i = found.end()  # type: ignore[union-attr]
            continue
        found = _SYMBOL.match(text, i)
        token = found.group() if found else char
        i += len(token)
        if token in _OPENERS:
            depth += 1
            deepest = max(deepest, depth)
        elif token in _CLOSERS:
            depth = max(depth - 1, 0)
        elif found:
            operators += 1
    if deepest > limits.max_depth:
        raise QueryRefused(f"query refused: nested {deepest} deep (the limit is {limits.max_depth})")
    if unions > limits.max_unions:
        raise QueryRefused(f"query refused: {unions} UNIONs (the limit is {limits.max_unions})")
    if operators > limits.max_operators:
        raise QueryRefused(
            f"query refused: {operators} chained operators (UNION, OPTIONAL, '.', '+', '||' …; "
            f"the limit is {limits.max_operators})"
        )
    if service and not allow_service:
        raise QueryRefused(
            "query refused: SERVICE (federated query) is not allowed here"
        )
