"""SHACL validation: a conforming graph passes, and each shape catches what it is for."""

from __future__ import annotations

import shutil
from collections.abc import Callable
from dataclasses import dataclass
from io import StringIO
from pathlib import Path

import pytest
from rdflib import Dataset, Graph, Literal, URIRef
from rdflib.compare import isomorphic
from rich.console import Console

from kg.cli import main
from kg.config import PROJECT_DIR
from kg.errors import GraphError
from kg.rdf.namespaces import DATA, KG, NIF, ORG, PROV, RDF, RDFS, SCHEMA, XSD
from kg.validate import (
    DEFAULT_SHAPES,
    ValidationResult,
    Violation,
    load_graph,
    offset_violations,
    print_validation,
    quiet_dataset_deprecations,
    shorten,
    summary,
    union_copy,
    validate_file,
    validate_graph,
)

DATA_DIR = Path(__file__).parent / "data"
VALID = DATA_DIR / "shapes_valid.trig"

# Nodes of tests/data/shapes_valid.trig
ARTICLE = DATA["article/1a9c5fc68bf0c63d"]
GRAPH = DATA["graph/1a9c5fc68bf0c63d"]
CONTEXT = URIRef(f"{ARTICLE}/text#char=0,358")
NATO_SPAN = URIRef(f"{ARTICLE}/text#char=16,20")
MATTIS_SENTENCE = URIRef(f"{ARTICLE}/text#char=149,253")
QUOTE_SPAN = URIRef(f"{ARTICLE}/text#char=150,192")
MATTIS = DATA["person/jim-mattis"]
CANADA = DATA["place/canada"]
DENMARK = DATA["place/denmark"]
NATO = DATA["organization/nato"]
PUBLISHER = DATA["organization/the-jerusalem-post"]
SECDEF = DATA["role/secretary-of-defense"]
POST = DATA["membership/1f2e3d4c5b6a7988"]
LEAD = DATA["membership/99aa00bb11cc22dd"]
INTERVAL = DATA["interval/77bb88cc99dd00ee"]
QUOTE = DATA["quotation/5e6f708192a3b4c5"]
TIME = "http://www.w3.org/2006/time#"


@pytest.fixture
def dataset() -> Dataset:
    return load_graph(VALID)


def test_the_hand_written_graph_conforms(dataset):
    result = validate_graph(dataset)
    assert result.violations == []
    assert result.conforms
    assert result.graph_size == len(union_copy(dataset)) > 100


def test_the_fixture_holds_the_nodes_the_cases_break(dataset):
    union = union_copy(dataset)
    for node in (ARTICLE, CONTEXT, NATO_SPAN, MATTIS_SENTENCE, QUOTE_SPAN, MATTIS, CANADA, DENMARK, NATO,
                 PUBLISHER, SECDEF, POST, LEAD, INTERVAL, QUOTE):
        assert (node, None, None) in union, node
    assert (GRAPH, PROV.wasDerivedFrom, ARTICLE) in dataset.default_graph


def test_a_plain_graph_is_accepted_as_well(dataset):
    graph = Graph().parse(data=union_copy(dataset).serialize(format="turtle"), format="turtle")
    assert validate_graph(graph).conforms


# ---------------------------------------------------------------------------------------------
# Break one rule at a time


def _set(s, p, o) -> Callable[[Dataset], None]:
    """Replace every value of (s, p) by o, in whichever graph it was."""
    def mutate(ds: Dataset) -> None:
        ds.remove((s, p, None, None))
        ds.default_graph.add((s, p, o))
    return mutate


def _drop(s, p, o=None) -> Callable[[Dataset], None]:
    return lambda ds: ds.remove((s, p, o, None))


def _add(s, p, o) -> Callable[[Dataset], None]:
    return lambda ds: ds.default_graph.add((s, p, o))


def _offsets(span, begin, end) -> Callable[[Dataset], None]:
    def mutate(ds: Dataset) -> None:
        _set(span, NIF.beginIndex, Literal(begin))(ds)
        _set(span, NIF.endIndex, Literal(end))(ds)
    return mutate


@dataclass(frozen=True)
class Case:
    id: str
    mutate: Callable[[Dataset], None]
    focus: URIRef
    path: URIRef | None
    component: str


