"""kg.view: loading, projection (nodes, merged facts, trimming), escaping, self-contained HTML.

``tests/data/view_sample.trig`` follows docs/graph-shape.md: 3 articles, 12 entities, a post
stated by two articles, two lead nations of a mission, attributed and anonymous quotations.
``tests/data/view_hostile.trig`` puts markup and script in every string the page shows.
``test_view_browser.py`` imports ``NODE_COUNT_QUERY`` and ``synthetic_dataset`` from here.
"""

from __future__ import annotations

import json
import random
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pyoxigraph as ox
import pytest
from rdflib import Dataset, Graph, Literal, URIRef
from rdflib.namespace import RDF, RDFS, XSD

from kg.cli import main as kg_main
from kg.errors import GraphError, KGError
from kg.rdf.namespaces import DATA, KG, NIF, ORG, PREFIXES, PROV, SCHEMA
from kg.view import ViewConfig, load_graph, project, render_html, write_view, write_view_from_dataset
from kg.view.layout import spring_positions
from kg.view.page import vis_assets
from kg.view.project import sentence_around

DATA_DIR = Path(__file__).parent / "data"
SAMPLE = DATA_DIR / "view_sample.trig"
HOSTILE = DATA_DIR / "view_hostile.trig"

#: The view's node definition, written out independently of kg.view: every entity, plus every
#: article from which a quotation attributed to an entity was taken.
NODE_COUNT_QUERY = """
SELECT (COUNT(DISTINCT ?n) AS ?count) WHERE {
  { ?n a ?t . FILTER(?t IN (schema:Person, schema:Organization, schema:Place)) }
  UNION
  { ?q a schema:Quotation ; schema:creator ?s ; prov:wasDerivedFrom ?n .
    ?s a ?st . FILTER(?st IN (schema:Person, schema:Organization, schema:Place)) }
}"""

HOSTILE_STRINGS = [
    "<script>alert(1)</script>",
    '"><img src=x onerror=alert(2)>',
    "<img src=x onerror=alert(3)> & <b>bold</b>",
    "</script><script>alert(4)</script> headline",
    "x' onmouseover='alert(5)'.txt",
    '<iframe src="javascript:alert(9)"></iframe>',
    '<a href="javascript:alert(10)">chief</a>',
    "<b onclick=alert(8)>Mission</b>",
    "@@DATA@@ @@VIS_JS@@ {{ 7*7 }} ${7*7}",
    "Line\u2028Separator\u2029Place</SCRIPT >",
]

STOLTENBERG = str(DATA["person/jens-stoltenberg"])
NATO = str(DATA["organization/nato"])
MISSION = str(DATA["organization/nato-mission-iraq"])
A1, A2, A3 = (str(DATA[f"article/{h * 16}"]) for h in "123")


def sparql_node_count(graph: Graph) -> int:
    return int(next(iter(graph.query(NODE_COUNT_QUERY, initNs=PREFIXES)))[0])


def page_data(page: str) -> dict:
    """The JSON the page carries, parsed back."""
    match = re.search(r'<script type="application/json" id="kg-data">(.*?)</script>', page, re.S)
    assert match
    return json.loads(match.group(1))


def synthetic_dataset(entities: int, articles: int, seed: int = 7) -> Dataset:
    """A graph shaped like a build's output, of any size: mentions, posts with evidence."""
    rng = random.Random(seed)
    ds = Dataset(default_union=True)
    kinds = (("person", SCHEMA.Person), ("organization", SCHEMA.Organization), ("place", SCHEMA.Place))
    nodes = []
    for i in range(entities):
        kind, rdf_type = kinds[i % 3]
        entity = DATA[f"{kind}/entity-{i}"]
        ds.add((entity, RDF.type, rdf_type))
        ds.add((entity, RDFS.label, Literal(f"{kind.title()} {i}")))
        nodes.append((kind, entity))
    people = [e for k, e in nodes if k == "person"]
    others = [e for k, e in nodes if k != "person"]
    ds.add((DATA["role/chief"], RDFS.label, Literal("chief")))
    for a in range(articles):
        article, graph = DATA[f"article/{a:016x}"], ds.graph(DATA[f"graph/{a:016x}"])
        ds.add((article, RDF.type, SCHEMA.NewsArticle))
        ds.add((article, SCHEMA.headline, Literal(f"Headline {a}")))
        ds.add((article, SCHEMA.datePublished, Literal(f"2020-01-{a % 28 + 1:02d}", datatype=XSD.date)))
        text = f"Sentence about things in article {a}."
        context = URIRef(f"{article}/text#char=0,{len(text)}")
        graph.add((context, NIF.isString, Literal(text)))
        graph.add((context, NIF.sourceUrl, article))
        graph.add((context, NIF.anchorOf, Literal(text)))
        for _, entity in rng.sample(nodes, min(len(nodes), rng.randint(2, 6))):
            graph.add((article, SCHEMA.mentions, entity))
        if people and others and rng.random() < 0.8:
            m = DATA[f"membership/{a:016x}"]
            for p, o in (
                (RDF.type, ORG.Membership),
                (ORG.member, rng.choice(people)),
                (ORG.organization, rng.choice(others)),
                (ORG.role, DATA["role/chief"]),
                (PROV.wasDerivedFrom, article),
                (KG.evidence, context),
            ):
                graph.add((m, p, o))
    return ds


