"""One result type for both backends: rows of rdflib terms, a boolean, or a graph.

rdflib results and pyoxigraph results are both turned into a :class:`QueryResult` so that every
format (``formats.py``) is written once. Simple literals are normalised: a literal typed
``xsd:string`` is a plain ``Literal`` without datatype, as SPARQL result formats expect.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace

import pyoxigraph as ox
from rdflib import BNode, Graph, Literal, URIRef
from rdflib.query import Result
from rdflib.term import Node

from kg.errors import QueryError
from kg.rdf.namespaces import PREFIXES, XSD

Row = tuple[Node | None, ...]
_XSD_STRING = str(XSD.string)


@dataclass(slots=True)
class QueryResult:
    """The answer to a SELECT (``variables``, ``rows``), an ASK (``boolean``) or a CONSTRUCT/DESCRIBE
    (``graph``)."""

    form: str  # SELECT, ASK, CONSTRUCT or DESCRIBE
    variables: list[str] = field(default_factory=list)
    rows: list[Row] = field(default_factory=list)
    boolean: bool | None = None
    graph: Graph | None = None
    total: int | None = None  # rows in the whole answer, when ``rows`` is one page of it (see page)
    offset: int = 0  # the whole answer's rows before that page

    def __len__(self) -> int:
        return len(self.graph) if self.graph is not None else len(self.rows)

    def column(self, variable: str) -> list[Node | None]:
        """Every value of one variable, in row order (handy in tests and scripts)."""
        i = self.variables.index(variable)
        return [row[i] for row in self.rows]

    def records(self) -> list[dict[str, str | None]]:
        """Rows as ``{variable: lexical value or None}`` dicts."""
        return [
            {v: None if t is None else str(t) for v, t in zip(self.variables, row, strict=True)}
            for row in self.rows
        ]


def page(result: QueryResult, limit: int | None, offset: int = 0) -> QueryResult:
    """Rows ``offset`` to ``offset + limit`` of a SELECT answer (all from ``offset`` when ``limit`` is
    None), with ``total`` set to the rows of the whole answer; other answers as they are."""
    if result.form != "SELECT" or (limit is None and offset <= 0):
        return result
    start = max(0, offset)
    rows = result.rows[start:] if limit is None else result.rows[start : start + max(0, limit)]
    return replace(result, rows=rows, total=len(result.rows), offset=start)


def new_graph() -> Graph:
    """An empty graph that writes with the project's prefixes (and no others)."""
    graph = Graph(bind_namespaces="none")
    for prefix, iri in PREFIXES.items():
        graph.bind(prefix, iri, override=True, replace=True)
    return graph


def from_rdflib(result: Result, form: str) -> QueryResult:
    if form == "ASK":
        return QueryResult(form, boolean=bool(result.askAnswer))
    if form in ("CONSTRUCT", "DESCRIBE"):
        graph = new_graph()
        for triple in result.graph or ():
            graph.add(triple)
        return QueryResult(form, graph=graph)
    variables = [str(v) for v in result.vars or ()]
    rows = [tuple(_normalise(t) for t in row) for row in result]  # type: ignore[union-attr]
    return QueryResult(form, variables=variables, rows=rows)


def from_oxigraph(result: ox.QuerySolutions | ox.QueryBoolean | ox.QueryTriples, form: str) -> QueryResult:
    if isinstance(result, ox.QueryBoolean):
        return QueryResult(form, boolean=bool(result))
    if isinstance(result, ox.QueryTriples):
        graph = new_graph()
        for triple in result:
            s, p, o = (to_rdflib(t) for t in (triple.subject, triple.predicate, triple.object))
            if s is not None and p is not None and o is not None:  # always: a triple has three terms
                graph.add((s, p, o))
        return QueryResult(form, graph=graph)
    variables = [v.value for v in result.variables]
    terms: dict[object, Node | None] = {}  # labels, dates and counts recur from row to row

    def term(value: object) -> Node | None:
        if value not in terms:
            terms[value] = to_rdflib(value)
        return terms[value]

    rows = [tuple(term(solution[i]) for i in range(len(variables))) for solution in result]
    return QueryResult(form, variables=variables, rows=rows)


def to_rdflib(term: object) -> Node | None:
    """A pyoxigraph term as the equal rdflib term."""
    if term is None:
        return None
    if isinstance(term, ox.NamedNode):
        return URIRef(term.value)
    if isinstance(term, ox.BlankNode):
        return BNode(term.value)
    if isinstance(term, ox.Literal):
        if term.language:
            return Literal(term.value, lang=term.language)
        datatype = term.datatype.value
        if datatype == _XSD_STRING:
            return Literal(term.value)
        return Literal(term.value, datatype=URIRef(datatype))
    raise QueryError(f"cannot show the result term {term!r} (RDF-star triple terms are not supported)")


def _normalise(term: Node | None) -> Node | None:
    if isinstance(term, Literal) and term.datatype is not None and str(term.datatype) == _XSD_STRING:
        return Literal(str(term))
    return term
