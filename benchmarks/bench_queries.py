"""The ready-made questions on a big graph: the on-disk Oxigraph store, and rdflib in memory.

    .venv/bin/python benchmarks/bench_queries.py GRAPH [--memory] [--repeat 5] [--timeout 120]

GRAPH is a ``graph.trig`` (loaded into a temporary store first, the time it takes printed) or a
store folder written by ``kg build --store DIR``. Every question is asked as ``kg query --name``
asks it (:func:`kg.query.questions.ask`: names looked up first; unbound, read from the answers
kept with the store), unbound and with each name variable bound to a name picked from the graph:
the surname of a quoted post holder, the most mentioned country, the organisation with the most
posts, the mission with the most leads. Each is timed from the question to the rows in Python,
for the page ``kg query`` shows in a table (``--page``, 100 rows: first run with cold caches, and
median of ``--repeat``) and for the whole answer (median). ``--asked`` also times the unbound
questions asked live, as a store without kept answers would.

``--memory`` also reads the TriG into rdflib and asks the same; each question runs in a forked
child that is stopped after ``--timeout`` seconds (rdflib takes hours for some unbound questions
on a million statements). Last, the export: ``Store.dump`` from disk of every graph (TriG) and of
the default graph (Turtle), and with ``--memory`` rdflib's serialisers, timed the same way.
Not run by the tests.
"""

from __future__ import annotations

import argparse
import json
import multiprocessing
import os
import shutil
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from functools import partial
from pathlib import Path
from typing import TypeVar

import pyoxigraph as ox
from rich.console import Console
from rich.table import Table

from kg.query import GraphSource, is_store, list_questions, load_store, open_graph
from kg.query.questions import Question, ask
from kg.query.source import MemorySource, StoreSource

#: name variable -> query for a name to bind it to (the first row's ?name)
NAME_QUERIES = {
    "person": """SELECT ?name WHERE {
        ?q schema:creator ?p . ?m org:member ?p . ?p a schema:Person ; rdfs:label ?name
    } ORDER BY ?name LIMIT 1""",
    "country": """SELECT ?name (COUNT(?a) AS ?n) WHERE {
        ?a schema:mentions ?c . ?c a schema:Country ; rdfs:label ?name
    } GROUP BY ?name ORDER BY DESC(?n) ?name LIMIT 1""",
    "organisation": """SELECT ?name (COUNT(?m) AS ?n) WHERE {
        ?m org:member ?p ; org:organization ?o . ?p a schema:Person . ?o rdfs:label ?name
    } GROUP BY ?name ORDER BY DESC(?n) ?name LIMIT 1""",
    "mission": """SELECT ?name (COUNT(?m) AS ?n) WHERE {
        ?m org:role <https://w3id.org/kg-news/id/role/lead-nation> ; org:organization/rdfs:label ?name
    } GROUP BY ?name ORDER BY DESC(?n) ?name LIMIT 1""",
}
#: which names each question variable is asked with
ASKED_WITH = {"org": ["organisation"], "mission_name": ["mission"], "country_name": ["country"]}
DEFAULT_NAMES = ["person", "country"]
T = TypeVar("T")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("graph", type=Path, help="a graph.trig, or a store folder (kg build --store)")
    parser.add_argument("--memory", action="store_true", help="also ask rdflib in memory (needs a .trig)")
    parser.add_argument("--repeat", type=int, default=5, help="runs per question (median kept; default 5)")
    parser.add_argument(
        "--timeout", type=float, default=120, help="seconds per rdflib question (default 120)"
    )
    parser.add_argument("--page", type=int, default=100, help="rows in a page (default 100, as kg query)")
    parser.add_argument("--asked", action="store_true", help="also ask the unbound questions live")
    parser.add_argument("--json", type=Path, help="also write the measurements to this file")
    args = parser.parse_args(argv)
    console = Console(width=max(Console().width, 130), highlight=False)
    with tempfile.TemporaryDirectory() as tmp:
        if is_store(args.graph):
            store_dir = args.graph
        else:
            store_dir = Path(tmp) / "store"
            quads, seconds = _timed(lambda: load_store(args.graph, store_dir, keep=False))
            console.print(f"loaded {quads:,} quads into a store in {seconds:.1f} s")
            shutil.rmtree(store_dir)
            quads, seconds = _timed(lambda: load_store(args.graph, store_dir))
            console.print(f"loaded them again, answers kept, in {seconds:.1f} s")
        store = open_graph(store_dir)
        names = _pick_names(store)
        console.print(f"names: {names}  (load average {os.getloadavg()[0]:.1f})")
        cases = _cases(names)
        memory = None
        if args.memory:
            memory, seconds = _timed(lambda: open_graph(args.graph))
            console.print(f"rdflib read {args.graph} in {seconds:.1f} s")
        assert isinstance(store, StoreSource)
        asked = StoreSource(store.path, store.store, store.union_materialised, answers=None)
        table = Table(
            "question",
            "bound",
            "page: first",
            "page: median",
            "whole: median",
            "rows",
            "asked live",
            "rdflib",
        )
        results = []
        for question, bindings in cases:
            label = " ".join(f"{k}={v}" for k, v in bindings.items()) or "(unbound)"
            first, median, rows = _measure(store, question, bindings, args.repeat, args.page)
            _, whole, _ = _measure(store, question, bindings, args.repeat, None)
            live = None
            if args.asked and not bindings:
                _, live, _ = _measure(asked, question, bindings, 1, args.page)
            rdflib_ms = _in_child(partial(ask, memory, question, bindings), args.timeout) if memory else None
            shown = "" if memory is None else ("> timeout" if rdflib_ms is None else f"{rdflib_ms:,.1f} ms")
            cells = [
                question.name,
                label,
                f"{first:,.1f} ms",
                f"{median:,.1f} ms",
                f"{whole:,.1f} ms",
                f"{rows:,}",
                "" if live is None else f"{live:,.1f} ms",
                shown,
            ]
            table.add_row(*cells)
            console.print("  ".join(cells))
            results.append(
                {
                    "question": question.name,
                    "bindings": bindings,
                    "page_rows": args.page,
                    "page_first_ms": first,
                    "page_median_ms": median,
                    "whole_median_ms": whole,
                    "rows": rows,
                    "asked_live_ms": live,
                    "rdflib_ms": rdflib_ms,
                }
            )
        console.print(table)
        exports = _export(store, memory, Path(tmp), args.timeout)
        for row in exports:
            console.print("  ".join(f"{k}: {v}" for k, v in row.items()))
        console.print(f"load average at the end {os.getloadavg()[0]:.1f}")
        if args.json:
            args.json.write_text(
                json.dumps({"names": names, "results": results, "export": exports}, indent=1) + "\n"
            )
    return 0


