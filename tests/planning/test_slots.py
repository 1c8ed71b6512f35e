"""Slot expansion: regular slots, peak windows, events and blackouts."""

from __future__ import annotations

from collections import Counter
from datetime import date
from pathlib import Path

from campaigns.config import load_calendar
from campaigns.planning import desired_posts, expand_slots
from campaigns.planning.slots import peak_windows
from campaigns.timeutil import day_range


def test_regular_slots_follow_weekdays_and_channel_lists(cal) -> None:
    # week of 2026-03-09 (Monday) has no peak, no event, no blackout
    slots = expand_slots(cal, date(2026, 3, 9), date(2026, 3, 15))
    by_day = Counter((s.at.strftime("%a %H:%M"), s.channel) for s in slots)
    assert by_day[("Mon 07:30", "facebook")] == 1
    assert by_day[("Wed 07:30", "website")] == 1
    assert by_day[("Sat 19:30", "zalo")] == 1
    assert ("Sat 19:30", "website") not in by_day  # the Saturday slot lists facebook, zalo
    assert ("Tue 07:30", "facebook") not in by_day
    assert all(s.kind == "regular" and s.at.utcoffset().total_seconds() == 7 * 3600 for s in slots)


def test_peak_window_has_posts_every_day_and_a_peak_day_card(cal) -> None:
    slots = expand_slots(cal, date(2026, 4, 3), date(2026, 4, 9))
    days = sorted({s.at.date() for s in slots if s.peak == "Ngày Sức khỏe toàn dân"})
    assert days == [date(2026, 4, d) for d in (4, 5, 6, 7, 8)]  # 3 before, 1 after
    on_the_day = [s for s in slots if s.at.date() == date(2026, 4, 7) and s.channel == "facebook"]
    assert [(s.at.strftime("%H:%M"), s.kind) for s in on_the_day] == [
        ("07:30", "peak-day"),
        ("19:30", "peak"),
    ]
    # a peak reaches every enabled channel, including those the regular slot skips
    assert {s.channel for s in slots if s.peak} == {"facebook", "zalo", "website"}


def test_blackout_wins_over_everything(cal) -> None:
    # the bundled Tết blackout: 30/12 (29/12, a short month) to 6/1 âm lịch, 16–22/02/2026
    slots = expand_slots(cal, date(2026, 2, 14), date(2026, 2, 23))
    assert not [s for s in slots if date(2026, 2, 16) <= s.at.date() <= date(2026, 2, 22)]
    assert {s.at.date() for s in slots} == {date(2026, 2, 14), date(2026, 2, 23)}


def test_event_replaces_the_slot_at_its_time(cal) -> None:
    slots = expand_slots(cal, date(2026, 3, 20), date(2026, 3, 20))  # a Friday with an event
    kinds = {(s.channel, s.at.strftime("%H:%M")): s.kind for s in slots}
    assert kinds[("facebook", "08:00")] == "event"
    assert kinds[("facebook", "07:30")] == "regular"


def test_peak_window_crossing_new_year(calendar_file: Path) -> None:
    text = calendar_file.read_text(encoding="utf-8").replace(
        'date = "26/12"\ndays_before = 2', 'date = "26/12"\ndays_before = 2\ndays_after = 9'
    )
    calendar_file.write_text(text, encoding="utf-8")
    cal = load_calendar(calendar_file)
    windows = peak_windows(cal, date(2027, 1, 1), date(2027, 1, 10))
    assert [(w.first, w.last) for w in windows] == [(date(2026, 12, 24), date(2027, 1, 4))]


def test_leap_day_peak_falls_on_28_february(calendar_file: Path) -> None:
    text = calendar_file.read_text(encoding="utf-8").replace('"27/2"', '"29/2"')
    calendar_file.write_text(text, encoding="utf-8")
    cal = load_calendar(calendar_file)
    windows = {w.day for w in peak_windows(cal, date(2027, 1, 1), date(2028, 12, 31))}
    assert date(2027, 2, 28) in windows and date(2028, 2, 29) in windows


def test_period_clamps_the_plan(cal) -> None:
    assert desired_posts(cal, date(2031, 1, 1), date(2031, 12, 31)) == []
    first = desired_posts(cal, date(2025, 6, 1), date(2026, 1, 10))
    assert min(p.slot_at.date() for p in first) >= date(2026, 1, 1)


def _edit(calendar_file: Path, old: str, new: str):
    text = calendar_file.read_text(encoding="utf-8")
    assert old in text
    calendar_file.write_text(text.replace(old, new, 1), encoding="utf-8")
    return load_calendar(calendar_file)


def test_an_event_without_a_time_takes_the_earliest_slot_time(calendar_file: Path) -> None:
    cal = _edit(calendar_file, 'date = 2026-03-20\ntime = "08:00"\n', "date = 2026-03-20\n")
    slots = expand_slots(cal, date(2026, 3, 20), date(2026, 3, 20))
    events = {(s.channel, s.at.strftime("%H:%M")) for s in slots if s.kind == "event"}
    assert events == {("facebook", "07:30"), ("zalo", "07:30"), ("website", "07:30")}


