"""Typed records that flow through the pipeline.

text -> :class:`Document` (sections, sentences) -> :class:`Mention` ->
:class:`Entity` -> :class:`Relation`. Every span is a pair of offsets into
``Document.text`` (Python string indices, end exclusive), never a copy cut
loose from it, so provenance can always point back at the characters.
"""

from __future__ import annotations

from bisect import bisect_right
from dataclasses import MISSING, dataclass, field, fields
from enum import Enum
from typing import TYPE_CHECKING, TypeVar

if TYPE_CHECKING:  # (the vocabulary imports this module's Kind)
    from .vocabulary import RelationType


_T = TypeVar("_T")


def direct_init(cls: type[_T]) -> type[_T]:
    """A frozen dataclass's ``__init__`` made anew, with the same parameters, defaults and ``__post_init__`` call.

    The dataclass's own sets each field as ``__dataclass_builtins_object__.__setattr__(self, ...)``: a global
    and an attribute looked up per field, about half of what making a Span or a Mention cost (and the
    extractors make tens of thousands an article). This one calls ``object.__setattr__`` held in its
    globals. The fields are stored the same way, in the same order (memory and pickles unchanged).
    """
    params, body = [], []
    namespace: dict[str, object] = {"_setattr": object.__setattr__}
    for f in fields(cls):
        if f.default_factory is not MISSING or not f.init:
            raise TypeError(f"{cls.__name__}.{f.name}: only plain fields (with or without a default) are stored so")
        if f.default is MISSING:
            params.append(f.name)
        else:
            namespace[f"_default_{f.name}"] = f.default
            params.append(f"{f.name}=_default_{f.name}")
        body.append(f"    _setattr(self, {f.name!r}, {f.name})")
    if hasattr(cls, "__post_init__"):
        body.append("    self.__post_init__()")
    source = f"def __init__(self, {', '.join(params)}):\n" + "\n".join(body) + "\n"
    exec(source, namespace)  # (as dataclasses makes its own __init__)
    init = namespace["__init__"]
    init.__qualname__ = f"{cls.__qualname__}.__init__"  # type: ignore[attr-defined]
    init.__annotations__ = cls.__init__.__annotations__  # (the signature as it was)
    cls.__init__ = init  # type: ignore[misc]
    return cls


class Kind(str, Enum):
    """What a mention or entity is."""

    DIVISION = "division"
    OFFICIAL = "official"
    ENTERPRISE = "enterprise"
    PROJECT = "project"
    SLOGAN = "slogan"
    TARGET = "target"
    CONTRIBUTOR = "contributor"


class Comparator(str, Enum):
    """How a target's value is meant (以上 / 突破 / 不少于 -> at least)."""

    AT_LEAST = "atLeast"
    AT_MOST = "atMost"
    ABOUT = "approximately"
    EXACTLY = "exactly"


@direct_init
@dataclass(frozen=True, order=True)
class Span:
    """Half-open character range ``[begin, end)`` into one document's text."""

    begin: int
    end: int

    def __post_init__(self) -> None:
        if not 0 <= self.begin <= self.end:
            raise ValueError(f"bad span [{self.begin}, {self.end})")

    def __len__(self) -> int:
        return self.end - self.begin

    def __contains__(self, other: object) -> bool:
        if isinstance(other, Span):
            return self.begin <= other.begin and other.end <= self.end
        if isinstance(other, int):
            return self.begin <= other < self.end
        return False

    def overlaps(self, other: "Span") -> bool:
        return self.begin < other.end and other.begin < self.end


@direct_init
@dataclass(frozen=True)
class Section:
    """A part of the article attributed to one division (a county's statement, say).

    ``division`` is the key of the division in the gazetteer (its admin code,
    or ``zone:NAME`` for a development zone without one).
    """

    span: Span
    division: str
    heading: Span | None = None  # the line naming the division, if any
    leader: Span | None = None  # the "X委书记NAME" line, if any
    titles: tuple[Span, ...] = ()
    byline: Span | None = None  # the "(…记者NAME整理)" line


