"""Organisations a post's own sentence leaves open, pinned down by the rest of the article.

"Foreign Minister X" names no country; the article may, about the same person ("Greece's X",
"X of Greece") or about the same post ("Estonia's defence minister thanked the airmen", in a
sentence that names no one). Only such evidence counts: never the dateline, nor the one country
a sentence happens to name ("President X visited France"). The shapes of the evidence are the
``[[person_country]]`` and ``[[role_of_no_one]]`` patterns of ``ontology/patterns.toml``.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from dataclasses import replace
from typing import TYPE_CHECKING

from kg.extract.template import Template, compile_pattern, group, vocabulary
from kg.model import Membership

if TYPE_CHECKING:
    from kg.extract.facts import FactContext


def pin_organisations(ctx: FactContext, posts: list[Membership]) -> list[Membership]:
    """Posts without an organisation get the one the article gives their holder or their post."""
    offices = set(vocabulary(ctx.lexicon).get("offices_of_a_state", ()))
    templates = ctx.templates()
    countries = _countries_of_people(ctx, templates, posts, offices)
    unattached = _roles_of_no_one(ctx, templates)
    pinned = []
    for p in posts:
        if p.organization is None and not _is_rank(ctx, p.role):
            org = countries.get(p.member) if p.role in offices else None
            org = org or _the_one_organisation(p, posts, unattached, offices)
            p = replace(p, organization=_entity(ctx, org)) if org else p
        pinned.append(p)
    return pinned


def _is_rank(ctx: FactContext, label: str) -> bool:
    role = ctx.lexicon.role(label)
    return role is not None and role.category == "rank"


def _countries_of_people(
    ctx: FactContext, templates: list[Template], posts: list[Membership], offices: set[str]
) -> dict[str, str]:
    """Person -> the one country the article ties them to: "Greece's X", "X of Greece", a state
    office of that country. A person tied to two countries gets none."""
    seen: dict[str, set[str]] = {}
    for person, country in _person_country_matches(ctx, templates):
        seen.setdefault(person, set()).add(country)
    for p in posts:
        if p.role in offices and p.organization and ctx.letters.get(p.organization) == "C":
            seen.setdefault(p.member, set()).add(p.organization)
    seen = {person: {_same_country(ctx, c) for c in found} for person, found in seen.items()}
    return {person: next(iter(c)) for person, c in seen.items() if len(c) == 1}


def _person_country_matches(ctx: FactContext, templates: list[Template]) -> Iterator[tuple[str, str]]:
    for spec in ctx.lexicon.patterns.get("person_country", []):
        regex = compile_pattern(spec["pattern"], ctx.roles, ctx.demonyms)
        for template in templates:
            for m in regex.finditer(template.text):
                person, country = _slot(template, m, "person"), _country(ctx, template, m)
                if person and country:
                    yield person, country


def _roles_of_no_one(ctx: FactContext, templates: list[Template]) -> dict[str, set[str]]:
    """Role -> the organisations the article gives it in sentences that name no person:
    "Estonia's defence minister thanked the airmen", "the UN Secretary General"."""
    found: dict[str, set[str]] = {}
    for spec in ctx.lexicon.patterns.get("role_of_no_one", []):
        regex = compile_pattern(spec["pattern"], ctx.roles, ctx.demonyms)
        for template in templates:
            if "⟦P" in template.text:
                continue
            for m in regex.finditer(template.text):
                role = ctx.lexicon.role(group(m, "role") or "")
                org = _slot(template, m, "org") or _country(ctx, template, m)
                if role and org:
                    found.setdefault(role.label, set()).add(_same_country(ctx, org))
    return found


def _the_one_organisation(
    post: Membership, posts: list[Membership], unattached: dict[str, set[str]], offices: set[str]
) -> str | None:
    """The one organisation the article gives a post: from its other holders, for posts that are
    not a state's offices (every state has those); else from sentences naming no one, when no one
    else holds the post without an organisation."""
    holders = [p for p in posts if p.role == post.role]
    orgs = set(unattached.get(post.role, ()))
    known = {p.organization for p in holders if p.organization}
    if known:
        return next(iter(known)) if post.role not in offices and len(known | orgs) == 1 else None
    alone = sum(1 for p in holders if p.organization is None) == 1
    return next(iter(orgs)) if alone and len(orgs) == 1 else None


def _slot(template: Template, m: re.Match[str], name: str) -> str | None:
    index = group(m, name)
    slot = template.slot(index)
    return slot.entity if slot else None


def _country(ctx: FactContext, template: Template, m: re.Match[str]) -> str | None:
    """The country slot's entity, or the country of the demonym (as a name, made an entity only if
    it is used: see :func:`_entity`)."""
    if key := _slot(template, m, "country"):
        return key
    demonym = group(m, "demonym")
    country = ctx.lexicon.country_of_demonym(demonym) if demonym else None
    return f"{_NAMED}{country}" if country else None


_NAMED = "country named "  # a country known by its name only, not (yet) an entity of the article


def _same_country(ctx: FactContext, org: str) -> str:
    """One form for a country known by name and by entity: the entity's key if it has one."""
    if not org.startswith(_NAMED):
        return org
    name = org.removeprefix(_NAMED)
    return next((k for k, e in ctx.entities.items() if e.name == name), org)


