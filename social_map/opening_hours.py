"""Is a place open on a day, or at a moment? Weekly hours, exceptions, and past midnight.

Works on plain values (no queries), so a list can use what it prefetched.
"""

import datetime as dt
from dataclasses import dataclass


@dataclass(frozen=True)
class Range:
    weekday: int  # 0 = Monday
    opens: dt.time
    closes: dt.time
    closes_next_day: bool = False


@dataclass(frozen=True)
class Exception_:
    date: dt.date
    closed: bool
    opens: dt.time | None = None
    closes: dt.time | None = None


def _exception_for(exceptions, day):
    return next((item for item in exceptions if item.date == day), None)


def is_open_on(ranges, exceptions, day: dt.date) -> bool:
    """Open at some time that starts on ``day``."""
    exception = _exception_for(exceptions, day)
    if exception is not None:
        return not exception.closed
    return any(item.weekday == day.weekday() for item in ranges)


def is_open_at(ranges, exceptions, moment: dt.datetime) -> bool:
    day, now = moment.date(), moment.time()
    exception = _exception_for(exceptions, day)
    special_hours = exception is not None and not exception.closed and exception.opens
    if special_hours and exception.closes and exception.opens <= now < exception.closes:
        return True
    if exception is None:
        for item in ranges:
            if item.weekday != day.weekday():
                continue
            if item.closes_next_day and now >= item.opens:
                return True
            if not item.closes_next_day and item.opens <= now < item.closes:
                return True
    # The part after midnight of yesterday's evening opening.
    yesterday = day - dt.timedelta(days=1)
    yesterday_exception = _exception_for(exceptions, yesterday)
    if yesterday_exception is None:
        for item in ranges:
            if item.weekday == yesterday.weekday() and item.closes_next_day and now < item.closes:
                return True
    return False


def hours_on(ranges, exceptions, day: dt.date) -> list[tuple[dt.time, dt.time]]:
    """The (opens, closes) of the openings that start on ``day``, earliest first.

    Empty when the place is closed that day, and when a special opening has no times.
    """
    exception = _exception_for(exceptions, day)
    if exception is not None:
        if exception.closed or not (exception.opens and exception.closes):
            return []
        return [(exception.opens, exception.closes)]
    return sorted((item.opens, item.closes) for item in ranges if item.weekday == day.weekday())
