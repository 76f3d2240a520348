"""After extraction: merge entities across articles, write the graph files, check and draw them."""

from __future__ import annotations

import logging
from collections.abc import Sequence
from dataclasses import replace
from pathlib import Path

from kg.config import BuildConfig
from kg.errors import KGError
from kg.extract.resolve import resolve_corpus
from kg.lexicon import load_lexicon
from kg.model import Extraction
from kg.rdf.build import StatementBuilder
from kg.rdf.export import GraphWriter
from kg.report import BuildReport

log = logging.getLogger(__name__)


def write_outputs(extractions: Sequence[Extraction], config: BuildConfig, report: BuildReport) -> None:
    corpus = resolve_corpus(extractions)
    builder = StatementBuilder(corpus, load_lexicon())
    builder.order_leads(extractions)
    trig, ttl = config.output / "graph.trig", config.output / "graph.ttl"
    with GraphWriter(trig, ttl) as writer:
        for ex in extractions:
            writer.write(builder.article_statements(ex))
        writer.write(builder.corpus_statements(ex.article for ex in extractions))
    report.outputs += [trig, ttl]
    report.triples = writer.count
    report.entities = len(corpus.entities)
    report.memberships = sum(len(ex.memberships) for ex in extractions)
    report.quotations = sum(len(ex.quotations) for ex in extractions)
    _after_writing(config, report)


def _after_writing(config: BuildConfig, report: BuildReport) -> None:
    """Validation, HTML and the store: each may fail without losing the graph files."""
    trig = config.output / "graph.trig"
    steps = []
    if report.triples > config.in_memory_limit and (config.validate or config.html):
        report.problems.append(
            f"{report.triples:,} statements: too many to check and draw in memory during the build "
            f"(limit {config.in_memory_limit:,}); run `kg validate {config.output}` and "
            f"`kg view {trig} --max-nodes 400` on their own"
        )
        config = replace(config, validate=False, html=False)
    if config.validate:
        steps.append(("validation", lambda: _validate(trig, report)))
    if config.html:
        steps.append(("HTML view", lambda: _view(trig, config, report)))
    if config.store is not None:
        store = config.store
        steps.append(("store", lambda: _store(trig, store, report)))
    for name, step in steps:
        try:
            step()
        except KGError as e:
            report.problems.append(f"{name}: {e}")
        except ImportError as e:  # a stage not installed in this checkout
            report.problems.append(f"{name}: unavailable ({e})")


def _validate(trig: Path, report: BuildReport) -> None:
    from kg.validate import validate_file

    result = validate_file(trig)
    report.violations = len(result.violations)


def _view(trig: Path, config: BuildConfig, report: BuildReport) -> None:
    from kg.view import ViewConfig, write_view

    report.outputs.append(write_view(trig, config.output / "graph.html", ViewConfig()))


def _store(trig: Path, store: Path, report: BuildReport) -> None:
    from kg.query.store import load_store

    load_store(trig, store)
    report.outputs.append(store)
