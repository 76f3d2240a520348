"""networkx -> one self-contained HTML page: vis-network inline, data as escaped JSON.

pyvis's own template is not used: it loads Bootstrap from a CDN, writes its heading unescaped
and switches tooltips to ``innerHTML`` when a title contains "href". The page reuses the
vis-network build pyvis ships and carries everything else itself; a Content-Security-Policy
allows only its own two scripts (by hash) and ``data:`` images, so nothing is fetched and
injected markup could not run even if it got through.
"""

from __future__ import annotations

import base64
import hashlib
import json
import math
import re
from functools import cache
from importlib import resources

import networkx as nx

from kg.view import assets
from kg.view.config import ViewConfig
from kg.view.layout import communities, spring_positions

#: kind -> (legend label, colour, vis-network shape); colours from the Okabe-Ito palette.
NODE_STYLES = {
    "person": ("Person", "#0072B2", "dot"),
    "organization": ("Organisation", "#E69F00", "square"),
    "mission": ("Mission", "#CC4C02", "diamond"),
    "place": ("Place", "#009E73", "triangle"),
    "article": ("Article quoting", "#8C959F", "hexagon"),
}
#: edge kind -> (legend label, colour, dashed)
EDGE_STYLES = {
    "post": ("post (role)", "#57606A", False),
    "lead": ("lead nation", "#CC4C02", False),
    "quote": ("quoted in", "#7B61A8", True),
    "co-mention": ("named together", "#B6BEC8", False),
}
COMMUNITY_COLOURS = (
    "#4E79A7",
    "#F28E2B",
    "#59A14F",
    "#E15759",
    "#B07AA1",
    "#76B7B2",
    "#EDC948",
    "#FF9DA7",
    "#9C755F",
    "#2F4B7C",
    "#A05195",
    "#665191",
)
LONE_COLOUR = "#BAC2CB"  # nodes in no community of two or more
MAX_LABEL = 34  # characters drawn on the canvas; the panel shows the whole label
MAX_LISTED_MENTIONS = 50  # articles listed per node in the panel
EDGE_LABEL_LIMIT = 600  # above this many edges, labels go to tooltips only
LARGE_GRAPH = 500  # nodes from which edges hide while dragging and zooming
NODE_FONT = 24  # canvas units; at the zoom that fits a 50-node graph on a 1280x800 screen, 12-13 px
CHAR_WIDTH = 0.52 * NODE_FONT  # average width of a label character
LINE_HEIGHT = 1.3 * NODE_FONT
VIS_ASSETS = "templates/lib/vis-9.1.2"


def render_html(view: nx.MultiDiGraph, config: ViewConfig | None = None) -> str:
    """The page for a projected graph (see :func:`kg.view.project`)."""
    config = config or ViewConfig()
    payload = build_payload(view, config)
    return assemble(script_json(payload))


# --- the page -------------------------------------------------------------------------------


@cache
def vis_assets() -> tuple[str, str]:
    """vis-network's script and style sheet, as pyvis ships them."""
    folder = resources.files("pyvis") / VIS_ASSETS
    return (folder / "vis-network.min.js").read_text("utf-8"), (folder / "vis-network.css").read_text("utf-8")


def script_json(payload: dict) -> str:
    """JSON safe inside ``<script>``: no ``<``, ``>`` or ``&`` survive, nor JS line breaks."""
    text = json.dumps(payload, ensure_ascii=False, separators=(",", ":"))
    for char, escape in (
        ("<", "\\u003c"),
        (">", "\\u003e"),
        ("&", "\\u0026"),
        ("\u2028", "\\u2028"),
        ("\u2029", "\\u2029"),
    ):
        text = text.replace(char, escape)
    return text


def _hash(script: str) -> str:
    return (
        "'sha256-" + base64.b64encode(hashlib.sha256(script.encode("utf-8")).digest()).decode("ascii") + "'"
    )


def content_security_policy(*scripts: str) -> str:
    return (
        "default-src 'none'; script-src "
        + " ".join(_hash(s) for s in scripts)
        + "; style-src 'unsafe-inline'; img-src data:; base-uri 'none'; form-action 'none'"
    )


