"""The shape and context of names: evidence for a mention's type beyond the model's label.

The small English model types a name from its own window and often gets an unfamiliar name
wrong: "Teodora Valcarce" as an organisation, "Enerhodar" as a person. What it misses, the
text around the name usually states: a role title or an honorific before it, a role in
apposition after it ("X, chairperson of ..."), a speech verb it is the subject of; a place
preposition ("near X"), "the port of X", "X air base"; an organisation noun in apposition
("X, Ukraine's state nuclear operator"); or the name's own last word ("Patch Barracks",
"Vilnius University"). Names of documents, laws, events and diseases are no entity at all.
The vocabulary is data, in ``ontology/names.toml``.
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Sequence
from typing import Protocol

from spacy.tokens import Doc

from kg.lexicon import Lexicon, derived, normalize
from kg.model import ORGANIZATION, PERSON, PLACE

SENTENCE_END = re.compile(r"[.!?]['\"”’]?\s+(?=[A-Z\"“])|\n")
#: words that may follow a place after a preposition ("at X from January", "near X, in"); a person
#: or a body after one is followed by other words ("in X's view", "at X headquarters")
PLACE_NEXT = [
    [w] for w in ("in", "on", "and", "by", "from", "to", "were", "was", "is", "are", "for", "since", "until")
]
POSSESSIVE = re.compile(r"^(\S+)['’]s\b")


class NameShapes:
    """The vocabulary of ``ontology/names.toml`` as sets, built once per lexicon."""

    def __init__(self, lexicon: Lexicon) -> None:
        names = lexicon.names
        self.connectors = frozenset(names.get("connectors", ()))
        self.honorifics = frozenset(names.get("person_honorifics", ()))
        self.org_heads = frozenset(names.get("organization_heads", ()))
        self.place_heads = frozenset(names.get("place_heads", ()))
        self.document_heads = frozenset(names.get("document_heads", ()))
        self.not_entities = frozenset(names.get("not_entities", ()))
        self.place_followers = tuple(names.get("place_followers", ()))
        self.place_nouns = frozenset(names.get("place_nouns", ()))
        nouns = "|".join(map(re.escape, sorted(self.place_nouns, key=len, reverse=True)))
        self.place_of = (
            re.compile(rf"\b(?:{nouns}) of ([A-ZÀ-Ý][\w'’-]+(?: [A-ZÀ-Ý][\w'’-]+){{0,2}})") if nouns else None
        )
        self.place_prepositions = frozenset(names.get("place_prepositions", ()))
        self.org_nouns = frozenset(names.get("organization_nouns", ()))
        self.openers = frozenset(names.get("name_openers", ()))
        sites = sorted(names.get("site_nouns", ()), key=len, reverse=True)
        self.site = re.compile(rf" ({'|'.join(map(re.escape, sites))})\b") if sites else None
        self.particles = frozenset(names.get("name_particles", ()))
        self.peoples = frozenset(names.get("peoples", ()))
        self.lone_words = frozenset(names.get("lone_words", ()))
        self.kin = frozenset(names.get("kin_nouns", ()))
        self.state_forms = frozenset(names.get("state_forms", ()))
        self.venues = tuple(names.get("venues", ()))
        widgets = sorted(names.get("widget_openers", ()), key=len, reverse=True)
        openers = "|".join(map(re.escape, widgets))
        self.widget = (
            re.compile(rf"(?i)[ \t]*(?:{openers})(?:[ \t]*[:▸|·]|[ \t]+(?:on|via|this|us)\b)")
            if widgets
            else None
        )
        self.speech = frozenset(lexicon.patterns.get("vocabulary", {}).get("speech_verbs", ()))
        self.leader_nouns = frozenset(names.get("leader_nouns", ()))
        agents = sorted(names.get("leading_by", ()), key=len, reverse=True)
        self.led_by = re.compile(rf"\b(?:{'|'.join(map(re.escape, agents))}) $") if agents else None


def shapes(lexicon: Lexicon) -> NameShapes:
    """The name vocabulary of ``lexicon``, built on first use (lexicons are loaded once)."""
    return derived(lexicon, NameShapes)


# --- the name itself ------------------------------------------------------------------------


def head_kind(name: str, lexicon: Lexicon) -> str | None:
    """The type a multi-word name's last word gives it: "Patch Barracks" a place, "Vilnius
    University" an organisation."""
    words = name.split()
    if len(words) < 2:
        return None
    last = words[-1].lower()
    s = shapes(lexicon)
    if name.lower().endswith(tuple(f" {v}" for v in s.venues)):  # "Nairobi Convention Centre"
        return PLACE
    if last in s.org_heads:
        return ORGANIZATION
    if last in s.place_heads:
        return PLACE
    return None


