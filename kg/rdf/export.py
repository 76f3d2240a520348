"""Stream statements to ``graph.trig`` and ``graph.ttl`` without holding the graph in memory.

Each article's statements are serialised as they come (pyoxigraph's serialiser, about thirty
times faster than rdflib's), so memory stays bounded by one article. Every chunk is written
with the same prefixes; the prefix lines are kept only once, at the top of each file.
"""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path
from types import TracebackType
from typing import BinaryIO

import pyoxigraph as ox
from rdflib import BNode, Literal, URIRef

from kg.errors import GraphError
from kg.rdf.namespaces import PREFIXES

PREFIX_LINE = b"@prefix "


class GraphWriter:
    """Writes TriG (named graphs kept) and Turtle (one graph) side by side."""

    def __init__(self, trig: Path, turtle: Path) -> None:
        self.paths = (trig, turtle)
        self._tmp = [p.with_name(p.name + ".part") for p in self.paths]
        self._files: list[BinaryIO] = []
        self._started = [False, False]
        self.count = 0
        self.terms = TermCache()

    def __enter__(self) -> GraphWriter:
        try:
            self._files = [p.open("wb") for p in self._tmp]
        except OSError as e:
            raise GraphError(f"cannot write to {self._tmp[0].parent}: {e.strerror}") from e
        return self

    def __exit__(
        self, kind: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None
    ) -> None:
        for f in self._files:
            f.close()
        if kind is None:  # only a complete graph replaces the previous one
            for tmp, final in zip(self._tmp, self.paths, strict=True):
                tmp.replace(final)
        else:
            for tmp in self._tmp:
                tmp.unlink(missing_ok=True)

    def write(self, quads: Iterable[tuple]) -> None:
        """Write a chunk of (s, p, o, graph-or-None) statements."""
        ox_quads = [self.terms.quad(q) for q in quads]
        if not ox_quads:
            return
        self.count += len(ox_quads)
        self._emit(0, ox.serialize(ox_quads, format=ox.RdfFormat.TRIG, prefixes=PREFIXES) or b"")
        triples = [q.triple for q in ox_quads]
        self._emit(1, ox.serialize(triples, format=ox.RdfFormat.TURTLE, prefixes=PREFIXES) or b"")

    def _emit(self, i: int, data: bytes) -> None:
        if self._started[i]:  # the prefixes were written once, at the top: skip the chunk's own
            start = 0
            while data.startswith(PREFIX_LINE, start):
                start = data.index(b"\n", start) + 1
            data = data[start:]
        self._started[i] = True
        self._files[i].write(data)
        self._files[i].write(b"\n")


class TermCache:
    """rdflib terms to pyoxigraph terms, IRIs made once: the same few recur in every statement."""

    def __init__(self, limit: int = 200_000) -> None:
        self.iris: dict[str, ox.NamedNode] = {}
        self.limit = limit

    def iri(self, value: str) -> ox.NamedNode:
        node = self.iris.get(value)
        if node is None:
            if len(self.iris) >= self.limit:  # bounded: a huge build must not grow it forever
                self.iris.clear()
            node = self.iris[value] = ox.NamedNode(value)
        return node

    def quad(self, q: tuple) -> ox.Quad:
        s, p, o, g = q
        subject = ox.BlankNode(str(s)) if isinstance(s, BNode) else self.iri(str(s))
        obj = self.iri(str(o)) if isinstance(o, URIRef) else to_term(o)
        graph = self.iri(str(g)) if g is not None else ox.DefaultGraph()
        return ox.Quad(subject, self.iri(str(p)), obj, graph)


def to_term(term: URIRef | Literal | BNode) -> ox.NamedNode | ox.Literal | ox.BlankNode:
    if isinstance(term, URIRef):
        return ox.NamedNode(str(term))
    if isinstance(term, Literal):
        if term.language:
            return ox.Literal(str(term), language=term.language)
        if term.datatype:
            return ox.Literal(str(term), datatype=ox.NamedNode(str(term.datatype)))
        return ox.Literal(str(term))
    return ox.BlankNode(str(term))


def to_quad(q: tuple) -> ox.Quad:
    s, p, o, g = q
    graph = ox.NamedNode(str(g)) if g is not None else ox.DefaultGraph()
    subject = ox.BlankNode(str(s)) if isinstance(s, BNode) else ox.NamedNode(str(s))
    return ox.Quad(subject, ox.NamedNode(str(p)), to_term(o), graph)
