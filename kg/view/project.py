"""RDF -> networkx: the entities, posts, lead nations and quotations the view draws.

Nodes are every entity -- a resource typed ``schema:Person``, ``schema:Organization`` or
``schema:Place``, with ``kg:Mission`` marking missions among the organisations -- and every
article from which a quotation attributed to one of them was taken (``queries.NODE_COUNT``
counts exactly these). Edges, each carrying ``count`` and the ``supports`` (article, evidence
sentences, quoted words) behind it:

- ``post``: member -> organisation, one edge per (member, organisation, role) however many
  membership nodes and articles state it; ``count`` is the number of supporting articles;
- ``lead``: country -> mission, the lead-nation memberships, with ``kg:leadOrder`` and dates;
- ``quote``: speaker -> article, ``count`` is the number of the speaker's quotations in it;
- ``co-mention`` (optional): entity -> entity, ``count`` is the number of articles naming both.

Only SPARQL and rdflib's triple patterns read the graph: the view knows nothing of spaCy.
"""

from __future__ import annotations

import itertools
import re
from collections import Counter, defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field

import networkx as nx
from rdflib import Graph, Literal, Node

from kg.rdf.namespaces import KG, NIF, OWL, RDF, RDFS, SCHEMA
from kg.view import queries
from kg.view.config import ViewConfig
from kg.view.load import union_view

BASE_TYPES = {SCHEMA.Person: "person", SCHEMA.Organization: "organization", SCHEMA.Place: "place"}
KIND_PRIORITY = ("person", "place", "organization")  # an entity typed twice is drawn as the first
LEAD_ROLE = "lead nation"
SNIPPET_REACH = 200  # characters searched on each side of a mention for its sentence's ends
SENTENCE_BREAK = re.compile(r"(?<=[.!?])\s+|\n+")

Supports = list[dict]


def project(dataset: Graph, config: ViewConfig | None = None) -> nx.MultiDiGraph:
    """The graph to draw, trimmed to ``config.max_nodes``; see the module docstring."""
    config = config or ViewConfig()
    graph = union_view(dataset)
    view = nx.MultiDiGraph(
        articles=read_articles(graph), max_nodes=config.max_nodes, left_out=0, co_mentions_left_out=0
    )
    evidence = read_evidence(graph)
    add_entities(view, graph)
    add_memberships(view, graph, evidence)
    add_quotations(view, graph, evidence)
    view.graph["total_nodes"] = view.number_of_nodes()
    view = trim(view, config.max_nodes)
    add_mention_snippets(view, graph)
    if config.co_mentions:
        add_co_mentions(view, config)
    return view


def _first(values: Iterable[Node]) -> str | None:
    """One of several values, the same one every time."""
    value = min(values, key=str, default=None)
    return None if value is None else str(value)


def _query(graph: Graph, text: str) -> Iterable:
    return graph.query(text, initNs=queries.NAMESPACES)


# --- articles and entities ---------------------------------------------------------------


def read_articles(graph: Graph) -> dict[str, dict]:
    """Article IRI -> headline, date, publisher label and identifier (None when absent)."""
    return {str(a): describe_article(graph, a) for a in set(graph.subjects(RDF.type, SCHEMA.NewsArticle))}


def describe_article(graph: Graph, article: Node) -> dict:
    return {
        "headline": _first(graph.objects(article, SCHEMA.headline)),
        "date": _first(graph.objects(article, SCHEMA.datePublished)),
        "publisher": publisher_name(graph, article),
        "identifier": _first(graph.objects(article, SCHEMA.identifier)),
    }


def publisher_name(graph: Graph, article: Node) -> str | None:
    """The publisher's label (or the literal name some graphs give instead of a resource)."""
    publisher = min(graph.objects(article, SCHEMA.publisher), key=str, default=None)
    if publisher is None or isinstance(publisher, Literal):
        return None if publisher is None else str(publisher)
    return _first(graph.objects(publisher, RDFS.label)) or _local_name(publisher)


def entity_kinds(graph: Graph) -> dict[Node, str]:
    """Entity -> "person", "organization", "place" or "mission"."""
    found: dict[Node, set[str]] = defaultdict(set)
    for rdf_type, kind in BASE_TYPES.items():
        for entity in graph.subjects(RDF.type, rdf_type):
            found[entity].add(kind)
    missions = set(graph.subjects(RDF.type, KG.Mission))
    return {
        e: "mission" if e in missions else next(k for k in KIND_PRIORITY if k in kinds)
        for e, kinds in found.items()
    }


def add_entities(view: nx.MultiDiGraph, graph: Graph) -> None:
    mentions: dict[str, set[str]] = defaultdict(set)
    for article, entity in graph.subject_objects(SCHEMA.mentions):
        mentions[str(entity)].add(str(article))
    for entity, kind in entity_kinds(graph).items():
        label = _first(graph.objects(entity, RDFS.label)) or _local_name(entity)
        view.add_node(
            str(entity),
            kind=kind,
            iri=str(entity),
            label=label,
            aliases=sorted({str(a) for a in graph.objects(entity, SCHEMA.alternateName)} - {label}),
            same_as=sorted(str(s) for s in graph.objects(entity, OWL.sameAs)),
            entity_kind=_first(graph.objects(entity, KG.entityKind)),
            mentions=sorted(mentions.get(str(entity), ())),
            snippets={},
            quotes=[],
        )


