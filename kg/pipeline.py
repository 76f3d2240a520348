"""``build``: article files -> graph.trig, graph.ttl and graph.html. What ``kg build`` runs.

Articles stream through in batches: read and clean, NLP with ``nlp.pipe``, extraction into
plain records. Records are cached per article (keyed by content, pipeline version and model),
so a rebuild only reads new or changed articles. Entities are then merged across the corpus
and the graph is written article by article.
"""

from __future__ import annotations

import json
import logging
import time
from collections.abc import Iterable, Iterator, Sequence
from concurrent.futures import ProcessPoolExecutor
from contextlib import nullcontext
from pathlib import Path

from kg.config import PIPELINE_VERSION, SAMPLE_DIR, BuildConfig
from kg.errors import ArticleSkipped, InputError, KGError
from kg.ingest import clean_article
from kg.ingest.manifest import ManifestRecord, find_manifests, load_manifest
from kg.ingest.read import RawArticle, discover, iter_articles
from kg.lexicon import data_fingerprint
from kg.model import Extraction
from kg.report import BuildReport

log = logging.getLogger(__name__)
CACHE_DIR = ".cache"


def build(inputs: Sequence[Path | str] = (), config: BuildConfig | None = None) -> BuildReport:
    """Build the graph of ``inputs`` (files or folders; none: the shipped sample corpus)."""
    config = config or BuildConfig()
    started = time.perf_counter()
    paths = [Path(p) for p in inputs] or [SAMPLE_DIR]
    files = discover(paths)
    if not files:
        raise InputError(f"no .txt articles found in {', '.join(map(str, paths))}")
    manifest = _manifest(paths)
    report = BuildReport()
    _prepare_output(config.output)
    extractions = list(_extract_all(files, manifest, config, report))
    if not extractions:
        report.seconds = time.perf_counter() - started
        return report
    from kg.write import write_outputs

    write_outputs(extractions, config, report)
    report.seconds = time.perf_counter() - started
    return report


def _prepare_output(output: Path) -> None:
    if output.exists() and not output.is_dir():
        raise InputError(f"--output {output} is a file, not a folder")
    try:
        (output / CACHE_DIR).mkdir(parents=True, exist_ok=True)
    except OSError as e:
        raise InputError(f"cannot create output folder {output}: {e.strerror}") from e


def _manifest(paths: list[Path]) -> dict[str, ManifestRecord]:
    records: dict[str, ManifestRecord] = {}
    for path in find_manifests(paths):
        records.update(load_manifest(path))
    return records


def _extract_all(
    files: list[Path], manifest: dict[str, ManifestRecord], config: BuildConfig, report: BuildReport
) -> Iterator[Extraction]:
    """Every article's extraction, from the cache or fresh, in input order."""
    cache = ArticleCache(config.output / CACHE_DIR, config.model) if config.cache else None
    with _progress(config, len(files)) as advance, _workers(config) as pool:
        for batch in _batches(
            iter_articles(files, config.max_bytes), config.batch_size * max(1, config.jobs)
        ):
            raws: list[RawArticle] = []
            for item in batch:
                if isinstance(item, ArticleSkipped):
                    report.skipped.append((item.identifier, item.reason))
                    advance()
                    continue
                if item.note:
                    report.notes.append((item.identifier, item.note))
                raws.append(item)
            cached = {
                r.content_hash: ex
                for r in raws
                if cache and (ex := cache.load(r, manifest.get(r.identifier)))
            }
            needed = [
                r for r in raws if r.content_hash not in cached
            ]  # new, changed or unreadable in the cache
            fresh = {ex.article.content_hash: ex for ex in _run_nlp(needed, manifest, config, pool)}
            for raw in raws:
                ex = cached.get(raw.content_hash)
                if ex is not None:
                    report.cached += 1
                else:
                    ex = fresh.get(raw.content_hash)
                    if ex is not None and cache is not None:
                        cache.save(raw, ex)
                if ex is None or not ex.article.text.strip():
                    report.skipped.append((raw.identifier, "nothing left after removing boilerplate"))
                else:
                    report.articles += 1
                    yield ex
                advance()


def _batches(items: Iterable, size: int) -> Iterator[list]:
    batch: list = []
    for item in items:
        batch.append(item)
        if len(batch) >= size:
            yield batch
            batch = []
    if batch:
        yield batch