def _export(store: GraphSource, memory: GraphSource | None, tmp: Path, timeout: float) -> list[dict]:
    """``Store.dump`` from disk: TriG of every graph, Turtle of the default graph (the union of the
    articles); with ``--memory``, rdflib's TriG of what it read, in a child."""
    assert isinstance(store, StoreSource)
    union = int(str(store.query("SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }").rows[0][0]))
    rows = []
    for name, fmt, graph, count in (
        ("TriG, every graph", ox.RdfFormat.TRIG, None, len(store.store)),
        ("Turtle, the default graph", ox.RdfFormat.TURTLE, ox.DefaultGraph(), union),
    ):
        dump = partial(
            store.store.dump, str(tmp / f"dump.{fmt.file_extension}"), format=fmt, from_graph=graph
        )
        _, seconds = _timed(dump)
        rows.append(
            {
                "export": name,
                "statements": count,
                "store s": round(seconds, 2),
                "per s": round(count / seconds),
            }
        )
    if isinstance(memory, MemorySource):
        quads = sum(1 for _ in memory.dataset.quads())
        ms = _in_child(partial(memory.dataset.serialize, str(tmp / "rdflib.trig"), format="trig"), timeout)
        seconds = None if ms is None else ms / 1000
        rows.append(
            {
                "export": "TriG, rdflib",
                "statements": quads,
                "rdflib s": "> timeout" if seconds is None else round(seconds, 2),
                "per s": None if seconds is None else round(quads / seconds),
            }
        )
    return rows


def _pick_names(source: GraphSource) -> dict[str, str]:
    """A name of each kind from the graph; a person goes by the surname, as users type it."""
    names = {}
    for kind, query in NAME_QUERIES.items():
        rows = source.query(query).rows
        if rows and rows[0][0] is not None:
            name = str(rows[0][0])
            names[kind] = name.split()[-1] if kind == "person" else name
    return names


def _cases(names: dict[str, str]) -> list[tuple[Question, dict[str, str]]]:
    cases: list[tuple[Question, dict[str, str]]] = []
    for question in list_questions():
        cases.append((question, {}))
        for variable in question.lookups:
            for kind in ASKED_WITH.get(variable, DEFAULT_NAMES):
                if kind in names:
                    cases.append((question, {variable: names[kind]}))
    return cases


def _measure(
    source: GraphSource, question: Question, bindings: dict[str, str], repeat: int, limit: int | None
) -> tuple[float, float, int]:
    """First and median milliseconds of ``repeat`` asks, and the rows of the whole answer."""
    times, rows = [], 0
    for _ in range(max(1, repeat)):
        result, seconds = _timed(lambda: ask(source, question, bindings, limit))
        times.append(seconds * 1000)
        rows = len(result.rows) if result.total is None else result.total
    return times[0], statistics.median(times), rows


def _in_child(work: Callable[[], object], timeout: float) -> float | None:
    """Milliseconds ``work`` took in a forked child (which shares the graph read once); None when it
    was stopped after ``timeout`` seconds."""
    context = multiprocessing.get_context("fork")
    parent, child = context.Pipe(duplex=False)

    def run() -> None:
        _, seconds = _timed(work)
        child.send(seconds * 1000)

    process = context.Process(target=run)
    process.start()
    answered = parent.poll(timeout)
    ms = parent.recv() if answered else None
    process.kill()
    process.join()
    return ms


def _timed(work: Callable[[], T]) -> tuple[T, float]:
    start = time.perf_counter()
    value = work()
    return value, time.perf_counter() - start


if __name__ == "__main__":
    sys.exit(main())
