"""Change windows in a non-UTC zone, across daylight-saving changes."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from driftwatch.errors import ConfigError
from driftwatch.registry import ChangeWindowSpec, parse_registry
from driftwatch.windows import open_recurring

TUESDAY_2PM_BERLIN = ChangeWindowSpec(
    cron="0 14 * * TUE", duration=timedelta(hours=2), timezone="Europe/Berlin"
)


def utc(year: int, month: int, day: int, hour: int = 0, minute: int = 0) -> datetime:
    return datetime(year, month, day, hour, minute, tzinfo=UTC)


@pytest.mark.parametrize(
    ("at", "is_open"),
    [
        # Tuesday 2026-03-24: CET (UTC+1): 14:00 local = 13:00 UTC
        (utc(2026, 3, 24, 12, 59), False),
        (utc(2026, 3, 24, 13, 0), True),
        (utc(2026, 3, 24, 14, 59), True),
        (utc(2026, 3, 24, 15, 0), False),
        # clocks go forward on Sunday 2026-03-29; Tuesday 2026-03-31 is CEST (UTC+2): 14:00 = 12:00 UTC
        (utc(2026, 3, 31, 11, 59), False),
        (utc(2026, 3, 31, 12, 0), True),
        (utc(2026, 3, 31, 13, 30), True),
        (utc(2026, 3, 31, 14, 0), False),
        # clocks go back on Sunday 2026-10-25; Tuesday 2026-10-27 is CET again
        (utc(2026, 10, 20, 12, 0), True),
        (utc(2026, 10, 27, 12, 0), False),
        (utc(2026, 10, 27, 13, 0), True),
    ],
)
def test_weekly_window_follows_local_time_across_dst(at: datetime, is_open: bool) -> None:
    assert (open_recurring(TUESDAY_2PM_BERLIN, at) is not None) == is_open


def test_window_spanning_the_change_lasts_real_hours() -> None:
    """A nightly 01:30 window of 2 h on the night clocks jump 02:00 -> 03:00 (Berlin, 2026-03-29)."""
    nightly = ChangeWindowSpec(cron="30 1 * * *", duration=timedelta(hours=2), timezone="Europe/Berlin")
    # 01:30 CET = 00:30 UTC; two real hours later is 02:30 UTC (04:30 CEST on the wall)
    assert open_recurring(nightly, utc(2026, 3, 29, 2, 29)) is not None
    assert open_recurring(nightly, utc(2026, 3, 29, 2, 30)) is None
    window = open_recurring(nightly, utc(2026, 3, 29, 1, 0))
    assert window is not None
    assert window.starts_at == utc(2026, 3, 29, 0, 30)
    assert window.ends_at - window.starts_at == timedelta(hours=2)


def test_opening_in_the_skipped_hour_still_opens() -> None:
    """02:30 does not exist in Berlin on 2026-03-29; the window opens when the clock jumps."""
    skipped = ChangeWindowSpec(cron="30 2 * * *", duration=timedelta(hours=1), timezone="Europe/Berlin")
    window = open_recurring(skipped, utc(2026, 3, 29, 1, 45))
    assert window is not None
    assert window.starts_at <= utc(2026, 3, 29, 1, 45) < window.ends_at


@pytest.mark.parametrize(
    ("window", "message"),
    [
        ({"cron": "61 * * * *", "duration": "1h"}, "5-field cron"),
        ({"cron": "0 14 * * TUE", "duration": "1h", "timezone": "Mars/Olympus"}, "unknown time zone"),
        ({"cron": "0 14 * * TUE", "duration": "0s"}, "duration must be positive"),
    ],
)
def test_invalid_windows_are_refused_when_the_registry_loads(window: dict[str, str], message: str) -> None:
    with pytest.raises(ConfigError, match=message):
        parse_registry({"servers": [{"name": "a", "command": "x", "change_windows": [window]}]}, source="t")
