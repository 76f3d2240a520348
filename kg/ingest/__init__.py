"""Files -> :class:`kg.model.Article`: read, strip boilerplate, read the header."""

from __future__ import annotations

from kg.ingest.clean import paragraphs, strip_boilerplate
from kg.ingest.manifest import ManifestRecord
from kg.ingest.metadata import body_start, find_dateline, footer_date, parse_header
from kg.ingest.read import RawArticle
from kg.model import Article, Span

PARAGRAPH_BREAK = "\n\n"


def clean_article(raw: RawArticle, record: ManifestRecord | None = None) -> Article:
    """Clean one raw article; offsets of everything downstream point into ``Article.text``."""
    raw_paragraphs = paragraphs(raw.text)
    kept = strip_boilerplate(raw_paragraphs)
    start = body_start(kept)
    body = [p for p in kept if p.index >= start]
    header = parse_header([p for p in raw_paragraphs if p.index < start], body)
    if header.date_published is None:  # "First published ..." under the story
        header.date_published = footer_date(raw_paragraphs)
    kept_indexes = {p.index for p in kept}
    body = [p for p in header.leftover if p.index in kept_indexes] + body
    headline = (record.headline if record and record.headline else None) or header.headline
    parts = [headline] if headline else []
    dateline = None
    for para in body:
        if para.text == headline:
            continue
        if dateline is None and len(parts) <= 3 and (found := find_dateline(para.text)):
            offset = len(PARAGRAPH_BREAK.join(parts)) + (len(PARAGRAPH_BREAK) if parts else 0)
            dateline = Span(offset + found.start, offset + found.end, para.text[found.start : found.end])
        parts.append(para.text)
    text = PARAGRAPH_BREAK.join(parts)
    return Article(
        identifier=raw.identifier,
        text=text,
        content_hash=raw.content_hash,
        headline=headline,
        date_published=(record.date if record and record.date else None) or header.date_published,
        publisher=(record.publisher if record and record.publisher else None) or header.publisher,
        authors=(record.authors if record and record.authors else tuple(header.authors)),
        dateline=dateline,
        url=record.url if record else None,
        source=str(raw.path) if raw.path else None,
        removed=max(0, len(raw.text) - len(text)),
    )
