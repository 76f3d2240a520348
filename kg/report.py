"""What ``kg build`` reports: the :class:`BuildReport` and how the CLI prints it."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from rich.console import Console


@dataclass(slots=True)
class BuildReport:
    articles: int = 0
    entities: int = 0
    memberships: int = 0
    quotations: int = 0
    triples: int = 0
    cached: int = 0
    seconds: float = 0.0
    skipped: list[tuple[str, str]] = field(default_factory=list)  # (file, reason)
    notes: list[tuple[str, str]] = field(default_factory=list)  # (file, note) e.g. encoding fallbacks
    outputs: list[Path] = field(default_factory=list)
    violations: int | None = None  # None: not validated
    problems: list[str] = field(default_factory=list)  # steps after writing that failed


def print_build_report(report: BuildReport, console: Console) -> None:
    console.print(
        f"[bold]{report.articles}[/] articles ({report.cached} from cache), [bold]{report.entities}[/] entities, "
        f"[bold]{report.memberships}[/] posts and leads, [bold]{report.quotations}[/] quotations, "
        f"{report.triples:,} statements in {report.seconds:.1f} s"
    )
    for path in report.outputs:
        console.print(f"  wrote {path}")
    if report.violations is not None:
        verdict = (
            "conforms to the shapes"
            if not report.violations
            else f"{report.violations} shape violations (see `kg validate`)"
        )
        console.print(f"  graph {verdict}")
    for file, reason in report.skipped:
        console.print(f"  [yellow]skipped[/] {file}: {reason}")
    for file, note in report.notes:
        console.print(f"  [yellow]note[/] {file}: {note}")
    for problem in report.problems:
        console.print(f"  [red]problem[/] {problem}")
