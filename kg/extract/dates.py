"""Time expressions ("in December", "on Friday", "last month") -> dates, against the publication date.

Without a publication date a relative expression stays unresolved rather than guessed. Month
precision resolves to the first of the month; a bare year resolves to nothing (too coarse
for an ``xsd:date``), though the words are kept.
"""

from __future__ import annotations

import re
from datetime import date, timedelta

MONTHS = (
    "january",
    "february",
    "march",
    "april",
    "may",
    "june",
    "july",
    "august",
    "september",
    "october",
    "november",
    "december",
)
WEEKDAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")


def resolve_when(expression: str, published: date | None, future: bool = False) -> date | None:
    words = expression.lower().replace(",", " ").split()
    year = next((int(w) for w in words if re.fullmatch(r"(19|20)\d\d", w)), None)
    month = next((MONTHS.index(w) + 1 for w in words if w in MONTHS), None)
    day = next((int(w) for w in words if re.fullmatch(r"\d{1,2}", w)), None)
    if month and year:
        return _safe(year, month, day or 1)
    if published is None:
        return None
    if month:
        if "last" in words and "year" in words:
            return _safe(published.year - 1, month, day or 1)
        if "next" in words and "year" in words:
            return _safe(published.year + 1, month, day or 1)
        return _nearest_month(published, month, day, future)
    weekday = next((WEEKDAYS.index(w) for w in words if w in WEEKDAYS), None)
    if weekday is not None:
        return _nearest_weekday(published, weekday, future)
    return _relative(words, published)


def _safe(year: int, month: int, day: int) -> date | None:
    try:
        return date(year, month, day)
    except ValueError:
        return None


def _nearest_month(published: date, month: int, day: int | None, future: bool) -> date | None:
    year = published.year
    if future and month < published.month:
        year += 1
    elif not future and month > published.month:
        year -= 1
    return _safe(year, month, day or 1)


def _nearest_weekday(published: date, weekday: int, future: bool) -> date:
    delta = (weekday - published.weekday()) % 7
    if future:
        return published + timedelta(days=delta)
    return published - timedelta(days=(published.weekday() - weekday) % 7)


def _relative(words: list[str], published: date) -> date | None:
    if "month" in words:
        first = published.replace(day=1)
        if "last" in words:
            return (first - timedelta(days=1)).replace(day=1)
        if "next" in words:
            return (first + timedelta(days=32)).replace(day=1)
        return first
    if "week" in words and "last" in words:
        return published - timedelta(days=7 + published.weekday())
    return None
