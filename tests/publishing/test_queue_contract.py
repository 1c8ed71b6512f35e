"""The queue's contract, on SQLite and on the real PostgreSQL (skipped with the reason when
it is not running), the way APScheduler tests every data store: claim order, ownership,
compare-and-set of every move, lease boundaries, limits, recovery, reschedule vs missed,
and what each move does to ``maybe_live``."""

from __future__ import annotations

import itertools
from datetime import timedelta
from typing import Any

import pytest
from sqlalchemy import insert, update

from campaigns.errors import UserError
from campaigns.publishing import queue
from campaigns.store import Store
from campaigns.store.edits import edit_caption
from campaigns.store.lifecycle import CANCEL, PUBLISH_NOW, RETRY, TO_DRAFT, Status
from campaigns.store.models import POST_TABLE
from publishers.base import Receipt

UNIT = "kien-an"
LEASE = 60.0
_SERIAL = itertools.count()


@pytest.fixture
def store(any_store: Store) -> Store:
    return any_store


def add(store: Store, due_in: float = -1.0, *, channel: str = "facebook", unit: str = UNIT,
        status: str = Status.APPROVED, **extra: Any) -> int:  # fmt: skip
    """One post due ``due_in`` seconds from the store's now."""
    now = store.clock()
    due = now + timedelta(seconds=due_in)
    row = {
        "unit": unit, "campaign": "nq72", "channel": channel,
        "slot_key": f"{channel}|{next(_SERIAL)}", "slot_at": due, "content_id": "s01",
        "kind": "slogan", "text": "Khẩu hiệu", "due_at": due, "status": status,
        "edited": False, "attempts": 0, "maybe_live": False, "created_at": now,
        "created_by": "test", "updated_at": now, **extra,
    }  # fmt: skip
    with store.session() as s, s.begin():
        return int(s.execute(insert(POST_TABLE).returning(POST_TABLE.c.id), [row]).scalar_one())


def get(store: Store, pid: int):
    return store.get(UNIT, pid)


def claim(store: Store, actor: str = "daemon:a", limit: int = 10, channel: str = "facebook"):
    return queue.claim(store, UNIT, channel, limit, actor=actor, lease=LEASE)


def receipt(store: Store, ext: str = "100_1") -> Receipt:
    return Receipt(external_id=ext, url=f"https://www.facebook.com/{ext}", at=store.clock())


# -- claim --------------------------------------------------------------------------------


def test_claim_takes_the_oldest_due_first_then_the_lowest_id(store, clock):
    middle = add(store, -20)
    newest = add(store, -10)
    oldest = add(store, -30)
    tie = add(store, -20)  # same due time as ``middle``, higher id
    order = [claim(store, limit=1)[0].id for _ in range(4)]
    assert order == [oldest, middle, tie, newest]


def test_claim_respects_the_limit_and_returns_oldest_first(store):
    ids = [add(store, -i) for i in range(5, 0, -1)]
    assert claim(store, limit=0) == []
    got = claim(store, limit=3)
    assert [p.id for p in got] == ids[:3]
    assert [p.id for p in claim(store, limit=10)] == ids[3:]


def test_claim_takes_only_ready_approved_posts_of_its_unit_and_channel(store, clock):
    ready = add(store, -1)
    add(store, +5)  # not due yet
    add(store, -1, next_attempt_at=clock.now + timedelta(seconds=30))  # retry later
    add(store, -1, channel="zalo")
    add(store, -1, unit="another-ward")
    for status in Status:
        if status != Status.APPROVED:
            add(store, -1, status=status)
    assert [p.id for p in claim(store)] == [ready]
    assert claim(store) == []


def test_a_claim_is_held_with_a_lease_and_counts_an_attempt(store, clock):
    pid = add(store, -1)
    (post,) = claim(store, actor="daemon:a")
    row = get(store, pid)
    assert row.status == Status.PUBLISHING and row.claimed_by == "daemon:a"
    assert row.lease_until == clock.now + timedelta(seconds=LEASE)
    assert row.attempts == 1 and post.attempts == 1
    assert claim(store, actor="daemon:b") == []  # nobody else gets it


def test_a_post_retried_later_becomes_ready_at_its_retry_time(store, clock):
    pid = add(store, -60, next_attempt_at=clock.now + timedelta(seconds=30))
    counts, nxt = queue.ready_channels(store, UNIT)
    assert counts == {} and nxt == clock.now + timedelta(seconds=30)
    clock.now += timedelta(seconds=30)
    counts, _ = queue.ready_channels(store, UNIT)
    assert counts == {"facebook": (1, get(store, pid).due_at)}
    assert [p.id for p in claim(store)] == [pid]


