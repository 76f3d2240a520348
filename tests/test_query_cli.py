"""``kg query`` through ``kg.cli.main``, and ``load_store``."""

from __future__ import annotations

import csv
import io
import json
import shutil
from pathlib import Path

import pytest
from rdflib import RDFS, Graph, Literal, URIRef
from rdflib.compare import isomorphic

from kg.cli import main
from kg.errors import GraphError
from kg.query import is_store, load_store, open_graph

SAMPLE = Path(__file__).parent / "data" / "query_sample.trig"
PEOPLE = "SELECT ?person ?label WHERE { ?person a schema:Person ; rdfs:label ?label } ORDER BY ?label"
LABELS = ["Clay Curtis", "Jens Stoltenberg", "Jim Mattis", "Mette Frederiksen"]


@pytest.fixture(scope="module")
def store_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("query-cli") / "store"
    load_store(SAMPLE, folder)
    return folder


def run(capsys: pytest.CaptureFixture[str], *argv: str | Path) -> tuple[int, str, str]:
    code = main([str(a) for a in argv])
    out, err = capsys.readouterr()
    return code, out, err


def test_table(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "query", SAMPLE, PEOPLE)
    assert code == 0
    assert "person" in out and "label" in out and "kgr:person/jens-stoltenberg" in out and "4 results" in out
    assert [label for label in LABELS if label in out] == LABELS


def test_csv(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "query", SAMPLE, PEOPLE, "--format", "csv")
    rows = list(csv.reader(io.StringIO(out)))
    assert code == 0 and rows[0] == ["person", "label"]
    assert rows[2] == ["https://w3id.org/kg-news/id/person/jens-stoltenberg", "Jens Stoltenberg"]
    assert [r[1] for r in rows[1:]] == LABELS


def test_tsv(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "query", SAMPLE, PEOPLE, "--format", "tsv")
    lines = out.splitlines()
    assert code == 0 and lines[0] == "?person\t?label" and len(lines) == 5
    assert lines[2] == '<https://w3id.org/kg-news/id/person/jens-stoltenberg>\t"Jens Stoltenberg"'


def test_json(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "query", SAMPLE, PEOPLE, "--format", "json")
    data = json.loads(out)
    assert code == 0 and data["head"]["vars"] == ["person", "label"]
    assert [b["label"]["value"] for b in data["results"]["bindings"]] == LABELS
    assert data["results"]["bindings"][0]["person"] == {
        "type": "uri",
        "value": "https://w3id.org/kg-news/id/person/clay-curtis",
    }


@pytest.mark.parametrize(
    ("fmt", "expected"),
    [("table", "true\n"), ("csv", "true\n"), ("tsv", "true\n"), ("json", '{"head": {}, "boolean": true}\n')],
)
def test_ask(capsys: pytest.CaptureFixture[str], fmt: str, expected: str) -> None:
    assert run(capsys, "query", SAMPLE, "ASK { ?m a kg:Mission }", "--format", fmt)[:2] == (0, expected)


def test_ask_false(capsys: pytest.CaptureFixture[str]) -> None:
    assert run(capsys, "query", SAMPLE, "ASK { ?p a schema:Event }")[:2] == (0, "false\n")


@pytest.mark.parametrize("fmt", ["table", "json"])
def test_construct_prints_turtle(capsys: pytest.CaptureFixture[str], fmt: str) -> None:
    # (the query text must come right after GRAPH: argparse takes positionals together)
    construct = "CONSTRUCT { ?m rdfs:label ?l } WHERE { ?m a kg:Mission ; rdfs:label ?l }"
    code, out, _ = run(capsys, "query", SAMPLE, construct, "--format", fmt)
    mission = URIRef("https://w3id.org/kg-news/id/organization/nato-mission-iraq")
    expected = Graph()
    expected.add((mission, RDFS.label, Literal("NATO Mission Iraq")))
    assert code == 0 and isomorphic(Graph().parse(data=out, format="turtle"), expected)


def test_describe_prints_turtle(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "query", SAMPLE, "DESCRIBE <https://w3id.org/kg-news/id/place/denmark>")
    graph = Graph().parse(data=out, format="turtle")
    assert code == 0 and Literal("Denmark") in set(graph.objects())


