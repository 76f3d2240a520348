"""Ready-made questions: the ``queries/*.rq`` files, and setting their variables safely.

A question file starts with ``# <what it answers>``; its bindable variables are documented in the
header as ``#   ?name  what it means`` lines, and each has a slot in the query body::

    VALUES ?name { UNDEF }

Unbound, the slot changes nothing (the query is written so that ``!BOUND(?name)`` lets every
answer through). ``--bind name=Stoltenberg`` replaces ``UNDEF`` with the value written as an
escaped SPARQL literal, or as an IRI when it is ``<...>`` or ``prefix:local`` with one of the
project's prefixes. A variable may have several slots (say, one inside a UNION branch): all take
the value.

**Names are looked up first.** Filtering on a name at the end of a query means evaluating it for
the whole graph; on a million statements that takes seconds to minutes. A question therefore says
which entity variable each name narrows, in a header line::

    # Looked up first: ?name -> ?p, ?org -> ?o

and has a slot for that variable at the start of its pattern. :func:`ask` finds the entities whose
label or other name contains the value (the same test the question's FILTER makes) and puts them in
that slot, so the query starts from them and answers in milliseconds; the FILTER still applies, so
the answer is the same as without the lookup.

:func:`bind` (any query text) parses the bound query again and compares its VALUES data with the
values, so no user text can change the query's shape. :func:`ask` checks the question's template once
and writes values only through :func:`sparql_term`, whose literals escape every character SPARQL
gives a meaning to and whose IRIs are checked against the IRIREF grammar.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from rdflib import Literal, URIRef
from rdflib.term import Node

from kg.config import QUERIES_DIR
from kg.errors import QueryError
from kg.query.check import CheckedQuery, check_query
from kg.query.check import walk as walk_algebra
from kg.query.results import QueryResult, page
from kg.rdf.namespaces import PREFIXES

if TYPE_CHECKING:  # source.py imports this module
    from kg.query.source import GraphSource

_VARIABLE_DOC = re.compile(r"^#\s+\?([A-Za-z_][A-Za-z0-9_]*)\s+(.+?)\s*$")
_LOOKUP_DOC = re.compile(r"^#\s*Looked up first:(.*)$")
_LOOKUP = re.compile(r"\?([A-Za-z_][A-Za-z0-9_]*)\s*->\s*\?([A-Za-z_][A-Za-z0-9_]*)")
_NAME = re.compile(r"[A-Za-z_][A-Za-z0-9_]*")
_CURIE = re.compile(r"([A-Za-z][A-Za-z0-9_-]*):([^\s<>\"{}|^`\\]*)")
_IRI_FORBIDDEN = re.compile(r"[\x00-\x20<>\"{}|^`\\]")


@dataclass(frozen=True, slots=True)
class Question:
    """One ready-made question: ``name`` is the file name without ``.rq``."""

    name: str
    path: Path
    summary: str  # the first comment line
    variables: dict[str, str]  # bindable variable -> what it means
    text: str
    lookups: dict[str, str]  # name variable -> the entity variable its matches fill


def list_questions(folder: Path = QUERIES_DIR) -> list[Question]:
    """Every question in ``folder``, by name."""
    return [read_question(p) for p in sorted(Path(folder).glob("*.rq"))]


def get_question(name: str, folder: Path = QUERIES_DIR) -> Question:
    path = Path(folder) / f"{name}.rq"
    if not _NAME_OR_DASH.fullmatch(name) or not path.is_file():
        known = ", ".join(q.name for q in list_questions(folder)) or "none"
        raise QueryError(f"no ready-made question {name!r}; known: {known} (kg query GRAPH --list)")
    return read_question(path)


_NAME_OR_DASH = re.compile(r"[A-Za-z0-9_-]+")


def read_question(path: Path) -> Question:
    text = path.read_text(encoding="utf-8")
    header = []
    for line in text.splitlines():
        if not line.startswith("#"):
            break
        header.append(line)
    summary = header[0].lstrip("#").strip() if header else ""
    variables = {m[1]: m[2] for m in map(_VARIABLE_DOC.match, header) if m}
    lookups = {
        name: entity for m in map(_LOOKUP_DOC.match, header) if m for name, entity in _LOOKUP.findall(m[1])
    }
    return Question(path.stem, path, summary, variables, text, lookups)


def parse_bindings(items: Iterable[str]) -> dict[str, str]:
    """``["name=Stoltenberg", "?org=NATO"]`` -> ``{"name": "Stoltenberg", "org": "NATO"}``."""
    bindings: dict[str, str] = {}
    for item in items:
        name, sep, value = item.partition("=")
        name = name.strip().removeprefix("?").removeprefix("$")
        if not sep or not _NAME.fullmatch(name):
            raise QueryError(f"--bind takes VAR=VALUE, e.g. --bind name=Stoltenberg (got {item!r})")
        bindings[name] = value
    return bindings


def ask(
    source: GraphSource,
    question: Question,
    bindings: Mapping[str, str],
    limit: int | None = None,
    offset: int = 0,
) -> QueryResult:
    """Answer a ready-made question with ``bindings`` set, names looked up first (see above): rows
    ``offset`` to ``offset + limit`` (all when ``limit`` is None) and, when that is a page, the
    ``total``. Unbound on a store written by kg, the answer is read from those kept with the store
    (see ``answers.py``)."""
    _check_variables(question, bindings)
    if not bindings:
        kept = source.kept_answer(question, limit, offset)
        if kept is not None:
            return kept
    values: dict[str, list[Node]] = {name: [to_term(value)] for name, value in bindings.items()}
    for name, entity in question.lookups.items():
        if name in bindings and entity not in bindings:
            values[entity] = entities_named(source, bindings[name]) or [NO_ENTITY]
    form = check_query(question.text).form  # the template: parsed once, the rules hold for any terms
    return page(source.run(CheckedQuery(fill(question.text, values), form)), limit, offset)


#: What a looked-up name that matches nothing binds to (rdflib fails on an empty VALUES block).
NO_ENTITY = URIRef("urn:kg:no-entity")


def entities_named(source: GraphSource, name: str) -> list[Node]:
    """The entities whose label or other name contains ``name``, in any case."""
    kept = source.kept_entities_named(name)
    if kept is not None:
        return kept
    query = CheckedQuery(fill(_NAMED, {"needle": [Literal(name)]}), "SELECT")  # a constant template
    return [row[0] for row in source.run(query).rows if row[0] is not None]


_NAMED = """\
PREFIX schema: <https://schema.org/>
PREFIX rdfs:   <http://www.w3.org/2000/01/rdf-schema#>
SELECT DISTINCT ?entity WHERE {
  { ?entity rdfs:label ?n } UNION { ?entity schema:alternateName ?n }
  FILTER(CONTAINS(LCASE(?n), LCASE(?needle)))
  VALUES ?needle { UNDEF }
}"""


def bind_question(question: Question, bindings: Mapping[str, str]) -> str:
    """The question's text with ``bindings`` set (no lookup: the names filter at the end)."""
    _check_variables(question, bindings)
    return bind(question.text, bindings)


