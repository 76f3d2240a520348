"""Answers kept with the store: each ready-made question asked unbound once, when kg writes the store.

Unbound, a question lists the whole graph. On a million statements that is up to half a million
rows and 0.3-40 s of SPARQL, most of it Oxigraph's joins and grouping, not the rows themselves: no
way of writing the query brings it near an interactive answer. A store written by ``kg build
--store`` never changes afterwards (``load_store`` replaces the whole folder), so ``load_store``
asks every question unbound on the fresh store and keeps the rows, in the query's order, in
``answers.sqlite`` beside the store's own files. :func:`kg.query.questions.ask` then reads the page
it needs from there: a screenful of any listing in milliseconds, the whole of it in a fraction of
the SPARQL time.

The names of the entities are kept too, lowercased: a question asked about someone looks the name
up first (see ``questions.py``), and a scan of the kept names takes a few milliseconds where the
same scan in SPARQL takes 30-60 ms on a million statements.

A kept answer is used only for the very question it was computed from (the SHA-256 of the question
file's text): a question edited since, a store without the file or with a file in an older format
is asked live, as before. Questions asked with ``--bind`` are always asked live.

Rows are kept as JSON lists of terms, each term a small list::

    [0, iri]   [1, blank node id]   [2, text]   [3, text, language]   [4, text, datatype IRI]

(``2`` is a plain ``xsd:string`` literal; ``null`` is an unbound cell). They decode to the rdflib
terms :func:`kg.query.results.to_rdflib` makes from the live answer.
"""

from __future__ import annotations

import hashlib
import json
import sqlite3
import threading
from collections.abc import Iterable, Sequence
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pyoxigraph as ox
from rdflib import BNode, Literal, URIRef
from rdflib.term import Node

from kg.errors import GraphError
from kg.query.questions import Question
from kg.query.results import QueryResult
from kg.rdf.namespaces import PREFIXES, XSD

#: The file in the store folder (RocksDB leaves files it does not know alone).
ANSWERS = "answers.sqlite"
#: Bumped when the file's layout or the term encoding changes; other versions are ignored.
FORMAT = 1
#: Every entity's names, as kg.query.questions.entities_named matches them.
_NAMES = """
PREFIX schema: <https://schema.org/>
PREFIX rdfs:   <http://www.w3.org/2000/01/rdf-schema#>
SELECT DISTINCT ?entity (LCASE(?n) AS ?lower) WHERE {
  { ?entity rdfs:label ?n } UNION { ?entity schema:alternateName ?n }
  FILTER(isIRI(?entity))
}"""
#: Rows written per transaction while a question is read.
_BATCH = 10_000
_XSD_STRING = str(XSD.string)

_SCHEMA = """
CREATE TABLE question (
  name TEXT PRIMARY KEY,
  digest TEXT NOT NULL,      -- SHA-256 of the question's text
  variables TEXT NOT NULL,   -- JSON list of the SELECT's variables
  total INTEGER NOT NULL     -- rows in the answer
);
CREATE TABLE name (
  entity TEXT NOT NULL,      -- IRI
  lower TEXT NOT NULL        -- a label or other name of it, lowercased by SPARQL's LCASE
);
CREATE TABLE answer (
  question TEXT NOT NULL,
  n INTEGER NOT NULL,        -- 0-based position in the query's order
  row TEXT NOT NULL,         -- JSON list of encoded terms
  PRIMARY KEY (question, n)
) WITHOUT ROWID;
"""


def digest(question: Question) -> str:
    return hashlib.sha256(question.text.encode("utf-8")).hexdigest()


def keep_answers(store: ox.Store, folder: Path, questions: Sequence[Question], threads: int = 2) -> int:
    """Ask each SELECT question unbound on ``store`` (its default graph holding the union) and keep
    the rows in ``folder/answers.sqlite``; the number of rows kept.

    Oxigraph lets go of the GIL while it evaluates, so ``threads`` questions run side by side; rows
    are written as they come, so memory stays flat whatever the size of an answer.
    """
    path = Path(folder) / ANSWERS
    path.unlink(missing_ok=True)
    db = sqlite3.connect(path, check_same_thread=False, isolation_level=None)
    lock = threading.Lock()
    try:
        db.executescript("PRAGMA journal_mode = OFF; PRAGMA synchronous = OFF;" + _SCHEMA)

        def keep(question: Question) -> int:
            solutions = store.query(question.text, prefixes=PREFIXES)
            if not isinstance(solutions, ox.QuerySolutions):
                return 0  # an ASK or CONSTRUCT question is cheap to ask live
            variables = [v.value for v in solutions.variables]
            total = 0
            for batch in _batches(solutions, len(variables)):
                with lock:
                    db.executemany(
                        "INSERT INTO answer VALUES (?, ?, ?)",
                        ((question.name, total + i, row) for i, row in enumerate(batch)),
                    )
                total += len(batch)
            with lock:
                db.execute(
                    "INSERT INTO question VALUES (?, ?, ?, ?)",
                    (question.name, digest(question), json.dumps(variables), total),
                )
            return total

        with ThreadPoolExecutor(max(1, threads)) as pool:
            kept = sum(pool.map(keep, questions))
        names = store.query(_NAMES)
        assert isinstance(names, ox.QuerySolutions)
        db.executemany("INSERT INTO name VALUES (?, ?)", ((row[0].value, row[1].value) for row in names))
        db.execute(f"PRAGMA user_version = {FORMAT}")
        return kept
    except (SyntaxError, ValueError, OSError, sqlite3.Error) as e:
        raise GraphError(f"cannot keep the ready-made questions' answers in {path}: {e}") from e
    finally:
        db.close()


