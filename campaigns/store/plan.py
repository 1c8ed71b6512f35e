"""Write a plan into the store: idempotent, and gentle with what people touched.

- a wanted post that exists is left alone (a superseded one comes back);
- a wanted post whose slot is held by a post someone approved, edited, cancelled or
  published is not added;
- an untouched draft the calendar no longer wants is marked superseded.
New rows go in with one executemany; moves are recorded like any other.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import insert, select
from sqlmodel import col

from campaigns.planning.planner import DesiredPost
from campaigns.store.lifecycle import REVIVE_APPROVED, REVIVE_DRAFT, SUPERSEDE, planner_may_change
from campaigns.store.models import APPROVED, CANCELLED, DRAFT, SUPERSEDED, Post
from campaigns.store.posts import Store

ACTOR = "lập kế hoạch"


@dataclass(frozen=True)
class PlanResult:
    added: int
    superseded: int
    revived: int
    unchanged: int
    held: int  # wanted slots already held by a post someone touched


def fixed_slots(store: Store, unit: str, until: datetime) -> dict[str, str]:
    """Slots the planner must not touch, with the content they hold (for rotation)."""
    query = select(
        col(Post.slot_key), col(Post.content_id), col(Post.status), col(Post.edited)
    ).where(col(Post.unit) == unit, col(Post.slot_at) < until)
    fixed: dict[str, str] = {}
    with store.session() as s:
        for slot_key, content_id, status, edited in s.execute(query):
            if not planner_may_change(status, edited) and (
                status != CANCELLED or slot_key not in fixed
            ):
                fixed[slot_key] = content_id
    return fixed


def apply_plan(
    store: Store,
    unit: str,
    desired: Sequence[DesiredPost],
    start: datetime,
    end: datetime,
    *,
    approved: bool = False,
) -> PlanResult:
    """Make the store hold ``desired`` for slots in [start, end) of ``unit``."""
    now = store.clock()
    query = select(
        col(Post.id), col(Post.slot_key), col(Post.content_id), col(Post.status), col(Post.edited)
    ).where(col(Post.unit) == unit, col(Post.slot_at) >= start, col(Post.slot_at) < end)
    with store.session() as s, s.begin():
        existing = list(s.execute(query))
        held = {
            key for _, key, _, status, edited in existing if not planner_may_change(status, edited)
        }
        by_key = {(key, content): (pid, status) for pid, key, content, status, _ in existing}
        wanted = {(d.slot_key, d.content_id) for d in desired}

        rows, revive, unchanged, held_count = [], [], 0, 0
        status = APPROVED if approved else DRAFT
        for d in desired:
            found = by_key.get((d.slot_key, d.content_id))
            if found is not None:
                if found[1] == SUPERSEDED and d.slot_key not in held:
                    revive.append(found[0])
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
                    "due_at": d.slot_at, "status": status, "edited": False, "attempts": 0,
                    "created_at": now, "created_by": ACTOR, "updated_at": now,
                }
            )  # fmt: skip
        stale = [
            pid
            for pid, key, content, st, edited in existing
            if st == DRAFT and not edited and (key, content) not in wanted
        ]
        if rows:
            s.execute(insert(Post), rows)
        reason = "lịch đã thay đổi, bài không còn trong kế hoạch"
        gone = store.move(unit, stale, SUPERSEDE, actor=ACTOR, reason=reason, session=s)
        rule = REVIVE_APPROVED if approved else REVIVE_DRAFT
        back = store.move(unit, revive, rule, actor=ACTOR, reason="lịch lại cần bài này", session=s)
    return PlanResult(len(rows), len(gone.changed), len(back.changed), unchanged, held_count)
