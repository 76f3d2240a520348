"""Doc -> the article's entities and mentions, one cluster per real-world entity.

Mentions come from the NER (after the gazetteer ruler) and from the dateline; their spans
are trimmed of titles, articles and possessives. Clusters join mentions that are the same
entity within the article: same gazetteer entry, same name, a defined acronym
("Kosovo Force (KFOR)"), a surname or partial name of a longer person name, or the tail of
a longer organisation name ("Central Command" in "US Central Command"). Each cluster's type
is a vote over its mentions, overruled by the gazetteer.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field, replace

from spacy.tokens import Doc
from spacy.tokens import Span as SpacySpan

from kg.extract import bodies, bounds, credits, missions, names, persons
from kg.extract.candidate import Candidate
from kg.extract.persons import person_match
from kg.extract.template import alternation, role_names
from kg.lexicon import Lexicon, derived, normalize
from kg.model import ORGANIZATION, PERSON, PLACE, Article, LocalEntity, Mention, Span

NER_TYPES = {
    "PERSON": PERSON,
    "ORG": ORGANIZATION,
    "GPE": PLACE,
    "LOC": PLACE,
    "FAC": PLACE,
    "NORP": ORGANIZATION,
}
HONORIFICS = {
    "mr",
    "mrs",
    "ms",
    "miss",
    "dr",
    "sir",
    "dame",
    "lord",
    "lady",
    "prof",
    "professor",
    "rev",
    "sen",
    "rep",
    "gov",
    "president",
    "pm",
    "minister",
    "secretary",
    "chancellor",
    "queen",
    "king",
    "pope",
    "prince",
    "princess",
    "sheikh",
    "emir",
    "judge",
    "justice",
    "ambassador",
    "envoy",
    "spokesman",
    "spokeswoman",
    "spokesperson",
    "commander",
    "chief",
    "general",
    "gen",
    "admiral",
    "adm",
    "colonel",
    "col",
    "captain",
    "capt",
    "major",
    "maj",
    "lt",
    "lieutenant",
    "brig",
    "sgt",
    "sergeant",
    "marine",
    "vice",
    "rear",
    "deputy",
    "former",
    "acting",
    "prime",
    "emeritus",
}
JUNK = {
    "breaking",
    "photo",
    "advertisement",
    "reuters staff",
    "dear reader",
    "handout",
    "update",
    "video",
    "editor",
}
PERSON_PRONOUNS = {"he", "she", "him", "her"}


@dataclass(slots=True)
class ArticleEntities:
    entities: list[LocalEntity] = field(default_factory=list)
    mentions: list[Mention] = field(default_factory=list)

    def by_key(self) -> dict[str, LocalEntity]:
        return {e.key: e for e in self.entities}


def extract_entities(doc: Doc, article: Article, lexicon: Lexicon) -> ArticleEntities:
    candidates = [c for ent in doc.ents for c in _split_credit(_candidate(ent, lexicon, article), lexicon)]
    candidates = _join_split_names(article.text, _outside_titles(article.text, candidates, lexicon), lexicon)
    candidates = bounds.party_of_leader(bounds.named_by_acronym(article.text, candidates), lexicon)
    candidates = bounds.organs(
        article.text, bounds.person_of_place(article.text, candidates, lexicon), lexicon
    )
    candidates += _titled_names(article.text, candidates, lexicon)
    candidates += _appositive_names(article.text, candidates, lexicon)
    candidates = _operations(article.text, _credits(article, candidates, lexicon), lexicon)
    if article.dateline:
        candidates = _wire_after_dateline(article.text, article.dateline, candidates)
        candidates.append(_dateline_candidate(article.dateline, lexicon))
    candidates = _drop_headline_noise(candidates, article, lexicon)
    candidates = _drop_products(doc, article.text, candidates, lexicon)
    candidates = _typed_by_context(doc, article.text, candidates, lexicon)
    candidates += _generic_references(article.text, candidates, lexicon)
    candidates += _composite_bodies(article.text, candidates, lexicon)
    candidates += bodies.led_bodies(article.text, candidates, lexicon)
    candidates += _untagged_places(article.text, candidates, lexicon)
    candidates += missions.missions(article.text, candidates, lexicon)
    candidates = _drop_contained(candidates)
    candidates.sort(key=lambda c: (c.start, -c.end))
    clusters = _cluster(candidates, article.text, lexicon)
    names.join_known_as(candidates, article.text)
    names.join_core_names(candidates, lexicon)
    found = _entities(candidates, clusters, lexicon)
    missed = persons.missed_surnames(doc, found.entities, found.mentions)
    found.mentions = sorted(found.mentions + missed, key=lambda m: (m.span.start, m.span.end))
    return found


# --- mentions -------------------------------------------------------------------------------


def _candidate(ent: SpacySpan, lexicon: Lexicon, article: Article) -> Candidate | None:
    base = NER_TYPES.get(ent.label_)
    if base is None:
        return None
    known = lexicon.known.get(normalize(ent.ent_id_)) if ent.ent_id_ else None
    tokens = list(ent)
    if (
        article.dateline and tokens[0].idx < article.dateline.end
    ):  # "BRUSSELS - NATO": the dateline is its own
        tokens = [t for t in tokens if t.idx >= article.dateline.end and not t.is_punct]
    if known is None:
        tokens = _trim(tokens, lexicon, person=base == PERSON)
    if not tokens:
        return None
    start, end = tokens[0].idx, tokens[-1].idx + len(tokens[-1].text)
    while start < end and article.text[start] in "\"“”‘’'(":
        start += 1
    if (cut := article.text.find(" (", start, end)) != -1:  # "Baltic Air Training Mission (BATM"
        end = cut
    end = start + len(names.without_date(article.text[start:end]))  # "Council on June 16"
    text = article.text[start:end]  # spaCy rebuilds Doc.text on every access: use the article's
    if not text.strip() or names.in_widget(article.text, start, lexicon):
        return None
    known = known or lexicon.lookup(text)
    if ent.label_ == "NORP" and known is None:
        return None  # nationality adjectives are not entities
    if known is None and not _plausible(text, base, lexicon):
        return None
    return Candidate(start, end, text, known.base if known else base, known.name if known else None)


def _outside_titles(text: str, cands: list[Candidate], lexicon: Lexicon) -> list[Candidate]:
    """Drop "Defense" in "U.S. Defense Secretary": a piece of a role title is not an organisation."""
    kept = []
    for c in cands:
        after = text[c.end : c.end + 40].split()[:3]
        before = text[max(0, c.start - 40) : c.start].split()[-3:]
        tokens = c.text.split()
        tails = [" ".join(tokens[-k:]) for k in range(1, len(tokens) + 1)]
        words = [f"{tail} {' '.join(after[:n])}" for tail in tails for n in (1, 2, 3)]
        words += [f"{' '.join(before[-n:])} {c.text}" for n in (1, 2, 3) if before]  # "Secretary of Defense"
        if not c.known and c.ner != PERSON and any(lexicon.role(w) for w in words):
            continue
        if not c.known and _completes_a_title(text, c.start, c.end, lexicon):
            continue  # "Army Staff" in "Chief of Army Staff", whatever the model typed it
        if bounds.role_fragment(c.text, lexicon) or bounds.ends_role_title(text, c, lexicon):
            continue  # "Chair of the", "Supreme Allied Commander Europe"
        if (
            not c.known
            and len(tokens) > 1
            and lexicon.country_of_demonym(tokens[0])
            and lexicon.role(" ".join(tokens[1:]))
        ):
            continue  # "Malian General" before a name: a nationality and a rank
        kept.append(c)
    return kept


def _join_split_names(text: str, cands: list[Candidate], lexicon: Lexicon) -> list[Candidate]:
    """The ruler's "NATO" plus the model's "Response Force" is one name: "NATO Response Force"."""
    cands = sorted(cands, key=lambda c: c.start)
    result: list[Candidate] = []
    for c in cands:
        prev = result[-1] if result else None
        adjacent = prev is not None and text[prev.end : c.start] == " "
        if (
            prev
            and not prev.known
            and names.spelled_across_dash(text, prev.start, (prev.end, c.start), c.end)
        ):
            result[-1] = Candidate(prev.start, c.end, text[prev.start : c.end], ORGANIZATION)
            continue
        if prev is not None and _surname_after_particle(
            text, prev, c, lexicon
        ):  # "Abdul-Malik al-" + "Houthi"
            result[-1] = Candidate(prev.start, c.end, text[prev.start : c.end], PERSON)
            continue
        if prev is None or not adjacent:
            result.append(_extend_force_or_mission(text, c, lexicon))
            continue
        joined = text[prev.start : c.end]
        known = lexicon.lookup(joined)
        if known or (prev.known and c.ner == ORGANIZATION and not c.known and c.text[:1].isupper()):
            result[-1] = Candidate(
                prev.start,
                c.end,
                joined,
                known.base if known else ORGANIZATION,
                known.name if known else None,
            )
            continue
        if (
            prev.ner == PERSON and not c.known and names.ends_in_particle(prev.text, lexicon)
        ):  # "van der" + "Berg"
            result[-1] = Candidate(prev.start, c.end, joined, PERSON)
            continue
        if bounds.force_of_place(prev, c):  # "International Force" + "East Timor"
            result[-1] = Candidate(prev.start, c.end, joined, ORGANIZATION)
            continue
        if _adjective_cut(prev, c):  # "the Free" + "Democratic Party"
            result[-1] = Candidate(prev.start, c.end, joined, ORGANIZATION)
            continue
        if c.ner == PERSON and prev.ner == PLACE and " " not in prev.text:  # "Mateo" + "Herrera Ortuño"
            result[-1] = Candidate(prev.start, c.end, joined, PERSON)
            continue
        if not prev.known and (_cut_before(prev, c, lexicon)):
            result[-1] = Candidate(prev.start, c.end, joined, prev.ner if prev.ner != PERSON else c.ner)
            continue
        result.append(_extend_force_or_mission(text, c, lexicon))
    done = [_completed(text, c, lexicon) for c in result]
    return [
        c for c in done if not any(o.start <= c.start and c.end <= o.end and o.text != c.text for o in done)
    ]


def _adjective_cut(prev: Candidate, c: Candidate) -> bool:
    """ "the Social" + "Democratic Party": the model cut an organisation's name after its first word
    (a capitalised word kg does not know, no acronym); the rest may be a name of its own."""
    word = prev.text.removeprefix("the ").removeprefix("The ")
    return (
        prev.ner == c.ner == ORGANIZATION
        and not prev.known
        and " " not in word
        and word.istitle()
        and not word.isupper()
    )


def _completes_a_title(text: str, start: int, end: int, lexicon: Lexicon) -> bool:
    """Whether the words before ``text[start:end]`` and it make a role title: "Chief of" + "Air Staff"."""
    before = text[max(0, start - 40) : start].split()[-3:]
    name = text[start:end]
    return any(lexicon.role(f"{' '.join(before[-n:])} {name}") for n in (1, 2, 3) if len(before) >= n)


def _surname_after_particle(text: str, prev: Candidate, c: Candidate, lexicon: Lexicon) -> bool:
    """ "Abdul-Karim al-Houthi": a person's name goes on over "al-" and the surname after it, even
    when the surname is also a known name (a movement called after a family)."""
    gap = text[prev.end : c.start]
    if prev.ner != PERSON or " " in c.text:
        return False
    return (gap == "-" and names.ends_in_particle(prev.text, lexicon)) or gap in (" al-", " el-")


def _completed(text: str, c: Candidate, lexicon: Lexicon) -> Candidate:
    """A name the model cut short, made whole: connectors, particles, unit numbers, site nouns."""
    c = _with_particles(text, bounds.run_on(text, _uncut(text, c, lexicon), lexicon), lexicon)
    return _site(text, _numbered(text, c, lexicon), lexicon)


def _with_particles(text: str, c: Candidate, lexicon: Lexicon) -> Candidate:
    """ "von der" + "Leyen": the particles before a surname are part of the person's name."""
    start = c.start if c.known or " " in c.text else names.particle_start(text, c.start, lexicon)
    return c if start == c.start else Candidate(start, c.end, text[start : c.end], PERSON)


