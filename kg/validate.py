"""Check a graph against the SHACL shapes in ``ontology/shapes.ttl``.

The shapes see the union of all named graphs, without inference, because that is what a SPARQL
user of ``graph.ttl`` sees. Validation runs on a copy: the caller's graph or dataset is never
changed (pyshacl adds nothing without inference, but a copy makes that a guarantee rather than
a property of the current pyshacl).
"""

from __future__ import annotations

import warnings
from collections import defaultdict
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

from rdflib import BNode, Dataset, Graph, Literal, URIRef
from rdflib.namespace import SH
from rdflib.term import Node
from rich.console import Console
from rich.markup import escape

from kg.config import ONTOLOGY_DIR
from kg.errors import GraphError
from kg.rdf.namespaces import NIF, PREFIXES

DEFAULT_SHAPES = ONTOLOGY_DIR / "shapes.ttl"
#: The SHACL-SPARQL offset rule of shapes.ttl, which kg runs natively (see ``offset_violations``).
OFFSETS_RULE = URIRef("https://w3id.org/kg-news/shapes#Span-offsets")

#: File suffix -> rdflib parser.
FORMATS = {".trig": "trig", ".ttl": "turtle", ".nq": "nquads", ".nt": "nt"}

#: How many focus nodes ``print_validation`` lists under each message.
SHOWN_PER_MESSAGE = 5
#: How many distinct messages ``print_validation`` lists before summarising the rest.
SHOWN_MESSAGES = 20


@dataclass(frozen=True, slots=True)
class Violation:
    """One SHACL validation result, reduced to what a reader needs."""

    focus: Node  # the node that broke the rule
    path: Node | None  # the property concerned, when the rule is about one
    message: str
    severity: str  # "Violation", "Warning" or "Info"
    shape: Node | None  # the shape whose rule was broken (kgsh:Article-headline)
    value: Node | None = None  # the offending value, when there is one
    component: str = ""  # the SHACL constraint component, e.g. "MinCountConstraintComponent"


@dataclass(frozen=True, slots=True)
class ValidationResult:
    """The outcome of checking one graph: ``conforms`` is False if any violation was found."""

    conforms: bool
    violations: list[Violation] = field(default_factory=list)
    graph_size: int = 0  # triples in the union that was checked


def validate_graph(data: Graph | Dataset, shapes_path: Path | str | None = None) -> ValidationResult:
    """Validate the union of ``data``'s graphs against the shapes; ``data`` is left untouched."""
    from pyshacl import validate  # imported here: pyshacl takes a second to import

    union = union_copy(data)
    shapes = _load_shapes(Path(shapes_path) if shapes_path else DEFAULT_SHAPES)
    conforms, report, _ = validate(
        union,
        shacl_graph=shapes,
        inference="none",
        advanced=True,
        inplace=True,
        allow_infos=True,
        allow_warnings=True,
    )
    violations = list(_violations(report))
    if (OFFSETS_RULE, SH.deactivated, Literal(True)) in shapes:
        violations += offset_violations(union, shapes)
        conforms = conforms and not any(v.severity == "Violation" for v in violations)
    return ValidationResult(
        conforms=bool(conforms), violations=sorted(violations, key=_sort_key), graph_size=len(union)
    )


def validate_file(path: Path | str, shapes: Path | str | None = None) -> ValidationResult:
    """Validate a ``.trig``/``.ttl``/``.nq``/``.nt`` file, or the graph in an output folder."""
    return validate_graph(load_graph(Path(path)), shapes)


def union_copy(data: Graph | Dataset) -> Graph:
    """A new plain Graph holding every triple of ``data``, whichever graph it sits in."""
    union = Graph()
    for prefix, iri in PREFIXES.items():
        union.bind(prefix, iri)
    if isinstance(data, Dataset):  # Dataset.triples() would read the default graph only
        for s, p, o, _ in data.quads((None, None, None, None)):
            union.add((s, p, o))
    else:
        for triple in data:
            union.add(triple)
    return union