@pytest.fixture(scope="module")
def sample() -> Dataset:
    return load_graph(SAMPLE)


@pytest.fixture(scope="module")
def sample_view(sample):
    return project(sample)


def edges_between(view, source: str, target: str) -> list[dict]:
    return [d for _, v, d in view.out_edges(source, data=True) if v == target]


# --- loading ---------------------------------------------------------------------------------


@pytest.mark.parametrize("form", ["trig", "ttl", "nq", "folder"])
def test_load_graph_reads_every_output_form(tmp_path, form):
    if form == "folder":
        shutil.copy(SAMPLE, tmp_path / "graph.trig")
        path = tmp_path
    else:
        path = tmp_path / f"graph.{form}"
        quads = list(ox.parse(path=SAMPLE, format=ox.RdfFormat.TRIG))
        if form == "ttl":
            triples = [ox.Triple(q.subject, q.predicate, q.object) for q in quads]
            ox.serialize(triples, path, format=ox.RdfFormat.TURTLE)
        else:
            ox.serialize(quads, path, format=ox.RdfFormat.TRIG if form == "trig" else ox.RdfFormat.N_QUADS)
    loaded = load_graph(path)
    assert project(loaded).number_of_nodes() == sparql_node_count(loaded) == 14


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        ("missing.trig", None, "does not exist"),
        ("empty-folder", "folder", "holds no graph.trig"),
        ("graph.json", "{}", "cannot tell the RDF format"),
        ("broken.trig", "@prefix ex: <http://ex/> . ex:a ex:b", "is not valid trig"),
    ],
)
def test_load_graph_errors_say_what_to_do(tmp_path, name, content, message):
    path = tmp_path / name
    if content == "folder":
        path.mkdir()
    elif content is not None:
        path.write_text(content)
    with pytest.raises(GraphError, match=message) as error:
        load_graph(path)
    assert str(path) in str(error.value)


# --- projection --------------------------------------------------------------------------------


def test_nodes_are_the_entities_and_quoting_articles(sample, sample_view):
    assert sample_view.number_of_nodes() == sparql_node_count(sample) == 14
    kinds = [d["kind"] for _, d in sample_view.nodes(data=True)]
    assert {k: kinds.count(k) for k in set(kinds)} == {
        "person": 4,
        "organization": 3,
        "mission": 1,
        "place": 4,
        "article": 2,
    }
    assert A2 not in sample_view  # its only quotation is anonymous


def test_parallel_facts_are_one_edge_with_a_count(sample_view):
    (post,) = edges_between(sample_view, STOLTENBERG, NATO)
    assert (post["kind"], post["label"], post["count"]) == ("post", "Secretary General", 2)
    assert [s["article"] for s in post["supports"]] == [A1, A3]
    assert post["supports"][0]["evidence"] == [
        "NATO Secretary General Jens Stoltenberg said the alliance would send trainers."
    ]


def test_membership_nodes_stating_the_same_post_merge(sample):
    """A second membership node for the same (member, organisation, role) adds to the count."""
    extra = Dataset(default_union=True)
    for quad in sample.quads((None, None, None, None)):
        extra.add(quad)
    m, graph = DATA["membership/ffffffffffffffff"], extra.graph(DATA["graph/2222222222222222"])
    for p, o in (
        (RDF.type, ORG.Membership),
        (ORG.member, URIRef(STOLTENBERG)),
        (ORG.organization, URIRef(NATO)),
        (ORG.role, DATA["role/secretary-general"]),
        (PROV.wasDerivedFrom, URIRef(A2)),
    ):
        graph.add((m, p, o))
    (post,) = edges_between(project(extra), STOLTENBERG, NATO)
    assert post["count"] == 3


