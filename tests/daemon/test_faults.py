"""Faults injected at the fake servers: everything that can succeed does, the rest ends
in a clear state with its reason. Injected clock: retries are driven by moving it."""

from __future__ import annotations

from datetime import timedelta

import pytest

from campaigns.daemon.dispatcher import Dispatcher
from campaigns.daemon.status import gather
from campaigns.store.lifecycle import Status
from tests.conftest import Clock
from tests.daemon.conftest import add_posts
from tests.daemon.test_crash import assert_exactly_once


def drain(d: Dispatcher, clock: Clock, store, unit, minutes: int = 120) -> None:
    """Tick, then jump to each next wake-up, until nothing is left or time runs out."""
    end = clock.now + timedelta(minutes=minutes)
    while clock.now < end:
        d.run_until_idle()
        nxt = d.tick()
        if nxt is None:
            return
        clock.now = max(clock.now, nxt)


@pytest.mark.parametrize(
    "inject",
    [
        pytest.param(lambda f: f.graph.fail(503, times=2, path="/photos"), id="5xx"),
        pytest.param(lambda f: f.zalo.fail(502, times=2, path="/article/create"), id="zalo-5xx"),
        pytest.param(lambda f: f.graph.drop(times=2, path="/photos"), id="dropped"),
        pytest.param(lambda f: f.zalo.drop(path="/article/verify"), id="dropped-verify"),
        pytest.param(lambda f: f.zalo.rate_limit(path="/article/create"), id="zalo-rate"),
    ],
)
def test_transient_faults_end_published_once(inject, store, clock, dcal, pubs, fakes):
    ids = add_posts(store, dcal, clock.now, 3)
    inject(fakes)
    d = Dispatcher(store, dcal, pubs, actor="test", synchronous=True)
    drain(d, clock, store, dcal.unit)
    assert_exactly_once(store, dcal.unit, ids, fakes)
    retried = [o for o in d.outcomes if o.status == "retry"]
    assert retried and all(o.retry_at and o.retry_at > o_time(store, o) for o in retried)


def o_time(store, outcome):
    return store.get("kien-an", outcome.post_id).due_at


def test_timeout_after_the_platform_did_the_work_is_reconciled(
    make_daemon_cal, store, clock, fakes, secrets
):
    from campaigns.publishing import open_publishers

    cal = make_daemon_cal()
    text = cal.path.read_text("utf-8").replace(
        "recent_limit = 100", "recent_limit = 100\ntimeout = 0.3"
    )
    cal.path.write_text(text, "utf-8")
    from campaigns.config import load_calendar

    cal = load_calendar(cal.path)
    pubs = open_publishers(cal, secrets, clock=clock)
    ids = add_posts(store, cal, clock.now, 2, channels=("facebook",))
    fakes.graph.answer_delay = 0.6  # live on the Page, but the answer comes too late
    d = Dispatcher(store, cal, pubs, actor="test", synchronous=True)
    d.run_until_idle()
    assert {o.status for o in d.outcomes} == {"retry"}
    fakes.graph.answer_delay = 0
    drain(d, clock, store, cal.unit)
    assert [store.get(cal.unit, i).status for i in ids] == [Status.PUBLISHED, Status.PUBLISHED]
    assert len(fakes.graph.posts) == 2  # found by find_existing, not posted twice
    for p in pubs.values():
        p.close()


def test_rate_limit_honours_the_stated_wait_and_holds_the_channel(store, clock, dcal, pubs, fakes):
    ids = add_posts(store, dcal, clock.now, 3, channels=("facebook", "zalo"))
    fakes.graph.rate_limit(minutes=5, path="/photos")
    d = Dispatcher(store, dcal, pubs, actor="test", synchronous=True)
    d.run_until_idle()
    start = clock.now
    fb = [store.get(dcal.unit, i) for i in ids if store.get(dcal.unit, i).channel == "facebook"]
    waiting = [p for p in fb if p.status == Status.APPROVED]
    assert waiting and all(p.next_attempt_at >= start + timedelta(minutes=5) for p in waiting[:1])
    assert all(
        store.get(dcal.unit, i).status == Status.PUBLISHED
        for i in ids
        if store.get(dcal.unit, i).channel == "zalo"
    )
    state = d.states.get("facebook")
    assert state is not None and state.blocked_until >= start + timedelta(minutes=5)
    assert d.tick() >= start + timedelta(minutes=5)  # sleeps until the platform's wait ends
    clock.now = start + timedelta(minutes=4)
    d.run_until_idle()
    assert len(fakes.graph.posts) == 0  # nothing sent while the channel is held
    drain(d, clock, store, dcal.unit)
    assert_exactly_once(store, dcal.unit, ids, fakes)