def test_ready_at_its_boundaries_and_the_next_wake_up(store, clock):
    """Due and retry times are inclusive; a retry time before the due time changes
    nothing; the next wake-up is the first future due or retry time."""
    now = clock.now
    on_time = add(store, 0)  # due exactly now
    retried = add(store, -60, next_attempt_at=now)  # retry exactly now
    early_retry = add(store, +50, next_attempt_at=now - timedelta(seconds=5))  # not due yet
    add(store, -60, channel="zalo", next_attempt_at=now + timedelta(seconds=40))
    oldest_zalo = add(store, -90, channel="zalo")
    counts, nxt = queue.ready_channels(store, UNIT)
    assert counts == {
        "facebook": (2, get(store, retried).due_at),
        "zalo": (1, get(store, oldest_zalo).due_at),
    }
    assert nxt == now + timedelta(seconds=40)  # the zalo retry, before the 50 s due
    assert sorted(p.id for p in claim(store)) == sorted([on_time, retried])
    clock.now += timedelta(seconds=45)
    counts, nxt = queue.ready_channels(store, UNIT)
    assert counts == {"zalo": (2, get(store, oldest_zalo).due_at)}  # its retry has come
    assert nxt == now + timedelta(seconds=50)
    clock.now += timedelta(seconds=5)
    assert [p.id for p in claim(store)] == [early_retry]


def test_a_note_is_kept_for_the_holder_only_and_cleared_once_published(store):
    from publishers.errors import TransientError

    pid = add(store, -1)
    (post,) = claim(store, actor="daemon:a")
    queue.note(store, post, "zalo-token:T1", actor="daemon:a")
    assert get(store, pid).resume == "zalo-token:T1"
    with pytest.raises(TransientError) as lost:  # another holder: this attempt must stop
        queue.note(store, post, "zalo-token:T2", actor="daemon:b")
    assert lost.value.maybe_live and get(store, pid).resume == "zalo-token:T1"
    queue.release(store, post, actor="daemon:a", reason="thử lại", maybe_live=True)
    assert get(store, pid).resume == "zalo-token:T1"  # the next attempt reads it
    (again,) = claim(store, actor="daemon:b")
    assert again.resume == "zalo-token:T1"
    assert queue.finish_published(store, again, receipt(store), actor="daemon:b")
    assert get(store, pid).resume is None


def test_claim_one_takes_only_what_the_officer_may_publish_now(store):
    for status in Status:
        pid = add(store, +3600, status=status)
        taken = queue.claim_one(store, UNIT, pid, actor="tui:lan", lease=LEASE)
        assert (taken is not None) == PUBLISH_NOW.allows(status), status
        if taken is not None:
            assert get(store, pid).claimed_by == "tui:lan"


def test_claim_one_and_claim_never_both_take_a_post(store):
    pid = add(store, -1)
    assert [p.id for p in claim(store, actor="daemon:a")] == [pid]
    assert queue.claim_one(store, UNIT, pid, actor="cli:lan", lease=LEASE) is None
    other = add(store, -1)
    assert queue.claim_one(store, UNIT, other, actor="cli:lan", lease=LEASE) is not None
    assert claim(store, actor="daemon:a") == []


# -- ownership ------------------------------------------------------------------------------


ENDINGS = {
    "release": lambda s, p, a: queue.release(s, p, actor=a, reason="r", maybe_live=False),
    "failed": lambda s, p, a: queue.finish_failed(
        s, p, actor=a, reason="r", kind="rejected", maybe_live=False
    ),
    "missed": lambda s, p, a: queue.finish_missed(s, p, actor=a, reason="r"),
}


@pytest.mark.parametrize("ending", list(ENDINGS))
def test_only_the_holder_ends_a_claim(store, ending):
    pid = add(store, -1)
    (post,) = claim(store, actor="daemon:a")
    assert ENDINGS[ending](store, post, "daemon:b") is False
    row = get(store, pid)
    assert row.status == Status.PUBLISHING and row.claimed_by == "daemon:a"
    assert ENDINGS[ending](store, post, "daemon:a") is True
    assert get(store, pid).status != Status.PUBLISHING


