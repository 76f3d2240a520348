"""The ready-made questions in queries/, answered on the hand-made fixture by both backends."""

from __future__ import annotations

import re
from pathlib import Path

import pyoxigraph as ox
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from rdflib import Literal, URIRef

from kg.config import QUERIES_DIR
from kg.errors import QueryError
from kg.query import GraphSource, list_questions, load_store, open_graph, questions
from kg.query.questions import bind, bind_question, entities_named, get_question, parse_bindings, to_term
from kg.query.source import StoreSource

SAMPLE = Path(__file__).parent / "data" / "query_sample.trig"
A, B, C = "000_nato_iraq.txt", "001_denmark_lead.txt", "002_frederiksen.txt"
KGR = "https://w3id.org/kg-news/id/"


@pytest.fixture(scope="module")
def memory() -> GraphSource:
    return open_graph(SAMPLE)


@pytest.fixture(scope="module")
def store(tmp_path_factory: pytest.TempPathFactory) -> GraphSource:
    folder = tmp_path_factory.mktemp("store") / "store"
    load_store(SAMPLE, folder)
    return open_graph(folder)


@pytest.fixture(scope="module")
def store_asked(store: GraphSource) -> GraphSource:
    """The store with every question asked of it, not read from the answers kept with it."""
    assert isinstance(store, StoreSource)
    return StoreSource(store.path, store.store, store.union_materialised, answers=None)


@pytest.fixture(params=["memory", "store", "store_asked"])
def source(request: pytest.FixtureRequest) -> GraphSource:
    return request.getfixturevalue(request.param)


def ask(source: GraphSource, question: str, /, **bindings: str) -> list[dict[str, str | None]]:
    """The question's rows as ``kg query --name`` gets them (names looked up first), with
    GROUP_CONCAT lists sorted (their order is up to the engine)."""
    rows = questions.ask(source, get_question(question), bindings).records()
    for row in rows:
        for key in ("articles",):
            if row.get(key):
                row[key] = ", ".join(sorted(row[key].split(", ")))  # type: ignore[union-attr]
    return rows


# --- the fixture itself ---------------------------------------------------------------------------
def test_fixture_spans_are_exact_substrings_of_their_context(memory: GraphSource) -> None:
    result = memory.query("""
        SELECT ?anchor ?begin ?end ?text WHERE {
          ?span nif:referenceContext ?ctx ; nif:anchorOf ?anchor ; nif:beginIndex ?begin ; nif:endIndex ?end .
          ?ctx nif:isString ?text }""")
    assert len(result.rows) == 29
    for anchor, begin, end, text in result.rows:
        assert str(text)[int(begin) : int(end)] == str(anchor)


# --- every question, with its expected answer --------------------------------------------------
def test_posts(source: GraphSource) -> None:
    assert ask(source, "posts") == [
        {
            "person": "Jens Stoltenberg",
            "role": "Secretary General",
            "organisation": "NATO",
            "sources": "2",
            "articles": f"{A}, {B}",
        },
        {
            "person": "Jim Mattis",
            "role": "Secretary of Defense",
            "organisation": "United States",
            "sources": "1",
            "articles": A,
        },
        {
            "person": "Mette Frederiksen",
            "role": "Prime Minister",
            "organisation": "Denmark",
            "sources": "1",
            "articles": C,
        },
    ]


@pytest.mark.parametrize(
    ("bindings", "people"),
    [
        ({"name": "Stoltenberg"}, ["Jens Stoltenberg"]),
        ({"name": "jim"}, ["Jim Mattis"]),
        ({"org": "denmark"}, ["Mette Frederiksen"]),
        ({"org": "North Atlantic"}, ["Jens Stoltenberg"]),  # another name of the organisation
        ({"name": "Stoltenberg", "org": "Denmark"}, []),
        ({"name": "Nobody"}, []),
    ],
)
def test_posts_bound(source: GraphSource, bindings: dict[str, str], people: list[str]) -> None:
    assert [r["person"] for r in ask(source, "posts", **bindings)] == people


