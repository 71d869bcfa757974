"""The extraction pipeline: text -> Document with mentions -> entities -> relations -> graph.

>>> ex = Extractor()
>>> doc = ex.extract("宜都市委书记王晓峰表示，力争全年GDP增长6.5%以上。")
>>> sorted((m.kind.value, m.text) for m in doc.mentions if m.kind.value in ("official", "target"))
[('official', '王晓峰'), ('target', 'GDP增长6.5%以上')]
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from functools import cached_property

import ahocorasick
from rdflib import Graph

from .version import __version__
from .extractors.contributors import ContributorRecognizer
from .extractors.divisions import DivisionRecognizer
from .extractors.enterprises import EnterpriseRecognizer
from .extractors.officials import OfficialRecognizer
from .extractors.projects import ProjectRecognizer, project_key
from .extractors.slogans import SloganRecognizer, slogan_key
from .extractors.targets import TargetRecognizer
from .errors import InputError
from .gazetteer import companies
from .gazetteer.divisions import DivisionTable, data_source
from .gazetteer.userdict import UserDictionary
from .identity import article_id
from .model import Document, Kind, Mention, Relation, Span
from .rdf.graph import PREFIXES, ArticleTriples, article_triples
from .rdf.terms import to_rdflib
from .relations import find_relations
from .resolve import Resolution, Resolver
from .text.structure import Sectioner
from .text.tokenizer import Tokenizer


class DictionaryRecognizer:
    """Pipeline component: projects and slogans the user's dictionary names, wherever they stand."""

    def __init__(self, dictionary: UserDictionary) -> None:
        self.entries = [(n, k) for n, k in dictionary.entries if k in ("project", "slogan")]
        self._automaton = None
        if self.entries:
            self._automaton = ahocorasick.Automaton()
            for name, kind in self.entries:
                self._automaton.add_word(name, (name, kind))
            self._automaton.make_automaton()

    def __call__(self, doc: Document) -> Document:
        if self._automaton is None:
            return doc
        taken = [m.span for m in doc.mentions if m.kind in (Kind.PROJECT, Kind.SLOGAN)]
        for end, (name, kind) in self._automaton.iter(doc.text):
            span = Span(end - len(name) + 1, end + 1)
            if any(span.overlaps(t) for t in taken):
                continue
            taken.append(span)
            k = Kind.PROJECT if kind == "project" else Kind.SLOGAN
            key = project_key(name) if k is Kind.PROJECT else slogan_key(name)
            doc.mentions.append(Mention(span, name, k, "user-dictionary", key))
        return doc


@dataclass
class Extraction:
    """Everything extracted from one article: the typed records every later stage reads, and its triples."""

    doc: Document
    sha256: str
    triples: ArticleTriples
    resolution: Resolution
    relations: tuple[Relation, ...]

    @cached_property
    def graph(self) -> Graph:
        """The article's triples as an rdflib Graph (made on first use)."""
        return self.triples.to_graph()


class Extractor:
    """Owns the pipeline's components (and their tokenizer and tables); reuse it across articles."""

    def __init__(self, dictionary: UserDictionary | None = None) -> None:
        self.dictionary = dictionary or UserDictionary()
        self.table = DivisionTable.load()
        self.tokenizer = Tokenizer()
        self.companies = companies.CompanyTable.load()
        self.components = [
            DivisionRecognizer(self.table, self.tokenizer),
            Sectioner(self.table),
            OfficialRecognizer(self.table),
            ContributorRecognizer(),
            SloganRecognizer(self.tokenizer),
            ProjectRecognizer(self.tokenizer),
            DictionaryRecognizer(self.dictionary),
            EnterpriseRecognizer(self.tokenizer, self.dictionary.names("enterprise"), self.companies),
            TargetRecognizer(),
        ]
        self.resolver = Resolver(self.table)

    @cached_property
    def sources(self) -> tuple[str, ...]:
        """What produced the graph besides the code: the division and company data, the user's dictionaries.

        (Worked out once: it reads package metadata and the company file, and every article records it.)
        """
        out = [f"divisions: {data_source()}", f"companies: {companies.data_source()}"]
        if self.dictionary.entries:
            out.append(f"dictionary: {self.dictionary.source} sha256:{self.dictionary.fingerprint()}")
        return tuple(out)

    def extract(self, text: str, source: str = "<text>", sha256: str | None = None) -> Document:
        """The article's Document with every component's mentions (``sha256`` of the text, if known).

        Raises :class:`ycgraph.errors.InputError` for text that is not a valid
        Unicode string (an unpaired surrogate). (A NUL, like every control
        character, is kept and escaped by the writers; files holding one are
        refused as binary by the reader.)
        """
        sha = sha256 or text_sha256(text, source)
        doc = Document(text=text, source=source, doc_id=article_id(sha))
        for component in self.components:
            doc = component(doc)
        # Span order is (begin, end); plain ints compare much faster than Span objects.
        doc.mentions.sort(key=lambda m: (m.span.begin, m.span.end, m.kind.value, m.key))
        return doc

    def run(self, text: str, source: str = "<text>", sha256: str | None = None) -> Extraction:
        """Everything extracted from one article (see :meth:`extract` for the errors)."""
        sha = sha256 or text_sha256(text, source)
        doc = self.extract(text, source, sha)
        res = self.resolver(doc)
        relations = tuple(find_relations(doc, res))
        triples = article_triples(doc, res, relations, sha, f"ycgraph {__version__}", self.sources)
        return Extraction(doc, sha, triples, res, relations)


def text_sha256(text: str, source: str = "<text>") -> str:
    """The SHA-256 of the text's UTF-8 bytes; an :class:`InputError` for text that has none.

    >>> text_sha256("a")[:8]
    'ca978112'
    >>> text_sha256("a\\ud800b", "x.txt")
    Traceback (most recent call last):
    ...
    ycgraph.errors.InputError: x.txt: not valid Unicode text (an unpaired surrogate U+D800 at character 1)
    """
    try:
        data = text.encode("utf-8")
    except UnicodeEncodeError as exc:
        raise InputError(source, f"not valid Unicode text (an unpaired surrogate U+{ord(text[exc.start]):04X} "
                                 f"at character {exc.start})") from None
    return hashlib.sha256(data).hexdigest()


def to_graph(extractions: list[Extraction]) -> Graph:
    """Merge articles' triples into one rdflib Graph (shared entities are one resource: same IRIs)."""
    return to_rdflib((t for ex in extractions for t in ex.triples.all()), PREFIXES)