def test_lead_nations_carry_order_and_dates(sample_view):
    (denmark,) = edges_between(sample_view, str(DATA["place/denmark"]), MISSION)
    (canada,) = edges_between(sample_view, str(DATA["place/canada"]), MISSION)
    assert (denmark["kind"], denmark["lead_order"], denmark["begin"], denmark["time_expression"]) == (
        "lead",
        2,
        "2020-12-01",
        "in December",
    )
    assert (canada["kind"], canada["lead_order"], canada["begin"]) == ("lead", 1, None)
    assert canada["supports"][0]["evidence"] == ["Canada has led the mission since it began in 2018."]


def test_quotations_link_speakers_to_articles(sample_view):
    (quote,) = edges_between(sample_view, STOLTENBERG, A3)
    assert (quote["kind"], quote["count"]) == ("quote", 1)
    assert quote["supports"][0]["quotes"] == ["Our presence will be conditions-based"]
    assert edges_between(sample_view, STOLTENBERG, A1)
    assert edges_between(sample_view, str(DATA["person/jim-mattis"]), A1)
    speakers = {q["speaker"] for q in sample_view.nodes[A1]["quotes"]}
    assert speakers == {"Jens Stoltenberg", "Jim Mattis"}


def test_entity_details(sample_view):
    nato = sample_view.nodes[NATO]
    assert nato["aliases"] == ["North Atlantic Treaty Organization", "the alliance"]
    assert nato["same_as"] == ["http://www.wikidata.org/entity/Q7184"]
    assert nato["mentions"] == [A1, A3]
    assert nato["snippets"][A1] == (
        "BRUSSELS - NATO defence ministers agreed on Thursday to set up a training mission in Iraq."
    )
    assert sample_view.nodes[MISSION]["kind"] == "mission"


@pytest.mark.parametrize(
    ("text", "span", "expected"),
    [
        ("One. Two three four. Five.", (9, 14), "Two three four."),
        ("Headline\n\nBody text here", (10, 14), "Body text here"),
        ("x" * 500, (250, 251), "…" + "x" * 401 + "…"),
        ("short", (3, 99), ""),
    ],
)
def test_sentence_around(text, span, expected):
    assert sentence_around(text, *span) == expected


def test_max_nodes_keeps_the_most_connected(sample):
    view = project(sample, ViewConfig(max_nodes=5))
    assert view.number_of_nodes() == 5
    assert view.graph["left_out"] == 9
    assert STOLTENBERG in view and MISSION in view  # three and two neighbours
    assert str(DATA["person/clay-curtis"]) not in view  # no facts, no mentions
    assert "9 less connected nodes left out (max nodes: 5)" in page_data(render_html(view))["meta"]["notes"]


def test_co_mentions_are_off_by_default_and_weighted(sample, sample_view):
    assert all(d["kind"] != "co-mention" for *_, d in sample_view.edges(data=True))
    view = project(sample, ViewConfig(co_mentions=True))
    weights = {
        frozenset((u, v)): d["count"] for u, v, d in view.edges(data=True) if d["kind"] == "co-mention"
    }
    assert weights[frozenset((STOLTENBERG, NATO))] == 2  # both named in articles 1 and 3
    assert weights[frozenset((str(DATA["place/denmark"]), str(DATA["place/canada"])))] == 1
    strong = project(sample, ViewConfig(co_mentions=True, min_co_mentions=2))
    assert {frozenset((u, v)) for u, v, d in strong.edges(data=True) if d["kind"] == "co-mention"} == {
        frozenset((STOLTENBERG, NATO))
    }


def test_a_writers_dataset_without_union_is_read_through_a_view(sample, tmp_path):
    plain = Dataset()  # as a writer builds it: named graphs, default graph not the union
    for quad in sample.quads((None, None, None, None)):
        plain.add(quad)
    out = write_view_from_dataset(plain, tmp_path / "view.html")
    assert plain.default_union is False
    assert len(page_data(out.read_text("utf-8"))["nodes"]) == 14


# --- the page ----------------------------------------------------------------------------------

RESOURCE = re.compile(r"""(?:src|href|action|poster|data)\s*=\s*["']?\s*(?:https?:)?//""", re.I)


def test_page_is_self_contained(sample_view):
    page = render_html(sample_view)
    assert not RESOURCE.search(page)
    assert not re.search(r"<link\b|@import|url\(\s*['\"]?(?:https?:)?//", page, re.I)
    assert not re.search(r"cdnjs|jsdelivr|unpkg|bootstrap", page, re.I)
    ours = page.replace(vis_assets()[0], "")  # vis-network's code holds a "<script>" string of its own
    assert len(re.findall(r"<script\b", ours, re.I)) == 3  # data, vis-network, the page's own
    assert "default-src 'none'" in page  # Content-Security-Policy: nothing may be fetched


