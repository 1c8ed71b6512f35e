"""Sample data for the TUI's tests and bench: the bundled calendar planned into a database,
with posts in every state the officer meets."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta
from pathlib import Path

from sqlalchemy import insert

from campaigns.config import WardCalendar, load_calendar
from campaigns.store import Post, Store
from campaigns.store.lifecycle import APPROVE, CLAIM, FAIL, LIVE, MISS
from campaigns.store.plan import plan_range

ROOT = Path(__file__).resolve().parents[2]
CALENDAR = ROOT / "calendar.toml"
# 03/04/2026 08:00 in Hà Nội: the week before Ngày Sức khỏe toàn dân (7/4).
NOW = datetime(2026, 4, 3, 1, 0, tzinfo=UTC)


def clock() -> datetime:
    return NOW


def calendar() -> WardCalendar:
    return load_calendar(CALENDAR)


def open_store(path: Path) -> Store:
    return Store.open(f"sqlite:///{path}", clock=clock)


def plan(store: Store, cal: WardCalendar, first: date, last: date) -> None:
    plan_range(store, cal, first, last)


def on_day(store: Store, cal: WardCalendar, day: date) -> list[Post]:
    lo = datetime.combine(day, datetime.min.time(), tzinfo=cal.tz)
    return store.posts(cal.unit, start=lo, end=lo + timedelta(days=1))


def seed(store: Store, cal: WardCalendar) -> dict[str, int]:
    """Plan March–May 2026 and put a few posts in each state; returns ids by role."""
    plan(store, cal, date(2026, 3, 1), date(2026, 5, 31))
    unit = cal.unit
    day = {p.channel: p for p in on_day(store, cal, date(2026, 4, 1))}
    published, failed, missed = day["facebook"], day["zalo"], day["website"]
    ids = [p.id for p in [published, failed, missed] if p.id is not None]
    store.move(unit, ids, APPROVE, actor="test")
    store.move(
        unit, [ids[0]], LIVE, actor="daemon:test",
        values={"url": "https://facebook.com/100000000000001/posts/42", "external_id": "42"},
    )  # fmt: skip
    store.move(unit, [ids[1]], CLAIM, actor="daemon:test")
    store.move(
        unit, [ids[1]], FAIL, actor="daemon:test", reason="mã truy cập hết hạn",
        values={"error": "Zalo từ chối mã truy cập (-216): mã đã hết hạn.", "error_kind": "auth"},
    )  # fmt: skip
    store.move(unit, [ids[2]], MISS, actor="daemon:test", reason="quá giờ")
    soon = [p.id for p in on_day(store, cal, date(2026, 4, 4)) if p.id is not None]
    store.move(unit, soon, APPROVE, actor="test")
    return {"published": ids[0], "failed": ids[1], "missed": ids[2], "approved": soon[0]}


def bulk(store: Store, cal: WardCalendar, n: int) -> None:
    """``n`` synthetic posts, a few a day from the start of 2026 (for the bench)."""
    now = clock()
    channels = [c.name for c in cal.channels]
    items = [item for pool in cal.pools.values() for item in pool.items]
    start = datetime(2026, 1, 1, 0, 30, tzinfo=UTC)
    rows = []
    for i in range(n):
        at = start + timedelta(hours=6 * i)
        item = items[i % len(items)]
        ch = channels[i % len(channels)]
        rows.append(
            {
                "unit": cal.unit, "campaign": "nq72", "channel": ch,
                "slot_key": f"{ch}|bulk-{i}", "slot_at": at, "content_id": item.id,
                "kind": item.kind, "text": item.text, "due_at": at,
                "status": ("draft", "approved", "published", "failed")[i % 4],
                "edited": False, "attempts": 0, "created_at": now, "created_by": "bench",
                "updated_at": now,
            }
        )  # fmt: skip
    with store.session() as s, s.begin():
        s.execute(insert(Post), rows)