def _cut_before(prev: Candidate, c: Candidate, lexicon: Lexicon) -> bool:
    """Whether the ruler's known name cut the model's name short: "the Federation of" + "Bosnia and
    Herzegovina", "Peace and" + "Security Council", "Lower" + "Austria"."""
    if names.ends_cut(prev.text, lexicon):
        return True
    return c.known is not None and prev.ner == c.ner == PLACE and " " not in prev.text and prev.text.istitle()


def _uncut(text: str, c: Candidate, lexicon: Lexicon) -> Candidate:
    """A name still ending on a connector (or a person's on a particle, "Ursula von der") goes on
    over the capitalised words after it, or drops it."""
    particle = c.ner == PERSON and names.ends_in_particle(c.text, lexicon)
    if c.known or not (particle or names.ends_cut(c.text, lexicon)):
        return c
    particles = "|".join(map(re.escape, sorted(names.shapes(lexicon).particles))) if particle else ""
    more = rf"^(?: (?:{particles}))*(?: [A-Z][\w-]*)+" if particles else r"^(?: [A-Z][\w-]*)+"
    if m := re.match(more, text[c.end : c.end + 60]):  # "Ursula von" + " der Leyen"
        return Candidate(c.start, c.end + m.end(), text[c.start : c.end + m.end()], c.ner)
    cut = c.text.rsplit(" ", 1)[0]
    return Candidate(c.start, c.start + len(cut), cut, c.ner)