@direct_init
@dataclass(frozen=True)
class Sentence:
    span: Span
    section: int | None  # index into Document.sections, None outside every section


@direct_init
@dataclass(frozen=True)
class Target:
    """The quantitative part of a target mention."""

    indicator: str
    value: str  # decimal as text, so output is exact and deterministic
    unit: str
    comparator: Comparator = Comparator.EXACTLY
    # Key of the project the number belongs to (its investment, output, sales), when the text says
    # it is one project's, not the division's; the project is a mention of the same article.
    project: str | None = None


@direct_init
@dataclass(frozen=True)
class Mention:
    """A span that names something, with the rule or dictionary that found it.

    ``key`` is the normalised identity the resolver groups by (an admin code
    for divisions, a canonical name otherwise). ``posts`` holds an official's
    posts as written out in full; ``target`` a target's numbers.
    """

    span: Span
    text: str
    kind: Kind
    rule: str
    key: str
    posts: tuple[str, ...] = ()
    leads: str | None = None  # division key the official heads as party secretary
    target: Target | None = None
    head_of: Span | None = None  # enterprise named at the head of this project span
    parts: tuple[str, ...] = ()  # enterprise keys a project name contains


@dataclass
class Document:
    """One article: its text, where it came from, and its structure.

    Components add mentions to ``mentions``; everything else is fixed once
    the reader and the sectioner have run.
    """

    text: str
    source: str
    doc_id: str
    title: str | None = None
    published: str | None = None  # ISO date
    publisher: str | None = None
    home_division: str | None = None  # key of the division the article is about
    sections: tuple[Section, ...] = ()
    sentences: tuple[Sentence, ...] = ()
    mentions: list[Mention] = field(default_factory=list)

    def cut(self, span: Span) -> str:
        return self.text[span.begin : span.end]

    def section_at(self, offset: int) -> int | None:
        """Index of the section holding ``offset``, or None outside every section."""
        i = bisect_right(self.sections, offset, key=lambda s: s.span.begin) - 1
        if i >= 0 and offset < self.sections[i].span.end:
            return i
        return None

    def division_at(self, offset: int) -> str | None:
        """Key of the division the text at ``offset`` is attributed to.

        Inside a section: the section's division. Outside: the division the
        sentence is about (set by the sectioner), else the article's own.
        """
        i = self.section_at(offset)
        if i is not None:
            return self.sections[i].division
        j = offset_sentence(self.sentences, offset)
        if j is not None and self.sentence_divisions.get(j):
            return self.sentence_divisions[j]
        return self.home_division

    # For text outside every section: sentence index -> the division it is about.
    sentence_divisions: dict[int, str] = field(default_factory=dict, repr=False)


def offset_sentence(sentences: tuple[Sentence, ...], offset: int) -> int | None:
    """Index of the sentence holding ``offset`` (binary search)."""
    lo, hi = 0, len(sentences)
    while lo < hi:
        mid = (lo + hi) // 2
        s = sentences[mid].span
        if offset < s.begin:
            hi = mid
        elif offset >= s.end:
            lo = mid + 1
        else:
            return mid
    return None


@dataclass(frozen=True)
class Entity:
    """One real thing, however many mentions name it."""

    iri: str
    kind: Kind
    key: str
    label: str  # preferred name
    aliases: tuple[str, ...] = ()
    admin_code: str | None = None
    parent: str | None = None  # IRI of the division this one is part of
    level: str | None = None  # 省 / 地级市 / 县级市 / 市辖区 / 开发区 ...
    posts: tuple[str, ...] = ()
    target: Target | None = None


@dataclass(frozen=True)
class Relation:
    """subject -predicate-> object, with the mentions it was read from."""

    subject: str  # entity IRI
    predicate: RelationType  # the ycg: property, e.g. RelationType.PLANS
    object: str  # entity IRI
    evidence: tuple[Span, ...]