CASES = [
    # articles
    Case("article without headline", _drop(ARTICLE, SCHEMA.headline),
         ARTICLE, SCHEMA.headline, "MinCount"),
    Case("article with two headlines", _add(ARTICLE, SCHEMA.headline, Literal("Another")),
         ARTICLE, SCHEMA.headline, "MaxCount"),
    Case("headline not a string", _set(ARTICLE, SCHEMA.headline, Literal(42)),
         ARTICLE, SCHEMA.headline, "Datatype"),
    Case("article without identifier", _drop(ARTICLE, SCHEMA.identifier),
         ARTICLE, SCHEMA.identifier, "MinCount"),
    Case("article with two identifiers", _add(ARTICLE, SCHEMA.identifier, Literal("other.txt")),
         ARTICLE, SCHEMA.identifier, "MaxCount"),
    Case("date as a plain string", _set(ARTICLE, SCHEMA.datePublished, Literal("2018-02-15")),
         ARTICLE, SCHEMA.datePublished, "Datatype"),
    Case("two publication dates",
         _add(ARTICLE, SCHEMA.datePublished, Literal("2018-02-16", datatype=XSD.date)),
         ARTICLE, SCHEMA.datePublished, "MaxCount"),
    Case("content hash not hex", _set(ARTICLE, KG.contentHash, Literal("abc")),
         ARTICLE, KG.contentHash, "Pattern"),
    Case("publisher without label", _drop(PUBLISHER, RDFS.label),
         ARTICLE, SCHEMA.publisher, "Node"),
    # entities
    Case("entity with two labels", _add(MATTIS, RDFS.label, Literal("James Mattis")),
         MATTIS, RDFS.label, "MaxCount"),
    Case("entity without label", _drop(DENMARK, RDFS.label),
         DENMARK, RDFS.label, "MinCount"),
    Case("entity with no base type", _drop(CANADA, RDF.type, SCHEMA.Place),
         CANADA, None, "Xone"),
    Case("entity with two base types", _add(CANADA, RDF.type, SCHEMA.Organization),
         CANADA, None, "Xone"),
    Case("mentioned thing that is not an entity", _add(ARTICLE, SCHEMA.mentions, DATA["place/atlantis"]),
         DATA["place/atlantis"], None, "Xone"),
    Case("two entity kinds", _add(CANADA, KG.entityKind, Literal("Nation")),
         CANADA, KG.entityKind, "MaxCount"),
    # memberships
    Case("membership without provenance", _drop(POST, PROV.wasDerivedFrom),
         POST, PROV.wasDerivedFrom, "MinCount"),
    Case("membership derived from a non-article", _set(POST, PROV.wasDerivedFrom, DATA["article/missing"]),
         POST, PROV.wasDerivedFrom, "QualifiedMinCount"),
    Case("membership without role", _drop(POST, ORG.role),
         POST, ORG.role, "MinCount"),
    Case("membership with two roles", _add(POST, ORG.role, DATA["role/lead-nation"]),
         POST, ORG.role, "MaxCount"),
    Case("membership without member", _drop(POST, ORG.member),
         POST, ORG.member, "MinCount"),
    Case("membership with two members", _add(POST, ORG.member, NATO),
         POST, ORG.member, "MaxCount"),
    Case("membership in two organisations", _add(POST, ORG.organization, NATO),
         POST, ORG.organization, "MaxCount"),
    Case("membership without evidence", _drop(POST, KG.evidence),
         POST, KG.evidence, "MinCount"),
    Case("lead order zero", _set(LEAD, KG.leadOrder, Literal(0)),
         LEAD, KG.leadOrder, "MinInclusive"),
    Case("lead order as text", _set(LEAD, KG.leadOrder, Literal("2")),
         LEAD, KG.leadOrder, "Datatype"),
    Case("memberDuring not an interval", _drop(INTERVAL, RDF.type),
         LEAD, ORG.memberDuring, "Class"),
    Case("role without label", _drop(SECDEF, RDFS.label),
         SECDEF, RDFS.label, "MinCount"),
    Case("role of an unknown category", _set(SECDEF, KG.roleCategory, Literal("boss")),
         SECDEF, KG.roleCategory, "In"),
    Case("interval begins twice", _add(INTERVAL, URIRef(TIME + "hasBeginning"), URIRef(f"{INTERVAL}/end")),
         INTERVAL, URIRef(TIME + "hasBeginning"), "MaxCount"),
    # quotations
    Case("quotation without text", _drop(QUOTE, SCHEMA.text),
         QUOTE, SCHEMA.text, "MinCount"),
    Case("quotation with two texts", _add(QUOTE, SCHEMA.text, Literal("We will go")),
         QUOTE, SCHEMA.text, "MaxCount"),
    Case("quotation with two speakers", _add(QUOTE, SCHEMA.creator, NATO),
         QUOTE, SCHEMA.creator, "MaxCount"),
    Case("quotation without provenance", _drop(QUOTE, PROV.wasDerivedFrom),
         QUOTE, PROV.wasDerivedFrom, "MinCount"),
    Case("quotation without evidence", _drop(QUOTE, KG.evidence),
         QUOTE, KG.evidence, "MinCount"),
    Case("quote span not a phrase", _drop(QUOTE_SPAN, RDF.type),
         QUOTE, KG.quoteSpan, "Class"),
    # NIF spans
    Case("span with a string offset", _set(NATO_SPAN, NIF.beginIndex, Literal("16")),
         NATO_SPAN, NIF.beginIndex, "MinInclusive"),
    Case("span with a negative offset", _set(NATO_SPAN, NIF.beginIndex, Literal(-1)),
         NATO_SPAN, NIF.beginIndex, "MinInclusive"),
    Case("span ending before it begins", _set(NATO_SPAN, NIF.endIndex, Literal(10)),
         NATO_SPAN, NIF.beginIndex, "LessThanOrEquals"),
    Case("span with two ends", _add(NATO_SPAN, NIF.endIndex, Literal(21)),
         NATO_SPAN, NIF.endIndex, "MaxCount"),
    Case("span without anchor", _drop(NATO_SPAN, NIF.anchorOf),
         NATO_SPAN, NIF.anchorOf, "MinCount"),
    Case("span without context", _drop(NATO_SPAN, NIF.referenceContext),
         NATO_SPAN, NIF.referenceContext, "MinCount"),
    Case("context not a nif:Context", _drop(CONTEXT, RDF.type),
         NATO_SPAN, NIF.referenceContext, "Class"),
    Case("context without text", _drop(CONTEXT, NIF.isString),
         CONTEXT, NIF.isString, "MinCount"),
    Case("anchor differs from the text", _set(NATO_SPAN, NIF.anchorOf, Literal("NATS")),
         NATO_SPAN, NIF.anchorOf, "SPARQL"),
    Case("offsets shifted by one", _offsets(NATO_SPAN, 17, 21),
         NATO_SPAN, NIF.anchorOf, "SPARQL"),
    Case("evidence that is not a span", _set(POST, KG.evidence, MATTIS),
         MATTIS, NIF.beginIndex, "MinCount"),
]


