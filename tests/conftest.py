"""Shared fixtures: the spaCy pipeline and the lexicon, loaded once per test session."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date

import pytest

from kg.extract import extract
from kg.lexicon import Lexicon, load_lexicon
from kg.model import Article, Extraction


@pytest.fixture(scope="session")
def lexicon() -> Lexicon:
    return load_lexicon()


@pytest.fixture(scope="session")
def nlp():
    from kg.nlp.pipeline import load_pipeline

    return load_pipeline()


@pytest.fixture(scope="session")
def run_extract(nlp, lexicon) -> Callable[..., Extraction]:
    """``run_extract(text, published=None)``: the extraction of ``text`` as one article's cleaned text."""

    def run(text: str, published: date | None = None, identifier: str = "t.txt") -> Extraction:
        article = Article(identifier=identifier, text=text, content_hash=f"hash-{identifier}",
                          date_published=published)
        return extract(nlp(text), article, lexicon)

    return run
