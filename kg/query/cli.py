"""``kg query``: answer one SPARQL query (typed, from a file, or ready-made) and print the result."""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import IO

from rich.console import Console
from rich.table import Table
from rich.text import Text

from kg.config import TABLE_ROWS
from kg.errors import QueryError
from kg.query.formats import write, write_table
from kg.query.questions import ask, bind, bind_question, get_question, list_questions, parse_bindings
from kg.query.results import QueryResult, page
from kg.query.source import open_graph


def run_query_command(args: argparse.Namespace, stdout: IO[str]) -> int:
    """Run ``kg query`` with parsed options, writing the answer to ``stdout``; 0 on success."""
    if args.list:
        print_questions(stdout)
        return 0
    if args.graph is None:
        raise QueryError("kg query needs a GRAPH: a .trig/.ttl/.nq file, an output folder or a store folder")
    bindings = parse_bindings(args.bind)
    text = query_text(args.query, args.file, args.name, bindings)  # checks what was given first
    source = open_graph(args.graph)
    limit = rows_to_show(args.limit, args.format)
    if args.name:  # looks its names up first, or reads the answer kept with a store: fast on big graphs
        result = ask(source, get_question(args.name), bindings, limit, args.offset)
    else:
        result = page(source.query(text), limit, args.offset)
    print_result(result, args.format, stdout)
    return 0


def rows_to_show(limit: int | None, fmt: str) -> int | None:
    """``--limit``: a screenful in a table unless told otherwise, all rows in the other formats;
    0 means all (None)."""
    if limit is None:
        limit = TABLE_ROWS if fmt == "table" else 0
    return limit or None


def query_text(query: str | None, file: Path | None, name: str | None, bindings: dict[str, str]) -> str:
    """The query to run: exactly one of the text, a file or a question name, with ``bindings`` set."""
    given = [x is not None for x in (query, file, name)]
    if sum(given) != 1:
        raise QueryError(
            "give exactly one of: the query text, -f/--file FILE or -n/--name NAME "
            "(see kg query GRAPH --list)"
        )
    if name is not None:
        return bind_question(get_question(name), bindings)
    if file is not None:
        try:
            query = Path(file).read_text(encoding="utf-8")
        except (OSError, UnicodeDecodeError) as e:
            raise QueryError(f"cannot read the query file {file}: {e}") from e
    text = query or ""
    return bind(text, bindings) if bindings else text


def print_result(result: QueryResult, fmt: str, out: IO[str]) -> None:
    """SELECT/ASK in ``fmt`` (table, csv, tsv, json); CONSTRUCT/DESCRIBE always as Turtle."""
    if result.graph is not None:
        out.write(write(result, "turtle"))
    elif fmt == "table":
        write_table(result, out)
    else:
        out.write(write(result, fmt))


def print_questions(out: IO[str]) -> None:
    table = Table("name", "what it answers", "--bind", box=None, show_edge=False, pad_edge=False)
    for q in list_questions():
        table.add_row(Text(q.name), Text(q.summary), Text(" ".join(f"?{v}" for v in q.variables)))
    Console(file=out, highlight=False, width=None if out.isatty() else 200).print(table)
