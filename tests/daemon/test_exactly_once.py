"""Exactly once on the ordinary paths where it used to break: a lost answer followed by the
officer's reschedule or edit, "publish now" racing the daemon, an unexpected publisher
error, a post that goes stale while it waits. Real HTTP against the fake Graph API."""

from __future__ import annotations

import threading
from datetime import timedelta
from typing import Any, ClassVar

import pytest

from campaigns.daemon import tokens
from campaigns.daemon.dispatcher import Dispatcher
from campaigns.errors import UserError
from campaigns.publishing import attempt, publish_now, queue
from campaigns.store.edits import edit_caption
from campaigns.store.lifecycle import Status
from publishers.base import Capabilities, Publisher, PublishRequest, Receipt
from tests.daemon.conftest import add_posts, wait_for


def photo_posts(fakes) -> list[Any]:
    return [r for r in fakes.graph.requests if r.method == "POST" and r.path.endswith("/photos")]


def lose_the_answer(store, clock, dcal, pubs, fakes) -> tuple[Dispatcher, int]:
    """One Facebook post goes live but its answer is lost: a retry is scheduled."""
    (pid,) = add_posts(store, dcal, clock.now, 1, channels=("facebook",))
    fakes.graph.drop(after=True, path="/photos")
    d = Dispatcher(store, dcal, pubs, actor="daemon:test", synchronous=True)
    (outcome,) = d.run_until_idle()
    assert outcome.status == "retry" and len(fakes.graph.posts) == 1
    post = store.get(dcal.unit, pid)
    assert post.status == Status.APPROVED and post.maybe_live and post.next_attempt_at
    return d, pid


def test_reschedule_after_a_lost_answer_does_not_post_twice(store, clock, dcal, pubs, fakes):
    d, pid = lose_the_answer(store, clock, dcal, pubs, fakes)
    when = clock.now + timedelta(hours=1)
    post = store.reschedule(dcal.unit, pid, when, actor="tui:lan", tz=dcal.tz)
    assert post.attempts == 0 and post.maybe_live  # the counter restarts, the doubt stays
    clock.now = when
    (outcome,) = d.run_until_idle()[1:]
    assert outcome.status == "published" and "không đăng lại" in outcome.message
    assert len(fakes.graph.posts) == 1 and len(photo_posts(fakes)) == 1
    post = store.get(dcal.unit, pid)
    assert post.status == Status.PUBLISHED and not post.maybe_live
    assert post.external_id == fakes.graph.posts[0]["id"]
    assert "từ lần thử trước" in store.history(dcal.unit, pid)[-1].reason


def test_an_edit_while_a_retry_is_pending_does_not_post_twice(store, clock, dcal, pubs, fakes):
    d, pid = lose_the_answer(store, clock, dcal, pubs, fakes)
    edit_caption(store, dcal.unit, pid, {"text": "Chú thích đã sửa sau khi mất kết nối"},
                 actor="tui:lan")  # fmt: skip
    clock.now = store.get(dcal.unit, pid).next_attempt_at
    (outcome,) = d.run_until_idle()[1:]
    assert outcome.status == "published"
    assert len(fakes.graph.posts) == 1 and len(photo_posts(fakes)) == 1


def test_publish_now_after_a_lost_answer_asks_the_platform_first(store, clock, dcal, pubs, fakes):
    _d, pid = lose_the_answer(store, clock, dcal, pubs, fakes)
    outcome = publish_now(store, dcal, pubs, pid, actor="cli:lan")
    assert outcome.status == "published" and len(photo_posts(fakes)) == 1


def test_a_failed_reconciliation_publishes_nothing_and_keeps_the_doubt(
    store, clock, dcal, pubs, fakes
):
    d, pid = lose_the_answer(store, clock, dcal, pubs, fakes)
    fakes.graph.fail(503, times=3, path="/posts")  # the look-up fails, retries included
    clock.now = store.get(dcal.unit, pid).next_attempt_at
    (outcome,) = d.run_until_idle()[1:]
    assert outcome.status == "retry"
    assert len(photo_posts(fakes)) == 1 and store.get(dcal.unit, pid).maybe_live


