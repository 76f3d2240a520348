"""Writing a :class:`QueryResult`: the W3C SPARQL 1.1 result formats, RDF syntaxes, a table.

- SELECT/ASK: ``json`` (SPARQL 1.1 Query Results JSON), ``xml`` (Query Results XML), ``csv`` and
  ``tsv`` (SPARQL 1.1 Query Results CSV and TSV). An ASK answer in CSV/TSV is ``true``/``false``.
- CONSTRUCT/DESCRIBE: ``turtle`` (default), ``ntriples``, ``rdfxml``, ``jsonld``.
- ``table``: a rich table for people, IRIs shortened with the project's prefixes.
"""

from __future__ import annotations

import csv
import io
import json
import re
from dataclasses import dataclass
from typing import IO
from xml.sax.saxutils import escape, quoteattr

from rdflib import BNode, Literal, URIRef
from rdflib.term import Node
from rich.console import Console
from rich.table import Table
from rich.text import Text

from kg.errors import QueryError
from kg.query.results import QueryResult
from kg.rdf.namespaces import PREFIXES, XSD

_SPARQL_RESULTS_NS = "http://www.w3.org/2005/sparql-results#"
_BARE_INTEGER = re.compile(r"[+-]?[0-9]+")
# longest namespace first, so that kgr: wins over a shorter namespace it starts with
_NAMESPACES = sorted(((iri, prefix) for prefix, iri in PREFIXES.items()), key=lambda p: -len(p[0]))


@dataclass(frozen=True, slots=True)
class ResultFormat:
    """A way to write results: its name, its media type, the other media types it answers to."""

    name: str
    media_type: str
    graph: bool  # True: for CONSTRUCT/DESCRIBE results; False: for SELECT/ASK
    aliases: tuple[str, ...] = ()

    @property
    def media_types(self) -> tuple[str, ...]:
        return (self.media_type, *self.aliases)


#: In order of preference: the first of each kind is the default.
FORMATS: tuple[ResultFormat, ...] = (
    ResultFormat("json", "application/sparql-results+json", False, ("application/json",)),
    ResultFormat("xml", "application/sparql-results+xml", False, ("application/xml", "text/xml")),
    ResultFormat("csv", "text/csv", False),
    ResultFormat("tsv", "text/tab-separated-values", False),
    ResultFormat("turtle", "text/turtle", True, ("application/x-turtle", "application/turtle")),
    ResultFormat("ntriples", "application/n-triples", True, ("text/plain",)),
    ResultFormat("rdfxml", "application/rdf+xml", True, ("application/xml", "text/xml")),
    ResultFormat("jsonld", "application/ld+json", True, ("application/json",)),
)
_BY_NAME = {f.name: f for f in FORMATS}


def result_format(name: str) -> ResultFormat:
    try:
        return _BY_NAME[name]
    except KeyError:
        raise QueryError(f"unknown result format {name!r}; use one of {', '.join(_BY_NAME)}") from None


def negotiate(accept: str | None, graph: bool) -> ResultFormat:
    """The format an ``Accept`` header asks for; the default of the kind when it names none we write."""
    offers = [f for f in FORMATS if f.graph == graph]
    best, best_q = offers[0], 0.0
    for fmt in offers:
        ranges = _media_ranges(accept or "")
        # a format's own media type outranks its aliases (text/* means CSV rather than text/xml)
        q = max(
            (
                _quality(rng, mt) * (1.0 if mt == fmt.media_type else 0.99)
                for rng in ranges
                for mt in fmt.media_types
            ),
            default=0.0,
        )
        if q > best_q:
            best, best_q = fmt, q
    return best


def _media_ranges(accept: str) -> list[tuple[str, float]]:
    ranges = []
    for part in accept.split(","):
        media, *params = (p.strip() for p in part.split(";"))
        q = 1.0
        for param in params:
            key, _, value = param.partition("=")
            if key.strip().lower() == "q":
                try:
                    q = float(value)
                except ValueError:
                    q = 0.0
        if media:
            ranges.append((media.lower(), q))
    return ranges


def _quality(media_range: tuple[str, float], media_type: str) -> float:
    pattern, q = media_range
    kind, _, sub = pattern.partition("/")
    if pattern == media_type or (kind == "*") or (sub == "*" and media_type.startswith(kind + "/")):
        # an exact match outranks a wildcard of the same quality
        return q if pattern == media_type else q * 0.999
    return 0.0


def write(result: QueryResult, name: str) -> str:
    """``result`` in the named format (see :data:`FORMATS`)."""
    fmt = result_format(name)
    if fmt.graph != (result.graph is not None):
        kind = "CONSTRUCT/DESCRIBE" if fmt.graph else "SELECT/ASK"
        raise QueryError(f"format {name!r} is for {kind} results, not {result.form}")
    if result.graph is not None:
        rdflib_name = {"turtle": "turtle", "ntriples": "nt", "rdfxml": "xml", "jsonld": "json-ld"}[name]
        return result.graph.serialize(format=rdflib_name)
    return _WRITERS[name](result)


# --- SPARQL 1.1 Query Results JSON -------------------------------------------------------------
def _json(result: QueryResult) -> str:
    if result.boolean is not None:
        return json.dumps({"head": {}, "boolean": result.boolean}) + "\n"
    bindings = [
        {v: _json_term(t) for v, t in zip(result.variables, row, strict=True) if t is not None}
        for row in result.rows
    ]
    return (
        json.dumps(
            {"head": {"vars": result.variables}, "results": {"bindings": bindings}}, ensure_ascii=False
        )
        + "\n"
    )


