"""The namespaces of ``kg.rdf.namespaces`` as pyoxigraph terms, for building statements.

``RDF.type`` here is a ``pyoxigraph.NamedNode``: the statement builder hands its terms straight
to pyoxigraph's serialiser, with no rdflib term made or converted per statement. Each term is
made once, on first use, and checked by the rdflib namespace behind it, so a misspelt ``KG``
term still raises.
"""

from __future__ import annotations

from pyoxigraph import NamedNode
from rdflib import Namespace
from rdflib.namespace import DefinedNamespaceMeta

from kg.rdf import namespaces


class Vocabulary:
    """``NamedNode``s of one namespace: ``SCHEMA.Person`` or ``SCHEMA["Person"]``."""

    def __init__(self, namespace: Namespace | DefinedNamespaceMeta) -> None:
        self._namespace = namespace
        self._items: dict[str, NamedNode] = {}

    def __getattr__(self, name: str) -> NamedNode:
        if name.startswith("_"):
            raise AttributeError(name)
        node = self[name]
        setattr(self, name, node)  # later lookups are plain attribute reads
        return node

    def __getitem__(self, name: str) -> NamedNode:
        node = self._items.get(name)
        if node is None:
            node = self._items[name] = NamedNode(self._namespace[name])
        return node


ITSRDF = Vocabulary(namespaces.ITSRDF)
KG = Vocabulary(namespaces.KG)
NIF = Vocabulary(namespaces.NIF)
ORG = Vocabulary(namespaces.ORG)
OWL = Vocabulary(namespaces.OWL)
PROV = Vocabulary(namespaces.PROV)
RDF = Vocabulary(namespaces.RDF)
RDFS = Vocabulary(namespaces.RDFS)
SCHEMA = Vocabulary(namespaces.SCHEMA)
SKOS = Vocabulary(namespaces.SKOS)
TIME = Vocabulary(namespaces.TIME)
WD = Vocabulary(namespaces.WD)
XSD = Vocabulary(namespaces.XSD)

__all__ = ["ITSRDF", "KG", "NIF", "ORG", "OWL", "PROV", "RDF", "RDFS", "SCHEMA", "SKOS", "TIME", "WD", "XSD"]
