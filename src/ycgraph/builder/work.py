"""The per-article work of a build: a pure function of a file's name and bytes.

:func:`extract_article` runs the same in this process, in a pool worker or on
a Dask worker. It never raises: an article that cannot be read, or that trips
a bug anywhere in extraction, comes back as a :class:`Failure` naming the
file, so one article never costs the others their results.
"""

from __future__ import annotations

import hashlib
import sys
from dataclasses import dataclass, field
from functools import cached_property, lru_cache
from pathlib import Path

from ..errors import InputError
from ..gazetteer.divisions import data_source
from ..gazetteer.userdict import UserDictionary
from ..model import Kind
from ..netgraph import article_network
from ..rdf.graph import ArticleTriples
from ..spill import Spilled
from ..text.reader import decode_article
from ..version import __version__

__all__ = ["Failure", "ArticleResult", "Task", "extract_article", "extractor_fingerprint", "quoted"]


def quoted(name: str) -> str:
    """A file name fit for a one-line message: names holding control characters or quotes are quoted.

    >>> quoted("a/b.txt")
    'a/b.txt'
    >>> quoted("evil\\nerror: forged.txt")
    "'evil\\\\nerror: forged.txt'"
    """
    if name.isprintable() and "'" not in name and '"' not in name:
        return name
    return repr(name)


@dataclass(frozen=True)
class Failure:
    """A file that gave no article, and why (one line)."""

    path: str
    problem: str

    def __str__(self) -> str:
        return f"{quoted(self.path)}: {self.problem}"


@dataclass
class ArticleResult:
    """What one article contributes to the build (picklable: it crosses process boundaries).

    What the stages reading the whole corpus need travels in small parts made
    where the article was: its share of the network, its SHACL report, and
    the entities the ORG post view reads. ``extraction`` holds the full typed
    records (:class:`ycgraph.pipeline.Extraction`) only for a library user
    who asked to keep them (``BuildOptions.keep_results``); they are never
    cached.
    """

    path: str
    source: str  # the name the graph records as the article's source file
    sha256: str
    triples: ArticleTriples
    entities: int
    mentions: int
    # From a pool worker of a streaming build: the own Turtle is in the worker's spill file, not here.
    spilled: Spilled | None = None
    extraction: object | None = field(default=None, repr=False)
    # The SHACL report of this article's graph, made where the article was (None: not validated).
    validation: object | None = field(default=None, repr=False)
    # The article's share of the analysis network (ycgraph.netgraph.ArticleNetwork), made where it was.
    network: object | None = field(default=None, repr=False)
    # For the ORG post view (ycgraph.rdf.alignment.PostView): the article's date, its divisions and officials.
    published: str | None = None
    post_entities: tuple = field(default=(), repr=False)

    @cached_property
    def graph(self):
        """The article's own graph, as rdflib (made on first use)."""
        return self.triples.to_graph()

    def __getstate__(self) -> dict:
        state = dict(self.__dict__)
        state.pop("graph", None)  # made on demand, never pickled
        return state


# What the ORG post view reads of an article's entities.
_POST_KINDS = (Kind.DIVISION, Kind.OFFICIAL)

# (path, source name, bytes, dictionary, return the typed records, share of articles to validate)
Task = tuple[str, str, bytes, UserDictionary, bool, float]


@lru_cache(maxsize=4)
def _extractor(dictionary: UserDictionary):
    """One extractor per process and dictionary (loading it takes a second or two)."""
    from ..pipeline import Extractor

    return Extractor(dictionary)


def extract_article(path: str, name: str, data: bytes, dictionary: UserDictionary,
                    keep_records: bool = False, validate_rate: float = 0.0) -> ArticleResult | Failure:
    """Read and extract one article from its bytes. Pure: the same input gives the same result.

    ``name`` is what the graph records as the article's source file (see
    :func:`ycgraph.text.reader.expand_inputs`). The result carries the typed
    records (``extraction``) unless ``keep_records`` is false, and the SHACL
    report of the article's graph if it is in the sample ``validate_rate``
    picks (:func:`ycgraph.rdf.validate.in_sample`). Never raises (bar
    ``KeyboardInterrupt``/``SystemExit``): a bad file or an internal error is a
    :class:`Failure`.
    """
    try:
        article = decode_article(path, data)
        ex = _extractor(dictionary).run(article.text, name, article.sha256)
        report = validate(ex.triples, name, validate_rate)
        network = article_network(ex)
        post_entities = tuple(e for e in ex.resolution.entities.values() if e.kind in _POST_KINDS)
    except InputError as exc:
        return Failure(path, exc.problem)
    except (KeyboardInterrupt, SystemExit):
        raise
    except BaseException as exc:  # noqa: BLE001 - the article is the unit of failure
        return internal_error(path, exc)
    return ArticleResult(path, name, ex.sha256, ex.triples, len({m.key for m in ex.doc.mentions}),
                         len(ex.doc.mentions), extraction=ex if keep_records else None, validation=report,
                         network=network, published=ex.doc.published, post_entities=post_entities)


def validate(triples: ArticleTriples, name: str, rate: float):
    """The SHACL report of one article's graph if it is in the sample (else None).

    Never raises (bar ``KeyboardInterrupt``/``SystemExit``): an engine that
    fails on the graph (a bug) gives a report saying the article was not
    validated, and why; the article's data is not lost for it.
    """
    if rate <= 0:
        return None
    from ..rdf.validate import engine_failure, in_sample, validate_article

    if not in_sample(triples.article, rate):
        return None
    try:
        return validate_article(triples, name=name)
    except (KeyboardInterrupt, SystemExit):
        raise
    except BaseException as exc:  # noqa: BLE001 - the article's triples are good; the report says what failed
        return engine_failure(name, triples.article, exc)


def internal_error(path: str, exc: BaseException) -> Failure:
    """The one-line report of a bug an article tripped (the build goes on without it)."""
    detail = " ".join(str(exc).split())[:200]
    what = f"{type(exc).__name__}: {detail}" if detail else type(exc).__name__
    return Failure(path, f"internal error ({what}) — please report")


@lru_cache(maxsize=1)
def _code_fingerprint() -> str:
    """Hash of the package's own source: a changed extractor never reuses old results."""
    h = hashlib.sha256(__version__.encode())
    root = Path(__file__).parents[1]
    for f in sorted(root.rglob("*.py")):
        h.update(f.relative_to(root).as_posix().encode())
        h.update(f.read_bytes())
    return h.hexdigest()


def extractor_fingerprint(dictionary: UserDictionary) -> str:
    """What a cached result depends on besides the article: code, division data, dictionaries, Python."""
    parts = [_code_fingerprint(), data_source(), dictionary.fingerprint(), sys.version.split()[0]]
    return hashlib.sha256("|".join(parts).encode()).hexdigest()[:20]
