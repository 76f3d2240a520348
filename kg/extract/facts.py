"""Posts (person -> role -> organisation) and lead nations (country -> mission), from patterns.

Every sentence becomes a :class:`Template`; each ``[[post]]`` and ``[[lead]]`` pattern of
``ontology/patterns.toml`` runs over it. The organisation of a post is the one the pattern
names, else the country of a nationality adjective ("Iraqi Prime Minister" -> Iraq).
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass, field, replace
from datetime import date

from kg.extract.dates import resolve_when
from kg.extract.pinning import pin_organisations, respective_posts
from kg.extract.template import (
    Template,
    alternation,
    compile_pattern,
    group,
    letter,
    make_template,
    pronoun_subjects,
    role_names,
    vocabulary,
)
from kg.lexicon import Lexicon, derived, normalize
from kg.model import LEAD_NATION, PERSON, PLACE, LocalEntity, Membership, Mention, Span, TimeSpec


@dataclass(slots=True)
class FactContext:
    """What the extractors need to know about one article."""

    text: str
    entities: dict[str, LocalEntity]
    mentions: list[Mention]
    sentences: list[Span]
    lexicon: Lexicon
    published: date | None
    letters: dict[str, str] = field(init=False)
    roles: str = field(init=False)
    demonyms: str = field(init=False)
    posts: dict[tuple, Membership] = field(init=False, default_factory=dict)  # found so far
    _templates: list[Template] | None = field(init=False, default=None)

    def __post_init__(self) -> None:
        vocab = vocabulary(self.lexicon)
        words, not_words = tuple(vocab.get("mission_words", ())), tuple(vocab.get("not_mission_words", ()))
        self.letters = {k: letter(e, words, not_words) for k, e in self.entities.items()}
        for key in self._missions_by_the_word_after():
            self.letters[key] = "M"
        self.roles, self.demonyms = _alternations(self.lexicon)

    def _missions_by_the_word_after(self) -> set[str]:
        """An unknown organisation written with its acronym and then "mission" ("the Chile Support Group
        (CSG) mission") is mission-like though the noun fell outside its name."""
        after = re.compile(r" \([A-Z][\w-]{1,10}\) (?:mission|force|operation)\b")
        return {
            m.entity
            for m in self.mentions
            if self.letters[m.entity] == "O"
            and after.match(self.text, m.span.end)
            and self.lexicon.lookup(self.entities[m.entity].name) is None
        }

    def templates(self) -> list[Template]:
        """The article's sentences as templates, made once: posts, leads and pinning all read them."""
        if self._templates is None:
            anaphora = self._mission_anaphora() + pronoun_subjects(
                self.text, self.sentences, self.mentions, self.letters
            )
            self._templates = [
                make_template(self.text, sentence, self.mentions, self.letters, inside)
                for sentence in self.sentences
                for inside in [[a for a in anaphora if sentence.start <= a[0] < sentence.end]]
            ]
        return self._templates

    def _mission_anaphora(self) -> list[tuple[int, int, str]]:
        """ "the mission" -> the last mission-like body named before it."""
        phrases = vocabulary(self.lexicon).get("mission_anaphora", [])
        if not phrases:
            return []
        missions = sorted((m.span.start, m.entity) for m in self.mentions if self.letters[m.entity] == "M")
        found = []
        for m in re.finditer(rf"\b(?:{alternation(phrases, ignore_case=True)})\b", self.text, re.IGNORECASE):
            before = [key for start, key in missions if start < m.start()]
            if before:
                found.append((m.start(), m.end(), self._named_like(before, m.group(0))))
        return found

    def _named_like(self, missions: list[str], phrase: str) -> str:
        """Of the missions named so far, the last whose name has the phrase's noun ("the corps" ->
        "Multinational Corps Northeast"), else the last."""
        noun = phrase.lower().split()[-1]
        alike = [k for k in missions if re.search(rf"\b{re.escape(noun)}\b", self.entities[k].name.lower())]
        return (alike or missions)[-1]

    def entity_named(self, name: str) -> str | None:
        """The article's entity for a known organisation or country, if the article mentions it."""
        known = self.lexicon.lookup(name)
        wanted = {normalize(name), normalize(known.name) if known else ""}
        mentioned = {m.entity for m in self.mentions}
        return next(
            (k for k, e in self.entities.items() if normalize(e.name) in wanted and k in mentioned), None
        )

    def country_key(self, name: str) -> str:
        """The article's entity for a country, added (without a mention) when the text only implies it."""
        for key, entity in self.entities.items():
            if entity.name == name:
                return key
        known = self.lexicon.lookup(name)
        key = f"c-{normalize(name).replace(' ', '-')}"
        self.entities[key] = LocalEntity(
            key, name, PLACE, [], {}, known.wikidata if known else None, "Country"
        )
        self.letters[key] = "C"
        return key


def _alternations(lexicon: Lexicon) -> tuple[str, str]:
    """The role and demonym regex alternations, built once per lexicon."""
    return derived(lexicon, _build_alternations)


def _build_alternations(lexicon: Lexicon) -> tuple[str, str]:
    roles = alternation(role_names(lexicon), ignore_case=True)
    demonyms = alternation(list(lexicon.demonyms), ignore_case=True)
    return (
        rf"(?<![\w-])(?:{roles})(?![\w-])",
        rf"(?<![\w-])(?:{demonyms})(?!\w)",  # "Spanish-led": a hyphen may follow
    )


def extract_posts(ctx: FactContext) -> list[Membership]:
    found = ctx.posts
    patterns = ctx.lexicon.patterns.get("post", [])
    continuations = ctx.lexicon.patterns.get("post_continuation", [])
    for template in ctx.templates():
        if "⟦P" not in template.text:  # every post pattern needs a person
            continue
        for spec in patterns:
            regex = compile_pattern(spec["pattern"], ctx.roles, ctx.demonyms)
            for m in regex.finditer(template.text):
                if _object_not_apposition(ctx, template, m):
                    continue
                for post in _posts_of_match(ctx, template, m, spec):
                    found.setdefault((post.member, post.role, post.organization), post)
                    if not _ends_with_person(m):
                        for more in _continue(ctx, template, m, continuations, post):
                            found.setdefault((more.member, more.role, more.organization), more)
    for post in [*inherited_posts(ctx, list(found.values())), *respective_posts(ctx, ctx.templates())]:
        found.setdefault((post.member, post.role, post.organization), post)
    filled = pin_organisations(ctx, _fill_commands(ctx, list(found.values())))
    unique = {(p.member, p.role, p.organization): p for p in reversed(filled)}  # first statement wins
    return _without_vaguer(list(reversed(unique.values())))


def inherited_posts(ctx: FactContext, posts: list[Membership]) -> Iterator[Membership]:
    """ "X succeeds Y" with no post named: Y held the posts the article gave X before that sentence
    (ranks excepted: a successor need not share a predecessor's rank)."""
    for spec in ctx.lexicon.patterns.get("succession", []):
        regex = compile_pattern(spec["pattern"], ctx.roles, ctx.demonyms)
        for template in ctx.templates():
            for m in regex.finditer(template.text):
                successor, predecessor = _slot(template, m, "person"), _slot(template, m, "person2")
                for p in posts:
                    role = ctx.lexicon.role(p.role)
                    if (
                        predecessor is not None
                        and p.member == successor
                        and p.evidence.end <= template.sentence.start
                        and (role is None or role.category != "rank")
                    ):
                        yield Membership(predecessor, p.role, p.organization, template.sentence)


def _without_vaguer(posts: list[Membership]) -> list[Membership]:
    """Drop "X | Secretary General | ?" when the article also says of what."""
    specific = {(p.member, p.role) for p in posts if p.organization}
    return [p for p in posts if p.organization or (p.member, p.role) not in specific]


def _fill_commands(ctx: FactContext, posts: list[Membership]) -> list[Membership]:
    """ "the outgoing commander" commands the mission the article last named."""
    missions = sorted((m.span.start, m.entity) for m in ctx.mentions if ctx.letters.get(m.entity) == "M")
    filled = []
    mission_roles = set(vocabulary(ctx.lexicon).get("mission_roles", ["commander"]))
    for p in posts:
        if p.role in mission_roles and p.organization is None:
            before = Counter(key for start, key in missions if start < p.evidence.end)
            if before:  # the mission the article has named most so far
                p = Membership(p.member, p.role, before.most_common(1)[0][0], p.evidence, p.time, p.order)
        filled.append(p)
    return filled


def _posts_of_match(
    ctx: FactContext, template: Template, m: re.Match[str], spec: dict
) -> Iterator[Membership]:
    """The post a match states, for its person and for every other person it states it of: a
    predecessor ("X succeeded Y as commander") or a list ("the fourth to lead it, after A, B and C");
    and of every organisation the pattern's ``also_of`` slots name ("heads A and B")."""
    if pairs := group(m, "pairs"):  # "Foreign ministers A of Chile, B of China and C of Latvia"
        role = ctx.lexicon.role((group(m, "plural") or "").removesuffix("s"))
        if role is None:
            return
        slots = template.slots
        for person, country in re.findall(r"⟦P(\d+)⟧ of (?:the )?⟦C(\d+)⟧", pairs):
            yield Membership(
                slots[int(person)].entity, role.label, slots[int(country)].entity, template.sentence
            )
        return
    people = [_slot(template, m, "person"), _slot(template, m, "person2")]
    listed = group(m, "people")
    if listed:
        people += [template.slots[int(i)].entity for i in re.findall(r"⟦P(\d+)⟧", listed)]
    for person in dict.fromkeys(p for p in people if p):
        post = _post(ctx, template, m, spec.get("role"), person=person)
        if post is None or not _leads_a_unit(ctx, m, post.organization):
            continue
        yield post
        for name in spec.get("also_of", ()):
            key = _slot(template, m, name)
            if key and key != post.organization and _leads_a_unit(ctx, m, key):
                yield replace(post, organization=key)


def _leads_a_unit(ctx: FactContext, m: re.Match[str], org: str | None) -> bool:
    """ "X led the alliance" or "heads the ministry" makes no commander: leading a body that is
    neither a mission nor named as a military unit is some other post."""
    verb = (group(m, "role") or "").lower()
    if org is None or verb not in vocabulary(ctx.lexicon).get("leading_verbs", ()):
        return True
    name = ctx.entities[org].name.lower()
    units = vocabulary(ctx.lexicon).get("unit_words", ())
    return ctx.letters[org] == "M" or any(re.search(rf"\b{w}\b", name) for w in units)


def _ends_with_person(m: re.Match[str]) -> bool:
    """A title before a name ends the phrase: "President X and Secretary General Y" are two people."""
    return any(m.end() == m.end(k) + 1 for k, v in m.groupdict().items() if v and k.startswith("person"))


def _object_not_apposition(ctx: FactContext, template: Template, m: re.Match[str]) -> bool:
    """ "Turning to X, the secretary general said": a role running straight into a verb after a
    person who is the object of a preposition or verb is the next clause's subject, not X's post.
    A title before a name ("and UN Secretary-General X has") is that person's own."""
    if not template.text.startswith("⟦P", m.start()):
        return False
    before = template.text[: m.start()].split()
    if not before or before[-1].lower() not in vocabulary(ctx.lexicon).get("object_markers", ()):
        return False
    after = template.text[m.end() :].split()
    return bool(after) and after[0].lower() in vocabulary(ctx.lexicon).get("clause_verbs", ())


def _post(
    ctx: FactContext, template: Template, m: re.Match[str], fixed_role: str | None, person: str | None = None
) -> Membership | None:
    person = person or _slot(template, m, "person")
    if person is None or ctx.entities[person].kind != PERSON:
        return None
    role = ctx.lexicon.role(fixed_role or group(m, "role") or "")
    if ministry := group(m, "ministry"):  # "to head the interior ministry": its minister
        role = ctx.lexicon.role(f"{ministry} minister")
    if role is None:
        return None
    if not fixed_role and (portfolio := _portfolio_role(ctx, template, m)):
        role = portfolio
    org = _organisation(ctx, template, m, role.label)
    if org == person:
        return None
    if not fixed_role and org and ctx.letters.get(org) != "C":
        role = _role_of_an_organisation(ctx, group(m, "role")) or role
    return Membership(person, role.label, org, template.sentence)


def _role_of_an_organisation(ctx: FactContext, said: str | None):
    """ "the UN envoy": an organisation's envoy is a special envoy (a state's is its ambassador)."""
    words = {normalize(k): v for k, v in vocabulary(ctx.lexicon).get("roles_of_an_organisation", {}).items()}
    post = words.get(normalize(said or ""))
    return ctx.lexicon.role(post) if post else None


def _continue(
    ctx: FactContext, template: Template, m: re.Match[str], specs: list[dict], first: Membership
) -> Iterator[Membership]:
    """A second post joined by "and". A bare role shares the first one's determiner, so its
    organisation too: "Estonia's foreign minister and deputy prime minister"; after "a", "the" or
    "former" it is a new phrase and names its own ("NATO's chief and a former prime minister")."""
    person = _slot(template, m, "person")
    rest = template.text[m.end() :]
    while more_spec := _next_continuation(ctx, rest, specs):
        more, spec = more_spec
        post = _post(ctx, template, more, spec.get("role"), person=person)
        if (
            post
            and post.organization is None
            and rest.startswith(" and ")
            and not (group(more, "mod") or "").strip()
        ):
            post = replace(post, organization=first.organization)
        if post:
            yield post
            if first.organization is None and post.organization and rest.startswith(" and "):
                yield replace(first, organization=post.organization)  # "the A and B of X": both of X
        rest = rest[more.end() :]


def _next_continuation(ctx: FactContext, rest: str, specs: list[dict]) -> tuple[re.Match[str], dict] | None:
    """The first continuation pattern that matches at the start of ``rest``."""
    for spec in specs:
        regex = compile_pattern(spec["pattern"], ctx.roles, ctx.demonyms)
        if (more := regex.match(rest)) and more.end() > 0:
            return more, spec
    return None


def _slot(template: Template, m: re.Match[str], name: str) -> str | None:
    index = group(m, name)
    slot = template.slot(index)
    return slot.entity if slot else None


def _organisation(ctx: FactContext, template: Template, m: re.Match[str], role: str = "") -> str | None:
    order = ("mission", "org3", "org", "body", "country", "country2")
    if role in vocabulary(ctx.lexicon).get("roles_of_a_country", ()):  # Estonia's ambassador to the UN
        order = ("country", "country2", "mission", "org", "org3", "body")
    for name in order:
        if (key := _slot(template, m, name)) and not _portfolio_place(ctx, template, m, name, role):
            entity = ctx.entities[key]
            if entity.kind != PLACE or entity.subtype == "Country":
                return key
    demonym = group(m, "demonym")
    if demonym and (country := ctx.lexicon.country_of_demonym(demonym)):
        return ctx.country_key(country)
    if (region := _slot(template, m, "region")) and role in vocabulary(ctx.lexicon).get(
        "roles_of_a_region", ()
    ):
        return region
    if service := _slot(template, m, "service"):
        return _country_of_service(ctx, ctx.entities[service].name)
    if group(m, "its"):
        return _antecedent(template, m.start("its"))
    if appointer := _slot(template, m, "appointer"):
        return _organisation_of(ctx, appointer)
    if holder := _slot(template, m, "holder"):
        return _organisation_of(ctx, holder, role)
    return _organisation_of_title(ctx, group(m, "role"))


def _portfolio_role(ctx: FactContext, template: Template, m: re.Match[str]):
    """ "the UN envoy for Yemen": a role word before "for" and a place names another post."""
    words = {normalize(k): v for k, v in vocabulary(ctx.lexicon).get("roles_for_a_place", {}).items()}
    said = group(m, "role")
    if not said or normalize(said) not in words:
        return None
    end = next(m.end(k) for k, v in m.groupdict().items() if v == said and k.split("__")[0] == "role")
    if not re.match(r" for (?:the )?⟦[CL]\d+⟧", template.text[end:]):
        return None
    return ctx.lexicon.role(words[normalize(said)])


def _portfolio_place(ctx: FactContext, template: Template, m: re.Match[str], name: str, role: str) -> bool:
    """ "Special Envoy for Yemen": the place after "for" is the post's remit, not its organisation."""
    posts = {normalize(v) for v in vocabulary(ctx.lexicon).get("roles_for_a_place", {}).values()}
    if normalize(role) not in posts:
        return False
    start = next(m.start(k) for k, v in m.groupdict().items() if v is not None and k.split("__")[0] == name)
    key = _slot(template, m, name)
    return (
        key is not None
        and ctx.entities[key].kind == PLACE
        and bool(re.search(r"\bfor (?:the )?⟦[A-Z]$", template.text[:start]))
    )


def _organisation_of(ctx: FactContext, person: str, role: str = "") -> str | None:
    """The organisation of a post (``role``, if given) the article has already given ``person``."""
    return next(
        (
            p.organization
            for p in ctx.posts.values()
            if p.member == person and p.organization and (not role or p.role == role)
        ),
        None,
    )


def _organisation_of_title(ctx: FactContext, said: str | None) -> str | None:
    """ "the High Representative for Foreign Affairs and Security Policy" is the EU's."""
    titles = {normalize(k): v for k, v in vocabulary(ctx.lexicon).get("organisation_of_title", {}).items()}
    name = titles.get(normalize(said or ""))
    return ctx.entity_named(name) if name else None


def _country_of_service(ctx: FactContext, name: str) -> str | None:
    """ "the Austrian Armed Forces" -> Austria: a rank's nationality, read from its service's name."""
    words = [w for w in name.split() if w.lower() != "the"]
    country = ctx.lexicon.country_of_demonym(words[0]) if words else None
    return ctx.country_key(country) if country else None


def _antecedent(template: Template, end: int) -> str | None:
    """What "its" refers to: the body it is "by" ("the League by its envoy"), else the subject of the
    clause (an organisation or country starting the sentence, or a clause after "while", "but" or ";"),
    else the nearest organisation before it."""
    head = template.text[:end]
    if by := re.search(r"⟦[OMC](\d+)⟧(?: (?:was|were|is|will be) represented)? by $", head):
        return template.slots[int(by[1])].entity  # "... and the League by its secretary-general"
    subjects = re.findall(r"(?:^|; |, (?:while|whereas|but|and) )⟦[OMC](\d+)⟧", head)
    if subjects:
        return template.slots[int(subjects[-1])].entity
    nearest = re.findall(r"⟦[OM](\d+)⟧", head)
    return template.slots[int(nearest[-1])].entity if nearest else None


# --- lead nations ---------------------------------------------------------------------------


def extract_leads(ctx: FactContext) -> list[Membership]:
    leads: dict[tuple[str, str], Membership] = {}
    before: list[tuple[str, str, str]] = []  # (mission, earlier country, later country)
    if not any(ctx.letters.get(m.entity) == "M" for m in ctx.mentions):  # every lead needs a mission
        return []
    for template in ctx.templates():
        for spec in ctx.lexicon.patterns.get("lead", []):
            regex = compile_pattern(spec["pattern"], ctx.roles, ctx.demonyms)
            for m in regex.finditer(template.text):
                _lead_match(ctx, template, m, leads, before)
    return _ordered(leads, before)


def _lead_match(ctx: FactContext, template: Template, m: re.Match[str], leads: dict, before: list) -> None:
    mission = _slot(template, m, "mission") or _described_mission(ctx, template, m)
    if mission and (listed := group(m, "leads")):  # "A, B and C, the corps' framework nations"
        for i in re.findall(r"⟦C(\d+)⟧", listed):
            key = template.slots[int(i)].entity
            leads.setdefault((key, mission), Membership(key, LEAD_NATION, mission, template.sentence))
        return
    lead = _slot(template, m, "lead")
    if lead is None and (nxt := _slot(template, m, "next")):
        # "the handover passes command of M from A to B": B leads now, A led before
        _record_handover(ctx, template, m, mission, nxt, leads, before)
        return
    if (
        lead is None
        and (demonym := group(m, "demonym"))
        and (country := ctx.lexicon.country_of_demonym(demonym))
    ):
        lead = ctx.country_key(country)  # "the Spanish-led mission"
    if mission is None or lead is None:
        return
    when = group(m, "when")
    nxt, previous = _slot(template, m, "next"), _slot(template, m, "previous")
    future = bool(re.search(r"\b(will|would|is to|is due to|is set to|plans to)\b", template.text))
    time = None
    if when and not nxt:
        time = _time(ctx, when, future)
    leads.setdefault(
        (lead, mission),
        Membership(
            lead, LEAD_NATION, mission, template.sentence, time, order=1 if group(m, "first") else None
        ),
    )
    if nxt:
        leads.setdefault(
            (nxt, mission),
            Membership(
                nxt, LEAD_NATION, mission, template.sentence, _time(ctx, when, future) if when else None
            ),
        )
        before.append((mission, lead, nxt))
    if previous:
        leads.setdefault((previous, mission), Membership(previous, LEAD_NATION, mission, template.sentence))
        before.append((mission, previous, lead))


def _described_mission(ctx: FactContext, template: Template, m: re.Match[str]) -> str | None:
    """The mission a match names without its name: "a multinational force" is the article's body whose
    name has "force"; "Chile first commanded it" the mission of that sentence, else the last one before."""
    said = group(m, "unnamed")
    if said:
        if any(said.lower().endswith(w) for w in vocabulary(ctx.lexicon).get("not_mission_words", ())):
            return None  # "the police force"
        return _mission_with_noun(ctx, (group(m, "noun") or "").lower())
    if group(m, "it"):
        inside = [s.entity for s in template.slots if ctx.letters[s.entity] == "M"]
        earlier = [
            x.entity
            for x in sorted(ctx.mentions, key=lambda x: x.span.start)
            if ctx.letters[x.entity] == "M" and x.span.start < template.sentence.start
        ]
        found = inside or earlier[-1:]
        return found[0] if found else None
    return None


def _mission_with_noun(ctx: FactContext, noun: str) -> str | None:
    """The article's most-named mission-like body whose name has ``noun`` ("force", "coalition")."""
    named = Counter(
        x.entity
        for x in ctx.mentions
        if ctx.letters[x.entity] == "M"
        and re.search(rf"\b{re.escape(noun)}\b", ctx.entities[x.entity].name.lower())
    )
    return named.most_common(1)[0][0] if named else None


def _record_handover(
    ctx: FactContext,
    template: Template,
    m: re.Match[str],
    mission: str | None,
    lead: str,
    leads: dict,
    before: list,
) -> None:
    """A handover from one country to another: both led the mission, in that order."""
    previous = _slot(template, m, "previous")
    if mission is None or previous is None:
        return
    when = group(m, "when")
    leads.setdefault(
        (lead, mission),
        Membership(lead, LEAD_NATION, mission, template.sentence, _time(ctx, when, False) if when else None),
    )
    leads.setdefault((previous, mission), Membership(previous, LEAD_NATION, mission, template.sentence))
    before.append((mission, previous, lead))


def _time(ctx: FactContext, expression: str, future: bool) -> TimeSpec:
    begin = resolve_when(expression, ctx.published, future)
    return TimeSpec(expression, begin.isoformat() if begin else None)


def _ordered(
    leads: dict[tuple[str, str], Membership], before: list[tuple[str, str, str]]
) -> list[Membership]:
    """Number the lead nations of each mission in the order the text gives (1 = first)."""
    result = []
    for (country, mission), lead in leads.items():
        chain = _chain(mission, before)
        order = chain.index(country) + 1 if country in chain else lead.order
        result.append(Membership(lead.member, lead.role, lead.organization, lead.evidence, lead.time, order))
    return result


def _chain(mission: str, before: list[tuple[str, str, str]]) -> list[str]:
    pairs = [(a, b) for m, a, b in before if m == mission]
    nodes = list(dict.fromkeys([x for pair in pairs for x in pair]))
    chain: list[str] = []
    while nodes:
        heads = [n for n in nodes if not any(b == n and a in nodes for a, b in pairs)]
        if not heads:  # contradictory order: keep text order
            return chain + nodes
        chain.append(heads[0])
        nodes.remove(heads[0])
    return chain
