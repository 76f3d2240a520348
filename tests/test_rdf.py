"""IRI minting (property tests) and the graph a small build writes (the query contract's promises)."""

from __future__ import annotations

import re
import unicodedata
from datetime import date
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st
from rdflib import Dataset, Graph, Literal, URIRef
from rdflib.compare import isomorphic
from rdflib.namespace import OWL, RDF, RDFS, SKOS, TIME, XSD

from kg.config import BuildConfig
from kg.model import LEAD_NATION, Article, Corpus, Entity, Extraction, Membership, Mention, Span, TimeSpec
from kg.pipeline import build
from kg.rdf import terms
from kg.rdf.build import StatementBuilder, _topological
from kg.rdf.export import GraphWriter
from kg.rdf.iri import article_iri, entity_iri, fact_iri, graph_iri, role_iri, slug, text_iri
from kg.rdf.namespaces import KG, NIF, ORG, PROV, SCHEMA

IRI = re.compile(r"^https://w3id\.org/kg-news/id/[a-z]+/[a-z0-9-]+$")
KINDS = st.sampled_from(["Person", "Organization", "Place"])


def folds_outside_ascii(text: str) -> bool:
    """True when accents aside, the text has letters no ASCII slug can spell (Cyrillic, Ł, CJK ...)."""
    folded = unicodedata.normalize("NFKD", text)
    return any(ord(c) > 127 for c in folded if not unicodedata.combining(c))


# --- IRI minting ----------------------------------------------------------------------------


@given(st.text())
def test_a_slug_is_lower_case_ascii_letters_digits_and_hyphens(text):
    assert re.fullmatch(r"[a-z0-9-]+", slug(text))
    assert not slug(text).startswith("-") and not slug(text).endswith("-")


@given(KINDS, st.text())
def test_entity_iris_are_safe_whatever_the_name(kind, name):
    iri = entity_iri(kind, name)
    assert IRI.match(str(iri)), iri
    assert entity_iri(kind, name) == iri  # deterministic


@given(st.text())
def test_role_and_fact_iris_are_safe(text):
    assert IRI.match(str(role_iri(text)))
    assert IRI.match(str(fact_iri("membership", text, "x")))
    assert fact_iri("membership", text, "x") == fact_iri("membership", text, "x")


@given(st.text(min_size=1), st.text(min_size=1))
def test_names_in_other_scripts_never_share_a_slug(a, b):
    if a != b and (folds_outside_ascii(a) or folds_outside_ascii(b)):
        assert slug(a) != slug(b)


LETTERS = st.text(st.characters(whitelist_categories=["Lo", "Lu", "Ll"]), min_size=1, max_size=40)


@given(st.lists(LETTERS, min_size=2, max_size=8, unique=True))
def test_distinct_names_in_any_script_get_distinct_iris_once_folded(names):
    """Names that differ after case and accent folding never share an IRI."""

    def key(name: str) -> str:
        folded = "".join(c for c in unicodedata.normalize("NFKD", name) if not unicodedata.combining(c))
        return folded.lower()

    by_iri: dict[URIRef, set[str]] = {}
    for name in names:
        by_iri.setdefault(entity_iri("Person", name), set()).add(key(name))
    assert all(len(keys) == 1 for keys in by_iri.values())


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        pytest.param("Jens Example", "person/jens-example", id="plain"),
        pytest.param("Kajári Pál", "person/kajari-pal", id="accents-folded"),
        pytest.param("  O'Neill-Smith, Jr. ", "person/o-neill-smith-jr", id="punctuation"),
    ],
)
def test_entity_iri_examples(name, expected):
    assert str(entity_iri("Person", name)) == f"https://w3id.org/kg-news/id/{expected}"


@pytest.mark.parametrize(
    ("a", "b"),
    [
        pytest.param("Иван Петров", "Пётр Иванов", id="cyrillic"),
        pytest.param("Łukasz Nowak", "Lukasz Nowak", id="stroke-l-vs-l"),
        pytest.param("李明", "王明", id="cjk"),
    ],
)
def test_non_latin_examples_do_not_collide(a, b):
    assert entity_iri("Person", a) != entity_iri("Person", b)
    assert IRI.match(str(entity_iri("Person", a)))


def test_long_names_sharing_a_prefix_do_not_collide():
    stem = "United Nations Office for the Coordination of Humanitarian Affairs"
    assert entity_iri("Organization", stem + " in Iraq") != entity_iri("Organization", stem + " in Syria")


def test_text_iri_is_an_rfc5147_range_on_the_article():
    article = URIRef("https://w3id.org/kg-news/id/article/0123456789abcdef")
    assert str(text_iri(article, 3, 17)) == f"{article}/text#char=3,17"


# --- a small build ----------------------------------------------------------------------------