def is_not_an_entity(name: str, lexicon: Lexicon) -> bool:
    """Documents, laws, events and diseases: "Helsinki Final Act", "Camp David Accords", "Brexit",
    "Hiroshima Vision on Nuclear Disarmament"; peoples ("Tuareg"); a lone generic word ("States")."""
    s = shapes(lexicon)
    key = name.lower()
    if key in s.not_entities or key in s.peoples or key in s.lone_words or _plural_demonym(name, lexicon):
        return True
    words = _before_connector(name.split(), s.connectors)
    return len(words) > 1 and words[-1].lower() in s.document_heads


def _plural_demonym(name: str, lexicon: Lexicon) -> bool:
    """ "Ukrainians", "Filipinos": a country's people, no more an entity than "Ukrainian" is."""
    if " " in name or not name.endswith("s"):
        return False
    return bool(
        lexicon.country_of_demonym(name[:-1])
        or (name.endswith("es") and lexicon.country_of_demonym(name[:-2]))
    )


def _before_connector(words: list[str], connectors: frozenset[str]) -> list[str]:
    """The words of a name up to its first connector: its head is the last of them."""
    for i, word in enumerate(words):
        if i and word in connectors:
            return words[:i]
    return words


UNIT_NUMBER = re.compile(r" (?:\(([A-Z]{2,6})\) )?(\d{1,3})\b(?![.,]\d)")


def unit_number(text: str, name: str, end: int, lexicon: Lexicon) -> re.Match[str] | None:
    """ "Combined Task Force (CTF) 153", "CTF 153": the number (and acronym) after a unit's name
    ending at ``end``; the name must end on an organisation's last word ("Force", "Fleet") or be
    an acronym."""
    words = name.split()
    acronym = len(words) == 1 and len(name) > 1 and name.isalpha() and name.isupper()  # "CTF 151"
    if not acronym and (len(words) < 2 or words[-1].lower() not in shapes(lexicon).org_heads):
        return None
    m = UNIT_NUMBER.match(text, end)
    return None if m is None or (acronym and m.group(1)) else m


def site_noun(text: str, end: int, lexicon: Lexicon) -> re.Match[str] | None:
    """ " reservoir", " nuclear power plant": a lowercase site noun right after a name ending at ``end``."""
    site = shapes(lexicon).site
    return site.match(text, end) if site is not None else None


DASH_ACRONYM = re.compile(r" \(([A-Z][A-Za-z]{2,9})\)")


def spelled_across_dash(text: str, start: int, gap: tuple[int, int], end: int) -> bool:
    """ "Maritime Security Centre – Horn of Africa (MSCHOA)": two names on either side of a dash
    (``gap``) are one when the acronym after them spells both."""
    if text[gap[0] : gap[1]] not in (" – ", " — ", " - ", "–", "—"):
        return False
    m = DASH_ACRONYM.match(text, end)
    if m is None:
        return False
    words = re.split(r"[\s–—-]+", text[start:end])
    letters = m.group(1).upper()
    return letters in (
        "".join(w[0] for w in words if w).upper(),
        "".join(w[0] for w in words if w[:1].isupper()),
    )


def ends_in_particle(name: str, lexicon: Lexicon) -> bool:
    """ "Anna van der": a person's name cut before its last word ("van der Berg")."""
    words = name.split()
    return len(words) > 1 and words[-1] in shapes(lexicon).particles