@pytest.mark.parametrize("case", CASES, ids=[c.id for c in CASES])
def test_each_shape_reports_what_it_checks(dataset, case):
    case.mutate(dataset)
    result = validate_graph(dataset)
    assert not result.conforms
    found = {(v.focus, v.path, v.component) for v in result.violations}
    assert (case.focus, case.path, f"{case.component}ConstraintComponent") in found, found
    assert all(v.message and v.severity == "Violation" for v in result.violations)


OFFSET_CASES = [c for c in CASES if c.component == "SPARQL"]


@pytest.mark.parametrize("case", OFFSET_CASES, ids=[c.id for c in OFFSET_CASES])
def test_the_native_offset_check_agrees_with_the_sparql_constraint(dataset, case, tmp_path):
    activated = DEFAULT_SHAPES.read_text(encoding="utf-8").replace("    sh:deactivated true ;\n", "")
    assert activated != DEFAULT_SHAPES.read_text(encoding="utf-8")
    (tmp_path / "shapes.ttl").write_text(activated, encoding="utf-8")
    case.mutate(dataset)

    def offsets(result: ValidationResult) -> list[tuple]:
        return [(v.focus, v.path, v.value, v.message, v.shape) for v in result.violations
                if v.component == "SPARQLConstraintComponent"]

    native = offsets(validate_graph(dataset))
    assert native == offsets(validate_graph(dataset, tmp_path / "shapes.ttl"))
    assert len(native) == 1


