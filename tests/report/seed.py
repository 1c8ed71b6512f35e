"""A seeded quarter (Q2 2026 of phường Kiến An) with known publications, failures and
engagement; the tests check the report's figures against the numbers written here."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

from sqlalchemy import insert

from campaigns.config import WardCalendar
from campaigns.report.engagement import Counts, Snapshot, record
from campaigns.store import Store
from campaigns.store.lifecycle import (
    APPROVE,
    CANCEL,
    CLAIM,
    FAIL,
    LIVE,
    MISS,
    SUPERSEDE,
)
from campaigns.store.models import Post

TZ = ZoneInfo("Asia/Ho_Chi_Minh")
ROOT = Path(__file__).resolve().parents[2]
CALENDAR = ROOT / "calendar.toml"
AS_OF = datetime(2026, 7, 1, 2, 0, tzinfo=UTC)  # 09:00 on 01/07/2026 in Hà Nội time
PEAK = "Ngày Sức khỏe toàn dân"


class Clock:
    """A clock the test moves by hand."""

    def __init__(self, now: datetime) -> None:
        self.now = now

    def __call__(self) -> datetime:
        return self.now


def local(y: int, mo: int, d: int, h: int = 7, mi: int = 30) -> datetime:
    return datetime(y, mo, d, h, mi, tzinfo=TZ).astimezone(UTC)


def add(store: Store, unit: str, channel: str, at: datetime, content_id: str, kind: str,
        text: str, **extra: Any) -> int:  # fmt: skip
    row = {
        "unit": unit, "campaign": "nq72", "channel": channel,
        "slot_key": f"{channel}|{at.astimezone(TZ):%Y-%m-%dT%H:%M}", "slot_at": at,
        "content_id": content_id, "kind": kind, "text": text, "due_at": at, "status": "draft",
        "edited": False, "attempts": 0, "created_at": at, "created_by": "lập kế hoạch",
        "updated_at": at, **extra,
    }  # fmt: skip
    with store.session() as s, s.begin():
        pid = s.execute(insert(Post).returning(Post.id), [row]).scalar_one()  # type: ignore[arg-type]
    return int(pid)


@dataclass
class Seeded:
    store: Store
    cal: WardCalendar
    clock: Clock
    ids: dict[str, int]


S03 = "Mỗi người dân khỏe mạnh - Cả nước vững mạnh!"
S09 = "Tập thể dục mỗi ngày - Khỏe thân, bền trí!"


def seed_quarter(store: Store, cal: WardCalendar, clock: Clock) -> dict[str, int]:
    u = cal.unit
    ids = {
        "fb_peak": add(store, u, "facebook", local(2026, 4, 7), "s03", "peak", S03, peak=PEAK),
        "zalo_peak": add(store, u, "zalo", local(2026, 4, 7), "s03", "peak", S03, peak=PEAK),
        "web_peak": add(store, u, "website", local(2026, 4, 7, 19), "kham-suc-khoe", "fact",
                        "Khám sức khỏe định kỳ", peak=PEAK),
        "fb_s09": add(store, u, "facebook", local(2026, 4, 20), "s09", "slogan", S09),
        "fb_missed": add(store, u, "facebook", local(2026, 5, 4), "bhyt-2026", "fact", "BHYT"),
        "zalo_cancel": add(store, u, "zalo", local(2026, 5, 6), "s01", "slogan", "s01"),
        "fb_waiting": add(store, u, "facebook", local(2026, 6, 29), "s07", "slogan", "s07"),
        "fb_superseded": add(store, u, "facebook", local(2026, 5, 11), "s02", "slogan", "s02"),
        "fb_next": add(store, u, "facebook", local(2026, 7, 6), "s04", "slogan", "s04"),
        "fb_before": add(store, u, "facebook", local(2026, 3, 30), "s05", "slogan", "s05"),
    }  # fmt: skip
    officer, daemon = "cli:lan@may-phuong", "daemon:may-chu"
    clock.now = local(2026, 3, 25)
    approve = [v for k, v in ids.items() if k != "fb_superseded"]
    store.move(u, approve, APPROVE, actor=officer, reason="duyệt qua dòng lệnh")
    store.move(u, [ids["fb_superseded"]], SUPERSEDE, actor="lập kế hoạch", reason="lịch đổi")
    for key, ext in (("fb_peak", "100_1"), ("zalo_peak", "z1"), ("fb_s09", "100_2"),
                     ("fb_before", "100_0")):  # fmt: skip
        clock.now = store.get(u, ids[key]).due_at
        store.move(u, [ids[key]], CLAIM, actor=daemon)
        url = (
            f"https://www.facebook.com/{ext}" if ext.startswith("100") else f"https://zalo.me/{ext}"
        )
        store.move(u, [ids[key]], LIVE, actor=daemon, values={"external_id": ext, "url": url})
    clock.now = local(2026, 4, 7, 19)
    store.move(u, [ids["web_peak"]], CLAIM, actor=daemon)
    failure = {"error": "Trang web từ chối: ảnh quá lớn", "error_kind": "rejected"}
    store.move(u, [ids["web_peak"]], FAIL, actor=daemon, reason="HTTP 413", values=failure)
    clock.now = local(2026, 5, 4, 12)
    store.move(u, [ids["fb_missed"]], MISS, actor=daemon, reason="máy tắt, quá giờ đăng")
    clock.now = local(2026, 5, 5)
    store.move(u, [ids["zalo_cancel"]], CANCEL, actor=officer, reason="trùng lịch họp")
    record(store, [
        Snapshot(ids["fb_peak"], local(2026, 6, 1), Counts(100, 10, 20)),
        Snapshot(ids["fb_peak"], local(2026, 6, 30, 20), Counts(120, 15, 30)),
        Snapshot(ids["fb_s09"], local(2026, 6, 30, 20), Counts(30, 2, 0)),
    ])  # fmt: skip
    clock.now = AS_OF
    return ids
