"""Plain data handed from stage to stage: no spaCy, no RDF.

ingest -> :class:`Article`; nlp + extract -> :class:`Extraction` (per article, cacheable as
JSON); resolve -> :class:`Corpus` (entities merged across articles); rdf -> quads.
All character offsets point into ``Article.text``, the cleaned text, in code points.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from datetime import date
from typing import Any

PERSON, ORGANIZATION, PLACE = "Person", "Organization", "Place"
BASE_TYPES = (PERSON, ORGANIZATION, PLACE)
LEAD_NATION = "lead nation"


@dataclass(frozen=True, slots=True)
class Span:
    """A stretch of the cleaned text: ``text == article.text[start:end]``."""

    start: int
    end: int
    text: str


@dataclass(slots=True)
class Article:
    """One cleaned article with its metadata."""

    identifier: str  # the input file's name, or the manifest's record id
    text: str  # cleaned text: headline, then the body paragraphs, "\n\n" between them
    content_hash: str  # sha256 of the normalised raw text: the article's identity
    headline: str | None = None
    date_published: date | None = None
    publisher: str | None = None
    authors: tuple[str, ...] = ()
    dateline: Span | None = None  # the place word(s) opening the body, e.g. "BRUSSELS"
    url: str | None = None
    source: str | None = None  # path it was read from
    removed: int = 0  # characters of boilerplate taken out


@dataclass(slots=True)
class LocalEntity:
    """An entity as one article names it; ``key`` is unique within the article."""

    key: str
    name: str  # the longest proper name the article uses
    kind: str  # one of BASE_TYPES, by vote over the article's mentions
    aliases: list[str] = field(default_factory=list)
    votes: dict[str, int] = field(default_factory=dict)  # kind -> number of mentions
    known_id: str | None = None  # gazetteer id (Wikidata QID) when the name is in ontology/
    subtype: str | None = None  # "Country", "City", "Mission", ...
    parts: tuple[str, str] | None = None  # for missions: (organisation key, place key)


@dataclass(frozen=True, slots=True)
class Mention:
    span: Span
    entity: str  # LocalEntity.key


@dataclass(frozen=True, slots=True)
class TimeSpec:
    """When a fact held, as far as the text says. Dates are ISO strings or None."""

    expression: str  # the words, e.g. "in December"
    begin: str | None = None
    end: str | None = None


@dataclass(frozen=True, slots=True)
class Membership:
    """A post (person -> organisation) or a lead (country -> mission)."""

    member: str  # LocalEntity.key
    role: str  # canonical role label from ontology/roles.ttl
    organization: str | None  # LocalEntity.key, or None when the text does not say
    evidence: Span  # the sentence
    time: TimeSpec | None = None
    order: int | None = None  # lead nations: 1 = first to lead


@dataclass(frozen=True, slots=True)
class Quotation:
    text: str  # the quoted words without quote marks
    span: Span  # where the words are
    speaker: str | None  # LocalEntity.key; None for anonymous or unknown speakers
    evidence: Span  # the sentence (or sentences) carrying the quote and its attribution


@dataclass(slots=True)
class Extraction:
    """Everything read from one article, before entities are merged across articles."""

    article: Article
    entities: list[LocalEntity] = field(default_factory=list)
    mentions: list[Mention] = field(default_factory=list)
    memberships: list[Membership] = field(default_factory=list)
    quotations: list[Quotation] = field(default_factory=list)

    def to_json(self) -> dict[str, Any]:
        data = asdict(self)
        art = data["article"]
        art["date_published"] = art["date_published"].isoformat() if art["date_published"] else None
        return data

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> Extraction:
        art = dict(data["article"])
        art["date_published"] = date.fromisoformat(art["date_published"]) if art["date_published"] else None
        art["authors"] = tuple(art["authors"])
        art["dateline"] = Span(**art["dateline"]) if art["dateline"] else None
        ents = []
        for e in data["entities"]:
            e = dict(e)
            e["parts"] = tuple(e["parts"]) if e["parts"] else None
            ents.append(LocalEntity(**e))
        return cls(
            article=Article(**art),
            entities=ents,
            mentions=[Mention(Span(**m["span"]), m["entity"]) for m in data["mentions"]],
            memberships=[
                Membership(
                    **{
                        **m,
                        "evidence": Span(**m["evidence"]),
                        "time": TimeSpec(**m["time"]) if m["time"] else None,
                    }
                )
                for m in data["memberships"]
            ],
            quotations=[
                Quotation(**{**q, "span": Span(**q["span"]), "evidence": Span(**q["evidence"])})
                for q in data["quotations"]
            ],
        )


@dataclass(slots=True)
class Entity:
    """An entity merged across the corpus: one IRI."""

    name: str  # canonical label: the longest proper name seen
    kind: str
    aliases: set[str] = field(default_factory=set)
    known_id: str | None = None
    subtype: str | None = None


@dataclass(slots=True)
class Corpus:
    """The result of cross-article resolution."""

    entities: dict[str, Entity]  # global id -> entity
    links: dict[tuple[str, str], str]  # (article content_hash, local key) -> global id