def _local_name(node: Node | str) -> str:
    return str(node).rstrip("/").rsplit("/", 1)[-1].replace("-", " ")


# --- facts ------------------------------------------------------------------------------


def read_evidence(graph: Graph) -> dict[str, list[tuple[str | None, str]]]:
    """Fact node -> (article, evidence sentence) pairs."""
    evidence: dict[str, list[tuple[str | None, str]]] = defaultdict(list)
    for row in _query(graph, queries.EVIDENCE):
        article = str(row.article) if row.article is not None else _article_of_span(str(row.span))
        evidence[str(row.fact)].append((article, str(row.text)))
    return evidence


def _article_of_span(span: str) -> str | None:
    """``<article>/text#char=b,e`` -> ``<article>`` (docs/graph-shape.md mints spans so)."""
    return span.split("/text#", 1)[0] if "/text#" in span else None


@dataclass
class FactGroup:
    """The membership nodes and articles that state one (member, organisation, role)."""

    kind: str
    label: str
    role: str | None
    facts: set[str] = field(default_factory=set)
    articles: set[str] = field(default_factory=set)
    orders: set[int] = field(default_factory=set)

    def edge_attributes(self, evidence: dict, intervals: dict) -> dict:
        dates = [intervals[f] for f in sorted(self.facts) if f in intervals]
        return {
            "kind": self.kind,
            "label": self.label,
            "role": self.role,
            "count": max(1, len(self.articles)),
            "supports": supports_of(self.facts, self.articles, evidence),
            "lead_order": min(self.orders, default=None),
            **{k: next((d[k] for d in dates if d.get(k)), None) for k in ("begin", "end", "time_expression")},
        }


def supports_of(facts: Iterable[str], articles: Iterable[str], evidence: dict) -> Supports:
    """One entry per supporting article, with the evidence sentences the facts cite there."""
    by_article: dict[str, dict] = {a: {"article": a, "evidence": [], "quotes": []} for a in sorted(articles)}
    for fact in sorted(facts):
        for article, text in evidence.get(fact, ()):
            if article not in by_article:
                article = next(iter(by_article)) if len(by_article) == 1 else (article or "")
            entry = by_article.setdefault(article, {"article": article, "evidence": [], "quotes": []})
            if text not in entry["evidence"]:
                entry["evidence"].append(text)
    return list(by_article.values())


def read_intervals(graph: Graph) -> dict[str, dict]:
    """Membership -> begin, end (ISO dates) and the words that dated it."""
    intervals: dict[str, dict] = {}
    for row in _query(graph, queries.INTERVALS):
        found = {"begin": row.begin, "end": row.end, "time_expression": row.expression}
        entry = intervals.setdefault(str(row.m), {})
        for key, value in found.items():
            if value is not None and not entry.get(key):
                entry[key] = str(value)
    return intervals


def _is_lead(row) -> bool:
    role = str(row.role or "")
    label = str(row.roleLabel or "").casefold()
    return row.order is not None or role.endswith("/lead-nation") or label == LEAD_ROLE


def add_memberships(view: nx.MultiDiGraph, graph: Graph, evidence: dict) -> None:
    groups: dict[tuple[str, str, str], FactGroup] = {}
    for row in _query(graph, queries.MEMBERSHIPS):
        member, org = str(row.member), str(row.org)
        if member not in view or org not in view:
            continue
        role = str(row.role) if row.role is not None else None
        label = str(row.roleLabel) if row.roleLabel is not None else (_local_name(role) if role else "member")
        kind = "lead" if _is_lead(row) else "post"
        group = groups.setdefault((member, org, role or label), FactGroup(kind, label, role))
        group.facts.add(str(row.m))
        if row.article is not None:
            group.articles.add(str(row.article))
        if row.order is not None:
            group.orders.add(_as_int(row.order))
    intervals = read_intervals(graph)
    for (member, org, role), group in sorted(groups.items()):
        view.add_edge(member, org, key=f"{group.kind}:{role}", **group.edge_attributes(evidence, intervals))


def _as_int(value: Node) -> int:
    try:
        return int(str(value))
    except ValueError:
        return 0


