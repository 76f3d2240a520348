"""Doc -> plain facts: entities and mentions, posts and leads, quotations. No RDF here."""

from __future__ import annotations

from spacy.tokens import Doc

from kg.extract.entities import extract_entities
from kg.lexicon import Lexicon
from kg.model import Article, Extraction


def extract(doc: Doc, article: Article, lexicon: Lexicon) -> Extraction:
    found = extract_entities(doc, article, lexicon)
    return Extraction(article=article, entities=found.entities, mentions=found.mentions)
