"""The files in ontology/: the OWL ontology, the role lexicon, the shapes and the diagram."""

from __future__ import annotations

import importlib.util
import re
import shutil
from collections import defaultdict

import pytest
from rdflib import Graph, Literal, URIRef
from rdflib.namespace import DCTERMS, OWL, RDF, RDFS, SH, SKOS

from kg.config import ONTOLOGY_DIR, PROJECT_DIR
from kg.lexicon import EXTRACTION_DATA, data_fingerprint, load_lexicon, normalize
from kg.rdf.iri import role_iri
from kg.rdf.namespaces import KG, KG_IRI, NIF, ORG, PROV, SCHEMA, TIME, XSD

ONTOLOGY = URIRef("https://w3id.org/kg-news/ontology")
SCHEME = URIRef("https://w3id.org/kg-news/id/roles")
LEAD_NATION = URIRef("https://w3id.org/kg-news/id/role/lead-nation")
KG_TERMS = sorted(KG.__annotations__)
CLASSES = {"Mission", "Role", "EvidenceSentence"}


def _parse(name: str) -> Graph:
    return Graph().parse(data=(ONTOLOGY_DIR / name).read_text(encoding="utf-8"), format="turtle")


@pytest.fixture(scope="module")
def ontology() -> Graph:
    return _parse("kg.ttl")


@pytest.fixture(scope="module")
def roles() -> Graph:
    return _parse("roles.ttl")


@pytest.fixture(scope="module")
def shapes() -> Graph:
    return _parse("shapes.ttl")


# ---------------------------------------------------------------------------------------------
# kg.ttl


def test_the_ontology_describes_itself(ontology):
    assert (ONTOLOGY, RDF.type, OWL.Ontology) in ontology
    for prop in (OWL.versionInfo, OWL.versionIRI, RDFS.label, RDFS.comment, DCTERMS.license):
        assert ontology.value(ONTOLOGY, prop) is not None, prop


@pytest.mark.parametrize("name", KG_TERMS)
def test_every_namespace_term_is_declared_with_label_and_comment(ontology, name):
    term = KG[name]
    expected = OWL.Class if name in CLASSES else None
    types = set(ontology.objects(term, RDF.type))
    if expected:
        assert expected in types
    else:
        assert types & {OWL.ObjectProperty, OWL.DatatypeProperty}, types
    assert isinstance(ontology.value(term, RDFS.label), Literal)
    assert len(str(ontology.value(term, RDFS.comment))) > 40
    assert ontology.value(term, RDFS.isDefinedBy) == ONTOLOGY


def test_the_ontology_declares_no_term_the_namespace_lacks(ontology):
    declared = {str(s)[len(KG_IRI):] for s in ontology.subjects() if str(s).startswith(KG_IRI)}
    assert declared == set(KG_TERMS)


@pytest.mark.parametrize("name", ["roles.ttl", "shapes.ttl"])
def test_other_files_use_only_declared_kg_terms(name):
    text = (ONTOLOGY_DIR / name).read_text(encoding="utf-8")
    used = set(re.findall(r"\bkg:(\w+)", text))
    assert used <= set(KG_TERMS), used - set(KG_TERMS)


ALIGNMENTS = [
    (KG.Mission, RDFS.subClassOf, SCHEMA.Organization),
    (KG.Mission, RDFS.subClassOf, ORG.Organization),
    (KG.Role, RDFS.subClassOf, ORG.Role),
    (KG.Role, RDFS.subClassOf, SKOS.Concept),
    (KG.EvidenceSentence, RDFS.subClassOf, NIF.Sentence),
    (KG.evidence, RDFS.subPropertyOf, PROV.wasInfluencedBy),
    (KG.evidence, RDFS.range, NIF.String),
    (KG.quoteSpan, RDFS.domain, SCHEMA.Quotation),
    (KG.quoteSpan, RDFS.range, NIF.Phrase),
    (KG.leadOrder, RDFS.domain, ORG.Membership),
    (KG.leadOrder, RDFS.range, XSD.integer),
    (KG.timeExpression, RDFS.domain, TIME.Interval),
    (KG.contentHash, RDFS.domain, SCHEMA.NewsArticle),
    (KG.roleCategory, RDFS.domain, KG.Role),
]


@pytest.mark.parametrize("triple", ALIGNMENTS, ids=lambda t: " ".join(str(x).split("/")[-1] for x in t))
def test_alignment_to_standard_vocabularies(ontology, triple):
    assert triple in ontology


def test_the_lead_nation_role_is_declared(ontology):
    assert {KG.Role, ORG.Role, SKOS.Concept} <= set(ontology.objects(LEAD_NATION, RDF.type))
    assert ontology.value(LEAD_NATION, SKOS.prefLabel) == Literal("lead nation", lang="en")
    assert ontology.value(LEAD_NATION, KG.roleCategory) == Literal("function")


def test_the_ontology_and_the_lexicon_agree_where_they_overlap(ontology, roles):
    merged = ontology + roles
    for prop in (SKOS.prefLabel, RDFS.label, KG.roleCategory, SKOS.definition):
        assert len(set(merged.objects(LEAD_NATION, prop))) == 1, prop


