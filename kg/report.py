"""What ``kg build`` prints when it is done."""

from __future__ import annotations

from rich.console import Console

from kg.pipeline import BuildReport


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
