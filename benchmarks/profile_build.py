"""Where ``kg build`` spends its time beyond spaCy.

    python benchmarks/profile_build.py [--articles 200] [--pstats build.pstats] [--top 25]

Two runs of one single-process build (cache, validation and HTML off) over generated articles
(``benchmarks/corpus.py``), with the model loaded beforehand:

1. stage timings without a profiler: each stage's function is wrapped with a timer, so the
   numbers are undistorted CPU seconds of the process (cleaning, spaCy, the extractors one by one,
   entity resolution, statement building and serialisation);
2. the same build under cProfile: own time grouped by package, then the top functions by own
   time and by cumulative time. cProfile makes pure-Python code look slower than C code
   (each Python call pays the profiler's hook), so read it for where, the stage table for
   how much.
"""

from __future__ import annotations

import argparse
import cProfile
import io
import pstats
import shutil
import sys
import tempfile
import time
from collections import defaultdict
from collections.abc import Callable
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

import corpus  # noqa: E402

#: CPU seconds of this process: steadier than wall-clock time on a shared machine (the build is one process).
CLOCK = time.process_time


class Stages:
    """Wraps named module attributes with timers; ``restore`` puts the originals back."""

    def __init__(self) -> None:
        self.seconds: dict[str, float] = defaultdict(float)
        self.calls: dict[str, int] = defaultdict(int)
        self._patched: list[tuple[object, str, object]] = []

    def wrap(self, owner: object, attr: str, label: str, consume: bool = False) -> None:
        original = getattr(owner, attr)

        def timed(*args, **kwargs):
            start = CLOCK()
            try:
                return original(*args, **kwargs)
            finally:
                self.seconds[label] += CLOCK() - start
                self.calls[label] += 1

        self._patched.append((owner, attr, original))
        setattr(owner, attr, timed)

    def wrap_method_materialising(self, cls: type, attr: str, label: str) -> None:
        """``cls.attr(self, iterable)``: time turning the iterable (a generator) into a list apart."""
        original: Callable = getattr(cls, attr)
        stages = self

        def timed(self, items, *args, **kwargs):
            start = CLOCK()
            items = list(items)
            stages.seconds[label] += CLOCK() - start
            return original(self, items, *args, **kwargs)

        self._patched.append((cls, attr, original))
        setattr(cls, attr, timed)

    def restore(self) -> None:
        for owner, attr, original in reversed(self._patched):
            setattr(owner, attr, original)
        self._patched.clear()


def build_once(src: Path, out: Path, model: str | None):
    from kg.config import BuildConfig
    from kg.pipeline import build

    shutil.rmtree(out, ignore_errors=True)
    config = BuildConfig(output=out, model=model, cache=False, validate=False, html=False, progress=False)
    start = CLOCK()
    report = build([src], config)
    return report, CLOCK() - start


def stage_run(
    src: Path, out: Path, model: str | None
) -> tuple[dict[str, float], dict[str, int], float, object]:
    import pyoxigraph

    import kg.extract
    import kg.extract.entities
    import kg.extract.facts
    import kg.pipeline
    import kg.rdf.export
    import kg.write

    st = Stages()
    st.wrap(kg.pipeline, "process_articles", "process_articles (clean + spaCy + extract)")
    st.wrap(kg.pipeline, "clean_article", "  clean_article")
    st.wrap(kg.extract, "extract", "  extract (all extractors)")
    st.wrap(kg.extract, "extract_entities", "    extract_entities")
    st.wrap(kg.extract, "FactContext", "    FactContext()")
    st.wrap(kg.extract, "extract_posts", "    extract_posts")
    st.wrap(kg.extract, "extract_leads", "    extract_leads")
    st.wrap(kg.extract, "extract_quotations", "    extract_quotations")
    st.wrap(kg.write, "write_outputs", "write_outputs (resolve + statements + serialise)")
    st.wrap(kg.write, "resolve_corpus", "  resolve_corpus")
    st.wrap_method_materialising(
        kg.rdf.export.GraphWriter, "write", "  statement building (StatementBuilder)"
    )
    st.wrap(pyoxigraph, "serialize", "  pyoxigraph.serialize (TriG + Turtle)")
    try:
        report, total = build_once(src, out, model)
    finally:
        st.restore()
    return dict(st.seconds), dict(st.calls), total, report


def _doc_text_line() -> int:
    """The line cProfile names spaCy's ``Doc.text`` property by (its ``@property`` line in doc.pyx)."""
    import spacy

    lines = (Path(spacy.__file__).parent / "tokens" / "doc.pyx").read_text(encoding="utf-8").splitlines()
    return next((i for i, line in enumerate(lines) if line.strip() == "def text(self):"), 0)  # 1-based - 1


