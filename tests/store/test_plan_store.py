"""Planning into the store: idempotent, supersedes untouched drafts only, on SQLite and
PostgreSQL alike."""

from __future__ import annotations

from datetime import date, datetime, time, timedelta
from pathlib import Path

from campaigns.config import WardCalendar, load_calendar
from campaigns.store import Store
from campaigns.store.lifecycle import APPROVE, CANCEL, Status
from campaigns.store.plan import PlanResult, plan_range


def plan(store: Store, cal: WardCalendar, start: date, end: date) -> PlanResult:
    return plan_range(store, cal, start, end)


def statuses(store: Store, unit: str) -> dict[str, int]:
    return store.counts(unit)


def test_planning_twice_adds_nothing(any_store: Store, cal: WardCalendar) -> None:
    first = plan(any_store, cal, date(2026, 1, 1), date(2026, 6, 30))
    assert first.added > 200 and first.superseded == 0
    second = plan(any_store, cal, date(2026, 1, 1), date(2026, 6, 30))
    assert (second.added, second.superseded, second.revived) == (0, 0, 0)
    assert second.unchanged == first.added
    # overlapping ranges agree too
    third = plan(any_store, cal, date(2026, 3, 1), date(2026, 9, 30))
    assert third.superseded == 0 and third.unchanged > 0


def test_times_are_stored_utc_and_read_back_aware(any_store: Store, cal: WardCalendar) -> None:
    plan(any_store, cal, date(2026, 4, 7), date(2026, 4, 7))
    post = any_store.posts(cal.unit, channel="facebook")[0]
    assert post.due_at.utcoffset() == timedelta(0)
    assert post.due_at.astimezone(cal.tz).strftime("%d/%m/%Y %H:%M") == "07/04/2026 07:30"
    assert post.kind == "peak" and post.peak == "Ngày Sức khỏe toàn dân"


def _edit(calendar_file: Path, old: str, new: str) -> WardCalendar:
    text = calendar_file.read_text(encoding="utf-8")
    assert old in text
    calendar_file.write_text(text.replace(old, new), encoding="utf-8")
    return load_calendar(calendar_file)


def test_calendar_change_supersedes_drafts_but_never_touched_posts(
    any_store: Store, cal: WardCalendar, calendar_file: Path
) -> None:
    plan(any_store, cal, date(2026, 3, 1), date(2026, 3, 31))
    march = any_store.posts(cal.unit, channel="facebook")
    monday, wednesday, friday = march[0], march[1], march[2]
    assert [p.due_at.astimezone(cal.tz).strftime("%a") for p in march[:3]] == ["Mon", "Wed", "Fri"]
    any_store.move(cal.unit, [monday.id], APPROVE, actor="test")
    any_store.move(cal.unit, [wednesday.id], CANCEL, actor="test")
    when = datetime.combine(date(2026, 3, 10), time(9), tzinfo=cal.tz)
    any_store.reschedule(cal.unit, friday.id, when, actor="test", tz=cal.tz)

    # drop Monday and Wednesday and Friday from the regular slots: only Saturday remains
    changed = _edit(calendar_file, 'weekdays = ["T2", "T4", "T6"]', 'weekdays = ["T3"]')
    result = plan(any_store, changed, date(2026, 3, 1), date(2026, 3, 31))
    assert result.superseded > 0 and result.added > 0

    assert any_store.get(cal.unit, monday.id).status == Status.APPROVED
    assert any_store.get(cal.unit, wednesday.id).status == Status.CANCELLED
    kept = any_store.get(cal.unit, friday.id)
    assert kept.status == Status.DRAFT and kept.edited and kept.due_at == when
    untouched = [
        p for p in any_store.posts(cal.unit, channel="facebook", statuses=[Status.SUPERSEDED])
    ]
    assert untouched and all(not p.edited for p in untouched)
    # every supersede is in the audit trail
    history = any_store.history(cal.unit, untouched[0].id)
    assert [(t.from_status, t.to_status) for t in history] == [(Status.DRAFT, Status.SUPERSEDED)]

    # revert the calendar: superseded drafts come back, nothing is duplicated
    reverted = _edit(calendar_file, 'weekdays = ["T3"]', 'weekdays = ["T2", "T4", "T6"]')
    back = plan(any_store, reverted, date(2026, 3, 1), date(2026, 3, 31))
    assert back.revived > 0
    again = plan(any_store, reverted, date(2026, 3, 1), date(2026, 3, 31))
    assert (again.added, again.superseded, again.revived) == (0, 0, 0)
    slots = [p.slot_key for p in any_store.posts(cal.unit) if p.status not in (Status.SUPERSEDED,)]
    assert len(slots) == len(set(slots)), "one live post per channel and slot"