def _workers(config: BuildConfig) -> ProcessPoolExecutor | nullcontext[None]:
    """One pool for the whole build, each worker loading the model once; none for a single job."""
    if config.jobs <= 1:
        return nullcontext()
    return ProcessPoolExecutor(max_workers=config.jobs, initializer=_warm_up, initargs=(config.model,))


def _warm_up(model: str | None) -> None:
    from kg.nlp.pipeline import load_pipeline

    load_pipeline(model)


def _run_nlp(
    raws: list[RawArticle],
    manifest: dict[str, ManifestRecord],
    config: BuildConfig,
    pool: ProcessPoolExecutor | None,
) -> list[Extraction]:
    if not raws:
        return []
    jobs = [(raw, manifest.get(raw.identifier)) for raw in raws]
    if pool is None or len(raws) < 2:
        return process_articles(jobs, config.model, config.batch_size)
    chunks = [jobs[i :: config.jobs] for i in range(config.jobs)]
    futures = [
        pool.submit(process_articles, chunk, config.model, config.batch_size) for chunk in chunks if chunk
    ]
    return [ex for f in futures for ex in f.result()]


def process_articles(
    jobs: list[tuple[RawArticle, ManifestRecord | None]], model: str | None, batch_size: int
) -> list[Extraction]:
    """Clean, parse and extract a list of articles (runs in worker processes too)."""
    from kg.extract import extract
    from kg.lexicon import load_lexicon
    from kg.nlp.pipeline import load_pipeline

    nlp, lexicon = load_pipeline(model), load_lexicon()
    articles = [clean_article(raw, record) for raw, record in jobs]
    # the batch parsed first, then read: extraction interleaved with the model's matrix work ran ~4%
    # slower (measured on 400 articles); one batch of docs is all that is held
    docs = list(nlp.pipe((a.text for a in articles), batch_size=batch_size))
    return [extract(doc, article, lexicon) for doc, article in zip(docs, articles, strict=True)]


class ArticleCache:
    """One JSON file per article extraction, keyed by its text, the pipeline version, the extraction
    data under ``ontology/`` (an edited pattern or gazetteer row re-reads every article) and the model."""

    def __init__(self, folder: Path, model: str | None) -> None:
        self.folder = folder
        model_name = (model or "default").replace("/", "_")
        self.suffix = f"v{PIPELINE_VERSION}-{data_fingerprint()}-{model_name}.json"

    def _path(self, raw: RawArticle) -> Path:
        return self.folder / f"{raw.content_hash[:32]}-{self.suffix}"

    def load(self, raw: RawArticle, record: ManifestRecord | None) -> Extraction | None:
        """The cached extraction, or None when there is none or it cannot be read."""
        if not self._path(raw).is_file():
            return None
        try:
            ex = Extraction.from_json(json.loads(self._path(raw).read_text(encoding="utf-8")))
        except (OSError, ValueError, KeyError, TypeError) as e:
            log.warning("ignoring unreadable cache entry for %s: %s", raw.identifier, e)
            return None
        ex.article.identifier = raw.identifier
        if record is not None:  # the manifest may have changed since the entry was written
            _apply_manifest(ex, record)
        return ex

    def save(self, raw: RawArticle, ex: Extraction) -> None:
        tmp = self._path(raw).with_suffix(".part")
        try:
            tmp.write_text(json.dumps(ex.to_json(), ensure_ascii=False), encoding="utf-8")
            tmp.replace(self._path(raw))
        except OSError as e:
            log.warning("cannot cache %s: %s", raw.identifier, e)


def _apply_manifest(ex: Extraction, record: ManifestRecord) -> None:
    art = ex.article
    art.date_published = record.date or art.date_published
    art.publisher = record.publisher or art.publisher
    art.authors = record.authors or art.authors
    art.url = record.url or art.url


class _progress:
    """A rich progress bar when there is a terminal and more than a handful of articles."""

    def __init__(self, config: BuildConfig, total: int) -> None:
        self.enabled = config.progress and total > 3
        self.total = total

    def __enter__(self):
        if not self.enabled:
            return lambda: None
        from rich.progress import BarColumn, MofNCompleteColumn, Progress, TimeRemainingColumn

        self.bar = Progress(
            "[progress.description]{task.description}",
            BarColumn(),
            MofNCompleteColumn(),
            TimeRemainingColumn(),
            transient=True,
        )
        self.bar.start()
        task = self.bar.add_task("reading articles", total=self.total)
        return lambda: self.bar.advance(task)

    def __exit__(self, *exc: object) -> None:
        if self.enabled:
            self.bar.stop()


__all__ = ["BuildReport", "KGError", "build", "process_articles"]