def particle_start(text: str, start: int, lexicon: Lexicon) -> int:
    """Where a name at ``start`` begins with the particles before it: "said von der Leyen"."""
    particles = shapes(lexicon).particles
    words = text[max(0, start - 24) : start].split(" ")
    if not words or words[-1] != "":
        return start
    n = 0
    while n + 2 <= len(words) and words[-2 - n] in particles:
        n += 1
    if not n or (n + 2 <= len(words) and words[-2 - n][:1].isupper()):  # "Banco de España"
        return start
    return start - len(" ".join(words[-1 - n :]))


def in_widget(text: str, start: int, lexicon: Lexicon) -> bool:
    """Whether the name at ``start`` is on a sharing widget's line: "Share: Facebook | X"."""
    widget = shapes(lexicon).widget
    return widget is not None and bool(widget.match(text, text.rfind("\n", 0, start) + 1, start))


DATE_TAIL = re.compile(
    r" (?:on|in|since|until|by|from) (?:January|February|March|April|May|June|July|August|September|October"
    r"|November|December|Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)\b"
)


def without_date(name: str) -> str:
    """ "Council on June 16" -> "Council": the model ran a name on into a date."""
    m = DATE_TAIL.search(name)
    return name[: m.start()] if m else name


OPERATION = re.compile(r"\bOperation((?: (?:[A-Z][\w-]+|of|the|for)){0,3} [A-Z][\w-]+)")
KNOWN_LOWERCASE_OPERATION = re.compile(r"\boperation((?: [A-Z][\w-]+){1,2})")


def operations(text: str, lexicon: Lexicon) -> list[tuple[int, int, str]]:
    """ "Operation Mazurka", "Operation Inherent Resolve": every operation named in ``text`` as
    (start, end, name), and the bare name it goes by after ("Mazurka") with the operation's name."""
    found = []
    for m in KNOWN_LOWERCASE_OPERATION.finditer(text):  # "the counter-piracy operation Atalanta"
        known = lexicon.lookup(f"Operation{m.group(1)}")
        if known and f"Operation{m.group(1)}" not in text:
            found.append((m.start(), m.end(), known.name))
    for m in OPERATION.finditer(text):
        if lexicon.role(m.group(0)) or lexicon.role(m.group(0).rsplit(" ", 1)[0]):
            continue  # "Operation Commander Jane Doe"
        found.append((m.start(), m.end(), m.group(0)))
        bare = m.group(1).strip()
        for b in re.finditer(
            rf"\boperation {re.escape(bare)}(?![\w-])", text
        ):  # "the EU's operation Atalanta"
            found.append((b.start(), b.end(), m.group(0)))
        for b in re.finditer(rf"(?<![\w-]){re.escape(bare)}(?![\w-])", text):
            if b.start() != m.start(1) + 1:
                found.append((b.start(), b.end(), m.group(0)))
    return found


def ends_cut(name: str, lexicon: Lexicon) -> bool:
    """Whether the model stopped a name on a connector: "Peace and", "the Federation of"."""
    words = name.split()
    return len(words) > 1 and words[-1] in shapes(lexicon).connectors


def core_names(name: str, lexicon: Lexicon) -> list[str]:
    """Shorter forms a name goes by: "Operation Atalanta" -> "Atalanta", "Wagner Group" -> "Wagner"."""
    words = name.split()
    if len(words) != 2:
        return []
    s = shapes(lexicon)
    if words[0].lower() in s.openers:
        return [words[1]]
    if words[1].lower() in s.org_heads:
        return [words[0]]
    return []


def place_core(name: str, lexicon: Lexicon) -> str | None:
    """The place a site is named after: "Ämari Air Base" -> "Ämari"."""
    words = name.split()
    while len(words) > 1 and words[-1].lower() in (*shapes(lexicon).place_heads, "air", "naval"):
        words = words[:-1]
    return words[0] if len(words) == 1 and len(name.split()) > 1 else None