def _check_variables(question: Question, bindings: Mapping[str, str]) -> None:
    """Only a question's documented variables can be bound."""
    unknown = sorted(set(bindings) - set(question.variables))
    if unknown:
        takes = ", ".join(f"?{v}" for v in question.variables) or "no variables"
        raise QueryError(f"question {question.name!r} has no variable ?{unknown[0]}; it takes {takes}")


def bind(text: str, bindings: Mapping[str, str]) -> str:
    """Set each variable's ``VALUES ?var { UNDEF }`` slots in ``text`` to the value, safely."""
    terms = {name: to_term(value) for name, value in bindings.items()}
    text = fill(text, {name: [term] for name, term in terms.items()})
    _verify(text, terms)
    return text


def fill(text: str, values: Mapping[str, Sequence[Node]]) -> str:
    """Every ``VALUES ?var { UNDEF }`` slot of each variable set to its terms."""
    for name, terms in values.items():
        slot = re.compile(
            rf"^([ \t]*)VALUES[ \t]+[?$]{re.escape(name)}[ \t]*\{{[ \t]*UNDEF[ \t]*\}}",
            re.MULTILINE | re.IGNORECASE,
        )
        matches = list(slot.finditer(text))
        if not matches:
            raise QueryError(f"the query has no line 'VALUES ?{name} {{ UNDEF }}' to bind ?{name} in")
        filled = f"VALUES ?{name} {{ {' '.join(map(sparql_term, terms))} }}"
        for match in reversed(matches):  # from the end, so earlier offsets stay valid
            # spliced, not re.sub'd: a replacement string would read the value's backslashes as escapes
            text = text[: match.start()] + match[1] + filled + text[match.end() :]
    return text


def to_term(value: str) -> Node:
    """``<iri>`` or ``prefix:local`` (a project prefix) -> IRI; ``"text"`` or anything else -> literal."""
    if value.startswith("<") and value.endswith(">") and len(value) > 2:
        return _iri(value[1:-1])
    if len(value) >= 2 and value[0] == value[-1] == '"':
        return Literal(value[1:-1])
    curie = _CURIE.fullmatch(value)
    if curie and curie[1] in PREFIXES:
        return _iri(PREFIXES[curie[1]] + curie[2])
    return Literal(value)


def sparql_term(term: Node) -> str:
    """``term`` written for a SPARQL query: a short string literal with every character that has an
    escape escaped (quote, backslash, line breaks, tab...), or an IRI checked to hold no character
    that could end it."""
    if isinstance(term, Literal):
        text = str(term)
        if _CODEPOINT_ESCAPE.search(text):
            # SPARQL expands \uXXXX anywhere in a query before parsing, even after a backslash
            raise QueryError(f"cannot bind {text!r}: SPARQL would read its \\u or \\U as a character escape")
        return '"' + "".join(_ECHAR.get(c, c) for c in text) + '"'
    return f"<{_iri(str(term))}>"


_ECHAR = {"\\": "\\\\", '"': '\\"', "\n": "\\n", "\r": "\\r", "\t": "\\t", "\b": "\\b", "\f": "\\f"}
_CODEPOINT_ESCAPE = re.compile(r"\\[uU]")


def _iri(value: str) -> URIRef:
    if _IRI_FORBIDDEN.search(value) or ":" not in value:
        raise QueryError(f"not an absolute IRI: {value!r}")
    return URIRef(value)


def _verify(text: str, terms: Mapping[str, Node]) -> None:
    """Parse the bound query and check that each VALUES slot holds exactly the intended term."""
    checked = check_query(text)
    found: dict[str, list[Node]] = {}
    for node in walk_algebra(checked.rdflib_query().algebra):
        if node.name == "values":
            for row in dict.get(node, "res") or ():
                for var, value in row.items():
                    found.setdefault(str(var), []).append(value)
    slots = {
        name: len(re.findall(rf"VALUES[ \t]+[?$]{re.escape(name)}\b", text, re.IGNORECASE)) for name in terms
    }
    for name, term in terms.items():
        if found.get(name) != [term] * slots[name]:
            raise QueryError(f"could not bind ?{name}: the query's VALUES slot did not take the value")


__all__ = [
    "Question",
    "ask",
    "bind",
    "bind_question",
    "entities_named",
    "fill",
    "get_question",
    "list_questions",
    "parse_bindings",
    "read_question",
    "to_term",
]
