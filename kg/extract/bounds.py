"""Where a name begins and ends, when the model drew the line in the wrong place.

A person's name runs on into where they come from ("Jane Doe of Chad" is a person and a
country); a known organisation's own organ goes untagged after it ("the AU Assembly", "the
ASEAN Secretariat", "a venue's Convention Centre"); a role title with its connector is tagged
as a name ("Chair of the"); a place that ends a role title ("Supreme Allied Commander Europe")
is part of the title, not a mention of the place.
"""

from __future__ import annotations

import re

from kg.extract.candidate import Candidate
from kg.extract.names import head_kind, person_shaped, shapes
from kg.lexicon import Lexicon, normalize
from kg.model import ORGANIZATION, PERSON, PLACE

OF_PLACE = re.compile(r"^(.+?) of ((?:[A-Z][\w'’-]*)(?: [A-Z][\w'’-]*){0,3})$")


def person_of_place(text: str, cands: list[Candidate], lexicon: Lexicon) -> list[Candidate]:
    """ "Jane Doe of Chad": the model's one name is a person and the country they come from."""
    result = []
    for c in cands:
        split = None if c.known else _split_of_place(c, lexicon)
        result += split or [c]
    return result


def _split_of_place(c: Candidate, lexicon: Lexicon) -> list[Candidate] | None:
    m = OF_PLACE.match(c.text)
    if m is None:
        return None
    place = lexicon.lookup(m.group(2))
    if place is None or place.base != PLACE or not _person_name(m.group(1), lexicon):
        return None
    start = c.start + m.start(2)
    return [
        Candidate(c.start, c.start + m.end(1), m.group(1), PERSON, weight=2),
        Candidate(start, c.end, m.group(2), PLACE, place.name),
    ]


def _person_name(name: str, lexicon: Lexicon) -> bool:
    """Two to four capitalised words that no word marks as a body, a state or a title."""
    words = name.split()
    s = shapes(lexicon)
    if not 2 <= len(words) <= 4 or not person_shaped(name, lexicon):
        return False
    return not any(
        w.lower() in s.lone_words
        or w.lower() in s.state_forms
        or w.lower() in s.connectors
        or lexicon.lookup(w)
        or lexicon.role(w)
        or lexicon.country_of_demonym(w)
        for w in words
    )


PARTY_OF = re.compile(r"^(.+?) (party|Party) of ((?:[A-Z][\w'’-]*)(?: [A-Z][\w'’-]*){1,3})$")


def party_of_leader(cands: list[Candidate], lexicon: Lexicon) -> list[Candidate]:
    """ "the New Hope party of Jane Doe": the model's one name is a party and its leader; a party
    named with a lowercase "party" after it goes by the name without it ("New Hope")."""
    result = []
    for c in cands:
        m = None if c.known or c.ner != ORGANIZATION else PARTY_OF.match(c.text)
        if m is None or lexicon.lookup(m.group(3)) or not _person_name(m.group(3), lexicon):
            result.append(_party(c))
            continue
        end = c.start + m.end(2)
        result.append(_party(Candidate(c.start, end, c.text[: m.end(2)], ORGANIZATION, weight=2)))
        result.append(Candidate(c.start + m.start(3), c.end, m.group(3), PERSON, weight=2))
    return result


def _party(c: Candidate) -> Candidate:
    """ "New Hope party" goes by "New Hope"."""
    name, _, last = c.text.rpartition(" ")
    if c.known or c.label or last != "party" or not name[:1].isupper():
        return c
    c.label = name
    return c


#: last words of a force's name that a place may follow without "in": "International Force East Timor"
FORCE_HEADS = ("Force", "Forces", "Command", "Mission")


def force_of_place(prev: Candidate, c: Candidate) -> bool:
    """ "Interim Force" + "East Timor": an unknown force's name the model stopped before the known
    place that ends it."""
    return (
        prev.ner == ORGANIZATION
        and not prev.known
        and " " in prev.text
        and prev.text.endswith(FORCE_HEADS)
        and c.known is not None
        and c.ner == PLACE
    )


def role_fragment(text: str, lexicon: Lexicon) -> bool:
    """ "Chair of the", "Commander of": a role title and its connector, tagged as a name."""
    words = text.split()
    connectors = shapes(lexicon).connectors
    while len(words) > 1 and (words[-1] in connectors or words[-1].lower() == "the"):
        words = words[:-1]
    return len(words) < len(text.split()) and lexicon.role(" ".join(words)) is not None


def ends_role_title(text: str, c: Candidate, lexicon: Lexicon) -> bool:
    """ "the Supreme Allied Commander Europe": a known place that closes a role title."""
    if c.ner != PLACE or not c.known:
        return False
    before = text[max(0, c.start - 50) : c.start]
    words = before.split()[-4:]
    if not before.endswith(" ") or not words or words[-1].lower() in (*shapes(lexicon).connectors, "the"):
        return False  # "chairman of the Joint Chiefs": a title names its organisation
    return any(lexicon.role(f"{' '.join(words[-n:])} {c.text}") for n in range(1, len(words) + 1))


