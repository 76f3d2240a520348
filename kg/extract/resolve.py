"""Merge the articles' local entities into corpus entities: one node per real-world entity.

Two local entities are the same when they share a gazetteer entry, a normalised name or
alias of more than one word (or an organisation/place name), or when one is a bare surname
that exactly one multi-word person name in the corpus ends with, or a bare name ("Wagner")
that is the short form of exactly one organisation's name ("Wagner Group"). Missions merge on their
(organisation, place) parts once those are resolved. Types are voted across all mentions.
"""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from collections.abc import Iterable

from kg.extract import names
from kg.extract.persons import NAME_SUFFIXES, surnames
from kg.lexicon import Lexicon, load_lexicon, normalize
from kg.model import PERSON, Corpus, Entity, Extraction, LocalEntity


class _UnionFind:
    def __init__(self) -> None:
        self.parent: dict[str, str] = {}

    def find(self, x: str) -> str:
        self.parent.setdefault(x, x)
        while self.parent[x] != x:
            self.parent[x] = self.parent[self.parent[x]]
            x = self.parent[x]
        return x

    def union(self, a: str, b: str) -> None:
        ra, rb = self.find(a), self.find(b)
        if ra != rb:
            self.parent[max(ra, rb)] = min(ra, rb)


def resolve_corpus(extractions: Iterable[Extraction], lexicon: Lexicon | None = None) -> Corpus:
    """Global entities for every local entity of every article."""
    locals_: dict[str, LocalEntity] = {}
    for ex in extractions:
        for ent in ex.entities:
            locals_[_lid(ex.article.content_hash, ent.key)] = ent
    uf = _UnionFind()
    _merge_by_name(locals_, uf)
    _merge_surnames(locals_, uf)
    _merge_core_names(locals_, uf, lexicon or load_lexicon())
    groups: dict[str, list[str]] = defaultdict(list)
    for lid in sorted(locals_):
        groups[uf.find(lid)].append(lid)
    entities: dict[str, Entity] = {}
    links: dict[tuple[str, str], str] = {}
    for members in groups.values():
        entity = _merge([locals_[m] for m in members])
        gid = f"{entity.kind}:{normalize(entity.name)}"
        if gid in entities:  # two groups, one name: same entity after all
            _absorb(entities[gid], entity)
        else:
            entities[gid] = entity
        for m in members:
            article, key = m.split("#", 1)
            links[(article, key)] = gid
    return Corpus(entities, links)


def _lid(article: str, key: str) -> str:
    return f"{article}#{key}"


def _keys(ent: LocalEntity) -> set[str]:
    if ent.parts:
        return {f"parts:{ent.subtype}:{ent.parts[0]}|{ent.parts[1]}"}
    if ent.known_id or ent.subtype:
        return {f"known:{normalize(ent.name)}"}
    names = [ent.name, *ent.aliases]
    if ent.kind == PERSON:
        names = [n for n in names if len(normalize(n).split()) > 1]
        # "Mykola Kovalenskyy" and "Mykola Kovalensky": one first name, one surname spelled two ways
        return {f"name:{spelling(n)}" for n in names if normalize(n)}
    return {f"name:{normalize(n)}" for n in names if normalize(n)}


def spelling(name: str) -> str:
    """A key that transliteration variants of a name share: doubled letters single, a closing
    "-iy", "-yy", "-yi" or "-ii" as "-y" ("Kovalenskyy", "Kovalenskiy", "Kovalensky")."""
    words = [re.sub(r"(\w)\1", r"\1", w) for w in normalize(name).split()]
    return " ".join(re.sub(r"(?:iy|yi|ii)$", "y", w) if len(w) > 4 else w for w in words)


def _merge_by_name(locals_: dict[str, LocalEntity], uf: _UnionFind) -> None:
    first: dict[str, str] = {}
    for lid, ent in locals_.items():
        for key in _keys(ent):
            if key in first:
                uf.union(first[key], lid)
            else:
                first[key] = lid


def _merge_surnames(locals_: dict[str, LocalEntity], uf: _UnionFind) -> None:
    """A bare "Halvorsen" joins the one full name in the corpus that ends with it."""
    by_surname: dict[str, set[str]] = defaultdict(set)
    full: dict[str, str] = {}
    for lid, ent in locals_.items():
        tokens = [t for t in spelling(ent.name).split() if t not in NAME_SUFFIXES]
        if ent.kind == PERSON and len(tokens) > 1:
            root = uf.find(lid)
            for surname in surnames(tokens):
                by_surname[surname].add(root)  # "Herrera" of "Mateo Herrera Ortuño" too
            full.setdefault(root, lid)
    for lid, ent in locals_.items():
        tokens = spelling(ent.name).split()
        bare = ent.kind == PERSON or not (ent.known_id or ent.subtype or ent.aliases)  # "Kovacs" typed ORG
        if bare and len(tokens) == 1 and len(by_surname.get(tokens[0], ())) == 1:
            uf.union(next(iter(by_surname[tokens[0]])), lid)


def _merge_core_names(locals_: dict[str, LocalEntity], uf: _UnionFind, lexicon: Lexicon) -> None:
    """A bare "Wagner" or "Atalanta" joins the one "Wagner Group" or "Operation Atalanta" of the corpus."""
    by_core: dict[str, set[str]] = defaultdict(set)
    for lid, ent in locals_.items():
        if ent.kind != PERSON:
            for core in names.core_names(ent.name, lexicon):
                by_core[normalize(core)].add(uf.find(lid))
    for lid, ent in locals_.items():
        key = normalize(ent.name)
        bare = ent.kind != PERSON and " " not in key and not (ent.known_id or ent.subtype or ent.parts)
        if bare and len(by_core.get(key, ())) == 1:
            uf.union(next(iter(by_core[key])), lid)


def _merge(members: list[LocalEntity]) -> Entity:
    votes: Counter[str] = Counter()
    for m in members:
        votes.update(m.votes)
    known = next((m for m in members if not m.parts and (m.known_id or m.subtype)), None)
    persons = [m for m in members if m.kind == PERSON and " " in m.name]
    if known:
        kind = known.kind
    elif persons:
        kind = PERSON
    else:
        kind = Counter(m.kind for m in members).most_common(1)[0][0]
    name = known.name if known else max((m.name for m in members), key=lambda n: (_proper(n), len(n), n))
    aliases = {a for m in members for a in (m.name, *m.aliases)} - {name}
    subtype = next((m.subtype for m in members if m.subtype), None)
    wikidata = next((m.known_id for m in members if m.known_id), None)
    return Entity(name, kind, aliases, wikidata, subtype)


def _proper(name: str) -> int:
    """Prefer proper names ("NATO Mission Iraq") over descriptions ("NATO mission in Iraq")."""
    words = name.split()
    return sum(1 for w in words if w[:1].isupper()) - len(words)


def _absorb(into: Entity, other: Entity) -> None:
    into.aliases |= other.aliases | {other.name}
    into.aliases.discard(into.name)
    into.known_id = into.known_id or other.known_id
    into.subtype = into.subtype or other.subtype
