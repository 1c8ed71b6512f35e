"""insert_rows stores exactly what the ORM would: aware UTC datetimes, JSON, booleans."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta, timezone

from campaigns.store import Store
from campaigns.store.bulk import insert_rows
from campaigns.store.models import POST_TABLE


def test_bulk_rows_read_back_like_orm_rows(any_store: Store) -> None:
    hanoi = timezone(timedelta(hours=7))
    when = datetime(2026, 4, 7, 7, 30, tzinfo=hanoi)
    row = {
        "unit": "u", "campaign": "nq72", "channel": "zalo", "slot_key": "zalo|2026-04-07T07:30",
        "slot_at": when, "content_id": "s03", "kind": "peak", "text": "Sống xanh - sống lành!",
        "peak": "Ngày Sức khỏe toàn dân", "event": None, "due_at": when, "status": "draft",
        "edited": True, "attempts": 0, "maybe_live": False, "caption": {"text": "Chú thích có dấu"},
        "created_at": when, "created_by": "lập kế hoạch", "updated_at": when,
    }  # fmt: skip
    with any_store.engine.begin() as conn:
        insert_rows(conn, POST_TABLE, [row, {**row, "content_id": "s04", "caption": None}])
    first, second = any_store.posts("u")
    assert first.due_at == when and first.due_at.tzinfo is not None
    assert first.due_at.utcoffset() == timedelta(0) and first.due_at == when.astimezone(UTC)
    assert first.caption == {"text": "Chú thích có dấu"} and second.caption is None
    assert first.edited is True and first.text == "Sống xanh - sống lành!"