ORGAN = re.compile(r"((?: [A-Z][\w-]*){1,3})\b(?![’'\w-])")


def organs(text: str, cands: list[Candidate], lexicon: Lexicon) -> list[Candidate]:
    """ "the AU Assembly", "the ASEAN Secretariat", "its Geo-economics Task Force": a known
    organisation followed by capitalised words that end on an organisation's word is its organ;
    a known city followed by a venue ("Convention Centre") is the venue."""
    result = list(cands)
    for c in cands:
        entry = lexicon.known.get(normalize(c.known)) if c.known else None
        if entry is None or not (organ := _organ(text, c, entry.base, lexicon)):
            continue
        result = [o for o in result if not (o is c or (c.end <= o.start < organ.end))]
        result.append(organ)
    return result


def _organ(text: str, c: Candidate, base: str, lexicon: Lexicon) -> Candidate | None:
    m = ORGAN.match(text, c.end)
    if m is None or _name_goes_on(text, m.end(), lexicon):
        return None
    tail = m.group(1).strip()
    whole = text[c.start : m.end()]
    if any(lexicon.role(w) for w in tail.split()) or lexicon.lookup(whole):
        return None
    kind = _organ_kind(tail, base, lexicon)
    return Candidate(c.start, m.end(), whole, kind, weight=2) if kind else None


def _name_goes_on(text: str, end: int, lexicon: Lexicon) -> bool:
    """Whether a capitalised run ending at ``end`` goes on: another capitalised word, an acronym in
    brackets ("(EU NAVFOR)"), "of" or "for" before a capital ("Force for Kosovo"), or a longer
    name that an acronym closes ("Force in Bosnia and Herzegovina (EUFOR)")."""
    after = text[end : end + 80]
    if re.match(r"^ [A-Z(]|^ (?:of|for|and|&) [A-Z]", after):
        return True
    return bool(re.match(r"^(?: (?:[A-Z][\w'’-]*|of|and|the|for|in|on|de))+ \([A-Z][\w-]+\)", after))


def _organ_kind(tail: str, base: str, lexicon: Lexicon) -> str | None:
    """An organisation's organ ends on an organisation's word; a city's venue on a venue's."""
    if base == ORGANIZATION and head_kind(f"x {tail}", lexicon) == ORGANIZATION:
        return ORGANIZATION
    if base == PLACE and any(tail.lower().endswith(v) for v in shapes(lexicon).venues):
        return PLACE
    return None


def run_on(text: str, c: Candidate, lexicon: Lexicon) -> Candidate:
    """ "Conference of the States" + " Parties": a name with a connector, cut before the
    capitalised plural that ends it."""
    if c.known or c.ner != ORGANIZATION or not any(w in shapes(lexicon).connectors for w in c.text.split()):
        return c
    m = re.match(r" ([A-Z][a-z]+s)\b(?![’'-])", text[c.end : c.end + 30])
    if m is None or lexicon.role(m.group(1)[:-1]) or lexicon.lookup(m.group(1)):
        return c
    end = c.end + m.end()
    return Candidate(c.start, end, text[c.start : end], c.ner, weight=c.weight)


ACRONYM_AFTER = re.compile(r" \(([A-Z][A-Za-z]{2,9})\)")
NAME_RUN = re.compile(r"(?:(?:[A-Z][\w'’-]*|of|for|in|on|and|the) )*$")


def named_by_acronym(text: str, cands: list[Candidate]) -> list[Candidate]:
    """ "International Force East Timor (INTERFET)", "United Nations Transitional Administration
    in East Timor (UNTAET)": a place the model tagged inside a name is the end of that name when
    the acronym after the place spells the capitalised words before it too."""
    result = list(cands)
    for c in cands:
        if c.ner != PLACE or not (m := ACRONYM_AFTER.match(text, c.end)):
            continue
        start = _spelled_start(text, c, m.group(1))
        if start is None:
            continue
        result = [o for o in result if not (start <= o.start and o.end <= c.end)]
        result.append(Candidate(start, c.end, text[start : c.end], ORGANIZATION, weight=2))
    return sorted(result, key=lambda o: o.start)


def _spelled_start(text: str, place: Candidate, acronym: str) -> int | None:
    """Where the name that ``acronym`` spells begins, if it runs on into ``place``: the first
    capitalised word before the place whose letters, with the place's, hold the acronym's in order."""
    run = NAME_RUN.search(text, max(0, place.start - 90), place.start)
    if run is None or run.start() == place.start:
        return None
    words = list(re.finditer(r"\S+", text[run.start() : place.start]))
    for w in words:
        start = run.start() + w.start()
        if w.group()[:1] != acronym[0] or not w.group()[:1].isupper():
            continue
        before = re.sub(r"[^a-z]", "", text[start : place.start].lower())
        if _in_order(acronym.lower(), before + re.sub(r"[^a-z]", "", place.text.lower())) and not _in_order(
            acronym.lower(), before
        ):
            return start
    return None


def _in_order(letters: str, word: str) -> bool:
    """Whether ``letters`` appear in ``word`` in that order."""
    it = iter(word)
    return all(ch in it for ch in letters)