def test_mission_leads(source: GraphSource) -> None:
    assert ask(source, "mission-leads") == [
        {
            "mission": "NATO Mission Iraq",
            "order": "1",
            "country": "Canada",
            "begin": "2018-10-01",
            "end": "2020-11-30",
            "expression": "from October 2018 to November 2020",
            "articles": B,
        },
        {
            "mission": "NATO Mission Iraq",
            "order": "2",
            "country": "Denmark",
            "begin": "2020-12-01",
            "end": None,
            "expression": "in December",
            "articles": f"{B}, {C}",
        },
    ]
    assert [r["country"] for r in ask(source, "mission-leads", country_name="den")] == ["Denmark"]
    assert ask(source, "mission-leads", mission_name="Afghanistan") == []


def test_quotes(source: GraphSource) -> None:
    rows = ask(source, "quotes")
    assert [(r["speaker"], r["quote"]) for r in rows] == [
        (None, "The mission will continue"),
        ("Jens Stoltenberg", "stand on its own feet"),
        ("Jens Stoltenberg", "Denmark is a committed ally"),
        ("Jim Mattis", "We will go to a consistent mission in Iraq"),
        ("Mette Frederiksen", "Our soldiers will make a difference"),
    ]
    assert rows[1]["first_published"] == "2018-02-15" and rows[1]["articles"] == A
    assert rows[4]["first_published"] is None  # the undated article


@pytest.mark.parametrize(
    ("bindings", "quotes"),
    [
        ({"name": "Stoltenberg"}, ["stand on its own feet", "Denmark is a committed ally"]),
        ({"name": "Mattis", "words": "MISSION"}, ["We will go to a consistent mission in Iraq"]),
        ({"words": "mission"}, ["The mission will continue", "We will go to a consistent mission in Iraq"]),
    ],
)
def test_quotes_bound(source: GraphSource, bindings: dict[str, str], quotes: list[str]) -> None:
    assert [r["quote"] for r in ask(source, "quotes", **bindings)] == quotes


def test_supporting_articles(source: GraphSource) -> None:
    rows = ask(source, "supporting-articles", name="Stoltenberg")
    assert [(r["statement"], r["identifier"]) for r in rows] == [
        ("Secretary General, NATO", A),
        ("Secretary General, NATO", B),
        ("said: Denmark is a committed ally", B),
        ("said: stand on its own feet", A),
    ]
    # each row's evidence is the sentence of that article that states the fact
    assert rows[1]["evidence"] == (
        "Denmark will take over command of NATO Mission Iraq in December, "
        "NATO Secretary General Jens Stoltenberg said."
    )
    assert rows[0]["evidence"] is not None and "Jens Stoltenberg said the alliance" in rows[0]["evidence"]
    assert len(ask(source, "supporting-articles")) == 11


def test_supporting_articles_of_one_fact(source: GraphSource) -> None:
    denmark_lead = source.query(f"""SELECT ?m WHERE {{ ?m org:member <{KGR}place/denmark> ;
                                                         org:role <{KGR}role/lead-nation> }}""").rows[0][0]
    rows = ask(source, "supporting-articles", fact=f"<{denmark_lead}>")
    assert sorted(r["identifier"] for r in rows) == [B, C]  # type: ignore[type-var]
    assert {r["subject"] for r in rows} == {"Denmark"}


def test_co_mentions(source: GraphSource) -> None:
    rows = ask(source, "co-mentions")
    assert len(rows) == 21
    assert {(r["entity"], r["other"], r["articles"]) for r in rows[:2]} == {
        ("NATO", "Jens Stoltenberg", "2"),
        ("NATO Mission Iraq", "Denmark", "2"),
    }
    assert all(r["articles"] == "1" for r in rows[2:])
    denmark = ask(source, "co-mentions", name="denmark")
    assert [(r["other"], r["articles"]) for r in denmark] == [
        ("NATO Mission Iraq", "2"),
        ("Canada", "1"),
        ("Jens Stoltenberg", "1"),
        ("Mette Frederiksen", "1"),
        ("NATO", "1"),
    ]