@pytest.mark.parametrize("ending", list(ENDINGS))
def test_a_holder_whose_lease_ran_out_cannot_overwrite_the_next_claim(store, clock, ending):
    pid = add(store, -1)
    (stale,) = claim(store, actor="daemon:a")
    clock.now += timedelta(seconds=LEASE + 1)
    assert queue.expire(store, UNIT, actor="daemon:b") == [pid]
    (mine,) = claim(store, actor="daemon:b")
    assert ENDINGS[ending](store, stale, "daemon:a") is False
    row = get(store, pid)
    assert row.status == Status.PUBLISHING and row.claimed_by == "daemon:b"
    assert mine.attempts == 2


# -- leases ---------------------------------------------------------------------------------


def test_a_lease_expires_only_once_it_has_run_out(store, clock):
    pid = add(store, -1)
    claim(store, actor="daemon:a")
    clock.now += timedelta(seconds=LEASE)  # lease_until == now: still held
    assert queue.expire(store, UNIT, actor="daemon:b") == []
    clock.now += timedelta(microseconds=1)
    assert queue.expire(store, UNIT, actor="daemon:b") == [pid]
    row = get(store, pid)
    assert row.status == Status.APPROVED and row.claimed_by is None and row.maybe_live


def test_renew_extends_only_the_leases_this_daemon_holds(store, clock):
    mine, theirs = add(store, -2), add(store, -1)
    claim(store, actor="daemon:a", limit=1)
    claim(store, actor="daemon:b", limit=1)
    clock.now += timedelta(seconds=LEASE - 1)
    assert queue.renew(store, UNIT, actor="daemon:a", lease=LEASE) == 1
    assert get(store, mine).lease_until == clock.now + timedelta(seconds=LEASE)
    clock.now += timedelta(seconds=2)
    assert queue.expire(store, UNIT, actor="daemon:c") == [theirs]


def test_recover_takes_back_only_what_daemons_held(store):
    by_daemon = add(store, -3)
    by_tui, by_cli = add(store, -2), add(store, -1)
    claim(store, actor="daemon:old", limit=1)
    assert queue.claim_one(store, UNIT, by_tui, actor="tui:lan@may", lease=LEASE)
    assert queue.claim_one(store, UNIT, by_cli, actor="cli:lan@may", lease=LEASE)
    assert queue.recover(store, UNIT, actor="daemon:new") == [by_daemon]
    assert get(store, by_daemon).maybe_live
    assert get(store, by_tui).claimed_by == "tui:lan@may"
    assert get(store, by_cli).claimed_by == "cli:lan@may"


def test_recover_treats_daemon_names_literally(store):
    """``daemon:`` is a prefix, not a pattern: an actor named like a LIKE wildcard is safe."""
    pid = add(store, -1)
    assert queue.claim_one(store, UNIT, pid, actor="daemon_x", lease=LEASE)
    assert queue.recover(store, UNIT, actor="daemon:new") == []


# -- missed vs reschedule -------------------------------------------------------------------


def test_a_reschedule_wins_over_the_missed_sweep(store, clock):
    pid = add(store, -7200)
    (late,) = queue.late(store, UNIT, clock.now)
    when = clock.now + timedelta(hours=2)
    store.reschedule(UNIT, pid, when, actor="tui:lan", tz=_tz())
    assert queue.mark_missed(store, late, actor="daemon:a", reason="quá giờ") is False
    row = get(store, pid)
    assert row.status == Status.APPROVED and row.due_at == when


def test_mark_missed_moves_only_approved_posts(store, clock):
    pid = add(store, -7200)
    (late,) = queue.late(store, UNIT, clock.now)
    store.move(UNIT, [pid], CANCEL, actor="tui:lan")
    assert queue.mark_missed(store, late, actor="daemon:a", reason="quá giờ") is False
    assert get(store, pid).status == Status.CANCELLED
    other = add(store, -7200)
    (late,) = queue.late(store, UNIT, clock.now)
    assert queue.mark_missed(store, late, actor="daemon:a", reason="quá giờ") is True
    assert get(store, other).status == Status.MISSED


# -- receipts -------------------------------------------------------------------------------


def test_a_receipt_is_recorded_even_after_the_claim_was_lost(store, clock):
    pid = add(store, -1)
    (post,) = claim(store, actor="daemon:a")
    clock.now += timedelta(seconds=LEASE + 1)
    queue.expire(store, UNIT, actor="daemon:b")  # back in the queue, maybe live
    assert queue.finish_published(store, post, receipt(store), actor="daemon:a") is True
    row = get(store, pid)
    assert row.status == Status.PUBLISHED and row.external_id == "100_1"
    assert not row.maybe_live and row.claimed_by is None
    assert claim(store, actor="daemon:b") == []


