"""Result formats: each SPARQL results format read back by rdflib's own parser gives the same rows."""

from __future__ import annotations

import io
import json
from pathlib import Path

import pytest
from rdflib import BNode, Graph, Literal, URIRef
from rdflib.compare import isomorphic
from rdflib.query import Result

from kg.errors import QueryError
from kg.query import GraphSource, QueryResult, negotiate, open_graph, write
from kg.query.formats import shorten, write_table
from kg.rdf.namespaces import XSD

SAMPLE = Path(__file__).parent / "data" / "query_sample.trig"
TRICKY = """
SELECT ?text ?lang ?number ?date ?iri ?blank ?nothing WHERE {
  BIND("a \\"quoted\\", comma,\\ttab\\nand newline \\\\ back" AS ?text)
  BIND(STRLANG("Forsvaret", "da") AS ?lang)
  BIND(42 AS ?number)
  BIND("2020-12-01"^^xsd:date AS ?date)
  BIND(<https://w3id.org/kg-news/id/place/denmark> AS ?iri)
  BIND(BNODE("b1") AS ?blank)
}"""


@pytest.fixture(scope="module")
def source() -> GraphSource:
    return open_graph(SAMPLE)


@pytest.fixture(scope="module")
def tricky(source: GraphSource) -> QueryResult:
    return source.query(TRICKY)


@pytest.mark.parametrize("fmt", ["json", "xml", "tsv"])
def test_formats_read_back_as_the_same_rows(tricky: QueryResult, fmt: str) -> None:
    parsed = Result.parse(io.StringIO(write(tricky, fmt)), format=fmt)
    assert [str(v) for v in parsed.vars or ()] == tricky.variables
    rows = [tuple(row) for row in parsed]  # type: ignore[arg-type]
    assert len(rows) == 1
    for ours, theirs in zip(tricky.rows[0], rows[0], strict=True):
        if isinstance(ours, BNode):
            assert isinstance(theirs, BNode)
        else:
            assert theirs == ours


def test_csv_is_plain_values(tricky: QueryResult) -> None:
    text = write(tricky, "csv")
    assert text.startswith("text,lang,number,date,iri,blank,nothing\r\n")
    parsed = Result.parse(io.StringIO(text), format="csv")
    (row,) = list(parsed)
    assert [str(t) if t is not None else None for t in row] == [  # type: ignore[union-attr]
        'a "quoted", comma,\ttab\nand newline \\ back',
        "Forsvaret",
        "42",
        "2020-12-01",
        "https://w3id.org/kg-news/id/place/denmark",
        row[5] and str(row[5]),
        None,
    ]  # type: ignore[index]
    assert ",_:" in text  # a blank node is written as _:label


def test_json_is_the_w3c_shape(tricky: QueryResult) -> None:
    data = json.loads(write(tricky, "json"))
    assert data["head"] == {"vars": tricky.variables}
    (binding,) = data["results"]["bindings"]
    assert binding["lang"] == {"type": "literal", "value": "Forsvaret", "xml:lang": "da"}
    assert binding["number"] == {"type": "literal", "value": "42", "datatype": str(XSD.integer)}
    assert binding["text"]["type"] == "literal" and "datatype" not in binding["text"]  # a simple literal
    assert binding["iri"] == {"type": "uri", "value": "https://w3id.org/kg-news/id/place/denmark"}
    assert binding["blank"]["type"] == "bnode"
    assert "nothing" not in binding  # unbound


def test_tsv_writes_terms_in_sparql_syntax(tricky: QueryResult) -> None:
    header, row, end = write(tricky, "tsv").split("\n")
    assert header == "?text\t?lang\t?number\t?date\t?iri\t?blank\t?nothing" and end == ""
    cells = row.split("\t")
    assert cells[0] == '"a \\"quoted\\", comma,\\ttab\\nand newline \\\\ back"'
    assert cells[1:5] == [
        '"Forsvaret"@da',
        "42",
        f'"2020-12-01"^^<{XSD.date}>',
        "<https://w3id.org/kg-news/id/place/denmark>",
    ]
    assert cells[5].startswith("_:") and cells[6] == ""