def package_of(filename: str) -> str:
    if filename.startswith("~") or filename.startswith("<"):
        return "builtins / C"
    parts = Path(filename).parts
    for marker in ("site-packages", "dist-packages"):
        if marker in parts:
            return parts[parts.index(marker) + 1].split(".")[0]
    if "kg" in parts:
        i = len(parts) - 1 - parts[::-1].index("kg")
        return "kg." + ".".join(p.removesuffix(".py") for p in parts[i + 1 : i + 2])
    return "stdlib" if "python3" in filename else filename


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    p.add_argument("--articles", type=int, default=200)
    p.add_argument("--model")
    p.add_argument("--seed", type=int, default=0)
    p.add_argument("--top", type=int, default=25)
    p.add_argument("--pstats", help="write the cProfile data here (open with python -m pstats or snakeviz)")
    p.add_argument("--workdir")
    p.add_argument("--no-cprofile", action="store_true")
    args = p.parse_args(argv)

    from kg.nlp.pipeline import load_pipeline

    work = Path(args.workdir or tempfile.mkdtemp(prefix="kg-prof-"))
    src = work / "corpus"
    shutil.rmtree(src, ignore_errors=True)
    corpus.write_corpus(args.articles, src, args.seed)
    t = CLOCK()
    nlp = load_pipeline(args.model)
    print(f"model load {CLOCK() - t:.1f} CPU-s; pipes {nlp.pipe_names}")

    # bare spaCy on the same texts, for scale
    from kg.ingest import clean_article
    from kg.ingest.read import read_article

    texts = [clean_article(read_article(f, 2_000_000)).text for f in sorted(src.glob("*.txt"))]
    t = CLOCK()
    for _ in nlp.pipe(texts, batch_size=32):
        pass
    bare = CLOCK() - t
    ruler_off = CLOCK()
    with nlp.select_pipes(disable=["kg_entity_ruler"]):
        for _ in nlp.pipe(texts, batch_size=32):
            pass
    ruler_off = CLOCK() - ruler_off
    print(
        f"bare nlp.pipe: {bare:.1f} s ({args.articles / bare:.2f} articles/s); "
        f"without kg's entity ruler {ruler_off:.1f} s"
    )

    seconds, calls, total, report = stage_run(src, work / "out", args.model)
    nlp_s = (
        seconds["process_articles (clean + spaCy + extract)"]
        - seconds["  clean_article"]
        - seconds["  extract (all extractors)"]
    )
    print(
        f"\nbuild: {total:.1f} s for {report.articles} articles, {report.triples:,} triples "
        f"(bare spaCy {bare:.1f} s: build/bare = {total / bare:.2f})"
    )
    print("\n| stage | seconds | % of build | calls |\n|---|---:|---:|---:|")
    rows = list(seconds.items())
    rows.insert(2, ("  spaCy nlp.pipe (process_articles - clean - extract)", nlp_s))
    for label, s in rows:
        print(
            f"| {label.replace('  ', '&nbsp;&nbsp;')} | {s:.2f} | {100 * s / total:.1f} "
            f"| {calls.get(label, '')} |"
        )
    other = (
        total
        - seconds["process_articles (clean + spaCy + extract)"]
        - seconds["write_outputs (resolve + statements + serialise)"]
    )
    print(f"| rest (reading files, batching, bookkeeping) | {other:.2f} | {100 * other / total:.1f} | |")

    if args.no_cprofile:
        return 0
    prof = cProfile.Profile()
    prof.enable()
    _, prof_total = build_once(src, work / "out", args.model)
    prof.disable()
    if args.pstats:
        prof.dump_stats(args.pstats)
    stats = pstats.Stats(prof)
    by_pkg: dict[str, float] = defaultdict(float)
    for (filename, _line, _fn), (_cc, _nc, tt, _ct, _callers) in stats.stats.items():  # type: ignore[attr-defined]
        by_pkg[package_of(filename)] += tt
    whole = sum(by_pkg.values())
    print(f"\ncProfile: build {prof_total:.1f} s under the profiler; own time by package:")
    for pkg, tt in sorted(by_pkg.items(), key=lambda kv: -kv[1])[:20]:
        print(f"  {pkg:<28} {tt:7.2f} s  {100 * tt / whole:5.1f} %")
    docs = list(nlp.pipe(texts[:20], batch_size=32))
    t = CLOCK()
    for doc in docs:
        for _ in range(20):
            _ = doc.text
    per_call = (CLOCK() - t) / (20 * len(docs))
    text_calls = sum(
        nc
        for (f, line, fn), (_cc, nc, *_r) in stats.stats.items()  # type: ignore[attr-defined]
        if fn == "__get__" and f.endswith("doc.pyx") and line == _doc_text_line()
    )
    print(
        f"\nspaCy Doc.text rebuilds the text from the tokens on every call: {per_call * 1e3:.2f} ms CPU each "
        f"(unprofiled) x {text_calls:,} calls of Doc.text in this build = ~{per_call * text_calls:.1f} "
        f"CPU-s ({100 * per_call * text_calls / total:.0f} % of the unprofiled build)"
    )
    for key in ("tottime", "cumulative"):
        buf = io.StringIO()
        pstats.Stats(prof, stream=buf).strip_dirs().sort_stats(key).print_stats(args.top)
        print(f"\ntop {args.top} by {key}:")
        print("\n".join(line for line in buf.getvalue().splitlines() if line.strip())[-6000:])
    if not args.workdir:
        shutil.rmtree(work, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
