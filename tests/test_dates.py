"""Time expressions resolved against the publication date (kg.extract.dates.resolve_when)."""

from __future__ import annotations

from datetime import date

import pytest

from kg.extract.dates import resolve_when

THURSDAY = date(2022, 3, 10)


@pytest.mark.parametrize(
    ("expression", "published", "future", "expected"),
    [
        # month names: the nearest such month before (past) or after (future) publication
        pytest.param("in December", THURSDAY, False, date(2021, 12, 1), id="december-past"),
        pytest.param("in December", THURSDAY, True, date(2022, 12, 1), id="december-future"),
        pytest.param("in February", THURSDAY, False, date(2022, 2, 1), id="february-past"),
        pytest.param("in February", THURSDAY, True, date(2023, 2, 1), id="february-future-next-year"),
        pytest.param("in March", THURSDAY, True, date(2022, 3, 1), id="this-month-future"),
        pytest.param("in March", THURSDAY, False, date(2022, 3, 1), id="this-month-past"),
        pytest.param("in January", date(2022, 12, 20), True, date(2023, 1, 1), id="across-new-year"),
        pytest.param("on June 5", THURSDAY, False, date(2021, 6, 5), id="month-and-day-past"),
        pytest.param("early December", THURSDAY, False, date(2021, 12, 1), id="early-month"),
        # weekdays: the nearest such day
        pytest.param("on Friday", THURSDAY, False, date(2022, 3, 4), id="friday-past"),
        pytest.param("on Friday", THURSDAY, True, date(2022, 3, 11), id="friday-future"),
        pytest.param("on Tuesday", THURSDAY, False, date(2022, 3, 8), id="tuesday-past"),
        pytest.param("on Thursday", THURSDAY, False, THURSDAY, id="same-weekday"),
        # relative periods
        pytest.param("last month", THURSDAY, False, date(2022, 2, 1), id="last-month"),
        pytest.param("next month", THURSDAY, False, date(2022, 4, 1), id="next-month"),
        pytest.param("last month", date(2022, 1, 15), False, date(2021, 12, 1), id="last-month-across-year"),
        pytest.param("this month", THURSDAY, False, date(2022, 3, 1), id="this-month"),
        pytest.param("last week", THURSDAY, False, date(2022, 2, 28), id="last-week-monday"),
        pytest.param("in September last year", THURSDAY, False, date(2021, 9, 1), id="month-last-year"),
        pytest.param("in September next year", THURSDAY, False, date(2023, 9, 1), id="month-next-year"),
        # explicit dates need no publication date
        pytest.param("in November 2020", None, False, date(2020, 11, 1), id="month-year"),
        pytest.param("on March 3, 2021", None, False, date(2021, 3, 3), id="full-date"),
        pytest.param("in November 2020", THURSDAY, True, date(2020, 11, 1), id="explicit-beats-tense"),
        # not resolvable
        pytest.param("in December", None, False, None, id="no-published-date"),
        pytest.param("on Friday", None, True, None, id="weekday-no-published-date"),
        pytest.param("last month", None, False, None, id="relative-no-published-date"),
        pytest.param("in 2020", THURSDAY, False, None, id="bare-year-too-coarse"),
        pytest.param("on February 30, 2021", None, False, None, id="impossible-date"),
        pytest.param("soon", THURSDAY, False, None, id="no-date-words"),
        pytest.param("last year", THURSDAY, False, None, id="last-year-too-coarse"),
    ],
)
def test_resolve_when(expression, published, future, expected):
    assert resolve_when(expression, published, future) == expected


@pytest.mark.parametrize("expression", ["in December", "on Friday", "last month", "in September last year"])
def test_relative_expressions_never_guess_without_a_publication_date(expression):
    assert resolve_when(expression, None, False) is None
    assert resolve_when(expression, None, True) is None
