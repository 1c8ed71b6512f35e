"""The heartbeat row says what is in flight now, not a second ago."""

from __future__ import annotations

from campaigns.daemon.beat import Heartbeat
from campaigns.daemon.status import gather


def test_a_finished_post_is_not_left_in_flight(store) -> None:
    beat = Heartbeat(store, "phuong", "may:1:abc")
    beat.start()
    beat.beat(None, 1, force=True)  # a post goes out...
    beat.beat(None, 0)  # ...and fails within the same second: the row must say so
    (row,) = gather(store, "phuong").daemons
    assert row.in_flight == 0
