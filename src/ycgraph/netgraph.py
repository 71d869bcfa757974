"""Typed extraction records → :class:`networkx.MultiDiGraph` for analysis and views.

:class:`NetworkBuilder` takes one :class:`ycgraph.pipeline.Extraction` at a
time (:meth:`NetworkBuilder.add`), or the small picklable
:class:`ArticleNetwork` that :func:`article_network` makes of one (in a
worker, or from a cache: :meth:`NetworkBuilder.add_article`), and keeps only
what the network needs: per entity its kind, names and attributes, per
relation its endpoints, and a few short evidence sentences cut by the
Document's own sentence spans (``doc.sentences``). Memory grows with the
number of entities and relations, not with the text.
:meth:`NetworkBuilder.network` returns the graph.

One node per entity (division, official, enterprise, project, slogan,
target; contributors and articles are not nodes) and one edge per relation
(``leads``, ``partOf``, ``mentions``, ``plans``, ``promotes``, ``setsTarget``,
``involves``) plus ``holdsPostIn``: an official holding a post in a division or
one of its organs (人大常委会, 政协 …) points at that division, as the ORG
membership of the RDF alignment does.

Node and edge order is deterministic: nodes sorted by kind then IRI, edges by
source, relation, target.

Examples
--------
>>> from ycgraph.pipeline import Extractor
>>> builder = NetworkBuilder()
>>> builder.add(Extractor().run("宜都市委书记钟望川表示，宜都将支持青岚化工扩产。"))
>>> G = builder.network()
>>> sorted((G.nodes[u]["label"], r, G.nodes[v]["label"]) for u, v, r in G.edges(keys=True)
...        if r in ("leads", "mentions"))
[('宜都市', 'mentions', '青岚化工'), ('钟望川', 'leads', '宜都市')]
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Protocol

import networkx as nx

from .gazetteer.divisions import COUNTRY_CODE
from .gazetteer.lexicon import LEVEL_ORGAN, NATIONAL_BODIES, ORGANS, POSITIONS
from .identity import division_iri
from .model import Comparator, Document, Entity, Kind, Relation, Span, offset_sentence
from .vocabulary import RelationType

__all__ = [
    "KINDS",
    "RELATIONS",
    "ArticleNetwork",
    "NetworkBuilder",
    "article_network",
    "evidence_sentence",
    "post_division",
]

#: Entity kinds in display order (the ``kind`` node attribute).
KINDS: tuple[str, ...] = ("Division", "Official", "Enterprise", "Project", "Slogan", "Target")

#: Relations that become edges, in display order (the edge key and ``relation`` attribute).
#: Besides the extracted relations: an official's post in a division or organ, a division in its parent.
RELATIONS: tuple[str, ...] = (
    RelationType.LEADS.value,
    "holdsPostIn",
    "partOf",
    *(r.value for r in RelationType if r is not RelationType.LEADS),
)

_KIND_NAME = {
    Kind.DIVISION: "Division",
    Kind.OFFICIAL: "Official",
    Kind.ENTERPRISE: "Enterprise",
    Kind.PROJECT: "Project",
    Kind.SLOGAN: "Slogan",
    Kind.TARGET: "Target",
}
_KIND_ORDER = {kind: i for i, kind in enumerate(KINDS)}
_COMPARATOR = {c: c.value[:1].upper() + c.value[1:] for c in Comparator}  # atLeast -> AtLeast (the ycg: class)
_LEVEL_CHARS = frozenset(LEVEL_ORGAN.values())
_ORGANS = tuple(sorted(set(ORGANS), key=lambda s: (-len(s), s)))
_POSITIONS = frozenset(POSITIONS)

#: Evidence sentences kept per node and per edge (the first found, in the order articles are added).
MAX_EVIDENCE = 5
#: Longest evidence sentence kept; a longer one is cut to a window around the mention.
MAX_SENTENCE = 160


class ExtractionLike(Protocol):
    """What :meth:`NetworkBuilder.add` reads of an extraction (:class:`ycgraph.pipeline.Extraction`)."""

    doc: Document
    resolution: Any  # ycgraph.resolve.Resolution: .entities (IRI -> Entity), .mention_entity (Mention -> IRI)
    relations: tuple[Relation, ...]


def evidence_sentence(doc: Document, span: Span, limit: int = MAX_SENTENCE) -> str:
    """The sentence of ``doc`` (one of ``doc.sentences``) that holds ``span``, stripped, at most ``limit`` long.

    A longer sentence is cut to a window of ``limit`` characters around the
    span, marked with ``…``. A span outside every sentence gives its own text.

    Examples
    --------
    >>> from ycgraph.model import Sentence
    >>> text = "第一句。甲公司在这里！"
    >>> doc = Document(text, "t", "d", sentences=(Sentence(Span(0, 4), None), Sentence(Span(4, 11), None)))
    >>> evidence_sentence(doc, Span(4, 7))
    '甲公司在这里！'
    >>> evidence_sentence(doc, Span(4, 7), limit=4)
    '甲公司…'
    """
    i = offset_sentence(doc.sentences, span.begin)
    if i is None:
        begin, end = span.begin, span.end
    else:
        begin, end = doc.sentences[i].span.begin, doc.sentences[i].span.end
    text = doc.text[begin:end].strip()
    if len(text) <= limit:
        return text
    sentence = doc.text[begin:end]
    centre = (span.begin + span.end) // 2 - begin
    start = max(0, min(centre - limit // 2, len(sentence) - limit + 1))
    window = sentence[start : start + limit - 1].strip()
    return ("…" if start > 0 else "") + window + ("…" if start + limit - 1 < len(sentence) else "")


def post_division(
    post: str,
    division_names: dict[str, str],
    anchor: str | None,
    divisions: dict[str, Entity],
) -> str | None:
    """IRI of the division a post is held in, or None.

    The post names its division (``宜都市人大常委会副主任``: the longest of
    ``division_names`` it starts with); or it is bare (``市委副书记``,
    ``副县长``, ``党工委书记``), and then it is held in ``anchor`` — the division the
    official's mention is attributed to — or in the ancestor of ``anchor``
    whose level the post names (``市长`` in a county's text: the city above).
    A post in a national body (国家发改委主任) is held in the country (when
    ``divisions`` has it). A bare role that names neither level nor organ
    (书记, 局长, 主任) or a post naming an unknown place gives None.

    Parameters
    ----------
    post : str
        The post as written out in full (``Mention.posts``).
    division_names : dict
        Name or alias → division IRI, for the article's divisions.
    anchor : str or None
        IRI of the division the mention is attributed to.
    divisions : dict
        Division IRI → :class:`ycgraph.model.Entity` (for levels and parents).

    Examples
    --------
    >>> from ycgraph.model import Entity, Kind
    >>> city = Entity("d/city", Kind.DIVISION, "1", "宜昌市", level="地级市")
    >>> county = Entity("d/county", Kind.DIVISION, "2", "远安县", parent="d/city", level="县")
    >>> divs = {e.iri: e for e in (city, county)}
    >>> names = {"宜昌市": "d/city", "宜昌": "d/city", "远安县": "d/county"}
    >>> post_division("宜昌市政协副主席", names, "d/county", divs)
    'd/city'
    >>> post_division("副县长", names, "d/county", divs), post_division("市委副书记", names, "d/county", divs)
    ('d/county', 'd/city')
    >>> [post_division(p, names, "d/county", divs) for p in ("国家发改委主任", "书记")]  # no country here
    [None, None]
    >>> post_division("武汉市委常委", names, "d/county", divs) is None
    True
    """
    for name in sorted(division_names, key=lambda n: (-len(n), n)):
        if name and len(name) < len(post) and post.startswith(name):
            return division_names[name]
    if any(post.startswith(b) for b in NATIONAL_BODIES):
        country = division_iri(COUNTRY_CODE)
        return country if country in divisions else None
    if anchor is None:
        return None
    rest, level = post, ""
    if rest[:1] in _LEVEL_CHARS and rest not in _POSITIONS:
        level, rest = rest[:1], rest[1:]
    organ = next((o for o in _ORGANS if rest.startswith(o) and rest[len(o) :] in _POSITIONS), None)
    if organ is None and rest not in _POSITIONS:
        return None  # not bare: it names a place this article does not know
    role = rest[len(organ) :] if organ else rest
    if not level and role.endswith("长") and role[-2:-1] in _LEVEL_CHARS:
        level = role[-2]  # 副县长, 市长
    if not level and organ is None:
        return None  # 书记, 局长, 主任: of what, the post does not say
    if not level:
        return anchor
    node: str | None = anchor
    while node is not None and node in divisions:
        entity = divisions[node]
        if LEVEL_ORGAN.get(entity.level or "") == level or entity.label.endswith(level):
            return node
        node = entity.parent
    return anchor


@dataclass(frozen=True)
class ArticleNetwork:
    """One article's share of the network, as plain picklable data (a worker can make it, a cache keep it).

    ``nodes``: ``(iri, kind, label, aliases, posts, attributes, evidence)`` per
    entity, ``attributes`` a tuple of ``(name, value)`` pairs; ``edges``:
    ``(source, relation, target, evidence, posts)`` per relation, partOf and
    holdsPostIn edge.
    """

    nodes: tuple[tuple[str, str, str, tuple[str, ...], tuple[str, ...], tuple[tuple[str, str], ...], tuple[str, ...]], ...]
    edges: tuple[tuple[str, str, str, tuple[str, ...], tuple[str, ...]], ...]


def _first(items: Any, cap: int) -> tuple[str, ...]:
    return tuple(dict.fromkeys(s for s in items if s))[:cap]


def _attributes(entity: Entity) -> tuple[tuple[str, str], ...]:
    if entity.kind is Kind.DIVISION:
        return (("admin_code", entity.admin_code or ""), ("level", entity.level or ""))
    if entity.kind is Kind.TARGET:
        t = entity.target
        if t is None:
            return (("indicator", ""), ("value", ""), ("unit", ""), ("comparator", ""))
        return (("indicator", t.indicator), ("value", t.value), ("unit", t.unit), ("comparator", _COMPARATOR[t.comparator]))
    return ()


def article_network(
    extraction: ExtractionLike, max_evidence: int = MAX_EVIDENCE, max_sentence: int = MAX_SENTENCE
) -> ArticleNetwork:
    """What one article adds to the network: its entities, relations and posts, with evidence sentences.

    Evidence sentences are cut by the Document's own sentences
    (:func:`evidence_sentence`), at most ``max_evidence`` per node and edge.

    Examples
    --------
    >>> from ycgraph.pipeline import Extractor
    >>> part = article_network(Extractor().run("宜都市副市长王望舒出席。"))
    >>> [(e[1], e[4]) for e in part.edges if e[1] == "holdsPostIn"]
    [('holdsPostIn', ('宜都市副市长',))]
    """
    doc, res = extraction.doc, extraction.resolution
    cache: dict[tuple[int, int], str] = {}

    def sentence(span: Span) -> str:
        key = (span.begin, span.end)
        if key not in cache:
            cache[key] = evidence_sentence(doc, span, max_sentence)
        return cache[key]

    spans: dict[str, list[Span]] = {}
    for mention, iri in res.mention_entity.items():
        spans.setdefault(iri, []).append(mention.span)
    nodes = []
    edges: dict[tuple[str, str, str], tuple[list[Span], set[str]]] = {}
    for iri, entity in res.entities.items():
        kind = _KIND_NAME.get(entity.kind)
        if kind is None:
            continue
        evidence = _first((sentence(sp) for sp in sorted(spans.get(iri, ()))), max_evidence)
        nodes.append((iri, kind, entity.label, tuple(entity.aliases), tuple(entity.posts), _attributes(entity), evidence))
        if entity.kind is Kind.DIVISION and entity.parent:
            edges.setdefault((iri, "partOf", entity.parent), ([], set()))
    for r in extraction.relations:
        edges.setdefault((r.subject, RelationType(r.predicate).value, r.object), ([], set()))[0].extend(r.evidence)
    divisions = {iri: e for iri, e in res.entities.items() if e.kind is Kind.DIVISION}
    names: dict[str, str] = {}
    for iri, e in sorted(divisions.items()):
        for name in (e.label, *e.aliases):
            names.setdefault(name, iri)
    for mention, iri in res.mention_entity.items():
        if mention.kind is not Kind.OFFICIAL or not mention.posts:
            continue
        key = mention.leads or doc.division_at(mention.span.begin)
        anchor = division_iri(key) if key else None
        for post in mention.posts:
            division = post_division(post, names, anchor, divisions)
            if division is not None:
                spans_, posts = edges.setdefault((iri, "holdsPostIn", division), ([], set()))
                spans_.append(mention.span)
                posts.add(post)
    return ArticleNetwork(
        tuple(nodes),
        tuple((s, p, o, _first(map(sentence, ev), max_evidence), tuple(sorted(posts)))
              for (s, p, o), (ev, posts) in sorted(edges.items())),
    )


@dataclass
class _Node:
    kind: str
    labels: set[str] = field(default_factory=set)
    aliases: set[str] = field(default_factory=set)
    posts: set[str] = field(default_factory=set)
    evidence: list[str] = field(default_factory=list)
    articles: int = 0
    extra: dict[str, str] = field(default_factory=dict)


@dataclass
class _Edge:
    evidence: list[str] = field(default_factory=list)
    articles: int = 0
    posts: set[str] = field(default_factory=set)


def _keep(evidence: list[str], sentences: tuple[str, ...], cap: int) -> None:
    for s in sentences:
        if len(evidence) >= cap:
            return
        if s not in evidence:
            evidence.append(s)


class NetworkBuilder:
    """Collect the network of a corpus one article at a time.

    :meth:`add` takes an extraction; :meth:`add_article` the
    :class:`ArticleNetwork` of one (made where the article was extracted, or
    kept in a cache). Either way only names, attributes and a few evidence
    sentences are kept, so memory grows with the entities, not the text.

    Parameters
    ----------
    max_evidence : int
        Evidence sentences kept per node and per edge.
    max_sentence : int
        Longest evidence sentence kept (see :func:`evidence_sentence`).

    Attributes
    ----------
    articles : int
        Articles added so far.

    Examples
    --------
    >>> from ycgraph.pipeline import Extractor
    >>> ex, builder = Extractor(), NetworkBuilder()
    >>> for text in ["宜都市委书记钟望川强调，宜都将支持青岚化工扩产。", "枝江市将支持青岚化工扩产。"]:
    ...     builder.add(ex.run(text))
    >>> G = builder.network()
    >>> builder.articles, G.nodes["https://w3id.org/ycgraph/id/division/420581"]["label"]
    (2, '宜都市')
    >>> [d["articles"] for _, d in G.nodes(data=True) if d["label"] == "青岚化工"]
    [2]
    """

    def __init__(self, max_evidence: int = MAX_EVIDENCE, max_sentence: int = MAX_SENTENCE) -> None:
        self.max_evidence = max_evidence
        self.max_sentence = max_sentence
        self.articles = 0
        self._nodes: dict[str, _Node] = {}
        self._edges: dict[tuple[str, str, str], _Edge] = {}

    def add(self, extraction: ExtractionLike) -> None:
        """Add one article (an :class:`ycgraph.pipeline.Extraction`): see :func:`article_network`."""
        self.add_article(article_network(extraction, self.max_evidence, self.max_sentence))

    def add_article(self, part: ArticleNetwork) -> None:
        """Add one article's :class:`ArticleNetwork`."""
        self.articles += 1
        for iri, kind, label, aliases, posts, attributes, evidence in part.nodes:
            node = self._nodes.get(iri)
            if node is None:
                node = self._nodes[iri] = _Node(kind, extra=dict(attributes))
            node.articles += 1
            node.labels.add(label)
            node.aliases.update(aliases)
            node.posts.update(posts)
            _keep(node.evidence, evidence, self.max_evidence)
        for s, p, o, evidence, posts in part.edges:
            edge = self._edges.get((s, p, o))
            if edge is None:
                edge = self._edges[(s, p, o)] = _Edge()
            edge.articles += 1
            edge.posts.update(posts)
            _keep(edge.evidence, evidence, self.max_evidence)

    def network(self) -> nx.MultiDiGraph:
        """The network of every article added so far.

        Returns
        -------
        networkx.MultiDiGraph
            Nodes are entity IRIs (str) with attributes ``kind``, ``label``,
            ``names`` (tuple, label first), ``evidence`` (tuple of sentences),
            ``articles`` (how many articles name it) and by kind
            ``admin_code``/``level`` (Division), ``posts`` (Official),
            ``indicator``/``value``/``unit``/``comparator`` (Target). Edges are
            keyed by relation name and carry ``relation``, ``evidence`` and
            ``articles``; ``holdsPostIn`` edges also ``posts``, and are left
            out where the official ``leads`` the same division.
        """
        G = nx.MultiDiGraph()
        for iri in sorted(self._nodes, key=lambda n: (_KIND_ORDER[self._nodes[n].kind], n)):
            node = self._nodes[iri]
            label = min(node.labels)
            attrs: dict[str, Any] = {
                "kind": node.kind,
                "label": label,
                "names": (label, *sorted((node.labels | node.aliases) - {label})),
                "evidence": tuple(sorted(node.evidence)),
                "articles": node.articles,
            }
            if node.kind == "Official":
                attrs["posts"] = tuple(sorted(node.posts))
            attrs.update(node.extra)
            G.add_node(iri, **attrs)
        for (s, p, o), edge in sorted(self._edges.items()):
            if s not in G or o not in G or p not in RELATIONS:
                continue
            if p == "holdsPostIn" and (s, "leads", o) in self._edges:
                continue
            attrs = {"relation": p, "evidence": tuple(sorted(edge.evidence)), "articles": edge.articles}
            if p == "holdsPostIn":
                attrs["posts"] = tuple(sorted(edge.posts))
            G.add_edge(s, o, key=p, **attrs)
        return G
