"""One way to write a moment and a wait, for machines and for people."""

from __future__ import annotations

import datetime as dt

from newsdesk.timefmt import age, for_people, iso_utc

KYIV_SUMMER = dt.timezone(dt.timedelta(hours=3))


def test_moments_are_written_in_utc_for_machines_and_people() -> None:
    moment = dt.datetime(2025, 6, 1, 9, 30, 15, tzinfo=KYIV_SUMMER)
    assert iso_utc(moment) == "2025-06-01T06:30:15Z"
    assert for_people(moment) == "2025-06-01 06:30 UTC"


def test_waits_read_the_same_everywhere() -> None:
    assert age(dt.timedelta(minutes=45)) == "45 min"
    assert age(dt.timedelta(hours=5, minutes=59)) == "5 h"
    assert age(dt.timedelta(hours=47)) == "47 h"
    assert age(dt.timedelta(days=3, hours=2)) == "3 days"
    assert age(dt.timedelta(seconds=-5)) == "0 min"  # a clock skew is no negative wait