def assemble(data_json: str) -> str:
    """Fill the template in one pass, so that inserted text is never searched for placeholders."""
    vis_js, vis_css = vis_assets()
    parts = {
        "CSP": content_security_policy(vis_js, assets.PAGE_JS),
        "VIS_CSS": vis_css,
        "PAGE_CSS": assets.PAGE_CSS,
        "DATA": data_json,
        "VIS_JS": vis_js,
        "PAGE_JS": assets.PAGE_JS,
    }
    return re.sub(r"@@([A-Z_]+)@@", lambda m: parts[m.group(1)], assets.PAGE)


# --- the data -------------------------------------------------------------------------------


class ArticleIds:
    """Short ids (a0, a1, ...) for the articles the page refers to, with their descriptions."""

    def __init__(self, described: dict[str, dict]) -> None:
        self.described = described
        self.ids: dict[str, str] = {}

    def __call__(self, iri: str) -> str | None:
        if not iri:
            return None
        return self.ids.setdefault(iri, f"a{len(self.ids)}")

    def sort_key(self, iri: str) -> tuple:
        about = self.described.get(iri, {})
        return about.get("date") or "", about.get("headline") or "", iri

    def table(self) -> dict[str, dict]:
        return {
            aid: {
                "iri": iri,
                **dict.fromkeys(("headline", "date", "publisher", "identifier")),
                **self.described.get(iri, {}),
            }
            for iri, aid in self.ids.items()
        }


def build_payload(view: nx.MultiDiGraph, config: ViewConfig) -> dict:
    order = sorted(
        view, key=lambda n: (list(NODE_STYLES).index(view.nodes[n]["kind"]), view.nodes[n]["label"], n)
    )
    ids = {node: f"n{i}" for i, node in enumerate(order)}
    articles = ArticleIds(view.graph.get("articles", {}))
    colours, groups = node_colours(view, config)
    positions = spring_positions(view, config.seed, {n: label_box(view.nodes[n]) for n in view})
    edge_rows = sorted(view.edges(keys=True, data=True), key=lambda e: (ids[e[0]], ids[e[1]], e[2]))
    edge_ids = {(u, v, k): f"e{i}" for i, (u, v, k, _) in enumerate(edge_rows)}
    edges, edge_details = draw_edges(view, edge_rows, ids, edge_ids, articles)
    nodes = [vis_node(view, n, ids[n], positions[n], colours[n]) for n in order]
    node_details = {ids[n]: describe_node(view, n, ids, edge_ids, articles) for n in order}
    return {
        "meta": page_meta(view, config, len(edges), len(view.graph.get("articles", {})), groups),
        "legend": legend(view),
        "options": vis_options(view, config),
        "nodes": nodes,
        "edges": edges,
        "details": {"nodes": node_details, "edges": edge_details},
        "articles": articles.table(),
    }


def node_colours(view: nx.MultiDiGraph, config: ViewConfig) -> tuple[dict[str, str], int]:
    """Node -> colour (by type, or by community), and the number of communities found."""
    if not config.communities or view.number_of_nodes() == 0:
        return {n: NODE_STYLES[d["kind"]][1] for n, d in view.nodes(data=True)}, 0
    found = communities(view, config.seed)
    colours = {
        n: COMMUNITY_COLOURS[c] if 0 <= c < len(COMMUNITY_COLOURS) else LONE_COLOUR for n, c in found.items()
    }
    return colours, len({c for c in found.values() if c >= 0})


def shade(colour: str, factor: float = 0.72) -> str:
    """A darker variant of a ``#rrggbb`` colour, for borders."""
    channels = (int(colour[i : i + 2], 16) for i in (1, 3, 5))
    return "#" + "".join(f"{round(c * factor):02x}" for c in channels)


def short(text: str, limit: int = MAX_LABEL) -> str:
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


def plural(n: int, word: str) -> str:
    return f"{n} {word}" + ("" if n == 1 else "s")


def node_size(data: dict) -> float:
    """Radius by the number of articles mentioning the entity."""
    if data["kind"] == "article":
        return 9.0
    return round(min(42.0, 9.0 + 5.0 * math.sqrt(len(data["mentions"]))), 1)


def label_box(data: dict) -> tuple[float, float]:
    """A node's (width, height) with its label below it, in canvas units."""
    size = node_size(data)
    return max(2 * size, CHAR_WIDTH * len(short(data["label"]))), 2 * size + LINE_HEIGHT


