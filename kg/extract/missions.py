"""Missions described in the text: "NATO's training mission in Iraq", "its mission in Iraq",
"NATO Mission Iraq", "European Union Training Mission in Mali".

Each becomes one organisation keyed by its (organisation, place) parts, so that every way of
naming one mission, in one article or in several, is one entity.
"""

from __future__ import annotations

import re

from kg.extract.candidate import Candidate
from kg.lexicon import Lexicon, normalize
from kg.model import ORGANIZATION, PLACE

MISSION_PHRASE = re.compile(r"^(?:['’]s)?\s+((?:[a-z][a-z-]*\s+){0,3})mission\s+(?:in|to)\s+$")
PROPER_MISSION_GAP = re.compile(r"^\s+(?:[A-Z][a-z]+\s+){0,2}Mission\s+(?:in\s+)?$")
NOT_MODIFIERS = re.compile(r"\b(?:is|are|was|were|has|have|will|would|agrees?|agreed|launched|expands?|to)\b")
MISSION_POSSESSIVE = re.compile(
    r"\b(?:its|their|the alliance['’]s|the bloc['’]s)\s+((?:[a-z][a-z-]*\s+){0,3})mission\s+(?:in|to)\s+$"
)


def missions(text: str, cands: list[Candidate], lexicon: Lexicon) -> list[Candidate]:
    """ "NATO's training mission in Iraq", "its mission in Iraq", "NATO Mission Iraq": one mission entity."""
    places = [c for c in cands if c.ner == PLACE]
    orgs = [c for c in cands if c.ner == ORGANIZATION and not c.subtype]
    found = []
    for place in places:
        before = text[max(0, place.start - 80) : place.start]
        org = next(
            (
                o
                for o in reversed(orgs)
                if o.end <= place.start
                and MISSION_PHRASE.match(text[o.end : place.start])
                and not NOT_MODIFIERS.search(text[o.end : place.start])
            ),
            None,
        )
        if org is None and (m := MISSION_POSSESSIVE.search(before)):
            opening = place.start - len(before) + m.start()
            org = next((o for o in reversed(orgs) if o.end <= opening and opening - o.end < 120), None)
            if org is not None:
                found.append(mission(text, opening, place.end, org, place))
        elif org is not None:
            found.append(mission(text, org.start, place.end, org, place))
    for cand in orgs:
        if parts := proper_mission(cand, lexicon):
            cand.subtype, cand.parts = "Mission", (normalize(parts[0].name), normalize(parts[1].name))
            # its organisation and place are named too, unless the model tagged them on their own
            found += [p for p in parts if not any(c.start == p.start and c.end == p.end for c in cands)]
    for org in orgs:  # "NATO Mission Iraq", split by the model into "NATO" and "Iraq"
        proper = next(
            (p for p in places if p.start > org.end and PROPER_MISSION_GAP.match(text[org.end : p.start])),
            None,
        )
        if proper:
            place = proper
            found.append(
                Candidate(
                    org.start,
                    place.end,
                    text[org.start : place.end],
                    ORGANIZATION,
                    subtype="Mission",
                    parts=(normalize(org.name), normalize(place.name)),
                )
            )
    for org in orgs:  # "NATO Iraq mission"
        after = next((p for p in places if p.start == org.end + 1), None)
        if after and re.match(r"^\s+mission\b", text[after.end : after.end + 9]):
            found.append(mission(text, org.start, after.end + 8, org, after))
    return found


def mission(text: str, start: int, end: int, org: Candidate, place: Candidate) -> Candidate:
    label = f"{short(org)} mission in {place.name}"
    return Candidate(
        start,
        end,
        text[start:end],
        ORGANIZATION,
        label=label,
        subtype="Mission",
        parts=(normalize(org.name), normalize(place.name)),
    )


def short(org: Candidate) -> str:
    return org.text if len(org.text) <= len(org.name) else org.name


def proper_mission(cand: Candidate, lexicon: Lexicon) -> tuple[Candidate, Candidate] | None:
    """The organisation and the place a proper mission name is made of: "European Union Training
    Mission in Mali" -> European Union, Mali."""
    m = re.match(r"^(.+?)\s+(?:[A-Z][a-z]+\s+){0,2}Mission\s+(?:in\s+)?(.+)$", cand.text)
    if not m:
        return None
    org, place = lexicon.lookup(m.group(1)), lexicon.lookup(m.group(2))
    if org is None or place is None or place.base != PLACE:
        return None
    return (
        Candidate(cand.start + m.start(1), cand.start + m.end(1), m.group(1), org.base, org.name),
        Candidate(cand.start + m.start(2), cand.start + m.end(2), m.group(2), PLACE, place.name),
    )
