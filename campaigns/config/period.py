"""Checks of the calendar's time: a period Loa can plan post by post, and no blackout that
silently removes a peak day or an event (blackouts win over both when slots are expanded)."""

from __future__ import annotations

from datetime import date

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


def check_blackouts(source: TomlSource, cal: Calendar) -> list[Problem]:
    """A blackout over a peak's own day or over an event is refused: nothing of that day
    would be posted, and ``check`` used to say the calendar was fine."""
    problems: list[Problem] = []
    for i, b in enumerate(cal.blackouts):
        if b.end < b.start:
            problems.append(
                source.problem(
                    ("blackouts", i, "to"),
                    f"ngày kết thúc {fmt_date(b.end)} phải sau ngày bắt đầu {fmt_date(b.start)}",
                )
            )
            continue
        span = f"thời gian nghỉ '{b.name}' ({fmt_date(b.start)} – {fmt_date(b.end)})"
        for p in cal.peaks:
            days = (yearly(*p.date, year) for year in range(b.start.year, b.end.year + 1))
            day = next((d for d in days if b.start <= d <= b.end), None)
            if day is not None:
                problems.append(
                    source.problem(
                        ("blackouts", i),
                        f"{span} phủ ngày cao điểm '{p.name}' {fmt_date(day)}: không bài nào "
                        "của ngày đó được đăng. Thu hẹp hoặc dời thời gian nghỉ, hoặc bỏ đợt "
                        "cao điểm này trong [[peaks]]",
                    )
                )
        for j, ev in enumerate(cal.events):
            if b.start <= ev.date <= b.end:
                line = source.line_of(("events", j, "date"))
                problems.append(
                    source.problem(
                        ("blackouts", i),
                        f"{span} phủ sự kiện '{ev.name}' ngày {fmt_date(ev.date)}"
                        + (f" (dòng {line})" if line else "")
                        + ": bài của sự kiện sẽ không được đăng. Dời thời gian nghỉ "
                        "hoặc dời ngày sự kiện",
                    )
                )
    return problems
