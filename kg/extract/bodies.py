"""A country's government body named by description: "China's Foreign Ministry", "the Iraqi parliament".

One body goes by several descriptions: "Egypt's navy" and "the Egyptian Navy"; "the Lebanese army"
and "the Lebanese Armed Forces" (news calls a country's armed forces its army). Each description
is keyed by its (country, body) parts, so that all of them, in one article or in several, are one
organisation; and where the gazetteer knows the body under one of its descriptions ("Turkish
parliament" is the Grand National Assembly of Turkey, "German armed forces" the Bundeswehr), every
description is that known entry.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from kg.extract.candidate import Candidate
from kg.lexicon import Known, Lexicon, derived, normalize
from kg.model import ORGANIZATION, PLACE

GOVERNMENT_BODIES = (
    "foreign ministry",
    "defence ministry",
    "defense ministry",
    "ministry of defence",
    "ministry of foreign affairs",
    "parliament",
    "armed forces",
    "security forces",
    "army",
    "navy",
    "air force",
)
#: descriptions of one body: a country's "army" in news is its armed forces as a whole
SAME_BODY = {
    "ministry of defence": "defence ministry",
    "ministry of foreign affairs": "foreign ministry",
    "army": "armed forces",
}
BODIES = "|".join(re.escape(b) for b in GOVERNMENT_BODIES)
POSSESSIVE_BODY = re.compile(rf"['’]s ({BODIES})\b", re.IGNORECASE)


@dataclass(frozen=True, slots=True)
class Body:
    """A description of a country's body in the text, with its parts and the known entry it names."""

    start: int
    end: int
    text: str
    parts: tuple[str, str]  # normalised country name, canonical body
    known: Known | None


def canonical_body(name: str) -> str:
    """ "Ministry of Defense" -> "defence ministry", "Army" -> "armed forces"."""
    key = name.lower().replace("defense", "defence")
    return SAME_BODY.get(key, key)


def after_country(text: str, start: int, end: int, country: str, lexicon: Lexicon) -> Body | None:
    """ "China's Foreign Ministry": the body a country mention at ``start:end`` owns, if any."""
    m = POSSESSIVE_BODY.match(text, end)
    if not m:
        return None
    return _body(text, start, m.end(), country, m.group(1), lexicon)


def by_demonym(text: str, lexicon: Lexicon) -> list[Body]:
    """ "the Iraqi parliament", "Egyptian Navy": every demonym-and-body description in ``text``."""
    pattern = _demonym_pattern(lexicon)
    if pattern is None:
        return []
    found = []
    for m in pattern.finditer(text):
        country = lexicon.country_of_demonym(m.group(1))
        if country:
            found.append(_body(text, m.start(), m.end(), country, m.group(2), lexicon))
    return found


def _body(text: str, start: int, end: int, country: str, body: str, lexicon: Lexicon) -> Body:
    parts = (normalize(country), canonical_body(body))
    known = lexicon.lookup(text[start:end]) or known_body(parts, body.lower(), lexicon)
    return Body(start, end, text[start:end], parts, known)


def known_body(parts: tuple[str, str], said: str, lexicon: Lexicon) -> Known | None:
    """The gazetteer entry a (country, body) goes by under any of its descriptions, the words
    the text ``said`` first."""
    entry = lexicon.known.get(parts[0])
    if entry is None:
        return None
    others = [b for b, same in SAME_BODY.items() if same == parts[1]]
    for body in dict.fromkeys([said, parts[1], *others]):
        forms = [f"{d} {body}" for d in demonyms_of(lexicon).get(entry.name, ())]
        forms += [f"{body} of {entry.name}", f"{entry.name} {body}"]
        for form in forms:
            if (known := lexicon.lookup(form)) is not None and known.base != PLACE:
                return known
    return None


class _Demonyms:
    """Demonyms by country and the demonym-and-body pattern, built once per lexicon."""

    def __init__(self, lexicon: Lexicon) -> None:
        by_country: dict[str, list[str]] = {}
        for demonym, country in lexicon.demonyms.items():
            by_country.setdefault(country, []).append(demonym)
        self.by_country = {c: tuple(ds) for c, ds in by_country.items()}
        alternation = "|".join(
            re.escape(d) for d in sorted(lexicon.demonyms, key=len, reverse=True) if len(d) > 3
        )
        self.pattern = re.compile(rf"\b({alternation}) ((?i:{BODIES}))\b") if alternation else None


def _built(lexicon: Lexicon) -> _Demonyms:
    return derived(lexicon, _Demonyms)


def demonyms_of(lexicon: Lexicon) -> dict[str, tuple[str, ...]]:
    """Country name -> its demonyms."""
    return _built(lexicon).by_country


def _demonym_pattern(lexicon: Lexicon) -> re.Pattern[str] | None:
    return _built(lexicon).pattern


#: "the Saudi-led coalition": a country's demonym before "-led" and a body's noun; only after
#: "the" or at the start of a line (a headline), not "a French-led force". A country's name before
#: it ("the Kenya-led force") is tagged as the country and left so: news uses it for a body the
#: article names otherwise.
LED_BODY = re.compile(r"(?:(?<=\b[Tt]he )|^)([A-Z][a-z]+)-led (coalition|force|mission)\b", re.MULTILINE)


def led_by_country(text: str, lexicon: Lexicon) -> list[tuple[int, int, str]]:
    """ "the Saudi-led coalition": every body named by the demonym of the country that leads it,
    as (start, end, noun)."""
    return [
        (m.start(), m.end(), m.group(2))
        for m in LED_BODY.finditer(text)
        if lexicon.country_of_demonym(m.group(1))
    ]


def led_bodies(text: str, cands: list[Candidate], lexicon: Lexicon) -> list[Candidate]:
    """ "the Saudi-led coalition" as an organisation, unless the article names a coalition (a
    force, a mission) that the phrase may describe: then it is left to that one."""
    found = []
    for start, end, noun in led_by_country(text, lexicon):
        if any(c.start < end and start < c.end for c in cands) or _names_a(noun, cands, lexicon):
            continue
        found.append(Candidate(start, end, text[start:end], ORGANIZATION, weight=2))
    return found


def _names_a(noun: str, cands: list[Candidate], lexicon: Lexicon) -> bool:
    """Whether an organisation of the article has ``noun`` in its name or goes by it ("the coalition")."""
    for c in cands:
        entry = lexicon.known.get(normalize(c.known)) if c.known else None
        if c.ner == ORGANIZATION and (
            noun in c.name.lower().split() or (entry is not None and noun in entry.generic)
        ):
            return True
    return False