def _site(text: str, c: Candidate, lexicon: Lexicon) -> Candidate:
    """ "the Kakhovka" + " reservoir" is the reservoir, "Zaporizhzhia" + " nuclear power plant" the plant."""
    entry = lexicon.known.get(normalize(c.known)) if c.known else None
    if (entry and entry.kind not in ("City", "Province", "Region")) or not (
        m := names.site_noun(text, c.end, lexicon)
    ):
        return c
    label = f"{c.text} {m.group(1).title()}"
    return Candidate(c.start, m.end(), text[c.start : m.end()], PLACE, label=label, weight=2)


def _numbered(text: str, c: Candidate, lexicon: Lexicon) -> Candidate:
    """ "Combined Task Force" + " (CTF) 153" is the task force numbered 153."""
    if c.known or c.ner != ORGANIZATION or not (m := names.unit_number(text, c.text, c.end, lexicon)):
        return c
    label = f"{c.text} {m.group(2)}" if m.group(1) else ""
    return Candidate(c.start, m.end(), text[c.start : m.end()], ORGANIZATION, label=label)


#: A force or mission a known body names after itself, not followed by where: " Regional Force".
UNIT_AFTER_A_BODY = re.compile(
    r"^ (?:[A-Z][a-z]+ ){1,2}(?:Force|Mission|Operation|Brigade|Battlegroup|Corps)\b(?! (?:in|of|for) )"
)


