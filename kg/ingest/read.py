"""Files and folders -> raw article texts, refusing what is not an article.

Encoding policy: articles are read as UTF-8 (a byte-order mark is dropped). A file that is
not valid UTF-8 is read as Windows-1252, the usual encoding of scraped Western text, and the
build summary says so; a file with NUL bytes or mostly control characters is refused as
binary. Empty files and files over the size limit are refused. Each refusal skips one
article, never the build.
"""

from __future__ import annotations

import hashlib
import unicodedata
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

from kg.errors import ArticleSkipped, InputError

ARTICLE_SUFFIXES = {".txt"}


@dataclass(frozen=True, slots=True)
class RawArticle:
    identifier: str
    path: Path | None
    text: str
    content_hash: str
    note: str | None = None  # e.g. "decoded as Windows-1252"


def discover(inputs: Iterable[Path]) -> list[Path]:
    """Every article file named by ``inputs`` (files, or folders searched recursively), sorted."""
    found: list[Path] = []
    for path in inputs:
        if not path.exists():
            raise InputError(f"{path}: no such file or folder")
        if path.is_dir():
            found.extend(p for p in sorted(path.rglob("*")) if p.is_file() and _is_article_file(p))
        else:
            found.append(path)
    return found


def _is_article_file(path: Path) -> bool:
    return path.suffix.lower() in ARTICLE_SUFFIXES and not path.name.startswith(".")


def read_article(path: Path, max_bytes: int) -> RawArticle:
    """Read one article file; raise :class:`ArticleSkipped` with the reason when it is unusable."""
    name = path.name
    try:
        size = path.stat().st_size
        if size > max_bytes:
            raise ArticleSkipped(
                name, f"file is {size:,} bytes, over the {max_bytes:,}-byte limit (raise it with --max-bytes)"
            )
        data = path.read_bytes()
    except OSError as e:
        raise ArticleSkipped(name, f"cannot read: {e.strerror or e}") from e
    text, note = decode(name, data)
    return make_raw(name, text, path=path, note=note)


def make_raw(identifier: str, text: str, path: Path | None = None, note: str | None = None) -> RawArticle:
    text = unicodedata.normalize("NFC", text.replace("\r\n", "\n").replace("\r", "\n"))
    if not text.strip():
        raise ArticleSkipped(identifier, "empty: no text to read")
    return RawArticle(identifier, path, text, content_hash(text), note)


def decode(identifier: str, data: bytes) -> tuple[str, str | None]:
    if not data.strip():
        raise ArticleSkipped(identifier, "empty: no text to read")
    if b"\x00" in data[:65536]:
        raise ArticleSkipped(identifier, "binary file (NUL bytes), not a text article")
    try:
        text, note = data.decode("utf-8-sig"), None
    except UnicodeDecodeError:
        text, note = data.decode("cp1252", errors="replace"), "not UTF-8: decoded as Windows-1252"
    controls = sum(1 for c in text[:65536] if unicodedata.category(c) == "Cc" and c not in "\n\r\t\f")
    if controls > 0.05 * min(len(text), 65536):
        raise ArticleSkipped(identifier, "binary file (control characters), not a text article")
    return text, note


def content_hash(text: str) -> str:
    """Identity of an article: sha256 of its text with whitespace folded."""
    return hashlib.sha256(" ".join(text.split()).encode("utf-8")).hexdigest()


def iter_articles(paths: Iterable[Path], max_bytes: int) -> Iterator[RawArticle | ArticleSkipped]:
    """Each path read, or the reason it was skipped; duplicates (same text) are skipped too."""
    seen: dict[str, str] = {}
    for path in paths:
        try:
            raw = read_article(path, max_bytes)
        except ArticleSkipped as skip:
            yield skip
            continue
        if raw.content_hash in seen:
            yield ArticleSkipped(raw.identifier, f"same text as {seen[raw.content_hash]}")
            continue
        seen[raw.content_hash] = raw.identifier
        yield raw
