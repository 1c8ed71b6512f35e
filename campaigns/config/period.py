"""Checks of the calendar's time: a period Loa can plan post by post, and no blackout that
silently removes a peak day or an event (blackouts win over both when slots are expanded)."""

from __future__ import annotations

from datetime import date

from campaigns.config.dates import dated_blackouts, dated_events
from campaigns.config.model import Calendar
from campaigns.config.toml import TomlSource
from campaigns.errors import Problem
from campaigns.timeutil import fmt_date, yearly

# Every post of the period is planned and stored: 20 years is already ~3,000 posts a channel.
MAX_PERIOD_YEARS = 20


def check_period(source: TomlSource, cal: Calendar, start: date, end: date) -> list[Problem]:
    if end < start:
        return [
            source.problem(
                ("period", "end"),
                f"ngày kết thúc {fmt_date(end)} phải sau ngày bắt đầu {fmt_date(start)}",
            )
        ]
    if end < yearly(start.day, start.month, start.year + MAX_PERIOD_YEARS):
        return []
    loc = ("period", "end") if cal.period.end else ("period",) if cal.period.start else ()
    return [
        source.problem(
            loc or ("campaigns",),
            f"thời gian của lịch ({fmt_date(start)} – {fmt_date(end)}) dài hơn "
            f"{MAX_PERIOD_YEARS} năm: Loa lập kế hoạch từng bài cho cả thời gian này; "
            f"đặt [period] start và end cách nhau tối đa {MAX_PERIOD_YEARS} năm",
        )
    ]


def check_blackouts(source: TomlSource, cal: Calendar, start: date, end: date) -> list[Problem]:
    """A blackout over a peak's own day or over an event of the period is refused: nothing
    of that day would be posted, and ``check`` used to say the calendar was fine. A yearly
    (lunar) blackout is told once, at its first clash."""
    problems: list[Problem] = []
    for i, b in enumerate(cal.blackouts):
        if b.start is not None and b.end is not None and b.end < b.start:
            problems.append(
                source.problem(
                    ("blackouts", i, "to"),
                    f"ngày kết thúc {fmt_date(b.end)} phải sau ngày bắt đầu {fmt_date(b.start)}",
                )
            )
    told: set[tuple[int, str, int]] = set()
    for span in dated_blackouts(cal, start, end) if start <= end else []:
        i, b = span.index, span.blackout
        what = f"thời gian nghỉ '{b.name}' ({fmt_date(span.start)} – {fmt_date(span.end)})"
        for k, p in enumerate(cal.peaks):
            days = (yearly(*p.date, y) for y in range(span.start.year, span.end.year + 1))
            day = next((d for d in days if span.start <= d <= span.end), None)
            if day is not None and start <= day <= end and (i, "peaks", k) not in told:
                told.add((i, "peaks", k))
                problems.append(
                    source.problem(
                        ("blackouts", i),
                        f"{what} phủ ngày cao điểm '{p.name}' {fmt_date(day)}: không bài nào "
                        "của ngày đó được đăng. Thu hẹp hoặc dời thời gian nghỉ, hoặc bỏ đợt "
                        "cao điểm này trong [[peaks]]",
                    )
                )
        for ev in dated_events(cal, max(span.start, start), min(span.end, end)):
            if (i, "events", ev.index) in told:
                continue
            told.add((i, "events", ev.index))
            key = "date" if ev.event.lunar is None else "lunar"
            line = source.line_of(("events", ev.index, key))
            problems.append(
                source.problem(
                    ("blackouts", i),
                    f"{what} phủ sự kiện '{ev.event.name}' ngày {fmt_date(ev.day)}"
                    + (f" (dòng {line})" if line else "")
                    + ": bài của sự kiện sẽ không được đăng. Dời thời gian nghỉ "
                    "hoặc dời ngày sự kiện",
                )
            )
    return problems