def test_a_second_receipt_for_a_published_post_is_refused_and_noted(store):
    pid = add(store, -1)
    (post,) = claim(store)
    assert queue.finish_published(store, post, receipt(store, "100_1"), actor="daemon:a")
    assert not queue.finish_published(store, post, receipt(store, "100_2"), actor="daemon:b")
    assert get(store, pid).external_id == "100_1"
    notes = [t.reason for t in store.history(UNIT, pid)]
    assert any("100_2" in n and "trùng" in n for n in notes)


# -- maybe_live through every move -----------------------------------------------------------


def test_maybe_live_is_set_by_an_unknown_outcome_and_kept_by_the_officers_moves(store, clock):
    pid = add(store, -1)
    (post,) = claim(store)
    later = clock.now + timedelta(seconds=30)
    assert queue.release(store, post, actor="daemon:a", reason="mất kết nối", maybe_live=True,
                         kind="transient", next_attempt_at=later)  # fmt: skip
    assert get(store, pid).maybe_live
    store.reschedule(UNIT, pid, clock.now + timedelta(hours=1), actor="tui", tz=_tz())
    edit_caption(store, UNIT, pid, {"text": "Chú thích mới"}, actor="tui")
    store.move(UNIT, [pid], TO_DRAFT, actor="tui")
    row = get(store, pid)
    assert row.maybe_live and row.attempts == 0 and row.status == Status.DRAFT


def test_maybe_live_is_cleared_only_by_a_definite_answer(store, clock):
    pid = add(store, -1, maybe_live=True)
    (post,) = claim(store)
    queue.finish_missed(store, post, actor="daemon:a", reason="quá giờ")  # nothing was sent
    assert get(store, pid).maybe_live
    store.move(UNIT, [pid], RETRY, actor="tui")
    (post,) = claim(store)
    queue.finish_failed(store, post, actor="daemon:a", reason="r", kind="rejected",
                        maybe_live=False)  # fmt: skip
    assert not get(store, pid).maybe_live


def test_the_officer_resolves_a_post_that_may_be_live(store):
    live = add(store, -1, status=Status.FAILED, maybe_live=True)
    gone = add(store, -1, status=Status.FAILED, maybe_live=True)
    store.mark_live(UNIT, live, "https://www.facebook.com/100_9", actor="tui:lan")
    row = get(store, live)
    assert row.status == Status.PUBLISHED and row.url.endswith("100_9") and not row.maybe_live
    store.confirm_not_live(UNIT, gone, actor="tui:lan", reason="đã xem trang")
    row = get(store, gone)
    assert row.status == Status.FAILED and not row.maybe_live
    trail = [(t.from_status, t.to_status, t.actor) for t in store.history(UNIT, live)]
    assert trail[-1] == (Status.FAILED, Status.PUBLISHED, "tui:lan")
    assert "đã xem trang" in store.history(UNIT, gone)[-1].reason
    with pytest.raises(UserError, match="không cần xác nhận"):
        store.confirm_not_live(UNIT, gone, actor="tui:lan")


def test_nobody_resolves_a_post_while_it_is_being_published(store):
    pid = add(store, -1, maybe_live=True)
    claim(store)
    with pytest.raises(UserError, match="đang đăng"):
        store.mark_live(UNIT, pid, "https://www.facebook.com/1", actor="tui")
    with pytest.raises(UserError, match="đang đăng"):
        store.confirm_not_live(UNIT, pid, actor="tui")


# -- compare-and-set -------------------------------------------------------------------------


def test_every_queue_move_is_a_compare_and_set_on_the_row(store, clock):
    """A move prepared on a stale read changes nothing: the row moved meanwhile."""
    pid = add(store, -7200)
    (late,) = queue.late(store, UNIT, clock.now)
    with store.session() as s, s.begin():  # someone else took it meanwhile
        s.execute(update(POST_TABLE).where(POST_TABLE.c.id == pid).values(
            status=Status.PUBLISHING, claimed_by="daemon:z"))  # fmt: skip
    assert queue.mark_missed(store, late, actor="daemon:a", reason="r") is False
    assert queue.claim_one(store, UNIT, pid, actor="tui", lease=LEASE) is None
    assert claim(store) == []
    assert get(store, pid).claimed_by == "daemon:z"


def _tz():
    from zoneinfo import ZoneInfo

    return ZoneInfo("Asia/Ho_Chi_Minh")