def test_offsets_count_code_points_not_utf16_units():
    text = "😀 NATO met."  # the emoji is one code point, two UTF-16 units
    graph = Graph()
    context, span = URIRef("urn:x:ctx"), URIRef("urn:x:span")
    graph.add((context, NIF.isString, Literal(text)))
    for begin, end, ok in ((2, 6, True), (3, 7, False)):
        graph.set((span, NIF.referenceContext, context))
        graph.set((span, NIF.anchorOf, Literal("NATO")))
        graph.set((span, NIF.beginIndex, Literal(begin)))
        graph.set((span, NIF.endIndex, Literal(end)))
        assert (offset_violations(graph) == []) is ok


def test_a_broken_graph_reports_only_what_was_broken(dataset):
    dataset.remove((ARTICLE, SCHEMA.headline, None, None))
    result = validate_graph(dataset)
    assert [(v.focus, v.path) for v in result.violations] == [(ARTICLE, SCHEMA.headline)]
    (violation,) = result.violations
    assert violation.message == "an article has exactly one schema:headline, a plain string"
    assert violation.shape == URIRef("https://w3id.org/kg-news/shapes#Article-headline")


# ---------------------------------------------------------------------------------------------
# The caller's graph is not touched


def test_validation_leaves_the_dataset_unchanged(dataset):
    dataset.remove((ARTICLE, SCHEMA.headline, None, None))  # so that pyshacl has something to report
    before = load_graph(VALID)
    before.remove((ARTICLE, SCHEMA.headline, None, None))
    size = len(list(dataset.quads()))
    validate_graph(dataset)
    assert len(list(dataset.quads())) == size
    names = {g.identifier for g in dataset.graphs()}
    assert names == {g.identifier for g in before.graphs()}
    for name in names:
        assert isomorphic(dataset.graph(name), before.graph(name)), name


def test_validation_leaves_a_plain_graph_unchanged(dataset):
    graph = union_copy(dataset)
    copy = union_copy(graph)
    validate_graph(graph)
    assert len(graph) == len(copy)
    assert isomorphic(graph, copy)


def test_union_copy_takes_every_named_graph(dataset):
    union = union_copy(dataset)
    assert len(union) == len(set((s, p, o) for s, p, o, _ in dataset.quads()))
    assert (QUOTE, SCHEMA.text, Literal("We will go to a consistent mission in Iraq")) in union
    assert (GRAPH, PROV.wasDerivedFrom, ARTICLE) in union


# ---------------------------------------------------------------------------------------------
# Files


def test_an_output_folder_is_read_through_its_graph_trig(tmp_path):
    shutil.copy(VALID, tmp_path / "graph.trig")
    assert validate_file(tmp_path).conforms


def test_an_output_folder_with_only_graph_ttl(tmp_path, dataset):
    union_copy(dataset).serialize(tmp_path / "graph.ttl", format="turtle")
    assert validate_file(tmp_path).conforms


@pytest.mark.parametrize("fmt, suffix", [("nquads", ".nq"), ("turtle", ".ttl"), ("trig", ".trig")])
def test_each_file_format(tmp_path, dataset, fmt, suffix):
    path = tmp_path / f"graph{suffix}"
    with quiet_dataset_deprecations():
        (union_copy(dataset) if fmt == "turtle" else dataset).serialize(path, format=fmt)
    result = validate_file(path)
    assert result.conforms
    assert result.graph_size == len(union_copy(dataset))


@pytest.mark.parametrize("name, content, expected", [
    ("missing.trig", None, "not found"),
    ("broken.trig", "<a> <b> .", "not valid trig"),
    ("broken.ttl", "@prefix : <x> . :a :b", "not valid turtle"),
    ("broken.nq", "<a> <b> <c> <d> <e> .", "not valid nquads"),
    ("graph.json", "{}", "unknown RDF format"),
])
def test_unreadable_files_raise_graph_error(tmp_path, name, content, expected):
    path = tmp_path / name
    if content is not None:
        path.write_text(content, encoding="utf-8")
    with pytest.raises(GraphError, match=expected):
        validate_file(path)


def test_an_empty_folder_raises_graph_error(tmp_path):
    with pytest.raises(GraphError, match=r"no graph\.trig"):
        validate_file(tmp_path)