def _entity(ctx: FactContext, org: str) -> str:
    return ctx.country_key(org.removeprefix(_NAMED)) if org.startswith(_NAMED) else org


def respective_posts(ctx: FactContext, templates: Iterable[Template]) -> Iterator[Membership]:
    """ "the presidents of A and B, X and Y": X holds the post in A, Y in B; likewise "A and B
    signed ... in the presence of their prime ministers, X and Y" and "The foreign ministers of A
    and B signed it. A's X and B's Y ..." (the people named in the next sentence)."""
    pending: list[tuple[str, list[str]]] = []  # (role, organisations) named without people
    for template in templates:
        carried, pending = pending, []
        for spec in ctx.lexicon.patterns.get("respective", []):
            for m in re.finditer(compile_pattern(spec["pattern"], ctx.roles, ctx.demonyms), template.text):
                role = _plural_role(ctx, group(m, "plural"))
                orgs = _keys(template, group(m, "orgs"), "OMC")
                people = _keys(template, group(m, "people"), "P")
                if role and people and len(people) == len(orgs):
                    for person, org in zip(people, orgs, strict=True):
                        yield Membership(person, role, org, template.sentence)
                elif role and not people and "⟦P" not in template.text:
                    pending.append((role, orgs))
        for role, orgs in carried:
            for org, person in _possessed_people(template, orgs):
                yield Membership(person, role, org, template.sentence)


def _plural_role(ctx: FactContext, said: str | None) -> str | None:
    """ "foreign ministers" -> Foreign Minister."""
    if not said or not said.lower().endswith("s"):
        return None
    words = said[:-1].split()
    for i in range(len(words)):  # "the two prime ministers": the role is the last words
        role = ctx.lexicon.role(" ".join(words[i:]))
        if role:
            return role.label if role.category != "rank" else None
    return None


def _keys(template: Template, listed: str | None, letters: str) -> list[str]:
    found = re.findall(rf"⟦[{letters}](\d+)⟧", listed or "")
    return [template.slots[int(i)].entity for i in found]


def _possessed_people(template: Template, orgs: list[str]) -> Iterator[tuple[str, str]]:
    """ "A's X" in a sentence, for each organisation A of a list: (A, X)."""
    for m in re.finditer(r"⟦[OMC](\d+)⟧'s ⟦P(\d+)⟧", template.text):
        org, person = template.slots[int(m.group(1))].entity, template.slots[int(m.group(2))].entity
        if org in orgs:
            yield org, person
