"""How fast ``kg build`` is next to bare spaCy, in one and two processes, and incrementally.

    python benchmarks/bench_build.py [--articles 1000] [--skip-parallel] [--workdir DIR]
    python benchmarks/bench_build.py --memory-only 10000 [--jobs 1]

On the same generated articles (``benchmarks/corpus.py``), in one run:

(a) bare spaCy: ``nlp.pipe`` (batch 32) over the cleaned texts, with the pipeline kg uses
    (``kg.nlp.pipeline.load_pipeline``: the model plus kg's entity ruler); the model load is
    timed apart;
(b) ``kg.pipeline.build`` in this process, cache, validation and HTML off (model already loaded
    by (a), so (b) is compared with (a) without the load);
(c) ``build`` with ``jobs=2``, as ``kg build -j 2`` runs it: the parent has no model loaded
    (``load_pipeline``'s cache is cleared first), so the workers load their own;
(c') the same with the model preloaded in the parent, which forked workers inherit: what (c)
    would cost if each worker loaded the model once;
(d) incremental: a build of N with the cache, then one article added and the build run again
    with a cold model (as a new ``kg build`` process would): time of the rebuild.

Memory: peak RSS of this process and its workers sampled from /proc every 0.1 s during each
variant (no psutil), and ``resource.getrusage`` maxrss. ``--memory-only N`` builds N articles
in a child process so that its peak RSS is its own.

Times are wall-clock and noisy on a shared machine: compare the ratios within one run.
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import shutil
import subprocess
import sys
import tempfile
import threading
import time
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

import corpus  # noqa: E402  (benchmarks/ is not a package)

MIB = 1024 * 1024


# --- memory ----------------------------------------------------------------------------------
def _rss_bytes(pid: int) -> int:
    try:
        with open(f"/proc/{pid}/status", encoding="ascii") as f:
            for line in f:
                if line.startswith("VmRSS:"):
                    return int(line.split()[1]) * 1024
    except (OSError, ValueError):
        pass
    return 0


def _descendants(pid: int) -> list[int]:
    out, todo = [], [pid]
    while todo:
        p = todo.pop()
        try:
            for task in os.listdir(f"/proc/{p}/task"):
                with open(f"/proc/{p}/task/{task}/children", encoding="ascii") as f:
                    kids = [int(k) for k in f.read().split()]
                out += kids
                todo += kids
        except OSError:
            continue
    return out


class RssSampler:
    """Peak RSS of this process, and of this process plus its descendants, sampled in a thread."""

    def __init__(self, interval: float = 0.1) -> None:
        self.interval = interval
        self.peak_self = 0
        self.peak_total = 0
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, daemon=True)

    def _run(self) -> None:
        me = os.getpid()
        while not self._stop.is_set():
            own = _rss_bytes(me)
            total = own + sum(_rss_bytes(k) for k in _descendants(me))
            self.peak_self = max(self.peak_self, own)
            self.peak_total = max(self.peak_total, total)
            self._stop.wait(self.interval)

    def __enter__(self) -> RssSampler:
        self._thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self._stop.set()
        self._thread.join()


def maxrss_mib(who: int = resource.RUSAGE_SELF) -> float:
    return resource.getrusage(who).ru_maxrss / 1024  # Linux: kilobytes


# --- results ---------------------------------------------------------------------------------
@dataclass
class Result:
    name: str
    seconds: float
    articles: int
    triples: int | None = None
    cpu: float | None = None
    load: float | None = None  # 1-minute load average (max of start and end): other work on the machine
    peak_self_mib: float | None = None
    peak_total_mib: float | None = None
    extra: dict = field(default_factory=dict)

    @property
    def rate(self) -> float:
        return self.articles / self.seconds if self.seconds else float("nan")


def _cpu() -> tuple[float, float]:
    """CPU seconds (user + system) of this process, and of its reaped children."""
    own, kids = resource.getrusage(resource.RUSAGE_SELF), resource.getrusage(resource.RUSAGE_CHILDREN)
    return own.ru_utime + own.ru_stime, kids.ru_utime + kids.ru_stime


@contextmanager
def timed():
    """Wall seconds ("s"), CPU seconds of this process ("cpu_self") and of its workers ("cpu_kids")."""
    box = {}
    start, (own, kids), load = time.perf_counter(), _cpu(), os.getloadavg()[0]
    try:
        yield box
    finally:
        box["s"] = time.perf_counter() - start
        own2, kids2 = _cpu()
        box["cpu_self"], box["cpu_kids"] = own2 - own, kids2 - kids
        box["cpu"] = box["cpu_self"] + box["cpu_kids"]
        box["load"] = max(load, os.getloadavg()[0])


class WriteTimer:
    """Times ``kg.write.write_outputs`` (resolution + graph writing) inside ``build``."""

    def __init__(self) -> None:
        import kg.write

        self.module = kg.write
        self.original = kg.write.write_outputs
        self.seconds = 0.0

    def __enter__(self) -> WriteTimer:
        def wrapper(*args, **kwargs):
            start = time.perf_counter()
            try:
                return self.original(*args, **kwargs)
            finally:
                self.seconds += time.perf_counter() - start

        self.module.write_outputs = wrapper
        return self

    def __exit__(self, *exc: object) -> None:
        self.module.write_outputs = self.original


# --- the variants ----------------------------------------------------------------------------
def cleaned_texts(files: list[Path]) -> tuple[list[str], float]:
    from kg.ingest import clean_article
    from kg.ingest.read import read_article

    with timed() as t:
        texts = [clean_article(read_article(f, 2_000_000)).text for f in files]
    return texts, t["s"]


def bare_spacy(texts: list[str], model: str | None, batch_size: int) -> tuple[Result, float]:
    from kg.nlp.pipeline import load_pipeline

    load_pipeline.cache_clear()
    with timed() as load:
        nlp = load_pipeline(model)
    with RssSampler() as mem, timed() as t:
        tokens = sum(len(doc) for doc in nlp.pipe(texts, batch_size=batch_size))
    r = Result(
        "(a) bare spaCy nlp.pipe",
        t["s"],
        len(texts),
        None,
        t["cpu"],
        t["load"],
        mem.peak_self / MIB,
        mem.peak_total / MIB,
        {"tokens": tokens, "pipes": nlp.pipe_names, "load_cpu": load["cpu"]},
    )
    return r, load["s"]


def run_build(
    name: str,
    inputs: list[Path],
    out: Path,
    *,
    jobs: int = 1,
    cache: bool = False,
    model: str | None = None,
    batch_size: int = 32,
):
    from kg.config import BuildConfig
    from kg.pipeline import build

    config = BuildConfig(
        output=out,
        model=model,
        jobs=jobs,
        batch_size=batch_size,
        cache=cache,
        validate=False,
        html=False,
        progress=False,
    )
    with RssSampler() as mem, WriteTimer() as writing, timed() as t:
        report = build(inputs, config)
    r = Result(
        name,
        t["s"],
        report.articles,
        report.triples,
        t["cpu"],
        t["load"],
        mem.peak_self / MIB,
        mem.peak_total / MIB,
        {
            "cached": report.cached,
            "write_s": writing.seconds,
            "skipped": len(report.skipped),
            "cpu_self": t["cpu_self"],
            "cpu_kids": t["cpu_kids"],
        },
    )
    return r, report


def fmt_table(results: list[Result], base: Result | None) -> str:
    lines = [
        "| variant | articles | wall s | articles/s | x bare spaCy (wall) | CPU s | x bare spaCy (CPU) "
        "| load avg | triples | peak RSS self / +workers MiB |",
        "|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|",
    ]
    for r in results:
        ratio = f"{r.seconds / base.seconds:.2f}" if base else "-"
        cpu_ratio = f"{r.cpu / base.cpu:.2f}" if base and r.cpu and base.cpu else "-"
        mem = f"{r.peak_self_mib:.0f} / {r.peak_total_mib:.0f}" if r.peak_self_mib is not None else "-"
        lines.append(
            f"| {r.name} | {r.articles} | {r.seconds:.1f} | {r.rate:.2f} | {ratio} | {r.cpu:.1f} | "
            f"{cpu_ratio} | {r.load:.1f} | {r.triples if r.triples is not None else '-'} | {mem} |"
        )
    return "\n".join(lines)


def main_benchmark(args: argparse.Namespace) -> int:
    from kg.nlp.pipeline import load_pipeline

    work = Path(args.workdir or tempfile.mkdtemp(prefix="kg-bench-"))
    src = work / "corpus"
    extra_dir = work / "extra"
    if src.exists():
        shutil.rmtree(src)
    with timed() as gen:
        files = corpus.write_corpus(args.articles, src, args.seed)
        [extra] = corpus.write_corpus(1, extra_dir, args.seed, start=args.articles)
    words = sum(len(f.read_text(encoding="utf-8").split()) for f in files)
    print(
        f"corpus: {len(files)} articles, {words:,} words ({words / len(files):.0f} per article), "
        f"generated in {gen['s']:.1f} s in {src}",
        flush=True,
    )

    results: list[Result] = []
    texts, clean_s = cleaned_texts(files)
    cleaned_words = sum(len(t.split()) for t in texts)
    print(
        f"cleaning: {clean_s:.2f} s ({len(texts) / clean_s:.0f} articles/s), {cleaned_words:,} words kept",
        flush=True,
    )

    a, load_s = bare_spacy(texts, args.model, args.batch_size)
    results.append(a)
    print(
        f"(a) model load {load_s:.1f} s; nlp.pipe {a.seconds:.1f} s = {a.rate:.2f} articles/s, "
        f"{cleaned_words / a.seconds:,.0f} words/s; pipes {a.extra['pipes']}",
        flush=True,
    )

    b, _ = run_build(
        "(b) build, 1 process, no cache", [src], work / "out_b", model=args.model, batch_size=args.batch_size
    )
    results.append(b)
    print(
        f"(b) {b.seconds:.1f} s = {b.rate:.2f} articles/s; resolve+write {b.extra['write_s']:.1f} s; "
        f"{b.triples:,} triples",
        flush=True,
    )

    if not args.skip_parallel:
        load_pipeline.cache_clear()  # as the CLI: the parent never loads the model when jobs > 1
        c, _ = run_build(
            f"(c) build, jobs={args.jobs}, no cache",
            [src],
            work / "out_c",
            jobs=args.jobs,
            model=args.model,
            batch_size=args.batch_size,
        )
        c.extra["children_maxrss_mib"] = maxrss_mib(resource.RUSAGE_CHILDREN)
        results.append(c)
        print(
            f"(c) {c.seconds:.1f} s = {c.rate:.2f} articles/s; resolve+write {c.extra['write_s']:.1f} s",
            flush=True,
        )
        load_pipeline(args.model)  # now preloaded: forked workers inherit it
        c2, _ = run_build(
            f"(c') build, jobs={args.jobs}, model preloaded in parent",
            [src],
            work / "out_c2",
            jobs=args.jobs,
            model=args.model,
            batch_size=args.batch_size,
        )
        results.append(c2)
        print(f"(c') {c2.seconds:.1f} s = {c2.rate:.2f} articles/s", flush=True)

    out_d = work / "out_d"
    shutil.rmtree(out_d, ignore_errors=True)
    load_pipeline(args.model)
    full, _ = run_build(
        "(d0) build, 1 process, cache being filled",
        [src],
        out_d,
        cache=True,
        model=args.model,
        batch_size=args.batch_size,
    )
    results.append(full)
    load_pipeline.cache_clear()  # a new `kg build` process loads the model for the one new article
    inc, inc_report = run_build(
        "(d) rebuild after adding 1 article (cold model)",
        [src, extra],
        out_d,
        cache=True,
        model=args.model,
        batch_size=args.batch_size,
    )
    inc.extra["fresh"] = inc_report.articles - inc_report.cached
    results.append(inc)
    print(
        f"(d) full with cache {full.seconds:.1f} s; rebuild {inc.seconds:.1f} s (cached {inc_report.cached}, "
        f"fresh {inc.extra['fresh']}, resolve+write {inc.extra['write_s']:.1f} s)",
        flush=True,
    )

    print()
    print(
        f"{len(files)} articles, {words / len(files):.0f} words each on average, batch {args.batch_size}, "
        f"python {sys.version.split()[0]}, {os.cpu_count()} CPUs"
    )
    print(fmt_table(results, a))
    print()
    print("ratios (targets in brackets); wall clock, then CPU seconds (steadier when the machine is shared):")
    print(
        f"  build / bare spaCy, 1 process       {b.seconds / a.seconds:.2f}  "
        f"CPU {b.cpu / a.cpu:.2f}   [<= 1.3]"
    )
    if not args.skip_parallel:
        for r in (c, c2):
            # on an idle machine the workers run side by side: parent CPU + workers' CPU / jobs
            ideal = r.extra["cpu_self"] + r.extra["cpu_kids"] / args.jobs
            r.extra["idle_estimate_s"] = ideal
            print(
                f"  {r.name[:4]} / bare spaCy 1 process      {r.seconds / a.seconds:.2f}  "
                f"idle-machine estimate {ideal / a.cpu:.2f} (parent {r.extra['cpu_self']:.0f} + workers "
                f"{r.extra['cpu_kids']:.0f} CPU-s / {args.jobs})   [< 1.0]"
            )
    print(
        f"  incremental / full (no cache)       {inc.seconds / b.seconds:.3f} "
        f"CPU {inc.cpu / b.cpu:.3f}  [< 0.10]"
    )
    print(
        f"  incremental / full (filling cache)  {inc.seconds / full.seconds:.3f} CPU {inc.cpu / full.cpu:.3f}"
    )
    print(f"  model load (kg pipeline)            {load_s:.1f} s, {a.extra['load_cpu']:.1f} CPU-s")
    print(
        f"  peak RSS this process (maxrss)      {maxrss_mib():.0f} MiB; "
        f"workers' max {maxrss_mib(resource.RUSAGE_CHILDREN):.0f} MiB"
    )
    if args.json:
        Path(args.json).write_text(
            json.dumps(
                {
                    "articles": len(files),
                    "words": words,
                    "clean_s": clean_s,
                    "load_s": load_s,
                    "results": [{**r.__dict__, "rate": r.rate} for r in results],
                },
                indent=2,
                default=str,
            )
        )
    if not args.workdir:
        shutil.rmtree(work, ignore_errors=True)
    return 0


# --- memory of a large build -----------------------------------------------------------------
def child_build(args: argparse.Namespace) -> int:
    """Runs in the child process of --memory-only: one build, its numbers as JSON on stdout."""
    src, out = Path(args.child[0]), Path(args.child[1])
    r, report = run_build(
        "memory",
        [src],
        out,
        jobs=args.jobs,
        cache=not args.no_cache,
        model=args.model,
        batch_size=args.batch_size,
    )
    print(
        json.dumps(
            {
                "seconds": r.seconds,
                "cpu": r.cpu,
                "articles": r.articles,
                "triples": r.triples,
                "peak_self_mib": r.peak_self_mib,
                "peak_total_mib": r.peak_total_mib,
                "maxrss_mib": maxrss_mib(),
                "children_maxrss_mib": maxrss_mib(resource.RUSAGE_CHILDREN),
                "write_s": r.extra["write_s"],
                "skipped": len(report.skipped),
            }
        )
    )
    return 0


def memory_only(args: argparse.Namespace) -> int:
    n = args.memory_only
    work = Path(args.workdir or tempfile.mkdtemp(prefix="kg-bench-mem-"))
    src, out = work / f"corpus{n}", work / f"out{n}"
    if not (src.is_dir() and len(list(src.glob("*.txt"))) == n):
        shutil.rmtree(src, ignore_errors=True)
        corpus.write_corpus(n, src, args.seed)
    shutil.rmtree(out, ignore_errors=True)
    cmd = (
        [
            sys.executable,
            __file__,
            "--child",
            str(src),
            str(out),
            "--jobs",
            str(args.jobs),
            "--batch-size",
            str(args.batch_size),
        ]
        + (["--model", args.model] if args.model else [])
        + (["--no-cache"] if args.no_cache else [])
    )
    print(f"building {n} articles in a child process (jobs={args.jobs}): {' '.join(cmd)}", flush=True)
    proc = subprocess.run(cmd, capture_output=True, text=True, check=False)
    if proc.returncode:
        print(proc.stderr, file=sys.stderr)
        return proc.returncode
    data = json.loads(proc.stdout.strip().splitlines()[-1])
    data["child_maxrss_mib_from_parent"] = maxrss_mib(resource.RUSAGE_CHILDREN)
    print(json.dumps(data, indent=2))
    print(
        f"{n} articles: {data['seconds']:.0f} s ({data['articles'] / data['seconds']:.2f} articles/s), "
        f"{data['triples']:,} triples; peak RSS {data['maxrss_mib']:.0f} MiB (maxrss), sampled "
        f"{data['peak_self_mib']:.0f} MiB self / {data['peak_total_mib']:.0f} MiB with workers "
        "[target < 2048 MiB]"
    )
    if args.json:
        Path(args.json).write_text(json.dumps(data, indent=2))
    if not args.workdir:
        shutil.rmtree(work, ignore_errors=True)
    return 0


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    p.add_argument("--articles", type=int, default=1000)
    p.add_argument("--skip-parallel", action="store_true", help="skip the jobs=2 variants")
    p.add_argument(
        "--memory-only", type=int, metavar="N", help="only measure the peak memory of an N-article build"
    )
    p.add_argument(
        "--jobs", type=int, default=2, help="processes for the parallel variant (--memory-only: default 1)"
    )
    p.add_argument("--batch-size", type=int, default=32)
    p.add_argument("--model", help="spaCy pipeline (default: kg's default)")
    p.add_argument("--seed", type=int, default=0)
    p.add_argument("--no-cache", action="store_true", help="--memory-only: build without the cache")
    p.add_argument("--workdir", help="keep corpus and outputs here (default: a temporary folder, removed)")
    p.add_argument("--json", help="also write the numbers to this JSON file")
    p.add_argument("--child", nargs=2, help=argparse.SUPPRESS)
    args = p.parse_args(argv)
    if args.child:
        return child_build(args)
    if args.memory_only:
        if "--jobs" not in (argv if argv is not None else sys.argv):
            args.jobs = 1
        return memory_only(args)
    return main_benchmark(args)


if __name__ == "__main__":
    sys.exit(main())
