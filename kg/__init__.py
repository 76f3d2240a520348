"""kg: turn news articles into an RDF knowledge graph with per-article provenance.

    >>> from kg import build
    >>> report = build(["articles/"])          # doctest: +SKIP

``build`` is what ``kg build`` runs; see :mod:`kg.pipeline`.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

__version__ = "0.1.0"
__all__ = ["build"]

if TYPE_CHECKING:
    from kg.pipeline import build


def __getattr__(name: str) -> Any:  # keep ``import kg`` light: spaCy loads only when building
    if name == "build":
        from kg.pipeline import build

        return build
    raise AttributeError(name)
