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
or keyword holding ``service`` counts; and ``<…>`` is read both as an IRI
and as a ``<`` that compares (after which a ``#`` or a quote inside it
would start a comment or a string), so neither reading can hide a call.

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

import bisect
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

# Each pattern is tried at one position and never backtracks far.
_SPACE = re.compile(r"\s+")
_BREAK = re.compile(r"[\r\n]")
_STRINGS = {
    '"""': re.compile(r'"""(?:[^"\\]|\\.|"(?!""))*"""', re.DOTALL),
    "'''": re.compile(r"'''(?:[^'\\]|\\.|'(?!''))*'''", re.DOTALL),
    '"': re.compile(r'"(?:[^"\\\r\n]|\\.)*"'),
    "'": re.compile(r"'(?:[^'\\\r\n]|\\.)*'"),
}
# IRIREF of the grammar.
_IRI = re.compile(r'<[^<>"{}|^`\\\x00-\x20]*>')
_VARIABLE = re.compile(r"[?$][\w\u00B7\u0300-\u036F\u203F-\u2040]+")
# Prefixed names, keywords, numbers, blank node labels, with PN_LOCAL's \-escapes; a final
# '.' is the triple separator (a name cannot end with one).
_WORD = re.compile(r"(?:[\w:]|\\[^\r\n])(?:[\w.:%\-]|\\[^\r\n])*(?<!\.)")
_SYMBOL = re.compile(r"<<|>>|\|\||&&|!=|<=|>=|[!=<>+\-*/|^.;,]")
_OPENERS, _CLOSERS = frozenset("({[") | {"<<"}, frozenset(")}]") | {">>"}
_CHAINING = ("union", "minus", "optional", "filter", "bind", "graph", "exists", "values", "lateral", "service")


class _Tally:
    """What the scans found; counts add up over the readings (an overestimate is the safe side)."""

    def __init__(self, budget: int) -> None:
        self.deepest = self.unions = self.operators = 0
        self.service = False
        self.budget = budget


def _scan(text: str, start: int, depth: int, count_from: int, visited: set[int],
          forks: list[tuple[int, int, int]], tally: _Tally, breaks: list[int]) -> None:
    """Scan one reading of ``text`` from ``start`` (code, nested ``depth`` deep) until it meets a
    position another reading already scanned as code, or the end.

    ``<…>`` is where the reading is ambiguous without a parser: an IRI, or a
    ``<`` that compares, after which a ``#`` or a quote inside it starts a
    comment or a string, and what follows is read differently. Both readings
    are scanned: this one goes on with the likelier (an IRI, unless it holds
    a parenthesis), the other is queued in ``forks``. Symbols are counted
    from ``count_from`` on: inside an IRI a fork re-reads as code they are
    in an expression, where no call or chain can start. ``breaks`` are the
    line breaks' positions (a comment ends at the next).
    """
    i, end = start, len(text)
    while i < end:
        if i in visited:
            return  # from here on this reading is one already scanned
        visited.add(i)
        tally.budget -= 1
        if tally.budget < 0:
            raise QueryRefused("query refused: too ambiguous to check (many IRIs holding '#', quotes or parentheses)")
        char = text[i]
        if char.isspace():
            i = _SPACE.match(text, i).end()  # type: ignore[union-attr]
            continue
        if char == "#":
            following = bisect.bisect_left(breaks, i)
            i = breaks[following] if following < len(breaks) else end
            continue
        if char in "\"'":
            opener = text[i:i + 3] if text.startswith(char * 3, i) else char
            found = _STRINGS[opener].match(text, i)
            if found is None:
                return  # unterminated: the parser reports the syntax error, nothing after it runs
            tally.budget -= (found.end() - i) // 64
            i = found.end()
            continue
        if char == "<" and not text.startswith("<<", i):
            iri = _IRI.match(text, i)
            if iri is not None:
                if "(" in iri.group() or ")" in iri.group():
                    # likelier a '<' that compares, closed by the ')': read on as code, fork the IRI reading
                    forks.append((iri.end(), depth, iri.end()))
                else:
                    forks.append((i + 1, depth, iri.end()))  # the reading where this '<' compares
                    i = iri.end()
                    continue
        found = _VARIABLE.match(text, i) or _WORD.match(text, i)
        if found is not None:
            if found.re is _WORD and i >= count_from:
                lowered = found.group().lower()
                tally.service = tally.service or "service" in lowered
                tally.unions += lowered.count("union")
                tally.operators += sum(lowered.count(k) for k in _CHAINING)
            i = found.end()
            continue
        found = _SYMBOL.match(text, i)
        token = found.group() if found else char
        counted = i >= count_from
        i += len(token)
        if token in _OPENERS:
            depth += 1
            tally.deepest = max(tally.deepest, depth)
        elif token in _CLOSERS:
            depth = max(depth - 1, 0)
        elif found and counted:
            tally.operators += 1


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
    tally = _Tally(budget=8 * len(text) + 1000)  # bounds the work of the forked readings
    visited: set[int] = set()
    breaks = [m.start() for m in _BREAK.finditer(text)]
    forks = [(0, 0, 0)]
    while forks:
        _scan(text, *forks.pop(), visited, forks, tally, breaks)
    if tally.deepest > limits.max_depth:
        raise QueryRefused(f"query refused: nested {tally.deepest} deep (the limit is {limits.max_depth})")
    if tally.unions > limits.max_unions:
        raise QueryRefused(f"query refused: {tally.unions} UNIONs (the limit is {limits.max_unions})")
    if tally.operators > limits.max_operators:
        raise QueryRefused(
            f"query refused: {tally.operators} chained operators (UNION, OPTIONAL, '.', '+', '||' …; "
            f"the limit is {limits.max_operators})"
        )
    if tally.service and not allow_service:
        raise QueryRefused("query refused: SERVICE (federated query) is not allowed here")