def person_shaped(name: str, lexicon: Lexicon) -> bool:
    """Whether a name could be a person's: one to four capitalised words, no acronym, no head
    word of a place or an organisation."""
    words = name.split()
    if not 1 <= len(words) <= 4 or head_kind(name, lexicon) or any(c.isdigit() for c in name):
        return False
    if all(c.isupper() for c in name if c.isalpha()):
        return False
    return all(w[:1].isupper() or _particle_word(w) for w in words)


#: a surname's lowercase article joined by a hyphen: "al-Rashidi", "el-Masri", "ad-Din"
PARTICLE_PREFIX = re.compile(r"^(?:al|el|ad|ar|as|at|an|ash|az|bin|ibn|ben|abu|ould)-[A-ZÀ-Ý]")


def _particle_word(word: str) -> bool:
    """A lowercase word inside a person's name: "de", "von", "bin", or "al-" before a capital."""
    return word.lower() in ("de", "van", "von", "der", "bin", "al", "da", "le") or bool(
        PARTICLE_PREFIX.match(word)
    )


class Clustered(Protocol):
    """A mention being clustered (``entities.Candidate``)."""

    start: int
    end: int
    text: str
    known: str | None
    cluster: int

    @property
    def name(self) -> str: ...


# --- names that are one entity --------------------------------------------------------------


KNOWN_AS = re.compile(
    r"^(?: \([^)]{1,20}\))?,? (?:(?:widely|better|also|commonly|popularly|locally) )?known as (?:the )?$"
)


def join_known_as(cands: Sequence[Clustered], text: str) -> None:
    """ "X, widely known as Y": Y is another name of X."""
    for a, b in itertools.pairwise(cands):
        if b.start - a.end < 40 and KNOWN_AS.match(text[a.end : b.start]) and not b.known:
            for c in cands:
                if c.cluster == b.cluster:
                    c.cluster = a.cluster


def join_core_names(cands: Sequence[Clustered], lexicon: Lexicon) -> None:
    """A bare "Atalanta" or "Wagner" joins the one "Operation Atalanta" or "Wagner Group" named."""
    by_core: dict[str, set[int]] = {}
    for c in cands:
        place = place_core(c.name, lexicon)
        for core in [*core_names(c.name, lexicon), *([place] if place else [])]:
            by_core.setdefault(normalize(core), set()).add(c.cluster)
    for c in cands:
        clusters = by_core.get(normalize(c.text), set())
        if not c.known and " " not in c.text and len(clusters) == 1:
            c.cluster = next(iter(clusters))


# --- the context around it ------------------------------------------------------------------


def context_kind(doc: Doc, text: str, start: int, end: int, lexicon: Lexicon) -> str | None:
    """The type the words around ``text[start:end]`` give the name there, if any."""
    name = text[start:end]
    before = _sentence_before(text, start)
    after = text[end : end + 80]
    if person_shaped(name, lexicon) and (
        _person_context(doc, before, after, start, end, lexicon)
        or (len(name.split()) == 2 and _country_s_leader(doc, before, after, (start, end), lexicon))
        or (len(name.split()) > 1 and _led_by(before, lexicon))
    ):
        return PERSON
    if len(name.split()) <= 3 and _place_context(before, after, lexicon):
        return PLACE
    if _organization_apposition(after, lexicon):
        return ORGANIZATION
    return None


def places_of_nouns(text: str, lexicon: Lexicon) -> list[tuple[int, int]]:
    """ "the village of Tessaroun", "the town of Port Kalvenne": the names a place noun and "of"
    introduce, as (start, end)."""
    s = shapes(lexicon)
    if s.place_of is None:
        return []
    return [
        (m.start(1), m.end(1))
        for m in s.place_of.finditer(text)
        if not lexicon.role(m.group(1)) and not is_not_an_entity(m.group(1), lexicon)
    ]


def titled_person(doc: Doc, text: str, start: int, end: int, lexicon: Lexicon) -> bool:
    """ "Captain Jane Bay", "Kemal Port said": a first name and a last name that is a place's head
    word, with a person's title before it or a speech verb after, is a person's."""
    name = text[start:end]
    if len(name.split()) != 2 or head_kind(name.split()[0], lexicon) or not name.split()[0].istitle():
        return False
    return _titled(_sentence_before(text, start), lexicon) or _speaker(doc, start, end, lexicon)


