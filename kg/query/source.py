"""Where queries are answered: an RDF file read into rdflib, or an on-disk Oxigraph store.

:func:`open_graph` takes what a user types after ``kg query`` / ``kg serve``:

- a ``.trig``, ``.nq``, ``.ttl`` or ``.nt`` file: read into an rdflib ``Dataset(default_union=True)``,
  so the default graph is the union of all graphs and ``GRAPH ?g { }`` still reaches each article;
- an output folder of ``kg build``: its ``graph.trig`` (else ``graph.ttl``);
- a folder holding an Oxigraph store (``kg build --store DIR``): opened read-only; its default
  graph already holds the union of the named graphs (see ``store.py``), so it gives the same
  answers. A store written otherwise is queried with ``use_default_graph_as_union=True``.

Both kinds are a :class:`GraphSource`, so the CLI, the endpoint and the benchmark share one API.
"""

from __future__ import annotations

import warnings
from abc import ABC, abstractmethod
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pyoxigraph as ox
from rdflib import Dataset
from rdflib.term import Node

from kg.errors import GraphError, QueryError
from kg.query.answers import KeptAnswers
from kg.query.check import CheckedQuery, check_query
from kg.query.questions import Question
from kg.query.results import QueryResult, from_oxigraph, from_rdflib
from kg.query.store import has_union_default_graph, is_store
from kg.rdf.namespaces import PREFIXES

#: RDF files we read, by suffix, with rdflib's format name.
RDF_FORMATS = {".trig": "trig", ".nq": "nquads", ".ttl": "turtle", ".nt": "nt"}
#: The files of an output folder we look for, in order.
OUTPUT_FILES = ("graph.trig", "graph.ttl")


class GraphSource(ABC):
    """A graph that answers SPARQL queries. ``query`` checks the query first (see ``check.py``)."""

    #: "memory" (rdflib) or "store" (Oxigraph)
    kind: str

    def __init__(self, path: Path) -> None:
        self.path = path

    def query(self, text: str) -> QueryResult:
        """Answer ``text``; raises QueryError (malformed), QueryRefused (update, SERVICE, FROM)."""
        return self.run(check_query(text))

    @abstractmethod
    def run(self, query: CheckedQuery) -> QueryResult:
        """Answer a query that has already been checked."""

    def kept_answer(self, question: Question, limit: int | None, offset: int) -> QueryResult | None:
        """A page of the question's unbound answer kept with the graph (see ``answers.py``), or None:
        then it is asked."""
        return None

    def kept_entities_named(self, name: str) -> list[Node] | None:
        """The entities named so, from the names kept with the graph; None: look them up."""
        return None

    def __repr__(self) -> str:
        return f"{type(self).__name__}({str(self.path)!r})"


class MemorySource(GraphSource):
    """An RDF file read into memory with rdflib."""

    kind = "memory"

    def __init__(self, path: Path, dataset: Dataset) -> None:
        super().__init__(path)
        self.dataset = dataset

    @classmethod
    def read(cls, path: Path) -> MemorySource:
        dataset = Dataset(default_union=True)
        try:
            with _quiet_rdflib():
                dataset.parse(str(path), format=RDF_FORMATS[path.suffix.lower()])
        except Exception as e:  # rdflib's parsers raise many unrelated types
            raise GraphError(f"cannot read {path}: {' '.join(str(e).split())}") from e
        return cls(path, dataset)

    def run(self, query: CheckedQuery) -> QueryResult:
        try:
            with _quiet_rdflib():  # rows are computed lazily, while from_rdflib reads them
                return from_rdflib(self.dataset.query(query.rdflib_query()), query.form)
        except QueryError:
            raise
        except Exception as e:  # evaluation errors surface as assorted exception types
            raise QueryError(f"query failed: {' '.join(str(e).split())}") from e


class StoreSource(GraphSource):
    """An on-disk Oxigraph store, opened read-only."""

    kind = "store"

    def __init__(
        self, path: Path, store: ox.Store, union_materialised: bool, answers: KeptAnswers | None = None
    ) -> None:
        super().__init__(path)
        self.store = store
        # our stores hold the union (a set) in the default graph; Oxigraph's own union is a
        # multiset, the fallback for stores written by other tools
        self.union_materialised = union_materialised
        self.answers = answers

    @classmethod
    def open(cls, path: Path) -> StoreSource:
        try:
            store = ox.Store.read_only(str(path))
        except OSError as e:
            raise GraphError(f"cannot open the Oxigraph store {path}: {e}") from e
        union = has_union_default_graph(path)
        return cls(path, store, union, KeptAnswers.open(path) if union else None)

    def kept_answer(self, question: Question, limit: int | None, offset: int) -> QueryResult | None:
        return None if self.answers is None else self.answers.page(question, limit, offset)

    def kept_entities_named(self, name: str) -> list[Node] | None:
        return None if self.answers is None else self.answers.entities_named(name)

    def run(self, query: CheckedQuery) -> QueryResult:
        try:
            result = self.store.query(
                query.text, prefixes=PREFIXES, use_default_graph_as_union=not self.union_materialised
            )
            return from_oxigraph(result, query.form)
        except QueryError:
            raise
        except (SyntaxError, ValueError, OSError) as e:
            raise QueryError(f"query failed: {' '.join(str(e).split())}") from e


@contextmanager
def _quiet_rdflib() -> Iterator[None]:
    """rdflib 7.6's own parser and SPARQL engine call Dataset methods it has deprecated."""
    with warnings.catch_warnings():
        warnings.filterwarnings(
            "ignore", r"(Dataset\.\w+|ConjunctiveGraph) is deprecated", DeprecationWarning
        )
        yield


def resolve(path: Path) -> tuple[str, Path]:
    """``("store", folder)`` or ``("memory", rdf file)`` for what the user named, or GraphError."""
    path = Path(path)
    if path.is_dir():
        if is_store(path):
            return "store", path
        for name in OUTPUT_FILES:
            if (path / name).is_file():
                return "memory", path / name
        raise GraphError(
            f"{path} holds neither {' nor '.join(OUTPUT_FILES)} nor an Oxigraph store; "
            f"run kg build --output {path} first"
        )
    if not path.is_file():
        raise GraphError(f"no such file or folder: {path}")
    if path.suffix.lower() not in RDF_FORMATS:
        raise GraphError(f"cannot tell the RDF format of {path}: use a {', '.join(RDF_FORMATS)} file")
    return "memory", path


def open_graph(path: Path) -> GraphSource:
    """The :class:`GraphSource` for a file, an output folder or a store folder."""
    kind, target = resolve(path)
    return StoreSource.open(target) if kind == "store" else MemorySource.read(target)