def _json_term(term: Node) -> dict[str, str]:
    if isinstance(term, BNode):
        return {"type": "bnode", "value": str(term)}
    if isinstance(term, Literal):
        out = {"type": "literal", "value": str(term)}
        if term.language:
            out["xml:lang"] = term.language
        elif term.datatype is not None:
            out["datatype"] = str(term.datatype)
        return out
    return {"type": "uri", "value": str(term)}


# --- SPARQL Query Results XML ------------------------------------------------------------------
def _xml(result: QueryResult) -> str:
    out = ['<?xml version="1.0" encoding="UTF-8"?>', f'<sparql xmlns="{_SPARQL_RESULTS_NS}">', "<head>"]
    out += [f"<variable name={quoteattr(v)}/>" for v in result.variables]
    out.append("</head>")
    if result.boolean is not None:
        out.append(f"<boolean>{'true' if result.boolean else 'false'}</boolean>")
    else:
        out.append("<results>")
        for row in result.rows:
            out.append("<result>")
            out += [
                f"<binding name={quoteattr(v)}>{_xml_term(t)}</binding>"
                for v, t in zip(result.variables, row, strict=True)
                if t is not None
            ]
            out.append("</result>")
        out.append("</results>")
    out.append("</sparql>")
    return "\n".join(out) + "\n"


def _xml_term(term: Node) -> str:
    if isinstance(term, BNode):
        return f"<bnode>{escape(str(term))}</bnode>"
    if isinstance(term, Literal):
        if term.language:
            attr = f" xml:lang={quoteattr(term.language)}"
        elif term.datatype is not None:
            attr = f" datatype={quoteattr(str(term.datatype))}"
        else:
            attr = ""
        return f"<literal{attr}>{escape(str(term))}</literal>"
    return f"<uri>{escape(str(term))}</uri>"


# --- SPARQL 1.1 Query Results CSV and TSV ------------------------------------------------------
def _csv(result: QueryResult) -> str:
    if result.boolean is not None:
        return _boolean_text(result)
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow(result.variables)
    for row in result.rows:
        writer.writerow(["" if t is None else f"_:{t}" if isinstance(t, BNode) else str(t) for t in row])
    return buffer.getvalue()


def _tsv(result: QueryResult) -> str:
    if result.boolean is not None:
        return _boolean_text(result)
    lines = ["\t".join(f"?{v}" for v in result.variables)]
    lines += ["\t".join(_tsv_term(t) for t in row) for row in result.rows]
    return "\n".join(lines) + "\n"


def _tsv_term(term: Node | None) -> str:
    """The term in Turtle/SPARQL syntax, as the TSV results format requires."""
    if term is None:
        return ""
    if isinstance(term, BNode):
        return f"_:{term}"
    if isinstance(term, Literal):
        lexical = str(term)
        if term.datatype == XSD.integer and _BARE_INTEGER.fullmatch(lexical):
            return lexical
        quoted = (
            '"'
            + (
                lexical.replace("\\", "\\\\")
                .replace('"', '\\"')
                .replace("\n", "\\n")
                .replace("\r", "\\r")
                .replace("\t", "\\t")
            )
            + '"'
        )
        if term.language:
            return f"{quoted}@{term.language}"
        return f"{quoted}^^<{term.datatype}>" if term.datatype is not None else quoted
    return f"<{term}>"


def _boolean_text(result: QueryResult) -> str:
    return "true\n" if result.boolean else "false\n"


_WRITERS = {"json": _json, "xml": _xml, "csv": _csv, "tsv": _tsv}


# --- for people --------------------------------------------------------------------------------
def shorten(term: Node | None) -> str:
    """A readable form: ``kgr:person/jens-stoltenberg``, a literal's text, ``_:b0``, or ``""``."""
    if term is None:
        return ""
    if isinstance(term, BNode):
        return f"_:{term}"
    if isinstance(term, URIRef):
        iri = str(term)
        for namespace, prefix in _NAMESPACES:
            if iri.startswith(namespace) and len(iri) > len(namespace):
                return f"{prefix}:{iri[len(namespace) :]}"
        return f"<{iri}>"
    return str(term)


def write_table(result: QueryResult, out: IO[str]) -> None:
    """A table for a terminal (or a pipe, then wide enough not to wrap short values)."""
    console = Console(file=out, highlight=False, width=None if out.isatty() else 200)
    if result.boolean is not None:
        console.print(_boolean_text(result), end="")
        return
    table = Table()
    for variable in result.variables:
        table.add_column(Text(variable))
    for row in result.rows:
        table.add_row(*(Text(shorten(t)) for t in row))
    console.print(table)
    console.print(Text(_caption(result)), soft_wrap=True)  # under the table, however narrow it is


def _count(n: int) -> str:
    return f"{n:,} result" + ("" if n == 1 else "s")


def _caption(result: QueryResult) -> str:
    """``12 results``, or for one page of an answer which rows it shows and how to see the others."""
    shown, total = len(result.rows), result.total
    if total is None or (shown == total and not result.offset):
        return _count(shown)
    if not shown:
        return f"no rows after the first {result.offset:,}: {_count(total)} in all"
    first, last = result.offset + 1, result.offset + shown
    more = f"--offset {last} for the next page, " if last < total else ""
    return f"rows {first:,}-{last:,} of {total:,}: {more}--limit 0 for all"