@pytest.mark.parametrize(
    ("fmt", "expected"),
    [
        ("json", '{"head": {}, "boolean": true}\n'),
        ("csv", "true\n"),
        ("tsv", "true\n"),
    ],
)
def test_ask(source: GraphSource, fmt: str, expected: str) -> None:
    assert write(source.query("ASK { ?p a schema:Person }"), fmt) == expected


def test_ask_xml(source: GraphSource) -> None:
    result = Result.parse(io.StringIO(write(source.query("ASK { ?p a kg:Mission }"), "xml")), format="xml")
    assert result.askAnswer is True


@pytest.mark.parametrize("fmt", ["turtle", "ntriples", "rdfxml", "jsonld"])
def test_construct_formats_parse_to_the_same_graph(source: GraphSource, fmt: str) -> None:
    result = source.query(
        "CONSTRUCT { ?p a schema:Person ; rdfs:label ?l } WHERE { ?p a schema:Person ; rdfs:label ?l }"
    )
    assert result.graph is not None and len(result.graph) == 8
    rdflib_format = {"turtle": "turtle", "ntriples": "nt", "rdfxml": "xml", "jsonld": "json-ld"}[fmt]
    assert isomorphic(Graph().parse(data=write(result, fmt), format=rdflib_format), result.graph)


def test_a_format_of_the_wrong_kind_is_an_error(source: GraphSource) -> None:
    with pytest.raises(QueryError, match="'turtle' is for CONSTRUCT/DESCRIBE results, not SELECT"):
        write(source.query("SELECT * WHERE { ?s ?p ?o } LIMIT 1"), "turtle")
    with pytest.raises(QueryError, match="unknown result format 'yaml'"):
        write(source.query("SELECT * WHERE { ?s ?p ?o } LIMIT 1"), "yaml")


@pytest.mark.parametrize(
    ("accept", "graph", "name"),
    [
        (None, False, "json"),
        ("", False, "json"),
        ("*/*", False, "json"),
        ("text/html,application/xhtml+xml,*/*;q=0.8", False, "json"),
        ("application/sparql-results+xml", False, "xml"),
        ("application/sparql-results+json,application/json,text/javascript", False, "json"),
        ("text/csv", False, "csv"),
        ("text/tab-separated-values", False, "tsv"),
        ("text/csv;q=0.5, text/tab-separated-values", False, "tsv"),
        ("application/sparql-results+json;q=0.1, text/*;q=0.9", False, "csv"),
        ("image/png", False, "json"),  # nothing we write: the default rather than 406
        (None, True, "turtle"),
        ("application/rdf+xml", True, "rdfxml"),
        ("application/turtle,text/turtle", True, "turtle"),
        ("application/n-triples", True, "ntriples"),
        ("application/ld+json", True, "jsonld"),
        ("application/sparql-results+json", True, "turtle"),
    ],
)
def test_negotiate(accept: str | None, graph: bool, name: str) -> None:
    assert negotiate(accept, graph).name == name


def test_table_shortens_iris_and_shows_plain_text(source: GraphSource) -> None:
    out = io.StringIO()
    write_table(
        source.query("""SELECT ?p ?label WHERE { ?p a schema:Person ; rdfs:label ?label
                                FILTER(?label = "Jim Mattis") }"""),
        out,
    )
    text = out.getvalue()
    assert "kgr:person/jim-mattis" in text and "Jim Mattis" in text and "1 result" in text
    assert "https://" not in text


def test_shorten() -> None:
    assert shorten(URIRef("https://schema.org/Person")) == "schema:Person"
    assert shorten(URIRef("https://w3id.org/kg-news/ontology#leadOrder")) == "kg:leadOrder"
    assert shorten(URIRef("http://example.org/x")) == "<http://example.org/x>"
    assert shorten(Literal("2020-12-01", datatype=XSD.date)) == "2020-12-01"
    assert shorten(None) == ""
