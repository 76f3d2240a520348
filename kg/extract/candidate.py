"""A mention before clustering: the plain record the entity rules pass between them."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(slots=True)
class Candidate:
    """A mention before clustering."""

    start: int
    end: int
    text: str
    ner: str  # base type the model (or ruler) gave
    known: str | None = None  # gazetteer name
    cluster: int = -1
    label: str = ""  # the name as a label, when it differs from the text ("ERBIL" -> "Erbil")
    subtype: str | None = None  # "Mission" or "GovernmentBody" for descriptions built here
    weight: int = 1  # votes for its type: a dateline is surely a place
    parts: tuple[str, str] | None = None  # their (organisation or country, place or body) names

    @property
    def name(self) -> str:
        return self.known or self.label or self.text
