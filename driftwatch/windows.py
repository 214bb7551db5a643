"""Change windows: when drift is expected, so that it notifies instead of paging.

This module is their one home for the question that matters: is a window open for this server
now (`open_for`)? Recurring windows come from the registry, ad-hoc ones from the database
(`driftwatch window open`, rows in driftwatch.store.windows).

A recurring window opens at each fire time of a 5-field cron expression, read as wall-clock time
in the window's time zone, and stays open for `duration` of real (elapsed) time. Both halves
matter across daylight-saving changes: "14:00 every Tuesday, Europe/Berlin" is 12:00 UTC in summer
and 13:00 UTC in winter, and a 2-hour window that spans the night the clocks change lasts two real
hours, not two hours of wall clock. Ad-hoc windows (`driftwatch window open`) are plain intervals.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import UTC, datetime, timedelta
from zoneinfo import ZoneInfo

from croniter import croniter
from sqlalchemy.orm import Session

from driftwatch.model import OpenWindow
from driftwatch.registry import ChangeWindowSpec
from driftwatch.store.windows import adhoc_open_for


def _zone(name: str) -> ZoneInfo:
    return ZoneInfo(name)  # validated when the registry was loaded


def last_opening(spec: ChangeWindowSpec, at: datetime) -> datetime:
    """The latest fire time of the window's cron at or before `at`, as an aware UTC datetime.

    croniter walks naive wall-clock times in the window's zone; each is then placed in the zone
    (a wall time skipped by a spring-forward gap maps to the instant after the gap, a repeated one
    to its first occurrence) and converted to UTC.
    """
    zone = _zone(spec.timezone)
    local_now = at.astimezone(zone).replace(tzinfo=None)
    walker = croniter(spec.cron, local_now + timedelta(seconds=1))
    fire: datetime = walker.get_prev(datetime)
    return fire.replace(tzinfo=zone).astimezone(UTC)


def open_recurring(spec: ChangeWindowSpec, at: datetime) -> OpenWindow | None:
    """The occurrence of `spec` that is open at `at`, if any.

    Only the latest opening can be open: every occurrence lasts the same, so the latest to start
    is the latest to end.
    """
    start = last_opening(spec, at)
    end = start + spec.duration
    if start <= at.astimezone(UTC) < end:
        return OpenWindow(start, end, f"{spec.cron} ({spec.timezone}) for {spec.duration}")
    return None


def first_open(specs: Iterable[ChangeWindowSpec], at: datetime) -> OpenWindow | None:
    for spec in specs:
        if (window := open_recurring(spec, at)) is not None:
            return window
    return None


def open_for(
    session: Session, server_id: int, recurring: Iterable[ChangeWindowSpec], now: datetime
) -> OpenWindow | None:
    """A recurring window of the server's, or an ad-hoc one for it or for all servers, open now."""
    window = first_open(recurring, now)
    if window is not None:
        return window
    adhoc = adhoc_open_for(session, server_id, now)
    if adhoc is None:
        return None
    what = f"#{adhoc.id} opened by {adhoc.opened_by}" + (f" ({adhoc.ticket})" if adhoc.ticket else "")
    return OpenWindow(adhoc.starts_at, adhoc.ends_at, what, adhoc.ticket)