def offset_violations(graph: Graph, shapes: Graph | None = None) -> list[Violation]:
    """The NIF spans whose ``nif:anchorOf`` is not their context's text between their offsets.

    The rule ``kgsh:Span-offsets`` of shapes.ttl, run in one pass instead of one SPARQL query per
    span. Spans whose offsets are not integers, negative or reversed are left to the shapes that
    say so. Offsets count code points, as Python's ``str`` does.
    """
    shapes = shapes if shapes is not None else _load_shapes(DEFAULT_SHAPES)
    message = str(shapes.value(OFFSETS_RULE, SH.message) or "nif:anchorOf differs from the text")
    shape = shapes.value(predicate=SH.sparql, object=OFFSETS_RULE) or OFFSETS_RULE
    texts = {context: str(text) for context, text in graph.subject_objects(NIF.isString)}
    found = []
    for span, context in graph.subject_objects(NIF.referenceContext):
        text = texts.get(context)
        if text is None:
            continue
        for begin, end, anchor in _offsets(graph, span):
            if text[begin:end] != str(anchor):
                found.append(
                    Violation(
                        span, NIF.anchorOf, message, "Violation", shape, anchor, "SPARQLConstraintComponent"
                    )
                )
    return found


def _offsets(graph: Graph, span: Node) -> Iterator[tuple[int, int, Node]]:
    for b in graph.objects(span, NIF.beginIndex):
        for e in graph.objects(span, NIF.endIndex):
            begin, end = _integer(b), _integer(e)
            if begin is None or end is None or not 0 <= begin <= end:
                continue
            for anchor in graph.objects(span, NIF.anchorOf):
                yield begin, end, anchor


def _integer(node: Node) -> int | None:
    if not isinstance(node, Literal):
        return None
    value = node.toPython()
    return value if isinstance(value, int) and not isinstance(value, bool) else None


def load_graph(path: Path | str) -> Dataset:
    """Read a graph file, or the ``graph.trig`` (else ``graph.ttl``) of an output folder."""
    source = _graph_file(Path(path))
    fmt = FORMATS.get(source.suffix.lower())
    if fmt is None:
        raise GraphError(f"{source}: unknown RDF format; use a .trig, .ttl, .nq or .nt file")
    dataset = Dataset()
    try:
        with quiet_dataset_deprecations():
            dataset.parse(data=_read(source), format=fmt, publicID=source.resolve().as_uri())
    except GraphError:
        raise
    except Exception as e:  # rdflib's parsers raise BadSyntax, ParseError, ValueError, IndexError...
        raise GraphError(f"{source} is not valid {fmt}: {_first_line(e)}") from e
    return dataset


@contextmanager
def quiet_dataset_deprecations() -> Iterator[None]:
    """Silence rdflib 7.6's warnings about its own use of its deprecated Dataset API.

    ``Dataset.parse``, ``.serialize`` and ``.add`` of a triple touch ``Dataset.default_context``,
    ``Dataset.contexts`` or a ``ConjunctiveGraph`` inside rdflib (RDFLib/rdflib#3475): nothing the
    caller can change, but an error under ``-W error``.
    """
    with warnings.catch_warnings():
        warnings.filterwarnings(
            "ignore", r"(Dataset\.\w+|ConjunctiveGraph) is deprecated", category=DeprecationWarning
        )
        yield


def print_validation(result: ValidationResult, console: Console) -> None:
    """Print the violations grouped by message, then a one-line summary."""
    groups: dict[tuple[str, str], list[Violation]] = defaultdict(list)
    for v in result.violations:
        groups[(v.severity, v.message)].append(v)
    for (severity, message), items in list(groups.items())[:SHOWN_MESSAGES]:
        colour = "red" if severity == "Violation" else "yellow"
        console.print(
            f"[bold {colour}]{escape(message)}[/] [dim]({len(items)} × {severity.lower()})[/]", soft_wrap=True
        )
        for v in items[:SHOWN_PER_MESSAGE]:
            console.print(f"  {escape(_describe(v))}", soft_wrap=True, highlight=False)
        if len(items) > SHOWN_PER_MESSAGE:
            console.print(f"  [dim]… and {len(items) - SHOWN_PER_MESSAGE} more[/]")
    if len(groups) > SHOWN_MESSAGES:
        console.print(f"[dim]… and {len(groups) - SHOWN_MESSAGES} more kinds of problem[/]")
    console.print(summary(result))


