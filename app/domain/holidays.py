"""US federal and City and County of San Francisco holidays, computed by rule for any year.

New Year, Martin Luther King Jr., Presidents', Memorial, Juneteenth (from 2021), Independence,
Labor, Indigenous Peoples' (Columbus), Veterans, Thanksgiving and the day after, Christmas. A
holiday on Saturday is observed on the Friday before, on Sunday on the Monday after (so the
observed New Year's Day can fall on 31 December of the previous year).
"""

from __future__ import annotations

import functools
import logging
from collections.abc import Iterable
from datetime import date, timedelta

log = logging.getLogger(__name__)


def _nth_weekday(year: int, month: int, weekday: int, n: int) -> date:
    """The n-th (1-based) ``weekday`` (0 = Monday) of a month."""
    first = date(year, month, 1)
    return first + timedelta(days=(weekday - first.weekday()) % 7 + 7 * (n - 1))


def _last_weekday(year: int, month: int, weekday: int) -> date:
    nxt = date(year + 1, 1, 1) if month == 12 else date(year, month + 1, 1)
    last = nxt - timedelta(days=1)
    return last - timedelta(days=(last.weekday() - weekday) % 7)


def _observed(d: date) -> date:
    """Federal observance: a Saturday holiday is observed on Friday, a Sunday one on Monday."""
    wd = d.weekday()
    if wd == 5:
        return d - timedelta(days=1)
    if wd == 6:
        return d + timedelta(days=1)
    return d


@functools.cache
def _city_holidays_of_year(year: int) -> dict[date, str]:
    """Observed US federal + San Francisco holidays of ``year`` -> name.

    The observed New Year's Day of ``year`` can fall on 31 December of the year before.
    """
    mon, thu = 0, 3
    fixed = [
        (date(year, 1, 1), "New Year's Day"),
        (date(year, 7, 4), "Independence Day"),
        (date(year, 11, 11), "Veterans Day"),
        (date(year, 12, 25), "Christmas Day"),
    ]
    if year >= 2021:  # Juneteenth became a federal holiday in June 2021
        fixed.append((date(year, 6, 19), "Juneteenth"))
    out = {_observed(d): name for d, name in fixed}
    thanksgiving = _nth_weekday(year, 11, thu, 4)
    out.update(
        {
            _nth_weekday(year, 1, mon, 3): "Martin Luther King Jr. Day",
            _nth_weekday(year, 2, mon, 3): "Presidents' Day",
            _last_weekday(year, 5, mon): "Memorial Day",
            _nth_weekday(year, 9, mon, 1): "Labor Day",
            _nth_weekday(year, 10, mon, 2): "Indigenous Peoples' Day",
            thanksgiving: "Thanksgiving Day",
            thanksgiving + timedelta(days=1): "Day after Thanksgiving",
        }
    )
    return out


def city_holiday_names(years: Iterable[int]) -> dict[date, str]:
    """Observed US federal + San Francisco holidays of ``years``, date -> name, sorted by date."""
    merged: dict[date, str] = {}
    for y in years:
        merged.update(_city_holidays_of_year(y))
    return dict(sorted(merged.items()))


def city_holidays(years: Iterable[int]) -> frozenset[date]:
    """Observed US federal + San Francisco holidays for ``years`` (e.g. ``range(2025, 2028)``).

    New Year, Martin Luther King Jr., Presidents', Memorial, Juneteenth (from 2021),
    Independence, Labor, Indigenous Peoples' (Columbus), Veterans, Thanksgiving and the day
    after, Christmas. A holiday on Saturday is observed on the Friday before, on Sunday on the
    Monday after.
    """
    return frozenset(city_holiday_names(years))


def is_city_holiday(d: date) -> bool:
    """Whether ``d`` is an observed US federal or San Francisco holiday."""
    # The observed New Year's Day of next year may be 31 December of this one.
    return d in _city_holidays_of_year(d.year) or (
        d.month == 12 and d in _city_holidays_of_year(d.year + 1)
    )
