"""Reporting periods: a quarter (``2026-Q2``), a whole year, or any range of days.

Each period knows its Vietnamese name ("quý II năm 2026") and the period after it, which
the report's last section ("phương hướng, nhiệm vụ quý tới") plans for.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from campaigns.timeutil import check_year, fmt_date

QUARTER = "quarter"
YEAR = "year"
RANGE = "range"

ROMAN = {1: "I", 2: "II", 3: "III", 4: "IV"}
_QUARTER_RE = re.compile(r"^(\d{4})-?[Qq]([1-4])$")


@dataclass(frozen=True)
class Period:
    kind: str  # quarter | year | range
    start: date
    end: date  # inclusive

    @property
    def label(self) -> str:
        """'quý II năm 2026', 'năm 2026', 'từ ngày 01/04/2026 đến ngày 15/05/2026'."""
        if self.kind == QUARTER:
            return f"quý {ROMAN[(self.start.month - 1) // 3 + 1]} năm {self.start.year}"
        if self.kind == YEAR:
            return f"năm {self.start.year}"
        return f"từ ngày {fmt_date(self.start)} đến ngày {fmt_date(self.end)}"

    @property
    def during(self) -> str:
        """For 'Trong …': 'quý II năm 2026', 'thời gian từ ngày … đến ngày …'."""
        return self.label if self.kind != RANGE else f"thời gian {self.label}"

    @property
    def short(self) -> str:
        """For file names and CSV: '2026-Q2', '2026', '2026-04-01_2026-05-15'."""
        if self.kind == QUARTER:
            return f"{self.start.year}-Q{(self.start.month - 1) // 3 + 1}"
        if self.kind == YEAR:
            return str(self.start.year)
        return f"{self.start.isoformat()}_{self.end.isoformat()}"

    @property
    def days(self) -> int:
        return (self.end - self.start).days + 1

    def following(self) -> Period:
        """The period the next-steps section plans for (same length for a range)."""
        if self.kind == QUARTER:
            q = (self.start.month - 1) // 3 + 1
            return quarter(self.start.year + q // 4, q % 4 + 1)
        if self.kind == YEAR:
            return year(self.start.year + 1)
        first = self.end + timedelta(days=1)
        return Period(RANGE, first, first + timedelta(days=self.days - 1))

    @property
    def next_label(self) -> str:
        """How the next-steps heading names the following period."""
        if self.kind == QUARTER:
            return "QUÝ TỚI"
        if self.kind == YEAR:
            return "NĂM TỚI"
        return "THỜI GIAN TỚI"

    def bounds(self, tz: ZoneInfo) -> tuple[datetime, datetime]:
        """[first day 00:00, day after the last 00:00) in the ward's zone."""
        first = datetime.combine(self.start, time(0), tzinfo=tz)
        after = datetime.combine(self.end + timedelta(days=1), time(0), tzinfo=tz)
        return first, after


def quarter(year_: int, q: int) -> Period:
    if q not in ROMAN:
        raise ValueError(f"quý {q} không có (chỉ có quý 1 đến 4)")
    check_year(year_)
    start = date(year_, 3 * q - 2, 1)
    end = date(year_ + (q == 4), (3 * q) % 12 + 1, 1) - timedelta(days=1)
    return Period(QUARTER, start, end)


def year(year_: int) -> Period:
    check_year(year_)
    return Period(YEAR, date(year_, 1, 1), date(year_, 12, 31))


def between(start: date, end: date) -> Period:
    if end < start:
        raise ValueError("ngày kết thúc phải sau ngày bắt đầu")
    return Period(RANGE, start, end)


def parse_quarter(text: str) -> Period:
    """'2026-Q2' (also '2026Q2', '2026-q2')."""
    m = _QUARTER_RE.match(text.strip())
    if not m:
        raise ValueError(f"'{text}' không phải quý (cần dạng 2026-Q2)")
    return quarter(int(m.group(1)), int(m.group(2)))


def quarter_of(day: date) -> Period:
    return quarter(day.year, (day.month - 1) // 3 + 1)
