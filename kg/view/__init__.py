"""RDF -> networkx -> one self-contained, offline HTML page.

    >>> from kg.view import ViewConfig, write_view
    >>> write_view("output/graph.trig", None, ViewConfig(max_nodes=200))   # doctest: +SKIP
    PosixPath('output/graph.html')

``load_graph`` reads a file, ``project`` turns the RDF into the graph to draw (SPARQL and triple
patterns only), ``render_html`` draws it; ``write_view`` and ``write_view_from_dataset`` chain them.
"""

from __future__ import annotations

import dataclasses
from pathlib import Path

from rdflib import Graph

from kg.errors import GraphError
from kg.view.config import ViewConfig
from kg.view.load import load_graph, resolve_graph_path
from kg.view.page import render_html
from kg.view.project import project

__all__ = ["ViewConfig", "load_graph", "project", "render_html", "write_view", "write_view_from_dataset"]


def write_view(
    graph_path: Path | str, output: Path | str | None = None, config: ViewConfig | None = None
) -> Path:
    """Draw a .trig/.ttl/.nq file (or an output folder's graph); default output: graph.html beside it."""
    config = config or ViewConfig()
    file = resolve_graph_path(graph_path)
    if config.title is None:
        config = dataclasses.replace(config, title=file.name)
    target = Path(output) if output is not None else file.with_name("graph.html")
    return write_view_from_dataset(load_graph(file), target, config)


def write_view_from_dataset(
    dataset: Graph, output_path: Path | str, config: ViewConfig | None = None
) -> Path:
    """Draw a Dataset (or Graph) already in memory, e.g. the one a build just wrote."""
    config = config or ViewConfig()
    page = render_html(project(dataset, config), config)
    output_path = Path(output_path)
    try:
        output_path.parent.mkdir(parents=True, exist_ok=True)
        output_path.write_text(page, encoding="utf-8")
    except OSError as e:
        raise GraphError(f"cannot write {output_path}: {e.strerror or e}") from e
    return output_path