def test_overlapping_peak_windows_go_to_the_window_that_starts_first_but_for_a_peak_day(
    calendar_file: Path,
) -> None:
    # a week-long 27/2 window now runs into a 1/3 peak: the overlap belongs to 27/2, except
    # 1/3 itself, which keeps its own peak's card
    cal = _edit(
        calendar_file,
        'date = "27/2"\ndays_before = 2\n',
        'date = "27/2"\ndays_before = 2\ndays_after = 3\n',
    )
    cal = _edit(
        cal.path,
        "# Sự kiện một lần.",
        '[[peaks]]\nname = "Ngày hội mới"\ndate = "1/3"\ndays_before = 1\ndays_after = 1\n'
        "posts_per_day = 1\n\n# Sự kiện một lần.",
    )
    slots = expand_slots(cal, date(2026, 2, 25), date(2026, 3, 3))
    owner = {s.at.date(): s.peak for s in slots if s.channel == "facebook"}
    for day in (date(2026, 2, 28), date(2026, 3, 2)):  # in both windows: the earlier one
        assert owner[day] == "Ngày Thầy thuốc Việt Nam"
    assert owner[date(2026, 3, 1)] == "Ngày hội mới"
    cards = [(s.at.day, s.peak) for s in slots if s.channel == "facebook" and s.kind == "peak-day"]
    assert cards == [(27, "Ngày Thầy thuốc Việt Nam"), (1, "Ngày hội mới")]


def test_no_slot_for_a_disabled_channel_even_when_listed(calendar_file: Path) -> None:
    cal = _edit(
        calendar_file, 'channels = ["facebook", "zalo"]', 'channels = ["facebook", "bang-tin"]'
    )
    cal = _edit(cal.path, 'time = "08:00"\n', 'time = "08:00"\nchannels = ["bang-tin", "zalo"]\n')
    slots = expand_slots(cal, date(2026, 3, 14), date(2026, 3, 21))  # a Saturday and the event
    assert "bang-tin" not in {s.channel for s in slots}
    assert {s.channel for s in slots if s.kind == "event"} == {"zalo"}
    assert any(s.channel == "facebook" and s.at.strftime("%H:%M") == "19:30" for s in slots)


def test_slot_keys_carry_the_date_hour_and_minute(calendar_file: Path) -> None:
    cal = _edit(
        calendar_file, 'time = "19:30"\nweekdays = ["T7"]', 'time = "07:45"\nweekdays = ["T2"]'
    )
    slots = expand_slots(cal, date(2026, 3, 9), date(2026, 3, 9))  # a Monday: 07:30 and 07:45
    keys = sorted(s.key for s in slots if s.channel == "facebook")
    assert keys == ["facebook|2026-03-09T07:30", "facebook|2026-03-09T07:45"]


def test_a_lunar_event_is_planned_every_year_on_its_solar_day(calendar_file: Path) -> None:
    cal = _edit(
        calendar_file,
        "# Sự kiện một lần.",
        '[[events]]\nname = "Giỗ Tổ Hùng Vương"\nlunar = "10/3"\ntime = "08:00"\n\n'
        "# Sự kiện một lần.",
    )
    slots = expand_slots(cal, cal.start, cal.end)
    days = sorted({s.at.date() for s in slots if s.event == "Giỗ Tổ Hùng Vương"})
    assert days == [
        date(2026, 4, 26),
        date(2027, 4, 16),
        date(2028, 4, 4),
        date(2029, 4, 23),
        date(2030, 4, 12),
    ]
    on_the_day = [s for s in slots if s.at.date() == date(2027, 4, 16) and s.channel == "zalo"]
    assert [(s.at.strftime("%H:%M"), s.kind) for s in on_the_day] == [
        ("07:30", "regular"),  # a Friday
        ("08:00", "event"),
    ]


def test_a_lunar_blackout_removes_exactly_its_days_each_year(calendar_file: Path) -> None:
    # a slot every day, so that the only days without one are the blackout's
    cal = _edit(calendar_file, 'weekdays = ["T2", "T4", "T6"]\n', "")
    slots = expand_slots(cal, cal.start, cal.end)
    planned = {s.at.date() for s in slots}
    silent = [d for d in day_range(cal.start, cal.end) if d not in planned]
    tet = [  # 30/12 (29 in these short years) to mùng 6 âm lịch
        (date(2026, 2, 16), date(2026, 2, 22)),
        (date(2027, 2, 5), date(2027, 2, 11)),
        (date(2028, 1, 25), date(2028, 1, 31)),
        (date(2029, 2, 12), date(2029, 2, 18)),
        (date(2030, 2, 1), date(2030, 2, 7)),
    ]
    assert silent == [d for first, last in tet for d in day_range(first, last)]
