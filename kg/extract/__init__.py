"""Doc -> plain facts: entities and mentions, posts and leads, quotations. No RDF here."""

from __future__ import annotations

from spacy.tokens import Doc

from kg.extract.entities import extract_entities
from kg.extract.facts import FactContext, extract_leads, extract_posts
from kg.extract.quotes import extract_quotations
from kg.lexicon import Lexicon
from kg.model import Article, Extraction, Span


def extract(doc: Doc, article: Article, lexicon: Lexicon) -> Extraction:
    found = extract_entities(doc, article, lexicon)
    entities = found.by_key()
    sentences = [_trimmed(s.start_char, s.text) for s in doc.sents]
    ctx = FactContext(article.text, entities, found.mentions, sentences, lexicon, article.date_published)
    memberships = extract_posts(ctx) + extract_leads(ctx)
    quotations = extract_quotations(doc, entities, found.mentions, lexicon)
    return Extraction(
        article=article,
        entities=list(ctx.entities.values()),
        mentions=found.mentions,
        memberships=memberships,
        quotations=quotations,
    )


def _trimmed(start: int, text: str) -> Span:
    """A sentence without the paragraph break spaCy leaves at its end (evidence reads cleanly)."""
    text = text.rstrip()
    return Span(start, start + len(text), text)