def _extend_force_or_mission(text: str, c: Candidate, lexicon: Lexicon) -> Candidate:
    """ "Kosovo" + " Force" is the force; "Resolute Support" + " mission" the mission."""
    force = re.match(r"^ (Force|Mission|Command|Corps)\b", text[c.end : c.end + 9])
    if c.known and c.ner == PLACE and force:
        return Candidate(c.start, c.end + force.end(), text[c.start : c.end + force.end()], ORGANIZATION)
    unit = re.match(UNIT_AFTER_A_BODY, text[c.end : c.end + 60])
    if c.known and c.ner == ORGANIZATION and unit:  # "East African Community" + " Regional Force"
        name = text[c.start : c.end + unit.end()]
        known = lexicon.lookup(name)  # "European Union" + " Naval Force": a name the gazetteer knows
        return Candidate(c.start, c.end + unit.end(), name, ORGANIZATION, known.name if known else None)
    if not c.known and c.ner != PERSON and re.match(r"^ mission\b", text[c.end : c.end + 8]):
        return Candidate(c.start, c.end + 8, text[c.start : c.end + 8], ORGANIZATION, subtype="Mission")
    return c


# up to three capitalised words; only an initial takes a period ("Ana J. Ruiz", not "Lind. He"),
# and an apostrophe only before a capital ("O'Neill", not "Lind's")
NAME_WORD = r"[A-ZÀ-Ý][\w-]*(?:['’][A-Z][\w-]*)?"
NAME_AFTER_TITLE = rf"((?:(?:[A-ZÀ-Ý]\.|{NAME_WORD}) ){{0,2}}{NAME_WORD}(?<![\s.]))"


def _titled_names(text: str, cands: list[Candidate], lexicon: Lexicon) -> list[Candidate]:
    """A title the lexicon knows followed by capitalised words is a name the model may have missed:
    "Major General Tomasz Wielgosz"."""
    roles = _role_regex(lexicon)
    if roles is None:
        return []
    found = []
    # the name is looked ahead, not consumed: "Chief of Air Staff, Air Marshal X" is scanned again at "Air Marshal"
    for m in re.finditer(rf"(?<![\w-])(?i:{roles})(,?) (?={NAME_AFTER_TITLE})", text):
        start, end = m.start(2), m.end(2)
        name = m.group(2)
        if _starts_with_a_title(name, lexicon):
            continue
        if len(name.split()) > 2 and _opens_a_title_after(name.split()[-1], text[end : end + 40], lexicon):
            name = name.rsplit(" ", 1)[0]  # "Sadique Abubakar" + "Chief of Air Staff"
            end = start + len(name)
        while " " in name and _opens_title(name.split()[0], lexicon):  # "Chief of Staff General X Y"
            first = name.split()[0]
            name, start = name[len(first) + 1 :], start + len(first) + 1
        if (
            (m.group(1) and not _appositive(text, end, name, lexicon))
            or lexicon.lookup(name)
            or lexicon.role(name)
            or _acronym(name)
            or len(name.split()) < 2
            or lexicon.country_of_demonym(name.split()[0])
        ):
            continue
        overlapping = [c for c in cands if c.start < end and start < c.end]
        # the model's "Army General Tomas Berzins" holds the title: the name replaces it
        if any(c.known or (c.start < start and c.ner == PERSON) or c.end > end for c in overlapping):
            continue
        for c in overlapping:  # the model saw "Kollberg" or typed the name as an organisation
            cands.remove(c)
        found.append(Candidate(start, end, name, PERSON))
    return found


def _starts_with_a_title(name: str, lexicon: Lexicon) -> bool:
    """ "Air Marshal Adesola": the capitalised words after a title begin with another title."""
    words = name.split()
    return any(lexicon.role(" ".join(words[:n])) for n in (1, 2, 3) if len(words) > n)


def _opens_a_title_after(word: str, after: str, lexicon: Lexicon) -> bool:
    """Whether ``word`` and the words after it make a role title: "Chief" + " of Air Staff"."""
    words = after.split()[:4]
    return any(lexicon.role(" ".join([word, *words[:n]])) for n in (2, 3, 4) if len(words) >= n)


def _opens_title(word: str, lexicon: Lexicon) -> bool:
    """ "General": a rank or a title the lexicon knows, not the first word of a name ("Sir" stays,
    as it does where the model tags it: the post patterns read a title before it)."""
    return lexicon.role(word) is not None


def _appositive(text: str, end: int, name: str, lexicon: Lexicon) -> bool:
    """ "Lithuania's defence minister, Jane Doe, said": a name set off by commas after a title,
    itself no title ("the commander, Rear Admiral ...")."""
    first = name.split()[0]
    return text[end : end + 1] == "," and first.lower() not in HONORIFICS and not lexicon.role(first)