# ---------------------------------------------------------------------------------------------
# roles.ttl


def _roles(graph: Graph) -> list[URIRef]:
    return sorted(set(graph.subjects(RDF.type, KG.Role)))


def test_the_lexicon_names_its_source_first():
    first = (ONTOLOGY_DIR / "roles.ttl").read_text(encoding="utf-8").splitlines()[:5]
    assert first[0].startswith("#")
    assert "Source:" in " ".join(first)


def test_the_lexicon_is_a_concept_scheme_of_many_roles(roles):
    assert (SCHEME, RDF.type, SKOS.ConceptScheme) in roles
    assert len(_roles(roles)) >= 70


def test_only_roles_carry_a_preferred_label(roles):
    # kg.lexicon reads every subject of skos:prefLabel as a role
    assert set(roles.subjects(SKOS.prefLabel, None)) == set(_roles(roles))


def test_every_role_is_complete(roles):
    for role in _roles(roles):
        assert {KG.Role, ORG.Role, SKOS.Concept} <= set(roles.objects(role, RDF.type)), role
        assert (role, SKOS.inScheme, SCHEME) in roles, role
        labels = list(roles.objects(role, SKOS.prefLabel))
        assert len(labels) == 1, role
        (label,) = labels
        assert label.language == "en"
        assert role == role_iri(str(label))
        assert list(roles.objects(role, RDFS.label)) == [Literal(str(label))]
        assert [str(c) for c in roles.objects(role, KG.roleCategory)] in (["office"], ["rank"], ["function"])
        assert roles.value(role, SKOS.definition) is not None, role
        assert all(a.language == "en" for a in roles.objects(role, SKOS.altLabel)), role


def test_no_variant_points_at_two_roles(roles):
    owners: dict[str, set[URIRef]] = defaultdict(set)
    for prop in (SKOS.prefLabel, SKOS.altLabel):
        for role, label in roles.subject_objects(prop):
            owners[normalize(str(label))].add(role)
    clashes = {key: sorted(str(r) for r in who) for key, who in owners.items() if len(who) > 1}
    assert clashes == {}


AMBIGUOUS = ["head", "chief", "leader", "lawmaker", "top diplomat", "pm", "lead", "command"]


@pytest.mark.parametrize("word", AMBIGUOUS)
def test_ambiguous_words_are_left_to_the_extractor(roles, word):
    """No role the {role} slot matches has an ambiguous word for a name; such a word is a role only
    when the patterns that name it write it (patterns.toml, pattern_only_roles)."""
    from kg.extract.template import role_names, vocabulary
    from kg.lexicon import load_lexicon

    lexicon = load_lexicon()
    assert word not in {normalize(n) for n in role_names(lexicon)}
    labels = {normalize(str(o)) for p in (SKOS.prefLabel, SKOS.altLabel) for o in roles.objects(None, p)}
    pattern_only = {normalize(r) for r in vocabulary(lexicon)["pattern_only_roles"]}
    assert word not in labels or word in pattern_only


CANONICAL = ["Secretary General", "Secretary of Defense", "Defence Minister", "Prime Minister", "President",
             "General", "Admiral", "commander", "spokesman", "ambassador", "lead nation", "Director",
             "Chief of Staff", "Chief of Defence", "Foreign Minister", "Chancellor",
             "High Commissioner for Refugees", "Minister"]

VARIANTS = {
    "Secretary General": ["Secretary-General", "secretary general"],
    "Secretary of Defense": ["Defense Secretary", "Defence Secretary", "Secretary of Defence"],
    "Defence Minister": ["Defense Minister", "Minister of Defence", "Minister of Defense", "defence chief"],
    "General": ["Major General", "Lieutenant General", "Brigadier General", "Gen.", "Maj. Gen.", "Lt. Gen.",
                "Brig. Gen.", "Marine General", "Army General"],
    "Admiral": ["Vice Admiral", "Rear Admiral", "Adm.", "Vice Adm.", "Rear Adm."],
    "commander": ["force commander", "commanding general", "commanding officer"],
    "spokesman": ["spokesperson", "spokeswoman", "press secretary"],
    "ambassador": ["envoy", "Permanent Representative"],
    "Director": ["Director General", "Director-General"],
    "Foreign Minister": ["Foreign Secretary", "Minister of Foreign Affairs", "Minister for Foreign Affairs"],
    "Prime Minister": ["premier"],
    "Chief of Staff": ["chief of staff", "Chief of the General Staff", "army chief"],
    "chief executive": ["CEO", "chief executive officer"],
    "chairman": ["chairwoman", "chair"],
}


@pytest.mark.parametrize("label", CANONICAL)
def test_canonical_labels(roles, label):
    assert (role_iri(label), SKOS.prefLabel, Literal(label, lang="en")) in roles


