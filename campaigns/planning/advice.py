"""What ``loa check`` says about content over time: items that stop being posted, peak
windows that overlap, and preferences the plan cannot keep (all as Vietnamese lines)."""

from __future__ import annotations

from campaigns.config.load import WardCalendar
from campaigns.content.model import ContentItem, in_force
from campaigns.planning.planner import PROMISED, rotation_of
from campaigns.planning.slots import peak_windows
from campaigns.timeutil import fmt_date

_KIND = {"slogan": "Khẩu hiệu", "fact": "Thẻ"}


def _items(cal: WardCalendar) -> dict[str, ContentItem]:
    return {item.id: item for pool in cal.pools.values() for item in pool.items}


def expiries(cal: WardCalendar) -> list[str]:
    """The items whose deadline falls inside the calendar's period, by date."""
    ending = [i for i in _items(cal).values() if i.until is not None and i.until < cal.end]
    return [
        f"{_KIND[i.kind]} '{i.id}' thôi đăng sau {fmt_date(i.until)}."
        for i in sorted(ending, key=lambda i: (i.until, i.id))
        if i.until is not None
    ]


def peak_overlaps(cal: WardCalendar) -> list[str]:
    """Peak windows that share days (said once per pair of peaks, at its first year)."""
    out, seen = [], set()
    windows = peak_windows(cal, cal.start, cal.end)
    for n, a in enumerate(windows):
        for b in windows[n + 1 :]:
            pair = (a.peak.name, b.peak.name)
            if b.first > a.last or pair in seen or a.peak is b.peak:
                continue
            seen.add(pair)
            first, last = b.first, min(a.last, b.last)
            out.append(
                f"Đợt cao điểm '{a.peak.name}' ({fmt_date(a.first)} – {fmt_date(a.last)}) và "
                f"'{b.peak.name}' ({fmt_date(b.first)} – {fmt_date(b.last)}) trùng "
                f"{(last - first).days + 1} ngày: những ngày chung đăng theo đợt bắt đầu trước, "
                "ngày chính của mỗi đợt vẫn có thẻ riêng."
            )
    return out


def unkept_preferences(cal: WardCalendar) -> list[str]:
    """Preferred items expired by the day they are wanted, and peak days or events whose
    promise falls back to plain rotation."""
    items = _items(cal)
    rotation = rotation_of(cal)
    out: list[str] = []
    wanted = [
        (f"Cao điểm '{w.peak.name}'", w.day, w.peak.prefer, PROMISED["peak-day"])
        for w in peak_windows(cal, cal.start, cal.end)
        if cal.start <= w.day <= cal.end
    ]
    wanted += [
        (f"Sự kiện '{d.title}'", d.day, d.event.prefer, PROMISED["event"])
        for d in cal.dated_events(cal.start, cal.end)
    ]
    reported = set()
    for what, day, prefer, kind in wanted:
        for ref in prefer:
            item = items.get(ref)
            if item is None or item.until is None or in_force(item, day) or (what, ref) in reported:
                continue
            reported.add((what, ref))
            out.append(
                f"{what} ưu tiên '{ref}' nhưng nội dung này thôi đăng sau {fmt_date(item.until)}: "
                f"từ {fmt_date(day)} không dùng được."
            )
        if prefer and (what, "") not in reported and rotation.promised(day, prefer, kind) is None:
            reported.add((what, ""))
            need = "khẩu hiệu" if kind == "slogan" else "nội dung"
            out.append(
                f"{what} ngày {fmt_date(day)}: không có {need} ưu tiên nào dùng được, "
                "bài lấy nội dung theo vòng."
            )
    return out