def _appositive_names(text: str, cands: list[Candidate], lexicon: Lexicon) -> list[Candidate]:
    """An untagged name with its role in apposition, "Jane Doe, the Ukrainian governor of ...", or
    given as a post: "Jane Doe was elected chancellor"."""
    roles = _role_regex(lexicon)
    if roles is None:
        return []
    found = []
    apposition = (
        rf"(?<![\w-])((?:{NAME_WORD} ){{1,2}}{NAME_WORD}), (?:the |a |an )?(?:[A-Z][a-z]+ )?(?i:{roles})\b"
    )
    given_a_post = (
        rf"(?<![\w-])((?:{NAME_WORD} ){{1,2}}{NAME_WORD})"
        r"(?= (?:was|is|has|had|will|became|becomes|remains|returns|returned))"
    )
    matches = [
        *re.finditer(apposition, text),
        *(
            m
            for m in re.finditer(given_a_post, text)
            if names.role_predicate(text[m.end() : m.end() + 80], lexicon)
        ),
    ]
    for m in matches:
        start, end, name = m.start(1), m.end(1), m.group(1)
        words = name.split()
        if (
            any(c.start < end and start < c.end for c in cands)
            or words[0].lower() in NOT_NAME_OPENERS
            or _completes_a_title(text, start, end, lexicon)
            or any(lexicon.lookup(w) or lexicon.role(w) or w.lower() in HONORIFICS for w in words)
            or not names.person_shaped(name, lexicon)
        ):
            continue
        found.append(Candidate(start, end, name, PERSON, weight=2))
    return found


#: capitalised words that open a sentence, not a name: "On Monday, the president ..."
NOT_NAME_OPENERS = frozenset(
    {"on", "in", "at", "by", "for", "after", "before", "when", "while", "the", "a", "an", "but", "and", "as"}
    | {"last", "next", "this", "that", "since", "until"}
)


def _role_regex(lexicon: Lexicon) -> str | None:
    """The capitalised role titles as one regex alternation, made once per lexicon."""
    return derived(lexicon, _build_role_regex)


def _build_role_regex(lexicon: Lexicon) -> str | None:
    names = sorted({n for n in role_names(lexicon) if len(n) > 2 and n[0].isupper()})
    return alternation(names) if names else None


def _drop_contained(cands: list[Candidate]) -> list[Candidate]:
    """Inside "China's Foreign Ministry" the model's "Foreign Ministry" is not a second body."""
    bodies = [c for c in cands if c.subtype == "GovernmentBody"]
    return [
        c
        for c in cands
        if c.known or c.subtype or not any(b.start <= c.start and c.end <= b.end for b in bodies)
    ]


def _credits(article: Article, cands: list[Candidate], lexicon: Lexicon) -> list[Candidate]:
    """The parts of photo credits as their shape types them ("Photo: Jane Doe / Site Name"),
    in place of what the model read there."""
    parts = credits.credit_parts(article.text, lexicon, article.publisher)
    kept = [c for c in cands if not any(p.start < c.end and c.start < p.end for p in parts)]
    return kept + [Candidate(p.start, p.end, p.text, p.kind, p.known, weight=3) for p in parts]


def _operations(text: str, cands: list[Candidate], lexicon: Lexicon) -> list[Candidate]:
    """ "Operation Mazurka" and, after it, a bare "Mazurka": one operation, tagged or not."""
    for start, end, name in names.operations(text, lexicon):
        overlapping = [c for c in cands if c.start < end and start < c.end]
        if any(c.known or c.weight > 1 or c.start < start or c.end > end for c in overlapping):
            continue  # known, or inside a longer name: "Combined Joint Task Force-Operation Inherent Resolve"
        for c in overlapping:
            cands.remove(c)
        label = name if text[start:end] != name else ""
        cands.append(Candidate(start, end, text[start:end], ORGANIZATION, label=label, weight=2))
    return cands


def _split_credit(cand: Candidate | None, lexicon: Lexicon) -> list[Candidate]:
    """A photo credit read as one name, "Reuters / Jane Doe", is two."""
    if cand is None:
        return []
    if " / " not in cand.text:
        return [cand]
    parts, pos = [], cand.start
    for piece in cand.text.split(" / "):
        known = lexicon.lookup(piece)
        base = known.base if known else (PERSON if len(piece.split()) > 1 else cand.ner)
        parts.append(Candidate(pos, pos + len(piece), piece, base, known.name if known else None))
        pos += len(piece) + 3
    return parts


def _drop_headline_noise(cands: list[Candidate], article: Article, lexicon: Lexicon) -> list[Candidate]:
    """In a Title Case headline the model tags capitalised verbs; keep what the body names too."""
    headline = article.headline or ""
    words = [w for w in headline.split() if w[:1].isalpha()]
    if not words or sum(w[0].isupper() for w in words) < 0.7 * len(words):
        return cands
    body = {normalize(c.name) for c in cands if c.start >= len(headline)}
    return [c for c in cands if c.start >= len(headline) or c.known or normalize(c.name) in body]


