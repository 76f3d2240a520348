"""Contracts that make ``kg build`` fast at scale without changing what it writes.

* ``--jobs 2`` writes the same graph as one process;
* the per-article cache: adding an article re-reads only that one, and the result is the graph
  a build without the cache writes; a changed article is re-read; a corrupt cache entry is
  ignored (the article is read again, the build succeeds).

Articles come from ``benchmarks/corpus.py`` (deterministic, invented people). Graphs are
compared as sets of quads parsed from ``graph.trig`` / ``graph.ttl``; kg writes no blank nodes
(docs/graph-shape.md), so equal sets mean isomorphic graphs.
"""

from __future__ import annotations

import importlib.util
import shutil
import sys
from pathlib import Path

import pyoxigraph as ox
import pytest

from kg.config import BuildConfig
from kg.pipeline import CACHE_DIR, build

pytestmark = pytest.mark.slow

ROOT = Path(__file__).resolve().parent.parent
N = 8


def _corpus_module():
    name = "kg_benchmarks_corpus"
    if name not in sys.modules:
        spec = importlib.util.spec_from_file_location(name, ROOT / "benchmarks" / "corpus.py")
        assert spec and spec.loader
        module = importlib.util.module_from_spec(spec)
        sys.modules[name] = module  # dataclasses look their module up
        spec.loader.exec_module(module)
    return sys.modules[name]


def _build(inputs: list[Path], out: Path, **options):
    config = BuildConfig(output=out, validate=False, html=False, progress=False, **options)
    return build(inputs, config)


def _quads(path: Path) -> set[str]:
    quads = list(
        ox.parse(path=path, format=ox.RdfFormat.TRIG if path.suffix == ".trig" else ox.RdfFormat.TURTLE)
    )
    blank = [q for q in quads if any(isinstance(t, ox.BlankNode) for t in (q.subject, q.object))]
    assert not blank, f"{path.name} has blank nodes: compare with rdflib.compare instead ({blank[0]})"
    return {str(q) for q in quads}


def _same_graphs(out_a: Path, out_b: Path) -> None:
    for name in ("graph.trig", "graph.ttl"):
        a, b = _quads(out_a / name), _quads(out_b / name)
        assert a == b, (
            f"{name} differs: {len(a - b)} quads only in {out_a.name}, {len(b - a)} only in "
            f"{out_b.name}; e.g. {sorted(a ^ b)[:3]}"
        )


@pytest.fixture(scope="module")
def corpus_dir(tmp_path_factory) -> Path:
    folder = tmp_path_factory.mktemp("corpus") / "articles"
    _corpus_module().write_corpus(N, folder)
    return folder


@pytest.fixture(scope="module")
def extra_article(tmp_path_factory) -> Path:
    [path] = _corpus_module().write_corpus(1, tmp_path_factory.mktemp("extra"), start=N)
    return path


@pytest.fixture(scope="module")
def base_build(corpus_dir, tmp_path_factory) -> Path:
    """One process, cache filled: the reference graph, and a cache to start the cache tests from."""
    out = tmp_path_factory.mktemp("base")
    report = _build([corpus_dir], out, cache=True)
    assert report.articles == N and report.cached == 0 and not report.skipped
    return out


def _copy_output(base: Path, tmp_path: Path) -> Path:
    out = tmp_path / "out"
    shutil.copytree(base, out)
    return out


@pytest.fixture
def nlp_calls(monkeypatch) -> list[str]:
    """The identifiers of the articles each build sends through spaCy and the extractors."""
    import kg.pipeline

    seen: list[str] = []
    original = kg.pipeline.process_articles

    def counting(jobs, *args, **kwargs):
        seen.extend(raw.identifier for raw, _record in jobs)
        return original(jobs, *args, **kwargs)

    monkeypatch.setattr(kg.pipeline, "process_articles", counting)
    return seen


def test_generated_articles_are_distinct_and_news_sized(corpus_dir):
    texts = [p.read_text(encoding="utf-8") for p in sorted(corpus_dir.glob("*.txt"))]
    assert len(texts) == N and len(set(texts)) == N
    assert all(350 <= len(t.split()) <= 900 for t in texts)
    again = _corpus_module().generate(N)
    assert [a.text for a in again] == texts  # deterministic


def test_two_jobs_write_the_graph_of_one_process(corpus_dir, base_build, tmp_path):
    report = _build([corpus_dir], tmp_path / "jobs2", jobs=2, cache=False)
    assert report.articles == N and report.cached == 0
    _same_graphs(base_build, tmp_path / "jobs2")


def test_adding_an_article_reads_only_that_one(corpus_dir, extra_article, base_build, tmp_path, nlp_calls):
    out = _copy_output(base_build, tmp_path)
    report = _build([corpus_dir, extra_article], out, cache=True)
    assert report.cached == N
    assert report.articles == N + 1
    assert nlp_calls == [extra_article.name]

    fresh = _build([corpus_dir, extra_article], tmp_path / "nocache", cache=False)
    assert (fresh.articles, fresh.triples, fresh.entities) == (
        report.articles,
        report.triples,
        report.entities,
    )
    _same_graphs(out, tmp_path / "nocache")


def test_a_changed_article_is_read_again(corpus_dir, base_build, tmp_path, nlp_calls):
    changed = tmp_path / "articles"
    shutil.copytree(corpus_dir, changed)
    victim = sorted(changed.glob("*.txt"))[3]
    old_hash = _hash_of(victim)
    paragraphs = victim.read_text(encoding="utf-8").split("\n\n")
    lead = next(i for i, p in enumerate(paragraphs) if " – " in p)  # the dateline paragraph
    paragraphs.insert(lead + 1, 'Corvalis Tremundsen said: "The inquiry will report before the summer."')
    victim.write_text("\n\n".join(paragraphs), encoding="utf-8")

    out = _copy_output(base_build, tmp_path)
    report = _build([changed], out, cache=True)
    assert report.articles == N
    assert report.cached == N - 1
    assert nlp_calls == [victim.name]
    quads = "\n".join(_quads(out / "graph.trig"))
    assert "Corvalis Tremundsen" in quads
    assert f"/id/article/{_hash_of(victim)[:16]}>" in quads
    assert f"/id/article/{old_hash[:16]}>" not in quads  # the old version's article is gone


def test_a_corrupt_cache_entry_is_ignored(corpus_dir, base_build, tmp_path, nlp_calls):
    out = _copy_output(base_build, tmp_path)
    entries = sorted((out / CACHE_DIR).glob("*.json"))
    assert len(entries) == N
    entries[0].write_bytes(b"\x00\xff not json at all")
    entries[1].write_text(entries[1].read_text(encoding="utf-8")[:200], encoding="utf-8")  # cut short
    entries[2].write_text("", encoding="utf-8")

    report = _build([corpus_dir], out, cache=True)
    assert report.articles == N, f"articles lost to corrupt cache entries: {report.skipped}"
    assert not report.skipped
    assert report.cached == N - 3
    assert len(nlp_calls) == 3
    _same_graphs(base_build, out)


def _hash_of(path: Path) -> str:
    from kg.ingest.read import make_raw

    return make_raw(path.name, path.read_text(encoding="utf-8")).content_hash
