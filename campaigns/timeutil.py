"""Dates and times: stored as aware UTC, shown in the ward's zone as dd/mm/yyyy."""

from __future__ import annotations

import re
from datetime import UTC, date, datetime, time, timedelta
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from campaigns.errors import UserError

DEFAULT_TZ = "Asia/Ho_Chi_Minh"

# Dates Loa plans and reports on: a ward's campaigns, not history. Year 1 or 9999 would
# overflow date arithmetic (peak windows reach a year either side, zones shift a day).
MIN_YEAR, MAX_YEAR = 2000, 2100

_ISO_DATE = re.compile(r"^(\d{4})-(\d{1,2})-(\d{1,2})$")
_VN_DATE = re.compile(r"^(\d{1,2})/(\d{1,2})/(\d{4})$")
_DAY_MONTH = re.compile(r"^(\d{1,2})/(\d{1,2})$")
_TIME = re.compile(r"^(\d{1,2}):(\d{2})$")


def zone(name: str) -> ZoneInfo:
    try:
        return ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError) as exc:
        raise UserError(f"Múi giờ không hợp lệ: '{name}' (ví dụ: {DEFAULT_TZ}).") from exc


def parse_date(text: str) -> date:
    """Accept 2026-04-07 and 07/04/2026; raise ValueError with a Vietnamese reason."""
    text = text.strip()
    if m := _ISO_DATE.match(text):
        y, mo, d = (int(g) for g in m.groups())
    elif m := _VN_DATE.match(text):
        d, mo, y = (int(g) for g in m.groups())
    else:
        raise ValueError(f"'{text}' không phải ngày (cần dạng 07/04/2026 hoặc 2026-04-07)")
    try:
        return date(y, mo, d)
    except ValueError:
        raise ValueError(f"'{text}' không phải ngày có thật") from None


def check_year(year: int) -> None:
    """Raise ValueError (Vietnamese) for a year outside MIN_YEAR..MAX_YEAR."""
    if not MIN_YEAR <= year <= MAX_YEAR:
        raise ValueError(
            f"năm {year} nằm ngoài khoảng Loa lập kế hoạch được ({MIN_YEAR}–{MAX_YEAR})"
        )


def parse_day_month(text: str) -> tuple[int, int]:
    """Accept '27/2' (a yearly date); 29/2 is allowed and falls on 28/2 in common years."""
    m = _DAY_MONTH.match(text.strip())
    if not m:
        raise ValueError(f"'{text}' không phải ngày/tháng (cần dạng 27/2)")
    d, mo = int(m.group(1)), int(m.group(2))
    try:
        date(2024, mo, d)  # a leap year accepts every real day/month
    except ValueError:
        raise ValueError(f"'{text}' không phải ngày có thật") from None
    return d, mo


def yearly(day: int, month: int, year: int) -> date:
    """The date of a yearly day/month in a given year (29/2 -> 28/2 in common years)."""
    try:
        return date(year, month, day)
    except ValueError:
        return date(year, month, day - 1)


def parse_time(text: str) -> time:
    m = _TIME.match(text.strip())
    if not m or int(m.group(1)) > 23 or int(m.group(2)) > 59:
        raise ValueError(f"'{text}' không phải giờ (cần dạng 07:30)")
    return time(int(m.group(1)), int(m.group(2)))


def parse_when(text: str, tz: ZoneInfo) -> datetime:
    """A moment typed by the officer: '07/04/2026 07:30', '2026-04-07 07:30' or ISO 8601.

    Without an offset it is read in the ward's zone; the result is aware UTC.
    """
    text = text.strip()
    try:
        parsed = datetime.fromisoformat(text)
    except ValueError:
        parts = text.replace("T", " ").split()
        if len(parts) != 2:
            raise ValueError(f"'{text}' không phải thời điểm (cần dạng 07/04/2026 07:30)") from None
        parsed = datetime.combine(parse_date(parts[0]), parse_time(parts[1]))
    check_year(parsed.year)
    if parsed.tzinfo is None:
        parsed = parsed.replace(tzinfo=tz)
    return parsed.astimezone(UTC)


def local(moment: datetime, tz: ZoneInfo) -> datetime:
    return moment.astimezone(tz)


def fmt_date(day: date) -> str:
    return day.strftime("%d/%m/%Y")


def fmt_local(moment: datetime, tz: ZoneInfo, *, with_zone: bool = False) -> str:
    """'07/04/2026 07:30' in the ward's zone (optionally followed by the UTC offset)."""
    shown = moment.astimezone(tz)
    text = shown.strftime("%d/%m/%Y %H:%M")
    if with_zone:
        offset = shown.utcoffset() or timedelta(0)
        hours = int(offset.total_seconds() // 3600)
        text += f" (UTC{hours:+d})"
    return text


def utcnow() -> datetime:
    return datetime.now(UTC)


def day_range(start: date, end: date) -> list[date]:
    return [start + timedelta(days=i) for i in range((end - start).days + 1)]
