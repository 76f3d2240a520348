"""Settings of the HTML view."""

from __future__ import annotations

from dataclasses import dataclass

from kg.errors import KGError


@dataclass(frozen=True, slots=True)
class ViewConfig:
    """What ``kg view`` draws and how.

    ``max_nodes`` keeps the most connected nodes (ties: most mentioned); the legend says how
    many were left out. Co-mention edges join entities named in the same article, weighted by
    the number of such articles; only pairs sharing at least ``min_co_mentions`` articles are
    drawn, and at most ``co_mention_edges_per_node`` times the number of nodes, strongest first.
    """

    max_nodes: int = 400
    co_mentions: bool = False
    communities: bool = False  # colour by Louvain community instead of by type (shape keeps the type)
    min_co_mentions: int = 1
    co_mention_edges_per_node: int = 4
    seed: int = 42  # layout and community detection are deterministic for a given seed
    title: str | None = None  # page heading; default: the graph file's name

    def __post_init__(self) -> None:
        if self.max_nodes < 1:
            raise KGError("--max-nodes takes a whole number of at least 1")
        if self.min_co_mentions < 1 or self.co_mention_edges_per_node < 1:
            raise KGError("min_co_mentions and co_mention_edges_per_node take a whole number of at least 1")