def test_not_found_then_a_definite_refusal_clears_the_doubt(store, clock, dcal, pubs, fakes):
    (pid,) = add_posts(store, dcal, clock.now, 1, channels=("facebook",), maybe_live=True)
    edit_caption(store, dcal.unit, pid, {"text": "x" * 70_000}, actor="tui:lan")  # too long
    d = Dispatcher(store, dcal, pubs, actor="daemon:test", synchronous=True)
    (outcome,) = d.run_until_idle()
    assert outcome.status == "failed" and outcome.error_kind == "rejected"
    assert [r.method for r in fakes.graph.requests] == ["GET"]  # asked, then refused locally
    assert not store.get(dcal.unit, pid).maybe_live


class _Gate:
    """Holds the fake's answer to the first photo upload until released."""

    def __init__(self, fakes) -> None:
        self.arrived = threading.Event()
        self.release = threading.Event()
        graph = fakes.graph
        original = graph.handle

        def handle(request):
            if request.method == "POST" and request.path.endswith("/photos"):
                self.arrived.set()
                assert self.release.wait(30)
            return original(request)

        graph.handle = handle  # type: ignore[method-assign]


def test_publish_now_while_the_daemon_holds_the_post_is_refused(store, clock, dcal, pubs, fakes):
    (pid,) = add_posts(store, dcal, clock.now, 1, channels=("facebook",))
    gate = _Gate(fakes)
    d = Dispatcher(store, dcal, pubs, actor="daemon:test", synchronous=True)
    daemon = threading.Thread(target=d.run_until_idle)
    daemon.start()
    try:
        assert gate.arrived.wait(30)  # the daemon is mid-publish
        with pytest.raises(UserError, match=r"đang đăng|nơi khác"):
            publish_now(store, dcal, pubs, pid, actor="tui:lan")
    finally:
        gate.release.set()
        daemon.join(30)
    assert store.get(dcal.unit, pid).status == Status.PUBLISHED
    assert len(fakes.graph.posts) == 1 and len(photo_posts(fakes)) == 1


def test_the_daemon_leaves_a_post_the_officer_is_publishing(store, clock, dcal, pubs, fakes):
    (pid,) = add_posts(store, dcal, clock.now + timedelta(minutes=1), 1, channels=("facebook",))
    gate = _Gate(fakes)
    result: list[Any] = []
    officer = threading.Thread(
        target=lambda: result.append(publish_now(store, dcal, pubs, pid, actor="tui:lan"))
    )
    officer.start()
    try:
        assert gate.arrived.wait(30)
        clock.now += timedelta(minutes=1)  # now due: the daemon would take it if it could
        d = Dispatcher(store, dcal, pubs, actor="daemon:test", synchronous=True)
        assert d.run_until_idle() == []
    finally:
        gate.release.set()
        officer.join(30)
    assert result[0].status == "published"
    assert len(fakes.graph.posts) == 1 and len(photo_posts(fakes)) == 1


def test_an_unexpected_publisher_error_pauses_the_channel_then_asks_before_sending(
    store, clock, dcal, pubs, fakes
):
    (pid,) = add_posts(store, dcal, clock.now, 1, channels=("facebook",))
    facebook = pubs["facebook"]
    real = facebook.publish
    calls = 0

    def broken(request: PublishRequest) -> Receipt:
        nonlocal calls
        calls += 1
        real(request)  # the post goes live, then the plug-in trips over its own feet
        raise KeyError("post_id")

    facebook.publish = broken  # type: ignore[method-assign]
    d = Dispatcher(store, dcal, pubs, actor="daemon:test", synchronous=True)
    (outcome,) = d.run_until_idle()
    assert outcome.status == "paused" and outcome.error_kind == "unknown"
    post = store.get(dcal.unit, pid)
    assert post.status == Status.APPROVED and post.maybe_live
    assert d.states.get("facebook").paused and "KeyError" in d.states.get("facebook").reason
    tokens.care(pubs, d.states, clock.now, warning_days=7, tz=dcal.tz)  # it answers: resumed
    (outcome,) = d.run_until_idle()[1:]
    assert outcome.status == "published" and calls == 1 and len(fakes.graph.posts) == 1