ARTICLE_A = """Ministers extend air mission
May 16, 2022

VILNIUS – NATO Secretary General Henrik Aasen said on Thursday that the air training mission would be \
extended. "The pilots have done more than we hoped," Aasen told reporters in the Lithuanian capital.
"""
ARTICLE_B = """Alliance backs new radar plan for Kraków
May 20, 2022

NATO Secretary General Henrik Aasen backed the radar plan on Friday. Lithuanian Defence Minister Rasa \
Vaitkutė welcomed the decision — and the money.
"""


def run_build(inputs: Path, output: Path) -> tuple[Dataset, Graph]:
    config = BuildConfig(output=output, cache=False, validate=False, html=False, progress=False)
    report = build([inputs], config)
    assert report.articles == 2 and report.skipped == []
    dataset = Dataset()
    dataset.parse(output / "graph.trig", format="trig")
    return dataset, Graph().parse(output / "graph.ttl", format="turtle")


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    inputs = tmp_path_factory.mktemp("articles")
    (inputs / "a.txt").write_text(ARTICLE_A, encoding="utf-8")
    (inputs / "b.txt").write_text(ARTICLE_B, encoding="utf-8")
    first = run_build(inputs, tmp_path_factory.mktemp("first"))
    second = run_build(inputs, tmp_path_factory.mktemp("second"))
    return first, second


@pytest.fixture(scope="module")
def ttl(built) -> Graph:
    return built[0][1]


@pytest.fixture(scope="module")
def trig(built) -> Dataset:
    return built[0][0]


@pytest.mark.slow
def test_every_nif_span_is_the_substring_of_its_context(ttl):
    spans = list(ttl.subjects(NIF.referenceContext, None))
    assert len(spans) >= 10
    for span in spans:
        context = ttl.value(span, NIF.referenceContext)
        text = str(ttl.value(context, NIF.isString))
        begin, end = int(ttl.value(span, NIF.beginIndex)), int(ttl.value(span, NIF.endIndex))
        assert text[begin:end] == str(ttl.value(span, NIF.anchorOf)), span
        assert str(span).endswith(f"#char={begin},{end}")


@pytest.mark.slow
@pytest.mark.parametrize("cls", [ORG.Membership, SCHEMA.Quotation], ids=["membership", "quotation"])
def test_every_fact_node_is_derived_from_an_article(ttl, cls):
    nodes = list(ttl.subjects(RDF.type, cls))
    assert nodes
    for node in nodes:
        sources = list(ttl.objects(node, PROV.wasDerivedFrom))
        assert sources and all((s, RDF.type, SCHEMA.NewsArticle) in ttl for s in sources)


@pytest.mark.slow
def test_the_same_post_in_two_articles_is_one_node_with_two_sources(ttl):
    aasen = URIRef("https://w3id.org/kg-news/id/person/henrik-aasen")
    posts = list(ttl.subjects(ORG.member, aasen))
    assert len(posts) == 1
    assert ttl.value(posts[0], ORG.organization) == URIRef("https://w3id.org/kg-news/id/organization/nato")
    assert ttl.value(ttl.value(posts[0], ORG.role), RDFS.label) == Literal("Secretary General")
    assert len(set(ttl.objects(posts[0], PROV.wasDerivedFrom))) == 2


@pytest.mark.slow
def test_each_article_graph_states_the_shared_post_and_is_derived_from_its_article(trig):
    aasen = URIRef("https://w3id.org/kg-news/id/person/henrik-aasen")
    named = [g for g in trig.graphs() if g.identifier != trig.default_graph.identifier and len(g)]
    assert len(named) == 2
    default = trig.default_graph
    for graph in named:
        (article,) = default.objects(graph.identifier, PROV.wasDerivedFrom)
        assert (article, RDF.type, SCHEMA.NewsArticle) in default
        (post,) = graph.subjects(ORG.member, aasen)
        assert (post, PROV.wasDerivedFrom, article) in graph


@pytest.mark.slow
def test_the_turtle_file_is_the_union_of_the_trig_graphs(trig, ttl):
    union = Graph()
    for s, p, o, _ in trig.quads((None, None, None, None)):
        union.add((s, p, o))
    assert len(union) == len(ttl)
    assert isomorphic(union, ttl)


@pytest.mark.slow
def test_building_twice_gives_the_same_graph_and_iris(built):
    (trig1, ttl1), (trig2, ttl2) = built
    assert isomorphic(ttl1, ttl2)
    assert set(ttl1) == set(ttl2)  # no blank nodes: the very same IRIs
    assert {g.identifier for g in trig1.graphs()} == {g.identifier for g in trig2.graphs()}


@pytest.mark.slow
def test_every_minted_iri_is_safe(ttl):
    ours = {t for triple in ttl for t in triple if isinstance(t, URIRef) and "w3id.org/kg-news/id/" in str(t)}
    for iri in ours:
        base = str(iri).split("/text#char=")[0].removesuffix("/begin").removesuffix("/end")
        assert IRI.match(base), iri


