"""The persistent Oxigraph store that ``kg build --store DIR`` writes and ``kg query DIR`` reads.

The store holds the TriG as it is (the default graph and one named graph per article) **plus the
union of the named graphs copied into the default graph**, and a ``kg-store.json`` marker saying
so. Queries then use the store's default graph as it is, and get what rdflib's
``Dataset(default_union=True)`` gives: the union as a *set*.

Why not ``use_default_graph_as_union=True``: Oxigraph's union default graph is a multiset, one
match per graph holding the triple. A fact stated by n articles has its core triples in n graphs,
so a pattern joining its k triples yields n^k rows before any DISTINCT: with 40 articles stating a
lead nation, the mission-leads question did not finish in minutes. Stores without the marker (not
written by :func:`load_store`) are still queried with the union default graph.

Last, every ready-made question is asked unbound and its rows kept beside the store (see
``answers.py``): listings of the whole graph then answer in milliseconds.

Loading uses Oxigraph's bulk loader, into a fresh folder beside the target that then replaces it:
a failed load leaves the previous store untouched, and a reader that has the old store open keeps
its files until it closes.
"""

from __future__ import annotations

import json
import os
import shutil
from pathlib import Path

import pyoxigraph as ox

from kg.errors import GraphError
from kg.query.answers import keep_answers
from kg.query.questions import list_questions

_RDF_FORMATS = {
    ".trig": ox.RdfFormat.TRIG,
    ".nq": ox.RdfFormat.N_QUADS,
    ".ttl": ox.RdfFormat.TURTLE,
    ".nt": ox.RdfFormat.N_TRIPLES,
}
#: Written into the store folder (RocksDB leaves files it does not know alone).
MARKER = "kg-store.json"


def is_store(path: Path) -> bool:
    """Whether ``path`` is a folder holding an Oxigraph (RocksDB) store."""
    path = Path(path)
    return (
        path.is_dir()
        and (path / "CURRENT").is_file()
        and any(path.glob("MANIFEST-*"))
        and any(path.glob("OPTIONS-*"))
    )


def has_union_default_graph(store_dir: Path) -> bool:
    """Whether the store's default graph already holds the union of its named graphs."""
    try:
        marker = json.loads((Path(store_dir) / MARKER).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return False
    return isinstance(marker, dict) and marker.get("default_graph") == "union"


def load_store(trig_path: Path, store_dir: Path, keep: bool = True) -> int:
    """Load ``trig_path`` into an on-disk store at ``store_dir``, replacing what it held; the number
    of quads the store holds (the union copied into the default graph included). ``keep``: also keep
    the ready-made questions' unbound answers.

    Refuses to replace a non-empty folder that is not a store, so ``--store output`` cannot wipe
    an output folder.
    """
    trig_path, store_dir = Path(trig_path), Path(store_dir)
    fmt = _RDF_FORMATS.get(trig_path.suffix.lower())
    if fmt is None or not trig_path.is_file():
        raise GraphError(f"cannot load {trig_path} into a store: give a .trig, .nq, .ttl or .nt file")
    occupied = store_dir.exists() and (not store_dir.is_dir() or any(store_dir.iterdir()))
    if occupied and not is_store(store_dir):
        raise GraphError(f"{store_dir} exists and is not an Oxigraph store; choose an empty or new folder")
    store_dir.parent.mkdir(parents=True, exist_ok=True)
    fresh = store_dir.with_name(f".{store_dir.name}.loading-{os.getpid()}")
    shutil.rmtree(fresh, ignore_errors=True)
    try:
        quads = _bulk_load(trig_path, fmt, fresh, keep)
        (fresh / MARKER).write_text(
            json.dumps({"default_graph": "union", "source": trig_path.name, "quads": quads}, indent=1) + "\n",
            encoding="utf-8",
        )
    except BaseException:
        shutil.rmtree(fresh, ignore_errors=True)
        raise
    _replace(fresh, store_dir)
    return quads


def _bulk_load(source: Path, fmt: ox.RdfFormat, folder: Path, keep: bool) -> int:
    store = ox.Store(str(folder))
    try:
        store.bulk_load(path=str(source), format=fmt)
        # a second pass copies every named graph's triples into the default graph (a set: repeats
        # collapse); the parser streams, so memory stays flat
        store.bulk_extend(
            ox.Quad(q.subject, q.predicate, q.object)
            for q in ox.parse(path=str(source), format=fmt)
            if not isinstance(q.graph_name, ox.DefaultGraph)
        )
        store.optimize()
        if keep:
            keep_answers(store, folder, list_questions())
        return len(store)
    except (SyntaxError, ValueError, OSError) as e:
        raise GraphError(f"cannot load {source} into a store: {e}") from e
    finally:
        del store  # closes the RocksDB instance before the folder is moved


def _replace(fresh: Path, target: Path) -> None:
    if not target.exists():
        fresh.rename(target)
        return
    old = target.with_name(f".{target.name}.old-{os.getpid()}")
    shutil.rmtree(old, ignore_errors=True)
    target.rename(old)
    fresh.rename(target)
    shutil.rmtree(old, ignore_errors=True)