def vis_node(view: nx.MultiDiGraph, node: str, node_id: str, xy: tuple[float, float], colour: str) -> dict:
    data = view.nodes[node]
    kind_label, _, shape = NODE_STYLES[data["kind"]]
    about = (
        f"mentioned in {plural(len(data['mentions']), 'article')}"
        if data["kind"] != "article"
        else plural(len(data["quotes"]), "quotation")
    )
    border = shade(colour)
    return {
        "id": node_id,
        "label": short(data["label"]),
        "shape": shape,
        "size": node_size(data),
        "x": xy[0],
        "y": xy[1],
        "title": f"{data['label']}\n{kind_label} · {about}\nclick for sources",
        "color": {
            "background": colour,
            "border": border,
            "highlight": {"background": colour, "border": "#1F2328"},
            "hover": {"background": colour, "border": "#1F2328"},
        },
    }


def edge_text(data: dict) -> str:
    """What an edge says, e.g. "lead nation #2, from 2020-12-01" or "Secretary General ×2"."""
    text = data["label"]
    if data["kind"] == "lead":
        text += f" #{data['lead_order']}" if data.get("lead_order") else ""
        text += f", from {data['begin']}" if data.get("begin") else ""
        text += f", until {data['end']}" if data.get("end") else ""
    if data["count"] > 1 and data["kind"] != "co-mention":
        text += f" ×{data['count']}"
    return text


def draw_edges(view, rows, ids, edge_ids, articles) -> tuple[list[dict], dict[str, dict]]:
    """vis-network edges and the panel's description of each."""
    parallel: dict[frozenset, int] = {}
    with_labels = len(rows) <= EDGE_LABEL_LIMIT
    edges, described = [], {}
    for u, v, key, data in rows:
        edge_id, text = edge_ids[(u, v, key)], edge_text(data)
        nth = parallel[frozenset((u, v))] = parallel.get(frozenset((u, v)), -1) + 1
        edges.append(vis_edge(edge_id, ids[u], ids[v], data, text if with_labels else "", nth))
        edges[-1]["title"] = (
            f"{view.nodes[u]['label']} — {text or 'named together'} — {view.nodes[v]['label']}"
        )
        described[edge_id] = describe_edge(data, ids[u], ids[v], text, articles)
    return edges, described


def vis_edge(edge_id: str, source: str, target: str, data: dict, label: str, nth: int) -> dict:
    _, colour, dashed = EDGE_STYLES[data["kind"]]
    comention = data["kind"] == "co-mention"
    width = 0.6 + 0.5 * min(data["count"], 6) if comention else 1.4 + 0.8 * min(data["count"] - 1, 5)
    return {
        "id": edge_id,
        "from": source,
        "to": target,
        "label": label,
        "width": round(width, 1),
        "color": {"color": colour, "highlight": "#1F2328", "hover": "#1F2328"},
        "dashes": dashed,
        "arrows": {"to": {"enabled": not comention, "scaleFactor": 0.6}},
        # parallel edges between one pair bend apart; the first stays straight
        "smooth": {"enabled": True, "type": "curvedCW", "roundness": 0.2 * nth}
        if nth
        else {"enabled": False},
    }


def describe_edge(data: dict, source: str, target: str, text: str, articles: ArticleIds) -> dict:
    supports = sorted(data["supports"], key=lambda s: articles.sort_key(s["article"]))
    return {
        "kind": data["kind"],
        "from": source,
        "to": target,
        "text": text or data["label"] or "named together",
        "count": data["count"],
        "role": data.get("role"),
        "leadOrder": data.get("lead_order"),
        "begin": data.get("begin"),
        "end": data.get("end"),
        "timeExpression": data.get("time_expression"),
        "supports": [
            {"article": articles(s["article"]), "evidence": s["evidence"], "quotes": s["quotes"]}
            for s in supports
        ],
    }


def same_as_links(iris: list[str]) -> list[dict]:
    """owl:sameAs targets as panel links; Wikidata entities point at their human-readable page."""
    links = []
    for iri in iris:
        match = re.fullmatch(r"https?://www\.wikidata\.org/entity/(Q\d+)", iri)
        if match:
            links.append(
                {"label": f"Wikidata {match[1]}", "url": f"https://www.wikidata.org/wiki/{match[1]}"}
            )
        else:
            links.append({"label": iri, "url": iri})
    return links