@pytest.mark.slow
def test_mentioned_entities_are_typed_and_labelled(ttl):
    mentioned = set(ttl.objects(None, SCHEMA.mentions))
    labels = {str(ttl.value(e, RDFS.label)) for e in mentioned}
    assert {"Henrik Aasen", "NATO", "Vilnius", "Rasa Vaitkutė"} <= labels
    for e in mentioned:
        assert {SCHEMA.Person, SCHEMA.Organization, SCHEMA.Place} & set(ttl.objects(e, RDF.type)), e


# --- statements as pyoxigraph quads, read back by rdflib -------------------------------------

TEXT = "Italy leads the mission from December. Italy took over."
HASH = "ab" * 32


@pytest.fixture(scope="module")
def written(tmp_path_factory, lexicon) -> tuple[Dataset, dict[str, URIRef]]:
    """One hand-made extraction through StatementBuilder and GraphWriter, parsed back by rdflib."""
    url = "https://example.org/news?id=1&x=2"
    article = Article("a.txt", TEXT, HASH, date_published=date(2022, 5, 16), url=url)
    sentence = Span(0, 38, TEXT[:38])
    ex = Extraction(
        article=article,
        mentions=[Mention(Span(0, 5, "Italy"), "italy"), Mention(Span(16, 23, "mission"), "mission")],
        memberships=[
            Membership("italy", LEAD_NATION, "mission", sentence, TimeSpec("from December", "2022-12-01"), 2)
        ],
    )
    entities = {
        "Place:italy": Entity("Italy", "Place", subtype="Country", known_id="Q38"),
        "Organization:eufor": Entity("EUFOR", "Organization", subtype="Mission"),
    }
    corpus = Corpus(entities, {(HASH, "italy"): "Place:italy", (HASH, "mission"): "Organization:eufor"})
    builder = StatementBuilder(corpus, lexicon)
    out = tmp_path_factory.mktemp("written")
    with GraphWriter(out / "graph.trig", out / "graph.ttl") as writer:
        writer.write(builder.article_statements(ex))
        writer.write(builder.corpus_statements([article]))
    dataset = Dataset()
    dataset.parse(out / "graph.trig", format="trig")
    iris = {
        "article": article_iri(HASH),
        "graph": graph_iri(HASH),
        "italy": entity_iri("Place", "Italy"),
        "mission": entity_iri("Organization", "EUFOR"),
        "role": role_iri(LEAD_NATION),
    }
    return dataset, iris


def test_literals_keep_the_datatypes_rdflib_gives_them(written):
    dataset, iris = written
    a, g = iris["article"], iris["graph"]
    context = text_iri(a, 0, len(TEXT))
    membership = fact_iri("membership", iris["italy"], iris["role"], iris["mission"])  # the IRIs' strings
    interval = fact_iri("interval", membership, "from December", "2022-12-01", "")
    begin = URIRef(f"{interval}/begin")
    expected = {
        (context, NIF.isString, Literal(TEXT), g),
        (context, NIF.beginIndex, Literal(0), g),
        (context, NIF.endIndex, Literal(len(TEXT), datatype=XSD.integer), g),
        (membership, ORG.member, iris["italy"], g),
        (membership, KG.leadOrder, Literal(2), g),
        (interval, TIME.hasBeginning, begin, g),
        (begin, TIME.inXSDDate, Literal(date(2022, 12, 1)), g),
        (a, SCHEMA.datePublished, Literal("2022-05-16", datatype=XSD.date), None),
        (a, SCHEMA.url, Literal("https://example.org/news?id=1&x=2", datatype=XSD.anyURI), None),
        (iris["role"], SKOS.prefLabel, Literal(LEAD_NATION, lang="en"), None),
        (iris["role"], RDFS.label, Literal(LEAD_NATION), None),
        (iris["italy"], OWL.sameAs, URIRef("http://www.wikidata.org/entity/Q38"), None),
        (iris["mission"], RDF.type, KG.Mission, None),
    }
    default = dataset.default_graph.identifier
    quads = {(s, p, o, None if c == default else c) for s, p, o, c in dataset.quads((None, None, None, None))}
    assert expected <= quads, expected - quads


def test_a_misspelt_kg_term_raises_as_pyoxigraph_term_too():
    assert terms.KG.Mission.value == str(KG.Mission)
    assert terms.SCHEMA["Person"] is terms.SCHEMA.Person
    with pytest.raises(AttributeError):
        terms.KG.Misssion  # noqa: B018


def _topological_by_definition(pairs: set[tuple[str, str]]) -> list[str]:
    """The first free node in name order, again and again; the first node left when a cycle blocks."""
    nodes = sorted({x for pair in pairs for x in pair})
    order = []
    while nodes:
        free = [n for n in nodes if not any(b == n and a in nodes for a, b in pairs)] or nodes[:1]
        order.append(free[0])
        nodes.remove(free[0])
    return order


@given(st.sets(st.tuples(st.sampled_from("abcdefgh"), st.sampled_from("abcdefgh")), max_size=20))
def test_lead_order_follows_every_pair_and_breaks_cycles_in_name_order(pairs):
    assert _topological(pairs) == _topological_by_definition(pairs)
