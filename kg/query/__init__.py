"""SPARQL over a built graph: files or an Oxigraph store, ready-made questions, the HTTP endpoint.

    >>> from kg.query import open_graph
    >>> source = open_graph(Path("output"))          # graph.trig in memory, or a store folder
    >>> result = source.query("SELECT ?p WHERE { ?p a schema:Person }")
    >>> write(result, "json")                         # SPARQL 1.1 Query Results JSON

- ``source.py``     GraphSource: MemorySource (rdflib Dataset) and StoreSource (pyoxigraph)
- ``check.py``      parsing and the read-only rules every query passes first
- ``results.py``    QueryResult, one result type for both backends
- ``formats.py``    SPARQL JSON/XML/CSV/TSV, RDF syntaxes, content negotiation, tables
- ``questions.py``  the ready-made questions in ``queries/`` and safe ``--bind``
- ``store.py``      load_store: graph.trig -> on-disk Oxigraph store
- ``answers.py``    the questions' unbound answers and the entities' names, kept with the store
- ``pool.py``       worker processes that can be stopped when a query runs too long
- ``server.py``     ``kg serve``: the SPARQL 1.1 Protocol endpoint and the HTML view
- ``cli.py``        ``kg query``
"""

from __future__ import annotations

from kg.query.check import CheckedQuery, QueryRefused, check_query
from kg.query.formats import FORMATS, negotiate, write
from kg.query.questions import Question, bind, get_question, list_questions
from kg.query.results import QueryResult
from kg.query.source import GraphSource, MemorySource, StoreSource, open_graph
from kg.query.store import is_store, load_store

__all__ = [
    "FORMATS",
    "CheckedQuery",
    "GraphSource",
    "MemorySource",
    "QueryRefused",
    "QueryResult",
    "Question",
    "StoreSource",
    "bind",
    "check_query",
    "get_question",
    "is_store",
    "list_questions",
    "load_store",
    "negotiate",
    "open_graph",
    "write",
]
