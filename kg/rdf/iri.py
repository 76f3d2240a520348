"""Minting IRIs: stable for the same input, safe whatever the input text.

Every IRI is built from a fixed prefix, a fixed kind and a path segment made only of
``[a-z0-9-]``: article text can never inject ``>``, spaces, quotes or ``#`` into an IRI.
"""

from __future__ import annotations

import hashlib
import re
import unicodedata
from functools import lru_cache

from rdflib import URIRef

from kg.rdf.namespaces import DATA

_NON_SLUG = re.compile(r"[^a-z0-9]+")
MAX_SLUG = 60


def digest(*parts: str, length: int = 16) -> str:
    """A short hex digest of the parts, joined unambiguously."""
    joined = "\x1f".join(parts)
    return hashlib.sha256(joined.encode("utf-8")).hexdigest()[:length]


@lru_cache(maxsize=65536)  # fact kinds, publishers and authors recur in every article
def slug(text: str) -> str:
    """ASCII slug of ``text``; names that fold to nothing readable get a digest instead.

    Accents are folded ("Várady" -> "varady"); a name with letters outside Latin script, or one
    cut short at ``MAX_SLUG`` characters, keeps a digest suffix so that two names never share a slug.
    """
    folded = unicodedata.normalize("NFKD", text)
    ascii_part = "".join(c for c in folded if not unicodedata.combining(c))
    lossy = any(ord(c) > 127 for c in ascii_part)
    full = _NON_SLUG.sub("-", ascii_part.lower()).strip("-")
    base = full[:MAX_SLUG].strip("-")
    if not base:
        return digest(text, length=12)
    return f"{base}-{digest(text, length=6)}" if lossy or len(full) > MAX_SLUG else base


def article_iri(content_hash: str) -> URIRef:
    return DATA[f"article/{_hex(content_hash)[:16]}"]


def graph_iri(content_hash: str) -> URIRef:
    return DATA[f"graph/{_hex(content_hash)[:16]}"]


def text_iri(article: str, start: int, end: int) -> URIRef:
    """An RFC 5147 character-range IRI into the article's cleaned text (NIF 2.0 style)."""
    return URIRef(f"{article}/text#char={int(start)},{int(end)}")


def entity_iri(kind: str, name: str) -> URIRef:
    return DATA[f"{slug(kind)}/{slug(name)}"]


def role_iri(label: str) -> URIRef:
    return DATA[f"role/{slug(label)}"]


def fact_iri(kind: str, *key: str) -> URIRef:
    return DATA[f"{slug(kind)}/{digest(*key)}"]


def _hex(value: str) -> str:
    if not re.fullmatch(r"[0-9a-f]+", value):
        return digest(value)
    return value