def _sentence_before(text: str, start: int) -> str:
    window = text[max(0, start - 80) : start]
    ends = [m.end() for m in SENTENCE_END.finditer(window)]
    return window[ends[-1] :] if ends else window


def _person_context(doc: Doc, before: str, after: str, start: int, end: int, lexicon: Lexicon) -> bool:
    return (
        _titled(before, lexicon)
        or _role_apposition(after, lexicon)
        or role_predicate(after, lexicon)
        or _speaker(doc, start, end, lexicon)
    )


ROLE_PREDICATE = re.compile(
    r"^ (?:(?:was|is|has been|had been|will be) (?:(?:re-)?elected|appointed|named|sworn in|confirmed|chosen|"
    r"reinstated|kept on)(?: as)?|became|becomes|will become|remains|returns as|returned as) (?:the )?"
    r"(?:(?:new|next|first|country's|nation's) )*"
)


def role_predicate(after: str, lexicon: Lexicon) -> bool:
    """ "X was elected chancellor of Germany", "X becomes foreign minister": a post is a person's."""
    m = ROLE_PREDICATE.match(after)
    if not m:
        return False
    words = [w.strip(",.;") for w in after[m.end() :].split()[:4]]
    return any(lexicon.role(" ".join(words[:n])) for n in (4, 3, 2, 1) if len(words) >= n)


COUNTRY_S = re.compile(r"(?:^|\s)([A-Z][\w.]*(?: [A-Z][\w.]*)?)['’]s $")


def _country_s_leader(doc: Doc, before: str, after: str, span: tuple[int, int], lexicon: Lexicon) -> bool:
    """ "Germany's Jane Doe, Italy's ...", "Norway's Jane Doe signed": a first and last name a
    country owns, in a list or as the subject of a verb, is a person (its bodies and firms end on
    a head word or are one word)."""
    m = COUNTRY_S.search(before)
    known = lexicon.lookup(m.group(1)) if m else None
    if known is None or known.kind != "Country":
        return False
    if after[:1] in ",)" or re.match(r"^ (?:and|said|says|told)\b", after) is not None:
        return True
    name = doc.char_span(*span, alignment_mode="expand")
    if name is None:
        return False
    root = name.root
    while root.dep_ == "conj" and root.head is not root:  # "Greece's X and Norway's Jane Doe signed"
        root = root.head
    return root.dep_ == "nsubj" and root.head.pos_ == "VERB"


def _led_by(before: str, lexicon: Lexicon) -> bool:
    """ "led by Jane Doe", "commanded by ...": a name of two words or more that leads is a person's
    (a body that leads is named by its head word, or is known)."""
    led_by = shapes(lexicon).led_by
    return led_by is not None and led_by.search(before) is not None


def _titled(before: str, lexicon: Lexicon) -> bool:
    """A role title or a person's honorific right before the name, or before a comma:
    "Dr ", "Defence Minister ", "Spain's defence minister, "."""
    words = before.rstrip().rstrip(",").split()
    if not words or not before.endswith((" ", ", ")):
        return False
    if before.rstrip().endswith(",") and len(words) < 2:
        return False
    if len(words) > 1 and words[-1].lower() in shapes(lexicon).kin and _owner(words[-2]):
        return True  # "his daughter, Jane", "the minister's son Tom"
    if (
        words[-1].lower().rstrip(".") in shapes(lexicon).honorifics
        and before.endswith(" ")
        and not before.endswith(", ")
    ):
        return True
    return any(lexicon.role(" ".join(words[-n:])) for n in (3, 2, 1) if len(words) >= n)


def _owner(word: str) -> bool:
    """A possessive: "his", "her", "their", "Doe's"."""
    return word.lower() in ("his", "her", "their", "whose") or POSSESSIVE.match(word) is not None


