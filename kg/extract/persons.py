"""Which mentions name the same person: a surname, a first surname, a family name first, a
full name with or without its middle names.

A bare name goes to the one person of the article (or of the corpus, in ``resolve``) whose
full name it is part of in a way names are shortened: "Berzins" of "Tomas Berzins", "Herrera" of
"Mateo Herrera Ortuño", "Li" of "Li Wei". A father's name after "bin" or "ibn" is no
surname: "Khalid" alone is not "Faisal bin Khalid".
"""

from __future__ import annotations

from collections.abc import Iterable

from spacy.tokens import Doc

from kg.lexicon import normalize
from kg.model import PERSON, LocalEntity, Mention, Span

NAME_SUFFIXES = {"jr", "sr", "ii", "iii", "iv"}
#: particles before a father's name: "Mohammed bin Salman" is Mohammed, son of Salman
PATRONYMIC = {"bin", "ibn", "bint"}


def surnames(tokens: list[str]) -> set[str]:
    """The parts of a full name (suffixes dropped) that the person goes by alone: the last, unless it
    is a father's name, and the middle ones of three or more letters ("Lázaro" of "Aroldo Lázaro Sáenz")."""
    found = {t for t in tokens[1:-1] if len(tokens) > 2 and len(t) > 2 and t.lower() not in PATRONYMIC}
    if tokens[-2].lower() not in PATRONYMIC:
        found.add(tokens[-1])
    return found


def missed_surnames(doc: Doc, entities: Iterable[LocalEntity], mentions: list[Mention]) -> list[Mention]:
    """Surnames of the article's people that the model did not tag ("Mattis said ...", "Lázaro said")."""
    by_surname: dict[str, set[str]] = {}
    for e in entities:
        tokens = [t for t in e.name.split() if normalize(t) not in NAME_SUFFIXES]
        if e.kind == PERSON and len(tokens) > 1:
            for surname in surnames(tokens):
                if surname == tokens[-1] or surname[:1].isupper():  # "al-Rashidi", not a middle "bin"
                    by_surname.setdefault(surname, set()).add(e.key)
    covered = {i for m in mentions for i in range(m.span.start, m.span.end)}
    extra = []
    for token in doc:
        keys = by_surname.get(token.text)
        if keys and len(keys) == 1 and token.idx not in covered and token.pos_ == "PROPN":
            extra.append(Mention(Span(token.idx, token.idx + len(token.text), token.text), next(iter(keys))))
    return extra


def person_match(key: str, persons: list[tuple[list[str], int]]) -> int | None:
    """The one person whose full name ends with (or is spelled by) these tokens: "Berzins", "Le Marchal".

    When two people of the article fit ("Solheim" with two Solheims named), neither gets it.
    """
    tokens = [t for t in key.split() if t not in NAME_SUFFIXES]
    matches = set()
    for name, cluster in persons:
        core = [t for t in name if t not in NAME_SUFFIXES]
        if (
            (tokens == core[-len(tokens) :] and (len(tokens) > 1 or tokens[0] in surnames(core)))
            or (len(tokens) == 2 and tokens[0] == core[0] and tokens[1] == core[-1])
            or same_person(tokens, core)
            or first_surname(tokens, core)
        ):
            matches.add(cluster)
    if not matches:  # "Li" of "Li Wei", "Chan Sok" of "Chan Sok Dara": a family name first (Chinese,
        # Korean, Khmer names), or the name a person goes by first (Malay, Ethiopian names; a first name)
        matches = {
            cluster for name, cluster in persons if len(tokens) < len(name) and name[: len(tokens)] == tokens
        }
    return matches.pop() if len(matches) == 1 else None


def first_surname(tokens: list[str], name: list[str]) -> bool:
    """ "Lázaro" of "Aroldo Lázaro Sáenz": the first of two surnames (Spanish, Portuguese and many
    African names) goes alone; a middle initial never does."""
    return len(tokens) == 1 and len(name) >= 3 and len(tokens[0]) > 2 and tokens[0] in name[1:-1]


def same_person(a: list[str], b: list[str]) -> bool:
    """Same first and last name, middle names agreeing where both give them ("Ana J. Ruiz")."""
    if (len(a) < 3 and len(b) < 3) or a[0] != b[0] or a[-1] != b[-1]:
        return False
    middle_a, middle_b = a[1:-1], b[1:-1]
    return not middle_a or not middle_b or middle_a[0][0] == middle_b[0][0]
