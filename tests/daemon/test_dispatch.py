"""The dispatcher with an injected clock: due posts go out once, on their channel."""

from __future__ import annotations

from datetime import timedelta

from campaigns.daemon.dispatcher import Dispatcher
from campaigns.store.lifecycle import CANCEL, Status
from tests.conftest import Clock
from tests.daemon.conftest import add_posts


def test_due_posts_go_out_once_and_future_ones_wait(store, clock: Clock, dcal, pubs, fakes):
    due = add_posts(store, dcal, clock.now - timedelta(seconds=1), 2)
    later = add_posts(store, dcal, clock.now + timedelta(minutes=5), 1)
    d = Dispatcher(store, dcal, pubs, actor="test", synchronous=True)
    outcomes = d.run_until_idle()
    assert sorted(o.post_id for o in outcomes) == due
    assert {o.status for o in outcomes} == {"published"}
    for pid in due:
        post = store.get(dcal.unit, pid)
        assert post.status == Status.PUBLISHED and post.external_id and post.url
        assert post.claimed_by is None and post.lease_until is None
    assert [store.get(dcal.unit, i).status for i in later] == [Status.APPROVED] * 3
    assert d.tick() == clock.now + timedelta(minutes=5)  # the next wake-up
    live = fakes.live()
    assert len(live["facebook"]) == 2 and len(live["zalo"]) == 2 and len(live["bang-tin"]) == 2
    clock.now += timedelta(minutes=5)
    d.run_until_idle()
    assert [store.get(dcal.unit, i).status for i in later] == [Status.PUBLISHED] * 3


def test_cancel_just_before_due_is_respected(store, clock: Clock, dcal, pubs, fakes):
    ids = add_posts(store, dcal, clock.now + timedelta(seconds=1), 1)
    d = Dispatcher(store, dcal, pubs, actor="test", synchronous=True)
    assert d.tick() == clock.now + timedelta(seconds=1)
    store.move(dcal.unit, ids[:1], CANCEL, actor="tui", reason="sai nội dung")
    clock.now += timedelta(seconds=1)
    d.run_until_idle()
    assert store.get(dcal.unit, ids[0]).status == "cancelled"
    assert all(store.get(dcal.unit, i).status == Status.PUBLISHED for i in ids[1:])
    assert len(fakes.graph.posts) == 0


def test_prepare_draws_the_cards_of_posts_due_soon(store, clock: Clock, dcal, pubs):
    from campaigns.render import stats

    add_posts(store, dcal, clock.now + timedelta(minutes=5), 2)
    add_posts(store, dcal, clock.now + timedelta(hours=5), 1)
    d = Dispatcher(store, dcal, pubs, actor="test", synchronous=True)
    before = stats.rendered
    assert d.prepare() == 6
    assert stats.rendered > before
    drawn = stats.rendered
    d.prepare()
    assert stats.rendered == drawn  # cached: nothing drawn twice