@pytest.mark.parametrize("label", sorted(VARIANTS))
def test_variants_news_articles_use(roles, label):
    alts = {str(a) for a in roles.objects(role_iri(label), SKOS.altLabel)}
    assert set(VARIANTS[label]) <= alts, set(VARIANTS[label]) - alts


def test_the_lexicon_and_the_ontology_satisfy_the_role_shapes(ontology, roles):
    from kg.validate import validate_graph

    result = validate_graph(ontology + roles)
    assert result.violations == []


def test_the_lexicon_loads_into_kg_lexicon(tmp_path):
    from kg.lexicon import load_lexicon

    shutil.copy(ONTOLOGY_DIR / "roles.ttl", tmp_path / "roles.ttl")
    lexicon = load_lexicon(tmp_path)
    assert lexicon.role("Lt. Gen.").label == "General"
    assert lexicon.role("Minister of Defense").label == "Defence Minister"
    assert lexicon.role("framework nation").label == "lead nation"
    assert lexicon.role("framework nation").category == "function"


# ---------------------------------------------------------------------------------------------
# shapes.ttl


def test_the_shapes_are_valid_shacl(shapes):
    from pyshacl import validate

    conforms, _, text = validate(Graph(), shacl_graph=shapes, meta_shacl=True, advanced=True)
    assert conforms, text


def test_every_named_shape_says_what_it_checks(shapes):
    named = [s for s in shapes.subjects(RDF.type, SH.PropertyShape) if isinstance(s, URIRef)]
    assert len(named) > 30
    for shape in named:
        assert shapes.value(shape, SH.message) is not None, shape
    for shape in shapes.subjects(RDF.type, SH.NodeShape):
        assert shapes.value(shape, RDFS.label) is not None, shape


# ---------------------------------------------------------------------------------------------
# The diagram


def _diagram_module():
    path = PROJECT_DIR / "tools" / "ontology_diagram.py"
    spec = importlib.util.spec_from_file_location("ontology_diagram", path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_the_diagram_source_shows_every_term():
    dot = _diagram_module().to_dot(ONTOLOGY_DIR / "kg.ttl")
    assert dot.startswith("digraph")
    for name in KG_TERMS:
        assert re.search(rf"\bkg:{name}\b", dot), name


def test_the_committed_diagram_is_current():
    svg = (ONTOLOGY_DIR / "diagram.svg").read_text(encoding="utf-8")
    assert svg.lstrip().startswith(("<?xml", "<svg"))
    for name in KG_TERMS:
        assert f"kg:{name}" in svg, f"kg:{name} missing: run python tools/ontology_diagram.py"


@pytest.mark.skipif(shutil.which("dot") is None, reason="Graphviz is not installed")
def test_the_diagram_renders(tmp_path):
    out = tmp_path / "diagram.svg"
    _diagram_module().main(["--output", str(out)])
    assert "kg:Mission" in out.read_text(encoding="utf-8")


def test_the_readme_examples_parse():
    readme = (ONTOLOGY_DIR / "README.md").read_text(encoding="utf-8")
    blocks = re.findall(r"```turtle\n(.*?)```", readme, flags=re.S)
    assert len(blocks) >= 4
    for block in blocks:
        assert len(Graph().parse(data=block, format="turtle")) > 0


def test_ontology_files_are_referenced_from_the_readme():
    readme = (ONTOLOGY_DIR / "README.md").read_text(encoding="utf-8")
    for name in ("kg.ttl", "roles.ttl", "shapes.ttl", "diagram.svg", "tools/ontology_diagram.py"):
        assert name in readme, name


def test_editing_the_extraction_data_changes_the_cache_key(tmp_path):
    """The per-article cache is keyed by this digest: an edited pattern must re-read every article."""
    copy = tmp_path / "ontology"
    shutil.copytree(ONTOLOGY_DIR, copy)
    before = data_fingerprint(copy)
    assert data_fingerprint(ONTOLOGY_DIR) == before  # same bytes, same key
    with (copy / "patterns.toml").open("a", encoding="utf-8") as f:
        f.write("\n# a new comment is enough\n")
    data_fingerprint.cache_clear()
    edited = data_fingerprint(copy)
    assert edited != before
    (copy / "gazetteer" / "places.tsv").unlink()
    data_fingerprint.cache_clear()
    assert data_fingerprint(copy) not in (before, edited)


@pytest.mark.parametrize("path", sorted((ONTOLOGY_DIR / "gazetteer").glob("*.tsv")), ids=lambda p: p.name)
def test_each_gazetteer_file_states_its_source_and_is_loaded(path):
    lines = path.read_text(encoding="utf-8").splitlines()
    header = " ".join(line for line in lines if line.startswith("#"))
    assert "Source:" in header
    assert f"gazetteer/{path.name}" in EXTRACTION_DATA  # read by the lexicon and part of the cache key
    rows = [line.split("\t") for line in lines if line and not line.startswith("#")]
    assert len({len(row) for row in rows}) == 1 and len(rows) > 10
    lexicon = load_lexicon()
    for row in rows[1:]:
        assert lexicon.lookup(row[0]) is not None, row[0]
