"""Downtime and misfire: overdue posts go out late while still valid, otherwise they are
marked missed with the reason; no burst after an outage. Edits racing the daemon."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from campaigns.daemon.dispatcher import Dispatcher
from campaigns.errors import UserError
from campaigns.store.lifecycle import Status
from tests.conftest import Clock
from tests.daemon.conftest import add_posts


def local(cal, text: str) -> datetime:
    return datetime.fromisoformat(text).replace(tzinfo=cal.tz).astimezone(UTC)


def test_late_inside_grace_goes_out_beyond_it_is_missed(store, clock, dcal, pubs, fakes):
    ok = add_posts(store, dcal, clock.now - timedelta(minutes=30), 1, channels=("facebook",))
    stale = add_posts(store, dcal, clock.now - timedelta(hours=2), 1, channels=("facebook",))
    d = Dispatcher(store, dcal, pubs, actor="test", synchronous=True)
    d.run_until_idle()
    assert store.get(dcal.unit, ok[0]).status == Status.PUBLISHED
    missed = store.get(dcal.unit, stale[0])
    assert missed.status == Status.MISSED and "Quá giờ đăng 2 giờ" in missed.error
    assert len(fakes.graph.posts) == 1
    history = store.history(dcal.unit, stale[0])
    assert history[-1].to_status == Status.MISSED and history[-1].reason == missed.error


def test_peak_day_card_is_never_posted_on_the_next_day(store, clock, dcal, pubs, fakes):
    clock.now = local(dcal, "2026-04-08T00:10")
    due = local(dcal, "2026-04-07T23:50")  # 20 minutes late: inside the grace period
    ids = add_posts(
        store, dcal, due, 1, channels=("facebook",), kind="peak", peak="Ngày Sức khỏe toàn dân"
    )
    Dispatcher(store, dcal, pubs, actor="test", synchronous=True).run_until_idle()
    post = store.get(dcal.unit, ids[0])
    assert (
        post.status == Status.MISSED and "07/04/2026" in post.error and "08/04/2026" in post.error
    )


def test_post_of_a_peak_window_that_ended_is_missed(store, clock, dcal, pubs, fakes):
    # "Ngày Sức khỏe toàn dân": 3 days before 7/4 to 1 day after, i.e. 04/04-08/04
    clock.now = local(dcal, "2026-04-09T00:20")
    due = local(dcal, "2026-04-08T23:45")
    ids = add_posts(store, dcal, due, 1, channels=("zalo",), peak="Ngày Sức khỏe toàn dân")
    inside = add_posts(
        store,
        dcal,
        clock.now - timedelta(minutes=5),
        1,
        channels=("zalo",),
        peak="Ngày Sức khỏe toàn dân",
    )  # fmt: skip  (rescheduled out of its window on purpose: the officer's choice)
    Dispatcher(store, dcal, pubs, actor="test", synchronous=True).run_until_idle()
    post = store.get(dcal.unit, ids[0])
    assert post.status == Status.MISSED and "08/04/2026" in post.error
    assert store.get(dcal.unit, inside[0]).status == Status.PUBLISHED


def test_no_burst_after_an_outage(store, clock, make_daemon_cal, fakes, secrets):
    from campaigns.publishing import open_publishers

    cal = make_daemon_cal("catch_up_spacing_seconds = 60\n")
    pubs = open_publishers(cal, secrets, clock=clock)
    ids = add_posts(
        store, cal, clock.now - timedelta(minutes=40), 4, channels=("facebook",),
        spread=timedelta(minutes=5),
    )  # fmt: skip
    d = Dispatcher(store, cal, pubs, actor="test", synchronous=True)
    d.run_until_idle()
    assert len(fakes.graph.posts) == 1
    assert d.tick() == clock.now + timedelta(seconds=60)
    clock.now += timedelta(seconds=60)
    d.run_until_idle()
    assert len(fakes.graph.posts) == 2
    for _ in range(2):
        clock.now = d.tick()
        d.run_until_idle()
    assert sorted(store.get(cal.unit, i).status for i in ids) == [Status.PUBLISHED] * 4
    for p in pubs.values():
        p.close()


def test_reschedule_just_before_due_is_respected(store, clock: Clock, dcal, pubs, fakes):
    ids = add_posts(store, dcal, clock.now + timedelta(seconds=1), 1, channels=("facebook",))
    d = Dispatcher(store, dcal, pubs, actor="test", synchronous=True)
    assert d.tick() == clock.now + timedelta(seconds=1)
    later = clock.now + timedelta(hours=1)
    store.reschedule(dcal.unit, ids[0], later, actor="tui", tz=dcal.tz)
    clock.now += timedelta(seconds=1)
    d.run_until_idle()
    assert store.get(dcal.unit, ids[0]).status == Status.APPROVED and not fakes.graph.posts
    assert d.tick() == later
    clock.now = later
    d.run_until_idle()
    assert store.get(dcal.unit, ids[0]).status == Status.PUBLISHED


def test_a_claimed_post_cannot_be_edited_under_the_daemon(store, clock, dcal, pubs, fakes):
    from campaigns.publishing import queue

    ids = add_posts(store, dcal, clock.now, 1, channels=("facebook",))
    claimed = queue.claim(store, dcal.unit, "facebook", 5, actor="daemon:x", lease=60)
    assert [p.id for p in claimed] == ids
    with pytest.raises(UserError, match="đang đăng"):
        store.reschedule(dcal.unit, ids[0], clock.now + timedelta(hours=1), actor="tui", tz=dcal.tz)
    from campaigns.store.lifecycle import CANCEL

    assert store.move(dcal.unit, ids, CANCEL, actor="tui").refused == {ids[0]: "publishing"}


def test_expired_lease_returns_the_post_and_reconciles(store, clock, dcal, pubs, fakes):
    from campaigns.publishing import queue, request_for

    ids = add_posts(store, dcal, clock.now, 1, channels=("facebook",))
    [post] = queue.claim(store, dcal.unit, "facebook", 1, actor="daemon:dead", lease=60)
    pubs["facebook"].publish(request_for(dcal, post))  # live, then the daemon died
    d = Dispatcher(store, dcal, pubs, actor="daemon:new", synchronous=True)
    d.run_until_idle()
    assert store.get(dcal.unit, ids[0]).status == "publishing"  # lease still running
    clock.now += timedelta(seconds=61)
    d.run_until_idle()
    post = store.get(dcal.unit, ids[0])
    assert post.status == Status.PUBLISHED and post.external_id == fakes.graph.posts[0]["id"]
    assert len(fakes.graph.posts) == 1
