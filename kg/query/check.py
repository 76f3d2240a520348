"""Parse a SPARQL query and decide whether it may run.

Every query, from the CLI or the endpoint and whatever the backend, goes through
:func:`check_query` first. The rules are decided on rdflib's parse tree and algebra, never on the
text: a regex can be fooled by a comment, a string or lowercase keywords.

- SPARQL Update (INSERT, DELETE, LOAD, CLEAR, DROP, CREATE, ADD, MOVE, COPY) is refused: the graph
  is read-only.
- ``SERVICE`` is refused anywhere in the query (sub-queries, EXISTS filters included): both rdflib
  and Oxigraph would fetch remote endpoints.
- ``FROM`` / ``FROM NAMED`` are refused: rdflib would download the IRIs, Oxigraph would restrict
  the dataset; ``GRAPH <iri> { ... }`` reads one article's graph on both.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from pyparsing import ParseBaseException, ParseResults
from rdflib.plugins.sparql.algebra import translateQuery
from rdflib.plugins.sparql.parser import parseQuery, parseUpdate
from rdflib.plugins.sparql.parserutils import CompValue
from rdflib.plugins.sparql.sparql import Query

from kg.errors import QueryError
from kg.rdf.namespaces import PREFIXES

#: Query forms by the name of rdflib's algebra root.
_FORMS = {
    "SelectQuery": "SELECT",
    "AskQuery": "ASK",
    "ConstructQuery": "CONSTRUCT",
    "DescribeQuery": "DESCRIBE",
}


class QueryRefused(QueryError):
    """A well-formed request this read-only, local endpoint will not run (Update, SERVICE, FROM)."""


@dataclass(frozen=True, slots=True)
class CheckedQuery:
    """A query that parsed and passed the rules; ``prepared`` is rdflib's translated form."""

    text: str
    form: str  # SELECT, ASK, CONSTRUCT or DESCRIBE
    #: rdflib's translated form; None for a ready-made question whose template was checked and
    #: whose slots were filled with terms (parsing again would cost more than Oxigraph's answer)
    prepared: Query | None = None

    @property
    def returns_graph(self) -> bool:
        return self.form in ("CONSTRUCT", "DESCRIBE")

    def rdflib_query(self) -> Query:
        """rdflib's translated form, parsed now when the query was checked through its template."""
        prepared = self.prepared if self.prepared is not None else check_query(self.text).prepared
        assert prepared is not None  # check_query always prepares
        return prepared


@lru_cache(maxsize=256)
def check_query(text: str) -> CheckedQuery:
    """Parse ``text`` (the project's prefixes are predeclared) or raise QueryError / QueryRefused.

    Parsing with rdflib's pyparsing grammar takes ~0.1 s for a ready-made question, so answers are
    cached by text (a prepared rdflib query can be evaluated again and again)."""
    if not text.strip():
        raise QueryError("empty query: give a SPARQL SELECT, ASK, CONSTRUCT or DESCRIBE query")
    try:
        parsed = parseQuery(text)
    except ParseBaseException as e:
        if _is_update(text):
            raise QueryRefused(
                "SPARQL Update (INSERT, DELETE, LOAD, CLEAR, DROP, ...) is refused: the graph is read-only"
            ) from None
        raise QueryError(f"malformed query: {_one_line(e)}") from None
    try:
        prepared = translateQuery(parsed, initNs=PREFIXES)
    except Exception as e:  # rdflib raises bare Exceptions, e.g. for an undeclared prefix
        raise QueryError(f"malformed query: {_one_line(e)}") from None
    algebra = prepared.algebra
    if any(node.name == "ServiceGraphPattern" for node in walk(algebra)):
        raise QueryRefused("SERVICE is refused: this endpoint answers only from its own graph")
    if dict.get(algebra, "datasetClause"):  # CompValue.get returns the key itself when it is missing
        raise QueryRefused(
            "FROM and FROM NAMED are refused; use GRAPH <graph IRI> { ... } to read one article's graph"
        )
    return CheckedQuery(text=text, form=_FORMS[algebra.name], prepared=prepared)


def _is_update(text: str) -> bool:
    try:
        update = parseUpdate(text)
    except ParseBaseException:
        return False
    return bool(dict.get(update, "request"))  # only comments or prefixes: an empty update


def walk(node: Any) -> Iterator[CompValue]:
    """Every algebra node under ``node``, including patterns inside expressions (EXISTS)."""
    if isinstance(node, CompValue):
        yield node
        for value in node.values():
            yield from walk(value)
    elif isinstance(node, list | tuple | ParseResults):
        for value in node:
            yield from walk(value)
    elif isinstance(node, dict):
        for value in node.values():
            yield from walk(value)


def _one_line(error: Exception) -> str:
    return " ".join(str(error).split())
