"""Moves between states: allowed ones happen and are recorded, the rest are refused."""

from __future__ import annotations

from datetime import UTC, date, datetime, time, timedelta

import pytest
from sqlalchemy import update

from campaigns.errors import UserError
from campaigns.store import Store
from campaigns.store.lifecycle import APPROVE, CANCEL, TO_DRAFT, Status
from campaigns.store.models import Post
from tests.store.test_plan_store import plan


@pytest.fixture
def planned(any_store: Store, cal):
    plan(any_store, cal, date(2026, 3, 1), date(2026, 3, 14))
    return any_store, [p.id for p in any_store.posts(cal.unit)]


def test_approve_records_who_when_and_why(planned, cal, clock) -> None:
    store, ids = planned
    result = store.move(cal.unit, ids[:3], APPROVE, actor="cli:lan", reason="duyệt tuần")
    assert sorted(result.changed) == sorted(ids[:3]) and not result.refused
    history = store.history(cal.unit, ids[0])
    assert [(t.from_status, t.to_status, t.actor, t.reason) for t in history] == [
        (Status.DRAFT, Status.APPROVED, "cli:lan", "duyệt tuần")
    ]
    assert history[0].at == clock.now


def test_refused_and_missing_are_reported_not_raised(planned, cal) -> None:
    store, ids = planned
    store.move(cal.unit, [ids[0]], CANCEL, actor="t")
    result = store.move(cal.unit, [ids[0], ids[1], 999_999], APPROVE, actor="t")
    assert result.changed == [ids[1]]
    assert result.refused == {ids[0]: Status.CANCELLED}
    assert result.missing == [999_999]
    lines = result.problems(APPROVE)
    assert "Không có bài số 999999." in lines
    assert f"Bài số {ids[0]} đang ở trạng thái 'đã hủy', không thể duyệt." in lines


def test_compare_and_set_loses_nothing_when_someone_moved_first(planned, cal) -> None:
    store, ids = planned
    with store.session() as s, s.begin():
        # the daemon (say) moved it between our read and our write
        s.execute(update(Post).where(Post.id == ids[0]).values(status=Status.CANCELLED))
    result = store.move(cal.unit, [ids[0]], TO_DRAFT, actor="t")
    assert result.changed == [] and ids[0] in result.refused


def test_other_units_posts_are_invisible(planned, cal) -> None:
    store, ids = planned
    result = store.move("another-ward", ids[:2], APPROVE, actor="t")
    assert result.missing == ids[:2]
    with pytest.raises(UserError, match="Không có bài số"):
        store.get("another-ward", ids[0])


def test_reschedule_keeps_drafts_and_requeues_approved(planned, cal) -> None:
    store, ids = planned
    when = datetime.combine(date(2026, 3, 20), time(8, 15), tzinfo=cal.tz)
    post = store.reschedule(cal.unit, ids[0], when, actor="t", tz=cal.tz)
    assert post.status == Status.DRAFT and post.edited and post.due_at == when
    store.move(cal.unit, [ids[1]], APPROVE, actor="t")
    later = store.reschedule(cal.unit, ids[1], when + timedelta(hours=1), actor="t", tz=cal.tz)
    assert later.status == Status.APPROVED
    reason = store.history(cal.unit, ids[0])[-1].reason
    assert reason.endswith("sang 20/03/2026 08:15 (UTC+7)")
    store.move(cal.unit, [ids[2]], CANCEL, actor="t")
    with pytest.raises(UserError, match="không thể dời lịch"):
        store.reschedule(cal.unit, ids[2], when, actor="t", tz=cal.tz)


def test_reschedule_refuses_a_time_already_past(planned, cal) -> None:
    store, ids = planned
    store.move(cal.unit, [ids[0]], APPROVE, actor="t")
    before = store.get(cal.unit, ids[0])
    history = len(store.history(cal.unit, ids[0]))
    now = datetime(2026, 3, 2, 0, 30, 40, tzinfo=UTC)  # 07:30:40 in the ward
    past = datetime(2020, 1, 1, 7, 30, tzinfo=cal.tz)
    with pytest.raises(UserError) as info:
        store.reschedule(cal.unit, ids[0], past, actor="t", tz=cal.tz, now=now)
    assert info.value.message == (
        "Giờ mới 01/01/2020 07:30 đã qua; chọn một giờ sau bây giờ (02/03/2026 07:30 (UTC+7))."
    )
    with pytest.raises(UserError, match="đã qua"):  # a minute ago
        store.reschedule(cal.unit, ids[0], now - timedelta(seconds=41), actor="t", tz=cal.tz,
                         now=now)  # fmt: skip
    after = store.get(cal.unit, ids[0])
    assert (after.due_at, after.status, after.edited) == (before.due_at, before.status, False)
    assert len(store.history(cal.unit, ids[0])) == history
    later = datetime(2026, 3, 2, 9, 0, tzinfo=cal.tz)  # away from this minute first
    store.reschedule(cal.unit, ids[0], later, actor="t", tz=cal.tz, now=now)
    this_minute = datetime(2026, 3, 2, 7, 30, tzinfo=cal.tz)  # typed as "now": accepted
    moved = store.reschedule(cal.unit, ids[0], this_minute, actor="t", tz=cal.tz, now=now)
    assert moved.due_at == this_minute and moved.status == Status.APPROVED
