"""Draw ontology/kg.ttl as an SVG: the project's classes and properties and how they align.

    python tools/ontology_diagram.py                 # writes ontology/diagram.svg (needs Graphviz `dot`)
    python tools/ontology_diagram.py --dot           # prints the Graphviz source instead

Everything drawn is read from the ontology: classes with their rdfs:subClassOf, object properties
from domain to range, datatype properties from domain to their datatype, sub-property axioms as
edge notes, and named individuals with their types. A property without a domain starts at
owl:Thing. Colours tell the vocabularies apart.
"""

from __future__ import annotations

import argparse
import shutil
import subprocess
import sys
from collections.abc import Iterable
from pathlib import Path

from rdflib import Graph, URIRef
from rdflib.namespace import OWL, RDF, RDFS, XSD
from rdflib.term import Node

from kg.rdf.namespaces import KG_IRI, PREFIXES

ROOT = Path(__file__).resolve().parent.parent
ONTOLOGY = ROOT / "ontology" / "kg.ttl"
OUTPUT = ROOT / "ontology" / "diagram.svg"

#: Fill colour per vocabulary prefix; ours stands out.
COLOURS = {"kg": "#f4b183", "schema": "#fff2cc", "org": "#e2f0d9", "prov": "#fbe5d6", "nif": "#deebf7",
           "skos": "#ede7f6", "time": "#fce4ec", "owl": "#f2f2f2", "xsd": "#ffffff"}
FONT = "Helvetica"
SUBCLASS = 'arrowhead=onormal, style=solid, color="#555555"'


def to_dot(ontology_path: Path = ONTOLOGY) -> str:
    """The Graphviz source of the diagram of ``ontology_path``."""
    graph = Graph().parse(data=ontology_path.read_text(encoding="utf-8"), format="turtle")
    nodes: dict[str, str] = {}  # name -> attributes
    edges: list[str] = []

    for cls in _sorted(s for s in graph.subjects(RDF.type, OWL.Class) if _ours(s)):
        nodes[_name(cls)] = _class_style(cls)
        for parent in _sorted(graph.objects(cls, RDFS.subClassOf)):
            nodes.setdefault(_name(parent), _class_style(parent))
            edges.append(_edge(_name(cls), _name(parent), SUBCLASS))

    for kind in (OWL.ObjectProperty, OWL.DatatypeProperty):
        for prop in _sorted(s for s in graph.subjects(RDF.type, kind) if _ours(s)):
            edges.append(_property_edge(graph, prop, kind, nodes))

    for individual in _sorted(s for s in graph.subjects(RDF.type, OWL.NamedIndividual) if _ours_data(s)):
        name = _name(individual)
        nodes[name] = f'shape=box, style="rounded,dashed", fillcolor="#ffffff", label="{name}"'
        for cls in _sorted(graph.objects(individual, RDF.type)):
            if _ours(cls):
                edges.append(_edge(name, _name(cls), 'label="a", style=dashed, arrowhead=vee'))

    # axioms among the standard classes already drawn, e.g. nif:Sentence ⊑ nif:String
    for cls in _sorted(s for s in graph.subjects(RDF.type, OWL.Class) if not _ours(s) and _name(s) in nodes):
        for parent in _sorted(graph.objects(cls, RDFS.subClassOf)):
            if _name(parent) in nodes:
                edges.append(_edge(_name(cls), _name(parent), SUBCLASS + ', color="#999999"'))

    lines = [
        "digraph kg_ontology {",
        f'  graph [rankdir=BT, nodesep=0.35, ranksep=0.6, fontname="{FONT}", fontsize=11, labelloc=t, '
        'label="kg-news ontology (kg:) and its alignment; hollow arrow = rdfs:subClassOf"];',
        f'  node [shape=box, style="rounded,filled", fontname="{FONT}", fontsize=11, margin="0.12,0.05"];',
        f'  edge [fontname="{FONT}", fontsize=9, color="#1f4e79", fontcolor="#1f4e79"];',
    ]
    lines += [f'  "{name}" [{attrs}];' for name, attrs in sorted(nodes.items())]
    lines += [f"  {edge}" for edge in edges]
    lines.append("}")
    return "\n".join(lines) + "\n"


def _property_edge(graph: Graph, prop: Node, kind: URIRef, nodes: dict[str, str]) -> str:
    domain = graph.value(prop, RDFS.domain) or OWL.Thing
    default_range = OWL.Thing if kind == OWL.ObjectProperty else RDFS.Literal
    range_ = graph.value(prop, RDFS.range) or default_range
    nodes.setdefault(_name(domain), _class_style(domain))
    if kind == OWL.DatatypeProperty:
        target = f"{_name(range_)} ({_name(prop)})"  # one literal node per property keeps edges short
        nodes[target] = f'shape=plaintext, style="", label="{_name(range_)}", fontsize=10'
    else:
        target = _name(range_)
        nodes.setdefault(target, _class_style(range_))
    label = _name(prop)
    for parent in _sorted(graph.objects(prop, RDFS.subPropertyOf)):
        label += f"\\n⊑ {_name(parent)}"
    if (prop, RDF.type, OWL.FunctionalProperty) in graph:
        label += "\\n(functional)"
    style = "solid" if kind == OWL.ObjectProperty else "dotted"
    return _edge(_name(domain), target, f'label="{label}", style={style}, arrowhead=vee')


def _sorted(terms: Iterable[Node]) -> list[Node]:
    return sorted(set(terms), key=str)


def _edge(tail: str, head: str, attrs: str) -> str:
    return f'"{tail}" -> "{head}" [{attrs}];'


def _class_style(cls: Node) -> str:
    prefix = _name(cls).split(":", 1)[0]
    colour = COLOURS.get(prefix, "#ffffff")
    weight = ", penwidth=1.6" if prefix == "kg" else ""
    return f'fillcolor="{colour}"{weight}, label="{_name(cls)}"'


def _ours(term: object) -> bool:
    return isinstance(term, URIRef) and str(term).startswith(KG_IRI)


def _ours_data(term: object) -> bool:
    return isinstance(term, URIRef) and str(term).startswith(PREFIXES["kgr"])


def _name(term: Node) -> str:
    """``kg:Mission``; data IRIs as ``kgr:role/lead-nation``; XSD and RDFS by their usual prefix."""
    iri = str(term)
    known = dict(PREFIXES, xsd=str(XSD))
    matches = [p for p, ns in known.items() if iri.startswith(ns)]
    best = max(matches, key=lambda p: len(known[p]), default=None)
    return f"{best}:{iri[len(known[best]):]}" if best else iri


def render(dot: str, output: Path) -> None:
    """Write ``dot`` as SVG with Graphviz."""
    exe = shutil.which("dot")
    if exe is None:
        raise SystemExit("Graphviz `dot` not found: apt-get install graphviz, or render --dot elsewhere")
    svg = subprocess.run([exe, "-Tsvg"], input=dot.encode(), capture_output=True, check=True).stdout
    output.write_bytes(svg)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Draw ontology/kg.ttl as an SVG diagram.")
    parser.add_argument("--ontology", type=Path, default=ONTOLOGY, help="default: ontology/kg.ttl")
    parser.add_argument("--output", type=Path, default=OUTPUT, help="default: ontology/diagram.svg")
    parser.add_argument("--dot", action="store_true", help="print the Graphviz source instead of rendering")
    args = parser.parse_args(argv)
    dot = to_dot(args.ontology)
    if args.dot:
        sys.stdout.write(dot)
    else:
        render(dot, args.output)
        print(f"wrote {args.output}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
