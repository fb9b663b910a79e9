"""How newsdesk writes a moment: ISO 8601 in UTC with a `Z`, to the second, everywhere (front
matter, JSON output, exports), so that times compare as strings and read the same in all."""

from __future__ import annotations

import datetime as dt


def iso_utc(value: dt.datetime | dt.date) -> str:
    if isinstance(value, dt.datetime):
        return value.astimezone(dt.UTC).strftime("%Y-%m-%dT%H:%M:%SZ")
    return value.isoformat()