def summary(result: ValidationResult) -> str:
    """One line: ``conforms`` or ``N violations``, with the size of what was checked."""
    size = f"{result.graph_size:,} triples checked"
    errors = sum(v.severity == "Violation" for v in result.violations)
    others = len(result.violations) - errors
    note = f", {others} warning{'s' * (others != 1)}" if others else ""
    if result.conforms:
        return f"conforms ({size}{note})"
    return f"{errors} violation{'s' * (errors != 1)}{note} ({size})"


def shorten(node: Node | None) -> str:
    """A node as a reader would write it: ``kgr:person/jim-mattis``, ``"text"``, ``_:b0``."""
    if node is None:
        return "-"
    if isinstance(node, Literal):
        text = str(node)
        return repr(text if len(text) <= 60 else text[:57] + "...")
    if isinstance(node, BNode):
        return f"_:{node}"
    iri = str(node)
    best = max((ns for ns in PREFIXES.values() if iri.startswith(ns)), key=len, default=None)
    if best is None:
        return f"<{iri}>"
    prefix = next(p for p, ns in PREFIXES.items() if ns == best)
    return f"{prefix}:{iri[len(best) :]}"


def _describe(v: Violation) -> str:
    parts = [shorten(v.focus)]
    if v.path is not None:
        parts.append(shorten(v.path) if isinstance(v.path, URIRef) else "(complex path)")
    if v.value is not None and v.value != v.focus:
        parts.append(f"value {shorten(v.value)}")
    return "  ".join(parts)


def _violations(report: Graph) -> Iterable[Violation]:
    for result in set(report.objects(None, SH.result)):  # top-level results, not sh:detail
        messages = sorted(str(m) for m in report.objects(result, SH.resultMessage))
        severity = report.value(result, SH.resultSeverity)
        component = report.value(result, SH.sourceConstraintComponent)
        focus = report.value(result, SH.focusNode)
        yield Violation(
            focus=focus if focus is not None else result,  # SHACL requires a focus node: never None
            path=report.value(result, SH.resultPath),
            message=messages[0] if messages else "does not conform",
            severity=_local(severity) if severity else "Violation",
            shape=report.value(result, SH.sourceShape),
            value=report.value(result, SH.value),
            component=_local(component) if component else "",
        )


def _load_shapes(path: Path) -> Graph:
    if not path.is_file():
        raise GraphError(f"shapes file {path} not found; pass --shapes FILE or restore ontology/shapes.ttl")
    try:
        return Graph().parse(data=_read(path), format="turtle", publicID=path.resolve().as_uri())
    except GraphError:
        raise
    except Exception as e:  # as above: rdflib's Turtle parser raises more than BadSyntax
        raise GraphError(f"shapes file {path} is not valid Turtle: {_first_line(e)}") from e


def _graph_file(path: Path) -> Path:
    if path.is_dir():
        for name in ("graph.trig", "graph.ttl"):
            if (path / name).is_file():
                return path / name
        raise GraphError(f"{path} holds no graph.trig or graph.ttl; run kg build --output {path} first")
    if not path.exists():
        raise GraphError(f"{path} not found; pass a .trig, .ttl or .nq file or an output folder of kg build")
    return path


def _read(path: Path) -> str:
    # rdflib.Graph.parse(path) leaves the file open (a ResourceWarning): read it ourselves.
    try:
        return path.read_text(encoding="utf-8")
    except UnicodeDecodeError as e:
        raise GraphError(f"{path} is not UTF-8 text: {e.reason} at byte {e.start}") from e
    except OSError as e:
        raise GraphError(f"cannot read {path}: {e.strerror or e}") from e


def _sort_key(v: Violation) -> tuple[str, str, str, str]:
    return (v.severity, v.message, str(v.focus), str(v.path))


def _local(iri: Node) -> str:
    text = str(iri)
    return text.rsplit("#", 1)[-1].rsplit("/", 1)[-1]


def _first_line(error: Exception) -> str:
    text = str(error).strip()
    return text.splitlines()[0] if text else type(error).__name__


__all__ = [
    "DEFAULT_SHAPES",
    "OFFSETS_RULE",
    "ValidationResult",
    "Violation",
    "load_graph",
    "offset_violations",
    "print_validation",
    "quiet_dataset_deprecations",
    "shorten",
    "summary",
    "union_copy",
    "validate_file",
    "validate_graph",
]