def describe_node(view, node: str, ids: dict, edge_ids: dict, articles: ArticleIds) -> dict:
    data = view.nodes[node]
    listed = sorted(data["mentions"], key=articles.sort_key, reverse=True)[:MAX_LISTED_MENTIONS]
    touching = {
        (list(EDGE_STYLES).index(view.edges[e]["kind"]), int(edge_ids[e][1:]), edge_ids[e])
        for e in (*view.out_edges(node, keys=True), *view.in_edges(node, keys=True))
    }
    return {
        "label": data["label"],
        "kind": data["kind"],
        "iri": data["iri"],
        "aliases": data["aliases"],
        "entityKind": data.get("entity_kind"),
        "sameAs": same_as_links(data["same_as"]),
        "article": articles(node) if data["kind"] == "article" else None,
        "quotes": data["quotes"],
        "edges": [e for *_, e in sorted(touching)],
        "mentionCount": len(data["mentions"]),
        "mentions": [
            {"article": articles(a), "snippet": data["snippets"].get(a, ""), "evidence": [], "quotes": []}
            for a in listed
        ],
    }


def page_meta(
    view: nx.MultiDiGraph, config: ViewConfig, edge_count: int, article_count: int, groups: int
) -> dict:
    shown, left_out = view.number_of_nodes(), view.graph.get("left_out", 0)
    notes = [f"Showing {shown} of {view.graph.get('total_nodes', shown)} nodes"]
    if left_out:
        notes.append(f"{left_out} less connected nodes left out (max nodes: {view.graph.get('max_nodes')})")
    if view.graph.get("co_mentions_left_out"):
        notes.append(f"{view.graph['co_mentions_left_out']} weaker co-mention edges left out")
    if config.communities:
        notes.append(f"{groups} communities (Louvain); grey: no community")
    notes.append("Node size: articles mentioning it")
    return {
        "title": config.title or "Knowledge graph",
        "shown": shown,
        "total": view.graph.get("total_nodes", shown),
        "leftOut": left_out,
        "edges": edge_count,
        "articles": article_count,
        "communities": groups,
        "notes": notes,
    }


def legend(view: nx.MultiDiGraph) -> dict:
    node_counts: dict[str, int] = {}
    for _, kind in view.nodes(data="kind"):
        node_counts[kind] = node_counts.get(kind, 0) + 1
    edge_counts: dict[str, int] = {}
    for _, _, kind in view.edges(data="kind"):
        edge_counts[kind] = edge_counts.get(kind, 0) + 1
    return {
        "kinds": {k: {"label": label, "color": colour} for k, (label, colour, _) in NODE_STYLES.items()},
        "nodes": [
            {"kind": k, "label": label, "color": colour, "shape": shape, "count": node_counts[k]}
            for k, (label, colour, shape) in NODE_STYLES.items()
            if k in node_counts
        ],
        "edges": [
            {"kind": k, "label": label, "color": colour, "dashes": dashed, "count": edge_counts[k]}
            for k, (label, colour, dashed) in EDGE_STYLES.items()
            if k in edge_counts
        ],
    }


def vis_options(view: nx.MultiDiGraph, config: ViewConfig) -> dict:
    large = view.number_of_nodes() >= LARGE_GRAPH
    font = "system-ui, -apple-system, Segoe UI, Roboto, Helvetica, Arial, sans-serif"
    return {
        "autoResize": True,
        "physics": {"enabled": False},  # positions come from Python
        "layout": {"improvedLayout": False, "randomSeed": config.seed},
        "interaction": {
            "hover": True,
            "tooltipDelay": 150,
            "hideEdgesOnDrag": large,
            "hideEdgesOnZoom": large,
            "keyboard": {"enabled": True, "bindToWindow": False},
        },
        "nodes": {
            "borderWidth": 1.5,
            "borderWidthSelected": 3,
            "font": {
                "size": NODE_FONT,
                "face": font,
                "color": "#1F2328",
                "strokeWidth": 4,
                "strokeColor": "#FFFFFF",
            },
        },
        "edges": {
            "selectionWidth": 2,
            "hoverWidth": 1,
            "font": {
                "size": 15,
                "face": font,
                "color": "#424A53",
                "align": "horizontal",
                "strokeWidth": 4,
                "strokeColor": "#FFFFFF",
            },
        },
    }