def test_approval_not_required_plans_approved_posts(any_store: Store, calendar_file: Path) -> None:
    cal = _edit(calendar_file, "required = true", "required = false")
    plan(any_store, cal, date(2026, 5, 1), date(2026, 5, 31))
    assert set(statuses(any_store, cal.unit)) == {Status.APPROVED}


def test_units_share_one_database(any_store: Store, cal: WardCalendar, calendar_file: Path) -> None:
    plan(any_store, cal, date(2026, 5, 1), date(2026, 5, 31))
    other = _edit(calendar_file, 'id = "kien-an"', 'id = "ngoc-son"')
    result = plan(any_store, other, date(2026, 5, 1), date(2026, 5, 31))
    assert result.added == sum(statuses(any_store, cal.unit).values())
    assert all(p.unit == "ngoc-son" for p in any_store.posts("ngoc-son"))


def test_a_draft_that_may_be_live_is_never_replaced(
    any_store: Store, cal: WardCalendar, calendar_file: Path
) -> None:
    """Sent back to draft after a lost answer: the planner must not swap in a new post for
    the same slot (the old one may be on the Page already)."""
    from sqlalchemy import update

    from campaigns.store.models import POST_TABLE

    plan(any_store, cal, date(2026, 3, 1), date(2026, 3, 31))
    monday = any_store.posts(cal.unit, channel="facebook")[0]
    with any_store.session() as s, s.begin():
        s.execute(update(POST_TABLE).where(POST_TABLE.c.id == monday.id).values(maybe_live=True))
    changed = _edit(calendar_file, 'weekdays = ["T2", "T4", "T6"]', 'weekdays = ["T3"]')
    plan(any_store, changed, date(2026, 3, 1), date(2026, 3, 31))
    kept = any_store.get(cal.unit, monday.id)
    assert kept.status == Status.DRAFT and kept.maybe_live
    same_slot = [p for p in any_store.posts(cal.unit) if p.slot_key == monday.slot_key]
    assert [p.id for p in same_slot] == [monday.id]


def test_designs_are_stored_and_an_unchanged_plan_keeps_them(
    any_store: Store, cal: WardCalendar, calendar_file: Path
) -> None:
    plan(any_store, cal, date(2026, 3, 1), date(2026, 3, 31))
    before = {p.id: p.design for p in any_store.posts(cal.unit)}
    assert all(before.values()) and len(set(before.values())) > 5
    # photos change what the planner would choose for new posts, not the posts it has
    from tests.render.helpers import make_photo

    make_photo(calendar_file.parent / "anh" / "cho.jpg")
    cal = _edit(calendar_file, "[rotation]", '[theme]\nphotos = "anh"\n\n[rotation]')
    again = plan(any_store, cal, date(2026, 3, 1), date(2026, 3, 31))
    assert (again.added, again.superseded, again.unchanged) == (0, 0, len(before))
    after = {p.id: p.design for p in any_store.posts(cal.unit)}
    assert after == before
    fresh = plan(any_store, cal, date(2026, 4, 1), date(2026, 4, 30))  # new posts: photos too
    assert fresh.added and any("anh-nen" in (p.design or "") for p in any_store.posts(cal.unit))