def test_a_missing_shapes_file_raises_graph_error(tmp_path):
    with pytest.raises(GraphError, match=r"shapes file .* not found"):
        validate_file(VALID, tmp_path / "nope.ttl")


def test_a_broken_shapes_file_raises_graph_error(tmp_path):
    broken = "@prefix sh: <http://www.w3.org/ns/shacl#> . sh:a sh:b"
    (tmp_path / "shapes.ttl").write_text(broken, encoding="utf-8")
    with pytest.raises(GraphError, match="not valid Turtle"):
        validate_file(VALID, tmp_path / "shapes.ttl")


def test_other_shapes_can_be_given():
    result = validate_file(VALID, DATA_DIR / "shapes_about.ttl")
    assert not result.conforms
    assert [(v.focus, v.path) for v in result.violations] == [(ARTICLE, SCHEMA.about)]


# ---------------------------------------------------------------------------------------------
# Printing


def _printed(result: ValidationResult) -> str:
    out = StringIO()
    print_validation(result, Console(file=out, width=200, color_system=None))
    return out.getvalue()


def test_printing_a_conforming_result():
    text = _printed(validate_file(VALID))
    assert text.strip().splitlines() == ["conforms (149 triples checked)"]


def test_printing_groups_by_message_and_caps_the_list(dataset):
    entities = sorted(set(union_copy(dataset).subjects(RDF.type, SCHEMA.Place)))
    for entity in [*entities, MATTIS, NATO, PUBLISHER]:
        dataset.remove((entity, RDFS.label, None, None))
    dataset.remove((ARTICLE, SCHEMA.headline, None, None))
    text = _printed(validate_graph(dataset))
    lines = text.strip().splitlines()
    assert lines[-1].startswith("9 violations (")
    assert sum("an entity has exactly one rdfs:label" in line for line in lines) == 1
    assert "kgr:place/canada  rdfs:label" in text
    assert "… and 2 more" in text
    assert "kgr:article/1a9c5fc68bf0c63d  schema:headline" in text


def test_summary_counts_warnings_apart():
    warning = Violation(ARTICLE, None, "note", "Warning", None)
    error = Violation(ARTICLE, SCHEMA.headline, "broken", "Violation", None)
    assert summary(ValidationResult(True, [warning], 5)) == "conforms (5 triples checked, 1 warning)"
    assert summary(ValidationResult(False, [error, error], 5)) == "2 violations (5 triples checked)"


@pytest.mark.parametrize("node, expected", [
    (MATTIS, "kgr:person/jim-mattis"),
    (NATO_SPAN, "kgr:article/1a9c5fc68bf0c63d/text#char=16,20"),
    (SCHEMA.headline, "schema:headline"),
    (URIRef("http://example.org/x"), "<http://example.org/x>"),
    (Literal("short"), "'short'"),
    (Literal("x" * 100), repr("x" * 57 + "...")),
    (None, "-"),
])
def test_shorten(node, expected):
    assert shorten(node) == expected


# ---------------------------------------------------------------------------------------------
# The command line


def test_cli_exit_codes(tmp_path, capsys):
    assert main(["validate", str(VALID)]) == 0
    assert "conforms" in capsys.readouterr().err

    broken = load_graph(VALID)
    broken.remove((QUOTE, SCHEMA.text, None, None))
    with quiet_dataset_deprecations():
        broken.serialize(tmp_path / "broken.trig", format="trig")
    assert main(["validate", str(tmp_path / "broken.trig")]) == 1
    err = capsys.readouterr().err
    assert "a quotation has exactly one schema:text" in err
    assert "1 violation (" in err

    assert main(["validate", str(tmp_path / "missing.trig")]) == 2
    assert "not found" in capsys.readouterr().err


def test_cli_takes_a_shapes_file(capsys):
    assert main(["validate", str(VALID), "--shapes", str(DATA_DIR / "shapes_about.ttl")]) == 1
    assert "schema:about" in capsys.readouterr().err


# ---------------------------------------------------------------------------------------------
# A real build


@pytest.mark.slow
def test_the_default_output_conforms():
    output = PROJECT_DIR / "output" / "graph.trig"
    if not output.is_file():
        pytest.skip("no output/graph.trig: run kg build first")
    result = validate_file(output)
    assert result.conforms, [(shorten(v.focus), shorten(v.path), v.message) for v in result.violations[:20]]
