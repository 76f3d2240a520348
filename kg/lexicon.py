"""General knowledge from ``ontology/``: countries, organisations, places, roles, patterns.

Everything the extractors know about the world beyond the model is loaded here, from data
files that each state their source, so that a new country, role or pattern is a data change.
"""

from __future__ import annotations

import csv
import hashlib
import re
import tomllib
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import cache, lru_cache
from pathlib import Path
from typing import Any, TypeVar

from kg.config import ONTOLOGY_DIR
from kg.errors import KGError
from kg.model import ORGANIZATION, PLACE

ROLE_CATEGORIES = ("office", "rank", "function")


@dataclass(frozen=True, slots=True)
class Known:
    """A gazetteer entry."""

    name: str
    base: str  # Person / Organization / Place
    kind: str  # Country, City, Alliance, ...
    wikidata: str | None = None
    generic: tuple[str, ...] = ()  # nouns that refer back to it: "alliance"
    country: str | None = None


@dataclass(frozen=True, slots=True)
class Role:
    label: str  # canonical
    category: str
    names: tuple[str, ...]  # every label, canonical first


T = TypeVar("T")
_DERIVED: dict[tuple[int, Callable[..., Any]], tuple[Any, Any]] = {}


def derived(lexicon: Lexicon, build: Callable[[Lexicon], T]) -> T:
    """What ``build`` makes of ``lexicon`` (compiled patterns, word sets), made once per lexicon."""
    key = (id(lexicon), build)
    found = _DERIVED.get(key)
    if found is None or found[0] is not lexicon:  # the lexicon is kept, so its id is never reused
        found = _DERIVED[key] = (lexicon, build(lexicon))
    return found[1]


@dataclass(slots=True)
class Lexicon:
    known: dict[str, Known] = field(default_factory=dict)  # normalised alias -> entry
    demonyms: dict[str, str] = field(default_factory=dict)  # demonym -> country name
    roles: dict[str, Role] = field(default_factory=dict)  # normalised label -> role
    aliases: dict[str, list[str]] = field(default_factory=dict)  # canonical name -> surface forms
    patterns: dict[str, Any] = field(default_factory=dict)  # ontology/patterns.toml
    names: dict[str, Any] = field(default_factory=dict)  # ontology/names.toml: the shape of names

    def lookup(self, text: str) -> Known | None:
        return self.known.get(normalize(text))

    def role(self, text: str) -> Role | None:
        return self.roles.get(normalize(text))

    def country_of_demonym(self, word: str) -> str | None:
        return self.demonyms.get(word) or self.demonyms.get(word.capitalize())


@lru_cache(maxsize=65536)
def normalize(text: str) -> str:
    """Key for matching names: accents folded, case folded, punctuation and "the" dropped."""
    text = unicodedata.normalize("NFKD", text)
    text = "".join(c for c in text if not unicodedata.combining(c)).replace("’", "'").casefold()
    text = re.sub(r"'s\b", "", text)
    text = re.sub(r"[^\w]+", " ", text)
    return re.sub(r"^the ", "", " ".join(text.split()))


@cache
def load_lexicon(folder: Path = ONTOLOGY_DIR) -> Lexicon:
    lex = Lexicon()
    gazetteer = folder / "gazetteer"
    for row in _tsv(gazetteer / "countries.tsv"):
        entry = Known(row["name"], PLACE, "Country", row.get("wikidata") or None)
        _add_known(lex, entry, _split(row.get("aliases")))
        for demonym in _split(row.get("demonyms")):
            lex.demonyms.setdefault(demonym, entry.name)
    for row in _tsv(gazetteer / "organizations.tsv") + _tsv(gazetteer / "missions.tsv"):
        entry = Known(
            row["name"],
            ORGANIZATION,
            row.get("kind") or "Organization",
            row.get("wikidata") or None,
            tuple(_split(row.get("generic"))),
        )
        _add_known(lex, entry, _split(row.get("aliases")))
    for row in _tsv(gazetteer / "places.tsv"):
        entry = Known(
            row["name"],
            PLACE,
            row.get("kind") or "Place",
            row.get("wikidata") or None,
            country=row.get("country") or None,
        )
        _add_known(lex, entry, _split(row.get("aliases")))
    for role in _roles(folder / "roles.ttl"):
        for name in role.names:
            lex.roles.setdefault(normalize(name), role)
    patterns = folder / "patterns.toml"
    if patterns.is_file():
        with patterns.open("rb") as f:
            lex.patterns = tomllib.load(f)
    names = folder / "names.toml"
    if names.is_file():
        with names.open("rb") as f:
            lex.names = tomllib.load(f)
    return lex


#: The files under ``ontology/`` that decide what extraction yields.
EXTRACTION_DATA = (
    "gazetteer/countries.tsv",
    "gazetteer/organizations.tsv",
    "gazetteer/missions.tsv",
    "gazetteer/places.tsv",
    "roles.ttl",
    "patterns.toml",
    "names.toml",
)


@cache
def data_fingerprint(folder: Path = ONTOLOGY_DIR) -> str:
    """A short digest of the extraction data: editing a pattern or a gazetteer row changes it."""
    digest = hashlib.sha256()
    for name in EXTRACTION_DATA:
        path = folder / name
        digest.update(name.encode() + b"\0" + (path.read_bytes() if path.is_file() else b"") + b"\0")
    return digest.hexdigest()[:12]


def _add_known(lex: Lexicon, entry: Known, aliases: list[str]) -> None:
    forms = [entry.name, *aliases]
    for form in forms:
        lex.known.setdefault(normalize(form), entry)
    lex.aliases.setdefault(entry.name, []).extend(forms)


def _split(cell: str | None) -> list[str]:
    return [x.strip() for x in (cell or "").split("|") if x.strip()]


def _tsv(path: Path) -> list[dict[str, str]]:
    if not path.is_file():
        return []
    lines = [
        line for line in path.read_text(encoding="utf-8").splitlines() if line and not line.startswith("#")
    ]
    return [
        {k: (v or "").strip() for k, v in row.items() if k} for row in csv.DictReader(lines, delimiter="\t")
    ]


def _roles(path: Path) -> list[Role]:
    if not path.is_file():
        return []
    from rdflib import Graph
    from rdflib.namespace import SKOS

    from kg.rdf.namespaces import KG

    graph = Graph()
    try:
        graph.parse(path, format="turtle")
    except Exception as e:  # rdflib raises many parser types
        raise KGError(f"{path}: cannot read the role lexicon: {e}") from e
    roles = []
    for concept in sorted(set(graph.subjects(SKOS.prefLabel, None)), key=str):
        label = str(graph.value(concept, SKOS.prefLabel))
        category = str(graph.value(concept, KG.roleCategory) or "function")
        alts = sorted({str(a) for a in graph.objects(concept, SKOS.altLabel)} - {label})
        roles.append(Role(label, category, (label, *alts)))
    return roles
