"""End-to-end export speed: what ``kg build`` pays to write its graph, per statement.

    python benchmarks/bench_write.py BUILD_DIR [--repeat 3] [--out DIR] [--profile]

BUILD_DIR is the output folder of a ``kg build`` run with the cache on: its ``.cache`` holds
every article's extraction. They are read back (not timed) and the corpus is resolved (timed on
its own); then ``kg.write.write_outputs`` runs on that resolved corpus: lead order, statement
building and both files, TriG and Turtle, exactly as ``kg build`` writes them (validation, HTML
and the store off). Only ``write_outputs`` is called, so the script runs against any version of
``kg``: put an older checkout first on ``sys.path`` to compare before and after on the same
extractions. ``--profile`` adds one run under cProfile, functions ordered by own time.
"""

from __future__ import annotations

import argparse
import cProfile
import json
import os
import pstats
import shutil
import sys
import tempfile
import time
from pathlib import Path

import kg
import kg.write
from kg.config import BuildConfig
from kg.extract.resolve import resolve_corpus
from kg.model import Extraction
from kg.report import BuildReport


def load_extractions(build_dir: Path) -> list[Extraction]:
    """Every cached extraction of a build, in the order of their article identifiers."""
    cache = build_dir / ".cache"
    extractions = [
        Extraction.from_json(json.loads(p.read_text(encoding="utf-8"))) for p in sorted(cache.glob("*.json"))
    ]
    if not extractions:
        raise SystemExit(f"no cached extractions in {cache}: build with the cache on first")
    return sorted(extractions, key=lambda ex: ex.article.identifier)


def write_once(extractions: list[Extraction], out: Path) -> BuildReport:
    config = BuildConfig(output=out, validate=False, html=False, progress=False)
    report = BuildReport()
    kg.write.write_outputs(extractions, config, report)
    return report


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    p.add_argument("build_dir", type=Path)
    p.add_argument("--repeat", type=int, default=3, help="best of this many runs (default 3)")
    p.add_argument("--out", type=Path, help="keep the written graph here (default: a temporary folder)")
    p.add_argument("--profile", action="store_true", help="one more run under cProfile")
    args = p.parse_args(argv)
    out = args.out or Path(tempfile.mkdtemp(prefix="kg-write-"))
    out.mkdir(parents=True, exist_ok=True)

    t = time.perf_counter()
    extractions = load_extractions(args.build_dir)
    print(f"kg from {Path(kg.__file__).parent}", flush=True)
    print(f"read {len(extractions):,} cached extractions in {time.perf_counter() - t:.1f} s", flush=True)
    w, c = time.perf_counter(), time.process_time()
    corpus = resolve_corpus(extractions)
    print(
        f"resolve_corpus: {time.perf_counter() - w:.2f} s wall, {time.process_time() - c:.2f} s CPU "
        f"({len(corpus.entities):,} entities; not in the rates below)",
        flush=True,
    )
    kg.write.resolve_corpus = lambda _extractions: corpus  # type: ignore[attr-defined]

    best_wall = best_cpu = float("inf")
    triples = 0
    for i in range(args.repeat):
        load = os.getloadavg()[0]
        w, c = time.perf_counter(), time.process_time()
        triples = write_once(extractions, out).triples
        wall, cpu = time.perf_counter() - w, time.process_time() - c
        best_wall, best_cpu = min(best_wall, wall), min(best_cpu, cpu)
        print(
            f"run {i + 1}: {triples:,} triples, {wall:.2f} s wall = {triples / wall:,.0f} triples/s, "
            f"{cpu:.2f} s CPU = {triples / cpu:,.0f} per CPU-s (load average {load:.1f})",
            flush=True,
        )
    sizes = ", ".join(f"{f} {(out / f).stat().st_size / 2**20:.0f} MiB" for f in ("graph.trig", "graph.ttl"))
    print(
        f"\nwrite_outputs (statements + TriG + Turtle), best of {args.repeat}: {triples:,} triples, "
        f"{triples / best_wall:,.0f} triples/s wall, {triples / best_cpu:,.0f} per CPU-s ({sizes}); "
        f"target > 200,000 triples/s",
        flush=True,
    )

    if args.profile:
        profile = cProfile.Profile()
        profile.runcall(write_once, extractions, out)
        pstats.Stats(profile, stream=sys.stdout).sort_stats("tottime").print_stats(25)
    if not args.out:
        shutil.rmtree(out, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