def _role_apposition(after: str, lexicon: Lexicon) -> bool:
    """ "X, chairperson of the Commission", "X, the Secretary-General's special representative"."""
    if not after.startswith(", "):
        return False
    words = after[2:].split()[:8]
    while words and words[0].lower() in ("the", "a", "an", "former", "then", "now", "also", "acting"):
        words = words[1:]
    for i, word in enumerate(words[:4]):  # skip an owner: "the Secretary-General's", "Ukraine's"
        if POSSESSIVE.match(word):
            words = words[i + 1 :]
            break
    if words and words[0][:1].isupper() and lexicon.country_of_demonym(words[0]):
        words = words[1:]
    words = [w.strip(",.;") for w in words]
    if words and words[0].lower() in shapes(lexicon).leader_nouns:
        return True  # "X, the head of the mission", "X, the group's leader"
    return any(lexicon.role(" ".join(words[:n])) for n in (4, 3, 2, 1) if len(words) >= n)


def _speaker(doc: Doc, start: int, end: int, lexicon: Lexicon) -> bool:
    """The subject of a speech verb: "X said", "said X" (multi-word names only: bodies speak too)."""
    span = doc.char_span(start, end, alignment_mode="expand")
    if span is None or len(span) < 2:
        return False
    root = span.root
    if root.dep_ in ("nsubj", "nsubjpass") and root.head.lemma_.lower() in shapes(lexicon).speech:
        return True
    # "X, who said ...": the subject of a relative clause whose verb is a speech verb
    return any(
        child.dep_ == "relcl"
        and child.lemma_.lower() in shapes(lexicon).speech
        and any(g.dep_ == "nsubj" and g.lower_ == "who" for g in child.children)
        for child in root.children
    )


def _place_context(before: str, after: str, lexicon: Lexicon) -> bool:
    """ "near X", "in X,", "the port of X", "from X to", "X air base", "X's mayor"."""
    s = shapes(lexicon)
    words = before.split()
    if not before.endswith(" ") or not words:
        return False
    last = words[-1].lower()
    rest = after.lstrip("'’s ").lower() if POSSESSIVE.match("x" + after[:2]) else after.lower()
    if after[:1] in "'’" or after.startswith(" ("):
        follows = any(rest.startswith(f + " ") or rest.startswith(f + ",") for f in s.place_followers)
    else:
        follows = any(rest.startswith(" " + f) for f in s.place_followers)
    if follows:
        return True
    if last == "of" and len(words) > 1 and words[-2].lower() in s.place_nouns:
        return True
    if last == "from" and re.match(r"^\s+to\s", after):
        return True
    if last in (*s.place_prepositions, "from", "to") and _in_known_place(after, lexicon):
        return True  # "flying from X in Lithuania"
    return last in s.place_prepositions and (after[:1] in ",.;" or after.split(" ", 2)[1:2] in PLACE_NEXT)


IN_PLACE = re.compile(r"^ in ((?:[A-Z][\w'’-]+ ?){1,3})")


def _in_known_place(after: str, lexicon: Lexicon) -> bool:
    """ " in Lithuania", " in South Sudan": the name is followed by "in" and a place the gazetteer knows."""
    m = IN_PLACE.match(after)
    words = m.group(1).split() if m else []
    known = [lexicon.lookup(" ".join(words[:n])) for n in range(len(words), 0, -1)]
    return any(k is not None and k.base == PLACE for k in known)


NOT_A_CLAUSE = r"(?!(?:who|which|whose|whom|where|when|and|but|said|says|told)\b)"
APPOSITION_END = r"(?:[,.;]| (?:that|which|whose|based|backed|linked|of|in|with)\b)"


def _organization_apposition(after: str, lexicon: Lexicon) -> bool:
    """ "X, Ukraine's state nuclear operator,", "X, an Iran-backed armed faction that": an
    organisation noun heads the apposition."""
    # an apposition is a noun phrase, not a clause: "X, who said a coalition of ..." is no description
    m = re.match(rf"^, {NOT_A_CLAUSE}((?:[\w’'-]+ ){{0,5}}?)([a-z]+){APPOSITION_END}", after)
    return m is not None and m.group(2) in shapes(lexicon).org_nouns