def test_mentions(source: GraphSource) -> None:
    rows = ask(source, "mentions", name="Stoltenberg")
    assert rows == [
        {
            "label": "Jens Stoltenberg",
            "identifier": A,
            "published": "2018-02-15",
            "headline": "NATO agrees training mission in Iraq",
            "times": "1",
            "as": "Jens Stoltenberg",
        },
        {
            "label": "Jens Stoltenberg",
            "identifier": B,
            "published": "2020-11-20",
            "headline": "Denmark to take over NATO Mission Iraq",
            "times": "2",
            "as": rows[1]["as"],
        },
    ]
    assert sorted(rows[1]["as"].split(" | ")) == ["Jens Stoltenberg", "Stoltenberg"]  # type: ignore[union-attr]
    assert [r["identifier"] for r in ask(source, "mentions", entity="kgr:place/united-states")] == [A]
    assert len(ask(source, "mentions")) == 13


def test_timeline(source: GraphSource) -> None:
    rows = ask(source, "timeline")
    assert [(r["date"], r["event"], r["what"]) for r in rows] == [
        ("2018-02-15", "published", "NATO agrees training mission in Iraq"),
        ("2018-10-01", "begins", "Canada: lead nation, NATO Mission Iraq"),
        ("2020-11-20", "published", "Denmark to take over NATO Mission Iraq"),
        ("2020-11-30", "ends", "Canada: lead nation, NATO Mission Iraq"),
        ("2020-12-01", "begins", "Denmark: lead nation, NATO Mission Iraq"),
    ]
    assert rows[4]["expression"] == "in December"
    canada = ask(source, "timeline", name="canada")
    assert [r["date"] for r in canada] == ["2018-10-01", "2020-11-20", "2020-11-30"]


def test_every_question_is_tested() -> None:
    tested = {
        "posts",
        "mission-leads",
        "quotes",
        "supporting-articles",
        "co-mentions",
        "mentions",
        "timeline",
    }
    assert {q.name for q in list_questions()} == tested


# --- the question files ------------------------------------------------------------------------
@pytest.mark.parametrize("question", list_questions(), ids=lambda q: q.name)
def test_question_file_documents_each_slot(question) -> None:  # type: ignore[no-untyped-def]
    assert question.text.startswith("# ") and question.summary
    slots = set(re.findall(r"^\s*VALUES\s+\?(\w+)\s*\{\s*UNDEF\s*\}", question.text, re.MULTILINE))
    assert slots == set(question.variables) | set(question.lookups.values()) and slots
    # every name variable is looked up: on a big graph a name filtered only at the end takes minutes
    names = {v for v, doc in question.variables.items() if "name" in doc and "IRI" not in doc}
    assert set(question.lookups) == names
    # it also runs in any SPARQL tool: it declares its own prefixes
    body = "\n".join(line for line in question.text.splitlines() if not line.lstrip().startswith("#"))
    used = set(re.findall(r"(?<![\w<:/])([a-z]+):[A-Za-z]", body))
    declared = set(re.findall(r"^PREFIX\s+(\w+):", question.text, re.MULTILINE))
    assert used and used <= declared


NAMES = ["Stoltenberg", "stoltenberg", "NATO", "iraq", "Denmark", "canada", "Frederiksen", "a", "nobody"]


@pytest.mark.parametrize("question", list_questions(), ids=lambda q: q.name)
def test_looking_names_up_first_gives_the_same_answers(source: GraphSource, question) -> None:  # type: ignore[no-untyped-def]
    for variable in question.lookups:
        for name in NAMES:
            narrowed = questions.ask(source, question, {variable: name}).records()
            filtered = source.query(bind_question(question, {variable: name})).records()
            assert sorted(map(str, narrowed)) == sorted(map(str, filtered)), (variable, name)