def _typed_by_context(doc: Doc, text: str, cands: list[Candidate], lexicon: Lexicon) -> list[Candidate]:
    """Retype what the model typed from too little: a name's last word ("Patch Barracks") and the
    words around it ("Spain's defence minister, X", "near X") outvote the model; documents, laws,
    events and diseases ("Helsinki Final Act", "Brexit") are dropped."""
    kept = []
    for c in cands:
        if c.known or c.subtype or c.weight > 1:
            kept.append(c)
            continue
        if names.is_not_an_entity(c.text, lexicon):
            continue
        kind = names.head_kind(c.text, lexicon)
        if kind == PLACE and c.ner == PERSON and names.titled_person(doc, text, c.start, c.end, lexicon):
            kind = PERSON  # "Captain Jane Bay": a surname that is a place's head word
        kind = kind or names.context_kind(doc, text, c.start, c.end, lexicon)
        if kind:
            c.ner, c.weight = kind, 2
        kept.append(c)
    return kept


def _drop_products(doc: Doc, text: str, cands: list[Candidate], lexicon: Lexicon) -> list[Candidate]:
    """Drop names of equipment: a name the article uses before an equipment noun anywhere ("Leopard
    tanks", "Bradley and Stryker armoured vehicles", "Marder fighting vehicles"), tagged there or
    not, is a product wherever it appears ("the delivery of the Leopard")."""
    nouns = frozenset(lexicon.patterns["vocabulary"]["product_nouns"])
    names = {
        c.text
        for c in cands
        if not c.known and (c.ner == ORGANIZATION or (c.ner == PERSON and " " not in c.text))
    }
    if not names:
        return cands
    token_at = {t.idx: t.i for t in doc}
    products = set()
    for name in names:
        for m in re.finditer(rf"\b{re.escape(name)}\b", text):
            after = len(text) - len(text[m.end() :].lstrip())
            if (after in token_at and _before_product(doc, token_at[after], nouns)) or _counted(
                doc, m.start(), m.end()
            ):
                products.add(normalize(name))
                break
    return [c for c in cands if c.known or normalize(c.text) not in products]


def _counted(doc: Doc, start: int, end: int) -> bool:
    """ "four Italian Air Force Eurofighter Typhoons will": a plural name counted is a product."""
    span = doc.char_span(start, end, alignment_mode="expand")
    if (
        span is None
        or span[-1].tag_ != "NNPS"
        or (span.end < len(doc) and doc[span.end].pos_ in ("NOUN", "PROPN"))
    ):
        return False
    before = [t for t in doc[max(0, span.start - 3) : span.start] if t.pos_ not in ("ADJ", "PROPN")]
    return (
        bool(before) and before[-1].like_num and before[-1].i >= span.start - 3 and len(before[-1].text) < 4
    )


def _before_product(doc: Doc, i: int, nouns: frozenset[str]) -> bool:
    """Whether tokens from ``i`` lead to an equipment noun: other names joined by "and", "or" or
    commas, model numbers, and up to three modifiers ("armoured", "main battle"), no verb."""
    modifiers = 0
    for token in doc[i : i + 12]:
        if token.lower_ in nouns:
            return True
        if token.lower_ in ("and", "or", ",") or token.like_num or (token.is_title and token.pos_ == "PROPN"):
            continue
        if token.tag_ == "HYPH":  # "long-range"
            continue
        if modifiers < 3 and token.tag_ in ("JJ", "NN", "VBN", "VBG"):
            modifiers += 1
            continue
        return False
    return False


def _generic_references(text: str, cands: list[Candidate], lexicon: Lexicon) -> list[Candidate]:
    """ "the alliance" as a mention of NATO, when NATO is the only alliance the article names."""
    by_noun: dict[str, set[str]] = {}
    for c in cands:
        entry = lexicon.known.get(normalize(c.known)) if c.known else None
        if entry is None:
            continue
        for noun in (*entry.generic, *(("alliance",) if entry.kind == "Alliance" else ())):
            by_noun.setdefault(noun.lower(), set()).add(entry.name)
    found: list[Candidate] = []
    for noun, owners in by_noun.items():
        if len(owners) != 1:
            continue
        name = next(iter(owners))
        for c in cands:
            if not c.known and normalize(c.text) == noun.lower():  # the model's "Alliance"
                c.known, c.ner = name, ORGANIZATION
        for m in re.finditer(rf"\b[Tt]he ({re.escape(noun)})\b", text, re.IGNORECASE):
            if not any(c.start <= m.start(1) < c.end for c in cands):
                found.append(Candidate(m.start(1), m.end(1), m.group(1), ORGANIZATION, name))
    return found


