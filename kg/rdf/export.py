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

    def write(self, quads: Iterable[ox.Quad]) -> None:
        """Write a chunk of statements: one article's graph, or the default graph."""
        chunk = list(quads)
        if not chunk:
            return
        self.count += len(chunk)
        self._emit(0, ox.serialize(chunk, format=ox.RdfFormat.TRIG, prefixes=PREFIXES) or b"")
        triples = [q.triple for q in chunk]
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