def test_file(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    query = tmp_path / "people.rq"
    query.write_text(PEOPLE, encoding="utf-8")
    code, out, _ = run(capsys, "query", SAMPLE, "-f", query, "--format", "csv")
    assert code == 0 and out.count("\n") == 5


def test_name_and_bind(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(
        capsys, "query", SAMPLE, "--name", "posts", "--bind", "name=Stoltenberg", "--format", "json"
    )
    bindings = json.loads(out)["results"]["bindings"]
    assert code == 0 and [(b["person"]["value"], b["role"]["value"]) for b in bindings] == [
        ("Jens Stoltenberg", "Secretary General")
    ]


def test_bind_in_a_query_file_with_a_slot(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    query = tmp_path / "who.rq"
    query.write_text("SELECT ?p WHERE {\n  VALUES ?label { UNDEF }\n  ?p rdfs:label ?label }")
    code, out, _ = run(capsys, "query", SAMPLE, "-f", query, "--bind", "label=Jim Mattis", "--format", "csv")
    assert code == 0 and out.splitlines()[1:] == ["https://w3id.org/kg-news/id/person/jim-mattis"]


def test_list(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "query", SAMPLE, "--list")
    assert code == 0
    for name in (
        "posts",
        "mission-leads",
        "quotes",
        "supporting-articles",
        "co-mentions",
        "mentions",
        "timeline",
    ):
        assert name in out
    assert "who holds which role in which organisation" in out and "?name ?org" in out


def test_graph_reaches_each_article_graph(capsys: pytest.CaptureFixture[str], store_dir: Path) -> None:
    query = (
        "SELECT ?g (COUNT(DISTINCT ?m) AS ?memberships) WHERE { GRAPH ?g { ?m a org:Membership } "
        "?g prov:wasDerivedFrom/schema:identifier ?id } GROUP BY ?g ORDER BY ?g"
    )
    for graph in (SAMPLE, store_dir):
        code, out, _ = run(capsys, "query", graph, query, "--format", "csv")
        assert code == 0 and out.splitlines()[1:] == [
            "https://w3id.org/kg-news/id/graph/0a1b2c3d4e5f6a7b,2",
            "https://w3id.org/kg-news/id/graph/1b2c3d4e5f6a7b8c,3",
            "https://w3id.org/kg-news/id/graph/2c3d4e5f6a7b8c9d,2",
        ]


def test_default_graph_is_the_union(capsys: pytest.CaptureFixture[str], store_dir: Path) -> None:
    # the article's description is in the default graph, its mentions in its own graph
    query = "SELECT (COUNT(DISTINCT ?e) AS ?n) WHERE { ?a schema:headline ?h ; schema:mentions ?e }"
    for graph in (SAMPLE, store_dir):
        assert run(capsys, "query", graph, query, "--format", "csv")[:2] == (0, "n\r\n9\r\n")


def test_store_folder(capsys: pytest.CaptureFixture[str], store_dir: Path) -> None:
    assert is_store(store_dir) and open_graph(store_dir).kind == "store"
    code, out, _ = run(capsys, "query", store_dir, "--name", "mission-leads", "--format", "csv")
    assert code == 0 and [r[2] for r in csv.reader(io.StringIO(out))][1:] == ["Canada", "Denmark"]


def test_output_folder_uses_its_graph_trig(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    shutil.copy(SAMPLE, tmp_path / "graph.trig")
    code, out, _ = run(capsys, "query", tmp_path, "ASK { GRAPH ?g { ?q a schema:Quotation } }")
    assert (code, out) == (0, "true\n") and open_graph(tmp_path).kind == "memory"


@pytest.mark.parametrize(
    ("argv", "message"),
    [
        (["SELEC * WHERE { ?s ?p ?o }"], "malformed query: Expected"),
        (["INSERT DATA { <a:b> <a:c> <a:d> }"], "read-only"),
        (["SELECT * WHERE { SERVICE <http://example.org/> { ?s ?p ?o } }"], "SERVICE is refused"),
        ([], "give exactly one of"),
        (["ASK {}", "--name", "posts"], "give exactly one of"),
        (["--name", "nope"], "no ready-made question 'nope'"),
        (["--name", "posts", "--bind", "person=x"], "has no variable ?person"),
        (["--name", "posts", "--bind", "oops"], "--bind takes VAR=VALUE"),
        (["-f", "/nonexistent/q.rq"], "cannot read the query file"),
    ],
)
def test_errors_exit_2_with_one_line(
    capsys: pytest.CaptureFixture[str], argv: list[str], message: str
) -> None:
    code, out, err = run(capsys, "query", SAMPLE, *argv)
    assert code == 2 and out == ""
    assert message in err and err.count("\n") == 1


@pytest.mark.parametrize(
    ("graph", "message"),
    [
        ("/nonexistent/graph.trig", "no such file or folder"),
        ("pyproject.toml", "cannot tell the RDF format"),
        (".", "holds neither graph.trig nor graph.ttl nor an Oxigraph store"),
    ],
)
def test_unreadable_graphs_exit_2(
    capsys: pytest.CaptureFixture[str],
    graph: str,
    message: str,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.chdir(tmp_path)
    (tmp_path / "pyproject.toml").write_text("[x]\n")
    code, _, err = run(capsys, "query", graph, "ASK {}")
    assert code == 2 and message in err


def test_broken_rdf_file_is_a_graph_error(tmp_path: Path) -> None:
    bad = tmp_path / "bad.ttl"
    bad.write_text("<a:b> <a:c> .\n")
    with pytest.raises(GraphError, match=r"cannot read .*bad\.ttl"):
        open_graph(bad)


# --- load_store -------------------------------------------------------------------------------
def test_load_store_replaces_what_the_store_held(tmp_path: Path) -> None:
    folder = tmp_path / "store"
    # 375 quads as written (facts stated by two articles are in both graphs), plus the union of the
    # named graphs copied into the default graph
    assert load_store(SAMPLE, folder) == 652
    small = tmp_path / "small.trig"
    small.write_text("<https://example.org/g> { <https://example.org/a> <https://example.org/b> 1 . }\n")
    assert load_store(small, folder) == 2  # in its graph, and in the default graph
    assert open_graph(folder).query("SELECT ?s ?p ?o WHERE { ?s ?p ?o }").rows == [
        (URIRef("https://example.org/a"), URIRef("https://example.org/b"), Literal(1))
    ]
    assert sorted(p.name for p in tmp_path.iterdir()) == ["small.trig", "store"]  # no leftovers


def test_the_store_default_graph_is_the_union_as_a_set(tmp_path: Path) -> None:
    # one fact stated by 30 articles: its triples are in 30 graphs. Oxigraph's own union default
    # graph would match each triple 30 times, and the two-triple join below 900 times.
    trig = tmp_path / "many.trig"
    trig.write_text(
        "".join(
            f"<https://example.org/graph/{i}> {{ <https://example.org/m> a <http://www.w3.org/ns/org#Membership> ;"
            f" <http://www.w3.org/ns/org#member> <https://example.org/p> . }}\n"
            for i in range(30)
        )
    )
    load_store(trig, tmp_path / "store")
    query = "SELECT ?m ?p WHERE { ?m a org:Membership ; org:member ?p }"
    for graph in (trig, tmp_path / "store"):
        assert len(open_graph(graph).query(query).rows) == 1
        assert open_graph(graph).query(
            "SELECT (COUNT(DISTINCT ?g) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } }"
        ).rows == [(Literal(30),)]


def test_a_store_without_the_marker_uses_the_union_default_graph(tmp_path: Path) -> None:
    load_store(SAMPLE, tmp_path / "store")
    (tmp_path / "store" / "kg-store.json").unlink()
    # a store written by another tool: only the TriG's quads, queried through Oxigraph's union
    source = open_graph(tmp_path / "store")
    assert not source.union_materialised  # type: ignore[attr-defined]
    assert len(source.query("SELECT ?p WHERE { ?p a schema:Person }").rows) == 4


def test_load_store_never_replaces_a_folder_that_is_not_a_store(tmp_path: Path) -> None:
    (tmp_path / "output").mkdir()
    (tmp_path / "output" / "graph.trig").write_text("")
    with pytest.raises(GraphError, match="is not an Oxigraph store"):
        load_store(SAMPLE, tmp_path / "output")
    assert (tmp_path / "output" / "graph.trig").exists()


def test_a_failed_load_keeps_the_previous_store(tmp_path: Path) -> None:
    folder = tmp_path / "store"
    load_store(SAMPLE, folder)
    broken = tmp_path / "broken.trig"
    broken.write_text("<a:g> { <a:s> <a:p> \n")
    with pytest.raises(GraphError, match="cannot load"):
        load_store(broken, folder)
    assert len(open_graph(folder).query("SELECT ?p WHERE { ?p a schema:Person }").rows) == 4
    assert sorted(p.name for p in tmp_path.iterdir()) == ["broken.trig", "store"]
