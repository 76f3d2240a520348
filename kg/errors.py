"""Errors the user can act on.

KGError                      base: the CLI prints its message on one line and exits non-zero
├── InputError               a path, file or manifest that cannot be read as articles
│   └── ArticleSkipped       one article left out of a build (the others go on)
├── ModelError               the spaCy pipeline cannot be loaded
├── GraphError               an RDF file that cannot be read or written
├── QueryError               a SPARQL query that cannot be parsed or run
│   └── (kg.query: QueryRefused, QueryTimeout, PoolBusy)
└── ValidationError          a graph that does not conform to the shapes
"""

from __future__ import annotations


class KGError(Exception):
    """Base class: every error meant for the user, with a message saying what to do."""


class InputError(KGError):
    """Input files, folders or manifests that cannot be used."""


class ArticleSkipped(InputError):
    """One article cannot be built; the build goes on without it."""

    def __init__(self, identifier: str, reason: str) -> None:
        super().__init__(f"{identifier}: {reason}")
        self.identifier = identifier
        self.reason = reason


class ModelError(KGError):
    """The spaCy pipeline is missing or broken."""


class GraphError(KGError):
    """An RDF graph that cannot be read or written."""


class QueryError(KGError):
    """A SPARQL query that cannot be parsed or answered."""


class ValidationError(KGError):
    """A graph that does not conform to ``ontology/shapes.ttl``."""