def _trim(tokens: list, lexicon: Lexicon, person: bool) -> list:
    """Drop leading articles and (before a name) titles and demonyms; trailing possessives, punctuation."""
    while tokens and (
        tokens[0].lower_ in {"the", "a", "an"}
        or tokens[0].is_punct
        or (person and _is_title_prefix(tokens, lexicon))
    ):
        tokens = tokens[1:]
    while tokens and (
        tokens[-1].lower_ in {"'s", "’s", "'"} or (tokens[-1].is_punct and tokens[-1].text != ".")
    ):
        tokens = tokens[:-1]
    return tokens


def _is_title_prefix(tokens: list, lexicon: Lexicon) -> bool:
    """True when the first token opens a title ("Secretary-General", "Gen.") and a name follows."""
    if len(tokens) < 2:
        return False
    word = tokens[0].lower_.rstrip(".")
    if word in HONORIFICS or lexicon.country_of_demonym(tokens[0].text):
        return True
    return any(
        lexicon.role(" ".join(t.text for t in tokens[:n])) for n in range(min(4, len(tokens) - 1), 0, -1)
    )


def _plausible(text: str, base: str, lexicon: Lexicon) -> bool:
    key = normalize(text)
    if not key or key in JUNK or not any(c.isupper() for c in text) or not any(c.isalpha() for c in text):
        return False
    if lexicon.role(text) or lexicon.country_of_demonym(text) or key.split()[0] in {"dear", "thank", "non"}:
        return False
    if base == PERSON:
        return not any(c.isdigit() for c in text) and key not in PERSON_PRONOUNS
    return len(key) > 1


def _wire_after_dateline(text: str, dateline: Span, cands: list[Candidate]) -> list[Candidate]:
    """ "DAKAR (Westline) - ": the name in brackets after a dateline is a news agency, whatever
    the model typed it."""
    m = re.match(r"^(?:,[^(\n]{1,40})?\s*\(([^()\n]{2,40})\)\s*[-–—]", text[dateline.end : dateline.end + 90])
    if m is None:
        return cands
    start, end = dateline.end + m.start(1), dateline.end + m.end(1)
    return [
        replace(c, ner=ORGANIZATION, weight=3) if start <= c.start and c.end <= end and not c.known else c
        for c in cands
    ]


def _dateline_candidate(dateline: Span, lexicon: Lexicon) -> Candidate:
    name = " ".join(w.capitalize() for w in dateline.text.split())
    known = lexicon.lookup(name)
    return Candidate(
        dateline.start,
        dateline.end,
        dateline.text,
        known.base if known else PLACE,
        known.name if known else None,
        label=name,
        weight=3,
    )


def _composite_bodies(text: str, candidates: list[Candidate], lexicon: Lexicon) -> list[Candidate]:
    """ "China's Foreign Ministry", "the Iraqi parliament": a country's body as one organisation;
    the model's own "Egyptian Navy" is given its parts too."""
    found = []
    for c in candidates:
        entry = lexicon.known.get(normalize(c.known)) if c.known else None
        if (
            entry
            and entry.kind == "Country"
            and (body := bodies.after_country(text, c.start, c.end, entry.name, lexicon))
        ):
            found.append(_body_candidate(body))
    for body in bodies.by_demonym(text, lexicon):
        same = next((c for c in candidates if c.start <= body.start < c.end), None)
        if same is None:
            found.append(_body_candidate(body))
        elif same.end == body.end and not same.known and not same.subtype:
            same.known = body.known.name if body.known else None
            same.subtype, same.parts = ("GovernmentBody", body.parts) if body.known is None else (None, None)
    return found


def _untagged_places(text: str, cands: list[Candidate], lexicon: Lexicon) -> list[Candidate]:
    """ "the village of Tessaroun": a name after a place noun and "of" that the model left untagged."""
    return [
        Candidate(start, end, text[start:end], PLACE, weight=2)
        for start, end in names.places_of_nouns(text, lexicon)
        if not any(c.start < end and start < c.end for c in cands)
    ]


def _body_candidate(body: bodies.Body) -> Candidate:
    if body.known:
        return Candidate(body.start, body.end, body.text, body.known.base, body.known.name)
    return Candidate(
        body.start, body.end, body.text, ORGANIZATION, subtype="GovernmentBody", parts=body.parts
    )


# --- clustering -----------------------------------------------------------------------------


def _cluster(cands: list[Candidate], text: str, lexicon: Lexicon) -> int:
    """Assign ``cluster`` to every candidate; returns the number of clusters."""
    keys: dict[str, int] = {}  # normalised name or alias -> cluster
    persons: list[tuple[list[str], int]] = []  # name tokens of multi-word persons -> cluster
    n = 0
    for cand in sorted(cands, key=lambda c: -len(c.name)):  # longest names first
        key = f"parts:{cand.subtype}:{cand.parts}" if cand.parts else normalize(cand.name)
        cluster = keys.get(key)
        if cluster is None and not cand.known and not cand.parts:
            cluster = person_match(key, persons) if " " not in key or cand.ner == PERSON else None
        if cluster is None and cand.ner == ORGANIZATION and not cand.known and not cand.parts:
            cluster = next((c for k, c in keys.items() if k.endswith(" " + key) and " " in k), None)
        if cluster is None:
            cluster, n = n, n + 1
            if cand.ner == PERSON and " " in key:
                persons.append((key.split(), cluster))
        cand.cluster = cluster
        keys.setdefault(key, cluster)
    for acronym, cluster in _acronyms(cands, text).items():
        for cand in cands:
            if normalize(cand.text) == acronym and not cand.known:
                cand.cluster = cluster
    _join_spelled_acronyms(cands)
    return n


