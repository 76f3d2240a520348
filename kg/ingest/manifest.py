"""Optional metadata supplied beside the articles: ``manifest.csv`` or ``manifest.jsonl``.

Columns / keys: ``file`` (required: the article's file name), ``url``, ``date`` (ISO
``YYYY-MM-DD``), ``publisher``, ``author`` (several separated by ``;``), ``headline``. A value
given there overrides what the text says.
"""

from __future__ import annotations

import csv
import json
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from kg.errors import InputError

MANIFEST_NAMES = ("manifest.csv", "manifest.jsonl")


@dataclass(frozen=True, slots=True)
class ManifestRecord:
    file: str
    url: str | None = None
    date: date | None = None
    publisher: str | None = None
    authors: tuple[str, ...] = ()
    headline: str | None = None


def find_manifests(inputs: list[Path]) -> list[Path]:
    folders = {p if p.is_dir() else p.parent for p in inputs}
    return [f / name for f in sorted(folders) for name in MANIFEST_NAMES if (f / name).is_file()]


def load_manifest(path: Path) -> dict[str, ManifestRecord]:
    """Records by file name; a malformed manifest is an :class:`InputError` naming the line."""
    try:
        text = path.read_text(encoding="utf-8-sig")
    except (OSError, UnicodeDecodeError) as e:
        raise InputError(f"{path}: cannot read manifest: {e}") from e
    rows = _rows(path, text)
    records: dict[str, ManifestRecord] = {}
    for line, row in rows:
        name = (row.get("file") or "").strip()
        if not name:
            raise InputError(f"{path}:{line}: a manifest record needs a 'file' value")
        records[Path(name).name] = _record(path, line, Path(name).name, row)
    return records


def _rows(path: Path, text: str) -> list[tuple[int, dict[str, str]]]:
    if path.suffix == ".jsonl":
        rows = []
        for i, line in enumerate(text.splitlines(), start=1):
            if line.strip():
                try:
                    value = json.loads(line)
                except json.JSONDecodeError as e:
                    raise InputError(f"{path}:{i}: not JSON: {e.msg}") from e
                if not isinstance(value, dict):
                    raise InputError(f"{path}:{i}: each line must be a JSON object")
                rows.append((i, {k: str(v) for k, v in value.items() if v is not None}))
        return rows
    return [(i, row) for i, row in enumerate(csv.DictReader(text.splitlines()), start=2)]


def _record(path: Path, line: int, name: str, row: dict[str, str]) -> ManifestRecord:
    day = None
    if raw := (row.get("date") or "").strip():
        try:
            day = date.fromisoformat(raw[:10])
        except ValueError as e:
            raise InputError(f"{path}:{line}: date {raw!r} is not YYYY-MM-DD") from e
    authors = tuple(a.strip() for a in (row.get("author") or "").split(";") if a.strip())
    return ManifestRecord(name, _opt(row, "url"), day, _opt(row, "publisher"), authors, _opt(row, "headline"))


def _opt(row: dict[str, str], key: str) -> str | None:
    value = (row.get(key) or "").strip()
    return value or None
