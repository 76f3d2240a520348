"""Sentences with their entity mentions replaced by typed placeholders, and the patterns over them.

"US Secretary of Defense Tomas Berzins told" becomes "⟦C0⟧ Secretary of Defense ⟦P1⟧ told", so the
patterns in ``ontology/patterns.toml`` read like the sentences they match. Letters: P person,
C country, L other place, M mission-like body, O other organisation.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from functools import cache
from typing import Any

from kg.lexicon import Lexicon, normalize
from kg.model import ORGANIZATION, PERSON, LocalEntity, Mention, Span

SLOT_LETTERS = {
    "person": "P",
    "person2": "P",  # a second person the same post is stated of: "X succeeded Y as commander"
    "appointer": "P",  # who appointed the person: "X appointed Y as his envoy" (Y's post is of X's body)
    "holder": "P",  # who held the post before or after the person: "his successor as prime minister, Y"
    "service": "O",  # an armed service after a rank: "General X of the Austrian Armed Forces"
    "body": "O",  # an organisation that is neither a state nor a mission: "Hezbollah leader X"
    "org": "OMC",
    "org2": "OMC",
    "org3": "OMC",
    "org4": "OMC",
    "country": "C",
    "region": "L",  # a region or city before its own office: "Riga Mayor X"
    "country2": "C",
    "lead": "C",
    "previous": "C",
    "next": "C",
    "mission": "M",
}
MONTH = r"(?:January|February|March|April|May|June|July|August|September|October|November|December)"
WEEKDAY = r"(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)"
WHEN = (
    rf"(?P<when>(?:in|on|from|since|until|by) (?:(?:early|late|mid-?) )?(?:{MONTH}(?: \d{{1,2}})?(?:,? \d{{4}})?"
    rf"(?: last year| next year)?|{WEEKDAY}|\d{{4}})|(?:last|next|this|earlier this|later this) (?:week|month|year))"
)
MOD = (
    r"(?:(?:the|a|an|its|their) )?(?:(?:new|former|formerly|previously|outgoing|incoming|current|then|acting|"
    r"interim|longtime|first|incumbent|next|longest-serving|\d+(?:st|nd|rd|th)) )*"
)

# a mission-like body described, not named: "a multinational force", "the EU anti-piracy operation"
# (lower-case modifiers or acronyms before the noun); kg.extract.facts finds the article's body it means
UNNAMED = (
    r"(?P<unnamed>(?:(?-i:[a-z][\w-]*|[A-Z]{2,}) ){0,3}(?P<noun>task force|force|mission|operation|coalition))"
    r"(?![\w-])"
)


@dataclass(frozen=True, slots=True)
class Slot:
    entity: str  # LocalEntity.key
    span: Span


@dataclass(slots=True)
class Template:
    text: str
    sentence: Span
    slots: list[Slot] = field(default_factory=list)

    def slot(self, index: str | None) -> Slot | None:
        return self.slots[int(index)] if index is not None else None


def letter(entity: LocalEntity, mission_words: tuple[str, ...], not_missions: tuple[str, ...] = ()) -> str:
    if entity.kind == PERSON:
        return "P"
    if entity.subtype == "Country":
        return "C"
    if entity.kind == ORGANIZATION:
        name = entity.name.lower()
        if entity.subtype == "Mission" or (
            any(re.search(rf"\b{w}\b", name) for w in mission_words)
            and not any(re.search(rf"\b{w}\b", name) for w in not_missions)
        ):
            return "M"
        return "O"
    return "L"


def make_template(
    text: str,
    sentence: Span,
    mentions: list[Mention],
    letters: dict[str, str],
    anaphora: Sequence[tuple[int, int, str]] = (),
) -> Template:
    """Replace the mentions (and resolved anaphora such as "the mission") inside ``sentence``."""
    pieces: list[str] = []
    slots: list[Slot] = []
    pos = sentence.start
    spans = [(m.span.start, m.span.end, m.entity) for m in mentions] + list(anaphora)
    for start, end, key in _non_overlapping(spans, sentence):
        pieces.append(text[pos:start])
        pieces.append(f"⟦{letters[key]}{len(slots)}⟧")
        slots.append(Slot(key, Span(start, end, text[start:end])))
        pos = end
    pieces.append(text[pos : sentence.end])
    flat = " ".join("".join(pieces).replace("’", "'").split())
    return Template(flat, sentence, slots)


def pronoun_subjects(
    text: str, sentences: Sequence[Span], mentions: list[Mention], letters: dict[str, str]
) -> list[tuple[int, int, str]]:
    """A sentence that opens with "He" or "She" continues the previous one's subject, when that
    sentence opens with a person (after at most a title): "Ana Diaz was named ... She was ...".
    """
    people = sorted((m.span.start, m.entity) for m in mentions if letters.get(m.entity) == "P")
    found: list[tuple[int, int, str]] = []
    subject = None
    for sentence in sentences:
        pronoun = re.match(r"\s*(?:He|She)\b", sentence.text)
        if pronoun and subject:
            found.append((sentence.start + pronoun.start(), sentence.start + pronoun.end(), subject))
            continue
        first = next(((s, e) for s, e in people if sentence.start <= s < sentence.end), None)
        opening = text[sentence.start : first[0]] if first else None
        subject = first[1] if first and re.fullmatch(r"(?:[A-Z][\w.'-]* ){0,4}", opening or "") else None
    return found


def _non_overlapping(spans: list[tuple[int, int, str]], sentence: Span) -> list[tuple[int, int, str]]:
    inside = sorted(
        (s for s in spans if sentence.start <= s[0] and s[1] <= sentence.end),
        key=lambda s: (s[0], -(s[1] - s[0])),
    )
    kept: list[tuple[int, int, str]] = []
    for s in inside:
        if not kept or s[0] >= kept[-1][1]:
            kept.append(s)
    return kept


@cache
def compile_pattern(pattern: str, roles: str, demonyms: str) -> re.Pattern[str]:
    """Expand the {slot} names of a patterns.toml pattern into a regular expression."""

    seen: dict[str, int] = {}

    def expand(m: re.Match[str]) -> str:
        name = m.group(1)
        seen[name] = seen.get(name, 0) + 1
        group = name if seen[name] == 1 else f"{name}__{seen[name]}"  # a slot may occur twice
        if name in SLOT_LETTERS:
            return f"⟦[{SLOT_LETTERS[name]}](?P<{group}>\\d+)⟧"
        return {
            "role": f"(?P<{group}>{roles})",
            "title": f"(?:{roles})",  # a rank or title that is not the post: "succeeding Major General X"
            "demonym": f"(?P<{group}>{demonyms})",
            "mod": f"(?P<{group}>{MOD})",
            "when": WHEN.replace("?P<when>", f"?P<{group}>"),
            "unnamed": UNNAMED,
        }[name]

    return re.compile(re.sub(r"\{(\w+)\}", expand, pattern), re.IGNORECASE)


def group(m: re.Match[str], name: str) -> str | None:
    """The text of slot ``name``, wherever in the pattern it matched."""
    found = m.groupdict()
    return next(
        (v for k, v in found.items() if v is not None and (k == name or k.startswith(name + "__"))), None
    )


def alternation(words: list[str], ignore_case: bool = False) -> str:
    """A regex matching any of ``words``, the longest it can, spaces and hyphens interchangeable.

    Written as a trie ("Chief (?:of (?:Staff|Defence)|Executive)"), not a flat list: the regex
    engine then tries one branch per character instead of every word at every position, which
    matters with hundreds of role names. ``ignore_case`` folds the words for a pattern compiled
    with re.IGNORECASE.
    """
    trie: dict = {}
    for word in set(words):
        node = trie
        for unit in _units(word.lower() if ignore_case else word):
            node = node.setdefault(unit, {})
        node[""] = {}  # a word ends here
    return _trie_regex(trie) if trie else "(?!)"


_SEPARATOR = "\0"  # a run of spaces or hyphens, which match each other


def _units(word: str) -> list[str]:
    return [
        _SEPARATOR if part[0].isspace() or part[0] == "-" else part for part in re.findall(r"[\s-]+|.", word)
    ]


def _trie_regex(node: dict) -> str:
    """The regex of a trie node's continuations; greedy, so longer words win as in longest-first."""
    ends = "" in node
    branches = [
        (r"[\s-]+" if unit == _SEPARATOR else re.escape(unit)) + _trie_regex(child)
        for unit, child in sorted(node.items())
        if unit
    ]
    if not branches:
        return ""
    body = branches[0] if len(branches) == 1 else f"(?:{'|'.join(branches)})"
    if ends:
        return f"(?:{body})?" if len(branches) == 1 else f"{body}?"
    return body


def vocabulary(lexicon: Lexicon) -> dict[str, Any]:
    value: Any = lexicon.patterns.get("vocabulary", {})
    return value if isinstance(value, dict) else {}


def role_names(lexicon: Lexicon) -> list[str]:
    """Every name of every role the {role} slot matches (not the roles only patterns write)."""
    only = {normalize(r) for r in vocabulary(lexicon).get("pattern_only_roles", ())}
    return [n for r in lexicon.roles.values() if normalize(r.label) not in only for n in r.names]
