"""Lunar to solar dates on the Vietnamese calendar (UTC+7), not the Chinese one (UTC+8)."""

from __future__ import annotations

from datetime import date

import pytest

from campaigns.lunar import parse_lunar_day_month, to_solar


@pytest.mark.parametrize(
    ("lunar_year", "tet"),
    [
        (2026, date(2026, 2, 17)),
        (2027, date(2027, 2, 6)),
        (2028, date(2028, 1, 26)),
        (2029, date(2029, 2, 13)),
        # the new moon is at 23:07 Hanoi time on 2/2 (00:07 on 3/2 in Beijing): the Chinese
        # New Year is 3/2/2030, Tết is a day earlier
        (2030, date(2030, 2, 2)),
        # years where the two calendars part: China has 20/2/1985 and 18/2/2007
        (1985, date(1985, 1, 21)),
        (2007, date(2007, 2, 17)),
    ],
)
def test_tet_falls_on_the_vietnamese_date(lunar_year: int, tet: date) -> None:
    assert to_solar(1, 1, lunar_year) == tet


def test_gio_to_hung_vuong() -> None:
    assert [to_solar(10, 3, y) for y in range(2026, 2031)] == [
        date(2026, 4, 26),
        date(2027, 4, 16),
        date(2028, 4, 4),
        date(2029, 4, 23),
        date(2030, 4, 12),
    ]


def test_day_30_of_a_29_day_month_is_its_last_day() -> None:
    # tháng Chạp Ất Tỵ has 29 days: no "30 Tết" in 2026, the eve is 16/02/2026
    assert to_solar(30, 12, 2025) == to_solar(29, 12, 2025) == date(2026, 2, 16)
    # tháng Chạp Quý Mão has 30 days: 30 Tết is 09/02/2024, the eve of Tết Giáp Thìn
    assert to_solar(29, 12, 2023) == date(2024, 2, 8)
    assert to_solar(30, 12, 2023) == date(2024, 2, 9)


def test_a_month_number_means_the_regular_month_not_the_leap_one() -> None:
    # Ất Tỵ 2025 has a leap 6th month (tháng 6 nhuận, from 25/07/2025)
    assert to_solar(1, 6, 2025) == date(2025, 6, 25)
    assert to_solar(15, 6, 2025) == date(2025, 7, 9)
    assert to_solar(1, 7, 2025) == date(2025, 8, 23)


def test_outside_the_years_the_conversion_covers_is_none() -> None:
    assert to_solar(30, 12, 2100) is None  # falls in 2101


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("10-3", "không phải ngày/tháng âm lịch"),
        ("0/3", "ngày âm lịch phải từ 1 đến 30"),
        ("31/1", "ngày âm lịch phải từ 1 đến 30"),
        ("1/13", "tháng âm lịch phải từ 1 đến 12"),
        ("10/3/2026", "không phải ngày/tháng âm lịch"),
    ],
)
def test_bad_lunar_day_month(text: str, message: str) -> None:
    with pytest.raises(ValueError, match=message):
        parse_lunar_day_month(text)


def test_lunar_day_month_parses() -> None:
    assert parse_lunar_day_month(" 30/12 ") == (30, 12)