def test_a_post_that_goes_stale_after_its_claim_is_not_published(
    store, clock, dcal, pubs, fakes, monkeypatch
):
    (pid,) = add_posts(store, dcal, clock.now, 1, channels=("facebook",))
    real_claim = queue.claim

    def slow_claim(*args: Any, **kwargs: Any):
        claimed = real_claim(*args, **kwargs)
        clock.now += timedelta(hours=3)  # the worker only got to it hours later
        return claimed

    monkeypatch.setattr(queue, "claim", slow_claim)
    d = Dispatcher(store, dcal, pubs, actor="daemon:test", synchronous=True)
    (outcome,) = d.run_until_idle()
    assert outcome.status == "missed" and fakes.graph.requests == []
    assert store.get(dcal.unit, pid).status == Status.MISSED


def test_a_claim_lost_during_a_slow_reconciliation_is_not_published_twice(
    store, clock, dcal, pubs, fakes, monkeypatch
):
    """A lost answer, then a reconciliation so slow that the lease runs out and another
    daemon takes the post: the slow one must not write to the platform after its look-up
    (that left two Zalo articles under load); the new holder publishes once."""
    d, pid = lose_the_answer(store, clock, dcal, pubs, fakes)
    fakes.graph.posts.clear()  # the earlier one is gone from the page: a retry must send
    fakes.graph.requests.clear()
    clock.now = store.get(dcal.unit, pid).next_attempt_at
    lease = dcal.config.daemon.lease_seconds
    facebook = pubs["facebook"]
    real_find = facebook.find_existing
    taken_over: list[int] = []

    def slow_find(request: PublishRequest) -> Receipt | None:
        found = real_find(request)
        clock.now += timedelta(seconds=lease + 1)  # starved past the lease
        taken_over.extend(queue.expire(store, dcal.unit, actor="daemon:other"))
        assert queue.claim(store, dcal.unit, "facebook", 1, actor="daemon:other", lease=lease)
        return found

    monkeypatch.setattr(facebook, "find_existing", slow_find)
    (outcome,) = d.run_until_idle()[1:]
    assert taken_over == [pid]
    assert outcome.status == "lost" and photo_posts(fakes) == []
    post = store.get(dcal.unit, pid)
    assert post.status == Status.PUBLISHING and post.claimed_by == "daemon:other"
    monkeypatch.setattr(facebook, "find_existing", real_find)
    assert attempt(store, dcal, facebook, post, actor="daemon:other").status == "published"
    assert len(photo_posts(fakes)) == 1


class _Blind(Publisher):
    """A plug-in that cannot look its posts up on the platform."""

    type_name = "blind"
    label = "Kênh không tra cứu được"
    capabilities: ClassVar[Capabilities] = Capabilities(find_existing=False)
    sent: ClassVar[list[str]] = []

    def publish(self, request: PublishRequest) -> Receipt:
        self.sent.append(request.key)
        return Receipt(request.key, "https://example.vn/x", self._clock())


def test_a_post_that_may_be_live_on_a_channel_that_cannot_look_waits_for_the_officer(
    store, clock, dcal, secrets
):
    (pid,) = add_posts(store, dcal, clock.now, 1, channels=("facebook",), maybe_live=True)
    (post,) = queue.claim(store, dcal.unit, "facebook", 1, actor="daemon:t", lease=60)
    blind = _Blind("facebook", {}, secrets, clock=clock)
    outcome = attempt(store, dcal, blind, post, actor="daemon:t")
    assert outcome.status == "failed" and outcome.error_kind == "maybe_live"
    assert _Blind.sent == []
    row = store.get(dcal.unit, pid)
    assert row.status == Status.FAILED and row.maybe_live and "xác nhận" in (row.error or "")


def test_every_publish_path_goes_through_a_claim(store, clock, dcal, pubs, fakes):
    """Publish-now of a post the daemon holds is refused before anything is sent."""
    (pid,) = add_posts(store, dcal, clock.now, 1, channels=("facebook",))
    queue.claim(store, dcal.unit, "facebook", 1, actor="daemon:other", lease=600)
    with pytest.raises(UserError):
        publish_now(store, dcal, pubs, pid, actor="cli:lan")
    assert wait_for(lambda: True) and fakes.graph.requests == []