def add_quotations(view: nx.MultiDiGraph, graph: Graph, evidence: dict) -> None:
    """Speaker -> article edges, and each article's quotations (anonymous ones too)."""
    texts: dict[str, str] = {}
    by_pair: dict[tuple[str, str], dict[str, str]] = defaultdict(dict)
    in_article: dict[str, dict[str, str | None]] = defaultdict(dict)
    for row in _query(graph, queries.QUOTATIONS):
        if row.article is None:
            continue
        quote, article, speaker = str(row.q), str(row.article), row.speaker and str(row.speaker)
        texts[quote] = str(row.text)
        in_article[article][quote] = view.nodes[speaker]["label"] if speaker in view else None
        if speaker in view:
            by_pair[(speaker, article)][quote] = texts[quote]
    for (speaker, article), quotes in sorted(by_pair.items()):
        add_article_node(view, article)
        view.add_edge(
            speaker,
            article,
            key="quote",
            kind="quote",
            label="quoted",
            role=None,
            count=len(quotes),
            supports=[quote_support(article, quotes, evidence)],
        )
    for article in in_article.keys() & set(view):
        said = sorted(in_article[article].items(), key=lambda q: texts[q[0]])
        view.nodes[article]["quotes"] = [{"speaker": who, "text": texts[q]} for q, who in said]


def quote_support(article: str, quotes: dict[str, str], evidence: dict) -> dict:
    sentences = [text for q in sorted(quotes) for _, text in evidence.get(q, ())]
    return {
        "article": article,
        "quotes": [quotes[q] for q in sorted(quotes)],
        "evidence": list(dict.fromkeys(sentences)),
    }


def add_article_node(view: nx.MultiDiGraph, article: str) -> None:
    if article in view:
        return
    about = view.graph["articles"].get(article, {})
    label = about.get("headline") or about.get("identifier") or _local_name(article)
    view.add_node(
        article,
        kind="article",
        iri=article,
        label=label,
        aliases=[],
        same_as=[],
        entity_kind=None,
        mentions=[],
        snippets={},
        quotes=[],
    )


# --- trimming, mention sentences, co-mentions ---------------------------------------------


def trim(view: nx.MultiDiGraph, max_nodes: int) -> nx.MultiDiGraph:
    """Keep the ``max_nodes`` nodes with most neighbours (then most mentions, then by label)."""
    if view.number_of_nodes() <= max_nodes:
        return view

    def rank(node: str) -> tuple:
        data = view.nodes[node]
        return -len(set(nx.all_neighbors(view, node))), -len(data["mentions"]), data["label"], node

    kept = view.subgraph(sorted(view, key=rank)[:max_nodes]).copy()
    kept.graph["left_out"] = view.number_of_nodes() - max_nodes
    return kept


def add_mention_snippets(view: nx.MultiDiGraph, graph: Graph) -> None:
    """For each drawn entity and article naming it, the sentence of its first mention there."""
    first: dict[tuple[str, str], tuple[int, int, Node]] = {}
    for row in _query(graph, queries.MENTION_SPANS):
        key = (str(row.entity), str(row.article))
        if key[0] in view:
            span = (_as_int(row.begin), _as_int(row.end), row.context)
            first[key] = min(first.get(key, span), span, key=lambda s: s[0])
    texts: dict[Node, str] = {}
    for (entity, article), (begin, end, context) in first.items():
        if context not in texts:
            texts[context] = _first(graph.objects(context, NIF.isString)) or ""
        view.nodes[entity]["snippets"][article] = sentence_around(texts[context], begin, end)


def sentence_around(text: str, begin: int, end: int, reach: int = SNIPPET_REACH) -> str:
    """The sentence holding ``text[begin:end]``, cut to ``reach`` characters on each side."""
    if not 0 <= begin <= end <= len(text):
        return ""
    low, high = max(0, begin - reach), min(len(text), end + reach)
    breaks = [m.end() for m in SENTENCE_BREAK.finditer(text, low, begin)]
    start = breaks[-1] if breaks else low
    after = SENTENCE_BREAK.search(text, end, high)
    stop = after.start() if after else high
    head = "…" if start == low and low > 0 else ""
    tail = "…" if after is None and stop < len(text) else ""
    return head + text[start:stop].strip() + tail


def add_co_mentions(view: nx.MultiDiGraph, config: ViewConfig) -> None:
    """Entity pairs named in the same articles, strongest first, within the configured bounds."""
    mentions = {n: set(d["mentions"]) for n, d in view.nodes(data=True) if d["mentions"]}
    by_article: dict[str, list[str]] = defaultdict(list)
    for node, articles in sorted(mentions.items()):
        for article in articles:
            by_article[article].append(node)
    pairs: Counter[tuple[str, str]] = Counter()
    for nodes in by_article.values():
        pairs.update(itertools.combinations(nodes, 2))
    strong = sorted(
        (p for p, c in pairs.items() if c >= config.min_co_mentions), key=lambda p: (-pairs[p], p)
    )
    limit = config.co_mention_edges_per_node * view.number_of_nodes()
    view.graph["co_mentions_left_out"] = max(0, len(strong) - limit)
    for u, v in strong[:limit]:
        shared = sorted(mentions[u] & mentions[v])
        view.add_edge(
            u,
            v,
            key="co-mention",
            kind="co-mention",
            label="",
            role=None,
            count=len(shared),
            supports=[{"article": a, "evidence": [], "quotes": []} for a in shared],
        )
