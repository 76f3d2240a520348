"""The persistent Oxigraph store that ``kg build --store DIR`` writes and ``kg query DIR`` reads.

The store is loaded from the written ``graph.trig`` with Oxigraph's bulk loader (no Python per
triple), into a fresh folder beside the target that then replaces it: a failed load leaves the
previous store untouched, and a reader that has the old store open keeps its files until it closes.
"""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pyoxigraph as ox

from kg.errors import GraphError

_RDF_FORMATS = {".trig": ox.RdfFormat.TRIG, ".nq": ox.RdfFormat.N_QUADS, ".ttl": ox.RdfFormat.TURTLE,
                ".nt": ox.RdfFormat.N_TRIPLES}


def is_store(path: Path) -> bool:
    """Whether ``path`` is a folder holding an Oxigraph (RocksDB) store."""
    path = Path(path)
    return (path.is_dir() and (path / "CURRENT").is_file() and any(path.glob("MANIFEST-*"))
            and any(path.glob("OPTIONS-*")))


def load_store(trig_path: Path, store_dir: Path) -> int:
    """Load ``trig_path`` into an on-disk store at ``store_dir``, replacing what it held; the number
    of quads in the store.

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
        quads = _bulk_load(trig_path, fmt, fresh)
    except BaseException:
        shutil.rmtree(fresh, ignore_errors=True)
        raise
    _replace(fresh, store_dir)
    return quads


def _bulk_load(source: Path, fmt: ox.RdfFormat, folder: Path) -> int:
    store = ox.Store(str(folder))
    try:
        store.bulk_load(path=str(source), format=fmt)
        store.optimize()
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
