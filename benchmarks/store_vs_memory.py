"""rdflib in memory or an on-disk Oxigraph store: which answers the ready-made questions faster?

    .venv/bin/python benchmarks/store_vs_memory.py output/graph.trig [--repeat 5] [--store DIR]

For one graph it measures loading (rdflib parsing the file; Oxigraph bulk-loading it, then opening
the store as ``kg query DIR`` does), the resident memory each adds, and every question in
``queries/`` on both (median of ``--repeat`` runs, rows turned into a QueryResult as the CLI does),
checking both give the same number of rows. Parsing and checking a query (rdflib's parser, the same
for both backends) is timed apart. Not run by the tests.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from functools import partial
from pathlib import Path
from typing import TypeVar

from rich.console import Console
from rich.table import Table

from kg.query import GraphSource, check_query, list_questions, load_store
from kg.query.check import CheckedQuery
from kg.query.source import MemorySource, StoreSource

T = TypeVar("T")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("graph", type=Path, help="a graph.trig written by kg build")
    parser.add_argument("--repeat", type=int, default=5, help="runs per question (median kept; default 5)")
    parser.add_argument("--store", type=Path, help="store folder to (re)load (default: a temporary one)")
    args = parser.parse_args(argv)
    console = Console(width=max(Console().width, 120))
    with tempfile.TemporaryDirectory() as tmp:
        store_dir = args.store or Path(tmp) / "store"
        table = Table(
            "step", "parse + check", "rdflib memory", "Oxigraph store", "rows", title=str(args.graph)
        )
        add_row = _printing(table, console)
        rss0 = _rss_mib()
        memory, t = _timed(lambda: MemorySource.read(args.graph))
        rss1 = _rss_mib()
        quads, t_load = _timed(lambda: load_store(args.graph, store_dir))
        store, t_open = _timed(lambda: StoreSource.open(store_dir))
        rss2 = _rss_mib()
        add_row(
            "load",
            "",
            f"{t:.2f} s, +{rss1 - rss0:.0f} MiB",
            f"{t_load:.2f} s bulk load + {t_open * 1000:.0f} ms open, +{rss2 - rss1:.0f} MiB",
            f"{sum(1 for _ in memory.dataset.quads()):,} / {quads:,} quads",
        )
        for question in list_questions():
            check_query.cache_clear()
            checked, t_check = _timed(partial(check_query, question.text))
            mem_ms, mem_rows = _median_ms(memory, checked, args.repeat)
            ox_ms, ox_rows = _median_ms(store, checked, args.repeat)
            rows = str(mem_rows) if mem_rows == ox_rows else f"[red]{mem_rows} vs {ox_rows}[/]"
            add_row(
                f"--name {question.name}",
                f"{t_check * 1000:.0f} ms",
                f"{mem_ms:.1f} ms",
                f"{ox_ms:.1f} ms",
                rows,
            )
        console.print(table)
    return 0


def _printing(table: Table, console: Console) -> Callable[..., None]:
    """``table.add_row`` that also prints the row at once: rdflib can take minutes on big graphs."""

    def add_row(*cells: str) -> None:
        table.add_row(*cells)
        console.print("  ".join(cells), highlight=False)

    return add_row


def _median_ms(source: GraphSource, query: CheckedQuery, repeat: int) -> tuple[float, int]:
    times, rows = [], 0
    for _ in range(max(1, repeat)):
        result, seconds = _timed(lambda: source.run(query))
        times.append(seconds * 1000)
        rows = len(result)
    return statistics.median(times), rows


def _timed(work: Callable[[], T]) -> tuple[T, float]:
    start = time.perf_counter()
    value = work()
    return value, time.perf_counter() - start


def _rss_mib() -> float:
    """Current resident set size (Linux), in MiB; 0 where /proc is missing."""
    try:
        for line in Path("/proc/self/status").read_text().splitlines():
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) / 1024
    except OSError:
        pass
    return 0.0


if __name__ == "__main__":
    sys.exit(main())
