"""Time as the arrays carry it: integer microseconds since 1970-01-01 UTC.

Every time in an array of einfluence (interactions, posts, mentions, actions) is an ``int64``
count of microseconds since the Unix epoch, in UTC; a missing time is :data:`NO_TIME`, the
smallest ``int64``, which sorts before every real time.
"""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

__all__ = ["DAY", "HOUR", "MINUTE", "NO_TIME", "SECOND", "from_us", "to_us"]

#: the time of an event whose time is unknown (the smallest int64)
NO_TIME: int = -(2**63)
#: one second, one minute, one hour and one day, in microseconds
SECOND: int = 1_000_000
MINUTE: int = 60 * SECOND
HOUR: int = 60 * MINUTE
DAY: int = 24 * HOUR

_EPOCH = datetime(1970, 1, 1)


def to_us(when: datetime | None) -> int | None:
    """Microseconds since the epoch of a datetime (naive means UTC); None stays None.

    Examples
    --------
    >>> to_us(datetime(1970, 1, 2))
    86400000000
    """
    if when is None:
        return None
    if when.tzinfo is not None:
        when = when.astimezone(UTC).replace(tzinfo=None)
    return (when - _EPOCH) // timedelta(microseconds=1)


def from_us(value: int | None) -> datetime | None:
    """The naive UTC datetime of microseconds since the epoch; None for :data:`NO_TIME` or None.

    Examples
    --------
    >>> from_us(86_400_000_000)
    datetime.datetime(1970, 1, 2, 0, 0)
    >>> from_us(NO_TIME) is None
    True
    """
    if value is None or int(value) == NO_TIME:
        return None
    return _EPOCH + timedelta(microseconds=int(value))
