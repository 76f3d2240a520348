"""Positions and community colours computed in Python, so the page opens already laid out.

The layout is Fruchterman-Reingold, the algorithm of ``networkx.spring_layout``, in a dense
numpy form that needs no scipy (``spring_layout`` wants it from 500 nodes on) and with a pull
towards the centre: news graphs hold many small components and unconnected entities, which
plain Fruchterman-Reingold pushes out to a distant ring. With ``GRAVITY`` near 3 the nodes
spread about evenly, as far from their neighbours as the ends of an edge are from each other,
so the picture fills the canvas. It is then stretched to the canvas's shape, scaled so that
edges and neighbours leave room for labels, and nodes whose labels would overlap are pushed
apart (as Gephi's "noverlap" does), which matters in the dense middle where facts connect.
"""

from __future__ import annotations

import math
from collections.abc import Mapping

import networkx as nx
import numpy as np

GRAVITY = 2.5
MAX_WEIGHT = 3.0  # strongly supported facts pull harder, but not without limit
EDGE_LENGTH = 130.0  # canvas units of a typical edge
SPACING = 110.0  # canvas units between a typical node and its nearest neighbour, at least
OVERLAP_LIMIT = 600
OVERLAP_GAP = 6.0  # canvas units kept between two nodes' boxes
ASPECT = 1.35  # width / height of the canvas on a laptop screen, beside the details panel

Positions = dict[str, tuple[float, float]]


def undirected(view: nx.MultiDiGraph) -> nx.Graph:
    """One weighted undirected edge per connected pair (weight: summed ``count``)."""
    simple = nx.Graph()
    simple.add_nodes_from(sorted(view))
    for u, v, count in view.edges(data="count", default=1):
        if u != v:
            weight = simple.get_edge_data(u, v, {}).get("weight", 0) + count
            simple.add_edge(u, v, weight=weight)
    return simple


def spring_positions(
    view: nx.MultiDiGraph, seed: int, boxes: Mapping[str, tuple[float, float]] | None = None
) -> Positions:
    """Node -> (x, y) in canvas units, centred on 0; deterministic for a seed.

    ``boxes`` gives each node's (width, height) with its label, in canvas units: boxes that
    would overlap are pushed apart, up to ``OVERLAP_LIMIT`` nodes (beyond, labels are too small
    to read before zooming in anyway, and the pairwise pass grows with the square of the nodes).
    """
    nodes = sorted(view)
    if len(nodes) < 2:
        return dict.fromkeys(nodes, (0.0, 0.0))
    adjacency = nx.to_numpy_array(undirected(view), nodelist=nodes, weight="weight")
    positions = fruchterman_reingold(np.minimum(adjacency, MAX_WEIGHT), seed)
    positions *= np.array([math.sqrt(ASPECT), 1 / math.sqrt(ASPECT)]) * scale_factor(positions, adjacency)
    if boxes and len(nodes) <= OVERLAP_LIMIT:
        positions = remove_overlaps(positions, np.array([boxes.get(n, (0.0, 0.0)) for n in nodes]))
    return {
        node: (round(float(x), 1), round(float(y), 1)) for node, (x, y) in zip(nodes, positions, strict=True)
    }


def fruchterman_reingold(adjacency: np.ndarray, seed: int, iterations: int | None = None) -> np.ndarray:
    """Positions (centred on 0) for a symmetric weighted adjacency matrix."""
    n = adjacency.shape[0]
    iterations = iterations or (100 if n <= 500 else 50)
    pos = np.random.default_rng(seed).random((n, 2))
    k = math.sqrt(1.0 / n)  # ideal distance between nodes
    first, second = np.nonzero(np.triu(adjacency, 1))
    weight = adjacency[first, second][:, None]
    step = 0.1
    for _ in range(iterations):
        move = repulsion(pos, k) - GRAVITY * (pos - pos.mean(axis=0))
        delta = pos[first] - pos[second]  # attraction, along the edges only: the matrix is sparse
        pull = delta * weight * np.sqrt((delta**2).sum(axis=1, keepdims=True)) / k
        np.add.at(move, first, -pull)
        np.add.at(move, second, pull)
        length = np.clip(np.sqrt((move**2).sum(axis=1)), 1e-9, None)
        pos += move * (np.minimum(length, step) / length)[:, None]
        step -= 0.1 / (iterations + 1)
    return pos - (pos.max(axis=0) + pos.min(axis=0)) / 2


def repulsion(pos: np.ndarray, k: float) -> np.ndarray:
    """Each node's push away from all others, k² / distance, summed (float32: half the memory traffic)."""
    p = pos.astype(np.float32)
    squared = (p**2).sum(axis=1)
    force = p @ p.T
    force *= -2
    force += squared[:, None]
    force += squared[None, :]
    np.maximum(force, 1e-6, out=force)
    np.divide(k * k, force, out=force)  # k² / d², times the difference vector below: k² / d along it
    np.fill_diagonal(force, 0.0)
    return (p * force.sum(axis=1)[:, None] - force @ p).astype(np.float64)


def scale_factor(positions: np.ndarray, adjacency: np.ndarray) -> float:
    """Canvas units per layout unit: typical edges ``EDGE_LENGTH`` long, neighbours ``SPACING`` apart."""
    distance = np.sqrt(((positions[:, None, :] - positions[None, :, :]) ** 2).sum(axis=-1))
    np.fill_diagonal(distance, np.inf)
    factor = SPACING / max(float(np.median(distance.min(axis=1))), 1e-9)
    if adjacency.any():
        factor = max(factor, EDGE_LENGTH / max(float(np.median(distance[adjacency > 0])), 1e-9))
    return factor


def remove_overlaps(positions: np.ndarray, boxes: np.ndarray, rounds: int = 50) -> np.ndarray:
    """Move nodes apart, each pair along the axis where less movement separates their boxes."""
    pos = positions.copy()
    n = len(pos)
    tie = np.sign(np.arange(n)[:, None] - np.arange(n)[None, :])  # who goes which way when two coincide
    reach = (boxes[:, None, :] + boxes[None, :, :]) / 2 + OVERLAP_GAP
    for _ in range(rounds):
        delta = pos[:, None, :] - pos[None, :, :]
        need = reach - np.abs(delta)  # > 0 on both axes: the boxes overlap
        overlap = (need > 0).all(axis=-1)
        np.fill_diagonal(overlap, False)
        if not overlap.any():
            break
        direction = np.where(delta == 0, tie[:, :, None], np.sign(delta))
        along_x = need[:, :, 0] <= need[:, :, 1]
        push = np.zeros_like(delta)
        push[:, :, 0] = np.where(overlap & along_x, need[:, :, 0], 0) * direction[:, :, 0]
        push[:, :, 1] = np.where(overlap & ~along_x, need[:, :, 1], 0) * direction[:, :, 1]
        pos += push.sum(axis=1) / 2 * 0.5  # half each, damped: several overlaps on one node add up
    return pos


def communities(view: nx.MultiDiGraph, seed: int) -> dict[str, int]:
    """Node -> community index (0 = largest) by Louvain modularity; singletons get -1."""
    found = nx.community.louvain_communities(undirected(view), weight="weight", seed=seed)
    ranked = sorted(found, key=lambda c: (-len(c), min(c)))
    return {node: (i if len(group) > 1 else -1) for i, group in enumerate(ranked) for node in group}
