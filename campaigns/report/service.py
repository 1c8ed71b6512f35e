"""One call for the CLI and the TUI: refresh engagement, compute, write, summarise."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING

from campaigns.config.load import WardCalendar
from campaigns.report.blocks import fmt_int, fmt_pct
from campaigns.report.engagement import RefreshResult, refresh
from campaigns.report.figures import build_report
from campaigns.report.model import Report
from campaigns.report.period import Period
from campaigns.report.write import default_name, write_report
from campaigns.store.lifecycle import Status
from campaigns.store.posts import Store
from campaigns.timeutil import fmt_local

if TYPE_CHECKING:
    from campaigns.report.readers import Readers

ReadersFactory = Callable[[WardCalendar], "Readers"]


def _default_readers(cal: WardCalendar) -> Readers:
    from campaigns.report.readers import readers_for  # httpx, only when refreshing

    return readers_for(cal)


@dataclass
class Outcome:
    report: Report
    path: Path
    refreshed: RefreshResult | None = None
    notes: list[str] = field(default_factory=list)  # warnings for the officer


def refresh_period(
    store: Store, cal: WardCalendar, period: Period, readers: ReadersFactory | None = None
) -> tuple[RefreshResult, list[str]]:
    """Fetch the engagement of the period's published posts; problems become notes."""
    start, end = period.bounds(cal.tz)
    posts = store.posts(cal.unit, start=start, end=end, statuses=[Status.PUBLISHED])
    found = (readers or _default_readers)(cal)
    try:
        result = refresh(store, posts, found.by_channel)
    finally:
        found.close()
    used = {p.channel for p in posts}
    notes = [n for n in found.notes if any(f"'{ch}'" in n for ch in used)]
    notes += [
        f"Bài số {pid}: không lấy được số liệu tương tác ({why})."
        for pid, why in sorted(result.failed.items())
    ]
    return result, notes


def make_report(
    store: Store,
    cal: WardCalendar,
    period: Period,
    fmt: str,
    path: Path | None = None,
    *,
    folder: Path | None = None,
    refresh_engagement: bool = True,
    readers: ReadersFactory | None = None,
    as_of: datetime | None = None,
) -> Outcome:
    """Refresh (unless told not to), build and write; ``path`` defaults to
    ``folder/bao-cao-<ward>-<period>.<fmt>``."""
    refreshed: RefreshResult | None = None
    notes: list[str] = []
    if refresh_engagement:
        refreshed, notes = refresh_period(store, cal, period, readers)
    report = build_report(store, cal, period, as_of)
    target = path or (folder or Path.cwd()) / default_name(report, fmt)
    write_report(report, fmt, target)
    return Outcome(report, target, refreshed, notes)


def summary(r: Report) -> list[str]:
    """A few lines for the terminal and the TUI."""
    t = r.totals
    if r.empty:
        lines = [f"Báo cáo {r.period.label}: không có bài nào trong kỳ."]
    else:
        lines = [
            f"Báo cáo {r.period.label}: {fmt_int(t.planned)} bài theo kế hoạch, "
            f"{fmt_int(t.published)} bài đã đăng ({fmt_pct(t.published, t.planned)}), "
            f"{fmt_int(t.failed)} lỗi, {fmt_int(t.missed)} bỏ lỡ, {fmt_int(t.cancelled)} hủy, "
            f"{fmt_int(t.pending)} chưa đăng."
        ]
    for c in r.channels:
        lines.append(f"  {c.label} ({c.channel}): {c.tally.published}/{c.tally.planned} bài")
    if r.engagement_at:
        lines.append(
            f"Tương tác (tính đến {fmt_local(r.engagement_at, r.tz, with_zone=True)}): "
            f"{fmt_int(t.reactions)} cảm xúc, {fmt_int(t.comments)} bình luận, "
            f"{fmt_int(t.shares)} chia sẻ."
        )
    return lines
