"""Answers kept with the store (``answers.py``), pages of answers, and ``kg query --limit/--offset``."""

from __future__ import annotations

import sqlite3
from dataclasses import replace
from pathlib import Path

import pyoxigraph as ox
import pytest
from rdflib import BNode, Literal, URIRef

from kg.cli import main
from kg.query import GraphSource, list_questions, load_store, open_graph
from kg.query.answers import ANSWERS, KeptAnswers, keep_answers
from kg.query.check import CheckedQuery
from kg.query.cli import rows_to_show
from kg.query.questions import ask, entities_named, get_question, read_question
from kg.query.results import QueryResult, from_oxigraph, page
from kg.query.source import StoreSource

SAMPLE = Path(__file__).parent / "data" / "query_sample.trig"
QUESTIONS = [q.name for q in list_questions()]


@pytest.fixture(scope="module")
def store_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("answers") / "store"
    load_store(SAMPLE, folder)
    return folder


@pytest.fixture(scope="module")
def store(store_dir: Path) -> StoreSource:
    source = open_graph(store_dir)
    assert isinstance(source, StoreSource)
    return source


@pytest.fixture(scope="module")
def asked(store: StoreSource) -> StoreSource:
    """The same store, every question asked live."""
    return StoreSource(store.path, store.store, store.union_materialised, answers=None)


def refuse_queries(monkeypatch: pytest.MonkeyPatch, source: GraphSource) -> None:
    def run(query: CheckedQuery) -> QueryResult:
        raise AssertionError(f"asked live: {query.text[:60]}")

    monkeypatch.setattr(source, "run", run)


# --- what is kept -----------------------------------------------------------------------------------
def test_the_store_keeps_an_answer_for_every_question(store_dir: Path) -> None:
    db = sqlite3.connect(store_dir / ANSWERS)
    assert sorted(name for (name,) in db.execute("SELECT name FROM question")) == sorted(QUESTIONS)


@pytest.mark.parametrize("question", QUESTIONS)
def test_a_kept_answer_is_the_live_answer(store: StoreSource, asked: StoreSource, question: str) -> None:
    live = ask(asked, get_question(question), {})
    kept = store.kept_answer(get_question(question), None, 0)
    assert kept is not None and live.rows  # the fixture answers every question
    assert (kept.variables, kept.rows, kept.total) == (live.variables, live.rows, len(live.rows))


@pytest.mark.parametrize("question", QUESTIONS)
@pytest.mark.parametrize(("limit", "offset"), [(1, 0), (2, 1), (None, 2), (3, 1000), (0, 0)])
def test_pages_of_a_kept_answer_are_pages_of_the_live_answer(
    store: StoreSource, asked: StoreSource, question: str, limit: int | None, offset: int
) -> None:
    live = ask(asked, get_question(question), {})
    kept = ask(store, get_question(question), {}, limit, offset)
    end = None if limit is None else offset + limit
    assert kept.rows == live.rows[offset:end]
    assert (kept.total, kept.offset) == (len(live.rows), offset)
    assert ask(asked, get_question(question), {}, limit, offset) == kept  # the live page is the same


def test_unbound_questions_are_read_not_asked(store: StoreSource, monkeypatch: pytest.MonkeyPatch) -> None:
    refuse_queries(monkeypatch, store)
    assert len(ask(store, get_question("posts"), {}, limit=2).rows) == 2
    with pytest.raises(AssertionError, match="asked live"):
        ask(store, get_question("posts"), {"name": "Mattis"})  # bound: always asked


@pytest.mark.parametrize("name", ["mattis", "JENS", "Stoltenberg", "nato", "Iraq", "e", "Merkytė", "zzz", ""])
def test_kept_names_find_the_entities_sparql_finds(store: StoreSource, asked: StoreSource, name: str) -> None:
    kept = store.kept_entities_named(name)
    assert kept is not None and sorted(kept) == sorted(entities_named(asked, name))


def test_a_bound_question_looks_names_up_in_the_kept_names(
    store: StoreSource, monkeypatch: pytest.MonkeyPatch
) -> None:
    asked: list[str] = []
    run = store.run
    monkeypatch.setattr(store, "run", lambda query: asked.append(query.text) or run(query))
    rows = ask(store, get_question("posts"), {"name": "stoltenberg"}).records()
    assert [row["person"] for row in rows] == ["Jens Stoltenberg"]
    # one query, the question, started from the entity the kept names gave
    assert (
        len(asked) == 1 and "VALUES ?p { <https://w3id.org/kg-news/id/person/jens-stoltenberg> }" in asked[0]
    )


def test_an_edited_question_is_asked_live(store: StoreSource, asked: StoreSource) -> None:
    question = get_question("posts")
    edited = replace(question, text=question.text.replace("ORDER BY ?person", "ORDER BY DESC(?person)"))
    assert store.kept_answer(edited, None, 0) is None
    live = ask(store, edited, {})
    assert live.rows == list(reversed(ask(asked, question, {}).rows)) and live.total is None


def test_a_store_without_answers_asks_live(tmp_path: Path) -> None:
    load_store(SAMPLE, tmp_path / "store", keep=False)
    source = open_graph(tmp_path / "store")
    assert not (tmp_path / "store" / ANSWERS).exists() and isinstance(source, StoreSource)
    assert source.answers is None
    leads = ask(source, get_question("mission-leads"), {}).records()
    assert [row["country"] for row in leads] == ["Canada", "Denmark"]