def _join_spelled_acronyms(cands: list[Candidate]) -> None:
    """ "OIR" and "CJTF" in an article that names "Combined Joint Task Force-Operation Inherent Resolve"."""
    names = [
        (c.cluster, n) for c in cands for n in {c.name, c.text} if not _acronym(n) and len(n.split()) >= 3
    ]
    for cand in cands:
        if cand.known or not _acronym(cand.text) or len(cand.text) < 3:
            continue
        letters = re.sub(r"[^A-Z]", "", cand.text)
        spelled = [cluster for cluster, name in names if letters in _initial_runs(name)]
        if len(set(spelled)) == 1:
            cand.cluster = spelled[0]


def _initial_runs(name: str) -> set[str]:
    """Initials of every run of three or more capitalised words: "Task Force Alpha" -> {"TFA"}."""
    words = [w for w in re.split(r"[\s-]+", name) if w]
    initials = "".join(w[0] for w in words if w[0].isupper())
    return {initials[i:j] for i in range(len(initials)) for j in range(i + 3, len(initials) + 1)}


def _acronyms(cands: list[Candidate], text: str) -> dict[str, int]:
    """Acronyms defined in parentheses right after a name: "Popular Mobilization Forces (PMF)"."""
    found: dict[str, int] = {}
    for cand in cands:
        m = re.match(r"\s*\(([A-Z][A-Za-z.&-]{1,11}(?: [A-Z][a-z]+)?)\)", text[cand.end : cand.end + 20])
        if m and sum(ch.isupper() for ch in m.group(1).split()[0]) >= 2:  # "(EUTM Mali)", not "(Atlas Wire)"
            found.setdefault(normalize(m.group(1)), cand.cluster)
        if numbered := re.search(r" \(([A-Z]{2,6})\) (\d{1,3})$", cand.text):  # "CTF 153"
            found.setdefault(normalize(" ".join(numbered.groups())), cand.cluster)
    return found


def _entities(cands: list[Candidate], n: int, lexicon: Lexicon) -> ArticleEntities:
    result = ArticleEntities()
    members: dict[int, list[Candidate]] = {}
    for cand in cands:
        members.setdefault(cand.cluster, []).append(cand)
    for cluster in sorted(members):
        group = members[cluster]
        entity = _entity(f"e{cluster}", group, lexicon)
        result.entities.append(entity)
        result.mentions += [Mention(Span(c.start, c.end, c.text), entity.key) for c in group]
    result.mentions.sort(key=lambda m: (m.span.start, m.span.end))
    return result


def _entity(key: str, group: list[Candidate], lexicon: Lexicon) -> LocalEntity:
    known = next((lexicon.known[normalize(c.known)] for c in group if c.known), None)
    votes: Counter[str] = Counter()
    for c in group:
        votes[ORGANIZATION if _acronym(c.text) and c.ner == PERSON else c.ner] += c.weight
    longest = max(group, key=lambda c: (len(c.name.split()), len(c.name), -c.start))
    described = next((c for c in group if c.parts), None)
    subtype: str | None
    if known:
        kind, name, subtype = known.base, known.name, known.kind
    elif described:
        kind, name, subtype = (
            ORGANIZATION,
            _display(max((c.name for c in group), key=_longest_proper)),
            described.subtype,
        )
    else:
        person_name = longest.ner == PERSON and " " in longest.name and not _acronym(longest.name)
        person_name = person_name and not any(c.weight > 2 and c.ner != PERSON for c in group)  # a credit
        kind = PERSON if person_name else votes.most_common(1)[0][0]
        name, subtype = _display(longest.name), None
    aliases = sorted({_display(c.text) for c in group} - {name})
    return LocalEntity(
        key,
        name,
        kind,
        aliases,
        dict(votes),
        known.wikidata if known else None,
        subtype,
        # a known mission keeps its parts, to merge with the articles that describe it
        described.parts if described and (not known or known.kind == "Mission") else None,
    )


def _longest_proper(name: str) -> tuple[int, int]:
    """Longest first; of two as long, the one with more capitalised words ("Egyptian Navy")."""
    return len(name), sum(1 for w in name.split() if w[:1].isupper())


def _acronym(text: str) -> bool:
    """ "BATM", "KFOR": capitals only, so an acronym, never a person's name."""
    letters = [c for c in text if c.isalpha()]
    return len(letters) >= 2 and all(c.isupper() for c in letters) and " " not in text.strip()


def _display(text: str) -> str:
    """A name as a label, whitespace folded (datelines are title-cased where they are read)."""
    return " ".join(text.split())