@pytest.mark.parametrize(("question", "column", "separator"), [
    ("posts", "articles", ", "), ("mission-leads", "articles", ", "),  # no quote here is in two articles
    ("timeline", "articles", ", "), ("mentions", "as", " | "),
])
def test_lists_come_out_sorted(source: GraphSource, question: str, column: str, separator: str) -> None:
    """GROUP_CONCAT's order is up to the engine (rdflib's changes from run to run): the questions
    order the rows first, so the same graph always prints the same lists."""
    lists = [str(r[column]).split(separator) for r in questions.ask(source, get_question(question), {}).records()]
    assert any(len(values) > 1 for values in lists)
    assert all(values == sorted(values) for values in lists)


def test_entities_named_matches_labels_and_other_names_in_any_case(source: GraphSource) -> None:
    assert entities_named(source, "stoltenberg") == [URIRef(KGR + "person/jens-stoltenberg")]
    assert set(entities_named(source, "Iraq")) >= {URIRef(KGR + "place/iraq")}
    assert entities_named(source, "no such name") == []
    assert entities_named(source, 'a "quoted" \\ name') == []  # any text is one literal


def test_a_name_that_matches_nothing_answers_nothing(source: GraphSource) -> None:
    for question in list_questions():
        for variable in question.lookups:
            assert questions.ask(source, question, {variable: "no such name"}).rows == [], question.name


def test_unknown_question_lists_the_known_ones() -> None:
    with pytest.raises(QueryError, match="known: co-mentions, mentions"):
        get_question("nope")
    with pytest.raises(QueryError, match="no ready-made question"):
        get_question("../pyproject")


def test_binding_an_undocumented_variable_is_refused() -> None:
    with pytest.raises(QueryError, match=r"has no variable \?person; it takes \?name, \?org"):
        bind_question(get_question("posts"), {"person": "x"})


# --- binding is safe -------------------------------------------------------------------------------
ECHO = "SELECT ?v WHERE {\n  VALUES ?v { UNDEF }\n}"


@pytest.mark.parametrize(
    "value",
    [
        'x" } } ; DROP ALL #',
        'a\\" } INSERT DATA { <a:b> <a:c> <a:d> } #',
        "line\nbreak\r",
        "tab\there",
        "back\\slash\\",
        "'single'",
        "}",
        "$x",
        "\x00\x0b\x85\u2028",
        "",
    ],
)
def test_bound_text_is_one_literal_whatever_it_holds(
    memory: GraphSource, store: GraphSource, value: str
) -> None:
    for source in (memory, store):
        assert source.query(bind(ECHO, {"v": value})).rows == [(Literal(value),)]


@pytest.mark.parametrize(
    ("value", "message"),
    [
        ("\\u0022) } #", "would read its \\\\u or \\\\U as a character escape"),
        ("<not an iri>", "not an absolute IRI"),
    ],
)
def test_values_that_cannot_be_bound_faithfully_are_refused(value: str, message: str) -> None:
    with pytest.raises(QueryError, match=message):
        bind(ECHO, {"v": value})


@settings(max_examples=100, deadline=None)
@given(st.text(alphabet=st.characters(blacklist_categories=("Cs",)), max_size=40))
def test_any_text_binds_to_exactly_that_literal(memory: GraphSource, value: str) -> None:
    if (value.startswith("<") and value.endswith(">")) or (len(value) >= 2 and value[0] == value[-1] == '"'):
        return  # those spellings mean an IRI and a quoted literal: tested above
    if re.fullmatch(r"[A-Za-z][A-Za-z0-9_-]*:\S*", value) or re.search(r"\\[uU]", value):
        return  # may be a prefixed name, or holds a SPARQL codepoint escape: tested above
    assert memory.query(bind(ECHO, {"v": value})).rows == [(Literal(value),)]