def test_zalo_token_expiry_mid_run_is_refreshed_once(store, clock, dcal, pubs, fakes, secrets):
    ids = add_posts(store, dcal, clock.now, 2, channels=("zalo",))
    d = Dispatcher(store, dcal, pubs, actor="test", synchronous=True)
    d.run_until_idle()
    fakes.zalo.expire_tokens()
    more = add_posts(store, dcal, clock.now, 2, channels=("zalo",))
    d.run_until_idle()
    assert fakes.zalo.refreshes == 1
    assert secrets.data["zalo"]["refresh_token"] != fakes.refresh  # rotated and stored
    assert_exactly_once(store, dcal.unit, ids + more, fakes)


def test_auth_error_pauses_the_channel_with_an_alert(store, clock, dcal, pubs, fakes, secrets):
    ids = add_posts(store, dcal, clock.now, 2, channels=("facebook", "bang-tin"))
    fakes.graph.revoke_tokens()
    d = Dispatcher(store, dcal, pubs, actor="test", synchronous=True)
    d.run_until_idle()
    posts = [store.get(dcal.unit, i) for i in ids]
    fb = [p for p in posts if p.channel == "facebook"]
    assert all(
        p.status == Status.APPROVED and p.error_kind == "auth" for p in fb
    )  # kept, not failed
    assert all(p.status == Status.PUBLISHED for p in posts if p.channel == "bang-tin")
    requests = len(fakes.graph.requests)
    d.run_until_idle()
    assert len(fakes.graph.requests) == requests  # no retrying against a dead token
    st = gather(store, dcal.unit)
    paused = [c for c in st.channels if c.paused]
    assert [c.channel for c in paused] == ["facebook"] and "set-token" in paused[0].reason
    # the officer reconnects: token care sees the channel work again and resumes it
    from campaigns.daemon import tokens

    fakes.graph.page_token = "EAAB" + "n" * 40
    secrets.data["facebook"]["page_token"] = fakes.graph.page_token
    tokens.care(pubs, d.states, clock.now, warning_days=7, tz=dcal.tz)
    drain(d, clock, store, dcal.unit)
    assert_exactly_once(store, dcal.unit, ids, fakes)


def test_rejected_content_fails_with_the_reason(store, clock, dcal, pubs, fakes, monkeypatch):
    ids = add_posts(store, dcal, clock.now, 1, channels=("facebook",))
    graph = fakes.graph

    def refuse(request):
        return graph.error(400, 368, "The action attempted has been deemed abusive")

    monkeypatch.setattr(graph, "handle", refuse)
    d = Dispatcher(store, dcal, pubs, actor="test", synchronous=True)
    d.run_until_idle()
    post = store.get(dcal.unit, ids[0])
    assert post.status == Status.FAILED and post.error_kind == "rejected" and post.error
    assert d.tick() is None  # nothing left to do: not retried


def test_transient_errors_give_up_after_max_attempts(store, clock, make_daemon_cal, fakes, secrets):
    from campaigns.publishing import open_publishers

    cal = make_daemon_cal("max_attempts = 3\n")
    pubs = open_publishers(cal, secrets, clock=clock)
    ids = add_posts(store, cal, clock.now, 1, channels=("facebook",))
    fakes.graph.fail(503, times=100)
    d = Dispatcher(store, cal, pubs, actor="test", synchronous=True)
    drain(d, clock, store, cal.unit, minutes=50)
    post = store.get(cal.unit, ids[0])
    assert post.status == Status.FAILED and post.attempts == 3 and "Đã thử 3 lần" in post.error
    for p in pubs.values():
        p.close()