def test_page_lays_out_in_python_with_physics_off(sample_view):
    data = page_data(render_html(sample_view))
    assert data["options"]["physics"] == {"enabled": False}
    assert all(isinstance(n["x"], float) and isinstance(n["y"], float) for n in data["nodes"])
    assert len({(n["x"], n["y"]) for n in data["nodes"]}) == len(data["nodes"])
    lead = next(e["id"] for e in data["edges"] if "#2" in e["label"])
    assert data["details"]["edges"][lead]["begin"] == "2020-12-01"


def test_hostile_strings_reach_the_page_only_as_escaped_data(tmp_path):
    page = write_view(HOSTILE, tmp_path / "hostile.html").read_text("utf-8")
    for text in HOSTILE_STRINGS:
        if "<" in text or "\u2028" in text:
            assert text not in page
    assert not re.search(r"<img src|<iframe src|<b onclick|<a href=.javascript", page, re.I)
    ours = page.replace(vis_assets()[0], "")
    assert len(re.findall(r"<script\b", ours, re.I)) == len(re.findall(r"</script", ours, re.I)) == 3
    data = page_data(page)  # every string survives the round trip unchanged
    labels = {d["label"] for d in data["details"]["nodes"].values()}
    assert {HOSTILE_STRINGS[0], HOSTILE_STRINGS[1], HOSTILE_STRINGS[9]} <= labels
    carried = json.dumps(data, ensure_ascii=False)
    assert all(json.dumps(text, ensure_ascii=False)[1:-1] in carried for text in HOSTILE_STRINGS)
    person = next(d for d in data["details"]["nodes"].values() if d["label"] == HOSTILE_STRINGS[0])
    assert {"label": "javascript:alert(7)", "url": "javascript:alert(7)"} in person["sameAs"]


def test_large_graph_is_laid_out_quickly_and_deterministically():
    """Past 500 nodes, where networkx's spring_layout would need scipy (the browser test draws 1,500)."""
    view = project(synthetic_dataset(700, 400), ViewConfig(max_nodes=2000))
    assert view.number_of_nodes() == 700
    first, again = spring_positions(view, 42), spring_positions(view, 42)
    assert first == again
    xs = [x for x, _ in first.values()]
    assert max(xs) - min(xs) > 1500  # spread out: neighbours stay apart


def test_communities_colour_the_nodes(sample):
    data = page_data(render_html(project(sample), ViewConfig(communities=True)))
    assert data["meta"]["communities"] >= 2
    assert any("communities (Louvain)" in note for note in data["meta"]["notes"])


# --- API and CLI -------------------------------------------------------------------------------


def test_write_view_writes_graph_html_beside_the_graph(tmp_path):
    shutil.copy(SAMPLE, tmp_path / "graph.trig")
    out = write_view(tmp_path)
    assert out == tmp_path / "graph.html"
    assert page_data(out.read_text("utf-8"))["meta"]["title"] == "graph.trig"


def test_an_empty_graph_gives_an_empty_page(tmp_path):
    empty = tmp_path / "empty.ttl"
    empty.write_text("@prefix ex: <http://example.org/> .\n")
    data = page_data(
        write_view(empty, None, ViewConfig(communities=True, co_mentions=True)).read_text("utf-8")
    )
    assert (data["nodes"], data["edges"], data["meta"]["shown"]) == ([], [], 0)


def test_view_config_refuses_nonsense():
    with pytest.raises(KGError, match="--max-nodes"):
        ViewConfig(max_nodes=0)


def test_cli_view(tmp_path, capsys):
    out = tmp_path / "page.html"
    assert kg_main(["view", str(SAMPLE), "-o", str(out), "--max-nodes", "6", "--co-mentions"]) == 0
    assert len(page_data(out.read_text("utf-8"))["nodes"]) == 6
    assert kg_main(["view", str(tmp_path / "nothing.trig")]) == 2
    assert "does not exist" in capsys.readouterr().err


def test_the_view_reads_rdf_only():
    """kg.view must not pull in the NLP side (docs: view/ -> nlp/ or extract/ never)."""
    code = (
        "import sys, kg.view; bad = [m for m in sys.modules if m.split('.')[0] == 'spacy' "
        "or m.startswith(('kg.nlp', 'kg.extract', 'kg.pipeline', 'kg.ingest'))]; print(bad)"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert result.stdout.strip() == "[]"