def test_values_are_iris_when_written_as_iris() -> None:
    assert to_term("kgr:place/denmark") == URIRef(KGR + "place/denmark")
    assert to_term("<https://example.org/x>") == URIRef("https://example.org/x")
    assert to_term("unknownprefix:x") == Literal("unknownprefix:x")
    assert to_term('"kgr:place/denmark"') == Literal("kgr:place/denmark")
    with pytest.raises(QueryError, match="not an absolute IRI"):
        to_term("<https://example.org/a> <b>")
    with pytest.raises(QueryError, match="not an absolute IRI"):
        to_term("<relative>")


def test_bind_needs_a_slot() -> None:
    with pytest.raises(QueryError, match=r"no line 'VALUES \?x \{ UNDEF \}'"):
        bind("SELECT ?x WHERE { ?x ?p ?o }", {"x": "1"})
    with pytest.raises(QueryError, match="no line"):  # a slot inside a comment is no slot
        bind("SELECT ?x WHERE { ?x ?p ?o # VALUES ?x { UNDEF }\n}", {"x": "1"})


@pytest.mark.parametrize(
    ("items", "expected"),
    [
        (["name=Stoltenberg"], {"name": "Stoltenberg"}),
        (["?name=a=b", "$org="], {"name": "a=b", "org": ""}),
    ],
)
def test_parse_bindings(items: list[str], expected: dict[str, str]) -> None:
    assert parse_bindings(items) == expected


@pytest.mark.parametrize("item", ["name", "=x", "na me=x", "?=x"])
def test_parse_bindings_rejects(item: str) -> None:
    with pytest.raises(QueryError, match="--bind takes VAR=VALUE"):
        parse_bindings([item])


def test_questions_folder_is_the_projects() -> None:
    assert Path(__file__).resolve().parents[1] / "queries" == QUERIES_DIR


# --- the questions tolerate what the contract leaves optional ---------------------------------------
@pytest.fixture(scope="module")
def sparse(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The fixture without B's identifier, C's headline, dates, time expressions and B's spans."""
    schema, kg = "https://schema.org/", "https://w3id.org/kg-news/ontology#"
    b, c = KGR + "article/1b2c3d4e5f6a7b8c", KGR + "article/2c3d4e5f6a7b8c9d"
    quads = list(ox.parse(path=SAMPLE, format=ox.RdfFormat.TRIG))
    b_spans = {
        q.subject
        for q in quads
        if q.predicate.value == "http://www.w3.org/2005/11/its/rdf#taIdentRef"
        and q.subject.value.startswith(b)
    }
    kept = [
        q
        for q in quads
        if q.subject not in b_spans
        and not (
            (q.subject.value == b and q.predicate.value == schema + "identifier")
            or (q.subject.value == c and q.predicate.value == schema + "headline")
            or q.predicate.value in (schema + "datePublished", kg + "timeExpression")
        )
    ]
    assert len(quads) - len(kept) == 6 * 6 + 1 + 1 + 2 + 2
    path = tmp_path_factory.mktemp("sparse") / "sparse.trig"
    ox.serialize(kept, path, format=ox.RdfFormat.TRIG)
    return path


@pytest.mark.parametrize("question", [q.name for q in list_questions()])
def test_questions_run_when_optional_data_is_missing(sparse: Path, tmp_path: Path, question: str) -> None:
    load_store(sparse, tmp_path / "store")
    answers = [
        open_graph(g).query(get_question(question).text).records() for g in (sparse, tmp_path / "store")
    ]
    assert len(answers[0]) == len(answers[1])
    if question == "posts":  # an article without identifier is named by its IRI
        assert any(KGR + "article/1b2c3d4e5f6a7b8c" in str(r["articles"]) for r in answers[0])