def test_answers_in_another_format_are_ignored(store_dir: Path, tmp_path: Path) -> None:
    copy = tmp_path / ANSWERS
    copy.write_bytes((store_dir / ANSWERS).read_bytes())
    db = sqlite3.connect(copy)
    db.execute("PRAGMA user_version = 0")
    db.close()
    assert KeptAnswers.open(tmp_path) is None
    assert KeptAnswers.open(tmp_path / "nowhere") is None


def test_a_damaged_answers_file_is_asked_live(tmp_path: Path) -> None:
    (tmp_path / ANSWERS).write_bytes(b"not a database at all" * 100)
    assert KeptAnswers.open(tmp_path) is None


def test_every_kind_of_term_comes_back_as_it_was(tmp_path: Path) -> None:
    ex = "http://example.org/"
    store = ox.Store()
    rows = [
        (ox.NamedNode(ex + "a"), ox.Literal('plain "quoted" é\n')),
        (ox.NamedNode(ex + "b"), ox.Literal("Paris", language="fr")),
        (
            ox.NamedNode(ex + "c"),
            ox.Literal("2020-01-02", datatype=ox.NamedNode("http://www.w3.org/2001/XMLSchema#date")),
        ),
        (ox.NamedNode(ex + "d"), ox.BlankNode("b0")),
        (ox.NamedNode(ex + "e"), ox.NamedNode(ex + "iri?x=%3C1%3E#é")),
    ]
    store.extend(ox.Quad(s, ox.NamedNode(ex + "p"), o) for s, o in rows)
    store.add(ox.Quad(ox.NamedNode(ex + "f"), ox.NamedNode(ex + "q"), ox.Literal("x")))
    (tmp_path / "q.rq").write_text(
        "# every term\nSELECT ?s ?o WHERE { ?s ?p ?any OPTIONAL { ?s <http://example.org/p> ?o } } ORDER BY ?s\n"
    )
    question = read_question(tmp_path / "q.rq")
    assert keep_answers(store, tmp_path, [question]) == 6
    kept = KeptAnswers.open(tmp_path)
    assert kept is not None
    answer = kept.page(question)
    live = from_oxigraph(store.query(question.text), "SELECT")
    assert answer is not None and answer.rows == live.rows
    assert answer.column("o")[:3] == [
        Literal('plain "quoted" é\n'),
        Literal("Paris", lang="fr"),
        Literal("2020-01-02", datatype=URIRef("http://www.w3.org/2001/XMLSchema#date")),
    ]
    assert answer.column("o")[3:] == [BNode("b0"), URIRef(ex + "iri?x=%3C1%3E#é"), None]


# --- pages ------------------------------------------------------------------------------------------
def test_page_leaves_whole_answers_and_other_forms_alone() -> None:
    rows = [(Literal(n),) for n in range(5)]
    whole = QueryResult("SELECT", ["n"], rows)
    assert page(whole, None, 0) is whole
    assert page(QueryResult("ASK", boolean=True), 1, 3).boolean is True
    assert page(whole, 2, 4) == QueryResult("SELECT", ["n"], rows[4:], total=5, offset=4)
    assert page(whole, 2, 9).rows == [] and page(whole, 2, 9).total == 5


@pytest.mark.parametrize(
    ("limit", "fmt", "expected"),
    [(None, "table", 100), (None, "csv", None), (None, "json", None), (0, "table", None), (7, "csv", 7)],
)
def test_rows_to_show(limit: int | None, fmt: str, expected: int | None) -> None:
    assert rows_to_show(limit, fmt) == expected


# --- kg query ---------------------------------------------------------------------------------------
def run(capsys: pytest.CaptureFixture[str], *argv: str | Path) -> tuple[int, str, str]:
    code = main([str(a) for a in argv])
    out, err = capsys.readouterr()
    return code, out, err


def test_a_page_in_a_table_says_how_to_see_the_rest(
    capsys: pytest.CaptureFixture[str], store_dir: Path
) -> None:
    total = len(ask(open_graph(store_dir), get_question("co-mentions"), {}).rows)
    code, out, _ = run(capsys, "query", store_dir, "--name", "co-mentions", "--limit", "2")
    assert code == 0 and f"rows 1-2 of {total}: --offset 2 for the next page, --limit 0 for all" in out
    code, out, _ = run(
        capsys, "query", store_dir, "-n", "co-mentions", "--limit", "2", "--offset", str(total - 1)
    )
    assert f"rows {total}-{total} of {total}: --limit 0 for all" in out
    code, out, _ = run(capsys, "query", store_dir, "-n", "co-mentions", "--offset", str(total + 5))
    assert f"no rows after the first {total + 5}: {total} results in all" in out


def test_pages_of_any_query_in_any_format(capsys: pytest.CaptureFixture[str]) -> None:
    query = "SELECT ?label WHERE { ?p a schema:Person ; rdfs:label ?label } ORDER BY ?label"
    code, out, _ = run(capsys, "query", SAMPLE, query, "--format", "csv", "--limit", "2", "--offset", "1")
    assert code == 0 and out.splitlines() == ["label", "Jens Stoltenberg", "Jim Mattis"]
    code, out, _ = run(capsys, "query", SAMPLE, query, "--format", "csv")
    assert len(out.splitlines()) == 5  # csv: every row unless told otherwise


@pytest.mark.parametrize("value", ["-1", "ten", "1.5"])
def test_limit_and_offset_take_whole_numbers(capsys: pytest.CaptureFixture[str], value: str) -> None:
    for option in ("--limit", "--offset"):
        with pytest.raises(SystemExit) as exit_:
            main(["query", str(SAMPLE), "ASK {}", option, value])
        assert exit_.value.code == 2 and "expected a whole number, 0 or more" in capsys.readouterr().err