def _batches(solutions: ox.QuerySolutions, width: int) -> Iterable[list[str]]:
    batch: list[str] = []
    for solution in solutions:
        batch.append(json.dumps([_encode(solution[i]) for i in range(width)], ensure_ascii=False))
        if len(batch) == _BATCH:
            yield batch
            batch = []
    if batch:
        yield batch


def _encode(term: object) -> list[int | str] | None:
    if term is None:
        return None
    if isinstance(term, ox.NamedNode):
        return [0, term.value]
    if isinstance(term, ox.BlankNode):
        return [1, term.value]
    if isinstance(term, ox.Literal):
        if term.language:
            return [3, term.value, term.language]
        if term.datatype.value == _XSD_STRING:
            return [2, term.value]
        return [4, term.value, term.datatype.value]
    raise ValueError(f"cannot keep the result term {term!r} (RDF-star triple terms are not supported)")


def _decode(cell: list | None) -> Node | None:
    if cell is None:
        return None
    kind, value = cell[0], cell[1]
    if kind == 0:
        return URIRef(value)
    if kind == 1:
        return BNode(value)
    if kind == 2:
        return Literal(value)
    if kind == 3:
        return Literal(value, lang=cell[2])
    return Literal(value, datatype=URIRef(cell[2]))


class KeptAnswers:
    """The answers kept in a store folder, read-only."""

    def __init__(self, db: sqlite3.Connection) -> None:
        self.db = db

    @classmethod
    def open(cls, folder: Path) -> KeptAnswers | None:
        """The folder's kept answers; None when it has none (or only in another format)."""
        path = Path(folder) / ANSWERS
        if not path.is_file():
            return None
        try:
            db = sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True, check_same_thread=False)
            if db.execute("PRAGMA user_version").fetchone()[0] != FORMAT:
                db.close()
                return None
        except sqlite3.Error:
            return None
        return cls(db)

    def page(self, question: Question, limit: int | None = None, offset: int = 0) -> QueryResult | None:
        """Rows ``offset`` to ``offset + limit`` of the question's unbound answer (all from ``offset``
        when ``limit`` is None), with ``total`` set; None when no answer is kept for this text."""
        try:
            found = self.db.execute(
                "SELECT variables, total FROM question WHERE name = ? AND digest = ?",
                (question.name, digest(question)),
            ).fetchone()
            if found is None:
                return None
            rows = self.db.execute(
                "SELECT row FROM answer WHERE question = ? AND n >= ? ORDER BY n LIMIT ?",
                (question.name, max(0, offset), -1 if limit is None else max(0, limit)),
            ).fetchall()
        except sqlite3.Error:
            return None  # a damaged file: the question is asked live
        terms: dict[tuple, Node | None] = {}  # labels, dates and counts recur from row to row

        def term(cell: list | None) -> Node | None:
            key = () if cell is None else tuple(cell)
            if key not in terms:
                terms[key] = _decode(cell)
            return terms[key]

        decoded = [tuple(map(term, json.loads(row))) for (row,) in rows]
        variables = json.loads(found[0])
        return QueryResult("SELECT", variables=variables, rows=decoded, total=found[1], offset=max(0, offset))

    def entities_named(self, name: str) -> list[Node] | None:
        """The entities whose label or other name contains ``name``, in any case; None when the
        names cannot be read."""
        try:
            found = self.db.execute(
                "SELECT DISTINCT entity FROM name WHERE instr(lower, ?) > 0", (name.lower(),)
            ).fetchall()
        except sqlite3.Error:
            return None
        return [URIRef(entity) for (entity,) in found]

    def close(self) -> None:
        self.db.close()
