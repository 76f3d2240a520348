"""Read a graph written by ``kg build`` into an rdflib Dataset whose default graph is the union."""

from __future__ import annotations

from pathlib import Path

from rdflib import Dataset, Graph

from kg.errors import GraphError

#: Suffix -> rdflib parser name.
FORMATS = {".trig": "trig", ".ttl": "turtle", ".nq": "nquads", ".nt": "nt"}
#: What an output folder is searched for, in this order.
FOLDER_FILES = ("graph.trig", "graph.nq", "graph.ttl")


def resolve_graph_path(path: Path | str) -> Path:
    """The graph file ``path`` names: the file itself, or the graph inside an output folder."""
    path = Path(path)
    if path.is_dir():
        for name in FOLDER_FILES:
            if (path / name).is_file():
                return path / name
        raise GraphError(
            f"{path} holds no {', '.join(FOLDER_FILES)}: run `kg build --output {path}` first, "
            "or pass the graph file itself"
        )
    if not path.exists():
        raise GraphError(
            f"{path} does not exist: pass a .trig, .ttl or .nq file, or a kg build output folder"
        )
    if path.suffix.lower() not in FORMATS:
        raise GraphError(f"{path}: cannot tell the RDF format from the name; use .trig, .ttl, .nq or .nt")
    return path


def load_graph(path: Path | str) -> Dataset:
    """Parse a .trig/.ttl/.nq file, or an output folder's graph, into a union-default Dataset."""
    file = resolve_graph_path(path)
    dataset = Dataset(default_union=True)
    try:
        dataset.parse(file, format=FORMATS[file.suffix.lower()])
    except OSError as e:
        raise GraphError(f"cannot read {file}: {e.strerror or e}") from e
    except Exception as e:  # rdflib's parsers raise SyntaxError, ValueError and their own classes
        first_line = str(e).strip().splitlines()[0] if str(e).strip() else type(e).__name__
        raise GraphError(f"{file} is not valid {FORMATS[file.suffix.lower()]}: {first_line}") from e
    return dataset


def union_view(graph: Graph) -> Graph:
    """A read view of ``graph`` in which the default graph is the union of all named graphs.

    A Dataset built without ``default_union`` (as a writer builds it) is wrapped, not changed:
    the view shares the store.
    """
    if isinstance(graph, Dataset) and not graph.default_union:
        return Dataset(store=graph.store, default_union=True)
    return graph
