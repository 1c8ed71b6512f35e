"""Write a plan into the store: idempotent, and gentle with what people touched.

- a wanted post that exists is left alone (a superseded one comes back);
- a wanted post whose slot is held by a post someone approved, edited, cancelled or
  published is not added;
- an untouched draft the calendar no longer wants is marked superseded;
- the officer's own posts (kind ``own``) are never read nor changed.
New rows go in with one executemany; moves are recorded like any other.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from typing import NamedTuple

from sqlalchemy import select
from sqlmodel import Session, col

from campaigns.config import WardCalendar
from campaigns.errors import RuntimeFailure
from campaigns.planning.planner import DesiredPost, desired_posts
from campaigns.store.bulk import insert_rows
from campaigns.store.lifecycle import (
    REVIVE_APPROVED,
    REVIVE_DRAFT,
    SUPERSEDE,
    Status,
    planner_may_change,
)
from campaigns.store.locks import exclusive
from campaigns.store.models import OWN, POST_TABLE, Post
from campaigns.store.posts import Store

ACTOR = "lập kế hoạch"
WAIT_S = 30.0  # for another plan of the same unit to finish
BUSY = "Đang có lệnh lập kế hoạch khác cho {unit}; thử lại sau khi lệnh đó xong."


@dataclass(frozen=True)
class PlanResult:
    added: int
    superseded: int
    revived: int
    unchanged: int
    held: int  # wanted slots already held by a post someone touched
    per_channel: dict[str, int]  # posts the calendar wants in the range, by channel
    at: datetime | None = None  # the plan's time: the posts it added or revived carry it


def plan_range(
    store: Store, cal: WardCalendar, start: date, end: date, wait: float = WAIT_S
) -> PlanResult:
    """Plan ``start``..``end`` (inclusive days in the ward's zone) for the calendar's unit.

    One read of the unit's posts serves both rotation (slots already held since the period
    began) and the diff for the range; one transaction writes the result. Plans of one
    unit take turns: a second waits up to ``wait`` seconds for the first, then gives up
    with a clear message (exit 1: nothing is wrong with the input, retrying will work).
    """
    first, last = max(start, cal.start), min(end, cal.end)
    lo = datetime.combine(first, time(0), tzinfo=cal.tz)
    hi = datetime.combine(last + timedelta(days=1), time(0), tzinfo=cal.tz)
    approved = not cal.config.approval.required
    query = select(
        col(Post.id), col(Post.slot_key), col(Post.content_id), col(Post.status),
        col(Post.edited), col(Post.maybe_live), (col(Post.slot_at) >= lo).label("in_range"),
    ).where(
        col(Post.unit) == cal.unit, col(Post.slot_at) < hi,
        col(Post.kind) != OWN,  # the officer's own posts are not the planner's to touch
    )  # fmt: skip
    with store.session() as s, s.begin():
        if not exclusive(s.connection(), f"plan:{cal.unit}", wait):
            raise RuntimeFailure(BUSY.format(unit=cal.unit))
        # Core, not the ORM session: no ORM row loading for 3,000 plain tuples
        rows = [Row(*r) for r in s.connection().execute(query)]  # type: ignore[arg-type]
        desired = desired_posts(cal, first, last, _held_content(rows))
        return _apply(store, s, cal.unit, desired, [r for r in rows if r.in_range], approved)


class Row(NamedTuple):
    id: int
    slot_key: str
    content_id: str
    status: str
    edited: bool
    maybe_live: bool
    in_range: bool  # slot_at within the planned range (the rest only feeds rotation)


def _held_content(rows: Sequence[Row]) -> dict[str, str]:
    """Slots the planner must not touch, with the content they hold (for rotation)."""
    fixed: dict[str, str] = {}
    for r in rows:
        if not planner_may_change(r.status, r.edited, r.maybe_live) and (
            r.status != Status.CANCELLED or r.slot_key not in fixed
        ):
            fixed[r.slot_key] = r.content_id
    return fixed


def _apply(
    store: Store,
    s: Session,
    unit: str,
    desired: Sequence[DesiredPost],
    existing: Sequence[Row],
    approved: bool,
) -> PlanResult:
    now = store.clock()
    held = {
        r.slot_key for r in existing if not planner_may_change(r.status, r.edited, r.maybe_live)
    }
    by_key = {(r.slot_key, r.content_id): r for r in existing}
    wanted = {(d.slot_key, d.content_id) for d in desired}

    rows: list[dict[str, object]] = []
    revive: list[int] = []
    unchanged = held_count = 0
    status = Status.APPROVED if approved else Status.DRAFT
    for d in desired:
        found = by_key.get((d.slot_key, d.content_id))
        if found is not None:
            if found.status == Status.SUPERSEDED and d.slot_key not in held:
                revive.append(found.id)
            else:
                unchanged += 1
            continue
        if d.slot_key in held:
            held_count += 1
            continue
        rows.append(
            {
                "unit": unit, "campaign": d.campaign, "channel": d.channel,
                "slot_key": d.slot_key, "slot_at": d.slot_at, "content_id": d.content_id,
                "kind": d.kind, "text": d.text, "peak": d.peak, "event": d.event,
                "design": d.design, "variant": d.variant, "due_at": d.slot_at,
                "status": status, "edited": False, "attempts": 0, "maybe_live": False,
                "created_at": now, "created_by": ACTOR, "updated_at": now,
            }
        )  # fmt: skip
    stale = [
        r.id
        for r in existing
        if planner_may_change(r.status, r.edited, r.maybe_live)
        and r.status == Status.DRAFT
        and (r.slot_key, r.content_id) not in wanted
    ]
    insert_rows(s.connection(), POST_TABLE, rows)
    reason = "lịch đã thay đổi, bài không còn trong kế hoạch"
    gone = store.move(unit, stale, SUPERSEDE, actor=ACTOR, reason=reason, session=s)
    rule = REVIVE_APPROVED if approved else REVIVE_DRAFT
    back = store.move(unit, revive, rule, actor=ACTOR, reason="lịch lại cần bài này", session=s)
    per_channel = Counter(d.channel for d in desired)
    return PlanResult(
        len(rows), len(gone.changed), len(back.changed), unchanged, held_count, dict(per_channel),
        now,
    )  # fmt: skip
