"""Every namespace the graph uses, defined once.

Standard vocabularies come from rdflib where it ships them; the project's own terms are a
``DefinedNamespace`` so that a misspelt term raises instead of minting a new IRI. A test checks
that each ``KG`` term is declared in ``ontology/kg.ttl``.
"""

from __future__ import annotations

from rdflib import Namespace, URIRef
from rdflib.namespace import OWL, PROV, RDF, RDFS, SKOS, TIME, XSD, DefinedNamespace

SCHEMA = Namespace("https://schema.org/")
ORG = Namespace("http://www.w3.org/ns/org#")
NIF = Namespace("http://persistence.uni-leipzig.org/nlp2rdf/ontologies/nif-core#")
ITSRDF = Namespace("http://www.w3.org/2005/11/its/rdf#")
WD = Namespace("http://www.wikidata.org/entity/")

#: Where the project's own resources (articles, entities, facts) live.
DATA = Namespace("https://w3id.org/kg-news/id/")
KG_IRI = "https://w3id.org/kg-news/ontology#"


class KG(DefinedNamespace):
    """The project's own classes and properties (declared in ``ontology/kg.ttl``)."""

    _NS = Namespace(KG_IRI)
    _fail = True

    # classes
    Mission: URIRef  # an operation or mission run by an organisation, e.g. a training mission
    Role: URIRef  # a post or function held in an organisation (an org:Role and a skos:Concept)
    EvidenceSentence: URIRef  # the sentence a fact was read from (a nif:Sentence)
    # properties
    evidence: URIRef  # fact -> the nif:String span of the sentence that states it
    quoteSpan: URIRef  # quotation -> the nif:Phrase of the quoted words
    leadOrder: URIRef  # lead-nation membership -> its place in the order of lead nations (1 = first)
    timeExpression: URIRef  # interval -> the words that dated it ("in December")
    contentHash: URIRef  # article -> sha256 of its normalised raw text
    entityKind: URIRef  # entity -> finer kind, e.g. "Country", "City", "Mission"
    roleCategory: URIRef  # role -> "office", "rank" or "function"


PREFIXES: dict[str, str] = {
    "schema": str(SCHEMA),
    "rdf": str(RDF),
    "rdfs": str(RDFS),
    "owl": str(OWL),
    "org": str(ORG),
    "prov": str(PROV),
    "nif": str(NIF),
    "itsrdf": str(ITSRDF),
    "xsd": str(XSD),
    "skos": str(SKOS),
    "time": str(TIME),
    "wd": str(WD),
    "kg": KG_IRI,
    "kgr": str(DATA),
}

__all__ = [
    "DATA",
    "ITSRDF",
    "KG",
    "NIF",
    "ORG",
    "OWL",
    "PREFIXES",
    "PROV",
    "RDF",
    "RDFS",
    "SCHEMA",
    "SKOS",
    "TIME",
    "WD",
    "XSD",
]
