"""The rules every query passes first: parsed, read-only, local."""

from __future__ import annotations

import pytest

from kg.errors import QueryError
from kg.query.check import QueryRefused, check_query


@pytest.mark.parametrize(
    ("text", "form"),
    [
        ("SELECT * WHERE { ?s ?p ?o }", "SELECT"),
        ("ask { ?p a schema:Person }", "ASK"),  # the project's prefixes are predeclared
        ("CONSTRUCT WHERE { ?s a schema:Person }", "CONSTRUCT"),
        ("DESCRIBE <https://w3id.org/kg-news/id/person/jim-mattis>", "DESCRIBE"),
        # a query's own PREFIX wins over the predeclared one
        ("PREFIX schema: <http://schema.org/> SELECT * WHERE { ?s a schema:Person }", "SELECT"),
        # the words are only in a string, a comment and an IRI: nothing to refuse
        ('SELECT * WHERE { ?s ?p "SERVICE <http://x/> { }" } # SERVICE <http://y/> {}', "SELECT"),
        ("SELECT * WHERE { ?s <http://example.org/service> ?o . ?s ?p 'INSERT DATA' }", "SELECT"),
        ("SELECT * WHERE { GRAPH ?g { ?s ?p ?o } }", "SELECT"),
    ],
)
def test_queries_that_may_run(text: str, form: str) -> None:
    assert check_query(text).form == form


@pytest.mark.parametrize(
    "text",
    [
        "INSERT DATA { <a:b> <a:c> <a:d> }",
        "insert data { <a:b> <a:c> <a:d> }",
        "DELETE DATA { <a:b> <a:c> <a:d> }",
        "DELETE WHERE { ?s ?p ?o }",
        "WITH <a:g> DELETE { ?s ?p ?o } INSERT { ?s ?p 1 } WHERE { ?s ?p ?o }",
        "LOAD <http://example.org/data.ttl>",
        "load silent <file:///etc/passwd> into graph <a:g>",
        "CLEAR ALL",
        "DROP GRAPH <a:g>",
        "CREATE GRAPH <a:g>",
        "ADD DEFAULT TO <a:g>",
        "MOVE <a:g> TO DEFAULT",
        "COPY <a:g> TO <a:h>",
        "# a comment first\nPREFIX ex: <http://example.org/>\nclear default ; drop all",
    ],
)
def test_updates_are_refused(text: str) -> None:
    with pytest.raises(QueryRefused, match="read-only"):
        check_query(text)


@pytest.mark.parametrize(
    "text",
    [
        "SELECT * WHERE { SERVICE <http://example.org/sparql> { ?s ?p ?o } }",
        "select * where { service silent <http://example.org/sparql> { ?s ?p ?o } }",
        "SELECT * WHERE { ?a ?b ?c { SELECT ?s WHERE { SERVICE <http://x/> { ?s ?p ?o } } } }",
        "SELECT * WHERE { ?s ?p ?o FILTER EXISTS { SERVICE <http://x/> { ?s ?p ?o } } }",
        "ASK { OPTIONAL { SeRvIcE ?endpoint { ?s ?p ?o } } }",
        "CONSTRUCT { ?s ?p ?o } WHERE { { ?s ?p ?o } UNION { SERVICE <http://x/> { ?s ?p ?o } } }",
        "SELECT * WHERE { # SERVICE in a comment, and the real one on the next line\n SERVICE <http://x/> {} }",
    ],
)
def test_service_is_refused_wherever_it_hides(text: str) -> None:
    with pytest.raises(QueryRefused, match="SERVICE is refused"):
        check_query(text)


@pytest.mark.parametrize(
    "text",
    [
        "SELECT * FROM <http://example.org/remote.ttl> WHERE { ?s ?p ?o }",
        "SELECT * FROM NAMED <file:///etc/passwd> WHERE { GRAPH ?g { ?s ?p ?o } }",
    ],
)
def test_dataset_clauses_are_refused(text: str) -> None:
    with pytest.raises(QueryRefused, match="FROM and FROM NAMED are refused"):
        check_query(text)


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("SELEC * WHERE { ?s ?p ?o }", r"malformed query: Expected .*found 'SELEC'.*line:1, col:1"),
        ("SELECT * WHERE { ?s ?p }", "malformed query"),
        ("SELECT * WHERE { ?s nope:p ?o }", "malformed query: Unknown namespace prefix : nope"),
        ("", "empty query"),
        ("   \n", "empty query"),
        ("# only a comment", "malformed query"),
    ],
)
def test_malformed_queries_say_why_on_one_line(text: str, message: str) -> None:
    with pytest.raises(QueryError, match=message) as caught:
        check_query(text)
    assert not isinstance(caught.value, QueryRefused)
    assert "\n" not in str(caught.value)
