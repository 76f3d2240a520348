"""Plain extractions -> RDF statements following docs/graph-shape.md and the query contract.

``article_statements`` yields one article's named-graph quads; ``corpus_statements`` the
default graph: articles, entities and roles. Statements are pyoxigraph quads, ready for the
serialiser (``kg.rdf.export``). Nothing here knows spaCy.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from datetime import date
from itertools import combinations

from pyoxigraph import Literal, NamedNode, Quad

from kg.lexicon import Lexicon, Role, normalize
from kg.model import LEAD_NATION, Article, Corpus, Entity, Extraction, Membership, Quotation, Span
from kg.rdf.iri import article_iri, entity_iri, fact_iri, graph_iri, role_iri, text_iri
from kg.rdf.terms import ITSRDF, KG, NIF, ORG, OWL, PROV, RDF, RDFS, SCHEMA, SKOS, TIME, WD, XSD

Triple = tuple[NamedNode, NamedNode, NamedNode | Literal]
SUBTYPES = {
    "Country": SCHEMA.Country,
    "City": SCHEMA.City,
    "Mission": KG.Mission,
    "State": SCHEMA.State,
    "Continent": SCHEMA.Continent,
    "GovernmentOrganization": SCHEMA.GovernmentOrganization,
    "NewsMediaOrganization": SCHEMA.NewsMediaOrganization,
}


class StatementBuilder:
    """Mints IRIs for one corpus and turns its facts into statements."""

    def __init__(self, corpus: Corpus, lexicon: Lexicon) -> None:
        self.corpus = corpus
        self.lexicon = lexicon
        self.roles_used: dict[str, Role | None] = {}
        self._iris: dict[str, NamedNode] = {}
        self._roles: dict[str, NamedNode] = {}
        self.lead_orders: dict[tuple[str, str], int] = {}

    def order_leads(self, extractions: Iterable[Extraction]) -> None:
        """One order of lead nations per mission for the whole corpus, merging each article's partial order."""
        before: dict[str, set[tuple[str, str]]] = {}
        for ex in extractions:
            leads = sorted(
                (m.order, m.member, m.organization)
                for m in ex.memberships
                if m.role == LEAD_NATION and m.order is not None and m.organization
            )
            for (o1, a, mission), (o2, b, _) in combinations(leads, 2):
                if o1 < o2 and mission == _:
                    key = self.corpus.links[(ex.article.content_hash, mission)]
                    before.setdefault(key, set()).add(self._pair(ex, a, b))
        for mission, pairs in before.items():
            for position, country in enumerate(_topological(pairs), start=1):
                self.lead_orders[(country, mission)] = position

    def _pair(self, ex: Extraction, a: str, b: str) -> tuple[str, str]:
        return self.corpus.links[(ex.article.content_hash, a)], self.corpus.links[
            (ex.article.content_hash, b)
        ]

    def entity(self, gid: str) -> NamedNode:
        if gid not in self._iris:  # minted once per entity, not once per mention
            entity = self.corpus.entities[gid]
            self._iris[gid] = NamedNode(entity_iri(entity.kind, entity.name))
        return self._iris[gid]

    def local(self, ex: Extraction, key: str) -> NamedNode:
        return self.entity(self.corpus.links[(ex.article.content_hash, key)])

    def role(self, label: str) -> NamedNode:
        if label not in self._roles:
            self.roles_used[label] = self.lexicon.role(label)
            self._roles[label] = NamedNode(role_iri(label))
        return self._roles[label]

    # --- one article's named graph --------------------------------------------------------

    def article_statements(self, ex: Extraction) -> Iterator[Quad]:
        art = ex.article
        a, g = NamedNode(article_iri(art.content_hash)), NamedNode(graph_iri(art.content_hash))
        context = _text(a, 0, len(art.text))
        for s, p, o in self._article_triples(ex, a, context):
            yield Quad(s, p, o, g)

    def _article_triples(self, ex: Extraction, a: NamedNode, context: NamedNode) -> Iterator[Triple]:
        art = ex.article
        yield context, RDF.type, NIF.Context
        yield context, NIF.isString, Literal(art.text)
        yield context, NIF.beginIndex, Literal(0)
        yield context, NIF.endIndex, Literal(len(art.text))
        yield context, NIF.sourceUrl, a
        mentioned = set()
        for mention in ex.mentions:
            e = self.local(ex, mention.entity)
            mentioned.add(e)
            phrase = _text(a, mention.span.start, mention.span.end)
            yield from self._span(phrase, NIF.Phrase, mention.span, context)
            yield phrase, ITSRDF.taIdentRef, e
        for e in sorted(mentioned):
            yield a, SCHEMA.mentions, e
        for membership in ex.memberships:
            yield from self._membership(ex, membership, a, context)
        for quotation in ex.quotations:
            yield from self._quotation(ex, quotation, a, context)

    def _span(self, node: NamedNode, cls: NamedNode, span: Span, context: NamedNode) -> Iterator[Triple]:
        yield node, RDF.type, cls
        yield node, NIF.referenceContext, context
        yield node, NIF.anchorOf, Literal(span.text)
        yield node, NIF.beginIndex, Literal(span.start)
        yield node, NIF.endIndex, Literal(span.end)

    def _evidence(self, fact: NamedNode, span: Span, a: NamedNode, context: NamedNode) -> Iterator[Triple]:
        sentence = _text(a, span.start, span.end)
        yield from self._span(sentence, NIF.Sentence, span, context)
        yield sentence, RDF.type, KG.EvidenceSentence
        yield fact, KG.evidence, sentence
        yield fact, PROV.wasDerivedFrom, a

    def _membership(
        self, ex: Extraction, m: Membership, a: NamedNode, context: NamedNode
    ) -> Iterator[Triple]:
        member, role = self.local(ex, m.member), self.role(m.role)
        org = self.local(ex, m.organization) if m.organization else None
        node = NamedNode(fact_iri("membership", member.value, role.value, org.value if org else ""))
        yield node, RDF.type, ORG.Membership
        yield node, ORG.member, member
        yield node, ORG.role, role
        if org is not None:
            yield node, ORG.organization, org
        if m.order is not None and m.organization:
            links = self.corpus.links
            key = (
                links[(ex.article.content_hash, m.member)],
                links[(ex.article.content_hash, m.organization)],
            )
            yield node, KG.leadOrder, Literal(self.lead_orders.get(key, m.order))
        if m.time is not None:
            interval = NamedNode(
                fact_iri("interval", node.value, m.time.expression, m.time.begin or "", m.time.end or "")
            )
            yield node, ORG.memberDuring, interval
            yield interval, RDF.type, TIME.Interval
            yield interval, KG.timeExpression, Literal(m.time.expression)
            for prop, value, suffix in (
                (TIME.hasBeginning, m.time.begin, "begin"),
                (TIME.hasEnd, m.time.end, "end"),
            ):
                if value:
                    instant = NamedNode(f"{interval.value}/{suffix}")
                    yield interval, prop, instant
                    yield instant, RDF.type, TIME.Instant
                    yield instant, TIME.inXSDDate, _date(date.fromisoformat(value))
        yield from self._evidence(node, m.evidence, a, context)

    def _quotation(self, ex: Extraction, q: Quotation, a: NamedNode, context: NamedNode) -> Iterator[Triple]:
        speaker = self.local(ex, q.speaker) if q.speaker else None
        words = " ".join(q.text.lower().split())  # same words, same speaker: one quotation
        node = NamedNode(fact_iri("quotation", words, speaker.value if speaker else ""))
        yield node, RDF.type, SCHEMA.Quotation
        yield node, SCHEMA.text, Literal(q.text)
        if speaker is not None:
            yield node, SCHEMA.creator, speaker
        phrase = _text(a, q.span.start, q.span.end)
        yield from self._span(phrase, NIF.Phrase, q.span, context)
        yield node, KG.quoteSpan, phrase
        yield from self._evidence(node, q.evidence, a, context)

    # --- the default graph ------------------------------------------------------------------

    def corpus_statements(self, articles: Iterable[Article]) -> Iterator[Quad]:
        """Articles, then entities and roles; the roles are those the article statements used."""
        for art in articles:
            for s, p, o in self.article_description(art):
                yield Quad(s, p, o)
        for s, p, o in self.entity_descriptions():
            yield Quad(s, p, o)
        for s, p, o in self.role_descriptions():
            yield Quad(s, p, o)

    def article_description(self, art: Article) -> Iterator[Triple]:
        a = NamedNode(article_iri(art.content_hash))
        yield NamedNode(graph_iri(art.content_hash)), PROV.wasDerivedFrom, a
        yield a, RDF.type, SCHEMA.NewsArticle
        yield a, SCHEMA.identifier, Literal(art.identifier)
        yield a, KG.contentHash, Literal(art.content_hash)
        if art.headline:
            yield a, SCHEMA.headline, Literal(art.headline)
        if art.date_published:
            yield a, SCHEMA.datePublished, _date(art.date_published)
        if art.url:
            yield a, SCHEMA.url, Literal(art.url, datatype=XSD.anyURI)
        if art.dateline:
            yield a, SCHEMA.dateline, Literal(art.dateline.text)
        if art.publisher:
            yield from self._agent(a, SCHEMA.publisher, art.publisher, "Organization")
        for author in art.authors:
            yield from self._agent(a, SCHEMA.author, author, "Person")

    def _agent(self, a: NamedNode, prop: NamedNode, name: str, kind: str) -> Iterator[Triple]:
        gid = f"{kind}:{normalize(name)}"
        entity = self.corpus.entities.get(gid)
        node = NamedNode(entity_iri(kind, entity.name if entity else name))
        yield a, prop, node
        if entity is None:
            yield node, RDF.type, SCHEMA[kind]
            yield node, RDFS.label, Literal(name)

    def entity_descriptions(self) -> Iterator[Triple]:
        for gid in sorted(self.corpus.entities):
            yield from self._entity(self.entity(gid), self.corpus.entities[gid])

    def _entity(self, node: NamedNode, entity: Entity) -> Iterator[Triple]:
        yield node, RDF.type, SCHEMA[entity.kind]
        yield node, RDFS.label, Literal(entity.name)
        if entity.subtype:
            yield node, KG.entityKind, Literal(entity.subtype)
            if entity.subtype in SUBTYPES:
                yield node, RDF.type, SUBTYPES[entity.subtype]
        for alias in sorted(entity.aliases):
            yield node, SCHEMA.alternateName, Literal(alias)
        if entity.known_id:
            yield node, OWL.sameAs, WD[entity.known_id]

    def role_descriptions(self) -> Iterator[Triple]:
        for label in sorted(self.roles_used):
            role = self.roles_used[label]
            node = self._roles[label]
            yield node, RDF.type, ORG.Role
            yield node, RDF.type, KG.Role
            yield node, RDF.type, SKOS.Concept
            yield node, RDFS.label, Literal(label)
            yield node, SKOS.prefLabel, Literal(label, language="en")
            yield node, KG.roleCategory, Literal(role.category if role else "function")


def _text(article: NamedNode, start: int, end: int) -> NamedNode:
    return NamedNode(text_iri(article.value, start, end))


def _date(day: date) -> Literal:
    """An xsd:date literal (pyoxigraph makes literals from str, int, float and bool only)."""
    return Literal(day.isoformat(), datatype=XSD.date)


def _topological(pairs: set[tuple[str, str]]) -> list[str]:
    """Nodes ordered so that every (a, b) pair has a before b; cycles broken in name order."""
    before: dict[str, set[str]] = {}
    for a, b in pairs:
        before.setdefault(b, set()).add(a)
    nodes = sorted({x for pair in pairs for x in pair})
    left = set(nodes)
    order: list[str] = []
    while nodes:
        first = next((n for n in nodes if left.isdisjoint(before.get(n, ()))), nodes[0])
        order.append(first)
        nodes.remove(first)
        left.remove(first)
    return order
