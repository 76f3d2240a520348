"""Photo credits: who took a picture and for whom, "Photo: Jane Doe / Site Name", "(Agency/Jane Doe)".

The model reads a credit as running text and types its parts from too little: a site named
"Northern Flank" becomes a person, "Adriatic Defence Review" a sea. A credit's shape says what
each part is: after "Photo:", a person and then, after the slash, the site or agency; in
parentheses, the agency and then, after the slash, the photographer. Parts the gazetteer knows
keep their entry ("Photo: Reuters / Jane Doe").
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from kg.extract.names import head_kind, person_shaped
from kg.lexicon import Lexicon, normalize
from kg.model import ORGANIZATION, PERSON

PART = r"[A-ZÀ-Ý][^\n/()]{1,60}?"
LABEL = r"(?:Photo|Photos|Photograph|Picture|Image|Credit|Photo credit)s?:[ \t]*"
#: "Photo: Jane Doe / Site Name" up to the end of the line
LABELLED = re.compile(rf"\b{LABEL}({PART})[ \t]*/[ \t]*({PART})[ \t.]*$", re.MULTILINE)
#: "(Agency/Jane Doe)", or "(Photo: Jane Doe / Agency)"
BRACKETED = re.compile(rf"\(({LABEL})?({PART})[ \t]*/[ \t]*({PART})\)")
#: "(Photo: Site Name)", "Photo: Jane Doe": one name, up to the bracket or the end of the line
SINGLE = re.compile(rf"\b{LABEL}({PART})[ \t.]*(?:\)|$)", re.MULTILINE)


#: words that make a part of a credit no name: "(Handout photo / USFOR-A)", "(File/Agency)"
NOT_NAMES = frozenset({"photo", "handout", "file", "pool", "courtesy", "via"})


@dataclass(frozen=True, slots=True)
class CreditPart:
    """One part of a credit: its span, its type and, when the gazetteer knows it, its entry's name."""

    start: int
    end: int
    text: str
    kind: str
    known: str | None


def credit_parts(text: str, lexicon: Lexicon, site: str | None = None) -> list[CreditPart]:
    """Every part of every photo credit in ``text``; ``site`` is the publisher's name, never a person."""
    found = []
    for m in LABELLED.finditer(text):
        found += _parts(m, (1, 2), (PERSON, ORGANIZATION), lexicon, site)
    for m in BRACKETED.finditer(text):
        kinds = (PERSON, ORGANIZATION) if m.group(1) else (ORGANIZATION, PERSON)
        found += _parts(m, (2, 3), kinds, lexicon, site)
    for m in SINGLE.finditer(text):
        part = _part(m, 1, lexicon)
        if part is not None and not any(p.start <= part.start < p.end for p in found):
            found.append(part if part.known else _single(part, lexicon, site))
    return found


def _single(part: CreditPart, lexicon: Lexicon, site: str | None) -> CreditPart:
    """A credit of one name is the source when its shape says so, else the photographer."""
    acronym = any(len(w) > 1 and w.isupper() for w in part.text.split())  # "CMF Public Affairs"
    kind = ORGANIZATION if acronym or _source(part, lexicon, site) else PERSON
    return CreditPart(part.start, part.end, part.text, kind, None)


def _parts(
    m: re.Match[str], groups: tuple[int, int], kinds: tuple[str, str], lexicon: Lexicon, site: str | None
) -> list[CreditPart]:
    parts = [_part(m, group, lexicon) for group in groups]
    kinds = _kinds(m, groups, parts, kinds, lexicon, site)
    typed = []
    for part, kind in zip(parts, kinds, strict=True):
        if part is None or part.known:
            typed += [part] if part else []
            continue
        person = kind == PERSON and person_shaped(part.text, lexicon)
        typed.append(CreditPart(part.start, part.end, part.text, PERSON if person else ORGANIZATION, None))
    if sum(p.kind == PERSON for p in typed) > 1:
        return []  # two people: not a credit of this shape
    return typed


def _kinds(
    m: re.Match[str],
    groups: tuple[int, int],
    parts: list[CreditPart | None],
    kinds: tuple[str, str],
    lexicon: Lexicon,
    site: str | None,
) -> tuple[str, str]:
    """The type each part takes: by its place in the credit, unless one part is surely the source
    ("Photo: Reuters / Jane Doe", "Photo: Site Name / Jane Doe", "Photo: UN Photo / Jane Doe")."""
    if None in parts:  # "(Handout photo / Agency)": what is left is the source, unless the
        # other part was an agency's photo service ("UN Photo / Jane Doe")
        agency = any(p is None and _photo_service(m.group(g)) for p, g in zip(parts, groups, strict=True))
        return (PERSON, PERSON) if agency else (ORGANIZATION, ORGANIZATION)
    source = [_source(p, lexicon, site) for p in parts if p is not None]
    if source == [True, False]:
        return (ORGANIZATION, PERSON)
    if source == [False, True]:
        return (PERSON, ORGANIZATION)
    return kinds


def _source(part: CreditPart, lexicon: Lexicon, site: str | None) -> bool:
    """Whether a credit's part is an organisation whatever its place: a known one, the site
    itself, or a name ending on an organisation's word ("Levant Wire Service")."""
    if part.known:
        return part.kind == ORGANIZATION
    if site and normalize(site) == normalize(part.text):
        return True
    return head_kind(part.text, lexicon) == ORGANIZATION or not person_shaped(part.text, lexicon)


def _photo_service(text: str) -> bool:
    """ "UN Photo", "AFP Photo": a name before "Photo" is an agency's picture service."""
    words = text.split()
    names = [w for w in words if w.lower() not in NOT_NAMES]
    return (
        len(words) > 1 and words[-1].lower() in ("photo", "photos") and bool(names) and names[0][:1].isupper()
    )


def _part(m: re.Match[str], group: int, lexicon: Lexicon) -> CreditPart | None:
    """The name in one part of a credit, with its gazetteer entry; none for "Handout photo"."""
    name = m.group(group).strip()
    if NOT_NAMES.intersection(name.lower().split()):
        return None
    known = lexicon.lookup(name)
    start = m.start(group)
    return CreditPart(
        start, start + len(name), name, known.base if known else "", known.name if known else None
    )
