"""Vietnamese lunar dates (âm lịch) as solar dates.

The conversion is Hồ Ngọc Đức's algorithm ("Thuật toán tính âm lịch",
https://www.informatik.uni-leipzig.de/~duc/amlich/calrules.html), the reference for the
Vietnamese calendar, as packaged by ``lunar-vn``. Vietnam computes new moons and solar terms
at UTC+7, China at UTC+8, so the two calendars part when a new moon falls in the last hour of
a Hanoi day: Tết 1985 is 21/1 in Vietnam and 20/2 in China, Tết 2007 17/2 and 18/2, Tết 2030
2/2 and 3/2 (new moon at 23:07 Hanoi time). Chinese-calendar libraries give the latter.

A lunar day/month always means the regular month, never the leap month of the same number
(festivals are kept in the regular month); day 30 in a 29-day month is its last day, 29.
"""

from __future__ import annotations

import re
from datetime import date, timedelta

from lunar_vn import convert_lunar_to_solar, convert_solar_to_lunar

VIETNAM_UTC_OFFSET = 7.0

_DAY_MONTH = re.compile(r"^(\d{1,2})/(\d{1,2})$")


def parse_lunar_day_month(text: str) -> tuple[int, int]:
    """'10/3' -> (10, 3): day 1–30 of lunar month 1–12; ValueError in Vietnamese."""
    m = _DAY_MONTH.match(text.strip())
    if not m:
        raise ValueError(f"'{text}' không phải ngày/tháng âm lịch (cần dạng \"10/3\")")
    day, month = int(m.group(1)), int(m.group(2))
    if not 1 <= month <= 12:
        raise ValueError(f"'{text}': tháng âm lịch phải từ 1 đến 12")
    if not 1 <= day <= 30:
        raise ValueError(f"'{text}': ngày âm lịch phải từ 1 đến 30")
    return day, month


def to_solar(day: int, month: int, lunar_year: int) -> date | None:
    """The solar date of ``day``/``month`` (regular month) of ``lunar_year``; day 30 falls on
    29 in a 29-day month. None outside the years the conversion covers (1900–2100)."""
    try:
        first = convert_lunar_to_solar(1, month, lunar_year, 0, VIETNAM_UTC_OFFSET)
        if day == 30 and _month_days(first) == 29:
            day = 29
    except ValueError:
        return None
    return first + timedelta(days=day - 1)


def _month_days(first: date) -> int:
    """29 or 30: the length of the lunar month starting on ``first``."""
    day30 = first + timedelta(days=29)
    lunar = convert_solar_to_lunar(day30.day, day30.month, day30.year, VIETNAM_UTC_OFFSET)
    return 30 if lunar.day == 30 else 29
