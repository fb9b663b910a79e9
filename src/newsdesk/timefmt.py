"""How newsdesk writes a moment and a wait, in one place.

Machines get ISO 8601 in UTC with a `Z`, to the second, everywhere (front matter, JSON output,
exports), so that times compare as strings. People get the minute and the zone spelled out,
also in UTC (`show`, `log`, `review ID` all agree); a wait reads "45 min", "5 h", "3 days"
in the terminal and on the dashboard alike."""

from __future__ import annotations

import datetime as dt


def iso_utc(value: dt.datetime | dt.date) -> str:
    if isinstance(value, dt.datetime):
        return value.astimezone(dt.UTC).strftime("%Y-%m-%dT%H:%M:%SZ")
    return value.isoformat()


def for_people(value: dt.datetime) -> str:
    return value.astimezone(dt.UTC).strftime("%Y-%m-%d %H:%M UTC")


def age(delta: dt.timedelta) -> str:
    minutes = max(0, int(delta.total_seconds() // 60))
    if minutes < 60:
        return f"{minutes} min"
    if minutes < 48 * 60:
        return f"{minutes // 60} h"
    return f"{minutes // (24 * 60)} days"
